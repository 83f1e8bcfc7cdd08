"""Random valid reports render to every format: the HTML parses and keeps text as text, the
DOCX reopens with every text in Word's styles, and the PDF prints every co-chair.

Reports come from Hypothesis strategies that follow the model field by field: both kinds,
optional fields present or absent, lists of a few items, footnotes cited from any prose, and
any Unicode the model accepts in text fields. Each test first validates its report as the
command line does; a report that fails is a bug in the strategies, never an input to skip.

The default run tries 10 reports per test, the same ones on every machine (``derandomize``),
and reports a failure as found: shrinking a report takes minutes, since each attempt renders
it. A nightly run tries new reports and shrinks a failure to a minimal one. Either prints a
``@reproduce_failure`` line that replays the failure::

    GFMD_PROPERTY_EXAMPLES=1000 .venv/bin/python -m pytest tests/formats/test_random_reports.py
"""

from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

import lxml.html
from babel.localedata import locale_identifiers
from docx import Document
from docx.oxml.ns import qn
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from lxml import etree

from gfmd_reports import Participant, Report, render
from gfmd_reports.formats import Format
from gfmd_reports.inline import plain_text
from gfmd_reports.loading import validate_data
from gfmd_reports.model import FOOTNOTE_ID_PATTERN, PLACEHOLDER_MARK, text_values
from gfmd_reports.themes import DEFAULT_THEME, Theme, load_theme, theme_problem

settings.register_profile(
    "gfmd-quick",
    max_examples=10,
    deadline=None,  # a PDF takes a good part of a second, the first one several
    database=None,  # a derandomized run replays itself: nothing to keep between runs
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    print_blob=True,
)
settings.register_profile(
    "gfmd-nightly",
    parent=settings.get_profile("gfmd-quick"),
    max_examples=int(os.environ.get("GFMD_PROPERTY_EXAMPLES") or 1000),
    derandomize=False,
    phases=[Phase.explicit, Phase.generate, Phase.shrink, Phase.explain],
)
PROPERTY_SETTINGS = settings.get_profile(
    "gfmd-nightly" if os.environ.get("GFMD_PROPERTY_EXAMPLES") else "gfmd-quick"
)

if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    # Even without a database, Hypothesis caches Unicode tables and the constants it reads from
    # our source in .hypothesis/ of the working directory, from collection on: keep them out of
    # the working tree. It holds for the whole session; they are only caches.
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "gfmd-reports-hypothesis")


# --- Text ---------------------------------------------------------------------------------------

# What the model refuses in any text: the characters XML 1.0 cannot hold (model._NOT_IN_WORD).
_REFUSED = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])) + "\ufffe\uffff"
_ANY_CHARACTER = st.characters(exclude_categories=["Cs"], exclude_characters=_REFUSED)
# What HTML, the inline syntax, Word or the bidirectional algorithm read specially: more often
# than random characters would give it.
_SPECIAL = st.sampled_from(["<b>", "</p>", "&amp;", "&", '"', "*", "**", "\\", "_", "[^", "]"])
_SPECIAL |= st.sampled_from(["\t", "\r\n", "  ", "\u00a0", "\u202e", "\u0301", "\U0001f600"])
_FOOTNOTE_REFERENCE = re.compile(rf"\[\^({FOOTNOTE_ID_PATTERN})\]")


def _acceptable(text: str) -> bool:
    """Whether the model takes the text as it is: not blank, not a starter's placeholder, and
    citing no footnote (the strategies place citations themselves). Hypothesis also tries
    strings it finds in our source, such as the placeholder."""
    return (
        bool(text.strip())
        and not text.strip().startswith(PLACEHOLDER_MARK)
        and not _FOOTNOTE_REFERENCE.search(text)
    )


PROSE = (
    st.lists(_ANY_CHARACTER | _SPECIAL, min_size=1, max_size=40).map("".join).filter(_acceptable)
)
"""A text field: any character the model accepts, markup and line breaks included."""
ONE_LINE = PROSE.map(lambda text: text.replace("\n", " ")).filter(_acceptable)
"""A name-like field (honorific, country, forum name): one line, otherwise any character."""

_SCRIPTS = {
    "Latin": (0x41, 0x24F),
    "Greek": (0x386, 0x3CE),
    "Cyrillic": (0x400, 0x4FF),
    "Arabic": (0x621, 0x64A),
    "Thai": (0xE01, 0xE2E),  # consonants
    "Hiragana": (0x3041, 0x3094),
    "Katakana": (0x30A1, 0x30F6),
    "Han": (0x4E00, 0x9FA5),
    "Hangul": (0xAC00, 0xD7A3),
}
_WORD = st.one_of(
    st.text(
        st.characters(categories=["Lu", "Ll", "Lo"], min_codepoint=low, max_codepoint=high),
        min_size=1,
        max_size=8,
    )
    for low, high in _SCRIPTS.values()
)


@st.composite
def _printable_name(draw) -> str:
    name = draw(_WORD)
    for _ in range(draw(st.integers(0, 2))):
        name += draw(st.sampled_from([" ", "-", "'", ". "])) + draw(_WORD)
    return name


PRINTABLE_NAME = _printable_name()
"""A co-chair's name, which the PDF test reads back out of the page.

Each word is letters of one script that the theme's fonts cover (Liberation Serif, Amiri,
Norasi, WenQuanYi Micro Hei): a character without a glyph has no text to extract. Letters only,
and Thai consonants only: a lone combining mark, a format character (joiner, bidi control) or
a Thai vowel sign where Thai never writes one changes how the glyphs are shaped and the text
extracted, which says nothing about the report. Words are joined by a space, a hyphen, an
apostrophe or a full stop.
"""


def _maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """A value or, as often, nothing: the field is left out."""
    return st.none() | strategy


def _fields(**fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """A mapping of the fields given, leaving out those drawn as None (absent, not null)."""
    return st.fixed_dictionaries(fields).map(
        lambda drawn: {key: value for key, value in drawn.items() if value is not None}
    )


def _few(strategy: st.SearchStrategy, min_size: int = 1) -> st.SearchStrategy[list]:
    """A list long enough to show list handling, short enough for fast PDFs."""
    return st.lists(strategy, min_size=min_size, max_size=3)


# --- Reports ------------------------------------------------------------------------------------


@st.composite
def _prose_citing(draw, note_ids: list[str]) -> str:
    """Prose that may cite one of the report's footnotes."""
    text = draw(PROSE)
    if note_ids and draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        # After a space: a backslash right before the bracket would escape the citation.
        text = f"{text[:at]} [^{draw(st.sampled_from(note_ids))}]{text[at:]}"
    return text


def _participants(
    prose: st.SearchStrategy,
    name: st.SearchStrategy = ONE_LINE,
    on_its_own: st.SearchStrategy | None = None,
) -> st.SearchStrategy[dict]:
    """A person, named by ``name``; or a country, an organisation or both taking part on their
    own, the one named alone drawn from ``on_its_own`` if given."""
    country = ONE_LINE if on_its_own is None else on_its_own
    organisation = prose if on_its_own is None else on_its_own
    return (
        _fields(
            name=name,
            honorific=_maybe(ONE_LINE),
            position=_maybe(prose),
            organisation=_maybe(prose),
            country=_maybe(ONE_LINE),
        )
        | _fields(country=country, organisation=_maybe(prose))
        | _fields(organisation=organisation)
    )


CO_CHAIRS = _participants(PROSE, name=PRINTABLE_NAME, on_its_own=PRINTABLE_NAME)
"""A co-chair, named by a PRINTABLE_NAME: the person's name, or the country or organisation
that takes part on its own. Every other field is any text."""


def _findings(prose: st.SearchStrategy) -> st.SearchStrategy[dict]:
    return _fields(
        lead_in=_maybe(prose | st.just("")), numbered=_maybe(st.booleans()), items=_few(prose)
    )


def _sessions(number: str, prose: st.SearchStrategy) -> st.SearchStrategy[dict]:
    paper = _fields(
        title=_maybe(prose),
        prepared_by=prose,
        in_consultation_with=_maybe(prose),
        topics=_few(prose),
        numbered=_maybe(st.booleans()),
    )
    point = prose | _fields(theme=_maybe(prose), text=prose)
    return _fields(
        number=st.just(number),
        title=prose,
        co_chairs=_few(CO_CHAIRS),
        panel=_maybe(_few(_participants(prose), min_size=0)),
        background_paper=_maybe(paper),
        narrative=_maybe(_few(prose, min_size=0)),
        discussion=_maybe(_fields(lead_in=_maybe(prose), points=_few(point))),
        conclusions=_maybe(_findings(prose)),
        recommendations=_maybe(_findings(prose)),
    )


_LAST_DAY = datetime.date(2200, 12, 31)
_DATES = st.dates(datetime.date(1900, 1, 1), _LAST_DAY).flatmap(
    lambda start: _fields(
        start=st.just(start.isoformat()),
        end=_maybe(st.dates(start, _LAST_DAY).map(datetime.date.isoformat)),
    )
)
_LANGUAGES = st.sampled_from(["en", "fr", "es"]) | st.sampled_from(
    sorted(
        locale.replace("_", "-")
        for locale in locale_identifiers()
        if re.fullmatch(r"(en|fr|es)_[A-Z]{2}", locale)
    )
)
"""The languages the built-in themes word, alone or with a region the date formats know."""


@st.composite
def report_data(draw) -> dict:
    """The data of a valid report, as a report file or the web form gives it."""
    kind = draw(st.sampled_from(["oral", "session", "general"]))
    notes = draw(st.dictionaries(st.from_regex(rf"\A{FOOTNOTE_ID_PATTERN}\Z"), PROSE, max_size=3))
    prose = _prose_citing(list(notes))
    roundtable = draw(st.integers(1, 999))
    sessions = 1 if kind == "session" else 3
    session_numbers = draw(st.lists(st.integers(1, 99), min_size=1, max_size=sessions, unique=True))
    rapporteur = _fields(
        name=ONE_LINE,
        honorific=_maybe(ONE_LINE),
        position=_maybe(prose),
        organisation=_maybe(prose),
        country=_maybe(ONE_LINE),
    )
    on_paper = {
        "rapporteur": rapporteur,
        "subtitle_footnote": _maybe(PROSE),  # a footnote cannot cite a footnote
        "introduction": _maybe(_few(prose, min_size=0)),
    }
    by_kind = {
        # Only an oral report shows a salutation; the others name their rapporteur.
        "oral": {"salutation": _maybe(prose), "rapporteur": _maybe(rapporteur)},
        "session": on_paper,
        "general": {**on_paper, "overall_conclusions": _maybe(_findings(prose))},
    }
    forum = _fields(
        name=ONE_LINE,
        short_name=_maybe(ONE_LINE),
        edition=_maybe(st.integers(1, 100)),
        year=st.integers(1900, 2200),
        chairs=_maybe(_few(ONE_LINE, min_size=0)),
        venue=_maybe(ONE_LINE),
        dates=_maybe(_DATES),
    )
    return {
        "kind": kind,
        "forum": draw(forum),
        "roundtable": draw(_fields(number=st.just(roundtable), title=_maybe(prose))),
        "sessions": [draw(_sessions(f"{roundtable}.{n}", prose)) for n in session_numbers],
        **draw(
            _fields(
                **{"$schema": _maybe(st.just("../schemas/report.schema.json"))},
                language=_maybe(_LANGUAGES),
                theme=_maybe(st.sampled_from(["gfmd", "base"])),
                closing=_maybe(_few(prose, min_size=0)),
                quote=_maybe(_fields(attribution=prose, topic=_maybe(prose), text=prose)),
                footnotes=st.just(notes or None),
                title=_maybe(prose),
                subtitle=_maybe(prose),
                **by_kind[kind],
            )
        ),
    }


def validated(data: dict) -> Report:
    """Validate report data as the command line does, and insist that it is valid."""
    validation = validate_data(data)
    report = validation.report
    assert report is not None, [str(problem) for problem in validation.errors]
    if (report.theme, report.language) not in _THEME_PROBLEMS:
        _THEME_PROBLEMS[report.theme, report.language] = theme_problem(report)
    assert _THEME_PROBLEMS[report.theme, report.language] is None
    return report


_THEME_PROBLEMS: dict[tuple[str | None, str | None], str | None] = {}
"""Whether a theme words a language, by theme and language: finding out reads the theme."""


@cache
def _theme(name: str) -> Theme:
    return load_theme(name)


def _render(report: Report, format: Format) -> bytes:
    """Render as ``render`` does, reading each theme once: reading one takes longer than
    rendering an HTML page."""
    return render(report, format, _theme(report.theme or DEFAULT_THEME))


# --- What each format must show -----------------------------------------------------------------

# Printed by neither kind: the forum's details are the report's metadata (DOCX subject, title).
# The oral report, a speech, names neither the roundtable's title nor the rapporteur.
_NOT_PRINTED = {
    "oral": {"forum", "roundtable", "rapporteur"},
    "session": {"forum", "roundtable"},
    "general": {"forum"},
}
_VERBATIM = {"honorific", "name", "country"}
"""A participant's fields that are printed as written: names, not prose in the inline syntax."""


_QUOTATION_MARKS = str.maketrans(dict.fromkeys("'‘’“”«»", '"'))


def _words(text: str) -> str:
    """Text with its whitespace collapsed and its typography set aside: no format lays out
    spaces and line breaks alike, and each language prints its own quotation marks,
    apostrophes and French spaces (which tests/formats/test_typography.py checks)."""
    text = " ".join(text.translate(_QUOTATION_MARKS).split())
    return re.sub(r' ?" ?', '"', re.sub(r" (?=[;:!?])", "", text))


def printed_texts(report: Report) -> list[str]:
    """The words of every text field the report prints, the footnotes it cites included."""
    cited = cited_notes(report)
    texts = []
    for path, value in text_values(report):
        if _not_printed(report, path) or (path[0] == "footnotes" and path[1] not in cited):
            continue
        words = _words(value if path[-1] in _VERBATIM else plain_text(value))
        if words:  # "*" alone is an empty emphasis: no words
            texts.append(words)
    return texts


def _not_printed(report: Report, path: tuple) -> bool:
    """Whether the kind leaves a field out; a general report's own title replaces the one
    that names the roundtable (validation warns of it)."""
    replaced = report.kind == "general" and report.title and path == ("roundtable", "title")
    return path[0] in _NOT_PRINTED[report.kind] or bool(replaced)


def cited_notes(report: Report) -> set[str]:
    """The ids of the footnotes that printed text cites, as the model documents ids."""
    return {
        footnote_id
        for path, value in text_values(report)
        if not _not_printed(report, path) and path[0] != "footnotes"
        for footnote_id in _FOOTNOTE_REFERENCE.findall(value)
    }


def note_count(report: Report) -> int:
    """How many notes the report prints: those cited, and the subtitle's note where a subtitle
    is printed."""
    subtitled = report.kind != "oral" or report.subtitle
    return len(cited_notes(report)) + bool(subtitled and report.subtitle_footnote)


def co_chair_names(report: Report) -> list[str]:
    """What names each co-chair: the person's name, else the country, else the organisation."""
    return [_name_of(co_chair) for session in report.sessions for co_chair in session.co_chairs]


def _name_of(participant: Participant) -> str:
    return participant.name or participant.country or participant.organisation or ""


# --- Properties ---------------------------------------------------------------------------------

_TEMPLATE_ELEMENTS = {
    "main",
    "article",
    "header",
    "section",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "ol",
    "li",
}
_TEMPLATE_ELEMENTS |= {"em", "strong", "sup", "a"}


@PROPERTY_SETTINGS
@given(data=report_data())
def test_a_random_report_renders_to_html_that_parses_and_keeps_text_as_text(data):
    report = validated(data)
    page = lxml.html.document_fromstring(_render(report, "html"))
    theme = _theme(report.theme or DEFAULT_THEME)
    assert page.get("lang") == theme.locale(report.language or "en")  # gfmd: en is en-GB
    assert page.findtext(".//title").strip()
    if report.rapporteur:
        # HTML reads a carriage return as a line feed; nothing else may change in an attribute.
        author = report.rapporteur.name.replace("\r\n", "\n").replace("\r", "\n")
        assert page.xpath("//meta[@name='author']/@content") == [author]
    main = page.find(".//main")
    # Text never becomes markup: only the templates' own elements stand in the page.
    for element in main.iter():
        assert element.tag in _TEMPLATE_ELEMENTS, lxml.html.tostring(element)
    assert len(main.xpath(".//section[@class='footnotes']//li")) == note_count(report)
    for call in main.xpath(".//sup[@class='footnote-ref'] | .//a[@class='footnote-back']"):
        call.drop_tree()
    words = _words(main.text_content())
    for name in co_chair_names(report):
        assert _words(name) in words
    for printed in printed_texts(report):
        assert printed in words, printed


# Heading 2: a general report's “Conclusions” heading, under its session's Heading 1.
_WORD_STYLES = {"Title", "Subtitle", "Byline", "Heading 1", "Heading 2", "Normal", "Quote"}
_WORD_STYLES |= {"List Bullet", "List Number", "Reading Time"}


@PROPERTY_SETTINGS
@given(data=report_data())
def test_a_random_report_renders_to_a_word_document_that_reopens_with_every_text(data):
    report = validated(data)
    document = Document(io.BytesIO(_render(report, "docx")))
    for paragraph in document.paragraphs:
        assert paragraph.style.name in _WORD_STYLES
    body = _words(" ".join(paragraph.text for paragraph in document.paragraphs))
    for name in co_chair_names(report):
        assert _words(name) in body
    notes = [_words(note) for note in word_footnotes(document)]
    # Word has no note cited twice: each citation gets a footnote of its own.
    assert notes == html_notes_by_citation(report)
    for printed in printed_texts(report):
        assert printed in body or printed in " ".join(notes), printed


def html_notes_by_citation(report: Report) -> list[str]:
    """The words of the note each citation of the HTML page links to, in citation order."""
    page = lxml.html.document_fromstring(_render(report, "html"))
    for back in page.xpath("//a[@class='footnote-back']"):
        back.drop_tree()
    notes = {
        item.get("id"): _words(item.text_content())
        for item in page.xpath("//section[@class='footnotes']//li")
    }
    return [notes[link.removeprefix("#")] for link in page.xpath("//sup/a/@href")]


def word_footnotes(document) -> list[str]:
    """The text of each real footnote (Word's two separators have ids -1 and 0)."""
    for relationship in document.part.rels.values():
        if relationship.reltype.endswith("/footnotes"):
            root = etree.fromstring(relationship.target_part.blob)
            return [
                "".join(text.text or "" for text in note.iter(qn("w:t")))
                for note in root.iter(qn("w:footnote"))
                if int(note.get(qn("w:id"))) > 0
            ]
    return []


@PROPERTY_SETTINGS
@given(data=report_data())
def test_a_random_report_renders_to_a_pdf_that_prints_every_co_chair(data):
    report = validated(data)
    text = _comparable(pdf_reading_order_text(_render(report, "pdf")))
    for name in co_chair_names(report):
        for part in _parts_printed_in_one_piece(name):
            assert _as_printed(part).search(text), f"{part!r} of {name!r} is not in the PDF"


def pdf_reading_order_text(pdf: bytes) -> str:
    """The PDF's text as poppler extracts it, in reading order."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _comparable(text: str) -> str:
    """Extracted text without the marks pdftotext puts around right-to-left text, in NFKC,
    which undoes the ligatures and presentation forms of the PDF's glyphs."""
    return unicodedata.normalize(
        "NFKC", re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    )


def _parts_printed_in_one_piece(name: str) -> list[str]:
    """The whole name; or, if it holds right-to-left letters, each of its words.

    The bidirectional algorithm lays out a right-to-left word in one piece, but may put the
    digits and punctuation that follow the name (“, 2nd Secretary”) before it on the line:
    text extracted in visual order then no longer holds the name whole.
    """
    if any(unicodedata.bidirectional(character) in {"R", "AL"} for character in name):
        return re.findall(r"[^\s\-'.]+", name)
    return [name]


_PRINTED_AS = {"-": "-?", "'": "['‘’]"}
"""A hyphen that ends a line is dropped; a straight apostrophe is printed as a typographic one."""


def _as_printed(name: str) -> re.Pattern[str]:
    """Match the name in extracted text, whatever the line breaks.

    Layout is not under test: spaces may widen or vanish, a line may break inside the name,
    hyphenation may add a hyphen (U+2010, or "-") before such a break, and pdftotext drops a
    hyphen that ends a line, the name's own included.
    """
    letters = [c for c in unicodedata.normalize("NFKC", name) if not c.isspace()]
    patterns = [_PRINTED_AS.get(letter, re.escape(letter)) for letter in letters]
    return re.compile(r"\s*(?:[\u2010-]\s*\n\s*)?".join(patterns))
