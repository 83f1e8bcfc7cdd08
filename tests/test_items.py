"""Findings as data: an item's text, id, tags and actors; ids derived from an item's place."""

from __future__ import annotations

import copy
import re

import pytest
from conftest import WRITTEN_EXAMPLE, make_theme
from ruamel.yaml import YAML

from gfmd_reports import Finding, FindingTags, Report, load_theme, render, report_items
from gfmd_reports.loading import validate_data
from gfmd_reports.starter import starter_file

EXAMPLE = YAML(typ="safe").load(WRITTEN_EXAMPLE.read_text(encoding="utf-8"))

TAGGED = {
    "text": 'States should "ensure" the *portability* of benefits.[^1]',
    "id": "GFMD2014-LABOUR-1",
    "tags": {"theme": "labour mobility", "gcm_objectives": [6, 22], "sdg_targets": ["8.8"]},
    "actors": ["ILO", "ECU", "the Netherlands", "=Kingdom of the Netherlands"],
}


def _report(data: dict) -> Report:
    validation = validate_data(data)
    assert validation.report is not None, [str(problem) for problem in validation.problems]
    return validation.report


def _example(**changes) -> dict:
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    return data


def _recommendations(data: dict, session: int) -> list:
    return data["sessions"][session]["recommendations"]["items"]


def test_a_plain_item_is_a_finding_with_its_text_alone():
    assert Finding.model_validate("Rights first.") == Finding(text="Rights first.")


def test_an_item_with_data_keeps_its_id_tags_and_actors():
    item = Finding.model_validate({**TAGGED, "text": "T."})
    assert item.id == "GFMD2014-LABOUR-1"
    assert item.tags == FindingTags(
        theme="labour mobility", gcm_objectives=[6, 22], sdg_targets=["8.8"]
    )
    assert item.actors == TAGGED["actors"]


def test_a_report_prints_an_items_text_and_nothing_of_its_data():
    plain, tagged = _example(), _example()
    items = _recommendations(tagged, 1)
    items[2] = {**TAGGED, "text": items[2]}
    tagged["sessions"][1]["conclusions"] = {"items": [{"text": "A conclusion.", "actors": ["ILO"]}]}
    plain["sessions"][1]["conclusions"] = {"items": ["A conclusion."]}
    page = render(_report(tagged), "html")
    assert page == render(_report(plain), "html")
    assert "A conclusion." in page.decode()
    assert "GFMD2014-LABOUR-1" not in page.decode()


def test_every_item_gets_an_id_from_its_forum_year_session_and_place():
    records = report_items(_report(_example()), "rt3.yaml")
    expected = []
    for session in EXAMPLE["sessions"]:
        for field, letter in (("conclusions", "C"), ("recommendations", "R")):
            items = session.get(field, {}).get("items", [])
            expected += [
                f"GFMD2014-RT{session['number']}-{letter}{n:02d}" for n in range(1, 1 + len(items))
            ]
    overall = EXAMPLE["overall_conclusions"]["items"]
    expected += [f"GFMD2014-RT3-O{n:02d}" for n in range(1, 1 + len(overall))]
    assert [record.id for record in records] == expected
    assert "GFMD2014-RT3.2-R03" in expected


def test_adding_items_elsewhere_or_an_explicit_id_changes_no_other_id():
    before = {r.path: r.id for r in report_items(_report(_example()), "rt3.yaml")}
    data = _example()
    data["sessions"][0]["recommendations"] = {"items": ["A new recommendation."]}
    _recommendations(data, 1).insert(0, {"text": "Put first.", "id": "NEW-1"})
    data["overall_conclusions"]["items"][0] = {
        "text": data["overall_conclusions"]["items"][0],
        "id": "KEPT-1",
    }
    after = {r.path: r.id for r in report_items(_report(data), "rt3.yaml")}
    assert after[("sessions", 0, "recommendations", "items", 0)] == "GFMD2014-RT3.1-R01"
    assert after[("sessions", 1, "recommendations", "items", 0)] == "NEW-1"
    # The items after the new one move down a place, and take that place's id.
    assert after[("sessions", 1, "recommendations", "items", 3)] == "GFMD2014-RT3.2-R04"
    assert after[("overall_conclusions", "items", 0)] == "KEPT-1"
    assert after[("overall_conclusions", "items", 1)] == before[("overall_conclusions", "items", 1)]
    for path in before:
        if path[:3] == ("sessions", 0, "conclusions"):
            assert after[path] == before[path]


def test_a_list_of_a_hundred_items_numbers_them_with_three_digits():
    data = _example()
    data["sessions"][1]["recommendations"]["items"] = [f"Item {n}." for n in range(1, 101)]
    ids = [r.id for r in report_items(_report(data), "rt3.yaml") if r.type == "recommendation"]
    assert ids[0] == "GFMD2014-RT3.2-R001"
    assert ids[-1] == "GFMD2014-RT3.2-R100"


@pytest.mark.parametrize(
    ("forum", "code"),
    [
        ({"name": "Global Forum on Migration and Development"}, "GFMD"),
        ({"name": "Foro Mundial sobre Migración y Desarrollo"}, "FMMD"),
        ({"name": "forum régional des migrations"}, "FRDM"),
        ({"name": "Global Forum", "short_name": "gfmd-Asia"}, "GFMDASIA"),
        ({"name": "Global Forum", "short_name": "Ümit"}, "UMIT"),
    ],
)
def test_the_forum_in_an_id_is_its_short_name_or_initials_in_capitals(forum, code):
    data = _example(forum={**forum, "year": 2020})
    first = report_items(_report(data), "rt3.yaml")[0]
    assert first.id == f"{code}2020-RT3.1-C01"


def test_a_record_holds_the_reports_details_and_the_items_data():
    data = _example()
    _recommendations(data, 1)[2] = {**TAGGED, "text": "Plain words."}
    record = report_items(_report(data), "examples/rt3.yaml")[10]
    assert record.path == ("sessions", 1, "recommendations", "items", 2)
    assert (record.id, record.type, record.text) == (
        "GFMD2014-LABOUR-1",
        "recommendation",
        "Plain words.",
    )
    assert (record.report, record.forum, record.year, record.roundtable, record.session) == (
        "examples/rt3.yaml",
        "GFMD",
        2014,
        3,
        "3.2",
    )
    assert record.language == "en"
    assert record.theme == "labour mobility"
    assert (record.gcm_objectives, record.sdg_targets) == ((6, 22), ("8.8",))
    assert record.actors == ("ILO", "Ecuador", "Netherlands", "Kingdom of the Netherlands")
    overall = report_items(_report(data), "examples/rt3.yaml")[-1]
    assert (overall.type, overall.session, overall.theme, overall.actors) == (
        "overall_conclusion",
        None,
        None,
        (),
    )


def test_a_records_text_is_as_printed_without_markup_or_note_calls():
    data = _example(language="fr", footnotes={"1": "Une note."})
    _recommendations(data, 1)[0] = TAGGED | {"text": 'Les États "doivent" agir ; *vite* !**[^1]**'}
    record = report_items(_report(data), "rt3.yaml", load_theme("gfmd"))[8]
    assert record.text == "Les États «\u00a0doivent\u00a0» agir\u202f; vite\u202f!"
    assert record.language == "fr"
    assert record.actors == ("ILO", "Équateur", "Pays-Bas", "Kingdom of the Netherlands")


def test_a_theme_with_french_spacing_normal_gives_its_records_that_spacing(tmp_path):
    theme = load_theme(make_theme(tmp_path, "wide", "tokens:\n  french_spacing: normal\n"))
    data = _example(language="fr")
    _recommendations(data, 1)[0] = "Agir ; vite !"
    record = report_items(_report(data), "rt3.yaml", theme)[8]
    assert record.text == "Agir\u00a0; vite\u00a0!"


def test_a_reports_language_is_its_themes_when_it_names_none(tmp_path):
    theme = load_theme(make_theme(tmp_path, "french", "language: fr\n"))
    data = _example()
    del data["language"]
    records = report_items(_report(data), "rt3.yaml", theme)
    assert {record.language for record in records} == {"fr"}
    assert {record.language for record in report_items(_report(_example()), "rt3.yaml")} == {"en"}


AREAS = """\
item_themes:
  - en: Labour mobility
    fr: Mobilité de la main-d’œuvre
    es: Movilidad laboral
  - en: Diaspora engagement
    fr: Mobilisation des diasporas
"""


@pytest.mark.parametrize(
    ("written", "language", "printed"),
    [
        ("labour  MOBILITY", "en", "Labour mobility"),
        ("Labour mobility", "fr", "Mobilité de la main-d’œuvre"),
        ("movilidad laboral", "fr-CA", "Mobilité de la main-d’œuvre"),
        ("Mobilisation des diasporas", "es", "Diaspora engagement"),  # no Spanish: English
    ],
)
def test_a_thematic_area_is_named_in_the_reports_language(tmp_path, written, language, printed):
    theme = load_theme(make_theme(tmp_path, "areas", AREAS))
    data = _example(language=language)
    _recommendations(data, 1)[0] = {"text": "T.", "tags": {"theme": written}}
    record = report_items(_report(data), "rt3.yaml", theme)[8]
    assert record.theme == printed


def test_the_starter_shows_an_item_with_data_that_validates_once_filled():
    text = starter_file("session", "schema.json")
    shown = re.search(r"\n( +)# - text: .*\n(?:\1#   .*\n)+", text)
    assert shown is not None
    indent = shown.group(1)
    uncommented = re.sub(rf"(?m)^{indent}# (- text|  )", rf"{indent}\1", shown.group())
    data = YAML(typ="safe").load(uncommented.replace('"FILL IN"', '"Words."'))
    assert data == [
        {
            "text": "Words.",
            "id": "GFMD2014-RT3.2-R03",
            "tags": {
                "theme": "labour mobility",
                "gcm_objectives": [6, 22],
                "sdg_targets": ["8.8", "10.7"],
            },
            "actors": ["ILO", "Ecuador", "the OECD"],
        }
    ]
    assert Finding.model_validate(data[0]).tags == FindingTags.model_validate(data[0]["tags"])
