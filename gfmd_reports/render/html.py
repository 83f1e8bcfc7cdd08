"""Report + theme → a standalone, semantic HTML page: the one rendering all formats start from.

Templates run in Jinja's sandbox with autoescaping and ``StrictUndefined``: text from a report
can never become markup, and a misspelt variable in a template is an error, not a blank.
Footnotes are numbered in the order the page cites them; the page links each call to its note
in a closing ``<section class="footnotes">``, which the PDF and DOCX stages turn into real
footnotes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from gfmd_reports.errors import ReportError
from gfmd_reports.inline import Emphasis, FootnoteReference, Inline, Strong, parse_inline
from gfmd_reports.model import Participant, Report
from gfmd_reports.themes import Theme

NO_BREAK_SPACE = "\u00a0"


class Footnotes:
    """The notes a page cites, numbered in citation order."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts
        self._numbers: dict[str, int] = {}
        self.entries: list[tuple[int, str]] = []

    def cite(self, key: str, text: str | None = None) -> int:
        """Return the number of a note, numbering it on its first citation."""
        if key not in self._numbers:
            self._numbers[key] = len(self.entries) + 1
            self.entries.append((self._numbers[key], self._texts[key] if text is None else text))
        return self._numbers[key]


def render_html(report: Report, theme: Theme, modified: datetime.datetime | None = None) -> str:
    """Render a report to a standalone HTML page with the theme's template for its kind.

    ``modified`` becomes the page's ``dcterms.modified`` date (and so the PDF's), if given.
    """
    template_name = f"{report.kind}.html"
    environment = _environment(theme.folder)
    try:
        template = environment.get_template(template_name)
        return template.render(
            report=report,
            tokens=theme.tokens,
            notes=Footnotes(dict(report.footnotes)),
            modified=modified.isoformat() if modified else None,
        )
    except TemplateSyntaxError as error:
        raise ReportError(
            f"{error.filename}:{error.lineno}: template error: {error.message}"
        ) from error
    except TemplateError as error:
        raise ReportError(f"{theme.folder / template_name}: template error: {error}") from error


@cache
def _environment(folder: Path) -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(text=_text, person=_person, join_and=_join_and)
    environment.globals.update(footnote=_footnote)
    return environment


@pass_context
def _text(context: Context, source: str) -> Markup:
    """Render a text field's inline syntax as HTML."""
    return _inline_html(parse_inline(source), context["notes"])


def _inline_html(spans: Iterable[Inline], notes: Footnotes) -> Markup:
    html = Markup()
    for span in spans:
        if isinstance(span, Emphasis):
            html += Markup("<em>%s</em>") % _inline_html(span.children, notes)
        elif isinstance(span, Strong):
            html += Markup("<strong>%s</strong>") % _inline_html(span.children, notes)
        elif isinstance(span, FootnoteReference):
            html += _note_call(notes.cite(span.footnote_id))
        else:
            html += escape(span.value)
    return html


def _note_call(number: int) -> Markup:
    return Markup(
        '<sup class="footnote-ref"><a href="#fn{0}" id="fnref{0}" role="doc-noteref">{0}</a></sup>'
    ).format(number)


@pass_context
def _footnote(context: Context, text: str | None) -> Markup:
    """Cite a note that belongs to generated words (the subtitle's), or nothing without text."""
    if not text:
        return Markup()
    notes: Footnotes = context["notes"]
    return _note_call(notes.cite(f":{text}", text))  # ":" cannot start a footnote id


@pass_context
def _person(context: Context, participant: Participant) -> Markup:
    """Write a participant as printed: “H.E.\u00a0Name, Position, Organisation, Country”."""
    notes = context["notes"]
    name = escape(participant.name or "")
    if participant.honorific and participant.name:
        name = escape(participant.honorific) + NO_BREAK_SPACE + name
    parts = [name] if name else []
    for text in (participant.position, participant.organisation):
        if text:
            parts.append(_inline_html(parse_inline(text), notes))
    if participant.country:
        parts.append(escape(participant.country))
    return Markup(", ").join(parts)


def _join_and(items: Iterable[str], conjunction: str = "and") -> Markup:
    """Join items as prose: “A and B”, “A, B and C”; “A, and B” when items hold commas."""
    items = [escape(item) for item in items]
    if len(items) < 2:
        return Markup("").join(items)
    serial = any("," in item for item in items)
    last = Markup(f"{',' if serial else ''} {escape(conjunction)} ") + items[-1]
    return Markup(", ").join(items[:-1]) + last
