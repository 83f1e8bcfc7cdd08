"""The history of a report file: every state worth keeping, in files a person can read.

A report ``F`` keeps its versions in the hidden folder ``.F.versions`` beside it, one file per
version holding the report's bytes exactly as they were, named so that the folder lists them in
order: ``0007-2026-11-30T13-45-02Z-named.yaml`` is version 7, kept at 13:45:02 UTC because the
user asked (a "named" version); its note, if any, is the text file ``0007.note.txt``.

Autosaves (the form saves at every pause in typing) keep one version per minute of the clock:
a later autosave in the same minute replaces that minute's version. The history is bounded:
named versions are always kept; so are those an Undo or a person comes back to (the state
before a restore or an import, the copy saves made before versions were kept), which are
never thinned and, past ``MAX_HISTORY_BYTES``, go only after the other versions, oldest first.
The others are thinned as they age (all of the last two hours, the last of each 10 minutes of
the last day, the last of each day before) and, past the cap, the oldest go first. The newest
version, the report's current state, is never dropped, so numbers are never reused.

Writers hold the report folder's lock (the one the drafts store takes), so that two processes
keeping versions of one report, two servers on one folder say, never number two versions alike.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import stat
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gfmd_reports.errors import ReportError
from gfmd_reports.files import (
    UnreadableFileError,
    folder_locked,
    read_bounded,
    write_file_atomically,
)
from gfmd_reports.i18n import _, mark, ngettext, number
from gfmd_reports.loading import (
    MAX_FILE_BYTES,
    UnreadableError,
    Validation,
    decode_report,
    validate_file,
    validate_text,
)

MAX_HISTORY_BYTES = 20_000_000
"""Bound on the versions of one report, in bytes: 40 versions of the largest report a file may
hold, some 1,500 of a usual one. Named versions are kept even past it."""
MAX_NOTE = 500
"""Bound on a version's note, in characters: a line saying why, not a text."""
COALESCE_SECONDS = 60
"""Autosaves within one minute of the clock make one version."""
_THINNING = ((7_200, 0), (86_400, 600), (None, 86_400))
"""(age below which, kept one per this many seconds; 0: all) as versions grow old."""
AUTOSAVE = "autosave"
NAMED = "named"
CREATED = "created"
_REASONS = {
    CREATED: mark("draft created"),
    AUTOSAVE: mark("autosave"),
    NAMED: mark("saved by you"),
    "before-restore": mark("before a restore"),
    "restored": mark("restored"),
    "before-save": mark("changed elsewhere"),
    "before-rename": mark("before renaming"),
    "before-import": mark("before an import"),
    "previous": mark("earlier copy"),
}
"""Why a version was kept, as a person is told it."""
_UNTHINNED = frozenset({"before-restore", "before-import", "previous"})
"""Reasons of versions an Undo or a person comes back to: never thinned, and past the byte cap
the last to go (after every other but the named ones, which always stay)."""
_REASON = re.compile(r"^[a-z][a-z-]{0,29}$")
_STAMP = "%Y-%m-%dT%H-%M-%SZ"
_VERSION_FILE = re.compile(
    r"^(?P<number>[0-9]{4,9})-(?P<saved>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z)"
    r"-(?P<reason>[a-z][a-z-]{0,29})\.(?P<suffix>[A-Za-z0-9]{1,10})$"
)
_NOTE_FILE = re.compile(r"^(?P<number>[0-9]{4,9})\.note\.txt$")
_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")
"""A temporary file of files.write_file_atomically."""
_REFERENCE = re.compile(r"^(?P<name>.+)@(?P<number>[0-9]{1,9})$")
"""FILE@N: version N of FILE, where the command line takes a report file."""


def version_of(data: bytes) -> str:
    """A report's version: a digest of its bytes, so that any change changes it."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Version:
    """One kept state of a report."""

    number: int
    """1, 2, 3… in order of keeping; never reused, the same however many are thinned."""
    saved: datetime.datetime
    """When it was kept, in UTC, to the second."""
    reason: str
    """Why it was kept: "autosave", "named" (the user asked), "before-restore"…"""
    note: str | None
    size: int
    digest: str
    """``version_of`` its bytes: the draft's version it was."""
    file: str
    """Its file's name in the versions folder, for a person to open."""


class VersionHistory:
    """The versions of the report file ``report``; ``clock`` says the time (tests move it)."""

    def __init__(self, report: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.report = report
        self.folder = report.with_name(f".{report.name}.versions")
        self._clock = clock

    def versions(self) -> list[Version]:
        """The versions kept, oldest first (none if the report has no history)."""
        with folder_locked(self.report.parent):
            return [self._version(kept) for kept in self._found()]

    def read(self, number: int) -> bytes:
        """The bytes of version ``number``; ReportError, naming those there are, if none."""
        with folder_locked(self.report.parent):
            return self._read(self._find(number).path)

    def keep(self, raw: bytes, reason: str, note: str | None = None) -> Version:
        """Keep ``raw`` as the report's newest version and return it.

        Bytes equal to the newest version's are not kept twice: that version is returned (made
        a named one, with ``note``, if named), unless it is a named one with another note, which
        a new named version then keeps beside it, so that no note is lost. An autosave in the
        minute of the newest version, itself an autosave, replaces it under its number.
        """
        note = checked_note(note)
        if not _REASON.match(reason):
            raise ValueError(f"a version's reason is a lower-case word, not {reason!r}")
        with folder_locked(self.report.parent):
            return self._keep(raw, reason, note)

    def restore(self, number: int) -> Version | None:
        """Put version ``number`` back as the report, keeping its current state as a version
        first ("before-restore"); return that version, which a restore of it undoes (None if
        there was no report file)."""
        with folder_locked(self.report.parent):
            raw = self._read(self._find(number).path)
            current = read_report(self.report)
            kept = None if current is None else self._keep(current, "before-restore", None)
            write_file_atomically(self.report, raw)
            self._keep(raw, "restored", None)
            return kept

    def _keep(self, raw: bytes, reason: str, note: str | None) -> Version:
        found = self._found()
        now = self._clock()
        if found:
            newest = self._version(found[-1])
            if newest.digest == version_of(raw) and not _another_note(newest, reason, note):
                return self._named(newest, note) if reason == NAMED else newest
            if reason == AUTOSAVE == newest.reason and _same_minute(newest.saved, now):
                version = self._write(newest.number, raw, reason, note, now)
                if version.file != found[-1].path.name:
                    found[-1].path.unlink()
                return version
        _remove_stale_temporaries(self.folder)
        version = self._write(found[-1].number + 1 if found else 1, raw, reason, note, now)
        kept = _Kept(
            version.number, version.saved, reason, version.size, self.folder / version.file
        )
        self._thin([*found, kept], now)
        return version

    def _named(self, version: Version, note: str | None) -> Version:
        """Make ``version`` a named one, which autosaves never replace, with ``note``."""
        name = re.sub(r"-[a-z-]+(\.[^.]+)$", rf"-{NAMED}\1", version.file)
        os.rename(self.folder / version.file, self.folder / name)
        if note:
            self._write_note(version.number, note)
        note = note or version.note
        return Version(
            version.number, version.saved, NAMED, note, version.size, version.digest, name
        )

    def _write(self, number: int, raw: bytes, reason: str, note: str | None, now: float) -> Version:
        saved = datetime.datetime.fromtimestamp(int(now), datetime.UTC)
        suffix = self.report.suffix.lstrip(".") or "yaml"
        name = f"{number:04d}-{saved.strftime(_STAMP)}-{reason}.{suffix}"
        self._make_folder()
        if note:
            self._write_note(number, note)
        write_file_atomically(self.folder / name, raw)
        return Version(number, saved, reason, note, len(raw), version_of(raw), name)

    def _write_note(self, number: int, note: str) -> None:
        write_file_atomically(self.folder / _note_name(number), f"{note}\n".encode())

    def _make_folder(self) -> None:
        try:
            self.folder.mkdir(mode=0o700)
        except FileExistsError:
            _refuse_unfit_folder(self.folder)

    def _thin(self, found: list[_Kept], now: float) -> None:
        """Remove the versions that time or the byte cap no longer keep."""
        for kept in _dropped_versions(found, now):
            kept.path.unlink(missing_ok=True)
            (self.folder / _note_name(kept.number)).unlink(missing_ok=True)

    def _found(self) -> list[_Kept]:
        """The version files in the folder, oldest first, from their names alone; a name not
        a version's is left alone. Of two files of one number (a replacement cut short), the
        later counts."""
        try:
            _refuse_unfit_folder(self.folder)
            entries = sorted(os.scandir(self.folder), key=lambda entry: entry.name)
        except FileNotFoundError:
            return []
        by_number: dict[int, _Kept] = {}
        for entry in entries:
            found = _VERSION_FILE.match(entry.name)
            if found is None or not entry.is_file(follow_symlinks=False):
                continue
            saved = datetime.datetime.strptime(found["saved"], _STAMP)
            kept = _Kept(
                int(found["number"]),
                saved.replace(tzinfo=datetime.UTC),
                found["reason"],
                entry.stat(follow_symlinks=False).st_size,
                Path(entry.path),
            )
            by_number[kept.number] = kept
        return [by_number[key] for key in sorted(by_number)]

    def _version(self, kept: _Kept) -> Version:
        """The version in the file ``kept``, read for its digest, with its note."""
        raw = self._read(kept.path)
        note = _read_note(self.folder / _note_name(kept.number))
        return Version(
            kept.number, kept.saved, kept.reason, note, len(raw), version_of(raw), kept.path.name
        )

    def _find(self, wanted: int) -> _Kept:
        found = self._found()
        for kept in found:
            if kept.number == wanted:
                return kept
        raise UnknownVersionError(self.report, wanted, [kept.number for kept in found])

    def _read(self, path: Path) -> bytes:
        try:
            return read_bounded(path, MAX_FILE_BYTES, "a report file", follow_links=False)
        except (OSError, UnreadableFileError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise ReportError(
                _("{file}: this version cannot be read: {reason}", file=path, reason=reason)
            ) from error


@dataclass(frozen=True)
class _Kept:
    """A version's file, as its name and size tell it."""

    number: int
    saved: datetime.datetime
    reason: str
    size: int
    path: Path


class UnknownVersionError(ReportError):
    """A version number the report's history does not hold."""

    def __init__(self, report: Path, wanted: int, numbers: list[int]) -> None:
        self.numbers = numbers
        if not numbers:
            message = _(
                "{file}: has no versions yet: they are kept when the form saves it, or with "
                "'gfmd-reports versions {file} --save'",
                file=report,
            )
        else:
            message = ngettext(
                "{file}: has no version {wanted}: its only version is {numbers}",
                "{file}: has no version {wanted}: its versions are {numbers}",
                len(numbers),
                file=report,
                wanted=wanted,
                numbers=_number_ranges(numbers),
            )
        super().__init__(message)


def keep_before_overwrite(path: Path, reason: str) -> Version | None:
    """Keep the file's current bytes as a version (None if it does not exist)."""
    with folder_locked(path.parent):
        current = read_report(path)
        if current is None:
            return None
        return VersionHistory(path).keep(current, reason)


def version_reference(path: Path) -> tuple[Path, int] | None:
    """The report and the version number that ``path`` names as FILE@N, if it names one and
    no file has that very name."""
    found = _REFERENCE.match(path.name)
    if found is None or os.path.lexists(path):
        return None
    return path.with_name(found["name"]), int(found["number"])


def validate_file_or_version(path: Path) -> Validation:
    """Validate a report file, or for FILE@N, version N of FILE (its problems located in
    FILE@N); ReportError if FILE has no such version."""
    reference = version_reference(path)
    if reference is None:
        return validate_file(path)
    report, wanted = reference
    raw = VersionHistory(report).read(wanted)
    try:
        return validate_text(decode_report(raw), str(path))
    except UnreadableError as error:
        raise ReportError(f"{path}: {error.message}") from error


def _another_note(newest: Version, reason: str, note: str | None) -> bool:
    """Whether a named version with ``note`` would replace the newest one's other note."""
    return (
        reason == NAMED == newest.reason and None not in (note, newest.note) and note != newest.note
    )


def _dropped_versions(versions: list[_Kept], now: float) -> list[_Kept]:
    """The versions to remove: those thinned by age, then the oldest past the byte cap, those
    an Undo comes back to last. Named versions and the newest one stay."""
    if not versions:
        return []
    newest = versions[-1]
    kept: dict[tuple[int, int], _Kept] = {}
    dropped = []
    for version in reversed(versions):  # newest first: each span keeps its latest
        span = _span(version, now)
        if _always_kept(version, newest) or version.reason in _UNTHINNED or span is None:
            continue
        if span in kept:
            dropped.append(version)
        else:
            kept[span] = version
    remaining = [version for version in versions if version not in dropped]
    total = sum(version.size for version in remaining)
    last_to_go = [version for version in remaining if version.reason in _UNTHINNED]
    first_to_go = [version for version in remaining if version.reason not in _UNTHINNED]
    for version in first_to_go + last_to_go:
        if total <= MAX_HISTORY_BYTES:
            break
        if not _always_kept(version, newest):
            dropped.append(version)
            total -= version.size
    return dropped


def _always_kept(version: _Kept, newest: _Kept) -> bool:
    return version.reason == NAMED or version is newest


def _span(version: _Kept, now: float) -> tuple[int, int] | None:
    """The span of time whose latest version is kept (None: every version is)."""
    saved = version.saved.timestamp()
    age = now - saved
    for limit, step in _THINNING:
        if limit is None or age < limit:
            return None if step == 0 else (step, int(saved // step))
    return None


def said_reason(reason: str) -> str:
    """Why a version was kept, in the current language (a reason this tool does not know of, as
    it is written)."""
    return _(_REASONS[reason]) if reason in _REASONS else reason


def checked_note(note: str | None) -> str | None:
    """A version's note, spaces trimmed (None if empty); ReportError for one too long or with
    control characters."""
    if note is None or not " ".join(note.split()):
        return None
    note = " ".join(note.split())
    if len(note) > MAX_NOTE:
        raise ReportError(
            _(
                "a version's note may have at most {limit} characters, and this one has "
                "{count}: shorten it",
                limit=number(MAX_NOTE),
                count=number(len(note)),
            )
        )
    if any(unicodedata.category(character) in {"Cc", "Cs"} for character in note):
        raise ReportError(
            _("a version's note cannot hold control characters: type it again without them")
        )
    return note


def _same_minute(saved: datetime.datetime, now: float) -> bool:
    return int(saved.timestamp()) // COALESCE_SECONDS == int(now) // COALESCE_SECONDS


def _note_name(number: int) -> str:
    return f"{number:04d}.note.txt"


def _read_note(path: Path) -> str | None:
    try:
        text = read_bounded(path, 4 * MAX_NOTE + 1, "a note", follow_links=False)
    except (OSError, UnreadableFileError):
        return None
    return text.decode("utf-8", "replace").strip() or None


def read_report(path: Path) -> bytes | None:
    """A report file's bytes (as many as a report may have, not through a link), None if there
    is no such file; ReportError if it cannot be read."""
    try:
        return read_bounded(path, MAX_FILE_BYTES, "a report file", follow_links=False)
    except FileNotFoundError:
        return None
    except (OSError, UnreadableFileError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise ReportError(
            _("{file}: cannot be read to keep a version of it: {reason}", file=path, reason=reason)
        ) from error


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove what writes killed outright left in the versions folder; under its lock, every
    temporary file found is stale."""
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if _TEMPORARY.match(entry.name):
                os.unlink(entry.path)


def _refuse_unfit_folder(folder: Path) -> None:
    """Refuse a versions folder that is a link or not a folder: it could point anywhere."""
    status = folder.lstat()
    if stat.S_ISLNK(status.st_mode) or not stat.S_ISDIR(status.st_mode):
        raise ReportError(
            _(
                "{folder}: is not a folder of versions (a link or a file has its name): "
                "move it away so that versions can be kept",
                folder=folder,
            )
        )


def _number_ranges(numbers: list[int]) -> str:
    """Numbers as runs: 1–3, 7, 9–12."""
    runs: list[list[int]] = []
    for value in numbers:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)
