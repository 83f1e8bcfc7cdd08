"""The three kinds of report (oral, session, general) in English, French and Spanish, in all
three formats: titles, document titles, the cover line, numbered and bulleted lists, and the
words that introduce findings, read back from the outputs."""

from __future__ import annotations

import copy
import io
import re

import lxml.html
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from formats.documents import pdf_pages
from gfmd_reports import render
from gfmd_reports.loading import validate_data, validate_text

SESSION_REPORT = {
    "kind": "session",
    "forum": {
        "name": "Global Forum on Migration and Development",
        "short_name": "GFMD",
        "year": 2016,
        "edition": 9,
        "chairs": ["Bangladesh"],
        "venue": "Dhaka",
        "dates": {"start": "2016-12-10", "end": "2016-12-12"},
    },
    "roundtable": {"number": 2},
    "rapporteur": {
        "honorific": "Ms.",
        "name": "Amina Rahman",
        "position": "Director of Labour Migration",
        "organisation": "Ministry of Expatriates' Welfare",
    },
    "sessions": [
        {
            "number": "2.1",
            "title": "Decent work for migrant domestic workers",
            "co_chairs": [{"country": "Philippines"}, {"country": "Switzerland"}],
            "conclusions": {
                "numbered": True,
                "items": ["Recruitment fees fall on employers.", "Contracts are written."],
            },
            "recommendations": {
                "numbered": True,
                "lead_in": "The session recommended that States:",
                "items": ["Ratify Convention 189.", "Fund labour attachés.", "Share data."],
            },
        }
    ],
}
"""A rapporteur's report on one session of GFMD 2016, with two numbered lists."""

TITLES = {
    "en": ("Roundtable 2.1 “Decent work for migrant domestic workers”", "Report of the Rapporteur"),
    "fr": (
        "Table ronde 2.1\u00a0: «\u00a0Decent work for migrant domestic workers\u00a0»",
        "Rapport du Rapporteur",
    ),
    "es": ("Mesa redonda 2.1: “Decent work for migrant domestic workers”", "Informe del Relator"),
}
DOCUMENT_TITLES = {
    "en": "GFMD 2016 – Roundtable 2.1: Report of the Rapporteur",
    "fr": "GFMD 2016 – Table ronde 2.1\u00a0: Rapport du Rapporteur",
    "es": "GFMD 2016 – Mesa redonda 2.1: Informe del Relator",
}
COVER_LINES = {
    "en": "Ninth GFMD Summit, Dhaka, 10–12 December 2016, under the Chairmanship of Bangladesh",
    "fr": "Neuvième Sommet du GFMD, Dhaka, 10–12 décembre 2016, sous la présidence du Bangladesh",
    "es": (
        "Novena Cumbre del GFMD, Dhaka, 10 a 12 de diciembre de 2016, "
        "bajo la presidencia de Bangladesh"
    ),
}
WORD = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
CONCLUSIONS_HEADINGS = {"en": "Conclusions", "fr": "Conclusions", "es": "Conclusiones"}


def _report(data: dict, **changes):
    data = copy.deepcopy(data) | changes
    validation = validate_data(data)
    assert validation.report is not None, [str(problem) for problem in validation.problems]
    return validation.report


@pytest.fixture(scope="module", params=["en", "fr", "es"])
def session_outputs(request):
    report = _report(SESSION_REPORT, language=request.param)
    return request.param, {format: render(report, format) for format in ("html", "pdf", "docx")}


def test_a_session_report_is_titled_by_its_session_in_html(session_outputs):
    language, outputs = session_outputs
    page = lxml.html.fromstring(outputs["html"])
    title, subtitle = TITLES[language]
    assert page.findtext(".//h1") == title
    assert page.xpath("string(//p[@class='subtitle'])") == subtitle
    byline = page.xpath("string(//p[@class='byline'])")
    # Typed with a straight apostrophe, printed with the typographic one.
    assert "Director of Labour Migration, Ministry of Expatriates’ Welfare" in byline
    assert page.findtext(".//title") == DOCUMENT_TITLES[language]
    assert page.findtext(".//footer") == COVER_LINES[language]
    assert page.xpath("//article/@class") == ["report written session-report"]


def test_a_session_report_numbers_each_list_from_one_in_html(session_outputs):
    language, outputs = session_outputs
    page = lxml.html.fromstring(outputs["html"])
    lists = page.xpath("//section[@class='session']/ol")
    assert [[item.text_content() for item in ol.iter("li")] for ol in lists] == [
        ["Recruitment fees fall on employers.", "Contracts are written."],
        ["Ratify Convention 189.", "Fund labour attachés.", "Share data."],
    ]
    assert page.xpath("//section[@class='session']/h2/text()") == [CONCLUSIONS_HEADINGS[language]]


def test_a_session_report_reads_right_in_the_pdf(session_outputs):
    language, outputs = session_outputs
    reader = PdfReader(io.BytesIO(outputs["pdf"]))
    assert reader.metadata.title == DOCUMENT_TITLES[language]
    (page,) = pdf_pages_of(outputs["pdf"])
    lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
    title, subtitle = TITLES[language]
    assert lines[0] == " ".join(title.split())
    assert lines[1] == subtitle
    numbered = [line for line in lines if re.match(r"\d\. ", line)]
    assert numbered == [
        "1. Recruitment fees fall on employers.",
        "2. Contracts are written.",
        "1. Ratify Convention 189.",
        "2. Fund labour attachés.",
        "3. Share data.",
    ]
    assert " ".join(COVER_LINES[language].split()) in " ".join(lines)


def pdf_pages_of(data: bytes) -> list[str]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(data)
        return pdf_pages(path)


def test_a_session_report_has_real_word_numbering_restarting_per_list(session_outputs):
    language, outputs = session_outputs
    document = Document(io.BytesIO(outputs["docx"]))
    assert document.core_properties.title == DOCUMENT_TITLES[language]
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == TITLES[language][0]
    assert document.paragraphs[1].style.name == "Subtitle"
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in items] == [
        "Recruitment fees fall on employers.",
        "Contracts are written.",
        "Ratify Convention 189.",
        "Fund labour attachés.",
        "Share data.",
    ]
    lists = [p._p.pPr.numPr.numId.val for p in items]
    assert lists[0] == lists[1] != lists[2] == lists[3] == lists[4]
    numbering = document.part.numbering_part.element
    for number in (lists[0], lists[2]):
        (num,) = numbering.xpath(f"w:num[@w:numId='{number}']")
        assert num.xpath("w:lvlOverride/w:startOverride/@w:val") == ["1"]
        abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        (definition,) = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract}']")
        assert definition.xpath("w:lvl/w:numFmt/@w:val", namespaces=WORD) == ["decimal"]
    footer = document.sections[0].footer
    assert COVER_LINES[language] in " ".join(p.text for p in footer.paragraphs)


def test_bullets_when_the_report_says_numbered_false():
    data = copy.deepcopy(SESSION_REPORT)
    data["sessions"][0]["conclusions"]["numbered"] = False
    report = _report(data)
    page = lxml.html.fromstring(render(report, "html"))
    (bullets,) = page.xpath("//ul[@class='bullets']")
    assert [item.text_content() for item in bullets] == [
        "Recruitment fees fall on employers.",
        "Contracts are written.",
    ]
    document = Document(io.BytesIO(render(report, "docx")))
    styles = [p.style.name for p in document.paragraphs if p.text.startswith("Recruitment")]
    assert styles == ["List Bullet"]


def test_lists_follow_the_theme_when_the_report_does_not_say(tmp_path):
    """The gfmd theme bullets conclusions and numbers overall conclusions; a theme's tokens
    can turn that round."""
    data = copy.deepcopy(SESSION_REPORT)
    del data["sessions"][0]["conclusions"]["numbered"]
    report = _report(data)
    page = lxml.html.fromstring(render(report, "html"))
    assert len(page.xpath("//ul[@class='bullets']/li")) == 2
    folder = tmp_path / "numbers"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "name: numbers\nextends: gfmd\ntokens:\n  numbered_findings: true\n", encoding="utf-8"
    )
    from gfmd_reports.themes import load_theme

    page = lxml.html.fromstring(render(report, "html", load_theme(folder)))
    assert page.xpath("//ul") == []
    assert len(page.xpath("//ol/li")) == 5


@pytest.mark.parametrize(
    ("kind", "lead_in", "expected"),
    [
        ("session", None, ["<h2>Conclusions</h2>"]),
        ("general", None, ["<h3>Conclusions</h3>"]),
        ("oral", None, ["<p>The session reached the following conclusions.</p>"]),
        ("session", "", []),
        ("oral", "", []),
    ],
)
def test_findings_without_a_lead_in_are_introduced_by_the_theme(kind, lead_in, expected):
    data = copy.deepcopy(SESSION_REPORT)
    conclusions = data["sessions"][0]["conclusions"]
    del conclusions["numbered"]
    if lead_in is not None:
        conclusions["lead_in"] = lead_in
    html = render(_report(data, kind=kind, language="en"), "html").decode()
    before = html[: html.index("Recruitment fees")]
    after_co_chairs = before[before.index("Switzerland") :]
    assert re.findall(r"<h\d>[^<]*</h\d>|<p>[^<]*</p>", after_co_chairs) == expected


def test_an_oral_report_reads_its_findings_as_paragraphs_unless_asked_for_a_list():
    data = copy.deepcopy(SESSION_REPORT)
    del data["sessions"][0]["conclusions"]["numbered"]
    page = lxml.html.fromstring(render(_report(data, kind="oral"), "html"))
    paragraphs = page.xpath("//section[@class='session']/p/text()")
    assert "Recruitment fees fall on employers." in paragraphs
    assert [len(ol) for ol in page.xpath("//ol")] == [3]  # the recommendations ask for numbers


def test_a_session_report_from_the_starter_file_alone_reads_right():
    """Filled in field by field, with no theme named and nothing else changed."""
    from conftest import filled_starter

    validation = validate_text(filled_starter("session"), "session.yaml")
    assert validation.report is not None, [str(problem) for problem in validation.problems]
    page = lxml.html.fromstring(render(validation.report, "html"))
    assert page.findtext(".//h1") == "Roundtable 1.1 “Words of sessions 0 title.”"
    assert page.xpath("string(//p[@class='subtitle'])") == "Report of the Rapporteur1"
    assert (
        page.findtext(".//title")
        == "Words of forum short name. 2019 – Roundtable 1.1: Report of the Rapporteur"
    )
    points = page.xpath("//section[@class='session']/p[starts-with(., 'On ')]/text()")
    assert points == [
        "On Words of sessions 0 discussion points 0 theme., "
        "Words of sessions 0 discussion points 0 text."
    ]
    assert "gfmd" not in page.text_content()


@pytest.mark.parametrize(
    ("language", "edition", "chairs", "expected"),
    [
        (
            "en",
            1,
            ["Belgium"],
            "First GFMD Summit, Dhaka, 10–12 December 2016, under the Chairmanship of Belgium",
        ),
        (
            "en",
            11,
            ["Germany", "Morocco"],
            "Eleventh GFMD Summit, Dhaka, 10–12 December 2016, "
            "under the Co-Chairmanship of Germany and Morocco",
        ),
        (
            "fr",
            1,
            ["Belgique"],
            "Premier Sommet du GFMD, Dhaka, 10–12 décembre 2016, sous la présidence de la Belgique",
        ),
        (
            "es",
            11,
            ["Alemania", "Marruecos"],
            "Undécima Cumbre del GFMD, Dhaka, 10 a 12 de "
            "diciembre de 2016, bajo la copresidencia de Alemania y Marruecos",
        ),
        ("es", 21, [], "Vigésima primera Cumbre del GFMD, Dhaka, 10 a 12 de diciembre de 2016"),
    ],
)
def test_the_footer_names_the_edition_and_the_chairmanship(language, edition, chairs, expected):
    forum = SESSION_REPORT["forum"] | {"edition": edition, "chairs": chairs}
    page = lxml.html.fromstring(
        render(_report(SESSION_REPORT, language=language, forum=forum), "html")
    )
    assert page.findtext(".//footer") == expected


@pytest.mark.parametrize(
    ("theme", "lang", "dates"),
    [("gfmd", "en-GB", "10–12 December 2016"), ("base", "en", "December 10–12, 2016")],
)
def test_english_is_british_in_the_gfmd_theme_and_stays_plain_in_others(theme, lang, dates):
    report = _report(SESSION_REPORT, theme=theme)
    page = lxml.html.fromstring(render(report, "html"))
    assert page.get("lang") == lang
    assert dates in page.findtext(".//footer")
    document = Document(io.BytesIO(render(report, "docx")))
    assert document.core_properties.language == (lang if "-" in lang else "en-US")


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        ("2016-11-30", "2016-12-02", "en", "30 November – 2 December 2016"),
        ("2016-12-30", "2017-01-02", "en", "30 December 2016 – 2 January 2017"),
        ("2016-12-01", "2016-12-03", "fr", "1er–3 décembre 2016"),
        ("2016-11-30", "2016-12-02", "es", "30 de noviembre a 2 de diciembre de 2016"),
        ("2016-12-01", None, "fr", "1er décembre 2016"),
    ],
)
def test_dates_are_written_in_full_as_each_language_does(start, end, language, expected):
    forum = SESSION_REPORT["forum"] | {"dates": {"start": start, "end": end}}
    report = _report(SESSION_REPORT, language=language, forum=forum)
    footer = lxml.html.fromstring(render(report, "html")).findtext(".//footer")
    assert footer.split(", ")[2] == expected
