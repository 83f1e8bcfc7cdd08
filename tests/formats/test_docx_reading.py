"""Reading a Word document back: what a reader sees, Word's edits accepted and listed, its
noise ignored, and clear errors for what is no Word document."""

from __future__ import annotations

import io
import zipfile
from importlib.metadata import version

import pytest
from conftest import WRITTEN_EXAMPLE
from docx import Document

from gfmd_reports import load_report, render
from gfmd_reports.errors import ReportFileError
from gfmd_reports.formats.docx.reading import Annotation, ReadParagraph, Span, read_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REVISION = 'w:author="Ana Ruiz" w:date="2026-11-30T10:00:00Z"'


def _blank_docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


BLANK = _blank_docx()


def docx_with(body: str, parts: dict[str, str] | None = None) -> bytes:
    """python-docx's blank document with this body XML (and these parts, related from the
    document by their file's name: footnotes, comments)."""
    parts = parts or {}
    source = zipfile.ZipFile(io.BytesIO(BLANK))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = f"<w:document {W}><w:body>{body}</w:body></w:document>".encode()
            elif info.filename == "word/_rels/document.xml.rels" and parts:
                relationships = "".join(
                    f'<Relationship Id="rIdX{index}" Target="{name}" Type="http://schemas.'
                    f'openxmlformats.org/officeDocument/2006/relationships/{name[:-4]}"/>'
                    for index, name in enumerate(parts)
                )
                data = data.replace(
                    b"</Relationships>", relationships.encode() + b"</Relationships>"
                )
            target.writestr(info, data)
        for name, xml in parts.items():
            target.writestr(f"word/{name}", xml)
    return buffer.getvalue()


def paragraph(*runs: str, style: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def run(text: str, properties: str = "") -> str:
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_a_rendered_report_reads_as_its_styles_lists_and_footnotes():
    report = load_report(WRITTEN_EXAMPLE)
    document = read_docx(render(report, "docx"), "report.docx")
    styles = [paragraph.style for paragraph in document.paragraphs]
    assert styles[:3] == ["Title", "Subtitle", "Byline"]
    assert styles.count("List Bullet") == 8 + 6
    assert styles.count("List Number") == 3
    bullets = [p for p in document.paragraphs if p.style == "List Bullet"]
    numbers = [p for p in document.paragraphs if p.style == "List Number"]
    assert {(p.list_level, p.numbered) for p in bullets} == {(0, False)}
    assert {(p.list_level, p.numbered) for p in numbers} == {(0, True)}
    assert document.paragraphs[0].text.startswith("Round Table 3 “Migration as an")
    calls = [span.note for p in document.paragraphs for span in p.spans if span.note]
    assert calls
    assert sorted(calls, key=int) == sorted(document.footnotes, key=int)
    assert all(
        notes[0].text and notes[0].text == notes[0].text.strip()
        for notes in document.footnotes.values()
    )
    assert document.annotations == ()
    assert document.application == f"gfmd-reports {version('gfmd-reports')}"
    assert read_docx(BLANK, "blank.docx").application == "Microsoft Macintosh Word"


def test_words_noise_reads_as_nothing():
    clean = docx_with(paragraph(run("The Co-chairs agreed "), run("strongly", "<w:i/>"), run(".")))
    noisy = docx_with(
        '<w:p w:rsidR="00A1" w:rsidRDefault="00B2"><w:bookmarkStart w:id="0" w:name="_Go"/>'
        '<w:proofErr w:type="spellStart"/><w:r w:rsidR="00C3"><w:t>The Co-</w:t></w:r>'
        '<w:proofErr w:type="spellEnd"/><w:r><w:lastRenderedPageBreak/><w:t>chairs</w:t></w:r>'
        '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t xml:space="preserve"> agreed'
        ' </w:t></w:r></w:smartTag><w:bookmarkEnd w:id="0"/>'
        '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:rPr><w:i w:val="1"/></w:rPr><w:t>str</w:t>'
        '</w:r></w:sdtContent></w:sdt><w:hyperlink w:anchor="x"><w:r><w:rPr><w:i/><w:iCs/>'
        "</w:rPr><w:t>ongly</w:t></w:r></w:hyperlink>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> QUOTE "." '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>.</w:t>'
        '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    expected = (Span("The Co-chairs agreed "), Span("strongly", italic=True), Span("."))
    assert read_docx(clean, "clean.docx").paragraphs[0].spans == expected
    assert read_docx(noisy, "noisy.docx").paragraphs == (ReadParagraph("Normal", expected),)


def test_emphasis_comes_from_the_run_and_its_character_style():
    document = read_docx(
        docx_with(
            paragraph(
                run("off ", '<w:b w:val="0"/>'),
                run("bold ", "<w:b/>"),
                run("strong", '<w:rStyle w:val="Strong"/>'),
                run(" emphasis", '<w:rStyle w:val="Emphasis"/>'),
                run(" both", '<w:b w:val="true"/><w:i/>'),
            )
        ),
        "emphasis.docx",
    )
    assert document.paragraphs[0].spans == (
        Span("off "),
        Span("bold strong", bold=True),
        Span(" emphasis", italic=True),
        Span(" both", italic=True, bold=True),
    )


def test_tracked_changes_are_accepted_and_listed():
    body = (
        paragraph(
            run("Migrants "),
            f'<w:del w:id="1" {REVISION}><w:r><w:delText>often </w:delText></w:r></w:del>',
            f'<w:ins w:id="2" {REVISION}>{run("always ")}</w:ins>',
            run("send money."),
        )
        + f'<w:p><w:pPr><w:rPr><w:del w:id="3" {REVISION}/></w:rPr></w:pPr>'
        f'<w:del w:id="4" {REVISION}><w:r><w:delText>A removed paragraph.</w:delText></w:r>'
        "</w:del></w:p>"
        + paragraph(
            f'<w:moveFrom w:id="5" {REVISION}><w:r><w:t>Moved words </w:t></w:r></w:moveFrom>',
            run("Stay here."),
        )
        + paragraph(
            run("Here: "),
            f'<w:moveTo w:id="6" {REVISION}><w:r><w:t>Moved words</w:t></w:r></w:moveTo>',
        )
        + paragraph(
            '<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="Li Wei" '
            'w:date="2026-11-29T09:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t>Bolder</w:t></w:r>'
        )
    )
    document = read_docx(docx_with(body), "changed.docx")
    assert [p.text for p in document.paragraphs] == [
        "Migrants always send money.",
        "Stay here.",
        "Here: Moved words",
        "Bolder",
    ]
    when = "2026-11-30T10:00:00Z"
    assert document.annotations == (
        Annotation("deletion", "Ana Ruiz", when, "often ", 0),
        Annotation("insertion", "Ana Ruiz", when, "always ", 0),
        Annotation("deletion", "Ana Ruiz", when, "A removed paragraph.", 1),
        Annotation("move", "Ana Ruiz", when, "Moved words", 2),
        Annotation("formatting", "Li Wei", "2026-11-29T09:00:00Z", "Bolder", 3),
    )


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next():
    body = (
        f'<w:p><w:pPr><w:rPr><w:del w:id="1" {REVISION}/></w:rPr></w:pPr>'
        f"{run('First half, ')}</w:p>" + paragraph(run("second half."))
    )
    document = read_docx(docx_with(body), "joined.docx")
    assert [p.text for p in document.paragraphs] == ["First half, second half."]


def test_comments_are_listed_with_their_own_text_where_they_are():
    comments = (
        f'<w:comments {W}><w:comment w:id="3" w:author="Li Wei" w:date="2026-11-29T09:00:00Z">'
        "<w:p><w:r><w:t>Check this figure.</w:t></w:r></w:p></w:comment></w:comments>"
    )
    body = paragraph(run("Intro.")) + paragraph(
        '<w:commentRangeStart w:id="3"/>',
        run("Remittances grew by 5%."),
        '<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>',
    )
    document = read_docx(docx_with(body, {"comments.xml": comments}), "commented.docx")
    assert document.annotations == (
        Annotation("comment", "Li Wei", "2026-11-29T09:00:00Z", "Check this figure.", 1),
    )
    assert document.paragraphs[1].text == "Remittances grew by 5%."


def test_footnotes_are_read_by_id_and_their_changes_placed_at_the_call():
    footnotes = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:footnote><w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> See the </w:t></w:r><w:ins w:id="9" {REVISION}>'
        f"{run('2014 ')}</w:ins>{run('report', '<w:i/>')}{run('.')}</w:p></w:footnote>"
        "</w:footnotes>"
    )
    body = paragraph(run("Intro.")) + paragraph(
        run("A claim"), '<w:r><w:footnoteReference w:id="7"/></w:r>', run(" made.")
    )
    document = read_docx(docx_with(body, {"footnotes.xml": footnotes}), "notes.docx")
    assert document.paragraphs[1].spans == (Span("A claim"), Span("", note="7"), Span(" made."))
    assert document.footnotes == {
        "7": (
            ReadParagraph(
                "Normal",
                (Span("See the 2014 "), Span("report", italic=True), Span(".")),
                None,
                None,
            ),
        )
    }
    assert document.annotations == (
        Annotation("insertion", "Ana Ruiz", "2026-11-30T10:00:00Z", "2014 ", 1),
    )


def test_lists_read_their_level_and_kind_from_the_numbering_or_the_style():
    document = Document()
    document.add_paragraph("a bullet", style="List Bullet")
    document.add_paragraph("a number", style="List Number")
    document.add_paragraph("its own list", style="List Bullet 2")
    document.add_paragraph("plain")
    indented = document.add_paragraph("indented", style="List Number")._p.get_or_add_pPr()
    indented.get_or_add_numPr().get_or_add_ilvl().val = 1
    indented.get_or_add_numPr().get_or_add_numId().val = 5
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_docx(buffer.getvalue(), "lists.docx").paragraphs
    assert [(p.style, p.text, p.list_level, p.numbered) for p in read] == [
        ("List Bullet", "a bullet", 0, False),
        ("List Number", "a number", 0, True),
        ("List Bullet 2", "its own list", 0, False),
        ("Normal", "plain", None, None),
        ("List Number", "indented", 1, True),
    ]


def test_tables_read_row_by_row_and_empty_paragraphs_are_left_out():
    body = (
        paragraph(run("Before."))
        + paragraph()
        + "<w:tbl><w:tr><w:tc>"
        + paragraph(run("A1"))
        + "</w:tc><w:tc>"
        + paragraph(run("B1"))
        + "</w:tc></w:tr><w:tr><w:tc>"
        + paragraph(run("A2"))
        + "</w:tc><w:tc>"
        + paragraph(run("  "))
        + "</w:tc></w:tr></w:tbl>"
        + paragraph(run("After."))
    )
    read = read_docx(docx_with(body), "table.docx").paragraphs
    assert [p.text for p in read] == ["Before.", "A1", "B1", "A2", "After."]


def test_the_embedded_report_is_read_from_its_custom_xml_part():
    item = '<report xmlns="urn:gfmd-reports:report:1" tool="1">{"title": "Roundtable 1"}</report>'
    raw = docx_with(paragraph(run("x")))
    buffer = io.BytesIO(raw)
    with zipfile.ZipFile(buffer, "a") as package:
        package.writestr("customXml/item2.xml", item)  # item1: Word's bibliography
    assert read_docx(raw, "plain.docx").embedded_report is None
    assert read_docx(buffer.getvalue(), "data.docx").embedded_report == {"title": "Roundtable 1"}


def _without(raw: bytes, member: str) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
    return buffer.getvalue()


def _replacing(raw: bytes, member: str, data: bytes) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == member else source.read(info))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"just text", "this is not a Word document (.docx)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "this file is protected by a password, or is an old Word document (.doc)",
        ),
        (_without(BLANK, "_rels/.rels"), "this is not a Word document (.docx)"),
        (
            docx_with("<w:p><w:r><w:t>unclosed</w:r></w:p>"),
            "this Word document cannot be read: its part word/document.xml is damaged",
        ),
        (
            _replacing(
                BLANK,
                "word/document.xml",
                f'<!DOCTYPE w:document [<!ENTITY x "EXPANDED">]><w:document {W}><w:body>'
                f"{paragraph(run('before &x; after'))}</w:body></w:document>".encode(),
            ),
            "this Word document cannot be read: its part word/document.xml is damaged",
        ),
    ],
    ids=["not a zip", "password", "no document", "broken XML", "a DTD"],
)
def test_what_is_no_readable_word_document_is_said_naming_the_file(raw, expected):
    with pytest.raises(ReportFileError) as raised:
        read_docx(raw, "minutes.docx")
    (problem,) = raised.value.problems
    assert problem.source == "minutes.docx"
    assert problem.message.startswith(expected)


def _adding(raw: bytes, parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO(raw)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _spaces(size: int) -> bytes:
    return b"<a>" + b" " * size + b"</a>"


def _too_large(raw: bytes) -> str:
    with pytest.raises(ReportFileError) as raised:
        read_docx(raw, "bomb.docx")
    (problem,) = raised.value.problems
    assert problem.source == "bomb.docx"
    return problem.message


def test_a_small_zip_that_unzips_to_a_huge_part_is_refused_unread():
    body = f"<w:document {W}><w:body>".encode() + b" " * 17 * 2**20 + b"</w:body></w:document>"
    bomb = _replacing(BLANK, "word/document.xml", body)
    assert len(bomb) < 100_000
    assert _too_large(bomb).startswith(
        "this file is too large to be a report's document: unzipped, its part "
        "word/document.xml passes the limit of 16 MB a part (64 MB for all parts)"
    )


def test_parts_each_under_the_limit_are_refused_once_together_too_large():
    items = {f"customXml/item{index}.xml": _spaces(15 * 2**20) for index in range(2, 7)}
    message = _too_large(_adding(docx_with(paragraph(run("x"))), items))
    assert "its part customXml/item6.xml passes the limit" in message


def test_only_the_first_custom_xml_items_are_searched_for_the_report():
    item = b'<report xmlns="urn:gfmd-reports:report:1">{"title": "Roundtable 1"}</report>'
    words = {f"customXml/item{index}.xml": b"<Sources/>" for index in range(2, 9)}  # and item1
    raw = docx_with(paragraph(run("x")))
    ninth = read_docx(_adding(raw, {**words, "customXml/item9.xml": item}), "d").embedded_report
    eighth = read_docx(_adding(raw, {**words, "customXml/item8.xml": item}), "d").embedded_report
    assert (ninth, eighth) == (None, {"title": "Roundtable 1"})


MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _drawing_text_box(*paragraphs: str) -> str:
    """A DrawingML text box as Word writes it (its anchor and frame left out)."""
    return (
        f"<w:drawing><wps:wsp {WPS}><wps:txbx><w:txbxContent>{''.join(paragraphs)}"
        "</w:txbxContent></wps:txbx></wps:wsp></w:drawing>"
    )


def _vml_text_box(*paragraphs: str) -> str:
    return (
        f"<w:pict><v:shape {VML}><v:textbox><w:txbxContent>{''.join(paragraphs)}"
        "</w:txbxContent></v:textbox></v:shape></w:pict>"
    )


def _alternatives(choice: str, fallback: str, requires: str = "wps") -> str:
    return (
        f'<w:r><mc:AlternateContent {MC}><mc:Choice Requires="{requires}">{choice}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )


KEY = "KEY MESSAGE IN A TEXT BOX: migration is a choice"


def _read_body(body: str) -> list[tuple[str, bool]]:
    document = read_docx(docx_with(body), "draft.docx")
    return [(paragraph.text, paragraph.text_box) for paragraph in document.paragraphs]


def test_a_text_box_given_twice_reads_once_after_its_anchor_paragraph():
    box = paragraph(run(KEY))
    body = paragraph(
        run("The anchor."), _alternatives(_drawing_text_box(box), _vml_text_box(box))
    ) + paragraph(run("After it."))
    assert _read_body(body) == [("The anchor.", False), (KEY, True), ("After it.", False)]


def test_a_text_box_in_an_empty_paragraph_or_in_vml_alone_is_read():
    body = paragraph(f"<w:r>{_vml_text_box(paragraph(run(KEY)), paragraph(run('Two.')))}</w:r>")
    assert _read_body(body) == [(KEY, True), ("Two.", True)]


def test_the_fallback_is_read_where_the_choice_is_not_understood():
    chart = '<w:drawing><c:chart xmlns:c="urn:a-chart-format"/></w:drawing>'
    body = paragraph(run("Anchor."), _alternatives(chart, _vml_text_box(paragraph(run(KEY)))))
    assert _read_body(body) == [("Anchor.", False), (KEY, True)]


def test_equations_and_embedded_documents_are_said_not_read():
    math = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    equation = f"<m:oMath {math}><m:r><m:t>E=mc</m:t></m:r><m:r><m:t>2</m:t></m:r></m:oMath>"
    body = (
        paragraph(run("Before."))
        + paragraph(run("Energy: "), equation)
        + '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" r:id="rIdChunk"/>' + paragraph(run("After."))
    )
    document = read_docx(docx_with(body), "draft.docx")
    assert [p.text for p in document.paragraphs] == ["Before.", "Energy: ", "After."]
    assert document.annotations == (
        Annotation("equation", None, None, "E=mc2", 1),
        Annotation("embedded document", None, None, "", 1),
    )
