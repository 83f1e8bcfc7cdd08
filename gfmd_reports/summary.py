"""Figures a rapporteur wants at a glance: length and, for a speech, how long it takes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gfmd_reports.errors import Problem, ReportError, in_file_order
from gfmd_reports.i18n import _, mark, ngettext, number
from gfmd_reports.inline import plain_text
from gfmd_reports.model import Report, ReportKind, text_values

if TYPE_CHECKING:
    from collections.abc import Callable

    from gfmd_reports.loading import Validation
    from gfmd_reports.themes import Theme

WORDS_PER_MINUTE = 130
"""A measured speaking pace for a formal statement to a plenary."""

_NOT_READ_OUT = frozenset({"forum", "rapporteur", "footnotes", "subtitle_footnote"})
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_ROUNDED_TO = 5
"""Seconds an estimate is rounded to: a pace is no more precise than that."""


def count_words(text: str) -> int:
    """Count words as a listener hears them: “co-production” and “Migrants’” are one each."""
    return len(_WORD.findall(text))


def speaking_seconds(words: int) -> int:
    """Estimate the seconds it takes to read words aloud, to the nearest 5 (at least 5)."""
    if not words:
        return 0
    estimate = round(words * 60 / WORDS_PER_MINUTE / _ROUNDED_TO) * _ROUNDED_TO
    return max(estimate, _ROUNDED_TO)


def format_duration(seconds: int) -> str:
    """Write a duration as the reading copy and `validate` show it: “35 s”, “4 min 55 s”,
    “2 min” (never “0 min”); the symbols are the same in English, French and Spanish."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


@dataclass(frozen=True)
class SpeakingTime:
    """What a reading copy reads aloud: its words, and the seconds each session and the
    whole take to read (the opening and closing words count in the whole only)."""

    words: int
    sessions: dict[str, int]
    """Seconds per session, by session number, in reading order."""
    total: int


@dataclass(frozen=True)
class Summary:
    """The length of a report and, for an oral report, its estimated speaking time."""

    kind: ReportKind
    sessions: int
    words: int
    speaking: SpeakingTime | None

    @property
    def speaking_seconds(self) -> int | None:
        return self.speaking.total if self.speaking else None

    def __str__(self) -> str:
        """Say the summary in the current language: “oral report, 1 session, 698 words, about
        5 min 20 s to deliver at 130 words a minute (session 1.2: 4 min 45 s)”."""
        words = number(self.words)
        text = ", ".join(
            (
                _(_KIND_REPORTS[self.kind]),
                ngettext("{count} session", "{count} sessions", self.sessions),
                ngettext("{words} word", "{words} words", self.words, words=words),
            )
        )
        if self.speaking is None:
            return text
        text = _(
            "{summary}, about {duration} to deliver at {pace} words a minute",
            summary=text,
            duration=format_duration(self.speaking.total),
            pace=WORDS_PER_MINUTE,
        )
        per_session = "; ".join(
            _("session {number}: {duration}", number=number, duration=format_duration(seconds))
            for number, seconds in self.speaking.sessions.items()
        )
        return f"{text} ({per_session})" if per_session else text


_KIND_REPORTS = {
    "oral": mark("oral report"),
    "session": mark("session report"),
    "general": mark("general report"),
}
"""How a summary names the kind of report."""


def summarize(report: Report, theme: Theme | None = None) -> Summary:
    """Count the words a reader or listener gets, and time an oral report's reading.

    An oral report is timed from its reading copy as ``theme`` (by default the one it names)
    renders it: every word read aloud counts, the sentences the templates write included,
    but not the footnotes, the footer or what only screen readers get. A written report
    counts the words of its body as written: what the rapporteur wrote, the forum's details,
    byline and footnotes aside.

    Raises ReportError if the theme cannot render the report, or (within ``render_limits``)
    its templates run beyond the bounds.
    """
    if report.kind == "oral":
        # Only oral reports need Jinja, and the theme.
        from gfmd_reports.formats import templates_stage
        from gfmd_reports.formats.html import time_reading
        from gfmd_reports.themes import DEFAULT_THEME, load_theme

        theme = theme or load_theme(report.theme or DEFAULT_THEME)
        with templates_stage(theme):
            speaking = time_reading(report, theme)
        return Summary(report.kind, len(report.sessions), speaking.words, speaking)
    words = sum(
        count_words(plain_text(text))
        for path, text in text_values(report)
        if path[0] not in _NOT_READ_OUT
    )
    return Summary(report.kind, len(report.sessions), words, None)


def summarize_valid(
    validation: Validation, problems: list[Problem], summarizer: Callable[[Report], Summary]
) -> tuple[Summary | None, list[Problem]]:
    """Summarize a report that has no errors, with ``summarizer``; return the summary (None
    for a report with errors) and the problems, with one more at the theme: field if the
    theme's templates cannot time the report."""
    if validation.report is None or any(problem.severity == "error" for problem in problems):
        return None, problems
    try:
        return summarizer(validation.report), problems
    except ReportError as error:
        return None, in_file_order([*problems, validation.problem(("theme",), str(error))])
