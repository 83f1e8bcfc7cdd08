"""Run and time commands for the benchmark's rows, and sample their memory."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from measure import Goal, paired_ratio, pss_kilobytes, seconds, spread, typical, verdict


@dataclass
class Row:
    """One line of the results: our figures, the peer's, and the goal."""

    label: str
    ours: list[float]
    load: tuple[float, float]
    goal: Goal | None = None
    peer: str = ""
    theirs: list[float] | None = None
    statistic: str = "median"  # of ours, where there is no peer: median or p95
    note: str = ""

    def figure(self) -> float:
        if self.theirs is None:
            return typical(self.ours, self.statistic)
        return paired_ratio(self.ours, self.theirs)

    def show(self) -> None:
        if self.theirs is not None:
            figure = f"ratio {self.figure():.2f}×"
            detail = f"ours {spread(self.ours)}, {self.peer} {spread(self.theirs)}"
        elif self.goal and self.goal.unit == "MB":
            figure, detail = f"peak {self.figure():.0f} MB", f"{len(self.ours)} run(s)"
        else:
            figure = f"{self.statistic} {seconds(self.figure())}"
            detail = f"ours {spread(self.ours)} (median, min–max), {len(self.ours)} samples"
        goal = f"goal {self.goal}" if self.goal else "no goal"
        print(f"{self.label:56} {figure:>16}  {goal:15} {verdict(self.goal, self.figure())}")
        print(f"    {detail}; load {self.load[0]:.2f} → {self.load[1]:.2f}")
        if self.note:
            print(f"    {self.note}")


@dataclass
class Measured:
    """Commands' times, taken in turns, and the load average before and after."""

    times: dict[str, list[float]]
    load: tuple[float, float]

    def row(self, label: str, peer: str, name: str, goal: Goal | None, note: str = "") -> Row:
        """Our times against those of the command called ``name`` (shown as ``peer``)."""
        return Row(label, self.times["ours"], self.load, goal, peer, self.times[name], note=note)


def measure(commands: dict[str, Callable[[], object]], runs: int) -> Measured:
    """Time each command ``runs`` times, taking turns, the order reversed every other run,
    after one run of each that is not counted (files cached, imports done)."""
    load = os.getloadavg()[0]
    for command in commands.values():
        command()
    times: dict[str, list[float]] = {name: [] for name in commands}
    for turn in range(runs):
        for name in list(commands)[:: 1 if turn % 2 == 0 else -1]:
            start = time.perf_counter()
            commands[name]()
            times[name].append(time.perf_counter() - start)
    return Measured(times, (load, os.getloadavg()[0]))


def run(command: list[str], **options) -> None:
    """Run a command to its end; stop the benchmark, with what it said, if it fails."""
    finished = subprocess.run(command, capture_output=True, text=True, **options)
    if finished.returncode:
        said = finished.stderr.strip()[-2000:]
        raise SystemExit(f"{' '.join(command)[:300]} failed ({finished.returncode}):\n{said}")


def peak_pss_megabytes(command: list[str]) -> float:
    """Run a command, adding up the PSS of its processes every 20 ms; return the most, in MB.

    PSS shares each page among the processes that map it, so the workers' common pages
    (forked from one parent) count once in the total, as the machine holds them.
    """
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(map(_pss_kilobytes, _process_tree(process.pid))))
        time.sleep(0.02)
    if process.returncode:
        raise SystemExit(f"{command[0]} failed ({process.returncode}) while sampled")
    return peak / 1024


def _process_tree(pid: int) -> list[int]:
    """A process and every process below it, as /proc lists each task's children."""
    tree, waiting = [], [pid]
    while waiting:
        tree.append(waiting.pop())
        for children in Path(f"/proc/{tree[-1]}/task").glob("*/children"):
            try:
                waiting += map(int, children.read_text().split())
            except OSError:  # the process ended meanwhile
                continue
    return tree


def _pss_kilobytes(pid: int) -> int:
    try:
        return pss_kilobytes(Path(f"/proc/{pid}/smaps_rollup").read_text())
    except (OSError, ValueError):  # ended meanwhile, or a zombie with no mappings
        return 0
