"""The targets of the Sustainable Development Goals, which a report's items may be tagged with.

The 169 targets are read from ``data/sdg-targets.tsv``: goal 10's are 10.1–10.7 (what is to be
achieved) and 10.a–10.c (the means of doing it). A tag names one as it is written there.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from gfmd_reports.errors import quoted
from gfmd_reports.i18n import _

GOALS = 17
"""The Sustainable Development Goals, numbered 1–17."""

_WRITTEN = re.compile(r"([0-9]{1,2})\.([0-9]{1,2}|[A-Za-z])")


@functools.cache
def sdg_targets() -> dict[int, tuple[str, ...]]:
    """Each goal's targets, numbered ones first, as 10.1 and 10.a."""
    path = Path(__file__).parent / "data" / "sdg-targets.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    targets: dict[int, list[str]] = {}
    for line in lines:
        if line and not line.startswith("#") and line != "target":
            targets.setdefault(int(line.split(".")[0]), []).append(line)
    return {goal: tuple(found) for goal, found in targets.items()}


def sdg_target(written: str) -> str:
    """The target as the list writes it: "10.C" and "10.07" are 10.c and 10.7; what names no
    target is returned as written."""
    match = _WRITTEN.fullmatch(written.strip())
    if match is None:
        return written
    goal, target = match.groups()
    return f"{int(goal)}.{int(target) if target.isdigit() else target.lower()}"


def sdg_target_problem(written: str) -> str | None:
    """Say why a text names no SDG target, and which it may mean; None if it names one."""
    target = sdg_target(written)
    match = _WRITTEN.fullmatch(target)
    if match is None:
        return _(
            "{target} is not an SDG target: write the goal's number, a full stop and the "
            "target's number or letter, as 10.7 or 10.c",
            target=quoted(written),
        )
    goal = int(match.group(1))
    if goal not in sdg_targets():
        return _(
            "{target} is not an SDG target: there are {goals} Sustainable Development Goals, "
            "numbered 1–{goals}",
            target=quoted(written),
            goals=GOALS,
        )
    if target not in sdg_targets()[goal]:
        return _(
            "{target} is not a target of SDG {goal}: its targets are {targets}",
            target=quoted(written),
            goal=goal,
            targets=_ranges(sdg_targets()[goal]),
        )
    return None


def _ranges(targets: tuple[str, ...]) -> str:
    """A goal's targets in short: “10.1–10.7 and 10.a–10.c”."""
    numbered = [target for target in targets if target.split(".")[1].isdigit()]
    lettered = [target for target in targets if target not in numbered]
    spans = [
        f"{run[0]}–{run[-1]}" if len(run) > 1 else run[0] for run in (numbered, lettered) if run
    ]
    return _(" and ").join(spans)
