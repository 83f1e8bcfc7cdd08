"""Where a problem is, named as a person names it: “Session 2.2 › Co-chair 1 › Country”.

The form shows problems by place, in its user's language; the command line prints the field
path instead (``sessions[1].co_chairs[0].country``), which its users find in the file. A place
is built from the field path, the report's data as written (a session is named by its number
when it has a valid one, else by its position) and the schema's words: a field's ``x-label``
or else its title, a list item's ``x-item`` noun, all translated in schema.po.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from gfmd_reports.errors import FieldPath, quoted
from gfmd_reports.i18n import _, mark, speaking
from gfmd_reports.model import report_json_schema

SEPARATOR = " › "

_FINDING_NOUNS = {
    "conclusions": mark("Conclusion"),
    "recommendations": mark("Recommendation"),
    "overall_conclusions": mark("Overall conclusion"),
}
"""A finding is named by its list, as the form names its row: “Recommendation 3” says what
“Recommendations › Item 3” does, in fewer words."""
_GROUPS = frozenset({"tags"})
"""Fields the form shows among their item's, under no heading of their own: a place inside
one names the item, then the field (“Recommendation 3 › SDG targets”)."""

_PARAGRAPH_LISTS = frozenset({"introduction", "narrative", "closing"})
"""Lists of paragraphs: “Paragraph 2” does not say which text it is in, so the list's title
comes first (“Introduction › Paragraph 2”), where “Co-chair 2” says it all."""


def place(path: FieldPath, data: Any, language: str) -> str:
    """Name the field at ``path`` of the report ``data`` (as written) in ``language``; "" for
    the report as a whole. A segment the schema does not know is named as written, in quotes."""
    with speaking(language):
        return SEPARATOR.join(_names(path, data))


def _names(path: FieldPath, data: Any) -> list[str]:
    """Each segment's name: a field's title, or a list item's noun and position in one."""
    names: list[str] = []
    schema: dict[str, Any] | None = _schema()
    value, position = data, 0
    while position < len(path):
        part = path[position]
        field = _properties(schema).get(part) if isinstance(part, str) else None
        if not isinstance(part, str) or field is None:
            names.append(quoted(part) if isinstance(part, str) else str(part + 1))
            schema, position = None, position + 1
            continue
        value = _child(value, part)
        following = path[position + 1] if position + 1 < len(path) else None
        container = _resolved(field)
        if following is not None and (item := _item_schema(container, following)) is not None:
            if part in _PARAGRAPH_LISTS:
                names.append(_(_title(field) or part))
            finding = _FINDING_NOUNS.get(str(path[position - 1])) if part == "items" else None
            if finding and names:
                names.pop()  # the list's title, which the finding's noun says
            noun = finding or field.get("x-item") or mark("Item")
            names.append(_item_name(part, noun, following, _child(value, following)))
            schema, value = _resolved(item), _child(value, following)
            position += 2
            if isinstance(following, str) and position == len(path):
                names.append(_("Text"))  # an entry of the footnotes: its id, then its text
            continue
        if part not in _GROUPS or position == len(path) - 1:
            names.append(_(_title(field) or _title(container) or part))
        schema, position = container, position + 1
    return names


def _title(field: dict[str, Any]) -> str | None:
    return field.get("x-label") or field.get("title")


def _item_name(field_name: str, noun: str, key: str | int, item: Any) -> str:
    """“Co-chair 1”, “Session 2.2” (by its number, if it has a valid one), “Footnote “3””."""
    noun = _(noun)
    noun = noun[:1].upper() + noun[1:]  # a place starts with it, as a heading does
    if isinstance(key, str):
        return f"{noun} {quoted(key)}"
    number = item.get("number") if field_name == "sessions" and isinstance(item, dict) else None
    if isinstance(number, str) and re.fullmatch(_session_number_pattern(), number):
        return f"{noun} {number}"
    return f"{noun} {key + 1}"


def _item_schema(container: dict[str, Any], key: str | int) -> dict[str, Any] | None:
    """The schema of a list's item or a mapping's entry (the footnotes'), if ``key`` is one."""
    if isinstance(key, int) and container.get("type") == "array":
        return container.get("items")
    if isinstance(key, str) and "patternProperties" in container:
        return next(iter(container["patternProperties"].values()))
    return None


def _properties(schema: dict[str, Any] | None) -> dict[str, Any]:
    return (schema or {}).get("properties", {})


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema a field's value follows: its reference followed, ``null`` left out of a
    choice, and of a text-or-fields choice (a discussion point), the fields."""
    if "$ref" in schema:
        return _resolved(_schema()["$defs"][schema["$ref"].rsplit("/", 1)[-1]])
    choices = [choice for choice in schema.get("anyOf", ()) if choice.get("type") != "null"]
    if choices:
        with_fields = [choice for choice in map(_resolved, choices) if "properties" in choice]
        return with_fields[0] if with_fields else _resolved(choices[0])
    return schema


def _child(value: Any, key: str | int) -> Any:
    if isinstance(key, str) and isinstance(value, dict):
        return value.get(key)
    if isinstance(key, int) and isinstance(value, list) and 0 <= key < len(value):
        return value[key]
    return None


@functools.cache
def _schema() -> dict[str, Any]:
    return json.loads(report_json_schema())


@functools.cache
def _session_number_pattern() -> str:
    return _schema()["$defs"]["Session"]["properties"]["number"]["pattern"]
