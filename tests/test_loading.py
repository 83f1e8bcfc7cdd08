"""Reading report files: every mistake is reported with file, line, column, field and a fix."""

from __future__ import annotations

import copy
import json
import re

import pytest
from conftest import EXAMPLES, MINIMAL_REPORT, ORAL_EXAMPLE, ROOT

from gfmd_reports import ReportFileError, load_report, validate_file, validate_text
from gfmd_reports.i18n import speaking
from gfmd_reports.loading import validate_data


def _edit(old: str, new: str) -> str:
    assert old in MINIMAL_REPORT
    return MINIMAL_REPORT.replace(old, new, 1)


BROKEN_REPORTS = [
    pytest.param(
        _edit(
            "    co_chairs:\n      - country: Ecuador\n      - country: Greece\n",
            "    co_chairs: []\n",
        ),
        ["10:5: sessions[0].co_chairs: is empty: at least one co-chair is required"],
        id="no co-chairs",
    ),
    pytest.param(
        _edit("    co_chairs:", "    cochairs:"),
        [
            "8:5: sessions[0].co_chairs: is required: add it "
            "(the co-chairs: people, or countries or organisations on their own)",
            "10:5: sessions[0].cochairs: is not a field here: did you mean co_chairs?",
        ],
        id="misspelt field",
    ),
    pytest.param(
        _edit('number: "1.2"', "number: 1.2"),
        [
            '8:5: sessions[0].number: put the session number in quotes, as in number: "3.10": '
            "without quotes YAML reads a number, and 3.10 would become 3.1"
        ],
        id="unquoted session number",
    ),
    pytest.param(
        _edit('number: "1.2"', 'number: "1-2"'),
        [
            "8:5: sessions[0].number: should be the roundtable number, a dot and the session "
            'number, in quotes: "3.1"'
        ],
        id="malformed session number",
    ),
    pytest.param(
        _edit("kind: oral", "kind: speech"),
        ["1:1: kind: should be one of 'oral', 'session' or 'general', not “speech”"],
        id="unknown kind",
    ),
    pytest.param(
        _edit("year: 2019", "year: twenty nineteen"),
        ["4:3: forum.year: should be a whole number, such as 2019, not “twenty nineteen”"],
        id="year in words",
    ),
    pytest.param(
        _edit("  year: 2019\n", ""),
        [
            "2:1: forum.year: is required: add it "
            "(the year the forum is known by, as in “GFMD 2019”)"
        ],
        id="missing year",
    ),
    pytest.param(
        _edit("title: Migrants engagement with public services", 'title: ""'),
        ["9:5: sessions[0].title: is empty: write the text, or delete the field if it is optional"],
        id="empty title",
    ),
    pytest.param(
        _edit("title: Migrants engagement with public services", "title:"),
        ["9:5: sessions[0].title: is empty: write a value, or delete the field if it is optional"],
        id="title left blank",
    ),
    pytest.param(
        _edit("      - country: Greece\n", "      - country: Greece\n      -\n"),
        [
            "13:8: sessions[0].co_chairs[2]: is empty: write a value, or delete the field "
            "if it is optional"
        ],
        id="empty list item",
    ),
    pytest.param(
        _edit("      - country: Greece", "      - honorific: H.E.\n        country: Greece"),
        [
            "12:9: sessions[0].co_chairs[1]: has an honorific or position but no name: "
            "add the person's name"
        ],
        id="honorific without a name",
    ),
    pytest.param(
        _edit("      - country: Greece", "      - position: Minister"),
        [
            "12:9: sessions[0].co_chairs[1]: has an honorific or position but no name: "
            "add the person's name"
        ],
        id="position without a name",
    ),
    pytest.param(
        _edit("      - country: Greece", '      - country: "Gre\\x07ece"'),
        [
            "12:9: sessions[0].co_chairs[1].country: contains the control character U+0007 at "
            "position 4, which cannot go into a Word document: delete it (such characters often "
            "come from copying out of a PDF)"
        ],
        id="control character",
    ),
    pytest.param(
        _edit("title: Migrants engagement with public services", "title: FILL IN"),
        [
            "9:5: sessions[0].title: still holds the placeholder “FILL IN”: replace it with your "
            "text, or delete the field if it is optional"
        ],
        id="placeholder left",
    ),
    pytest.param(
        _edit("  number: 1\n", "  number: FILL IN\n"),
        [
            "6:3: roundtable.number: still holds the placeholder “FILL IN”: replace it with your "
            "text, or delete the field if it is optional"
        ],
        id="placeholder in a number field",
    ),
    pytest.param(
        _edit(
            "  year: 2019\n", "  year: 2019\n  dates:\n    start: 2019-05-16\n    end: 2019-05-14\n"
        ),
        ["5:3: forum.dates: ends (2019-05-14) before it starts (2019-05-16): swap the two dates"],
        id="dates reversed",
    ),
    pytest.param(
        _edit("  year: 2019\n", "  year: 2019\n  dates:\n    start: 16 May 2019\n"),
        [
            "6:5: forum.dates.start: should be a date written YYYY-MM-DD, as 2014-05-14, "
            "not “16 May 2019”"
        ],
        id="date in words",
    ),
    pytest.param(
        _edit("kind: oral", "kind: oral\nlanguage: English"),
        ["2:1: language: should be a language code such as en, fr or es, not “English”"],
        id="language name instead of code",
    ),
    pytest.param(
        _edit(
            "    co_chairs:\n      - country: Ecuador\n      - country: Greece\n",
            "    co_chairs: Ecuador and Greece\n",
        ),
        [
            "10:5: sessions[0].co_chairs: should be a list, not “Ecuador and Greece”: "
            "start each item on its own line with “- ”"
        ],
        id="co-chairs as prose",
    ),
    pytest.param(
        _edit("  name: Global Forum on Migration and Development", "  name: 1234"),
        ["3:3: forum.name: should be text, not the number 1234: put it in quotes"],
        id="number for text",
    ),
    pytest.param(
        _edit(
            "  name: Global Forum on Migration and Development", "  name: |\n    Global\n    Forum"
        ),
        ["3:3: forum.name: must be on one line: join the lines or use a text field instead"],
        id="name on two lines",
    ),
    pytest.param(
        _edit("forum:\n", "forum: GFMD\nx:\n"),
        [
            "2:1: forum: should hold fields (name: value lines), not “GFMD”",
            "3:1: x: is not a field here; the fields here are $schema, kind, language, theme, "
            "forum, roundtable, rapporteur, title, subtitle, subtitle_footnote, salutation, "
            "introduction, sessions, overall_conclusions, closing, quote, footnotes",
        ],
        id="forum as text",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN_REPORTS)
def test_a_broken_report_gets_precise_messages(write_report, text, expected):
    path = write_report(text)
    validation = validate_file(path)
    assert validation.report is None
    assert [str(problem) for problem in validation.errors] == [
        f"{path}:{message}" for message in expected
    ]


def test_the_minimal_report_is_valid(write_report):
    validation = validate_file(write_report(MINIMAL_REPORT))
    assert validation.problems == ()
    assert validation.report is not None
    assert validation.report.sessions[0].co_chairs[1].country == "Greece"


BROKEN_FILES = [
    pytest.param(
        b"",
        "1:1: holds nothing, not a report: a report is a set of fields such as "
        "kind:, forum:, roundtable: and sessions: (`gfmd-reports new` writes a starter file)",
        id="empty file",
    ),
    pytest.param(
        b"- a\n- b\n",
        "1:1: holds a list, not a report: a report is a set of fields such "
        "as kind:, forum:, roundtable: and sessions: (`gfmd-reports new` writes a starter "
        "file)",
        id="a list",
    ),
    pytest.param(
        MINIMAL_REPORT.replace("  year: 2019", "\tyear: 2019").encode(),
        "4:1: found character '\\t' that cannot start any token: tabs cannot indent "
        "YAML: indent with spaces",
        id="tab indentation",
    ),
    pytest.param(
        MINIMAL_REPORT.replace("  year: 2019", "  year: 2019\n  year: 2020").encode(),
        '5:3: found duplicate key "year" with value "2020" (original value: "2019"): the '
        "same field appears twice in one place: keep only one of them",
        id="duplicate key",
    ),
    pytest.param(
        MINIMAL_REPORT.replace("title: Migrants", "title: Note: Migrants").encode(),
        "9:16: mapping values are not allowed here: a colon followed by a space inside a "
        "value: put the whole value in quotes",
        id="unquoted colon",
    ),
    pytest.param(
        MINIMAL_REPORT.replace("title: Migrants", 'title: "Migrants').encode(),
        "13:1: found unexpected end of stream: a quotation mark or bracket is not closed",
        id="unclosed quote",
    ),
    pytest.param(
        MINIMAL_REPORT.replace("Migrants", "Migrants caf\xe9").encode("latin-1"),
        "9:24: is not UTF-8 text (byte 0xE9 is not valid UTF-8 here): save it with "
        "the UTF-8 encoding",
        id="Latin-1 file",
    ),
    pytest.param(
        MINIMAL_REPORT.encode("utf-16"),
        "is saved as UTF-16: save it as UTF-8 instead",
        id="UTF-16 file",
    ),
    pytest.param(
        MINIMAL_REPORT.replace("Migrants", "Migrants\x07").encode(),
        "9:20: contains the control character U+0007, which a report cannot hold: delete "
        "it (such characters often come from copying out of a PDF)",
        id="raw control character",
    ),
    pytest.param(
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n".encode()
            for p, c in zip("abcde", "bcdef", strict=True)
        ),
        "expands to more than 100,000 values: if it uses YAML aliases (*name), write the repeated "
        "parts out instead",
        id="billion laughs",
    ),
    pytest.param(
        b"l0: &l0 {a: 1}\n"
        + b"".join(
            f"l{level}: &l{level} {{<<: [{', '.join([f'*l{level - 1}'] * 10)}]}}\n".encode()
            for level in range(1, 9)
        ),
        "expands to more than 100,000 values: if it uses YAML aliases (*name), write the repeated "
        "parts out instead",
        id="merge keys repeating content",
    ),
    pytest.param(
        MINIMAL_REPORT.replace("  year: 2019", "  year: 2019\n  <<: GFMD").encode(),
        "5:7: forum: a merge key (<<) takes a mapping or a list of mappings, as in <<: *defaults",
        id="merge key of a text",
    ),
]


@pytest.mark.parametrize(("data", "expected"), BROKEN_FILES)
def test_a_broken_file_gets_one_precise_message(tmp_path, data, expected):
    path = tmp_path / "report.yaml"
    path.write_bytes(data)
    validation = validate_file(path)
    assert validation.report is None
    separator = ":" if expected[0].isdigit() else ": "
    assert [str(problem) for problem in validation.problems] == [f"{path}{separator}{expected}"]


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "report.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_REPORT.encode())
    assert validate_file(path).problems == ()


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    missing = validate_file(tmp_path / "nope.yaml")
    assert [str(problem) for problem in missing.problems] == [
        f"{tmp_path / 'nope.yaml'}: no such file: check the name and the folder"
    ]
    folder = validate_file(tmp_path)
    assert [str(problem) for problem in folder.problems] == [
        f"{tmp_path}: is a folder, not a report file"
    ]


def test_json_reports_are_read_with_line_numbers():
    report = load_report(ORAL_EXAMPLE)
    data = report.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["$schema"] = "../schemas/report.schema.json"
    assert validate_text(json.dumps(data, indent="\t"), "x.json").report == report.model_copy(
        update={"schema_reference": "../schemas/report.schema.json"}
    )
    data["sessions"][0]["panel"][0]["name"] = ""
    lines = json.dumps(data, indent=2).splitlines()
    line, column = next(
        (number, text.index('"name"') + 1)
        for number, text in enumerate(lines, 1)
        if '"name": ""' in text
    )
    validation = validate_text("\n".join(lines), "x.json")
    assert [str(problem) for problem in validation.errors] == [
        f"x.json:{line}:{column}: sessions[0].panel[0].name: "
        "is empty: write the text, or delete the field if it is optional"
    ]


def test_a_lone_surrogate_from_json_is_refused():
    text = json.dumps({"kind": "oral", "salutation": "Thank you\ud800"})
    column = text.index('"salutation"') + 1
    validation = validate_text(text, "x.json")
    assert (
        f"x.json:1:{column}: salutation: contains half of a character pair (a lone surrogate), "
        "which no document can hold: retype the characters around it"
    ) in [str(problem) for problem in validation.errors]


def test_norway_stays_a_country_code_in_yaml_1_2(write_report):
    """YAML 1.1 would read NO as false; report files are YAML 1.2."""
    text = MINIMAL_REPORT.replace("      - country: Greece", "      - country: NO")
    report = load_report(write_report(text))
    assert report.sessions[0].co_chairs[1].country == "NO"


def test_load_report_raises_with_every_error(write_report):
    path = write_report(MINIMAL_REPORT.replace("kind: oral", "kind: x").replace("2019", "x"))
    with pytest.raises(ReportFileError) as caught:
        load_report(path)
    assert len(caught.value.problems) == 2
    assert str(caught.value).splitlines() == [str(problem) for problem in caught.value.problems]


def test_yaml_scalars_arrive_as_plain_values(write_report):
    """An anchored true is a truth value, not the number 1; 1_000 and 0x1F are numbers."""
    text = MINIMAL_REPORT.replace("  name: Global", "  edition: 0x0C\n  name: Global").replace(
        "  year: 2019", "  year: 2_019\n  chairs: [&yes true]"
    )
    validation = validate_file(write_report(text))
    assert [problem.message for problem in validation.errors] == [
        "should be text, not the truth value true: put it in quotes"
    ]
    fixed = text.replace("&yes true", "Ecuador")
    forum = load_report(write_report(fixed)).forum
    assert (forum.edition, forum.year, forum.chairs) == (12, 2019, ["Ecuador"])


def test_merge_keys_fill_in_what_a_mapping_does_not_write_out(write_report):
    """`<<: *anchor` takes the anchored fields a mapping lacks; it used to crash validation."""
    text = MINIMAL_REPORT.replace(
        "      - country: Ecuador\n      - country: Greece\n",
        "      - &ecuador {country: Ecuador, honorific: Ms., name: Ana Pérez}\n"
        "      - <<: *ecuador\n        name: Eva Díaz\n",
    )
    validation = validate_file(write_report(text))
    co_chairs = validation.report.sessions[0].co_chairs
    assert [(person.name, person.country) for person in co_chairs] == [
        ("Ana Pérez", "Ecuador"),
        ("Eva Díaz", "Ecuador"),
    ]
    assert validation.positions[("sessions", 0, "co_chairs", 1, "name")] == (13, 9)


def test_a_list_as_a_field_name_is_refused_where_it_stands(write_report):
    path = write_report(MINIMAL_REPORT.replace("roundtable:", "? [round, table]\n:"))
    assert [str(problem) for problem in validate_file(path).errors] == [
        f"{path}:5:3: the report: a field name is a list or mapping: field names are words, "
        "followed by a colon"
    ]


@pytest.mark.parametrize(
    "file",
    [*sorted(EXAMPLES.glob("*.*")), *sorted(ROOT.glob("templates/*/theme.yaml"))],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_libyaml_and_the_pure_parser_read_a_file_alike(monkeypatch, file):
    """Files are read by libyaml when it is installed, and explained by the pure parser when
    libyaml refuses them: both must give the same values at the same places."""
    from gfmd_reports import loading

    assert loading.CParser is not None, "ruamel.yaml.clib, a dependency, is not installed"
    text = file.read_text(encoding="utf-8")
    with_libyaml = loading.parse_yaml(text)
    monkeypatch.setattr(loading, "CParser", None)  # as on a machine without ruamel.yaml.clib
    assert loading.parse_yaml(text) == with_libyaml


def test_a_file_beyond_the_size_bound_is_refused_before_reading(tmp_path):
    from gfmd_reports.loading import MAX_FILE_BYTES

    path = tmp_path / "huge.yaml"
    path.write_text(MINIMAL_REPORT + "closing:\n" + "  - words words words\n" * 500_000)
    size = path.stat().st_size
    assert size > 5 * MAX_FILE_BYTES
    validation = validate_file(path)
    assert [str(problem) for problem in validation.problems] == [
        f"{path}: is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a report file may have: "
        "check that it is the right file"
    ]
    assert validation.report is None


def test_kind_written_is_read_as_general_with_a_warning_that_says_what_to_write(write_report):
    path = write_report(
        _edit("kind: oral", "kind: written")
        + "rapporteur:\n  name: Jorge Lomónaco\n"
        + "  # the forum's chair, as earlier versions wrote it\n"
    )
    validation = validate_file(path)
    assert validation.report is not None
    assert validation.report.kind == "general"
    assert [str(problem) for problem in validation.problems] == [
        f"{path}:1:1: warning: kind: “written” is the old name of “general”: write kind: general "
        "(or kind: session for a report on one session); the report is read as a general "
        "report meanwhile"
    ]


def test_forum_chair_is_read_as_the_list_of_chairs_with_a_warning(write_report):
    path = write_report(_edit("  year: 2019\n", "  year: 2019\n  chair: Ecuador\n"))
    validation = validate_file(path)
    assert validation.report is not None
    assert validation.report.forum.chairs == ["Ecuador"]
    assert [str(problem) for problem in validation.problems] == [
        f"{path}:5:3: warning: forum.chair: is now written chairs:, a list, so that a "
        "co-chairmanship can be named: write chairs: [Ecuador], or a line “- Ecuador” under "
        "chairs: for each chair"
    ]


def test_a_session_report_covers_one_session(write_report):
    second = '  - number: "1.3"\n    title: Data\n    co_chairs:\n      - country: Chile\n'
    text = _edit("kind: oral", "kind: session") + "rapporteur:\n  name: Ana Ruiz\n"
    path = write_report(text.replace("sessions:\n", "sessions:\n" + second, 1))
    validation = validate_file(path)
    assert [str(problem) for problem in validation.errors] == [
        f"{path}:12:5: sessions[1]: a session report covers one session, and this one lists 2: "
        "write kind: general for a report on several sessions, or one report per session"
    ]


@pytest.mark.parametrize("kind", ["session", "general"])
def test_reports_read_on_paper_name_their_rapporteur(write_report, kind):
    path = write_report(_edit("kind: oral", f"kind: {kind}"))
    assert [str(problem) for problem in validate_file(path).errors] == [
        f"{path}:1:1: rapporteur: is required for a {kind} report, whose byline names the "
        "rapporteur: add rapporteur: with at least a name"
    ]


def test_an_empty_lead_in_asks_for_none_and_a_blank_one_is_the_same(write_report):
    findings = "    conclusions:\n      lead_in: {}\n      items: [Data matter.]\n"
    for written in ('""', '"   "'):
        path = write_report(MINIMAL_REPORT + findings.format(written))
        report = load_report(path)
        assert report.sessions[0].conclusions.lead_in == ""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "kind: oral",
            "kind: sesion",
            "1:1: kind: should be one of 'oral', 'session' or 'general', not “sesion”: "
            "did you mean session?",
        ),
        (
            "  year: 2019\n",
            "  year: 2019\n  edition: ninth\n",
            "5:3: forum.edition: should be a whole number, such as 7, not “ninth”",
        ),
        (
            "  year: 2019\n",
            "  year: 2019\n  edition: 0\n",
            "5:3: forum.edition: should be at least 1",
        ),
        (
            "      - country: Greece\n",
            "      - country: Greece\n    conclusions:\n      numbered: oui\n      items: [A.]\n",
            "14:7: sessions[0].conclusions.numbered: should be true or false, not “oui”",
        ),
    ],
)
def test_a_wrong_value_is_told_with_what_would_be_right(write_report, old, new, expected):
    path = write_report(_edit(old, new))
    assert [str(problem) for problem in validate_file(path).errors] == [f"{path}:{expected}"]


def test_an_empty_lead_in_is_no_lead_in_as_every_empty_field_prints_nothing(write_report):
    path = write_report(MINIMAL_REPORT + "    conclusions:\n      lead_in:\n      items: [A.]\n")
    assert load_report(path).sessions[0].conclusions.lead_in == ""


def _minimal_with(*changes: tuple[tuple, object]) -> dict:
    """The minimal report as data, with a value set (or, for ..., deleted) at each path."""
    data = copy.deepcopy(MINIMAL_DATA)
    for path, value in changes:
        *parents, last = path
        target = data
        for part in parents:
            target = target[part]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return data


MINIMAL_DATA = validate_text(MINIMAL_REPORT).report.model_dump(mode="json", exclude_none=True)
SESSION = ("sessions", 0)
EVERY_KIND_OF_ERROR = {
    "string_type": ((*SESSION, "title"), 12),
    "string_too_short": ((*SESSION, "title"), " "),
    "string_too_long": ((*SESSION, "title"), "x" * 20_001),
    "string_pattern_mismatch": (("language",), "english"),
    "theme_pattern": (("theme",), "My Theme"),
    "footnote_id": (("footnotes",), {"a b": "Note."}),
    "session_number": ((*SESSION, "number"), "one"),
    "string_unicode": ((*SESSION, "title"), "\ud800"),
    "int_parsing": (("forum", "year"), "20x9"),
    "int_type": (("forum", "year"), [2019]),
    "bool_type": (
        (*SESSION, "conclusions"),
        {"items": ["Words."], "numbered": [True]},
    ),
    "int_from_float": (("forum", "year"), 2019.5),
    "int_parsing_size": (("forum", "year"), "9" * 5000),
    "greater_than_equal": (("roundtable", "number"), 0),
    "less_than_equal": (("forum", "year"), 3000),
    "bool_parsing": (
        (*SESSION, "background_paper"),
        {"prepared_by": "UNDP", "topics": ["a"], "numbered": "maybe"},
    ),
    "list_type": ((*SESSION, "co_chairs"), "Ecuador"),
    "model_type": (("forum",), "GFMD"),
    "dict_type": (("footnotes",), ["a"]),
    "empty": (("forum", "name"), None),
    "missing": (("forum", "name"), ...),
    "extra_forbidden": (("forum", "colour"), "blue"),
    "literal_error": (("kind",), "orale"),
    "date_parsing": (("forum", "dates"), {"start": "yesterday"}),
    "impossible_day": (("forum", "dates"), {"start": "2014-02-30"}),
    "dates_reversed": (("forum", "dates"), {"start": "2014-05-16", "end": "2014-05-14"}),
    "too_short": ((*SESSION, "co_chairs"), []),
    "too_long": ((*SESSION, "narrative"), ["Words."] * 201),
    "forbidden_character": ((*SESSION, "title"), "a\x07b"),
    "placeholder": ((*SESSION, "title"), "FILL IN the title"),
    "multiple_lines": ((*SESSION, "co_chairs", 0, "country"), "Ecua\ndor"),
    "honorific_without_name": ((*SESSION, "co_chairs", 0, "honorific"), "Ms."),
    "nobody": ((*SESSION, "co_chairs", 0), {}),
    "session_of_another_roundtable": ((*SESSION, "number"), "2.1"),
    "unknown_state": ((*SESSION, "co_chairs", 0, "country"), "Swedn"),
    "rapporteur_required": (("kind",), "session"),
}
_ENGLISH = re.compile(r"\b(the|is|should|not|be|of|it|field|required|add|must|with|this|which)\b")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|'[^']*'|\"[^\"]*\"")


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("kind", EVERY_KIND_OF_ERROR)
def test_no_english_reaches_a_french_or_spanish_user(kind, language):
    """Pydantic's messages are English: every kind of error is said in our own words."""
    data = _minimal_with(EVERY_KIND_OF_ERROR[kind])
    english = validate_data(data).problems
    with speaking(language):
        said = validate_data(data).problems
    assert english
    assert [problem.field for problem in said] == [problem.field for problem in english]
    for problem, original in zip(said, english, strict=True):
        assert problem.message != original.message
        assert not _ENGLISH.findall(_QUOTED.sub("", problem.message)), problem.message


@pytest.mark.parametrize(
    ("change", "french", "spanish"),
    [
        (
            ((*SESSION, "co_chairs"), []),
            "est vide\u00a0: il faut au moins un coprésident",
            "está vacío: se necesita al menos un copresidente",
        ),
        (
            (("kind",), "orale"),
            "doit être l’une des valeurs 'oral', 'session' ou 'general', et non "
            "«\u00a0orale\u00a0»\u00a0: vouliez-vous dire oral\u202f?",
            "debe ser uno de los valores 'oral', 'session' o 'general', no “orale”: "
            "¿quería decir oral?",
        ),
        (
            (("forum", "dates"), {"start": "2014-02-30"}),
            "«\u00a02014-02-30\u00a0» n’est pas un jour du calendrier (février 2014 compte "
            "28 jours)\u00a0: vérifiez la date",
            "“2014-02-30” no es un día del calendario (febrero de 2014 tiene 28 días): "
            "compruebe la fecha",
        ),
        (
            ((*SESSION, "co_chairs", 0, "country"), "Swedn"),
            "«\u00a0Swedn\u00a0» n’est ni le nom court de l’ONU ni le code ISO d’un État\u00a0: "
            "vouliez-vous dire «\u00a0Sweden\u00a0» (SWE)\u202f? Pour l’imprimer plutôt tel quel, "
            "écrivez «\u00a0=Swedn\u00a0»",
            "“Swedn” no es ni el nombre corto de las Naciones Unidas ni el código ISO de un "
            "Estado: ¿quería decir “Sweden” (SWE)? Para imprimirlo tal cual, escriba “=Swedn”",
        ),
        (
            ((*SESSION, "narrative"), ["Words."] * 1201),
            "compte 1\u202f201 éléments\u202f; un rapport peut en compter au plus 200\u00a0: "
            "vérifiez que le fichier contient un seul rapport",
            "tiene 1.201 elementos; un informe puede tener como máximo 200: compruebe que el "
            "archivo contiene un solo informe",
        ),
    ],
)
def test_problems_are_said_in_the_users_language(change, french, spanish):
    data = _minimal_with(change)
    with speaking("fr"):
        assert [problem.message for problem in validate_data(data).problems] == [french]
    with speaking("es"):
        assert [problem.message for problem in validate_data(data).problems] == [spanish]


def test_a_problem_names_its_place_in_the_users_language():
    data = _minimal_with(((*SESSION, "co_chairs", 1, "country"), "Swedn"))
    with speaking("es"):
        [problem] = validate_data(data).problems
        assert str(problem).startswith("<input>: advertencia: sessions[0].co_chairs[1].country: ")
    assert (problem.field, problem.place) == (
        "sessions[0].co_chairs[1].country",
        "Sesión 1.2 › Copresidente 2 › País",
    )
