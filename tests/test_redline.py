"""The comparison of two versions of a report: the marked page and the redline DOCX.

A redline is right when accepting all its changes gives NEW's plain render and rejecting
them all gives OLD's (paragraphs, their styles, list places, runs with their look, notes in
order, footer), as Word would: the changes are settled on the XML (tests/formats/tracked.py).
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from formats.tracked import parts, q, reading, revisions

from gfmd_reports.errors import ReportError
from gfmd_reports.formats import render
from gfmd_reports.loading import validate_file
from gfmd_reports.model import Report
from gfmd_reports.redline import (
    Revision,
    Tally,
    align,
    compare_pages,
    merge_blocks,
    merge_text,
    redline_docx,
    tally,
    tokens,
    word_ratio,
)
from gfmd_reports.themes import load_theme

EXAMPLES = Path(__file__).parent.parent / "examples"
REVISION = Revision("Amina Diallo", datetime.datetime(2026, 11, 30, 13, 45, 2, tzinfo=datetime.UTC))


def example(name: str) -> dict:
    report = validate_file(EXAMPLES / name).report
    assert report is not None
    return report.model_dump(mode="json", by_alias=True, exclude_none=True)


# Scripted edits, each of one kind a reviewer makes.


def change_a_comma(data: dict) -> None:
    session = data["sessions"][0]
    texts = session.get("narrative") or data["closing"]
    index = next(i for i, text in enumerate(texts) if "," in text)
    texts[index] = texts[index].replace(",", ";", 1)


def move_a_co_chair(data: dict) -> None:
    chairs = data["sessions"][0]["co_chairs"]
    chairs[0], chairs[1] = chairs[1], chairs[0]


def remove_a_recommendation(data: dict) -> None:
    for session in data["sessions"]:
        for findings in ("recommendations", "conclusions"):
            if session.get(findings) and len(session[findings]["items"]) > 1:
                del session[findings]["items"][0]
                return
    raise AssertionError("no list of findings to shorten")


def add_a_session(data: dict) -> None:
    session = copy.deepcopy(data["sessions"][-1])
    session["number"] = f"{data['roundtable']['number']}.9"
    session["title"] = "Data on migrants’ access to services"
    session["narrative"] = ["Speakers asked for data that are comparable across borders."]
    data["sessions"].append(session)


def change_a_footnote(data: dict) -> None:
    if data.get("subtitle_footnote"):
        data["subtitle_footnote"] = data["subtitle_footnote"].replace("preliminary", "revised")
    data.setdefault("footnotes", {})["src"] = "Source: GFMD Support Unit, 2019."
    session = data["sessions"][0]
    session["narrative"] = [*session.get("narrative", []), "Figures were shared.[^src]"]


def change_the_title(data: dict) -> None:
    data["title"] = "Access to services, from basic access to co-production"


def change_the_venue(data: dict) -> None:
    data["forum"]["venue"] = "Geneva"


EDITS: list[Callable[[dict], None]] = [
    change_a_comma,
    move_a_co_chair,
    remove_a_recommendation,
    add_a_session,
    change_a_footnote,
    change_the_title,
    change_the_venue,
]


def every_edit(data: dict) -> None:
    for edit in EDITS:
        edit(data)


def versions(name: str, edit: Callable[[dict], None]) -> tuple[Report, Report]:
    old = example(name)
    new = copy.deepcopy(old)
    edit(new)
    return Report.model_validate(old), Report.model_validate(new)


def assert_settles_to_both(old: Report, new: Report) -> bytes:
    """The redline of two versions, checked: accepting gives NEW, rejecting gives OLD."""
    theme = load_theme(new.theme or "gfmd")
    redline = redline_docx(compare_pages(old, new, theme), theme, REVISION, new)
    assert reading(redline, accept=True) == reading(render(new, "docx", theme))
    assert reading(redline, accept=False) == reading(render(old, "docx", theme))
    return redline


@pytest.mark.parametrize("name", ["gfmd-2014-rt3.yaml", "gfmd-2019-rt1-2.yaml"])
@pytest.mark.parametrize("edit", [*EDITS, every_edit], ids=lambda edit: edit.__name__)
def test_accepting_all_gives_new_and_rejecting_all_gives_old(name, edit):
    old, new = versions(name, edit)
    redline = assert_settles_to_both(old, new)
    assert revisions(redline), "the versions differ: the redline must show it"


def test_a_changed_comma_is_one_small_change():
    old, new = versions("gfmd-2019-rt1-2.yaml", change_a_comma)
    theme = load_theme("gfmd")
    page = compare_pages(old, new, theme)
    redline = redline_docx(page, theme, REVISION, new)
    assert revisions(redline) == [("deletion", ","), ("insertion", ";")]
    assert tally(page) == Tally(insertions=1, deletions=1, places=1)


def test_a_moved_co_chair_is_deleted_where_it_was_and_inserted_where_it_is():
    old, new = versions("gfmd-2019-rt1-2.yaml", move_a_co_chair)
    page = compare_pages(old, new, load_theme("gfmd"))
    (root,) = lxml.html.document_fromstring(page).iter("article")
    deleted = " ".join(element.text_content() for element in root.iter("del"))
    inserted = " ".join(element.text_content() for element in root.iter("ins"))
    assert "Negash Botora Kebret" in deleted
    assert "Negash Botora Kebret" in inserted
    assert "José Luis Pardo" not in deleted + inserted  # the other one stays where it was
    assert not root.find_class("deleted")
    assert not root.find_class("inserted")


def test_a_removed_recommendation_is_one_deleted_list_item_that_keeps_its_number():
    old, new = versions("gfmd-2014-rt3.yaml", remove_a_recommendation)
    theme = load_theme("gfmd")
    page = compare_pages(old, new, theme)
    (article,) = lxml.html.document_fromstring(page).iter("article")
    (deleted,) = article.find_class("deleted")
    assert deleted.tag == "li"
    assert not list(article.iter("ins", "del"))
    body = parts(redline_docx(page, theme, REVISION, new))["word/document.xml"]
    (mark,) = body.xpath("//w:pPr/w:rPr/w:del", namespaces={"w": q("")[1:-1]})
    paragraph = mark.getparent().getparent().getparent()
    assert paragraph.find(f"{q('pPr')}/{q('numPr')}") is not None  # still in its list
    texts = paragraph.findall(f"{q('del')}/{q('r')}/{q('delText')}")
    assert "".join(text.text for text in texts) == deleted.text_content()


def test_an_added_session_is_a_section_of_inserted_blocks():
    old, new = versions("gfmd-2014-rt3.yaml", add_a_session)
    root = lxml.html.document_fromstring(compare_pages(old, new, load_theme("gfmd")))
    sessions = root.find_class("session")
    assert len(sessions) == 3
    assert "inserted" in sessions[2].get("class").split()
    blocks = list(sessions[2].iter("p", "h2", "h3", "li"))
    assert blocks
    assert all("inserted" in block.get("class", "") for block in blocks)
    assert not root.find_class("deleted")
    assert not list(sessions[2].iter("ins", "del"))


def test_a_changed_note_shows_its_change_inside_the_note():
    old, new = versions("gfmd-2014-rt3.yaml", change_a_footnote)
    root = lxml.html.document_fromstring(compare_pages(old, new, load_theme("gfmd")))
    (notes,) = root.find_class("footnotes")
    first, added = notes.iter("li")
    assert [e.text for e in first.iter("del")] == ["preliminary"]
    assert [e.text for e in first.iter("ins")] == ["revised"]
    assert [e.text_content().strip() for e in added.iter("ins")] == [
        "Source: GFMD Support Unit, 2019."
    ]


def test_the_venue_is_changed_in_the_running_footer():
    old, new = versions("gfmd-2019-rt1-2.yaml", change_the_venue)
    theme = load_theme("gfmd")
    redline = redline_docx(compare_pages(old, new, theme), theme, REVISION, new)
    (footer,) = [root for name, root in parts(redline).items() if "footer" in name]
    changed = [
        (change.tag, "".join(change.itertext())) for change in footer.iter(q("ins"), q("del"))
    ]
    assert changed == [(q("del"), "Quito"), (q("ins"), "Geneva")]
    assert (
        reading(redline, accept=True)["footers"] == reading(render(new, "docx", theme))["footers"]
    )


def test_every_change_has_a_unique_id_an_author_and_a_date():
    old, new = versions("gfmd-2014-rt3.yaml", every_edit)
    theme = load_theme("gfmd")
    redline = redline_docx(compare_pages(old, new, theme), theme, REVISION, new)
    changes = [c for root in parts(redline).values() for c in root.iter(q("ins"), q("del"))]
    assert len(changes) > 10
    ids = [change.get(q("id")) for change in changes]
    assert len(set(ids)) == len(ids)
    assert {change.get(q("author")) for change in changes} == {"Amina Diallo"}
    assert {change.get(q("date")) for change in changes} == {"2026-11-30T13:45:02Z"}


def test_the_same_versions_give_no_change():
    old, new = versions("gfmd-2014-rt3.yaml", lambda data: None)
    theme = load_theme("gfmd")
    page = compare_pages(old, new, theme)
    assert tally(page) == Tally(0, 0, 0)
    assert revisions(redline_docx(page, theme, REVISION, new)) == []


def test_a_french_comparison_has_its_legend_in_french():
    old, new = versions("gfmd-2019-rt1-2.yaml", change_a_comma)
    new = new.model_copy(update={"language": "fr"})
    root = lxml.html.document_fromstring(compare_pages(old, new, load_theme("gfmd")))
    (legend,) = root.find_class("legend")
    assert "texte ajouté" in legend.text_content()
    assert "texte supprimé" in legend.text_content()
    assert root.get("lang") == "fr"


def test_a_plain_render_holds_no_change():
    report = validate_file(EXAMPLES / "gfmd-2014-rt3.yaml").report
    root = lxml.html.document_fromstring(render(report, "html"))
    assert not list(root.iter("ins", "del"))
    assert not root.find_class("inserted")
    assert not root.find_class("deleted")


# The pieces, on their own.


def test_alignment_pairs_identical_items_then_the_most_similar():
    old = ["a", "b c d", "e", "x y z"]
    new = ["a", "b c D", "q", "e"]

    def similarity(one: str, other: str) -> float:
        shared = len(set(one.split()) & set(other.split()))
        return shared / max(len(one.split()), len(other.split()))

    steps = align(old, new, similarity, lambda item: item)
    assert steps == [(0, 0), (1, 1), (None, 2), (2, 3), (3, None)]


def paragraph(html: str):
    return lxml.html.fragment_fromstring(html)


def test_words_keep_their_emphasis_and_a_change_of_emphasis_is_a_change():
    old = paragraph("<p>The <em>new</em> plan, adopted.</p>")
    new = paragraph("<p>The <strong>new</strong> plan, adopted.</p>")
    assert [token.text for token in tokens(old)] == [
        "The",
        " ",
        "new",
        " ",
        "plan",
        ",",
        " ",
        "adopted",
        ".",
    ]
    merge_text(old, new)
    assert lxml.html.tostring(new, encoding="unicode") == (
        "<p>The <del><em>new</em></del><ins><strong>new</strong></ins> plan, adopted.</p>"
    )


def test_a_rewritten_phrase_is_one_deletion_and_one_insertion():
    old = paragraph("<p>They asked for more data on returns.</p>")
    new = paragraph("<p>They wanted better statistics on returns.</p>")
    merge_text(old, new)
    assert lxml.html.tostring(new, encoding="unicode") == (
        "<p>They <del>asked for more data</del><ins>wanted better statistics</ins> on returns.</p>"
    )


def test_a_page_with_text_outside_any_paragraph_is_refused():
    old = paragraph("<section>Loose words<p>A</p></section>")
    new = paragraph("<section>Loose words<p>B</p></section>")
    with pytest.raises(ReportError, match="outside a paragraph"):
        merge_blocks(old, new)


def test_a_paragraph_is_looked_for_near_its_place_only():
    """A long list whose every item changed pairs each with its neighbour in the other
    version; an item moved from the top to the bottom is deleted and inserted, as Word's own
    comparison shows a moved paragraph."""
    old = [f"w{n}a w{n}b w{n}c w{n}d" for n in range(40)]
    new = [f"w{n}a w{n}b w{n}c w{n}d revised" for n in range(1, 40)] + [old[0]]

    def similarity(one: str, other: str) -> float:
        return word_ratio(one.split(), other.split(), 0.5)

    steps = align(old, new, similarity, lambda item: item)
    assert steps[0] == (0, None)
    assert steps[1:40] == [(n, n - 1) for n in range(1, 40)]
    assert steps[40] == (None, 39)


def test_a_table_found_in_one_version_only_is_refused_as_no_tracked_change_can_show_it():
    old = paragraph("<section><p>A</p></section>")
    new = paragraph("<section><p>A</p><table><tr><td>1</td></tr></table></section>")
    with pytest.raises(ReportError, match="differ in a <table>"):
        merge_blocks(old, new)


def _legend(old: Report, new: Report) -> list[str]:
    root = lxml.html.document_fromstring(compare_pages(old, new, load_theme("gfmd")))
    (legend,) = root.find_class("legend")
    return [paragraph.text_content() for paragraph in legend.iter("p")]


def test_a_change_of_kind_is_said_in_the_legend_in_the_reports_language():
    old, new = versions("gfmd-2014-rt3.yaml", change_a_comma)
    as_session = new.model_copy(update={"kind": "session", "sessions": new.sessions[:1]})
    assert _legend(old, as_session)[1:] == [
        "The older version was a general report; both are shown as a session report."
    ]
    in_french = as_session.model_copy(update={"language": "fr"})
    assert _legend(old, in_french)[1:] == [
        "L’ancienne version était un rapport général\u202f; les deux sont présentées comme un "
        "rapport de session.",
        "L’ancienne version était rédigée en anglais\u202f; les deux sont présentées en français.",
    ]


def test_a_change_of_language_alone_is_said_and_no_change_of_either_says_nothing():
    old, new = versions("gfmd-2019-rt1-2.yaml", change_a_comma)
    assert _legend(old, new)[1:] == []
    in_spanish = new.model_copy(update={"language": "es"})
    assert _legend(old, in_spanish)[1:] == [
        "La versión anterior estaba redactada en inglés; ambas se muestran en español."
    ]
    oral_in_english = old.model_copy(update={"language": "es"})
    assert _legend(oral_in_english, new)[1:] == [
        "The older version was written in Spanish; both are shown in English."
    ]


def test_a_block_inserted_in_place_of_a_deleted_one_is_one_place_changed():
    page = (
        "<html><body><article><ul><li class='deleted'>A</li><li class='inserted'>B</li>"
        "<li>C <ins>x</ins></li></ul><p class='deleted'>D</p><p class='deleted'>E</p>"
        "<p class='inserted'>F</p><p class='inserted'>G</p><p class='inserted'>H</p>"
        "<p class='inserted'>I</p><p>J</p></article></body></html>"
    )
    # A→B; C; D→F and E→G; H and I added after them.
    assert tally(page) == Tally(insertions=6, deletions=3, places=6)


def test_a_replaced_recommendation_counts_as_one_place():
    def replace_a_recommendation(data: dict) -> None:
        session = next(s for s in data["sessions"] if s.get("recommendations"))
        items = session["recommendations"]["items"]
        words = len(items[0]["text"].split())  # as many: the reading time stays
        items[0]["text"] = " ".join(["Unrelated"] * words)

    old, new = versions("gfmd-2014-rt3.yaml", replace_a_recommendation)
    page = compare_pages(old, new, load_theme("gfmd"))
    (article,) = lxml.html.document_fromstring(page).iter("article")
    assert len(article.find_class("deleted")) == len(article.find_class("inserted")) == 1
    assert tally(page) == Tally(insertions=1, deletions=1, places=1)
