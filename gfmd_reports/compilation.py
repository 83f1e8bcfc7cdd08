"""The content of a compilation file: the reports a Chair's Report gathers, its front matter
and its annexes, validated field by field as a report file is.

The JSON Schema in ``schemas/compilation.schema.json`` is generated from this module.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gfmd_reports.errors import ReportFileError
from gfmd_reports.loading import read_data_file
from gfmd_reports.model import (
    MAX_ITEMS,
    FootnoteId,
    Forum,
    LanguageTag,
    Name,
    Participant,
    Text,
    ThemeName,
)

CompilationStatus = Literal["preliminary", "final"]


class _Part(BaseModel):
    # Pydantic reads the docstrings under the fields for the schema's descriptions (the report
    # model reads its own source faster; only the commands about compilations load this one).
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ProgrammeSession(_Part):
    """One item of a day's programme."""

    time: Name = Field(examples=["09:30–11:00"])
    """When it takes place, as printed: “09:30–11:00”."""

    title: Text = Field(examples=["Roundtable 1.1: Harnessing migration for rural transformation"])
    """What takes place."""

    room: Name | None = Field(None, examples=["Room A"])
    """Where it takes place."""

    speakers: list[Participant] = Field([], max_length=MAX_ITEMS)
    """Who speaks, each as a participant is written."""


class ProgrammeDay(_Part):
    """One day of the programme."""

    date: datetime.date = Field(examples=["2020-01-21"])
    """The day, written YYYY-MM-DD."""

    sessions: list[ProgrammeSession] = Field(min_length=1, max_length=MAX_ITEMS)
    """The day's sessions, in order."""


class Annexes(_Part):
    """The annexes printed after the consolidated annex of recommendations."""

    programme: list[ProgrammeDay] = Field([], max_length=MAX_ITEMS)
    """The forum's programme, day by day."""

    participants: list[Participant] = Field([], max_length=5_000)
    """The list of participants, printed as a table in the order given."""


class Compilation(_Part):
    """A Chair's Report: one document that gathers a forum's reports."""

    model_config = ConfigDict(populate_by_name=True, title="GFMD compilation of reports")

    schema_reference: str | None = Field(
        None, alias="$schema", examples=["../schemas/compilation.schema.json"]
    )
    """Where editors find the JSON Schema of this file (used in JSON files)."""

    kind: Literal["compilation"] = Field(examples=["compilation"])
    """Always “compilation”: what tells this file from a report."""

    title: Text | None = Field(None, examples=["Report of the Proceedings"])
    """The cover's title; leave out for the theme's (“Report of the Proceedings”)."""

    language: LanguageTag | None = Field(None, examples=["en", "fr", "es"])
    """The language of the compilation's own words; each report keeps its own."""

    theme: ThemeName | None = Field(None, examples=["gfmd"])
    """The theme whose look and words the compilation takes; leave out for gfmd."""

    status: CompilationStatus = Field("preliminary", examples=["preliminary", "final"])
    """“preliminary” or “final”, as printed on the cover."""

    forum: Forum | None = None
    """The forum, as a report writes it; leave out for the reports' own."""

    reports: list[Name] = Field(min_length=1, max_length=MAX_ITEMS, examples=[["rt1-1.yaml"]])
    """The report files, relative to this file, in the order they are printed within each
    round table's chapter."""

    foreword: list[Text] = Field([], max_length=MAX_ITEMS)
    """The foreword's paragraphs."""

    executive_summary: list[Text] = Field([], max_length=MAX_ITEMS)
    """The executive summary's paragraphs."""

    footnotes: dict[FootnoteId, Text] = Field({}, max_length=MAX_ITEMS)
    """Footnote texts by id, which the foreword and executive summary refer to as [^id]."""

    annexes: Annexes = Annexes.model_validate({})
    """The programme and the list of participants."""


def compilation_json_schema() -> str:
    """Return the JSON Schema of a compilation file, as checked in under ``schemas/``."""
    schema = {"$schema": "http://json-schema.org/draft-07/schema#"}
    schema |= Compilation.model_json_schema(by_alias=True)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def is_compilation_file(path: Path) -> bool:
    """Whether a file says ``kind: compilation`` (a file that cannot be read is not one)."""
    try:
        data = read_data_file(path).data
    except ReportFileError:
        return False
    return isinstance(data, dict) and data.get("kind") == "compilation"
