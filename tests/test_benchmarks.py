"""The benchmark's own arithmetic and likeness checks, on small inputs: what it prints must be
right whatever machine it runs on. (Nothing here times anything.)"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

import docx
import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _benchmark_module(name: str):
    """A module of benchmarks/, which is a folder of scripts, not a package."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


measure = _benchmark_module("measure")
peers = _benchmark_module("peers")


def test_the_95th_percentile_is_a_measured_value_by_nearest_rank():
    values = [index / 100 for index in range(20, 0, -1)]  # 0.20 … 0.01, unsorted
    assert measure.percentile(values, 0.95) == 0.19
    assert measure.percentile(values, 0.50) == 0.10
    assert measure.percentile([0.3], 0.95) == 0.3


def test_the_ratio_is_the_median_of_the_pairs_ratios_not_a_ratio_of_medians():
    ours, theirs = [2.0, 4.0, 6.0], [1.0, 1.0, 3.0]  # ratios 2, 4, 2; medians 4 / 1
    assert measure.paired_ratio(ours, theirs) == 2.0


def test_runs_that_do_not_pair_are_refused():
    with pytest.raises(ValueError, match="runs do not pair: 2 against 3"):
        measure.paired_ratio([1.0, 2.0], [1.0, 2.0, 3.0])


def test_a_spread_shows_the_median_and_the_extremes_in_fitting_units():
    assert measure.spread([0.3, 0.1, 0.2]) == "200 ms (100 ms–300 ms)"
    assert measure.spread([1.5, 0.9, 2.25]) == "1.50 s (900 ms–2.25 s)"
    assert measure.typical([0.1, 0.2, 5.0], "max") == 5.0


@pytest.mark.parametrize(
    ("goal", "shown", "met", "missed"),
    [
        (measure.Goal(0.7, "×"), "≤ 0.70×", 0.7, 0.71),
        (measure.Goal(0.1, "s"), "≤ 100 ms", 0.099, 0.101),
        (measure.Goal(250, "MB"), "≤ 250 MB", 178, 251),
    ],
)
def test_a_goal_says_its_bound_and_whether_a_figure_meets_it(goal, shown, met, missed):
    assert str(goal) == shown
    assert measure.verdict(goal, met) == "meets"
    assert measure.verdict(goal, missed) == "MISSES"
    assert measure.verdict(None, missed) == ""


def test_pss_is_read_from_smaps_rollup():
    rollup = (
        "55d1c8a1e000-7ffd2b9f5000 ---p 00000000 00:00 0  [rollup]\n"
        "Rss:               20480 kB\nPss:               12345 kB\nPss_Anon:   8000 kB\n"
    )
    assert measure.pss_kilobytes(rollup) == 12345
    assert measure.pss_kilobytes(Path("/proc/self/smaps_rollup").read_text()) > 1000
    with pytest.raises(ValueError, match="no Pss line"):
        measure.pss_kilobytes("Rss: 1 kB\n")


def test_words_are_counted_as_a_reader_counts_them():
    assert measure.word_count("Migrants’ rights, co-production: 2019 — “decent work”.") == 6


def test_counts_within_the_tolerance_are_alike_and_others_are_said_not_to_be():
    assert measure.likeness({"ours": 100, "pandoc": 104}, 0.05) == "alike (ours 100, pandoc 104)"
    assert measure.likeness({"ours": 100, "pandoc": 110}, 0.05) == (
        "NOT alike (ours 100, pandoc 110)"
    )
    checks = [("words", {"a": 1000, "b": 1010}, 0.05), ("pages", {"a": 4, "b": 5}, 0.0)]
    assert measure.equivalence(checks) == (
        "words alike (a 1,000, b 1,010); pages NOT alike (a 4, b 5)"
    )


PAGE = """<!DOCTYPE html><html lang="en"><head><title>GFMD 2014 – Report</title>
<style>p { color: black }</style></head><body>
<footer class="forum">Seventh GFMD Summit, Stockholm</footer>
<h1 class="for-screen-readers">Not printed</h1>
<h1 class="title">Round Table 3</h1>
<p class="subtitle">Report<sup class="footnote-ref"><a href="#fn1" id="fnref1">1</a></sup></p>
<section class="session"><h2>Roundtable 3.1</h2>
<p>Rights &amp; <em>decent <strong>work</strong></em> for all.</p>
<ul class="bullets"><li>One</li><li>Two *starred*</li></ul><ol><li>First</li></ol></section>
<section class="footnotes"><ol><li id="fn1">A preliminary report, <em>not final</em>.
<a href="#fnref1" class="footnote-back">↩</a></li></ol></section>
</body></html>"""


def test_a_rendered_page_is_read_into_blocks_in_word_styles_and_footnotes():
    content = peers.content_of(PAGE)
    assert [(block.style, peers.plain(block.runs)) for block in content.blocks] == [
        ("Normal", "Seventh GFMD Summit, Stockholm"),
        ("Title", "Round Table 3"),
        ("Normal", "Report1"),
        ("Heading 1", "Roundtable 3.1"),
        ("Normal", "Rights & decent work for all."),
        ("List Bullet", "One"),
        ("List Bullet", "Two *starred*"),
        ("List Number", "First"),
    ]
    assert content.blocks[2].runs == [peers.Run("Report"), peers.Run("1", note=True)]
    assert content.blocks[4].runs == [
        peers.Run("Rights & "),
        peers.Run("decent ", italic=True),
        peers.Run("work", italic=True, bold=True),
        peers.Run(" for all."),
    ]
    assert [peers.plain(note) for note in content.notes] == ["A preliminary report, not final."]
    assert content.title == "GFMD 2014 – Report"


def test_the_markdown_for_pandoc_has_real_footnotes_and_escapes_its_own_signs():
    assert peers.markdown_of(peers.content_of(PAGE)) == (
        "Seventh GFMD Summit, Stockholm\n\n"
        "# Round Table 3\n\n"
        "Report[^1]\n\n"
        "## Roundtable 3.1\n\n"
        "Rights & *decent* ***work*** for all.\n\n"
        "- One\n\n"
        "- Two \\*starred\\*\n\n"
        "1. First\n\n"
        "[^1]: A preliminary report, *not final*.\n"
    )


def test_a_docx_text_holds_its_paragraphs_notes_and_footer_unescaped():
    document = docx.Document()
    document.add_paragraph("Rights & <duties>")
    document.add_paragraph("in two ").add_run("runs")
    document.sections[0].footer.paragraphs[0].text = "Seventh GFMD Summit"
    data = io.BytesIO()
    document.save(data)
    lines = [line for line in peers.docx_text(data.getvalue()).splitlines() if line]
    assert lines == ["Rights & <duties>", "in two runs", "Seventh GFMD Summit"]


def test_a_pdfs_text_has_its_running_footer_once_and_its_hyphenated_words_whole():
    pdf_text = (
        "Title\nA long docu\u2010\nment.\nForum line\n1\n\f"
        "More text, co-\nproduction.\nForum line\n2\n\f"
    )
    assert peers.flowing(pdf_text) == (
        "Forum line\nTitle\nA long document.\n1\nMore text, coproduction.\n2"
    )
    assert peers.flowing("One page\nForum line\n\f") == "One page\nForum line"


def test_a_footnote_is_found_by_its_first_words_wherever_the_lines_break():
    content = peers.content_of(PAGE)
    assert peers.notes_found("text\n1 A preliminary\nreport, not final.", content) == 1
    assert peers.notes_found("text without the note", content) == 0


def test_the_jinja_peer_writes_the_same_words_escaped():
    content = peers.content_of(PAGE)
    page = peers.jinja_page()(content)
    assert "<p>Rights &amp; <em>decent </em><em><strong>work</strong></em> for all.</p>" in page
    read = peers.content_of(page.replace("<li>", "<p>").replace("</li>", "</p>"))
    words = [peers.plain(block.runs) for block in read.blocks]
    assert words == [peers.plain(block.runs) for block in content.blocks] + [
        "A preliminary report, not final."
    ]
