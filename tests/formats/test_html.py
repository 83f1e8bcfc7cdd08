"""The HTML page: standalone, semantic, escaped, and generated sentences built from data."""

from __future__ import annotations

import itertools

import lxml.html
import pytest
from conftest import WRITTEN_EXAMPLE, make_theme

from gfmd_reports import ReportError, load_report, load_theme, render
from gfmd_reports.formats.html import read_aloud
from gfmd_reports.model import Report
from gfmd_reports.summary import SpeakingTime

REPORT = {
    "kind": "general",
    "forum": {"name": "GFMD", "year": 2014},
    "roundtable": {"number": 3, "title": "Migration"},
    "rapporteur": {"honorific": "Ambassador", "name": "Jorge Lomónaco", "country": "Mexico"},
    "sessions": [{"number": "3.1", "title": "One", "co_chairs": [{"country": "Ecuador"}]}],
}


def _page(data=None, **changes) -> lxml.html.HtmlElement:
    report = Report.model_validate({**(data or REPORT), **changes})
    return lxml.html.fromstring(render(report, "html"))


def _session_paragraphs(page) -> list[str]:
    return [" ".join(p.text_content().split()) for p in page.xpath("//section[@class='session']/p")]


def test_the_page_is_standalone_with_language_title_and_landmarks(rendered):
    page = lxml.html.fromstring(rendered["general"]["html"].read_bytes())
    assert page.get("lang") == "en-GB"
    assert page.findtext(".//title") == "GFMD 2014 – Round Table 3: General Rapporteur’s Report"
    assert page.xpath("//meta[@name='author']/@content") == ["Jorge Lomónaco"]
    assert len(page.xpath("//main/article")) == 1
    assert page.xpath("//style")
    assert not page.xpath("//link|//script|//img|//iframe")
    assert not [url for url in page.xpath("//@src|//@href") if not url.startswith("#")]


def test_headings_are_in_order(rendered):
    page = lxml.html.fromstring(rendered["general"]["html"].read_bytes())
    levels = [int(heading.tag[1]) for heading in page.iter("h1", "h2", "h3", "h4")]
    assert levels == [1, 2, 2, 2]
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


def test_a_note_links_both_ways(rendered):
    page = lxml.html.fromstring(rendered["general"]["html"].read_bytes())
    (call,) = page.xpath("//p[@class='subtitle']/sup/a")
    assert (call.get("href"), call.get("id"), call.text) == ("#fn1", "fnref1", "1")
    (note,) = page.xpath("//section[@class='footnotes']//li[@id='fn1']")
    assert note.xpath(".//a/@href") == ["#fnref1"]


@pytest.mark.parametrize(
    ("co_chairs", "sentence"),
    [
        ([{"country": "Ecuador"}], "The Co-chairs were Ecuador."),
        ([{"country": "Ecuador"}, {"country": "Greece"}], "The Co-chairs were Ecuador and Greece."),
        (
            [{"country": "Ecuador"}, {"country": "Greece"}, {"country": "Mexico"}],
            "The Co-chairs were Ecuador, Greece and Mexico.",
        ),
        (
            [{"name": "A", "position": "Minister"}, {"name": "B", "organisation": "UNDP"}],
            "The Co-chairs were A, Minister, and B, UNDP.",
        ),
    ],
)
def test_co_chairs_are_joined_as_prose(co_chairs, sentence):
    session = {**REPORT["sessions"][0], "co_chairs": co_chairs}
    assert _session_paragraphs(_page(sessions=[session]))[0] == sentence


def test_an_honorific_is_held_to_the_name_by_a_no_break_space():
    page = _page()
    assert page.xpath("//p[@class='byline']")[0].text_content() == (
        "by Ambassador\u00a0Jorge Lomónaco, Mexico"
    )


def test_discussion_points_read_on_theme():
    session = {
        **REPORT["sessions"][0],
        "discussion": {
            "lead_in": "The main points were:",
            "points": [{"theme": "policy", "text": "Spain shared."}, "A plain point."],
        },
    }
    assert _session_paragraphs(_page(sessions=[session]))[1:] == [
        "The main points were:",
        "On policy, Spain shared.",
        "A plain point.",
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "{{ report.__class__ }}",
        "{% include '/etc/passwd' %}",
    ],
)
def test_text_is_escaped_and_stays_literal(hostile):
    page = _page(closing=[hostile])
    assert not page.xpath("//script|//img|//a[starts-with(@href, 'javascript')]")
    assert page.xpath("//article/p")[-1].text_content() == hostile


def test_emphasis_and_footnotes_in_text_become_markup():
    page = _page(closing=["A *new* **era**.[^a]"], footnotes={"a": "A note."})
    closing = page.xpath("//article/p")[-1]
    assert lxml.html.tostring(closing, encoding="unicode").strip() == (
        '<p>A <em>new</em> <strong>era</strong>.<sup class="footnote-ref">'
        '<a href="#fn1" id="fnref1" role="doc-noteref">1</a></sup></p>'
    )


def test_the_same_report_gives_the_same_page():
    report = Report.model_validate(REPORT)
    assert render(report, "html") == render(report, "html")


def test_a_misspelt_variable_in_a_template_is_an_error_with_its_place(tmp_path):
    theme = make_theme(tmp_path, "broken", files={"closing.html": "{{ report.qoute }}\n"})
    with pytest.raises(ReportError, match=r"template error: .*'qoute'"):
        render(Report.model_validate(REPORT), "html", load_theme(theme))
    (theme / "closing.html").write_text("{% if %}\n", encoding="utf-8")
    with pytest.raises(ReportError, match=rf"{theme / 'closing.html'}:1: template error: "):
        render(Report.model_validate(REPORT), "html", load_theme(theme))


def test_rendering_several_formats_at_once_gives_what_each_render_gives():
    """The command line renders a report's HTML once for all its formats."""
    from gfmd_reports.formats import render_formats

    report = load_report(WRITTEN_EXAMPLE)
    together = render_formats(report, ["docx", "html", "pdf"])
    assert list(together) == ["docx", "html", "pdf"]
    for format, data in together.items():
        assert data == render(report, format)


def test_what_is_read_aloud_is_counted_by_the_words_a_listener_hears():
    page = (
        '<html lang="en"><body><footer class="forum">GFMD 2019, Quito</footer><main>'
        '<h1 class="for-screen-readers">Report on Session 1.1</h1><article class="report oral">'
        "<p>Thank you.</p><p>Our <em>co-</em>production<sup class='footnote-ref'>"
        '<a href="#fn1">1</a></sup> works.</p><section class="session"><p>One two</p><ul>'
        '<li>three</li><li>four</li></ul><p class="reading-time">Reading time: 5 s</p></section>'
        '</article><section class="footnotes"><ol><li id="fn1">A note.</li></ol></section>'
        "</main></body></html>"
    )
    # Thank, you, Our, co-production, works; One, two, three, four: blocks never run together
    # (“youOur”), emphasis never splits a word, and the note, its call, the footer, the
    # screen readers' heading and the mark itself are not read.
    assert read_aloud(page, ["1.1"]) == SpeakingTime(9, {"1.1": 5}, 5)
    assert read_aloud(page, ["1.1", "1.2"]).sessions == {}  # a page not marking each session
