"""`gfmd-reports versions FILE`: the history of a report file from the command line, in the
language of the run."""

from __future__ import annotations

import datetime
import os
import zipfile

import pytest
from conftest import MINIMAL_REPORT
from lxml import etree

from gfmd_reports.cli import main
from gfmd_reports.versions import VersionHistory

WORD = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
LOCALES = {"fr": "fr_FR.UTF-8", "en": "C.UTF-8", "es": "es_ES.UTF-8"}


@pytest.fixture
def report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "rapport.yaml"
    path.write_text(MINIMAL_REPORT, encoding="utf-8")
    return path


def _run(capsys, monkeypatch, language: str, *arguments: str) -> tuple[int, str, str]:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", LOCALES[language])
    status = main(["versions", *arguments])
    out, err = capsys.readouterr()
    return status, out, err


def _local(version_number: int, report) -> str:
    saved = VersionHistory(report).versions()[version_number - 1].saved
    return saved.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def test_save_list_show_and_restore_in_english(report, capsys, monkeypatch):
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.yaml")
    assert (status, out) == (
        0,
        "rapport.yaml: has no versions yet: they are kept when the form saves it, or with "
        "'gfmd-reports versions rapport.yaml --save'\n",
    )
    status, out, _err = _run(
        capsys, monkeypatch, "en", "rapport.yaml", "--save", "--note", "Sent to the co-chairs"
    )
    assert (status, out) == (0, "rapport.yaml: kept as version 1 (“Sent to the co-chairs”)\n")
    original = report.read_bytes()
    report.write_bytes(original.replace(b"1.2", b"1.3"))
    _run(capsys, monkeypatch, "en", "rapport.yaml", "--save")
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.yaml")
    size = f"{len(original):,}".rjust(len("BYTES"))
    assert out.splitlines() == [
        "VERSION  KEPT                 WHY           BYTES  NOTE",
        f"      1  {_local(1, report)}  saved by you  {size}  Sent to the co-chairs",
        f"      2  {_local(2, report)}  saved by you  {size}",
    ]
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.yaml", "--show", "1")
    assert (status, out) == (0, original.decode())
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.yaml", "--restore", "1")
    assert (status, out) == (
        0,
        "rapport.yaml: version 1 restored\n"
        "what it held before is kept as version 2: "
        "'gfmd-reports versions rapport.yaml --restore 2' puts it back\n",
    )
    assert report.read_bytes() == original


def test_restoring_over_a_file_changed_since_keeps_it_first(report, capsys, monkeypatch):
    _run(capsys, monkeypatch, "en", "rapport.yaml", "--save")
    report.write_text(MINIMAL_REPORT + "# edited by hand\n", encoding="utf-8")
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.yaml", "--restore", "1")
    assert status == 0
    assert "what it held before is kept as version 2" in out
    assert VersionHistory(report).read(2).endswith(b"# edited by hand\n")
    assert report.read_text(encoding="utf-8") == MINIMAL_REPORT


def test_the_same_in_french(report, capsys, monkeypatch):
    status, out, _err = _run(
        capsys, monkeypatch, "fr", "rapport.yaml", "--save", "--note", "Envoyé aux coprésidents"
    )
    assert (status, out) == (
        0,
        "rapport.yaml\u00a0: conservé comme version 1 "
        "(\u00ab\u00a0Envoyé aux coprésidents\u00a0\u00bb)\n",
    )
    report.write_text(MINIMAL_REPORT + "# modifié\n", encoding="utf-8")
    _run(capsys, monkeypatch, "fr", "rapport.yaml", "--save")
    status, out, _err = _run(capsys, monkeypatch, "fr", "rapport.yaml")
    size = f"{len(MINIMAL_REPORT.encode()):,}".replace(",", "\u202f")
    lines = out.splitlines()
    assert lines[0].split() == ["VERSION", "CONSERVÉE", "POURQUOI", "OCTETS", "NOTE"]
    assert lines[1].split() == [
        "1",
        *_local(1, report).split(),
        "enregistrée",
        "par",
        "vous",
        *size.split(),
        "Envoyé",
        "aux",
        "coprésidents",
    ]
    status, out, err = _run(capsys, monkeypatch, "fr", "rapport.yaml", "--show", "7")
    assert (status, err) == (
        1,
        "rapport.yaml\u00a0: n’a pas de version 7\u00a0: ses versions sont 1–2\n",
    )
    status, out, _err = _run(capsys, monkeypatch, "fr", "rapport.yaml", "--restore", "1")
    assert out == (
        "rapport.yaml\u00a0: version 1 rétablie\n"
        "ce qu’il contenait est conservé comme version 2\u00a0: "
        "«\u00a0gfmd-reports versions rapport.yaml --restore 2\u00a0» le rétablit\n"
    )
    assert report.read_text(encoding="utf-8") == MINIMAL_REPORT


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "rapport.yaml: has no version 3: its only version is 1"),
        ("fr", "rapport.yaml\u00a0: n’a pas de version 3\u00a0: sa seule version est la 1"),
        ("es", "rapport.yaml: no tiene versión 3: su única versión es la 1"),
    ],
)
def test_an_unknown_version_lists_those_there_are(report, capsys, monkeypatch, language, message):
    _run(capsys, monkeypatch, language, "rapport.yaml", "--save")
    before = report.read_bytes()
    status, out, err = _run(capsys, monkeypatch, language, "rapport.yaml", "--restore", "3")
    assert (status, out, err) == (1, "", message + "\n")
    assert report.read_bytes() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "rapport.yaml is open in LibreOffice by Ana Ruiz (its lock file is "
            ".~lock.rapport.yaml#): not restored: close it first (if nobody has it open, delete "
            "the lock file), or the edits made there would be lost or undone",
        ),
        (
            "fr",
            "rapport.yaml est ouvert dans LibreOffice par Ana Ruiz (son fichier de verrouillage "
            "est .~lock.rapport.yaml#)\u00a0: non rétabli\u00a0: fermez-le d’abord (si personne "
            "ne l’a ouvert, supprimez le fichier de verrouillage), sans quoi les modifications "
            "faites là seraient perdues ou annulées",
        ),
    ],
)
def test_a_file_open_elsewhere_is_not_restored(report, capsys, monkeypatch, language, message):
    _run(capsys, monkeypatch, "en", "rapport.yaml", "--save")
    report.write_text(MINIMAL_REPORT + "# open in LibreOffice\n", encoding="utf-8")
    (report.parent / ".~lock.rapport.yaml#").write_text(
        ",Ana Ruiz,ana,host,30.11.2026 14:00,file:///home/ana/.config/libreoffice/4;",
        encoding="utf-8",
    )
    status, _out, err = _run(capsys, monkeypatch, language, "rapport.yaml", "--restore", "1")
    assert (status, err) == (1, message + "\n")
    assert report.read_text(encoding="utf-8").endswith("# open in LibreOffice\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("missing.yaml",),
            "missing.yaml: no such file, and no versions of it: give the path of a report file",
        ),
        (("missing.yaml", "--save"), "missing.yaml: no such file: give the path of a report file"),
        (
            ("notes.txt",),
            "notes.txt: is not a report file (.yaml, .yml or .json): versions are kept of "
            "report files",
        ),
        (
            ("rapport.yaml", "--show", "1"),
            "rapport.yaml: has no versions yet: they are kept when the form saves it, or with "
            "'gfmd-reports versions rapport.yaml --save'",
        ),
    ],
)
def test_a_file_without_history_is_said_so(report, capsys, monkeypatch, arguments, message):
    status, out, err = _run(capsys, monkeypatch, "en", *arguments)
    assert (status, out, err) == (1, "", message + "\n")


def test_a_folder_that_is_not_there_or_cannot_be_written_is_said(report, capsys, monkeypatch):
    status, out, err = _run(capsys, monkeypatch, "en", "elsewhere/rapport.yaml")
    assert (status, out, err) == (
        1,
        "",
        "elsewhere: No such file or directory: nothing was kept or restored\n",
    )
    status, out, err = _run(capsys, monkeypatch, "fr", "/proc/rapport.yaml", "--show", "1")
    assert status == 1
    assert err.startswith("/proc")


def test_a_deleted_file_is_restored_from_its_history(report, capsys, monkeypatch):
    _run(capsys, monkeypatch, "en", "rapport.yaml", "--save")
    os.remove(report)
    status, out, _err = _run(capsys, monkeypatch, "en", "rapport.yaml", "--restore", "1")
    assert (status, out) == (0, "rapport.yaml: version 1 restored\n")
    assert report.read_text(encoding="utf-8") == MINIMAL_REPORT


def test_options_that_do_not_go_together_are_refused(report, capsys, monkeypatch):
    status, _out, err = _run(
        capsys, monkeypatch, "en", "rapport.yaml", "--show", "1", "--restore", "1"
    )
    assert status == 2
    assert err.endswith("Error: --restore, --show: give one of these at a time\n")
    status, _out, err = _run(capsys, monkeypatch, "fr", "rapport.yaml", "--note", "x")
    assert status == 2
    assert err.endswith(
        "Erreur\u00a0: --note va avec --save\u00a0: c’est la note de la version conservée\n"
    )


def test_the_times_listed_are_local(report, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "America/Mexico_City")
    __import__("time").tzset()
    try:
        _run(capsys, monkeypatch, "en", "rapport.yaml", "--save")
        _status, out, _err = _run(capsys, monkeypatch, "en", "rapport.yaml")
        saved = VersionHistory(report).versions()[0].saved
        mexico = saved - datetime.timedelta(hours=6)
        assert mexico.strftime("%Y-%m-%d %H:%M:%S") in out.splitlines()[1]
    finally:
        monkeypatch.delenv("TZ")
        __import__("time").tzset()


def test_compare_takes_a_version_as_file_at_n(report, capsys, monkeypatch):
    """`compare FILE@N FILE`: the changes since version N, as tracked changes in Word."""
    _run(capsys, monkeypatch, "en", "rapport.yaml", "--save")
    report.write_text(
        MINIMAL_REPORT.replace("engagement with public", "engagement with local public"),
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    status = main(["compare", "rapport.yaml@1", "rapport.yaml", "--author", "Ana Ruiz"])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out.startswith("Wrote out/rapport-compared.docx, out/rapport-compared.html: 1 insertion")
    with zipfile.ZipFile(report.parent / "out/rapport-compared.docx") as docx:
        document = etree.fromstring(docx.read("word/document.xml"))
    insertions = document.findall(".//w:ins", WORD)
    assert ["".join(ins.itertext()) for ins in insertions] == ["local "]
    assert {ins.get(f"{{{WORD['w']}}}author") for ins in insertions} == {"Ana Ruiz"}
    assert document.findall(".//w:del", WORD) == []
    status = main(["compare", "rapport.yaml", "rapport.yaml@1", "--format", "html"])
    assert status == 0
    assert (report.parent / "out/rapport-v1-compared.html").exists()
    status = main(["compare", "rapport.yaml@4", "rapport.yaml"])
    out, err = capsys.readouterr()
    assert (status, err) == (1, "rapport.yaml: has no version 4: its only version is 1\n")
