"""`gfmd-reports compile`: one Chair's Report from many reports, read back from its outputs.

Every expectation is computed here from the input YAML: the items' ids by the rule of the
plan (FORUM YEAR-RT session-C|R nn, RT round table-O nn), the notes' texts in reading order,
the chapters' order; the PDF is read with pdftotext and pypdf, the HTML with lxml.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE, make_theme
from docx import Document
from formats.conftest import libreoffice_pdf
from formats.documents import pages_of, pdf_pages, toc_entries
from ooxml.check import docx_problems
from pypdf import PdfReader
from ruamel.yaml import YAML

from gfmd_reports import load_report, load_theme
from gfmd_reports.cli import main
from gfmd_reports.errors import ReportFileError
from gfmd_reports.formats.html import render_html
from gfmd_reports.importing import import_docx

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

_yaml = YAML(typ="safe")


def _load(path: Path) -> dict:
    return _yaml.load(path.read_text(encoding="utf-8"))


def _dump(data: dict, path: Path) -> Path:
    out = YAML()
    out.default_flow_style = False
    with path.open("w", encoding="utf-8") as file:
        out.dump(data, file)
    return path


WORDS = {
    "en": (
        "The participants of session {n} stressed {w}.",
        "Session {n} concluded that {w} matters.",
    ),
    "fr": (
        "Les participants de la session {n} ont souligné {w}.",
        "La session {n} a conclu que {w} compte.",
    ),
}


def _session(number: str, language: str, word: str, note: str) -> dict:
    """A session whose every text names its number and a word of its own, so that a text lost
    or put in another place is missed."""
    narrative, finding = WORDS[language]
    return {
        "number": number,
        "title": f"{word.capitalize()} and mobility {number}",
        "co_chairs": [{"country": "Ghana"}, {"country": "Nepal"}],
        "narrative": [narrative.format(n=number, w=word) + f"[^{note}]"],
        "conclusions": {"items": [finding.format(n=number, w=f"{word} {k}") for k in (1, 2)]},
        "recommendations": {
            "items": [finding.format(n=number, w=f"{word} R{k}") for k in (1, 2, 3)]
        },
    }


def _report(
    kind: str, language: str, forum: dict, roundtable: int, sessions: list[dict], notes: dict
) -> dict:
    data = {
        "kind": kind,
        "language": language,
        "forum": forum,
        "roundtable": {"number": roundtable},
        "sessions": sessions,
        "footnotes": notes,
    }
    if kind != "oral":
        data["rapporteur"] = {
            "name": f"Rapporteur of {roundtable} in {language}",
            "country": "Chile",
        }
    if kind == "general":
        data["overall_conclusions"] = {
            "items": [f"Overall {language} {roundtable}.{k}" for k in (1, 2)]
        }
    return data


def expected_ids(data: dict) -> list[str]:
    """The ids of a report's items by the plan's rule, in reading order."""
    prefix = f"{data['forum']['short_name']}{data['forum']['year']}-RT"
    ids = []

    def listed(findings: dict | None, start: str, letter: str) -> None:
        for position, item in enumerate((findings or {}).get("items", []), start=1):
            explicit = item.get("id") if isinstance(item, dict) else None
            ids.append(explicit or f"{start}{letter}{position:02d}")

    for session in data["sessions"]:
        listed(session.get("conclusions"), f"{prefix}{session['number']}-", "C")
        listed(session.get("recommendations"), f"{prefix}{session['number']}-", "R")
    listed(data.get("overall_conclusions"), f"{prefix}{data['roundtable']['number']}-", "O")
    return ids


def _build(
    folder: Path,
    example: Path,
    extra: list[tuple[str, str, int, list[str]]],
    name: str,
    front: dict,
) -> tuple[Path, list[dict]]:
    """Write a compilation of ``example`` and generated reports of its forum into ``folder``;
    return the compilation file and the reports' data in the order the compilation lists them."""
    example_data = _load(example)
    forum = example_data["forum"]
    listed: list[tuple[str, dict]] = [(str(example), example_data)]
    for index, (kind, language, roundtable, numbers) in enumerate(extra):
        word = ["kestrel", "heron", "osprey", "plover"][index]
        sessions = [
            _session(number, language, f"{word}{number}", f"n{index}{k}")
            for k, number in enumerate(numbers)
        ]
        notes = {f"n{index}{k}": f"Note {word} {k} of {language}." for k in range(len(numbers))}
        data = _report(kind, language, forum, roundtable, sessions, notes)
        path = _dump(data, folder / f"{name}-{index}.yaml")
        listed.append((path.name, data))
    compilation = {"kind": "compilation", "reports": [entry for entry, _ in listed], **front}
    return _dump(compilation, folder / f"{name}.yaml"), [data for _, data in listed]


FRONT = {
    "status": "final",
    "foreword": ["The Chair thanks every delegation for the Stockholm summit.[^thanks]"],
    "executive_summary": ["Three round tables met over three days."],
    "footnotes": {"thanks": "A note of the foreword, the first of the page."},
    "annexes": {
        "participants": [
            {"honorific": "Ms.", "name": "Ana Pérez", "organisation": "the OECD", "country": "NLD"},
            {"name": "Kofi Mensah", "position": "Director", "country": "Ghana"},
        ],
        "programme": [
            {
                "date": "2014-05-14",
                "sessions": [
                    {"time": "09:30–11:00", "title": "Opening of the summit", "room": "Hall A"}
                ],
            }
        ],
    },
}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> dict:
    """The 2014 example with a French session report, an English oral report of another round
    table and a French general report, compiled into HTML and PDF."""
    folder = tmp_path_factory.mktemp("compile")
    extra = [
        ("session", "fr", 3, ["3.3"]),
        ("oral", "en", 1, ["1.1", "1.2"]),
        ("general", "fr", 2, ["2.1", "2.2"]),
    ]
    compilation, reports = _build(folder, WRITTEN_EXAMPLE, extra, "chairs-report", FRONT)
    out = folder / "out"
    assert main(["compile", str(compilation), "--output", str(out)]) == 0
    return {
        "folder": folder,
        "reports": reports,
        "html": out / "chairs-report.html",
        "pdf": out / "chairs-report.pdf",
        "docx": out / "chairs-report.docx",
    }


def _chapter_order(reports: list[dict]) -> list[dict]:
    """Reports as the compilation prints them: by round table, in the order listed within one."""
    return sorted(reports, key=lambda data: data["roundtable"]["number"])


def _page(compiled) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(compiled["html"].read_bytes())


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_the_annex_lists_every_item_once_with_its_id_in_reading_order(compiled):
    expected = [id for data in _chapter_order(compiled["reports"]) for id in expected_ids(data)]
    rows = _page(compiled).xpath("//section[@id='annex-recommendations']//tbody/tr")
    assert [_normal(row[0].text_content()) for row in rows] == expected
    assert len(set(expected)) == len(expected) > 20
    pdf_text = _normal(" ".join(pdf_pages(compiled["pdf"])))
    for identifier in expected:
        assert pdf_text.count(identifier) == 1, identifier


def test_the_annex_gives_each_item_its_text_and_source(compiled):
    page = _page(compiled)
    rows = page.xpath("//section[@id='annex-recommendations']//tbody/tr")
    by_id = {_normal(row[0].text_content()): row for row in rows}
    french = compiled["reports"][1]
    session = french["sessions"][0]
    row = by_id["GFMD2014-RT3.3-R02"]
    assert _normal(row[1].text_content()) == "La session 3.3 a conclu que kestrel3.3 R2 compte."
    assert row[1].find("p").get("lang") == "fr"
    source = _normal(row[2].text_content())
    assert source.endswith("Roundtable 3.3"), source
    (link,) = row[2].iter("a")
    assert page.get_element_by_id(link.get("href")[1:]).text_content().startswith("Table ronde 3.3")
    assert session["number"] == "3.3"


def test_chapters_follow_the_round_tables_and_reports_keep_their_order_and_language(compiled):
    page = _page(compiled)
    chapters = page.xpath("//section[@class='chapter']")
    assert [chapter.get("id") for chapter in chapters] == [
        "roundtable-1",
        "roundtable-2",
        "roundtable-3",
    ]
    assert _normal(chapters[2].find("h2").text_content()) == (
        "Round Table 3: Migration as an enabler for inclusive social development"
    )
    languages = [article.get("lang") for article in page.iter("article")]
    assert languages == ["en-GB", "fr", "en-GB", "fr"]
    assert page.get("lang") == "en-GB"
    french_session = page.xpath("//article[@id='report-4']")[0]
    assert "La session était coprésidée par le Ghana et le Népal." in _normal(
        french_session.text_content()
    )
    assert "Rapport du Rapporteur" in _normal(french_session.text_content())
    pdf_text = _normal(" ".join(pdf_pages(compiled["pdf"])))
    assert "Les participants de la session 3.3 ont souligné kestrel3.3." in pdf_text
    assert "The participants of session 1.2 stressed heron1.2." in pdf_text
    assert "Les participants de la session 2.2 ont souligné osprey2.2." in pdf_text


def test_headings_are_demoted_and_a_report_without_title_gets_its_document_title(compiled):
    page = _page(compiled)
    oral = page.get_element_by_id("report-1")
    (title,) = oral.iter("h3")
    assert (
        _normal(title.text_content())
        == "GFMD 2014 – Roundtable 1.1 and Roundtable 1.2: Oral Report"
    )
    general = page.get_element_by_id("report-2")  # French: round table 2 comes second
    headings = [(h.tag, _normal(h.text_content())) for h in general.iter(*HEADINGS)]
    findings = [("h5", "Conclusions"), ("h5", "Recommandations")]
    assert headings == [
        ("h3", "Table ronde 2"),
        ("h4", "Table ronde 2.1 : « Osprey2.1 and mobility 2.1 »"),
        *findings,
        ("h4", "Table ronde 2.2 : « Osprey2.2 and mobility 2.2 »"),
        *findings,
        ("h4", "Conclusions générales de la table ronde 2"),
    ]
    assert not page.xpath("//article//h1")
    assert len(page.xpath("//h1")) == 1
    assert not page.find_class("reading-time")


def test_footnotes_run_one_to_n_through_the_page(compiled):
    page = _page(compiled)
    calls = [int(call.text_content()) for call in page.find_class("footnote-ref")]
    notes = page.xpath("//section[@class='footnotes']/ol/li")
    expected_texts = [FRONT["footnotes"]["thanks"]]
    for data in _chapter_order(compiled["reports"]):
        subtitle_note = [data["subtitle_footnote"]] if "subtitle_footnote" in data else []
        expected_texts += subtitle_note + list(data.get("footnotes", {}).values())
    assert calls == list(range(1, len(expected_texts) + 1))
    assert [note.get("id") for note in notes] == [f"fn{n}" for n in range(1, len(notes) + 1)]
    assert [_normal(note.text_content()).removesuffix(" ↩") for note in notes] == [
        _normal(text) for text in expected_texts
    ]
    pdf_text = _normal(" ".join(pdf_pages(compiled["pdf"])))
    for number, text in enumerate(expected_texts, start=1):
        assert f"{number} {_normal(text)[:25]}" in pdf_text, (number, text)


def _contents_entries(compiled) -> list[tuple[int, str]]:
    nav = _page(compiled).xpath("//nav[@class='contents']")[0]
    return [(int(li.get("class")[-1]), _normal(li.text_content())) for li in nav.iter("li")]


def _contents_numbers(pages: list[str], entries: list[tuple[int, str]]) -> tuple[list[int], int]:
    """Each entry's printed page number, read from the contents' pages, and the index of the
    first page after them."""
    page = next(index for index, text in enumerate(pages) if _normal(text).startswith("Contents"))
    text, numbers = "", []
    for _level, title in entries:
        while not (match := re.search(re.escape(title) + r"[ .]*(\d+)", text)):
            text += " " + _normal(pages[page])
            page += 1
        numbers.append(int(match.group(1)))
        text = text[match.end() :]
    return numbers, page


def test_each_contents_entry_shows_the_page_its_heading_falls_on(compiled):
    pages = pdf_pages(compiled["pdf"])
    entries = _contents_entries(compiled)
    # Front matter; round table 1: the oral report; 2: the general report's two sessions and
    # overall conclusions; 3: the example's, and the session report's conclusions and
    # recommendations (its headings, as it has no title of its own); the annexes.
    front, annexes = [1, 1], [1, 1, 1]
    chapters = [*(1, 2), *(1, 2, 3, 3, 3), *(1, 2, 3, 3, 3, 2, 3, 3)]
    assert [level for level, _ in entries] == front + chapters + annexes
    _assert_entries_at_their_pages(pages, entries)


def _assert_entries_at_their_pages(pages: list[str], entries: list[tuple[int, str]]) -> None:
    numbers, page = _contents_numbers(pages, entries)
    for (_level, title), number in zip(entries, numbers, strict=True):
        # Headings come in the contents' order: each is looked for from the last one's page,
        # as a line of its own (the first line of one that wraps).
        page = next(
            index for index in range(page, len(pages)) if _opens_a_line(title, pages[index])
        )
        assert number == page + 1, (title, number, page + 1)


def _opens_a_line(title: str, page: str) -> bool:
    lines = [_normal(line) for line in page.split("\n")]
    return any(line == title or (len(line) > 20 and title.startswith(line)) for line in lines)


def test_the_outline_lists_the_contents_entries_at_their_pages(compiled):
    reader = PdfReader(compiled["pdf"])
    found: list[tuple[int, str, int]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append(
                    (level, _normal(item.title), reader.get_destination_page_number(item) + 1)
                )

    walk(reader.outline, 1)
    entries = _contents_entries(compiled)
    numbers, _ = _contents_numbers(pdf_pages(compiled["pdf"]), entries)
    assert found == [
        (level, title, number) for (level, title), number in zip(entries, numbers, strict=True)
    ]


def test_cover_annexes_and_words_come_from_the_theme_in_the_compilation_language(compiled):
    page = _page(compiled)
    cover = _normal(page.find_class("cover")[0].text_content())
    assert cover == (
        "Report of the Proceedings Seventh GFMD Summit Global Forum on Migration and "
        "Development Stockholm 14–16 May 2014 "
        "under the Chairmanship of Sweden Final"
    )
    assert page.findtext(".//title") == "Report of the Proceedings – Seventh GFMD Summit"
    participants = page.get_element_by_id("annex-participants")
    assert _normal(participants.find("h2").text_content()) == "Annex III: List of Participants"
    cells = [[_normal(td.text_content()) for td in tr] for tr in participants.xpath(".//tbody/tr")]
    assert cells == [
        ["Ms. Ana Pérez", "", "the OECD", "Netherlands"],
        ["Kofi Mensah", "Director", "", "Ghana"],
    ]
    programme = page.get_element_by_id("annex-programme")
    assert _normal(programme.find("h2").text_content()) == "Annex II: Programme"
    assert _normal(programme.find(".//caption").text_content()) == "14 May 2014"


def test_the_docx_passes_the_schema_check_and_keeps_the_pages_headings(compiled):
    document = Document(io.BytesIO(compiled["docx"].read_bytes()))
    styles = {f"h{level}": f"Heading {level - 1}" for level in range(2, 7)}
    page = _page(compiled)
    expected = [  # the contents' own heading is Word's TOC Heading
        (styles[heading.tag], _heading_text(heading))
        for heading in page.find("body").iter(*HEADINGS[1:])
        if heading.getparent().tag != "nav"
    ]
    found = [
        (paragraph.style.name, _normal(paragraph.text))
        for paragraph in document.paragraphs
        if paragraph.style.name in styles.values()
    ]
    assert found == expected
    assert docx_problems(compiled["docx"].read_bytes()) == []


def _heading_text(heading) -> str:
    copy = lxml.html.fromstring(lxml.html.tostring(heading))
    for call in copy.find_class("footnote-ref"):
        call.drop_tree()
    return _normal(copy.text_content())


def _paragraphs(article) -> list[str]:
    """An article's paragraphs' words, without the notes' calls (numbered differently)."""
    copy = lxml.html.fromstring(lxml.html.tostring(article))
    for unread in [*copy.find_class("footnote-ref"), *copy.find_class("reading-time")]:
        unread.drop_tree()
    return [_normal(paragraph.text_content()) for paragraph in copy.iter("p", "li")]


def test_a_french_compilation_words_itself_in_french_and_leaves_english_reports_english(tmp_path):
    extra = [("session", "en", 1, ["1.1"]), ("general", "fr", 2, ["2.1"])]
    front = {
        "language": "fr",
        "annexes": {"participants": [{"name": "Ana Pérez", "country": "NLD"}]},
    }
    compilation, _ = _build(tmp_path, ORAL_EXAMPLE, extra, "rapport", front)
    out = tmp_path / "out"
    assert main(["compile", str(compilation), "-o", str(out), "--format", "html"]) == 0
    page = lxml.html.fromstring((out / "rapport.html").read_bytes())
    assert page.get("lang") == "fr"
    assert page.findtext(".//title") == "Compte rendu des travaux – Douzième Sommet du GFMD"
    headings = [_normal(h2.text_content()) for h2 in page.iter("h2")]
    assert headings[:3] == ["Table des matières", "Table ronde 1", "Table ronde 2"]
    assert headings[3:] == [
        "Annexe I : Conclusions et recommandations",
        "Annexe II : Liste des participants",
    ]
    assert _normal(page.find_class("status")[0].text_content()) == "Version préliminaire"
    rows = page.xpath("//section[@id='annex-participants']//tbody/tr")
    assert [_normal(td.text_content()) for td in rows[0]] == ["Ana Pérez", "", "", "Pays-Bas"]
    # The oral example, English in a French page, reads as it does on its own: its quotation
    # marks and spaces English, not French.
    theme = load_theme("gfmd")
    alone = lxml.html.fromstring(render_html(load_report(ORAL_EXAMPLE), theme))
    (own,) = alone.iter("article")
    (compiled_oral,) = [a for a in page.iter("article") if a.get("lang") == "en-GB"][:1]
    assert _paragraphs(compiled_oral) == _paragraphs(own)
    assert "«" not in compiled_oral.text_content()


INVALID_SESSION = """\
kind: session
language: en
forum: {name: Global Forum on Migration and Development, short_name: GFMD, year: 2014}
roundtable: {number: 3}
rapporteur: {name: Ana Pérez}
sessions:
  - number: "3.9"
    title: Health
    co_chairs: []
    narrative:
      - A text with a note.[^missing]
"""


def test_invalid_reports_stop_the_compilation_with_every_problem_located(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(INVALID_SESSION, encoding="utf-8")
    oral = tmp_path / "oral.yaml"
    oral.write_text(
        INVALID_SESSION.replace("kind: session", "kind: oral").replace(
            "year: 2014", "year: twenty"
        ),
        encoding="utf-8",
    )
    compilation = _dump(
        {"kind": "compilation", "reports": [str(WRITTEN_EXAMPLE), "broken.yaml", "oral.yaml"]},
        tmp_path / "report.yaml",
    )
    out = tmp_path / "out"
    assert main(["compile", str(compilation), "--output", str(out)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"{broken}:9:5: sessions[0].co_chairs: is empty: at least one co-chair is required",
        f"{oral}:3:76: forum.year: should be a whole number, such as 2019, not “twenty”",
        f"{oral}:9:5: sessions[0].co_chairs: is empty: at least one co-chair is required",
        "not compiled: 3 errors; nothing was written",
    ]
    assert not out.exists()


def test_a_missing_report_is_named_at_the_compilation_files_line(tmp_path, capsys):
    compilation = tmp_path / "chairs.yaml"
    compilation.write_text(
        f"kind: compilation\nreports:\n  - {WRITTEN_EXAMPLE}\n  - rt9.yaml\n", encoding="utf-8"
    )
    assert main(["compile", str(compilation), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{compilation}:4:5: reports[1]: no report file {tmp_path / 'rt9.yaml'}: write its path "
        "relative to the compilation file's folder",
        "not compiled: 1 error; nothing was written",
    ]


def test_a_compilation_file_is_validated_with_located_errors(tmp_path, capsys):
    compilation = tmp_path / "chairs.yaml"
    compilation.write_text(
        "kind: compilation\nstatus: draft\nforeward: [Words.]\n"
        f"executive_summary:\n  - Words.[^a]\nreports: [{WRITTEN_EXAMPLE}]\n",
        encoding="utf-8",
    )
    assert main(["compile", str(compilation), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{compilation}:2:1: status: should be one of 'preliminary' or 'final', not “draft”",
        f"{compilation}:3:1: foreward: is not a field here: did you mean foreword?",
        "not compiled: 2 errors; nothing was written",
    ]
    compilation.write_text(
        f"kind: compilation\nexecutive_summary:\n  - Words.[^a]\nreports: [{WRITTEN_EXAMPLE}]\n",
        encoding="utf-8",
    )
    assert main(["compile", str(compilation), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{compilation}:3:5: executive_summary[0]: refers to the footnote [^a], which "
        "footnotes: does not hold: add it there, or remove the reference",
        "not compiled: 1 error; nothing was written",
    ]


def test_reports_of_different_forums_are_refused_naming_them(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["compile", str(WRITTEN_EXAMPLE), str(ORAL_EXAMPLE), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2] == (
        f"{WRITTEN_EXAMPLE}: the reports are of different forums or years (GFMD 2014: "
        f"{WRITTEN_EXAMPLE}; GFMD 2019: {ORAL_EXAMPLE}): compile one meeting's reports together, "
        "or name the meeting the compilation reports on under forum: in a compilation file"
    )
    assert not out.exists()


def test_a_compilation_naming_its_meeting_holds_both_examples_chapters_named_by_meeting(
    tmp_path,
):
    """Both examples (GFMD 2014 and 2019) with generated reports of 2014, under the 2019
    meeting's cover: each chapter names its meeting, in year order, and the contents' pages
    are the pages where the headings fall."""
    extra = [("session", "fr", 3, ["3.3"]), ("general", "en", 2, ["2.1"])]
    compilation, reports = _build(tmp_path, WRITTEN_EXAMPLE, extra, "both", {})
    data = _load(compilation)
    data["reports"].append(str(ORAL_EXAMPLE))
    data["forum"] = _load(ORAL_EXAMPLE)["forum"]
    _dump(data, compilation)
    out = tmp_path / "out"
    assert main(["compile", str(compilation), "--output", str(out)]) == 0
    page = lxml.html.fromstring((out / "both.html").read_bytes())
    chapters = [_normal(h2.text_content()) for h2 in page.xpath("//section[@class='chapter']/h2")]
    title_2014 = _load(WRITTEN_EXAMPLE)["roundtable"]["title"]
    assert chapters == [
        "GFMD 2014 – Round Table 2",
        f"GFMD 2014 – Round Table 3: {title_2014}",
        "GFMD 2019 – Round Table 1",
    ]
    anchors = page.xpath("//section[@class='chapter']/@id")
    assert anchors == ["gfmd2014-roundtable-2", "gfmd2014-roundtable-3", "gfmd2019-roundtable-1"]
    oral = _load(ORAL_EXAMPLE)
    listed = page.xpath("//section[@id='annex-recommendations']//tr/td[1]/text()")
    assert [_normal(id) for id in listed] == [
        *expected_ids(reports[2]),
        *expected_ids(reports[0]),
        *expected_ids(reports[1]),
        *expected_ids(oral),
    ]
    compiled = {"html": out / "both.html"}
    _assert_entries_at_their_pages(pdf_pages(out / "both.pdf"), _contents_entries(compiled))


def test_an_id_two_reports_give_their_items_is_refused_naming_both(tmp_path, capsys):
    example = _load(WRITTEN_EXAMPLE)
    sessions = [_session("3.5", "en", "gull", "g")]
    sessions[0]["recommendations"]["items"][1] = {"text": "Share data.", "id": "GFMD2014-RT3.2-R01"}
    data = _report("session", "en", example["forum"], 3, sessions, {"g": "A note."})
    extra = _dump(data, tmp_path / "extra.yaml")
    assert main(["compile", str(WRITTEN_EXAMPLE), str(extra), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.splitlines()
    line = extra.read_text().splitlines().index("    - text: Share data.") + 1
    lines = WRITTEN_EXAMPLE.read_text().splitlines()
    lead_in = next(i for i, text in enumerate(lines) if "as a general measures:" in text)
    example_line = lead_in + 3  # its items: line, then the first item's
    assert err == [
        f"{extra}:{line}:7: sessions[0].recommendations.items[1]: its id “GFMD2014-RT3.2-R01” "
        f"is also the id of {WRITTEN_EXAMPLE}:{example_line}:11: "
        "sessions[1].recommendations.items[0]: give one of the two an id: of its own",
        "not compiled: 1 error; nothing was written",
    ]


def test_the_command_says_its_problems_in_the_users_language(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    compilation = tmp_path / "chairs.yaml"
    compilation.write_text("kind: compilation\nreports: [rt9.yaml]\n", encoding="utf-8")
    assert main(["compile", str(compilation), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{compilation}:2:11: reports[0]: pas de fichier de rapport {tmp_path / 'rt9.yaml'}\u00a0: "
        "écrivez son chemin par rapport au dossier du fichier de compilation",
        "pas de compilation\u00a0: 1 erreur\u00a0; rien n’a été écrit",
    ]


def _filled(node, path=()):
    """The starter's values filled in: each text names its place, so that a field not printed
    is missed."""
    if isinstance(node, dict):
        return {key: _filled(value, (*path, key)) for key, value in node.items()}
    if isinstance(node, list):
        return [_filled(item, (*path, index)) for index, item in enumerate(node)]
    if node != "FILL IN":
        return node
    values = {
        "status": "final",
        "year": 2014,
        "edition": 7,
        "start": "2014-05-14",
        "end": "2014-05-16",
        "date": "2014-05-15",
        "country": "Mexico",
    }
    if path[-2:-1] == ("reports",):
        return str(WRITTEN_EXAMPLE)
    if path[-2:-1] == ("chairs",):
        return "Sweden"
    return values.get(path[-1], "Words of " + " ".join(map(str, path)).replace("_", " "))


def test_the_compilation_starter_compiles_once_filled_in_and_prints_every_field(tmp_path, capsys):
    starter = tmp_path / "chairs.yaml"
    assert main(["new", str(starter), "--kind", "compilation"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"  gfmd-reports compile {starter}"
    assert main(["compile", str(starter), "-o", str(tmp_path / "out")]) == 1
    errors = capsys.readouterr().err.splitlines()
    placeholders = [line for line in starter.read_text().splitlines() if line.endswith('"FILL IN"')]
    uncommented = [line for line in placeholders if not line.lstrip().startswith("#")]
    assert len(errors) == len(uncommented) + 1
    assert all("still holds the placeholder “FILL IN”" in line for line in errors[:-1])
    data = _filled(_load(starter))
    _dump(data, starter)
    assert main(["compile", str(starter), "-o", str(tmp_path / "out"), "--format", "html"]) == 0
    text = _normal(
        lxml.html.fromstring((tmp_path / "out" / "chairs.html").read_bytes()).text_content()
    )
    words = re.findall(r"Words of [a-z0-9 ]+", _normal(str(data)))
    assert len(words) == 16
    missing = [word for word in words if word not in text]
    assert missing == []


def test_reports_given_alone_are_compiled_under_the_title_asked_for(tmp_path):
    out = tmp_path / "out"
    title = "Chair's Report"
    assert (
        main(
            ["compile", str(WRITTEN_EXAMPLE), "--title", title, "-o", str(out), "--format", "html"]
        )
        == 0
    )
    assert [path.name for path in out.iterdir()] == ["compilation.html"]
    page = lxml.html.fromstring((out / "compilation.html").read_bytes())
    assert _normal(page.find(".//h1").text_content()) == "Chair’s Report"
    assert page.findtext(".//title") == "Chair’s Report – Seventh GFMD Summit"


def test_a_theme_that_cannot_be_found_is_named_at_the_compilation_files_line(tmp_path, capsys):
    compilation = tmp_path / "chairs.yaml"
    compilation.write_text(f"kind: compilation\ntheme: gfdm\nreports: [{WRITTEN_EXAMPLE}]\n")
    assert main(["compile", str(compilation), "-o", str(tmp_path / "out")]) == 1
    first, last = capsys.readouterr().err.splitlines()
    assert first.startswith(
        f"{compilation}:2:1: theme: Unknown theme 'gfdm'. Available: base, gfmd"
    )
    assert last == "not compiled: 1 error; nothing was written"


def test_a_title_asked_for_is_checked_as_the_files_title_is(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["compile", str(WRITTEN_EXAMPLE), "--title", "A\x07title", "-o", str(out)]) == 1
    first, last = capsys.readouterr().err.splitlines()
    assert first.startswith("--title: title: contains the control character U+0007 at position 2")
    assert last == "not compiled: 1 error; nothing was written"
    assert not out.exists()


def test_the_docx_contents_show_the_pdfs_entries_and_page_numbers(compiled):
    document = Document(io.BytesIO(compiled["docx"].read_bytes()))
    shown = [
        (int(paragraph.style.name.removeprefix("toc ")), *paragraph.text.partition("\t")[::2])
        for paragraph in document.paragraphs
        if paragraph.style.name.startswith("toc ") and paragraph.text
    ]
    entries = _contents_entries(compiled)
    numbers, _ = _contents_numbers(pdf_pages(compiled["pdf"]), entries)
    assert shown == [
        (level, title, str(number)) for (level, title), number in zip(entries, numbers, strict=True)
    ]


def test_libreoffice_lays_the_compiled_docx_headings_within_a_page_of_its_contents(
    compiled, tmp_path
):
    """The DOCX the command writes, laid out by LibreOffice: each heading its contents list
    falls within a page of the page the field's result gives (the PDF's)."""
    _, entries, _ = toc_entries(Document(io.BytesIO(compiled["docx"].read_bytes())))
    assert [entry.text for entry in entries] == [title for _, title in _contents_entries(compiled)]
    pages = pdf_pages(libreoffice_pdf(compiled["docx"], tmp_path))
    found = pages_of([entry.text for entry in entries], pages, 2)
    cached = [int(entry.page) for entry in entries]
    assert None not in found
    far = [(e.text, p, n) for e, p, n in zip(entries, found, cached, strict=True) if abs(p - n) > 1]
    assert far == []


def test_a_report_listed_twice_or_a_compilation_listed_is_named_at_its_line(tmp_path, capsys):
    report = tmp_path / "rt3.yaml"
    report.write_text(WRITTEN_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    compilation = tmp_path / "chairs.yaml"
    compilation.write_text(
        "kind: compilation\nreports:\n  - rt3.yaml\n  - ./rt3.yaml\n  - chairs.yaml\n", "utf-8"
    )
    out = tmp_path / "out"
    assert main(["compile", str(compilation), "-o", str(out)]) == 1
    assert capsys.readouterr().err.splitlines()[-3:] == [
        f"{compilation}:4:5: reports[1]: {tmp_path / 'rt3.yaml'} is listed a second time: "
        "list each report once",
        f"{compilation}:5:5: reports[2]: {compilation} is a compilation file: list the reports "
        "it lists instead",
        "not compiled: 2 errors; nothing was written",
    ]
    assert not out.exists()


def test_a_report_its_theme_cannot_render_stops_the_compilation_at_its_theme_line(tmp_path, capsys):
    """As render and export refuse it: checked with the report's theme, located."""
    data = _load(WRITTEN_EXAMPLE)
    data["theme"] = "nosuchtheme"
    report = _dump(data, tmp_path / "rt3.yaml")
    out = tmp_path / "out"
    assert main(["compile", str(report), "-o", str(out)]) == 1
    line = report.read_text().splitlines().index("theme: nosuchtheme") + 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{report}:{line}:1: theme: "), err
    assert "nosuchtheme" in err[0]
    assert err[-1] == "not compiled: 1 error; nothing was written"
    assert not out.exists()


def test_a_compilation_open_in_libreoffice_is_left_alone_and_said_as_a_compilations(
    tmp_path, capsys
):
    out = tmp_path / "out"
    assert main(["compile", str(WRITTEN_EXAMPLE), "--format", "html,docx", "-o", str(out)]) == 0
    written = {path.name: path.read_bytes() for path in out.iterdir()}
    lock = out / ".~lock.compilation.docx#"
    lock.write_text(",Ana Pérez,ana,laptop,22.11.2026 10:00,file:///home/ana;")
    capsys.readouterr()
    assert main(["compile", str(WRITTEN_EXAMPLE), "--title", "Another", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"(its lock file is {lock}): close it and compile again" in err
    assert "none of the compilation's outputs were written" in err
    assert {path.name: path.read_bytes() for path in out.iterdir() if path != lock} == written


def test_a_themes_compilation_template_without_the_reports_places_is_said_as_its_mistake(
    tmp_path, capsys
):
    override = '{% extends "base/compilation.html" %}{% block chapters %}{% endblock %}'
    make_theme(tmp_path / "templates", "bare", files={"compilation.html": override})
    report = tmp_path / "rt3.yaml"
    report.write_text(WRITTEN_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    compilation = tmp_path / "chairs.yaml"
    compilation.write_text("kind: compilation\ntheme: bare\nreports: [rt3.yaml]\n", "utf-8")
    out = tmp_path / "out"
    assert main(["compile", str(compilation), "--format", "html", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "theme 'bare': compilation.html: the compilation's page has no single " in err
    assert "keep the elements of templates/base/compilation.html" in err
    assert "bug" not in err
    assert not out.exists()


def test_the_compiled_docx_carries_no_reports_data_and_import_says_so(compiled):
    raw = compiled["docx"].read_bytes()
    assert not [name for name in zipfile.ZipFile(io.BytesIO(raw)).namelist() if "customXml" in name]
    with pytest.raises(ReportFileError) as raised:
        import_docx(raw, "chairs-report.docx")
    assert str(raised.value).startswith(
        "chairs-report.docx: this Word document carries no report data of gfmd-reports: it was "
        "not rendered from a report by gfmd-reports (a compilation's document carries none)"
    )
