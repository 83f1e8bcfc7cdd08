"""Render a report to HTML, PDF or DOCX: HTML first, the other formats from that HTML."""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Literal

from gfmd_reports.i18n import _, mark
from gfmd_reports.limits import render_stage
from gfmd_reports.loading import report_data
from gfmd_reports.model import Report, ReportKind
from gfmd_reports.themes import DEFAULT_THEME, Theme, load_theme

Format = Literal["html", "pdf", "docx"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "docx")


def render(
    report: Report,
    format: Format,
    theme: Theme | None = None,
    modified: datetime.datetime | None = None,
    kind: ReportKind | None = None,
) -> bytes:
    """Render a report in one format with a theme (by default the one the report names).

    ``modified`` dates the PDF and the DOCX; without it they carry no date, so that the same
    report always gives the same bytes. ``kind`` renders it as another kind of report would
    be: ``"oral"`` gives the reading copy of a written report.
    """
    return render_formats(report, (format,), theme, modified, kind)[format]


def render_formats(
    report: Report,
    formats: Iterable[Format],
    theme: Theme | None = None,
    modified: datetime.datetime | None = None,
    kind: ReportKind | None = None,
) -> dict[Format, bytes]:
    """Render a report in several formats, from one rendering of its HTML page (as ``render``)."""
    # Each stage is imported when first used, so that `validate` never loads Jinja or WeasyPrint.
    from gfmd_reports.formats.html import render_html

    unknown = [format for format in formats if format not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    theme = theme or load_theme(report.theme or DEFAULT_THEME)
    with templates_stage(theme):
        html = render_html(report, theme, modified, kind)
    rendered: dict[Format, bytes] = {}
    for format in formats:
        if format == "html":
            rendered[format] = html.encode()
        elif format == "pdf":
            from gfmd_reports.formats.pdf import html_to_pdf

            with render_stage(_("laying out the PDF"), _(LONG_LAYOUT)):
                rendered[format] = html_to_pdf(html, theme)
        else:
            from gfmd_reports.formats.docx import html_to_docx

            with render_stage(_("building the Word document")):
                data = report_data(report)
                rendered[format] = html_to_docx(html, theme, modified, report=data)
    return rendered


_STAGES = {
    "html": "gfmd_reports.formats.html",
    "pdf": "gfmd_reports.formats.pdf",
    "docx": "gfmd_reports.formats.docx",
}


def load_stages(formats: Iterable[Format]) -> None:
    """Import now the stages that render ``formats``, before any report is rendered.

    Worker processes forked afterwards find them loaded, and share them, instead of each
    importing WeasyPrint and python-docx again, which took longer than rendering a report.
    """
    for format in ("html", *formats):  # every format is made from the HTML page
        importlib.import_module(_STAGES[format])


def templates_stage(theme: Theme) -> AbstractContextManager[None]:
    """Name the running of a theme's templates in the messages of the render's bounds."""
    return render_stage(
        _("running the templates of theme '{theme}'", theme=theme.name),
        _("a loop in the theme's templates is the likely cause; "),
        python_only=True,
    )


LONG_LAYOUT = mark("the theme's stylesheet may make layout slow, or the report is very long; ")
