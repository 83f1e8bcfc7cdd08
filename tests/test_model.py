"""Field rules of the content model, independent of files."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gfmd_reports import DiscussionPoint, Participant, Report

REPORT = {
    "kind": "oral",
    "forum": {"name": "GFMD", "year": 2019},
    "roundtable": {"number": 1},
    "sessions": [{"number": "1.2", "title": "Services", "co_chairs": [{"country": "Ecuador"}]}],
}

# Every character that XML 1.0, and so Word, refuses; tab, line feed and carriage return pass.
FORBIDDEN = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]


@pytest.mark.parametrize("code", FORBIDDEN, ids=[f"U+{code:04X}" for code in FORBIDDEN])
def test_characters_word_cannot_hold_are_refused_with_the_field_named(code):
    data = {**REPORT, "closing": ["fine", f"Thank{chr(code)} you."]}
    with pytest.raises(ValidationError) as caught:
        Report.model_validate(data)
    (error,) = caught.value.errors()
    assert error["loc"] == ("closing", 1)
    assert error["msg"].startswith(f"contains the control character U+{code:04X} at position 6,")


@pytest.mark.parametrize("character", ["\t", "\n", "\r", "é", "ก", "中", "ع", "Ж", "\u00a0"])
def test_ordinary_characters_pass(character):
    report = Report.model_validate({**REPORT, "closing": [f"Thank{character}you."]})
    assert report.closing == [f"Thank{character}you."]


def test_text_is_trimmed_but_inner_spacing_is_kept():
    report = Report.model_validate({**REPORT, "closing": ["  Two  spaces.\n"]})
    assert report.closing == ["Two  spaces."]


LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (f"{RLO}H.E.", f"{RLO}H.E.{PDF}"),  # closed at the end of its field
        (f"{RLE}a{LRO}b", f"{RLE}a{LRO}b{PDF}{PDF}"),  # innermost first
        (f"{RLI}a{LRE}b", f"{RLI}a{LRE}b{PDF}{PDI}"),
        (f"{RLI}a{LRE}b{PDI}c", f"{RLI}a{LRE}b{PDI}c"),  # a PDI closes what its isolate holds
        (f"{LRE}a{RLI}b{PDF}c", f"{LRE}a{RLI}b{PDF}c{PDI}{PDF}"),  # a PDF cannot leave an isolate
        (f"{FSI}a{PDI}{PDF}b", f"{FSI}a{PDI}{PDF}b"),  # closers without an opener change nothing
        (f"{RLE}ع{PDF} and {LRI}x{PDI}", f"{RLE}ع{PDF} and {LRI}x{PDI}"),
    ],
)
def test_direction_controls_left_open_are_closed_at_the_end_of_their_field(written, kept):
    """Found by the property tests: an override left open in an honorific reversed the rest
    of the paragraph, the co-chairs' names included, in every format."""
    report = Report.model_validate({**REPORT, "closing": [written]})
    assert report.closing == [kept]


def test_a_discussion_point_may_be_plain_text():
    assert DiscussionPoint.model_validate("A point.") == DiscussionPoint(text="A point.")


@pytest.mark.parametrize(
    "participant",
    [{"country": "Greece"}, {"organisation": "UNDP"}, {"name": "Asako OKAI", "honorific": "Ms."}],
)
def test_a_participant_is_a_person_a_country_or_an_organisation(participant):
    assert Participant.model_validate(participant).model_dump(exclude_none=True) == participant


def test_a_participant_must_name_someone():
    with pytest.raises(ValidationError, match="names nobody: give a name, a country or an"):
        Participant.model_validate({})


def test_the_model_is_immutable():
    report = Report.model_validate(REPORT)
    with pytest.raises(ValidationError):
        report.kind = "written"


def test_text_values_skip_codes_but_not_a_points_theme():
    from gfmd_reports.model import text_values

    session = {**REPORT["sessions"][0], "discussion": {"points": [{"theme": "data", "text": "T."}]}}
    report = Report.model_validate(
        {**REPORT, "theme": "gfmd", "language": "en", "sessions": [session]}
    )
    paths = [path for path, _ in text_values(report)]
    assert ("sessions", 0, "discussion", "points", 0, "theme") in paths
    assert ("sessions", 0, "number") not in paths
    assert not [path for path in paths if path[0] in {"theme", "language", "kind"}]
