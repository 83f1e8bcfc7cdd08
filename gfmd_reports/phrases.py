"""The words a theme gives its templates, per language: which phrases exist, what they may
contain, and how lists and dates are written in each language.

A phrase is plain text with ``{placeholders}``. Only the placeholders listed for a phrase are
allowed, each written as a bare ``{name}``, or in French and Spanish as ``{de:name}`` to join a
word to it as the language does (``grammar``): no attribute access, no format specification,
so a theme's phrases can never reach into Python objects.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Iterator, Mapping, Sequence

from markupsafe import Markup, escape

from gfmd_reports import grammar
from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import _, mark

CATALOGUE: dict[str, tuple[str, ...]] = {
    "salutation": (),
    "document_title": ("forum", "subject", "kind"),
    "session_name": ("number",),
    "oral_kind": (),
    "oral_opening": ("number", "title"),
    "oral_co_chairs": ("co_chairs",),
    "written_title": ("number",),
    "written_title_named": ("number", "title"),
    "written_subtitle": (),
    "session_title": ("number", "title"),
    "session_subtitle": (),
    "byline": ("rapporteur",),
    "session_heading": ("number", "title"),
    "written_co_chairs": ("co_chairs",),
    "panel": ("panel",),
    "paper": ("title", "prepared_by", "consultation"),
    "paper_title": ("title",),
    "paper_consultation": ("who",),
    "discussion_theme": ("theme", "text"),
    "conclusions": (),
    "recommendations": (),
    "oral_conclusions": (),
    "oral_recommendations": (),
    "overall_conclusions": ("number",),
    "quote": ("attribution", "topic", "text"),
    "quote_topic": ("topic",),
    "forum_year": ("forum", "year"),
    "forum_edition": ("ordinal", "ordinal_feminine", "forum"),
    "forum_chair": ("chairs",),
    "forum_co_chairs": ("chairs",),
    "day_range": ("first", "last"),
    "date_range": ("first", "last"),
    "and": (),
    "and_after_comma": (),
    "notes": (),
    "back_to_text": (),
    "reading_time": ("time",),
    "reading_time_total": ("time",),
    "compilation_title": (),
    "compilation_document_title": ("title", "forum"),
    "status_preliminary": (),
    "status_final": (),
    "contents": (),
    "foreword": (),
    "executive_summary": (),
    "chapter_title": ("number",),
    "chapter_title_named": ("number", "title"),
    "chapter_of_meeting": ("meeting", "chapter"),
    "annex_title": ("number", "title"),
    "annex_recommendations": (),
    "annex_programme": (),
    "annex_participants": (),
    "column_id": (),
    "column_text": (),
    "column_source": (),
    "column_time": (),
    "column_session": (),
    "column_room": (),
    "column_speakers": (),
    "column_name": (),
    "column_position": (),
    "column_organisation": (),
    "column_country": (),
    "changes_legend": (),
    "change_inserted": (),
    "change_deleted": (),
    "changes_other_kind": ("old_kind", "new_kind"),
    "changes_other_language": ("old_language", "new_language"),
    "kind_oral": (),
    "kind_session": (),
    "kind_general": (),
    "language_en": (),
    "language_fr": (),
    "language_es": (),
}
"""Every phrase the built-in templates use, with the placeholders each may contain (a phrase
need not use them all: “{ordinal_feminine} Cumbre” and “{ordinal} Summit” take the same
number)."""

RENAMED_PHRASES = {
    "oral_document_title": mark(
        "the document title is now document_title, naming the forum, the sessions "
        "(session_name) and the kind (oral_kind)"
    ),
}
"""Phrases that earlier versions used, with what replaced them, for the message that
refuses them."""

_FIELD = re.compile(r"^[a-z_]+$")


def check_phrase(key: str, text: str, language: str) -> str | None:
    """Say what is wrong with a phrase in a language, or return None if it is fine."""
    if key in RENAMED_PHRASES:
        return _("is no longer used: {instead}", instead=_(RENAMED_PHRASES[key]))
    if key not in CATALOGUE:
        return _(
            "is not a phrase the templates use; phrases are: {phrases}",
            phrases=", ".join(CATALOGUE),
        )
    allowed = CATALOGUE[key]
    try:
        fields = list(_placeholders(text))
    except ValueError as error:
        return _("has a stray brace ({error}): write braces only around placeholders", error=error)
    for _literal, word, name in fields:
        if name is None:
            continue
        if not _FIELD.match(name) or name not in allowed:
            placeholder = "{" + (f"{word}:{name}" if word else name) + "}"
            choices = ", ".join("{" + field + "}" for field in allowed) or _("none")
            return _(
                "has the placeholder {placeholder}; this phrase may use: {choices}",
                placeholder=placeholder,
                choices=choices,
            )
        if word is not None and word not in grammar.linking_words(language):
            return _unknown_linking_word(word, name, language)
    return None


def _unknown_linking_word(word: str, name: str, language: str) -> str:
    words = grammar.linking_words(language)
    placeholder, bare = f"{{{word}:{name}}}", f"{{{name}}}"
    if not words:
        return _(
            "has the placeholder {placeholder}, but only French and Spanish phrases join a word "
            "to a placeholder: write “{word} {bare}”",
            placeholder=placeholder,
            word=word,
            bare=bare,
        )
    return _(
        "has the placeholder {placeholder}; in {language} a placeholder may be written {bare} "
        "or joined to a word as {choices}",
        placeholder=placeholder,
        language=language,
        bare=bare,
        choices=", ".join(f"{{{known}:{name}}}" for known in words),
    )


def _placeholders(text: str) -> Iterator[tuple[str, str | None, str | None]]:
    """Split a phrase into (text before, linking word, placeholder name) triples.

    Raises ValueError for a stray brace; a conversion (``!r``) comes back in the name, which
    no phrase allows."""
    for literal, field, specification, conversion in string.Formatter().parse(text):
        if field is None:
            yield literal, None, None
        elif conversion:
            yield literal, None, f"{field}!{conversion}{':' if specification else ''}"
        elif specification:
            yield literal, field, specification
        else:
            yield literal, None, field


class Joined(Markup):
    """Items written as one list in prose, which keep the items: French writes “de” before
    each of them (“de l’Allemagne et du Maroc”)."""

    items: tuple[Markup, ...] = ()


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
            _(
                "theme '{theme}' has no wording in language '{language}' for the phrase "
                "'{phrase}': add phrases: {language}: {phrase}: to its theme.yaml (languages it "
                "words fully: {languages})",
                theme=self._theme,
                language=self.language,
                phrase=key,
                languages=", ".join(self._known) or _("none"),
            )
        )

    def say(self, key: str, **values: str) -> Markup:
        """Fill a phrase's placeholders; values are escaped unless they are markup already,
        and joined to the word a placeholder names (``{de:theme}``) as the language does."""
        expected = set(CATALOGUE[key])
        if set(values) != expected:
            raise ReportError(
                _(
                    "the template gives phrase '{phrase}' {given}, not {expected}",
                    phrase=key,
                    given=sorted(values),
                    expected=sorted(expected),
                )
            )
        said = Markup()
        for literal, word, name in _placeholders(self.text(key)):
            said += escape(literal)
            if name is not None:
                said += self._linked(word, values[name]) if word else escape(values[name])
        return said

    def _linked(self, word: str, value: str) -> Markup:
        if isinstance(value, Joined) and grammar.repeats_before_each(self.language, word):
            return self.join([grammar.link(self.language, word, item) for item in value.items])
        return grammar.link(self.language, word, escape(value))

    def join(self, items: Sequence[str]) -> Joined:
        """Join items as prose in this language: “A, B and C”; “A, B, and C” when items hold
        commas (English); “A, B et C”; Spanish “y” becomes “e” before an i sound."""
        escaped = [escape(item) for item in items]
        if len(escaped) < 2:
            joined = Joined(Markup("").join(escaped))
        else:
            serial = any("," in item for item in escaped)
            conjunction = self.text("and_after_comma" if serial else "and")
            spanish = grammar.base_language(self.language) == "es"
            if spanish and grammar.starts_with_i_sound(escaped[-1]):
                conjunction = re.sub(r"\by\b", "e", conjunction)
            last = Markup(escape(conjunction)) + escaped[-1]
            joined = Joined(Markup(", ").join(escaped[:-1]) + last)
        joined.items = tuple(escaped)
        return joined

    def dates(self, start: datetime.date, end: datetime.date | None) -> str:
        """Write a date or a span of dates in full as this language's UN usage does, with the
        theme's ``day_range`` and ``date_range``: “14–16 May 2014”, “14 a 16 de mayo de
        2014”, “30 November – 2 December 2016”, “1er décembre 2016”."""
        from babel import Locale
        from babel.dates import format_date, format_skeleton

        locale = Locale.parse(self.language, sep="-")

        def day_first(date: datetime.date, text: str) -> str:
            if date.day == 1 and locale.language == "fr":  # “1er mai”: French writes the ordinal
                return re.sub(r"\b1\b", "1er", text, count=1)
            return text

        last = day_first(end or start, format_date(end or start, "long", locale=locale))
        if end is None or end == start:
            return last
        # Babel's interval formats abbreviate the month (“10 – 12 Dec 2016”): a report does not.
        if (start.year, start.month) == (end.year, end.month):
            first = day_first(start, str(start.day))
            days = self.say("day_range", first=first, last=f"{end.day}")
            return re.sub(rf"\b{end.day}(er)?\b", lambda _: days.unescape(), last, count=1)
        if start.year == end.year:
            first = day_first(start, format_skeleton("MMMMd", start, locale=locale))
        else:
            first = day_first(start, format_date(start, "long", locale=locale))
        return self.say("date_range", first=first, last=last).unescape()

    def ordinal(self, number: int, feminine: bool = False) -> str:
        """Spell an ordinal out as this language writes it at the start of a title: “Ninth”,
        “Neuvième”, “Novena” (feminine, for a “Cumbre”); digits where the words are unknown."""
        from num2words import CONVERTER_CLASSES

        language = self.language.split("-")[0]
        if language not in CONVERTER_CLASSES:
            return str(number)
        word = CONVERTER_CLASSES[language].to_ordinal(number)
        if language == "es":
            word = _spanish_ordinal(word, feminine)
        elif language == "fr" and feminine:
            word = re.sub(r"\bpremier\b", "première", word)
        return word[:1].upper() + word[1:]


def _spanish_ordinal(word: str, feminine: bool) -> str:
    """Write num2words' Spanish ordinal as the RAE does before a noun: “undécimo”,
    “duodécimo”, “decimotercero” in one word without accent, “primer” and “tercer” shortened;
    “novena”, “vigésima primera”."""
    word = re.sub(r"décimo ?(?=\w)", "decimo", word)
    word = word.replace("decimoprimero", "undécimo").replace("decimosegundo", "duodécimo")
    if feminine:
        return re.sub(r"o\b", "a", word)
    return re.sub(r"(prim|terc)ero\b", r"\1er", word)
