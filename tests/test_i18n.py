"""The interface's catalogue: every message translated, said in the language asked for."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from gfmd_reports import i18n

ROOT = Path(__file__).resolve().parent.parent


def _messages_script():
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["messages"] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_message_the_toolkit_says_is_translated(language):
    assert _messages_script().faults(language) == []


def test_the_catalogue_check_names_a_message_left_untranslated(tmp_path, monkeypatch):
    script = _messages_script()
    shutil.copytree(script.LOCALE, tmp_path / "locale")
    schema = tmp_path / "locale" / "fr" / "schema.po"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace('msgstr "Pays"', 'msgstr ""'), encoding="utf-8")
    monkeypatch.setattr(script, "LOCALE", tmp_path / "locale")
    assert script.faults("es") == []
    [fault] = script.faults("fr")
    assert "no fr translation of 'Country'" in fault
    assert "properties/country" in fault


def test_the_catalogue_check_names_a_value_the_translation_lost(tmp_path, monkeypatch):
    script = _messages_script()
    (tmp_path / "fr").mkdir()
    (tmp_path / "es").mkdir()
    (tmp_path / "fr" / "x.po").write_text(
        'msgid "Session {number}"\nmsgstr "Séance {numero}"\n', encoding="utf-8"
    )
    monkeypatch.setattr(script, "LOCALE", tmp_path)
    monkeypatch.setattr(
        script,
        "said_messages",
        lambda: {"Session {number}": script.Said("Session {number}", None, "x", "x.py:1")},
    )
    [fault] = script.faults("fr")
    assert "['numero'] not in English" in fault
    assert "lacks ['number']" in fault


def test_a_message_is_said_in_the_language_of_its_context():
    assert i18n.gettext("Country") == "Country"
    with i18n.speaking("fr"):
        assert i18n.gettext("Country") == "Pays"
        with i18n.speaking("es"):
            assert i18n.gettext("Country") == "País"
        assert i18n.current_language() == "fr"
    assert i18n.current_language() == "en"


def test_an_unknown_message_or_language_falls_back_to_english():
    with i18n.speaking("de"):
        assert i18n.current_language() == "en"
    with i18n.speaking("fr"):
        assert i18n.gettext("{count} apples", count=3) == "3 apples"


def test_plural_forms_follow_the_languages_categories():
    assert i18n.plural_categories("fr") == ["one", "many", "other"]
    assert i18n.plural_categories("en") == ["one", "other"]
    # Untranslated, English chooses by one and other; French treats 0 as singular.
    assert i18n.ngettext("{count} problem", "{count} problems", 0) == "0 problems"
    assert i18n.ngettext("{count} problem", "{count} problems", 1) == "1 problem"


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "fr_FR.UTF-8"}, "es"),
        ({"LC_MESSAGES": "fr_CA", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "de:es:fr"}, "es"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_command_line_speaks_the_language_of_its_locale(environment, language):
    assert i18n.language_from_environment(environment) == language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"),
        ("de-DE,es;q=0.8,fr;q=0.9", "fr"),
        ("es-419", "es"),
        ("de-DE", "en"),
        ("en;q=0.1, es;q=0.5", "es"),
        (None, "en"),
        ("fr;q=x", "fr"),
    ],
)
def test_the_web_app_answers_in_the_browsers_language(header, language):
    assert i18n.negotiate(header) == language


def test_the_catalogue_check_names_an_entry_no_longer_said(tmp_path, monkeypatch):
    script = _messages_script()
    shutil.copytree(script.LOCALE, tmp_path / "locale")
    schema = tmp_path / "locale" / "es" / "schema.po"
    with schema.open("a", encoding="utf-8") as file:
        file.write('\nmsgid "Co-chair {number}"\nmsgstr "Copresidente {number}"\n')
    monkeypatch.setattr(script, "LOCALE", tmp_path / "locale")
    assert script.faults("fr") == []
    [fault] = script.faults("es")
    assert fault.endswith(
        "es/schema.po: 'Co-chair {number}' is no longer said: remove it (update does)"
    )
    script.update()
    assert script.faults("es") == []
    assert "Co-chair {number}" not in schema.read_text(encoding="utf-8")


def test_every_message_is_written_out_where_it_is_said():
    assert _messages_script().unsaid_texts() == []


def test_a_message_built_by_an_f_string_is_named(tmp_path, monkeypatch):
    script = _messages_script()
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "said.py").write_text(
        'from gfmd_reports.i18n import _, mark\nA = mark("fine")\nB = mark(A)\n'
        'print(_(A), _("{x} is fine", x=f"{A}!"), _(f"{A} is not"))\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(script, "ROOT", tmp_path)
    monkeypatch.setattr(script, "PACKAGE", tmp_path / "pkg")
    assert script.unsaid_texts() == [
        "pkg/said.py:3: write the message out",
        "pkg/said.py:4: write the message out",
    ]


def test_every_compiled_catalogue_is_what_its_po_files_compile_to():
    assert _messages_script().stale_compilations() == []


def test_the_catalogue_check_names_a_compiled_catalogue_left_stale(tmp_path, monkeypatch):
    script = _messages_script()
    shutil.copytree(script.LOCALE, tmp_path / "locale")
    schema = tmp_path / "locale" / "fr" / "schema.po"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace('msgstr "Pays"', 'msgstr "Pays ou territoire"'), "utf-8")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    monkeypatch.setattr(script, "LOCALE", tmp_path / "locale")
    assert script.stale_compilations() == [
        "locale/fr.json: out of date: run scripts/messages.py compile"
    ]
    script.compile_catalogues()
    assert script.stale_compilations() == []


COUNTS = [*range(2_100), *(k * 1_000_000 for k in range(1, 4)), 1_000_001, 10**9, 10**9 + 1]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_compiled_plural_rule_picks_the_form_of_cldrs_category(language):
    from babel import Locale

    rule = Locale.parse(language).plural_form
    categories = i18n.plural_categories(language)
    assert set(categories) == rule.tags | {"other"}
    index = i18n._plural_index(language)
    assert [categories[index(count)] for count in COUNTS] == [rule(count) for count in COUNTS]


def test_a_plural_message_is_said_in_the_form_of_its_count():
    with i18n.speaking("fr"):
        said = [i18n.ngettext("{count} error", "{count} errors", n) for n in (0, 1, 2, 10**6)]
    assert said == ["0 erreur", "1 erreur", "2 erreurs", "1000000 d’erreurs"]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_a_number_is_grouped_as_cldr_groups_it(language):
    from babel.numbers import format_decimal

    with i18n.speaking(language):
        assert [i18n.number(count) for count in COUNTS] == [
            format_decimal(count, locale=language) for count in COUNTS
        ]
