"""The DOCX of a compiled page (a Chair's Report): every report of every chapter in order, in
its own kind's bullets and its own language, the page's notes as Word's footnotes, a table of
contents that Word shows right when it opens the file, and the PDF's pages kept."""

from __future__ import annotations

import io
import re

import lxml.html
import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE, filled_starter
from docx import Document
from docx.oxml.ns import qn
from ooxml.check import docx_problems

import gfmd_reports.formats.docx as docx_format
from formats.compiled import Chapter, Compilation, compiled_page
from formats.documents import docx_footnotes
from formats.test_docx import _num_id, _numbering
from gfmd_reports import load_report, load_theme
from gfmd_reports.formats.pdf import lay_out_pdf
from gfmd_reports.loading import validate_text

_SPACES = re.compile(r"[ \t\r\n]+")
"""Spaces as HTML collapses them (no-break spaces are kept)."""
_HEADINGS = {"h1": "Title", **{f"h{level}": f"Heading {level - 1}" for level in range(2, 7)}}


@pytest.fixture(scope="module")
def theme():
    return load_theme("gfmd")


@pytest.fixture(scope="module")
def page(theme) -> str:
    """Three round tables: an oral and a general report in English, a session report in
    French (with every field filled in), as a compilation in English."""
    oral, general = load_report(ORAL_EXAMPLE), load_report(WRITTEN_EXAMPLE)
    session = validate_text(filled_starter("session"), "session.yaml").report
    french = session.model_copy(update={"language": "fr"})
    compilation = Compilation(
        language="en",
        title="Report of the Proceedings",
        forum_line="Twelfth GFMD Summit, Quito, 20–22 January 2020",
        cover_details=["Quito, Ecuador", "20–22 January 2020", "Chairmanship of Ecuador"],
        status="Preliminary",
        contents_heading="Contents",
        foreword=["The Chair thanks the rapporteurs.", "Their reports follow, as delivered."],
        chapters=[
            Chapter("Round Table 1: Partnerships for migration", [oral]),
            Chapter("Round Table 3: Migration and inclusion", [general, french]),
        ],
        annex_title="Annex I: Recommendations",
        annex_rows=[
            ("GFMD2014-RT3.2-R01", "To increase knowledge of viable models."),
            ("GFMD2014-RT3.2-R02", "To establish policies that encourage the diaspora."),
        ],
    )
    return compiled_page(compilation, theme)


@pytest.fixture(scope="module")
def laid_out(page, theme):
    return lay_out_pdf(page, theme)


@pytest.fixture(scope="module")
def docx(page, theme, laid_out) -> bytes:
    return docx_format.html_to_docx(page, theme, page_numbers=laid_out.pages)


def _headings(page: str) -> list[tuple[str, str]]:
    """The page's headings, each as (Word's style, text), the notes' left out."""
    root = lxml.html.document_fromstring(page)
    return [
        (_HEADINGS[heading.tag], _SPACES.sub(" ", heading.text_content()).strip())
        for heading in root.xpath(
            "//main//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
        )
    ]


def test_the_compiled_docx_passes_the_schema_check(docx):
    assert docx_problems(docx) == []


def test_every_report_is_written_in_order_with_its_headings(page, docx):
    document = Document(io.BytesIO(docx))
    headings = [
        (paragraph.style.name, paragraph.text)
        for paragraph in document.paragraphs
        if paragraph.style.name in _HEADINGS.values() or paragraph.style.name == "TOC Heading"
    ]
    expected = _headings(page)
    assert [text for _, text in headings] == [text for _, text in expected]
    assert [style for style, _ in headings][2:] == [style for style, _ in expected][2:]
    assert ("Heading 2", "GFMD 2019 – Roundtable 1.2: Oral Report") in headings


def test_each_report_keeps_its_kinds_bullets(docx):
    document = Document(io.BytesIO(docx))
    nums, texts = _numbering(document)
    bullets = {}
    report = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 2":
            report = paragraph.text
        if paragraph.style.name == "List Bullet":
            bullets.setdefault(report, set()).add(texts[nums[_num_id(paragraph)][0]])
    oral = "GFMD 2019 – Roundtable 1.2: Oral Report"
    assert bullets.pop(oral) == {"-"}
    assert len(bullets) == 2  # the general report's, the session report's
    assert all(texts == {"•"} for texts in bullets.values())


def test_the_pages_notes_are_footnotes_numbered_through(page, docx, tmp_path):
    root = lxml.html.document_fromstring(page)
    notes = [
        " ".join(item.text_content().replace("↩", "").split())
        for item in root.xpath("//section[@class='footnotes']//li")
    ]
    path = tmp_path / "compiled.docx"
    path.write_bytes(docx)
    assert len(notes) >= 2
    assert [" ".join(words) for words in docx_footnotes(path)] == notes
    references = Document(io.BytesIO(docx)).element.body.iter(qn("w:footnoteReference"))
    assert [reference.get(qn("w:id")) for reference in references] == [
        str(number) for number in range(1, len(notes) + 1)
    ]
