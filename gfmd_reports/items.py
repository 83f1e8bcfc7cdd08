"""A report's conclusions, recommendations and overall conclusions as records, each with its id.

An item's id is the one its file gives (``id:``) or else one made from where it stands:
``{FORUM}{YEAR}-RT{session}-{C|R}{nn}`` for a session's conclusions and recommendations
(GFMD2014-RT3.2-R03), ``{FORUM}{YEAR}-RT{roundtable}-O{nn}`` for overall conclusions, ``nn``
the item's place in its own list. Adding an item to another list or session changes no id.
The forum's follow-up (its database, the Chair's Report's annex) refers to items by these ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from gfmd_reports.countries import country_name
from gfmd_reports.errors import FieldPath
from gfmd_reports.inline import plain_text
from gfmd_reports.model import Finding, Findings, Report

if TYPE_CHECKING:
    from gfmd_reports.formats.typography import FrenchSpacing
    from gfmd_reports.themes import Theme

ItemType = Literal["conclusion", "recommendation", "overall_conclusion"]
ExportFormat = Literal["json", "csv", "xlsx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv", "xlsx")
"""The formats ``export`` writes items in (here, where the command line finds them without
loading the export module)."""

_LETTERS = {"conclusion": "C", "recommendation": "R", "overall_conclusion": "O"}
_SESSION_LISTS: tuple[tuple[Literal["conclusions", "recommendations"], ItemType], ...] = (
    ("conclusions", "conclusion"),
    ("recommendations", "recommendation"),
)


@dataclass(frozen=True)
class ItemRecord:
    """One item of a report, as the forum's follow-up lists it."""

    id: str
    type: ItemType
    text: str
    """The text as printed, without markup or note calls, in the report's typography."""
    report: str
    """The report's source: its file name as given."""
    forum: str
    """The forum's short name (“GFMD”), or its name if it has none."""
    year: int
    roundtable: int
    session: str | None
    """The session's number (“3.2”); None for overall conclusions."""
    language: str
    theme: str | None
    gcm_objectives: tuple[int, ...]
    sdg_targets: tuple[str, ...]
    actors: tuple[str, ...]
    """As printed in the report's language: a State by its UN short name."""
    path: tuple[str | int, ...]
    """The item's field path in the report, to locate problems."""


@dataclass(frozen=True)
class PlacedItem:
    """An item where it stands in its report, with the id it has there."""

    path: FieldPath
    type: ItemType
    session: str | None
    item: Finding
    id: str
    """Its own id if it has one, else the id its place gives it."""


def placed_items(report: Report) -> Iterator[PlacedItem]:
    """Yield every item of a report in reading order: each session's conclusions, then its
    recommendations, then the overall conclusions."""
    prefix = f"{forum_code(report)}{report.forum.year}-RT"
    for index, session in enumerate(report.sessions):
        for field, item_type in _SESSION_LISTS:
            findings = getattr(session, field)
            path = ("sessions", index, field, "items")
            start = f"{prefix}{session.number}-"
            yield from _placed(findings, path, item_type, session.number, start)
    start = f"{prefix}{report.roundtable.number}-"
    yield from _placed(
        report.overall_conclusions,
        ("overall_conclusions", "items"),
        "overall_conclusion",
        None,
        start,
    )


def _placed(
    findings: Findings | None,
    path: FieldPath,
    item_type: ItemType,
    session: str | None,
    start: str,
) -> Iterator[PlacedItem]:
    if findings is None:
        return
    # Two digits at least, never more for a long list: adding the 100th item must not
    # change the ids of the 99 before it.
    for position, item in enumerate(findings.items, start=1):
        derived = f"{start}{_LETTERS[item_type]}{position:02d}"
        yield PlacedItem((*path, position - 1), item_type, session, item, item.id or derived)


def forum_code(report: Report) -> str:
    """The forum as ids name it: its short name in capitals, letters and digits only (GFMD),
    or without one the initials of its name's words but the little ones, as acronyms are
    made (Global Forum on Migration and Development: GFMD; Foro Mundial sobre Migración y
    Desarrollo: FMMD); accents dropped, so that an id stays plain ASCII."""
    forum = report.forum
    if forum.short_name:
        return re.sub(r"[^A-Za-z0-9]", "", _ascii(forum.short_name)).upper()
    words = [_ascii(word) for word in re.findall(r"[^\W_]+", forum.name)]  # l’Afrique: l, Afrique
    words = [word for word in words if word]
    kept = [word for word in words if word.casefold() not in _LITTLE_WORDS] or words
    return "".join(word[0] for word in kept).upper()


_LITTLE_WORDS = frozenset(
    {
        *("a", "an", "and", "at", "for", "in", "of", "on", "the", "to"),
        *("au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "sur"),
        *("con", "del", "e", "el", "las", "los", "o", "para", "por", "sobre", "y"),
    }
)
"""Articles, prepositions and conjunctions, which a forum's acronym leaves out."""


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def report_items(report: Report, source: str, theme: Theme | None = None) -> list[ItemRecord]:
    """Return every item of a valid report as a record, in reading order.

    ``theme`` is the one the report is rendered with: it gives the report's language when the
    report names none, the French spacing of its typography, and the thematic areas' names.
    Without it the report is taken as in English, as the built-in themes write by default.
    """
    language = report.language or (theme.language if theme else "en")
    spacing: FrenchSpacing = theme.tokens.french_spacing if theme else "narrow"
    return [
        _record(placed, report, source, language, spacing, theme) for placed in placed_items(report)
    ]


def _record(
    placed: PlacedItem,
    report: Report,
    source: str,
    language: str,
    spacing: FrenchSpacing,
    theme: Theme | None,
) -> ItemRecord:
    tags = placed.item.tags
    written_theme = tags.theme if tags else None
    return ItemRecord(
        id=placed.id,
        type=placed.type,
        text=printed_text(placed.item.text, language, spacing),
        report=source,
        forum=report.forum.short_name or report.forum.name,
        year=report.forum.year,
        roundtable=report.roundtable.number,
        session=placed.session,
        language=language,
        theme=theme.item_theme_label(written_theme, language) if theme else written_theme,
        gcm_objectives=tuple(tags.gcm_objectives) if tags else (),
        sdg_targets=tuple(tags.sdg_targets) if tags else (),
        actors=tuple(country_name(actor, language, article=False) for actor in placed.item.actors),
        path=placed.path,
    )


def printed_text(text: str, language: str, spacing: FrenchSpacing) -> str:
    """A text's words as the report prints them: no markup or note calls, and the language's
    quotation marks, apostrophes and spaces."""
    # The formats' package loads the themes, which validate reports with this module's ids.
    from gfmd_reports.formats.typography import typeset

    return "".join(typeset([plain_text(text)], language, spacing))
