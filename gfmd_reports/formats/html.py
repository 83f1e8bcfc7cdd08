"""Report + theme → a standalone, semantic HTML page: the one rendering all formats start from.

Templates run in Jinja's sandbox with autoescaping and ``StrictUndefined``: text from a report
can never become markup, and a misspelt variable in a template is an error, not a blank.
Footnotes are numbered in the order the page cites them; the page links each call to its note
in a closing ``<section class="footnotes">``, which the PDF and DOCX stages turn into real
footnotes.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

import lxml.html
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemBytecodeCache,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from gfmd_reports.countries import country_name
from gfmd_reports.errors import ReportError
from gfmd_reports.files import UnreadableFileError, read_bounded
from gfmd_reports.formats.contract import PHRASING, TemplateSources, check_html
from gfmd_reports.formats.typography import typeset_page
from gfmd_reports.i18n import _, mark, number
from gfmd_reports.inline import (
    Emphasis,
    FootnoteReference,
    Inline,
    Strong,
    parse_inline,
    plain_text,
)
from gfmd_reports.model import MAX_CITATIONS, Finding, Forum, Participant, Report, ReportKind
from gfmd_reports.phrases import Phrases
from gfmd_reports.summary import SpeakingTime, count_words, format_duration, speaking_seconds
from gfmd_reports.themes import Theme, contained_file

NO_BREAK_SPACE = "\u00a0"


class Footnotes:
    """The notes a page cites, numbered in citation order."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts
        self._numbers: dict[str, int] = {}
        self.entries: list[tuple[int, str]] = []
        self._citations = 0

    def cite(self, key: str, text: str | None = None) -> int:
        """Return the number of a note, numbering it on its first citation.

        Raises ReportError beyond MAX_CITATIONS, as validation does: the PDF and the Word
        document print the note at every citation, and a theme's template could cite in a loop.
        """
        self._citations += 1
        if self._citations > MAX_CITATIONS:
            raise ReportError(
                _(
                    "the page refers to footnotes more than {most} times, the most a report "
                    "may: if the report itself does not, a loop in the theme's templates does",
                    most=number(MAX_CITATIONS),
                )
            )
        if key not in self._numbers:
            self._numbers[key] = len(self.entries) + 1
            self.entries.append((self._numbers[key], self._texts[key] if text is None else text))
        return self._numbers[key]

    def keys(self) -> dict[int, str]:
        """Each note's key (a report's footnote id) by its number: what pairs the notes of two
        versions of a report, whose numbers may differ."""
        return {number: key for key, number in self._numbers.items()}


def render_html(
    report: Report,
    theme: Theme,
    modified: datetime.datetime | None = None,
    kind: ReportKind | None = None,
    reading_times: bool = True,
    notes: Footnotes | None = None,
) -> str:
    """Render a report to a standalone HTML page with its theme's template for its kind.

    ``modified`` becomes the page's ``dcterms.modified`` date (and so the PDF's), if given.
    ``kind`` chooses another kind's template: ``"oral"`` makes a reading copy of any report.
    An oral page marks each session's reading time and the total, unless the theme's
    ``reading_times`` token is off or ``reading_times`` is false (a report in a compilation
    is read on paper). The page is typeset for its language last: quotation marks,
    apostrophes and French spaces, in the report's text and the theme's alike. ``notes``, if
    given, is filled with the notes the page cites (a comparison reads their keys).
    """
    kind = kind or report.kind
    marks = None
    if kind == "oral" and theme.tokens.reading_times and reading_times:
        marks = _reading_marks(time_reading(report, theme))
    html = _render_page(report, theme, kind, modified, marks, notes=notes)
    check_html(html, theme.name, template_sources(theme))
    language = theme.locale(report.language or theme.language)
    return typeset_page(html, language, theme.tokens.french_spacing)


def time_reading(report: Report, theme: Theme) -> SpeakingTime:
    """Time the reading aloud of a report's oral reading copy, as ``theme`` words it."""
    # Without stylesheets, which hold no words: only the theme's HTML templates run.
    page = _render_page(report, theme, "oral", None, None, stylesheets=False)
    numbers = [session.number for session in report.sessions]
    return read_aloud(page, numbers)


def read_aloud(html: str, session_numbers: list[str]) -> SpeakingTime:
    """Count what a rendered oral page reads aloud, per session and in all.

    Sessions are the page's ``section.session`` elements, in order; a theme whose page marks
    none, or a different number, gets the total only.
    """
    article = _spoken_article(html)
    sections = article.find_class("session")
    per_session = {}
    if len(sections) == len(session_numbers):
        per_session = {
            number: speaking_seconds(count_words(section.text_content()))
            for number, section in zip(session_numbers, sections, strict=True)
        }
    words = count_words(article.text_content())
    return SpeakingTime(words, per_session, speaking_seconds(words))


def _spoken_article(html: str):
    """The page's article as it is spoken: without what nobody reads aloud (the notes' calls,
    what only screen readers get, the reading-time marks; the notes and the running footer
    stand outside it), and with a space around each block, so that no block's words run
    into another's."""
    (article,) = lxml.html.document_fromstring(html).iter("article")
    for name in ("for-screen-readers", "footnote-ref", "reading-time"):
        for unread in article.find_class(name):
            unread.drop_tree()
    for element in article.iter():
        if element.tag not in PHRASING - {"br"}:
            element.text, element.tail = f" {element.text or ''}", f" {element.tail or ''}"
    return article


def _reading_marks(speaking: SpeakingTime) -> dict:
    """The reading times as the oral template prints them: per session number, and in all."""
    sessions = {number: format_duration(seconds) for number, seconds in speaking.sessions.items()}
    return {"sessions": sessions, "total": format_duration(speaking.total)}


def _render_page(
    report: Report,
    theme: Theme,
    kind: ReportKind,
    modified: datetime.datetime | None,
    reading_times: dict | None,
    stylesheets: bool = True,
    notes: Footnotes | None = None,
) -> str:
    language = theme.locale(report.language or theme.language)
    phrases = theme.phrases(language)
    return render_template(
        theme,
        template_name(kind, theme),
        report=report,
        language=language,
        phrases=phrases,
        notes=notes if notes is not None else Footnotes(dict(report.footnotes)),
        stylesheets=theme.stylesheets if stylesheets else [],
        forum_line=forum_line(report.forum, phrases),
        document_title=document_title(report, phrases, kind),
        modified=modified.isoformat() if modified else None,
        reading_times=reading_times,
    )


def render_template(theme: Theme, name: str, **context: object) -> str:
    """Run one of a theme's templates, its errors said as a theme's errors are.

    ``context`` must hold ``phrases`` and ``notes``, which the filters and ``say`` use; the
    theme's tokens and ``asset`` are given here.
    """
    environment = _environment(theme)
    try:
        template = environment.get_template(name)
        return template.render(tokens=theme.tokens, asset=theme.asset, **context)
    except TemplateSyntaxError as error:
        raise ReportError(
            _(
                "{file}:{line}: template error: {error}",
                file=error.filename,
                line=error.lineno,
                error=error.message,
            )
        ) from error
    except TemplateNotFound as error:
        raise ReportError(
            _(
                "theme '{theme}': template error: no template '{template}' in {folders}",
                theme=theme.name,
                template=error.name,
                folders=", ".join(map(str, theme.folders)),
            )
        ) from error
    except SecurityError as error:
        raise ReportError(
            _("theme '{theme}': template refused: {error}", theme=theme.name, error=error)
        ) from error
    except TemplateError as error:
        raise ReportError(
            _("theme '{theme}': template error: {error}", theme=theme.name, error=error)
        ) from error


def template_sources(theme: Theme) -> TemplateSources:
    """The theme chain's HTML templates, to name the one that holds what a check refuses."""
    environment = _environment(theme)
    loader = environment.loader
    assert loader is not None  # every environment of ours has one

    def sources() -> Iterator[tuple[str, str]]:
        names = environment.list_templates(extensions=["html"])
        for member in theme.chain:
            for name in names:
                if name.startswith(f"{member.name}/"):
                    source, path, _uptodate = loader.get_source(environment, name)
                    yield path or name, source

    return sources


KIND_TEMPLATES: dict[ReportKind, tuple[str, ...]] = {
    "oral": ("oral.html",),
    "session": ("session.html",),
    "general": ("general.html", "written.html"),
}
"""Each kind's template, and the names it had before (a theme's own ``written.html`` still
lays out its general reports)."""


def template_name(kind: ReportKind, theme: Theme) -> str:
    """The kind's template that stands highest in the theme chain, under any of its names."""
    names = KIND_TEMPLATES[kind]
    for member in theme.chain:
        for name in names:
            if os.path.lexists(member.folder / name):
                return name
    return names[0]


def forum_line(forum: Forum, phrases: Phrases) -> Markup:
    """Name the forum's meeting, venue, dates and chairs, as the running footer shows them:
    “Seventh GFMD Summit, Stockholm, 14–16 May 2014, under the Chairmanship of Sweden”."""
    return Markup(", ").join(part for part in forum_parts(forum, phrases) if part)


def forum_parts(forum: Forum, phrases: Phrases) -> list[Markup | str | None]:
    """The parts of the forum's line, each None where the forum does not say it: meeting,
    venue, dates, chairs (a compilation's cover prints them one a line)."""
    name = forum.short_name or forum.name
    parts: list[Markup | str | None] = [forum_year(forum, phrases), forum.venue, None, None]
    if forum.edition:
        number = forum.edition
        parts[0] = phrases.say(
            "forum_edition",
            ordinal=phrases.ordinal(number),
            ordinal_feminine=phrases.ordinal(number, feminine=True),
            forum=name,
        )
    if forum.dates:
        parts[2] = phrases.dates(forum.dates.start, forum.dates.end)
    elif forum.edition:
        parts[2] = str(forum.year)
    if forum.chairs:
        chairs_phrase = "forum_chair" if len(forum.chairs) == 1 else "forum_co_chairs"
        chairs = [country_name(chair, phrases.language) for chair in forum.chairs]
        parts[3] = phrases.say(chairs_phrase, chairs=phrases.join(chairs))
    return parts


def forum_year(forum: Forum, phrases: Phrases) -> Markup:
    """The forum as it is known by its year: “GFMD 2014”."""
    return phrases.say("forum_year", forum=forum.short_name or forum.name, year=str(forum.year))


def document_title(report: Report, phrases: Phrases, kind: ReportKind | None = None) -> str:
    """Name the forum, the subject and the kind of report, for the page's <title> and the PDF's
    and DOCX's properties: “GFMD 2016 – Roundtable 2.1: Report of the Rapporteur”."""
    forum = forum_year(report.forum, phrases)
    if report.title:
        subject: str = plain_text(report.title)
    elif report.kind == "general":
        subject = phrases.say("written_title", number=str(report.roundtable.number))
    else:
        subject = phrases.join(
            [phrases.say("session_name", number=s.number) for s in report.sessions]
        )
    kinds = {"oral": "oral_kind", "session": "session_subtitle", "general": "written_subtitle"}
    kind_name = (
        plain_text(report.subtitle) if report.subtitle else phrases.say(kinds[kind or report.kind])
    )
    # Unescaped, not stripped of tags: striptags would also turn French no-break spaces into spaces.
    return Markup(
        phrases.say("document_title", forum=forum, subject=subject, kind=kind_name)
    ).unescape()


def _environment(theme: Theme) -> SandboxedEnvironment:
    return _environment_for(tuple((t.name, t.folder) for t in theme.chain))


class _BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, which does not bound work, with a bound on ``*`` and ``**``: a theme's
    template must not make a string of gigabytes or a number of millions of digits."""

    intercepted_binops = frozenset({"*", "**"})
    MAX_REPEAT = 10_000
    MAX_EXPONENT = 1_000

    def call_binop(self, context, operator, left, right):
        sequences = str | list | tuple
        if operator == "*":
            count = right if isinstance(left, sequences) else left
            repeats = isinstance(left, sequences) or isinstance(right, sequences)
            if repeats and isinstance(count, int) and count > self.MAX_REPEAT:
                raise SecurityError(
                    _(
                        "repeating a value {count} times is beyond the bound of {most}",
                        count=number(count),
                        most=number(self.MAX_REPEAT),
                    )
                )
        if operator == "**" and isinstance(right, int) and right > self.MAX_EXPONENT:
            raise SecurityError(
                _(
                    "an exponent of {exponent} is beyond the bound of {most}",
                    exponent=number(right),
                    most=number(self.MAX_EXPONENT),
                )
            )
        return super().call_binop(context, operator, left, right)


class _ThemeFilesLoader(BaseLoader):
    """Loads templates from a theme's folders, and only the theme chain's own files: a link
    to a file elsewhere (/etc/passwd, another user's) is refused, not included."""

    def __init__(self, folders: list[Path], chain_folders: list[Path]) -> None:
        self.folders, self.chain_folders = folders, chain_folders

    def get_source(self, environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not os.path.lexists(candidate):
                continue
            path = contained_file(candidate, self.chain_folders)
            try:
                source = read_bounded(path, MAX_TEMPLATE_BYTES, mark("a template")).decode("utf-8")
            except (UnreadableFileError, UnicodeDecodeError) as error:
                raise ReportError(f"{candidate}: {error}") from error
            return source, str(candidate), _unchanged_since(path, path.stat().st_mtime)
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.folders:
            for parent, _folders, files in os.walk(folder):  # links to folders are not followed
                relative = Path(parent).relative_to(folder)
                found.update((relative / name).as_posix() for name in files)
        return sorted(found)


def _unchanged_since(path: Path, modified: float) -> Callable[[], bool]:
    """Tell Jinja whether its compiled template of ``path`` is still up to date."""
    return lambda: path.exists() and path.stat().st_mtime == modified


MAX_TEMPLATE_BYTES = 1_000_000
"""Bound on a template or stylesheet of a theme: the built-in ones have 3 kB."""


@cache
def _environment_for(chain: tuple[tuple[str, Path], ...]) -> SandboxedEnvironment:
    """One environment per chain of theme folders; its loader finds a template higher up first,
    and ``<theme>/<file>`` finds that theme's own file."""
    folders = [folder for _, folder in chain]
    loader = ChoiceLoader(
        [
            _ThemeFilesLoader(folders, folders),
            PrefixLoader({name: _ThemeFilesLoader([folder], folders) for name, folder in chain}),
        ]
    )
    environment = _BoundedSandbox(
        loader=loader,
        bytecode_cache=_compiled_templates(),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(text=_text, person=_person, join_and=_join_and)
    environment.globals.update(footnote=_footnote, say=_say)
    return environment


class _SparingBytecodeCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which never fails a render: a template whose code
    cannot be kept or read back is compiled again, as without a cache."""

    def load_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def _compiled_templates() -> FileSystemBytecodeCache | None:
    """Where templates stay compiled from one command to the next: compiling the house
    templates took 80–100 ms of every command that renders.

    Jinja's own folder for it, in the temporary folder, which only this user may open (Jinja
    refuses it otherwise); a template is compiled again whenever its text changes. No cache if
    that folder cannot be had.
    """
    try:
        return _SparingBytecodeCache(pattern="__gfmd_reports_%s.cache")
    except (OSError, RuntimeError):
        return None


@pass_context
def _text(context: Context, source: str | Finding) -> Markup:
    """Render a text field's inline syntax as HTML; a finding, by its text, as the themes
    written before findings had ids and tags print it (``item | text``)."""
    text = source.text if isinstance(source, Finding) else source
    return _inline_html(parse_inline(text), context["notes"])


def _inline_html(spans: Iterable[Inline], notes: Footnotes) -> Markup:
    html = Markup()
    for span in spans:
        if isinstance(span, Emphasis):
            html += Markup("<em>%s</em>") % _inline_html(span.children, notes)
        elif isinstance(span, Strong):
            html += Markup("<strong>%s</strong>") % _inline_html(span.children, notes)
        elif isinstance(span, FootnoteReference):
            html += _note_call(notes.cite(span.footnote_id))
        else:
            html += escape(span.value)
    return html


def _note_call(number: int) -> Markup:
    return Markup(
        '<sup class="footnote-ref"><a href="#fn{0}" id="fnref{0}" role="doc-noteref">{0}</a></sup>'
    ).format(number)


@pass_context
def _footnote(context: Context, text: str | None) -> Markup:
    """Cite a note that belongs to generated words (the subtitle's), or nothing without text."""
    if not text:
        return Markup()
    notes: Footnotes = context["notes"]
    return _note_call(notes.cite(f":{text}", text))  # ":" cannot start a footnote id


@pass_context
def _person(context: Context, participant: Participant) -> Markup:
    """Write a participant as printed: “H.E.\u00a0Name, Position, Organisation, Country”.

    A country alone takes its article (“the Netherlands”); after a name or an organisation,
    as a list of participants writes it, it has none."""
    notes = context["notes"]
    name = escape(participant.name or "")
    if participant.honorific and participant.name:
        name = escape(participant.honorific) + NO_BREAK_SPACE + name
    parts = [name] if name else []
    for text in (participant.position, participant.organisation):
        if text:
            parts.append(_inline_html(parse_inline(text), notes))
    if participant.country:
        language = context["phrases"].language
        country = country_name(participant.country, language, article=not parts)
        parts.append(escape(country))
    return Markup(", ").join(parts)


@pass_context
def _join_and(context: Context, items: Iterable[str]) -> Markup:
    """Join items as prose in the report's language."""
    phrases: Phrases = context["phrases"]
    return phrases.join(list(items))


@pass_context
def _say(context: Context, key: str, **values) -> Markup:
    """Write one of the theme's phrases in the report's language."""
    phrases: Phrases = context["phrases"]
    return phrases.say(key, **values)
