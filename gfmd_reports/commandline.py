"""The command line's building blocks, speaking the language of the run: click's own words
(“Usage:”, “Error: No such option”) from the interface's catalogue, and help texts written in
English where the commands are defined, at import, but said when click shows them; and what
every command that writes outputs shares (the terminal, the theme, the date, the outputs
written together).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gettext
import os
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from gfmd_reports import i18n
from gfmd_reports.errors import ReportError, printable
from gfmd_reports.files import (
    folder_locked,
    office_lock,
    os_reason,
    remove_stale_temporaries,
    replace_files_together,
)
from gfmd_reports.i18n import _, mark, mark_plural
from gfmd_reports.themes import Theme, load_theme, theme_from_option


class Said:
    """An attribute of a click object (a help text, a metavar, a type's name) that is set in
    English and read in the language of the run: click sets these when the commands are
    defined, before the language is known, and reads them only to show them."""

    def __init__(self, english: str | None = None) -> None:
        self._default = english

    def __set_name__(self, owner: type, name: str) -> None:
        self._key = f"_english_{name}"

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        english = instance.__dict__.get(self._key, self._default)
        return i18n.gettext(english) if english else english

    def __set__(self, instance: object, value: str | None) -> None:
        instance.__dict__[self._key] = value


class Option(click.Option):
    """An option whose help and metavar are said in the language of the run."""

    help = Said()
    metavar = Said()


class Argument(click.Argument):
    """An argument whose metavar (FILES in “Missing argument 'FILES...'”) is said likewise."""

    metavar = Said()


class Command(click.Command):
    """A command whose help, its summary and its usage's [OPTIONS] are said likewise."""

    help = Said()
    short_help = Said()
    options_metavar = Said()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """The help option, which click words once per command, worded for this run."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = i18n.gettext(_SHOW_HELP)
        return option


class Group(click.Group, Command):
    """A group of commands, said likewise, whose commands and groups are too."""

    subcommand_metavar = Said()
    command_class = Command
    group_class = type  # a group's groups are of this class


_SHOW_HELP = mark("Show this message and exit.")

option = functools.partial(click.option, cls=Option)
argument = functools.partial(click.argument, cls=Argument)


class Count(click.IntRange):
    """A whole number within bounds, named so in messages (“'x' is not a valid whole
    number.”)."""

    name = Said(mark("whole number"))


class Number(click.FloatRange):
    """A number within bounds, named so in messages."""

    name = Said(mark("number"))


class PathType(click.Path):
    """A path, its kind (“File 'x' is a directory.”) named in the language of the run."""

    name = Said()


@contextlib.contextmanager
def click_speaking() -> Iterator[None]:
    """Let click say its own words in the current language within the block.

    Click asks the standard library's gettext for them (``from gettext import gettext as _``
    in each of its modules), which looks up the translations of the default domain with
    ``gettext.translation`` whenever a word is said. The standard library has no public way
    to hand it a translations object other than a compiled .mo file, found through the
    environment rather than the language of the run; so for the command's run, that one
    lookup answers the default domain with ``ClickTranslations``, and every other domain as
    before. Click's modules are left alone.
    """
    lookup = gettext.translation

    def translation(domain: str, localedir: str | None = None, *args: Any, **kwargs: Any):
        if domain == gettext.textdomain() and localedir is None:
            return ClickTranslations()
        return lookup(domain, localedir, *args, **kwargs)

    gettext.translation = translation  # type: ignore[assignment]
    try:
        yield
    finally:
        gettext.translation = lookup


class ClickTranslations(gettext.NullTranslations):
    """Click's words from the interface's catalogue, in the current language; click fills
    their values in itself."""

    def gettext(self, message: str) -> str:
        return i18n.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return i18n.plural_form(msgid1, msgid2, n)


CLICK_DEFAULTS = (mark("[OPTIONS]"), mark("COMMAND [ARGS]..."))
"""Click's words for the usage line, which it writes as they are: ``Said`` says them."""

CLICK_MESSAGES = (
    _SHOW_HELP,
    mark("Usage:"),
    mark("Options"),
    mark("Commands"),
    mark("Positional arguments"),
    mark("Show the version and exit."),
    mark("%(prog)s, version %(version)s"),
    mark("Aborted!"),
    mark("Error: {message}"),
    mark("Try '{command} {option}' for help."),
    mark("Missing command."),
    mark("Missing argument"),
    mark("Missing option"),
    mark("Missing parameter"),
    mark("Missing {param_type}"),
    mark("Missing parameter: {param_name}"),
    mark("No such option {name!r}."),
    mark("No such command {name!r}."),
    mark("Invalid value: {message}"),
    mark("Invalid value for {param_hint}: {message}"),
    mark("Option {name!r} does not take a value."),
    mark("Argument {name!r} takes {nargs} values."),
    mark("Invalid start character for option ({option})"),
    mark("env var: {var}"),
    mark("default: {default}"),
    mark("required"),
    mark("(dynamic)"),
    mark("deprecated"),
    mark("d"),
    mark("Value must be an iterable."),
    mark("{value!r} is not a valid {number_type}."),
    mark("{value} is not in the range {range}."),
    mark("{value!r} is not a valid boolean. Recognized values: {states}"),
    mark("{value!r} is not a valid UUID."),
    mark("Choose from:\n\t{choices}"),
    mark("Choice({choices})"),
    mark("file"),
    mark("directory"),
    mark("path"),
    mark("{name} {filename!r} does not exist."),
    mark("{name} {filename!r} is a file."),
    mark("{name} {filename!r} is a directory."),
    mark("{name} {filename!r} is not readable."),
    mark("{name} {filename!r} is not writable."),
    mark("{name} {filename!r} is not executable."),
    mark("Could not open file {filename!r}: {message}"),
    mark("unknown error"),
    mark("Do you want to continue?"),
    mark("Confirm the action without prompting."),
    mark("Repeat for confirmation"),
    mark("Error: The two entered values do not match."),
    mark("Error: invalid input"),
    mark("Press any key to continue..."),
    mark("Unknown color {colour!r}"),
    mark("Unknown standard stream '{name}'"),
    mark("{editor}: Editing failed"),
    mark("{editor}: Editing failed: {e}"),
    mark("Windows error: {error}"),
    mark("Shell completion is not supported for Bash versions older than 4.4."),
    mark("Couldn't detect Bash version, shell completion is not supported."),
    mark("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    mark("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
    mark("Name '{name}' defined twice"),
    mark("Boolean option {decl!r} cannot use the same flag for true/false."),
    mark("Could not determine name for option with declarations {decls!r}"),
    mark(
        "No options defined but a name was passed ({name}). Did you mean to declare an argument "
        "instead? Did you mean to pass '--{name}'?"
    ),
    mark("Arguments take exactly one parameter declaration, got {length}: {decls}."),
    mark_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    mark_plural(
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"
    ),
    mark_plural(
        "Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."
    ),
    mark_plural(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
    ),
    mark_plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    mark_plural(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ),
    mark_plural(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ),
)
"""Every word click can say (its help's headings, its usage errors), as its sources say them,
so that the catalogue holds them; a test compares them with the installed click's."""


output_option = option(
    "-o",
    "--output",
    type=PathType(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    metavar=mark("FOLDER"),
    help=mark("Folder to write into; created if missing."),
)
"""The folder a command writes its outputs into (render, compare)."""


# What the commands that write outputs share.


def output_folder(output: Path) -> bool:
    """Create the output folder if missing; return whether it was created."""
    created = not output.exists()
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(
            _(
                "{folder}: cannot create the output folder: {reason}",
                folder=output,
                reason=os_reason(error),
            )
        ) from error
    return created


def write_outputs(
    outputs: dict[Path, bytes],
    folder: Path,
    locked: str,
    none_replaced: str,
) -> None:
    """Write one document's outputs into ``folder`` together: all replaced, or none, and none
    while one of them is open in LibreOffice or Word (``locked`` and ``none_replaced`` say so
    of a report, or of another document)."""
    with folder_locked(folder):
        for target in outputs:
            if (holder := office_lock(target)) is not None:
                raise ReportError(_(locked, file=target, holder=holder))
        with reporting_file_errors(folder, "written", none_replaced):
            for target in outputs:
                remove_stale_temporaries(target)
            replace_files_together(outputs)


@functools.cache
def report_theme(option: str | None, name: str, report_folder: Path, current_folder: Path) -> Theme:
    """Load the theme of --theme if given, else the one a report names; each once per process,
    as a batch names the same few again and again."""
    if option:
        return theme_from_option(option, report_folder, current_folder)
    return load_theme(name, report_folder, current_folder)


def source_date() -> datetime.datetime | None:
    """Read SOURCE_DATE_EPOCH, the reproducible-builds convention for pinning dates."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    if not value.isdigit():
        raise ReportError(
            _("SOURCE_DATE_EPOCH={value}: give whole seconds since 1970-01-01", value=repr(value))
        )
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)


_CANNOT = {
    "written": mark("{file}: cannot be written: {reason}"),
    "created": mark("{file}: cannot be created: {reason}"),
}


@contextmanager
def reporting_file_errors(
    path: Path, action: typing.Literal["written", "created"], outcome: str = ""
) -> Iterator[None]:
    """Turn a failure to create or write a file into a message that names it; never overwrite.

    ``outcome`` says what became of the files, as “; none of this report's outputs were
    replaced”.
    """
    try:
        yield
    except FileExistsError:
        raise ReportError(
            _("{file}: already exists and is left as it is: choose another name", file=path)
        ) from None
    except OSError as error:
        place = error.filename or path
        message = _(_CANNOT[action], file=place, reason=os_reason(error))
        raise ReportError(message + (_(outcome) if outcome else "")) from error


def echo(message: str, err: bool = False) -> None:
    """Print what may quote a user's input (a field name, a value, a theme's CSS) with its
    invisible characters shown, line by line: no escape sequence reaches the terminal."""
    click.echo("\n".join(map(printable, message.split("\n"))), err=err)
