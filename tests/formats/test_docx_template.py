"""What makes the Word writer fast, observed without a clock: a theme's document is prepared
once for many reports (Word's template and a reference document are opened once, until the
reference changes), each member of the package is compressed once, and the parts shared
with the prepared document are not compressed again; and a report never changes what the
next one starts from."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from conftest import make_theme
from docx import Document
from docx.opc.package import OpcPackage

from formats.docx_corpus import EVERY_ELEMENT, LOGO
from gfmd_reports import load_theme, render

SHARED_MEMBERS = {"word/styles.xml", "word/theme/theme1.xml", "word/fontTable.xml"}
"""What every report of a theme has in common with its prepared document."""


@pytest.fixture
def opened(monkeypatch) -> list:
    """Every Word document python-docx opens (Word's template or a reference document)."""
    opened: list = []
    open_package = OpcPackage.open.__func__  # type: ignore[attr-defined]

    def counted(cls, package_file):
        opened.append(package_file)
        return open_package(cls, package_file)

    monkeypatch.setattr(OpcPackage, "open", classmethod(counted))
    return opened


def _reference(header: str) -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = header
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _header(docx: bytes) -> str:
    return Document(io.BytesIO(docx)).sections[0].header.paragraphs[0].text


def test_words_template_is_opened_once_for_many_reports(opened, reports, tmp_path):
    theme = load_theme(make_theme(tmp_path, "stockholm", "tokens:\n  body_size: 11.5pt\n"))
    documents = [render(reports["general"], "docx", theme) for _ in range(4)]
    assert len(opened) == 1
    assert len(set(documents)) == 1


def test_a_reference_document_is_opened_again_only_once_it_changes(opened, reports, tmp_path):
    folder = make_theme(tmp_path, "worded", files={"reference.docx": _reference("First")})
    theme = load_theme(folder)
    first = [_header(render(reports["general"], "docx", theme)) for _ in range(3)]
    (folder / "reference.docx").write_bytes(_reference("Second"))
    second = _header(render(reports["general"], "docx", theme))
    assert (first, second) == (["First"] * 3, "Second")
    assert len([source for source in opened if "reference.docx" in str(source)]) == 2


def test_each_member_is_compressed_once_and_shared_ones_not_again(monkeypatch, reports):
    render(reports["general"], "docx")  # the theme's document is prepared
    compressions: list = []
    compressobj = zlib.compressobj

    def counted(*arguments, **keywords):
        compressions.append(arguments)
        return compressobj(*arguments, **keywords)

    monkeypatch.setattr(zlib, "compressobj", counted)
    members = zipfile.ZipFile(io.BytesIO(render(reports["general"], "docx"))).namelist()
    assert set(members) > SHARED_MEMBERS
    assert len(compressions) == len(members) - len(SHARED_MEMBERS)


def test_a_report_does_not_change_what_the_next_one_starts_from(reports, tmp_path):
    """A theme's class styles, a table, a picture, notes and lists, then a plain report: each
    gives the bytes it gives alone."""
    folder = make_theme(tmp_path, "madrid", files={"logo.png": LOGO, "written.html": EVERY_ELEMENT})
    busy, plain = load_theme(folder), load_theme("gfmd")
    plain_first = render(reports["general"], "docx", plain)
    busy_first = render(reports["general"], "docx", busy)
    plain_between = render(reports["general"], "docx", plain)
    busy_again = render(reports["general"], "docx", busy)
    assert (plain_between, busy_again) == (plain_first, busy_first)
    styles = {style.name for style in Document(io.BytesIO(busy_first)).styles}
    assert {"key", "banner", "schedule"} <= styles
    assert not {"key", "banner", "schedule"} & {
        style.name for style in Document(io.BytesIO(plain_between)).styles
    }
