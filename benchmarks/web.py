"""The web rows: a real `gfmd-reports serve` on 127.0.0.1, asked what the form's page asks."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import time
from pathlib import Path

from measure import Goal
from serving import TOOL, Api, free_port, serve, wait_for_port
from timing import Row

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
LETTERS = "qzjxkvwy"
"""Typed at the end of a title, as a rapporteur types: letters typography leaves alone."""


def rows(bench) -> list[Row]:
    reports = {example: report_data(example) for example in EXAMPLES}
    found = [first_preview_row(bench, reports[EXAMPLES[0]])]
    with serve(bench.folder("drafts")) as port:
        api = Api(port)
        for example, report in reports.items():
            times, load = _loaded(
                lambda r=report, e=example: saved_and_previewed(api, e.stem, r, bench.runs * 4)
            )
            found.append(
                Row(
                    f"web save + preview, {example.name}",
                    times,
                    load,
                    Goal(0.05, "s"),
                    statistic="p95",
                )
            )
        largest = largest_report(api, reports[EXAMPLES[0]])
        times, load = _loaded(lambda: saved_and_previewed(api, "largest", largest, bench.runs * 2))
        note = f"the largest report allowed: {len(largest['sessions'])} sessions"
        found.append(
            Row(
                "web save + preview, largest report",
                times,
                load,
                Goal(0.15, "s"),
                statistic="p95",
                note=note,
            )
        )
        times, load = _loaded(lambda: pdf_downloads(api, list(reports.values()), bench.runs * 2))
        found.append(
            Row("web PDF download, both examples", times, load, Goal(0.25, "s"), statistic="p95")
        )
        api.close()
    return found


def _loaded(timed):
    load = os.getloadavg()[0]
    times = timed()
    return times, (load, os.getloadavg()[0])


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
