"""Findings as data: an item's text, id, tags and actors; ids derived from an item's place."""

from __future__ import annotations

import copy
import re

import pytest
from conftest import WRITTEN_EXAMPLE, make_theme
from ruamel.yaml import YAML

from gfmd_reports import Finding, FindingTags, Report, ReportError, load_theme, render, report_items
from gfmd_reports.cli import main
from gfmd_reports.i18n import speaking
from gfmd_reports.loading import validate_data, validate_file
from gfmd_reports.starter import starter_file
from gfmd_reports.themes import problems_rendering

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


def test_the_hundredth_item_changes_no_id_of_the_items_before_it():
    data = _example()
    data["sessions"][1]["recommendations"]["items"] = [f"Item {n}." for n in range(1, 100)]
    before = [r.id for r in report_items(_report(data), "rt3.yaml") if r.type == "recommendation"]
    data["sessions"][1]["recommendations"]["items"].append("Item 100.")
    after = [r.id for r in report_items(_report(data), "rt3.yaml") if r.type == "recommendation"]
    assert after[:99] == before
    assert (after[0], after[98], after[99]) == (
        "GFMD2014-RT3.2-R01",
        "GFMD2014-RT3.2-R99",
        "GFMD2014-RT3.2-R100",
    )


@pytest.mark.parametrize(
    ("forum", "code"),
    [
        ({"name": "Global Forum on Migration and Development"}, "GFMD"),
        ({"name": "Foro Mundial sobre Migración y Desarrollo"}, "FMMD"),
        ({"name": "Forum mondial sur la migration et le développement"}, "FMMD"),
        ({"name": "forum régional de l’Afrique de l'Ouest"}, "FRAO"),
        ({"name": "The Forum"}, "F"),
        ({"name": "Of the"}, "OT"),
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


SESSION_REPORT = """\
kind: session
theme: {theme}
forum: {{name: Global Forum on Migration and Development, short_name: GFMD, year: 2014}}
roundtable: {{number: 3}}
rapporteur: {{name: Jorge Lomónaco}}
sessions:
  - number: "3.2"
    title: Labour mobility
    co_chairs: [{{country: Ecuador}}]
    conclusions:
      items:
        - Rights come first.
        - text: Skills should be recognised.
          id: GFMD2014-SKILLS
    recommendations:
      items:
        - text: States should ensure portability.
{item}
"""
"""A session report whose second recommendation is ``item`` (from its line 18, indented 8)."""


def _problems(write_report, item: str, theme: str = "gfmd") -> list[str]:
    path = write_report(SESSION_REPORT.format(item=item, theme=theme))
    validation = validate_file(path)
    return [
        str(problem).removeprefix(f"{path}:")
        for problem in problems_rendering(validation, path.parent)
    ]


@pytest.mark.parametrize("written", ["bad id!", "-R03", "R" * 65, "Recomendación-1", "'R 1'"])
def test_an_id_that_is_not_letters_digits_and_signs_is_refused(write_report, written):
    problems = _problems(write_report, f"        - text: T.\n          id: {written}")
    shown = written.strip("'")
    assert problems == [  # at the field's name, as every field's problem is
        f"19:11: sessions[0].recommendations.items[1].id: “{shown}” is not an id: an id has "
        "at most 64 letters (A–Z, a–z), digits, “.”, “-” and “_”, and starts with a letter or "
        "digit, as GFMD2014-RT3.2-R03"
    ]


def test_an_id_of_64_letters_digits_and_signs_is_one(write_report):
    written = "A" + "b.9-_" * 12 + "xyz"
    assert len(written) == 64
    assert _problems(write_report, f"        - text: T.\n          id: {written}") == []


def test_an_explicit_id_used_twice_is_an_error_at_the_later_naming_the_earlier(write_report):
    problems = _problems(write_report, "        - text: T.\n          id: gfmd2014-skills")
    assert problems == [
        "19:11: sessions[0].recommendations.items[1].id: “gfmd2014-skills” is also the id of "
        "sessions[0].conclusions.items[1]: give each item its own id"
    ]


def test_an_explicit_id_that_a_place_gives_is_an_error_at_the_later(write_report):
    problems = _problems(write_report, "        - text: T.\n          id: GFMD2014-RT3.2-C01")
    assert problems == [
        "19:11: sessions[0].recommendations.items[1].id: “GFMD2014-RT3.2-C01” is also the id of "
        "sessions[0].conclusions.items[0]: give each item its own id"
    ]


def test_a_place_giving_an_id_already_taken_is_an_error_at_that_item(write_report):
    report = SESSION_REPORT.format(theme="gfmd", item="        - Second.").replace(
        "id: GFMD2014-SKILLS", "id: GFMD2014-RT3.2-R02"
    )
    path = write_report(report)
    assert [str(problem) for problem in validate_file(path).problems] == [
        f"{path}:18:11: sessions[0].recommendations.items[1]: the id this item takes from its "
        "place, “GFMD2014-RT3.2-R02”, is already the id: of sessions[0].conclusions.items[1]: "
        "give that item another id, or this one an id: of its own"
    ]


def test_a_duplicate_id_is_said_in_french(write_report):
    path = write_report(
        SESSION_REPORT.format(theme="gfmd", item="        - {text: T., id: GFMD2014-SKILLS}")
    )
    with speaking("fr"):
        (problem,) = validate_file(path).problems
        assert problem.message == (
            "«\u00a0GFMD2014-SKILLS\u00a0» est aussi l’identifiant de "
            "sessions[0].conclusions.items[1]\u00a0: donnez à chaque élément son propre identifiant"
        )
        assert problem.place == "Séance 3.2 › Recommandation 2 › Identifiant"


@pytest.mark.parametrize(
    ("tags", "token", "message"),
    [
        (
            "{gcm_objectives: [6, 24]}",
            "24",
            "tags.gcm_objectives[1]: GCM objective 24 does not exist: the Global Compact has 23 "
            "objectives, numbered 1–23",
        ),
        (
            "{gcm_objectives: [0]}",
            "0",
            "tags.gcm_objectives[0]: GCM objective 0 does not exist: the Global Compact has 23 "
            "objectives, numbered 1–23",
        ),
        (
            "{gcm_objectives: [true]}",
            "true",
            "tags.gcm_objectives[0]: should be a whole number, such as 6, not the truth value true",
        ),
        (
            "{sdg_targets: ['8.8', '10.8']}",
            "'10.8'",
            "tags.sdg_targets[1]: “10.8” is not a target of SDG 10: its targets are 10.1–10.7 and "
            "10.a–10.c",
        ),
        (
            "{sdg_targets: [10.7]}",
            "10.7",
            'tags.sdg_targets[0]: put the target in quotes, as in "10.7": without quotes YAML '
            "reads a number, and 17.10 would become 17.1",
        ),
    ],
)
def test_tags_outside_their_lists_are_refused_where_they_stand(write_report, tags, token, message):
    line = f"        - {{text: T., tags: {tags}}}"
    column = line.index(token) + 1
    problems = _problems(write_report, line)
    assert problems == [f"18:{column}: sessions[0].recommendations.items[1].{message}"]


def test_sdg_targets_are_kept_as_the_list_writes_them(write_report):
    path = write_report(
        SESSION_REPORT.format(
            theme="gfmd", item="        - {text: T., tags: {sdg_targets: ['10.C', '8.08']}}"
        )
    )
    report = validate_file(path).report
    assert report is not None
    assert report_items(report, "r.yaml")[3].sdg_targets == ("10.c", "8.8")


AREAS_THEME = "name: areas\nextends: gfmd\n" + AREAS


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Labour mobility", None),
        ("MOVILIDAD  laboral", None),
        (
            "labor mobility",
            "“labor mobility” is not one of the theme's thematic areas: did you mean "
            "“Labour mobility”?",
        ),
        (
            "jobs",
            "“jobs” is not one of the theme's thematic areas, which are “Labour mobility”, "
            "“Diaspora engagement”: write one of them",
        ),
    ],
)
def test_a_thematic_area_must_be_one_the_theme_lists(write_report, written, message):
    folder = write_report("", "unused.txt").parent
    (folder / "templates" / "areas").mkdir(parents=True)
    (folder / "templates" / "areas" / "theme.yaml").write_text(AREAS_THEME, encoding="utf-8")
    line = f"        - {{text: T., tags: {{theme: {written}}}}}"
    problems = _problems(write_report, line, "areas")
    where = f"18:{line.index('theme:') + 1}: sessions[0].recommendations.items[1].tags.theme"
    assert problems == ([f"{where}: {message}"] if message else [])


def test_without_a_list_of_areas_any_thematic_area_will_do(write_report):
    assert _problems(write_report, "        - {text: T., tags: {theme: whatever we like}}") == []


def test_actors_are_states_or_organisations_as_chairs_are(write_report):
    problems = _problems(
        write_report, "        - {text: T., actors: [ILO, ECU, Swedn, =Swedn, the OECD]}"
    )
    assert problems == [
        "18:41: warning: sessions[0].recommendations.items[1].actors[2]: “Swedn” is neither the "
        "UN short name nor the ISO code of a State: did you mean “Sweden” (SWE)? To print it as "
        "written instead, write “=Swedn”"
    ]


def test_render_refuses_a_thematic_area_its_theme_does_not_list(write_report, tmp_path, capsys):
    folder = write_report("", "unused.txt").parent
    (folder / "templates" / "areas").mkdir(parents=True)
    (folder / "templates" / "areas" / "theme.yaml").write_text(AREAS_THEME, encoding="utf-8")
    line = "        - {text: T., tags: {theme: jobs}}"
    path = write_report(SESSION_REPORT.format(item=line, theme="areas"))
    out = tmp_path / "out"
    assert main(["render", str(path), "--format", "html", "--output", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:18:{line.index('theme:') + 1}: sessions[0].recommendations.items[1].tags.theme: "
        "“jobs” is not one of the theme's thematic areas, which are “Labour mobility”, "
        "“Diaspora engagement”: write one of them",
        f"{path}: not rendered: fix the errors above first",
    ]
    assert not out.exists()
    path.write_text(
        SESSION_REPORT.format(item=line.replace("jobs", "labour mobility"), theme="areas")
    )
    assert main(["render", str(path), "--format", "html", "--output", str(out)]) == 0
    assert (out / "report.html").is_file()


def test_a_new_themes_file_shows_how_to_list_thematic_areas(tmp_path):
    from gfmd_reports.themes import theme_scaffold

    settings = theme_scaffold("forum", load_theme("gfmd"))["theme.yaml"]
    block = settings[settings.index("# item_themes:") :].split("\n\n")[0]
    uncommented = "\n".join(line.removeprefix("# ") for line in block.splitlines())
    theme = load_theme(make_theme(tmp_path, "forum", uncommented + "\n"))
    assert theme.item_themes == [
        {"en": "Labour mobility", "fr": "Mobilité de la main-d’œuvre", "es": "Movilidad laboral"}
    ]


def test_a_thematic_area_without_a_name_is_a_mistake_of_the_themes_file(tmp_path):
    folder = make_theme(tmp_path, "bad", 'item_themes:\n  - {}\n  - en: " "\n')
    with pytest.raises(ReportError) as caught:
        load_theme(folder)
    empty = "is empty: write a value, or delete the line"
    assert str(caught.value).splitlines() == [
        f"{folder / 'theme.yaml'}:4:5: item_themes[0]: {empty}",
        f"{folder / 'theme.yaml'}:5:5: item_themes[1].en: {empty}",
    ]


def test_a_forum_without_latin_letters_for_the_ids_is_warned_to_write_its_short_name(
    write_report,
):
    text = SESSION_REPORT.format(item="        - T.", theme="gfmd").replace(
        "short_name: GFMD", "short_name: ГФМР"
    )
    path = write_report(text)
    validation = validate_file(path)
    column = text.splitlines()[2].index("short_name") + 1
    assert validation.report is not None  # a warning: the report stays valid
    assert [str(problem).removeprefix(f"{path}:") for problem in validation.problems] == [
        f"3:{column}: warning: forum.short_name: has no letter A–Z or digit for the ids of the "
        "report's conclusions and recommendations, which begin with the year alone: write the "
        "forum's short_name in Latin letters, as GFMD"
    ]
    assert [r.id for r in report_items(validation.report, "x")][:1] == ["2014-RT3.2-C01"]


def test_a_gcm_objective_or_sdg_target_listed_twice_is_refused(write_report):
    item = (
        "        - text: T.\n"
        '          tags: {gcm_objectives: [6, 22, 6], sdg_targets: ["10.7", "8.8", "10.07"]}'
    )
    line = item.splitlines()[1]
    gcm, sdg = (line.index(name) + 1 for name in ("gcm_objectives", "sdg_targets"))
    assert _problems(write_report, item) == [
        f"19:{gcm}: sessions[0].recommendations.items[1].tags.gcm_objectives: lists 6 twice: "
        "list each once",
        f"19:{sdg}: sessions[0].recommendations.items[1].tags.sdg_targets: lists 10.7 twice: "
        "list each once",
    ]
