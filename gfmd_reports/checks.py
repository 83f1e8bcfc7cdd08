"""Rules that compare fields across a report: errors that make it wrong, warnings worth a look."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from gfmd_reports.countries import AS_WRITTEN, Country, is_placed, suggest_country
from gfmd_reports.errors import FieldPath, Severity, format_field_path, quoted
from gfmd_reports.grammar import base_language
from gfmd_reports.i18n import _, mark, number
from gfmd_reports.inline import MarkupError, footnote_references, plain_text
from gfmd_reports.items import PlacedItem, forum_code, placed_items
from gfmd_reports.model import (
    KIND_ONLY_FIELDS,
    KIND_REQUIRED_FIELDS,
    MAX_CITATIONS,
    MAX_REPORT_CHARACTERS,
    Participant,
    Report,
    text_values,
)


@dataclass(frozen=True)
class Finding:
    """A problem found in a valid-looking report, at a field path."""

    path: FieldPath
    message: str
    severity: Severity = "error"


def check_report(report: Report) -> list[Finding]:
    """Return every cross-field problem of a report, errors and warnings alike."""
    return [
        *_check_sessions(report),
        *_check_kind(report),
        *_check_footnotes(report),
        *_check_honorifics(report),
        *_check_countries(report),
        *_check_item_ids(report),
        *_check_language(report),
        *_check_quoted(report),
    ]


def _check_language(report: Report) -> Iterator[Finding]:
    """A language with a region must be one the date formats know (Babel's locales)."""
    if report.language and "-" in report.language:
        from babel.localedata import exists  # only for the rare report that names a region

        if not exists(report.language.replace("-", "_")):
            language = report.language.split("-")[0]
            yield Finding(
                ("language",),
                _(
                    "{tag} is not a language and region the dates can be written for: write "
                    "{language} alone, or with a country where it is written, as in en-GB or fr-CA",
                    tag=quoted(report.language),
                    language=quoted(language),
                ),
            )


def _check_sessions(report: Report) -> Iterator[Finding]:
    roundtable = report.roundtable.number
    first_seen: dict[str, int] = {}
    previous: int | None = None
    for index, session in enumerate(report.sessions):
        path = ("sessions", index, "number")
        prefix, suffix = (int(part) for part in session.number.split("."))
        if prefix != roundtable:
            yield Finding(
                path,
                _(
                    "{number} belongs to Round Table {prefix}, but this report is on Round Table "
                    '{roundtable}: number the session "{meant}"',
                    number=quoted(session.number),
                    prefix=prefix,
                    roundtable=roundtable,
                    meant=f"{roundtable}.{suffix}",
                ),
            )
        if session.number in first_seen:
            yield Finding(
                path,
                _(
                    "{number} is also the number of {other}: give each session its own number",
                    number=quoted(session.number),
                    other=format_field_path(("sessions", first_seen[session.number])),
                ),
            )
        else:
            first_seen[session.number] = index
        if prefix != roundtable:
            continue
        if previous is not None and suffix < previous:
            yield Finding(
                path,
                _(
                    "{number} comes after a later-numbered session: sessions are reported in "
                    "the order listed, so check the order",
                    number=quoted(session.number),
                ),
                "warning",
            )
        previous = suffix


def _check_kind(report: Report) -> Iterator[Finding]:
    if report.kind in KIND_REQUIRED_FIELDS["rapporteur"] and report.rapporteur is None:
        yield Finding(("rapporteur",), _(_RAPPORTEUR_REQUIRED[report.kind]))
    if report.kind == "session" and len(report.sessions) > 1:
        yield Finding(
            ("sessions", 1),
            _(
                "a session report covers one session, and this one lists {count}: write kind: "
                "general for a report on several sessions, or one report per session",
                count=number(len(report.sessions)),
            ),
        )
    for field, kinds in KIND_ONLY_FIELDS.items():
        if report.kind not in kinds and getattr(report, field):
            yield Finding(
                (field,),
                _(
                    _SHOWN_ONLY_BY[" and ".join(sorted(kinds))],
                    kind=report.kind,
                    other=sorted(kinds)[0],
                ),
                "warning",
            )
    if report.kind == "general" and report.title and report.roundtable.title:
        yield Finding(
            ("roundtable", "title"),
            _(
                "is not printed: the report's own title: replaces the heading that names the "
                "roundtable; write the roundtable's title into title:, or delete title:"
            ),
            "warning",
        )
    if report.kind == "oral" and report.subtitle_footnote and not report.subtitle:
        yield Finding(
            ("subtitle_footnote",),
            _(
                "an oral report prints a subtitle, and so its footnote, only when given one: "
                "add subtitle:, or delete the footnote"
            ),
            "warning",
        )


_RAPPORTEUR_REQUIRED = {
    "session": mark(
        "is required for a session report, whose byline names the rapporteur: "
        "add rapporteur: with at least a name"
    ),
    "general": mark(
        "is required for a general report, whose byline names the rapporteur: "
        "add rapporteur: with at least a name"
    ),
}
"""What a written report without its rapporteur says, by its kind."""

_SHOWN_ONLY_BY = {
    "oral": mark(
        "only oral reports show it, and this report is {kind}: delete it, or change kind: "
        "to {other}"
    ),
    "general": mark(
        "only general reports show it, and this report is {kind}: delete it, or change kind: "
        "to {other}"
    ),
    "general and session": mark(
        "only general and session reports show it, and this report is {kind}: delete it, or "
        "change kind: to {other}"
    ),
}
"""What a field only some kinds print says in a report of another kind, by those kinds."""


_FOOTNOTE_FIELDS = frozenset({"footnotes", "subtitle_footnote"})


def _check_footnotes(report: Report) -> Iterator[Finding]:
    defined = report.footnotes
    citations: Counter[str] = Counter()
    for path, text in text_values(report, names=False):  # names are printed as written
        try:
            references = footnote_references(text)
        except MarkupError as error:
            yield Finding(path, str(error))
            continue
        for footnote_id in references:
            if path[0] in _FOOTNOTE_FIELDS:
                yield Finding(
                    path,
                    _(
                        "refers to footnote {reference}, but a footnote cannot have footnotes: "
                        "write the text into this footnote instead",
                        reference=f"[^{footnote_id}]",
                    ),
                )
                continue
            citations[footnote_id] += 1
            if footnote_id not in defined:
                known = ", ".join(f"[^{key}]" for key in defined) or _("none")
                yield Finding(
                    path,
                    _(
                        "refers to footnote {reference}, which footnotes: does not define "
                        "(defined: {known}): add it there, or correct the reference",
                        reference=f"[^{footnote_id}]",
                        known=known,
                    ),
                )
    for footnote_id in defined:
        if footnote_id not in citations:
            yield Finding(
                ("footnotes", footnote_id),
                _(
                    "no text refers to it: add {reference} where the note belongs, or delete it",
                    reference=f"[^{footnote_id}]",
                ),
                "warning",
            )
    yield from _check_printed_notes(report, citations)


def _check_printed_notes(report: Report, citations: Counter[str]) -> Iterator[Finding]:
    """Bound what the notes print: the PDF and the Word document print a note in full at each
    citation, so a long note cited thousands of times would print megabytes from a small file."""
    most_cited, count = max(citations.items(), key=lambda item: item[1], default=("", 0))
    total = sum(citations.values())
    if total > MAX_CITATIONS:
        yield Finding(
            ("footnotes", most_cited) if most_cited in report.footnotes else ("footnotes",),
            _(
                "the report refers to its footnotes {total} times ({reference} {count} times), "
                "more than the {most} a report may: each reference prints the note at the foot "
                "of its page; refer to a note once, or write the words into the text",
                total=number(total),
                reference=f"[^{most_cited}]",
                count=number(count),
                most=number(MAX_CITATIONS),
            ),
        )
        return
    repeated = {
        footnote_id: (count - 1) * len(report.footnotes[footnote_id])
        for footnote_id, count in citations.items()
        if footnote_id in report.footnotes
    }
    written = sum(len(text) for _, text in text_values(report))
    if repeated and written + sum(repeated.values()) > MAX_REPORT_CHARACTERS:
        largest = max(repeated, key=repeated.__getitem__)
        printed = written + sum(repeated.values())
        yield Finding(
            ("footnotes", largest),
            _(
                "is referred to {count} times and printed in full at each, so the report would "
                "print {printed} characters, more than the {most} a report may: refer to it "
                "less often, or shorten it",
                count=number(citations[largest]),
                printed=number(printed),
                most=number(MAX_REPORT_CHARACTERS),
            ),
        )


def _participants(report: Report) -> Iterator[tuple[FieldPath, Participant]]:
    if report.rapporteur is not None:
        yield ("rapporteur",), report.rapporteur
    for index, session in enumerate(report.sessions):
        for role in ("co_chairs", "panel"):
            for position, participant in enumerate(getattr(session, role)):
                yield ("sessions", index, role, position), participant


# Runs of initials ("H.E.", "H. E.") and the usual word abbreviations, with or without a dot.
_ABBREVIATION = re.compile(
    r"(?<![A-Za-z])(?:(?:[A-Z]\.?\s*){1,3}[A-Z]\.?|(?:Mr|Mrs|Ms|Dr|Prof|Amb|Hon|Sr|Sra|Dra|Mme))"
    r"(?![A-Za-z])\.?"
)


def _honorific_spellings(report: Report) -> Iterator[tuple[FieldPath, str, str]]:
    """Yield each abbreviation in an honorific: its field, its spelling (“H. E.”) and the
    letters that make it the same honorific however spelt (“HE”)."""
    for path, participant in _participants(report):
        for match in _ABBREVIATION.finditer(participant.honorific or ""):
            spelling = match.group().strip()
            yield (*path, "honorific"), spelling, _honorific_letters(spelling)


def _honorific_letters(spelling: str) -> str:
    return re.sub(r"[\s.]", "", spelling)


def _check_honorifics(report: Report) -> Iterator[Finding]:
    spellings: dict[str, dict[str, FieldPath]] = {}
    uses = list(_honorific_spellings(report))
    for path, spelling, canonical in uses:
        spellings.setdefault(canonical, {}).setdefault(spelling, path)
    for path, spelling, canonical in uses:
        variants = spellings[canonical]
        first_spelling, first_path = next(iter(variants.items()))
        if len(variants) > 1 and spelling != first_spelling:
            other = format_field_path(first_path)
            yield Finding(
                path,
                _(
                    "writes {spelling}, but {other} writes {first}: spell each honorific the "
                    "same way throughout",
                    spelling=quoted(spelling),
                    other=other,
                    first=quoted(first_spelling),
                ),
                "warning",
            )


def check_house_honorifics(report: Report, house_forms: Iterable[str]) -> Iterator[Finding]:
    """Warn where an honorific spells one of a theme's house forms otherwise: “H. E.” where
    the house writes “H.E.”."""
    house = {_honorific_letters(form): form for form in house_forms}
    for path, spelling, canonical in _honorific_spellings(report):
        form = house.get(canonical)
        if form is not None and spelling != form:
            yield Finding(
                path,
                _(
                    "writes {spelling}, which the theme's house style writes {form}: write it so",
                    spelling=quoted(spelling),
                    form=quoted(form),
                ),
                "warning",
            )


def _check_countries(report: Report) -> Iterator[Finding]:
    """A State is named as the UN or ISO name it; a forum's chair or an item's actor may also
    be an organisation, which is kept as written and warned about only when it looks like a
    misspelt State."""
    language = base_language(report.language or "en")
    named = [(path, participant.country, False) for path, participant in _participants(report)]
    for index, chair in enumerate(report.forum.chairs):
        named.append((("forum", "chairs", index), chair, True))
    for placed in placed_items(report):
        for index, actor in enumerate(placed.item.actors):
            named.append(((*placed.path, "actors", index), actor, True))
    for path, name, may_be_organisation in named:
        if name is None or is_placed(name):
            continue
        country = suggest_country(name)
        if country is None and may_be_organisation:
            continue
        field = path if may_be_organisation else (*path, "country")
        yield Finding(field, _unplaced_state(name, country, language), "warning")


def _unplaced_state(name: str, country: Country | None, language: str) -> str:
    """Say that a name is no State's, which one it may be, and how to keep it as written."""
    as_written = quoted(f"{AS_WRITTEN}{name}")
    if country is None:
        return _(
            "{name} is neither the UN short name nor the ISO code of a State: check the "
            "spelling, or write {as_written} to print it as written",
            name=quoted(name),
            as_written=as_written,
        )
    meant = country.name(language if language in ("fr", "es") else "en")
    return _(
        "{name} is neither the UN short name nor the ISO code of a State: did you mean "
        "{meant} ({code})? To print it as written instead, write {as_written}",
        name=quoted(name),
        meant=quoted(meant or ""),
        code=country.alpha3,
        as_written=as_written,
    )


def _check_item_ids(report: Report) -> Iterator[Finding]:
    """Each item's id, its own or the one its place gives it, is the item's alone, as a
    database key or a spreadsheet's lookup needs it: compared without case."""
    first: dict[str, PlacedItem] = {}
    placed_list = list(placed_items(report))
    if not forum_code(report) and any(placed.item.id is None for placed in placed_list):
        yield Finding(
            ("forum", "short_name" if report.forum.short_name else "name"),
            _(
                "has no letter A–Z or digit for the ids of the report's conclusions and "
                "recommendations, which begin with the year alone: write the forum's "
                "short_name in Latin letters, as GFMD"
            ),
            "warning",
        )
    for placed in placed_list:
        earlier = first.setdefault(placed.id.casefold(), placed)
        if earlier is placed or (earlier.item.id is None and placed.item.id is None):
            continue  # two places giving one id are two sessions of one number: said already
        other = format_field_path(earlier.path)
        if placed.item.id is not None:
            yield Finding(
                (*placed.path, "id"),
                _(
                    "{id} is also the id of {other}: give each item its own id",
                    id=quoted(placed.item.id),
                    other=other,
                ),
            )
        else:
            yield Finding(
                placed.path,
                _(
                    "the id this item takes from its place, {id}, is already the id: of "
                    "{other}: give that item another id, or this one an id: of its own",
                    id=quoted(placed.id),
                    other=other,
                ),
            )


def check_item_themes(
    report: Report, areas: Sequence[Mapping[str, str]], language: str
) -> Iterator[Finding]:
    """Where a theme lists its thematic areas, an item's tags.theme must name one of them, in
    any of its languages; the areas are named in ``language``, the report's."""
    if not areas:
        return
    names = {_spaced(name): name for area in areas for name in area.values()}
    for placed in placed_items(report):
        written = placed.item.tags.theme if placed.item.tags else None
        if written is None or named_area(areas, written) is not None:
            continue
        close = difflib.get_close_matches(_spaced(written), list(names), n=1, cutoff=0.6)
        path = (*placed.path, "tags", "theme")
        if close:
            yield Finding(
                path,
                _(
                    "{theme} is not one of the theme's thematic areas: did you mean {close}?",
                    theme=quoted(written),
                    close=quoted(names[close[0]]),  # in the language the tag was written in
                ),
            )
        else:
            listed = ", ".join(quoted(area_name(area, language)) for area in areas)
            yield Finding(
                path,
                _(
                    "{theme} is not one of the theme's thematic areas, which are {areas}: "
                    "write one of them",
                    theme=quoted(written),
                    areas=listed,
                ),
            )


def named_area(areas: Sequence[Mapping[str, str]], written: str) -> Mapping[str, str] | None:
    """The thematic area a tag names in any of its languages, however capitalised or spaced."""
    return next((area for area in areas if _spaced(written) in map(_spaced, area.values())), None)


def _spaced(name: str) -> str:
    return " ".join(name.casefold().split())


def area_name(area: Mapping[str, str], language: str) -> str:
    """A thematic area's name in a language, or else in English (or the first it has)."""
    return area.get(language) or area.get("en") or next(iter(area.values()))


_OPENING_QUOTES = '"“«„'
_CLOSING_QUOTES = '"”»“'


def _check_quoted(report: Report) -> Iterator[Finding]:
    """A title or quotation typed in quotation marks would print them twice: the templates put
    it in the language's own."""
    for path, text, message in _quoted_texts(report):
        try:
            words = plain_text(text).strip()
        except MarkupError:
            continue  # told by _check_footnotes
        inner = words[1:-1]
        wrapped = len(words) > 2 and words[0] in _OPENING_QUOTES and words[-1] in _CLOSING_QUOTES
        if wrapped and not any(quote in inner for quote in _OPENING_QUOTES + _CLOSING_QUOTES):
            yield Finding(path, _(message), "warning")


def _quoted_texts(report: Report) -> Iterator[tuple[FieldPath, str, str]]:
    """The texts the templates print in quotation marks, with their path and what the report
    says of one written in quotation marks."""
    if report.kind == "general" and report.roundtable.title and not report.title:
        yield ("roundtable", "title"), report.roundtable.title, _QUOTED_TITLE
    for index, session in enumerate(report.sessions):
        yield ("sessions", index, "title"), session.title, _QUOTED_TITLE
        paper = session.background_paper
        if paper and paper.title:
            yield ("sessions", index, "background_paper", "title"), paper.title, _QUOTED_TITLE
    if report.quote:
        yield ("quote", "text"), report.quote.text, _QUOTED_QUOTATION


_QUOTED_TITLE = mark(
    "is written in quotation marks, which the report adds itself around a title: "
    "write the title without quotation marks"
)
_QUOTED_QUOTATION = mark(
    "is written in quotation marks, which the report adds itself around a quotation: "
    "write the quotation without quotation marks"
)
