"""Reports' conclusions and recommendations as a table: JSON, CSV or an Excel workbook.

One row per item, with its id, type, plain text, the report it comes from and its tags, for
the forum's follow-up (its policy and practice database asks for "the source of the
policy/practice in the GFMD context"). The JSON follows ``schemas/export.schema.json``,
generated from ``ExportedItems`` below. Reports are validated first, with their themes, and
ids must be unique across them: an export never holds an item twice or a report in part.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from gfmd_reports.errors import Problem, ReportError, format_field_path, in_file_order, quoted
from gfmd_reports.files import office_lock, write_file_atomically
from gfmd_reports.i18n import _
from gfmd_reports.items import EXPORT_FORMATS, ExportFormat, ItemRecord, ItemType, report_items
from gfmd_reports.loading import Validation, locate, read_data_file, validate_file
from gfmd_reports.model import GCM_OBJECTIVES, SDG_TARGET_PATTERN, Report
from gfmd_reports.themes import DEFAULT_THEME, Theme, load_theme, problems_rendering

LIST_SEPARATOR = "; "
"""Joins a list in one cell of a CSV file or a workbook: “6; 22”."""


class ExportedItem(BaseModel):
    """One conclusion, recommendation or overall conclusion of a report."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        description="The item's id: its own, or made from the forum, year, session "
        "and its place, as GFMD2014-RT3.2-R03."
    )
    type: ItemType = Field(description="What the item is.")
    text: str = Field(description="The text as printed: without markup or footnote calls.")
    report: str = Field(description="The report file the item comes from, as named.")
    forum: str = Field(description="The forum's short name (GFMD), or its name if it has none.")
    year: int = Field(description="The year the forum is known by.")
    roundtable: int = Field(description="The roundtable's number.")
    session: str | None = Field(
        description="The session's number (3.2); null for overall conclusions."
    )
    language: str = Field(description="The report's language, as a language code.")
    theme: str | None = Field(description="The thematic area, in the report's language.")
    gcm_objectives: list[Annotated[int, Field(ge=1, le=GCM_OBJECTIVES)]] = Field(
        description="The Global Compact for Migration's objectives, 1–23."
    )
    sdg_targets: list[Annotated[str, Field(pattern=SDG_TARGET_PATTERN)]] = Field(
        description="The Sustainable Development Goals' targets, as 10.7 or 10.c."
    )
    actors: list[str] = Field(
        description="The States (by their UN short name in the report's "
        "language) and organisations the item names."
    )


class ExportedItems(BaseModel):
    """The conclusions and recommendations of one or more rapporteurs' reports."""

    model_config = ConfigDict(extra="forbid", title="Items exported by gfmd-reports")

    items: list[ExportedItem] = Field(description="Every item, report by report, in reading order.")


COLUMNS = tuple(ExportedItem.model_fields)
"""The columns of a CSV file or workbook, in order: the JSON's field names."""


def export_json_schema() -> str:
    """Return the JSON Schema of an export's JSON, as checked in under ``schemas/``."""
    # Draft 7, as the report's schema: the newest draft that VS Code supports fully.
    schema = {"$schema": "http://json-schema.org/draft-07/schema#"}
    schema |= ExportedItems.model_json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def gather_items(
    reports: Sequence[tuple[str, Report]], themes: Mapping[str, Theme] | None = None
) -> list[ItemRecord]:
    """Return the items of valid reports, each named by its source, in the order given.

    ``themes`` gives, by source, the theme each report is rendered with (see report_items).
    """
    themes = themes or {}
    return [
        record
        for source, report in reports
        for record in report_items(report, source, themes.get(source))
    ]


def repeated_ids(records: Sequence[ItemRecord]) -> Iterator[tuple[ItemRecord, ItemRecord]]:
    """Yield each item whose id an item of another report has already, with that item;
    ids are compared without case, as within a report."""
    first: dict[str, ItemRecord] = {}
    for record in records:
        earlier = first.setdefault(record.id.casefold(), record)
        if earlier is not record and earlier.report != record.report:
            yield record, earlier


def exported(records: Sequence[ItemRecord], format: ExportFormat) -> bytes:
    """Write items in a format: JSON, CSV (UTF-8 with a byte order mark, for Excel) or XLSX."""
    rows = [ExportedItem(**{name: getattr(record, name) for name in COLUMNS}) for record in records]
    if format == "json":
        document = ExportedItems(items=rows).model_dump(mode="json")
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    table = [[_cell(getattr(row, name)) for name in COLUMNS] for row in rows]
    if format == "csv":
        return _csv(table)
    return _workbook(table)


def _cell(value: object) -> str | int | None:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value))
    assert value is None or isinstance(value, str | int)
    return value


def _csv(table: list[list[str | int | None]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")  # RFC 4180, as Excel writes it
    writer.writerow(COLUMNS)
    writer.writerows(table)
    return "\ufeff".encode() + text.getvalue().encode()


_WIDTHS = {"id": 22, "type": 18, "text": 80, "report": 24, "theme": 24, "actors": 30}
"""Column widths in characters; the others take the width of their heading or 12."""


def _workbook(table: list[list[str | int | None]]) -> bytes:
    from openpyxl import Workbook  # only for a workbook: it takes 0.2 s to load
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "items"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even where it starts with “=”: never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
    for index, name in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, max(len(name) + 2, 12))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


@dataclass(frozen=True)
class Gathered:
    """What reading reports for export found: their items, or the problems that stop it."""

    records: list[ItemRecord]
    problems: list[Problem]
    """Every file's errors and warnings, in file order, file by file."""
    reports: list[tuple[Path, Report]]
    """The reports without errors, as given."""

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


def listed_reports(files: Sequence[Path]) -> list[Path]:
    """The report files to export: each file given, or for a compilation file the reports it
    lists, each once. Raises ReportFileError, located, for a compilation file that is invalid."""
    from gfmd_reports.compilation import Compilation, is_compilation_file

    reports: list[Path] = []
    for path in files:
        if is_compilation_file(path):
            compilation = read_data_file(path).validated(Compilation)
            reports += [path.parent / name for name in compilation.reports]
        else:
            reports.append(path)
    return list({path.resolve(): path for path in reports}.values())


def gather_files(paths: Sequence[Path], current_folder: Path) -> Gathered:
    """Validate report files with their themes and gather their items, or every problem."""
    validations = {str(path): validate_file(path) for path in paths}
    problems: list[Problem] = []
    reports: list[tuple[Path, Report]] = []
    themes: dict[str, Theme] = {}
    for path in paths:
        validation = validations[str(path)]
        found = problems_rendering(validation, path.parent, current_folder)
        problems += found
        if validation.report is not None and not any(p.severity == "error" for p in found):
            report = validation.report
            reports.append((path, report))
            themes[str(path)] = load_theme(
                report.theme or DEFAULT_THEME, path.parent, current_folder
            )
    records = gather_items([(str(path), report) for path, report in reports], themes)
    problems += [
        _repeated(record, earlier, validations) for record, earlier in repeated_ids(records)
    ]
    return Gathered(records, problems, reports)


def _repeated(
    record: ItemRecord, earlier: ItemRecord, validations: Mapping[str, Validation]
) -> Problem:
    """Say that an item has the id of another report's item, where both stand."""
    other = validations[earlier.report]
    line, column = locate(earlier.path, other.positions) or (None, None)
    where = ":".join(str(part) for part in (earlier.report, line, column) if part is not None)
    return validations[record.report].problem(
        record.path,
        _(
            "its id {id} is also the id of {other}: {field}: give one of the two an id: of its own",
            id=quoted(record.id),
            other=where,
            field=format_field_path(earlier.path),
        ),
    )


def export_target(
    output: Path | None, format: ExportFormat | None, files: Sequence[Path]
) -> tuple[Path, ExportFormat]:
    """The file to write and its format, from ``--output`` and ``--format``.

    An output named .json, .csv or .xlsx is the file, and says the format if --format does
    not; any other is a folder (created if missing), into which one report's items go as
    ``<report>-items.<format>``, several reports' as ``items.<format>``.
    """
    named = output.suffix.lower().lstrip(".") if output else ""
    if named in EXPORT_FORMATS and output is not None and not output.is_dir():
        if format is not None and format != named:
            raise ReportError(
                _(
                    "--output {file} names a .{named} file, but --format asks for {format}: "
                    "make them agree",
                    file=output,
                    named=named,
                    format=format,
                )
            )
        return output, format or named
    if format is None:
        raise ReportError(
            _(
                "say which format to write with --format json, csv or xlsx, or name the "
                "output file, as --output items.csv"
            )
        )
    stem = f"{files[0].stem}-items" if len(files) == 1 else "items"
    return (output or Path("out")) / f"{stem}.{format}", format


def write_export(data: bytes, target: Path, inputs: Sequence[Path]) -> None:
    """Write an export whole or not at all, never over a report file or a workbook open in
    LibreOffice or Excel; create its folder if missing."""
    if target.resolve() in {path.resolve() for path in inputs}:
        raise ReportError(
            _("{file}: is one of the reports to export: choose another --output", file=target)
        )
    if (holder := office_lock(target)) is not None:
        raise ReportError(
            _("{file} {holder}: close it and export again", file=target, holder=holder)
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    write_file_atomically(target, data)


def problems_in_order(problems: Sequence[Problem]) -> list[Problem]:
    """Problems file by file, in the order the files were given, each file's in file order."""
    sources = list(dict.fromkeys(problem.source for problem in problems))
    return [
        problem
        for source in sources
        for problem in in_file_order(p for p in problems if p.source == source)
    ]
