"""Time `gfmd-reports compile` of 30 reports into one Chair's Report beside rendering the same
30 reports one by one, in one run.

The 30 reports are made from the examples' content, one forum's (GFMD 2014): ten round tables
of three reports each — a general report on two sessions (the 2014 example's), an oral report
and a session report (the 2019 example's session) — each session numbered apart, so that every
item has its own id. Three commands are timed taking turns, the order swapped every other
run, after one run of each that is not counted (benchmarks/timing.py):

  compile      `gfmd-reports compile chairs-report.yaml`: one HTML, PDF and DOCX;
  render       `gfmd-reports render` of the 30 files into the same formats, one process per
               core, as a support unit would render them apart;
  render -j 1  the same, one report after the other.

Each row prints the medians and min–max of compile and of the other command, the median of
the run-by-run ratios (compile / render: below 1, compiling is faster), and the load average
at its start and end. Run it from the repository:

    .venv/bin/python benchmarks/compile_reports.py [--runs 5]
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML
from serving import TOOL
from timing import Row, measure, run

ROOT = Path(__file__).resolve().parent.parent
GENERAL = ROOT / "examples" / "gfmd-2014-rt3.yaml"
ORAL = ROOT / "examples" / "gfmd-2019-rt1-2.yaml"
FORMATS = "html,pdf,docx"
ROUND_TABLES = 10


def reports(folder: Path) -> list[Path]:
    """Write the 30 reports: per round table a general, an oral and a session report."""
    yaml = YAML()
    general, oral = yaml.load(GENERAL.read_text()), yaml.load(ORAL.read_text())
    written: list[Path] = []
    for table in range(1, ROUND_TABLES + 1):
        kinds = (
            ("general", general, general["sessions"], 1),
            ("oral", oral, oral["sessions"], 3),
            ("session", oral, oral["sessions"], 4),
        )
        for kind, source, sessions, first in kinds:  # each report's sessions numbered apart
            data = copy.deepcopy(source)
            data["kind"], data["forum"] = kind, copy.deepcopy(general["forum"])
            data["roundtable"] = {"number": table, "title": f"Round table {table}"}
            data["sessions"] = [
                {**copy.deepcopy(session), "number": f"{table}.{first + index}"}
                for index, session in enumerate(sessions)
            ]
            if kind == "session":
                data["rapporteur"] = copy.deepcopy(general["rapporteur"])
            if kind != "general":
                data.pop("overall_conclusions", None)
                data.pop("introduction", None)
            path = folder / f"rt{table}-{kind}.yaml"
            with path.open("w", encoding="utf-8") as file:
                yaml.dump(data, file)
            written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command")
    runs = parser.parse_args().runs
    print(
        "compile 30 reports against rendering them one by one, "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores; {runs} runs per "
        f"timing; load {os.getloadavg()[0]:.2f} at the start"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        files = reports(folder)
        compilation = folder / "chairs-report.yaml"
        YAML().dump({"kind": "compilation", "reports": [path.name for path in files]}, compilation)
        out = str(folder / "out")
        commands = {
            "compile": lambda: run([TOOL, "compile", str(compilation), "-o", out]),
            "render": lambda: run([TOOL, "render", *map(str, files), "-o", out]),
            "render -j 1": lambda: run(
                [TOOL, "render", "--jobs", "1", *map(str, files), "-o", out]
            ),
        }
        measured = measure(commands, runs)
    ours = measured.times["compile"]
    for peer in ("render", "render -j 1"):
        label = f"30 reports, {FORMATS}: compile / {peer}"
        Row(label, ours, measured.load, None, peer, measured.times[peer]).show()
    return 0


if __name__ == "__main__":
    sys.exit(main())
