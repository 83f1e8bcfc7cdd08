"""Themes: a folder of templates and the design tokens that give reports their look."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from gfmd_reports.errors import ReportError
from gfmd_reports.files import shipped_path

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
    line_spacing: float
    paragraph_spacing: FontSize
    text_colour: Colour
    heading_colour: Colour
    bullet_oral: Bullet
    bullet_written: Bullet


@dataclass(frozen=True)
class Theme:
    """A theme: its name, the folder its templates are in, and its design tokens."""

    name: str
    folder: Path
    tokens: DesignTokens


def load_theme(name_or_path: str = "gfmd") -> Theme:
    """Load a built-in theme by name, or the theme in a folder given by its path."""
    folder = Path(name_or_path)
    if not (folder / "theme.yaml").is_file():
        folder = shipped_path("templates") / name_or_path
    if not (folder / "theme.yaml").is_file():
        built_in = shipped_path("templates").glob("*/theme.yaml")
        available = sorted(path.parent.name for path in built_in)
        raise ReportError(
            f"Unknown theme '{name_or_path}'. Available: {', '.join(available)}, "
            "or the path of a folder holding a theme.yaml"
        )
    name = folder.resolve().name
    source = folder / "theme.yaml"
    try:
        data = YAML(typ="safe").load(source.read_text(encoding="utf-8"))
        tokens = DesignTokens.model_validate(data["tokens"])
    except (YAMLError, KeyError, TypeError, ValidationError) as error:
        raise ReportError(f"{source}: not a valid theme: {_one_line(error)}") from error
    return Theme(name, folder, tokens)


def _one_line(error: Exception) -> str:
    return re.sub(r"\s+", " ", str(error)).strip()
