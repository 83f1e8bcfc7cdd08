"""A theme's reference.docx gives the Word output its styles, page setup, headers and footers,
and nothing else: no macros, no links outside the file, no fields that fetch, none of its
text, comments or settings a report has no use for."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import make_theme
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from ooxml.check import docx_problems
from PIL import Image

from formats.documents import docx_footnotes, part_text, zip_with
from gfmd_reports import ReportError, load_theme, render

EXTERNAL = "http://127.0.0.1:9"


def _saved(document) -> bytes:
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _render_with(tmp_path, reports, reference: bytes) -> bytes:
    folder = make_theme(tmp_path, "worded", files={"reference.docx": reference})
    return render(reports["general"], "docx", load_theme(folder))


def _with_relationship(
    reference: bytes, rels: str, relationship: str, more: dict[str, bytes] | None = None
) -> bytes:
    """The reference with one more relationship in one of its .rels parts, and more parts."""
    text = part_text(reference, rels) if rels in _names(reference) else _EMPTY_RELS
    return zip_with(
        reference,
        {
            rels: text.replace("</Relationships>", relationship + "</Relationships>").encode(),
            **(more or {}),
        },
    )


_EMPTY_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "</Relationships>"
)


def _names(data: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(data)).namelist())


def _macro_reference() -> bytes:
    """A reference whose document part relates to a VBA project, as a .docm's does."""
    reference = _saved(Document())
    types = part_text(reference, "[Content_Types].xml").replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    return _with_relationship(
        reference,
        "word/_rels/document.xml.rels",
        '<Relationship Id="rId99" Target="vbaProject.bin" '
        'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/>',
        {
            "word/vbaProject.bin": b"Attribute VB_Name = ...",
            "[Content_Types].xml": types.encode(),
        },
    )


def _attached_template_reference() -> bytes:
    """A reference whose settings attach a template on a web server, which Word fetches."""
    reference = _saved(Document())
    settings = part_text(reference, "word/settings.xml").replace(
        "<w:defaultTabStop", '<w:attachedTemplate r:id="rId1"/><w:defaultTabStop'
    )
    return _with_relationship(
        reference,
        "word/_rels/settings.xml.rels",
        f'<Relationship Id="rId1" Target="{EXTERNAL}/t.dotm" TargetMode="External" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'attachedTemplate"/>',
        {"word/settings.xml": settings.encode()},
    )


def _linked_header_picture_reference() -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Regional consultation"
    reference = _saved(document)
    return _with_relationship(
        reference,
        "word/_rels/header1.xml.rels",
        f'<Relationship Id="rId9" Target="{EXTERNAL}/beacon.png" TargetMode="External" '
        f'Type="{RT.IMAGE}"/>',
    )


def _fetching_field_reference() -> bytes:
    document = Document()
    footer = document.sections[0].footer.paragraphs[0]
    footer._p.append(
        parse_xml(
            f"<w:fldSimple {nsdecls('w')} w:instr=' INCLUDEPICTURE \"{EXTERNAL}/x.png\" \\d '>"
            "<w:r><w:t>picture</w:t></w:r></w:fldSimple>"
        )
    )
    return _saved(document)


REFUSED = {
    "macros": (
        _macro_reference,
        "reference.docx: holds word/vbaProject.bin, a macro project: a report must not carry "
        "macros or embedded programs",
    ),
    "an attached template on a server": (
        _attached_template_reference,
        f"reference.docx: word/settings.xml links to {EXTERNAL}/t.dotm (its attachedTemplate), "
        "outside the document, which Word would fetch whenever a report is opened",
    ),
    "a linked picture in a header": (
        _linked_header_picture_reference,
        f"reference.docx: word/header1.xml links to {EXTERNAL}/beacon.png (its image)",
    ),
    "a field that fetches a picture": (
        _fetching_field_reference,
        "reference.docx: word/footer1.xml holds the field INCLUDEPICTURE, which may fetch, "
        "include or run something",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_reference_with_code_or_outside_links_is_refused(tmp_path, reports, case):
    make_reference, message = REFUSED[case]
    with pytest.raises(ReportError, match=re.escape(message)):
        _render_with(tmp_path, reports, make_reference())


def test_only_styles_page_setup_headers_and_footers_come_from_the_reference(tmp_path, reports):
    """Parts a report has no use for are left out; a header's own picture stays inside."""
    document = Document()
    document.add_paragraph("Sample text with a comment.")
    document.add_comment(document.paragraphs[0].runs, text="A reviewer's remark")
    link = document.part.relate_to("https://example.org", RT.HYPERLINK, is_external=True)
    document.paragraphs[0]._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{link}">'
            "<w:r><w:t>a link</w:t></w:r></w:hyperlink>"
        )
    )
    logo = io.BytesIO()
    Image.new("RGB", (30, 10), "navy").save(logo, format="PNG")
    document.sections[0].header.paragraphs[0].add_run().add_picture(logo)
    docx = _render_with(tmp_path, reports, _saved(document))

    names = _names(docx)
    assert {
        "word/comments.xml",
        "word/stylesWithEffects.xml",
        "word/webSettings.xml",
    } & names == set()
    assert not any(name.startswith("docProps/thumbnail") for name in names)
    # The reference's own Custom XML (Word's bibliography) is gone: the one left is the report's.
    assert {name for name in names if name.startswith("customXml/")} == {
        "customXml/item1.xml",
        "customXml/itemProps1.xml",
        "customXml/_rels/item1.xml.rels",
    }
    assert "urn:gfmd-reports:report:1" in part_text(docx, "customXml/item1.xml")
    assert "bibliography" not in part_text(docx, "customXml/item1.xml")
    assert "https://example.org" not in part_text(docx, "word/_rels/document.xml.rels")
    header = Document(io.BytesIO(docx)).sections[0].header
    (picture,) = header.part.rels.values()
    assert (picture.reltype, picture.is_external) == (RT.IMAGE, False)
    assert docx_problems(docx) == []


def test_settings_a_report_has_no_use_for_are_left_out(tmp_path, reports):
    """An attached template's name, a mail merge, document protection, tracked changes and
    document variables stay behind; the rest keeps the schema's order, whatever the
    reference's order was."""
    reference = _saved(Document())
    settings = part_text(reference, "word/settings.xml")
    children = re.findall(r"<w:(?:zoom|defaultTabStop|characterSpacingControl)\b[^>]*/>", settings)
    for child in children:
        settings = settings.replace(child, "")
    unwanted = (
        '<w:documentProtection w:edit="readOnly" w:enforcement="1"/>'
        "<w:trackRevisions/>"
        '<w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        '<w:dataType w:val="textFile"/><w:query w:val="SELECT * FROM x"/></w:mailMerge>'
        '<w:docVars><w:docVar w:name="secret" w:val="42"/></w:docVars>'
    )
    # The kept settings moved to the end, after settings the schema puts later.
    settings = settings.replace(
        "</w:settings>", unwanted + "".join(reversed(children)) + "</w:settings>"
    )
    docx = _render_with(
        tmp_path, reports, zip_with(reference, {"word/settings.xml": settings.encode()})
    )

    kept = part_text(docx, "word/settings.xml")
    for name in (
        "documentProtection",
        "trackRevisions",
        "mailMerge",
        "docVars",
        "rsids",
        "proofState",
    ):
        assert f"<w:{name}" not in kept
    assert '<w:zoom w:val="bestFit" w:percent="100"/>' in kept
    assert docx_problems(docx) == []  # the schema's order included


def test_a_reference_without_compatibility_settings_takes_footnotes(tmp_path, reports):
    reference = _saved(Document())
    settings = re.sub(
        r"<w:compat>.*?</w:compat>", "", part_text(reference, "word/settings.xml"), flags=re.S
    )
    docx = _render_with(
        tmp_path, reports, zip_with(reference, {"word/settings.xml": settings.encode()})
    )
    path = tmp_path / "noted.docx"
    path.write_bytes(docx)
    assert docx_footnotes(path)[0][:4] == ["This", "is", "a", "preliminary"]
    settings = Document(io.BytesIO(docx)).settings.element
    assert [note.get(qn("w:id")) for note in settings.find(qn("w:footnotePr"))] == ["-1", "0"]
