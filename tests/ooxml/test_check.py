"""The OOXML check that every DOCX of the test run goes through: it passes the reports' DOCX,
catches each kind of fault Word refuses or repairs, and really sees the documents the run makes."""

from __future__ import annotations

import asyncio
import io
import re

import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from docx import Document
from formats.documents import part_text, zip_with

from gfmd_reports import load_report, render
from gfmd_reports.web.rendering import BoundedRenderer
from ooxml.check import docx_problems

UNKNOWN = "http://example.org/not-in-office"


@pytest.fixture(scope="module")
def written_docx() -> bytes:
    return render(load_report(WRITTEN_EXAMPLE), "docx")


def _edited(docx: bytes, part: str, old: str, new: str) -> bytes:
    """The document with one change in one part's XML."""
    text = part_text(docx, part)
    assert re.search(old, text), f"{old!r} is not in {part}"
    return zip_with(docx, {part: re.sub(old, new, text, count=1).encode()})


def test_a_reports_docx_passes(written_docx):
    assert docx_problems(written_docx) == []


def test_python_docx_s_own_document_fails_as_word_finds_it():
    """The faults the DOCX writer used to inherit: w:zoom without w:percent, a stale copy of
    the styles, parts a report has no use for."""
    saved = io.BytesIO()
    Document().save(saved)
    problems = "\n".join(docx_problems(saved.getvalue()))
    assert "w:zoom': The attribute 'w:percent' is required but missing" in problems
    assert "/word/stylesWithEffects.xml: a part of type application/vnd.ms-word" in problems
    assert "/docProps/thumbnail.jpeg" not in problems  # a picture may be there …
    assert "/word/webSettings.xml: a part of type" in problems  # … web settings may not


FAULTS = {
    "run properties out of order": (
        "word/document.xml",
        r'<w:rPr><w:rStyle w:val="FootnoteReference"/>',
        '<w:rPr><w:vertAlign w:val="superscript"/><w:rStyle w:val="FootnoteReference"/>',
        "w:rPr children out of order: vertAlign rStyle",
    ),
    "a dangling relationship": (
        "word/_rels/document.xml.rels",
        r'<Relationship Id="(rId\d+)" Type="[^"]*/footer" Target="footer1.xml"/>',
        "",
        "footerReference names the relationship rId",
    ),
    "a relationship to a missing part": (
        "word/_rels/document.xml.rels",
        r'Target="footer1.xml"',
        'Target="footer9.xml"',
        "leads to /word/footer9.xml, which does not exist",
    ),
    "a relationship outside the file": (
        "word/_rels/document.xml.rels",
        "</Relationships>",
        '<Relationship Id="rId99" Target="http://127.0.0.1:9/t.dotm" TargetMode="External" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'attachedTemplate"/></Relationships>',
        "rId99 leads outside the file, to http://127.0.0.1:9/t.dotm",
    ),
    "a part without a content type": (
        "[Content_Types].xml",
        r'<Default Extension="rels" ContentType="[^"]*"/>',
        "",
        "/_rels/.rels: has no content type",
    ),
    "a footnote reference without its footnote": (
        "word/footnotes.xml",
        r'<w:footnote w:id="1">.*?</w:footnote>',
        "",
        "names footnote 1, which the document does not hold",
    ),
    "a style that does not exist": (
        "word/document.xml",
        r'<w:pStyle w:val="Subtitle"/>',
        '<w:pStyle w:val="NoSuchStyle"/>',
        "names the style NoSuchStyle, which styles.xml does not hold",
    ),
    "an element the schema does not allow": (
        "word/settings.xml",
        "<w:defaultTabStop ",
        "<w:unheardOf/><w:defaultTabStop ",
        "/word/settings.xml:2: Element 'w:unheardOf': This element is not expected",
    ),
    "markup of a namespace Word does not know": (
        "word/settings.xml",
        "<w:defaultTabStop ",
        f'<x:feature xmlns:x="{UNKNOWN}"/><w:defaultTabStop ',
        f"Element '{{{UNKNOWN}}}feature': This element is not expected",
    ),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_each_kind_of_fault_is_caught(written_docx, fault):
    part, old, new, expected = FAULTS[fault]
    problems = "\n".join(docx_problems(_edited(written_docx, part, old, new)))
    assert expected in problems


def test_an_extension_marked_ignorable_is_ignored_as_word_ignores_it(written_docx):
    ignorable = _edited(
        written_docx,
        "word/settings.xml",
        "<w:defaultTabStop ",
        f'<x:feature xmlns:x="{UNKNOWN}" xmlns:mc="http://schemas.openxmlformats.org/'
        f'markup-compatibility/2006" mc:Ignorable="x"/><w:defaultTabStop ',
    )
    assert docx_problems(ignorable) == []


def test_every_docx_the_run_makes_is_kept_for_the_check(every_docx, tmp_path):
    """In the test's process, in the web application's workers, and written by processes of
    their own; a test's input that is not one of the tool's documents is left alone."""
    report = load_report(ORAL_EXAMPLE)
    made = render(report, "docx")
    renderer = BoundedRenderer(workers=1)
    try:
        from_worker = asyncio.run(renderer.render(report, "docx", "base", tmp_path))
    finally:
        renderer.close()
    written = tmp_path / "written"
    written.mkdir()
    (written / "ours.docx").write_bytes(
        _edited(made, "docProps/core.xml", "<dc:title>", "<dc:title>x")
    )
    Document().save(written / "foreign.docx")
    before = set(every_docx.kept())
    every_docx.keep_written(written)
    names = {path.name for path in every_docx.kept()}
    assert every_docx.keep(made).name in names
    assert every_docx.keep(from_worker).name in names
    assert len(set(every_docx.kept()) - before) == 1  # ours.docx, not foreign.docx
