"""Compare a rendered report's text with the seed it was transcribed from, word by word.

Only what extraction cannot carry is set aside: whitespace, list markers (“•”, “-”, “1.”
drawn by CSS or Word numbering, present in the seeds' text), the footnotes (printed wherever
the page ends, so compared on their own), the reading-time marks of the oral report (not
read aloud, so not in the seed), and the one mended extraction artefact.
"""

from __future__ import annotations

import re
from pathlib import Path

from formats.documents import pdf_pages

MENDS = {"toharnessing": "to harnessing"}
_LIST_MARKER = re.compile(r"^[ \t]*(?:[•\-–]|\d+\.)[ \t]+", re.MULTILINE)
_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Split text into words and punctuation marks, without list markers."""
    return _TOKEN.findall(_LIST_MARKER.sub("", text))


def seed_text(seed: Path) -> str:
    text = seed.read_text(encoding="utf-8")
    for artefact, mended in MENDS.items():
        text = text.replace(artefact, mended)
    return text


def without_notes(text: str, notes: list[str]) -> str:
    """Remove each footnote (its number and text) from text, wherever a page put it."""
    for number, note in enumerate(notes, 1):
        words = r"\s+".join(re.escape(word) for word in note.split())
        # The number may stand apart: LibreOffice raises the marker onto a line of its own.
        text, found = re.subn(rf"(?m)^\s*(?:{number}\s+)?{words}", " ", text, count=1)
        assert found, f"footnote {number} is missing: {note!r}"
    return text


_DURATION = r"(?:\d+ min(?: \d+ s)?|\d+ s)"
_SESSION_TIME = re.compile(rf"(?<!Total )Reading time: {_DURATION}")
_TOTAL_TIME = re.compile(rf"Total reading time: {_DURATION}")


def without_reading_times(text: str, sessions: int) -> str:
    """Remove the reading-time marks of an oral report's reading copy, which nobody reads
    aloud: one after each session and the total at the end, wherever the page put them."""
    text, after_sessions = _SESSION_TIME.subn(" ", text)
    text, totals = _TOTAL_TIME.subn(" ", text)
    assert (after_sessions, totals) == (sessions, 1), "a reading-time mark is missing"
    return text


def first_difference(expected: list[str], actual: list[str]) -> str | None:
    """Describe where two token lists first differ, with context; None if they are equal."""
    for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if want != got:
            return (
                f"at word {index}: expected …{' '.join(expected[max(0, index - 8) : index + 8])}…"
                f" but got …{' '.join(actual[max(0, index - 8) : index + 8])}…"
            )
    if len(expected) != len(actual):
        shorter = min(len(expected), len(actual))
        return (
            f"lengths differ ({len(expected)} expected, {len(actual)} got); "
            f"expected ends …{' '.join(expected[shorter : shorter + 12])}, "
            f"got ends …{' '.join(actual[shorter : shorter + 12])}"
        )
    return None


def pdf_text(pdf: Path, bottom_margin_mm: float = 25) -> str:
    """Extract a PDF's text in layout order (which keeps real hyphens at line ends), without
    the bottom margin (the running footer: forum, dates, chairs, page number, on one line or
    two), rejoining words WeasyPrint hyphenated."""
    pages = pdf_pages(pdf, bottom_margin_mm * 72 / 25.4)
    # WeasyPrint hyphenates with U+2010, which the reports never use themselves.
    return re.sub("\u2010\n\\s*", "", "\n".join(pages))
