"""The inline syntax of text fields."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gfmd_reports.inline import (
    MAX_EMPHASIS_DEPTH,
    Emphasis,
    FootnoteReference,
    MarkupError,
    Strong,
    Text,
    footnote_references,
    parse_inline,
    plain_text,
    styled_markup,
)


def test_emphasis_strong_and_footnotes_are_parsed():
    assert parse_inline("A *new* **and *bold*** report[^1].") == (
        Text("A "),
        Emphasis((Text("new"),)),
        Text(" "),
        Strong((Text("and "), Emphasis((Text("bold"),)))),
        Text(" report"),
        FootnoteReference("1"),
        Text("."),
    )


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[a link](javascript:alert(1))",
        "![image](file:///etc/passwd)",
        "# not a heading",
        "`not code`",
        "{{ not.a.template }}",
        "&amp; stays as typed",
        "https://example.org stays text",
    ],
)
def test_everything_else_stays_literal_text(source):
    assert parse_inline(source) == (Text(source),)


def test_a_backslash_escapes_a_marker():
    assert parse_inline(r"2 \* 3 \[^1]") == (Text("2 * 3 [^1]"),)


@pytest.mark.parametrize("source", ["a_b_c", "_not emphasis_", "__init__", "x __y__ z"])
def test_underscores_are_literal(source):
    assert parse_inline(source) == (Text(source),)


def test_footnote_references_and_plain_text():
    source = "General Rapporteur’s Report[^prelim] and *more*[^2-b]"
    assert footnote_references(source) == ["prelim", "2-b"]
    assert plain_text(source) == "General Rapporteur’s Report and more"


def test_a_malformed_footnote_reference_is_text():
    assert footnote_references("see [^two words]") == []


@pytest.mark.parametrize(
    "source",
    [
        "",
        "Plain words, with punctuation: “quotes”, (brackets) [and] these.",
        "a_b __init__ #1 <b>x</b> & 2 > 1",
        "two\nlines",
        "Thank you Chair.",
    ],
)
def test_text_without_markers_skips_the_parser_with_the_same_result(source):
    from gfmd_reports.inline import _parse_markup

    assert parse_inline(source) == _parse_markup(source)


def test_a_footnote_id_may_hold_underscores():
    """Found by the property tests: underscores were escaped inside the reference too."""
    spans = parse_inline("Services[^cost_note] and a_b")
    assert FootnoteReference("cost_note") in spans
    assert plain_text("Services[^cost_note] and a_b") == "Services and a_b"


def test_emphasis_nested_within_bounds_is_parsed():
    nested = "*" * MAX_EMPHASIS_DEPTH + "deep" + "*" * MAX_EMPHASIS_DEPTH
    assert plain_text(nested) == "deep"


@pytest.mark.parametrize(
    "source",
    ["*" * 1000 + "x" + "*" * 1000, "*a " * 1000 + "x" + " b*" * 1000],
    ids=["stars", "words"],
)
def test_emphasis_nested_a_thousand_deep_is_refused_not_a_crash(source):
    """Found by an audit: validation said valid, and rendering exhausted the stack."""
    with pytest.raises(MarkupError, match="puts emphasis inside emphasis more than 10 times"):
        parse_inline(source)


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False
    bold: bool = False
    note: str | None = None


def seen(spans, italic=False, bold=False) -> list[tuple]:
    """A parsed text character by character with its emphasis (a space's unseen), a
    footnote reference as one."""
    looks = []
    for span in spans:
        if isinstance(span, Text):
            looks += [(c, italic and not c.isspace(), bold and not c.isspace()) for c in span.value]
        elif isinstance(span, FootnoteReference):
            looks.append(("note", span.footnote_id))
        else:
            looks += seen(
                span.children,
                italic or isinstance(span, Emphasis),
                bold or isinstance(span, Strong),
            )
    return looks


@pytest.mark.parametrize(
    ("runs", "source"),
    [
        ([Run("Migrants’", italic=True), Run("s view")], "*Migrants*’s view"),
        ([Run("word"), Run("(sic)", italic=True)], "word(*sic*)"),
        ([Run("etc.", italic=True), Run("next")], "*etc*.next"),
        ([Run("“quoted”", italic=True), Run("and")], "“*quoted*”and"),
        (
            [Run("see "), Run("Note", bold=True), Run("", note="3"), Run(" a*b")],
            "see **Note**[^3] a\\*b",
        ),
    ],
)
def test_emphasis_beside_punctuation_and_a_letter_is_written_to_read_back(runs, source):
    assert styled_markup(runs).source == source
    assert styled_markup(runs).unwritten == ()


def test_emphasis_the_syntax_cannot_hold_is_written_plain_and_named():
    runs = [Run("a"), Run("…", italic=True), Run("b")]
    markup = styled_markup(runs)
    assert markup.source == "a…b"
    assert [run.text for run in markup.unwritten] == ["…"]


_RUN_TEXT = st.text(alphabet="ab xy*_\\[]^().,;’“”…-\t", max_size=8)
_RUNS = st.lists(
    st.one_of(
        st.builds(Run, _RUN_TEXT, st.booleans(), st.booleans()),
        st.builds(Run, st.just(""), note=st.sampled_from(["1", "note-2", "a_b"])),
    ),
    max_size=6,
)


@given(runs=_RUNS)
def test_styled_text_written_in_the_syntax_parses_back_to_the_same_text_and_emphasis(runs):
    markup = styled_markup(runs)
    read = seen(parse_inline(markup.source))
    wanted = []
    for run in runs:
        if run.note is not None:
            wanted.append(("note", run.note))
        else:
            wanted += [(c, run.italic, run.bold, run) for c in run.text]
    while wanted and wanted[0][0].isspace():
        wanted.pop(0)
    while wanted and wanted[-1][0].isspace():
        wanted.pop()
    assert [look[:2] if look[0] == "note" else look[0] for look in read] == [
        want[:2] if want[0] == "note" else want[0] for want in wanted
    ]
    unwritten = " ".join(piece.text for piece in markup.unwritten)
    for look, want in zip(read, wanted, strict=True):
        if want[0] == "note" or want[0].isspace():
            continue
        if unicodedata.category(want[0])[0] in "PS" and look[1:] == (False, False):
            continue  # edge punctuation written outside the emphasis
        assert look[1:] == want[1:3] or want[3].text.strip() in unwritten
