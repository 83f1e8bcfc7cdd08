"""Word's fields: instructions whose result Word computes when it lays the document out (the
page number today; a table of contents next)."""

from __future__ import annotations

from gfmd_reports.formats.docx.wordml import XML_SPACE, add, w

_FLD_CHAR, _FLD_CHAR_TYPE, _INSTR_TEXT, _T = (
    w("fldChar"),
    w("fldCharType"),
    w("instrText"),
    w("t"),
)
PAGE = " PAGE "
"""The current page's number."""


def add_complex_field(run, instruction: str, result: str) -> None:
    """Write a complex field into a run: its begin, its instruction, the result shown until
    Word updates it, and its end, which Word pairs as it pairs brackets (fields nest)."""
    add(run, _FLD_CHAR, {_FLD_CHAR_TYPE: "begin"})
    add(run, _INSTR_TEXT, {XML_SPACE: "preserve"}).text = instruction
    add(run, _FLD_CHAR, {_FLD_CHAR_TYPE: "separate"})
    add(run, _T).text = result
    add(run, _FLD_CHAR, {_FLD_CHAR_TYPE: "end"})
