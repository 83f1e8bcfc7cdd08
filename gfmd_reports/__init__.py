"""gfmd-reports: draft conference rapporteur reports from validated, structured files.

The public API: ``load_report`` and ``validate_file`` read report files; ``render`` turns a
report into HTML, PDF or DOCX bytes; the model classes describe a report; every error a user
can cause is a ``ReportError``.

Each name is imported from its module when first used, so that a command (or any one module)
does not pay for the modules it does not need; type checkers see the same names imported
directly (the package is typed: ``py.typed``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers and editors see; at run time, __getattr__ below
    from gfmd_reports.errors import Problem, ReportError, ReportFileError
    from gfmd_reports.formats import FORMATS, render
    from gfmd_reports.items import ItemRecord, report_items
    from gfmd_reports.loading import Validation, load_report, validate_file, validate_text
    from gfmd_reports.model import (
        BackgroundPaper,
        DateRange,
        Discussion,
        DiscussionPoint,
        Finding,
        Findings,
        FindingTags,
        Forum,
        Participant,
        Quote,
        Rapporteur,
        Report,
        Roundtable,
        Session,
        report_json_schema,
    )
    from gfmd_reports.summary import Summary, summarize
    from gfmd_reports.themes import Theme, ThemeError, load_theme

_PUBLIC = {
    "errors": ["Problem", "ReportError", "ReportFileError"],
    "loading": ["Validation", "load_report", "validate_file", "validate_text"],
    "model": [
        "BackgroundPaper",
        "DateRange",
        "Discussion",
        "DiscussionPoint",
        "Finding",
        "Findings",
        "FindingTags",
        "Forum",
        "Participant",
        "Quote",
        "Rapporteur",
        "Report",
        "Roundtable",
        "Session",
        "report_json_schema",
    ],
    "formats": ["FORMATS", "render"],
    "items": ["ItemRecord", "report_items"],
    "summary": ["Summary", "summarize"],
    "themes": ["Theme", "ThemeError", "load_theme"],
}
_MODULE_OF = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> object:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'gfmd_reports' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"gfmd_reports.{_MODULE_OF[name]}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
