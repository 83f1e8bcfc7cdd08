"""gfmd-reports: draft conference rapporteur reports from validated, structured files.

The public API: ``load_report`` and ``validate_file`` read report files; ``render`` turns a
report into HTML, PDF or DOCX bytes; the model classes describe a report; every error a user
can cause is a ``ReportError``.
"""

from gfmd_reports.errors import Problem, ReportError, ReportFileError
from gfmd_reports.loading import Validation, load_report, validate_file, validate_text
from gfmd_reports.model import (
    BackgroundPaper,
    DateRange,
    Discussion,
    DiscussionPoint,
    Findings,
    Forum,
    Participant,
    Quote,
    Rapporteur,
    Report,
    Roundtable,
    Session,
    report_json_schema,
)
from gfmd_reports.render import FORMATS, render
from gfmd_reports.summary import Summary, summarize
from gfmd_reports.themes import Theme, load_theme

__all__ = [
    "FORMATS",
    "BackgroundPaper",
    "DateRange",
    "Discussion",
    "DiscussionPoint",
    "Findings",
    "Forum",
    "Participant",
    "Problem",
    "Quote",
    "Rapporteur",
    "Report",
    "ReportError",
    "ReportFileError",
    "Roundtable",
    "Session",
    "Summary",
    "Theme",
    "Validation",
    "load_report",
    "load_theme",
    "render",
    "report_json_schema",
    "summarize",
    "validate_file",
    "validate_text",
]
