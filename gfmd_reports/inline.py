"""The inline syntax of text fields: a small, documented subset of Markdown.

Text fields may hold ``*emphasis*``, ``**strong**`` and footnote references ``[^id]`` that
point at an entry of the report's ``footnotes``. A backslash escapes a marker (``\\*``).
Everything else — underscores, links, HTML, headings, code — stays literal text, so nothing a
rapporteur types can become markup by accident. The parser is markdown-it-py (CommonMark rules
for emphasis), restricted to these rules plus one for footnote references.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Protocol

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


class StyledText(Protocol):
    """Text that looks one way, or a footnote reference (its id as ``note``, no text)."""

    @property
    def text(self) -> str: ...
    @property
    def italic(self) -> bool: ...
    @property
    def bold(self) -> bool: ...
    @property
    def note(self) -> str | None: ...


@dataclass(frozen=True)
class _Piece:
    text: str
    italic: bool = False
    bold: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Markup:
    """Styled text written in the inline syntax."""

    source: str
    unwritten: tuple[StyledText, ...]
    """The emphasised texts whose emphasis the syntax cannot hold where they stand (a
    delimiter between punctuation and a letter does not open or close): written plain."""


_SPECIAL = re.compile(r"([\\*]|\[(?=\^))")
"""What the inline syntax would read as markup, escaped in literal text."""
_EDGE_SPACES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def styled_markup(spans: Iterable[StyledText]) -> Markup:
    """Write styled text in the inline syntax so that it parses back to the same text and
    emphasis: an emphasis whose delimiters would print is written with its edge punctuation
    outside them, or else plain and named in ``unwritten``."""
    pieces = _pieces(spans)
    forms = [0] * len(pieces)
    while True:
        written = [_written(piece, form) for piece, form in zip(pieces, forms, strict=True)]
        expected = _looks(part for parts in written for part in parts)
        source = "".join(_source(part) for parts in written for part in parts)
        wrong = _first_difference(_looks(_styled(parse_inline(source))), expected)
        if wrong is None:
            break
        owner = _owner(written, wrong, forms)
        if owner is None:
            break
        forms[owner] = 1 if forms[owner] == 0 and _core(pieces[owner].text) else 2
    unwritten = tuple(piece for piece, form in zip(pieces, forms, strict=True) if form == 2)
    return Markup(source, unwritten)


def _pieces(spans: Iterable[StyledText]) -> list[_Piece]:
    """Spans as pieces: spaces outside emphasis, runs that look the same joined."""
    pieces: list[_Piece] = []
    for span in spans:
        if span.note is not None:
            pieces.append(_Piece("", note=span.note))
            continue
        lead, words, trail = _EDGE_SPACES.match(span.text).groups()  # type: ignore[union-attr]
        for piece in (_Piece(lead), _Piece(words, span.italic, span.bold), _Piece(trail)):
            if not piece.text:
                continue
            last = pieces[-1] if pieces else None
            if (
                last
                and last.note is None
                and (last.italic, last.bold)
                == (
                    piece.italic,
                    piece.bold,
                )
            ):
                pieces[-1] = _Piece(last.text + piece.text, last.italic, last.bold)
            else:
                pieces.append(piece)
    if pieces and pieces[0].note is None:
        pieces[0] = _Piece(pieces[0].text.lstrip(), pieces[0].italic, pieces[0].bold)
    if pieces and pieces[-1].note is None:
        pieces[-1] = _Piece(pieces[-1].text.rstrip(), pieces[-1].italic, pieces[-1].bold)
    return [piece for piece in pieces if piece.text or piece.note is not None]


def _core(text: str) -> tuple[str, str, str] | None:
    """A text's punctuation before, its words, its punctuation after; None if all of it is
    punctuation."""
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PS":
        end -= 1
    return (text[:start], text[start:end], text[end:]) if start < end else None


def _written(piece: _Piece, form: int) -> list[_Piece]:
    """A piece as written: 0 as it is, 1 with its edge punctuation plain, 2 all plain."""
    if form == 0 or not (piece.italic or piece.bold):
        return [piece]
    core = _core(piece.text)
    if form == 1 and core is not None:
        before, words, after = core
        return [_Piece(before), _Piece(words, piece.italic, piece.bold), _Piece(after)]
    return [_Piece(piece.text)]


def _source(piece: _Piece) -> str:
    if piece.note is not None:
        return f"[^{piece.note}]"
    text = _SPECIAL.sub(r"\\\1", piece.text)
    delimiter = ("*" if piece.italic else "") + ("**" if piece.bold else "")
    return f"{delimiter}{text}{delimiter}" if text else ""


def _styled(spans: Sequence[Inline], italic: bool = False, bold: bool = False) -> list[_Piece]:
    pieces: list[_Piece] = []
    for span in spans:
        if isinstance(span, Text):
            pieces.append(_Piece(span.value, italic, bold))
        elif isinstance(span, FootnoteReference):
            pieces.append(_Piece("", note=span.footnote_id))
        elif isinstance(span, Emphasis):
            pieces += _styled(span.children, True, bold)
        else:
            pieces += _styled(span.children, italic, True)
    return pieces


def _looks(pieces: Iterable[_Piece]) -> list[tuple]:
    """Text as seen character by character (a space's emphasis unseen), a note as one."""
    looks: list[tuple] = []
    for piece in pieces:
        if piece.note is not None:
            looks.append(("note", piece.note))
        for character in piece.text:
            styled = not character.isspace()
            looks.append((character, piece.italic and styled, piece.bold and styled))
    return looks


def _first_difference(read: list[tuple], expected: list[tuple]) -> int | None:
    for index, (got, wanted) in enumerate(zip(read, expected, strict=False)):
        if got != wanted:
            return index
    return None if len(read) == len(expected) else min(len(read), len(expected))


def _owner(written: list[list[_Piece]], position: int, forms: list[int]) -> int | None:
    """The emphasised piece, still written with emphasis, nearest before the character at
    ``position`` of the expected text (or after it)."""
    ends, size = [], 0
    for parts in written:
        size += len(_looks(parts))
        ends.append(size)
    candidates = [i for i, parts in enumerate(written) if forms[i] < 2 and _emphasised(parts)]
    before = [i for i in candidates if (ends[i - 1] if i else 0) <= position]
    if before:
        return before[-1]
    return candidates[0] if candidates else None


def _emphasised(parts: list[_Piece]) -> bool:
    return any(part.italic or part.bold for part in parts)
