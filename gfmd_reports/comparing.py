"""``gfmd-reports compare OLD NEW``: the changes between two versions of a report, as a Word
document of tracked changes and a page that marks them (registered in cli.py; written with
the helpers in commandline.py that every command writing outputs shares)."""

from __future__ import annotations

import datetime
import getpass
import os
from pathlib import Path

import click

from gfmd_reports.commandline import (
    Command,
    PathType,
    argument,
    echo,
    option,
    output_folder,
    output_option,
    report_theme,
    source_date,
    write_outputs,
)
from gfmd_reports.errors import ReportError, in_file_order
from gfmd_reports.i18n import _, mark, ngettext
from gfmd_reports.limits import DEFAULT_MEGABYTES, DEFAULT_SECONDS, render_limits
from gfmd_reports.model import Report
from gfmd_reports.themes import DEFAULT_THEME, ThemeError
from gfmd_reports.versions import validate_file_or_version, version_reference

COMPARISON_FORMATS = ("docx", "html")
_LOCKED = mark(
    "{file} {holder}: close it and compare again (if nobody has it open, delete the lock "
    "file); none of the comparison's outputs were written"
)
_NONE_REPLACED = mark("; none of the comparison's outputs were replaced")


@click.command(
    "compare",
    cls=Command,
    short_help=mark("Compare two versions of a report: a DOCX of tracked changes, and HTML."),
    help=mark(
        "Compare two versions of a report, OLD and NEW, and write NEW with every difference "
        "marked: OUTPUT/<NEW's name>-compared.docx, whose differences are Word's tracked "
        "changes (accept or reject them in Word's Review tab), and "
        "OUTPUT/<NEW's name>-compared.html, which shows insertions underlined and deletions "
        "struck through.\n\n"
        "Both files are checked first; nothing is written if either has errors. The comparison "
        "uses NEW's theme and language. Each change is dated SOURCE_DATE_EPOCH if set, else "
        "now, and signed with --author (by default the full name of your account).\n\n"
        "OLD or NEW may be FILE@N: version N of FILE, as `gfmd-reports versions FILE` lists "
        "them (its outputs are then named FILE-vN-compared)."
    ),
)
@argument("old", type=PathType(path_type=Path, dir_okay=False), metavar=mark("OLD"))
@argument("new", type=PathType(path_type=Path, dir_okay=False), metavar=mark("NEW"))
@output_option
@option(
    "--format",
    "formats",
    default=",".join(COMPARISON_FORMATS),
    show_default=True,
    metavar=mark("LIST"),
    help=mark("Formats to write, separated by commas: docx, html."),
)
@option(
    "--author",
    default=None,
    metavar=mark("NAME"),
    help=mark("The name Word shows on each change  [default: your account's full name]"),
)
def compare_command(old: Path, new: Path, output: Path, formats: str, author: str | None) -> int:
    """Validate both versions, compare them, write the outputs together; say what changed."""
    chosen = comparison_formats(formats)
    author = checked_author(author) if author is not None else account_name()
    old_report, new_report = (_valid_report(path, echo) for path in (old, new))
    if old_report is None or new_report is None:
        raise ReportError(_("fix the errors above first: nothing was written"))
    stem = f"{_stem(new)}-compared"
    targets = {format: output / f"{stem}.{format}" for format in chosen}
    for target in targets.values():
        if target.resolve() in {old.resolve(), new.resolve()}:
            raise ReportError(
                _(
                    "{file} would be written over a report compared: choose another --output",
                    file=target,
                )
            )
    try:
        theme = report_theme(None, new_report.theme or DEFAULT_THEME, new.parent, Path.cwd())
    except ThemeError as error:
        for problem in error.problems:
            echo(str(problem), err=True)
        raise ReportError(_("{file}: its theme cannot be used: see above", file=new)) from None
    date = source_date() or datetime.datetime.now(datetime.UTC)
    outputs, said = _compared(old_report, new_report, theme, chosen, author, date)
    created = output_folder(output)
    try:
        written = {targets[format]: data for format, data in outputs.items()}
        write_outputs(written, output, _LOCKED, _NONE_REPLACED)
    except ReportError:
        if created:
            output.rmdir()
        raise
    names = ", ".join(str(target) for target in targets.values())
    echo(_("Wrote {outputs}: {changes}", outputs=names, changes=said[0]))
    for notice in said[1:]:
        echo(notice)
    return 0


def _compared(
    old: Report, new: Report, theme, formats, author: str, date
) -> tuple[dict, list[str]]:
    """The comparison's outputs, within the bounds of a render; its changes counted, and what
    of OLD it shows as NEW's."""
    from gfmd_reports.redline import Revision, compare_pages, redline_docx, relaid, tally

    with render_limits(DEFAULT_SECONDS, DEFAULT_MEGABYTES):
        page = compare_pages(old, new, theme)
        outputs = {"html": page.encode()}
        if "docx" in formats:
            outputs["docx"] = redline_docx(page, theme, Revision(author, date), new)
    said = [changes_said(tally(page)), *relaid_said(relaid(old, new, theme))]
    return {format: outputs[format] for format in formats}, said


def relaid_said(laid_out_as_new) -> list[str]:
    """That OLD was of another kind or language, which the comparison shows as NEW's."""
    said = []
    if laid_out_as_new.kinds:
        old, new = laid_out_as_new.kinds
        said.append(
            _(
                "the older version is of kind {old}: both are shown as kind {new}, the newer "
                "one's, so what only {old} reports print is not compared",
                old=old,
                new=new,
            )
        )
    if laid_out_as_new.languages:
        old, new = laid_out_as_new.languages
        said.append(
            _(
                "the older version is in language {old}: both are shown in {new}, the newer "
                "one's language",
                old=old,
                new=new,
            )
        )
    return said


def changes_said(counts) -> str:
    """“3 insertions, 2 deletions in 4 places”, or that there are none."""
    if not counts.places:
        return _("no changes: both versions print the same text")
    return _(
        "{insertions}, {deletions} in {places}",
        insertions=ngettext("{count} insertion", "{count} insertions", counts.insertions),
        deletions=ngettext("{count} deletion", "{count} deletions", counts.deletions),
        places=ngettext("{count} place", "{count} places", counts.places),
    )


def _valid_report(path: Path, echo) -> Report | None:
    """The report of a file, or None after printing its errors as ``validate`` does."""
    validation = validate_file_or_version(path)
    for problem in in_file_order(validation.problems):
        echo(str(problem), err=True)
    if validation.report is None:
        echo(_("{file}: invalid", file=path), err=True)
    return validation.report


def _stem(path: Path) -> str:
    """The name of a report's outputs; for version N of FILE, FILE's name with -vN."""
    reference = version_reference(path)
    return path.stem if reference is None else f"{reference[0].stem}-v{reference[1]}"


def comparison_formats(formats: str) -> list[str]:
    """The formats an option's comma-separated list names, in the usual order."""
    asked = [name.strip().lower() for name in formats.split(",") if name.strip()]
    unknown = [name for name in asked if name not in COMPARISON_FORMATS]
    if unknown or not asked:
        raise click.BadParameter(
            _(
                "{asked}: choose among {formats}",
                asked=", ".join(unknown) or _("nothing"),
                formats=", ".join(COMPARISON_FORMATS),
            ),
            param_hint="--format",
        )
    return [format for format in COMPARISON_FORMATS if format in asked]


def checked_author(name: str) -> str:
    """An author's name as Word can show it, else a usage error."""
    from gfmd_reports.redline import author_name

    try:
        return author_name(name)
    except ReportError as error:
        raise click.BadParameter(str(error), param_hint="--author") from None


def account_name() -> str:
    """The user's full name from the system's account (its first comma-separated field, as
    finger shows it), else the login name."""
    try:
        import pwd

        entry = pwd.getpwuid(os.getuid())
        full_name = entry.pw_gecos.split(",")[0].strip()
        return checked_author(full_name or entry.pw_name)
    except (ImportError, KeyError, click.BadParameter):
        pass
    try:
        return checked_author(getpass.getuser())
    except (OSError, click.BadParameter):
        raise ReportError(
            _("your account has no name to sign the changes with: give one with --author")
        ) from None
