"""Read a report file (YAML or JSON) into a validated Report, locating every problem.

YAML is read as YAML 1.2 by ruamel.yaml, which keeps the line and column of every key and item
(and reads ``NO`` as text, not as *false*). JSON is read by the same parser, so its problems are
located too. Every problem becomes a Problem with file, line, column and field path.
"""

from __future__ import annotations

import calendar
import contextvars
import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML, CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from gfmd_reports.checks import Finding, check_report
from gfmd_reports.errors import (
    FieldPath,
    Problem,
    ReportFileError,
    format_field_path,
    quoted,
)
from gfmd_reports.files import UnreadableFileError, read_bounded
from gfmd_reports.i18n import _, current_language, mark, number
from gfmd_reports.model import (
    DEPRECATED_KINDS,
    MAX_REPORT_CHARACTERS,
    PLACEHOLDER_MARK,
    Report,
    field_descriptions,
)
from gfmd_reports.places import place

MAX_FILE_BYTES = 500_000
"""Bound on a report file: the longest sample is 12 kB. The parser that explains YAML errors
reads about 60 kB a second of dense YAML, so this also bounds the time a bad file takes."""
MAX_VALUES = 100_000
"""Bound on the values a file may expand to: YAML aliases can repeat content exponentially."""
MAX_DEPTH = 40
"""Bound on nesting; a report needs fewer than ten levels."""

Location = tuple[int, int]


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one report: the report if it is valid, and every problem."""

    source: str
    report: Report | None
    problems: tuple[Problem, ...]
    positions: dict[FieldPath, Location] = field(default_factory=dict, repr=False)
    """Where each field stands in the file, for problems found after validation."""
    data: Any = field(default=None, repr=False)
    """The report as written, which names the places of problems found after validation."""

    def problem(self, path: FieldPath, message: str) -> Problem:
        """Make an error about a field of this file, located as the file allows."""
        return self.located(Finding(path, message))

    def located(self, finding: Finding) -> Problem:
        """Make a problem found after validation (by a theme's rules, say) one of this file's."""
        return _problem_from_finding(self.source, finding, self.positions, self.data)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]


def load_report(path: str | Path) -> Report:
    """Read and validate a report file; raise ReportFileError listing every error."""
    validation = validate_file(path)
    if validation.report is None:
        raise ReportFileError(validation.errors)
    return validation.report


def validate_file(path: str | Path) -> Validation:
    """Read a report file and validate it, collecting errors and warnings."""
    try:
        text = _file_text(Path(path))
    except UnreadableError as error:
        return _failed(str(path), error.message, error.location)
    return validate_text(text, str(path))


def _file_text(path: Path) -> str:
    """The text of a report file; raise UnreadableError if it cannot be had."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES, _("a report file"))
    except FileNotFoundError as error:
        raise UnreadableError(_("no such file: check the name and the folder")) from error
    except UnreadableFileError as error:
        raise UnreadableError(str(error)) from error
    except OSError as error:
        raise UnreadableError(_("cannot be read: {reason}", reason=error.strerror)) from error
    return decode_report(data)


Model = typing.TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class DataFile:
    """A YAML or JSON file read into plain values, which knows where each field stands: for
    files other than reports (a compilation), validated against their own model."""

    source: str
    data: Any
    positions: dict[FieldPath, Location] = field(repr=False)

    def problem(self, path: FieldPath, message: str) -> Problem:
        """Make an error about a field of this file, located as the file allows."""
        return _problem_from_finding(self.source, Finding(path, message), self.positions, self.data)

    def validated(self, model: type[Model]) -> Model:
        """Validate the file's values as ``model``; raise ReportFileError locating every error."""
        token = _ROOT_MODEL.set(model)
        try:
            return model.model_validate(self.data)
        except ValidationError as error:
            problems = [
                _problem_from_pydantic(self.source, item, self.positions, self.data)
                for item in error.errors()
            ]
            raise ReportFileError(problems) from None
        finally:
            _ROOT_MODEL.reset(token)


def read_data_file(path: Path) -> DataFile:
    """Read a YAML or JSON file as a report file is read; raise ReportFileError if it cannot be."""
    try:
        data, positions = parse_yaml(_file_text(path))
    except UnreadableError as error:
        failure = _failed(str(path), error.message, error.location)
        raise ReportFileError(list(failure.problems)) from error
    return DataFile(str(path), data, positions)


_ROOT_MODEL: contextvars.ContextVar[type[BaseModel]] = contextvars.ContextVar(
    "root_model", default=Report
)
"""The model of the file being validated, whose fields messages name and suggest."""


def decode_report(data: bytes) -> str:
    """Return the text of a report file's bytes; raise UnreadableError if too large or not
    UTF-8 (a byte order mark is allowed)."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableError(_too_large(len(data)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableError(_("is saved as UTF-16: save it as UTF-8 instead"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        before = data[:offset]
        line_start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise UnreadableError(
            _(
                "is not UTF-8 text (byte {byte} is not valid UTF-8 here): "
                "save it with the UTF-8 encoding",
                byte=f"0x{data[offset]:02X}",
            ),
            (line, column),
        ) from error


def _too_large(size: int) -> str:
    return _(
        "is {size} bytes, more than the {most} a report file may have: "
        "check that it is the right file",
        size=number(size),
        most=number(MAX_FILE_BYTES),
    )


def validate_text(text: str, source: str = "<input>") -> Validation:
    """Validate the text of a report file (YAML or JSON); ``source`` names it in messages."""
    if (size := len(text.encode())) > MAX_FILE_BYTES:
        return _failed(source, _too_large(size))
    try:
        data, positions = parse_yaml(text)
    except UnreadableError as error:
        return _failed(source, error.message, error.location)
    return validate_data(data, source, positions)


def validate_data(
    data: Any, source: str = "<input>", positions: dict[FieldPath, Location] | None = None
) -> Validation:
    """Validate report data already read (from a form, say); ``positions`` locate its fields."""
    positions = positions or {}
    if data is None:
        return _failed(source, _(_NOT_A_REPORT_BUT_NOTHING), (1, 1))
    if not isinstance(data, dict):
        return _failed(source, _(_NOT_A_REPORT, what=describe_value(data)), (1, 1))
    data, renamed = _read_as_current(data, positions)
    try:
        report = Report.model_validate(data)
    except ValidationError as error:
        invalid = [_problem_from_pydantic(source, item, positions, data) for item in error.errors()]
        deprecated = [
            _problem_from_finding(source, finding, positions, data) for finding in renamed
        ]
        return Validation(source, None, (*invalid, *deprecated), positions, data)
    findings = [*renamed, *check_report(report)]
    problems = tuple(
        _problem_from_finding(source, finding, positions, data) for finding in findings
    )
    has_errors = any(finding.severity == "error" for finding in findings)
    return Validation(source, None if has_errors else report, problems, positions, data)


def report_data(report: Report) -> dict[str, Any]:
    """The data a report file would hold for a report: the fields it sets, an item that is
    only its text written as that text (as the form and the starter write it)."""
    return _plain_items(report.model_dump(mode="json", by_alias=True, exclude_defaults=True))


def _plain_items(data: Any) -> Any:
    if isinstance(data, dict):
        if data.keys() == {"text"} and isinstance(data["text"], str):
            return data["text"]
        return {key: _plain_items(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain_items(item) for item in data]
    return data


_NOT_A_REPORT = mark(
    "holds {what}, not a report: a report is a set of fields such as kind:, forum:, "
    "roundtable: and sessions: (`gfmd-reports new` writes a starter file)"
)
_NOT_A_REPORT_BUT_NOTHING = mark(
    "holds nothing, not a report: a report is a set of fields such as kind:, forum:, "
    "roundtable: and sessions: (`gfmd-reports new` writes a starter file)"
)


def _read_as_current(
    data: dict[Any, Any], positions: dict[FieldPath, Location]
) -> tuple[dict[Any, Any], list[Finding]]:
    """Read what earlier versions wrote as today's fields, with a warning that says how to
    write it now: ``kind: written`` is a general report, ``forum.chair`` one of the chairs."""
    findings = []
    kind = data.get("kind")
    if isinstance(kind, str) and kind in DEPRECATED_KINDS:
        data = {**data, "kind": DEPRECATED_KINDS[kind]}
        findings.append(
            Finding(
                ("kind",),
                _(
                    "{old} is the old name of {new}: write kind: {kind} (or kind: session for "
                    "a report on one session); the report is read as a general report meanwhile",
                    old=quoted(kind),
                    new=quoted(DEPRECATED_KINDS[kind]),
                    kind=DEPRECATED_KINDS[kind],
                ),
                "warning",
            )
        )
    forum = data.get("forum")
    if isinstance(forum, dict) and "chair" in forum and "chairs" not in forum:
        chair = forum["chair"]
        data = {**data, "forum": {**_without(forum, "chair"), "chairs": [chair] if chair else []}}
        if ("forum", "chair") in positions:
            positions[("forum", "chairs", 0)] = positions[("forum", "chair")]
        findings.append(
            Finding(
                ("forum", "chair"),
                _(
                    "is now written chairs:, a list, so that a co-chairmanship can be named: "
                    "write chairs: [{chair}], or a line {line} under chairs: for each chair",
                    chair=chair,
                    line=quoted(f"- {chair}"),
                ),
                "warning",
            )
        )
    return data, findings


def _without(mapping: dict[Any, Any], key: str) -> dict[Any, Any]:
    return {name: value for name, value in mapping.items() if name != key}


def _failed(source: str, message: str, location: Location | None = None) -> Validation:
    line, column = location or (None, None)
    return Validation(source, None, (Problem(source, "", message, "error", line, column),))


class UnreadableError(Exception):
    """The text cannot be read as a report file at all: one message, located if possible."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message, self.location = message, location


def parse_yaml(text: str) -> tuple[Any, dict[FieldPath, Location]]:
    """Read YAML (or JSON) into plain values, with the line and column of every key and item.

    Raises UnreadableError, with a location where the text gives one.
    """
    _refuse_deep_brackets(text)
    try:
        document = _compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = (mark.line + 1, mark.column + 1) if mark else None
        raise UnreadableError(_describe_yaml_error(error), location) from error
    except ReaderError as error:
        before = text[: error.position]
        location = (before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        raise UnreadableError(
            _(
                "contains the control character {code}, which a report cannot hold: delete it "
                "(such characters often come from copying out of a PDF)",
                code=f"U+{error.character:04X}",
            ),
            location,
        ) from error
    except YAMLError as error:
        raise UnreadableError(_("is not valid YAML: {reason}", reason=error)) from error
    except RecursionError as error:
        raise UnreadableError(_too_deep()) from error
    positions: dict[FieldPath, Location] = {(): (1, 1)}
    if document is None:
        return None, positions
    return _Plain(positions).value(document, ()), positions


def _compose(text: str) -> Node | None:
    """Parse YAML into nodes, which know their line and column, as YAML 1.2 (NO is text).

    libyaml (ruamel.yaml.clib) parses a report in a millisecond, ruamel's own parser in 20;
    what libyaml refuses, ruamel's parser reads again to explain, in its own words.
    """
    fast = YAML(typ="safe")
    if fast.Parser is CParser:
        try:
            return fast.compose(text)
        except Exception:  # whatever libyaml refuses is explained below
            pass
    return YAML(typ="safe", pure=True).compose(text)


_BRACKET_OR_QUOTED = re.compile(r"""[\[\]{}]|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'""")


def _refuse_deep_brackets(text: str) -> None:
    """Refuse brackets nested deeper than any report needs, before the YAML parser takes
    seconds to give up on thousands of levels. Quoted text is skipped."""
    depth = 0
    for match in _BRACKET_OR_QUOTED.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                before = text[: match.start()]
                line, column = before.count("\n") + 1, match.start() - before.rfind("\n")
                raise UnreadableError(_too_deep(), (line, column))
        elif token in "]}":
            depth = max(depth - 1, 0)


def _too_deep() -> str:
    return _("is nested too deeply (more than {most} levels)", most=MAX_DEPTH)


_YAML_HINTS = {
    "found character '\\t'": mark("tabs cannot indent YAML: indent with spaces"),
    "mapping values are not allowed here": mark(
        "a colon followed by a space inside a value: put the whole value in quotes"
    ),
    "found undefined alias": mark("an alias (*name) refers to no anchor (&name) above it"),
    "could not find expected ':'": mark("a line is missing the colon after its field name"),
    "found unexpected end of stream": mark("a quotation mark or bracket is not closed"),
    "expected ',' or '}'": mark("a { is not closed, or a comma is missing in it"),
    "expected ',' or ']'": mark("a [ is not closed, or a comma is missing in it"),
    "but found another document": mark(
        "a line `---` starts a second document: a report file holds one report"
    ),
}
"""What the YAML parser's (English) problems mean, by how they start."""


def _describe_yaml_error(error: MarkedYAMLError) -> str:
    """Say what the parser found, and what it means; the parser's own words are quoted as it
    says them, in English, beside ours."""
    problem = error.problem or _("is not valid YAML")
    for start, hint in _YAML_HINTS.items():
        if problem.startswith(start):
            return _("{problem}: {hint}", problem=problem, hint=_(hint))
    context = f" ({error.context})" if error.context else ""
    return _("YAML syntax error: {problem}", problem=f"{problem}{context}")


_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _Plain:
    """Turns YAML nodes into plain values, recording where each key and item stands, and
    counting values and characters as aliases expand, to stop before memory runs out."""

    def __init__(self, positions: dict[FieldPath, Location]) -> None:
        self.positions = positions
        self.values = 0
        self.characters = 0
        self.constructor = YAML(typ="safe", pure=True).constructor  # YAML 1.2 scalars

    def value(self, node: Node, path: FieldPath, depth: int = 0) -> Any:
        self._spend()
        if node.tag not in _PLAIN_TAGS:
            # Tags ask a loader to build objects (!!python/object) or read files (!include): a
            # report needs neither, and an unknown tag would otherwise pass as plain data.
            shown = str(node.tag).replace(_YAML, "!!")
            raise UnreadableError(
                _(
                    "{field}: uses the YAML tag {tag}, which report files do not take: delete "
                    "it (and put text in quotes if it needs them)",
                    field=_field_or_report(path),
                    tag=shown,
                ),
                self.positions.get(path),
            )
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if depth >= MAX_DEPTH:
            raise UnreadableError(_too_deep())
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.positions[(*path, index)] = _location(item)
                items.append(self.value(item, (*path, index), depth + 1))
            return items
        assert isinstance(node, MappingNode)  # YAML has no other kind of node
        return self._mapping(node, path, depth)

    def _mapping(self, node: MappingNode, path: FieldPath, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        written, merged = self._split_merges(node, path, depth)
        for key_node, value_node in written:
            key = self._key(key_node, path)
            if key in result:
                raise UnreadableError(_duplicate(key, result[key], value_node), _location(key_node))
            self.positions[(*path, key)] = _location(key_node)
            result[key] = self.value(value_node, (*path, key), depth + 1)
        for key_node, value_node in merged:  # what a merge key (`<<: *defaults`) brings in
            key = self._key(key_node, path)
            if key not in result:
                self.positions[(*path, key)] = _location(key_node)
                result[key] = self.value(value_node, (*path, key), depth + 1)
        return result

    def _split_merges(
        self, node: MappingNode, path: FieldPath, depth: int
    ) -> tuple[list[tuple[Node, Node]], list[tuple[Node, Node]]]:
        """Return a mapping's own key-value pairs, and those its merge keys bring in, in order
        of precedence: a merged mapping's own pairs before those it merges in turn."""
        if depth >= MAX_DEPTH:
            raise UnreadableError(_too_deep())
        written: list[tuple[Node, Node]] = []
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _YAML + "merge":
                written.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, MappingNode):
                    raise UnreadableError(
                        _(
                            "{field}: a merge key (<<) takes a mapping or a list of mappings, "
                            "as in <<: *defaults",
                            field=_field_or_report(path),
                        ),
                        _location(source),
                    )
                own, nested = self._split_merges(source, path, depth + 1)
                for _pair in own:
                    self._spend()  # merges can repeat content, as aliases do
                merged += own + nested
        return written, merged

    def _key(self, node: Node, path: FieldPath) -> Any:
        if not isinstance(node, ScalarNode):
            raise UnreadableError(
                _(
                    "{field}: a field name is a list or mapping: field names are words, "
                    "followed by a colon",
                    field=_field_or_report(path),
                ),
                _location(node),
            )
        if node.tag == _YAML + "str":
            return self._scalar(node)
        # A field name is a word: `1:`, `true:`, `2019-05-01:` or `null:` are the words
        # written, whatever YAML would make of them as values.
        self._spend()
        return node.value

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag != _YAML + "str":
            try:
                value = self.constructor.construct_object(node)
            except ValueError:
                # A day that does not exist (2014-02-30), a number of thousands of digits:
                # passed on as written, for validation to say what is wrong with it where it is.
                return node.value
            return value
        self.characters += len(node.value)
        if self.characters > MAX_REPORT_CHARACTERS:
            raise UnreadableError(
                _(
                    "expands to more than {most} characters of text, the most a report may "
                    "have: if it uses YAML aliases (*name), write the repeated parts out "
                    "instead; otherwise check that the file holds one report",
                    most=number(MAX_REPORT_CHARACTERS),
                )
            )
        return node.value

    def _spend(self) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise UnreadableError(
                _(
                    "expands to more than {most} values: if it uses YAML aliases (*name), "
                    "write the repeated parts out instead",
                    most=number(MAX_VALUES),
                )
            )


def _field_or_report(path: FieldPath) -> str:
    return format_field_path(path) or _("the report")


def _duplicate(key: Any, original: Any, value_node: Node) -> str:
    if isinstance(value_node, ScalarNode) and not isinstance(original, dict | list):
        return _(
            'found duplicate key "{key}" with value "{value}" (original value: "{original}"): '
            "the same field appears twice in one place: keep only one of them",
            key=key,
            value=value_node.value,
            original=original,
        )
    return _(
        'found duplicate key "{key}": the same field appears twice in one place: '
        "keep only one of them",
        key=key,
    )


def _location(node: Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def locate(path: FieldPath, positions: dict[FieldPath, Location]) -> Location | None:
    """Return where a field stands, or its nearest enclosing field that the file has."""
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            return positions[path[:end]]
    return None


def _problem_from_finding(
    source: str, finding: Finding, positions: dict[FieldPath, Location], data: Any
) -> Problem:
    line, column = locate(finding.path, positions) or (None, None)
    return Problem(
        source,
        format_field_path(finding.path),
        finding.message,
        finding.severity,
        line,
        column,
        place(finding.path, data, current_language()),
    )


def _problem_from_pydantic(
    source: str, error: Any, positions: dict[FieldPath, Location], data: Any
) -> Problem:
    path = tuple(error["loc"])
    if path[-1:] == ("[key]",):  # pydantic's mark of a key that is wrong, not its value
        path = path[:-1]
    return _problem_from_finding(source, Finding(path, _explain(error, path)), positions, data)


_EMPTY_TYPES = frozenset({"string_type", "list_type", "model_type", "dict_type", "int_type"})
_OWN_TYPES = frozenset(
    {
        "forbidden_character",
        "placeholder",
        "multiple_lines",
        "dates_reversed",
        "honorific_without_name",
        "nobody",
        "report_too_long",
        "item_id",
        "gcm_objective",
        "sdg_target",
        "sdg_target_number",
        "listed_twice",
    }
)
"""The errors the model raises itself, whose messages are said in the user's language."""


def _explain(error: Any, path: FieldPath) -> str:
    """Say in the rapporteur's words what a pydantic error means and what would be right."""
    kind, value = error["type"], error.get("input")
    if isinstance(value, str) and value.startswith(PLACEHOLDER_MARK):
        return _(
            "still holds the placeholder {placeholder}: replace it with your text, "
            "or delete the field if it is optional",
            placeholder=quoted(value),
        )
    if kind == "missing":
        description = _field_description(path)
        if description:
            return _("is required: add it ({description})", description=description)
        return _("is required: add it")
    if kind == "extra_forbidden":
        return _explain_unknown_field(path)
    if kind in _OWN_TYPES:
        message: str = error["msg"]
        if message[1:2].isupper():  # an abbreviation, as GCM, keeps its capitals
            return message
        return message[:1].lower() + message[1:]
    return (
        _explain_size(kind, value, error.get("ctx", {}), path)
        or _explain_type(kind, value, path)
        or _explain_pattern(kind, value, error.get("ctx", {}), path)
        or _("is not a value this field can take: check it against the field's help")
    )


def _explain_size(kind: str, value: Any, ctx: dict[str, Any], path: FieldPath) -> str | None:
    """Explain a text or list that is empty or too long."""
    field = str(path[-1]) if path else ""
    if kind == "too_long" and isinstance(value, list | dict):
        message = _TOO_MANY.get(field, _TOO_MANY["items"])
        return _(message, count=number(len(value)), most=number(ctx["max_length"]))
    if kind == "string_too_long":
        return _(
            "is {length} characters long; a text may have at most {most}: split it into "
            "paragraphs or shorten it",
            length=number(len(value)),
            most=number(ctx["max_length"]),
        )
    if kind == "too_short" and isinstance(value, list):
        return _(_TOO_FEW.get(field, _TOO_FEW["items"]))
    if value is None and kind in _EMPTY_TYPES:
        return _("is empty: write a value, or delete the field if it is optional")
    if kind == "string_too_short":
        return _("is empty: write the text, or delete the field if it is optional")
    return None


_TOO_MANY = {
    "sessions": mark(
        "has {count} sessions; a report may have at most {most}: "
        "check that the file holds one report"
    ),
    "co_chairs": mark(
        "has {count} co-chairs; a report may have at most {most}: "
        "check that the file holds one report"
    ),
    "topics": mark(
        "has {count} topics; a report may have at most {most}: check that the file holds one report"
    ),
    "points": mark(
        "has {count} discussion points; a report may have at most {most}: "
        "check that the file holds one report"
    ),
    "items": mark(
        "has {count} items; a report may have at most {most}: check that the file holds one report"
    ),
}
"""What a list too long says, by the list: its items named."""

_TOO_FEW = {
    "sessions": mark("is empty: at least one session is required"),
    "co_chairs": mark("is empty: at least one co-chair is required"),
    "topics": mark("is empty: at least one topic is required"),
    "points": mark("is empty: at least one discussion point is required"),
    "items": mark("is empty: at least one item is required"),
}
"""What an empty list that needs items says, by the list: each language names its item with
the article its gender takes."""


def _explain_type(kind: str, value: Any, path: FieldPath) -> str | None:
    """Explain a value of the wrong type: text, a number, a list, fields, true or false."""
    if kind == "string_unicode":
        return _(
            "contains half of a character pair (a lone surrogate), which no document can hold: "
            "retype the characters around it"
        )
    if path[-1:] == ("number",) and kind in {"string_type", "string_pattern_mismatch"}:
        if isinstance(value, float):
            # Not the value read: YAML has already made 3.1 of 3.10, which would mislead.
            return _(
                'put the session number in quotes, as in number: "3.10": without quotes YAML '
                "reads a number, and 3.10 would become 3.1"
            )
        return _('should be the roundtable number, a dot and the session number, in quotes: "3.1"')
    if kind == "string_type":
        return _("should be text, not {value}: put it in quotes", value=describe_value(value))
    if kind == "int_parsing_size":
        return _(
            "should be a whole number, such as {example}, not a number of {digits} digits",
            example=_example(path),
            digits=number(len(value)),
        )
    if kind in {"int_type", "int_parsing", "int_from_float", "finite_number"}:
        return _(
            "should be a whole number, such as {example}, not {value}",
            example=_example(path),
            value=describe_value(value) if isinstance(value, bool) else _show(value),
        )
    if kind in {"bool_type", "bool_parsing"}:
        return _("should be true or false, not {value}", value=_show(value))
    if kind == "list_type":
        return _(
            "should be a list, not {value}: start each item on its own line with “- ”",
            value=describe_value(value),
        )
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return _("should hold fields (name: value lines), not {value}", value=describe_value(value))
    return None


def _explain_pattern(kind: str, value: Any, ctx: dict[str, Any], path: FieldPath) -> str | None:
    """Explain a value outside its bounds or choices, or not written as its field wants."""
    if kind == "greater_than_equal":
        return _("should be at least {bound}", bound=ctx["ge"])
    if kind == "less_than_equal":
        return _("should be at most {bound}", bound=ctx["le"])
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx["expected"])
        close = closest_name(str(value), choices)
        expected = one_of(choices)
        if close:
            return _(
                "should be one of {expected}, not {value}: did you mean {close}?",
                expected=expected,
                value=_show(value),
                close=close,
            )
        return _("should be one of {expected}, not {value}", expected=expected, value=_show(value))
    if kind.startswith("date_") and (day := _impossible_day(value)):
        return _(
            "{value} is not a day of the calendar ({reason}): check the date",
            value=_show(value),
            reason=day,
        )
    if kind.startswith("date_"):
        return _(
            "should be a date written YYYY-MM-DD, as 2014-05-14, not {value}", value=_show(value)
        )
    if kind == "string_pattern_mismatch" and path[-1:] == ("language",):
        return _("should be a language code such as en, fr or es, not {value}", value=_show(value))
    if kind == "string_pattern_mismatch" and path == ("theme",):
        return _(
            "should be a theme's name, such as gfmd, not {value}: a report names its "
            "theme (lower-case letters, digits, “-” and “_”), found in templates/ beside it, in "
            "your config folder or among the built-in themes; to render with a theme folder "
            "elsewhere, give its path with render --theme",
            value=_show(value),
        )
    if kind == "string_pattern_mismatch":
        return _("{value} may use only letters, digits, “-” and “_”", value=_show(value))
    return None


def one_of(choices: list[str]) -> str:
    """The choices a field takes, as 'oral', 'session' or 'general'."""
    shown = [f"'{choice}'" for choice in choices]
    if len(shown) < 2:
        return "".join(shown)
    return _("{choices} or {last}", choices=", ".join(shown[:-1]), last=shown[-1])


def _impossible_day(value: Any) -> str | None:
    """Say why a date written YYYY-MM-DD names no day, as “February 2014 has 28 days”."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if match is None:
        return None
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12:
        return _("there is no month {month}", month=month)
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    from babel.dates import get_month_names  # only for an impossible date: a run stays light

    month_name = get_month_names("wide", locale=current_language())[month]
    return _("{month} {year} has {days} days", month=month_name, year=year, days=days)


def _explain_unknown_field(path: FieldPath) -> str:
    model = _model_at(path[:-1])
    if model is None:
        return _("is not a field")
    allowed = [info.alias or name for name, info in model.model_fields.items()]
    return unknown_name(str(path[-1]), allowed)


def unknown_name(
    name: str,
    allowed: Sequence[str],
    what: str | None = None,
    choices: str | None = None,
) -> str:
    """Say that ``name`` is not ``what`` (by default a field here), with the allowed name it
    most likely misspells (or all of them, after ``choices``) and any character that names
    never hold; used for themes' names too. ``what`` and ``choices`` are said in the current
    language by the caller."""
    what = what or _("a field here")
    stray = _stray_character(name)
    if stray:
        reason = _("is not {what}: it holds {character}", what=what, character=stray)
    else:
        reason = _("is not {what}", what=what)
    close = closest_name(name, allowed)
    if close:
        return _("{reason}: did you mean {close}?", reason=reason, close=close)
    return _(
        "{reason}; {choices} {names}",
        reason=reason,
        choices=choices or _("the fields here are"),
        names=", ".join(allowed),
    )


def closest_name(name: str, allowed: Sequence[str]) -> str | None:
    """Return the allowed name that ``name`` most likely misspells, or None if none is close."""
    close = difflib.get_close_matches(_ascii_letters(name), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _stray_character(name: str) -> str | None:
    """Name the first character of a field name that field names never hold: a letter that
    only looks Latin (Cyrillic і), an invisible or control character."""
    for character in name:
        if character.isascii() and character.isprintable():
            continue
        code = f"U+{ord(character):04X}"
        described = unicodedata.name(character, "")
        if character.isalpha():
            return _(
                "the letter {letter} ({code}, {name}), which only looks Latin",
                letter=quoted(character),
                code=code,
                name=described.capitalize(),
            )
        return _(
            "the invisible character {code} ({name})",
            code=code,
            name=described.lower() or _("a control character"),
        )
    return None


def _ascii_letters(name: str) -> str:
    """A field name with look-alike letters taken to their Latin form, for suggestions."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(_LOOK_ALIKES.get(character, character) for character in decomposed)


_LOOK_ALIKES = dict(zip("асеіјкорхуѕԁһӏАВСЕНІЈКМОРТХ", "aceijkopxysdhlABCEHIJKMOPTX", strict=True))
"""Cyrillic letters that print as Latin ones, by the Latin letter they look like."""


def _field_description(path: FieldPath) -> str | None:
    """What a field holds, from the docstring under it, if it can be said in the current
    language: the docstrings are English, and a message that is not says none."""
    model = _model_at(path[:-1])
    if model is None or path[-1] not in model.model_fields:
        return None
    description = " ".join(field_descriptions(model).get(str(path[-1]), "").split())
    if current_language() != "en" and _(description) == description:
        return None
    description = _(description)
    return description[:1].lower() + description[1:].rstrip(".") or None


def _example(path: FieldPath) -> str:
    """The first example of a field, to show what a right value looks like: 7 for an edition."""
    in_list = bool(path) and isinstance(path[-1], int)  # a list's item: the list's example's
    field = path[:-1] if in_list else path
    model = _model_at(field[:-1])
    info = model.model_fields.get(str(field[-1])) if model and field else None
    examples = (info.examples if info else None) or [2019]
    example = examples[0][0] if in_list and isinstance(examples[0], list) else examples[0]
    return str(example)


def _model_at(path: FieldPath) -> type[BaseModel] | None:
    """Return the model class whose fields stand at ``path`` of the file being validated."""
    annotation: Any = _ROOT_MODEL.get()
    for part in path:
        model = _find_model(annotation)
        if isinstance(part, str):
            if model is None or part not in model.model_fields:
                return None
            annotation = model.model_fields[part].annotation
    return _find_model(annotation)


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in {list, typing.Union, types.UnionType, typing.Annotated}:
        for argument in typing.get_args(annotation):
            model = _find_model(argument)
            if model is not None:
                return model
    return None


def describe_value(value: Any) -> str:
    """Name a value as a message quotes it: the number 25, a list, “blue” in quotes."""
    if isinstance(value, bool):
        return _("the truth value {value}", value=str(value).lower())
    if isinstance(value, int | float):
        return _("the number {value}", value=value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a set of fields")
    return _show(value)


def _show(value: Any) -> str:
    text = str(value)
    return quoted(f"{text[:60]}…" if len(text) > 60 else text)
