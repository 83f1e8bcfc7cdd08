"""Render a report to HTML, PDF or DOCX: HTML first, the other formats from that HTML."""

from __future__ import annotations

import datetime
from typing import Literal

from gfmd_reports.model import Report
from gfmd_reports.themes import DEFAULT_THEME, Theme, load_theme

Format = Literal["html", "pdf", "docx"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "docx")


def render(
    report: Report,
    format: Format,
    theme: Theme | None = None,
    modified: datetime.datetime | None = None,
) -> bytes:
    """Render a report in one format with a theme (by default the one the report names).

    ``modified`` dates the PDF and the DOCX; without it they carry no date, so that the same
    report always gives the same bytes.
    """
    # Each stage is imported when first used, so that `validate` never loads Jinja or WeasyPrint.
    from gfmd_reports.render.html import render_html

    theme = theme or load_theme(report.theme or DEFAULT_THEME)
    html = render_html(report, theme, modified)
    if format == "html":
        return html.encode()
    if format == "pdf":
        from gfmd_reports.render.pdf import html_to_pdf

        return html_to_pdf(html, theme)
    if format == "docx":
        from gfmd_reports.render.docx import html_to_docx

        return html_to_docx(html, theme, modified)
    raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
