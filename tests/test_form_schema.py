"""What the drafting form reads from the schema: plain labels and help, item nouns, kinds."""

from __future__ import annotations

import json
import re

import pytest

from gfmd_reports import report_json_schema

SCHEMA = json.loads(report_json_schema())
FILE_WORDS = re.compile(r"YAML|\[\^|\btrue\b|\bfalse\b|leave (it )?out|in quotes|\bnull\b", re.I)


def _properties():
    for owner, definition in [("Report", SCHEMA), *SCHEMA["$defs"].items()]:
        for variant in [definition, *definition.get("anyOf", [])]:
            for name, schema in variant.get("properties", {}).items():
                if name != "$schema":
                    yield f"{owner}.{name}", schema


PROPERTIES = dict(_properties())


@pytest.mark.parametrize("name", PROPERTIES)
def test_every_field_has_a_label_and_help_in_a_rapporteurs_words(name):
    schema = PROPERTIES[name]
    assert schema.get("x-label"), name
    for text in (schema["x-label"], schema.get("x-help", "")):
        assert not FILE_WORDS.search(text), (name, text)


@pytest.mark.parametrize(
    "name", [name for name, s in PROPERTIES.items() if s.get("type") == "array"]
)
def test_every_list_names_its_items(name):
    assert PROPERTIES[name].get("x-item"), name


def test_the_schema_says_which_kinds_print_and_require_a_field():
    properties = SCHEMA["properties"]
    shown = {name: p["x-kinds"] for name, p in properties.items() if "x-kinds" in p}
    assert shown == {
        "salutation": ["oral"],
        "introduction": ["general", "session"],
        "overall_conclusions": ["general"],
    }
    required = {
        name: p["x-required-for"] for name, p in properties.items() if "x-required-for" in p
    }
    assert required == {"rapporteur": ["general", "session"]}
    assert properties["subtitle_footnote"]["x-shown-with"] == {"oral": "subtitle"}


def test_countries_are_chosen_from_the_list_where_a_state_is_named():
    chosen = sorted(name for name, p in PROPERTIES.items() if p.get("x-choices") == "countries")
    assert chosen == ["Finding.actors", "Forum.chairs", "Participant.country", "Rapporteur.country"]
