"""The ``gfmd-reports`` command: the only module that prints or exits."""

from __future__ import annotations

import os

# Pydantic looks for plugins (observability hooks) by reading the metadata of every installed
# package when the first model is built: in our environment, a third of `validate`'s 0.4 s.
# The command line has no use for them. This must run before the model is imported; a value
# the user has set wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import contextlib
import datetime
import functools
import shlex
import signal
import sys
import threading
import typing
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from gfmd_reports.commandline import (
    Count,
    Group,
    Number,
    Option,
    PathType,
    argument,
    click_speaking,
    echo,
    option,
    output_folder,
    output_option,
    report_theme,
    reporting_file_errors,
    source_date,
    write_outputs,
)
from gfmd_reports.comparing import compare_command
from gfmd_reports.errors import (
    STOPPED_MESSAGE,
    Problem,
    ReportError,
    ReportFileError,
    in_file_order,
)
from gfmd_reports.files import (
    shipped_path,
    write_new_file,
)
from gfmd_reports.formats import FORMATS, Format, load_stages, render_formats
from gfmd_reports.i18n import (
    _,
    current_language,
    language_from_environment,
    mark,
    ngettext,
    speaking,
)
from gfmd_reports.importing_cli import import_command
from gfmd_reports.items import EXPORT_FORMATS, ExportFormat
from gfmd_reports.limits import DEFAULT_MEGABYTES, DEFAULT_SECONDS, MIN_MEGABYTES, render_limits
from gfmd_reports.loading import validate_file
from gfmd_reports.model import PLACEHOLDER_MARK, Report, ReportKind, report_json_schema
from gfmd_reports.starter import StarterKind, starter_file
from gfmd_reports.summary import Summary, summarize, summarize_valid
from gfmd_reports.themes import (
    DEFAULT_THEME,
    ORIGINS,
    ThemeError,
    available_themes,
    found_by_name,
    item_theme_problems,
    problems_rendering,
    theme_from_option,
    theme_places,
    theme_scaffold,
    theme_to_extend,
)
from gfmd_reports.versioning import versions_command
from gfmd_reports.web.server import ServerLimits

if typing.TYPE_CHECKING:
    import logging
    from concurrent.futures import ProcessPoolExecutor

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(
    cls=Group,
    context_settings=_CONTEXT,
    help=mark(
        "Draft rapporteur reports for GFMD-style forums from validated, structured files.\n\n"
        "Start with `gfmd-reports new report.yaml`, fill it in, and check it with "
        "`gfmd-reports validate report.yaml`."
    ),
)
@click.version_option(
    package_name="gfmd-reports",
    prog_name="gfmd-reports",
    cls=Option,
    help=mark("Show the version and exit."),
)
@option("--debug", is_flag=True, help=mark("Show the full traceback of an unexpected failure."))
@click.pass_context
def cli(context: click.Context, debug: bool) -> None:
    """Run a command with the options they share."""
    context.obj = {"debug": debug}


_time_limit_option = option(
    "--time-limit",
    type=Number(min=0, min_open=True),
    default=DEFAULT_SECONDS,
    show_default=True,
    metavar=mark("SECONDS"),
    help=mark("Stop rendering a report that takes longer than this."),
)
_memory_limit_option = option(
    "--memory-limit",
    type=Count(min=MIN_MEGABYTES),
    default=DEFAULT_MEGABYTES,
    show_default=True,
    metavar=mark("MB"),
    help=mark("Stop rendering a report that needs more memory than this."),
)
_formats_option = option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    metavar=mark("LIST"),
    help=mark("Formats to write, separated by commas: html, pdf, docx."),
)

_files_argument = argument(
    "files", nargs=-1, required=True, type=PathType(path_type=Path), metavar=mark("FILES...")
)


@cli.command(
    short_help=mark("Check report files; print errors, warnings and a summary."),
    help=mark(
        "Check report files and print every error and warning with its line and field.\n\n"
        "The theme each report names must be found and word the report's language. For each "
        "valid file, print a summary: kind, sessions, words, and for an oral report the "
        "estimated speaking time of each session and in all, as its reading copy prints them "
        "(the theme's templates run to write it, bounded as in `render`). Exit status: 0 if "
        "every file is valid (warnings allowed), 1 if any is not, 2 for a usage error."
    ),
)
@_files_argument
@_time_limit_option
@_memory_limit_option
def validate(files: tuple[Path, ...], time_limit: float, memory_limit: int) -> int:
    """Validate each file; print its problems and, if it is valid, its summary."""
    all_valid = True
    for path in files:
        validation = validate_file(path)
        problems = problems_rendering(validation, path.parent, Path.cwd())
        summarizer = functools.partial(_summary, path=path, limits=(time_limit, memory_limit))
        summary, problems = summarize_valid(validation, problems, summarizer)
        for problem in problems:
            echo(str(problem))
        errors = sum(problem.severity == "error" for problem in problems)
        warnings = len(problems) - errors
        if errors or summary is None:
            all_valid = False
            echo(_("{file}: invalid: {errors}, {warnings}", file=path, **_counts(errors, warnings)))
        elif warnings:
            counted = ngettext("{count} warning", "{count} warnings", warnings)
            echo(
                _(
                    "{file}: valid ({warnings}): {summary}",
                    file=path,
                    warnings=counted,
                    summary=summary,
                )
            )
        else:
            echo(_("{file}: valid: {summary}", file=path, summary=summary))
    return 0 if all_valid else 1


def _summary(report: Report, path: Path, limits: tuple[float, int]) -> Summary:
    """Summarize a report; an oral one is timed by its theme's templates, within the bounds."""
    theme = report_theme(None, report.theme or DEFAULT_THEME, path.parent, Path.cwd())
    with render_limits(*limits):
        return summarize(report, theme)


@cli.command(
    name="render",
    short_help=mark("Render reports to HTML, PDF and DOCX."),
    help=mark(
        "Render each report FILE to OUTPUT/<file name>.<format>, e.g. out/report.pdf.\n\n"
        "With --as oral, render it as the reading copy an oral report is (larger type, double "
        "spacing, no hyphenation, each session's reading time), introduction and overall "
        "conclusions read too, to OUTPUT/<file name>-oral.<format>: a written report drafted "
        "once gives both.\n\n"
        "Each report is rendered with the theme it names (gfmd if none), looked up in "
        "templates/ beside the report, then in templates/ of the current folder, then in the "
        "user's config folder, then among the built-in themes (as `themes list` shows them). "
        "Many files are rendered at once across the cores (--jobs). A file with errors, or "
        "that cannot be rendered, is reported at the end and skipped; the others are still "
        "rendered (exit status 1 if any was not). Each output is written whole or not at "
        "all: an existing output is replaced only by a complete new one. A report's outputs "
        "are written together once all are rendered, so they always match; a document open "
        "in LibreOffice or Word is left alone, and so are the report's other outputs. Set "
        "SOURCE_DATE_EPOCH (seconds since 1970) to date the PDF and DOCX; without it they "
        "carry no date, and the same report always gives the same files."
    ),
)
@_files_argument
@_formats_option
@output_option
@option(
    "--theme",
    "theme_name",
    default=None,
    metavar=mark("NAME|PATH"),
    help=mark(
        "Render with this theme instead of the one each report names: a theme's name, "
        "found as `themes list` shows, or the path of a theme folder (with a /)."
    ),
)
@option(
    "--jobs",
    type=Count(min=1),
    default=None,
    metavar="N",
    help=mark("Reports rendered at once, each in a process of its own  [default: all cores]"),
)
@option(
    "--as",
    "as_kind",
    type=click.Choice(["oral"]),
    default=None,
    help=mark(
        "Render each report as an oral reading copy, whatever its kind, to "
        "OUTPUT/<file name>-oral.<format>, beside the report's own outputs."
    ),
)
@_time_limit_option
@_memory_limit_option
def render_command(
    files: tuple[Path, ...],
    formats: str,
    output: Path,
    theme_name: str | None,
    jobs: int | None,
    as_kind: ReportKind | None,
    time_limit: float,
    memory_limit: int,
) -> int:
    """Render every file with its theme, in worker processes; report each outcome."""
    _show_warnings_of_libraries()
    chosen = _chosen_formats(formats)
    files = tuple({path.resolve(): path for path in files}.values())  # each report once
    if theme_name:  # an unknown or broken theme stops all before it starts
        for folder in dict.fromkeys(path.parent for path in files):
            theme_from_option(theme_name, folder, Path.cwd())
    _refuse_shared_outputs(files, chosen, output, as_kind)
    created = output_folder(output)
    limits, modified = (time_limit, memory_limit), source_date()
    language = current_language()
    tasks = [
        _RenderTask(path, tuple(chosen), output, theme_name, modified, limits, as_kind, language)
        for path in files
    ]
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    try:
        outcomes = _render_all(tasks, workers)
    finally:
        if created:
            with contextlib.suppress(OSError):  # only if nothing was written into it
                output.rmdir()
    failed = 0
    for outcome in outcomes:
        for line in outcome.problems:
            echo(line, err=True)
        if outcome.written:
            echo(
                _("{file}: wrote {outputs}", file=outcome.path, outputs=", ".join(outcome.written))
            )
        else:
            failed += 1
            message = _("{file}: not rendered: {reason}", file=outcome.path, reason=outcome.failure)
            echo(message, err=True)
    if failed and len(tasks) > 1:
        click.echo(
            ngettext(
                "{count} of {total} reports not rendered (see above)",
                "{count} of {total} reports not rendered (see above)",
                failed,
                total=len(tasks),
            ),
            err=True,
        )
    return 1 if failed else 0


def _chosen_formats(formats: str) -> list[Format]:
    """The formats an option's comma-separated list names, in the usual order."""
    asked = [name.strip().lower() for name in formats.split(",") if name.strip()]
    unknown = [name for name in asked if name not in FORMATS]
    chosen = [format for format in FORMATS if format in asked]
    if unknown or not chosen:
        asked_for = ", ".join(unknown) or _("nothing")
        raise click.BadParameter(
            _("{asked}: choose among {formats}", asked=asked_for, formats=", ".join(FORMATS)),
            param_hint="--format",
        )
    return chosen


@dataclass(frozen=True)
class _RenderTask:
    path: Path
    formats: tuple[Format, ...]
    output: Path
    theme_name: str | None
    modified: datetime.datetime | None
    limits: tuple[float, int]
    kind: ReportKind | None
    """Another kind to render the report as (``render --as``)."""
    language: str
    """The language to say its problems in: a worker process does not share the command's."""


@dataclass(frozen=True)
class _RenderOutcome:
    path: Path
    problems: list[str]
    written: list[str]
    failure: str | None = None


def _render_all(tasks: list[_RenderTask], workers: int) -> list[_RenderOutcome]:
    """Render every task, in worker processes when more than one, with a progress bar on a
    terminal; return the outcomes in the order of the tasks."""
    with contextlib.ExitStack() as stack:
        results: Iterator[_RenderOutcome] = map(_render_file, tasks)
        if workers > 1:
            in_processes = _render_in_processes(tasks, workers)
            stack.callback(in_processes.close)  # on an interrupt, the pool is shut down
            results = in_processes
        if len(tasks) > 1 and sys.stderr.isatty():
            bar = stack.enter_context(
                click.progressbar(results, length=len(tasks), label=_("Rendering"), file=sys.stderr)
            )
            return list(bar)
        return list(results)


def _render_in_processes(
    tasks: list[_RenderTask], workers: int
) -> Generator[_RenderOutcome, None, None]:
    """Render tasks in a pool of worker processes; yield their outcomes in order.

    A worker that dies (the system's out-of-memory killer, say) breaks the whole pool, and
    every report not yet done with it: each of those is rendered again on its own, so that
    only the report that kills its process fails, and every output written is reported.
    """
    from concurrent.futures.process import BrokenProcessPool

    if _WORKERS_FORKED:
        load_stages(tasks[0].formats)
    pool = _worker_pool(workers)
    try:
        futures = [pool.submit(_render_file, task) for task in tasks]
        for task, future in zip(tasks, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool:
                yield _render_alone(task)
    finally:
        # On an interrupt, reports not yet started are dropped; those under way finish whole.
        pool.shutdown(wait=True, cancel_futures=True)


def _render_alone(task: _RenderTask) -> _RenderOutcome:
    """Render a task in a process of its own, to tell whether it is the one that ends it."""
    from concurrent.futures.process import BrokenProcessPool

    with _worker_pool(1) as pool:
        try:
            return pool.submit(_render_file, task).result()
        except BrokenProcessPool:
            return _RenderOutcome(
                task.path,
                [],
                [],
                _(
                    "the process rendering it ended abruptly (the system may have stopped it for "
                    "want of memory): render it again on its own, with a lower --memory-limit to "
                    "have it stopped with a message instead"
                ),
            )


_WORKERS_FORKED = sys.platform.startswith("linux")
"""Whether worker processes are forked from the command's process, with the renderers it has
loaded: on Linux (macOS's system libraries are not safe to fork; there, workers start anew)."""


def _worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes that leave interrupts to this one."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork") if _WORKERS_FORKED else None,
        initializer=_leave_interrupts_to_parent,
    )


def _leave_interrupts_to_parent() -> None:
    """In a worker: ignore Ctrl-C, which the whole process group receives; the parent stops."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_file(task: _RenderTask) -> _RenderOutcome:
    """Validate, render and write one report, speaking the command's language; a user's
    mistake becomes its failure."""
    with speaking(task.language):
        return _render_and_write(task)


def _render_and_write(task: _RenderTask) -> _RenderOutcome:
    validation = validate_file(task.path)
    problems = [str(problem) for problem in in_file_order(validation.problems)]
    if validation.report is None:
        return _RenderOutcome(task.path, problems, [], _("fix the errors above first"))
    report = validation.report
    try:
        theme = report_theme(
            task.theme_name, report.theme or DEFAULT_THEME, task.path.parent, Path.cwd()
        )
        if unlisted := item_theme_problems(validation, report, theme):
            problems += [str(problem) for problem in unlisted]
            return _RenderOutcome(task.path, problems, [], _("fix the errors above first"))
        with render_limits(*task.limits):
            rendered = render_formats(report, task.formats, theme, task.modified, task.kind)
        stem = _output_stem(task.path, task.kind)
        outputs = {task.output / f"{stem}.{format}": data for format, data in rendered.items()}
        write_outputs(outputs, task.output, _REPORT_LOCKED, _NONE_REPLACED)
    except ThemeError as error:
        problems += [str(problem) for problem in error.problems]
        return _RenderOutcome(task.path, problems, [], _("its theme cannot be used: see above"))
    except ReportError as error:
        return _RenderOutcome(task.path, problems, [], str(error))
    return _RenderOutcome(task.path, problems, [str(target) for target in outputs])


_NONE_REPLACED = mark("; none of this report's outputs were replaced")
_COMPILATION_NONE_REPLACED = mark("; none of the compilation's outputs were replaced")
_REPORT_LOCKED = mark(
    "{file} {holder}: close it and render again (if nobody has it open, delete the lock "
    "file); none of this report's outputs were written"
)
_COMPILATION_LOCKED = mark(
    "{file} {holder}: close it and compile again (if nobody has it open, delete the lock "
    "file); none of the compilation's outputs were written"
)


def _output_stem(path: Path, kind: ReportKind | None) -> str:
    """The name of a report's outputs: the file's, and for a copy as another kind, the kind's
    as well (report-oral.pdf), so that it never replaces the report's own outputs."""
    return f"{path.stem}-{kind}" if kind else path.stem


def _refuse_shared_outputs(
    files: Sequence[Path], formats: Sequence[str], output: Path, kind: ReportKind | None
) -> None:
    """Stop before rendering if two reports would be written to the same output files, or an
    output would replace one of the report files themselves."""
    by_stem: dict[str, list[Path]] = {}
    for path in files:
        by_stem.setdefault(_output_stem(path, kind), []).append(path)
    for stem, paths in by_stem.items():
        if len(paths) > 1:
            raise ReportError(
                _(
                    "{files} would be written to the same files, {outputs}.*: rename one of "
                    "them, or render them with different --output folders",
                    files=_(" and ").join(map(str, paths)),
                    outputs=output / stem,
                )
            )
    inputs = {path.resolve() for path in files}
    for path in files:
        for format in formats:
            if (output / f"{_output_stem(path, kind)}.{format}").resolve() in inputs:
                raise ReportError(
                    _(
                        "{file}: rendering it to {folder} would overwrite a report file with its "
                        "{format} output: name report files .yaml, or choose another --output",
                        file=path,
                        folder=output,
                        format=format.upper(),
                    )
                )


@cli.command(
    "compile",
    short_help=mark("Compile reports into one Chair's Report: HTML, PDF, DOCX."),
    help=mark(
        "Compile a forum's reports into one document: a cover, contents, a chapter per "
        "round table with its reports in order, and an annex of every conclusion and "
        "recommendation with its identifier.\n\n"
        "FILES are report files, or one compilation file (kind: compilation) that lists the "
        "reports, the foreword, the executive summary and the annexes. Every report must be "
        "valid: every problem of every report is printed, and nothing is written. The "
        "outputs are named after the compilation file (compilation.* for report files)."
    ),
)
@_files_argument
@option(
    "--title",
    default=None,
    metavar=mark("TEXT"),
    help=mark("The cover's title, instead of the compilation file's or the theme's."),
)
@_formats_option
@output_option
@_time_limit_option
@_memory_limit_option
def compile_command(
    files: tuple[Path, ...],
    title: str | None,
    formats: str,
    output: Path,
    time_limit: float,
    memory_limit: int,
) -> int:
    """Compile the reports into one document in each format; write them together."""
    from gfmd_reports.compiling import compile_formats, gather, output_stem

    _show_warnings_of_libraries()
    chosen = _chosen_formats(formats)
    try:
        gathered = gather(files, title)
    except ReportFileError as error:
        for problem in error.problems:
            echo(str(problem), err=True)
        errors = sum(problem.severity == "error" for problem in error.problems)
        echo(_("not compiled: {errors}; nothing was written", **_counts(errors, 0)), err=True)
        return 1
    for problem in gathered.warnings:
        echo(str(problem), err=True)
    with render_limits(time_limit, memory_limit):
        rendered = compile_formats(gathered, chosen, source_date())
    created = output_folder(output)
    stem = output_stem(files)
    outputs = {output / f"{stem}.{format}": data for format, data in rendered.items()}
    try:
        write_outputs(outputs, output, _COMPILATION_LOCKED, _COMPILATION_NONE_REPLACED)
    except ReportError:
        if created:
            with contextlib.suppress(OSError):
                output.rmdir()
        raise
    echo(_("wrote {outputs}", outputs=", ".join(map(str, outputs))))
    return 0


@cli.command(
    name="export",
    short_help=mark("Export reports' conclusions and recommendations as JSON, CSV or XLSX."),
    help=mark(
        "Write one row per conclusion, recommendation and overall conclusion of the report "
        "FILES: id, type, text (plain), report, forum, year, roundtable, session, language, "
        "theme, GCM objectives, SDG targets and actors.\n\n"
        "The reports are validated first, with their themes: if any has an error, or an id "
        "is used in two reports, every problem is printed and nothing is written (exit "
        "status 1). JSON follows schemas/export.schema.json; CSV is UTF-8 with a byte order "
        "mark, lists joined by “; ”; XLSX is an Excel workbook. The output is written whole "
        "or not at all."
    ),
)
@_files_argument
@option(
    "--format",
    "format_name",
    type=click.Choice(EXPORT_FORMATS),
    default=None,
    help=mark("json, csv or xlsx; by default the --output file's own."),
)
@option(
    "-o",
    "--output",
    type=PathType(path_type=Path),
    default=None,
    metavar=mark("PATH"),
    help=mark(
        "A file named .json, .csv or .xlsx, or a folder to write <file name>-items.<format> "
        "(items.<format> for several reports) into  [default: out]"
    ),
)
def export_command(
    files: tuple[Path, ...], format_name: ExportFormat | None, output: Path | None
) -> int:
    """Validate the reports (a compilation file's too) and write their items, or print why not."""
    from gfmd_reports.export import (
        export_target,
        exported,
        gather_files,
        listed_reports,
        problems_in_order,
        write_export,
    )

    try:
        target, format = export_target(output, format_name, files)
    except ReportError as error:
        raise click.UsageError(str(error)) from error
    try:
        reports = listed_reports(files)
    except ReportFileError as error:
        return _refused_export(error.problems)
    gathered = gather_files(reports, Path.cwd())
    if gathered.failed:
        return _refused_export(gathered.problems)
    for problem in problems_in_order(gathered.problems):
        echo(str(problem), err=True)
    with reporting_file_errors(target, "written"):
        write_export(exported(gathered.records, format), target, [*files, *reports])
    count = ngettext("{count} item", "{count} items", len(gathered.records))
    counted = ngettext("{count} report", "{count} reports", len(reports))
    echo(_("wrote {file}: {items} from {reports}", file=target, items=count, reports=counted))
    return 0


def _refused_export(problems: list[Problem]) -> int:
    from gfmd_reports.export import problems_in_order

    for problem in problems_in_order(problems):
        echo(str(problem), err=True)
    echo(_("nothing exported: correct the errors above first"), err=True)
    return 1


cli.add_command(versions_command)
cli.add_command(import_command)


@cli.group(
    short_help=mark("List the themes reports can use, or start your forum's own."),
    help=mark("List the themes reports can use, or start a theme for your forum."),
)
def themes() -> None:
    """Group the commands about themes."""


@themes.command(
    name="list",
    short_help=mark("List the themes a report in this folder can name."),
    help=mark(
        "List every theme a report in this folder (or REPORT) can name, or render with "
        "--theme NAME: its parent, where it was found, and whether it can be used.\n\n"
        "Themes are looked up in this order, the first found winning: templates/ beside "
        "REPORT, templates/ in this folder, the user's config folder, the built-in themes. A "
        "theme that cannot be used is listed with every problem of its files; the exit status "
        "is then 1."
    ),
)
@argument(
    "report",
    required=False,
    type=PathType(path_type=Path, dir_okay=False),
    metavar=mark("[REPORT]"),
)
def list_themes(report: Path | None) -> int:
    """List the themes found from here, with those that cannot be used and why."""
    places = theme_places(report.parent if report else None, Path.cwd())
    found = available_themes(report.parent if report else None, Path.cwd())
    rows = [(_("NAME"), _("EXTENDS"), _("FOUND"), _("FOLDER"))]
    for entry in found:
        origin = _(ORIGINS[entry.origin])
        if entry.theme is None:
            folder = _("{folder}  (cannot be used)", folder=entry.folder)
            rows.append((entry.name, "?", origin, folder))
        else:
            rows.append(
                (entry.name, entry.theme.settings.extends or "-", origin, str(entry.folder))
            )
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for *cells, folder in rows:
        padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        echo("  ".join(padded) + "  " + folder)
    looked_in = ", ".join(str(place.absolute()) for _origin, place in places)
    echo("\n" + _("Looked in: {places}", places=looked_in))
    for entry in found:
        if entry.error is not None:
            message = _("Theme '{name}' cannot be used:", name=entry.name)
            echo(f"\n{message}\n{entry.error}", err=True)
    return 1 if any(entry.error for entry in found) else 0


@themes.command(
    name="new",
    help=mark("Create a documented theme NAME that extends another, ready to edit."),
)
@argument("name", metavar=mark("NAME"))
@option(
    "--extends",
    "parent_name",
    default=DEFAULT_THEME,
    show_default=True,
    metavar=mark("NAME|PATH"),
    help=mark("The theme to start from: a name that `themes list` shows, or its folder's path."),
)
@option(
    "--dir",
    "folder",
    type=PathType(path_type=Path, file_okay=False),
    default=Path("templates"),
    show_default=True,
    metavar=mark("FOLDER"),
    help=mark(
        "Where to create the theme's folder; templates/ beside your reports lets them name it."
    ),
)
def new_theme(name: str, parent_name: str, folder: Path) -> int:
    """Write the files of a new theme, and say how to try it."""
    parent = theme_to_extend(parent_name, Path.cwd())
    files = theme_scaffold(name, parent)
    target = folder / name
    with reporting_file_errors(target, "created"):
        target.mkdir(parents=True)
    for file_name, text in files.items():
        with reporting_file_errors(target / file_name, "written"):
            write_new_file(target / file_name, text.encode())
    echo(
        _(
            "Created theme '{name}' in {folder}, extending '{parent}':",
            name=name,
            folder=target,
            parent=parent.name,
        )
    )
    for file_name in files:
        echo(f"  {target / file_name}")
    echo(_next_steps(name, target))
    return 0


def _next_steps(name: str, target: Path) -> str:
    """Say how to try a new theme, in commands that work as printed from this folder."""
    try_it = _("Edit its files, then try it on a report:")
    report = _("report.yaml")
    if found_by_name(name, target, Path.cwd()):
        return f"{try_it}\n  gfmd-reports render --theme {name} {report}\n" + _(
            "A report in this folder, or rendered from it, can name it: theme: {name}", name=name
        )
    config = next(place for origin, place in theme_places() if origin == "user config")
    return f"{try_it}\n  gfmd-reports render --theme {shlex.quote(str(target))} {report}\n" + _(
        "For a report to name it (theme: {name}), move the folder into templates/ beside the "
        "report or in the folder you render from, or into {folder}",
        name=name,
        folder=config,
    )


@cli.command(
    short_help=mark("Start the web form for drafting reports."),
    help=mark(
        "Start the local web application in which rapporteurs draft their reports.\n\n"
        "Drafts are saved as they are typed, as YAML files in the drafts folder, the same "
        "files `validate` and `render` read. The API is documented at /api/docs. Renders wait "
        "in a bounded queue (503 with Retry-After beyond it) and stop when their client "
        "leaves; a request must arrive within --request-timeout; on Ctrl-C or SIGTERM, "
        "requests still running are stopped after 3 s."
    ),
)
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar=mark("ADDRESS"),
    help=mark("Address to listen on; any other than this machine's needs a token."),
)
@option(
    "--port",
    default=8000,
    show_default=True,
    type=Count(1, 65535),
    metavar=mark("NUMBER"),
    help=mark("Port to listen on."),
)
@option(
    "--drafts",
    "folder",
    type=PathType(path_type=Path, file_okay=False),
    default=Path("drafts"),
    show_default=True,
    metavar=mark("FOLDER"),
    help=mark("Folder of the drafts (YAML report files); created if missing."),
)
@option(
    "--token",
    default=None,
    metavar=mark("TOKEN"),
    help=mark(
        "Access token required on every request for data; generated when serving beyond "
        "this machine without one."
    ),
)
@option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar=mark("NAME"),
    help=mark(
        "Another name the server may be reached by (repeat for more); it answers only to the "
        "address it listens on (and, on this machine's, to localhost), so that a web page "
        "cannot reach it by renaming itself in DNS."
    ),
)
@option(
    "--request-timeout",
    default=ServerLimits.request_seconds,
    show_default=True,
    type=Number(1, 3600),
    metavar=mark("SECONDS"),
    help=mark(
        "Seconds within which a request (head and body) must arrive; a connection that "
        "sends none is closed."
    ),
)
@option(
    "--max-connections",
    default=ServerLimits.connections,
    show_default=True,
    type=Count(10, 100_000),
    metavar="N",
    help=mark("Connections and requests served at once; beyond, requests get 503."),
)
@_time_limit_option
@_memory_limit_option
def serve(
    host: str,
    port: int,
    folder: Path,
    token: str | None,
    allowed_hosts: tuple[str, ...],
    request_timeout: float,
    max_connections: int,
    time_limit: float,
    memory_limit: int,
) -> int:
    """Serve the drafting form on ``host`` until stopped."""
    _show_warnings_of_libraries()
    from gfmd_reports.web.app import create_app
    from gfmd_reports.web.guard import LOOPBACK_NAMES
    from gfmd_reports.web.rendering import BoundedRenderer
    from gfmd_reports.web.server import serve as serve_app

    if token is not None and not token.strip():
        raise click.BadParameter(
            _(
                "is empty (an unset shell variable?): give a token, or leave --token out to "
                "have one generated"
            ),
            param_hint="'--token'",
        )
    if token is None and not _is_loopback(host):
        import secrets

        token = secrets.token_urlsafe(24)
    with reporting_file_errors(folder, "created"):
        folder.mkdir(parents=True, exist_ok=True)
    hosts = {host, *allowed_hosts, *(LOOPBACK_NAMES if _is_loopback(host) else ())}
    address = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    address += f"#token={token}" if token else ""
    renderer = BoundedRenderer(seconds=time_limit, megabytes=memory_limit)
    app = create_app(folder, token, renderer, hosts)
    limits = ServerLimits(request_seconds=request_timeout, connections=max_connections)

    def announce() -> None:
        """Give the address once it answers: its render workers are ready first."""
        click.echo(_("Drafting reports at {address}", address=address))
        click.echo(_("Drafts are saved in {folder}. Stop with Ctrl-C.", folder=folder.resolve()))

    serve_app(app, host, port, limits, announce, renderer.close)
    return 0


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@cli.command(
    help=mark(
        "Print the JSON Schema of report files (with --compilation, of compilation files; "
        "with --export, of the JSON `export` writes).\n\n"
        "Editors use it to check and complete report files as you type: VS Code's YAML "
        "extension reads the first line `# yaml-language-server: $schema=<path to the schema>`."
    )
)
@option(
    "--compilation",
    is_flag=True,
    help=mark("Print the schema of compilation files (kind: compilation) instead."),
)
@option(
    "--export",
    "of_export",
    is_flag=True,
    help=mark("Print the JSON Schema of the JSON that `export` writes instead."),
)
def schema(compilation: bool, of_export: bool) -> int:
    """Print the schema as it is checked in."""
    if compilation:
        from gfmd_reports.compilation import compilation_json_schema

        click.echo(compilation_json_schema(), nl=False)
    else:
        if of_export:
            from gfmd_reports.export import export_json_schema

            click.echo(export_json_schema(), nl=False)
        else:
            click.echo(report_json_schema(), nl=False)
    return 0


@cli.command(
    short_help=mark("Write a commented starter report file."),
    help=mark(
        "Write a starter report FILE with every field explained in comments.\n\n"
        "The file validates once every FILL IN is replaced (or its optional field deleted). "
        "An existing file is never overwritten."
    ),
)
@argument("file", type=PathType(path_type=Path, dir_okay=False), metavar=mark("FILE"))
@option(
    "--kind",
    type=click.Choice([*typing.get_args(ReportKind), "compilation"]),
    default="oral",
    show_default=True,
    help=mark(
        "oral: read to the plenary; session: a written report on one session; "
        "general: a general rapporteur's written report on a roundtable's sessions; "
        "compilation: the list of reports, front matter and annexes of a Chair's Report."
    ),
)
def new(file: Path, kind: StarterKind) -> int:
    """Write the starter file of a kind of report, never over an existing file."""
    if file.suffix not in {".yaml", ".yml"}:
        raise click.BadParameter(
            _("name the file .yaml: the starter file is YAML"), param_hint=_("FILE")
        )
    if not file.parent.is_dir():
        raise ReportError(
            _(
                "{file}: the folder {folder} does not exist: create it first",
                file=file,
                folder=file.parent,
            )
        )
    compilation = kind == "compilation"
    schema_file = shipped_path(f"schemas/{'compilation' if compilation else 'report'}.schema.json")
    schema_location = Path(os.path.relpath(schema_file, file.parent.resolve())).as_posix()
    with reporting_file_errors(file, "written"):
        write_new_file(file, starter_file(kind, schema_location).encode())
    echo(
        _(
            "Wrote {file}: replace every {placeholder}, then run",
            file=file,
            placeholder=PLACEHOLDER_MARK,
        )
    )
    echo(f"  gfmd-reports {'compile' if compilation else 'validate'} {file}")
    return 0


cli.add_command(compare_command)


def _counts(errors: int, warnings: int) -> dict[str, str]:
    """Say how many errors and warnings a file has, as values of a message."""
    return {
        "errors": ngettext("{count} error", "{count} errors", errors),
        "warnings": ngettext("{count} warning", "{count} warnings", warnings),
    }


def _show_warnings_of_libraries() -> None:
    """Print WeasyPrint's warnings (bad CSS in a theme, say) with the tool's own output.

    Logging policy: warnings and errors of the libraries that render are printed on stderr;
    their informational messages are not. Only this module configures logging, and only for
    the commands that render: the others do not load it.
    """
    import logging

    handler = _library_warnings()
    for name in ("weasyprint", "fontTools"):
        library = logging.getLogger(name)
        library.setLevel(logging.WARNING)
        if handler not in library.handlers:
            library.addHandler(handler)


@functools.cache
def _library_warnings() -> logging.Handler:
    """The handler that prints log records on whatever stderr is at the time, as the rest of
    the output is."""
    import logging

    class ToStderr(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            echo(self.format(record), err=True)

    handler = ToStderr(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(name)s: %(message)s"))
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's); return the exit status.

    Ctrl-C and SIGTERM stop the command with a message while it runs; the handlers the
    caller had are restored afterwards.
    """
    return _run(argv, when_done=None)


def run_command(arrived: list[int]) -> int:
    """Run this process's command line, as the ``gfmd-reports`` script does; ``arrived``
    holds the signals that came while it was loading, and stop it at once.

    Once the command is done, signals are ignored: one arriving as the process exits cannot
    change its status or print a traceback.
    """
    status = _run(None, when_done=signal.SIG_IGN, arrived=arrived)
    _forget_handled_interrupts()
    return status


def _forget_handled_interrupts() -> None:
    """Keep a handled Ctrl-C from ending the process by the signal after all.

    CPython remembers a KeyboardInterrupt that left any exec() of a string (dataclasses and
    namedtuples make such calls while modules load, and rendering loads modules) as
    unhandled, even when the command caught it, and under ``python -m`` kills the process
    with SIGINT at exit instead of returning its status. One exec() of a string clears that.
    """
    exec("pass")


_STOPPING = (signal.SIGINT, signal.SIGTERM)


def _run(
    argv: Sequence[str] | None, when_done: signal.Handlers | None, arrived: Sequence[int] = ()
) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # The command's language ends with it: a caller running commands in-process keeps its own.
    with speaking(language_from_environment()):
        try:
            with _signals_stop_the_command(when_done):
                if arrived:
                    raise KeyboardInterrupt
                return _command_status(arguments)
        except KeyboardInterrupt:  # before the command ran, or while a failure was reported
            click.echo(_(STOPPED_MESSAGE), err=True)
            return 130


@contextmanager
def _signals_stop_the_command(when_done: signal.Handlers | None) -> Iterator[None]:
    """Turn the first Ctrl-C or SIGTERM (`kill`) into an orderly stop, as KeyboardInterrupt:
    files being written are removed, outputs already in place stay as they were. Later
    signals are ignored, so that the stop itself is never interrupted. A signal ignored
    when the command starts (a background job's Ctrl-C) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals go to the main thread only: its caller handles them
        return
    stopping = False

    def stop(signal_number: int, frame: object) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            raise KeyboardInterrupt

    previous = {number: signal.getsignal(number) for number in _STOPPING}
    for number, handler in previous.items():
        if handler != signal.SIG_IGN:
            signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler != signal.SIG_IGN:
                signal.signal(number, handler if when_done is None else when_done)


def _command_status(arguments: list[str]) -> int:
    """Run the command; turn every way it can end into an exit status and a message."""
    try:
        with click_speaking():
            result = cli.main(args=arguments, prog_name="gfmd-reports", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        with click_speaking():
            error.show()
        return error.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo(_(STOPPED_MESSAGE), err=True)
        return 130
    except ReportError as error:
        echo(str(error), err=True)
        return 1
    except Exception:
        if "--debug" in arguments:
            import traceback

            traceback.print_exc()
        else:
            click.echo(
                _(
                    "gfmd-reports: unexpected failure: {failure}\n"
                    "This is a bug in gfmd-reports, not in your report. "
                    "Run again with --debug for details to report.",
                    failure=repr(sys.exc_info()[1]),
                ),
                err=True,
            )
        return 3
    return result if isinstance(result, int) else 0
