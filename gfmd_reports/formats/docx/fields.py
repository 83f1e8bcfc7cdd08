"""Word's fields: instructions whose result Word computes when it lays the document out (the
footer's page number, a compilation's table of contents and its entries' page numbers)."""

from __future__ import annotations

from collections.abc import Callable

from gfmd_reports.formats.docx.wordml import XML_SPACE, add, w

_FLD_CHAR, _FLD_CHAR_TYPE, _INSTR_TEXT, _T = (
    w("fldChar"),
    w("fldCharType"),
    w("instrText"),
    w("t"),
)
PAGE = " PAGE "
"""The current page's number."""
TABLE_OF_CONTENTS = ' TOC \\o "1-3" \\h \\z \\u '
"""Word's own table of contents: Heading 1–3 and paragraphs at those outline levels, each
entry a link to its heading, page numbers hidden on the web."""


def page_reference(bookmark: str) -> str:
    """The number of the page a bookmark is on, the number a link to it (as Word's TOC
    entries give it)."""
    return f" PAGEREF {bookmark} \\h "


def add_complex_field(
    run, instruction: str, result: str | Callable[[], object], dirty: bool = False
) -> None:
    """Write a complex field into a run: its begin, its instruction, the result shown until
    Word updates it, and its end, which Word pairs as it pairs brackets (fields nest).

    A result of several paragraphs (a table of contents) is written by calling ``result``,
    which returns the run, in its last paragraph, that the field ends in. ``dirty`` asks Word
    to update the field when it opens the document, for a result known to be stale.
    """
    begin = add(run, _FLD_CHAR, {_FLD_CHAR_TYPE: "begin"})
    if dirty:
        begin.set(w("dirty"), "true")
    add(run, _INSTR_TEXT, {XML_SPACE: "preserve"}).text = instruction
    add(run, _FLD_CHAR, {_FLD_CHAR_TYPE: "separate"})
    if isinstance(result, str):
        add(run, _T).text = result
    else:
        run = result()
    add(run, _FLD_CHAR, {_FLD_CHAR_TYPE: "end"})
