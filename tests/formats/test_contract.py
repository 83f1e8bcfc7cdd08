"""The HTML between stages: every element and class a theme's template may use reaches the PDF
and the DOCX (tables as Word tables, block quotes, h3 to h6 as headings, links as their
text), and anything else is refused with the theme, the template and the element named."""

from __future__ import annotations

import io
import re

import pytest
from conftest import make_theme
from docx import Document
from docx.oxml.ns import qn

from formats.documents import pdf_pages
from gfmd_reports import ReportError, load_theme, render
from gfmd_reports.formats.contract import check_html

# Each element of the contract with a word of its own, which both formats must print.
ELEMENTS = {
    "p": "<p>Alpha-p</p>",
    "h1": "<h1>Alpha-h1</h1>",
    "h2": "<h2>Alpha-h2</h2>",
    "h3": "<h3>Alpha-h3</h3>",
    "h4": "<h4>Alpha-h4</h4>",
    "h5": "<h5>Alpha-h5</h5>",
    "h6": "<h6>Alpha-h6</h6>",
    "ul": "<ul><li>Alpha-ul</li></ul>",
    "ol": "<ol><li>Alpha-ol</li></ol>",
    "blockquote": "<blockquote><p>Alpha-blockquote-p</p>Alpha-blockquote</blockquote>",
    "div": "<div>Alpha-div</div>",
    "section": "<section>Alpha-section</section>",
    "header": "<header>Alpha-header</header>",
    "caption": "<table><caption>Alpha-caption</caption><tr><td>x</td></tr></table>",
    "thead": "<table><thead><tr><th>Alpha-th</th></tr></thead></table>",
    "tbody": "<table><tbody><tr><td>Alpha-tbody</td></tr></tbody></table>",
    "tfoot": "<table><tfoot><tr><td>Alpha-tfoot</td></tr></tfoot></table>",
    "td": "<table><tr><td><p>Alpha-td-p</p><ul><li>Alpha-td-li</li></ul></td></tr></table>",
    "em": "<p><em>Alpha-em</em></p>",
    "strong": "<p><strong>Alpha-strong</strong></p>",
    "i": "<p><i>Alpha-i</i></p>",
    "b": "<p><b>Alpha-b</b></p>",
    "a": '<p><a href="https://example.org">Alpha-a</a></p>',
    "span": '<p><span class="key">Alpha-span</span></p>',
    "sup": "<p>x<sup>Alpha-sup</sup></p>",
    "sub": "<p>x<sub>Alpha-sub</sub></p>",
    "br": "<p>Alpha-br-1<br>Alpha-br-2</p>",
}


def _theme(folder, content: str, name: str = "madrid"):
    template = (
        f'{{% extends "base/written.html" %}}{{% block introduction %}}{content}{{% endblock %}}'
    )
    return load_theme(make_theme(folder, name, files={"written.html": template}))


@pytest.fixture(scope="module")
def every_element(tmp_path_factory, reports):
    """The written example rendered with a template using every element: PDF text, DOCX."""
    folder = tmp_path_factory.mktemp("contract")
    theme = _theme(folder, "".join(ELEMENTS.values()))
    pdf = folder / "every.pdf"
    pdf.write_bytes(render(reports["general"], "pdf", theme))
    docx = Document(io.BytesIO(render(reports["general"], "docx", theme)))
    return " ".join(" ".join(pdf_pages(pdf)).split()), docx


def _docx_text(document) -> str:
    return " ".join(node.text or "" for node in document.element.body.iter(qn("w:t")))


@pytest.mark.parametrize("element", ELEMENTS, ids=list(ELEMENTS))
def test_every_element_of_the_contract_reaches_the_pdf_and_the_docx(every_element, element):
    pdf_text, docx = every_element
    for word in re.findall(r"Alpha-[\w-]+", ELEMENTS[element]):
        assert word in pdf_text
        assert word in _docx_text(docx)


def _paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text.strip() == text)


def test_headings_quotes_and_text_take_words_styles(every_element):
    _, docx = every_element
    assert _paragraph(docx, "Alpha-h3").style.name == "Heading 2"
    assert _paragraph(docx, "Alpha-h4").style.name == "Heading 3"
    assert _paragraph(docx, "Alpha-h5").style.name == "Heading 4"
    assert _paragraph(docx, "Alpha-h6").style.name == "Heading 5"
    quoted = _paragraph(docx, "Alpha-blockquote-p")
    assert quoted.style.name == "Block Text"
    assert round(quoted.style.paragraph_format.left_indent.mm) == 10
    assert _paragraph(docx, "Alpha-blockquote").style.name == "Block Text"
    assert _paragraph(docx, "Alpha-div").style.name == "Normal"
    assert [r.font.superscript for r in _paragraph(docx, "xAlpha-sup").runs] == [None, True]
    assert [r.font.subscript for r in _paragraph(docx, "xAlpha-sub").runs] == [None, True]
    assert _paragraph(docx, "Alpha-br-1\nAlpha-br-2")._p.find(f".//{qn('w:br')}") is not None
    linked = _paragraph(docx, "Alpha-a")
    assert linked._p.find(qn("w:hyperlink")) is None  # kept as its text
    assert "https://example.org" not in {rel.target_ref for rel in docx.part.rels.values()}


def test_a_class_of_the_themes_own_names_a_word_style(every_element, tmp_path, reports):
    _, docx = every_element
    (run,) = [r for r in _paragraph(docx, "Alpha-span").runs if r.text == "Alpha-span"]
    assert (run.style.name, run.style.type) == ("key", 2)  # a character style
    theme = _theme(tmp_path, '<p class="banner">Regional consultation</p>')
    document = Document(io.BytesIO(render(reports["general"], "docx", theme)))
    banner = _paragraph(document, "Regional consultation").style
    assert (banner.name, banner.base_style.name) == ("banner", "Normal")


def test_a_table_is_a_word_table(tmp_path, reports):
    table = (
        '<table class="schedule"><caption>The programme</caption>'
        "<thead><tr><th>Time</th><th>Session</th><th>Chair</th></tr></thead>"
        '<tbody><tr><td>09:00</td><td colspan="2">Opening</td></tr>'
        '<tr><td rowspan="2">10:00</td><td>3.1</td><td>Ecuador</td></tr>'
        "<tr><td>3.2</td><td>Greece</td></tr></tbody></table>"
    )
    document = Document(io.BytesIO(render(reports["general"], "docx", _theme(tmp_path, table))))
    (word_table,) = document.tables
    assert (word_table.style.name, word_table.style.base_style.name) == ("schedule", "Table Grid")
    assert [[cell.text for cell in row.cells] for row in word_table.rows] == [
        ["Time", "Session", "Chair"],
        ["09:00", "Opening", "Opening"],
        ["10:00", "3.1", "Ecuador"],
        ["10:00", "3.2", "Greece"],
    ]
    header = word_table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    caption = _paragraph(document, "The programme")
    assert caption.style.name == "Caption"
    assert caption._p.getnext() is word_table._tbl


def _refusals(tmp_path, reports, content: str) -> dict[str, tuple[str, str]]:
    """Each format's message for a theme whose written.html holds ``content``, with the
    theme's folder."""
    refusals = {}
    for format in ("html", "pdf", "docx"):
        theme = _theme(tmp_path / format, content)
        with pytest.raises(ReportError) as refused:
            render(reports["general"], format, theme)
        refusals[format] = (str(refused.value), str(theme.folder))
    return refusals


REFUSED = {
    "an element": (
        "<marquee>Welcome</marquee>",
        "theme 'madrid': the element <marquee> (in {folder}/written.html) is not one the DOCX "
        "can hold: use p, h1–h6, ul, ol, li, table (caption, thead, tbody, tfoot, tr, th, td), "
        "blockquote, img, div, section, header, and in text em, strong, i, b, a, span, sup, "
        "sub, br",
    ),
    "an element in the wrong place": (
        "<ul><li><p>Nested</p></li></ul>",
        "theme 'madrid': the element <p> inside <li> (in {folder}/written.html) is not one the "
        "DOCX can hold there: <li> may hold a, b, br, em, i, img, span, strong, sub, sup",
    ),
    "text in a list": (
        "<ul>Loose words<li>An item</li></ul>",
        "theme 'madrid': the text “Loose words” directly inside <ul> (in {folder}/written.html) "
        "is not where the DOCX can hold text",
    ),
    "a class of its own on a container": (
        '<div class="box"><p>Boxed</p></div>',
        "theme 'madrid': the class 'box' on <div> (in {folder}/written.html) is not one the DOCX "
        "knows there",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_what_the_docx_cannot_hold_is_refused_in_every_format(tmp_path, reports, case):
    content, message = REFUSED[case]
    for format, (refusal, folder) in _refusals(tmp_path, reports, content).items():
        assert refusal.startswith(message.format(folder=folder)), format


def test_the_page_may_hold_nothing_outside_the_article(tmp_path, reports):
    override = '{% extends "base/base.html" %}{% block page_heading %}<p>Draft</p>{% endblock %}'
    folder = make_theme(tmp_path, "framed", files={"base.html": override})
    with pytest.raises(ReportError) as refused:
        render(reports["general"], "html", load_theme(folder))
    assert str(refused.value).startswith(
        f"theme 'framed': the element <p> inside <main> (in {folder}/base.html) is not one the "
        "DOCX can hold there: <main> may hold article, h1, section"
    )


def test_a_class_that_names_a_word_style_of_another_kind_is_refused(tmp_path, reports):
    theme = _theme(tmp_path, '<p>A <span class="Title">title</span> in the text</p>')
    with pytest.raises(ReportError) as refused:
        render(reports["general"], "docx", theme)
    assert str(refused.value) == (
        "theme 'madrid': the class 'Title' names Word's style Title, which is no character "
        "style: give the class another name"
    )


_COMPILED_FRAME = (
    '<section class="cover"><h1 class="title">Proceedings</h1><p class="status">Final</p></section>'
    '<nav class="contents"><h2 id="contents">Contents</h2><ol>'
    '<li class="contents-1"><a href="#rt-1">Round Table 1</a></li></ol></nav>'
    '<section class="chapter" id="rt-1"><h2>Round Table 1</h2>'
    '<article class="report written" lang="fr"><h3>Rapport</h3><p>Texte</p></article></section>'
    '<section class="annex"><h2>Annex</h2><table><tr><td>R01</td></tr></table></section>'
)


def _page(main: str, body_class: str = "compilation") -> str:
    return (
        f'<html lang="en"><body class="{body_class}"><footer class="forum">GFMD</footer>'
        f"<main>{main}</main></body></html>"
    )


def test_a_compilations_page_may_hold_its_cover_contents_chapters_and_annexes():
    check_html(_page(_COMPILED_FRAME), "base", lambda: [])


@pytest.mark.parametrize(
    ("main", "body_class", "refused"),
    [
        (_COMPILED_FRAME, "", "the element <section> inside <main>"),
        ('<nav class="contents"><h2>Contents</h2></nav><article></article>', "", "<nav>"),
        ('<section class="annex"><article></article></section>', "compilation", "<article>"),
        ('<section class="chapter"><nav class="contents"></nav></section>', "compilation", "<nav>"),
        ('<nav class="menu"><h2>Menu</h2></nav>', "compilation", "<nav> inside <main>"),
    ],
    ids=["report page", "contents in a report", "report in an annex", "nested nav", "other nav"],
)
def test_what_only_a_compilation_holds_stays_in_its_place(main, body_class, refused):
    with pytest.raises(ReportError) as refusal:
        check_html(_page(main, body_class), "base", lambda: [])
    assert refused in str(refusal.value)
