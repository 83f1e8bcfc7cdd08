"""The ``gfmd-reports`` command: the only module that prints or exits."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import click

from gfmd_reports.errors import ReportError
from gfmd_reports.files import shipped_path, write_new_file
from gfmd_reports.loading import validate_file
from gfmd_reports.model import PLACEHOLDER_MARK, report_json_schema
from gfmd_reports.starter import starter_file
from gfmd_reports.summary import summarize

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=_CONTEXT)
@click.version_option(package_name="gfmd-reports", prog_name="gfmd-reports")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected failure.")
@click.pass_context
def cli(context: click.Context, debug: bool) -> None:
    """Draft rapporteur reports for GFMD-style forums from validated, structured files.

    Start with `gfmd-reports new report.yaml`, fill it in, and check it with
    `gfmd-reports validate report.yaml`.
    """
    context.obj = {"debug": debug}


@cli.command(short_help="Check report files; print errors, warnings and a summary.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> int:
    """Check report files and print every error and warning with its line and field.

    For each valid file, print a summary: kind, sessions, words, and for an oral report the
    estimated speaking time. Exit status: 0 if every file is valid (warnings allowed), 1 if
    any is not, 2 for a usage error.
    """
    all_valid = True
    for path in files:
        validation = validate_file(path)
        for problem in sorted(validation.problems, key=lambda p: (p.line or 0, p.column or 0)):
            click.echo(str(problem))
        errors, warnings = len(validation.errors), len(validation.warnings)
        if validation.report is None:
            all_valid = False
            click.echo(f"{path}: invalid: {_count(errors, 'error')}, {_count(warnings, 'warning')}")
        else:
            remark = f" ({_count(warnings, 'warning')})" if warnings else ""
            click.echo(f"{path}: valid{remark}: {summarize(validation.report)}")
    return 0 if all_valid else 1


@cli.command()
def schema() -> int:
    """Print the JSON Schema of report files.

    Editors use it to check and complete report files as you type: VS Code's YAML extension
    reads the first line `# yaml-language-server: $schema=<path to the schema>`.
    """
    click.echo(report_json_schema(), nl=False)
    return 0


@cli.command(short_help="Write a commented starter report file.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--kind",
    type=click.Choice(["oral", "written"]),
    default="oral",
    show_default=True,
    help="oral: a statement to the plenary; written: a general rapporteur's report.",
)
def new(file: Path, kind: str) -> int:
    """Write a starter report FILE with every field explained in comments.

    The file validates once every FILL IN is replaced (or its optional field deleted).
    An existing file is never overwritten.
    """
    if file.suffix not in {".yaml", ".yml"}:
        raise click.BadParameter("name the file .yaml: the starter file is YAML", param_hint="FILE")
    if not file.parent.is_dir():
        raise ReportError(f"{file}: the folder {file.parent} does not exist: create it first")
    schema_file = shipped_path("schemas/report.schema.json")
    schema_location = Path(os.path.relpath(schema_file, file.parent.resolve())).as_posix()
    try:
        write_new_file(file, starter_file(kind, schema_location).encode())
    except FileExistsError:
        raise ReportError(
            f"{file}: already exists and is left as it is: choose another name"
        ) from None
    except OSError as error:
        raise ReportError(f"{file}: cannot be written: {error.strerror}") from error
    click.echo(f"Wrote {file}: replace every {PLACEHOLDER_MARK}, then run")
    click.echo(f"  gfmd-reports validate {file}")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's); return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=arguments, prog_name="gfmd-reports", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except ReportError as error:
        click.echo(str(error), err=True)
        return 1
    except Exception:
        if "--debug" in arguments:
            traceback.print_exc()
        else:
            click.echo(
                f"gfmd-reports: unexpected failure: {sys.exc_info()[1]!r}\n"
                "This is a bug in gfmd-reports, not in your report. "
                "Run again with --debug for details to report.",
                err=True,
            )
        return 3
    return result if isinstance(result, int) else 0
