"""Sketches: a draft still incomplete, made into a report that can be previewed.

A rapporteur should see the page grow from the first word, not only once the report is
complete. A sketch fills every gap of a draft (a missing title, an empty list of co-chairs, a
value that is not valid yet) with a placeholder the page shows marked, in the interface's
language: “[Missing: Session 1.2 › Title]”. Sketches are for the preview alone: downloads
render valid reports only.
"""

from __future__ import annotations

import copy
import functools
import html
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from gfmd_reports.i18n import _, current_language
from gfmd_reports.inline import MarkupError, footnote_references
from gfmd_reports.items import placed_items
from gfmd_reports.model import WRITTEN_KINDS, Report, report_json_schema, text_values
from gfmd_reports.places import place

_MAX_ROUNDS = 12
"""Each round fills the gaps validation names; a gap filled can reveal one inside it (an
empty session, then its title), and a report nests fewer than ten levels."""
_NUMBER_GAP = 90909
"""Stands for a missing whole number: too large for any roundtable, and unlikely in text."""
_SESSION_NUMBER_GAP = "90909.90909"

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class _Gaps:
    """The placeholders put in a draft, each with its label, and the draft as written, by
    which they are named (a placeholder session number would name its session otherwise)."""

    written: Any
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sketch:
    """A draft made whole: the report, and what each placeholder in it stands for."""

    report: Report
    gaps: dict[str, str]
    """Each placeholder as the report holds it, and its label (“[Missing: Forum › Year]”)."""


def sketch_report(data: Any) -> Sketch | None:
    """Make a draft's data a report by filling its gaps; None when no filling makes it one (a
    report far too long, say), or when ``data`` is no set of fields at all."""
    if not isinstance(data, dict):
        return None
    gaps = _Gaps(data)
    data = copy.deepcopy(data)
    for _round in range(_MAX_ROUNDS):
        try:
            report = Report.model_validate(data)
        except ValidationError as error:
            for item in error.errors():
                if not _fill(data, tuple(item["loc"]), item["type"], gaps):
                    return None
            continue
        if not _fill_cross_field_gaps(report, data, gaps):
            return Sketch(report, gaps.labels)
    return None


def item_ids(data: Any, report: Report | None) -> dict[Path, str]:
    """Each finding's identifier, by its field path: from ``report`` when the draft makes one,
    else from its sketch. An id is left out while what it is made from is a gap (the forum's
    name or year, the session's or roundtable's number), so that one shown is the one the item
    will have; an item's own id is always known."""
    gaps: dict[str, str] = {}
    if report is None:
        sketch = sketch_report(data)
        if sketch is None:
            return {}
        report, gaps = sketch.report, sketch.gaps
    forum = [report.forum.short_name or report.forum.name, str(report.forum.year)]
    return {
        placed.path: placed.id
        for placed in placed_items(report)
        if placed.item.id
        or not gaps.keys() & {*forum, placed.session or str(report.roundtable.number)}
    }


def mark_gaps(page: str, gaps: dict[str, str]) -> str:
    """Show each placeholder of a sketch's page as its label: marked in the text, plain in
    the page's title and attributes."""
    if not gaps:
        return page
    by_text = {text.lower(): label for text, label in gaps.items()}
    longest_first = sorted(gaps, key=len, reverse=True)
    found = re.compile(
        r"(?<!\w)(?<!\w\.)(" + "|".join(map(re.escape, longest_first)) + r")(?!\w|\.\w)",
        re.IGNORECASE,
    )
    in_body = False
    pieces = []
    for piece in re.split(r"(<[^>]*>)", page):
        if piece.startswith("<"):
            in_body = in_body or piece.lower().startswith("<body")
            pieces.append(found.sub(lambda hit: html.escape(by_text[hit[1].lower()]), piece))
        elif in_body:
            pieces.append(found.sub(lambda hit: _marked(by_text[hit[1].lower()]), piece))
        else:
            pieces.append(found.sub(lambda hit: html.escape(by_text[hit[1].lower()]), piece))
    return "".join(pieces)


def _marked(label: str) -> str:
    return f'<mark class="gap">{html.escape(label)}</mark>'


def _fill(data: dict, path: Path, kind: str, gaps: _Gaps) -> bool:
    """Fill one gap validation found; False if it cannot be filled."""
    if not path:
        return False
    if path[-1] == "[key]":  # a footnote's id that is not one: the note cannot be cited
        _delete(data, path[:-2] + path[-2:-1])
        return True
    if kind in ("extra_forbidden", "dates_reversed"):
        _delete(data, path)
        return True
    if kind in ("nobody", "honorific_without_name"):
        return _put(data, (*path, "name"), gaps)
    if kind == "too_short":
        return _put(data, (*path, 0), gaps)
    if kind == "missing" or isinstance(path[-1], int) or _required(path):
        return _put(data, path, gaps) or (len(path) > 1 and _optional_removed(data, path[:-1]))
    _delete(data, path)
    return True


def _fill_cross_field_gaps(report: Report, data: dict, gaps: _Gaps) -> bool:
    """Fill what the page needs beyond the model: the byline's rapporteur, the notes cited and
    text whose markup cannot be read. True if anything was filled."""
    filled = False
    if report.kind in WRITTEN_KINDS and report.rapporteur is None:
        filled = _put(data, ("rapporteur", "name"), gaps)
    for path, text in text_values(report, names=False):
        try:
            references = footnote_references(text)
        except MarkupError:
            filled = _put(data, path, gaps)
            continue
        for reference in references:
            if reference not in data.get("footnotes", {}):
                filled = _put(data, ("footnotes", reference), gaps)
    return filled


def _put(data: dict, path: Path, gaps: _Gaps) -> bool:
    """Set the value at ``path`` to a placeholder for what belongs there; False if none can
    stand for it (a date)."""
    value = _placeholder(_schema_at(path), path, gaps)
    if value is None:
        return False
    container = data
    for step, following in itertools.pairwise(path):
        if not isinstance(container, dict | list):
            return False
        if isinstance(container, dict) and not isinstance(container.get(step), dict | list):
            container[step] = [] if isinstance(following, int) else {}
        container = container[step]
    last = path[-1]
    if isinstance(container, list) and isinstance(last, int) and last >= len(container):
        container.append(value)
    elif isinstance(container, dict | list):
        container[last] = value
    else:
        return False
    return True


def _placeholder(schema: dict, path: Path, gaps: _Gaps) -> Any:
    """A valid value for ``schema`` that the page shows as a gap, or None."""
    kind = schema.get("type")
    if kind == "object":
        return {}
    if kind == "array":
        return []
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "integer":
        number = min(_NUMBER_GAP, schema.get("maximum", _NUMBER_GAP))
        gaps.labels[str(number)] = _label(path, gaps)
        return number
    if kind == "string" and schema.get("format") != "date":
        if path[-1] == "number" and path[:1] == ("sessions",):
            gaps.labels[_SESSION_NUMBER_GAP] = _label(path, gaps)
            return _SESSION_NUMBER_GAP
        if "pattern" in schema:
            return None  # no gap's text has its form (an SDG target): its part is left out
        return _text_gap(path, gaps)
    return None


def _text_gap(path: Path, gaps: _Gaps) -> str:
    # Letters and digits only: typography, capitals and escaping leave it as it is.
    text = f"gfmdgap{len(gaps.labels)}x"
    gaps.labels[text] = _label(path, gaps)
    return text


def _label(path: Path, gaps: _Gaps) -> str:
    return _("[Missing: {place}]", place=place(path, gaps.written, current_language()))


def _step_into(value: Any, step: str | int) -> Any:
    if isinstance(value, dict):
        return value.get(step)
    if isinstance(value, list) and isinstance(step, int) and step < len(value):
        return value[step]
    return None


def _required(path: Path) -> bool:
    parent = _schema_at(path[:-1])
    return path[-1] in parent.get("required", ())


def _optional_removed(data: dict, path: Path) -> bool:
    """Remove the optional part holding a gap no placeholder can fill (the forum's dates)."""
    if isinstance(path[-1], int) or _required(path):
        return False
    _delete(data, path)
    return True


def _delete(data: dict, path: Path) -> None:
    container: Any = data
    for step in path[:-1]:
        container = _step_into(container, step)
    if isinstance(container, dict):
        container.pop(path[-1], None)
    elif isinstance(container, list) and isinstance(path[-1], int) and path[-1] < len(container):
        del container[path[-1]]


def _schema_at(path: Path) -> dict:
    schema = _root_schema()
    for step in path:
        if isinstance(step, int):
            schema = _resolved(schema).get("items", {})
        elif "properties" in (fields := _with_fields(schema)):
            schema = fields["properties"].get(step, {})
        else:  # the footnotes, by id
            schema = next(iter(_resolved(schema).get("patternProperties", {}).values()), {})
    return _resolved(schema)


def _with_fields(schema: dict) -> dict:
    """Of a choice between text and fields (an item with an id but no text yet), the fields:
    a gap inside such a part is one of its fields."""
    if "$ref" in schema:
        return _with_fields(_root_schema()["$defs"][schema["$ref"].rsplit("/", 1)[-1]])
    for choice in schema.get("anyOf", ()):
        if "properties" in (fields := _with_fields(choice)):
            return fields
    return schema


def _resolved(schema: dict) -> dict:
    """Follow a reference; of a choice, take the text if text will do (a discussion point),
    else the part that is not null."""
    if "$ref" in schema:
        return _resolved(_root_schema()["$defs"][schema["$ref"].rsplit("/", 1)[-1]])
    choices = [choice for choice in schema.get("anyOf", ()) if choice.get("type") != "null"]
    if choices:
        texts = [choice for choice in choices if choice.get("type") == "string"]
        return _resolved(texts[0] if texts else choices[0])
    return schema


@functools.cache
def _root_schema() -> dict:
    return json.loads(report_json_schema())
