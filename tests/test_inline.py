"""The inline syntax of text fields."""

from __future__ import annotations

import pytest

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
