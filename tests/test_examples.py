"""The two sample reports: valid, and transcribed from the seeds verbatim and in order."""

from __future__ import annotations

import re

import pytest
from conftest import ORAL_EXAMPLE, ORAL_SEED, WRITTEN_EXAMPLE, WRITTEN_SEED
from formats.seedtext import MENDS, seed_text

from gfmd_reports import load_report, validate_file
from gfmd_reports.countries import country_name
from gfmd_reports.inline import plain_text
from gfmd_reports.model import text_values

# Data that the seeds do not print: the forum's details come from the public record.
NOT_IN_SEED = {"forum"}
# Printed at the foot of a page, so out of reading order in the extracted text.
FOOTNOTES = {"subtitle_footnote", "footnotes"}

EXAMPLES = [(ORAL_EXAMPLE, ORAL_SEED), (WRITTEN_EXAMPLE, WRITTEN_SEED)]


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _seed_text(seed) -> str:
    """The seed with its extraction artefacts mended, as each example's YAML comments say."""
    return _normalise(seed_text(seed))


@pytest.mark.parametrize("artefact", MENDS)
def test_every_mend_still_matches_an_artefact_of_the_oral_seed(artefact):
    assert artefact in _normalise(ORAL_SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("example", "seed"), EXAMPLES, ids=["oral-2019", "written-2014"])
def test_every_text_of_the_example_stands_in_the_seed_in_the_same_order(example, seed):
    seed_text = _seed_text(seed)
    report = load_report(example)
    position = 0
    checked = 0
    for path, value in text_values(report):
        if path[0] in NOT_IN_SEED:
            continue
        if path[-1] == "country":  # printed as the State's name, or as written after “=”
            value = country_name(value, "en", article=False)
        words = _normalise(plain_text(value))
        if path[0] in FOOTNOTES:
            assert words in seed_text, f"{path}: {words!r} is not in the seed"
            continue
        found = seed_text.find(words, position)
        assert found >= 0, f"{path}: {words!r} is not in the seed after position {position}"
        position = found + len(words)
        checked += 1
    assert checked > 20


@pytest.mark.parametrize(("example", "seed"), EXAMPLES, ids=["oral-2019", "written-2014"])
def test_the_example_carries_most_of_the_seed_words(example, seed):
    """The words left over are the sentences the templates will write from the data."""
    seed_words = re.findall(r"\w+", _seed_text(seed))
    example_words = []
    for path, value in text_values(load_report(example)):
        if path[0] not in NOT_IN_SEED:
            example_words += re.findall(r"\w+", plain_text(value))
    assert len(example_words) / len(seed_words) > 0.9


def test_the_oral_example_is_valid_with_one_warning_about_honorifics():
    validation = validate_file(ORAL_EXAMPLE)
    assert validation.report is not None
    assert [str(problem) for problem in validation.problems] == [
        f"{ORAL_EXAMPLE}:47:9: warning: sessions[0].panel[2].honorific: writes “H.E.”, "
        "but sessions[0].co_chairs[1].honorific writes “H. E.”: "
        "spell each honorific the same way throughout"
    ]


def test_the_written_example_is_valid_without_warnings():
    validation = validate_file(WRITTEN_EXAMPLE)
    assert validation.report is not None
    assert validation.problems == ()


def test_the_examples_hold_people_and_countries_as_data():
    oral = load_report(ORAL_EXAMPLE).sessions[0]
    assert [person.name for person in oral.co_chairs] == ["Negash Botora Kebret", "José Luis Pardo"]
    assert [person.honorific for person in oral.panel] == ["Ms.", "Ms.", "H.E.", "Ms."]
    assert oral.background_paper is not None
    assert oral.background_paper.prepared_by == "UNDP"
    assert len(oral.background_paper.topics) == 5
    assert oral.discussion is not None
    assert oral.discussion.points[1].theme == "policy formulation"
    assert oral.discussion.points[4].theme is None
    written = load_report(WRITTEN_EXAMPLE)
    assert [[chair.country for chair in session.co_chairs] for session in written.sessions] == [
        ["Ecuador", "Greece"],
        ["El Salvador", "=United Arab Emirates"],
    ]
    assert [len(s.conclusions.items) if s.conclusions else 0 for s in written.sessions] == [8, 0]
    assert written.sessions[1].recommendations is not None
    assert len(written.sessions[1].recommendations.items) == 6
    assert written.overall_conclusions is not None
    assert len(written.overall_conclusions.items) == 3
