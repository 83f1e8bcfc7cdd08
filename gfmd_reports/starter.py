"""Starter report files, generated from the model so that they never fall behind it.

Every field appears with its description as a comment; every value to be written holds the
placeholder ``FILL IN``, which never validates, so a forgotten field cannot slip through.
"""

from __future__ import annotations

import json
import textwrap
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from gfmd_reports.model import (
    KIND_ONLY_FIELDS,
    KIND_REQUIRED_FIELDS,
    PLACEHOLDER_MARK,
    Finding,
    Report,
    ReportKind,
    field_descriptions,
)

_WIDTH = 96
_FIXED_VALUES = {"language": "en"}
"""Report fields the starter fills in, because they have a usual value; ``theme`` is left out,
so that the default theme applies until the user names one."""
_OMITTED = frozenset({"theme", "title", "subtitle"})
_OMITTED_FROM_SPEECHES = frozenset({"subtitle_footnote"})
"""Likewise in an oral report, which prints the subtitle's footnote only with a subtitle."""
"""Report fields whose absence is right for most reports: they stand commented out, and their
descriptions say what the theme writes instead."""
_OMITTED_EVERYWHERE = frozenset({"numbered"})
"""Fields of any part that are best left to the theme, likewise commented out."""
StarterKind = ReportKind | Literal["compilation"]
"""What a starter file may hold: a report of one kind, or a compilation of reports."""
_OPENINGS: dict[StarterKind, str] = {
    "oral": "An oral rapporteur's report, read to the plenary,",
    "session": "A rapporteur's written report on one session,",
    "general": "A general rapporteur's written report on a roundtable's sessions,",
    "compilation": "A compilation of a forum's reports into one Chair's Report,",
}


def starter_file(kind: StarterKind, schema_location: str) -> str:
    """Return the text of a commented starter YAML file for a report of this kind, or for a
    compilation (which ``compile`` checks as it compiles)."""
    command = "compile" if kind == "compilation" else "validate"
    header = [
        f"# yaml-language-server: $schema={schema_location}",
        f"# {_OPENINGS[kind]} for gfmd-reports.",
        f"# Replace every {PLACEHOLDER_MARK} with your text and delete the optional fields you do",
        f"# not need; then check the file with:  gfmd-reports {command} <this file>",
        "# Text may use *emphasis*, **strong** and footnote references such as [^1], whose",
        "# texts go under footnotes: at the end.",
        "",
    ]
    # Only a compilation's starter builds the compilation's model: not every command.
    from gfmd_reports.compilation import Compilation

    model = Compilation if kind == "compilation" else Report
    return "\n".join([*header, *_model_lines(model, 0, kind, top=True)]) + "\n"


def _model_lines(
    model: type[BaseModel], indent: int, kind: StarterKind, top: bool = False
) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        if info.alias == "$schema" or (top and kind not in KIND_ONLY_FIELDS.get(name, {kind})):
            continue
        optional = not info.is_required() and kind not in KIND_REQUIRED_FIELDS.get(name, ())
        description = field_descriptions(model).get(name) or info.description or ""
        lines += _comment(info, description, indent, optional)
        if name in _OMITTED_EVERYWHERE:
            lines.append(f"{' ' * indent}# {name}: true")
        elif top and (name in _OMITTED or (kind == "oral" and name in _OMITTED_FROM_SPEECHES)):
            lines.append(f'# {name}: "{PLACEHOLDER_MARK}"')
        elif top and name in _FIXED_VALUES:
            lines.append(f"{name}: {_FIXED_VALUES[name]}")
        else:
            lines += _field_lines(name, info, indent, kind)
    return lines


def _comment(info: FieldInfo, description: str, indent: int, optional: bool) -> list[str]:
    text = " ".join(description.split())
    if optional:
        text += " Optional."
    scalars = [example for example in info.examples or [] if isinstance(example, str | int)]
    if scalars:
        text += " Example: " + " / ".join(_shown(example) for example in scalars[:2])
    prefix = " " * indent + "# "
    return textwrap.wrap(text, _WIDTH - indent, initial_indent=prefix, subsequent_indent=prefix)


def _shown(example: str | int) -> str:
    """Write an example as YAML does: quoted where YAML would read a number, true not True."""
    if isinstance(example, bool):
        return str(example).lower()
    return (
        f'"{example}"'
        if isinstance(example, str) and example.replace(".", "").isdigit()
        else str(example)
    )


def _field_lines(name: str, info: FieldInfo, indent: int, kind: StarterKind) -> list[str]:
    pad = " " * indent
    value_type = _without_none(info.annotation)
    if name == "kind":
        return [f"{pad}kind: {kind}"]
    if _is_model(value_type):
        return [f"{pad}{name}:", *_model_lines(value_type, indent + 2, kind)]
    origin = typing.get_origin(value_type)
    if origin is list:
        (item_type,) = typing.get_args(value_type)
        if item_type is Finding:
            return [f"{pad}{name}:", f'{pad}  - "{PLACEHOLDER_MARK}"', *_item_with_data(indent + 2)]
        if _is_model(item_type):
            return [f"{pad}{name}:", *_list_item(_model_lines(item_type, indent + 4, kind), indent)]
        return [f"{pad}{name}:", f'{pad}  - "{PLACEHOLDER_MARK}"']
    if origin is dict:
        return [f"{pad}# {name}:", f'{pad}#   "1": "{PLACEHOLDER_MARK}"']
    return [f'{pad}{name}: "{PLACEHOLDER_MARK}"']


def _item_with_data(indent: int) -> list[str]:
    """Show, commented out, how an item carries its id, tags and actors: most items need none,
    and a starter item with them all would have to be cut down to be valid."""
    lines = [f'text: "{PLACEHOLDER_MARK}"', *_example_lines(Finding, skip="text")]
    pad = " " * indent
    return [
        f"{pad}# Or, with an id, tags and the actors it names (each optional):",
        f"{pad}# - {lines[0]}",
        *(f"{pad}#   {line}" for line in lines[1:]),
    ]


def _example_lines(model: type[BaseModel], skip: str) -> list[str]:
    """A model's fields, each with its first example, as YAML lines; nested models indented."""
    lines: list[str] = []
    for name, info in model.model_fields.items():
        value_type = _without_none(info.annotation)
        if name == skip:
            continue
        if _is_model(value_type):
            lines += [f"{name}:", *(f"  {line}" for line in _example_lines(value_type, skip))]
        else:
            example = (info.examples or [None])[0]
            lines.append(f"{name}: {json.dumps(example, ensure_ascii=False)}")
    return lines


def _list_item(lines: list[str], indent: int) -> list[str]:
    """Turn a mapping's lines into one list item: its first field gets the “- ”."""
    first_field = next(
        index for index, line in enumerate(lines) if not line.lstrip().startswith("#")
    )
    item = [" " * (indent + 2) + line.lstrip() for line in lines[:first_field]]
    item.append(" " * (indent + 2) + "- " + lines[first_field].lstrip())
    return item + lines[first_field + 1 :]


def _without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in {typing.Union, types.UnionType}:
        (kept,) = [
            argument for argument in typing.get_args(annotation) if argument is not type(None)
        ]
        return kept
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
