"""Where the package's shipped files are, and how the tool writes files without losing any."""

from __future__ import annotations

import os
import tempfile
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


def _write_temporary(path: Path, data: bytes) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)
