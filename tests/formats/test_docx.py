"""The Word document: real styles, numbering that restarts, real footnotes, page setup, core
properties, fonts for every script, and a layout LibreOffice agrees with."""

from __future__ import annotations

import copy
import datetime
import io
import zipfile
from importlib.metadata import version

import pytest
from conftest import make_theme
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from formats.conftest import libreoffice_pdf
from formats.documents import docx_footnotes, footnotes_part, pdf_fonts, pdf_pages
from formats.test_pdf import INTERNATIONAL, SCRIPT_FONTS
from gfmd_reports import load_theme, render
from gfmd_reports.formats.docx import html_to_docx
from gfmd_reports.model import Report


def _styles(path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text[:30]) for p in Document(str(path)).paragraphs]


def _numbering(document) -> tuple[dict, dict]:
    """Map numId → abstractNumId (with its start override), and abstractNumId → level text."""
    numbering = document.part.numbering_part.element
    nums = {}
    for num in numbering.iter(qn("w:num")):
        override = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        nums[num.get(qn("w:numId"))] = (
            num.find(qn("w:abstractNumId")).get(qn("w:val")),
            override.get(qn("w:val")) if override is not None else None,
        )
    texts = {
        definition.get(qn("w:abstractNumId")): definition.find(f".//{qn('w:lvlText')}").get(
            qn("w:val")
        )
        for definition in numbering.iter(qn("w:abstractNum"))
    }
    return nums, texts


def _num_id(paragraph) -> str | None:
    found = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return found.get(qn("w:val")) if found is not None else None


def test_the_written_report_uses_words_styles(rendered):
    styles = _styles(rendered["general"]["docx"])
    assert styles[:4] == [
        ("Title", "Round Table 3 “Migration as an"),
        ("Subtitle", "General Rapporteur’s Report"),
        ("Byline", "by Ambassador\u00a0Jorge Lomónaco, "),
        ("Normal", "I will attempt to summarize th"),
    ]
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == [
        "Roundtable 3.1 “Empowering mig",
        "Roundtable 3.2 “Migrant asset ",
        "Overall conclusions of RT 3",
    ]
    counted = [style for style, _ in styles]
    assert counted.count("List Bullet") == 8 + 6
    assert counted.count("List Number") == 3


def test_the_oral_report_frames_its_text_and_ends_with_a_quote(rendered):
    styles = _styles(rendered["oral"]["docx"])
    assert styles[0] == ("Normal", "Thank you Chair.")
    assert styles[-3] == ("Quote", "Let me end with a quote from o")
    assert styles[-2] == ("Normal", "Thank you Chair.")
    assert styles[-1][0] == "Reading Time"  # not read aloud
    assert [style for style, _ in styles].count("List Bullet") == 5


@pytest.mark.parametrize(("kind", "bullet"), [("oral", "-"), ("general", "•")])
def test_bullets_are_real_numbering_with_the_themes_character(rendered, kind, bullet):
    document = Document(str(rendered[kind]["docx"]))
    nums, texts = _numbering(document)
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert {texts[nums[_num_id(p)][0]] for p in bullets} == {bullet}


def test_each_numbered_list_restarts_at_one():
    html = (
        "<html><head><title>Two lists</title></head><body><article>"
        "<ol><li>first</li><li>second</li></ol><p>between</p><ol><li>again</li></ol>"
        "</article></body></html>"
    )
    document = Document(io.BytesIO(html_to_docx(html, load_theme())))
    nums, texts = _numbering(document)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["first", "second", "again"]
    ids = [_num_id(p) for p in numbered]
    assert ids[0] == ids[1] != ids[2]
    assert [nums[i][1] for i in ids] == ["1", "1", "1"]
    assert {texts[nums[i][0]] for i in ids} == {"%1."}


def test_the_subtitle_note_is_a_real_footnote(rendered):
    document = Document(str(rendered["general"]["docx"]))
    subtitle = document.paragraphs[1]
    references = subtitle._p.findall(f".//{qn('w:footnoteReference')}")
    assert [reference.get(qn("w:id")) for reference in references] == ["1"]
    run = references[0].getparent()
    assert run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "FootnoteReference"
    part = etree.fromstring(footnotes_part(document).blob)
    notes = {note.get(qn("w:id")): note for note in part.iter(qn("w:footnote"))}
    assert set(notes) == {"-1", "0", "1"}
    assert notes["-1"].get(qn("w:type")) == "separator"
    style = notes["1"].find(f".//{qn('w:pStyle')}").get(qn("w:val"))
    assert style == "FootnoteText"
    assert docx_footnotes(rendered["general"]["docx"])[0][:4] == ["This", "is", "a", "preliminary"]
    assert docx_footnotes(rendered["oral"]["docx"]) == []


def test_page_setup_footer_and_properties(rendered):
    document = Document(str(rendered["general"]["docx"]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.top_margin.mm) == 25
    instructions = [t.text for t in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    properties = document.core_properties
    assert properties.title == "GFMD 2014 – Round Table 3: General Rapporteur’s Report"
    assert (properties.author, properties.language) == ("Jorge Lomónaco", "en-GB")
    assert properties.created is None
    assert properties.modified is None


def test_theme_fonts_and_language_are_in_the_styles(rendered):
    document = Document(str(rendered["general"]["docx"]))
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Times New Roman", 12)
    defaults = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
    )
    fonts = defaults.find(qn("w:rFonts"))
    assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:cs"))) == ("WenQuanYi Micro Hei", "Amiri")
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    title = document.styles["Title"]
    assert (title.font.bold, title.font.size.pt) == (True, 15)
    assert title.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is None


def test_the_same_report_gives_the_same_docx_and_a_given_date_is_kept(reports):
    assert render(reports["general"], "docx") == render(reports["general"], "docx")
    moment = datetime.datetime(2014, 5, 16, 9, 30, tzinfo=datetime.UTC)
    document = Document(io.BytesIO(render(reports["general"], "docx", modified=moment)))
    assert document.core_properties.modified == moment


@pytest.mark.parametrize("kind", ["oral", "general"])
def test_libreoffice_paginates_the_docx_like_the_pdf(rendered, docx_as_pdf, kind):
    from_docx = pdf_pages(docx_as_pdf[kind])
    from_html = pdf_pages(rendered[kind]["pdf"])
    assert abs(len(from_docx) - len(from_html)) <= 1
    first_page = " ".join(from_docx[0].split())
    if kind == "general":
        assert "1 This is a preliminary report" in first_page  # the note, on its first page


def test_names_in_every_script_get_real_glyphs_in_word(tmp_path):
    docx = tmp_path / "international.docx"
    docx.write_bytes(render(Report.model_validate(INTERNATIONAL), "docx"))
    runs = {
        run.text: run._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        for run in Document(str(docx)).paragraphs[1].runs
    }
    thai = next(fonts for text, fonts in runs.items() if "สมศรี" in text)
    assert thai.get(qn("w:cs")) == "Norasi"
    pdf = libreoffice_pdf(docx, tmp_path)
    fonts = {
        name.removesuffix("-Regular")
        .replace("WenQuanYiMicroHei", "WenQuanYi-Micro-Hei")
        .replace("LiberationSerif", "Liberation-Serif")
        for name, _ in pdf_fonts(pdf)
    }
    assert fonts == SCRIPT_FONTS
    text = " ".join(pdf_pages(pdf)[0].split())
    for name in ("สมศรี วงศ์ใหญ่", "王小明", "Анна Петрова", "Jessica López Mejia", "العتيبي"):
        assert name in text


def test_the_package_holds_only_the_parts_a_report_uses(rendered):
    """No stale second copy of the styles, blank thumbnail, web settings or bibliography."""
    common = {
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/theme/theme1.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "customXml/item1.xml",  # the report's data, which import reads back
        "customXml/itemProps1.xml",
        "customXml/_rels/item1.xml.rels",
    }
    for kind, notes in (("oral", set()), ("general", {"word/footnotes.xml"})):
        assert set(zipfile.ZipFile(rendered[kind]["docx"]).namelist()) == common | notes


def test_the_extended_properties_tell_the_truth(rendered):
    """The application that made the document and the body's statistics, not those of
    python-docx's template ("Microsoft Macintosh Word", 0 words, 1 page)."""
    path = rendered["general"]["docx"]
    properties = etree.fromstring(zipfile.ZipFile(path).read("docProps/app.xml"))
    claims = {etree.QName(claim).localname: claim.text for claim in properties}
    texts = [paragraph.text for paragraph in Document(str(path)).paragraphs]
    body = " ".join(texts)
    assert claims == {
        "Application": f"gfmd-reports {version('gfmd-reports')}",
        "DocSecurity": "0",
        "Words": str(len(body.split())),
        "Characters": str(len("".join(body.split()))),
        "CharactersWithSpaces": str(sum(len(text) for text in texts)),
        "Paragraphs": str(sum(1 for text in texts if text.strip())),
    }
    assert 1_200 < int(claims["Words"]) < 1_400  # the report's 1,239 and its headings


def test_word_opens_the_document_at_full_zoom(rendered):
    settings = Document(str(rendered["oral"]["docx"])).settings.element
    assert settings.find(qn("w:zoom")).get(qn("w:percent")) == "100"


def test_arabic_and_thai_take_the_same_emphasis_and_sizes_as_latin():
    """Word takes a complex script's bold, italic and size from w:bCs, w:iCs and w:szCs."""
    data = copy.deepcopy(INTERNATIONAL)
    data["sessions"][0]["narrative"] = ["*مرحبا بكم* and **สวัสดี ครับ**"]
    document = Document(io.BytesIO(render(Report.model_validate(data), "docx")))
    fonts = {run.text: run.font for paragraph in document.paragraphs for run in paragraph.runs}
    assert (fonts["مرحبا بكم"].italic, fonts["مرحبا بكم"].cs_italic) == (True, True)
    assert (fonts["สวัสดี ครับ"].bold, fonts["สวัสดี ครับ"].cs_bold) == (True, True)
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Footnote Text"):
        properties = document.styles[name].element.rPr
        size, complex_size = (properties.find(qn(tag)) for tag in ("w:sz", "w:szCs"))
        assert complex_size.get(qn("w:val")) == size.get(qn("w:val")), name
    title = document.styles["Title"].font
    assert (title.bold, title.cs_bold) == (True, True)


@pytest.mark.parametrize(("kind", "bullet"), [("general", "&"), ("oral", "<")])
def test_a_bullet_that_xml_would_escape_is_a_character_like_any_other(
    tmp_path, reports, kind, bullet
):
    folder = make_theme(tmp_path, "marks", 'tokens:\n  bullet_written: "&"\n  bullet_oral: "<"\n')
    theme = load_theme(folder)
    assert f'list-style-type: "{bullet}  "' in render(reports[kind], "html", theme).decode()
    pdf = tmp_path / "marks.pdf"
    pdf.write_bytes(render(reports[kind], "pdf", theme))
    bulleted = [line for line in "".join(pdf_pages(pdf)).splitlines() if line.strip()[:1] == bullet]
    assert len(bulleted) == (14 if kind == "general" else 5)
    document = Document(io.BytesIO(render(reports[kind], "docx", theme)))
    nums, texts = _numbering(document)
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert {texts[nums[_num_id(p)][0]] for p in bullets} == {bullet}
