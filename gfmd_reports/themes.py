"""Themes: folders of templates, design tokens and phrases that give a forum's reports their look
and wording, found in a fixed order and extending one another as MkDocs themes do.

A theme is found, highest precedence first: at a path given on the command line; in
``templates/<name>`` beside the report file; in the user's config folder
(``$XDG_CONFIG_HOME/gfmd-reports/themes/<name>``, by default ``~/.config/…``); among the
built-in themes. A theme names its parent with ``extends``; a template of the same name
higher up the chain hides the one below, and ``{% extends "<theme>/<file>" %}`` reaches a
parent's own file so that single blocks can be overridden.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from gfmd_reports.errors import Problem, ReportError, format_field_path, in_file_order
from gfmd_reports.files import UnreadableFileError, read_bounded, shipped_path
from gfmd_reports.loading import UnreadableError, Validation, locate, parse_yaml
from gfmd_reports.model import THEME_NAME_PATTERN, LanguageTag, Report, ThemeName
from gfmd_reports.phrases import CATALOGUE, Phrases, check_phrase

DEFAULT_THEME = "gfmd"
_THEME_NAME = re.compile(THEME_NAME_PATTERN)
MAX_CHAIN = 20
"""Bound on the themes a theme may extend, one after the other (gfmd extends base: 2)."""
MAX_SETTINGS_BYTES = 500_000
"""Bound on a theme.yaml, as on a report file: the built-in ones have 5 kB."""
MAX_ASSET_BYTES = 2_000_000
"""Bound on an embedded asset (a logo): every HTML page carries it."""

Length = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?(mm|cm|in|pt)$")]
FontSize = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?pt$")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
FontName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9 ._-]+$")]
Bullet = Annotated[str, StringConstraints(pattern=r"^[^\"\\\n]{1,2}$")]


class DesignTokens(BaseModel):
    """The look of a theme, as data that both the CSS and the Word styles are built from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page_size: Literal["A4", "Letter"]
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
    line_spacing: float = Field(ge=0.8, le=3)
    paragraph_spacing: FontSize
    text_colour: Colour
    heading_colour: Colour
    bullet_oral: Bullet
    bullet_written: Bullet
    numbered_findings: bool
    numbered_overall_conclusions: bool
    numbered_topics: bool
    reading_size: FontSize
    reading_line_spacing: float = Field(ge=0.8, le=3)
    reading_times: bool


class ThemeSettings(BaseModel):
    """What a theme.yaml may say; tokens and phrases may be partial, as a parent fills the rest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: ThemeName
    extends: ThemeName | None = None
    description: str = ""
    language: LanguageTag | None = None
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

    @property
    def chain(self) -> list[Theme]:
        """This theme and its ancestors, this one first."""
        return [self, *(self.parent.chain if self.parent else [])]

    @property
    def folders(self) -> tuple[Path, ...]:
        """Template folders, highest precedence first."""
        return tuple(theme.folder for theme in self.chain)

    @cached_property
    def tokens(self) -> DesignTokens:
        merged: dict[str, Any] = {}
        for theme in reversed(self.chain):
            merged |= theme.settings.tokens
        try:
            return DesignTokens.model_validate(merged)
        except ValidationError as error:
            problems = "; ".join(
                f"tokens.{format_field_path(item['loc'])}: {item['msg'].lower()}"
                for item in error.errors()
            )
            raise ReportError(f"{self.folder / 'theme.yaml'}: {problems}") from None

    @property
    def language(self) -> str:
        """The language of reports that name none."""
        return next((t.settings.language for t in self.chain if t.settings.language), "en")

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
                f"theme '{self.name}': asset '{name}' must be a file inside the theme"
            )
        path = self.own_file(name)
        if path is None:
            raise ReportError(
                f"theme '{self.name}': no asset '{name}' in {', '.join(map(str, self.folders))}"
            )
        media_type = mimetypes.guess_type(path.name)[0]
        if media_type not in {"image/png", "image/jpeg", "image/gif"}:
            raise ReportError(f"{path}: assets are PNG, JPEG or GIF images (Word takes no other)")
        try:
            data = read_bounded(path, MAX_ASSET_BYTES, "an asset")
        except UnreadableFileError as error:
            raise ReportError(f"{path}: {error}") from error
        except OSError as error:
            raise ReportError(f"{path}: cannot be read: {error.strerror}") from error
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
        raise ReportError(f"{path}: is a link that leads round in a loop: replace it") from None
    except OSError as error:
        raise ReportError(f"{path}: cannot be read: {error.strerror}") from error
    if not any(target.is_relative_to(folder.resolve()) for folder in folders):
        raise ReportError(
            f"{path}: is a link to {target}, outside the theme's folders: a theme may use only "
            "its own files (and its parents'): copy the file into the theme"
        )
    if not target.is_file():
        raise ReportError(f"{path}: is not a file")
    return target


def theme_places(report_folder: Path | None = None) -> list[tuple[str, Path]]:
    """The folders themes are looked up in by name, highest precedence first, with their origin:
    "local" (templates/ beside the report), "user config" or "built-in"."""
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    places = [
        ("user config", config / "gfmd-reports" / "themes"),
        ("built-in", shipped_path("templates")),
    ]
    if report_folder is not None:
        places.insert(0, ("local", report_folder / "templates"))
    return places


def load_theme(theme: str | Path = DEFAULT_THEME, report_folder: Path | None = None) -> Theme:
    """Load a theme and its chain: a ``str`` is a theme's name, found in the module's lookup
    order; a ``Path`` is the theme's folder.

    A name is only ever a name, never read as a path: what a report names must not reach a
    folder of the report's choosing.
    """
    if isinstance(theme, Path):
        if not (theme / "theme.yaml").is_file():
            raise ReportError(f"{theme}: not a theme folder: it has no theme.yaml")
        return _load(theme, "path", report_folder, ())
    if not _THEME_NAME.fullmatch(theme):
        raise ReportError(
            f"'{theme}' is not a theme's name: use lower-case letters, digits, '-' and '_'"
        )
    return _load_named(theme, report_folder, ())


def theme_from_option(value: str) -> Theme:
    """Load the theme a user gave on the command line: a folder's path, or a name."""
    path = Path(value)
    if path.is_dir() or os.sep in value or "/" in value or value.startswith("."):
        return load_theme(path)
    try:
        return load_theme(value)
    except ReportError as error:
        raise ReportError(f"{error}, or the path of a folder holding a theme.yaml") from None


def available_themes(report_folder: Path | None = None) -> list[Theme]:
    """Every theme that a name would find, in lookup order; a hidden duplicate is left out."""
    found: dict[str, Theme] = {}
    for origin, place in theme_places(report_folder):
        for settings in sorted(place.glob("*/theme.yaml")):
            name = settings.parent.name
            if name not in found:
                found[name] = _load(settings.parent, origin, report_folder, ())
    return list(found.values())


def _load_named(name: str, report_folder: Path | None, below: tuple[Path, ...]) -> Theme:
    for origin, place in theme_places(report_folder):
        folder = place / name
        if (folder / "theme.yaml").is_file():
            if below and folder.resolve() == below[-1]:
                continue  # a theme that extends its own name: _load says to rename it
            if folder.resolve() in below:
                raise ReportError(
                    f"{below[-1] / 'theme.yaml'}: extends '{name}', which is already below it "
                    "in the chain: themes cannot extend each other"
                )
            return _load(folder, origin, report_folder, below)
    known = sorted({theme.name for theme in available_themes(report_folder)})
    raise ReportError(f"Unknown theme '{name}'. Available: {', '.join(known)}")


def _load(folder: Path, origin: str, report_folder: Path | None, below: tuple[Path, ...]) -> Theme:
    settings = _read_settings(folder / "theme.yaml")
    parent = None
    if settings.extends:
        chain = (*below, folder.resolve())
        if len(chain) >= MAX_CHAIN:
            raise ReportError(
                f"{chain[0] / 'theme.yaml'}: extends a chain of more than {MAX_CHAIN} themes "
                f"(… → {settings.name} → {settings.extends} → …): a theme needs two or three; "
                "let yours extend one nearer the base"
            )
        parent = _load_named(settings.extends, report_folder, chain)
        names = [theme.name for theme in parent.chain]
        if settings.name in names:
            raise ReportError(
                f"{folder / 'theme.yaml'}: theme '{settings.name}' extends a theme of the same "
                f"name ({' → '.join(names)}): give your theme a name of its own"
            )
    return Theme(settings.name, folder.resolve(), origin, settings, parent)


def _read_settings(path: Path) -> ThemeSettings:
    try:
        raw = read_bounded(contained_file(path, [path.parent]), MAX_SETTINGS_BYTES, "a theme.yaml")
        data, positions = parse_yaml(raw.decode("utf-8"))
        settings = ThemeSettings.model_validate(data)
    except UnreadableFileError as error:
        raise ReportError(f"{path}: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"{path}: cannot be read: {error}") from error
    except UnreadableError as error:
        at_line = f":{error.location[0]}" if error.location else ""
        raise ReportError(f"{path}{at_line}: {error.message}") from error
    except ValidationError as error:
        item = error.errors()[0]
        line = locate(tuple(item["loc"]), positions)
        where = f"{path}:{line[0]}" if line else str(path)
        raise ReportError(f"{where}: {format_field_path(item['loc'])}: {item['msg']}") from None
    if settings.name != path.parent.name:
        raise ReportError(
            f"{path}: says name: {settings.name}, but its folder is '{path.parent.name}': "
            "make them the same"
        )
    for language, phrases in settings.phrases.items():
        for key, text in phrases.items():
            problem = check_phrase(key, text)
            if problem:
                line = locate(("phrases", language, key), positions)
                where = f"{path}:{line[0]}" if line else str(path)
                raise ReportError(f"{where}: phrases.{language}.{key}: {problem}")
    return settings


def theme_scaffold(name: str, parent: Theme) -> dict[str, str]:
    """Return the files of a new theme extending ``parent``: a documented starting point that
    renders as its parent does until something in it is changed."""
    if not _THEME_NAME.fullmatch(name):
        raise ReportError(
            f"'{name}' cannot name a theme: use lower-case letters, digits, '-' and '_'"
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
    guide = "\n".join(
        [
            f"# Theme {name}",
            "",
            f"Extends `{parent.name}`. Change the look and the wording in `theme.yaml`, add CSS in",
            "`style.css`. To change a template, put a file of the same name here: it hides the",
            "parent's. To change one part only, extend the parent's file and override a block:",
            "",
            "```jinja",
            f'{{% extends "{parent.chain[-1].name}/written.html" %}}',
            "{% block header %}",
            '<img class="logo" src="{{ asset(\'logo.png\') }}" alt="" width="120">',
            "{{ super() }}",
            "{% endblock %}",
            "```",
            "",
            "Blocks: `header`, `introduction`, `session`, `findings`, `overall_conclusions` and",
            "`closing` in written.html; `session`, `findings` and `closing` in oral.html; `title`,",
            "`content` and `footer` in base.html. `asset('logo.png')` embeds an image of this",
            "folder (PNG, JPEG or GIF). A `reference.docx` here gives the Word output its styles.",
            "",
        ]
    )
    return {"theme.yaml": settings, "style.css": stylesheet, "README.md": guide}


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


def problems_rendering(validation: Validation, report_folder: Path | None) -> list[Problem]:
    """Return a file's problems, and one at its theme: line if the theme cannot render it."""
    problems = list(validation.problems)
    if validation.report is not None:
        unrenderable = theme_problem(validation.report, report_folder)
        if unrenderable:
            problems.append(validation.problem(("theme",), unrenderable))
    return in_file_order(problems)


def theme_problem(report: Report, report_folder: Path | None = None) -> str | None:
    """Say why the theme a report names cannot render it, or return None if it can.

    The theme must be found, be valid, and word every phrase in the report's language.
    """
    try:
        theme = load_theme(report.theme or DEFAULT_THEME, report_folder)
        phrases = theme.phrases(report.language or theme.language)
        for key in CATALOGUE:
            phrases.text(key)
        _ = theme.tokens
    except ReportError as error:
        return str(error)
    return None
