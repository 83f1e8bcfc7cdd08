"""Runs of text: how inline elements make them look, the script each is in, and the spaces
HTML's indentation leaves at a paragraph's edges."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree

from gfmd_reports.formats.docx.wordml import (
    BOLD,
    BOLD_CS,
    CS,
    ITALIC,
    ITALIC_CS,
    LANG,
    RFONTS,
    RPR,
    RSTYLE,
    RTL,
    VAL,
    VERT_ALIGN,
    W_NS,
    R,
    add,
    run_text,
    set_text,
)
from gfmd_reports.themes import DesignTokens

_WHITESPACE = re.compile(r"[ \t\r\n]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Look:
    """How inline elements around a run make it look."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False
    subscript: bool = False
    style_id: str | None = None
    """The character style a theme's class names."""
    language: str | None = None
    """Word's name of the text's language where it is not the document's (a French report
    in an English compilation), for proofing and hyphenation."""


PLAIN = Look()


def add_run(paragraph, style_id: str | None = None):
    """Add an empty run, in the character style of that id if given."""
    run = add(paragraph, R)
    if style_id:
        add(add(run, RPR), RSTYLE, {VAL: style_id})
    return run


def add_text(paragraph, text: str | None, look: Look, tokens: DesignTokens) -> None:
    """Add a page's text as runs in the look, one per script (spaces collapsed as a browser
    does)."""
    if not text:
        return
    for segment, script_font in _script_segments(_WHITESPACE.sub(" ", text), tokens):
        run = add_run(paragraph, look.style_id)
        _set_look(run, look, script_font, segment)
        set_text(run, segment)


def _set_look(run, look: Look, script_font: str | None, segment: str) -> None:
    """Give a run its properties, in the schema's order: emphasis in every script (``w:bCs``
    with ``w:b``), raised or lowered, a complex script's own font and direction, and the
    language."""
    if replace(look, style_id=None) == PLAIN and not script_font:
        return
    properties = run.find(RPR)
    if properties is None:
        properties = add(run, RPR)
    if script_font:
        add(properties, RFONTS, {CS: script_font})
    if look.bold:
        add(properties, BOLD), add(properties, BOLD_CS)
    if look.italic:
        add(properties, ITALIC), add(properties, ITALIC_CS)
    if look.superscript or look.subscript:
        add(properties, VERT_ALIGN, {VAL: "subscript" if look.subscript else "superscript"})
    if script_font and _ARABIC.search(segment):
        add(properties, RTL)
    if look.language:
        add(properties, LANG, {VAL: look.language})


def _script_segments(text: str, tokens: DesignTokens) -> Iterator[tuple[str, str | None]]:
    """Split text where the script changes between Thai, Arabic and the rest.

    Word takes complex-script glyphs from a run's ``w:cs`` font, one per run; East Asian text
    uses the ``w:eastAsia`` font that the document defaults already name.
    """
    if not (_ARABIC.search(text) or _THAI.search(text)):
        yield text, None  # most text: one script, no need to look at each character
        return
    font_for = {"arabic": tokens.arabic_font, "thai": tokens.thai_font, "other": None}
    start, current = 0, None
    for index, character in enumerate(text):
        script = (
            "arabic" if _ARABIC.match(character) else "thai" if _THAI.match(character) else None
        )
        if script is None and character in " ,.;:!?’'“”()-" and current is not None:
            script = current  # punctuation and spaces stay with the script around them
        script = script or "other"
        if current is not None and script != current:
            yield text[start:index], font_for[current]
            start = index
        current = script
    if current is not None:
        yield text[start:], font_for[current]


def trim(paragraph) -> None:
    """Drop the spaces that HTML indentation leaves at a paragraph's edges."""
    texts = [run for run in _tracked_runs(paragraph) if run_text(run)]
    if texts:
        _set_if_changed(texts[0], run_text(texts[0]).lstrip())
        _set_if_changed(texts[-1], run_text(texts[-1]).rstrip())


def trim_end(paragraph) -> None:
    """Drop the spaces at the end of a note's text (its leading space follows the mark)."""
    texts = [run for run in _tracked_runs(paragraph) if run_text(run).strip()]
    if texts:
        _set_if_changed(texts[-1], run_text(texts[-1]).rstrip())


_TRACKED_RUNS = etree.XPath("w:r | w:ins/w:r | w:del/w:r", namespaces={"w": W_NS})


def _tracked_runs(paragraph) -> list:
    """A paragraph's runs, those of its tracked changes (a comparison's) too, in order."""
    return _TRACKED_RUNS(paragraph)


def _set_if_changed(run, text: str) -> None:
    """Set a run's text, unless it has it already (setting it again would write the same)."""
    if run_text(run) != text:
        set_text(run, text)
