"""An interrupted render leaves every output whole (the previous one or a complete new one) and
no temporary file: Ctrl-C and `kill` at several moments of a real render."""

from __future__ import annotations

import io
import random
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from pypdf import PdfReader

from gfmd_reports.errors import STOPPED_MESSAGE

OLD = b"an earlier rendering"


def _hold_signals() -> None:
    """Start the command as from a terminal, with Ctrl-C and SIGTERM not ignored (a test run
    in the background of a shell ignores Ctrl-C, and its children inherit that), and held
    back until the command takes them over: before it runs a line of its own, the interpreter
    starting up would die of them, which no program can prevent."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _complete(path) -> bool:
    data = path.read_bytes()
    if data == OLD:
        return True
    if path.suffix == ".pdf":
        return len(PdfReader(io.BytesIO(data)).pages) > 0
    if path.suffix == ".docx":
        return zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    return data.rstrip().endswith(b"</html>")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
@pytest.mark.parametrize("after", [0.05, 0.8, 1.6, 2.4])
def test_an_interrupted_render_leaves_whole_files_and_no_temporary_ones(
    tmp_path, jobs, stop, after
):
    reports = []
    for index in range(8):
        report = tmp_path / f"report-{index}.yaml"
        report.write_bytes((WRITTEN_EXAMPLE if index % 2 else ORAL_EXAMPLE).read_bytes())
        reports.append(report)
    output = tmp_path / "out"
    output.mkdir()
    for report in reports:
        for format in ("html", "pdf", "docx"):
            (output / f"{report.stem}.{format}").write_bytes(OLD)
    command = [sys.executable, "-m", "gfmd_reports", "render", *map(str, reports)]
    process = subprocess.Popen(
        [*command, "--jobs", jobs, "--output", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_hold_signals,
    )
    time.sleep(after)
    process.send_signal(stop)
    _, errors = process.communicate(timeout=120)
    # 0 if the signal came once all was done; 130 whenever it came before, from the start of
    # the process to its end: never a bare signal status (-2) or a traceback.
    assert process.returncode in {0, 130}, errors.decode()
    assert b"Traceback" not in errors
    files = sorted(path.name for path in output.iterdir())
    assert [name for name in files if not name.startswith("report-")] == []  # no .tmp left
    assert len(files) == 24
    assert all(_complete(output / name) for name in files)
    if process.returncode != 0:
        assert b"Stopped: outputs already written are complete" in errors


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_a_signal_at_any_moment_ends_the_command_with_its_message_and_status(stop):
    """Found by an audit: a signal landing as the command ended gave a bare signal status
    (-2) and no message, one run in forty. Signals at moments spread over the whole life of
    a short command, start-up and exit included, must each give 0 or 130 and a message."""
    delays = [0, *random.Random(stop).sample(range(15, 900, 15), 20)]
    command = [sys.executable, "-m", "gfmd_reports", "validate", str(ORAL_EXAMPLE)]
    for delay in sorted(delays):
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_hold_signals
        )
        time.sleep(delay / 1000)
        process.send_signal(stop)
        _, errors = process.communicate(timeout=60)
        # Sent at once, the signal comes before the command can have done anything.
        assert process.returncode in ({130} if delay == 0 else {0, 130}), (delay, errors.decode())
        assert b"Traceback" not in errors
        if process.returncode == 130:
            assert errors.decode().endswith(f"{STOPPED_MESSAGE}\n"), errors.decode()


def test_a_render_killed_outright_leaves_whole_files_and_the_next_render_clears_up(tmp_path):
    """SIGKILL cannot be caught: a temporary file may stay behind, never a half output. The
    next render into the folder removes what the killed one left."""
    report = tmp_path / "report.yaml"
    report.write_bytes(WRITTEN_EXAMPLE.read_bytes())
    output = tmp_path / "out"
    output.mkdir()
    for format in ("html", "pdf", "docx"):
        (output / f"report.{format}").write_bytes(OLD)
    # What a writer killed between writing and renaming leaves, next to one it did not.
    (output / ".report.pdf.0123456789ab.tmp").write_bytes(b"%PDF-1.7 half")
    (output / ".report.pdf.notes.tmp").write_bytes(b"someone else's")
    command = [sys.executable, "-m", "gfmd_reports", "render", str(report), "--output", str(output)]
    killed = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.2)
    killed.kill()
    killed.wait(timeout=60)
    assert all(_complete(output / f"report.{format}") for format in ("html", "pdf", "docx"))

    subprocess.run(command, check=True, capture_output=True, timeout=120)
    assert sorted(path.name for path in output.iterdir()) == [
        ".report.pdf.notes.tmp",
        "report.docx",
        "report.html",
        "report.pdf",
    ]
    assert all((output / f"report.{format}").read_bytes() != OLD for format in ("pdf", "docx"))


def test_an_interrupt_handled_while_modules_load_does_not_end_the_process_by_signal(tmp_path):
    """CPython takes a KeyboardInterrupt that left an exec() of a string for unhandled and,
    under ``python -m``, kills the process with SIGINT at exit: a Ctrl-C that came while a
    dataclass was being made ended one render in thirty with status -2 instead of 130."""
    (tmp_path / "interrupted_first.py").write_text(
        "import sys\n"
        # Loaded first: loading runs exec() of strings, which would clear the mark under test.
        "import gfmd_reports.cli\n"
        "from gfmd_reports.__main__ import run\n"
        "try:\n"
        "    exec('raise KeyboardInterrupt')\n"
        "except KeyboardInterrupt:\n"
        "    pass\n"
        "sys.argv = ['gfmd-reports', '--version']\n"
        "run()\n",
        encoding="utf-8",
    )
    completed = subprocess.run(
        [sys.executable, "-m", "interrupted_first"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        preexec_fn=_hold_signals,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    assert b"gfmd-reports" in completed.stdout
