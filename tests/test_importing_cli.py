"""`gfmd-reports import FILE.docx [-o report.yaml]`: a Word document read back into a report
file, in the language of the run; an existing report kept as a version before it is replaced."""

from __future__ import annotations

import itertools

import pytest
from conftest import WRITTEN_EXAMPLE
from test_importing import WRITTEN_DOCX, edited, replace_word

from gfmd_reports import load_report
from gfmd_reports.cli import main
from gfmd_reports.loading import validate_file
from gfmd_reports.versions import VersionHistory

LOCALES = {"fr": "fr_FR.UTF-8", "en": "C.UTF-8", "es": "es_ES.UTF-8"}
WRITTEN = load_report(WRITTEN_EXAMPLE)


def _run(capsys, monkeypatch, language: str, *arguments: str) -> tuple[int, str, str]:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", LOCALES[language])
    status = main(["import", *arguments])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def edited_docx(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "rapport.docx"
    path.write_bytes(
        edited(
            WRITTEN_DOCX,
            lambda body, notes: (
                replace_word(body, "To strengthen the health", "strengthen", "reinforce"),
                replace_word(body, "Roundtable 3.2", "Roundtable", "Session"),
            ),
        )
    )
    return path


def test_import_writes_the_report_beside_the_document_and_says_what_changed(
    edited_docx, capsys, monkeypatch
):
    status, out, err = _run(capsys, monkeypatch, "en", "rapport.docx")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "rapport.docx: warning: paragraph 26 (“Session 3.2 “Migrant asset transfers and their "
        "ef…”): words the template wrote were changed in Word, which no field of the report "
        "holds; the report keeps its text here: make the change in the report's file (or the "
        "theme's wording)",
        "  changed: sessions[1].recommendations.items[5]",
        "rapport.docx: imported into rapport.yaml: 1 field changed, 1 warning",
    ]
    report = validate_file(edited_docx.with_suffix(".yaml")).report
    assert report is not None
    assert report.sessions[1].recommendations.items[5].text.startswith("To reinforce the health")
    assert report.model_copy(update={"sessions": WRITTEN.sessions}) == WRITTEN


def test_import_over_a_report_keeps_it_as_a_version_first_in_french(
    edited_docx, capsys, monkeypatch
):
    target = edited_docx.with_name("mon-rapport.yaml")
    target.write_text("kind: general\n", encoding="utf-8")
    status, out, err = _run(capsys, monkeypatch, "fr", "rapport.docx", "-o", "mon-rapport.yaml")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(
        "rapport.docx: avertissement\u00a0: paragraphe 26 («\u00a0Session 3.2 "
    )
    assert lines[1:] == [
        "mon-rapport.yaml existait\u00a0: gardé comme version 1\u00a0; voyez-la avec "
        "gfmd-reports versions mon-rapport.yaml",
        "mon-rapport.yaml\u00a0: avertissement\u00a0: il a été modifié après le rendu de "
        "rapport.docx, et le texte du document remplace ces modifications\u00a0; elles sont dans "
        "la version 1\u00a0: voyez-les avec gfmd-reports compare mon-rapport.yaml@1 "
        "mon-rapport.yaml",
        "  modifié\u00a0: sessions[1].recommendations.items[5]",
        "rapport.docx: importé dans mon-rapport.yaml\u00a0: 1 champ modifié, 1 avertissement",
    ]
    (version,) = VersionHistory(target).versions()
    assert VersionHistory(target).read(version.number) == b"kind: general\n"
    assert validate_file(target).report is not None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "notes.docx: this is not a Word document (.docx): save it from Word or LibreOffice "
            "as a Word document and try again",
        ),
        (
            "fr",
            "notes.docx: ce n’est pas un document Word (.docx)\u00a0: enregistrez-le depuis Word "
            "ou LibreOffice comme document Word et réessayez",
        ),
    ],
)
def test_what_is_no_word_document_is_refused_and_nothing_written(
    language, expected, tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.docx").write_text("minutes of the meeting", encoding="utf-8")
    status, out, err = _run(capsys, monkeypatch, language, "notes.docx")
    assert (status, out, err.strip()) == (1, "", expected)
    assert not (tmp_path / "notes.yaml").exists()


def test_a_document_without_report_data_or_text_is_refused_in_spanish(
    tmp_path, capsys, monkeypatch
):
    from docx import Document

    monkeypatch.chdir(tmp_path)
    Document().save(tmp_path / "borrador.docx")
    status, out, err = _run(capsys, monkeypatch, "es", "borrador.docx")
    assert (status, out) == (1, "")
    assert err.startswith(
        "borrador.docx: este documento de Word no contiene datos de informe de gfmd-reports "
        "ni texto: no hay nada que leer en un informe"
    )
    assert not (tmp_path / "borrador.yaml").exists()


def test_an_output_that_is_no_yaml_file_is_a_usage_error(edited_docx, capsys, monkeypatch):
    status, _out, err = _run(capsys, monkeypatch, "en", "rapport.docx", "-o", "rapport.docx")
    assert status == 2
    assert "Invalid value for -o/--output: name the report file .yaml: it is written in YAML" in err
    assert edited_docx.read_bytes()[:2] == b"PK"


@pytest.fixture
def report_file(tmp_path, monkeypatch):
    """The written example as a rapporteur's draft (its name and schema in its first lines),
    and its rendered document beside it."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "rapport.yaml"
    header = "# yaml-language-server: $schema=report.schema.json\n# Draft: Rapport RT3 (révisé)\n"
    path.write_text(header + WRITTEN_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "rapport.docx").write_bytes(WRITTEN_DOCX)
    return path


def test_a_document_without_edits_leaves_its_report_file_untouched(
    report_file, capsys, monkeypatch
):
    before = report_file.read_bytes()
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.docx", "-o", "rapport.yaml")
    assert (status, out) == (
        0,
        "rapport.docx: rapport.yaml already holds this report as the document reads: left "
        "unchanged\n",
    )
    assert report_file.read_bytes() == before
    assert VersionHistory(report_file).versions() == []


def test_edits_taken_back_keep_the_files_first_comment_lines(report_file, capsys, monkeypatch):
    report_file.with_suffix(".docx").write_bytes(
        edited(
            WRITTEN_DOCX,
            lambda body, notes: replace_word(
                body, "To strengthen the health", "strengthen", "reinforce"
            ),
        )
    )
    lines = report_file.read_text(encoding="utf-8").splitlines(keepends=True)
    header = "".join(itertools.takewhile(lambda line: line.startswith("#"), lines))
    assert header.startswith(
        "# yaml-language-server: $schema=report.schema.json\n# Draft: Rapport RT3 (révisé)\n"
    )
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.docx", "-o", "rapport.yaml")
    assert status == 0
    assert "rapport.yaml existed: kept as version 1" in out
    assert "changed after" not in out
    assert report_file.read_text(encoding="utf-8").startswith(header + "kind: general\n")
    report = validate_file(report_file).report
    assert report is not None
    assert report.sessions[1].recommendations.items[5].text.startswith("To reinforce the health")


def test_another_reports_file_is_never_replaced(report_file, capsys, monkeypatch):
    other = report_file.with_name("autre.yaml")
    oral = (WRITTEN_EXAMPLE.parent / "gfmd-2019-rt1-2.yaml").read_bytes()
    other.write_bytes(oral)
    status, _out, err = _run(capsys, monkeypatch, "fr", "rapport.docx", "-o", "autre.yaml")
    assert status == 1
    assert err.splitlines()[-1] == (
        "autre.yaml contient un autre rapport (GFMD 2019 RT1 oral) que rapport.docx "
        "(GFMD 2014 RT3 general)\u00a0: rien n’a été écrit\u00a0; importez-le dans un autre "
        "fichier avec -o, ou supprimez d’abord autre.yaml"
    )
    assert other.read_bytes() == oral
    assert VersionHistory(other).versions() == []


def test_a_report_file_changed_since_the_render_is_said_and_kept(report_file, capsys, monkeypatch):
    later = report_file.read_text(encoding="utf-8").replace("Stockholm", "Stockholm (Suède)")
    report_file.write_text(later, encoding="utf-8")
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.docx", "-o", "rapport.yaml")
    assert status == 0
    assert (
        "rapport.yaml: warning: it was changed after rapport.docx was rendered, and the "
        "document's text replaces those changes; they are in version 1: see them with "
        "gfmd-reports compare rapport.yaml@1 rapport.yaml"
    ) in out.splitlines()
    assert VersionHistory(report_file).read(1) == later.encode()
    assert "Stockholm (Suède)" not in report_file.read_text(encoding="utf-8")
