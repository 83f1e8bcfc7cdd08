"""Typography by language: the quotation marks, apostrophes and spaces a language prints, in
every text of a rendered page, the rapporteur's and the theme's alike.

A rapporteur types on a keyboard: straight quotes and apostrophes, and in French an ordinary
space, or none, inside « » and before : ; ! ?. The page prints what the language writes:

- English, and Spanish as the United Nations write it: “ ” and, within them, ‘ ’;
- French: « » and, within them, “ ”; a no-break space (U+00A0) inside « » and before a colon,
  and before ; ! ? a narrow one (U+202F), or U+00A0 with the theme token
  ``french_spacing: normal``. A space typed there, ordinary or no-break, is replaced; where
  none is typed, one is added only where the mark ends a word: 10:30, 3:1, http:// and a ?
  inside a word stay as typed;
- a straight apostrophe is ’ (‘ where it opens a quotation, as in 'so-called').

Text typed like code is left exactly as typed: a word holding ``< > = { } \\``, a backtick or
``://``, and everything between backticks or between braces. Languages other than these three
are left as typed. Only the page changes, never the report's data.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import escape

from gfmd_reports.formats.contract import PHRASING

FrenchSpacing = Literal["narrow", "normal"]
NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"


@dataclass(frozen=True)
class _Marks:
    """The quotation marks of a language: outer and inner pairs, and whether French spacing
    applies."""

    outer: tuple[str, str]
    inner: tuple[str, str]
    french: bool = False


_LANGUAGES = {
    "en": _Marks(("“", "”"), ("‘", "’")),
    "es": _Marks(("“", "”"), ("‘", "’")),
    "fr": _Marks(("«", "»"), ("“", "”"), french=True),
}
_PAIRS = {"«": "»", "“": "”"}
"""Typed double quotation marks, which a straight quote within them nests in."""

_SPACES = " \t\n\r\f" + NO_BREAK_SPACE + NARROW_NO_BREAK_SPACE + "\u2009"
"""Spaces that French typography replaces where it puts a no-break space."""
_OPENING = "([{«“‘‹—–"
"""After one of these (or a space), a quotation mark opens."""
_CLOSING = ".,;:!?)]}»”’›…"
"""Before one of these (or a space), a quotation mark closes."""
_WORD_END = ")]}»”’›.…%"
"""After a letter, a digit or one of these, a French : ; ! ? ends a word."""
_AFTER_WORD = ")]}»”’›.,…!?"
"""A French : ; ! ? followed by a space, the end of the text or one of these ends a word."""

_CANDIDATES = {False: re.compile("[\"']"), True: re.compile("[\"'«»;:!?]")}
"""What the typography of a language, with French spacing or without, may change."""
_QUOTATION_MARKS = re.compile("[\"'«»“”]")
_FRENCH_MARKS = re.compile("[«»;:!?]")
_CODE_WORD = re.compile(r"[<>={}`\\]|://")
_WORD = re.compile(r"\S+")
_CODE_SPAN = re.compile(r"`[^`]*`|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
"""Text between backticks, as in Markdown, or between braces (one pair within another, as in
{{ … }}, included)."""


def typeset(segments: Sequence[str], language: str, spacing: FrenchSpacing) -> list[str]:
    """Typeset a run of text as ``language`` prints it, its segments (text between inline
    elements) as one text, and return the segments so typeset.

    ``language`` is a language tag: "fr-CA" is French; a language other than English, French
    and Spanish is returned as it is.
    """
    marks = _LANGUAGES.get(language.split("-")[0].lower())
    text = "".join(segments)
    if marks is None or not _CANDIDATES[marks.french].search(text):
        return list(segments)
    code = _code_positions(text)
    converted = _convert_quotes(text, marks, code)
    printed = list(converted)
    if marks.french:
        _space_french(converted, printed, code, spacing)
    return _split_like(printed, segments)


def _code_positions(text: str) -> set[int]:
    """The positions of the text typed like code, which is printed as typed."""
    words = (word for word in _WORD.finditer(text) if _CODE_WORD.search(word.group()))
    spans = _CODE_SPAN.finditer(text)
    return {position for code in (*words, *spans) for position in range(*code.span())}


def _convert_quotes(text: str, marks: _Marks, code: set[int]) -> str:
    """Turn straight quotes and apostrophes into the language's, one character for one.

    A straight double quote opens after a space or an opening mark and closes before a space
    or punctuation; between two spaces it closes the one a straight quote opened last. Within
    a quotation it takes the inner pair.
    """
    characters = list(text)
    opened: list[tuple[str, bool]] = []  # (closing mark, opened by a straight quote)
    for match in _QUOTATION_MARKS.finditer(text):
        index, character = match.start(), match.group()
        if index in code:
            continue
        before = characters[index - 1] if index else " "  # as converted
        after = text[index + 1] if index + 1 < len(text) else " "
        if character in _PAIRS:
            opened.append((_PAIRS[character], False))
        elif opened and character == opened[-1][0]:
            opened.pop()
        elif character == "'":
            opens = (before.isspace() or before in _OPENING) and after.isalpha()
            characters[index] = "‘" if opens else "’"
        elif character == '"':
            characters[index] = _double_quote(before, after, marks, opened)
    return "".join(characters)


def _double_quote(before: str, after: str, marks: _Marks, opened: list[tuple[str, bool]]) -> str:
    """The mark a straight double quote stands for, keeping ``opened`` up to date."""
    may_open = before.isspace() or before in _OPENING
    may_close = after.isspace() or after in _CLOSING
    if may_open == may_close:
        may_open = not (opened and opened[-1][1])
    if may_open:
        pair = marks.inner if opened else marks.outer
        opened.append((pair[1], True))
        return pair[0]
    if opened and opened[-1][1]:
        return opened.pop()[0]
    return (marks.inner if opened else marks.outer)[1]


def _space_french(text: str, printed: list[str], code: set[int], spacing: FrenchSpacing) -> None:
    """Put French no-break spaces inside « » and before : ; ! ?, replacing typed spaces."""
    high = NARROW_NO_BREAK_SPACE if spacing == "narrow" else NO_BREAK_SPACE
    for match in _FRENCH_MARKS.finditer(text):
        index, character = match.start(), match.group()
        if index in code:
            continue
        if character == "«":
            _space_after(text, printed, index)
        elif character == "»":
            _space_before(text, printed, index, NO_BREAK_SPACE, text[index - 1 : index] != "«")
        elif character in ";:!?":
            space = NO_BREAK_SPACE if character == ":" else high
            _space_before(text, printed, index, space, _ends_word(text, index))


def _space_after(text: str, printed: list[str], index: int) -> None:
    """Tie an opening guillemet to the text it opens with a no-break space."""
    end = index + 1
    while end < len(text) and text[end] in _SPACES:
        end += 1
    if end == len(text) or text[end] == "»":
        return
    if end > index + 1:
        printed[index + 1 : end] = [NO_BREAK_SPACE] + [""] * (end - index - 2)
    else:
        printed[index] += NO_BREAK_SPACE


def _space_before(text: str, printed: list[str], index: int, space: str, untyped: bool) -> None:
    """Tie a mark to the text before it: replace the spaces typed there, or, if none is typed
    and ``untyped`` allows, add one."""
    start = index
    while start > 0 and text[start - 1] in _SPACES:
        start -= 1
    if start == 0:
        return  # nothing before it in the run to tie it to
    if start < index:
        printed[start:index] = [space] + [""] * (index - start - 1)
    elif untyped:
        printed[index] = space + printed[index]


def _ends_word(text: str, index: int) -> bool:
    """Whether a : ; ! ? typed right after a word ends it (“note:”), rather than standing
    inside one (10:30, 3:1, http://, “a?b”)."""
    before = text[index - 1]
    after = text[index + 1] if index + 1 < len(text) else " "
    ends = before.isalnum() or before in _WORD_END
    return ends and (after.isspace() or after in _AFTER_WORD)


def _split_like(printed: list[str], segments: Sequence[str]) -> list[str]:
    """Cut the typeset characters back into the segments they came from."""
    pieces, start = [], 0
    for segment in segments:
        pieces.append("".join(printed[start : start + len(segment)]))
        start += len(segment)
    return pieces


# --- The page -----------------------------------------------------------------------------------

_MARKUP = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|<(?P<raw>script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</(?P=raw)\s*>"
    r"|<[!/]?(?P<tag>[A-Za-z][A-Za-z0-9-]*)?(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)
"""A comment, a stylesheet or script with its content, or a tag (the doctype too)."""
_WITHIN_TEXT = PHRASING - {"br"}
"""Elements a run of text goes on through: a quotation may open outside <em> and close in it."""


def typeset_page(page: str, language: str, spacing: FrenchSpacing) -> str:
    """Typeset every text of a rendered page (see ``typeset``); tags, attributes, comments and
    stylesheets are left as they are."""
    pieces: list[str] = []
    run: list[int] = []  # indexes in pieces of the texts of the current run
    for piece, kind in _split_markup(page):
        if kind == "text":
            run.append(len(pieces))
        elif kind == "break":
            _typeset_run(pieces, run, language, spacing)
            run = []
        pieces.append(piece)
    _typeset_run(pieces, run, language, spacing)
    return "".join(pieces)


def _split_markup(page: str) -> Iterator[tuple[str, Literal["text", "within", "break"]]]:
    """Yield the page's texts and its markup, each markup told by whether a run of text goes
    on through it (an inline element, a comment) or breaks there (a paragraph, a stylesheet)."""
    position = 0
    for match in _MARKUP.finditer(page):
        if match.start() > position:
            yield page[position : match.start()], "text"
        name = (match.group("tag") or "").lower()
        within = match.group("comment") or name in _WITHIN_TEXT
        yield match.group(), "within" if within else "break"
        position = match.end()
    if position < len(page):
        yield page[position:], "text"


def _typeset_run(pieces: list[str], run: list[int], language: str, spacing: FrenchSpacing) -> None:
    """Typeset the texts of one run in place, rewriting only the texts that change."""
    if not run:
        return
    texts = [html.unescape(pieces[index]) for index in run]
    typeset_texts = typeset(texts, language, spacing)
    for index, text, typeset_text in zip(run, texts, typeset_texts, strict=True):
        if typeset_text != text:
            pieces[index] = str(escape(typeset_text))
