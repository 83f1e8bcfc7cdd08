"""The gfmd-reports command, run in-process through main(argv)."""

from __future__ import annotations

import os
import subprocess
import sys

import lxml.html
import pytest
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE, ROOT, WRITTEN_EXAMPLE, make_theme

from gfmd_reports import cli
from gfmd_reports.cli import main


def test_validate_prints_a_summary_per_file_and_exits_0(capsys):
    assert main(["validate", str(WRITTEN_EXAMPLE), str(ORAL_EXAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{WRITTEN_EXAMPLE}: valid: general report, 2 sessions, 1,239 words"
    assert lines[1] == (
        f"{ORAL_EXAMPLE}:34:9: warning: sessions[0].co_chairs[1].honorific: writes “H. E.”, "
        "which the theme's house style writes “H.E.”: write it so"
    )
    assert lines[2].startswith(f"{ORAL_EXAMPLE}:47:9: warning: sessions[0].panel[2].honorific:")
    assert lines[3] == (
        f"{ORAL_EXAMPLE}: valid (2 warnings): oral report, 1 session, 698 words, "
        "about 5 min 20 s to deliver at 130 words a minute (session 1.2: 4 min 45 s)"
    )


def test_validate_exits_1_when_any_file_is_invalid(capsys, write_report):
    broken = write_report(MINIMAL_REPORT.replace('number: "1.2"', 'number: "2.1"'))
    assert main(["validate", str(WRITTEN_EXAMPLE), str(broken)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [
        f"{broken}:8:5: sessions[0].number: “2.1” belongs to Round Table 2, but this report is "
        'on Round Table 1: number the session "1.1"',
        f"{broken}: invalid: 1 error, 0 warnings",
    ]


def test_validate_lists_problems_in_file_order(capsys, write_report):
    text = MINIMAL_REPORT.replace("kind: oral", "kind: x").replace("- country: Greece", "- {}")
    path = write_report(text)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in out[:-1]] == [f"{path}:1:1", f"{path}:12:9"]


def test_validate_names_a_missing_file(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "absent.yaml")]) == 1
    assert f"{tmp_path / 'absent.yaml'}: no such file" in capsys.readouterr().out


def test_validate_without_files_is_a_usage_error(capsys):
    assert main(["validate"]) == 2
    assert "Missing argument 'FILES...'" in capsys.readouterr().err


def test_an_unknown_command_is_a_usage_error(capsys):
    assert main(["render-all"]) == 2
    assert "No such command 'render-all'" in capsys.readouterr().err


def test_schema_prints_the_checked_in_schema(capsys):
    assert main(["schema"]) == 0
    schema_file = ROOT / "schemas" / "report.schema.json"
    assert capsys.readouterr().out == schema_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [[], ["validate"], ["render"], ["schema"], ["new"]])
def test_every_command_has_help(capsys, command):
    assert main([*command, "--help"]) == 0
    assert capsys.readouterr().out.startswith("Usage: gfmd-reports")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == "gfmd-reports, version 0.1.0"


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_new_writes_a_starter_that_names_the_schema(capsys, tmp_path, kind):
    target = tmp_path / "draft.yaml"
    assert main(["new", str(target), "--kind", kind]) == 0
    assert capsys.readouterr().out == (
        f"Wrote {target}: replace every FILL IN, then run\n  gfmd-reports validate {target}\n"
    )
    first_line, *_ = target.read_text(encoding="utf-8").splitlines()
    schema_location = first_line.removeprefix("# yaml-language-server: $schema=")
    assert (tmp_path / schema_location).resolve() == ROOT / "schemas" / "report.schema.json"
    assert f"kind: {kind}" in target.read_text(encoding="utf-8")
    assert os.listdir(tmp_path) == ["draft.yaml"]


def test_new_never_overwrites(capsys, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("my report", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"{target}: already exists and is left as it is: choose another name\n"
    )
    assert target.read_text(encoding="utf-8") == "my report"
    assert os.listdir(tmp_path) == ["mine.yaml"]


def test_new_wants_a_yaml_name(capsys, tmp_path):
    assert main(["new", str(tmp_path / "draft.json")]) == 2
    assert "name the file .yaml: the starter file is YAML" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_new_names_a_missing_folder(capsys, tmp_path):
    target = tmp_path / "nowhere" / "draft.yaml"
    assert main(["new", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"{target}: the folder {target.parent} does not exist: create it first\n"
    )


def test_new_reports_an_unwritable_folder(capsys):
    # sysfs refuses new files to every user, root included.
    target = "/sys/draft.yaml"
    assert main(["new", target]) == 1
    assert capsys.readouterr().err == f"{target}: cannot be written: Permission denied\n"


def test_an_unexpected_failure_is_reported_without_a_traceback(capsys, monkeypatch):
    def fail(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "validate_file", fail)
    assert main(["validate", str(ORAL_EXAMPLE)]) == 3
    err = capsys.readouterr().err
    assert "unexpected failure: RuntimeError('boom')" in err
    assert "Traceback" not in err
    assert main(["--debug", "validate", str(ORAL_EXAMPLE)]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_render_writes_every_format_and_says_so(capsys, tmp_path):
    assert main(["render", str(WRITTEN_EXAMPLE), "--output", str(tmp_path / "out")]) == 0
    written = [tmp_path / "out" / f"gfmd-2014-rt3.{format}" for format in ("html", "pdf", "docx")]
    assert capsys.readouterr().out == f"{WRITTEN_EXAMPLE}: wrote {', '.join(map(str, written))}\n"
    assert [path.read_bytes()[:4] for path in written] == [b"<!DO", b"%PDF", b"PK\x03\x04"]
    assert sorted(os.listdir(tmp_path / "out")) == sorted(path.name for path in written)


def test_render_writes_only_the_formats_asked_for(capsys, tmp_path):
    assert (
        main(["render", str(ORAL_EXAMPLE), "--format", "pdf, HTML", "--output", str(tmp_path)]) == 0
    )
    assert sorted(os.listdir(tmp_path)) == ["gfmd-2019-rt1-2.html", "gfmd-2019-rt1-2.pdf"]


def test_render_as_oral_writes_a_reading_copy_beside_the_reports_own_outputs(capsys, tmp_path):
    out = tmp_path / "out"
    arguments = ["render", str(WRITTEN_EXAMPLE), "--format", "html,docx", "--output", str(out)]
    assert main(arguments) == 0
    own = {path.name: path.read_bytes() for path in out.iterdir()}
    capsys.readouterr()

    assert main([*arguments, "--as", "oral"]) == 0
    copies = [out / f"gfmd-2014-rt3-oral.{format}" for format in ("html", "docx")]
    assert capsys.readouterr().out == f"{WRITTEN_EXAMPLE}: wrote {', '.join(map(str, copies))}\n"
    assert {path.name: path.read_bytes() for path in out.iterdir() if path not in copies} == own
    (article,) = lxml.html.fromstring(copies[0].read_bytes()).iter("article")
    assert article.get("class") == "report oral"
    text = " ".join(article.text_content().split())
    # Read aloud: the introduction, the sessions and the overall conclusions, framed by the
    # salutations; the title, byline and subtitle are not.
    assert text.startswith("Thank you Chair. I will attempt to summarize the rich and productive")
    assert "As a common conclusion we can highlight that: Migrant’s role as partners" in text
    assert "Swedish chairmanship of the VII GFMD. Thank you Chair. Total reading time:" in text
    assert "Lomónaco" not in text
    assert "General Rapporteur’s Report" not in text


def test_render_as_another_kind_than_oral_is_a_usage_error(capsys, tmp_path):
    assert main(["render", str(ORAL_EXAMPLE), "--as", "written", "--output", str(tmp_path)]) == 2
    assert "Invalid value for '--as': 'written' is not 'oral'." in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_validate_reports_a_theme_whose_templates_cannot_time_an_oral_report(capsys, write_report):
    path = write_report(MINIMAL_REPORT.replace("kind: oral", "kind: oral\ntheme: broken"))
    template = '{% extends "base/oral.html" %}{% block closing %}{{ closing_words }}{% endblock %}'
    make_theme(path.parent / "templates", "broken", files={"oral.html": template})
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:2:1: theme: theme 'broken': template error: 'closing_words' is undefined",
        f"{path}: invalid: 1 error, 0 warnings",
    ]


def test_render_refuses_an_unknown_format(capsys, tmp_path):
    assert main(["render", str(ORAL_EXAMPLE), "--format", "odt", "--output", str(tmp_path)]) == 2
    assert (
        "Invalid value for --format: odt: choose among html, pdf, docx" in capsys.readouterr().err
    )
    assert os.listdir(tmp_path) == []


def test_render_skips_an_invalid_report_and_renders_the_others(capsys, tmp_path, write_report):
    broken = write_report(MINIMAL_REPORT.replace("kind: oral", "kind: x"), "broken.yaml")
    out = tmp_path / "out"
    arguments = ["render", str(broken), str(ORAL_EXAMPLE), "--format", "html", "--output", str(out)]
    assert main(arguments) == 1
    captured = capsys.readouterr()
    assert (
        f"{broken}:1:1: kind: should be one of 'oral', 'session' or 'general', not “x”"
        in captured.err
    )
    assert f"{broken}: not rendered: fix the errors above first" in captured.err
    assert os.listdir(out) == ["gfmd-2019-rt1-2.html"]


def test_render_replaces_an_output_whole_and_keeps_its_mode(tmp_path):
    target = tmp_path / "gfmd-2019-rt1-2.html"
    target.write_text("an older rendering", encoding="utf-8")
    target.chmod(0o640)
    assert main(["render", str(ORAL_EXAMPLE), "--format", "html", "--output", str(tmp_path)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert oct(target.stat().st_mode & 0o777) == "0o640"
    assert os.listdir(tmp_path) == [target.name]


def test_render_names_an_output_folder_it_cannot_create(capsys):
    assert main(["render", str(ORAL_EXAMPLE), "--output", "/sys/out"]) == 1
    assert capsys.readouterr().err == (
        "/sys/out: cannot create the output folder: Operation not permitted\n"
    )


def test_render_names_an_unknown_theme(capsys, tmp_path):
    assert (
        main(["render", str(ORAL_EXAMPLE), "--theme", "gfmd-2020", "--output", str(tmp_path)]) == 1
    )
    assert capsys.readouterr().err == (
        "Unknown theme 'gfmd-2020'. Available: base, gfmd, or the path of a folder holding a "
        "theme.yaml\n"
    )


def test_source_date_epoch_dates_the_pdf(monkeypatch, tmp_path):
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1579694400")
    assert main(["render", str(ORAL_EXAMPLE), "--format", "pdf", "--output", str(tmp_path)]) == 0
    reader = PdfReader(tmp_path / "gfmd-2019-rt1-2.pdf")
    assert reader.metadata["/ModDate"].startswith("D:20200122120000")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["render", str(ORAL_EXAMPLE), "--format", "pdf", "--output", str(tmp_path)]) == 1


def test_render_shows_the_warnings_of_a_themes_broken_css(capsys, tmp_path):
    theme = make_theme(tmp_path, "careless", files={"style.css": "p { colr: red; }\n"})
    arguments = ["render", str(ORAL_EXAMPLE), "--format", "pdf", "--theme", str(theme)]
    assert main([*arguments, "--output", str(tmp_path / "out")]) == 0
    assert "WARNING: weasyprint: Ignored `colr: red`" in capsys.readouterr().err


def test_render_prints_every_problem_of_a_reports_theme(capsys, tmp_path):
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL_REPORT + "theme: forum\n", encoding="utf-8")
    settings = "tokens:\n  margin_top: 25\n  body_size: twelve\n"
    theme = make_theme(tmp_path / "templates", "forum", settings) / "theme.yaml"
    assert main(["render", str(report), "--output", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{theme}:4:3: tokens.margin_top: should be a length with its unit, as 25mm, 2.5cm, 1in "
        "or 12pt, not the number 25",
        f"{theme}:5:3: tokens.body_size: should be a size in points, as 12pt, not “twelve”",
        f"{report}: not rendered: its theme cannot be used: see above",
    ]


def test_validate_checks_that_the_reports_theme_can_render_it(capsys, write_report):
    path = write_report(MINIMAL_REPORT + "theme: gfmd-2030\n")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:13:1: theme: Unknown theme 'gfmd-2030'. Available: base, gfmd",
        f"{path}: invalid: 1 error, 0 warnings",
    ]
    path = write_report(MINIMAL_REPORT + "language: de\n")
    assert main(["validate", str(path)]) == 1
    assert "theme: theme 'gfmd' has no wording in language 'de'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_serve_asks_for_a_token_beyond_this_machine(host, loopback):
    assert cli._is_loopback(host) is loopback


def test_a_batch_renders_across_processes_as_it_does_in_one(capsys, tmp_path, write_report):
    reports = []
    for index in range(4):
        example = WRITTEN_EXAMPLE if index % 2 else ORAL_EXAMPLE
        target = tmp_path / f"report-{index}.yaml"
        target.write_bytes(example.read_bytes())
        reports.append(str(target))
    broken = write_report(MINIMAL_REPORT.replace("kind: oral", "kind: x"), "broken.yaml")
    arguments = ["render", reports[0], str(broken), *reports[1:], "--format", "html,docx"]
    assert main([*arguments, "--jobs", "1", "--output", str(tmp_path / "one")]) == 1
    serial = capsys.readouterr()
    assert main([*arguments, "--jobs", "3", "--output", str(tmp_path / "three")]) == 1
    parallel = capsys.readouterr()
    assert parallel.out.replace("three", "one") == serial.out
    assert parallel.err == serial.err
    assert [line.split(":")[0] for line in parallel.out.splitlines()] == reports
    errors = parallel.err.splitlines()
    assert f"{broken}: not rendered: fix the errors above first" in errors
    assert errors[-1] == "1 of 5 reports not rendered (see above)"
    for name in sorted(os.listdir(tmp_path / "one")):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "three" / name).read_bytes()
    assert len(os.listdir(tmp_path / "three")) == 8


def test_a_report_whose_theme_fails_does_not_stop_the_others(capsys, tmp_path):
    lost = tmp_path / "lost.yaml"
    lost.write_text(MINIMAL_REPORT + "theme: nowhere\n", encoding="utf-8")
    arguments = ["render", str(lost), str(ORAL_EXAMPLE), "--format", "html", "--jobs", "2"]
    assert main([*arguments, "--output", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert f"{lost}: not rendered: Unknown theme 'nowhere'." in captured.err
    assert os.listdir(tmp_path / "out") == ["gfmd-2019-rt1-2.html"]


def test_on_windows_the_command_says_where_it_runs_instead_of_crashing():
    """Windows has no fcntl, no SIGALRM and no resident-memory figure in /proc, which the tool
    relies on; said plainly, not as an ImportError."""
    code = "import sys; sys.platform = 'win32'; from gfmd_reports.__main__ import run; run()"
    finished = subprocess.run(
        [sys.executable, "-c", code, "validate", "x.yaml"], capture_output=True, text=True
    )
    assert finished.returncode == 1
    assert finished.stderr == (
        "gfmd-reports runs on Linux and macOS, not on Windows itself: install it in WSL "
        "(Windows Subsystem for Linux, with Debian or Ubuntu) and run it there\n"
    )


def test_validate_locates_a_title_written_in_quotation_marks(capsys, write_report):
    title = "title: Migrants engagement with public services"
    path = write_report(MINIMAL_REPORT.replace(title, "title: '\"Migrants engagement\"'"))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{path}:9:5: warning: sessions[0].title: is written in quotation marks, which the "
        "report adds itself around a title: write the title without quotation marks"
    )


@pytest.mark.parametrize(
    ("locale", "problems"),
    [
        (
            "fr_FR.UTF-8",
            [
                "{path}:8:5: sessions[0].number: «\u00a02.1\u00a0» appartient à la table ronde 2, "
                'mais ce rapport porte sur la table ronde 1\u00a0: numérotez la séance "1.1"',
                "{path}:12:9: warning: sessions[0].co_chairs[1].country: «\u00a0Atlantis\u00a0» "
                "n’est ni le nom court de l’ONU ni le code ISO d’un État\u00a0: vérifiez "
                "l’orthographe, ou écrivez «\u00a0=Atlantis\u00a0» pour l’imprimer tel quel",
            ],
        ),
        (
            "es_ES.UTF-8",
            [
                "{path}:8:5: sessions[0].number: “2.1” pertenece a la mesa redonda 2, pero este "
                'informe trata de la mesa redonda 1: numere la sesión "1.1"',
                "{path}:12:9: warning: sessions[0].co_chairs[1].country: “Atlantis” no es ni el "
                "nombre corto de las Naciones Unidas ni el código ISO de un Estado: compruebe la "
                "ortografía, o escriba “=Atlantis” para imprimirlo tal cual",
            ],
        ),
    ],
)
def test_validate_says_the_problems_in_the_language_of_the_locale(locale, problems, write_report):
    path = write_report(MINIMAL_REPORT.replace('"1.2"', '"2.1"').replace("Greece", "Atlantis"))
    environment = {**os.environ, "LANG": locale}
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        environment.pop(variable, None)
    finished = subprocess.run(
        [sys.executable, "-m", "gfmd_reports", "validate", str(path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert finished.returncode == 1
    warning = {"fr_FR.UTF-8": "avertissement\u00a0:", "es_ES.UTF-8": "advertencia:"}[locale]
    expected = [line.format(path=path).replace("warning:", warning) for line in problems]
    assert finished.stdout.splitlines()[:2] == expected
