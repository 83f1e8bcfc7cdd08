"""What the benchmarks make of their measurements: spreads, ratios, goals, memory, likeness.

Pure functions of the figures and texts given (tests/test_benchmarks.py checks them), so
that what the benchmark prints can be trusted apart from the machine it ran on.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    rank = math.ceil(round(share * len(ordered), 9))  # rounded: 0.95 × 20 is 19.000…004
    return ordered[min(len(ordered), max(rank, 1)) - 1]


def paired_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of the run-by-run ratios of two commands timed taking turns.

    Each pair ran side by side, under the same load, so a slow spell of the machine weighs
    on both halves of one ratio instead of on one command's median only.
    """
    if len(ours) != len(theirs) or not ours:
        raise ValueError(f"runs do not pair: {len(ours)} against {len(theirs)}")
    return statistics.median(mine / other for mine, other in zip(ours, theirs, strict=True))


def typical(values: list[float], statistic: str = "median") -> float:
    """The values' median, 95th percentile (``statistic="p95"``) or maximum (``"max"``)."""
    if statistic == "max":
        return max(values)
    return statistics.median(values) if statistic == "median" else percentile(values, 0.95)


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def spread(values: list[float], statistic: str = "median") -> str:
    """A timing as read at a glance: its median (or p95), and its min–max."""
    return f"{seconds(typical(values, statistic))} ({seconds(min(values))}–{seconds(max(values))})"


@dataclass(frozen=True)
class Goal:
    """The most a figure may be: a ratio to the peer (unit ×), seconds (s) or megabytes (MB)."""

    most: float
    unit: str

    def met_by(self, figure: float) -> bool:
        return figure <= self.most

    def __str__(self) -> str:
        if self.unit == "s":
            return f"≤ {seconds(self.most)}"
        if self.unit == "MB":
            return f"≤ {self.most:.0f} MB"
        return f"≤ {self.most:.2f}×"


def verdict(goal: Goal | None, figure: float) -> str:
    if goal is None:
        return ""
    return "meets" if goal.met_by(figure) else "MISSES"


def pss_kilobytes(smaps_rollup: str) -> int:
    """A process's proportional set size from its /proc/PID/smaps_rollup, in kB."""
    found = re.search(r"^Pss:\s+(\d+) kB", smaps_rollup, re.MULTILINE)
    if found is None:
        raise ValueError("no Pss line in smaps_rollup")
    return int(found.group(1))


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits, with the apostrophes and
    hyphens inside them."""
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def likeness(counts: Mapping[str, int], tolerance: float = 0.03) -> str:
    """Say whether figures of the outputs compared (words, pages, notes) agree, and how not."""
    low, high = min(counts.values()), max(counts.values())
    shown = ", ".join(f"{name} {count:,}" for name, count in counts.items())
    if high - low <= tolerance * high:
        return f"alike ({shown})"
    return f"NOT alike ({shown})"


def equivalence(checks: Iterable[tuple[str, Mapping[str, int], float]]) -> str:
    """One line of likeness checks: (what is counted, counts by output, tolerance)."""
    return "; ".join(f"{what} {likeness(counts, tolerance)}" for what, counts, tolerance in checks)
