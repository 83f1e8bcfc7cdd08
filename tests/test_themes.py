"""Themes: lookup order, extends, merged tokens and phrases, scaffolding, and clear errors."""

from __future__ import annotations

import os
import re
import shlex

import pytest
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE, ROOT, WRITTEN_EXAMPLE, make_theme
from fastapi.testclient import TestClient
from ruamel.yaml import YAML

from gfmd_reports import ReportError, ThemeError, load_report, load_theme, render
from gfmd_reports.cli import main
from gfmd_reports.model import Report
from gfmd_reports.phrases import CATALOGUE
from gfmd_reports.themes import DesignTokens, theme_scaffold
from gfmd_reports.web.app import create_app


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
            "theme.yaml:5:5: phrases.en.salutation: has the placeholder {co_chairs.__class__}; "
            "this phrase may use: none",
        ),
        (
            "phrases:\n  en:\n    panel: With {panelists}\n",
            "theme.yaml:5:5: phrases.en.panel: has the placeholder {panelists}; this phrase may "
            "use: {panel}",
        ),
        (
            "phrases:\n  en:\n    greeting: Hello\n",
            "theme.yaml:5:5: phrases.en.greeting: is not a phrase the templates use; the phrases "
            "are salutation,",
        ),
        ("phrases:\n  en:\n    and: '{'\n", "phrases.en.and: has a stray brace"),
        (
            "colour: red\n",
            "theme.yaml:3:1: colour: is not a field of a theme.yaml; the fields are name, "
            "extends, description, language, locales, honorifics, item_themes, tokens, phrases",
        ),
    ],
)
def test_a_broken_theme_yaml_is_named_with_its_line(tmp_path, settings, message):
    folder = make_theme(tmp_path, "broken", settings)
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    assert f"{folder / 'theme.yaml'}" in str(caught.value)
    assert message in str(caught.value)


def test_a_bad_token_is_named_with_the_form_it_takes(tmp_path):
    folder = make_theme(tmp_path, "sized", "tokens:\n  body_size: twelve\n")
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    assert str(caught.value) == (
        f"{folder / 'theme.yaml'}:4:3: tokens.body_size: should be a size in points, as 12pt, "
        "not “twelve”"
    )


def test_themes_that_extend_each_other_or_their_own_name_are_refused(tmp_path, config_home):
    (config_home / "a").mkdir(parents=True)
    (config_home / "a" / "theme.yaml").write_text("name: a\nextends: b\n", encoding="utf-8")
    (config_home / "b").mkdir(parents=True)
    (config_home / "b" / "theme.yaml").write_text("name: b\nextends: a\n", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_theme("a")
    assert str(caught.value) == (
        f"{config_home / 'b' / 'theme.yaml'}:2:1: extends 'a', which extends it in turn "
        "(a → b → a): themes cannot extend each other"
    )
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


def _report_in(folder, theme: str | None = None):
    """Write a minimal report into ``folder``, naming ``theme`` if given; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.yaml"
    path.write_text(MINIMAL_REPORT + (f"theme: {theme}\n" if theme else ""), encoding="utf-8")
    return path


def _salutation_rendered(report, *options) -> str:
    """Render a report to HTML through the command line and return its salutation."""
    output = report.parent / "out"
    arguments = ["render", str(report), "--format", "html", "--output", str(output), *options]
    assert main(arguments) == 0
    html = (output / "report.html").read_text(encoding="utf-8")
    return html.split('<p class="salutation">')[1].split("</p>")[0]


def test_render_theme_finds_every_theme_that_themes_list_shows(
    tmp_path, config_home, monkeypatch, capsys
):
    """A theme beside the report, one in templates/ of the current folder, one in the config
    folder and the built-in ones: `--theme NAME` finds each of them, as listed."""
    here, reports = tmp_path / "here", tmp_path / "here" / "reports"
    report = _report_in(reports)
    _salutation_theme(reports / "templates", "beside", "Beside the report.")
    _salutation_theme(here / "templates", "current", "In the current folder.")
    _salutation_theme(config_home, "configured", "In the config folder.")
    monkeypatch.chdir(here)
    assert main(["themes", "list", "reports/report.yaml"]) == 0
    table = capsys.readouterr().out.split("\n\n")[0].splitlines()[1:]
    assert [row.split()[0] for row in table] == ["beside", "current", "configured", "base", "gfmd"]
    expected = {
        "beside": "Beside the report.",
        "current": "In the current folder.",
        "configured": "In the config folder.",
        **{name: load_theme(name).phrases("en").text("salutation") for name in ("base", "gfmd")},
    }
    for name, salutation in expected.items():
        assert _salutation_rendered(report, "--theme", name) == salutation, name


def test_a_theme_beside_the_report_hides_one_of_the_current_folder(tmp_path, monkeypatch, capsys):
    """One order for every command: beside the report, current folder, config, built-in."""
    reports = tmp_path / "reports"
    report = _report_in(reports, theme="forum")
    _salutation_theme(reports / "templates", "forum", "Beside the report.")
    _salutation_theme(tmp_path / "templates", "forum", "In the current folder.")
    monkeypatch.chdir(tmp_path)
    assert _salutation_rendered(report) == "Beside the report."
    assert _salutation_rendered(report, "--theme", "forum") == "Beside the report."
    assert main(["themes", "list", str(report)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert [row.split()[-1] for row in rows if row.startswith("forum ")] == [
        str(reports / "templates" / "forum")
    ]
    other = _report_in(tmp_path / "elsewhere", theme="forum")
    assert _salutation_rendered(other) == "In the current folder."
    assert _salutation_rendered(other, "--theme", "forum") == "In the current folder."


def test_a_bare_name_is_a_name_and_a_folder_here_is_given_as_a_path(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    report = _report_in(tmp_path / "reports")
    _salutation_theme(tmp_path, "loose", "From a folder given by its path.")
    assert main(["render", str(report), "--theme", "loose"]) == 1
    assert capsys.readouterr().err == (
        "Unknown theme 'loose'. Available: base, gfmd; to use the theme in the folder loose "
        "here, give its path: --theme ./loose\n"
    )
    assert _salutation_rendered(report, "--theme", "./loose") == "From a folder given by its path."


def test_a_theme_extending_a_missing_theme_says_so_and_what_there_is(tmp_path, config_home):
    """It said "is nested too deeply": looking for the themes available loaded the broken
    theme again, which looked for them again, until Python's stack ran out."""
    templates = tmp_path / "reports" / "templates"
    make_theme(templates, "mine")
    (templates / "broken").mkdir()
    (templates / "broken" / "theme.yaml").write_text("name: broken\nextends: gfmd-2020\n")
    with pytest.raises(ReportError) as caught:
        load_theme("broken", tmp_path / "reports")
    assert str(caught.value) == (
        f"{templates / 'broken' / 'theme.yaml'}:2:1: extends 'gfmd-2020', which is not in "
        f"{templates}, {config_home}, {ROOT / 'templates'}; themes available: base, gfmd, "
        "mine: did you mean gfmd?"
    )


def test_themes_list_lists_a_broken_theme_with_its_problem_and_the_others(
    tmp_path, config_home, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    make_theme(tmp_path / "templates", "mine")
    broken = tmp_path / "templates" / "broken"
    broken.mkdir()
    (broken / "theme.yaml").write_text("name: broken\nextends: nowhere\n", encoding="utf-8")
    assert main(["themes", "list"]) == 1
    captured = capsys.readouterr()
    rows = {line.split()[0]: line.split()[1:] for line in captured.out.splitlines()[1:5]}
    assert rows == {
        "broken": ["?", "local", str(broken), "(cannot", "be", "used)"],
        "mine": ["gfmd", "local", str(tmp_path / "templates" / "mine")],
        "base": ["-", "built-in", str(ROOT / "templates" / "base")],
        "gfmd": ["base", "built-in", str(ROOT / "templates" / "gfmd")],
    }
    assert captured.err == (
        "\nTheme 'broken' cannot be used:\n"
        f"{broken / 'theme.yaml'}:2:1: extends 'nowhere', which is not in "
        f"{tmp_path / 'templates'}, {config_home}, {ROOT / 'templates'}; themes available: "
        "base, gfmd, mine\n"
    )


TOKEN_MISTAKES = {
    "a misspelt token with an unquoted colour": (
        "  heading_color: #1F4E79\n",
        [
            "4:3: tokens.heading_color: is not a token: did you mean heading_colour?",
            '4:3: tokens.heading_color: as heading_colour, write a colour as "#1F4E79", in '
            "quotes: an unquoted # starts a YAML comment",
        ],
    ),
    "an unquoted colour": (
        "  text_colour: #1f4e79   # dark blue\n",
        [
            '4:3: tokens.text_colour: write a colour as "#1f4e79", in quotes: an unquoted # '
            "starts a YAML comment"
        ],
    ),
    "an unquoted colour of three digits": (
        "  text_colour: #000\n",
        [
            '4:3: tokens.text_colour: write a colour written "#" and six hexadecimal digits, '
            'as "#1F4E79", in quotes: an unquoted # starts a YAML comment'
        ],
    ),
    "a colour by its name": (
        "  text_colour: navy\n",
        [
            '4:3: tokens.text_colour: should be a colour written "#" and six hexadecimal '
            'digits, as "#1F4E79", not “navy”'
        ],
    ),
    "a length without its unit": (
        "  margin_top: 25\n",
        [
            "4:3: tokens.margin_top: should be a length with its unit, as 25mm, 2.5cm, 1in or "
            "12pt, not the number 25"
        ],
    ),
    "a page size": (
        "  page_size: A5\n",
        ["4:3: tokens.page_size: should be a page size (A4 or Letter), not “A5”"],
    ),
    "a line spacing out of range": (
        "  line_spacing: 12\n",
        [
            "4:3: tokens.line_spacing: should be a line spacing from 0.8 to 3 (times the size), "
            "as 1.15, not the number 12"
        ],
    ),
    "an empty token": (
        "  bullet_oral:\n",
        [
            '4:3: tokens.bullet_oral: is empty: give a bullet of one or two characters (not " '
            "or \\), as •, or delete the line"
        ],
    ),
}


@pytest.mark.parametrize(("line", "messages"), TOKEN_MISTAKES.values(), ids=list(TOKEN_MISTAKES))
def test_a_token_mistake_is_located_with_the_fix(tmp_path, line, messages):
    folder = make_theme(tmp_path, "tokened", "tokens:\n" + line)
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    assert str(caught.value).splitlines() == [
        f"{folder / 'theme.yaml'}:{message}" for message in messages
    ]


def test_every_problem_of_a_theme_file_is_told_in_one_run(tmp_path, config_home):
    settings = (
        "name: many\n"
        "extend: gfmd\n"
        "tokens:\n"
        "  heading_colour: #1F4E79\n"
        "  margin_left: 2 cm\n"
        "phrases:\n"
        "  en:\n"
        "    salutaton: Thank you.\n"
        "    panel: With {panelists}\n"
        "  EN:\n"
        "    and: ' and '\n"
    )
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "theme.yaml").write_text(settings, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    path = folder / "theme.yaml"
    assert str(caught.value).splitlines() == [
        f"{path}:2:1: extend: is not a field of a theme.yaml: did you mean extends?",
        f'{path}:4:3: tokens.heading_colour: write a colour as "#1F4E79", in quotes: an '
        "unquoted # starts a YAML comment",
        f"{path}:5:3: tokens.margin_left: should be a length with its unit, as 25mm, 2.5cm, 1in "
        "or 12pt, not “2 cm”",
        f"{path}:8:5: phrases.en.salutaton: is not a phrase the templates use: did you mean "
        "salutation?",
        f"{path}:9:5: phrases.en.panel: has the placeholder {{panelists}}; this phrase may use: "
        "{panel}",
        f"{path}:10:3: phrases.EN: should be a language code such as en, fr or es, not “EN”",
    ]


def test_a_parents_mistakes_are_named_in_the_parents_file(tmp_path, config_home):
    """The merged tokens were checked once, and their errors named the child's file."""
    templates = tmp_path / "reports" / "templates"
    parent = make_theme(templates, "parent", "tokens:\n  body_size: 12\n")
    child = make_theme(templates, "child", "tokens:\n  title_size: 15pt\n")
    (child / "theme.yaml").write_text(
        "name: child\nextends: parent\ntokens:\n  title_size: large\n", encoding="utf-8"
    )
    with pytest.raises(ReportError) as caught:
        load_theme("child", tmp_path / "reports")
    assert str(caught.value).splitlines() == [
        f"{child / 'theme.yaml'}:4:3: tokens.title_size: should be a size in points, as 12pt, "
        "not “large”",
        f"{parent / 'theme.yaml'}:4:3: tokens.body_size: should be a size in points, as 12pt, "
        "not the number 12",
    ]


def test_a_theme_that_extends_none_must_set_every_token(tmp_path):
    folder = tmp_path / "alone"
    folder.mkdir()
    (folder / "theme.yaml").write_text("name: alone\ntokens:\n  page_size: A4\n")
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    message = str(caught.value)
    assert message.startswith(f"{folder / 'theme.yaml'}:2:1: tokens: lacks margin_top, ")
    assert message.endswith(
        ": a theme that extends none sets every token; or let it extend one (extends: base)"
    )
    assert all(name in message for name in set(DesignTokens.model_fields) - {"page_size"})


def test_a_token_unlike_any_is_told_with_the_tokens_there_are(tmp_path):
    folder = make_theme(tmp_path, "shaded", "tokens:\n  shade: grey\n")
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    message = str(caught.value)
    assert message.startswith(
        f"{folder / 'theme.yaml'}:4:3: tokens.shade: is not a token; the tokens are page_size, "
        "margin_top, "
    )
    assert all(f" {name}" in message for name in DesignTokens.model_fields)


def test_every_token_says_how_it_is_written():
    """A token's title and description make its messages: "should be a size in points, as
    12pt"; a token added without them would get a message that says nothing."""
    fields = DesignTokens.model_fields.items()
    assert [name for name, field in fields if not (field.title and field.description)] == []


def test_validate_names_each_problem_of_the_reports_theme(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = _report_in(tmp_path, theme="forum")
    make_theme(
        tmp_path / "templates", "forum", "tokens:\n  text_color: '#000000'\n  margin_top: 1\n"
    )
    assert main(["validate", "report.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "report.yaml:13:1: theme: templates/forum/theme.yaml:4:3: tokens.text_color: is not a "
        "token: did you mean text_colour?",
        "report.yaml:13:1: theme: templates/forum/theme.yaml:5:3: tokens.margin_top: should be "
        "a length with its unit, as 25mm, 2.5cm, 1in or 12pt, not the number 1",
        "report.yaml: invalid: 2 errors, 0 warnings",
    ]
    assert report.exists()


def test_the_next_steps_of_themes_new_work_as_printed(tmp_path, monkeypatch, capsys):
    """As a new user follows them, in the folder of the report, starting from a theme of that
    folder: `--extends` took only themes of the config folder and the built-in ones."""
    monkeypatch.chdir(tmp_path)
    _report_in(tmp_path)
    _salutation_theme(tmp_path / "templates", "forum", "Hello from the forum.")
    assert main(["themes", "new", "madrid", "--extends", "forum"]) == 0
    printed = capsys.readouterr().out.splitlines()
    commands = [line.strip() for line in printed if line.startswith("  gfmd-reports ")]
    assert commands == ["gfmd-reports render --theme madrid report.yaml"]
    assert main(shlex.split(commands[0])[1:]) == 0
    html = tmp_path / "out" / "report.html"
    assert "Hello from the forum." in html.read_text(encoding="utf-8")
    assert printed[-1] == "A report in this folder, or rendered from it, can name it: theme: madrid"
    _report_in(tmp_path / "elsewhere", theme="madrid")
    assert main(["render", "elsewhere/report.yaml", "--format", "html"]) == 0
    assert "Hello from the forum." in html.read_text(encoding="utf-8")


def test_themes_new_in_a_folder_of_its_own_prints_a_command_that_works(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    _report_in(tmp_path)
    _salutation_theme(tmp_path / "templates", "forum", "Hello from the forum.")
    assert main(["themes", "new", "madrid", "--extends", "forum", "--dir", "our themes"]) == 0
    printed = capsys.readouterr().out.splitlines()
    commands = [line.strip() for line in printed if line.startswith("  gfmd-reports ")]
    assert commands == ["gfmd-reports render --theme 'our themes/madrid' report.yaml"]
    assert main(shlex.split(commands[0])[1:]) == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Hello from the forum." in html
    assert printed[-1].startswith(
        "For a report to name it (theme: madrid), move the folder into templates/ beside the "
        "report or in the folder you render from, or into "
    )


def test_the_example_in_a_new_themes_guide_renders(tmp_path, monkeypatch, capsys):
    """The guide names the file to write and the block to override from the parent chain's
    own templates; written as it says, with a logo, the logo is in the report."""
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    assert main(["themes", "new", "logo"]) == 0
    folder = tmp_path / "templates" / "logo"
    guide = (folder / "README.md").read_text(encoding="utf-8")
    file_name = re.search(r"this `([\w.-]+)`, saved here with a `logo.png`", guide).group(1)
    (folder / file_name).write_text(guide.split("```jinja\n")[1].split("```")[0])
    Image.new("RGB", (40, 20), "navy").save(folder / "logo.png")
    examples = [load_report(path) for path in (ORAL_EXAMPLE, WRITTEN_EXAMPLE)]
    report = next(report for report in examples if f"{report.kind}.html" == file_name)
    html = render(report, "html", load_theme("logo", tmp_path)).decode()
    assert '<img class="logo" src="data:image/png;base64,' in html


def test_a_new_themes_guide_lists_the_blocks_its_parents_templates_have(tmp_path):
    oral = '{% extends "base/oral.html" %}{% block signature %}{% endblock %}'
    parent = load_theme(make_theme(tmp_path, "signed", files={"oral.html": oral}))
    guide = theme_scaffold("child", parent)["README.md"]
    listed = re.search(r"^- oral\.html: (.*)$", guide, re.MULTILINE).group(1)
    assert listed.endswith(", `signature`")
    assert "`closing`" in listed


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["gfmd"],
            "'gfmd' names a theme the new one would extend (gfmd → base): give your theme a "
            "name of its own\n",
        ),
        (
            ["new", "--extends", "elsewhere/forum"],
            "elsewhere/forum: a theme extends another by name, and the name 'forum' does not "
            "find this folder from here: give --extends a theme that `gfmd-reports themes list` "
            "shows, or move this one into templates/ here first\n",
        ),
    ],
)
def test_themes_new_refuses_a_theme_that_would_not_load(
    tmp_path, monkeypatch, capsys, arguments, message
):
    monkeypatch.chdir(tmp_path)
    make_theme(tmp_path / "elsewhere", "forum")
    assert main(["themes", "new", *arguments]) == 1
    assert capsys.readouterr().err == message
    assert not (tmp_path / "templates").exists()


def test_a_themes_mistakes_reach_the_command_line_the_api_and_the_web_form(tmp_path, capsys):
    drafts = tmp_path / "drafts"
    report = _report_in(drafts, theme="forum")
    theme = make_theme(drafts / "templates", "forum", "tokens:\n  heading_color: '#1F4E79'\n")
    expected = (
        f"{theme / 'theme.yaml'}:4:3: tokens.heading_color: is not a token: did you mean "
        "heading_colour?"
    )
    assert main(["validate", str(report)]) == 1
    assert f"{report}:13:1: theme: {expected}\n" in capsys.readouterr().out
    with pytest.raises(ThemeError) as caught:
        load_theme("forum", drafts)
    assert [str(problem) for problem in caught.value.problems] == [expected]
    client = TestClient(create_app(drafts), base_url="http://127.0.0.1")
    data = YAML(typ="safe").load(report.read_text(encoding="utf-8"))
    checked = client.post("/api/validate", json={"report": data})
    assert checked.json()["problems"] == [
        {"field": "theme", "place": "Theme", "message": expected, "severity": "error"}
    ]
    rendered = client.post("/api/render?format=html", json={"report": data})
    assert (rendered.status_code, rendered.json()) == (422, {"detail": expected})


def test_validate_suggests_the_house_spelling_of_honorifics_in_the_reports_language(
    tmp_path, capsys
):
    make_theme(
        tmp_path / "templates",
        "maison",
        "honorifics:\n  fr: [S.E., Mme]\n",
    )
    report = tmp_path / "r.yaml"
    report.write_text(
        MINIMAL_REPORT.replace("kind: oral", "kind: oral\ntheme: maison\nlanguage: fr").replace(
            "      - country: Greece\n",
            "      - country: Greece\n      - {honorific: S. E. Mme., name: Awa Diop}\n",
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(report)]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        f"{report}:15:10: warning: sessions[0].co_chairs[2].honorific: writes “S. E.”, which the "
        "theme's house style writes “S.E.”: write it so",
        f"{report}:15:10: warning: sessions[0].co_chairs[2].honorific: writes “Mme.”, which the "
        "theme's house style writes “Mme”: write it so",
    ]
