"""A compilation's table of contents as Word writes its own: a TOC field whose result, the
entries with their page numbers, is already there, so that Word shows it as it opens the
document, without asking to update fields.

Each entry is a paragraph in Word's TOC 1–3 style, its text a link to a bookmark round the
heading it names, then a tab with a dot leader to the right margin and a PAGEREF field whose
result is the page the PDF put the heading on. Updating the field in Word gives the same
entries, since they are the document's Heading 1–3 paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from gfmd_reports.formats.contract import HEADINGS
from gfmd_reports.formats.docx.fields import (
    TABLE_OF_CONTENTS,
    add_complex_field,
    page_reference,
)
from gfmd_reports.formats.docx.runs import add_run, trim
from gfmd_reports.formats.docx.styles import StyleIndex
from gfmd_reports.formats.docx.wordml import PPR, RPR, TAB, VAL, add, new_paragraph, w

_ENTRY_LEVELS = {"contents-1": 1, "contents-2": 2, "contents-3": 3}
_BOOKMARK_START, _BOOKMARK_END = w("bookmarkStart"), w("bookmarkEnd")
_HYPERLINK, _TABS = w("hyperlink"), w("tabs")
_HEADING_PATH = "|".join(f"descendant-or-self::{tag}" for tag in HEADINGS)

EntryText = Callable[[object, object], None]
"""Writes an entry's text (its list item's link) into a link's runs."""


class Bookmarks:
    """The bookmarks of a page's headings: each heading with an id, and each heading that the
    contents link to (an entry names a chapter's or article's id: its first heading), named
    ``_Toc`` and their number in the page's order, as Word names those of its contents.

    ``root`` None: a report's page, whose document stays as it was, without bookmarks.
    """

    def __init__(self, root=None) -> None:
        self.numbers: dict = {}
        self.of_anchor: dict[str, str] = {}
        if root is None:
            return
        targets = _linked_headings(root)
        marked = set(targets.values())
        ordered = [
            heading
            for heading in root.iter(*HEADINGS)
            if heading in marked or heading.get("id") is not None
        ]
        self.numbers = {heading: number for number, heading in enumerate(ordered, start=1)}
        self.of_anchor = {
            anchor: _bookmark_name(self.numbers[heading]) for anchor, heading in targets.items()
        }

    def mark(self, paragraph, heading) -> None:
        """Put a heading's paragraph, its text, inside its bookmark, if it has one."""
        number = self.numbers.get(heading)
        if number is not None:
            start = {w("id"): str(number), w("name"): _bookmark_name(number)}
            paragraph.find(PPR).addnext(paragraph.makeelement(_BOOKMARK_START, start))
            add(paragraph, _BOOKMARK_END, {w("id"): str(number)})


def _linked_headings(root) -> dict:
    """The heading each link of the contents leads to, by the id it names."""
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    targets = {}
    for link in root.xpath("//nav//a[starts-with(@href, '#')]"):
        anchor = link.get("href").removeprefix("#")
        headings = by_id[anchor].xpath(_HEADING_PATH) if anchor in by_id else []
        if headings:
            targets[anchor] = headings[0]
    return targets


def _bookmark_name(number: int) -> str:
    """A hidden bookmark's name (Word's: at most 40 letters, digits and underscores)."""
    return f"_Toc{number:08d}"


class Contents:
    """Writes a table of contents: entries in ``styles``, tab stops at ``text_width`` (in
    twentieths of a point), page numbers from ``page_numbers`` (anchor → page)."""

    def __init__(
        self,
        styles: StyleIndex,
        bookmarks: Bookmarks,
        page_numbers: Mapping[str, int] | None,
        text_width: int,
    ) -> None:
        self.styles = styles
        self.bookmarks = bookmarks
        self.page_numbers = page_numbers or {}
        self.text_width = text_width

    def write(self, entries: list, container, entry_text: EntryText) -> None:
        """Write the TOC field, one paragraph per entry (a list item), and a last paragraph
        where the field ends, as Word does.

        An entry whose page is unknown (no ``page_numbers``, or no anchor) has none, and
        Word is asked to update the field when it opens the document.
        """
        first = self._paragraph(container, entries[0] if entries else None)
        stale = any(self._page(entry) is None for entry in entries) or not entries

        def write_entries():
            for index, entry in enumerate(entries):
                paragraph = first if index == 0 else self._paragraph(container, entry)
                self._entry(paragraph, entry, entry_text)
            return add_run(new_paragraph(container, None))

        add_complex_field(add_run(first), TABLE_OF_CONTENTS, write_entries, dirty=stale)

    def _paragraph(self, container, entry):
        """An entry's paragraph, in its level's TOC style, with the dotted tab to its page."""
        classes = entry.get("class", "").split() if entry is not None else []
        level = next((_ENTRY_LEVELS[name] for name in classes if name in _ENTRY_LEVELS), 1)
        paragraph = new_paragraph(container, self.styles.style_id(f"TOC {level}"))
        tabs = add(paragraph.find(PPR), _TABS)
        add(tabs, TAB, {VAL: "right", w("leader"): "dot", w("pos"): str(self.text_width)})
        return paragraph

    def _entry(self, paragraph, entry, entry_text: EntryText) -> None:
        """An entry's text, linked to its heading's bookmark, a tab and its page number."""
        link = entry.find("a")
        bookmark = self.bookmarks.of_anchor.get(_anchor(entry))
        holder = paragraph
        if bookmark is not None:
            holder = add(paragraph, _HYPERLINK, {w("anchor"): bookmark, w("history"): "1"})
        entry_text(holder, entry if link is None else link)
        trim(holder)
        add(_page_number_run(holder), TAB)
        page = self._page(entry)
        if bookmark is not None and page is not None:
            add_complex_field(_page_number_run(holder), page_reference(bookmark), str(page))

    def _page(self, entry) -> int | None:
        anchor = _anchor(entry)
        if anchor not in self.bookmarks.of_anchor:
            return None
        return self.page_numbers.get(anchor)


def _anchor(entry) -> str:
    """The id an entry links to ("" if it links nowhere)."""
    link = entry.find("a")
    return link.get("href", "").removeprefix("#") if link is not None else ""


def _page_number_run(holder):
    """A run of the page-number part of an entry, which Word neither proofs nor shows on the
    web (the TOC field's \\z switch)."""
    run = add_run(holder)
    properties = add(run, RPR)
    add(properties, w("noProof")), add(properties, w("webHidden"))
    return run
