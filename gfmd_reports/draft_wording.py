"""How rapporteurs word a report's parts in their own drafts, in English, French and Spanish.

The patterns live in ``data/draft-wording.yaml`` beside the theme's own sentences, which are
recognised too (a draft pasted out of a rendered report reads back); this module finds a
paragraph's part and the names in a sentence such as “The Co-chairs were Ecuador and Greece.”
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from ruamel.yaml import YAML

from gfmd_reports.countries import find_country
from gfmd_reports.phrases import _placeholders
from gfmd_reports.themes import load_theme

LANGUAGES = ("en", "fr", "es")
"""The languages whose drafts are read; the forum's working languages."""

MAX_SENTENCE = 2_000
"""The longest paragraph read as a framing sentence (a co-chairs sentence naming twenty
people has 1,500 characters): patterns with several open-ended values take time growing with
the square of the length, 2 seconds for a pasted 20,000-character paragraph."""
_FOUND_IN_PROSE = frozenset({"discussion_point", "discussion_lead_in", "session_in_sentence"})
"""Parts whose patterns read a paragraph of any length in time growing with its length."""

_THEME_SENTENCES = {
    "co_chairs": ("written_co_chairs", "oral_co_chairs"),
    "panel": ("panel",),
    "discussion_point": ("discussion_theme",),
    "salutation": ("salutation",),
    "subtitle": ("written_subtitle", "session_subtitle"),
    "byline": ("byline",),
}
"""The parts whose theme sentence is recognised as well as the drafts' usual wordings."""

_GROUPS = {"co_chairs": "names", "panel": "names", "rapporteur": "who"}
"""The theme's placeholders by the names the draft patterns give the same values."""


class Wording:
    """The patterns of one language."""

    def __init__(self, language: str) -> None:
        entry = _wordings()[language]
        self.language = language
        self.words = frozenset(entry["words"])
        self._patterns = {
            key: [re.compile(pattern, re.IGNORECASE) for pattern in patterns]
            for key, patterns in entry.items()
            if key not in ("words", "articles", "honorifics", "organisations", "and")
        }
        for key, phrases in _THEME_SENTENCES.items():
            self._patterns[key] += [_phrase_pattern(language, phrase) for phrase in phrases]
        honorific = "|".join(map(re.escape, sorted(entry["honorifics"], key=len, reverse=True)))
        # An honorific starts a person only before a capitalised name: “Ambassador for
        # Migratory Issues” is a position.
        article = "|".join(entry["articles"])
        self._honorific = re.compile(
            rf"(?:(?:{article})\s+)?(?P<honorific>(?:(?:{honorific})\s+)+)(?=[A-ZÀ-Þ])"
        )
        self._organisation = re.compile(
            r"\b(?:" + "|".join(entry["organisations"]) + r")\b", re.IGNORECASE
        )
        self._and = re.compile("|".join(map(re.escape, entry["and"])))

    def match(self, part: str, text: str) -> re.Match[str] | None:
        """The first of a part's patterns the text matches."""
        if len(text) > MAX_SENTENCE and part not in _FOUND_IN_PROSE:
            return None
        found = (pattern.search(text) for pattern in self._patterns.get(part, ()))
        return next((match for match in found if match), None)

    def participants(self, names: str) -> list[dict[str, str]]:
        """The people, States and organisations a sentence lists, as the report holds them."""
        starts = [match.start() for match in self._honorific.finditer(names)]
        people = [start for start in starts if start == 0 or self._ends_entry(names[:start])]
        if not people:
            return [self.participant(entry) for entry in self._entries(names)]
        bounds = [*([0] if people[0] else []), *people, len(names)]
        chunks = [names[start:end] for start, end in itertools.pairwise(bounds)]
        return [self.participant(self._trimmed(chunk)) for chunk in chunks if chunk.strip()]

    def participant(self, text: str) -> dict[str, str]:
        """One participant from its words: “Ambassador Jorge Lomónaco, Mexico”."""
        honorific = self._honorific.match(text)
        found: dict[str, str] = {}
        if honorific:
            found["honorific"] = honorific["honorific"].strip()
            text = text[honorific.end() :]
        parts = [part.strip() for part in re.split(r",\s*|\s+\((?=[^)]*\)$)", text) if part]
        parts = [part.rstrip(")").strip() for part in parts]
        if not honorific and len(parts) == 1:
            return {_lone_kind(parts[0]): parts[0]}
        found["name"] = parts.pop(0)
        if parts and find_country(parts[-1]) is not None:
            found["country"] = parts.pop()
        at = _organisation_start(parts, self._organisation) if parts else 0
        found |= {"position": ", ".join(parts[:at]), "organisation": ", ".join(parts[at:])}
        return {key: found[key] for key in _PARTICIPANT_FIELDS if found.get(key)}

    def _ends_entry(self, before: str) -> bool:
        return before.rstrip().endswith(",") or self._and.search(before[-6:]) is not None

    def _entries(self, names: str) -> list[str]:
        pieces = [piece for piece in self._and.split(names) if piece.strip()]
        commas = [part.strip() for piece in pieces for part in piece.split(",") if part.strip()]
        if all(_lone_kind(part) != "name" for part in commas):
            return commas
        return [piece.strip().strip(",") for piece in pieces]

    def _trimmed(self, chunk: str) -> str:
        chunk = chunk.strip().rstrip(",").strip()
        for word in self._and.pattern.split("|"):
            tail = re.sub(r"\\(.)", r"\1", word).rstrip()
            if chunk.endswith(tail):
                chunk = chunk[: -len(tail)].rstrip().rstrip(",")
        return chunk


_PARTICIPANT_FIELDS = ("honorific", "name", "position", "organisation", "country")


def _lone_kind(text: str) -> str:
    """Whether a name on its own is a State's, an organisation's (an acronym) or a person's."""
    if find_country(text) is not None:
        return "country"
    return "organisation" if _is_acronym(text) else "name"


def _is_acronym(text: str) -> bool:
    return re.fullmatch(r"[A-Z][A-Z0-9&-]+(?:\s*\([A-Z0-9&-]+\))?", text) is not None


def _organisation_start(parts: list[str], organisation: re.Pattern[str]) -> int:
    """Where the organisation starts in what follows a name: an acronym last is the
    organisation; otherwise the first part that names a ministry, office, agency …"""
    if _is_acronym(parts[-1]):
        return len(parts) - 1
    return next((at for at, part in enumerate(parts) if organisation.search(part)), len(parts))


def guess_language(texts: list[str]) -> str:
    """The language most of a draft's short words are in; English when none is counted."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in (word.lower() for text in texts for word in re.findall(r"\w+", text)):
        for language in LANGUAGES:
            counts[language] += word in wording(language).words
    return max(LANGUAGES, key=lambda language: counts[language])


@functools.cache
def wording(language: str) -> Wording:
    """The patterns of a language (one of LANGUAGES)."""
    return Wording(language)


@functools.cache
def _wordings() -> dict:
    path = Path(__file__).parent / "data" / "draft-wording.yaml"
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _phrase_pattern(language: str, key: str) -> re.Pattern[str]:
    """A pattern for the base theme's sentence: literal words, loose quotes and spaces, and a
    group for each value (the linking word of ``{de:theme}`` optional before it)."""
    text = load_theme("gfmd").phrases(language).text(key)
    pattern = "".join(_phrase_pieces(text))
    return re.compile(f"^{pattern}\\.?$", re.IGNORECASE)


def _phrase_pieces(text: str) -> Iterator[str]:
    for literal, word, name in _placeholders(text):
        yield re.sub(r"\\?[“”«»\"]|\\?\s+", r"[\\s“”«»\"]*", re.escape(literal))
        if name is not None:
            linking = r"(?:(?:de|du|des|a|al)\s+|d[’'])?" if word else ""
            yield f"{linking}(?P<{_GROUPS.get(name, name)}>.+?)"
