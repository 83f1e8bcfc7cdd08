"""Themes: lookup order, extends, merged tokens and phrases, scaffolding, and clear errors."""

from __future__ import annotations

import os
import re

import pytest
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE, WRITTEN_EXAMPLE, make_theme
from ruamel.yaml import YAML

from gfmd_reports import ReportError, load_report, load_theme, render
from gfmd_reports.cli import main
from gfmd_reports.model import Report
from gfmd_reports.phrases import CATALOGUE
from gfmd_reports.themes import theme_scaffold


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    """An empty user config folder, so that the tests see no theme of the machine's user."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "gfmd-reports" / "themes"


def load_report_text(text: str) -> Report:
    return Report.model_validate(YAML(typ="safe").load(text))


def _salutation_theme(folder, name, salutation):
    return make_theme(folder, name, f"phrases:\n  en:\n    salutation: {salutation}\n")


def _first_paragraph(report) -> str:
    html = render(report, "html").decode()
    return html.split('<p class="salutation">')[1].split("</p>")[0]


def test_a_theme_beside_the_report_hides_the_users_and_the_users_hides_the_built_in(
    tmp_path, config_home
):
    reports = tmp_path / "reports"
    report_file = reports / "report.yaml"
    reports.mkdir()
    report_file.write_text(MINIMAL_REPORT + "theme: forum\n", encoding="utf-8")
    _salutation_theme(config_home, "forum", "From the user's folder.")
    theme = load_theme("forum", reports)
    assert (theme.origin, theme.phrases("en").text("salutation")) == (
        "user config",
        "From the user's folder.",
    )
    _salutation_theme(reports / "templates", "forum", "From beside the report.")
    theme = load_theme("forum", reports)
    assert (theme.origin, theme.phrases("en").text("salutation")) == (
        "local",
        "From beside the report.",
    )
    output = tmp_path / "out"
    assert main(["render", str(report_file), "--format", "html", "--output", str(output)]) == 0
    assert "From beside the report." in (output / "report.html").read_text(encoding="utf-8")
    path_theme = _salutation_theme(tmp_path / "elsewhere", "given", "From the command line.")
    arguments = ["render", str(report_file), "--format", "html", "--theme", str(path_theme)]
    assert main([*arguments, "--output", str(output)]) == 0
    assert "From the command line." in (output / "report.html").read_text(encoding="utf-8")


def test_an_unknown_theme_lists_the_available_ones(tmp_path, config_home):
    make_theme(config_home, "mine")
    with pytest.raises(ReportError) as caught:
        load_theme("gfmd-2020", tmp_path)
    assert str(caught.value) == "Unknown theme 'gfmd-2020'. Available: base, gfmd, mine"


def test_render_theme_option_also_takes_a_folder_and_says_so(tmp_path, capsys, config_home):
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL_REPORT, encoding="utf-8")
    assert main(["render", str(report), "--theme", "gfmd-2020"]) == 1
    assert capsys.readouterr().err == (
        "Unknown theme 'gfmd-2020'. Available: base, gfmd, "
        "or the path of a folder holding a theme.yaml\n"
    )


def test_a_theme_a_report_names_is_never_a_folder_of_the_working_directory(
    tmp_path, monkeypatch, config_home
):
    """Found by an audit: on a server, a report chose the folder a theme was read from (a
    client could save a theme.yaml as a draft, then name the drafts folder as its theme)."""
    monkeypatch.chdir(tmp_path)
    make_theme(tmp_path, "drafts", "phrases:\n  en:\n    salutation: Planted.\n")
    report = load_report_text(MINIMAL_REPORT + "theme: drafts\n")
    with pytest.raises(ReportError, match=r"Unknown theme 'drafts'\. Available: base, gfmd$"):
        render(report, "html")
    with pytest.raises(ReportError, match=re.escape("'../drafts' is not a theme's name")):
        load_theme("../drafts")


def test_a_child_inherits_what_it_does_not_change(tmp_path, config_home):
    theme = load_theme(make_theme(tmp_path, "child", "tokens:\n  body_size: 11pt\n"))
    gfmd = load_theme("gfmd")
    assert [t.name for t in theme.chain] == ["child", "gfmd", "base"]
    assert theme.tokens.body_size == "11pt"
    assert theme.tokens.model_dump(exclude={"body_size"}) == gfmd.tokens.model_dump(
        exclude={"body_size"}
    )
    for key in CATALOGUE:
        assert theme.phrases("fr").text(key) == gfmd.phrases("fr").text(key)


def test_a_block_override_keeps_the_parents_block_with_super(tmp_path, config_home):
    override = (
        '{% extends "base/written.html" %}\n'
        '{% block header %}<p class="banner">Regional consultation</p>{{ super() }}'
        "{% endblock %}\n"
    )
    theme = load_theme(make_theme(tmp_path, "banner", files={"written.html": override}))
    html = render(load_report(WRITTEN_EXAMPLE), "html", theme).decode()
    banner = html.index('<p class="banner">Regional consultation</p>')
    assert banner < html.index('<h1 class="title">Round Table 3 “Migration as an enabler')


def test_a_style_css_adds_to_the_parents(tmp_path, config_home):
    theme = load_theme(make_theme(tmp_path, "styled", files={"style.css": "h1 { color: teal; }"}))
    html = render(load_report(WRITTEN_EXAMPLE), "html", theme).decode()
    assert html.index("@page") < html.index("h1 { color: teal; }")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            "phrases:\n  en:\n    salutation: Hello {co_chairs.__class__}\n",
            "theme.yaml:5: phrases.en.salutation: has the placeholder {co_chairs.__class__}; "
            "this phrase may use: none",
        ),
        (
            "phrases:\n  en:\n    panel: With {panelists}\n",
            "theme.yaml:5: phrases.en.panel: has the placeholder {panelists}; this phrase may "
            "use: {panel}",
        ),
        (
            "phrases:\n  en:\n    greeting: Hello\n",
            "theme.yaml:5: phrases.en.greeting: is not a phrase the templates use; phrases are: "
            "salutation,",
        ),
        ("phrases:\n  en:\n    and: '{'\n", "phrases.en.and: has a stray brace"),
        ("colour: red\n", "theme.yaml:3: colour: Extra inputs are not permitted"),
    ],
)
def test_a_broken_theme_yaml_is_named_with_its_line(tmp_path, settings, message):
    folder = make_theme(tmp_path, "broken", settings)
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    assert f"{folder / 'theme.yaml'}" in str(caught.value)
    assert message in str(caught.value)


def test_a_bad_token_is_named(tmp_path):
    theme = load_theme(make_theme(tmp_path, "sized", "tokens:\n  body_size: twelve\n"))
    with pytest.raises(
        ReportError, match=r"sized/theme.yaml: tokens.body_size: string should match"
    ):
        _ = theme.tokens


def test_themes_that_extend_each_other_or_their_own_name_are_refused(tmp_path, config_home):
    (config_home / "a").mkdir(parents=True)
    (config_home / "a" / "theme.yaml").write_text("name: a\nextends: b\n", encoding="utf-8")
    (config_home / "b").mkdir(parents=True)
    (config_home / "b" / "theme.yaml").write_text("name: b\nextends: a\n", encoding="utf-8")
    with pytest.raises(ReportError, match="extends 'a', which is already below it in the chain"):
        load_theme("a")
    folder = tmp_path / "reports" / "templates"
    make_theme(folder, "gfmd")
    with pytest.raises(ReportError, match="theme 'gfmd' extends a theme of the same name"):
        load_theme("gfmd", tmp_path / "reports")


def test_a_theme_name_must_match_its_folder(tmp_path):
    folder = make_theme(tmp_path, "right")
    (folder / "theme.yaml").write_text("name: wrong\nextends: gfmd\n", encoding="utf-8")
    with pytest.raises(ReportError, match="says name: wrong, but its folder is 'right'"):
        load_theme(folder)


def test_a_missing_translation_names_the_phrase_and_the_language(tmp_path):
    report = load_report(ORAL_EXAMPLE).model_copy(update={"language": "de"})
    with pytest.raises(ReportError) as caught:
        render(report, "html")
    assert str(caught.value) == (
        "theme 'gfmd' has no wording in language 'de' for the phrase 'forum_year': add "
        "phrases: de: forum_year: to its theme.yaml (languages it words fully: en, es, fr)"
    )


def test_themes_list_shows_name_parent_and_origin(capsys, tmp_path, config_home, monkeypatch):
    make_theme(tmp_path / "templates", "forum")
    monkeypatch.chdir(tmp_path)
    assert main(["themes", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "EXTENDS", "FOUND", "FOLDER"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:4]}
    assert rows["forum"][:2] == ["gfmd", "local"]
    assert rows["gfmd"][:2] == ["base", "built-in"]
    assert rows["base"][:2] == ["-", "built-in"]


def test_themes_new_scaffolds_a_theme_that_renders_as_its_parent(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["themes", "new", "gfmd-madrid"]) == 0
    folder = tmp_path / "templates" / "gfmd-madrid"
    assert sorted(os.listdir(folder)) == ["README.md", "style.css", "theme.yaml"]
    assert "Created theme 'gfmd-madrid' in templates/gfmd-madrid, extending 'gfmd'" in (
        capsys.readouterr().out
    )
    theme = load_theme("gfmd-madrid", tmp_path)
    report = load_report(ORAL_EXAMPLE)
    scaffolded = render(report, "html", theme).decode()
    parent = render(report, "html", load_theme("gfmd")).decode()
    assert scaffolded.split("</style>")[1] == parent.split("</style>")[1]
    assert "/* header .title { letter-spacing: 0.02em; } */" in scaffolded.split("</style>")[0]
    assert main(["themes", "new", "gfmd-madrid"]) == 1
    assert "already exists and is left as it is" in capsys.readouterr().err


def test_the_scaffold_uncommented_is_its_parent_word_for_word(tmp_path):
    parent = load_theme("gfmd")
    text = theme_scaffold("copy", parent)["theme.yaml"]
    lines, active = [], False
    for line in text.splitlines():
        if line in ("# tokens:", "# phrases:"):
            active = True
            lines.append(line[2:])
        elif active and line.startswith("#"):
            lines.append(line[1:])
        else:
            active = False
            lines.append(line)
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "theme.yaml").write_text("\n".join(lines), encoding="utf-8")
    theme = load_theme(folder)
    assert theme.tokens == parent.tokens
    assert all(theme.phrases("en").text(k) == parent.phrases("en").text(k) for k in CATALOGUE)


def test_a_local_theme_works_with_relative_paths(tmp_path, config_home, monkeypatch):
    """As a rapporteur types it: `gfmd-reports render report.yaml` in the report's folder."""
    make_theme(tmp_path / "templates", "forum", "phrases:\n  en:\n    salutation: Hello.\n")
    (tmp_path / "report.yaml").write_text(MINIMAL_REPORT + "theme: forum\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["render", "report.yaml"]) == 0
    assert sorted(os.listdir(tmp_path / "out")) == ["report.docx", "report.html", "report.pdf"]
    assert "Hello." in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_an_endless_chain_of_themes_is_refused_not_a_crash(tmp_path, config_home):
    """Found by an audit: a chain of 1,000 themes, each extending the next, crashed the
    command (the stack ran out)."""
    themes = tmp_path / "reports" / "templates"
    for number in range(1_000):
        folder = themes / f"t{number}"
        folder.mkdir(parents=True)
        (folder / "theme.yaml").write_text(f"name: t{number}\nextends: t{number + 1}\n")
    with pytest.raises(ReportError) as caught:
        load_theme("t0", tmp_path / "reports")
    assert str(caught.value) == (
        f"{themes / 't0' / 'theme.yaml'}: extends a chain of more than 20 themes "
        "(… → t19 → t20 → …): a theme needs two or three; let yours extend one nearer the base"
    )
