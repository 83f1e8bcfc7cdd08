"""The DOCX of a compiled page (a Chair's Report): every report of every chapter in order, in
its own kind's bullets and its own language, the page's notes as Word's footnotes, a table of
contents that Word shows right when it opens the file, and the PDF's pages kept."""

from __future__ import annotations

import io
import re

import lxml.html
import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE, filled_starter, make_theme
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from lxml import etree
from ooxml.check import docx_problems

import gfmd_reports.formats.docx as docx_format
from formats.compiled import Annex, Chapter, Compilation, compiled_page
from formats.conftest import libreoffice_pdf
from formats.documents import (
    TocEntry,
    docx_footnotes,
    footnotes_part,
    pages_of,
    pdf_pages,
    toc_entries,
)
from formats.test_docx import _num_id, _numbering
from gfmd_reports import load_report, load_theme
from gfmd_reports.formats.html import render_html
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
    items = [
        [f"GFMD2014-RT3-{number:02d}", text, "Round Table 3, General Rapporteur’s Report"]
        for number, text in enumerate(_list_items(general, theme), start=1)
    ]
    session = validate_text(filled_starter("session"), "session.yaml").report
    french = session.model_copy(update={"language": "fr"})
    compilation = Compilation(
        language=theme.locale("en"),  # en-GB, as the theme's reports
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
        annexes=[
            Annex("Annex I: Recommendations", "annex-recommendations", _ITEM_COLUMNS, items),
            Annex("Annex II: List of Participants", "annex-participants", _PEOPLE, _PARTICIPANTS),
        ],
    )
    return compiled_page(compilation, theme)


_ITEM_COLUMNS = ["Id", "Recommendation or conclusion", "Source"]
_PEOPLE = ["Name", "Organisation", "Country"]
_PARTICIPANTS = [
    ["Ms.\u00a0Ana Pérez", "the OECD", "Netherlands"],
    ["Mr.\u00a0Kofi Mensah", "Ministry of the Interior", "Ghana"],
    ["Ms.\u00a0Lariza Dugan Cuadra", "CARECEN", "United States of America"],
]


def _list_items(report, theme) -> list[str]:
    """The texts of a report's list items, as its page prints them: the annex's rows."""
    root = lxml.html.document_fromstring(render_html(report, theme))
    return [_SPACES.sub(" ", item.text_content()).strip() for item in root.xpath("//article//li")]


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


# The table of contents: Word's own field, its result already there.

_TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '
_BOOKMARK_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}\Z")


def test_the_contents_are_words_toc_field_with_the_pdfs_pages(page, docx, laid_out):
    document = Document(io.BytesIO(docx))
    instruction, entries, (begin, end) = toc_entries(document)
    assert instruction == _TOC_INSTRUCTION
    assert begin.get(qn("w:fldCharType")) == "begin"
    assert begin.get(qn("w:dirty")) is None  # Word shows the result as it is
    assert end.get(qn("w:fldCharType")) == "end"
    root = lxml.html.document_fromstring(page)
    items = root.xpath("//nav[@class='contents']//li")
    assert [entry.text for entry in entries] == [
        _SPACES.sub(" ", item.text_content()).strip() for item in items
    ]
    assert [entry.style for entry in entries] == [
        "toc " + item.get("class").removeprefix("contents-") for item in items
    ]
    anchors = [item.find("a").get("href").removeprefix("#") for item in items]
    assert [entry.page for entry in entries] == [str(laid_out.pages[a]) for a in anchors]
    assert {entry.page for entry in entries} >= {"3", "4"}  # not all on one page
    assert [entry.page_field for entry in entries] == [
        f" PAGEREF {entry.anchor} \\h " for entry in entries
    ]


def test_the_entries_are_those_word_would_make_from_the_headings(docx):
    """Updating the field in Word would list Heading 1–3, linked to their bookmarks."""
    document = Document(io.BytesIO(docx))
    _, entries, _ = toc_entries(document)
    headings = [
        paragraph
        for paragraph in document.paragraphs
        if paragraph.style.name in ("Heading 1", "Heading 2", "Heading 3")
    ]
    assert [(entry.style, entry.text) for entry in entries] == [
        ("toc " + heading.style.name[-1], heading.text) for heading in headings
    ]
    for entry, heading in zip(entries, headings, strict=True):
        (start,) = heading._p.findall(qn("w:bookmarkStart"))
        assert start.get(qn("w:name")) == entry.anchor
        assert _BOOKMARK_NAME.match(entry.anchor)
        (end,) = heading._p.findall(qn("w:bookmarkEnd"))
        assert end.get(qn("w:id")) == start.get(qn("w:id"))
    names = [start.get(qn("w:name")) for start in document.element.body.iter(qn("w:bookmarkStart"))]
    assert len(set(names)) == len(names)


def test_each_entry_has_a_dotted_tab_to_the_right_margin(docx):
    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    _, entries, _ = toc_entries(document)
    paragraphs = [p for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert len(paragraphs) == len(entries)
    for paragraph in paragraphs:
        (tab,) = paragraph.paragraph_format.tab_stops
        assert (tab.alignment, tab.leader, tab.position) == (
            WD_TAB_ALIGNMENT.RIGHT,
            WD_TAB_LEADER.DOTS,
            width,
        )


def test_word_is_never_asked_to_update_fields(docx):
    document = Document(io.BytesIO(docx))
    assert document.settings.element.find(qn("w:updateFields")) is None
    assert not any(char.get(qn("w:dirty")) for char in document.element.body.iter(qn("w:fldChar")))


def test_without_the_pdfs_pages_word_updates_the_contents_on_opening(page, theme):
    docx = docx_format.html_to_docx(page, theme)
    document = Document(io.BytesIO(docx))
    _, entries, (begin, _) = toc_entries(document)
    assert begin.get(qn("w:dirty")) == "true"
    assert entries
    assert all(entry.page_field is None for entry in entries)
    assert docx_problems(docx) == []


def test_headings_are_words_built_in_headings_with_outline_levels(docx):
    document = Document(io.BytesIO(docx))
    used = {p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert used == {"Heading 1", "Heading 2", "Heading 3"}
    for level in range(1, 6):
        style = document.styles[f"Heading {level}"]
        assert style.builtin
        assert style.style_id == f"Heading{level}"
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)
    contents = document.styles["TOC Heading"]
    assert contents.builtin
    assert contents.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "9"
    for level in (1, 2, 3):
        style = document.styles[f"toc {level}"]
        assert (style.builtin, style.style_id) == (True, f"TOC{level}")


def test_deeper_headings_are_heading_4_and_5(theme):
    """A report's own h3 and h4 (h5 and h6 in a compilation) are Word's Heading 4 and 5."""
    page = _minimal_compilation(
        '<h3 id="report-1-title">Report</h3><h4 id="s1">Session</h4>'
        "<h5>Sub-section</h5><p>Text.</p><h6>Point</h6><p>More.</p>"
    )
    document = Document(io.BytesIO(docx_format.html_to_docx(page, theme, page_numbers={})))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("H")]
    assert styles == [
        ("Heading 1", "Round Table 1"),
        ("Heading 2", "Report"),
        ("Heading 3", "Session"),
        ("Heading 4", "Sub-section"),
        ("Heading 5", "Point"),
    ]
    assert document.styles["Heading 5"].font.italic


def test_an_entry_that_leads_nowhere_is_written_as_it_is_and_word_updates_it(theme):
    entries = (
        '<li class="contents-1"><a href="#roundtable-1">Round Table 1</a></li>'
        '<li class="contents-2"><a href="#elsewhere">Gone</a></li>'
    )
    page = _minimal_compilation("<p>Text.</p>", entries)
    docx = docx_format.html_to_docx(page, theme, page_numbers={"roundtable-1": 2})
    _, entries, (begin, _) = toc_entries(Document(io.BytesIO(docx)))
    assert entries == [
        TocEntry("toc 1", "Round Table 1", "_Toc00000002", " PAGEREF _Toc00000002 \\h ", "2"),
        TocEntry("toc 2", "Gone", None, None, None),
    ]
    assert begin.get(qn("w:dirty")) == "true"


def test_empty_contents_are_a_toc_field_word_fills_in(theme):
    page = _minimal_compilation("<p>Text.</p>", "")
    document = Document(io.BytesIO(docx_format.html_to_docx(page, theme, page_numbers={})))
    instruction, entries, (begin, end) = toc_entries(document)
    assert (instruction, entries) == (_TOC_INSTRUCTION, [])
    assert begin.get(qn("w:dirty")) == "true"
    assert end.get(qn("w:fldCharType")) == "end"


def _minimal_compilation(article: str, entries: str | None = None) -> str:
    if entries is None:
        entries = '<li class="contents-1"><a href="#roundtable-1">Round Table 1</a></li>'
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Report</title></head>'
        '<body class="compilation"><footer class="forum">GFMD 2020</footer><main>'
        f'<nav class="contents"><h2 id="contents">Contents</h2><ol>{entries}</ol></nav>'
        '<section class="chapter" id="roundtable-1"><h2>Round Table 1</h2>'
        f'<article class="report written session-report" id="report-1">{article}</article>'
        "</section></main></body></html>"
    )


# The rest of the compilation: its parts on new pages, its languages, its cover and annexes.


def test_the_contents_front_matter_chapters_and_annexes_start_new_pages(docx):
    document = Document(io.BytesIO(docx))
    starting = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert starting == [
        "Contents",
        "Foreword",
        "Round Table 1: Partnerships for migration",
        "Round Table 3: Migration and inclusion",
        "Annex I: Recommendations",
        "Annex II: List of Participants",
    ]


def test_a_report_in_another_language_is_proofed_in_it(docx, page):
    document = Document(io.BytesIO(docx))
    languages: dict[str, set] = {}
    report = None
    for paragraph in document.paragraphs:
        if paragraph.style.name in ("Heading 1", "Heading 2"):  # a chapter's, a report's
            report = paragraph.text
        for run in paragraph._p.iter(qn("w:r")):
            if run.find(qn("w:t")) is not None and run.getparent().tag != qn("w:hyperlink"):
                lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
                languages.setdefault(report, set()).add(
                    None if lang is None else lang.get(qn("w:val"))
                )
    french = next(title for title in languages if title and title.startswith("Table ronde"))
    assert languages.pop(french) == {"fr-FR"}
    assert all(found == {None} for found in languages.values())  # the document's own
    notes = _footnote_languages(docx)
    assert notes[-1] == {"fr-FR"}  # the French report's note
    assert notes[0] == {None}  # the English report's


def _language(run) -> str | None:
    language = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
    return None if language is None else language.get(qn("w:val"))


def _footnote_languages(docx: bytes) -> list[set]:
    part = footnotes_part(Document(io.BytesIO(docx)))
    notes = etree.fromstring(part.blob).iter(qn("w:footnote"))
    return [
        {
            None
            if (lang := run.find(f"{qn('w:rPr')}/{qn('w:lang')}")) is None
            else lang.get(qn("w:val"))
            for run in note.iter(qn("w:r"))
            if run.find(qn("w:t")) is not None and run.findtext(qn("w:t")).strip()
        }
        for note in notes
        if int(note.get(qn("w:id"))) > 0
    ]


def test_an_oral_report_in_a_compilation_is_set_as_the_others(docx, theme):
    document = Document(io.BytesIO(docx))
    normal = document.styles["Normal"]
    assert normal.font.size.pt == float(theme.tokens.body_size.removesuffix("pt"))
    assert normal.element.pPr.find(qn("w:suppressAutoHyphens")) is None
    assert document.settings.element.find(qn("w:autoHyphenation")).get(qn("w:val")) is None


def test_the_cover_has_its_own_styles_and_no_footer(docx):
    document = Document(io.BytesIO(docx))
    cover = [(p.style.name, p.text) for p in document.paragraphs[:5]]
    assert cover == [
        ("Title", "Report of the Proceedings"),
        ("Subtitle", "Twelfth GFMD Summit, Quito, 20–22 January 2020"),
        ("Cover Detail", "Quito, Ecuador"),
        ("Cover Detail", "20–22 January 2020"),
        ("Cover Detail", "Chairmanship of Ecuador"),
    ]
    assert (document.paragraphs[5].style.name, document.paragraphs[5].text) == (
        "Status",
        "Preliminary",
    )
    assert document.styles["Status"].font.all_caps
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.footer.paragraphs[0].text.startswith("Twelfth GFMD Summit, Quito")
    assert not "".join(p.text for p in section.first_page_footer.paragraphs)


def test_the_annexes_are_word_tables_in_the_notes_size(docx, theme):
    document = Document(io.BytesIO(docx))
    items, people = document.tables
    assert [cell.text for cell in items.rows[0].cells] == _ITEM_COLUMNS
    assert len(items.rows) > 15
    assert [[cell.text for cell in row.cells] for row in people.rows] == [_PEOPLE, *_PARTICIPANTS]
    styles = {p.style.name for row in people.rows for cell in row.cells for p in cell.paragraphs}
    assert styles == {"Annex Table Text"}
    size = document.styles["Annex Table Text"].font.size.pt
    assert size == float(theme.tokens.footnote_size.removesuffix("pt"))


# LibreOffice, an independent reader of Word documents, as a stand-in for Word's layout.


@pytest.fixture(scope="module")
def libreoffice_pages(docx, tmp_path_factory) -> list[str]:
    """The DOCX laid out by LibreOffice: each page's text."""
    folder = tmp_path_factory.mktemp("compiled-libreoffice")
    path = folder / "compiled.docx"
    path.write_bytes(docx)
    return pdf_pages(libreoffice_pdf(path, folder))


def test_libreoffice_lays_each_heading_within_a_page_of_the_pdfs(docx, libreoffice_pages):
    _, entries, _ = toc_entries(Document(io.BytesIO(docx)))
    contents_page = 2
    found = pages_of([entry.text for entry in entries], libreoffice_pages, contents_page)
    expected = [int(entry.page) for entry in entries]
    assert None not in found
    assert all(abs(page - cached) <= 1 for page, cached in zip(found, expected, strict=True)), list(
        zip(found, expected, strict=True)
    )


def test_libreoffice_shows_the_contents_as_written_without_updating_them(
    page, theme, laid_out, tmp_path
):
    """Pages far from any LibreOffice would compute: it shows the field's result as it is."""
    far = {anchor: number + 40 for anchor, number in laid_out.pages.items()}
    path = tmp_path / "far.docx"
    path.write_bytes(docx_format.html_to_docx(page, theme, page_numbers=far))
    contents = pdf_pages(libreoffice_pdf(path, tmp_path))[1]
    shown = [int(number) for number in re.findall(r"(?:\. ?){3,}(\d+)\s*$", contents, re.MULTILINE)]
    root = lxml.html.document_fromstring(page)
    links = root.xpath("//nav[@class='contents']//a/@href")
    assert shown == [far[link.removeprefix("#")] for link in links]


def test_a_reference_document_without_deeper_headings_gets_them_with_outline_levels(tmp_path):
    reference = Document()
    for name in ("Heading 4", "Heading 5", "TOC Heading"):
        element = reference.styles[name].element
        element.getparent().remove(element)
    saved = io.BytesIO()
    reference.save(saved)
    theme = load_theme(make_theme(tmp_path, "worded", files={"reference.docx": saved.getvalue()}))
    page = _minimal_compilation('<h3 id="report-1-title">Report</h3><h5>Part</h5><p>Text.</p>')
    docx = docx_format.html_to_docx(page, theme, page_numbers={"roundtable-1": 2})
    assert docx_problems(docx) == []
    document = Document(io.BytesIO(docx))
    levels = {
        name: document.styles[name].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val"))
        for name in ("Heading 1", "Heading 4", "Heading 5", "TOC Heading")
    }
    assert levels == {"Heading 1": "0", "Heading 4": "3", "Heading 5": "4", "TOC Heading": "9"}
    assert [p.style.name for p in document.paragraphs if p.text == "Part"] == ["Heading 4"]
    assert document.styles["Heading 4"].builtin
