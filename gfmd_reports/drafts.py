"""Drafts: report files in a folder that the web form reads and saves, losing nothing.

A draft is the same YAML file the command line reads. Every save is atomic and names the
version it replaces: a save made from an older version than the file's is refused as a
conflict, so that two tabs, or two servers on one folder, cannot silently overwrite each other.
The check and the write happen under the folder's lock, which every writer of this tool takes.
Incomplete drafts are saved like any other: validation never blocks saving, but a save never
writes a file that could not be opened again.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from gfmd_reports.errors import ReportError
from gfmd_reports.files import (
    UnreadableFileError,
    folder_locked,
    read_bounded,
    remove_stale_temporaries,
    write_file_atomically,
    write_new_file,
)
from gfmd_reports.loading import MAX_FILE_BYTES, UnreadableError, decode_report, parse_yaml

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.ya?ml$")
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{12}\.tmp$")

SETTLED_SECONDS = 600
"""A draft left alone this long is kept as its `.previous` when it is next saved. The form
saves at every pause in typing: a copy of the draft as it was half a second ago would keep
nothing worth having, while the draft as it was before this sitting undoes a bad session."""


class DraftConflictError(ReportError):
    """The draft changed since the version the save was made from."""

    def __init__(self, name: str, current: str | None) -> None:
        self.current = current
        super().__init__(
            f"{name} was changed elsewhere (another tab or window) since you opened it: "
            "reload it to see those changes before saving again"
        )


class UnfitDraftError(ReportError):
    """A file in the drafts folder that the form cannot open: not a plain file, or too large."""


@dataclass(frozen=True)
class Draft:
    """A draft as stored: its name, text, version and, if it is YAML at all, its data."""

    name: str
    text: str
    version: str
    data: Any
    unreadable: str | None = None
    """Why the file cannot be read as a report, where it cannot: it is then left as it is."""


@dataclass(frozen=True)
class DraftEntry:
    """A draft as the list shows it, from its file alone: nothing in it is parsed."""

    name: str
    version: str | None
    modified: float
    size: int
    note: str | None = None
    """Why the form cannot open it, where it cannot."""


def version_of(data: bytes) -> str:
    """A draft's version: a digest of its bytes, so that any change changes it."""
    return hashlib.sha256(data).hexdigest()[:16]


class DraftStore:
    """The drafts in one folder."""

    def __init__(self, folder: Path, schema_location: str | None = None) -> None:
        self.folder = folder
        self._schema_location = schema_location
        # The list reads each file only when its identity (inode, size, times) has changed.
        self._versions: dict[str, tuple[tuple[int, ...], str]] = {}

    def sweep(self) -> None:
        """Remove the temporary files that saves killed outright left in the folder."""
        try:
            names = {
                found["name"]
                for file in os.listdir(self.folder)
                if (found := _TEMPORARY.match(file))
            }
            with folder_locked(self.folder):
                for name in names:
                    remove_stale_temporaries(self.folder / name)
        except OSError:
            pass  # a folder that cannot be read or written holds nothing this server wrote

    def entries(self) -> list[DraftEntry]:
        """The drafts, newest first, each read at most once while it stays unchanged."""
        try:
            found = [entry for entry in os.scandir(self.folder) if _NAME.match(entry.name)]
        except OSError as error:
            raise ReportError(
                f"{self.folder}: the drafts folder cannot be read: {error.strerror}"
            ) from error
        entries = [entry for item in found if (entry := self._entry(item)) is not None]
        for gone in self._versions.keys() - {entry.name for entry in entries}:
            self._versions.pop(gone, None)
        return sorted(entries, key=lambda entry: entry.modified, reverse=True)

    def load(self, name: str) -> Draft:
        raw = _read_draft(self._path(name), name)
        if raw is None:
            raise ReportError(f"{name}: no such draft")
        text = raw.decode("utf-8-sig", "replace")
        try:
            data, _ = parse_yaml(decode_report(raw))
        except UnreadableError as error:
            where = "".join(f":{number}" for number in error.location or ())
            return Draft(name, text, version_of(raw), None, f"{name}{where}: {error.message}")
        return Draft(name, text, version_of(raw), data)

    def save(self, name: str, data: Any, version: str | None) -> Draft:
        """Save report data as the draft ``name``; ``version`` is the one it was made from
        (None for a new draft). Raises DraftConflictError if the file has moved on, and
        ReportError, writing nothing, if the file could not be opened again or written."""
        path = self._path(name)
        text = self._yaml(data)
        raw = text.encode()
        _refuse_unreadable(name, raw)
        try:
            with folder_locked(self.folder):
                remove_stale_temporaries(path)
                self._replace(path, name, raw, version)
        except OSError as error:
            raise ReportError(
                f"{name}: not saved: the drafts folder {self.folder} cannot be written "
                f"({error.strerror}): make it writable, or serve another folder with --drafts"
            ) from error
        return Draft(name, text, version_of(raw), data)

    def _replace(self, path: Path, name: str, raw: bytes, version: str | None) -> None:
        """Compare and swap, holding the folder's lock: write only over the expected version."""
        current = _read_draft(path, name)
        current_version = version_of(current) if current is not None else None
        if current_version != version:
            raise DraftConflictError(name, current_version)
        if current is None:
            try:
                write_new_file(path, raw)
            except FileExistsError:
                raise DraftConflictError(name, None) from None
            return
        previous = path.with_name(f".{path.name}.previous")
        if not previous.exists() or time.time() - path.stat().st_mtime >= SETTLED_SECONDS:
            write_file_atomically(previous, current)
        write_file_atomically(path, raw)

    def _entry(self, item: os.DirEntry) -> DraftEntry | None:
        try:
            status = item.stat(follow_symlinks=False)
        except FileNotFoundError:
            return None  # deleted while listing
        identity = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        cached = self._versions.get(item.name)
        if cached is not None and cached[0] == identity:
            return DraftEntry(item.name, cached[1], status.st_mtime, status.st_size)
        try:
            raw = _read_draft(Path(item.path), item.name, status)
        except ReportError as error:
            note = str(error).removeprefix(f"{item.name}: ")
            return DraftEntry(item.name, None, status.st_mtime, status.st_size, note)
        if raw is None:
            return None
        self._versions[item.name] = (identity, version_of(raw))
        return DraftEntry(item.name, version_of(raw), status.st_mtime, status.st_size)

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


def _refuse_unreadable(name: str, raw: bytes) -> None:
    """Refuse to save a file that the form, `validate` and `render` would refuse to read:
    it is checked by the very functions that read it."""
    try:
        parse_yaml(decode_report(raw))
    except UnreadableError as error:
        if len(raw) > MAX_FILE_BYTES:
            raise ReportError(
                f"{name}: not saved: as a file it would be {len(raw):,} bytes, more than the "
                f"{MAX_FILE_BYTES:,} a report file may have (Chinese, Arabic or Thai text takes "
                "2 or 3 bytes a character): shorten it, or split it into two reports"
            ) from None
        raise ReportError(
            f"{name}: not saved: the file it would become could not be opened again: it "
            f"{error.message}"
        ) from None


def _read_draft(path: Path, name: str, status: os.stat_result | None = None) -> bytes | None:
    """Read a draft's bytes, or None if there is no such file. Reads a plain file only (not a
    link, a pipe or a device, which could point anywhere or never end), and at most the bytes
    a report file may have."""
    if status is None:
        try:
            status = path.lstat()
        except FileNotFoundError:
            return None
    _refuse_unfit(name, status)
    try:
        return read_bounded(path, MAX_FILE_BYTES, "a report file", follow_links=False)
    except FileNotFoundError:
        return None
    except UnreadableFileError as error:  # replaced or grown since the look
        raise UnfitDraftError(f"{name}: {error}") from error
    except OSError as error:
        raise ReportError(f"{name}: cannot be read: {error.strerror}") from error


def _refuse_unfit(name: str, status: os.stat_result) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise UnfitDraftError(
            f"{name}: is a symbolic link, which the form does not follow: "
            "copy the file it points to into the drafts folder"
        )
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a pipe or a device"
        raise UnfitDraftError(f"{name}: is {kind}, not a file: the form opens files only")
    if status.st_size > MAX_FILE_BYTES:
        raise _too_large(name, status.st_size)


def _too_large(name: str, size: int) -> UnfitDraftError:
    return UnfitDraftError(
        f"{name}: is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a report file may have: "
        "the form cannot open it"
    )
