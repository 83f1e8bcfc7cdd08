"""Sketches: an incomplete draft previewed as far as it is written, its gaps marked."""

from __future__ import annotations

import copy
import re

import pytest

from gfmd_reports.formats import render
from gfmd_reports.i18n import speaking
from gfmd_reports.sketch import item_ids, mark_gaps, sketch_report

EMPTY_ORAL = {"kind": "oral", "forum": {}, "roundtable": {}, "sessions": [{}]}


def _marks(data: dict) -> list[str]:
    sketch = sketch_report(data)
    assert sketch is not None
    page = mark_gaps(render(sketch.report, "html").decode(), sketch.gaps)
    return re.findall(r'<mark class="gap">(.*?)</mark>', page)


def test_a_new_oral_draft_shows_each_missing_part_marked_where_it_goes():
    marks = _marks(EMPTY_ORAL)
    assert "[Missing: Session 1 › Title]" in marks
    assert "[Missing: Session 1 › Co-chair 1 › Name]" in marks
    assert "[Missing: Forum › Name of the forum]" in marks


def test_what_is_written_is_shown_and_only_the_gaps_are_marked():
    data = {
        "kind": "oral",
        "forum": {"name": "Global Forum on Migration and Development", "year": 2019},
        "roundtable": {"number": 1},
        "sessions": [{"number": "1.2", "co_chairs": [{"country": "Ecuador"}]}],
    }
    sketch = sketch_report(data)
    assert sketch is not None
    page = mark_gaps(render(sketch.report, "html").decode(), sketch.gaps)
    assert "Roundtable Session 1.2" in page
    assert "co-chaired by Ecuador" in page
    assert re.findall(r'<mark class="gap">(.*?)</mark>', page) == ["[Missing: Session 1.2 › Title]"]
    assert data["sessions"][0] == {"number": "1.2", "co_chairs": [{"country": "Ecuador"}]}


def test_the_gaps_are_named_in_the_interface_language():
    with speaking("fr"):
        french = _marks(EMPTY_ORAL)
    with speaking("es"):
        spanish = _marks(EMPTY_ORAL)
    assert "[À compléter\u00a0: Séance 1 › Coprésident 1 › Nom]" in french
    assert "[Falta: Sesión 1 › Copresidente 1 › Nombre]" in spanish


def test_values_not_valid_yet_are_gaps_or_left_out():
    data = {
        **EMPTY_ORAL,
        "forum": {"name": "GFMD", "year": "twenty", "dates": {"start": "2019-02-30"}},
        "sessions": [{"number": "1.2", "title": "T", "narrative": ["FILL IN"], "stray": 1}],
    }
    sketch = sketch_report(data)
    assert sketch is not None
    assert sketch.report.forum.dates is None  # no date stands for a day that does not exist
    assert set(sketch.gaps.values()) >= {
        "[Missing: Forum › Year]",
        "[Missing: Session 1.2 › Narrative › Paragraph 1]",
    }


def test_a_written_report_gets_a_byline_and_every_note_it_cites():
    data = {
        "kind": "general",
        "forum": {"name": "GFMD", "year": 2014},
        "roundtable": {"number": 3},
        "sessions": [{"number": "3.1", "title": "T", "co_chairs": [{"country": "MEX"}]}],
        "introduction": ["As agreed.[^later]"],
    }
    marks = _marks(data)
    assert "[Missing: Rapporteur › Name]" in marks
    assert "[Missing: Footnote “later” › Text]" in marks


def test_a_gap_in_the_pages_title_or_an_attribute_is_plain_text():
    page = (
        '<html><head><title>gfmdgap0x – 2200</title></head><body lang="gfmdgap0x">gfmdgap0x.</body>'
    )
    gaps = {"gfmdgap0x": "[Missing: Forum › Name]", "2200": "[Missing: Forum › Year]"}
    assert mark_gaps(page, gaps) == (
        "<html><head><title>[Missing: Forum › Name] – [Missing: Forum › Year]</title></head>"
        '<body lang="[Missing: Forum › Name]"><mark class="gap">[Missing: Forum › Name]</mark>'
        ".</body>"
    )


def test_a_number_standing_for_a_gap_is_marked_only_as_a_whole_number():
    gaps = {"90909": "[Missing: Roundtable › Number]", "90909.90909": "[Missing: Session 1]"}
    assert mark_gaps("<body>909090 90909.90909 90909.", gaps) == (
        '<body>909090 <mark class="gap">[Missing: Session 1]</mark> '
        '<mark class="gap">[Missing: Roundtable › Number]</mark>.'
    )


TOO_LONG = {**EMPTY_ORAL, "closing": ["x" * 20_000] * 30}
"""More text than a report may hold: no placeholder shortens it."""


@pytest.mark.parametrize("data", [None, ["a list"], TOO_LONG], ids=["nothing", "list", "too long"])
def test_what_no_filling_makes_a_report_has_no_sketch(data):
    assert sketch_report(data) is None


GENERAL_WITH_FINDINGS = {
    "kind": "general",
    "forum": {"name": "Global Forum on Migration and Development", "year": 2014},
    "roundtable": {"number": 3},
    "rapporteur": {"name": "Jorge Lomónaco"},
    "sessions": [
        {
            "number": "3.2",
            "title": "Skills",
            "co_chairs": [{"country": "Ecuador"}],
            "conclusions": {"items": ["First."]},
            "recommendations": {"items": ["One.", "Two.", {"text": "Three.", "id": "OWN-7"}]},
        }
    ],
    "overall_conclusions": {"items": ["Across sessions."]},
}


def test_a_draft_that_is_a_report_has_every_findings_id():
    ids = item_ids(GENERAL_WITH_FINDINGS, None)
    assert ids == {
        ("sessions", 0, "conclusions", "items", 0): "GFMD2014-RT3.2-C01",
        ("sessions", 0, "recommendations", "items", 0): "GFMD2014-RT3.2-R01",
        ("sessions", 0, "recommendations", "items", 1): "GFMD2014-RT3.2-R02",
        ("sessions", 0, "recommendations", "items", 2): "OWN-7",
        ("overall_conclusions", "items", 0): "GFMD2014-RT3-O01",
    }


@pytest.mark.parametrize(
    ("missing", "known"),
    [
        # Without the year no id made from it is known, but an item's own id is.
        (("forum", "year"), {("sessions", 0, "recommendations", "items", 2): "OWN-7"}),
        (("forum", "name"), {("sessions", 0, "recommendations", "items", 2): "OWN-7"}),
        # The session's number makes its items' ids, the roundtable's the overall conclusions'.
        (
            ("sessions", 0, "number"),
            {
                ("sessions", 0, "recommendations", "items", 2): "OWN-7",
                ("overall_conclusions", "items", 0): "GFMD2014-RT3-O01",
            },
        ),
        (
            ("roundtable", "number"),
            {
                ("sessions", 0, "conclusions", "items", 0): "GFMD2014-RT3.2-C01",
                ("sessions", 0, "recommendations", "items", 0): "GFMD2014-RT3.2-R01",
                ("sessions", 0, "recommendations", "items", 1): "GFMD2014-RT3.2-R02",
                ("sessions", 0, "recommendations", "items", 2): "OWN-7",
            },
        ),
    ],
)
def test_an_id_made_from_a_gap_is_not_given_until_the_gap_is_filled(missing, known):
    data = copy.deepcopy(GENERAL_WITH_FINDINGS)
    *parents, key = missing
    container = data
    for step in parents:
        container = container[step]
    del container[key]
    assert item_ids(data, None) == known


def test_an_item_or_point_written_as_fields_without_its_text_yet_shows_the_text_missing():
    """A recommendation given its tags before its words, or a point its subject, is previewed
    with the rest of the draft, its text marked."""
    session = {
        "number": "1.2",
        "title": "T",
        "co_chairs": [{"country": "Ecuador"}],
        "discussion": {"points": [{"theme": "policy formulation"}]},
        "recommendations": {
            "numbered": True,
            "items": ["Written.", {"id": "R-9", "tags": {"gcm_objectives": [6]}}],
        },
    }
    marks = _marks({**EMPTY_ORAL, "sessions": [session]})
    assert "[Missing: Session 1.2 › Recommendation 2 › Text]" in marks
    assert "[Missing: Session 1.2 › Discussion › Discussion point 1 › Point]" in marks


def test_a_draft_with_a_tag_no_list_holds_is_previewed_without_its_tags():
    """Tags are not printed: a bad SDG target, which no placeholder can stand for, or a GCM
    objective beyond 23, leaves the rest of the draft to be previewed."""
    data = copy.deepcopy(GENERAL_WITH_FINDINGS)
    tagged = {"text": "Tagged.", "tags": {"sdg_targets": ["8.8", "99.1"], "gcm_objectives": [24]}}
    data["sessions"][0]["recommendations"]["items"][0] = tagged
    sketch = sketch_report(data)
    assert sketch is not None
    assert "Tagged." in render(sketch.report, "html").decode()
