"""The summary line: words and speaking time."""

from __future__ import annotations

import pytest

from gfmd_reports import Report, summarize

BASE = {
    "forum": {"name": "Not counted at all", "year": 2019},
    "roundtable": {"number": 1, "title": "Two words"},
    "rapporteur": {"name": "Not Counted"},
    "sessions": [{"number": "1.1", "title": "Services", "co_chairs": [{"country": "El Salvador"}]}],
    "footnotes": {"1": "Footnotes are not read out."},
}


def _report(kind: str, closing: list[str]) -> Report:
    return Report.model_validate({**BASE, "kind": kind, "closing": closing})


def test_words_count_the_report_body_only():
    # 2 (title) + 1 (session title) + 2 (El Salvador) + 5 (closing, markup and reference dropped)
    summary = summarize(_report("general", ["Migrants’ *co-production* matters, truly.[^1]"]))
    assert (summary.kind, summary.sessions, summary.words) == ("general", 1, 9)
    assert summary.speaking_seconds is None
    assert str(summary) == "general report, 1 session, 9 words"


@pytest.mark.parametrize(
    ("extra_words", "seconds", "shown"),
    [(125, 60, "about 1 min"), (645, 300, "about 5 min"), (710, 330, "about 5 min 30 s")],
)
def test_an_oral_report_gets_its_speaking_time_at_130_words_a_minute(extra_words, seconds, shown):
    summary = summarize(_report("oral", [" ".join(["word"] * extra_words)]))
    assert summary.words == extra_words + 5
    assert summary.speaking_seconds == seconds
    assert str(summary).endswith(f", {shown} to deliver at 130 words a minute")
