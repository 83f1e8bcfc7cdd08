"""The JSON Schema in schemas/: generated from the model, in sync, and useful to an editor."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from jsonschema import Draft7Validator
from ruamel.yaml import YAML

from gfmd_reports import report_json_schema

SCHEMA_FILE = ROOT / "schemas" / "report.schema.json"
SCHEMA = json.loads(report_json_schema())


def test_the_checked_in_schema_matches_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == report_json_schema(), (
        "schemas/report.schema.json is out of date: "
        "run `gfmd-reports schema > schemas/report.schema.json`"
    )


def test_the_schema_is_a_valid_draft_7_schema():
    Draft7Validator.check_schema(SCHEMA)


def _properties():
    objects = [("Report", SCHEMA), *SCHEMA["$defs"].items()]
    for owner, definition in objects:
        variants = [definition, *definition.get("anyOf", [])]
        for variant in variants:
            for name, schema in variant.get("properties", {}).items():
                yield f"{owner}.{name}", schema


PROPERTIES = dict(_properties())


@pytest.mark.parametrize("name", PROPERTIES)
def test_every_field_has_a_title_a_description_and_examples(name):
    schema = PROPERTIES[name]
    # A field of a model type may leave its title to the model's definition.
    referenced = schema.get("$ref", "").removeprefix("#/$defs/")
    assert schema.get("title") or SCHEMA["$defs"].get(referenced, {}).get("title"), name
    assert len(schema.get("description", "")) > 10, name
    assert schema.get("examples"), name


@pytest.mark.parametrize("name", PROPERTIES)
def test_every_example_is_valid_for_its_field(name):
    schema = {**PROPERTIES[name], "$defs": SCHEMA["$defs"]}
    validator = Draft7Validator(schema)
    for example in schema["examples"]:
        assert list(validator.iter_errors(example)) == [], (name, example)


def _as_json(value):
    """Read YAML as an editor's YAML extension does: dates stay strings."""
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _load(path: Path):
    return _as_json(YAML(typ="safe").load(path))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda path: path.name)
def test_the_examples_satisfy_the_schema(example):
    assert list(Draft7Validator(SCHEMA).iter_errors(_load(example))) == []


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        (lambda report: report["sessions"][0].update(co_chairs=[]), "should be non-empty"),
        (lambda report: report["sessions"][0].update(cochairs=[]), "Additional properties"),
        (lambda report: report.update(kind="speech"), "is not one of"),
        (lambda report: report["sessions"][0].update(number=1.2), "is not of type 'string'"),
        (lambda report: report["forum"].update(name=""), "should be non-empty"),
    ],
)
def test_the_schema_catches_what_the_model_catches(mistake, expected):
    report = _load(EXAMPLES / "gfmd-2019-rt1-2.yaml")
    mistake(report)
    messages = [error.message for error in Draft7Validator(SCHEMA).iter_errors(report)]
    assert any(expected in message for message in messages), messages


def test_the_example_files_name_the_schema_for_editors():
    for example in EXAMPLES.glob("*.yaml"):
        first_line = example.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == "# yaml-language-server: $schema=../schemas/report.schema.json"
        assert (example.parent / "../schemas/report.schema.json").resolve() == SCHEMA_FILE
