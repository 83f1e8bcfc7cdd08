"""What the toolkit says to its users, in their language: English, French or Spanish.

These are the interface's words (messages, help, the form's labels), not the report's, which
belong to themes. The English text is the message's key; the French and Spanish ones live in
gettext catalogues, ``locale/<language>/*.po`` beside this module, one file per part of the
toolkit so that each part's translations are reviewed together. A message's values are named
(``{field}``), so a translation can put them where its language wants them. A run reads them
compiled, ``locale/<language>.json`` (``scripts/messages.py compile``, kept fresh by a test),
with the language's plural rule and digit grouping: parsing the .po files with Babel took
longer than the rest of a French ``validate``.

The language is chosen per run (the command line reads ``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` as gettext does) or per request (the web app reads the browser's
``Accept-Language``), and held in a context variable, so that a server answering a French and a
Spanish user at once answers each in theirs.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext_module
import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

LANGUAGES = ("en", "fr", "es")
"""The interface's languages, the forum's three working languages; English first, the default."""

LOCALE_FOLDER = Path(__file__).parent / "locale"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("gfmd_language", default="en")


def current_language() -> str:
    """The language messages are said in now."""
    return _language.get()


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Say every message in ``language`` (one of ``LANGUAGES``) within the block."""
    token = _language.set(language if language in LANGUAGES else "en")
    try:
        yield
    finally:
        _language.reset(token)


def use_language(language: str) -> None:
    """Say every message in ``language`` from now on in this context (a command's whole run)."""
    _language.set(language if language in LANGUAGES else "en")


def gettext(message: str, /, **values: object) -> str:
    """``message`` in the current language, with its ``{named}`` values filled in."""
    language = _language.get()
    text = message if language == "en" else catalogue(language).get(message) or message
    return text.format(**values) if values else text


_ = gettext


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The singular or plural form of a message for ``count``, in the current language; the
    count is among the values as ``{count}``."""
    return plural_form(singular, plural, count).format(count=count, **values)


def plural_form(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the current language, its values left unfilled
    (for a library that fills them itself)."""
    language = _language.get()
    if language == "en":
        return singular if count == 1 else plural
    forms = plural_catalogue(language).get(singular) or (singular, plural)
    return forms[min(_plural_index(language)(count), len(forms) - 1)]


def number(value: int) -> str:
    """A whole number as the current language writes it in a message: 4,000; 4 000; 4.000."""
    language = _language.get()
    grouped = f"{value:,}"
    if language == "en":
        return grouped
    return grouped.replace(",", _compiled(language)["group_separator"])


def mark(message: str) -> str:
    """Mark ``message`` for translation where it is defined, to be translated where it is said
    (a constant, say): it stays English until passed to ``gettext``."""
    return message


def mark_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message's singular and plural forms for translation where they are defined, to be
    said elsewhere (by a library that asks for them by their English text)."""
    return singular, plural


def plural_categories(language: str) -> list[str]:
    """The CLDR plural categories of ``language`` in the order of its catalogue's forms (French:
    one, many, other); the form picks a form by ``Intl.PluralRules``' category the same way."""
    return list(_compiled(language)["plural_categories"])


@functools.cache
def _plural_index(language: str) -> Callable[[int], int]:
    """The index of a count's form in ``language``'s plural messages: its catalogues' gettext
    rule (tests check it against CLDR's categories)."""
    return _gettext_module.c2py(_compiled(language)["plural"])


def language_from_environment(environment: Mapping[str, str] | None = None) -> str:
    """The language a command should speak, from the variables gettext reads, in its order:
    ``LANGUAGE`` (a list), then the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``."""
    environment = os.environ if environment is None else environment
    wanted: list[str] = []
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environment.get(variable):
            wanted.append(environment[variable])
            break
    # gettext ignores LANGUAGE when the locale is C or POSIX: a C locale is asked for English.
    if wanted and wanted[0].split(".")[0] not in ("C", "POSIX"):
        wanted[:0] = environment.get("LANGUAGE", "").split(":")
    for name in wanted:
        language = name.split(".")[0].split("@")[0].split("_")[0].lower()
        if language in LANGUAGES:
            return language
        if language in ("c", "posix"):
            return "en"
    return "en"


def negotiate(accept_language: str | None) -> str:
    """The interface language to answer a browser in, from its ``Accept-Language`` header."""
    preferences = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _separator, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            with contextlib.suppress(ValueError):
                quality = float(parameters.strip()[2:])
        preferences.append((-quality, position, tag.strip().split("-")[0].lower()))
    for _quality, _position, language in sorted(preferences):
        if language in LANGUAGES:
            return language
    return "en"


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """Every translated message of ``language``, by its English text (singular forms only)."""
    return {
        key: forms if isinstance(forms, str) else forms[0]
        for key, forms in _compiled(language)["messages"].items()
    }


@functools.cache
def plural_catalogue(language: str) -> dict[str, tuple[str, ...]]:
    """The translated singular and plural forms of ``language``'s plural messages."""
    return {
        key: tuple(forms)
        for key, forms in _compiled(language)["messages"].items()
        if not isinstance(forms, str)
    }


@functools.cache
def _compiled(language: str) -> dict:
    """Read ``language``'s compiled catalogue: its messages (an untranslated or fuzzy entry left
    out, so that its English text is said), plural rule and categories, and digit grouping."""
    return json.loads((LOCALE_FOLDER / f"{language}.json").read_text(encoding="utf-8"))
