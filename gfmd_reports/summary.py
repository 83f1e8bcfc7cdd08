"""Figures a rapporteur wants at a glance: length and, for a speech, how long it takes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gfmd_reports.inline import plain_text
from gfmd_reports.model import Report, ReportKind, text_values

WORDS_PER_MINUTE = 130
"""A measured speaking pace for a formal statement to a plenary."""

_NOT_READ_OUT = frozenset({"forum", "rapporteur", "footnotes", "subtitle_footnote"})
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True)
class Summary:
    """The length of a report and, for an oral report, its estimated speaking time."""

    kind: ReportKind
    sessions: int
    words: int
    speaking_seconds: int | None

    def __str__(self) -> str:
        sessions = f"{self.sessions} session{'s' if self.sessions != 1 else ''}"
        text = f"{self.kind} report, {sessions}, {self.words:,} words"
        if self.speaking_seconds is not None:
            minutes, seconds = divmod(self.speaking_seconds, 60)
            duration = f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
            text += f", about {duration} to deliver at {WORDS_PER_MINUTE} words a minute"
        return text


def summarize(report: Report) -> Summary:
    """Count the words a reader or listener gets (not the forum details, byline or footnotes).

    The count covers what the rapporteur wrote; the sentences that the templates add (such as
    “The Co-chairs were …”) are counted only through the names and titles they contain.
    """
    words = sum(
        len(_WORD.findall(plain_text(text)))
        for path, text in text_values(report)
        if path[0] not in _NOT_READ_OUT
    )
    speaking = None
    if report.kind == "oral":
        speaking = round(words * 60 / WORDS_PER_MINUTE / 5) * 5
    return Summary(report.kind, len(report.sessions), words, speaking)
