"""The ``gfmd-reports versions`` command: a report file's history, listed, kept, shown and put
back from the command line. cli.py registers it; this module is its thin layer over
versions.py, and prints only what the command says."""

from __future__ import annotations

from pathlib import Path

import click

from gfmd_reports.commandline import Command, Count, PathType, argument, echo, option
from gfmd_reports.errors import ReportError, printable, quoted
from gfmd_reports.files import office_lock, os_reason
from gfmd_reports.i18n import _, mark, number
from gfmd_reports.versions import (
    NAMED,
    UnknownVersionError,
    Version,
    VersionHistory,
    read_report,
    said_reason,
)

_REPORT_SUFFIXES = (".yaml", ".yml", ".json")


@click.command(
    "versions",
    cls=Command,
    short_help=mark("List, keep, show or restore the versions of a report file."),
    help=mark(
        "List the versions kept of FILE: its number, when it was kept (local time), why, its "
        "size and its note. The web form keeps one a minute while a draft is edited; keep one "
        "yourself with --save.\n\n"
        "Versions are files in the hidden folder .FILE.versions beside FILE, which a text "
        "editor opens. --restore keeps FILE as it is as a version first: nothing is lost."
    ),
)
@argument("file", type=PathType(path_type=Path, dir_okay=False), metavar=mark("FILE"))
@option("--save", is_flag=True, help=mark("Keep FILE as it is now as a version."))
@option(
    "--note",
    metavar=mark("TEXT"),
    help=mark("With --save: say why, as “Sent to the co-chairs”."),
)
@option(
    "--restore",
    type=Count(min=1),
    metavar=mark("N"),
    help=mark("Put version N back as FILE, keeping FILE as it is as a version first."),
)
@option("--show", type=Count(min=1), metavar=mark("N"), help=mark("Print version N's text."))
def versions_command(
    file: Path, save: bool, note: str | None, restore: int | None, show: int | None
) -> int:
    """Run the one action asked for on FILE's history."""
    chosen = [
        flag
        for flag, given in (("--save", save), ("--restore", restore), ("--show", show))
        if given
    ]
    if len(chosen) > 1:
        raise click.UsageError(
            _("{options}: give one of these at a time", options=", ".join(chosen))
        )
    if note is not None and not save:
        raise click.UsageError(_("--note goes with --save: it is the note of the version kept"))
    _refuse_non_report(file)
    history = VersionHistory(file)
    try:
        if save:
            return _save(history, note)
        if restore is not None:
            return _restore(history, restore)
        if show is not None:
            text = history.read(show).decode("utf-8", "replace")
            echo(text.removesuffix("\n"))
            return 0
        return _list(history)
    except OSError as error:  # the folder gone, or not writable
        place = error.filename or file.parent
        raise ReportError(
            _("{file}: {reason}: nothing was kept or restored", file=place, reason=os_reason(error))
        ) from error


def _save(history: VersionHistory, note: str | None) -> int:
    raw = read_report(history.report)
    if raw is None:
        raise ReportError(
            _("{file}: no such file: give the path of a report file", file=history.report)
        )
    version = history.keep(raw, NAMED, note)
    echo(
        _("{file}: kept as version {number}", file=history.report, number=version.number)
        + (f" ({quoted(printable(version.note))})" if version.note else "")
    )
    return 0


def _restore(history: VersionHistory, wanted: int) -> int:
    lock = office_lock(history.report)
    if lock is not None:
        raise ReportError(
            _(
                "{file} {holder}: not restored: close it first (if nobody has it open, delete "
                "the lock file), or the edits made there would be lost or undone",
                file=history.report,
                holder=lock,
            )
        )
    kept = history.restore(wanted)
    echo(_("{file}: version {number} restored", file=history.report, number=wanted))
    if kept is not None:
        echo(
            _(
                "what it held before is kept as version {number}: "
                "'gfmd-reports versions {file} --restore {number}' puts it back",
                file=history.report,
                number=kept.number,
            )
        )
    return 0


def _list(history: VersionHistory) -> int:
    versions = history.versions()
    if not versions:
        if not history.report.exists():
            raise ReportError(
                _(
                    "{file}: no such file, and no versions of it: give the path of a report file",
                    file=history.report,
                )
            )
        echo(str(UnknownVersionError(history.report, 0, [])))
        return 0
    rows = [(_("VERSION"), _("KEPT"), _("WHY"), _("BYTES"), _("NOTE"))]
    rows += [_row(version) for version in versions]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for *cells, note in rows:
        padded = [
            cell.rjust(width) if column in (0, 3) else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        echo("  ".join(padded) + (f"  {note}" if note else ""))
    return 0


def _row(version: Version) -> tuple[str, str, str, str, str]:
    local = version.saved.astimezone()
    return (
        str(version.number),
        local.strftime("%Y-%m-%d %H:%M:%S"),
        said_reason(version.reason),
        number(version.size),
        version.note or "",
    )


def _refuse_non_report(file: Path) -> None:
    if file.suffix.lower() not in _REPORT_SUFFIXES:
        raise ReportError(
            _(
                "{file}: is not a report file (.yaml, .yml or .json): versions are kept of "
                "report files",
                file=file,
            )
        )
