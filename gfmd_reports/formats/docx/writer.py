"""The rendered page's elements as Word's: one small function per element of the contract
(gfmd_reports.formats.contract), as python-docx maps one class to each Word element."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from docx.text.paragraph import Paragraph

from gfmd_reports.formats.contract import CLASSES
from gfmd_reports.formats.docx.notes import Footnotes, Numbering, number_paragraph
from gfmd_reports.formats.docx.styles import class_style, find_style, set_emphasis
from gfmd_reports.themes import DesignTokens, Theme

_HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
_CLASS_STYLES = {
    "subtitle": "Subtitle",
    "byline": "Byline",
    "quote": "Quote",
    "reading-time": "Reading Time",
}
_HIDDEN = "for-screen-readers"
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_CSS_PIXELS_PER_INCH = 96
_MAX_SPAN = 1_000


@dataclass(frozen=True)
class _Look:
    """How inline elements around a run make it look."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False
    subscript: bool = False
    style_id: str | None = None
    """The character style a theme's class names."""


_PLAIN = _Look()


class Writer:
    """Writes the article of a page into a document, block by block, in order."""

    def __init__(self, document, root, theme: Theme, kind: str) -> None:
        self.document = document
        self.notes = {
            item.get("id"): item for item in root.xpath("//section[@class='footnotes']//li")
        }
        self.footnotes = Footnotes(document)
        self.numbering = Numbering(document, theme.tokens, kind)
        self.tokens: DesignTokens = theme.tokens
        self.theme_name = theme.name
        self.style_ids: dict[tuple[str, str], str] = {}
        self.blocks = {
            **dict.fromkeys(("header", "section", "div"), self.write_blocks),
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
        }

    # Blocks: each writes an element into a target (the document or a table cell), its loose
    # paragraphs in the given style, its text in the given look.

    def write_blocks(self, element, target, style: str = "Normal", look: _Look = _PLAIN) -> None:
        """Write an element's children; text and inline elements between blocks make a
        paragraph of their own, as a browser shows them."""
        text, inline = element.text, list[Any]()
        for child in element:
            if child.tag in self.blocks:
                self._loose_paragraph(target, text, inline, style, look)
                if _HIDDEN not in _classes(child):
                    self.blocks[child.tag](child, target, style, look)
                text, inline = child.tail, []
            else:
                inline.append(child)
        self._loose_paragraph(target, text, inline, style, look)

    def _loose_paragraph(self, target, text, inline, style: str, look: _Look) -> None:
        if inline or (text and text.strip()):
            paragraph = self.new_paragraph(target, self.style_id(style))
            self.write_inline(paragraph, text, inline, look)
            _trim(paragraph)

    def heading(self, element, target, style: str, look: _Look) -> None:
        self.styled_paragraph(element, target, _HEADINGS[element.tag], look)

    def bullet_list(self, element, target, style: str, look: _Look) -> None:
        self._list(element, target, "List Bullet", self.numbering.new_list(ordered=False), look)

    def numbered_list(self, element, target, style: str, look: _Look) -> None:
        self._list(element, target, "List Number", self.numbering.new_list(ordered=True), look)

    def _list(self, element, target, style: str, number: int, look: _Look) -> None:
        for item in element:
            if _HIDDEN not in _classes(item):
                number_paragraph(self.styled_paragraph(item, target, style, look), number)

    def block_quote(self, element, target, style: str, look: _Look) -> None:
        self.write_blocks(element, target, "Block Text", look)

    def table(self, element, target, style: str, look: _Look) -> None:
        """A Word table in the Table Grid style, with its caption above it, header rows that
        Word repeats on every page, and cells spanning rows and columns as in the page."""
        caption = element.find("caption")
        if caption is not None:
            self.styled_paragraph(caption, target, "Caption", look)
        rows = _table_rows(element)
        cells = list(_table_grid(rows))
        columns = max((column + width for _, column, _, width, _ in cells), default=0)
        if not columns:
            return
        table = target.add_table(rows=len(rows), cols=columns)
        table._tbl.tblStyle_val = self._class_style_id(element, "table", "Table Grid")
        for row, column, height, width, cell in cells:
            word_cell = table.cell(row, column)
            if height > 1 or width > 1:
                word_cell = word_cell.merge(table.cell(row + height - 1, column + width - 1))
            self._cell(word_cell, cell, replace(look, bold=look.bold or cell.tag == "th"))
        for index, row in enumerate(rows):
            if row.getparent().tag == "thead":
                table.rows[index]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def _cell(self, word_cell, cell, look: _Look) -> None:
        """Write a cell's content in place of the empty paragraph a new Word cell holds."""
        empty = word_cell.paragraphs[0]._p
        self.write_blocks(cell, word_cell, "Normal", look)
        if len(word_cell.paragraphs) > 1 or len(word_cell.tables):
            empty.getparent().remove(empty)

    def image(self, element, target, style: str, look: _Look) -> None:
        paragraph = self.new_paragraph(target, self.style_id("Normal"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_picture(paragraph, element)

    def styled_paragraph(self, element, target, style: str, look: _Look) -> Paragraph:
        """A paragraph (p, li, caption) in the style its class names (Subtitle, or a theme's
        own), else in ``style``."""
        known = [_CLASS_STYLES[name] for name in _classes(element) if name in _CLASS_STYLES]
        style = known[0] if known else style
        paragraph = self.new_paragraph(target, self._class_style_id(element, "paragraph", style))
        self.write_inline(paragraph, element.text, element, look)
        _trim(paragraph)
        if style == "Reading Time":
            _keep_with_the_paragraph_before(paragraph)
        return paragraph

    def new_paragraph(self, target, style_id: str | None) -> Paragraph:
        """Add a paragraph in the style of that id (None: the default paragraph style)."""
        paragraph = target.add_paragraph()
        paragraph._p.get_or_add_pPr().style = style_id
        return paragraph

    def style_id(self, name: str) -> str:
        """A style's id, looked up once per document: python-docx's own lookup scans every
        style for each paragraph, which made long reports slow."""
        if ("", name) not in self.style_ids:
            self.style_ids["", name] = find_style(self.document.styles, name).style_id
        return self.style_ids["", name]

    def _class_style_id(self, element, kind: str, based_on: str | None) -> str | None:
        """The id of the style an element's class of the theme's own names (see the contract's
        STYLE_CLASSES), or of ``based_on`` if it has none."""
        own = [name for name in _classes(element) if name not in CLASSES]
        if not own:
            return self.style_id(based_on) if based_on else None
        if (kind, own[0]) not in self.style_ids:
            style = class_style(self.document, own[0], kind, based_on, self.theme_name)
            self.style_ids[kind, own[0]] = style.style_id
        return self.style_ids[kind, own[0]]

    # Inline elements: each writes an element's runs into a paragraph.

    def write_inline(self, paragraph: Paragraph, text: str | None, children, look: _Look) -> None:
        self._text(paragraph, text, look)
        for child in children:
            if _HIDDEN not in _classes(child):
                style_id = self._class_style_id(child, "character", None) or look.style_id
                self.inline[child.tag](paragraph, child, replace(look, style_id=style_id))
            self._text(paragraph, child.tail, look)

    def write_note(self, paragraph: Paragraph, note) -> None:
        self.write_inline(paragraph, note.text, note, _PLAIN)

    def italic(self, paragraph: Paragraph, element, look: _Look) -> None:
        self.write_inline(paragraph, element.text, element, replace(look, italic=True))

    def bold(self, paragraph: Paragraph, element, look: _Look) -> None:
        self.write_inline(paragraph, element.text, element, replace(look, bold=True))

    def span(self, paragraph: Paragraph, element, look: _Look) -> None:
        """A span, or a link kept as its text (a note's link back to its call is left out)."""
        if "footnote-back" not in _classes(element):
            self.write_inline(paragraph, element.text, element, look)

    def sup(self, paragraph: Paragraph, element, look: _Look) -> None:
        if "footnote-ref" in _classes(element):
            note = self.notes[element.find("a").get("href").removeprefix("#")]
            self.footnotes.cite(paragraph, note, self.write_note)
        else:
            self.write_inline(paragraph, element.text, element, replace(look, superscript=True))

    def sub(self, paragraph: Paragraph, element, look: _Look) -> None:
        self.write_inline(paragraph, element.text, element, replace(look, subscript=True))

    def line_break(self, paragraph: Paragraph, element, look: _Look) -> None:
        paragraph.add_run().add_break()

    def inline_image(self, paragraph: Paragraph, element, look: _Look) -> None:
        _add_picture(paragraph, element)

    def _text(self, paragraph: Paragraph, text: str | None, look: _Look) -> None:
        if not text:
            return
        for segment, script_font in _script_segments(_WHITESPACE.sub(" ", text), self.tokens):
            run = paragraph.add_run(segment)
            if look.style_id:
                run._r.get_or_add_rPr().style = look.style_id
            set_emphasis(run.font, look.bold or None, look.italic or None)
            if look.superscript or look.subscript:
                run.font.superscript, run.font.subscript = look.superscript, look.subscript
            if script_font:
                fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
                fonts.set(qn("w:cs"), script_font)
                if _ARABIC.search(segment):
                    run._r.get_or_add_rPr().get_or_add_rtl()


def _classes(element) -> list[str]:
    return element.get("class", "").split()


def _table_rows(table) -> list:
    """The rows in the order a browser shows them: head, body, foot."""
    groups: dict[str, list] = {"thead": [], "tbody": [], "tfoot": []}
    for child in table:
        if child.tag in groups:
            groups[child.tag].extend(child)
        elif child.tag == "tr":
            groups["tbody"].append(child)
    return [*groups["thead"], *groups["tbody"], *groups["tfoot"]]


def _table_grid(rows) -> Iterator[tuple[int, int, int, int, Any]]:
    """Place each cell on the table's grid as a browser does: (row, column, rows spanned,
    columns spanned, cell), a cell spanning rows taking its columns in the rows below."""
    taken: set[tuple[int, int]] = set()
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row:
            while (row_index, column) in taken:
                column += 1
            height = min(_span(cell, "rowspan"), len(rows) - row_index)
            width = _span(cell, "colspan")
            taken.update(
                (row_index + down, column + across)
                for down in range(height)
                for across in range(width)
            )
            yield row_index, column, height, width, cell
            column += width


def _span(cell, attribute: str) -> int:
    """A cell's rowspan or colspan, bounded as browsers bound colspan."""
    value = cell.get(attribute, "1").strip()
    return max(1, min(int(value), _MAX_SPAN)) if value.isdigit() else 1


def _add_picture(paragraph: Paragraph, image) -> None:
    """Place an image that the page holds as a data: URL (a theme's logo, checked by the
    contract) in a paragraph, with its alt text as Word's description of the picture."""
    data = base64.b64decode(image.get("src").split(";base64,", 1)[1])
    size = {
        name: Inches(int(value) / _CSS_PIXELS_PER_INCH)
        for name in ("width", "height")
        if (value := image.get(name, "").strip()).isdigit()
    }
    shape = paragraph.add_run().add_picture(io.BytesIO(data), **size)
    shape._inline.docPr.set("descr", image.get("alt", ""))


def _script_segments(text: str, tokens: DesignTokens) -> Iterator[tuple[str, str | None]]:
    """Split text where the script changes between Thai, Arabic and the rest.

    Word takes complex-script glyphs from a run's ``w:cs`` font, one per run; East Asian text
    uses the ``w:eastAsia`` font that the document defaults already name.
    """
    font_for = {"arabic": tokens.arabic_font, "thai": tokens.thai_font, "other": None}
    start, current = 0, None
    for index, character in enumerate(text):
        script = (
            "arabic" if _ARABIC.match(character) else "thai" if _THAI.match(character) else None
        )
        if script is None and character in " ,.;:!?’'“”()-" and current is not None:
            script = current  # punctuation and spaces stay with the script around them
        script = script or "other"
        if current is not None and script != current:
            yield text[start:index], font_for[current]
            start = index
        current = script
    if current is not None:
        yield text[start:], font_for[current]


def _keep_with_the_paragraph_before(paragraph: Paragraph) -> None:
    """Keep a reading time on the page of the words it times, as the PDF does: Word has no
    “keep with previous”, so the paragraph before keeps with its next."""
    previous = paragraph._p.getprevious()
    if previous is not None and previous.tag == qn("w:p"):
        Paragraph(previous, paragraph._parent).paragraph_format.keep_with_next = True


def _trim(paragraph: Paragraph) -> None:
    """Drop the spaces that HTML indentation leaves at a paragraph's edges."""
    runs = [run for run in paragraph.runs if run.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
