"""``gfmd-reports compare OLD NEW``: the command around the redline (tests/test_redline.py)."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from formats.tracked import parts, q, revisions
from ruamel.yaml import YAML

from gfmd_reports.cli import main


@pytest.fixture
def versions(tmp_path) -> tuple[Path, Path]:
    """Two versions of the oral example: NEW held in Geneva, with a comma added."""
    old = tmp_path / "old.yaml"
    old.write_text(ORAL_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    new = tmp_path / "rapport.yaml"
    text = old.read_text(encoding="utf-8").replace("venue: Quito", "venue: Geneva")
    new.write_text(text.replace("salutation: Thank you Chair.", "salutation: Thank you, Chair."))
    return old, new


def _changes(docx: Path) -> list:
    return [c for root in parts(docx.read_bytes()).values() for c in root.iter(q("ins"), q("del"))]


def test_compare_writes_the_redline_and_the_page_and_counts_the_changes(versions, tmp_path, capsys):
    old, new = versions
    out = tmp_path / "out"
    assert main(["compare", str(old), str(new), "-o", str(out), "--author", "Ana Pérez"]) == 0
    docx, html = out / "rapport-compared.docx", out / "rapport-compared.html"
    said = capsys.readouterr().out
    # The salutation opens and closes the speech: two commas added; and the venue replaced.
    assert said.splitlines()[-1] == (f"Wrote {docx}, {html}: 3 insertions, 1 deletion in 3 places")
    assert revisions(docx.read_bytes()) == [
        ("insertion", ","),
        ("insertion", ","),
        ("deletion", "Quito"),
        ("insertion", "Geneva"),
    ]
    assert {change.get(q("author")) for change in _changes(docx)} == {"Ana Pérez"}
    page = lxml.html.document_fromstring(html.read_bytes())
    (footer,) = page.iter("footer")
    assert [(element.tag, element.text) for element in footer.iter("ins", "del")] == [
        ("del", "Quito"),
        ("ins", "Geneva"),
    ]


def test_the_changes_are_dated_by_source_date_epoch_and_signed_by_the_account(
    versions, tmp_path, monkeypatch
):
    old, new = versions
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764510302")
    assert main(["compare", str(old), str(new), "-o", str(tmp_path), "--format", "docx"]) == 0
    changes = _changes(tmp_path / "rapport-compared.docx")
    assert {change.get(q("date")) for change in changes} == {"2025-11-30T13:45:02Z"}
    account = pwd.getpwuid(os.getuid())
    expected = account.pw_gecos.split(",")[0].strip() or account.pw_name
    assert {change.get(q("author")) for change in changes} == {expected}
    assert not (tmp_path / "rapport-compared.html").exists()


def test_an_invalid_version_is_reported_where_validate_says_and_nothing_is_written(
    versions, tmp_path, capsys
):
    old, new = versions
    old.write_text(old.read_text(encoding="utf-8").replace("year: 2019", "year: next"))
    out = tmp_path / "out"
    assert main(["compare", str(old), str(new), "-o", str(out)]) == 1
    said = capsys.readouterr().err
    assert f"{old}:" in said
    assert "forum.year" in said
    assert "nothing was written" in said
    assert not out.exists()


def test_a_redline_open_in_word_or_libreoffice_is_left_alone(versions, tmp_path, capsys):
    old, new = versions
    (tmp_path / ".~lock.rapport-compared.docx#").write_text("Ana,host,ana,30.11.2026 13:45;")
    assert main(["compare", str(old), str(new), "-o", str(tmp_path)]) == 1
    assert "close it and compare again" in capsys.readouterr().err
    assert not (tmp_path / "rapport-compared.docx").exists()
    assert not (tmp_path / "rapport-compared.html").exists()


def test_an_output_never_replaces_a_version_compared(versions, tmp_path, capsys):
    old, new = versions
    named_as_output = old.rename(tmp_path / "rapport-compared.html")
    before = named_as_output.read_bytes()
    assert main(["compare", str(named_as_output), str(new), "-o", str(tmp_path)]) == 1
    assert "would be written over a report compared" in capsys.readouterr().err
    assert named_as_output.read_bytes() == before
    assert not (tmp_path / "rapport-compared.docx").exists()


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--format", "pdf"], "pdf: choose among docx, html"),
        (["--author", " "], "give a name of 1 to 255 characters"),
        (["--author", "Ana\x07"], "without control characters"),
    ],
)
def test_a_wrong_option_is_a_usage_error(versions, tmp_path, capsys, arguments, said):
    old, new = versions
    assert main(["compare", str(old), str(new), "-o", str(tmp_path), *arguments]) == 2
    assert said in capsys.readouterr().err
    assert not list(tmp_path.glob("*-compared.*"))


def test_compare_speaks_french(versions, tmp_path):
    old, new = versions
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    }
    environment["LANG"] = "fr_FR.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "gfmd_reports", "compare", str(old), str(new), "-o", "sortie"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "Écrit sortie/rapport-compared.docx, sortie/rapport-compared.html\u00a0: "
        "3 insertions, 1 suppression en 3 endroits"
    )


def test_a_change_of_kind_and_language_is_said_after_the_changes(tmp_path, capsys):
    yaml = YAML()
    data = yaml.load(WRITTEN_EXAMPLE.read_text(encoding="utf-8"))
    old = tmp_path / "general.yaml"
    old.write_text(WRITTEN_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    data["kind"], data["language"] = "session", "fr"
    del data["sessions"][1:]
    del data["overall_conclusions"]
    new = tmp_path / "session.yaml"
    yaml.dump(data, new)
    out = tmp_path / "out"
    assert main(["compare", str(old), str(new), "-o", str(out), "--author", "Ana Pérez"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[-2:] == [
        "the older version is of kind general: both are shown as kind session, the newer one's, "
        "so what only general reports print is not compared",
        "the older version is in language en: both are shown in fr, the newer one's language",
    ]
    assert said[0].startswith(f"Wrote {out / 'session-compared.docx'}")
    (legend,) = lxml.html.parse(out / "session-compared.html").getroot().find_class("legend")
    assert "L’ancienne version était un rapport général" in legend.text_content()


def test_compare_runs_without_the_cli_module(versions, tmp_path):
    """Nothing imports cli (STYLE.md): compare writes with commandline's shared helpers."""
    old, new = versions
    script = (
        "import sys\n"
        "from gfmd_reports.comparing import compare_command\n"
        "arguments = sys.argv[1:]\n"
        "status = compare_command.main(arguments, standalone_mode=False)\n"
        "print(status, 'gfmd_reports.cli' in sys.modules)\n"
    )
    arguments = [str(old), str(new), "-o", str(tmp_path / "out"), "--author", "Ana Pérez"]
    run = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=True
    )
    assert run.stdout.splitlines()[-1] == "0 False"
    assert (tmp_path / "out" / "rapport-compared.docx").is_file()
