"""French and Spanish renderings: translated wording, lists and dates, in all three formats."""

from __future__ import annotations

import io

import lxml.html
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from formats.documents import pdf_pages
from gfmd_reports import render
from gfmd_reports.model import Report
from gfmd_reports.phrases import Phrases

EXPECTED = {
    "fr": {
        "title": (
            "Table ronde 3\u00a0: «\u00a0Migration as an enabler for inclusive social "
            "development\u00a0»"
        ),
        "subtitle": "Rapport du Rapporteur général",
        "byline": "par Ambassador\u00a0Jorge Lomónaco, Mexique",
        "co_chairs": "La session était coprésidée par El Salvador et United Arab Emirates.",
        "footer": (
            "Septième Sommet du GFMD, Stockholm, 14–16 mai 2014, sous la présidence de la Suède"
        ),
        "word": "fr-FR",
    },
    "es": {
        "title": "Mesa redonda 3: “Migration as an enabler for inclusive social development”",
        "subtitle": "Informe del Relator General",
        "byline": "por Ambassador\u00a0Jorge Lomónaco, México",
        "co_chairs": "La sesión fue copresidida por El Salvador y United Arab Emirates.",
        "footer": (
            "Séptima Cumbre del GFMD, Stockholm, 14 a 16 de mayo de 2014, "
            "bajo la presidencia de Suecia"
        ),
        "word": "es-ES",
    },
}


@pytest.fixture(params=["fr", "es"])
def translated(request, reports):
    return request.param, reports["general"].model_copy(update={"language": request.param})


def test_the_page_speaks_the_language(translated):
    language, report = translated
    expected = EXPECTED[language]
    page = lxml.html.fromstring(render(report, "html"))
    assert page.get("lang") == language
    assert page.findtext(".//h1") == expected["title"]
    assert page.xpath("string(//p[@class='subtitle'])").startswith(expected["subtitle"])
    assert page.xpath("string(//p[@class='byline'])") == expected["byline"]
    assert page.xpath("string(//section[@class='session'][2]/p[1])") == expected["co_chairs"]
    assert page.findtext(".//footer") == expected["footer"]


def test_the_pdf_speaks_the_language(translated, tmp_path):
    language, report = translated
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(report, "pdf"))
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == language
    first = " ".join(pdf_pages(pdf)[0].split())
    assert EXPECTED[language]["subtitle"] in first
    assert first.endswith(f"{EXPECTED[language]['footer']} 1")


def test_the_docx_speaks_the_language(translated):
    language, report = translated
    document = Document(io.BytesIO(render(report, "docx")))
    assert document.paragraphs[1].text == EXPECTED[language]["subtitle"]
    assert document.core_properties.language == EXPECTED[language]["word"]
    defaults = document.styles.element.find(f".//{qn('w:rPrDefault')}//{qn('w:lang')}")
    assert defaults.get(qn("w:val")) == EXPECTED[language]["word"]
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith(f"{EXPECTED[language]['footer']}\t")


@pytest.mark.parametrize(
    ("language", "items", "joined"),
    [
        ("en", ["Ecuador", "Greece"], "Ecuador and Greece"),
        ("en", ["A, X", "B, Y"], "A, X, and B, Y"),
        ("fr", ["A, X", "B, Y", "C"], "A, X, B, Y et C"),
        ("es", ["España", "Italia"], "España e Italia"),
        ("es", ["España", "Hispania"], "España e Hispania"),
        ("es", ["Francia", "Hielo"], "Francia y Hielo"),
        ("es", ["Chile", "Perú"], "Chile y Perú"),
    ],
)
def test_lists_are_joined_as_each_language_does(language, items, joined):
    from gfmd_reports import load_theme

    phrases = load_theme().phrases(language)
    assert isinstance(phrases, Phrases)
    assert phrases.join(items) == joined


FRENCH_STATES = {
    "kind": "general",
    "language": "fr",
    "forum": {"name": "Forum mondial", "short_name": "FMMD", "year": 2016, "chairs": ["BGD"]},
    "roundtable": {"number": 2},
    "rapporteur": {"name": "Ana Pérez", "country": "the Netherlands"},
    "sessions": [
        {
            "number": "2.1",
            "title": "Mobilité",
            "co_chairs": [{"country": "NLD"}, {"country": "Suisse"}],
            "discussion": {"points": [{"theme": "le financement", "text": "X."}]},
        }
    ],
}
FRENCH_SENTENCES = [
    "par Ana Pérez, Pays-Bas",
    "La session était coprésidée par les Pays-Bas et la Suisse.",
    "S’agissant du financement, X.",
]
FRENCH_FOOTER = "FMMD 2016, sous la présidence du Bangladesh"


def test_states_read_in_french_in_every_format(tmp_path):
    report = Report.model_validate(FRENCH_STATES)
    page = lxml.html.fromstring(render(report, "html"))
    html_text = [" ".join(p.text_content().split()) for p in page.iter("p")]
    assert all(sentence in html_text for sentence in FRENCH_SENTENCES), html_text
    assert page.findtext(".//footer") == FRENCH_FOOTER
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(report, "pdf"))
    pdf_text = " ".join(pdf_pages(pdf)[0].split())
    assert all(sentence in pdf_text for sentence in FRENCH_SENTENCES), pdf_text
    assert f"{FRENCH_FOOTER} 1" in pdf_text
    document = Document(io.BytesIO(render(report, "docx")))
    docx_text = [paragraph.text for paragraph in document.paragraphs]
    assert all(sentence in docx_text for sentence in FRENCH_SENTENCES), docx_text
    assert document.sections[0].footer.paragraphs[0].text.startswith(f"{FRENCH_FOOTER}\t")
