"""The inline syntax of text fields: a small, documented subset of Markdown.

Text fields may hold ``*emphasis*``, ``**strong**`` and footnote references ``[^id]`` that
point at an entry of the report's ``footnotes``. A backslash escapes a marker (``\\*``).
Everything else — underscores, links, HTML, headings, code — stays literal text, so nothing a
rapporteur types can become markup by accident. The parser is markdown-it-py (CommonMark rules
for emphasis), restricted to these rules plus one for footnote references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import _
from gfmd_reports.model import FOOTNOTE_ID_PATTERN

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

_FOOTNOTE_REFERENCE = re.compile(rf"\[\^({FOOTNOTE_ID_PATTERN})\]")


@dataclass(frozen=True)
class Text:
    """Literal text."""

    value: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised text, usually set in italics."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strongly emphasised text, usually set in bold."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class FootnoteReference:
    """A reference to the report footnote with this id."""

    footnote_id: str


Inline = Text | Emphasis | Strong | FootnoteReference

MAX_EMPHASIS_DEPTH = 10
"""Bound on emphasis within emphasis: a text needs two levels (***both***); a thousand
would exhaust the stack of every stage that reads the text."""


class MarkupError(ReportError):
    """A text's inline syntax cannot be printed as written."""


def _footnote_reference_rule(state: StateInline, silent: bool) -> bool:
    match = _FOOTNOTE_REFERENCE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("footnote_reference", "", 0)
        token.meta = {"id": match.group(1)}
    state.pos = match.end()
    return True


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # loaded only for text that has markup

    parser = MarkdownIt("zero").enable(["emphasis", "escape"])
    parser.inline.ruler.before("emphasis", "footnote_reference", _footnote_reference_rule)
    return parser


_MARKERS = re.compile(r"[*\\]|\[\^")
"""What can start markup; text without any of it is literal as it stands."""


def parse_inline(source: str) -> tuple[Inline, ...]:
    """Parse a text field into literal text, emphasis, strong emphasis and footnote references.

    Raises MarkupError for emphasis nested beyond MAX_EMPHASIS_DEPTH.
    """
    if not _MARKERS.search(source):
        return (Text(source),) if source else ()
    return _parse_markup(source)


_UNDERSCORE_OUTSIDE_REFERENCES = re.compile(r"(\[\^[^\]\s]*\])|_")


def _parse_markup(source: str) -> tuple[Inline, ...]:
    children = []
    # Underscores stay literal: "__init__" or "a__b" must not turn into strong emphasis; those
    # inside a footnote reference belong to its id ([^cost_note]).
    escaped = _UNDERSCORE_OUTSIDE_REFERENCES.sub(lambda match: match.group(1) or "\\_", source)
    for token in _parser().parseInline(escaped):
        children.extend(token.children or [])
    return _build(iter(children), closing=None, depth=0)


def _build(tokens, closing: str | None, depth: int) -> tuple[Inline, ...]:
    if depth > MAX_EMPHASIS_DEPTH:
        raise MarkupError(
            _(
                "puts emphasis inside emphasis more than {most} times (*…* or **…** within each "
                "other): remove the extra asterisks, or write \\* for an asterisk that should "
                "be printed",
                most=MAX_EMPHASIS_DEPTH,
            )
        )
    spans: list[Inline] = []
    for token in tokens:
        if token.type == closing:
            break
        if token.type == "em_open":
            spans.append(Emphasis(_build(tokens, "em_close", depth + 1)))
        elif token.type == "strong_open":
            spans.append(Strong(_build(tokens, "strong_close", depth + 1)))
        elif token.type == "footnote_reference":
            spans.append(FootnoteReference(token.meta["id"]))
        elif spans and isinstance(spans[-1], Text):
            spans[-1] = Text(spans[-1].value + token.content)
        else:
            spans.append(Text(token.content))
    return tuple(spans)


def footnote_references(source: str) -> list[str]:
    """Return the ids of the footnotes a text field refers to, in order."""
    return [
        span.footnote_id
        for span in _walk(parse_inline(source))
        if isinstance(span, FootnoteReference)
    ]


def plain_text(source: str) -> str:
    """Return the words of a text field without markup or footnote references."""
    return "".join(span.value for span in _walk(parse_inline(source)) if isinstance(span, Text))


def text_with_calls(source: str, call: str) -> str:
    """Return the words of a text field with ``call`` where each footnote reference is, as a
    document shows them."""
    return "".join(
        span.value if isinstance(span, Text) else call
        for span in _walk(parse_inline(source))
        if isinstance(span, Text | FootnoteReference)
    )


def _walk(spans: tuple[Inline, ...]):
    for span in spans:
        yield span
        if isinstance(span, Emphasis | Strong):
            yield from _walk(span.children)
