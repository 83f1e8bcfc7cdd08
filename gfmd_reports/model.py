"""The content of a rapporteur's report, validated field by field.

This module is the single source of truth for what a report holds: the JSON Schema in
``schemas/`` and the starter files are generated from it. Rules that compare one field with
another (session numbering, footnote references, consistent honorifics) live in ``checks``.
"""

from __future__ import annotations

import ast
import datetime
import functools
import inspect
import itertools
import json
import re
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from gfmd_reports.errors import quoted
from gfmd_reports.i18n import _, number
from gfmd_reports.sdg import sdg_target, sdg_target_problem

FOOTNOTE_ID_PATTERN = r"[A-Za-z0-9_-]+"
"""Footnote ids: letters, digits, “-” and “_”, as in ``[^1]`` or ``[^preliminary]``."""

THEME_NAME_PATTERN = r"[a-z0-9][a-z0-9_-]{0,99}"
"""A theme's name, which is also its folder's: never a path, so that a report cannot make the
tool read a folder of its choosing (on a server, say)."""

PLACEHOLDER_MARK = "FILL IN"
"""Starter files mark every value still to be written with this; such a value never validates."""

# Characters that XML 1.0, and so a Word document, cannot hold (tab, LF and CR can).
_NOT_IN_WORD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _storable(value: str) -> str:
    bad = _NOT_IN_WORD.search(value)
    if bad is not None:
        raise PydanticCustomError(
            "forbidden_character",
            _(
                "contains the control character {code} at position {position}, which cannot go "
                "into a Word document: delete it (such characters often come from copying out of "
                "a PDF)"
            ),
            {"code": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1},
        )
    if PLACEHOLDER_MARK in value:  # also where words were typed around it
        raise PydanticCustomError(
            "placeholder",
            _(
                "still holds the placeholder {placeholder}: replace it with your text, "
                "or delete the field if it is optional"
            ),
            {"placeholder": quoted(PLACEHOLDER_MARK)},
        )
    return value


_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO: closed by PDF
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI: closed by PDI
_POP_DIRECTIONAL_FORMATTING, _POP_DIRECTIONAL_ISOLATE = "\u202c", "\u2069"
_OPENERS = re.compile("[" + "".join(sorted(_EMBEDDINGS | _ISOLATES)) + "]")
"""Finds an opening mark at C speed: every text of every save and preview is looked through."""


def _bidi_closed(value: str) -> str:
    """Close the direction overrides, embeddings and isolates a text leaves open.

    Text copied from a right-to-left document can hold an invisible override (U+202E) that is
    never closed; printed in a sentence, it would reverse the rest of the paragraph, other
    fields included. Closing it at the end of its field keeps its effect where the writer saw
    it. The matching follows the Unicode bidirectional algorithm (UAX #9, rules X6a and X7).
    """
    if not _OPENERS.search(value):
        return value
    open_closers: list[str] = []
    for character in value:
        if character in _EMBEDDINGS:
            open_closers.append(_POP_DIRECTIONAL_FORMATTING)
        elif character in _ISOLATES:
            open_closers.append(_POP_DIRECTIONAL_ISOLATE)
        elif character == _POP_DIRECTIONAL_FORMATTING:
            if open_closers and open_closers[-1] == _POP_DIRECTIONAL_FORMATTING:
                open_closers.pop()
        elif character == _POP_DIRECTIONAL_ISOLATE and _POP_DIRECTIONAL_ISOLATE in open_closers:
            while open_closers.pop() != _POP_DIRECTIONAL_ISOLATE:
                pass
    return value + "".join(reversed(open_closers))


def _one_line(value: str) -> str:
    if "\n" in value:
        raise PydanticCustomError(
            "multiple_lines",
            _("must be on one line: join the lines or use a text field instead"),
        )
    return value


MAX_TEXT = 20_000
"""Bound on one text field: a long paragraph is a thousand characters."""
MAX_ITEMS = 200
"""Bound on any list: a report has a handful of sessions and a few dozen points."""
MAX_REPORT_CHARACTERS = 500_000
"""Bound on a whole report's text (the 2014 sample has 9,000 characters). With MAX_REPORT_TEXTS
it bounds one render: the largest report allowed renders to PDF in under a minute and 300 MB."""
MAX_REPORT_TEXTS = 5_000
"""Bound on a whole report's paragraphs, items and names (the 2014 sample has 90)."""
MAX_CITATIONS = 300
"""Bound on a report's footnote references (the 2014 sample has 6): each prints its note in
full at the foot of the page, and laying out one takes the PDF about 40 ms."""

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_storable),
    AfterValidator(_bidi_closed),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "x-multiline": True}),
]
"""Prose: may span lines and use the inline syntax (*emphasis*, **strong**, footnotes [^id]).
The schema marks it ``x-multiline`` so that forms offer a text area."""

Name = Annotated[
    Text,
    AfterValidator(_one_line),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT}),
]
"""A name, honorific or country: one line, written as it should be printed."""

SessionNumber = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*$")]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
FootnoteId = Annotated[str, StringConstraints(pattern=rf"^{FOOTNOTE_ID_PATTERN}$")]
ThemeName = Annotated[str, StringConstraints(pattern=rf"^{THEME_NAME_PATTERN}$")]

ReportKind = Literal["oral", "session", "general"]
WRITTEN_KINDS: frozenset[ReportKind] = frozenset({"session", "general"})
"""The kinds of report that are read on paper, with a title, subtitle and byline."""

DEPRECATED_KINDS: dict[str, ReportKind] = {"written": "general"}
"""Kinds that earlier versions knew, and the kind each is now read as (with a warning)."""

KIND_ONLY_FIELDS: dict[str, frozenset[ReportKind]] = {
    "salutation": frozenset({"oral"}),
    "introduction": WRITTEN_KINDS,
    "overall_conclusions": frozenset({"general"}),
}
"""Report fields only some kinds of report show: other kinds' starter files omit them, and
validation warns when they appear in them."""

KIND_REQUIRED_FIELDS: dict[str, frozenset[ReportKind]] = {"rapporteur": WRITTEN_KINDS}
"""Optional report fields that some kinds require: a written report's byline names its
rapporteur."""


_TITLES = {
    "co_chairs": "Co-chairs",
    "lead_in": "Lead-in",
    "schema_reference": "JSON Schema",
    "id": "Identifier",
    "gcm_objectives": "GCM objectives",
    "sdg_targets": "SDG targets",
}


def _field_title(name: str, _info: object) -> str:
    """Title a field for editors' hover help: “Co-chairs”, “Background paper”."""
    return _TITLES.get(name, name.replace("_", " ").capitalize())


def field_descriptions(model: type[BaseModel]) -> dict[str, str]:
    """Return the docstring written under each field of a model, its bases' fields included.

    Read from this module's source when first asked for, by the schema, the starter files and
    the messages for missing fields: pydantic's own reading (``use_attribute_docstrings``)
    would cost every command 40 ms at start-up.
    """
    descriptions: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        descriptions |= _attribute_docstrings().get(cls.__qualname__, {})
    return descriptions


@functools.cache
def _attribute_docstrings() -> dict[str, dict[str, str]]:
    """The attribute docstrings of this module's classes, by class and field."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef):
            found[cls.name] = {
                field.target.id: inspect.cleandoc(docstring.value.value)
                for field, docstring in itertools.pairwise(cls.body)
                if isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(docstring, ast.Expr)
                and isinstance(docstring.value, ast.Constant)
                and isinstance(docstring.value.value, str)
            }
    return found


def _describe_fields(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Give each property of a model's JSON Schema the docstring written under its field."""
    descriptions = field_descriptions(model)
    for name, info in model.model_fields.items():
        if name in descriptions:
            schema["properties"][info.alias or name]["description"] = descriptions[name]


def _form(
    label: str,
    hint: str | None = None,
    *,
    item: str | None = None,
    choices: Literal["countries"] | None = None,
    shown_with: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Say how the drafting form shows a field, in a rapporteur's words rather than the file's.

    ``x-label`` and ``x-help`` replace the title and description (written for editors of the
    file) on the form; ``x-item`` names one item of a list (“Co-chair”); ``x-choices`` names the
    list a value is chosen from; ``x-shown-with`` says, by kind, which field must be filled for
    this one to be printed. The form and the places problems name read them from the schema.
    """
    extra: dict[str, Any] = {"x-label": label}
    optional = {"x-help": hint, "x-item": item, "x-choices": choices, "x-shown-with": shown_with}
    return extra | {key: value for key, value in optional.items() if value is not None}


def _mark_kinds(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Say in a report's schema which kinds print and which require each field, so that the
    form shows only the chosen kind's fields (from KIND_ONLY_FIELDS, KIND_REQUIRED_FIELDS)."""
    _describe_fields(schema, model)
    for name, kinds in KIND_ONLY_FIELDS.items():
        schema["properties"][name]["x-kinds"] = sorted(kinds)
    for name, kinds in KIND_REQUIRED_FIELDS.items():
        schema["properties"][name]["x-required-for"] = sorted(kinds)


class _Part(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        field_title_generator=_field_title,
        json_schema_extra=_describe_fields,
    )


class DateRange(_Part):
    """The days the forum met."""

    start: datetime.date = Field(examples=["2014-05-14"], json_schema_extra=_form("First day"))
    """First day, written YYYY-MM-DD."""

    end: datetime.date | None = Field(
        None,
        examples=["2014-05-16"],
        json_schema_extra=_form("Last day", "Leave it empty for a one-day meeting."),
    )
    """Last day, written YYYY-MM-DD; leave out for a one-day meeting."""

    @model_validator(mode="after")
    def _end_not_before_start(self) -> DateRange:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "dates_reversed",
                _("ends ({end}) before it starts ({start}): swap the two dates"),
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


class Forum(_Part):
    """The forum, summit or consultation whose roundtable is reported on."""

    name: Name = Field(
        examples=["Global Forum on Migration and Development"],
        json_schema_extra=_form(
            "Name of the forum", "In full, as in Global Forum on Migration and Development."
        ),
    )
    """The forum's full name."""

    short_name: Name | None = Field(
        None,
        examples=["GFMD"],
        json_schema_extra=_form("Abbreviation", "The forum's usual short name, as in GFMD."),
    )
    """The forum's usual abbreviation."""

    edition: int | None = Field(
        None,
        ge=1,
        le=1000,
        examples=[7, 12],
        json_schema_extra=_form(
            "Edition",
            "Which meeting of the forum this is, counted from the first: 7 for the seventh summit.",
        ),
    )
    """Which meeting of the forum this is, counted from the first (7 for the seventh summit);
    the report's running footer names it (“Seventh GFMD Summit”)."""

    year: int = Field(
        ge=1900,
        le=2200,
        examples=[2019, 2014],
        json_schema_extra=_form("Year", "The year the forum is known by, as in GFMD 2019."),
    )
    """The year the forum is known by, as in “GFMD 2019”."""

    chairs: list[Name] = Field(
        [],
        max_length=MAX_ITEMS,
        examples=[["Sweden"], ["Germany", "MAR"], ["la Suisse"]],
        json_schema_extra=_form(
            "Chairs of the forum",
            "The States or organisations chairing the forum, in the order the forum names them.",
            item="Chair",
            choices="countries",
        ),
    )
    """The States or organisations chairing the forum, in the order the forum names them:
    one for a chairmanship, two for a co-chairmanship. A State is written as a participant's
    country is; any other name is printed as written."""

    venue: Name | None = Field(
        None,
        examples=["Stockholm", "Quito"],
        json_schema_extra=_form("City", "The city where the forum met."),
    )
    """The city where the forum met."""

    dates: DateRange | None = Field(
        None,
        examples=[{"start": "2014-05-14", "end": "2014-05-16"}],
        json_schema_extra=_form("Dates"),
    )
    """The days the forum met."""


class Roundtable(_Part):
    """The roundtable whose sessions the report covers."""

    number: int = Field(
        ge=1,
        examples=[1, 3],
        json_schema_extra=_form(
            "Number", "The roundtable's number in the programme: 3 for Roundtable 3."
        ),
    )
    """The roundtable's number in the programme (3 for Round Table 3)."""

    title: Text | None = Field(
        None,
        examples=["Migration as an enabler for inclusive social development"],
        json_schema_extra=_form("Title", "As announced, without quotation marks."),
    )
    """The roundtable's title as announced, without quotation marks."""


class Participant(_Part):
    """A person, or a country or organisation taking part on its own.

    For a person give the name and whatever should be printed with it; for a country or an
    organisation acting as co-chair give only ``country`` or ``organisation``.
    """

    honorific: Name | None = Field(
        None,
        examples=["H.E. Mr.", "Ambassador", "Ms."],
        json_schema_extra=_form(
            "Honorific",
            "Such as H.E. Mr., Ambassador or Ms., written the same way throughout the report.",
        ),
    )
    """Title before the name, spelt the same way throughout the report."""

    name: Name | None = Field(
        None,
        examples=["José Luis Pardo"],
        json_schema_extra=_form("Name", "As it should be printed."),
    )
    """The person's name as it should be printed (family names in capitals if so wished)."""

    position: Text | None = Field(
        None,
        examples=["Ambassador for Migratory Issues"],
        json_schema_extra=_form("Position", "The person's position or function."),
    )
    """The person's position or function."""

    organisation: Text | None = Field(
        None,
        examples=["Ministry of Foreign Affairs, EU and Cooperation of Spain", "UNDP"],
        json_schema_extra=_form(
            "Organisation",
            "The ministry, agency or organisation the person serves, or that takes part itself.",
        ),
    )
    """The ministry, agency or organisation the person serves, or that takes part itself."""

    country: Name | None = Field(
        None,
        examples=["Ecuador", "MEX", "the Netherlands", "Suisse"],
        json_schema_extra=_form(
            "Country",
            "Choose from the list or type a name: the report prints the UN short name in its "
            "own language. To print a name exactly as typed, start it with =.",
            choices="countries",
        ),
    )
    """The State represented, by its ISO code or its UN short name in English, French or
    Spanish, with or without article; printed as the UN short name in the report's language.
    Start it with = to print it as written instead (=United Arab Emirates)."""

    @model_validator(mode="after")
    def _identifies_someone(self) -> Participant:
        if self.name is None and (self.honorific is not None or self.position is not None):
            raise PydanticCustomError(
                "honorific_without_name",
                _("has an honorific or position but no name: add the person's name"),
            )
        if self.name is None and self.country is None and self.organisation is None:
            raise PydanticCustomError(
                "nobody", _("names nobody: give a name, a country or an organisation")
            )
        return self


class Rapporteur(Participant):
    """The rapporteur who delivers or signs the report."""

    name: Name = Field(
        examples=["Jorge Lomónaco"], json_schema_extra=_form("Name", "As it should be printed.")
    )
    """The rapporteur's name as it should be printed."""


class BackgroundPaper(_Part):
    """The background paper presented for discussion in the session."""

    title: Text | None = Field(
        None,
        examples=["Migrants and public services"],
        json_schema_extra=_form(
            "Title", "Only if it has one worth naming, without quotation marks."
        ),
    )
    """The paper's title, if it has one worth naming, without quotation marks."""

    prepared_by: Text = Field(examples=["UNDP"], json_schema_extra=_form("Prepared by"))
    """Who prepared the paper."""

    in_consultation_with: Text | None = Field(
        None,
        examples=["the co-chairs"],
        json_schema_extra=_form(
            "In consultation with", "As it should read after “in consultation with”."
        ),
    )
    """With whom it was prepared, as it should read after “in consultation with”."""

    topics: list[Text] = Field(
        min_length=1,
        max_length=MAX_ITEMS,
        examples=[["The rights-based approach;", "The scope of public services and welfare."]],
        json_schema_extra=_form(
            "Topics",
            "What the paper explored, one topic per row, each with the punctuation it should "
            "end with.",
            item="Topic",
        ),
    )
    """What the paper explored, one item per topic, with the punctuation it should end with."""

    numbered: bool | None = Field(
        None, examples=[True, False], json_schema_extra=_form("Numbering")
    )
    """true to number the topics, false for bullets; leave out for the theme's choice."""


class _WrittenAsText(_Part):
    """A part that may be written as its text alone, when it needs none of its other fields."""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class DiscussionPoint(_WrittenAsText):
    """One point made in the discussion, optionally under a theme.

    Write a point without a theme as plain text; with a theme as ``theme:`` and ``text:``, which
    the report prints as “On <theme>, <text>”.
    """

    model_config = ConfigDict(
        json_schema_extra=lambda schema, model: _allow_plain_text_form(
            schema, model, "A point without a theme."
        )
    )

    theme: Text | None = Field(
        None,
        examples=["policy formulation"],
        json_schema_extra=_form(
            "Subject",
            "What the point is about, as it should read after “On”; the report prints “On "
            "policy formulation, …”.",
        ),
    )
    """What the point is about, as it should read after “On” (“policy formulation”)."""

    text: Text = Field(
        examples=["Spain shared their four Principles of Migration."],
        json_schema_extra=_form("Point", "The point itself, as it should read after the subject."),
    )
    """The point itself, as it should read after the theme."""


def _allow_plain_text_form(
    schema: dict[str, Any], model: type[BaseModel], description: str
) -> None:
    """Let the JSON Schema accept a plain string wherever the model accepts one."""
    _describe_fields(schema, model)
    as_object: dict[str, Any] = {
        key: schema.pop(key) for key in ("type", "properties", "required") if key in schema
    }
    as_object["additionalProperties"] = schema.pop("additionalProperties", False)
    schema["anyOf"] = [{"type": "string", "minLength": 1, "description": description}, as_object]


class Discussion(_Part):
    """What was said in the discussion."""

    lead_in: Text | None = Field(
        None,
        examples=["During the panel discussion, several good practices were presented."],
        json_schema_extra=_form("Opening sentence", "The sentence that introduces the points."),
    )
    """The sentence that introduces the points."""

    points: list[DiscussionPoint] = Field(
        min_length=1,
        max_length=MAX_ITEMS,
        examples=[
            [
                {"theme": "policy formulation", "text": "Spain shared their four Principles."},
                "Health and education are both means and ends for development.",
            ]
        ],
        json_schema_extra=_form("Discussion points", item="Discussion point"),
    )
    """The points made, in the order they should be reported."""


def _blank_or_text(value: Any, handler: ValidatorFunctionWrapHandler) -> str:
    return "" if isinstance(value, str) and not value.strip() else handler(value)


LeadIn = Annotated[
    Text,
    WrapValidator(_blank_or_text),
    WithJsonSchema({"type": "string", "maxLength": MAX_TEXT, "x-multiline": True}),
]
"""A lead-in sentence, or ``""`` when the report wants none, not even the theme's."""


GCM_OBJECTIVES = 23
"""The Global Compact for Safe, Orderly and Regular Migration has 23 objectives, numbered 1–23."""

ITEM_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
"""An item's id: letters, digits, “.”, “-” and “_”, from a letter or digit, at most 64: what
a spreadsheet, a database key and a web address all take as they are."""


def _item_id(value: str) -> str:
    if not re.fullmatch(ITEM_ID_PATTERN, value):
        raise PydanticCustomError(
            "item_id",
            _(
                "{id} is not an id: an id has at most 64 letters (A–Z, a–z), digits, “.”, “-” "
                "and “_”, and starts with a letter or digit, as GFMD2014-RT3.2-R03"
            ),
            {"id": quoted(value)},
        )
    return value


ItemId = Annotated[
    str,
    AfterValidator(_item_id),
    WithJsonSchema({"type": "string", "pattern": f"^{ITEM_ID_PATTERN}$"}),
]


def _gcm_objective(value: int) -> int:
    if not 1 <= value <= GCM_OBJECTIVES:
        raise PydanticCustomError(
            "gcm_objective",
            _(
                "GCM objective {number} does not exist: the Global Compact has {count} "
                "objectives, numbered 1–{count}"
            ),
            {"number": value, "count": GCM_OBJECTIVES},
        )
    return value


GcmObjective = Annotated[
    StrictInt,
    AfterValidator(_gcm_objective),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": GCM_OBJECTIVES}),
]


SDG_TARGET_PATTERN = r"^[1-9][0-9]?\.([1-9][0-9]?|[a-z])$"
"""How an SDG target is written: the goal's number, a full stop, the target's number or letter."""


def _sdg_target_written(value: Any) -> Any:
    """Refuse a target YAML has read as a number: 17.10 would have become 17.1."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError(
            "sdg_target_number",
            _(
                'put the target in quotes, as in "10.7": without quotes YAML reads a number, '
                "and 17.10 would become 17.1"
            ),
        )
    return value


def _sdg_target(value: str) -> str:
    problem = sdg_target_problem(value)
    if problem is not None:
        raise PydanticCustomError("sdg_target", "{problem}", {"problem": problem})
    return sdg_target(value)


SdgTarget = Annotated[
    str,
    BeforeValidator(_sdg_target_written),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_sdg_target),
    WithJsonSchema({"type": "string", "pattern": SDG_TARGET_PATTERN}),
]


class FindingTags(_Part):
    """What an item is about, in the lists a forum's follow-up uses."""

    theme: Name | None = Field(
        None,
        examples=["labour mobility"],
        json_schema_extra=_form(
            "Thematic area",
            "The forum's thematic area the item belongs to; a theme may list those it takes.",
        ),
    )
    """The thematic area the item belongs to; checked against the theme's list of thematic
    areas when it has one (item_themes: in its theme.yaml)."""

    gcm_objectives: list[GcmObjective] = Field(
        [],
        max_length=GCM_OBJECTIVES,
        examples=[[6, 22]],
        json_schema_extra=_form(
            "GCM objectives",
            "The numbers, 1 to 23, of the Global Compact for Migration's objectives it serves.",
            item="GCM objective",
        ),
    )
    """The numbers (1–23) of the objectives of the Global Compact for Safe, Orderly and
    Regular Migration the item serves."""

    sdg_targets: list[SdgTarget] = Field(
        [],
        max_length=MAX_ITEMS,
        examples=[["8.8", "10.7"]],
        json_schema_extra=_form(
            "SDG targets",
            "The Sustainable Development Goals' targets it serves, as 10.7 or 10.c.",
            item="SDG target",
        ),
    )
    """The targets of the Sustainable Development Goals the item serves, in quotes: "10.7",
    "10.c"."""

    @field_validator("gcm_objectives", "sdg_targets")
    @classmethod
    def _each_once(cls, values: list[Any]) -> list[Any]:
        """A tag listed twice would be counted twice by whoever sums the forum's items."""
        repeated = next(
            (value for index, value in enumerate(values) if value in values[:index]), None
        )
        if repeated is not None:
            raise PydanticCustomError(
                "listed_twice", _("lists {value} twice: list each once"), {"value": str(repeated)}
            )
        return values


class Finding(_WrittenAsText):
    """One conclusion or recommendation: its text, and what follow-up needs to know of it.

    Write an item as plain text; with an id, tags or actors as ``text:`` and those fields.
    """

    model_config = ConfigDict(
        json_schema_extra=lambda schema, model: _allow_plain_text_form(
            schema, model, "An item without id, tags or actors."
        )
    )

    text: Text = Field(
        examples=["States should *ensure* the portability of social security benefits."],
        json_schema_extra=_form("Text", "With the punctuation it should end with."),
    )
    """The item as printed, with the punctuation it should end with."""

    id: ItemId | None = Field(
        None,
        examples=["GFMD2014-RT3.2-R03"],
        json_schema_extra=_form(
            "Identifier",
            "Leave it empty for the usual one, made from the forum, year, session and the "
            "item's place, as GFMD2014-RT3.2-R03.",
        ),
    )
    """The item's identifier, when the one made from the forum, year, session and its place in
    its list (GFMD2014-RT3.2-R03) will not do: letters, digits, “.”, “-” and “_”."""

    tags: FindingTags | None = Field(
        None,
        examples=[{"theme": "labour mobility", "gcm_objectives": [6], "sdg_targets": ["8.8"]}],
        json_schema_extra=_form("Tags"),
    )
    """What the item is about: thematic area, GCM objectives, SDG targets."""

    actors: list[Name] = Field(
        [],
        max_length=MAX_ITEMS,
        examples=[["ILO", "Ecuador", "the OECD"]],
        json_schema_extra=_form(
            "Actors",
            "The States and organisations the item names or calls on. A State is printed as its "
            "UN short name; to keep a name exactly as typed, start it with =.",
            item="Actor",
            choices="countries",
        ),
    )
    """The States and organisations the item names or calls on: a State as a participant's
    country is written (printed as its UN short name), any other name as written."""


class Findings(_Part):
    """A lead-in sentence and the items it introduces (conclusions or recommendations)."""

    @model_validator(mode="before")
    @classmethod
    def _empty_lead_in_is_none(cls, data: Any) -> Any:
        """``lead_in:`` with nothing after it reads as ``lead_in: ""``: a field left empty
        prints nothing, here as everywhere, rather than the theme's heading."""
        if isinstance(data, dict) and "lead_in" in data and data["lead_in"] is None:
            return {**data, "lead_in": ""}
        return data

    lead_in: LeadIn | None = Field(
        None,
        examples=[
            "A set of general conclusions were identified:",
            "The session produced a set of recommendations:",
        ],
        json_schema_extra=_form(
            "Opening sentence",
            "The sentence that introduces the items; leave it empty for the usual heading.",
        ),
    )
    """The sentence that introduces the items; leave the field out for the theme's heading
    (“Conclusions”, “Recommendations”), or leave it empty for none at all."""

    numbered: bool | None = Field(
        None, examples=[True, False], json_schema_extra=_form("Numbering")
    )
    """true to number the items (1., 2., …), false for bullets; leave out for the kind's and
    theme's choice (an oral report reads them as paragraphs)."""

    items: list[Finding] = Field(
        min_length=1,
        max_length=MAX_ITEMS,
        examples=[
            [
                "Protection and promotion of human rights should be the basic principle.",
                {
                    "text": "States should ensure the portability of social security benefits.",
                    "tags": {"gcm_objectives": [22], "sdg_targets": ["10.7"]},
                },
            ]
        ],
        json_schema_extra=_form(
            "Items", "Each with the punctuation it should end with.", item="Item"
        ),
    )
    """The items, in order, each with the punctuation it should end with: as text, or as
    text: with the item's id:, tags: and actors:."""


class Session(_Part):
    """One session of the roundtable."""

    number: SessionNumber = Field(
        examples=["1.2", "3.1"],
        json_schema_extra=_form(
            "Number", "The roundtable's number, a full stop and the session's number: 3.1."
        ),
    )
    """The roundtable number, a dot and the session's number, in quotes: "3.1"."""

    title: Text = Field(
        examples=["Migrants engagement with public services"],
        json_schema_extra=_form("Title", "As announced, without quotation marks."),
    )
    """The session's title as announced, without quotation marks."""

    co_chairs: list[Participant] = Field(
        min_length=1,
        max_length=MAX_ITEMS,
        examples=[
            [{"country": "Ecuador"}, {"country": "Greece"}],
            [{"honorific": "Ambassador", "name": "Negash Botora Kebret"}],
        ],
        json_schema_extra=_form(
            "Co-chairs", "People, or countries or organisations on their own.", item="Co-chair"
        ),
    )
    """The co-chairs: people, or countries or organisations on their own."""

    panel: list[Participant] = Field(
        [],
        max_length=MAX_ITEMS,
        examples=[[{"honorific": "Ms.", "name": "Asako OKAI", "organisation": "UNDP"}]],
        json_schema_extra=_form(
            "Panel", "The panellists, in the order they spoke or were introduced.", item="Panellist"
        ),
    )
    """The panellists, in the order they spoke or were introduced."""

    background_paper: BackgroundPaper | None = Field(
        None,
        examples=[
            {
                "prepared_by": "UNDP",
                "in_consultation_with": "the co-chairs",
                "topics": ["The rights-based approach;"],
            }
        ],
        json_schema_extra=_form("Background paper"),
    )
    """The background paper presented for discussion."""

    narrative: list[Text] = Field(
        [],
        max_length=MAX_ITEMS,
        examples=[["This session explored how policies can improve development outcomes."]],
        json_schema_extra=_form(
            "Narrative", "What the session explored and what was said, in order.", item="Paragraph"
        ),
    )
    """Paragraphs that tell what the session explored and what was said, in order."""

    discussion: Discussion | None = Field(
        None,
        examples=[
            {
                "lead_in": "The main points of the discussion were:",
                "points": ["Health and education are both means and ends for development."],
            }
        ],
        json_schema_extra=_form("Discussion"),
    )
    """Points made in the discussion."""

    conclusions: Findings | None = Field(
        None,
        examples=[{"lead_in": "A set of general conclusions were identified:", "items": ["…"]}],
        json_schema_extra=_form("Conclusions"),
    )
    """The session's conclusions."""

    recommendations: Findings | None = Field(
        None,
        examples=[{"lead_in": "The session produced a set of recommendations:", "items": ["…"]}],
        json_schema_extra=_form("Recommendations"),
    )
    """The session's recommendations."""


class Quote(_Part):
    """A quotation that ends the report, with who said it; fields in reading order."""

    attribution: Text = Field(
        examples=["one of our participants at the forum yesterday"],
        json_schema_extra=_form("Said by", "Who said it, as it should read after “a quote from”."),
    )
    """Who said it, as it should read after “a quote from”."""

    topic: Text | None = Field(
        None,
        examples=["the importance of engagement with migrant communities in this process"],
        json_schema_extra=_form("About", "What it was said about, as it should read after “on”."),
    )
    """What it was said about, as it should read after “on”."""

    text: Text = Field(
        examples=["what you do for me, without me, you do against me."],
        json_schema_extra=_form("Words quoted", "Without quotation marks."),
    )
    """The words quoted, without quotation marks."""


class Report(_Part):
    """A rapporteur's report on a roundtable of a forum."""

    model_config = ConfigDict(
        populate_by_name=True,
        title="GFMD rapporteur's report",
        json_schema_extra=_mark_kinds,
    )

    schema_reference: str | None = Field(
        None, alias="$schema", examples=["../schemas/report.schema.json"]
    )
    """Where editors find the JSON Schema of this file (used in JSON files)."""

    kind: ReportKind = Field(
        examples=["oral", "session", "general"], json_schema_extra=_form("Kind of report")
    )
    """“oral”: read to the plenary, framed by a salutation; “session”: a rapporteur's written
    report on one session; “general”: a general rapporteur's written report on a roundtable's
    sessions, with introduction and overall conclusions (earlier versions called it
    “written”)."""

    language: LanguageTag | None = Field(
        None,
        examples=["en", "fr", "es", "en-GB"],
        json_schema_extra=_form(
            "Language of the report",
            "The language the report is printed in; leave it empty for the theme's.",
        ),
    )
    """The language the report is written in, as a language code; leave out for the theme's."""

    theme: ThemeName | None = Field(
        None,
        examples=["gfmd", "gfmd-madrid"],
        json_schema_extra=_form(
            "Theme", "The look of the report; leave it empty for the forum's usual one."
        ),
    )
    """The name of the theme to render with: a built-in theme, or one in templates/ beside this
    file or in your config folder; leave out for gfmd."""

    forum: Forum = Field(
        examples=[
            {
                "name": "Global Forum on Migration and Development",
                "short_name": "GFMD",
                "year": 2019,
            }
        ],
        json_schema_extra=_form("Forum"),
    )
    """The forum the report is given at."""

    roundtable: Roundtable = Field(
        examples=[
            {"number": 3, "title": "Migration as an enabler for inclusive social development"}
        ],
        json_schema_extra=_form("Roundtable"),
    )
    """The roundtable the report covers."""

    rapporteur: Rapporteur | None = Field(
        None,
        examples=[{"honorific": "Ambassador", "name": "Jorge Lomónaco", "country": "Mexico"}],
        json_schema_extra=_form(
            "Rapporteur",
            "Who gives the report; a written report names the rapporteur under its title.",
        ),
    )
    """Who gives the report; a session or general report names its rapporteur in the byline."""

    title: Text | None = Field(
        None,
        examples=["Roundtable 2.1: Labour mobility"],
        json_schema_extra=_form(
            "Title of the report",
            "Leave it empty for the usual title, which names the roundtable or the session.",
        ),
    )
    """The report's title, when the theme's (which names the roundtable or the session) will
    not do; an oral report prints a title only if given one."""

    subtitle: Text | None = Field(
        None,
        examples=["Report of the Rapporteur"],
        json_schema_extra=_form(
            "Subtitle", "Leave it empty for the usual one, such as Report of the Rapporteur."
        ),
    )
    """The line under the title, when the theme's (“Report of the Rapporteur”, “General
    Rapporteur’s Report”) will not do."""

    subtitle_footnote: Text | None = Field(
        None,
        examples=["This is a preliminary report from the general rapporteur."],
        json_schema_extra=_form(
            "Footnote on the subtitle",
            "Such as that the report is preliminary.",
            shown_with={"oral": "subtitle"},
        ),
    )
    """A footnote on the subtitle, such as that the report is preliminary."""

    salutation: Text | None = Field(
        None,
        examples=["Thank you Chair."],
        json_schema_extra=_form(
            "Salutation",
            "The words that open and close the oral report; leave it empty for the forum's "
            "usual words.",
        ),
    )
    """The words that open and close an oral report; leave out to use the forum's usual words."""

    introduction: list[Text] = Field(
        [],
        max_length=MAX_ITEMS,
        examples=[["I will attempt to summarize the rich and productive discussions."]],
        json_schema_extra=_form(
            "Introduction",
            "Paragraphs that open the report, before the sessions.",
            item="Paragraph",
        ),
    )
    """Paragraphs that open a session or general report, before the sessions."""

    sessions: list[Session] = Field(
        min_length=1,
        max_length=MAX_ITEMS,
        examples=[
            [
                {
                    "number": "3.1",
                    "title": "Empowering migrants",
                    "co_chairs": [{"country": "Ecuador"}, {"country": "Greece"}],
                }
            ]
        ],
        json_schema_extra=_form("Sessions", item="Session"),
    )
    """The sessions reported on, in order; a session report has exactly one."""

    overall_conclusions: Findings | None = Field(
        None,
        examples=[
            {
                "lead_in": "As a common conclusion we can highlight that:",
                "items": ["Migrants’ role as partners of development should be acknowledged."],
            }
        ],
        json_schema_extra=_form("Overall conclusions", "Conclusions drawn across all sessions."),
    )
    """Conclusions drawn across all sessions (general reports), under the theme's heading
    (“Overall conclusions of RT 3”); numbered unless the theme or numbered: false says
    otherwise."""

    closing: list[Text] = Field(
        [],
        max_length=MAX_ITEMS,
        examples=[["My final words are to pay tribute to a very successful chairmanship."]],
        json_schema_extra=_form(
            "Closing words", "Paragraphs after the sessions and conclusions.", item="Paragraph"
        ),
    )
    """Closing paragraphs, after the sessions and conclusions."""

    quote: Quote | None = Field(
        None,
        examples=[{"attribution": "a participant", "text": "what you do for me, without me…"}],
        json_schema_extra=_form("Closing quotation"),
    )
    """A quotation to end the report with."""

    footnotes: dict[FootnoteId, Text] = Field(
        {},
        max_length=MAX_ITEMS,
        examples=[{"1": "The final report follows."}],
        json_schema_extra=_form(
            "Footnotes",
            "To add a footnote, use “Add a footnote here” beside a text, where the note is called.",
            item="Footnote",
        ),
    )
    """Footnote texts by id; text fields refer to them as [^id]."""

    @model_validator(mode="after")
    def _within_bounds(self) -> Report:
        texts = [text for _, text in text_values(self)]
        characters = sum(map(len, texts))
        if characters > MAX_REPORT_CHARACTERS:
            raise PydanticCustomError(
                "report_too_long",
                _(
                    "holds {count} characters of text, more than the {most} a report may have: "
                    "check that the file holds one report"
                ),
                {"count": number(characters), "most": number(MAX_REPORT_CHARACTERS)},
            )
        if len(texts) > MAX_REPORT_TEXTS:
            raise PydanticCustomError(
                "report_too_long",
                _(
                    "holds {count} paragraphs, items and names, more than the {most} a report "
                    "may have: check that the file holds one report"
                ),
                {"count": number(len(texts)), "most": number(MAX_REPORT_TEXTS)},
            )
        return self


_REPORT_CODES = frozenset({"schema_reference", "kind", "language", "theme"})
"""Report fields that hold codes rather than words (a discussion point's theme is words)."""
_UNPRINTED = frozenset({"id", "tags", "actors"})
"""An item's fields that describe it for follow-up and are never printed: not its text."""


def text_values(part: BaseModel, path: tuple[str | int, ...] = (), *, names: bool = True):
    """Yield ``(field path, text)`` for every piece of text in a report, in reading order.

    Codes are skipped: the report's kind, language, theme and schema, and session numbers;
    so is what describes an item without being printed (its id, tags and actors). With
    ``names=False`` so are names, honorifics and countries, which are printed as written:
    what remains is the prose, read in the inline syntax.
    """
    skipped = _UNPRINTED if isinstance(part, Finding) else frozenset()
    skipped |= frozenset() if names else _name_fields(type(part))
    for name in type(part).model_fields:
        if name != "number" and name not in skipped and not (not path and name in _REPORT_CODES):
            yield from _text_values(getattr(part, name), (*path, name), names)


def _text_values(value: Any, path: tuple[str | int, ...], names: bool):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from text_values(value, path, names=names)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_values(item, (*path, index), names)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_values(item, (*path, key), names)


@functools.cache
def _name_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of a model that hold a Name, optional or not."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if any(map(_is_one_line_rule, info.metadata)) or _holds_name(info.annotation)
    )


def _holds_name(annotation: Any) -> bool:
    if any(map(_is_one_line_rule, getattr(annotation, "__metadata__", ()))):
        return True
    return any(map(_holds_name, typing.get_args(annotation)))  # Name | None


def _is_one_line_rule(metadata: Any) -> bool:
    return getattr(metadata, "func", None) is _one_line


def report_json_schema() -> str:
    """Return the JSON Schema of a report file, as checked in under ``schemas/``."""
    # Draft 7: the newest draft that VS Code's YAML and JSON support fully.
    schema = {"$schema": "http://json-schema.org/draft-07/schema#"}
    schema |= Report.model_json_schema(by_alias=True)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
