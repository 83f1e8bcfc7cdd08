"""Typography by language: the marks and spaces each language prints, in the rapporteur's text
and the theme's alike, read back from the HTML, the Word document and the PDF."""

from __future__ import annotations

import io
import re

import lxml.html
import pytest
from conftest import make_theme
from docx import Document
from pypdf import PdfReader

from formats.documents import pdf_fonts, pdf_pages
from gfmd_reports import Report, load_theme, render
from gfmd_reports.formats.typography import typeset, typeset_page

NBSP = "\u00a0"
NARROW = "\u202f"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("« sans emploi »", f"«{NBSP}sans emploi{NBSP}»"),
        ("«sans emploi»", f"«{NBSP}sans emploi{NBSP}»"),
        (f"«{NBSP}sans emploi{NBSP}»", f"«{NBSP}sans emploi{NBSP}»"),
        ("emploi ; travail", f"emploi{NARROW}; travail"),
        ("emploi; travail", f"emploi{NARROW}; travail"),
        (f"emploi{NBSP}; travail", f"emploi{NARROW}; travail"),
        ("Note : voir", f"Note{NBSP}: voir"),
        ("Note: voir", f"Note{NBSP}: voir"),
        ("Note  :  voir", f"Note{NBSP}:  voir"),
        ("Pourquoi ? Parce que !", f"Pourquoi{NARROW}? Parce que{NARROW}!"),
        ("Pourquoi?! Fin.", f"Pourquoi{NARROW}?! Fin."),
        ("« emploi »; voir", f"«{NBSP}emploi{NBSP}»{NARROW}; voir"),
        ('Il a dit "non" ; puis', f"Il a dit «{NBSP}non{NBSP}»{NARROW}; puis"),
        ('"Il a dit "non" hier"', f"«{NBSP}Il a dit “non” hier{NBSP}»"),
        ("« le “travail” décent »", f"«{NBSP}le “travail” décent{NBSP}»"),
        ("l'emploi d'aujourd'hui", "l’emploi d’aujourd’hui"),
        # No space where none is meant: times, ratios, addresses, a mark inside a word.
        ("à 10:30, le ratio 3:1", "à 10:30, le ratio 3:1"),
        ("voir http://www.iom.int/?q=a", "voir http://www.iom.int/?q=a"),
        ("voir www.iom.int?", f"voir www.iom.int{NARROW}?"),
        ("a?b, A:B", "a?b, A:B"),
        # A word typed like code is left as typed.
        ('<b class="x">; a=b; `c"d`', '<b class="x">; a=b; `c"d`'),
        ("", ""),
        (" : au début", " : au début"),
    ],
)
def test_french_gets_guillemets_and_no_break_spaces(typed, printed):
    assert typeset([typed], "fr", "narrow") == [printed]


def test_normal_french_spacing_puts_a_full_no_break_space_before_every_mark():
    typed = "emploi ; travail ! pourquoi ? note : « oui »"
    printed = f"emploi{NBSP}; travail{NBSP}! pourquoi{NBSP}? note{NBSP}: «{NBSP}oui{NBSP}»"
    assert typeset([typed], "fr", "normal") == [printed]


def test_a_regional_french_is_french():
    assert typeset(["« oui » ; non"], "fr-CA", "narrow") == [f"«{NBSP}oui{NBSP}»{NARROW}; non"]


@pytest.mark.parametrize("language", ["en", "en-GB", "es"])
@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("\"decent work\" and 'fair' pay", "“decent work” and ‘fair’ pay"),
        ("migrants' rights in the '90s", "migrants’ rights in the ’90s"),
        ('"the "new" deal"', "“the ‘new’ deal”"),
        ('("quoted")', "(“quoted”)"),
        # Spaces are left as typed: no language but French spaces its marks.
        ("Note: yes; fine! Why? « a » at 10:30", "Note: yes; fine! Why? « a » at 10:30"),
        ('<script>alert("x")</script> onerror="y"', '<script>alert("x")</script> onerror="y"'),
    ],
)
def test_english_and_spanish_get_curly_quotes_and_no_spaces(language, typed, printed):
    assert typeset([typed], language, "narrow") == [printed]


def test_other_languages_are_left_as_typed():
    assert typeset(['"Arbeit" ; l\'x'], "de", "narrow") == ['"Arbeit" ; l\'x']


def test_segments_are_typeset_as_one_text_and_cut_back():
    """A quotation may open outside an emphasis and close inside it."""
    segments = ['Il a dit "', "non", '" ; puis « ', "oui", "»"]
    assert typeset(segments, "fr", "narrow") == [
        f"Il a dit «{NBSP}",
        "non",
        f"{NBSP}»{NARROW}; puis «{NBSP}",
        "oui",
        f"{NBSP}»",
    ]


def test_a_page_is_typeset_in_its_texts_only():
    page = (
        '<html><head><style>p::after { content: " : "; }</style><title>A : b</title></head>'
        '<body><!-- it\'s --><p title="a : b">Il a dit <em>"non</em>" : <b>fin</b>; c\'est</p>'
        "<p>&quot;x&#34; &amp; y</p></body></html>"
    )
    assert typeset_page(page, "fr", "narrow") == (
        f'<html><head><style>p::after {{ content: " : "; }}</style><title>A{NBSP}: b</title>'
        f'</head><body><!-- it\'s --><p title="a : b">Il a dit <em>«{NBSP}non</em>{NBSP}»'
        f"{NBSP}: <b>fin</b>{NARROW}; c’est</p><p>«{NBSP}x{NBSP}» &amp; y</p></body></html>"
    )


def test_a_page_without_anything_to_change_is_returned_as_it_is():
    page = '<p class="a">Note: "x" &#34;</p>'
    assert typeset_page(page, "de", "narrow") == page


# --- Reports, read back -------------------------------------------------------------------------

SENTENCES = 80
_WORDS = ["migration", "emploi", "travail", "droits", "développement", "protection", "inclusion"]


def _long_paragraph() -> str:
    """A French paragraph as typed on a keyboard, with ordinary spaces inside « » and before
    ; : ! ?, long enough and varied enough that lines end at many of them."""
    sentences = []
    for index in range(SENTENCES):
        words = " ".join(_WORDS[(index + k) % 7] for k in range(index % 5 + 1))
        sentences.append(
            f"{words} « {_WORDS[index % 7]} » {_WORDS[(index + 3) % 7]} ; {words} : "
            f"{_WORDS[(index + 1) % 7]} ? oui ! "
        )
    return "".join(sentences)


PARAGRAPH = _long_paragraph()
TYPED = 'Le mot « sans emploi » revient ; la question : pourquoi ? "Enfin" ! L\'emploi.'
PRINTED = (
    f"Le mot «{NBSP}sans emploi{NBSP}» revient{NARROW}; la question{NBSP}: pourquoi{NARROW}? "
    f"«{NBSP}Enfin{NBSP}»{NARROW}! L’emploi."
)


def _report(language: str, **session) -> Report:
    return Report.model_validate(
        {
            "kind": "general",
            "language": language,
            "forum": {"name": "Forum mondial", "year": 2019},
            "roundtable": {"number": 1, "title": "Migration et développement"},
            "rapporteur": {"name": "Ana Pérez", "organisation": "l'OIT"},
            "sessions": [
                {
                    "number": "1.1",
                    "title": "Le travail d'abord",
                    "co_chairs": [{"country": "Ecuador"}],
                    "narrative": [TYPED, PARAGRAPH],
                    **session,
                }
            ],
            "quote": {"attribution": "M. Dupont", "text": "Rien n'est acquis !"},
        }
    )


def test_a_french_page_prints_french_typography_in_every_text():
    page = lxml.html.fromstring(render(_report("fr"), "html"))
    assert PRINTED in [paragraph.text_content() for paragraph in page.iter("p")]
    # The template's words and the report's, in one sentence: neither doubled nor missing.
    assert page.findtext(".//h1") == (
        f"Table ronde 1{NBSP}: «{NBSP}Migration et développement{NBSP}»"
    )
    assert page.xpath("string(//h2)") == f"Table ronde 1.1{NBSP}: «{NBSP}Le travail d’abord{NBSP}»"
    assert page.xpath("string(//p[@class='byline'])") == "par Ana Pérez, l’OIT"
    assert page.xpath("string(//p[@class='quote'])") == (
        f"Permettez-moi de conclure par les mots de M. Dupont{NBSP}: «{NBSP}Rien n’est acquis"
        f"{NARROW}!{NBSP}»"
    )


def test_an_english_page_keeps_the_spaces_as_typed_and_curls_the_quotes():
    page = lxml.html.fromstring(render(_report("en"), "html"))
    paragraph = page.xpath("string(//section//p[contains(., 'sans emploi')])")
    assert paragraph == TYPED.replace('"Enfin"', "“Enfin”").replace("L'", "L’")


def test_a_theme_authors_ordinary_spaces_become_no_break_spaces(tmp_path):
    theme = make_theme(
        tmp_path,
        "forum",
        'phrases:\n  fr:\n    session_heading: "Séance {number} : « {title} » !"\n'
        '    written_co_chairs: "Présidence : {co_chairs} ; voilà"\n'
        "tokens:\n  french_spacing: normal\n",
    )
    report = _report("fr")
    page = lxml.html.fromstring(render(report, "html", load_theme(theme)))
    assert page.xpath("string(//h2)") == (
        f"Séance 1.1{NBSP}: «{NBSP}Le travail d’abord{NBSP}»{NBSP}!"
    )
    assert page.xpath("string(//section/p[1])") == f"Présidence{NBSP}: l’Équateur{NBSP}; voilà"


def test_the_word_document_holds_the_no_break_spaces():
    document = Document(io.BytesIO(render(_report("fr"), "docx")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert PRINTED in texts
    long = next(text for text in texts if text.startswith(_WORDS[0]))
    assert "« " not in long
    assert " »" not in long
    assert not re.search(r" [;:!?]", long)
    assert long.count(f"«{NBSP}") == long.count(f"{NBSP}»") == SENTENCES
    assert long.count(f"{NARROW};") == long.count(f"{NARROW}?") == SENTENCES
    assert long.count(f"{NARROW}!") == long.count(f"{NBSP}:") == SENTENCES


def _breaks_at_marks(lines: list[str]) -> list[str]:
    """Lines that begin with a mark that belongs to the word before it, or end with an opening
    guillemet: where a breakable space let the line end."""
    return [line for line in lines if re.match(r"\s*[»;:!?]", line) or line.endswith("«")]


def _lines(pdf: bytes, tmp_path, name: str) -> list[str]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return [line.rstrip() for page in pdf_pages(path) for line in page.splitlines()]


def test_a_french_pdf_never_breaks_a_line_inside_guillemets_or_before_a_mark(tmp_path):
    french = _lines(render(_report("fr"), "pdf"), tmp_path, "fr")
    assert _breaks_at_marks(french) == []
    assert sum("«" in line for line in french) >= SENTENCES / 2
    # The same text in English keeps its breakable spaces: lines do end there, so the
    # paragraph tests what it should.
    english = _lines(render(_report("en"), "pdf"), tmp_path, "en")
    assert len(_breaks_at_marks(english)) >= 5


def _glyphs(pdf: bytes) -> dict[str, set[int]]:
    """Which glyph of its font draws each character of the PDF, from the fonts' ToUnicode maps."""
    glyphs: dict[str, set[int]] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            cmap = font.get_object()["/ToUnicode"].get_object().get_data().decode()
            for glyph, code in re.findall(r"<([0-9a-fA-F]{4})> <([0-9a-fA-F]{4})>", cmap):
                glyphs.setdefault(chr(int(code, 16)), set()).add(int(glyph, 16))
    return glyphs


def test_the_french_pdf_draws_its_spaces_and_marks_with_the_body_font(tmp_path):
    pdf = render(_report("fr"), "pdf")
    glyphs = _glyphs(pdf)
    for character in (NBSP, NARROW, "«", "»", "’"):
        assert character in glyphs, f"U+{ord(character):04X} is not drawn"
        assert 0 not in glyphs[character], f"U+{ord(character):04X} is drawn as .notdef"
    path = tmp_path / "fr.pdf"
    path.write_bytes(pdf)
    assert {name.split("-")[0] for name, _ in pdf_fonts(path)} == {"Liberation"}


def test_the_word_documents_footer_and_properties_keep_the_no_break_spaces():
    french = _report("fr")
    forum_named = french.forum.model_copy(update={"name": 'Forum "mondial"'})
    report = french.model_copy(update={"forum": forum_named})
    document = Document(io.BytesIO(render(report, "docx")))
    forum = f"Forum «{NBSP}mondial{NBSP}» 2019"
    assert document.sections[0].footer.paragraphs[0].text.startswith(forum)
    assert document.core_properties.subject == forum
    assert document.core_properties.title.startswith(f"{forum} – Table ronde 1{NBSP}: ")
