"""A rendered report's Word document read back: the same report, and exactly the edits made
to it in Word; Word's noise changes nothing; what cannot be placed is a warning."""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable

import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from docx.oxml.ns import qn
from formats.conftest import libreoffice_convert
from formats.test_random_reports import PROPERTY_SETTINGS, validated
from formats.test_random_reports import report_data as random_report_data
from hypothesis import given
from lxml import etree

from gfmd_reports import load_report, render
from gfmd_reports.drafts import draft_yaml
from gfmd_reports.errors import ReportFileError
from gfmd_reports.importing import import_docx
from gfmd_reports.loading import report_data, validate_data, validate_text

WRITTEN = load_report(WRITTEN_EXAMPLE)
WRITTEN_DOCX = render(WRITTEN, "docx")
RECOMMENDATIONS = ("sessions", 1, "recommendations", "items")


def _same_report(raw: bytes, report) -> None:
    """The document reads back, with no edit and no warning, as data that validates to the
    same report, and so does the YAML written from it."""
    result = import_docx(raw, "report.docx")
    assert result.changed == []
    assert [str(problem) for problem in result.problems] == []
    assert validate_data(result.data).report == report
    assert validate_text(draft_yaml(result.data)).report == report


@pytest.mark.parametrize("example", [WRITTEN_EXAMPLE, ORAL_EXAMPLE], ids=["general", "oral"])
def test_an_example_reads_back_as_the_same_report(example):
    report = load_report(example)
    _same_report(render(report, "docx"), report)


def test_a_written_reports_oral_reading_copy_reads_back_as_the_report():
    _same_report(render(WRITTEN, "docx", kind="oral"), WRITTEN)


@PROPERTY_SETTINGS
@given(data=random_report_data())
def test_a_random_report_reads_back_as_the_same_report(data):
    report = validated(data)
    _same_report(render(report, "docx"), report)


# Edits made to the document's XML, as Word makes them.


def edited(raw: bytes, edit: Callable[[etree._Element, etree._Element], None]) -> bytes:
    """The document with its body and footnotes changed by ``edit(body, footnotes)``."""
    source, buffer = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    document = etree.fromstring(source.read("word/document.xml"))
    footnotes = etree.fromstring(source.read("word/footnotes.xml"))
    edit(document.find(qn("w:body")), footnotes)
    changed = {"word/document.xml": document, "word/footnotes.xml": footnotes}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in changed:
                target.writestr(
                    info,
                    etree.tostring(
                        changed[info.filename],
                        xml_declaration=True,
                        encoding="UTF-8",
                        standalone=True,
                    ),
                )
            else:
                target.writestr(info, source.read(info))
    return buffer.getvalue()


def paragraph_with(body, text: str):
    """The paragraph whose text holds ``text`` (there must be one)."""
    (found,) = [
        paragraph
        for paragraph in body.iter(qn("w:p"))
        if text in "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    ]
    return found


def run_with(paragraph, text: str):
    (found,) = [
        run
        for run in paragraph.iter(qn("w:r"))
        if text in "".join(t.text or "" for t in run.iter(qn("w:t")))
    ]
    return found


def split_run(run, text: str):
    """Split a run in three at ``text``: the runs before, at and after it (each a copy with its
    properties); return the middle one."""
    (t,) = run.iter(qn("w:t"))
    before, after = t.text.split(text, 1)
    pieces = []
    for piece in (before, text, after):
        copied = copy.deepcopy(run)
        (copied_t,) = copied.iter(qn("w:t"))
        copied_t.text = piece
        copied_t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pieces.append(copied)
    for piece in pieces:
        run.addprevious(piece)
    run.getparent().remove(run)
    return pieces[1]


def replace_word(body, where: str, old: str, new: str) -> None:
    (t,) = [t for t in paragraph_with(body, where).iter(qn("w:t")) if old in (t.text or "")]
    t.text = t.text.replace(old, new, 1)


def set_italic(run) -> None:
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = etree.SubElement(run, qn("w:rPr"))
        run.insert(0, properties)
    etree.SubElement(properties, qn("w:i"))


def add_bullet_after(body, where: str, text: str) -> None:
    """A new bullet as Word adds one with Enter: the paragraph's properties, a run of text."""
    paragraph = paragraph_with(body, where)
    bullet = copy.deepcopy(paragraph)
    for child in list(bullet):
        if child.tag != qn("w:pPr"):
            bullet.remove(child)
    run = etree.SubElement(bullet, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = text
    paragraph.addnext(bullet)


def add_footnote(body, footnotes, where: str, after: str, text: str) -> None:
    """A new footnote called after the word ``after``, as Word writes one: the next id, a
    note paragraph in Footnote Text starting with its mark, a call in a run of its own."""
    identifier = str(1 + max(int(note.get(qn("w:id"))) for note in footnotes))
    existing = footnotes.findall(qn("w:footnote"))[-1]
    note = copy.deepcopy(existing)
    note.set(qn("w:id"), identifier)
    (note_paragraph,) = note.findall(qn("w:p"))
    runs = note_paragraph.findall(qn("w:r"))
    for run in runs[2:]:
        note_paragraph.remove(run)
    runs[1].find(qn("w:t")).text = " " + text
    footnotes.append(note)
    paragraph = paragraph_with(body, where)
    middle = split_run(run_with(paragraph, after), after)
    call = etree.Element(qn("w:r"))
    properties = etree.SubElement(call, qn("w:rPr"))
    etree.SubElement(properties, qn("w:rStyle"), {qn("w:val"): "FootnoteReference"})
    etree.SubElement(call, qn("w:footnoteReference"), {qn("w:id"): identifier})
    middle.addnext(call)


def expected_after(changes: dict[tuple, str]) -> dict:
    data = report_data(WRITTEN)
    for path, value in changes.items():
        holder = data
        for step in path[:-1]:
            holder = holder[step]
        holder[path[-1]] = value
    return data


def test_a_word_changed_in_a_recommendation_is_that_fields_edit():
    raw = edited(
        WRITTEN_DOCX,
        lambda body, notes: replace_word(
            body, "To strengthen the health and education", "strengthen", "reinforce"
        ),
    )
    result = import_docx(raw, "edited.docx")
    item = WRITTEN.sessions[1].recommendations.items[5].text
    assert item.startswith("To strengthen the health and education systems")
    assert result.data == expected_after(
        {(*RECOMMENDATIONS, 5): item.replace("strengthen", "reinforce", 1)}
    )
    assert result.changed == ["sessions[1].recommendations.items[5]"]
    assert result.problems == []


def test_a_bullet_added_after_one_is_a_new_item_after_it():
    raw = edited(
        WRITTEN_DOCX,
        lambda body, notes: add_bullet_after(
            body, "To encourage incitement systems", "To fund the *diaspora* networks."
        ),
    )
    result = import_docx(raw, "edited.docx")
    expected = report_data(WRITTEN)
    expected["sessions"][1]["recommendations"]["items"].insert(
        4, "To fund the \\*diaspora\\* networks."
    )
    assert result.data == expected
    assert result.changed == ["sessions[1].recommendations.items[4]"]
    assert result.problems == []


def test_a_footnote_added_is_a_new_note_with_the_next_free_number():
    raw = edited(
        WRITTEN_DOCX,
        lambda body, notes: add_footnote(
            body,
            notes,
            "Policies should be gender-sensitive",
            "gender-sensitive",
            "As the 2013 High-level Dialogue said.",
        ),
    )
    result = import_docx(raw, "edited.docx")
    expected = report_data(WRITTEN)
    expected["sessions"][0]["conclusions"]["items"][3] = (
        "Policies should be gender-sensitive[^1] and include reproductive health services."
    )
    expected["footnotes"] = {"1": "As the 2013 High-level Dialogue said."}
    assert result.data == expected
    assert result.changed == ["sessions[0].conclusions.items[3]", "footnotes.1"]
    assert result.problems == []


def test_italic_added_to_a_word_is_emphasis_in_the_field():
    def italicize(body, notes):
        paragraph = paragraph_with(body, "Health and education are both means and ends")
        set_italic(split_run(run_with(paragraph, "means"), "means"))

    result = import_docx(edited(WRITTEN_DOCX, italicize), "edited.docx")
    assert result.data == expected_after(
        {
            (
                "sessions",
                1,
                "discussion",
                "points",
                3,
            ): "Health and education are both *means* and ends for development."
        }
    )
    assert result.changed == ["sessions[1].discussion.points[3]"]


def test_a_paragraph_of_narrative_rewritten_is_that_narrative_paragraph():
    def rewrite(body, notes):
        paragraph = paragraph_with(body, "Beyond that framework, policies to promote")
        runs = paragraph.findall(qn("w:r"))
        for run in runs[1:]:
            paragraph.remove(run)
        runs[0].find(qn("w:t")).text = "Beyond that framework, **information** comes first."

    result = import_docx(edited(WRITTEN_DOCX, rewrite), "edited.docx")
    assert result.data == expected_after(
        {
            (
                "sessions",
                0,
                "narrative",
                2,
            ): "Beyond that framework, \\*\\*information\\*\\* comes first."
        }
    )
    assert result.changed == ["sessions[0].narrative[2]"]


def test_a_bullet_deleted_is_the_item_removed():
    def delete(body, notes):
        paragraph = paragraph_with(body, "To establish and promote voluntary principles")
        paragraph.getparent().remove(paragraph)

    result = import_docx(edited(WRITTEN_DOCX, delete), "edited.docx")
    expected = report_data(WRITTEN)
    del expected["sessions"][1]["recommendations"]["items"][2]
    assert result.data == expected
    assert result.changed == ["sessions[1].recommendations.items[2]"]


def make_noisy(body, notes) -> None:
    """What Word writes without changing a word: runs split where editing sessions met (each
    with its rsid), spelling and grammar marks, bookmarks, page breaks it laid out."""
    for paragraph in list(body.iter(qn("w:p"))):
        paragraph.set(qn("w:rsidR"), "00A1B2C3")
        for run in paragraph.findall(qn("w:r")):
            t = run.find(qn("w:t"))
            if t is None or len(t.text or "") < 12:
                continue
            first = copy.deepcopy(run)
            first.set(qn("w:rsidR"), "00D4E5F6")
            first.find(qn("w:t")).text = t.text[:7]
            first.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = t.text[7:]
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.addprevious(etree.Element(qn("w:proofErr"), {qn("w:type"): "spellStart"}))
            run.addprevious(first)
            run.addprevious(etree.Element(qn("w:proofErr"), {qn("w:type"): "spellEnd"}))
            run.insert(1, etree.Element(qn("w:lastRenderedPageBreak")))
        mark = {qn("w:id"): "90", qn("w:name"): "_GoBack"}
        paragraph.insert(1, etree.Element(qn("w:bookmarkStart"), mark))
        paragraph.append(etree.Element(qn("w:bookmarkEnd"), {qn("w:id"): "90"}))


def test_words_noise_changes_nothing():
    raw = edited(WRITTEN_DOCX, make_noisy)
    assert raw != WRITTEN_DOCX
    _same_report(raw, WRITTEN)


def test_an_edit_of_a_template_sentence_is_a_warning_that_names_it():
    raw = edited(
        WRITTEN_DOCX,
        lambda body, notes: replace_word(body, "Roundtable 3.1", "Roundtable", "Session"),
    )
    result = import_docx(raw, "edited.docx")
    assert result.data == report_data(WRITTEN)
    assert result.changed == []
    (warning,) = result.problems
    assert warning.severity == "warning"
    assert str(warning) == (
        "edited.docx: warning: paragraph 5 (“Session 3.1 “Empowering migrants, their household…”): "
        "words the template wrote were changed in Word, which no field of the report holds; the "
        "report keeps its text here: make the change in the report's file (or the theme's wording)"
    )


def test_a_paragraph_added_outside_any_list_is_a_warning_with_its_text():
    def add_after_heading(body, notes):
        heading = paragraph_with(body, "Overall conclusions of RT 3")
        added = copy.deepcopy(heading)
        for t in added.iter(qn("w:t")):
            t.text = ""
        added.findall(qn("w:r"))[0].find(qn("w:t")).text = "A heading of my own"
        heading.addnext(added)

    result = import_docx(edited(WRITTEN_DOCX, add_after_heading), "edited.docx")
    assert result.data == report_data(WRITTEN)
    (warning,) = result.problems
    assert "(“A heading of my own”): a paragraph added in Word that follows no item" in str(warning)


def test_tracked_changes_are_read_accepted_and_each_is_a_warning():
    def track(body, notes):
        paragraph = paragraph_with(body, "To recognize the potential offered")
        middle = split_run(run_with(paragraph, "potential"), "potential")
        revision = {
            qn("w:id"): "501",
            qn("w:author"): "Li Wei",
            qn("w:date"): "2026-11-29T09:00:00Z",
        }
        deletion = etree.Element(qn("w:del"), revision)
        middle.addprevious(deletion)
        deletion.append(middle)
        middle.find(qn("w:t")).tag = qn("w:delText")
        insertion = etree.Element(qn("w:ins"), {**revision, qn("w:id"): "502"})
        deletion.addnext(insertion)
        run = etree.SubElement(insertion, qn("w:r"))
        etree.SubElement(run, qn("w:t")).text = "promise"

    result = import_docx(edited(WRITTEN_DOCX, track), "edited.docx")
    item = WRITTEN.sessions[1].recommendations.items[4].text
    assert result.data == expected_after(
        {(*RECOMMENDATIONS, 4): item.replace("potential", "promise", 1)}
    )
    assert [str(problem) for problem in result.problems] == [
        "edited.docx: warning: paragraph 47 (“To recognize the promise offered by temporary "
        "ret…”): text deleted by Li Wei (2026-11-29) is still a tracked change; read as "
        "accepted (left out): “potential”",
        "edited.docx: warning: paragraph 47 (“To recognize the promise offered by temporary "
        "ret…”): text inserted by Li Wei (2026-11-29) is still a tracked change; read as accepted: "
        "“promise”",
    ]


def test_a_document_resaved_by_libreoffice_reads_back_as_the_same_report(tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(WRITTEN_DOCX)
    resaved = libreoffice_convert(source, tmp_path / "out", "docx:MS Word 2007 XML")
    _same_report(resaved.read_bytes(), WRITTEN)


def test_an_edit_saved_by_libreoffice_is_read_back(tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(
        edited(
            WRITTEN_DOCX,
            lambda body, notes: replace_word(
                body, "the health and education systems", "strengthen", "reinforce"
            ),
        )
    )
    resaved = libreoffice_convert(source, tmp_path / "out", "docx:MS Word 2007 XML")
    result = import_docx(resaved.read_bytes(), "resaved.docx")
    assert result.changed == ["sessions[1].recommendations.items[5]"]
    assert result.data["sessions"][1]["recommendations"]["items"][5].startswith(
        "To reinforce the health"
    )


def test_a_document_without_the_reports_data_is_refused_with_why():
    from gfmd_reports.compilation import Compilation  # noqa: F401  (a compilation's DOCX below)

    raw = edited(WRITTEN_DOCX, lambda body, notes: None)
    source, buffer = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if not info.filename.startswith("customXml/"):
                target.writestr(info, source.read(info))
    with pytest.raises(ReportFileError) as raised:
        import_docx(buffer.getvalue(), "minutes.docx")
    assert str(raised.value).startswith(
        "minutes.docx: this Word document carries no report data of gfmd-reports"
    )


# Fields the template prints side by side, separated by its words.

OFFICIAL = WRITTEN.model_copy(
    update={
        "rapporteur": WRITTEN.rapporteur.model_copy(
            update={"position": "Director General", "organisation": "Ministry of Labour"}
        )
    }
)


def test_a_separator_typed_inside_a_field_stays_in_that_field():
    raw = edited(
        render(OFFICIAL, "docx"),
        lambda body, notes: replace_word(
            body, "by Ambassador", "Ministry of Labour", "Ministry of Labour, Employment"
        ),
    )
    result = import_docx(raw, "edited.docx")
    expected = report_data(OFFICIAL)
    expected["rapporteur"]["organisation"] = "Ministry of Labour, Employment"
    assert result.data == expected
    assert result.changed == ["rapporteur.organisation"]
    assert result.problems == []


def test_fields_side_by_side_that_split_more_than_one_way_keep_their_text_with_a_warning():
    raw = edited(
        render(OFFICIAL, "docx"),
        lambda body, notes: replace_word(
            body,
            "by Ambassador",
            "Director General, Ministry of Labour",
            "Director, Policy, Ministry of Labour, Employment",
        ),
    )
    result = import_docx(raw, "edited.docx")
    assert result.data == report_data(OFFICIAL)
    assert result.changed == []
    assert [str(problem) for problem in result.problems] == [
        "edited.docx: warning: paragraph 3 (“by Ambassador Jorge Lomónaco, Director, Policy, M…”): "
        "the text of rapporteur.position, rapporteur.organisation, which the template prints "
        "side by side, can be split between them in more than one way, as the words between "
        "them were typed inside one; the report keeps their text: make the change in the "
        "report's file"
    ]


def _italicised(body, where: str, old: str, new: str, italic: str) -> None:
    """``old`` replaced by ``new`` in the paragraph holding ``where``, ``italic`` in it set
    in italics."""
    replace_word(body, where, old, new)
    paragraph = paragraph_with(body, where)
    set_italic(split_run(run_with(paragraph, italic), italic))


def test_italics_between_punctuation_and_a_letter_read_back_as_emphasis():
    raw = edited(
        WRITTEN_DOCX,
        lambda body, notes: _italicised(
            body, "the health and education systems", "strengthen", "(sic)strengthen", "(sic)"
        ),
    )
    result = import_docx(raw, "edited.docx")
    item = WRITTEN.sessions[1].recommendations.items[5].text
    expected = item.replace("strengthen", "(*sic*)strengthen", 1)
    assert result.data == expected_after({(*RECOMMENDATIONS, 5): expected})
    assert result.problems == []


def test_italics_the_syntax_cannot_hold_are_left_out_with_a_warning():
    raw = edited(
        WRITTEN_DOCX,
        lambda body, notes: _italicised(
            body, "the health and education systems", "strengthen", "a…strengthen", "…"
        ),
    )
    result = import_docx(raw, "edited.docx")
    item = WRITTEN.sessions[1].recommendations.items[5].text
    assert result.data == expected_after(
        {(*RECOMMENDATIONS, 5): item.replace("strengthen", "a…strengthen", 1)}
    )
    (warning,) = result.problems
    assert str(warning).endswith(
        "the italics on “…” cannot be written in the report's syntax beside the punctuation "
        "and letters around them, so the text is kept without them: add them in the report's file"
    )
    assert "paragraph " in str(warning)


def with_words_replaced(raw: bytes, part: str, old: str, new: str) -> bytes:
    """The document with the words ``old`` (there must be one place) of a part's text made
    ``new``."""
    source, buffer = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                assert content.count(old.encode()) == 1
                content = content.replace(old.encode(), new.encode())
            target.writestr(info, content)
    return buffer.getvalue()


def test_a_footer_edited_in_word_is_a_warning_to_edit_the_data_it_is_made_from():
    raw = with_words_replaced(WRITTEN_DOCX, "word/footer1.xml", "Stockholm", "Geneva")
    result = import_docx(raw, "edited.docx")
    assert result.data == report_data(WRITTEN)
    assert result.changed == []
    assert [str(problem) for problem in result.problems] == [
        "edited.docx: warning: a running header or footer reads “Seventh GFMD Summit, Geneva, "
        "14–16 May 2014, under the Chairmanship of Sweden” after an edit in Word; the tool "
        "writes it from the report's data (the forum, its venue and dates, its chairs), so the "
        "edit is not kept: change those fields in the report's file"
    ]


def _wide_panel_docx():
    """The oral example with a panel of twelve, whose paragraph prints 24 fields."""
    data = report_data(load_report(ORAL_EXAMPLE))
    data["sessions"][0]["panel"] = [
        {"name": f"Speaker {n}", "position": f"Director {n}", "organisation": f"Agency {n}"}
        for n in range(1, 13)
    ]
    report = validate_data(data).report
    assert report is not None
    return data, render(report, "docx")


def test_an_edit_in_a_paragraph_printing_dozens_of_fields_is_that_fields_edit():
    data, raw = _wide_panel_docx()
    raw = with_words_replaced(raw, "word/document.xml", "Agency 7,", "Agency 7, Geneva,")
    result = import_docx(raw, "edited.docx")
    data["sessions"][0]["panel"][6]["organisation"] = "Agency 7, Geneva"
    assert result.data == data
    assert result.changed == ["sessions[0].panel[6].organisation"]
    assert result.problems == []


def test_template_words_edited_among_dozens_of_fields_are_a_warning_without_endless_work():
    """Each subset of 24 fields kept at their text would be 16 million tries."""
    data, raw = _wide_panel_docx()
    raw = with_words_replaced(raw, "word/document.xml", "Speaker 7,", "Speaker Seven,")
    result = import_docx(raw, "edited.docx")
    assert result.data == data
    assert result.changed == []
    (warning,) = result.problems
    assert "words the template wrote were changed in Word" in str(warning)
