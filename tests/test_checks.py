"""Rules across fields: session numbering, footnotes, honorifics, countries, report kinds."""

from __future__ import annotations

import copy

import pytest

from gfmd_reports import Report
from gfmd_reports.checks import check_report

BASE = {
    "kind": "oral",
    "forum": {"name": "GFMD", "year": 2014},
    "roundtable": {"number": 3},
    "sessions": [
        {"number": "3.1", "title": "One", "co_chairs": [{"country": "Ecuador"}]},
        {"number": "3.2", "title": "Two", "co_chairs": [{"country": "Greece"}]},
    ],
}


def _findings(**changes):
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return [(f.severity, f.path, f.message) for f in check_report(Report.model_validate(data))]


def test_a_consistent_report_has_no_findings():
    assert _findings() == []


def test_a_session_of_another_roundtable_is_an_error():
    assert _findings(sessions__1__number="2.2") == [
        (
            "error",
            ("sessions", 1, "number"),
            "“2.2” belongs to Round Table 2, but this report is on Round Table 3: "
            'number the session "3.2"',
        )
    ]


def test_a_session_number_used_twice_is_an_error_at_the_second():
    assert _findings(sessions__1__number="3.1") == [
        (
            "error",
            ("sessions", 1, "number"),
            "“3.1” is also the number of sessions[0]: give each session its own number",
        )
    ]


def test_sessions_out_of_order_are_a_warning():
    findings = _findings(sessions__0__number="3.2", sessions__1__number="3.1")
    assert findings == [
        (
            "warning",
            ("sessions", 1, "number"),
            "“3.1” comes after a later-numbered session: sessions are reported in the order "
            "listed, so check the order",
        )
    ]


def test_session_numbers_compare_as_numbers_not_text():
    assert _findings(sessions__0__number="3.9", sessions__1__number="3.10") == []


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        (
            "general",
            "salutation",
            "Thank you Chair.",
            "only oral reports show it, and this report is general: delete it, or change kind: "
            "to oral",
        ),
        (
            "oral",
            "introduction",
            ["I will attempt to summarize."],
            "only general and session reports show it, and this report is oral: delete it, or "
            "change kind: to general",
        ),
        (
            "session",
            "overall_conclusions",
            {"items": ["Migrants are partners."]},
            "only general reports show it, and this report is session: delete it, or change "
            "kind: to general",
        ),
        (
            "oral",
            "subtitle_footnote",
            "Preliminary.",
            "an oral report prints a subtitle, and so its footnote, only when given one: add "
            "subtitle:, or delete the footnote",
        ),
    ],
)
def test_a_field_the_kind_does_not_show_is_a_warning(kind, field, value, message):
    changes = {"kind": kind, field: value}
    if kind != "oral":
        changes["rapporteur"] = {"name": "Jorge Lomónaco"}
    if kind == "session":
        changes["sessions"] = BASE["sessions"][:1]
    assert _findings(**changes) == [("warning", (field,), message)]


def test_an_oral_report_with_a_subtitle_prints_its_footnote_without_warning():
    assert _findings(subtitle="Report to the plenary", subtitle_footnote="Preliminary.") == []


def test_an_undefined_footnote_is_an_error_where_it_is_referred_to():
    findings = _findings(
        sessions__0__narrative=["A first point.[^1]", "A second point.[^2]"],
        footnotes={"1": "The first note."},
    )
    assert findings == [
        (
            "error",
            ("sessions", 0, "narrative", 1),
            "refers to footnote [^2], which footnotes: does not define (defined: [^1]): "
            "add it there, or correct the reference",
        )
    ]


def test_an_unused_footnote_is_a_warning():
    assert _findings(footnotes={"note": "Never cited."}) == [
        (
            "warning",
            ("footnotes", "note"),
            "no text refers to it: add [^note] where the note belongs, or delete it",
        )
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sessions__0__co_chairs", [{"honorific": "Dr.[^note]", "name": "Ana Pérez"}]),
        ("sessions__0__co_chairs", [{"name": "Ana [^note] Pérez"}]),
        ("forum__chairs", ["=Sweden[^note]"]),
        ("forum__venue", "Quito[^note]"),
    ],
)
def test_names_are_printed_as_written_so_they_cite_no_footnote(field, value):
    """A name's [^note] is printed as it stands: it neither uses a note nor needs one."""
    assert _findings(**{field: value}, footnotes={"note": "Never cited."}) == [
        (
            "warning",
            ("footnotes", "note"),
            "no text refers to it: add [^note] where the note belongs, or delete it",
        )
    ]
    assert _findings(**{field: value}) == []


def test_a_footnote_cannot_have_a_footnote():
    findings = _findings(closing=["Thanks.[^a]"], footnotes={"a": "See also [^b].", "b": "Nested."})
    assert findings == [
        (
            "error",
            ("footnotes", "a"),
            "refers to footnote [^b], but a footnote cannot have footnotes: "
            "write the text into this footnote instead",
        ),
        (
            "warning",
            ("footnotes", "b"),
            "no text refers to it: add [^b] where the note belongs, or delete it",
        ),
    ]


def test_the_subtitle_footnote_cannot_have_a_footnote_either():
    findings = _findings(
        kind="general",
        rapporteur={"name": "Jorge Lomónaco"},
        subtitle_footnote="Preliminary.[^a]",
        footnotes={"a": "Nested."},
    )
    assert findings == [
        (
            "error",
            ("subtitle_footnote",),
            "refers to footnote [^a], but a footnote cannot have footnotes: "
            "write the text into this footnote instead",
        ),
        (
            "warning",
            ("footnotes", "a"),
            "no text refers to it: add [^a] where the note belongs, or delete it",
        ),
    ]


def test_an_escaped_footnote_marker_is_text_not_a_reference():
    assert _findings(closing=[r"Literally \[^1]."]) == []


def _with_honorifics(*honorifics):
    return _findings(
        sessions__0__panel=[
            {"honorific": honorific, "name": f"Person {index}"}
            for index, honorific in enumerate(honorifics)
        ]
    )


def test_one_honorific_spelt_two_ways_is_a_warning():
    assert _with_honorifics("H. E. Mr.", "Ms.", "H.E.") == [
        (
            "warning",
            ("sessions", 0, "panel", 2, "honorific"),
            "writes “H.E.”, but sessions[0].panel[0].honorific writes “H. E.”: "
            "spell each honorific the same way throughout",
        )
    ]


def test_an_abbreviation_without_its_full_stop_is_a_warning():
    assert _with_honorifics("Mr.", "Mr") == [
        (
            "warning",
            ("sessions", 0, "panel", 1, "honorific"),
            "writes “Mr”, but sessions[0].panel[0].honorific writes “Mr.”: "
            "spell each honorific the same way throughout",
        )
    ]


@pytest.mark.parametrize(
    "honorifics",
    [
        ("H.E. Mr.", "H.E. Ms.", "H.E."),
        ("Ambassador", "Mrs.", "Ms.", "Mr."),
        ("Dr.", "Prof. Dr."),
    ],
)
def test_consistent_or_different_honorifics_are_fine(honorifics):
    assert _with_honorifics(*honorifics) == []


@pytest.mark.parametrize(
    "country",
    [
        "Ecuador",
        "ecuador",
        "NOR",
        "MD",
        "Republic of Korea",
        "the Republic of Korea",
        "Korea, Republic of",
        "Suisse",
        "la Suisse",
        "Países Bajos",
        "les Pays-Bas",
        "the Netherlands",
        "Netherlands (Kingdom of the)",
        "Côte d'Ivoire",
        "Cote d’Ivoire",
        "Democratic Republic of the Congo",
        "Viet Nam",
        "Vietnam",
        "United States of America",
        "UK",
        "Türkiye",
        "United Arab Emirates",
        "Bolivie",
        "=Atlantis",
    ],
)
def test_states_by_code_or_un_name_in_any_language_are_accepted(country):
    assert _findings(sessions__0__co_chairs=[{"country": country}]) == []


@pytest.mark.parametrize(
    ("country", "language", "meant"),
    [
        ("Ecuadr", "en", "Ecuador” (ECU)"),
        ("Phillipines", "en", "the Philippines” (PHL)"),
        ("Turkey", "en", "Türkiye” (TUR)"),
        ("South Korea", "en", "the Republic of Korea” (KOR)"),
        ("Laos", "en", "the Lao People’s Democratic Republic” (LAO)"),
        ("Suise", "fr", "la Suisse” (CHE)"),
        ("Holland", "es", "los Países Bajos” (NLD)"),
    ],
)
def test_an_unknown_state_is_a_warning_with_the_un_short_name(country, language, meant):
    findings = _findings(
        language=language, sessions__1__panel=[{"name": "A. Person", "country": country}]
    )
    assert findings == [
        (
            "warning",
            ("sessions", 1, "panel", 0, "country"),
            f"“{country}” is neither the UN short name nor the ISO code of a State: did you "
            f"mean “{meant}? To print it as written instead, write “={country}”",
        )
    ]


def test_a_name_that_is_no_state_says_how_to_keep_it():
    assert _findings(sessions__0__co_chairs=[{"country": "Atlantis"}]) == [
        (
            "warning",
            ("sessions", 0, "co_chairs", 0, "country"),
            "“Atlantis” is neither the UN short name nor the ISO code of a State: check the "
            "spelling, or write “=Atlantis” to print it as written",
        )
    ]


@pytest.mark.parametrize(
    ("chairs", "expected"),
    [
        (["Sweden", "MAR", "la Suisse"], []),
        (["IOM", "the OECD", "l’OIT", "=Sweden"], []),  # organisations, a name as written
        (
            ["Swedn"],
            [
                (
                    "warning",
                    ("forum", "chairs", 0),
                    "“Swedn” is neither the UN short name nor the ISO code of a State: did you "
                    "mean “Sweden” (SWE)? To print it as written instead, write “=Swedn”",
                )
            ],
        ),
    ],
)
def test_chairs_are_states_or_organisations(chairs, expected):
    assert _findings(forum__chairs=chairs) == expected


def test_a_general_reports_own_title_warns_that_the_roundtables_is_not_printed():
    findings = _findings(
        kind="general",
        rapporteur={"name": "Jorge Lomónaco"},
        title="Summary of Round Table 3",
        roundtable={"number": 3, "title": "Migration as an enabler"},
    )
    assert findings == [
        (
            "warning",
            ("roundtable", "title"),
            "is not printed: the report's own title: replaces the heading that names the "
            "roundtable; write the roundtable's title into title:, or delete title:",
        )
    ]


_QUOTED_TITLE = (
    "is written in quotation marks, which the report adds itself around a title: write the "
    "title without quotation marks"
)


@pytest.mark.parametrize(
    "title",
    ['"Decent work"', "“Decent work”", "« Decent work »", "„Decent work“", ' *"Decent work"* '],
)
def test_a_title_in_quotation_marks_is_a_warning_with_its_fix(title):
    """The templates print a session's title in quotation marks: these would print twice."""
    assert _findings(sessions__0__title=title) == [
        ("warning", ("sessions", 0, "title"), _QUOTED_TITLE)
    ]


def test_a_papers_roundtables_or_quotations_marks_are_a_warning_too():
    findings = _findings(
        kind="general",
        rapporteur={"name": "Jorge Lomónaco"},
        roundtable={"number": 3, "title": "“Migration as an enabler”"},
        sessions__0__background_paper={
            "title": '"Public services"',
            "prepared_by": "UNDP",
            "topics": ["Access"],
        },
        quote={"attribution": "a migrant", "text": '"We are here."'},
    )
    assert findings == [
        ("warning", ("roundtable", "title"), _QUOTED_TITLE),
        ("warning", ("sessions", 0, "background_paper", "title"), _QUOTED_TITLE),
        (
            "warning",
            ("quote", "text"),
            "is written in quotation marks, which the report adds itself around a quotation: "
            "write the quotation without quotation marks",
        ),
    ]


@pytest.mark.parametrize(
    "title",
    [
        '"Safe" and "regular" migration',  # quotations within, not around it
        "The “new” deal",
        "Migrants’ rights",
        "'Tis the season'",
        '"',
    ],
)
def test_a_title_with_quotation_marks_within_is_fine(title):
    assert _findings(sessions__0__title=title) == []


def test_quotation_marks_in_a_title_the_report_does_not_print_are_fine():
    """An oral report names no roundtable title."""
    assert _findings(roundtable={"number": 3, "title": '"Migration"'}) == []
