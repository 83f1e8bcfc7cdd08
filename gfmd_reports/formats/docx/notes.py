"""Real footnotes: Word's two separator notes, then one note per call, in citation order
(LibreOffice pairs calls with notes by their order, not by id)."""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.parts.story import StoryPart

from gfmd_reports.formats.docx.runs import add_run, trim_end
from gfmd_reports.formats.docx.settings import put_setting
from gfmd_reports.formats.docx.styles import StyleIndex
from gfmd_reports.formats.docx.wordml import (
    FOOTNOTES,
    add,
    new_paragraph,
    set_text,
    w,
    word_element,
)

_SEPARATORS = (
    ("separator", "-1", "w:separator"),
    ("continuationSeparator", "0", "w:continuationSeparator"),
)
_FOOTNOTE, _FOOTNOTE_REF = w("footnote"), w("footnoteRef")
_FOOTNOTE_REFERENCE = w("footnoteReference")


class Footnotes:
    """The document's footnotes part, made at the first call.

    It is a story part, as the body is, so that a picture in a note is related from it.
    """

    def __init__(self, document, styles: StyleIndex) -> None:
        self.document = document
        self.styles = styles
        self.part: StoryPart | None = None
        self.count = 0

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

    def holds(self, paragraph) -> bool:
        """Whether a paragraph is one of the notes'."""
        return paragraph.getroottree().getroot().tag == FOOTNOTES

    def cite(self, paragraph, note, write_inline) -> None:
        """Add a footnote with the note's text (written by ``write_inline``), referenced at the
        end of the paragraph so far."""
        footnotes = self._footnotes_element()
        self.count += 1
        identifier = str(self.count)
        footnote = add(footnotes, _FOOTNOTE, {w("id"): identifier})
        note_paragraph = new_paragraph(
            footnote, self.styles.note_style_id("Footnote Text", "paragraph")
        )
        reference_style = self.styles.note_style_id("Footnote Reference", "character")
        add(add_run(note_paragraph, reference_style), _FOOTNOTE_REF)
        set_text(add_run(note_paragraph), " ")
        write_inline(note_paragraph, note)
        trim_end(note_paragraph)
        add(add_run(paragraph, reference_style), _FOOTNOTE_REFERENCE, {w("id"): identifier})


def _separator_note(separator: tuple[str, str, str]):
    kind, identifier, mark = separator
    spacing = word_element("w:spacing", after="0", line="240", lineRule="auto")
    paragraph = word_element(
        "w:p", word_element("w:pPr", spacing), word_element("w:r", word_element(mark))
    )
    return word_element("w:footnote", paragraph, type=kind, id=identifier)
