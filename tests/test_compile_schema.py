"""The compilation file's JSON Schema in schemas/: generated from the model, and in sync."""

from __future__ import annotations

import json

from conftest import ROOT
from jsonschema import Draft7Validator

from gfmd_reports.cli import main
from gfmd_reports.compilation import compilation_json_schema

SCHEMA_FILE = ROOT / "schemas" / "compilation.schema.json"


def test_the_checked_in_compilation_schema_matches_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == compilation_json_schema(), (
        "schemas/compilation.schema.json is out of date: "
        "run `gfmd-reports schema --compilation > schemas/compilation.schema.json`"
    )


def test_the_compilation_schema_checks_what_the_model_checks():
    schema = json.loads(compilation_json_schema())
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema)
    good = {
        "kind": "compilation",
        "status": "final",
        "reports": ["rt1.yaml"],
        "annexes": {
            "programme": [
                {"date": "2020-01-21", "sessions": [{"time": "9:30", "title": "Opening"}]}
            ]
        },
    }
    assert list(validator.iter_errors(good)) == []
    for bad in ({**good, "status": "draft"}, {**good, "reports": []}, {**good, "foreward": []}):
        assert list(validator.iter_errors(bad)), bad


def test_the_schema_command_prints_the_compilation_schema(capsys):
    assert main(["schema", "--compilation"]) == 0
    assert capsys.readouterr().out == SCHEMA_FILE.read_text(encoding="utf-8")
