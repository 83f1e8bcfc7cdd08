"""An oral report's PDF and DOCX are a reading copy, read back from the outputs: the reading
size, double spacing, no word split by hyphenation, and each session's reading time with the
total, in the words of the report's language, agreeing with `validate`."""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE, make_theme
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from formats.conftest import libreoffice_convert, libreoffice_pdf
from formats.documents import part_text, pdf_line_pitches, pdf_pages, pdf_text_sizes
from gfmd_reports import load_theme, render
from gfmd_reports.cli import main

READING_SIZE, DOUBLE = 14.0, 2.0
"""The base theme's reading_size and reading_line_spacing: a typescript's double spacing."""
BODY_SIZE, BODY_PITCH = 12.0, 13.8
"""The written report's body size and line spacing (1.15), against which the copy stands out."""
MARK_WORDS = {
    "en": ("Reading time: ", "Total reading time: "),
    "fr": ("Durée de lecture\u00a0: ", "Durée totale de lecture\u00a0: "),
    "es": ("Tiempo de lectura: ", "Tiempo total de lectura: "),
}
_DURATION = r"(\d+ min(?: \d+ s)?|\d+ s)"
_HYPHENATE = re.compile(r'fo:hyphenate="(\w+)"')
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
LANGUAGES = list(MARK_WORDS)


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The written example, in each language, rendered as a reading copy by the command line:
    ``copies["fr"]["pdf"]``, and ``copies["fr"]["libreoffice"]`` (its DOCX laid out)."""
    folder = tmp_path_factory.mktemp("copies")
    files = []
    for language in LANGUAGES:
        source = folder / f"rt3-{language}.yaml"
        source.write_text(
            WRITTEN_EXAMPLE.read_text().replace("language: en", f"language: {language}"),
            encoding="utf-8",
        )
        files.append(str(source))
    out = folder / "out"
    assert main(["render", *files, "--as", "oral", "--output", str(out)]) == 0
    copies = {}
    for language in LANGUAGES:
        paths = {form: out / f"rt3-{language}-oral.{form}" for form in ("html", "pdf", "docx")}
        copies[language] = {**paths, "libreoffice": libreoffice_pdf(paths["docx"], folder)}
    return copies


def _printed_text(html: Path) -> str:
    """What the reading copy's page prints: its article, without the notes' calls."""
    (article,) = lxml.html.fromstring(html.read_bytes()).iter("article")
    for call in article.find_class("footnote-ref"):
        call.drop_tree()
    return " ".join(article.text_content().split())


def words_split_by_hyphenation(pdf: Path, printed: str) -> list[str]:
    """The words a line ends in the middle of with a hyphen that the printed text lacks
    (“de-” + “velopment”); a word with a hyphen of its own (“co-production”) may break at it."""
    lines = [line.strip() for page in pdf_pages(pdf) for line in page.splitlines()]
    lines = [line for line in lines if line]
    split = []
    for line, following in itertools.pairwise(lines):
        if line[-1] in "-\u2010\u00ad":
            word = re.sub(r"^\W+|\W+$", "", line.split()[-1][:-1] + "-" + following.split()[0])
            if word not in printed:
                split.append(word)
    return split


def _marks(texts: list[str], language: str) -> tuple[list[str], list[str]]:
    """The reading times the texts hold: after each session, and the total (a no-break space
    read as a space, as text extraction may give it)."""
    session, total = (
        re.escape(words.replace("\u00a0", " ")) + _DURATION for words in MARK_WORDS[language]
    )
    joined = "\n".join(texts).replace("\u00a0", " ")
    return re.findall(session, joined), re.findall(total, joined)


# --- Layout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_is_set_large_and_double_spaced(copies, language):
    pdf = copies[language]["pdf"]
    assert pdf_text_sizes(pdf).most_common(1)[0][0] == READING_SIZE
    # Most lines follow a line of their own paragraph: baselines two reading sizes apart.
    assert pdf_line_pitches(pdf).most_common(1)[0][0] == READING_SIZE * DOUBLE


def test_the_written_report_itself_keeps_the_body_size_and_spacing(rendered):
    pdf = rendered["general"]["pdf"]
    assert pdf_text_sizes(pdf).most_common(1)[0][0] == BODY_SIZE
    assert pdf_line_pitches(pdf).most_common(1)[0][0] == BODY_PITCH


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_docx_styles_are_large_double_spaced_and_never_hyphenate(copies, language):
    document = Document(str(copies[language]["docx"]))
    normal = document.styles["Normal"]
    assert (normal.font.size.pt, normal.paragraph_format.line_spacing) == (READING_SIZE, DOUBLE)
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            properties = style.element.find(qn("w:pPr"))
            assert properties.find(qn("w:suppressAutoHyphens")) is not None, style.name
    settings = part_text(copies[language]["docx"].read_bytes(), "word/settings.xml")
    assert '<w:autoHyphenation w:val="false"/>' in settings
    # The page number (a field, sized by the Footer style) stays small, as in the PDF.
    assert document.sections[0].footer.paragraphs[0].style.font.size.pt == 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_libreoffice_lays_the_docx_out_large_and_double_spaced(copies, language):
    pdf = copies[language]["libreoffice"]
    assert pdf_text_sizes(pdf).most_common(1)[0][0] == READING_SIZE
    # Word's “double” is twice the font's own line height, a little more than its size.
    pitch = pdf_line_pitches(pdf).most_common(1)[0][0]
    assert READING_SIZE * DOUBLE <= pitch <= READING_SIZE * DOUBLE * 1.25


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("output", ["pdf", "libreoffice"])
def test_no_word_of_the_reading_copy_is_split_by_hyphenation(copies, language, output):
    printed = _printed_text(copies[language]["html"])
    assert words_split_by_hyphenation(copies[language][output], printed) == []


def test_libreoffice_reads_the_reading_copy_as_never_hyphenated(copies, rendered, tmp_path):
    """Where LibreOffice has no hyphenation patterns (Debian's hyphen-* packages), it
    hyphenates nothing and the test above cannot fail: what it reads the document to ask for
    can, as its own OpenDocument says."""

    def hyphenation(docx: Path) -> set[str]:
        with zipfile.ZipFile(libreoffice_convert(docx, tmp_path, "odt")) as package:
            parts = (package.read(name).decode() for name in ("styles.xml", "content.xml"))
            return {value for part in parts for value in _HYPHENATE.findall(part)}

    assert hyphenation(copies["en"]["docx"]) == {"false"}
    assert "true" in hyphenation(rendered["general"]["docx"])


def test_the_check_finds_the_words_hyphenation_splits_in_a_written_report(rendered):
    """The written report is hyphenated: the check above can fail."""
    printed = _printed_text(rendered["general"]["html"])
    assert words_split_by_hyphenation(rendered["general"]["pdf"], printed)


# --- Reading times --------------------------------------------------------------------------


def _page_words(html: Path) -> tuple[list[int], int]:
    """Count the words the reading copy's page reads aloud, per session and in all: what the
    article prints but the notes' calls and the reading-time marks."""
    (article,) = lxml.html.fromstring(html.read_bytes()).iter("article")
    for unread in article.find_class("footnote-ref") + article.find_class("reading-time"):
        unread.drop_tree()
    sessions = article.find_class("session")
    per_session = [len(_WORD.findall(session.text_content())) for session in sessions]
    return per_session, len(_WORD.findall(article.text_content()))


def _duration(words: int) -> str:
    """Words read at 130 a minute, to the nearest 5 s, written as the README shows them."""
    minutes, seconds = divmod(round(words * 60 / 130 / 5) * 5, 60)
    if not minutes:
        return f"{seconds} s"
    return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_session_and_the_whole_show_their_reading_time_in_every_format(copies, language):
    session_words, total_words = _page_words(copies[language]["html"])
    expected = ([_duration(words) for words in session_words], [_duration(total_words)])
    document = Document(str(copies[language]["docx"]))
    paragraphs = document.paragraphs
    marks_in_word = [p.text for p in paragraphs if p.style.name == "Reading Time"]
    assert len(marks_in_word) == 3
    for before, paragraph in itertools.pairwise(paragraphs):
        if paragraph.style.name == "Reading Time":  # on the page of the words it times
            assert before.paragraph_format.keep_with_next, before.text
    page = lxml.html.fromstring(copies[language]["html"].read_bytes())
    in_html = [mark.text_content() for mark in page.find_class("reading-time")]
    in_pdf = [" ".join(page.split()) for page in pdf_pages(copies[language]["pdf"])]
    for texts in (in_html, marks_in_word, in_pdf):
        assert _marks(texts, language) == expected


def test_validate_and_the_printed_marks_agree(rendered, capsys):
    assert main(["validate", str(ORAL_EXAMPLE)]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    total, session = re.search(
        rf"about {_DURATION} to deliver at 130 words a minute \(session 1\.2: {_DURATION}\)$",
        summary,
    ).groups()
    document = Document(str(rendered["oral"]["docx"]))
    marks = [p.text for p in document.paragraphs if p.style.name == "Reading Time"]
    assert marks == [f"Reading time: {session}", f"Total reading time: {total}"]
    pdf = " ".join(" ".join(pdf_pages(rendered["oral"]["pdf"])).split())
    assert f"Reading time: {session}" in pdf
    assert f"Total reading time: {total}" in pdf


def test_a_theme_can_turn_the_reading_times_off(tmp_path, reports):
    theme = load_theme(make_theme(tmp_path, "unmarked", "tokens:\n  reading_times: false\n"))
    html = render(reports["oral"], "html", theme).decode()
    assert "reading-time" not in html.split("</style>")[1]
    docx = tmp_path / "unmarked.docx"
    docx.write_bytes(render(reports["oral"], "docx", theme))
    document = Document(str(docx))
    assert [p for p in document.paragraphs if p.style.name == "Reading Time"] == []
    assert document.styles["Normal"].font.size.pt == READING_SIZE  # still a reading copy
    pdf = tmp_path / "unmarked.pdf"
    pdf.write_bytes(render(reports["oral"], "pdf", theme))
    assert "reading time" not in " ".join(pdf_pages(pdf)).lower()
