"""Compiled pages (a Chair's Report) for the DOCX tests, assembled as the compile command does
(see the plan's structure in gfmd_reports/formats/contract.py): real reports rendered by their
kind's template, their headings demoted, their notes renumbered through the page."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import lxml.html
from lxml.html import builder as E

from gfmd_reports.formats.html import render_html
from gfmd_reports.model import Report
from gfmd_reports.themes import Theme

_DEMOTED = {"h2": "h4", "h3": "h5", "h4": "h6"}
_COMPILATION_CSS = """
.compilation h2 {{ font-size: {title_size}; }}
.compilation h3 {{ font-size: {subtitle_size}; }}
.compilation h5, .compilation h6 {{
  font-size: {body_size}; margin: 12pt 0 {paragraph_spacing}; break-after: avoid;
}}
.compilation h6 {{ font-style: italic; font-weight: normal; }}
.compilation article + article {{ margin-top: 24pt; }}
.cover {{ text-align: center; }}
.cover h1 {{ font-size: calc({title_size} * 1.6); margin-top: 30%; }}
.cover .subtitle {{ margin-top: 12pt; }}
.cover-detail {{ margin: 0 0 4pt; }}
.cover .status {{ margin-top: 48pt; font-weight: bold; text-transform: uppercase; }}
nav.contents ol {{ list-style: none; padding: 0; }}
nav.contents {{ hyphens: manual; }}
nav.contents li {{ margin: 0 0 4pt; }}
.contents-2 {{ padding-left: 1.5em; }}
.contents-3 {{ padding-left: 3em; }}
.annex table {{ font-size: {footnote_size}; }}
@media print {{
  @page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
  nav.contents, .foreword, .executive-summary, .chapter, .annex {{ break-before: page; }}
  nav.contents a::after {{ content: leader(". ") target-counter(attr(href url), page); }}
  .compilation .oral {{ font-size: inherit; line-height: inherit; hyphens: auto; }}
}}
"""
"""What the compile command's style sheet (templates/base/compilation.css) does: parts start
a page of their own, headings are set a level down, an oral report as the others."""


@dataclass
class Annex:
    title: str
    anchor: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Chapter:
    title: str
    reports: list[Report]
    anchor: str = ""


@dataclass
class Compilation:
    """What a compiled page holds: its own words (in its language) and the reports."""

    language: str
    title: str
    forum_line: str
    cover_details: list[str]
    status: str
    contents_heading: str
    foreword: list[str]
    chapters: list[Chapter]
    annexes: list[Annex]


def compiled_page(compilation: Compilation, theme: Theme) -> str:
    """The compiled page of the reports, with its contents listing headings h2 to h4."""
    pages = [
        lxml.html.document_fromstring(render_html(report, theme))
        for chapter in compilation.chapters
        for report in chapter.reports
    ]
    head = copy.deepcopy(pages[0].find("head"))
    head.find("title").text = compilation.title
    head.find("style").text += _COMPILATION_CSS.format(**vars(theme.tokens))
    notes: list = []
    main = E.MAIN(_cover(compilation), E.NAV())
    if compilation.foreword:
        paragraphs = map(E.P, compilation.foreword)
        main.append(E.SECTION(E.H2("Foreword"), *paragraphs, id="foreword", **_class("foreword")))
    numbered = iter(range(1, len(pages) + 1))
    pages_left = iter(pages)
    for chapter_number, chapter in enumerate(compilation.chapters, start=1):
        chapter.anchor = f"roundtable-{chapter_number}"
        section = E.SECTION(E.H2(chapter.title), id=chapter.anchor, **_class("chapter"))
        for _ in chapter.reports:
            section.append(_article(next(pages_left), next(numbered), notes))
        main.append(section)
    main.extend(map(_annex, compilation.annexes))
    main.append(_footnotes(notes))
    main[1] = _contents(compilation, main)
    body = E.BODY(
        E.FOOTER(compilation.forum_line, **_class("forum")), main, **_class("compilation")
    )
    page = E.HTML(head, body, lang=compilation.language)
    return lxml.html.tostring(page, encoding="unicode", doctype="<!DOCTYPE html>")


def _class(name: str) -> dict[str, str]:
    return {"class": name}


def _cover(compilation: Compilation):
    return E.SECTION(
        E.H1(compilation.title, **_class("title")),
        E.P(compilation.forum_line, **_class("subtitle")),
        *(E.P(detail, **_class("cover-detail")) for detail in compilation.cover_details),
        E.P(compilation.status, **_class("status")),
        **_class("cover"),
    )


def _article(page, number: int, notes: list):
    """A report's article as a chapter holds it: its title an h3, its own headings one level
    down, each with an id, its language kept, its notes numbered after those before it."""
    (article,) = page.iter("article")
    article = copy.deepcopy(article)
    article.set("id", f"report-{number}")
    article.set("lang", page.get("lang"))
    # A report is read on paper in a compilation: no reading times.
    hidden = ".//h1[contains(@class, 'for-screen-readers')]|.//p[@class='reading-time']"
    for element in article.xpath(hidden):
        element.getparent().remove(element)
    sections = 0
    for heading in article.xpath(".//h2|.//h3|.//h4"):
        if heading.tag == "h2":
            sections += 1
            heading.set("id", f"report-{number}-session-{sections}")
        heading.tag = _DEMOTED[heading.tag]
    title = article.find(".//h1")
    if title is None:  # an oral report's title is its document title
        title = E.H1(page.findtext(".//title"))
        article.insert(0, title)
    title.tag, title.attrib["id"] = "h3", f"report-{number}-title"
    title.attrib.pop("class", None)
    _renumber_notes(page, article, notes)
    return article


def _renumber_notes(page, article, notes: list) -> None:
    own = {item.get("id"): item for item in page.xpath("//section[@class='footnotes']//li")}
    for call in article.xpath(".//sup[@class='footnote-ref']/a"):
        note = copy.deepcopy(own[call.get("href").removeprefix("#")])
        notes.append(note)
        number = str(len(notes))
        call.set("href", f"#fn{number}")
        call.set("id", f"fnref{number}")
        call.text = number
        note.set("id", f"fn{number}")
        note.set("value", number)
        note.find("a").set("href", f"#fnref{number}")


def _annex(annex: Annex):
    rows = [E.TR(*map(E.TD, row)) for row in annex.rows]
    return E.SECTION(
        E.H2(annex.title),
        E.TABLE(E.THEAD(E.TR(*map(E.TH, annex.header))), E.TBODY(*rows)),
        id=annex.anchor,
        **_class("annex"),
    )


def _footnotes(notes: list):
    return E.SECTION(E.OL(*notes), role="doc-endnotes", **_class("footnotes"))


def _contents(compilation: Compilation, main):
    """The contents: one entry per heading h2–h4 after them, linked to its section's id (a
    report's title to its article's)."""
    entries = []
    for heading in main.xpath(".//h2|.//h3|.//h4"):
        level = int(heading.tag[1]) - 1
        anchor = heading.get("id")
        if heading.tag != "h4":
            (anchor,) = heading.xpath("ancestor::*[@id][1]/@id")
        text = re.sub(r"[ \t\r\n]+", " ", heading.text_content()).strip()
        entries.append(E.LI(E.A(text, href=f"#{anchor}"), **_class(f"contents-{level}")))
    return E.NAV(
        E.H2(compilation.contents_heading, id="contents"),
        E.OL(*entries),
        **_class("contents"),
        **{"aria-labelledby": "contents"},
    )
