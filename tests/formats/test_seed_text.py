"""Rendering the two examples reproduces the seed texts, every word and mark, in order, in
every format: HTML, PDF, DOCX, and the DOCX as LibreOffice lays it out."""

from __future__ import annotations

import pytest

from formats.conftest import EXAMPLES
from formats.documents import docx_body_and_notes, html_body_and_notes
from formats.seedtext import (
    first_difference,
    pdf_text,
    seed_text,
    tokens,
    without_notes,
    without_reading_times,
)
from gfmd_reports.inline import plain_text

KINDS = list(EXAMPLES)


def _notes(report) -> list[str]:
    notes = [report.subtitle_footnote] if report.subtitle_footnote else []
    return [" ".join(plain_text(note).split()) for note in [*notes, *report.footnotes.values()]]


def _expected(kind: str, notes: list[str]) -> list[str]:
    return tokens(without_notes(seed_text(EXAMPLES[kind][1]), notes))


def _read_aloud(report, text: str) -> str:
    """The text without the oral report's reading-time marks, which the seed cannot have."""
    return without_reading_times(text, len(report.sessions)) if report.kind == "oral" else text


@pytest.mark.parametrize("kind", KINDS)
def test_html_text_is_the_seed(rendered, reports, kind):
    notes = _notes(reports[kind])
    body, html_notes = html_body_and_notes(rendered[kind]["html"])
    body = _read_aloud(reports[kind], body)
    assert first_difference(_expected(kind, notes), tokens(body)) is None
    assert html_notes == notes


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_text_is_the_seed(rendered, reports, kind):
    notes = _notes(reports[kind])
    text = _read_aloud(reports[kind], without_notes(pdf_text(rendered[kind]["pdf"]), notes))
    assert first_difference(_expected(kind, notes), tokens(text)) is None


@pytest.mark.parametrize("kind", KINDS)
def test_docx_text_is_the_seed(rendered, reports, kind):
    notes = _notes(reports[kind])
    body, docx_notes = docx_body_and_notes(rendered[kind]["docx"])
    body = _read_aloud(reports[kind], body)
    assert first_difference(_expected(kind, notes), tokens(body)) is None
    assert docx_notes == notes


@pytest.mark.parametrize("kind", KINDS)
def test_docx_laid_out_by_libreoffice_is_the_seed(docx_as_pdf, reports, kind):
    notes = _notes(reports[kind])
    text = _read_aloud(reports[kind], without_notes(pdf_text(docx_as_pdf[kind]), notes))
    assert first_difference(_expected(kind, notes), tokens(text)) is None


def test_a_wording_slip_is_caught(rendered, reports):
    """The comparison fails on one changed word: the tests above can fail."""
    notes = _notes(reports["oral"])
    body, _ = html_body_and_notes(rendered["oral"]["html"])
    altered = _read_aloud(reports["oral"], body).replace(
        "Diaspora Trust Fund", "Diaspora Trust Funds"
    )
    difference = first_difference(_expected("oral", notes), tokens(altered))
    assert difference is not None
    assert "Fund" in difference
