"""Where the package's shipped files are, and how the tool writes files without losing any."""

from __future__ import annotations

import errno
import fcntl
import glob
import os
import re
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gfmd_reports.i18n import _, mark, number

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_path(relative: str) -> Path:
    """Return a file shipped with the package: inside it when installed, beside it in a checkout."""
    installed = _PACKAGE_DIR / relative
    return installed if installed.exists() else _PACKAGE_DIR.parent / relative


def write_new_file(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, completely or not at all.

    Raises FileExistsError rather than overwrite anything, even if the file appears meanwhile.
    """
    with _uninterrupted():
        temporary = _write_temporary(path, data)
        try:
            os.link(temporary, path)
        finally:
            temporary.unlink()


def write_file_atomically(path: Path, data: bytes) -> None:
    """Replace a file with new content, so that readers see the old file or the new, never half.

    The content goes to a temporary file in the same folder, which is then renamed into place.
    """
    with _uninterrupted():
        temporary = _write_temporary(path, data)
        try:
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def replace_files_together(files: dict[Path, bytes]) -> None:
    """Replace several files at once, so that afterwards all are new or all are as before,
    whatever fails (a full disk, a quota, an interrupt): a report's outputs always match.

    Every new file is written to a temporary file first; only when all are written are they
    renamed into place, and if a rename fails, those already done are undone.
    """
    temporaries: dict[Path, Path] = {}
    with _uninterrupted():
        try:
            for path, data in files.items():
                if path.is_dir():
                    raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
                temporaries[path] = _write_temporary(path, data)
            _rename_all_or_none(temporaries)
        finally:
            for temporary in temporaries.values():
                temporary.unlink(missing_ok=True)


_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while files are written and renamed: stopped between two
    steps (a temporary file made but not yet noted for removal, one output renamed of three),
    the command would leave a temporary file behind. The signal stops it once the files are
    whole, a few milliseconds later. Only the main thread runs Python's signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _rename_all_or_none(temporaries: dict[Path, Path]) -> None:
    """Rename each temporary file onto its target, keeping the replaced files until all are
    done, to put them back if any rename fails."""
    kept: dict[Path, Path | None] = {}
    renamed: list[Path] = []
    try:
        for path, temporary in temporaries.items():
            kept[path] = _keep(path)
            os.replace(temporary, path)
            renamed.append(path)
    except BaseException:
        for path, old in kept.items():
            if old is not None:
                os.replace(old, path)
            elif path in renamed:
                path.unlink()  # it is new: there was no file to put back
        raise
    finally:
        for old in kept.values():
            if old is not None:
                old.unlink(missing_ok=True)


def _keep(path: Path) -> Path | None:
    """Keep the file at ``path`` under a temporary name, still in place; None if there is none.

    A hard link keeps it without copying (the disk may be full) or moving it (a reader would
    find it missing); where the file system has no hard links, it is moved.
    """
    if not path.exists():
        return None
    kept = _temporary_name(path)
    try:
        os.link(path, kept)
    except OSError:
        os.rename(path, kept)
    return kept


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files that writers of ``path`` killed outright (SIGKILL, power
    loss) left beside it. Call it holding the folder's lock, which every writer holds while its
    temporary file exists: any found then is stale."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        if _TEMPORARY.fullmatch(stale.name.removeprefix(f".{path.name}")):
            stale.unlink(missing_ok=True)


_TEMPORARY = re.compile(r"\.[0-9a-f]{12}\.tmp")


def _temporary_name(path: Path) -> Path:
    """A new hidden name beside ``path``, which remove_stale_temporaries recognises."""
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")


def _write_temporary(path: Path, data: bytes) -> Path:
    """Write data to a new hidden file beside ``path``, with the mode ``path`` has or would get.

    An OSError names ``path``, the file the user knows, not the temporary one.
    """
    temporary = _temporary_name(path)
    try:
        # os.open applies the umask, as creating the file directly would; mkstemp would not.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


_REASONS = {
    errno.EACCES: mark("Permission denied"),
    errno.EPERM: mark("Operation not permitted"),
    errno.ENOENT: mark("No such file or directory"),
    errno.ENOTDIR: mark("Not a directory"),
    errno.EISDIR: mark("it is a folder"),
    errno.ENOSPC: mark("No space left on device"),
    errno.EDQUOT: mark("Disk quota exceeded"),
    errno.EROFS: mark("Read-only file system"),
    errno.ENAMETOOLONG: mark("File name too long"),
    errno.EEXIST: mark("File exists"),
    errno.ENOTEMPTY: mark("Directory not empty"),
    errno.EIO: mark("Input/output error"),
    errno.ELOOP: mark("Too many levels of symbolic links"),
}
"""The reasons a file operation fails that people meet, worded as the system words them in
English (``strerror``, which stays English whatever the language of the run)."""


def os_reason(error: OSError) -> str:
    """Say why a file operation failed, in the current language where the reason is a common
    one, else as the system says it."""
    reason = _REASONS.get(error.errno or 0)
    return _(reason) if reason else error.strerror or str(error)


class UnreadableFileError(Exception):
    """A file that cannot be read whole: its message completes a sentence that names it."""


def read_bounded(path: Path, limit: int, what: str, follow_links: bool = True) -> bytes:
    """Read a regular file of at most ``limit`` bytes (``what`` names such a file in messages).

    Raises UnreadableFileError for a folder, a pipe or a device, which would block or never
    end (/dev/zero), and for a larger file, whose bytes are not read; OSError for a file that
    cannot be opened (with ``follow_links=False``, for a symbolic link too).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags if follow_links else flags | os.O_NOFOLLOW)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise UnreadableFileError(_("is a folder, not {what}", what=_(what)))
        if not stat.S_ISREG(status.st_mode):
            message = _NOT_FILES["pipe" if stat.S_ISFIFO(status.st_mode) else "device"]
            raise UnreadableFileError(_(message, what=_(what)))
        if status.st_size > limit:
            raise _too_large(status.st_size, limit, what)
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:  # it grew while read
        raise _too_large(max(len(data), path.stat().st_size), limit, what)
    return data


_NOT_FILES = {
    "pipe": mark("is a pipe, not a file: give the path of {what}"),
    "device": mark("is a device or socket, not a file: give the path of {what}"),
}


def _too_large(size: int, limit: int, what: str) -> UnreadableFileError:
    return UnreadableFileError(
        _(
            "is {size} bytes, more than the {limit} {what} may have: check that it is the "
            "right file",
            size=number(size),
            limit=number(limit),
            what=_(what),
        )
    )


_held = threading.local()


@contextmanager
def folder_locked(folder: Path) -> Iterator[None]:
    """Hold a folder's lock while writing a set of files into it, so that two processes
    writing the same names leave one complete set, never a mix of both.

    A thread already holding it holds it on (the drafts store keeps versions while it saves):
    a second lock of the folder would wait for the first forever.
    """
    key = os.path.realpath(folder)
    held: set[str] = _held.__dict__.setdefault("folders", set())
    if key in held:
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
    finally:
        os.close(descriptor)


def office_lock(path: Path) -> str | None:
    """Say who has ``path`` open in LibreOffice or Word, from the lock file they keep beside it.

    Replacing a document that is open there would lose the edits made in it, or be undone by
    the next save, so the tool leaves such a file alone.
    """
    libreoffice = path.with_name(f".~lock.{path.name}#")
    word = [path.with_name(f"~${path.name}"), path.with_name(f"~${path.name[2:]}")]
    if libreoffice.exists():
        try:
            text = read_bounded(libreoffice, 4096, mark("a lock file")).decode(errors="replace")
        except (UnreadableFileError, OSError):
            return _(
                "has a LibreOffice lock file that is not a file ({lock_file})",
                lock_file=libreoffice,
            )
        # ",Full Name,login,host,date,…": who has it open, as LibreOffice wrote it.
        fields = text.split(",")
        who = next((field for field in fields[1:3] if field.strip()), "")
        if who:
            return _(
                "is open in LibreOffice by {who} (its lock file is {lock_file})",
                who=who,
                lock_file=libreoffice,
            )
        return _("is open in LibreOffice (its lock file is {lock_file})", lock_file=libreoffice)
    for owner in word:
        if owner.exists():
            return _("is open in Word (its lock file is {lock_file})", lock_file=owner)
    return None
