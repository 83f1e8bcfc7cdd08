"""The redline DOCX: Word's tracked changes, read by LibreOffice and checked against the schema;
random edits of random reports settle to both versions; the contract keeps changes out of
every other page."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

import lxml.html
import pytest
from conftest import make_theme
from hypothesis import given
from hypothesis import strategies as st
from ooxml.check import docx_problems

from formats.conftest import libreoffice_convert
from formats.test_random_reports import PROPERTY_SETTINGS, report_data, validated
from formats.tracked import parts, q, reading, revisions
from gfmd_reports.errors import ReportError
from gfmd_reports.formats import render
from gfmd_reports.formats.docx import html_to_docx
from gfmd_reports.loading import validate_file
from gfmd_reports.model import Report
from gfmd_reports.redline import Revision, compare_pages, redline_docx
from gfmd_reports.themes import DEFAULT_THEME, load_theme

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
REVISION = Revision("Jean Dupont", datetime.datetime(2026, 11, 30, 9, 5, tzinfo=datetime.UTC))


def edited_example(name: str) -> tuple[Report, Report]:
    """An example and a version of it with a changed word, a removed and an added item, a
    new note, a changed venue and a new session."""
    report = validate_file(EXAMPLES / name).report
    assert report is not None
    data = report.model_dump(mode="json", by_alias=True, exclude_none=True)
    new = copy.deepcopy(data)
    session = new["sessions"][0]
    session["co_chairs"].reverse()
    session["narrative"] = ["A paragraph the reviewers added.[^added]", *session["narrative"][1:]]
    new["footnotes"] = {**new.get("footnotes", {}), "added": "A note the reviewers added."}
    new["forum"]["venue"] = "Geneva"
    added = copy.deepcopy(session)
    added["number"] = f"{new['roundtable']['number']}.8"
    new["sessions"].append(added)
    return report, Report.model_validate(new)


@pytest.mark.parametrize("name", ["gfmd-2014-rt3.yaml", "gfmd-2019-rt1-2.yaml"])
def test_libreoffice_reads_the_same_changes_back(name, tmp_path):
    old, new = edited_example(name)
    theme = load_theme(new.theme or DEFAULT_THEME)
    redline = redline_docx(compare_pages(old, new, theme), theme, REVISION, new)
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "redline.docx"
    source.write_bytes(redline)
    exported = libreoffice_convert(source, tmp_path, "docx").read_bytes()
    assert revisions(exported) == revisions(redline)
    assert {"deletion", "insertion"} <= {kind for kind, _text in revisions(redline)}
    # The footer's change too (the page number after it is LibreOffice's own count).
    footers = [reading(docx, accept=True)["footers"] for docx in (exported, redline)]
    assert [[text.rstrip("0123456789") for text in found] for found in footers] == [
        ["Seventh GFMD Summit, Geneva, 14–16 May 2014, under the Chairmanship of Sweden"]
        if "2014" in name
        else ["Twelfth GFMD Summit, Geneva, 2019, under the Chairmanship of Ecuador"]
    ] * 2


@pytest.mark.parametrize("name", ["gfmd-2014-rt3.yaml", "gfmd-2019-rt1-2.yaml"])
def test_the_redline_passes_the_ooxml_schema_and_deleted_text_is_del_text(name):
    old, new = edited_example(name)
    theme = load_theme(new.theme or DEFAULT_THEME)
    redline = redline_docx(compare_pages(old, new, theme), theme, REVISION, new)
    assert docx_problems(redline) == []
    for root in parts(redline).values():
        assert not root.xpath("//w:del//w:t", namespaces={"w": q("")[1:-1]})
        assert not root.xpath("//w:ins//w:delText", namespaces={"w": q("")[1:-1]})
    assert reading(redline, accept=True) == reading(render(new, "docx", theme))
    assert reading(redline, accept=False) == reading(render(old, "docx", theme))


def test_the_redline_keeps_the_styles_of_a_render():
    old, new = edited_example("gfmd-2014-rt3.yaml")
    theme = load_theme(DEFAULT_THEME)
    redline = redline_docx(compare_pages(old, new, theme), theme, REVISION, new)
    styles = {name: root for name, root in _package(redline).items() if name.endswith("styles.xml")}
    rendered = dict(_package(render(new, "docx")).items())
    assert styles["word/styles.xml"] == rendered["word/styles.xml"]


def _package(docx: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


# Random edits of random reports.

_LISTS = ("narrative", "introduction", "closing", "items", "topics", "points")
_TEXTS = ("title", "text", "lead_in", "prepared_by", "salutation")
_SYNTAX = set("*_[]^\\`")


def _text_places(node) -> list[tuple[object, object]]:
    """Where the report's prose stands: (container, key or index) of each string."""
    places: list[tuple[object, object]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key in _TEXTS:
                places.append((node, key))
            elif isinstance(value, list) and key in _LISTS:
                places += [(value, i) for i, item in enumerate(value) if isinstance(item, str)]
            if isinstance(value, dict | list):
                places += _text_places(value)
    elif isinstance(node, list):
        for item in node:
            places += _text_places(item)
    return places


def _lists(node) -> list[list]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, list) and key in _LISTS and len(value) > 1:
                found.append(value)
            found += _lists(value)
    elif isinstance(node, list):
        for item in node:
            found += _lists(item)
    return found


@st.composite
def _edited_text(draw, text: str) -> str:
    """A reviewer's edit of a text: a word added, a plain word removed, a comma added."""
    words = text.split(" ")
    plain = [i for i, word in enumerate(words) if word.strip() and not set(word) & _SYNTAX]
    action = draw(st.sampled_from(["add", "remove", "comma"]))
    if action == "add" or not plain:
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(["notably", "(sic)"])))
    elif action == "remove" and len(plain) > 1:
        del words[draw(st.sampled_from(plain))]
    else:
        words[draw(st.sampled_from(plain))] += ","
    return " ".join(words)


@st.composite
def two_versions(draw) -> tuple[dict, dict]:
    old = draw(report_data())
    new = copy.deepcopy(old)
    places = _text_places(new)
    if places:
        for index in draw(st.lists(st.integers(0, len(places) - 1), max_size=3, unique=True)):
            container, key = places[index]
            container[key] = draw(_edited_text(container[key]))  # type: ignore[index]
    shortened = _lists(new)
    if shortened and draw(st.booleans()):
        chosen = draw(st.sampled_from(shortened))
        del chosen[draw(st.integers(0, len(chosen) - 1))]
    return old, new


@PROPERTY_SETTINGS
@given(two_versions())
def test_random_edits_of_random_reports_settle_to_both_versions(versions):
    old, new = map(validated, versions)
    theme = load_theme(new.theme or DEFAULT_THEME)
    redline = redline_docx(compare_pages(old, new, theme), theme, REVISION, new)
    assert reading(redline, accept=True) == reading(render(new, "docx", theme))
    assert reading(redline, accept=False) == reading(render(old, "docx", theme))


# The contract: changes only in a comparison, and only where Word tracks them.


def test_a_theme_that_writes_ins_in_a_plain_page_is_refused(tmp_path):
    folder = make_theme(
        tmp_path,
        "marked",
        files={"closing.html": "<p><ins>Added</ins> by the theme</p>\n"},
    )
    report = validate_file(EXAMPLES / "gfmd-2019-rt1-2.yaml").report
    assert report is not None
    theme = load_theme(folder)
    with pytest.raises(ReportError, match=r"<ins> is only for a comparison of two versions"):
        render(report, "html", theme)


def _compared_page(article: str) -> str:
    old, new = edited_example("gfmd-2019-rt1-2.yaml")
    page = lxml.html.document_fromstring(compare_pages(old, new, load_theme(DEFAULT_THEME)))
    (old_article,) = page.iter("article")
    replacement = lxml.html.fragment_fromstring(f'<article class="report oral">{article}</article>')
    old_article.getparent().replace(old_article, replacement)
    return lxml.html.tostring(page, encoding="unicode")


@pytest.mark.parametrize(
    ("article", "refused"),
    [
        ("<p><ins>a <del>b</del></ins></p>", "stands inside another change"),
        ('<p class="inserted"><ins>a</ins></p>', "stands inside another change"),
        ('<p class="inserted deleted">a</p>', "cannot be tracked there"),
        ('<ul><li>a</li></ul><div class="inserted"><p>a</p></div>', "cannot be tracked there"),
        ('<section class="deleted"><p class="deleted">a</p><p>b</p></section>', "not marked alike"),
    ],
)
def test_a_change_word_cannot_track_is_refused(article, refused):
    theme = load_theme(DEFAULT_THEME)
    with pytest.raises(ReportError, match=refused):
        html_to_docx(_compared_page(article), theme, revision=REVISION)


def test_a_comparison_page_without_a_revision_is_refused_by_the_writer():
    theme = load_theme(DEFAULT_THEME)
    with pytest.raises(ReportError, match="only for a comparison"):
        html_to_docx(_compared_page("<p>a <ins>b</ins></p>"), theme)


def test_a_deleted_list_item_keeps_its_number_and_its_mark():
    theme = load_theme(DEFAULT_THEME)
    page = _compared_page('<ol><li>one</li><li class="deleted">two</li><li>three</li></ol>')
    body = parts(html_to_docx(page, theme, revision=REVISION))["word/document.xml"]
    items = body.xpath("//w:p[w:pPr/w:numPr]", namespaces={"w": q("")[1:-1]})
    assert len(items) == 3
    (deleted,) = [
        item for item in items if item.find(f"{q('pPr')}/{q('rPr')}/{q('del')}") is not None
    ]
    assert "".join(deleted.itertext()) == "two"
    assert deleted.find(f"{q('del')}/{q('r')}/{q('delText')}").text == "two"
