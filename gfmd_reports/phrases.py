"""The words a theme gives its templates, per language: which phrases exist, what they may
contain, and how lists and dates are written in each language.

A phrase is plain text with ``{placeholders}``. Only the placeholders listed for a phrase are
allowed, each written as a bare ``{name}``: no attribute access, no format specification, so a
theme's phrases can never reach into Python objects.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from gfmd_reports.errors import ReportError

CATALOGUE: dict[str, tuple[str, ...]] = {
    "salutation": (),
    "oral_document_title": ("sessions",),
    "oral_opening": ("number", "title"),
    "oral_co_chairs": ("co_chairs",),
    "written_title": ("number",),
    "written_title_named": ("number", "title"),
    "written_subtitle": (),
    "byline": ("rapporteur",),
    "session_heading": ("number", "title"),
    "written_co_chairs": ("co_chairs",),
    "panel": ("panel",),
    "paper": ("title", "prepared_by", "consultation"),
    "paper_title": ("title",),
    "paper_consultation": ("who",),
    "discussion_theme": ("theme", "text"),
    "overall_conclusions": ("number",),
    "quote": ("attribution", "topic", "text"),
    "quote_topic": ("topic",),
    "and": (),
    "and_after_comma": (),
    "notes": (),
    "back_to_text": (),
    "reading_time": ("time",),
    "reading_time_total": ("time",),
}
"""Every phrase the built-in templates use, with the placeholders each may contain."""

_FIELD = re.compile(r"^[a-z_]+$")


def check_phrase(key: str, text: str) -> str | None:
    """Say what is wrong with a phrase, or return None if it is fine."""
    if key not in CATALOGUE:
        return f"is not a phrase the templates use; phrases are: {', '.join(CATALOGUE)}"
    allowed = CATALOGUE[key]
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as error:
        return f"has a stray brace ({error}): write braces only around placeholders"
    for _, name, format_spec, conversion in fields:
        if name is None:
            continue
        if not _FIELD.match(name) or format_spec or conversion or name not in allowed:
            choices = ", ".join(f"{{{field}}}" for field in allowed) or "none"
            return f"has the placeholder {{{name}}}; this phrase may use: {choices}"
    return None


class Phrases:
    """The phrases of one theme in one language, ready for templates."""

    def __init__(self, by_language: Mapping[str, Mapping[str, str]], language: str, theme: str):
        self.language = language
        self._theme = theme
        # "en-GB" takes its own phrases first, then those of "en".
        self._layers = [by_language.get(language, {}), by_language.get(language.split("-")[0], {})]
        self._known = sorted(
            code for code, phrases in by_language.items() if set(CATALOGUE) <= set(phrases)
        )

    def text(self, key: str) -> str:
        for layer in self._layers:
            if key in layer:
                return layer[key]
        raise ReportError(
            f"theme '{self._theme}' has no wording in language '{self.language}' for the phrase "
            f"'{key}': add phrases: {self.language}: {key}: to its theme.yaml "
            f"(languages it words fully: {', '.join(self._known) or 'none'})"
        )

    def say(self, key: str, **values: str) -> Markup:
        """Fill a phrase's placeholders; values are escaped unless they are markup already."""
        expected = set(CATALOGUE[key])
        if set(values) != expected:
            raise ReportError(
                f"the template gives phrase '{key}' {sorted(values)}, not {sorted(expected)}"
            )
        return Markup(escape(self.text(key))).format(**values)

    def join(self, items: Sequence[str]) -> Markup:
        """Join items as prose in this language: “A, B and C”; “A, B, and C” when items hold
        commas (English); “A, B et C”; Spanish “y” becomes “e” before an i sound."""
        items = [escape(item) for item in items]
        if len(items) < 2:
            return Markup("").join(items)
        serial = any("," in item for item in items)
        conjunction = self.text("and_after_comma" if serial else "and")
        if self.language.split("-")[0] == "es" and _starts_with_i_sound(items[-1]):
            conjunction = re.sub(r"\by\b", "e", conjunction)
        return Markup(", ").join(items[:-1]) + Markup(escape(conjunction)) + items[-1]

    def dates(self, start: datetime.date, end: datetime.date | None) -> str:
        """Write a date or a span of dates as this language does: “14–16 mai 2014”."""
        from babel import Locale
        from babel.dates import format_date, format_interval

        locale = Locale.parse(self.language, sep="-")
        if end is None or end == start:
            return format_date(start, "long", locale=locale)
        return format_interval(start, end, "yMMMMd", locale=locale)


def _starts_with_i_sound(text: str) -> bool:
    word = re.sub(r"<[^>]+>", "", str(text)).strip().lower()
    return bool(re.match(r"h?[iíï](?![aeoáéó])", word))
