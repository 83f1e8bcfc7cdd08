"""What can go wrong with a user's input, said with where it happened and how to fix it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from gfmd_reports.i18n import _, mark

Severity = Literal["error", "warning"]

STOPPED_MESSAGE = mark("Stopped: outputs already written are complete; nothing else was changed.")
"""What the command says when Ctrl-C or SIGTERM stops it, at whatever moment (said with ``_``)."""
FieldPath = tuple[str | int, ...]


def format_field_path(path: FieldPath) -> str:
    """Write a field path as a reader would: ``sessions[0].co_chairs``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return printable(text)


def quoted(text: str) -> str:
    """Quote a value or name in a message as the current language does: “3.1”, « 3.1 »."""
    return _("“{text}”", text=text)


_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def printable(text: str) -> str:
    """Show the invisible characters of a text as ``<U+200B>``: a field name or value quoted
    in a message must never move a terminal's cursor or colour it (an escape sequence could
    print "all good" over the errors), nor hide what is wrong with it."""
    if text.isprintable():
        return text
    return "".join(
        f"<U+{ord(character):04X}>"
        if unicodedata.category(character) in _UNPRINTABLE
        else character
        for character in text
    )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a report, located as precisely as the input allows."""

    source: str
    """The file name (or another label for input that came from elsewhere)."""
    field: str
    """The field path, as ``sessions[0].co_chairs``; empty for the file as a whole."""
    message: str
    severity: Severity = "error"
    line: int | None = None
    column: int | None = None
    place: str = ""
    """The field as a person names it, in the user's language: “Session 2.2 › Co-chair 1 ›
    Country”; empty for the file as a whole. The command line prints ``field``, the path its
    users find in the file; the form shows this."""

    def __str__(self) -> str:
        place = self.source
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        label = _("warning:") + " " if self.severity == "warning" else ""
        field = f"{self.field}: " if self.field else ""
        return printable(f"{place}: {label}{field}{self.message}")


def in_file_order(problems) -> list[Problem]:
    """Problems as a reader meets them in the file: by line, then column."""
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


class ReportError(Exception):
    """Base of every error a user's input can cause; its message is meant for the user."""


class ReportFileError(ReportError):
    """The report could not be read or does not hold a valid report."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
