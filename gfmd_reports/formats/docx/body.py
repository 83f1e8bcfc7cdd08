"""The rendered page's elements as Word's: one small function per element of the contract
(gfmd_reports.formats.contract), as python-docx maps one class to each Word element.

Paragraphs and runs are built with lxml (wordml, runs); tables and pictures, which a report
has few of, go through python-docx, which knows their many details.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import Any, cast

from docx.oxml import OxmlElement
from docx.shared import Emu, Inches
from docx.table import _Cell
from docx.text.run import Run

from gfmd_reports.formats.contract import CLASSES, REVISION_CLASSES
from gfmd_reports.formats.docx.contents import Bookmarks, Contents
from gfmd_reports.formats.docx.notes import Footnotes
from gfmd_reports.formats.docx.numbering import Numbering
from gfmd_reports.formats.docx.revisions import Revisions
from gfmd_reports.formats.docx.runs import PLAIN, Look, add_run, add_text, trim
from gfmd_reports.formats.docx.styles import StyleIndex, word_language
from gfmd_reports.formats.docx.tables import table_grid, table_rows
from gfmd_reports.formats.docx.wordml import (
    BR,
    JC,
    PPR,
    TBL,
    VAL,
    P,
    add,
    keep_with_next,
    new_paragraph,
    number,
    start_page,
)
from gfmd_reports.themes import Theme

_HEADINGS = {"h1": "Title", **{f"h{level}": f"Heading {level - 1}" for level in range(2, 7)}}
_CLASS_STYLES = {
    "subtitle": "Subtitle",
    "byline": "Byline",
    "quote": "Quote",
    "reading-time": "Reading Time",
    "cover-detail": "Cover Detail",
    "status": "Status",
}
_HIDDEN = "for-screen-readers"
_NEW_PAGE = {"cover", "contents", "foreword", "executive-summary", "chapter", "annex"}
"""The parts of a compilation that start a new page."""
_ANNEX_TABLE_TEXT = "Annex Table Text"
"""The style of a compilation's annexes' tables, long lists set small, as in the PDF."""
_CSS_PIXELS_PER_INCH = 96


class Writer:
    """Writes the article of a page (or a compiled page's main) into a document, block by
    block, in order; ``page_numbers`` are the PDF's pages of a compiled page's anchors."""

    def __init__(
        self,
        document,
        styles: StyleIndex,
        root,
        theme: Theme,
        kind: str,
        page_numbers: Mapping[str, int] | None = None,
        revisions: Revisions | None = None,
    ) -> None:
        self.document = document
        self.revisions = revisions
        self.styles = styles
        self.language = word_language(root.get("lang", "en"))
        self.compilation = is_compilation(root)
        self.bookmarks = Bookmarks(root if self.compilation else None)
        self.contents = Contents(styles, self.bookmarks, page_numbers, _text_width(document))
        self.notes = {
            item.get("id"): item for item in root.xpath("//section[@class='footnotes']//li")
        }
        self.footnotes = Footnotes(document, styles)
        self.kind = kind
        self.cell_style = "Normal"
        self.numbering = Numbering(document, theme.tokens, kind)
        self.tokens = theme.tokens
        self.blocks = {
            **dict.fromkeys(("header", "div"), self.write_blocks),
            "nav": self.table_of_contents,
            "section": self.section,
            "article": self.article,
            **dict.fromkeys(_HEADINGS, self.heading),
            "p": self.styled_paragraph,
            "ul": self.bullet_list,
            "ol": self.numbered_list,
            "blockquote": self.block_quote,
            "table": self.table,
            "img": self.image,
        }
        self.inline = {
            **dict.fromkeys(("em", "i"), self.italic),
            **dict.fromkeys(("strong", "b"), self.bold),
            **dict.fromkeys(("a", "span"), self.span),
            "sup": self.sup,
            "sub": self.sub,
            "br": self.line_break,
            "img": self.inline_image,
            **dict.fromkeys(("ins", "del"), self.change),
        }

    # Blocks: each writes an element into a container (the body or a table cell), its loose
    # paragraphs in the given style, its text in the given look.

    def write_blocks(self, element, container, style: str = "Normal", look: Look = PLAIN) -> None:
        """Write an element's children; text and inline elements between blocks make a
        paragraph of their own, as a browser shows them."""
        text, inline = element.text, list[Any]()
        for child in element:
            if child.tag in self.blocks:
                self._loose_paragraph(container, text, inline, style, look)
                if _HIDDEN not in _classes(child):
                    self.blocks[child.tag](child, container, style, self._in_language(child, look))
                text, inline = child.tail, []
            else:
                inline.append(child)
        self._loose_paragraph(container, text, inline, style, look)

    def _loose_paragraph(self, container, text, inline, style: str, look: Look) -> None:
        if inline or (text and text.strip()):
            paragraph = new_paragraph(container, self.styles.style_id(style))
            self.write_inline(paragraph, text, inline, look)
            trim(paragraph)

    def section(self, element, container, style: str, look: Look) -> None:
        """A section's blocks, a compilation's parts each on a new page, its annexes' tables
        in the notes' size; a compiled page's notes are footnotes, cited where they are."""
        if "footnotes" in _classes(element):
            return
        cell_style = self.cell_style
        if self.compilation and "annex" in _classes(element):
            self.cell_style = _ANNEX_TABLE_TEXT
        with self._on_a_new_page(element, container):
            self.write_blocks(element, container, style, look)
        self.cell_style = cell_style

    def table_of_contents(self, element, container, style: str, look: Look) -> None:
        """A compilation's contents, on a new page: its heading in Word's TOC Heading style,
        its entries as Word's own TOC field, with the PDF's page numbers."""
        with self._on_a_new_page(element, container):
            heading = element.find("h2")
            if heading is not None:
                self.bookmarks.mark(
                    self.styled_paragraph(heading, container, "TOC Heading", look), heading
                )
            entries = [item for list_ in element.iter("ol") for item in list_.iter("li")]
            self.contents.write(entries, container, partial(self._entry_text, look=look))

    def _entry_text(self, holder, element, look: Look) -> None:
        self.write_inline(holder, element.text, element, self._in_language(element, look))

    @contextmanager
    def _on_a_new_page(self, element, container) -> Iterator[None]:
        """Start a compilation's cover, contents, front matter, chapters and annexes on a
        new page, as the PDF does, by a page break before the first paragraph written."""
        previous = _last_block(container)
        yield
        if not self.compilation or _NEW_PAGE.isdisjoint(_classes(element)) or previous is None:
            return
        first = previous.getnext()
        if first is not None and first.tag == P:
            start_page(first)

    def article(self, element, container, style: str, look: Look) -> None:
        """A report in a compilation's chapter, its lists in its own kind's bullets."""
        self.numbering.kind = article_kind(element)
        self.write_blocks(element, container, style, look)
        self.numbering.kind = self.kind

    def heading(self, element, container, style: str, look: Look) -> None:
        paragraph = self.styled_paragraph(element, container, _HEADINGS[element.tag], look)
        self.bookmarks.mark(paragraph, element)

    def bullet_list(self, element, container, style: str, look: Look) -> None:
        self._list(element, container, "List Bullet", self.numbering.new_list(False), look)

    def numbered_list(self, element, container, style: str, look: Look) -> None:
        self._list(element, container, "List Number", self.numbering.new_list(True), look)

    def _list(self, element, container, style: str, list_id: int, look: Look) -> None:
        for item in element:
            if _HIDDEN not in _classes(item):
                number(self.styled_paragraph(item, container, style, look), list_id)

    def block_quote(self, element, container, style: str, look: Look) -> None:
        self.write_blocks(element, container, "Block Text", look)

    def table(self, element, container, style: str, look: Look) -> None:
        """A Word table in the Table Grid style, with its caption above it, header rows that
        Word repeats on every page, and cells spanning rows and columns as in the page."""
        caption = element.find("caption")
        if caption is not None:
            self.styled_paragraph(caption, container, "Caption", look)
        rows = table_rows(element)
        cells = list(table_grid(rows))
        columns = max((column + width for _, column, _, width, _ in cells), default=0)
        if not columns:
            return
        table = self._add_table(container, len(rows), columns)
        table._tbl.tblStyle_val = self._class_style_id(element, "table", "Table Grid")
        # python-docx's table.cell() lists every cell of the table at each call, which made
        # an annex of 600 rows take half a minute: the grid is listed once, and again only
        # after a merge changes it.
        grid = None
        for row, column, height, width, cell in cells:
            grid = grid or table._cells
            word_cell = grid[row * columns + column]
            if height > 1 or width > 1:
                corner = grid[(row + height - 1) * columns + column + width - 1]
                word_cell, grid = word_cell.merge(corner), None
            self._cell(word_cell._tc, cell, replace(look, bold=look.bold or cell.tag == "th"))
        for index, row in enumerate(rows):
            if row.getparent().tag == "thead":
                table.rows[index]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def _add_table(self, container, rows: int, columns: int):
        """A table as wide as the text in the body; in a cell, as wide as the cell, and
        followed by the paragraph Word wants at a cell's end."""
        if container is self.document.element.body:
            return self.document.add_table(rows=rows, cols=columns)
        return _Cell(container, cast(Any, None)).add_table(rows, columns)  # XML only

    def _cell(self, cell_element, cell, look: Look) -> None:
        """Write a cell's content in place of the empty paragraph a new Word cell holds."""
        empty = cell_element.find(P)
        self.write_blocks(cell, cell_element, self.cell_style, look)
        blocks = [child for child in cell_element if child.tag in (P, TBL)]
        if len(blocks) > 1:  # more than the empty paragraph
            cell_element.remove(empty)

    def image(self, element, container, style: str, look: Look) -> None:
        paragraph = new_paragraph(container, self.styles.style_id("Normal"))
        add(paragraph.find(PPR), JC, {VAL: "center"})
        self._add_picture(paragraph, element)

    def styled_paragraph(self, element, container, style: str, look: Look):
        """A paragraph (p, li, caption) in the style its class names (Subtitle, or a theme's
        own), else in ``style``."""
        known = [_CLASS_STYLES[name] for name in _classes(element) if name in _CLASS_STYLES]
        style = known[0] if known else style
        paragraph = new_paragraph(container, self._class_style_id(element, "paragraph", style))
        self.write_inline(paragraph, element.text, element, look)
        trim(paragraph)
        self._mark_if_changed(paragraph, element)
        if style == "Reading Time":
            _keep_with_the_paragraph_before(paragraph)
        return paragraph

    def _mark_if_changed(self, paragraph, element) -> None:
        """Track a paragraph a comparison found in one version only (see the contract)."""
        marks = [name for name in _classes(element) if name in REVISION_CLASSES]
        if marks and self.revisions is not None:
            self.revisions.mark_paragraph(paragraph, marks[0])

    def _class_style_id(self, element, kind: str, based_on: str | None) -> str | None:
        """The id of the style an element's class of the theme's own names (see the contract's
        STYLE_CLASSES), or of ``based_on`` if it has none."""
        own = [name for name in _classes(element) if name not in CLASSES]
        if not own:
            return self.styles.style_id(based_on) if based_on else None
        return self.styles.class_style_id(own[0], kind, based_on)

    # Inline elements: each writes an element's runs into a paragraph.

    def write_inline(self, paragraph, text: str | None, children, look: Look) -> None:
        add_text(paragraph, text, look, self.tokens)
        for child in children:
            if _HIDDEN not in _classes(child):
                style_id = self._class_style_id(child, "character", None) or look.style_id
                child_look = self._in_language(child, replace(look, style_id=style_id))
                self.inline[child.tag](paragraph, child, child_look)
            add_text(paragraph, child.tail, look, self.tokens)

    def write_note(self, paragraph, note, language: str | None) -> None:
        """A note's text, in the language of the text that cites it."""
        self.write_inline(paragraph, note.text, note, replace(PLAIN, language=language))

    def _in_language(self, element, look: Look) -> Look:
        """The look of an element's text in the language its ``lang`` names, if it has one
        (None where that is the document's own)."""
        language = element.get("lang")
        if language is None:
            return look
        word = word_language(language)
        return replace(look, language=None if word == self.language else word)

    def italic(self, paragraph, element, look: Look) -> None:
        self.write_inline(paragraph, element.text, element, replace(look, italic=True))

    def bold(self, paragraph, element, look: Look) -> None:
        self.write_inline(paragraph, element.text, element, replace(look, bold=True))

    def span(self, paragraph, element, look: Look) -> None:
        """A span, or a link kept as its text (a note's link back to its call is left out)."""
        if "footnote-back" not in _classes(element):
            self.write_inline(paragraph, element.text, element, look)

    def sup(self, paragraph, element, look: Look) -> None:
        if "footnote-ref" in _classes(element):
            note = self.notes[element.find("a").get("href").removeprefix("#")]
            self.footnotes.cite(paragraph, note, partial(self.write_note, language=look.language))
        else:
            self.write_inline(paragraph, element.text, element, replace(look, superscript=True))

    def sub(self, paragraph, element, look: Look) -> None:
        self.write_inline(paragraph, element.text, element, replace(look, subscript=True))

    def change(self, paragraph, element, look: Look) -> None:
        """A comparison's changed words (ins, del): their runs in a tracked change."""
        assert self.revisions is not None  # the contract allows them in a comparison only
        start = len(paragraph)
        self.write_inline(paragraph, element.text, element, look)
        self.revisions.wrap(paragraph, start, element.tag)

    def line_break(self, paragraph, element, look: Look) -> None:
        add(add_run(paragraph), BR)

    def inline_image(self, paragraph, element, look: Look) -> None:
        self._add_picture(paragraph, element)

    def _add_picture(self, paragraph, image) -> None:
        """Place an image that the page holds as a data: URL (a theme's logo, checked by the
        contract) in a paragraph, with its alt text as Word's description of the picture."""
        data = base64.b64decode(image.get("src").split(";base64,", 1)[1])
        size = {
            name: Inches(int(value) / _CSS_PIXELS_PER_INCH)
            for name in ("width", "height")
            if (value := image.get(name, "").strip()).isdigit()
        }
        part = self.footnotes.part
        if part is None or not self.footnotes.holds(paragraph):
            part = self.document.part
        run = Run(add_run(paragraph), part)  # the part the picture is related from
        shape = run.add_picture(io.BytesIO(data), **size)
        shape._inline.docPr.set("descr", image.get("alt", ""))


def is_compilation(root) -> bool:
    """Whether a page is a compilation of reports (a Chair's Report) rather than one report."""
    (body,) = root.iter("body")
    return "compilation" in _classes(body)


def article_kind(article) -> str:
    """Whether an article is an oral report's (read aloud) or a written one's."""
    return "oral" if "oral" in _classes(article) else "written"


def _classes(element) -> list[str]:
    return element.get("class", "").split()


def _last_block(container):
    """The last paragraph or table of a body or cell (its section properties left out)."""
    blocks = [child for child in container if child.tag in (P, TBL)]
    return blocks[-1] if blocks else None


def _text_width(document) -> int:
    """The width between the margins, in twentieths of a point (Word's tab positions)."""
    section = document.sections[0]
    return Emu(section.page_width - section.left_margin - section.right_margin).twips


def _keep_with_the_paragraph_before(paragraph) -> None:
    """Keep a reading time on the page of the words it times, as the PDF does: Word has no
    “keep with previous”, so the paragraph before keeps with its next."""
    previous = paragraph.getprevious()
    if previous is not None and previous.tag == P:
        keep_with_next(previous)
