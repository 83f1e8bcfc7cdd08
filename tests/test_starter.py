"""Starter files: every field explained, nothing valid until the placeholders are filled."""

from __future__ import annotations

import typing

import pytest
from conftest import filled_starter
from pydantic import BaseModel

from gfmd_reports import Report, validate_text
from gfmd_reports.model import KIND_ONLY_FIELDS
from gfmd_reports.starter import starter_file


def _model_fields(model: type[BaseModel], kind: str, top: bool = True):
    for name, info in model.model_fields.items():
        if info.alias == "$schema" or (top and kind not in KIND_ONLY_FIELDS.get(name, {kind})):
            continue
        yield name
        for argument in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in [argument, *typing.get_args(argument)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    yield from _model_fields(inner, kind, top=False)


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_the_starter_does_not_validate_until_filled_in(kind):
    validation = validate_text(starter_file(kind, "schema.json"), "new.yaml")
    assert validation.report is None
    assert validation.errors
    assert all("still holds the placeholder “FILL IN”" in p.message for p in validation.errors)


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_the_starter_validates_once_every_placeholder_is_filled(kind):
    validation = validate_text(filled_starter(kind), "filled.yaml")
    assert [str(problem) for problem in validation.errors] == []
    assert isinstance(validation.report, Report)
    assert validation.report.kind == kind


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_the_starter_explains_every_field_of_its_kind(kind):
    text = starter_file(kind, "schema.json")
    keys = {line.strip().lstrip("#- ").split(":")[0] for line in text.splitlines()}
    expected = set(_model_fields(Report, kind))
    assert expected - keys == set()
    other = {field for field, owners in KIND_ONLY_FIELDS.items() if kind not in owners}
    assert other & keys == set()


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_every_field_line_has_a_comment_above_it(kind):
    lines = starter_file(kind, "schema.json").splitlines()
    body = lines[lines.index("") + 1 :]
    for index, line in enumerate(body):
        if ":" in line and not line.lstrip().startswith("#"):
            assert body[index - 1].lstrip().startswith("#"), line
        assert len(line) <= 100, line


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_the_starter_fills_in_nothing_that_would_print_unasked(kind):
    """Only the kind and the language are written for the user; a discussion point's theme
    (its topic) once held the theme's name, and printed as “On gfmd, …”."""
    text = starter_file(kind, "schema.json")
    values = [
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if ":" in line and not line.lstrip().startswith("#")
    ]
    assert [value for value in values if value and value != '"FILL IN"'] == [kind, "en"]
    assert "gfmd" not in "\n".join(line for line in text.splitlines() if "theme:" in line)


@pytest.mark.parametrize(
    ("kind", "optional"), [("oral", True), ("session", False), ("general", False)]
)
def test_the_rapporteur_is_optional_only_where_the_kind_allows(kind, optional):
    text = starter_file(kind, "schema.json")
    comment = text[: text.index("\nrapporteur:")].rsplit("\n# Who gives the report", 1)[1]
    assert comment.endswith("Optional.") is optional
