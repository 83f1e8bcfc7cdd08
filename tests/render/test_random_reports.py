"""Random valid reports render to all three formats: the HTML parses, the DOCX reopens, and
every format prints each co-chair's name.

Reports come from Hypothesis strategies that follow the model: both kinds, optional fields
present or absent, lists of random lengths, random Unicode in every text field (markup, HTML,
line breaks and emoji included). Each is validated as a file would be; one that is not valid is
a bug in the strategies, not an input to skip.

The default run tries a few examples, always the same ones (derandomized), so that CI failures
reproduce. A nightly-style run tries many new ones; a failure prints how to replay it::

    GFMD_PROPERTY_EXAMPLES=1000 .venv/bin/python -m pytest tests/render/test_random_reports.py
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import lxml.html
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from gfmd_reports.loading import validate_data
from gfmd_reports.model import PLACEHOLDER_MARK, Report
from gfmd_reports.render import render_formats
from gfmd_reports.themes import theme_problem
from render.seedtext import pdf_text

_NIGHTLY = int(os.environ.get("GFMD_PROPERTY_EXAMPLES", "0"))
PROPERTY_SETTINGS = settings(
    max_examples=_NIGHTLY or 12,
    derandomize=not _NIGHTLY,
    deadline=None,  # a first PDF takes a second; rendering speed is the benchmark's business
    database=None,  # nothing to keep between runs: a failure prints its reproduction
    print_blob=True,
)
# Hypothesis caches Unicode tables under .hypothesis/ in the working directory: not in the tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "gfmd-reports-hypothesis")

# Characters a report may hold: all but control characters (other than tab and line breaks,
# which the model keeps in prose), surrogates, private use and unassigned code points.
_CHARACTER = st.characters(
    exclude_categories=["Cc", "Cs", "Co", "Cn"], exclude_characters="\ufffe\uffff"
) | st.sampled_from(["\n", "\t", "  ", "<script>", "{{ x }}", "**", "*", "_", "&amp;", "😀"])


def _acceptable(text: str) -> bool:
    """Not blank, not a starter's placeholder, and citing no footnote (none is defined)."""
    return bool(text.strip()) and not text.strip().startswith(PLACEHOLDER_MARK) and "[^" not in text


PROSE = st.lists(_CHARACTER, min_size=1, max_size=30).map("".join).filter(_acceptable)
ONE_LINE = PROSE.map(lambda text: " ".join(text.split())).filter(_acceptable)

# Names the PDF test reads back: letters of scripts the body font (Liberation Serif) covers, so
# that every character has a glyph and extracts as itself.
_LETTER = st.one_of(
    st.characters(categories=["Lu", "Ll"], max_codepoint=0x17F),  # Latin, to Extended-A
    st.characters(categories=["Lu", "Ll"], min_codepoint=0x391, max_codepoint=0x3C9),  # Greek
    st.characters(categories=["Lu", "Ll"], min_codepoint=0x400, max_codepoint=0x45F),  # Cyrillic
)
_WORD = st.text(_LETTER, min_size=1, max_size=10)
NAME = st.builds(
    lambda words, joiners: (
        words[0] + "".join(joiner + word for joiner, word in zip(joiners, words[1:], strict=False))
    ),
    st.lists(_WORD, min_size=1, max_size=3),
    st.lists(st.sampled_from([" ", "-", "'"]), min_size=2, max_size=2),
)


def _maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def _fields(**fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """A mapping of the fields given, leaving out those drawn as None: absent, not null."""
    return st.fixed_dictionaries(fields).map(
        lambda drawn: {key: value for key, value in drawn.items() if value is not None}
    )


def _some(strategy: st.SearchStrategy, min_size: int = 1) -> st.SearchStrategy[list]:
    return st.lists(strategy, min_size=min_size, max_size=4)


CO_CHAIR = _fields(
    honorific=_maybe(ONE_LINE), name=NAME, position=_maybe(PROSE), country=_maybe(ONE_LINE)
)
PANELLIST = _fields(name=ONE_LINE, organisation=_maybe(PROSE)) | _fields(country=ONE_LINE)
FINDINGS = _fields(lead_in=_maybe(PROSE), items=_some(PROSE))


def _session(number: str) -> st.SearchStrategy[dict]:
    return _fields(
        number=st.just(number),
        title=PROSE,
        co_chairs=_some(CO_CHAIR),
        panel=_maybe(_some(PANELLIST, min_size=0)),
        background_paper=_maybe(_fields(prepared_by=PROSE, topics=_some(PROSE))),
        narrative=_maybe(_some(PROSE, min_size=0)),
        discussion=_maybe(
            _fields(
                lead_in=_maybe(PROSE),
                points=_some(PROSE | _fields(theme=_maybe(PROSE), text=PROSE)),
            )
        ),
        conclusions=_maybe(FINDINGS),
        recommendations=_maybe(FINDINGS),
    )


@st.composite
def report_data(draw) -> dict:
    """The data of a valid report, as a report file or the web form gives it."""
    kind = draw(st.sampled_from(["oral", "written"]))
    roundtable = draw(st.integers(1, 99))
    numbers = draw(st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True))
    only_for_kind = {
        "oral": {"salutation": _maybe(PROSE)},
        "written": {
            "rapporteur": _fields(name=ONE_LINE, country=_maybe(ONE_LINE)),
            "introduction": _maybe(_some(PROSE, min_size=0)),
            "overall_conclusions": _maybe(FINDINGS),
        },
    }
    return {
        "kind": kind,
        "forum": draw(_fields(name=ONE_LINE, year=st.integers(1990, 2100), venue=_maybe(ONE_LINE))),
        "roundtable": draw(_fields(number=st.just(roundtable), title=_maybe(PROSE))),
        "sessions": [draw(_session(f"{roundtable}.{number}")) for number in numbers],
        **draw(
            _fields(
                language=_maybe(st.sampled_from(["en", "fr", "es", "en-GB", "es-MX"])),
                closing=_maybe(_some(PROSE, min_size=0)),
                quote=_maybe(_fields(attribution=PROSE, text=PROSE)),
                **only_for_kind[kind],
            )
        ),
    }


def _valid(data: dict) -> Report:
    validation = validate_data(data)
    assert validation.report is not None, [str(problem) for problem in validation.errors]
    assert theme_problem(validation.report) is None
    return validation.report


def _co_chair_names(report: Report) -> list[str]:
    return [co_chair.name for session in report.sessions for co_chair in session.co_chairs]


def _squeezed(text: str) -> str:
    """Text without whitespace: formats lay out spaces and line breaks differently."""
    return "".join(text.split())


@PROPERTY_SETTINGS
@given(data=report_data())
def test_a_random_valid_report_renders_to_every_format_with_every_co_chair(data):
    report = _valid(data)
    rendered = render_formats(report, ["html", "pdf", "docx"])
    names = [_squeezed(name) for name in _co_chair_names(report)]

    page = lxml.html.document_fromstring(rendered["html"])
    assert page.get("lang") == (report.language or "en")
    assert page.xpath("//script") == []
    html_text = _squeezed(page.find(".//main").text_content())

    document = Document(io.BytesIO(rendered["docx"]))
    docx_text = _squeezed(" ".join(paragraph.text for paragraph in document.paragraphs))

    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        pdf.write_bytes(rendered["pdf"])
        pdf_words = _squeezed(pdf_text(pdf))

    for name in names:
        assert name in html_text
        assert name in docx_text
        assert name in pdf_words, f"{name!r} is not in the PDF"
