"""Writing files without losing any, and reading only what a file can give."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from gfmd_reports import files
from gfmd_reports.files import UnreadableFileError, read_bounded, replace_files_together


def _outputs(folder: Path) -> dict[Path, bytes]:
    return {folder / f"r.{format}": f"new {format}".encode() for format in ("html", "pdf", "docx")}


def test_files_replaced_together_are_all_new_and_no_temporary_is_left(tmp_path):
    (tmp_path / "r.pdf").write_bytes(b"old pdf")
    replace_files_together(_outputs(tmp_path))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == {
        "r.html": b"new html",
        "r.pdf": b"new pdf",
        "r.docx": b"new docx",
    }


def test_a_rename_that_fails_puts_back_the_files_already_replaced(tmp_path, monkeypatch):
    """A rename failing once every file is written (an interrupt, say) cannot be caused for
    real on demand: the third rename is made to fail."""
    (tmp_path / "r.html").write_bytes(b"old html")
    (tmp_path / "r.docx").write_bytes(b"old docx")
    real_replace = os.replace
    renames = []

    def third_fails(source, target):
        if Path(source).name.endswith(".tmp") and Path(target).name.startswith("r."):
            renames.append(target)
            if len(renames) == 3:
                raise KeyboardInterrupt
        return real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", third_fails)
    with pytest.raises(KeyboardInterrupt):
        replace_files_together(_outputs(tmp_path))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == {
        "r.html": b"old html",
        "r.docx": b"old docx",
    }


def test_ctrl_c_while_files_are_replaced_stops_once_they_are_whole(tmp_path, monkeypatch):
    """Ctrl-C just after the replaced file is kept under its temporary name, before that name
    is noted for removal, used to leave the temporary file behind."""
    (tmp_path / "r.pdf").write_bytes(b"old pdf")
    real_link = os.link

    def link_then_ctrl_c(source, target):
        real_link(source, target)
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(files.os, "link", link_then_ctrl_c)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            replace_files_together(_outputs(tmp_path))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == {
        "r.html": b"new html",
        "r.pdf": b"new pdf",
        "r.docx": b"new docx",
    }


def test_a_write_that_fails_replaces_nothing_and_names_the_file(tmp_path):
    (tmp_path / "r.html").write_bytes(b"old html")
    (tmp_path / "r.docx").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        replace_files_together(_outputs(tmp_path))
    assert caught.value.filename == str(tmp_path / "r.docx")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r.docx", "r.html"]
    assert (tmp_path / "r.html").read_bytes() == b"old html"


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(b"kind: oral\n")
    assert read_bounded(path, 100, "a report file") == b"kind: oral\n"


def test_a_file_over_the_bound_is_refused_with_its_size(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(UnreadableFileError, match=r"^is 1,001 bytes, more than the 1,000 a"):
        read_bounded(path, 1000, "a report file")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: os.mkfifo(path), "is a pipe, not a file: give the path of a report file"),
        (lambda path: path.mkdir(), "is a folder, not a report file"),
    ],
    ids=["a pipe nobody writes to", "a folder"],
)
def test_a_pipe_or_folder_is_refused_without_waiting(tmp_path, make, message):
    path = tmp_path / "r.yaml"
    make(path)
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: _capture(outcome, path), daemon=True)
    reader.start()
    reader.join(timeout=30)  # only a hang reaches this
    assert [str(error) for error in outcome] == [message]


def _capture(outcome: list[BaseException], path: Path) -> None:
    try:
        read_bounded(path, 1000, "a report file")
    except UnreadableFileError as error:
        outcome.append(error)


def test_a_device_that_never_ends_is_refused():
    with pytest.raises(UnreadableFileError, match="is a device or socket, not a file"):
        read_bounded(Path("/dev/zero"), 1000, "a report file")
