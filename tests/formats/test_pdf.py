"""The PDF: A4, tagged, titled, fonts embedded, footnotes at the foot of the citing page,
page numbers, hyphenation, real glyphs for every script, and nothing fetched from outside."""

from __future__ import annotations

import io
import json
import random
import re
import string
import subprocess
import sys

import pytest
from pypdf import PdfReader

from formats.documents import pdf_fonts, pdf_pages, pdf_word_boxes
from formats.seedtext import pdf_text
from gfmd_reports import ReportError, load_theme, render
from gfmd_reports.model import Report

INTERNATIONAL = {
    "kind": "oral",
    "forum": {"name": "Global Forum on Migration and Development", "year": 2019},
    "roundtable": {"number": 2},
    "sessions": [
        {
            "number": "2.1",
            "title": "Names in many scripts",
            "co_chairs": [
                {
                    "honorific": "H.E. Mr.",
                    "name": "محمد العتيبي",
                    "country": "United Arab Emirates",
                },
                {"honorific": "Ms.", "name": "สมศรี วงศ์ใหญ่", "country": "Thailand"},
            ],
            "panel": [
                {"honorific": "Mr.", "name": "王小明", "country": "China"},
                {"honorific": "Ms.", "name": "Анна Петрова", "country": "Russian Federation"},
                {"honorific": "Ms.", "name": "Jessica López Mejia", "country": "Mexico"},
            ],
        }
    ],
}
SCRIPT_FONTS = {"Liberation-Serif", "Amiri", "Norasi", "WenQuanYi-Micro-Hei"}


def test_a4_pages_tagged_for_accessibility_with_title_author_and_language(rendered):
    reader = PdfReader(rendered["general"]["pdf"])
    catalog = reader.trailer["/Root"]
    assert {(round(page.mediabox.width), round(page.mediabox.height)) for page in reader.pages} == {
        (595, 842)
    }
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"  # the GFMD writes British English, as the UN does
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "GFMD 2014 – Round Table 3: General Rapporteur’s Report"
    assert reader.metadata.author == "Jorge Lomónaco"


def test_every_font_is_embedded(rendered):
    for kind in rendered:
        fonts = pdf_fonts(rendered[kind]["pdf"])
        assert fonts, kind
        assert all(embedded for _, embedded in fonts), fonts
        assert {name for name, _ in fonts} <= {"Liberation-Serif", "Liberation-Serif-Bold"}


def test_the_subtitle_footnote_stands_at_the_foot_of_page_one(rendered):
    first_page = [line.strip() for line in pdf_pages(rendered["general"]["pdf"])[0].splitlines()]
    lines = [line for line in first_page if line]
    assert "General Rapporteur’s Report1" in lines[:4]
    note = next(index for index, line in enumerate(lines) if line.startswith("1 This is a prelim"))
    # The running footer closes the page; between the note and it, only the note.
    assert re.fullmatch(
        r"Seventh GFMD Summit, Stockholm, 14–16 May 2014, under the Chairmanship of Sweden\s+1",
        lines[-1],
    )
    assert " ".join(lines[note:-1]) == (
        "1 This is a preliminary report from the general rapporteur of Roundtable 3. The final "
        "report from the Roundtable will be provided in the Chair’s Report.”"
    )


def test_every_page_has_a_footer_with_the_forum_dates_and_page_number(rendered):
    pages = pdf_pages(rendered["general"]["pdf"])
    assert len(pages) >= 3
    footers = [page.rstrip().splitlines()[-1].split() for page in pages]
    assert [footer[-1] for footer in footers] == [str(n) for n in range(1, len(pages) + 1)]
    assert {" ".join(footer[:-1]) for footer in footers} == {
        "Seventh GFMD Summit, Stockholm, 14–16 May 2014, under the Chairmanship of Sweden"
    }


def test_bullets_follow_each_report_family(rendered):
    oral = pdf_pages(rendered["oral"]["pdf"])[0]
    written = "".join(pdf_pages(rendered["general"]["pdf"]))
    assert re.search(r"(?m)^\s+-\s+The rights-based approach", oral)
    assert re.search(r"(?m)^\s+•\s+An underlying theme", written)
    assert re.search(r"(?m)^\s+1\.\s+Migrant’s role", written)


def test_long_words_are_hyphenated_by_language(rendered):
    text = "".join(pdf_pages(rendered["general"]["pdf"]))
    assert re.search("\\w\u2010\n", text), "WeasyPrint marks its hyphenation points with U+2010"


def test_the_same_report_gives_the_same_pdf_and_a_given_date_is_pinned(reports):
    import datetime

    assert render(reports["oral"], "pdf") == render(reports["oral"], "pdf")
    moment = datetime.datetime(2020, 1, 22, 12, 0, tzinfo=datetime.UTC)
    dated = render(reports["oral"], "pdf", modified=moment)
    assert PdfReader(io.BytesIO(dated)).metadata["/ModDate"].startswith("D:20200122120000")
    assert dated == render(reports["oral"], "pdf", modified=moment)


def test_names_in_every_script_get_real_glyphs(tmp_path):
    pdf = tmp_path / "international.pdf"
    pdf.write_bytes(render(Report.model_validate(INTERNATIONAL), "pdf"))
    fonts = pdf_fonts(pdf)
    assert {name for name, _ in fonts} == SCRIPT_FONTS
    assert all(embedded for _, embedded in fonts)
    text = " ".join(pdf_pages(pdf)[0].split())
    for name in ("สมศรี วงศ์ใหญ่", "王小明", "Анна Петрова", "Jessica López Mejia"):
        assert name in text
    assert "العتيبي" in text


@pytest.mark.parametrize("field", ["subtitle_footnote", "footnotes"])
def test_a_note_with_spaces_before_a_line_break_is_typeset(tmp_path, field):
    """Found by the property tests: WeasyPrint failed an assertion on such a footnote, which a
    YAML block with trailing spaces gives."""
    data = {**INTERNATIONAL, "kind": "general", "rapporteur": {"name": "Ana Pérez"}}
    if field == "subtitle_footnote":
        data["subtitle_footnote"] = "Preliminary  \r\nreport. "
    else:
        data["sessions"] = [{**INTERNATIONAL["sessions"][0], "narrative": ["Cited.[^1]"]}]
        data["footnotes"] = {"1": "A  \nnote"}
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(Report.model_validate(data), "pdf"))
    text = " ".join(pdf_pages(pdf)[0].split())
    assert ("Preliminary report." if field == "subtitle_footnote" else "A note") in text


def test_a_note_cited_twice_is_printed_whole_at_each_call(tmp_path):
    """Found by the property tests: the second copy of the note lost its emphasised words."""
    session = {**INTERNATIONAL["sessions"][0], "narrative": ["First.[^n]", "Second.[^n]"]}
    data = {**INTERNATIONAL, "sessions": [session], "footnotes": {"n": "See the *UNDP* paper."}}
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(Report.model_validate(data), "pdf"))
    lines = [" ".join(line.split()) for line in pdf_pages(pdf)[0].splitlines()]
    assert "1 See the UNDP paper." in lines
    assert "2 See the UNDP paper." in lines


def test_a_direction_override_left_open_reverses_only_its_own_field(tmp_path):
    """Found by the property tests: it reversed the rest of the sentence."""
    co_chairs = [{"honorific": "\u202eH.E.", "name": "Ana Pérez", "country": "Chile"}]
    session = {**INTERNATIONAL["sessions"][0], "co_chairs": [*co_chairs, {"country": "Ghana"}]}
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(Report.model_validate({**INTERNATIONAL, "sessions": [session]}), "pdf"))
    text = " ".join(pdf_pages(pdf)[0].split())
    assert "co-chaired by .E.H Ana Pérez, Chile, and Ghana." in text


def test_weasyprint_looks_its_libraries_up_in_the_linker_cache_only_while_importing():
    """Each miss of find_library used to run gcc and ld: 0.4 s of every PDF-making process."""
    import ctypes.util

    from gfmd_reports.formats.pdf import _libraries_found_by_the_linker_cache

    find_library = ctypes.util.find_library
    with _libraries_found_by_the_linker_cache():
        assert ctypes.util.find_library is not find_library
        assert ctypes.util.find_library("pango-1.0") == "libpango-1.0.so.0"
        assert ctypes.util.find_library("libpango-1.0-0") is None  # the Windows name
    assert ctypes.util.find_library is find_library


@pytest.mark.parametrize(
    "element",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<img src="http://127.0.0.1:9/tracker.png">',
        "<style>p { background: url(https://example.org/x.png) }</style>",
    ],
)
def test_nothing_outside_the_theme_is_fetched(element):
    from gfmd_reports.formats.pdf import html_to_pdf

    theme = load_theme()
    html = f"<!DOCTYPE html><html lang='en'><head></head><body><p>x</p>{element}</body></html>"
    with pytest.raises(ReportError, match="may use only files of its theme, not "):
        html_to_pdf(html, theme)


def test_data_urls_and_theme_files_are_allowed():
    from gfmd_reports.formats.pdf import html_to_pdf

    theme = load_theme()
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4"
        "DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
    )
    html = (
        "<!DOCTYPE html><html lang='en'><head><link rel='stylesheet' href='style.css'></head>"
        f"<body><p>x</p><img src='{pixel}'></body></html>"
    )
    assert html_to_pdf(html, theme).startswith(b"%PDF-")


def test_a_word_of_thousands_of_letters_breaks_across_lines_and_stays_on_the_page(tmp_path):
    """Found by an audit: WeasyPrint tried every hyphenation point of a word too long for its
    line, laying the rest out again each time (4,000 letters took 30 s; this one, hours). The
    render runs in a process of its own, bounded by a timeout that only a hang reaches."""
    letters = "".join(random.Random(7).choice(string.ascii_lowercase) for _ in range(19_000))
    session = {**INTERNATIONAL["sessions"][0], "narrative": [f"Pasted: {letters} end."]}
    report = tmp_path / "report.json"
    report.write_text(json.dumps({**INTERNATIONAL, "sessions": [session]}))
    command = [sys.executable, "-m", "gfmd_reports", "render", str(report), "--format", "pdf"]
    subprocess.run([*command, "--output", str(tmp_path)], check=True, timeout=120)
    pdf = tmp_path / "report.pdf"
    text = "".join(pdf_text(pdf).split()).replace("\u200b", "")
    assert f"Pasted:{letters}end." in text
    boxes = pdf_word_boxes(pdf)
    assert sum(len(word) for word, _, _ in boxes) > 19_000
    assert [word for word, right, width in boxes if right > width] == []


def test_the_layout_says_on_which_page_each_anchor_falls(tmp_path):
    from gfmd_reports.formats.pdf import lay_out_pdf

    filler = "<p>" + " ".join(["Migration and development."] * 60) + "</p>"
    sections = [
        f'<h2 id="part-{letter}">Part-{letter}</h2>{filler * count}'
        for letter, count in zip("abcd", (5, 5, 5, 0), strict=True)
    ]
    html = f'<html lang="en"><body><main>{"".join(sections)}</main></body></html>'
    laid_out = lay_out_pdf(html, load_theme("base"))
    pdf = tmp_path / "anchors.pdf"
    pdf.write_bytes(laid_out.pdf)
    pages = pdf_pages(pdf)
    for letter in "abcd":
        printed_on = next(n for n, text in enumerate(pages, start=1) if f"Part-{letter}" in text)
        assert laid_out.pages[f"part-{letter}"] == printed_on
    assert len(set(laid_out.pages.values())) >= 3  # the filler spreads them over pages
