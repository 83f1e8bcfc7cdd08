"""`gfmd-reports export`: reports' items as JSON, CSV and XLSX, read back and compared with
the items computed here from the reports' YAML."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from conftest import ROOT, WRITTEN_EXAMPLE, make_theme
from formats.conftest import libreoffice_convert
from jsonschema import Draft7Validator
from openpyxl import load_workbook
from ruamel.yaml import YAML

from gfmd_reports.cli import main
from gfmd_reports.export import export_json_schema

SCHEMA_FILE = ROOT / "schemas" / "export.schema.json"
GENERAL = YAML(typ="safe").load(WRITTEN_EXAMPLE.read_text(encoding="utf-8"))

FRENCH = """\
kind: session
language: fr
theme: areas
forum:
  name: Forum mondial sur la migration et le développement
  year: 2019
roundtable: {number: 1}
rapporteur: {name: Marie Dupont}
sessions:
  - number: "1.2"
    title: Les migrants et les services publics
    co_chairs: [{country: Équateur}]
    conclusions:
      items:
        - Les États "doivent" agir ; *vite* ![^1]
    recommendations:
      lead_in: ""
      items:
        - text: =SOMME(A1:A3) reste du texte.
          id: FMMD-2019-R-A
          tags:
            theme: Labour mobility
            gcm_objectives: [6, 22]
            sdg_targets: ["10.7", "10.C"]
          actors: [ILO, ECU, the Netherlands, =Pays-Bas (Royaume des)]
        - Deuxième recommandation.
footnotes:
  "1": Une note.
"""

AREAS = """\
item_themes:
  - en: Labour mobility
    fr: Mobilité de la main-d’œuvre
    es: Movilidad laboral
"""

COLUMNS = [
    "id",
    "type",
    "text",
    "report",
    "forum",
    "year",
    "roundtable",
    "session",
    "language",
    "theme",
    "gcm_objectives",
    "sdg_targets",
    "actors",
]


def _general_data() -> dict:
    """The 2014 example, its third recommendation of session 3.2 tagged."""
    data = copy.deepcopy(GENERAL)
    items = data["sessions"][1]["recommendations"]["items"]
    items[2] = {
        "text": items[2],
        "tags": {"gcm_objectives": [19], "sdg_targets": ["17.18"]},
        "actors": ["the OECD", "Ecuador"],
    }
    return data


@pytest.fixture
def reports(tmp_path):
    """The two reports, beside the theme the French one names."""
    make_theme(tmp_path / "templates", "areas", AREAS)
    general = tmp_path / "gfmd-2014-rt3.yaml"
    out = io.StringIO()
    YAML().dump(_general_data(), out)
    general.write_text(out.getvalue(), encoding="utf-8")
    french = tmp_path / "fmmd-2019-rt1-2.yaml"
    french.write_text(FRENCH, encoding="utf-8")
    return [general, french]


def _expected(general: str, french: str) -> list[dict]:
    """Every item, computed from the YAML by the rules of the README, not by the code."""
    rows = []
    data = _general_data()
    common = {"report": general, "forum": "GFMD", "year": 2014, "roundtable": 3, "language": "en"}
    for session in data["sessions"]:
        for field, letter, kind in (
            ("conclusions", "C", "conclusion"),
            ("recommendations", "R", "recommendation"),
        ):
            for place, item in enumerate(session.get(field, {}).get("items", []), start=1):
                text = item if isinstance(item, str) else item["text"]
                assert not set("*[\"'") & set(text)  # printed as written: nothing to typeset
                rows.append(
                    common
                    | {
                        "id": f"GFMD2014-RT{session['number']}-{letter}{place:02d}",
                        "type": kind,
                        "text": text,
                        "session": session["number"],
                        "theme": None,
                        "gcm_objectives": []
                        if isinstance(item, str)
                        else item["tags"]["gcm_objectives"],
                        "sdg_targets": [] if isinstance(item, str) else item["tags"]["sdg_targets"],
                        "actors": [] if isinstance(item, str) else ["the OECD", "Ecuador"],
                    }
                )
    for place, text in enumerate(data["overall_conclusions"]["items"], start=1):
        rows.append(
            common
            | {
                "id": f"GFMD2014-RT3-O{place:02d}",
                "type": "overall_conclusion",
                "text": text,
                "session": None,
                "theme": None,
                "gcm_objectives": [],
                "sdg_targets": [],
                "actors": [],
            }
        )
    french_common = {
        "report": french,
        "forum": "Forum mondial sur la migration et le développement",
        "year": 2019,
        "roundtable": 1,
        "session": "1.2",
        "language": "fr",
    }
    nothing = {"theme": None, "gcm_objectives": [], "sdg_targets": [], "actors": []}
    rows += [
        french_common
        | nothing
        | {
            "id": "FMMD2019-RT1.2-C01",
            "type": "conclusion",
            "text": "Les États «\u00a0doivent\u00a0» agir\u202f; vite\u202f!",
        },
        french_common
        | {
            "id": "FMMD-2019-R-A",
            "type": "recommendation",
            "text": "=SOMME(A1:A3) reste du texte.",
            "theme": "Mobilité de la main-d’œuvre",
            "gcm_objectives": [6, 22],
            "sdg_targets": ["10.7", "10.c"],
            "actors": ["ILO", "Équateur", "Pays-Bas", "Pays-Bas (Royaume des)"],
        },
        french_common
        | nothing
        | {
            "id": "FMMD2019-RT1.2-R02",
            "type": "recommendation",
            "text": "Deuxième recommandation.",
        },
    ]
    return [{name: row[name] for name in COLUMNS} for row in rows]


def test_the_checked_in_export_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == export_json_schema(), (
        "schemas/export.schema.json is out of date: "
        "run `gfmd-reports schema --export > schemas/export.schema.json`"
    )
    Draft7Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_json_holds_every_item_and_follows_the_published_schema(reports, tmp_path, capsys):
    target = tmp_path / "out" / "items.json"
    assert main(["export", *map(str, reports), "--output", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}: 20 items from 2 reports\n"
    document = json.loads(target.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema).iter_errors(document)) == []
    assert document == {"items": _expected(str(reports[0]), str(reports[1]))}


def test_a_document_the_schema_refuses_is_refused():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    row = _expected("a.yaml", "b.yaml")[0]
    assert list(Draft7Validator(schema).iter_errors({"items": [row]})) == []
    broken_rows = [
        {**row, "type": "note"},
        {**row, "year": "2014"},
        {"id": "x"},
        {**row, "extra": 1},
        {**row, "gcm_objectives": [24]},
        {**row, "sdg_targets": ["SDG 10.7"]},
    ]
    for broken in broken_rows:
        assert list(Draft7Validator(schema).iter_errors({"items": [broken]})), broken


def test_csv_is_utf8_with_a_bom_a_header_and_lists_joined(reports, tmp_path):
    target = tmp_path / "items.csv"
    assert main(["export", *map(str, reports), "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,type,text,report,")
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == COLUMNS
    expected = _expected(str(reports[0]), str(reports[1]))
    assert rows == [
        {
            name: "; ".join(map(str, value))
            if isinstance(value, list)
            else ""
            if value is None
            else str(value)
            for name, value in row.items()
        }
        for row in expected
    ]
    assert rows[18]["actors"] == "ILO; Équateur; Pays-Bas; Pays-Bas (Royaume des)"
    assert rows[18]["sdg_targets"] == "10.7; 10.c"


def test_xlsx_is_a_workbook_of_text_cells_under_a_bold_frozen_header(reports, tmp_path):
    assert main(["export", *map(str, reports), "--format", "xlsx", "-o", str(tmp_path)]) == 0
    book = load_workbook(tmp_path / "items.xlsx")
    sheet = book.active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    assert all(cell.font.bold for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 80  # the text
    assert sheet.column_dimensions["A"].width >= len("GFMD2014-RT3.2-R03")
    expected = _expected(str(reports[0]), str(reports[1]))
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        [
            ("; ".join(map(str, value)) or None) if isinstance(value, list) else value
            for value in row.values()
        ]
        for row in expected
    ]
    formula_like = sheet.cell(row=20, column=3)
    assert formula_like.value == "=SOMME(A1:A3) reste du texte."
    assert formula_like.data_type == "s"  # text, which Excel shows as written, not a formula


def test_one_report_is_written_as_its_items_file_in_the_output_folder(
    reports, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(reports[1]), "--format", "csv"]) == 0
    assert (tmp_path / "out" / "fmmd-2019-rt1-2-items.csv").is_file()


def test_an_invalid_report_stops_the_export_with_every_problem_and_writes_nothing(
    reports, tmp_path, capsys
):
    reports[1].write_text(FRENCH.replace("[6, 22]", "[6, 24]"), encoding="utf-8")
    target = tmp_path / "items.json"
    target.write_text("kept", encoding="utf-8")
    assert main(["export", *map(str, reports), "-o", str(target)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{reports[1]}:23:33: sessions[0].recommendations.items[0].tags.gcm_objectives[1]: GCM "
        "objective 24 does not exist: the Global Compact has 23 objectives, numbered 1–23",
        "nothing exported: correct the errors above first",
    ]
    assert target.read_text(encoding="utf-8") == "kept"


def test_a_thematic_area_the_theme_does_not_list_stops_the_export(reports, tmp_path, capsys):
    reports[1].write_text(FRENCH.replace("Labour mobility", "labor mobilty"), encoding="utf-8")
    assert main(["export", *map(str, reports), "-o", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"{reports[1]}:22:13: sessions[0].recommendations.items[0].tags.theme: “labor mobilty” is "
        "not one of the theme's thematic areas: did you mean “Labour mobility”?"
    )
    assert not (tmp_path / "x.csv").exists()


def test_an_id_used_in_two_reports_names_both_files_and_items(reports, tmp_path, capsys):
    reports[1].write_text(FRENCH.replace("FMMD-2019-R-A", "gfmd2014-rt3.1-c02"), encoding="utf-8")
    assert main(["export", *map(str, reports), "-o", str(tmp_path / "x.json")]) == 1
    earlier = _line_of(reports[0], "sessions", 0, "conclusions", "items", 1)
    assert capsys.readouterr().err.splitlines() == [
        f"{reports[1]}:19:11: sessions[0].recommendations.items[0]: its id “gfmd2014-rt3.1-c02” "
        f"is also the id of {reports[0]}:{earlier}: "
        "sessions[0].conclusions.items[1]: give one of the two an id: of its own",
        "nothing exported: correct the errors above first",
    ]
    assert not (tmp_path / "x.json").exists()


def _line_of(path, *where) -> str:
    """Where an item stands in a YAML file, as ruamel's round-trip reading places it."""
    node = YAML().load(path.read_text(encoding="utf-8"))
    for step in where[:-1]:
        node = node[step]
    line, column = node.lc.item(where[-1])
    return f"{line + 1}:{column + 1}"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--format", "csv", "-o", "items.json"],
            "--output items.json names a .json file, but --format asks for csv: make them agree",
        ),
        (
            [],
            "say which format to write with --format json, csv or xlsx, or name the output file, "
            "as --output items.csv",
        ),
    ],
)
def test_format_and_output_must_agree(reports, tmp_path, monkeypatch, capsys, arguments, message):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(reports[0]), *arguments]) == 2
    assert capsys.readouterr().err.endswith(f"Error: {message}\n")
    assert not (tmp_path / "items.json").exists()


def test_an_export_never_replaces_a_report(reports, capsys):
    copy_path = reports[0].with_suffix(".json")
    copy_path.write_bytes(reports[0].read_bytes())
    assert main(["export", str(copy_path), "-o", str(copy_path)]) == 1
    assert "is one of the reports to export: choose another --output" in capsys.readouterr().err
    assert copy_path.read_bytes() == reports[0].read_bytes()


def test_export_speaks_french(reports, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["export", str(reports[0]), "-o", str(tmp_path / "x.csv")]) == 0
    assert (
        capsys.readouterr().out == f"{tmp_path / 'x.csv'} écrit\u00a0: 17 éléments de 1 rapport\n"
    )


def test_libreoffice_reads_the_workbook_and_keeps_a_formula_like_text_as_text(reports, tmp_path):
    """An independent reader: a cell that started with “=” and were a formula would read as
    its result (or an error), not as the words written."""
    target = tmp_path / "items.xlsx"
    assert main(["export", *map(str, reports), "-o", str(target)]) == 0
    converted = libreoffice_convert(
        target, tmp_path / "office", "csv:Text - txt - csv (StarCalc):44,34,76"
    )
    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == COLUMNS
    assert rows[19][:3] == ["FMMD-2019-R-A", "recommendation", "=SOMME(A1:A3) reste du texte."]
    assert [row[0] for row in rows[1:]] == [row["id"] for row in _expected("a", "b")]


def test_a_compilation_file_exports_the_items_of_the_reports_it_lists(reports, tmp_path, capsys):
    compilation = tmp_path / "chairs-report.yaml"
    listed = "\n".join(f"  - {path.name}" for path in reports)
    compilation.write_text(f"kind: compilation\nreports:\n{listed}\n", encoding="utf-8")
    target = tmp_path / "out" / "items.json"
    assert main(["export", str(compilation), "--output", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}: 20 items from 2 reports\n"
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document == {"items": _expected(str(reports[0]), str(reports[1]))}


def test_an_invalid_compilation_file_is_located_and_nothing_is_exported(tmp_path, capsys):
    compilation = tmp_path / "chairs-report.yaml"
    compilation.write_text("kind: compilation\nreports: [a.yaml]\nstatus: draft\n", "utf-8")
    target = tmp_path / "items.csv"
    assert main(["export", str(compilation), "--output", str(target)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{compilation}:3:1: status: should be one of 'preliminary' or 'final', not “draft”",
        "nothing exported: correct the errors above first",
    ]
    assert not target.exists()
