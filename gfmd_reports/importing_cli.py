"""The ``gfmd-reports import`` command: a Word document the tool rendered, edited in Word, read
back into a report file. cli.py registers it; this module is its thin layer over importing.py,
and prints only what the command says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from gfmd_reports.commandline import Command, PathType, argument, echo, option
from gfmd_reports.drafts import draft_yaml
from gfmd_reports.errors import ReportError
from gfmd_reports.files import (
    UnreadableFileError,
    office_lock,
    os_reason,
    read_bounded,
    write_file_atomically,
)
from gfmd_reports.i18n import _, mark, ngettext
from gfmd_reports.loading import (
    MAX_FILE_BYTES,
    UnreadableError,
    decode_report,
    parse_yaml,
    validate_data,
)
from gfmd_reports.versions import keep_before_overwrite

if TYPE_CHECKING:
    from gfmd_reports.importing import ImportResult

MAX_DOCX_BYTES = 100 * 2**20
"""Far more than the Word document of the largest report, pictures and all."""
_REPORT_SUFFIXES = (".yaml", ".yml")


@click.command(
    "import",
    cls=Command,
    short_help=mark(
        "Read a Word document rendered by gfmd-reports, with its edits, back into a report file."
    ),
    help=mark(
        "Read FILE.docx, a report's Word document rendered by gfmd-reports and edited in Word "
        "(changed words, added bullets, new footnotes, italic and bold), back into a report "
        "file: the text of each field as the document now reads, the rest as the report had "
        "it. Tracked changes are read as accepted and, with comments, listed as warnings; an "
        "edit no field can hold (the template's own sentences, a paragraph outside any list) "
        "is a warning that names its paragraph. A Word document gfmd-reports did not write "
        "(a rapporteur's own draft) is read as well as its shape allows: title, byline, a "
        "heading per session, the co-chairs' sentence, bullets; what has no place is kept "
        "and warned, and what the draft does not say is written FILL IN.\n\n"
        "The report is written to OUTPUT (FILE's name with .yaml, beside it, by default). An "
        "existing OUTPUT is kept as a version first (`gfmd-reports versions OUTPUT`), its first "
        "comment lines kept; it is left as it is if it already says what the document reads, "
        "and never replaced by another meeting's or kind of report. Exit "
        "status: 0 if the report read back is valid (warnings allowed), 1 if not or if FILE "
        "cannot be read."
    ),
)
@argument("file", type=PathType(path_type=Path, dir_okay=False), metavar=mark("FILE.docx"))
@option(
    "-o",
    "--output",
    type=PathType(path_type=Path, dir_okay=False),
    metavar=mark("OUTPUT"),
    help=mark("The report file to write (.yaml); by default FILE's name with .yaml."),
)
def import_command(file: Path, output: Path | None) -> int:
    """Read FILE back into a report file; print its warnings, then what changed."""
    # Loaded only here: lxml, python-docx and the renderers, which other commands may not need.
    from gfmd_reports.importing import import_docx

    target = output or file.with_suffix(".yaml")
    if target.suffix.lower() not in _REPORT_SUFFIXES:
        raise click.BadParameter(
            _("name the report file .yaml: it is written in YAML"), param_hint="-o/--output"
        )
    result = import_docx(_read(file), str(file))
    lock = office_lock(file)
    if lock:
        echo(_(_OPEN_IN_WORD, file=file, lock=lock))
    for problem in result.problems:
        echo(str(problem))
    existing = _existing_report(target)
    if existing is not None and _same_report(existing.data, result.data):
        echo(_(_UNCHANGED, file=file, target=target))
        return 0
    _replace_report(file, target, existing, result)
    for path in result.changed:
        echo("  " + _("changed: {field}", field=path))
    echo(_summary(file, target, result))
    return 1 if any(problem.severity == "error" for problem in result.problems) else 0


def _replace_report(
    file: Path, target: Path, existing: _Existing | None, result: ImportResult
) -> None:
    """Write the report read over ``target``, keeping what it held as a version first, and
    say so, and whether it had moved on since the document was rendered."""
    if existing is None:
        _write(target, draft_yaml(result.data).encode())
        return
    _refuse_another_report(existing.data, result.data, file, target)
    kept = _write(target, _leading_comments(existing.raw) + draft_yaml(result.data).encode())
    if kept is None:
        return
    echo(_(_KEPT, file=target, number=kept, command=f"gfmd-reports versions {target}"))
    if result.carried is not None and not _same_report(existing.data, result.carried):
        echo(_(_MOVED_ON, file=file, target=target, number=kept))


class _Existing(NamedTuple):
    raw: bytes
    data: Any
    """The file's data, or None if it cannot be read as YAML."""


def _existing_report(target: Path) -> _Existing | None:
    """The report file that the import would replace, if there is one."""
    try:
        raw = read_bounded(target, MAX_FILE_BYTES, mark("a report file"))
    except FileNotFoundError:
        return None
    except (UnreadableFileError, OSError):
        return _Existing(b"", None)  # kept as a version as it is, if it can be read at all
    try:
        data, _locations = parse_yaml(decode_report(raw))
    except UnreadableError:
        return _Existing(raw, None)
    return _Existing(raw, data)


def _same_report(data: Any, other: Any) -> bool:
    """Whether two reports' data say the same (spelled alike or not: NOR and Norway)."""
    if data == other:
        return True
    if not isinstance(data, dict) or not isinstance(other, dict):
        return False
    report = validate_data(data).report
    return report is not None and report == validate_data(other).report


def _refuse_another_report(data: Any, imported: dict, file: Path, target: Path) -> None:
    """Refuse to replace a report file that holds another meeting's, round table's or kind's
    report (what either file leaves out is not compared)."""
    if isinstance(data, dict) and any(
        held is not None and read is not None and held != read
        for held, read in zip(_identity(data), _identity(imported), strict=True)
    ):
        raise ReportError(
            _(
                _ANOTHER_REPORT,
                file=file,
                target=target,
                held=_describe(data),
                read=_describe(imported),
            )
        )


def _identity(data: dict) -> tuple:
    forum = _mapping(data.get("forum"))
    roundtable = _mapping(data.get("roundtable"))
    return (
        data.get("kind"),
        forum.get("short_name") or forum.get("name"),
        forum.get("year"),
        roundtable.get("number"),
    )


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _describe(data: dict) -> str:
    kind, forum, year, roundtable = _identity(data)
    return " ".join(
        str(part) for part in (forum, year, roundtable and f"RT{roundtable}", kind) if part
    )


def _leading_comments(raw: bytes) -> bytes:
    """The comment lines a replaced file opens with (its draft's name, its schema): kept."""
    lines = raw.decode("utf-8-sig", "replace").splitlines(keepends=True)
    leading = 0
    while leading < len(lines) and lines[leading].startswith("#"):
        leading += 1
    return "".join(lines[:leading]).encode()


_OPEN_IN_WORD = mark(
    "{file}: warning: the document is open in another program ({lock}): what is not saved "
    "yet is not read; save it there and import again"
)
_KEPT = mark("{file} existed: kept as version {number}; see it with {command}")
_UNCHANGED = mark(
    "{file}: {target} already holds this report as the document reads: left unchanged"
)
_MOVED_ON = mark(
    "{target}: warning: it was changed after {file} was rendered, and the document's text "
    "replaces those changes; they are in version {number}: see them with "
    "gfmd-reports compare {target}@{number} {target}"
)
_ANOTHER_REPORT = mark(
    "{target} holds another report ({held}) than {file} ({read}): nothing was written; "
    "import into another file with -o, or remove {target} first"
)


def _read(file: Path) -> bytes:
    try:
        return read_bounded(file, MAX_DOCX_BYTES, mark("a Word document"))
    except UnreadableFileError as error:
        raise ReportError(f"{file}: {error}") from error
    except OSError as error:
        raise ReportError(
            _("{file}: cannot be read: {reason}", file=file, reason=os_reason(error))
        ) from error


def _write(target: Path, data: bytes) -> int | None:
    """Write the report, keeping the file it replaces as a version first; return its number."""
    try:
        kept = keep_before_overwrite(target, "before-import")
        write_file_atomically(target, data)
    except OSError as error:
        raise ReportError(
            _(
                "{file}: cannot be written: {reason}",
                file=error.filename or target,
                reason=os_reason(error),
            )
        ) from error
    return kept.number if kept else None


def _summary(file: Path, target: Path, result: ImportResult) -> str:
    problems = result.problems
    errors = sum(problem.severity == "error" for problem in problems)
    fields = (
        ngettext("{count} field changed", "{count} fields changed", len(result.changed))
        if result.carried is not None
        else _("read as a rapporteur's own draft")
    )
    warnings = ngettext("{count} warning", "{count} warnings", len(problems) - errors)
    if errors:
        counted = ngettext("{count} error", "{count} errors", errors)
        return _(
            _INVALID, file=file, target=target, fields=fields, errors=counted, warnings=warnings
        )
    return _(
        "{file}: imported into {target}: {fields}, {warnings}",
        file=file,
        target=target,
        fields=fields,
        warnings=warnings,
    )


_INVALID = mark(
    "{file}: imported into {target}: {fields}, {errors}, {warnings}; the report is written as "
    "read: correct the errors above in {target}"
)
