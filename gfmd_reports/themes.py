"""Themes: folders of templates, design tokens and phrases that give a forum's reports their look
and wording, found in a fixed order and extending one another as MkDocs themes do.

A theme's name is looked up in one order, highest precedence first, by every command alike
(``render``, ``validate``, ``themes list``, ``themes new --extends``) and for a theme's own
``extends``: ``templates/<name>`` beside the report file; ``templates/<name>`` in the current
folder (on the command line); the user's config folder
(``$XDG_CONFIG_HOME/gfmd-reports/themes/<name>``, by default ``~/.config/…``); the built-in
themes. ``render --theme`` also takes the path of a theme's folder, which then comes first.
A theme names its parent with ``extends``; a template of the same name higher up the chain
hides the one below, and ``{% extends "<theme>/<file>" %}`` reaches a parent's own file so
that single blocks can be overridden.

A theme that cannot be used raises ThemeError with every problem of its files, each at its
file, line, column and field, a parent's in the parent's theme.yaml.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import re
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from gfmd_reports.checks import (
    area_name,
    check_house_honorifics,
    check_item_themes,
    named_area,
)
from gfmd_reports.errors import FieldPath, Problem, ReportError, format_field_path, in_file_order
from gfmd_reports.files import UnreadableFileError, os_reason, read_bounded, shipped_path
from gfmd_reports.i18n import _, mark
from gfmd_reports.loading import (
    Location,
    UnreadableError,
    Validation,
    closest_name,
    decode_report,
    describe_value,
    locate,
    parse_yaml,
    unknown_name,
)
from gfmd_reports.model import THEME_NAME_PATTERN, LanguageTag, Report, ReportKind, ThemeName
from gfmd_reports.phrases import CATALOGUE, Phrases, check_phrase

DEFAULT_THEME = "gfmd"
_THEME_NAME = re.compile(THEME_NAME_PATTERN)
MAX_CHAIN = 20
"""Bound on the themes a theme may extend, one after the other (gfmd extends base: 2)."""
MAX_SETTINGS_BYTES = 500_000
"""Bound on a theme.yaml, as on a report file: the built-in ones have 5 kB."""
MAX_ASSET_BYTES = 2_000_000
"""Bound on an embedded asset (a logo): every HTML page carries it."""

# Each kind of token says what it is (title) and how it is written (description), for messages.
Length = Annotated[
    str,
    StringConstraints(pattern=r"^\d+(\.\d+)?(mm|cm|in|pt)$"),
    Field(title=mark("a length"), description=mark("with its unit, as 25mm, 2.5cm, 1in or 12pt")),
]
FontSize = Annotated[
    str,
    StringConstraints(pattern=r"^\d+(\.\d+)?pt$"),
    Field(title=mark("a size"), description=mark("in points, as 12pt")),
]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
    Field(
        title=mark("a colour"),
        description=mark('written "#" and six hexadecimal digits, as "#1F4E79"'),
    ),
]
FontName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9 ._-]+$"),
    Field(
        title=mark("a font's name"),
        description=mark("of letters, digits, spaces, “.”, “_” and “-”, as Times New Roman"),
    ),
]
Switch = Annotated[
    bool,
    Field(title=mark("a truth value"), description=mark("true or false, as numbered_topics: true")),
]
FrenchSpacing = Annotated[
    Literal["narrow", "normal"],
    Field(title=mark("a French spacing"), description=mark("(narrow or normal)")),
]
Bullet = Annotated[
    str,
    StringConstraints(pattern=r"^[^\"\\\n]{1,2}$"),
    Field(title=mark("a bullet"), description=mark('of one or two characters (not " or \\), as •')),
]


class DesignTokens(BaseModel):
    """The look of a theme, as data that both the CSS and the Word styles are built from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page_size: Literal["A4", "Letter"] = Field(
        title=mark("a page size"), description=mark("(A4 or Letter)")
    )
    margin_top: Length
    margin_bottom: Length
    margin_left: Length
    margin_right: Length
    body_font: FontName
    heading_font: FontName
    arabic_font: FontName
    thai_font: FontName
    cjk_font: FontName
    body_size: FontSize
    title_size: FontSize
    subtitle_size: FontSize
    heading_size: FontSize
    footnote_size: FontSize
    line_spacing: float = Field(
        ge=0.8,
        le=3,
        title=mark("a line spacing"),
        description=mark("from 0.8 to 3 (times the size), as 1.15"),
    )
    paragraph_spacing: FontSize
    text_colour: Colour
    heading_colour: Colour
    bullet_oral: Bullet
    bullet_written: Bullet
    numbered_findings: Switch
    numbered_overall_conclusions: Switch
    numbered_topics: Switch
    reading_size: FontSize
    reading_line_spacing: float = Field(
        ge=0.8,
        le=3,
        title=mark("a line spacing"),
        description=mark("a multiple of the type size, as 2"),
    )
    reading_times: Switch
    french_spacing: FrenchSpacing


class ThemeSettings(BaseModel):
    """What a theme.yaml may say; tokens and phrases may be partial, as a parent fills the rest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: ThemeName
    extends: ThemeName | None = None
    description: str = ""
    language: LanguageTag | None = None
    locales: dict[LanguageTag, LanguageTag] = {}
    """The region a language written alone means in this theme's reports (en: en-GB): its
    dates, its phrases for that region, and Word's proofing language."""
    honorifics: dict[LanguageTag, list[str]] = {}
    """The house spelling of honorifics, per language (en: [H.E., Ms.]): validation suggests
    it where a report spells one otherwise (“H. E.”)."""
    item_themes: list[
        Annotated[
            dict[
                LanguageTag, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
            ],
            Field(min_length=1),
        ]
    ] = []
    """The forum's thematic areas, each named in its languages (en: Labour mobility, fr: …):
    an item's tags.theme must name one of them when the list is given."""
    tokens: dict[str, Any] = {}
    phrases: dict[LanguageTag, dict[str, str]] = {}


@dataclass(frozen=True)
class Theme:
    """A theme found on disk, with the chain of themes it extends."""

    name: str
    folder: Path
    origin: str
    settings: ThemeSettings
    parent: Theme | None
    tokens: DesignTokens
    """The chain's tokens, each from the nearest theme that sets it."""

    @property
    def chain(self) -> list[Theme]:
        """This theme and its ancestors, this one first."""
        return [self, *(self.parent.chain if self.parent else [])]

    @property
    def names(self) -> list[str]:
        """The names of this theme and its ancestors, this one first."""
        return [theme.name for theme in self.chain]

    @property
    def folders(self) -> tuple[Path, ...]:
        """Template folders, highest precedence first."""
        return tuple(theme.folder for theme in self.chain)

    @property
    def language(self) -> str:
        """The language of reports that name none."""
        return next((t.settings.language for t in self.chain if t.settings.language), "en")

    def locale(self, language: str) -> str:
        """The language and region a report in ``language`` is written in: “en” is “en-GB” in
        a theme whose chain says so; a language with its region stays as written."""
        if "-" in language:
            return language
        return next(
            (t.settings.locales[language] for t in self.chain if language in t.settings.locales),
            language,
        )

    def honorifics(self, language: str) -> list[str]:
        """The house forms of honorifics in a language (“en-GB” takes those of “en”), from the
        nearest theme that gives any."""
        for code in (language, language.split("-")[0]):
            for theme in self.chain:
                if code in theme.settings.honorifics:
                    return theme.settings.honorifics[code]
        return []

    @property
    def item_themes(self) -> list[dict[str, str]]:
        """The thematic areas items may be tagged with, from the nearest theme that lists
        any; empty if none does, and then a tag may name any."""
        return next((t.settings.item_themes for t in self.chain if t.settings.item_themes), [])

    def item_theme_label(self, written: str | None, language: str) -> str | None:
        """The name of the thematic area a tag names, in ``language`` (“fr-CA” takes “fr”'s)
        or else in English; the tag as written where the theme lists no such area."""
        area = named_area(self.item_themes, written) if written else None
        if area is None:
            return written
        return area.get(language) or area_name(area, language.split("-")[0])

    def phrases(self, language: str) -> Phrases:
        merged: dict[str, dict[str, str]] = {}
        for theme in reversed(self.chain):
            for code, phrases in theme.settings.phrases.items():
                merged[code] = {**merged.get(code, {}), **phrases}
        return Phrases(merged, language, self.name)

    @property
    def stylesheets(self) -> list[str]:
        """Each theme's style.css, the root's first, as template names: children add rules."""
        return [
            f"{t.name}/style.css"
            for t in reversed(self.chain)
            if os.path.lexists(t.folder / "style.css")
        ]

    @property
    def runs_only_built_in_templates(self) -> bool:
        """Whether every HTML template of the chain is a built-in one: a theme's own templates
        are code from anyone, which a server runs only in bounded processes."""
        return all(
            theme.origin == "built-in" or not _holds_templates(theme) for theme in self.chain
        )

    @property
    def reference_docx(self) -> Path | None:
        """The Word document whose styles the DOCX output takes, if the chain has one."""
        return self.own_file("reference.docx")

    def own_file(self, name: str) -> Path | None:
        """Find a file of the theme chain, highest precedence first; None if none has it.

        Raises ReportError for a link that leads outside the chain's folders (a theme may
        use only its own files and its parents'), or round in a loop, and for a non-file.
        """
        for folder in self.folders:
            if os.path.lexists(folder / name):
                return contained_file(folder / name, self.folders)
        return None

    def asset(self, name: str) -> str:
        """Return a theme file (a logo) as a data: URL, so that every output holds it whole."""
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or not name:
            raise ReportError(
                _(
                    "theme '{theme}': asset '{asset}' must be a file inside the theme",
                    theme=self.name,
                    asset=name,
                )
            )
        path = self.own_file(name)
        if path is None:
            raise ReportError(
                _(
                    "theme '{theme}': no asset '{asset}' in {folders}",
                    theme=self.name,
                    asset=name,
                    folders=", ".join(map(str, self.folders)),
                )
            )
        media_type = mimetypes.guess_type(path.name)[0]
        if media_type not in {"image/png", "image/jpeg", "image/gif"}:
            raise ReportError(
                _("{file}: assets are PNG, JPEG or GIF images (Word takes no other)", file=path)
            )
        try:
            data = read_bounded(path, MAX_ASSET_BYTES, mark("an asset"))
        except UnreadableFileError as error:
            raise ReportError(f"{path}: {error}") from error
        except OSError as error:
            raise ReportError(cannot_be_read(path, error)) from error
        from gfmd_reports.images import check_image  # when rendering, not validating

        check_image(data, media_type, str(path))
        return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


def _holds_templates(theme: Theme) -> bool:
    """Whether a theme's folder holds an HTML template (links to folders not followed, as the
    template loader does not follow them)."""
    return any(name.endswith(".html") for _, _, files in os.walk(theme.folder) for name in files)


def contained_file(path: Path, folders: Iterable[Path]) -> Path:
    """Return a theme's file with its links followed, if it is a file inside one of
    ``folders`` (a theme's chain); raise ReportError, saying why, if it is not."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11's word for a loop of links
        raise ReportError(
            _("{file}: is a link that leads round in a loop: replace it", file=path)
        ) from None
    except OSError as error:
        raise ReportError(cannot_be_read(path, error)) from error
    if not any(target.is_relative_to(folder.resolve()) for folder in folders):
        raise ReportError(
            _(
                "{file}: is a link to {target}, outside the theme's folders: a theme may use "
                "only its own files (and its parents'): copy the file into the theme",
                file=path,
                target=target,
            )
        )
    if not target.is_file():
        raise ReportError(_("{file}: is not a file", file=path))
    return target


def cannot_be_read(path: Path, error: OSError) -> str:
    """Say that a theme's file cannot be read, and why."""
    return _("{file}: cannot be read: {reason}", file=path, reason=os_reason(error))


class ThemeError(ReportError):
    """A theme that cannot be used, with every problem found in its files and its parents'."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class UnknownThemeError(ReportError):
    """No theme of the name asked for is in any of the places themes are looked up in."""


ORIGINS = {"local": mark("local"), "user config": mark("user config"), "built-in": mark("built-in")}
"""The places a theme is found by name, as ``themes list`` names them."""


def theme_places(
    report_folder: Path | None = None, current_folder: Path | None = None
) -> list[tuple[str, Path]]:
    """The folders themes are looked up in by name, highest precedence first, with their origin:
    "local" (templates/ beside the report, then in the current folder), "user config" or
    "built-in". A folder that is both the report's and the current one is looked in once."""
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    local: dict[Path, Path] = {}
    for folder in (report_folder, current_folder):
        if folder is not None:
            local.setdefault(folder.resolve(), folder / "templates")
    return [
        *(("local", place) for place in local.values()),
        ("user config", config / "gfmd-reports" / "themes"),
        ("built-in", shipped_path("templates")),
    ]


def load_theme(
    theme: str | Path = DEFAULT_THEME,
    report_folder: Path | None = None,
    current_folder: Path | None = None,
) -> Theme:
    """Load a theme and its chain: a ``str`` is a theme's name, found in the module's lookup
    order; a ``Path`` is the theme's folder.

    A name is only ever a name, never read as a path: what a report names must not reach a
    folder of the report's choosing. Raises UnknownThemeError if no theme has the name, and
    ThemeError, with every problem, if the theme or one of its parents cannot be used.
    """
    places = theme_places(report_folder, current_folder)
    key = (theme if isinstance(theme, str) else theme.absolute(), _absolute(places))
    cached = _loaded.get(key)
    if cached is not None and cached[0] == _files_state(cached[1], places):
        return cached[1]
    loaded = _load_uncached(theme, places)
    if len(_loaded) >= _MAX_LOADED:
        _loaded.clear()
    _loaded[key] = (_files_state(loaded, places), loaded)
    return loaded


_MAX_LOADED = 64
_loaded: dict[tuple[Any, ...], tuple[tuple[Any, ...], Theme]] = {}
"""Themes loaded, by what was asked for, with the state of the files they came from: a save in
the web form checks its theme two or three times, and reads it only when a file has changed."""


def _files_state(theme: Theme, places: list[tuple[str, Path]]) -> tuple[Any, ...]:
    """The identity (inode, size, times) of every theme.yaml that finding and loading ``theme``
    looks at: the chain's own, and any of the same names in the places looked in, which would
    hide them if one appeared."""
    paths = [folder / "theme.yaml" for folder in theme.folders]
    paths += [place / name / "theme.yaml" for name in theme.names for _origin, place in places]
    return tuple(map(_identity, paths))


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _absolute(places: list[tuple[str, Path]]) -> tuple[tuple[str, Path], ...]:
    return tuple((origin, place.absolute()) for origin, place in places)


def _load_uncached(theme: str | Path, places: list[tuple[str, Path]]) -> Theme:
    if isinstance(theme, Path):
        if not (theme / "theme.yaml").is_file():
            raise ReportError(_("{folder}: not a theme folder: it has no theme.yaml", folder=theme))
        return _load(theme, "path", places, ())
    if not _THEME_NAME.fullmatch(theme):
        raise ReportError(
            _(
                "'{name}' is not a theme's name: use lower-case letters, digits, '-' and '_'",
                name=theme,
            )
        )
    found = _find(theme, places)
    if found is None:
        raise UnknownThemeError(
            _(
                "Unknown theme '{name}'. Available: {themes}",
                name=theme,
                themes=", ".join(_names(places)),
            )
        )
    return _load(*found, places, ())


def theme_from_option(
    value: str, report_folder: Path | None = None, current_folder: Path | None = None
) -> Theme:
    """Load the theme a user gave on the command line: a folder's path (a value holding a
    ``/`` or starting with a dot), or a name, found as a report's theme is."""
    if os.sep in value or "/" in value or value.startswith("."):
        return load_theme(Path(value), report_folder, current_folder)
    try:
        return load_theme(value, report_folder, current_folder)
    except UnknownThemeError as error:
        if (Path(value) / "theme.yaml").is_file():
            raise UnknownThemeError(
                _(
                    "{unknown}; to use the theme in the folder {folder} here, give its path: "
                    "--theme ./{folder}",
                    unknown=error,
                    folder=value,
                )
            ) from None
        raise UnknownThemeError(
            _("{unknown}, or the path of a folder holding a theme.yaml", unknown=error)
        ) from None


def theme_to_extend(value: str, current_folder: Path) -> Theme:
    """Load the theme a new theme is to extend: a name, found as ``themes list`` shows, or a
    theme folder's path, which its name must find too, as a theme names its parent by name."""
    parent = theme_from_option(value, None, current_folder)
    if parent.origin == "path" and not found_by_name(parent.name, parent.folder, current_folder):
        raise ReportError(
            _(
                "{value}: a theme extends another by name, and the name '{name}' does not find "
                "this folder from here: give --extends a theme that `gfmd-reports themes list` "
                "shows, or move this one into templates/ here first",
                value=value,
                name=parent.name,
            )
        )
    return parent


def found_by_name(name: str, folder: Path, current_folder: Path) -> bool:
    """Tell whether the theme name finds this folder from the current folder."""
    found = _find(name, theme_places(None, current_folder))
    return found is not None and found[0].resolve() == folder.resolve()


@dataclass(frozen=True)
class FoundTheme:
    """A theme that a name finds, and whether it can be used."""

    name: str
    origin: str
    folder: Path
    theme: Theme | None
    error: ReportError | None
    """Why the theme cannot be used, if it cannot."""


def available_themes(
    report_folder: Path | None = None, current_folder: Path | None = None
) -> list[FoundTheme]:
    """Every theme that a name finds, in lookup order (a hidden duplicate is left out), each
    loaded: one that cannot be used is listed too, with the error that says why."""
    places = theme_places(report_folder, current_folder)
    found: dict[str, FoundTheme] = {}
    for origin, place in places:
        for name in _names([(origin, place)]):
            if name in found:
                continue
            folder = place / name
            try:
                theme = _load(folder, origin, places, ())
            except ReportError as error:
                found[name] = FoundTheme(name, origin, folder.absolute(), None, error)
            else:
                found[name] = FoundTheme(name, origin, folder.absolute(), theme, None)
    return list(found.values())


def _names(places: Iterable[tuple[str, Path]]) -> list[str]:
    """The names of the themes in ``places``, sorted."""
    return sorted(
        {
            settings.parent.name
            for _, place in places
            for settings in place.glob("*/theme.yaml")
            if _THEME_NAME.fullmatch(settings.parent.name)
        }
    )


def _find(
    name: str, places: Iterable[tuple[str, Path]], skip: Path | None = None
) -> tuple[Path, str] | None:
    """Return the folder and origin of the first theme of this name, if any; ``skip`` is the
    folder of a theme that extends its own name, which must not find itself."""
    for origin, place in places:
        folder = place / name
        if (folder / "theme.yaml").is_file() and folder.resolve() != skip:
            return folder, origin
    return None


def _load(
    folder: Path, origin: str, places: list[tuple[str, Path]], below: tuple[Path, ...]
) -> Theme:
    """Load the theme in ``folder`` and its parents; ``below`` holds the folders of the themes
    that extend it, which must not appear again. Raises ThemeError with every problem of the
    theme's file, in file order, then its parents' problems."""
    file = _read_theme_file(folder / "theme.yaml")
    settings, problems = _check_settings(file)
    extends = settings.extends if settings else None
    problems += _token_problems(file, complete=settings is not None and extends is None)
    parent, parent_problems = None, []
    if extends is not None:
        chain = (*below, folder.resolve())
        found = _find_parent(file, extends, places, chain)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            try:
                parent = _load(*found, places, chain)
            except ThemeError as error:
                parent_problems = error.problems
    if settings is not None and parent is not None and settings.name in parent.names:
        message = _(
            "theme '{name}' extends a theme of the same name ({chain}): give your theme a name "
            "of its own",
            name=settings.name,
            chain=" → ".join([settings.name, *parent.names]),
        )
        problems.append(file.problem(("extends",), message, False))
    if settings is None or problems or parent_problems:
        raise ThemeError([*in_file_order(problems), *parent_problems])
    inherited = parent.tokens.model_dump() if parent else {}
    tokens = DesignTokens.model_validate({**inherited, **settings.tokens})
    return Theme(settings.name, folder.resolve(), origin, settings, parent, tokens)


def _find_parent(
    file: _ThemeFile, name: str, places: list[tuple[str, Path]], chain: tuple[Path, ...]
) -> tuple[Path, str] | Problem:
    """Find the folder and origin of the theme a theme extends; or say, at its extends: line,
    why it cannot be used. ``chain`` holds the folders of the themes below, this one last."""
    if len(chain) >= MAX_CHAIN:
        message = _(
            "extends a chain of more than {most} themes (… → {last} → {name} → …): a theme "
            "needs two or three; let yours extend one nearer the base",
            most=MAX_CHAIN,
            last=chain[-1].name,
            name=name,
        )
        raise ThemeError([Problem(str(chain[0] / "theme.yaml"), "", message)])
    found = _find(name, places, skip=chain[-1])
    if found is None:
        elsewhere = [known for known in _names(places) if known not in (f.name for f in chain)]
        searched = ", ".join(str(place.absolute()) for _origin, place in places)
        close = closest_name(name, elsewhere)
        message = _(
            "extends '{name}', which is not in {places}; themes available: {themes}",
            name=name,
            places=searched,
            themes=", ".join(elsewhere) or _("none"),
        )
        if close:
            message += _(": did you mean {name}?", name=close)
        return file.problem(("extends",), message, with_field=False)
    if found[0].resolve() in chain:
        message = _(
            "extends '{name}', which extends it in turn ({loop}): themes cannot extend each other",
            name=name,
            loop=" → ".join([*(folder.name for folder in chain), name]),
        )
        return file.problem(("extends",), message, with_field=False)
    return found


@dataclass(frozen=True)
class _ThemeFile:
    """A theme.yaml as read: its data, where each field stands, and its lines, to explain."""

    path: Path
    data: dict[Any, Any]
    positions: dict[FieldPath, Location]
    lines: list[str]

    def problem(self, path: FieldPath, message: str, with_field: bool = True) -> Problem:
        """Make a problem about a field of this file, at the field's line and column."""
        line, column = locate(path, self.positions) or (None, None)
        field = format_field_path(path) if with_field else ""
        return Problem(str(self.path), field, message, "error", line, column)

    def written_after(self, path: FieldPath) -> str:
        """Return what the file's line has after a field's name and colon, comments included:
        what YAML read as nothing may have been a value after an unquoted #."""
        line, column = self.positions.get(path, (0, 0))
        if not line:
            return ""
        match = re.match(
            r"""(?:"[^"]*"|'[^']*'|[^:]*):\s*(.*)""", self.lines[line - 1][column - 1 :]
        )
        return match.group(1).strip() if match else ""


def _read_theme_file(path: Path) -> _ThemeFile:
    """Read a theme.yaml as YAML with the place of every field; raise ThemeError, located
    where it can be, if it cannot be read."""
    try:
        raw = read_bounded(
            contained_file(path, [path.parent]), MAX_SETTINGS_BYTES, mark("a theme.yaml")
        )
        text = decode_report(raw)
        data, positions = parse_yaml(text)
    except UnreadableFileError as error:
        raise ThemeError([Problem(str(path), "", str(error))]) from error
    except OSError as error:
        message = _("cannot be read: {reason}", reason=os_reason(error))
        raise ThemeError([Problem(str(path), "", message)]) from error
    except ReportError as error:  # a link outside the theme, or round in a loop
        raise ThemeError([Problem(str(path), "", str(error).removeprefix(f"{path}: "))]) from None
    except UnreadableError as error:
        line, column = error.location or (None, None)
        raise ThemeError([Problem(str(path), "", error.message, "error", line, column)]) from error
    if not isinstance(data, dict):
        message = _(
            "holds {what}, not a theme: a theme.yaml is a set of fields such as name:, "
            "extends:, tokens: and phrases:",
            what=_("nothing") if data is None else describe_value(data),
        )
        raise ThemeError([Problem(str(path), "", message, "error", 1, 1)])
    return _ThemeFile(path, data, positions, text.splitlines())


def _check_settings(file: _ThemeFile) -> tuple[ThemeSettings | None, list[Problem]]:
    """Validate a theme file's fields and phrases; return its settings if they hold, and
    every problem found."""
    problems: list[Problem] = []
    try:
        settings: ThemeSettings | None = ThemeSettings.model_validate(file.data)
    except ValidationError as error:
        settings = None
        for item in error.errors():
            path = tuple(part for part in item["loc"] if part != "[key]")
            problems.append(file.problem(path, _explain_setting(item, path, file.path)))
    name, folder_name = file.data.get("name"), file.path.parent.name
    if isinstance(name, str) and name != folder_name:
        message = _(
            "says name: {name}, but its folder is '{folder}': make them the same",
            name=name,
            folder=folder_name,
        )
        problems.append(file.problem(("name",), message, with_field=False))
    phrases = file.data.get("phrases")
    for language, wording in phrases.items() if isinstance(phrases, dict) else ():
        for key, text in wording.items() if isinstance(wording, dict) else ():
            problem = _phrase_problem(str(key), text, str(language))
            if problem:
                problems.append(file.problem(("phrases", language, key), problem))
    return settings, problems


def _explain_setting(item: Any, path: FieldPath, file: Path) -> str:
    """Say what a pydantic error about a theme.yaml field means and what would be right."""
    kind, value, field = item["type"], item.get("input"), path[-1] if path else ""
    if kind == "extra_forbidden":
        fields = list(ThemeSettings.model_fields)
        return unknown_name(str(field), fields, _("a field of a theme.yaml"), _("the fields are"))
    if kind == "missing":
        return _("is required: add name: {name}", name=file.parent.name)
    if value is None or kind in ("too_short", "string_too_short"):
        return _("is empty: write a value, or delete the line")
    if kind == "string_pattern_mismatch" and field in ("name", "extends"):
        return _(
            "should be a theme's name, such as gfmd, not {value}: lower-case letters, digits, "
            "“-” and “_”",
            value=describe_value(value),
        )
    if kind == "string_pattern_mismatch":
        return _(
            "should be a language code such as en, fr or es, not {value}",
            value=describe_value(value),
        )
    if kind == "string_type":
        return _("should be text, not {value}: put it in quotes", value=describe_value(value))
    if kind == "dict_type":
        return _("should hold fields (name: value lines), not {value}", value=describe_value(value))
    if kind == "list_type":
        return _(
            "should be a list, one item a line starting with “- ”, not {value}",
            value=describe_value(value),
        )
    message: str = item["msg"]  # a kind of mistake no theme.yaml has been seen to make
    return message[:1].lower() + message[1:]


def _phrase_problem(key: str, text: Any, language: str) -> str | None:
    """Say what is wrong with a phrase of a theme, or return None (a phrase that is not text
    is left to the settings' validation)."""
    if key not in CATALOGUE:
        return unknown_name(
            key, list(CATALOGUE), _("a phrase the templates use"), _("the phrases are")
        )
    return check_phrase(key, text, language) if isinstance(text, str) else None


def _token_problems(file: _ThemeFile, complete: bool) -> list[Problem]:
    """Check each token a theme file sets, and, if ``complete`` (it extends no theme), that it
    sets them all."""
    tokens = file.data.get("tokens")
    if not isinstance(tokens, dict):
        return []  # a problem of the settings, or no tokens at all
    problems: list[Problem] = []
    for key, value in tokens.items():
        path = ("tokens", key)
        if key in DesignTokens.model_fields:
            problem = _token_value_problem(str(key), value, file.written_after(path))
            problems += [file.problem(path, problem)] if problem else []
            continue
        fields = list(DesignTokens.model_fields)
        problems.append(
            file.problem(path, unknown_name(str(key), fields, _("a token"), _("the tokens are")))
        )
        meant = closest_name(str(key), fields)
        problem = _token_value_problem(meant, value, file.written_after(path)) if meant else None
        if problem:
            problems.append(
                file.problem(path, _("as {token}, {problem}", token=meant, problem=problem))
            )
    missing = [key for key in DesignTokens.model_fields if key not in tokens]
    if complete and missing:
        message = _(
            "lacks {tokens}: a theme that extends none sets every token; or let it extend one "
            "(extends: base)",
            tokens=", ".join(missing),
        )
        problems.append(file.problem(("tokens",), message))
    return problems


def _token_value_problem(key: str, value: Any, written: str) -> str | None:
    """Say what is wrong with a token's value, and how it is written; None if it is right.
    ``written`` is what the line shows after the colon, to tell an unquoted # apart."""
    try:
        _token_adapter(key).validate_python(value)
    except ValidationError:
        pass
    else:
        return None
    field = DesignTokens.model_fields[key]
    kind, form = _(str(field.title)), _(str(field.description))
    if value is None and written.startswith("#"):
        meant = written.split()[0]
        if _token_value_problem(key, meant, "") is None:
            return _(
                'write {kind} as "{meant}", in quotes: an unquoted # starts a YAML comment',
                kind=kind,
                meant=meant,
            )
        return _(
            "write {kind} {form}, in quotes: an unquoted # starts a YAML comment",
            kind=kind,
            form=form,
        )
    if value is None:
        return _("is empty: give {kind} {form}, or delete the line", kind=kind, form=form)
    return _(
        "should be {kind} {form}, not {value}", kind=kind, form=form, value=describe_value(value)
    )


@cache
def _token_adapter(key: str) -> TypeAdapter[Any]:
    """A validator for one token alone, with the constraints it has in DesignTokens."""
    return TypeAdapter(DesignTokens.model_fields[key].rebuild_annotation())


def theme_scaffold(name: str, parent: Theme) -> dict[str, str]:
    """Return the files of a new theme extending ``parent``: a documented starting point that
    renders as its parent does until something in it is changed."""
    if not _THEME_NAME.fullmatch(name):
        raise ReportError(
            _(
                "'{name}' cannot name a theme: use lower-case letters, digits, '-' and '_'",
                name=name,
            )
        )
    if name in parent.names:
        raise ReportError(
            _(
                "'{name}' names a theme the new one would extend ({chain}): give your theme a "
                "name of its own",
                name=name,
                chain=" → ".join(parent.names),
            )
        )
    tokens = parent.tokens.model_dump()
    english = parent.phrases("en")
    token_lines = [f"#  {key}: {_yaml_value(value)}" for key, value in tokens.items()]
    phrase_lines = [f"#    {key}: {_yaml_value(english.text(key))}" for key in CATALOGUE]
    settings = "\n".join(
        [
            f"# Theme '{name}': the reports of your forum, starting from '{parent.name}'.",
            "# What you leave out comes from the parent theme. Uncomment a line to change it;",
            "# `gfmd-reports render report.yaml --theme <this folder>` shows the result.",
            f"name: {name}",
            f"extends: {parent.name}",
            f"description: Rapporteur reports of {name}.",
            "",
            "# The look, shared by the HTML, the PDF and the Word document (the parent's values).",
            "# tokens:",
            *token_lines,
            "",
            "# The forum's thematic areas, each named in its languages: an item's tags: theme:",
            "# must then name one of them (without this list, any text will do).",
            "# item_themes:",
            "#   - en: Labour mobility",
            "#     fr: Mobilité de la main-d’œuvre",
            "#     es: Movilidad laboral",
            "",
            "# The words of the templates, per language (en, fr, es, …); {name} marks a value the",
            "# template fills in. The parent's English wording is shown.",
            "# phrases:",
            "#  en:",
            *phrase_lines,
            "",
        ]
    )
    stylesheet = (
        f"/* Rules added to the stylesheets of '{parent.name}' and its parents, for the HTML and\n"
        "   the PDF (the Word document takes its look from the tokens in theme.yaml). */\n"
        "/* header .title { letter-spacing: 0.02em; } */\n"
    )
    guide = "\n".join([f"# Theme {name}", "", *_template_guide(parent), ""])
    return {"theme.yaml": settings, "style.css": stylesheet, "README.md": guide}


def _template_guide(parent: Theme) -> list[str]:
    """The lines of a new theme's README that say how to change the parent's templates: an
    example that overrides one block, and every template's blocks, as the parent has them."""
    templates = _template_blocks(parent)
    lines = [
        f"Extends `{parent.name}`. Change the look and the wording in `theme.yaml`, add CSS in",
        "`style.css`. To change a template, put a file of the same name here: it hides the",
        "parent's. To change one part only, extend the parent's file and override a block;",
        "`{{ super() }}` keeps the parent's part.",
    ]
    blocks = [(file, owner, block) for file, owner, names in templates for block in names]
    if not blocks:
        return lines
    # The example adds a logo: at the head of the report if a template has a header block.
    file, owner, block = next(
        (chosen for chosen in blocks if chosen[2] == "header"),
        next((chosen for chosen in blocks if chosen[2] == "content"), blocks[0]),
    )
    return [
        *lines,
        "",
        f"For example, this `{file}`, saved here with a `logo.png`, adds the logo:",
        "",
        "```jinja",
        f'{{% extends "{owner}/{file}" %}}',
        f"{{% block {block} %}}",
        '<img class="logo" src="{{ asset(\'logo.png\') }}" alt="" width="120">',
        "{{ super() }}",
        "{% endblock %}",
        "```",
        "",
        "`asset('logo.png')` embeds an image of this folder (PNG, JPEG or GIF). A",
        "`reference.docx` here gives the Word output its styles. The blocks of each template:",
        "",
        *(f"- {file}: {', '.join(f'`{name}`' for name in names)}" for file, _, names in templates),
    ]


def _template_blocks(theme: Theme) -> list[tuple[str, str, list[str]]]:
    """The templates of a theme chain that a new theme may override (one per report kind,
    and base.html, the page they share), each with the nearest theme that holds it and the
    blocks that the chain's files of that name define."""
    found = []
    for file in [*(f"{kind}.html" for kind in typing.get_args(ReportKind)), "base.html"]:
        owners = [t for t in theme.chain if os.path.lexists(t.folder / file)]
        if not owners:
            continue
        blocks: dict[str, None] = {}
        for owner in reversed(owners):
            path = contained_file(owner.folder / file, theme.folders)
            try:
                source = read_bounded(path, MAX_SETTINGS_BYTES, mark("a template"))
            except UnreadableFileError as error:
                raise ReportError(
                    _("{file}: cannot be read: {reason}", file=path, reason=error)
                ) from error
            except OSError as error:
                raise ReportError(cannot_be_read(path, error)) from error
            blocks |= dict.fromkeys(_BLOCK.findall(source.decode("utf-8", "replace")))
        found.append((file, owners[0].name, list(blocks)))
    return found


_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)")


def _yaml_value(value: object) -> str:
    """Write a value as YAML, in quotes where a plain YAML value could not hold it."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    plain = (
        text == text.strip()
        and text[:1] not in "-?:,[]{}#&*!|>'\"%@`"
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def problems_rendering(
    validation: Validation, report_folder: Path | None, current_folder: Path | None = None
) -> list[Problem]:
    """Return a file's problems, at its theme: line each reason the theme cannot render it,
    and where the report departs from the theme's house style."""
    problems = list(validation.problems)
    report = validation.report
    if report is not None:
        theme, reasons = _report_theme(report, report_folder, current_folder)
        problems += [validation.problem(("theme",), reason) for reason in reasons]
        if theme is not None:
            forms = theme.honorifics(theme.locale(report.language or theme.language))
            problems += map(validation.located, check_house_honorifics(report, forms))
            problems += item_theme_problems(validation, report, theme)
    return in_file_order(problems)


def item_theme_problems(validation: Validation, report: Report, theme: Theme) -> list[Problem]:
    """Return the errors of items tagged with a thematic area the theme does not list."""
    language = (report.language or theme.language).split("-")[0]
    return [
        validation.located(finding)
        for finding in check_item_themes(report, theme.item_themes, language)
    ]


def theme_problem(
    report: Report, report_folder: Path | None = None, current_folder: Path | None = None
) -> str | None:
    """Say why the theme a report names cannot render it, one reason a line, or return None
    if it can.

    The theme must be found, be valid, and word every phrase in the report's language.
    """
    return "\n".join(_report_theme(report, report_folder, current_folder)[1]) or None


def _report_theme(
    report: Report, report_folder: Path | None, current_folder: Path | None
) -> tuple[Theme | None, list[str]]:
    """The theme a report names, if it can render the report, and else why not."""
    try:
        theme = load_theme(report.theme or DEFAULT_THEME, report_folder, current_folder)
        phrases = theme.phrases(theme.locale(report.language or theme.language))
        for key in CATALOGUE:
            phrases.text(key)
    except ThemeError as error:
        return None, [str(problem) for problem in error.problems]
    except ReportError as error:
        return None, [str(error)]
    return theme, []
