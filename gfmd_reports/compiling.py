"""Reports → one compiled page (a Chair's Report): cover, contents, front matter, a chapter per
round table, the consolidated annex of recommendations and the compilation's own annexes.

Each report is rendered as it is on its own (its kind's template, its theme's phrases in its
language, its typography), and its article is then moved into its chapter: headings one level
down, ids made unique, notes numbered on through the page. The compilation's own words are
typeset in its language before any report's text joins them, so that no text is typeset twice
in two languages.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from gfmd_reports.compilation import Annexes, Compilation, is_compilation_file
from gfmd_reports.countries import country_name
from gfmd_reports.errors import (
    Problem,
    ReportError,
    ReportFileError,
)
from gfmd_reports.export import gather_files, problems_in_order
from gfmd_reports.formats import LONG_LAYOUT, Format, templates_stage
from gfmd_reports.formats.contract import HEADINGS, check_html
from gfmd_reports.formats.html import (
    Footnotes,
    forum_line,
    forum_parts,
    forum_year,
    render_html,
    render_template,
    template_sources,
)
from gfmd_reports.formats.typography import typeset_page
from gfmd_reports.i18n import _, mark
from gfmd_reports.inline import footnote_references
from gfmd_reports.items import ItemRecord, forum_code, report_items
from gfmd_reports.limits import render_stage
from gfmd_reports.loading import DataFile, read_data_file
from gfmd_reports.model import Forum, Report
from gfmd_reports.phrases import Phrases
from gfmd_reports.themes import DEFAULT_THEME, Theme, load_theme

COMPILATION_TEMPLATE = "compilation.html"
COMPILATION_STYLESHEET = "compilation.css"
"""After the theme's stylesheets, in a compilation's page only: a report's page is unchanged."""


@dataclass(frozen=True)
class SourceReport:
    """A valid report of the compilation, and the file it was read from."""

    path: Path
    report: Report


@dataclass(frozen=True)
class Gathered:
    """A compilation with every report it names read and valid, and the warnings met."""

    compilation: Compilation
    theme: Theme
    """The compilation's theme, found first beside its file."""
    reports: list[SourceReport]
    warnings: list[Problem]


def gather(files: Sequence[Path], title: str | None = None) -> Gathered:
    """Read a compilation file, or the report files given, and every report it names.

    Raises ReportFileError with every problem of every file, located, if anything is wrong:
    a compilation never holds part of its reports.
    """
    problems: list[Problem] = []
    if len(files) == 1 and is_compilation_file(files[0]):
        source = read_data_file(files[0])
        compilation = source.validated(Compilation)
        problems += _note_problems(compilation, source)
        folder = files[0].parent
        paths = [folder / name for name in compilation.reports]
    else:
        source = None
        # Files named on the command line are no file's field: nothing to check them against.
        listed = [str(path) for path in files]
        compilation = Compilation.model_construct(kind="compilation", reports=listed)
        folder, paths = Path.cwd(), list(files)
    if title:  # checked as the file's title is: the option's mistakes are named after it
        titled = {**compilation.model_dump(), "title": title}
        compilation = DataFile("--title", titled, {}).validated(Compilation)
    theme = _compilation_theme(compilation, folder, source)
    reports, found = _read_reports(paths, source)
    problems += found
    if not any(problem.severity == "error" for problem in problems) and compilation.forum is None:
        problems += _forum_problems(reports, source)
    if any(problem.severity == "error" for problem in problems):
        raise ReportFileError(problems)
    return Gathered(compilation, theme, reports, problems)


def _compilation_theme(compilation: Compilation, folder: Path, source: DataFile | None) -> Theme:
    """The compilation's theme; one that cannot be had is a problem at the file's theme:."""
    try:
        return load_theme(compilation.theme or DEFAULT_THEME, folder, Path.cwd())
    except ReportError as error:
        if source is None:
            raise
        raise ReportFileError([source.problem(("theme",), str(error))]) from error


def output_stem(files: Sequence[Path]) -> str:
    """The name of a compilation's outputs: its file's, or “compilation” for reports given."""
    if len(files) == 1 and is_compilation_file(files[0]):
        return files[0].stem
    return "compilation"


def compile_formats(
    gathered: Gathered, formats: Sequence[Format], modified: datetime.datetime | None = None
) -> dict[Format, bytes]:
    """Render a gathered compilation in each format, the PDF and DOCX from one page and one
    layout: the DOCX's contents take their page numbers from the PDF's."""
    theme = gathered.theme
    with templates_stage(theme):
        html = compile_html(gathered, modified)
    rendered: dict[Format, bytes] = {"html": html.encode()} if "html" in formats else {}
    if {"pdf", "docx"} & set(formats):
        from gfmd_reports.formats.pdf import lay_out_pdf

        with render_stage(_("laying out the PDF"), _(LONG_LAYOUT)):
            laid_out = lay_out_pdf(html, theme)
        if "pdf" in formats:
            rendered["pdf"] = laid_out.pdf
        if "docx" in formats:
            from gfmd_reports.formats.docx import html_to_docx

            with render_stage(_("building the Word document")):
                rendered["docx"] = html_to_docx(html, theme, modified, page_numbers=laid_out.pages)
    return rendered


def _note_problems(compilation: Compilation, source: DataFile) -> list[Problem]:
    """Refuse a reference in the front matter to a footnote the compilation does not hold."""
    return [
        source.problem(
            (field, index),
            _(
                "refers to the footnote [^{note}], which footnotes: does not hold: add it "
                "there, or remove the reference",
                note=note,
            ),
        )
        for field in ("foreword", "executive_summary")
        for index, paragraph in enumerate(getattr(compilation, field))
        for note in footnote_references(paragraph)
        if note not in compilation.footnotes
    ]


def _read_reports(
    paths: list[Path], source: DataFile | None
) -> tuple[list[SourceReport], list[Problem]]:
    """Validate every report with its theme, as render and export do, and refuse an id two
    reports give their items; a report missing, listed twice or that is a compilation is
    named at the compilation file's line (given on the command line, a file twice is once)."""
    problems: list[Problem] = []
    found: list[Path] = []
    seen: set[Path] = set()
    for index, path in enumerate(paths):
        if path.resolve() in seen:
            twice = _("{file} is listed a second time: list each report once", file=path)
            problems += [source.problem(("reports", index), twice)] if source else []
            continue
        seen.add(path.resolve())
        why = _unlisted_reason(path, listed=source is not None)
        if why and source is not None:
            problems.append(source.problem(("reports", index), why))
        elif why:
            problems.append(Problem(str(path), "", why))
        else:
            found.append(path)
    gathered = gather_files(found, Path.cwd())
    reports = [SourceReport(path, report) for path, report in gathered.reports]
    return reports, problems + problems_in_order(gathered.problems)


def _unlisted_reason(path: Path, listed: bool) -> str | None:
    """Why a file cannot be one of the compilation's reports, if it cannot; one named on the
    command line that cannot be read is said as validate says it."""
    if listed and not path.is_file():
        return _(
            "no report file {file}: write its path relative to the compilation file's folder",
            file=path,
        )
    if is_compilation_file(path):
        return _("{file} is a compilation file: list the reports it lists instead", file=path)
    return None


def _forum_key(forum: Forum) -> tuple[str, int]:
    return (forum.short_name or forum.name, forum.year)


def _forum_problems(reports: list[SourceReport], source: DataFile | None) -> list[Problem]:
    """Refuse reports of different forums or years when the compilation does not name its own
    meeting: the cover could only guess which one it reports on."""
    by_forum: dict[tuple[str, int], list[Path]] = {}
    for item in reports:
        by_forum.setdefault(_forum_key(item.report.forum), []).append(item.path)
    if len(by_forum) < 2:
        return []
    groups = "; ".join(
        _("{forum} {year}: {files}", forum=name, year=year, files=", ".join(map(str, paths)))
        for (name, year), paths in by_forum.items()
    )
    message = _(
        "the reports are of different forums or years ({groups}): compile one meeting's "
        "reports together, or name the meeting the compilation reports on under forum: in a "
        "compilation file",
        groups=groups,
    )
    if source is not None:
        return [source.problem(("reports",), message)]
    return [Problem(str(reports[0].path), "", message)]


@dataclass(frozen=True)
class _Chapter:
    anchor: str
    number: int
    title: str | None
    meeting: str | None
    """The meeting it belongs to (“GFMD 2019”), named only in a compilation of several."""
    reports: list[str]


def _chapter_key(item: SourceReport) -> tuple[int, str, int]:
    """Chapters by meeting (by year), then by round table."""
    forum = item.report.forum
    return (forum.year, forum.short_name or forum.name, item.report.roundtable.number)


@dataclass(frozen=True)
class _Placed:
    """A report in the compilation: its anchor (the article's id) and its rendered page."""

    anchor: str
    source: SourceReport
    theme: Theme
    page: HtmlElement
    language: str


def compile_html(gathered: Gathered, modified: datetime.datetime | None = None) -> str:
    """Render a gathered compilation as one HTML page, checked as every page is."""
    compilation, theme = gathered.compilation, gathered.theme
    language = theme.locale(compilation.language or theme.language)
    phrases = theme.phrases(language)
    placed = _placed_reports(gathered, modified)
    items = [
        (place, record)
        for place in placed
        for record in report_items(place.source.report, str(place.source.path), place.theme)
    ]
    forum = compilation.forum or gathered.reports[0].report.forum
    notes = Footnotes(dict(compilation.footnotes))
    frame = render_template(
        theme,
        COMPILATION_TEMPLATE,
        compilation=compilation,
        title=compilation.title or phrases.say("compilation_title"),
        language=language,
        phrases=phrases,
        notes=notes,
        stylesheets=[*theme.stylesheets, COMPILATION_STYLESHEET],
        forum_line=forum_line(forum, phrases),
        document_title=_document_title(compilation, forum, phrases),
        cover=_cover(forum, phrases),
        chapters=_chapters(placed, phrases),
        annexes=_annexes(compilation.annexes, items, phrases),
        modified=modified.isoformat() if modified else None,
    )
    frame = typeset_page(frame, language, theme.tokens.french_spacing)
    page = lxml.html.document_fromstring(frame)
    _put_reports(page, placed, len(notes.entries), language, phrases, theme.name)
    _fill_texts(page, placed, items, language, theme.name)
    _list_contents(page, language)
    html = lxml.html.tostring(page, encoding="unicode", doctype="<!DOCTYPE html>")
    check_html(html, theme.name, template_sources(theme))
    return html


def _placed_reports(gathered: Gathered, modified: datetime.datetime | None) -> list[_Placed]:
    """Render every report on its own, in chapter order: by round table, then as listed."""
    ordered = sorted(gathered.reports, key=_chapter_key)
    placed = []
    for number, item in enumerate(ordered, start=1):
        report = item.report
        theme = load_theme(report.theme or DEFAULT_THEME, item.path.parent, Path.cwd())
        html = render_html(report, theme, modified, reading_times=False)
        language = theme.locale(report.language or theme.language)
        placed.append(
            _Placed(f"report-{number}", item, theme, lxml.html.document_fromstring(html), language)
        )
    return placed


def _document_title(compilation: Compilation, forum: Forum, phrases: Phrases) -> str:
    title = compilation.title or phrases.say("compilation_title")
    meeting = forum_parts(forum, phrases)[0] or ""
    said = phrases.say("compilation_document_title", title=title, forum=meeting)
    return said.unescape()


def _cover(forum: Forum, phrases: Phrases) -> dict[str, object]:
    """The cover's lines: the meeting, then the forum's full name (which the meeting's name
    abbreviates), venue, dates and chairmanship, one a line."""
    meeting, *details = forum_parts(forum, phrases)
    full_name = forum.name if forum.short_name else None
    return {"meeting": meeting, "details": [part for part in (full_name, *details) if part]}


def _chapters(placed: list[_Placed], phrases: Phrases) -> list[_Chapter]:
    """One chapter per round table of each meeting; when the reports come from several
    meetings, each chapter names its meeting, and its anchor too."""
    groups = [
        list(group)
        for _key, group in itertools.groupby(placed, lambda p: _chapter_key(p.source)[:3])
    ]
    several = len({_chapter_key(group[0].source)[:2] for group in groups}) > 1
    chapters = []
    for members in groups:
        report = members[0].source.report
        titles = [p.source.report.roundtable.title for p in members]
        meeting = forum_year(report.forum, phrases) if several else None
        prefix = f"{forum_code(report)}{report.forum.year}-".lower() if several else ""
        chapters.append(
            _Chapter(
                anchor=f"{prefix}roundtable-{report.roundtable.number}",
                number=report.roundtable.number,
                title=next(filter(None, titles), None),
                meeting=meeting,
                reports=[p.anchor for p in members],
            )
        )
    return chapters


_ROMAN = ("I", "II", "III", "IV", "V")


def _annexes(
    annexes: Annexes, items: list[tuple[_Placed, ItemRecord]], phrases: Phrases
) -> list[dict[str, object]]:
    """The annexes to print, numbered: the recommendations, then programme and participants."""
    found: list[tuple[str, object]] = []
    if items:
        found.append(
            (
                "recommendations",
                [
                    _item_row(index, place, record, phrases)
                    for index, (place, record) in enumerate(items)
                ],
            )
        )
    if annexes.programme:
        days = [
            {"date": phrases.dates(day.date, None), "sessions": day.sessions}
            for day in annexes.programme
        ]
        found.append(("programme", days))
    if annexes.participants:
        rows = [
            (
                person,
                country_name(person.country, phrases.language, article=False)
                if person.country
                else "",
            )
            for person in annexes.participants
        ]
        found.append(("participants", rows))
    return [
        {"name": name, "number": _ROMAN[index], "rows": rows}
        for index, (name, rows) in enumerate(found)
    ]


def _item_row(index: int, place: _Placed, record: ItemRecord, phrases: Phrases) -> dict[str, str]:
    if record.session is None:
        part = phrases.say("overall_conclusions", number=str(record.roundtable))
    else:
        part = phrases.say("session_name", number=record.session)
    return {
        "id": record.id,
        "text": f"item-{index}",
        "report": f"{place.anchor}-title",
        "part": part,
    }


def _put_reports(
    page: HtmlElement,
    placed: list[_Placed],
    front_notes: int,
    language: str,
    phrases: Phrases,
    theme_name: str,
) -> None:
    """Put each report's article in its place, its notes numbered on after those before it."""
    notes_list = _notes_list(page, phrases)
    first_note = front_notes + 1
    for place in placed:
        slot = _one_element(page, f"//article[@id='{place.anchor}']", theme_name)
        article, notes = _adapted_article(place, first_note)
        slot.getparent().replace(slot, article)
        for note in notes:
            if place.language != language:
                note.set("lang", place.language)
            notes_list.append(note)
        first_note += len(notes)
    if not len(notes_list):
        section = notes_list.getparent()
        section.getparent().remove(section)


def _notes_list(page: HtmlElement, phrases: Phrases) -> HtmlElement:
    """The list of the page's notes, made as base.html makes it if the front matter has none."""
    found = page.xpath("//section[@class='footnotes']/ol")
    if found:
        return found[0]
    label = str(phrases.say("notes").unescape())
    attributes = {"class": "footnotes", "role": "doc-endnotes", "aria-label": label}
    section = lxml.html.Element("section", attributes)
    next(page.iter("main")).append(section)
    notes_list = lxml.html.Element("ol")
    section.append(notes_list)
    return notes_list


def _adapted_article(place: _Placed, first_note: int) -> tuple[HtmlElement, list[HtmlElement]]:
    """A report's article made a chapter's part, and its notes renumbered from ``first_note``."""
    page = place.page
    (article,) = page.iter("article")
    article.set("id", place.anchor)
    article.set("lang", place.language)
    renumbered = {}
    notes = page.xpath("//section[@class='footnotes']/ol/li")
    for offset, note in enumerate(notes):
        old, new = note.get("id").removeprefix("fn"), str(first_note + offset)
        renumbered[old] = new
        note.set("id", f"fn{new}")
        note.set("value", new)
        for back in note.find_class("footnote-back"):
            back.set("href", f"#fnref{new}")
    for call in article.find_class("footnote-ref"):
        link = call.find("a")
        new = renumbered[link.get("href").removeprefix("#fn")]
        link.set("href", f"#fn{new}")
        link.set("id", f"fnref{new}")
        link.text = new
    for element in article.iter():
        identifier = element.get("id")
        if element is not article and identifier and not identifier.startswith("fnref"):
            element.set("id", f"{place.anchor}-{identifier}")
    _demote_headings(article, place)
    return article, notes


def _demote_headings(article: HtmlElement, place: _Placed) -> None:
    """Make the title an h3 (an oral report without one gets its document title) and each
    heading below it two levels lower; the report's own sections' headings get ids."""
    for hidden in article.find_class("for-screen-readers"):
        if hidden.tag in HEADINGS:
            hidden.drop_tree()
    title = next(iter(article.iter("h1")), None)
    if title is None:
        (page_title,) = place.page.iter("title")
        title = lxml.html.Element("h1")
        title.text = page_title.text_content()
        article.insert(0, title)
    sections = itertools.count(1)
    for heading in list(article.iter(*HEADINGS)):
        if heading.tag == "h2" and not heading.get("id"):
            heading.set("id", f"{place.anchor}-section-{next(sections)}")
        heading.tag = f"h{min(int(heading.tag[1]) + 2, 6)}"
    if "title" in title.get("class", "").split():
        del title.attrib["class"]
    title.set("id", f"{place.anchor}-title")


def _fill_texts(
    page: HtmlElement,
    placed: list[_Placed],
    items: list[tuple[_Placed, ItemRecord]],
    language: str,
    theme_name: str,
) -> None:
    """Give each ``data-fill`` element its text, in its report's language."""
    texts = {
        f"item-{index}": (record.text, place.language)
        for index, (place, record) in enumerate(items)
    }
    for place in placed:
        title = _one_element(page, f"//*[@id='{place.anchor}-title']", theme_name)
        texts[f"{place.anchor}-title"] = (_heading_text(title), place.language)
    for element in page.xpath("//*[@data-fill]"):
        key = element.attrib.pop("data-fill")
        if key not in texts:
            unknown = _(
                '{template}: data-fill="{key}" names no text of the compilation: keep those '
                "of templates/base/compilation.html in a theme's own",
                template=COMPILATION_TEMPLATE,
                key=key,
            )
            raise ReportError(_("theme '{theme}': {what}", theme=theme_name, what=unknown))
        text, text_language = texts[key]
        element.text = text
        if text_language != language:
            element.set("lang", text_language)


_NOT_IN_TEMPLATE = mark(
    "{template}: the compilation's page has no single {place}, where the compilation puts a "
    "report or its text: keep the elements of templates/base/compilation.html in a theme's own"
)


def _one_element(page: HtmlElement, path: str, theme_name: str) -> HtmlElement:
    """The one element of the page a report goes in; a theme's compilation.html without it is
    the theme's mistake, said as such."""
    found = page.xpath(path)
    if len(found) != 1:
        place = path.removeprefix("//")
        raise ReportError(
            _(
                "theme '{theme}': {what}",
                theme=theme_name,
                what=_(_NOT_IN_TEMPLATE, template=COMPILATION_TEMPLATE, place=place),
            )
        )
    return found[0]


def _heading_text(heading: HtmlElement) -> str:
    """A heading's words, without its notes' calls."""
    copy = lxml.html.fromstring(lxml.html.tostring(heading))
    for call in copy.find_class("footnote-ref"):
        call.drop_tree()
    return " ".join(copy.text_content().split())


_LEVELS = {"h2": 1, "h3": 2, "h4": 3}


def _list_contents(page: HtmlElement, language: str) -> None:
    """List the headings after the contents, levels 1–3: a section's or a report's heading
    linked to its section's or article's id, a report's own heading to its own."""
    (nav,) = page.xpath("//nav[@class='contents']")
    (entries,) = nav.iter("ol")
    for heading in _headings_after(nav):
        entry = lxml.html.Element("li", {"class": f"contents-{_LEVELS[heading.tag]}"})
        if heading.tag == "h4":
            anchor = heading.get("id")
        else:
            (anchor,) = heading.xpath("ancestor::*[@id][1]/@id")
        link = lxml.html.Element("a", {"href": f"#{anchor}"})
        entry.append(link)
        link.text = _heading_text(heading)
        heading_language = _language_of(heading)
        if heading_language and heading_language != language:
            entry.set("lang", heading_language)
        entries.append(entry)


def _headings_after(nav: HtmlElement) -> Iterator[HtmlElement]:
    for element in nav.itersiblings():
        yield from element.iter("h2", "h3", "h4")


def _language_of(element: HtmlElement) -> str | None:
    for ancestor in element.iterancestors():
        if ancestor.get("lang"):
            return ancestor.get("lang")
    return None
