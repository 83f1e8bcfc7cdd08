"""Drafts: report files in a folder that the web form reads and saves, losing nothing.

A draft is the same YAML file the command line reads. Every save is atomic, keeps the previous
version beside the draft (``.<name>.previous``), and names the version it replaces: a save
made from an older version than the file's is refused as a conflict, so that two tabs cannot
silently overwrite each other. Incomplete drafts are saved like any other: validation never
blocks saving.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from gfmd_reports.errors import ReportError
from gfmd_reports.files import write_file_atomically, write_new_file
from gfmd_reports.loading import UnreadableError, decode_report, parse_yaml

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.ya?ml$")


class DraftConflictError(ReportError):
    """The draft changed since the version the save was made from."""

    def __init__(self, name: str, current: str | None) -> None:
        self.current = current
        super().__init__(
            f"{name} was changed elsewhere (another tab or window) since you opened it: "
            "reload it to see those changes before saving again"
        )


@dataclass(frozen=True)
class Draft:
    """A draft as stored: its name, text, version and, if it is YAML at all, its data."""

    name: str
    text: str
    version: str
    data: Any
    unreadable: str | None = None
    """Why the file cannot be read as a report, where it cannot: it is then left as it is."""


def version_of(text: str) -> str:
    """A draft's version: a digest of its content, so that any change changes it."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class DraftStore:
    """The drafts in one folder."""

    def __init__(self, folder: Path, schema_location: str | None = None) -> None:
        self.folder = folder
        self._schema_location = schema_location
        self._lock = threading.Lock()  # one check-then-write at a time within this server

    def names(self) -> list[str]:
        """The drafts' file names, newest first."""
        drafts = [path for path in self.folder.glob("*.y*ml") if _NAME.match(path.name)]
        return [path.name for path in sorted(drafts, key=lambda p: p.stat().st_mtime, reverse=True)]

    def load(self, name: str) -> Draft:
        path = self._path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ReportError(f"{name}: no such draft") from None
        except OSError as error:
            raise ReportError(f"{name}: cannot be read: {error.strerror}") from error
        text = raw.decode("utf-8-sig", "replace")
        try:
            data, _ = parse_yaml(decode_report(raw))
        except UnreadableError as error:
            where = "".join(f":{number}" for number in error.location or ())
            return Draft(name, text, version_of(text), None, f"{name}{where}: {error.message}")
        return Draft(name, text, version_of(text), data)

    def save(self, name: str, data: Any, version: str | None) -> Draft:
        """Save report data as the draft ``name``; ``version`` is the one it was made from
        (None for a new draft). Raises DraftConflictError if the file has moved on."""
        path = self._path(name)
        text = self._yaml(data)
        with self._lock:
            current = version_of(path.read_text(encoding="utf-8-sig")) if path.exists() else None
            if current != version:
                raise DraftConflictError(name, current)
            if current is None:
                try:
                    write_new_file(path, text.encode())
                except FileExistsError:
                    raise DraftConflictError(name, None) from None
            else:
                previous = path.with_name(f".{path.name}.previous")
                write_file_atomically(previous, path.read_bytes())
                write_file_atomically(path, text.encode())
        return Draft(name, text, version_of(text), data)

    def _path(self, name: str) -> Path:
        if not _NAME.match(name):
            raise ReportError(
                f"'{name}' cannot name a draft: use letters, digits, '.', '-' and '_', "
                "ending in .yaml"
            )
        return self.folder / name

    def _yaml(self, data: Any) -> str:
        yaml = YAML()
        yaml.width = 100
        yaml.indent(mapping=2, sequence=4, offset=2)
        out = io.StringIO()
        if self._schema_location:
            out.write(f"# yaml-language-server: $schema={self._schema_location}\n")
        yaml.dump(data, out)
        return out.getvalue()
