"""Rendered HTML → tagged PDF, with WeasyPrint (the only module that imports it).

The page's linked notes become real footnotes at the foot of the page that cites them, and
WeasyPrint may fetch nothing but ``data:`` URLs and files inside the theme's folder.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes.util
import importlib
import os
import re
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from urllib.parse import unquote, urlparse

import lxml.html

from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import _
from gfmd_reports.themes import Theme


@contextmanager
def _libraries_found_by_the_linker_cache() -> Iterator[None]:
    """Make ctypes.util.find_library look in the linker cache (ldconfig) only, not run gcc and
    ld as well, and read that cache once.

    WeasyPrint opens each C library by trying its Windows and macOS names first; cffi asks
    find_library for each, and every miss runs gcc and ld: 0.4 s of each process that makes
    a PDF. Looking in the linker cache alone still ran ``ldconfig -p`` once per name, 22 times.
    A library of another ABI found there fails to load, and WeasyPrint goes on to its .so name,
    which the dynamic linker resolves itself, as it does libraries outside the cache
    (LD_LIBRARY_PATH).
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    listing = _linker_cache_listing()

    def in_listing(name: str) -> str | None:
        found = re.search(rb"\s(lib%s\.[^\s]+)\s+\(" % re.escape(os.fsencode(name)), listing)
        return os.fsdecode(found.group(1)) if found else None

    find_library = ctypes.util.find_library
    ctypes.util.find_library = in_listing
    try:
        yield
    finally:
        ctypes.util.find_library = find_library


def _linker_cache_listing() -> bytes:
    """The libraries in the linker cache, as ``ldconfig -p`` lists them (nothing if it fails)."""
    with contextlib.suppress(OSError):
        return subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        ).stdout
    return b""


class _LoadedWhenUsed(types.ModuleType):
    """A module that stands in for ``name`` until one of its names is used, and then brings
    in the real module, whole and as usual, in its place.

    WeasyPrint imports two parts of fontTools it uses only in cases the house style avoids:
    the subsetter (``from fontTools import subset``), only where HarfBuzz cannot subset (setup
    installs it), and ``instantiateVariableFont``, only for a variable font (the house fonts
    are not). Loading them took a third of importing WeasyPrint. A from-import of a function
    takes it out of the module at once: ``functions`` names those, given as functions that
    bring the real module in when called.
    """

    _loading = threading.Lock()

    def __init__(self, name: str, functions: tuple[str, ...] = ()) -> None:
        super().__init__(name)
        for function in functions:
            setattr(self, function, partial(self._call, function))

    def __getattr__(self, name: str):
        if name.startswith("__"):  # what the import system asks (__path__…) is not a use
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _call(self, function: str, *arguments, **options):
        return getattr(self._real(), function)(*arguments, **options)

    def _real(self) -> types.ModuleType:
        with self._loading:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
                importlib.import_module(self.__name__)
        return sys.modules[self.__name__]

    @classmethod
    def stand_in(cls, name: str, functions: tuple[str, ...] = ()) -> None:
        """Put the stand-in in place, unless the module is loaded already."""
        if name not in sys.modules:
            sys.modules[name] = cls(name, functions)


_LoadedWhenUsed.stand_in("fontTools.subset")
_LoadedWhenUsed.stand_in("fontTools.varLib.instancer", ("instantiateVariableFont",))
with _libraries_found_by_the_linker_cache():
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher


class ThemeOnlyFetcher(URLFetcher):
    """Fetch ``data:`` URLs and files below the given folders; refuse everything else."""

    def __init__(self, folders: list[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"})
        self._folders = [folder.resolve() for folder in folders]

    def fetch(self, url, headers=None):
        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if any(path.is_relative_to(folder) for folder in self._folders):
                return super().fetch(url, headers)
        raise FatalURLFetchingError(
            _("the report may use only files of its theme, not {url}", url=url)
        )


@cache
def _font_configuration() -> FontConfiguration:
    """One font configuration for every render: building it reads all installed fonts."""
    return FontConfiguration()


def html_to_pdf(html: str, theme: Theme) -> bytes:
    """Typeset a rendered report page as a tagged PDF (PDF/UA-1) with its fonts embedded."""
    return lay_out_pdf(html, theme).pdf


@dataclass(frozen=True)
class LaidOut:
    """A page typeset as a PDF, and where its anchors fell."""

    pdf: bytes
    pages: dict[str, int]
    """The number of the page, from 1, on which each element with an id begins: what a table
    of contents made elsewhere (the DOCX's) needs to agree with the PDF."""


def lay_out_pdf(html: str, theme: Theme) -> LaidOut:
    """Typeset a rendered page as ``html_to_pdf`` does, keeping the pages of its anchors."""
    document = HTML(
        string=_for_print(html),
        base_url=theme.folder.as_uri() + "/",
        url_fetcher=ThemeOnlyFetcher([theme.folder]),
    )
    # Presentational hints: honour <img width>, as browsers and the DOCX do.
    options = {"pdf_variant": "pdf/ua-1", "presentational_hints": True, "cache": {}}
    try:
        laid_out = document.render(font_config=_font_configuration(), **options)
        pdf = laid_out.write_pdf(**options)
    except FatalURLFetchingError as error:
        raise ReportError(_("theme {theme}: {error}", theme=theme.name, error=error)) from None
    pages: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return LaidOut(pdf, pages)


_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_WORD_CHUNK = 60
"""Letters after which a line may break inside a run without spaces; the longest words of
the forum's languages have about 30."""


def _collapse_whitespace(element) -> None:
    """Collapse runs of spaces and line breaks, as the page shows them anyway: WeasyPrint 70
    fails an assertion on spaces before a line break in a footnote float."""
    for node in element.iter():
        if node.text:
            node.text = _HTML_WHITESPACE.sub(" ", node.text)
        if node.tail and node is not element:
            node.tail = _HTML_WHITESPACE.sub(" ", node.tail)


def _for_print(html: str) -> str:
    """Prepare a rendered page for WeasyPrint: notes at their calls, long words breakable."""
    root = lxml.html.document_fromstring(html)
    _notes_at_their_calls(root)
    _long_words_breakable(root)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


_LONG_WORD = re.compile(
    rf"(?:(?![\u0e00-\u0e7f\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff])\w){{{_WORD_CHUNK + 1},}}"
)
"""A run of letters longer than any word, outside Thai and East Asian scripts, which break
between words without spaces (and are not hyphenated)."""
_ZERO_WIDTH_SPACE = "\u200b"


def _long_words_breakable(root) -> None:
    """Let a line break inside a run of letters too long to be a word (a pasted code, say),
    every _WORD_CHUNK letters.

    WeasyPrint tries every hyphenation point of a word that overflows its line, laying the
    rest out again each time: a 4,000-letter word took 30 s, 20,000 letters would take hours.
    Broken into chunks, 20,000 letters take a second, and no letter runs off the page.
    """
    for node in root.iter():
        for attribute in ("text", "tail"):
            text = getattr(node, attribute)
            if text and len(text) > _WORD_CHUNK:
                setattr(node, attribute, _LONG_WORD.sub(_chunked, text))


def _chunked(match: re.Match) -> str:
    word = match.group()
    return _ZERO_WIDTH_SPACE.join(
        word[start : start + _WORD_CHUNK] for start in range(0, len(word), _WORD_CHUNK)
    )


def _notes_at_their_calls(root) -> None:
    """Copy each linked note into every place that cites it, where CSS floats it to the foot:
    a note cited twice is printed twice, as Word does."""
    for call in root.xpath("//sup[@class='footnote-ref']"):
        target = call.find("a").get("href").removeprefix("#")
        (note,) = root.xpath(f"//section[@class='footnotes']//li[@id='{target}']")
        footnote = lxml.html.Element("span", {"class": "footnote"})
        footnote.text = note.text
        for child in note:
            if child.get("class") != "footnote-back":
                footnote.append(copy.deepcopy(child))
        if len(footnote):
            footnote[-1].tail = (footnote[-1].tail or "").rstrip()
        else:
            footnote.text = (footnote.text or "").rstrip()
        _collapse_whitespace(footnote)
        footnote.tail = call.tail
        call.getparent().replace(call, footnote)
    for section in root.xpath("//section[@class='footnotes']"):
        section.getparent().remove(section)
