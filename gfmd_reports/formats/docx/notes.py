"""Real footnotes and real list numbering, built element by element (never XML from text, so a
theme's bullet ``&`` or ``<`` is a character like any other)."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.story import StoryPart
from docx.text.paragraph import Paragraph

from gfmd_reports.formats.docx.settings import put_setting
from gfmd_reports.formats.docx.styles import find_style
from gfmd_reports.themes import DesignTokens

_SEPARATORS = (
    ("separator", "-1", "w:separator"),
    ("continuationSeparator", "0", "w:continuationSeparator"),
)


def word_element(tag: str, *children, **attributes: str):
    """A WordprocessingML element with ``w:`` attributes and the given children."""
    element = OxmlElement(tag, {qn(f"w:{name}"): value for name, value in attributes.items()})
    for child in children:
        element.append(child)
    return element


class Footnotes:
    """The document's footnotes part, with Word's two separator notes and one note per call.

    It is a story part, as the body is, so that its paragraphs resolve style names.
    """

    def __init__(self, document) -> None:
        self.document = document
        self.part: StoryPart | None = None

    def _footnotes_element(self):
        if self.part is None:
            footnotes = word_element("w:footnotes", *map(_separator_note, _SEPARATORS))
            package = self.document.part.package
            self.part = StoryPart(
                PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, footnotes, package
            )
            self.document.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
            put_setting(
                self.document.settings.element,
                word_element(
                    "w:footnotePr", *(word_element("w:footnote", id=i) for _, i, _ in _SEPARATORS)
                ),
            )
        return self.part.element

    def cite(self, paragraph: Paragraph, note, write_inline) -> None:
        """Add a footnote with the note's text (written by ``write_inline``), referenced at the
        end of the paragraph so far."""
        footnotes = self._footnotes_element()
        assert self.part is not None  # made by _footnotes_element
        number = len(footnotes.findall(qn("w:footnote"))) - 1  # after the two separators
        footnote = word_element("w:footnote", id=str(number))
        footnotes.append(footnote)
        note_paragraph = Paragraph(OxmlElement("w:p"), self.part)
        footnote.append(note_paragraph._p)
        note_paragraph.style = find_style(self.document.styles, "Footnote Text")
        self._reference_run(note_paragraph, word_element("w:footnoteRef"))
        note_paragraph.add_run(" ")
        write_inline(note_paragraph, note)
        _trim_end(note_paragraph)
        self._reference_run(paragraph, word_element("w:footnoteReference", id=str(number)))

    def _reference_run(self, paragraph: Paragraph, reference) -> None:
        run = paragraph.add_run(style=find_style(self.document.styles, "Footnote Reference"))
        run._r.append(reference)


def _separator_note(separator: tuple[str, str, str]):
    kind, identifier, mark = separator
    spacing = word_element("w:spacing", after="0", line="240", lineRule="auto")
    paragraph = word_element(
        "w:p", word_element("w:pPr", spacing), word_element("w:r", OxmlElement(mark))
    )
    return word_element("w:footnote", paragraph, type=kind, id=identifier)


def _trim_end(paragraph: Paragraph) -> None:
    runs = [run for run in paragraph.runs if run.text.strip()]
    if runs:
        runs[-1].text = runs[-1].text.rstrip()


class Numbering:
    """Numbering definitions: the theme's bullet for bullet lists, and numbers that restart."""

    def __init__(self, document, tokens: DesignTokens, kind: str) -> None:
        self.numbering = document.part.numbering_part.element
        bullet = tokens.bullet_oral if kind == "oral" else tokens.bullet_written
        self.bullet_definition = self._add_definition("bullet", bullet)
        self.number_definition = self._add_definition("decimal", "%1.")

    def _add_definition(self, format: str, text: str) -> int:
        existing = [
            int(a.get(qn("w:abstractNumId"))) for a in self.numbering.iter(qn("w:abstractNum"))
        ]
        identifier = max(existing, default=0) + 1
        level = word_element(
            "w:lvl",
            word_element("w:start", val="1"),
            word_element("w:numFmt", val=format),
            word_element("w:lvlText", val=text),
            word_element("w:lvlJc", val="left"),
            word_element("w:pPr", word_element("w:ind", left="567", hanging="397")),
            ilvl="0",
        )
        definition = word_element(
            "w:abstractNum",
            word_element("w:multiLevelType", val="singleLevel"),
            level,
            abstractNumId=str(identifier),
        )
        # Word wants every abstractNum before the first num.
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(definition)
        else:
            self.numbering.append(definition)
        return identifier

    def new_list(self, ordered: bool) -> int:
        """Start a list of its own: a new ``w:num`` whose count starts again at 1."""
        definition = self.number_definition if ordered else self.bullet_definition
        existing = [int(n.get(qn("w:numId"))) for n in self.numbering.iter(qn("w:num"))]
        number = max(existing, default=0) + 1
        restart = word_element("w:lvlOverride", word_element("w:startOverride", val="1"), ilvl="0")
        num = word_element(
            "w:num",
            word_element("w:abstractNumId", val=str(definition)),
            restart,
            numId=str(number),
        )
        cleanup = self.numbering.find(qn("w:numIdMacAtCleanup"))  # the schema's last element
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.numbering.append(num)
        return number


def number_paragraph(paragraph: Paragraph, number: int) -> None:
    """Make a paragraph an item of a list started by ``Numbering.new_list``."""
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = number
