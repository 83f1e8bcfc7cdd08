"""Tracked changes: a comparison's page (gfmd_reports.redline) as Word's revision marks.

python-docx cannot write them; Word's own vocabulary is small. A changed word's runs stand in
``w:ins`` or ``w:del`` (deleted text as ``w:delText``); a paragraph found in one version only
has its runs so marked and its paragraph mark too (``w:pPr/w:rPr/w:ins|w:del``), so that
accepting or rejecting the change removes the whole paragraph, list items with their number.
Every change has an id unique in the document (body, notes and footer alike), the author and
the date.
"""

from __future__ import annotations

from gfmd_reports.formats.docx.wordml import PPR, RPR, R, T, add, w, word_element

DEL, DEL_TEXT = w("del"), w("delText")
_KINDS = {"ins": "w:ins", "del": "w:del", "inserted": "w:ins", "deleted": "w:del"}
"""A page's element or block class, and the Word element that tracks it."""


class Revisions:
    """The changes of one document, numbered as they are written."""

    def __init__(self, author: str, date: str) -> None:
        self.author, self.date = author, date
        self.count = 0

    def change(self, kind: str):
        """A new, empty ``w:ins`` or ``w:del`` of the page's ``kind`` (an element or class)."""
        self.count += 1
        return word_element(_KINDS[kind], id=str(self.count), author=self.author, date=self.date)

    def wrap(self, paragraph, start: int, kind: str) -> None:
        """Move the runs written into a paragraph from child ``start`` on into a change."""
        moved = [child for child in paragraph[start:] if child.tag == R]
        if not moved:
            return
        change = self.change(kind)
        moved[0].addprevious(change)
        change.extend(moved)

    def mark_paragraph(self, paragraph, kind: str) -> None:
        """Mark a whole paragraph inserted or deleted: its runs and its mark."""
        self.wrap(paragraph, 0, kind)
        properties = paragraph.find(PPR)
        mark = properties.find(RPR)
        if mark is None:
            mark = add(properties, RPR)  # last: nothing the writer puts after it
        mark.insert(0, self.change(kind))


def deleted_text(*parts) -> None:
    """Turn the text of deleted runs into ``w:delText``, as Word requires, once every
    paragraph is written (trimming a paragraph's edges reads and sets ``w:t``)."""
    for part in parts:
        for change in part.iter(DEL):
            for text in change.iter(T):
                text.tag = DEL_TEXT
