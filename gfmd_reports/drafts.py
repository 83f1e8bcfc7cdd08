"""Drafts: report files in a folder that the web form reads and saves, losing nothing.

A draft is the same YAML file the command line reads. Every save is atomic and names the
version it replaces: a save made from an older version than the file's is refused as a
conflict, so that two tabs, or two servers on one folder, cannot silently overwrite each other.
The check and the write happen under the folder's lock, which every writer of this tool takes.
Incomplete drafts are saved like any other: validation never blocks saving, but a save never
writes a file that could not be opened again.

A draft has a name as the rapporteur typed it, in any language ("Rapport de la séance 2.2"),
kept in a comment at the top of its file, and a file name derived from it that any system can
hold (``rapport-de-la-seance-2.2.yaml``). Deleted drafts go to the folder's ``.trash`` for
``TRASH_DAYS`` days, from which they can be restored.

Every save is kept in the draft's history (versions.py), autosaves coalesced to one version a
minute; the history goes to the trash and back with its draft.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml.resolver import VersionedResolver

from gfmd_reports.errors import ReportError
from gfmd_reports.files import (
    UnreadableFileError,
    folder_locked,
    read_bounded,
    remove_stale_temporaries,
    write_file_atomically,
    write_new_file,
)
from gfmd_reports.i18n import _, number
from gfmd_reports.loading import (
    MAX_FILE_BYTES,
    UnreadableError,
    decode_report,
    parse_yaml,
    validate_data,
)
from gfmd_reports.versions import AUTOSAVE, CREATED, NAMED, Version, VersionHistory, version_of

__all__ = ["version_of"]  # a draft's version is its digest, as its history's versions are

_FILE_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.ya?ml"
_NAME = re.compile(f"^{_FILE_NAME}$")
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{12}\.tmp$")
_TRASHED = re.compile(
    r"^(?P<deleted>[0-9]{1,20})-(?P<name>[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.ya?ml)$"
)
_DISPLAY_NAME_MARK = "# Draft: "
"""Starts the comment line at the top of a draft's file that holds its name as typed."""

MAX_DISPLAY_NAME = 120
"""Bound on a draft's name, in characters: a title, not a text."""
_MAX_STEM = 80
TRASH_FOLDER = ".trash"
TRASH_DAYS = 30
"""How long a deleted draft can be restored before ``DraftStore.sweep`` removes it."""
# Letters that Unicode does not decompose into a Latin letter and a mark.
_LATIN = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}
)


class DraftConflictError(ReportError):
    """The draft changed since the version the save was made from."""

    def __init__(self, name: str, current: str | None) -> None:
        self.current = current
        super().__init__(
            _(
                "{name} was changed elsewhere (another tab or window) since you opened it: "
                "reload it to see those changes before saving again",
                name=name,
            )
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
    display_name: str = ""
    """The draft's name as typed; its file name when none was typed."""


@dataclass(frozen=True)
class DraftEntry:
    """A draft as the list shows it, from its file alone: nothing in it is parsed."""

    name: str
    version: str | None
    modified: float
    size: int
    note: str | None = None
    """Why the form cannot open it, where it cannot."""
    display_name: str = ""


@dataclass(frozen=True)
class DeletedDraft:
    """A draft in the trash: ``key`` names it there; it can be restored until ``expires``."""

    key: str
    name: str
    display_name: str
    deleted: float

    @property
    def expires(self) -> float:
        return self.deleted + TRASH_DAYS * 86_400


def display_name_of(raw: bytes, name: str) -> str:
    """The name a draft was given, from the comments at the top of its file, else its file
    name."""
    for line in raw[:4096].decode("utf-8-sig", "replace").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(_DISPLAY_NAME_MARK):
            return line.removeprefix(_DISPLAY_NAME_MARK).strip() or name
    return name


def file_stem_for(display_name: str) -> str:
    """A file name's stem for a draft's name: its letters without accents, in lower case, any
    other character run a hyphen ("Informe sesión 1.2 (borrador)": informe-sesion-1.2-borrador);
    "draft" for a name with no Latin letter or digit."""
    stem = re.sub(r"\.ya?ml$", "", display_name, flags=re.IGNORECASE)
    letters = unicodedata.normalize("NFKD", stem.lower().translate(_LATIN))
    latin = "".join(c for c in letters if not unicodedata.combining(c)).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9._]+", "-", latin.decode()).strip("-._")
    return slug[:_MAX_STEM].strip("-._") or "draft"


def checked_display_name(display_name: str) -> str:
    """A draft's name as typed, spaces trimmed; ReportError for one that cannot name a draft."""
    name = " ".join(display_name.split())
    if not name:
        raise ReportError(_("a draft needs a name: type one, in any language"))
    if len(name) > MAX_DISPLAY_NAME:
        raise ReportError(
            _(
                "a draft's name may have at most {limit} characters, and this one has {count}: "
                "shorten it",
                limit=MAX_DISPLAY_NAME,
                count=len(name),
            )
        )
    if any(unicodedata.category(character) in {"Cc", "Cs"} for character in name):
        raise ReportError(
            _("a draft's name cannot hold control characters: type it again without them")
        )
    return name


class DraftStore:
    """The drafts in one folder."""

    def __init__(
        self,
        folder: Path,
        schema_location: str | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = folder
        self.trash = folder / TRASH_FOLDER
        self._schema_location = schema_location
        self._clock = clock
        # The list reads each file only when its identity (inode, size, times) has changed.
        self._versions: dict[str, tuple[tuple[int, ...], str, str]] = {}

    def sweep(self, now: float | None = None) -> None:
        """Remove the temporary files that saves killed outright left in the folder, and the
        drafts deleted more than ``TRASH_DAYS`` days before ``now``."""
        now = time.time() if now is None else now
        try:
            names = {
                found["name"]
                for file in os.listdir(self.folder)
                if (found := _TEMPORARY.match(file))
            }
            with folder_locked(self.folder):
                for name in names:
                    remove_stale_temporaries(self.folder / name)
                for deleted in self._trashed():
                    if deleted.expires <= now:
                        self._trash_file(deleted.key).unlink()
                        self._trash_file(f"{deleted.key}.previous").unlink(missing_ok=True)
                        _remove_history(self._trash_file(f"{deleted.key}.versions"))
        except OSError:
            pass  # a folder that cannot be read or written holds nothing this server wrote

    def entries(self) -> list[DraftEntry]:
        """The drafts, newest first, each read at most once while it stays unchanged."""
        try:
            found = [entry for entry in os.scandir(self.folder) if _NAME.match(entry.name)]
        except OSError as error:
            raise ReportError(
                _(
                    "{folder}: the drafts folder cannot be read: {reason}",
                    folder=self.folder,
                    reason=error.strerror,
                )
            ) from error
        entries = [entry for item in found if (entry := self._entry(item)) is not None]
        for gone in self._versions.keys() - {entry.name for entry in entries}:
            self._versions.pop(gone, None)
        return sorted(entries, key=lambda entry: entry.modified, reverse=True)

    def load(self, name: str) -> Draft:
        raw = _read_draft(self._path(name), name)
        if raw is None:
            raise ReportError(_("{name}: no such draft", name=name))
        text = raw.decode("utf-8-sig", "replace")
        display_name = display_name_of(raw, name)
        try:
            data, _location = parse_yaml(decode_report(raw))
        except UnreadableError as error:
            where = "".join(f":{number}" for number in error.location or ())
            reason = f"{name}{where}: {error.message}"
            return Draft(name, text, version_of(raw), None, reason, display_name)
        return Draft(name, text, version_of(raw), data, display_name=display_name)

    def create(self, display_name: str, data: Any) -> Draft:
        """Start a draft named ``display_name``, in a new file whose name is derived from it."""
        display_name = checked_display_name(display_name)
        stem = file_stem_for(display_name)
        body = self._yaml(data)
        with self._writing(f"{stem}.yaml"):
            name = self._free_name(stem)
            raw = self._header(display_name, name) + body
            _refuse_unreadable(name, raw)
            write_new_file(self.folder / name, raw)
            self.history(name).keep(raw, CREATED)
        return Draft(name, raw.decode(), version_of(raw), data, display_name=display_name)

    def save(self, name: str, data: Any, version: str | None) -> Draft:
        """Save report data as the draft ``name``; ``version`` is the one it was made from
        (None for a new draft). Raises DraftConflictError if the file has moved on, and
        ReportError, writing nothing, if the file could not be opened again or written."""
        path = self._path(name)
        body = self._yaml(data)
        with self._writing(name):
            remove_stale_temporaries(path)
            current = self._current(path, name, version)
            display_name = display_name_of(current, name) if current is not None else name
            raw = self._header(display_name, name) + body
            _refuse_unreadable(name, raw)
            self._replace(path, raw, current)
            self.history(name).keep(raw, AUTOSAVE)
        return Draft(name, raw.decode(), version_of(raw), data, display_name=display_name)

    def history(self, name: str) -> VersionHistory:
        """The versions of the draft ``name``."""
        return VersionHistory(self._path(name), clock=self._clock)

    def checked_name(self, name: str) -> str:
        """``name``, if it can name a draft; ReportError if not."""
        self._path(name)
        return name

    def versions(self, name: str) -> list[Version]:
        """The versions of the draft ``name``, oldest first."""
        if not os.path.lexists(self._path(name)):
            raise ReportError(_("{name}: no such draft", name=name))
        return self.history(name).versions()

    def keep_version(self, name: str, note: str | None) -> Version:
        """Keep the draft ``name`` as it is now as a named version, with the user's note."""
        with self._writing(name):
            current = _read_draft(self._path(name), name)
            if current is None:
                raise ReportError(_("{name}: no such draft", name=name))
            return self.history(name).keep(current, NAMED, note)

    def restore_version(self, name: str, number: int, version: str | None) -> tuple[Draft, int]:
        """Put back version ``number`` of the draft ``name``, which must still be at
        ``version`` (DraftConflictError if not), and which the form must be able to open
        (ReportError, writing nothing, if not). Return the draft, and the number of the
        version that holds what it held before, which a restore of it undoes."""
        path = self._path(name)
        with self._writing(name):
            current = self._current(path, name, version)
            if current is None:
                raise ReportError(_("{name}: no such draft", name=name))
            history = self.history(name)
            _refuse_unopenable_version(path, number, history.read(number))
            self._migrate_previous(path)
            kept = history.restore(number)
        assert kept is not None  # the draft was there, so it was kept first
        return self.load(name), kept.number

    def rename(self, name: str, display_name: str) -> DraftEntry:
        """Give the draft ``name`` another name to show; its file keeps its name, so that every
        tab and link to it still finds it."""
        path = self._path(name)
        display_name = checked_display_name(display_name)
        with self._writing(name):
            current = _read_draft(path, name)
            if current is None:
                raise ReportError(_("{name}: no such draft", name=name))
            raw = _renamed(current, self._header(display_name, name))
            self.history(name).keep(current, "before-rename")
            write_file_atomically(path, raw)
            status = path.stat()
        return DraftEntry(name, version_of(raw), status.st_mtime, len(raw), None, display_name)

    def delete(self, name: str) -> DeletedDraft:
        """Move the draft ``name`` and its history to the trash."""
        path = self._path(name)
        with self._writing(name):
            current = _read_draft(path, name)
            if current is None:
                raise ReportError(_("{name}: no such draft", name=name))
            self.trash.mkdir(mode=0o700, exist_ok=True)
            deleted = DeletedDraft(
                f"{time.time_ns()}-{name}", name, display_name_of(current, name), time.time()
            )
            self._migrate_previous(path)
            history = self.history(name).folder
            os.rename(path, self._trash_file(deleted.key))
            if history.is_dir():
                os.rename(history, self._trash_file(f"{deleted.key}.versions"))
        return deleted

    def deleted(self) -> list[DeletedDraft]:
        """The drafts in the trash, most recently deleted first."""
        return sorted(self._trashed(), key=lambda deleted: deleted.deleted, reverse=True)

    def restore(self, key: str) -> DraftEntry:
        """Put the deleted draft ``key`` back, under its file name if that is still free."""
        found = _TRASHED.match(key)
        trashed = self._trash_file(key)
        with self._writing(found["name"] if found else key):
            if found is None or not trashed.is_file():
                raise ReportError(
                    _(
                        "{key}: no such deleted draft (drafts are kept {days} days after "
                        "they are deleted): reload the list of deleted drafts",
                        key=key,
                        days=TRASH_DAYS,
                    )
                )
            name = self._free_name(re.sub(r"\.ya?ml$", "", found["name"]))
            path = self.folder / name
            os.rename(trashed, path)
            history = self._trash_file(f"{key}.versions")
            if history.is_dir() and not history.is_symlink():
                os.rename(history, self.history(name).folder)
            previous = self._trash_file(f"{key}.previous")
            if previous.exists():
                os.rename(previous, _previous(path))
            raw = read_bounded(path, MAX_FILE_BYTES, "a report file", follow_links=False)
            status = path.stat()
        return DraftEntry(
            name, version_of(raw), status.st_mtime, len(raw), None, display_name_of(raw, name)
        )

    @contextlib.contextmanager
    def _writing(self, name: str) -> Iterator[None]:
        """Hold the folder's lock; an OSError meanwhile becomes a message saying what to do."""
        try:
            with folder_locked(self.folder):
                yield
        except OSError as error:
            raise ReportError(
                _(
                    "{name}: not saved: the drafts folder {folder} cannot be written ({reason}): "
                    "make it writable, or serve another folder with --drafts",
                    name=name,
                    folder=self.folder,
                    reason=error.strerror,
                )
            ) from error

    def _current(self, path: Path, name: str, version: str | None) -> bytes | None:
        """The draft's bytes, if they are of ``version``; else DraftConflictError."""
        current = _read_draft(path, name)
        current_version = version_of(current) if current is not None else None
        if current_version != version:
            raise DraftConflictError(name, current_version)
        return current

    def _replace(self, path: Path, raw: bytes, current: bytes | None) -> None:
        """Write ``raw`` over ``current``, which the history keeps first if it does not hold
        it yet (a draft saved before versions were kept, or changed in a text editor)."""
        if current is None:
            try:
                write_new_file(path, raw)
            except FileExistsError:
                raise DraftConflictError(path.name, None) from None
            return
        self._migrate_previous(path)
        self.history(path.name).keep(current, "before-save")
        write_file_atomically(path, raw)

    def _migrate_previous(self, path: Path) -> None:
        """Keep the ``.previous`` copy that saves made before versions were kept as a version
        ("previous"), then remove it: the history supersedes it."""
        previous = _previous(path)
        try:
            raw = read_bounded(previous, MAX_FILE_BYTES, "a report file", follow_links=False)
        except (OSError, UnreadableFileError):
            return  # none, or not a plain file: nothing this tool wrote
        self.history(path.name).keep(raw, "previous")
        previous.unlink()

    def _free_name(self, stem: str) -> str:
        """``stem``.yaml, or with -2, -3… after the stem if that is taken."""
        number = 1
        while True:
            name = f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml"
            # A history left without its draft is not given to a new one.
            if not any(
                os.path.lexists(self.folder / taken) for taken in (name, f".{name}.versions")
            ):
                return name
            number += 1

    def _trashed(self) -> list[DeletedDraft]:
        try:
            files = os.listdir(self.trash)
        except FileNotFoundError:
            return []
        found = []
        for key in files:
            if match := _TRASHED.match(key):
                head = _read_head(self.trash / key)
                display_name = display_name_of(head, match["name"])
                deleted = int(match["deleted"]) / 1e9
                found.append(DeletedDraft(key, match["name"], display_name, deleted))
        return found

    def _trash_file(self, key: str) -> Path:
        return self.trash / key

    def _entry(self, item: os.DirEntry) -> DraftEntry | None:
        try:
            status = item.stat(follow_symlinks=False)
        except FileNotFoundError:
            return None  # deleted while listing
        identity = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        cached = self._versions.get(item.name)
        if cached is not None and cached[0] == identity:
            return DraftEntry(
                item.name, cached[1], status.st_mtime, status.st_size, None, cached[2]
            )
        try:
            raw = _read_draft(Path(item.path), item.name, status)
        except ReportError as error:
            note = str(error).removeprefix(f"{item.name}: ")
            return DraftEntry(item.name, None, status.st_mtime, status.st_size, note, item.name)
        if raw is None:
            return None
        display_name = display_name_of(raw, item.name)
        self._versions[item.name] = (identity, version_of(raw), display_name)
        return DraftEntry(
            item.name, version_of(raw), status.st_mtime, status.st_size, None, display_name
        )

    def _path(self, name: str) -> Path:
        if not _NAME.match(name):
            raise ReportError(
                _(
                    "'{name}' is not the file name of a draft: a draft's file name has letters, "
                    "digits, '.', '-' and '_', and ends in .yaml",
                    name=name,
                )
            )
        return self.folder / name

    def _header(self, display_name: str, name: str) -> bytes:
        """The comments atop a draft's file: the schema it follows, the name it was given."""
        lines = []
        if self._schema_location:
            lines.append(f"# yaml-language-server: $schema={self._schema_location}\n")
        if display_name != name:
            lines.append(f"{_DISPLAY_NAME_MARK}{display_name}\n")
        return "".join(lines).encode()

    def _yaml(self, data: Any) -> bytes:
        return draft_yaml(data).encode()


def _previous(path: Path) -> Path:
    return path.with_name(f".{path.name}.previous")


def _remove_history(folder: Path) -> None:
    """Remove a trashed draft's versions folder (a link there is removed, not followed)."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder)


def _renamed(raw: bytes, header: bytes) -> bytes:
    """A draft's bytes with its leading comments replaced by ``header``."""
    lines = raw.decode("utf-8-sig", "replace").splitlines(keepends=True)
    leading = 0
    while leading < len(lines) and lines[leading].startswith(
        ("# yaml-language-server:", _DISPLAY_NAME_MARK)
    ):
        leading += 1
    return header + "".join(lines[leading:]).encode()


def _read_head(path: Path) -> bytes:
    """The first kilobytes of a file in the trash, where its name is written."""
    try:
        with path.open("rb") as file:
            return file.read(4096)
    except OSError:
        return b""


def _refuse_unopenable_version(path: Path, number: int, raw: bytes) -> None:
    """Refuse to restore a version the form could not open, before anything is written: the
    form would show nothing, and its next save would conflict with the draft restored."""
    source = f"{path.name}@{number}"
    try:
        data, _location = parse_yaml(decode_report(raw))
    except UnreadableError as error:
        where = "".join(f":{place}" for place in error.location or ())
        reason = f"{source}{where}: {error.message}"
    else:
        if isinstance(data, dict):
            return
        reason = str(validate_data(data, source).errors[0])
    raise ReportError(
        _(
            "{reason}. Version {number} is not restored, as the form cannot open it; the draft "
            "is left as it is. See the version's text with "
            "'gfmd-reports versions {file} --show {number}'",
            reason=reason,
            number=number,
            file=path,
        )
    )


def _refuse_unreadable(name: str, raw: bytes) -> None:
    """Refuse to save a file that the form, `validate` and `render` would refuse to read:
    it is checked by the very functions that read it."""
    try:
        parse_yaml(decode_report(raw))
    except UnreadableError as error:
        if len(raw) > MAX_FILE_BYTES:
            size, limit = number(len(raw)), number(MAX_FILE_BYTES)
            raise ReportError(
                _(
                    "{name}: not saved: as a file it would be {size} bytes, more than the "
                    "{limit} a report file may have (Chinese, Arabic or Thai text takes "
                    "2 or 3 bytes a character): shorten it, or split it into two reports",
                    name=name,
                    size=size,
                    limit=limit,
                )
            ) from None
        raise ReportError(
            _(
                "{name}: not saved: the file it would become could not be opened again: it "
                "{reason}",
                name=name,
                reason=error.message,
            )
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
        raise ReportError(
            _("{name}: cannot be read: {reason}", name=name, reason=error.strerror)
        ) from error


def _refuse_unfit(name: str, status: os.stat_result) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise UnfitDraftError(
            _(
                "{name}: is a symbolic link, which the form does not follow: "
                "copy the file it points to into the drafts folder",
                name=name,
            )
        )
    if stat.S_ISDIR(status.st_mode):
        raise UnfitDraftError(
            _("{name}: is a folder, not a file: the form opens files only", name=name)
        )
    if not stat.S_ISREG(status.st_mode):
        raise UnfitDraftError(
            _("{name}: is a pipe or a device, not a file: the form opens files only", name=name)
        )
    if status.st_size > MAX_FILE_BYTES:
        raise _too_large(name, status.st_size)


def _too_large(name: str, size: int) -> UnfitDraftError:
    shown, limit = number(size), number(MAX_FILE_BYTES)
    return UnfitDraftError(
        _(
            "{name}: is {size} bytes, more than the {limit} a report file may have: "
            "the form cannot open it",
            name=name,
            size=shown,
            limit=limit,
        )
    )


# ---------------------------------------------------------------------------------------------
# A draft's data as YAML: ruamel's emitter, in pure Python, took 8 ms for an example and 370 ms
# for the largest report a file may hold, at every save. A draft's data is plain (text, numbers,
# lists, maps), which a small emitter writes as ruamel laid it out, each value as a person
# reads it: text plain where YAML reads it back as that very text, else in quotes.

_WIDTH = 100
"""Plain text is folded at spaces to keep lines within this many characters."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters that mean something to YAML at the start of a plain value."""
_FOLD = re.compile(r"(?<=[^ ]) (?=[^\W_])")
"""A space where plain text may be folded: a single space before a letter or a digit."""
_UNSEEN = frozenset({0x2028, 0x2029, 0xFEFF})
"""Characters YAML can hold but reads as a line break or drops (a byte-order mark): escaped."""
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def draft_yaml(data: Any) -> str:
    """Write plain data as a YAML document that reads back as exactly that data."""
    lines: list[str] = []
    if isinstance(data, dict) and data:
        _write_mapping(data, 0, lines)
    elif isinstance(data, list) and data:
        _write_sequence(data, 0, lines)
    else:
        lines.append(_scalar(data, 0, 2))
    return "\n".join(lines) + "\n"


def _write_mapping(mapping: dict, indent: int, lines: list[str], lead: str = "") -> None:
    """Write a mapping's keys at ``indent``; the first after ``lead`` (a sequence's dash)."""
    for key, value in mapping.items():
        head = f"{lead or ' ' * indent}{_scalar(str(key))}:"
        lead = ""
        if isinstance(value, dict) and value:
            lines.append(head)
            _write_mapping(value, indent + 2, lines)
        elif isinstance(value, list) and value:
            lines.append(head)
            _write_sequence(value, indent + 2, lines)
        else:
            lines.append(f"{head} {_scalar(value, len(head) + 1, indent + 2)}")


def _write_sequence(items: list, indent: int, lines: list[str]) -> None:
    """Write a sequence's items, each after a dash at ``indent``."""
    dash = " " * indent + "- "
    for item in items:
        if isinstance(item, dict) and item:
            _write_mapping(item, indent + 2, lines, dash)
        elif isinstance(item, list) and item:
            lines.append(dash.rstrip())
            _write_sequence(item, indent + 2, lines)
        else:
            lines.append(dash + _scalar(item, indent + 2, indent + 2))


def _scalar(value: Any, column: int = 0, continuation: int | None = None) -> str:
    """A value that starts at ``column``, its text folded to continue at ``continuation``
    (None: on one line, as a key)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, list | dict):  # an empty one: a full one takes lines of its own
        return "[]" if isinstance(value, list) else "{}"
    if not isinstance(value, str):
        raise TypeError(f"a draft holds plain data, not {type(value).__name__}")
    if _reads_plain(value):
        return _folded(value, column, continuation)
    if value.isprintable():
        return _folded("'" + value.replace("'", "''") + "'", column, continuation)
    return '"' + "".join(map(_escaped, value)) + '"'


def _float(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


def _reads_plain(text: str) -> bool:
    """Whether ``text``, written without quotes, reads back as itself (in YAML 1.2, as reports
    are read, and in YAML 1.1, as older tools read: “no” stays text)."""
    return (
        text.isprintable()
        and text[:1] not in _INDICATORS
        and text.strip(" ") == text
        and not text.startswith("...")
        and not text.endswith(":")
        and ": " not in text
        and " #" not in text
        and not any(pattern.match(text) for pattern in _typed_patterns(text[:1]))
    )


@cache
def _typed_patterns(first: str) -> tuple[re.Pattern, ...]:
    """The patterns by which YAML 1.1 or 1.2 reads a plain value starting with ``first`` as
    something other than text: a number, a truth value, null, a date."""
    text_tag = "tag:yaml.org,2002:str"
    return tuple(
        pattern
        for version in ((1, 1), (1, 2))
        for tag, pattern in VersionedResolver(version=version).versioned_resolver.get(first, [])
        if tag != text_tag
    )


def _folded(text: str, column: int, continuation: int | None) -> str:
    """Plain text folded at single spaces, so that lines keep within the width where words
    allow; YAML reads each line break back as the space it replaced."""
    if continuation is None or column + len(text) <= _WIDTH:
        return text
    lines, start, room = [], 0, _WIDTH - column
    while len(text) - start > room:
        space = _fold_before(text, start, start + room + 1)
        if space < 0:  # a word longer than the line runs over
            found = _FOLD.search(text, start + 1)
            if found is None:
                break
            space = found.start()
        lines.append(text[start:space])
        start, room = space + 1, _WIDTH - continuation
    lines.append(text[start:])
    return ("\n" + " " * continuation).join(lines)


def _fold_before(text: str, start: int, end: int) -> int:
    """The last space between ``start`` and ``end`` where text may be folded, or -1."""
    space = text.rfind(" ", start + 1, end)
    while space > start and not _FOLD.match(text, space):
        space = text.rfind(" ", start + 1, space)
    return space if space > start else -1


def _escaped(character: str) -> str:
    """A character as it is written between double quotes: as itself if YAML can hold it."""
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    printable = 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
    if (printable and code not in _UNSEEN) or code >= 0x10000:
        return character
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"
