"""The summary line: words and speaking time, counted from what is read aloud."""

from __future__ import annotations

import re

import pytest
from conftest import ORAL_EXAMPLE, ORAL_SEED, make_theme

from gfmd_reports import Report, load_report, load_theme, summarize
from gfmd_reports.i18n import speaking
from gfmd_reports.summary import format_duration, speaking_seconds

BASE = {
    "forum": {"name": "Not counted at all", "year": 2019},
    "roundtable": {"number": 1, "title": "Two words"},
    "rapporteur": {"name": "Not Counted"},
    "sessions": [{"number": "1.1", "title": "Services", "co_chairs": [{"country": "El Salvador"}]}],
    "footnotes": {"1": "Footnotes are not read out."},
}
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def _report(kind: str, closing: list[str], **fields) -> Report:
    return Report.model_validate({**BASE, "kind": kind, "closing": closing, **fields})


def _seconds_at_130_words_a_minute(words: int) -> int:
    """The pace the README states, to the nearest 5 s."""
    return round(words * 60 / 130 / 5) * 5


def _seed_words(start: str = "", end: str | None = None) -> int:
    """Count the words of the 2019 report as delivered (its seed), from ``start`` up to
    ``end``; the list dashes are not words, and one extraction artefact is mended."""
    text = ORAL_SEED.read_text(encoding="utf-8").replace("toharnessing", "to harnessing")
    text = text[text.index(start) : text.index(end) if end else None]
    return len(_WORD.findall(re.sub(r"(?m)^\s*-\s", " ", text)))


def test_a_written_report_counts_the_words_of_its_body_only():
    # 2 (title) + 1 (session title) + 2 (El Salvador) + 5 (closing, markup and reference dropped)
    summary = summarize(_report("general", ["Migrants’ *co-production* matters, truly.[^1]"]))
    assert (summary.kind, summary.sessions, summary.words) == ("general", 1, 9)
    assert summary.speaking_seconds is None
    assert str(summary) == "general report, 1 session, 9 words"


def test_an_oral_report_counts_every_word_read_aloud_the_templates_sentences_included():
    """The 2019 report as delivered is its seed: the salutations, the opening and the lead-ins
    that the templates write are words of the speech like the rest."""
    summary = summarize(load_report(ORAL_EXAMPLE))
    words = _seed_words()
    assert summary.words == words == 698
    assert summary.speaking_seconds == _seconds_at_130_words_a_minute(words) == 320
    session = _seed_words("I wish to inform", "In line with the Sustainable")
    assert summary.speaking is not None
    assert summary.speaking.sessions == {"1.2": _seconds_at_130_words_a_minute(session)}
    assert str(summary).endswith(
        ", about 5 min 20 s to deliver at 130 words a minute (session 1.2: 4 min 45 s)"
    )


def test_notes_and_their_calls_are_not_read_aloud():
    plain = summarize(_report("oral", ["We must act."]))
    cited = summarize(_report("oral", ["We must act.[^1]"]))
    assert cited.words == plain.words


def test_the_themes_wording_is_what_is_counted(tmp_path):
    wordy = summarize(_report("oral", []))
    folder = make_theme(
        tmp_path, "terse", "phrases:\n  en:\n    oral_co_chairs: Chaired by {co_chairs}.\n"
    )
    terse = summarize(_report("oral", []), load_theme(folder))
    # “The roundtable was co-chaired by” (5 words) became “Chaired by” (2 words).
    assert wordy.words - terse.words == 3


@pytest.mark.parametrize("extra_words", [1, 70, 125, 645, 710])
def test_an_oral_report_gets_its_speaking_time_at_130_words_a_minute(extra_words):
    base = summarize(_report("oral", []))
    summary = summarize(_report("oral", [" ".join(["word"] * extra_words)]))
    assert summary.words == base.words + extra_words
    assert summary.speaking_seconds == _seconds_at_130_words_a_minute(summary.words)


@pytest.mark.parametrize(
    ("seconds", "written"),
    [(0, "0 s"), (5, "5 s"), (35, "35 s"), (60, "1 min"), (120, "2 min"), (295, "4 min 55 s")],
)
def test_durations_read_as_minutes_and_seconds_never_zero_minutes(seconds, written):
    assert format_duration(seconds) == written


@pytest.mark.parametrize(("words", "seconds"), [(0, 0), (1, 5), (11, 5), (12, 5), (13, 5)])
def test_a_few_words_take_five_seconds_not_none(words, seconds):
    assert speaking_seconds(words) == seconds


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "fr",
            "rapport oral, 1 séance, 698 mots, environ 5 min 20 s de lecture à "
            "130 mots par minute (séance 1.2\u00a0: 4 min 45 s)",
        ),
        (
            "es",
            "informe oral, 1 sesión, 698 palabras, unos 5 min 20 s de lectura a "
            "130 palabras por minuto (sesión 1.2: 4 min 45 s)",
        ),
    ],
)
def test_the_summary_is_said_in_the_users_language(language, said):
    summary = summarize(load_report(ORAL_EXAMPLE))
    with speaking(language):
        assert str(summary) == said


def test_a_count_is_written_as_the_users_language_writes_numbers():
    report = Report.model_validate({**BASE, "kind": "general", "closing": ["word " * 1239]})
    summary = summarize(report)
    with speaking("fr"):
        assert str(summary).endswith(", 1 séance, 1\u202f244 mots")
    with speaking("es"):
        assert str(summary).endswith(", 1 sesión, 1.244 palabras")
