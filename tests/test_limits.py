"""The bounds around one render: each stops its stage with a message naming it, and memory is
never bounded where a C library would abort the process instead of failing an allocation."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE

from gfmd_reports.cli import main
from gfmd_reports.limits import LimitExceeded, render_limits, render_stage


def _bounded(work: Callable[[], object], seconds: float, stage: str, *rest) -> None:
    """Do some work in a stage of a render bounded to ``seconds`` and 300 MB."""
    with render_limits(seconds, 300), render_stage(stage, *rest):
        work()


def _forever() -> None:
    while True:
        time.sleep(0.01)


def test_a_stage_that_takes_too_long_is_stopped_and_named():
    with pytest.raises(LimitExceeded) as caught:
        _bounded(_forever, 0.5, "laying out the PDF", "the report is very long; ")
    assert str(caught.value) == (
        "took longer than 0.5 s laying out the PDF and was stopped: the report is very long; "
        "raise the bound with --time-limit if the report needs longer"
    )


def test_memory_growing_in_a_stage_is_stopped_by_watching_it():
    """Outside pure Python, memory is watched, not limited: growth beyond the bound stops
    the stage at the next check, without an allocation ever failing."""
    held = []

    def grow() -> None:
        for _ in range(4_000):  # up to 4 GB, in steps of 1 MB written to
            held.append(bytearray(os.urandom(16)) * 65_536)

    with pytest.raises(LimitExceeded) as caught:
        _bounded(grow, 60, "building the Word document")
    assert str(caught.value).startswith(
        "needed more than 300 MB of memory building the Word document and was stopped"
    )
    assert 300 <= len(held) < 4_000


def test_in_pure_python_an_allocation_beyond_the_bound_fails_before_it_is_made():
    """A gigabyte asked for at once, which a watch would see only once it was there."""
    with pytest.raises(LimitExceeded) as caught:
        _bounded(lambda: bytearray(2**30), 60, "running the templates of theme 'x'", "", True)
    assert "needed more than 300 MB of memory running the templates of theme 'x'" in str(
        caught.value
    )
    bytearray(2**30)  # and the bound is gone afterwards


def test_a_memory_limit_too_small_to_render_is_a_usage_error(capsys, tmp_path):
    """Found by an audit: below about 300 MB, Pango aborted the process (exit 133) without a
    word."""
    arguments = ["render", str(ORAL_EXAMPLE), "--output", str(tmp_path / "out")]
    assert main([*arguments, "--memory-limit", "200"]) == 2
    assert "Invalid value for '--memory-limit': 200 is not in the range x>=300" in (
        capsys.readouterr().err
    )
    assert main([*arguments, "--memory-limit", "300"]) == 0


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def test_a_worker_killed_midway_breaks_no_other_report_of_the_batch(tmp_path):
    """Found by an audit: when a worker died (the system's out-of-memory killer, say), the
    batch said BrokenProcessPool, and the outputs already written went unreported."""
    reports = []
    for index in range(6):
        report = tmp_path / f"report-{index}.yaml"
        report.write_bytes((WRITTEN_EXAMPLE if index % 2 else ORAL_EXAMPLE).read_bytes())
        reports.append(report)
    output = tmp_path / "out"
    command = [sys.executable, "-m", "gfmd_reports", "render", *map(str, reports)]
    process = subprocess.Popen(
        [*command, "--jobs", "2", "--output", str(output)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    while (not output.exists() or not any(output.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)  # one report is written: the workers are at work on others
    os.kill(_children(process.pid)[0], signal.SIGKILL)
    out, errors = process.communicate(timeout=300)

    assert process.returncode == 0, errors
    assert "Broken" not in errors
    assert sorted(line.split(":")[0] for line in out.splitlines()) == sorted(map(str, reports))
    assert len(list(output.iterdir())) == 18


def _busy_while_collecting(phase: str, info: dict) -> None:
    """A collection's callback (Hypothesis installs one) that runs long enough for ticks."""
    if phase == "start":
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            pass


class _SlowToFinalize:
    def __del__(self) -> None:
        _busy_while_collecting("start", {})


def _work_until_stopped(where: str) -> None:
    with render_limits(0.05, 100_000):
        if where == "collection":
            gc.collect()
        else:
            _SlowToFinalize()
        while True:
            sum(range(1000))


@pytest.mark.parametrize("where", ["collection", "finalizer"])
def test_a_limit_reached_in_a_collection_or_finalizer_stops_the_work_after_it(monkeypatch, where):
    # Raised there, the exception would be printed as "ignored" and dropped.
    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", dropped.append)
    gc.callbacks.append(_busy_while_collecting)
    try:
        with pytest.raises(LimitExceeded, match=r"took longer than 0\.05 s"):
            _work_until_stopped(where)
    finally:
        gc.callbacks.remove(_busy_while_collecting)
    assert dropped == []
