"""The web rows: a real `gfmd-reports serve` on 127.0.0.1, asked what the form's page asks."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from measure import Goal
from serving import TOOL, Api, free_port, serve, wait_for_port
from timing import Row

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
LETTERS = "qzjxkvwy"
"""Typed at the end of a title, as a rapporteur types: letters typography leaves alone."""


def rows(bench) -> Iterator[Row]:
    reports = {example.name: report_data(example) for example in EXAMPLES}
    yield first_preview_row(bench, reports[EXAMPLES[0].name])
    with serve(bench.folder("drafts")) as port:
        api = Api(port)
        for name, report in reports.items():
            timed = partial(saved_and_previewed, api, name, report, bench.runs * 4)
            yield p95_row(f"web save + preview, {name}", Goal(0.05, "s"), timed)
        largest = largest_report(api, reports[EXAMPLES[0].name])
        timed = partial(saved_and_previewed, api, "largest", largest, bench.runs * 2)
        size = f"{len(largest['sessions'])} sessions, {len(json.dumps(largest)) // 1000} kB as JSON"
        note = f"the largest report the server saves as valid: {size}"
        yield p95_row("web save + preview, largest report", Goal(0.15, "s"), timed, note)
        timed = partial(pdf_downloads, api, list(reports.values()), bench.runs * 2)
        yield p95_row("web PDF download, both examples", Goal(0.25, "s"), timed)
        api.close()


def p95_row(label: str, goal: Goal, timed: Callable[[], list[float]], note: str = "") -> Row:
    """Take the timings, with the load average before and after."""
    load = os.getloadavg()[0]
    times = timed()
    return Row(label, times, (load, os.getloadavg()[0]), goal, statistic="p95", note=note)


def report_data(example: Path) -> dict:
    """An example as the form holds it: the JSON the server gives a draft made from it."""
    from gfmd_reports import validate_file

    data = validate_file(example).report.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("$schema", None)
    return data


def first_preview_row(bench, report: dict) -> Row:
    """From the port accepting connections to the first preview answered, a new server each."""
    load = os.getloadavg()[0]
    times = []
    for _ in range(bench.runs):
        port, drafts = free_port(), bench.folder(f"first-{len(times)}")
        command = [TOOL, "serve", "--port", str(port), "--drafts", str(drafts)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            accepting = wait_for_port(port)
            api = Api(port)
            _answered(api.call("POST", "/api/preview", {"report": report}), "preview")
            times.append(time.perf_counter() - accepting)
            api.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    label = "web first preview after `serve` starts"
    return Row(label, times, (load, os.getloadavg()[0]), Goal(0.1, "s"))


def saved_and_previewed(api: Api, name: str, report: dict, samples: int) -> list[float]:
    """Type a letter at a time into a draft's first title: each a save, then a preview (the
    first of them not counted)."""
    version = api.json("POST", "/api/drafts", {"name": name, "kind": report["kind"]})
    draft, version = version["name"], version["version"]
    times = []
    for index in range(samples + 1):
        report = typed(report, LETTERS[index % len(LETTERS)])
        start = time.perf_counter()
        saved = api.json("PUT", f"/api/drafts/{draft}", {"report": report, "version": version})
        _answered(api.call("POST", "/api/preview", {"report": report}), "preview")
        times.append(time.perf_counter() - start)
        version = saved["version"]
    return times[1:]


def typed(report: dict, letter: str) -> dict:
    changed = copy.deepcopy(report)
    changed["sessions"][0]["title"] += letter
    return changed


def pdf_downloads(api: Api, reports: list[dict], samples: int) -> list[float]:
    """Download each report as PDF in turn (the first of each not counted)."""
    times = []
    for index in range(samples + len(reports)):
        start = time.perf_counter()
        body = {"report": reports[index % len(reports)]}
        _answered(api.call("POST", "/api/render?format=pdf&name=bench", body), "PDF")
        times.append(time.perf_counter() - start)
    return times[len(reports) :]


def _answered(answer: tuple[int, bytes], what: str) -> None:
    status, body = answer
    if status != 200:
        raise SystemExit(f"the server refused the {what}: {status} {body[:300]!r}")


def largest_report(api: Api, report: dict) -> dict:
    """The example's sessions repeated as often as the server saves the draft as valid."""
    draft = api.json("POST", "/api/drafts", {"name": "limit", "kind": report["kind"]})
    fits, too_many = 1, 201  # a report holds at most 200 sessions
    while too_many - fits > 1:
        middle = (fits + too_many) // 2
        body = {"report": grown(report, middle), "version": draft["version"]}
        status, answer = api.call("PUT", f"/api/drafts/{draft['name']}", body)
        if status == 200 and json.loads(answer)["valid"]:
            fits, draft = middle, json.loads(answer)
        else:
            too_many = middle
    return grown(report, fits)


def grown(report: dict, sessions: int) -> dict:
    """The report with ``sessions`` sessions, copies of its own, numbered in turn."""
    bigger = copy.deepcopy(report)
    roundtable = report["roundtable"]["number"]
    bigger["sessions"] = [
        {
            **copy.deepcopy(report["sessions"][index % len(report["sessions"])]),
            "number": f"{roundtable}.{index + 1}",
        }
        for index in range(sessions)
    ]
    return bigger
