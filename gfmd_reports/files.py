"""Where the package's shipped files are, and how the tool writes files without losing any."""

from __future__ import annotations

import fcntl
import glob
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_path(relative: str) -> Path:
    """Return a file shipped with the package: inside it when installed, beside it in a checkout."""
    installed = _PACKAGE_DIR / relative
    return installed if installed.exists() else _PACKAGE_DIR.parent / relative


def write_new_file(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, completely or not at all.

    Raises FileExistsError rather than overwrite anything, even if the file appears meanwhile.
    """
    temporary = _write_temporary(path, data)
    try:
        os.link(temporary, path)
    finally:
        temporary.unlink()


def write_file_atomically(path: Path, data: bytes) -> None:
    """Replace a file with new content, so that readers see the old file or the new, never half.

    The content goes to a temporary file in the same folder, which is then renamed into place.
    """
    temporary = _write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files that writers of ``path`` killed outright (SIGKILL, power
    loss) left beside it. Call it holding the folder's lock, which every writer holds while its
    temporary file exists: any found then is stale."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        if _TEMPORARY.fullmatch(stale.name.removeprefix(f".{path.name}")):
            stale.unlink(missing_ok=True)


_TEMPORARY = re.compile(r"\.[0-9a-f]{12}\.tmp")


def _write_temporary(path: Path, data: bytes) -> Path:
    """Write data to a new hidden file beside ``path``, with the mode ``path`` has or would get."""
    temporary = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    # os.open applies the umask, as creating the file directly would; mkstemp would not.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


@contextmanager
def folder_locked(folder: Path) -> Iterator[None]:
    """Hold a folder's lock while writing a set of files into it, so that two processes
    writing the same names leave one complete set, never a mix of both."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
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
        # ",Full Name,login,host,date,…": who has it open, as LibreOffice wrote it.
        fields = libreoffice.read_text(errors="replace").split(",")
        who = next((field for field in fields[1:3] if field.strip()), "")
        by = f" by {who}" if who else ""
        return f"is open in LibreOffice{by} (its lock file is {libreoffice})"
    for owner in word:
        if owner.exists():
            return f"is open in Word (its lock file is {owner})"
    return None
