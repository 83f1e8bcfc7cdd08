"""Time gfmd-reports against pandoc, the tool a user would otherwise pick, in one run.

(a) both examples to HTML, PDF and DOCX from a cold start: `gfmd-reports render` against pandoc
    converting equivalent Markdown of the same reports (PDF through its WeasyPrint engine);
(b) a batch of reports × 3 formats: one `gfmd-reports render` command against a loop of pandoc
    calls, and the same command in one process (--jobs 1) for the speed-up across cores;
(c) `gfmd-reports validate` start-up, beside the floor any pydantic program has: Python
    importing pydantic and building a one-field model.

Each timing is the median of several runs of the whole command, in fresh processes, the
commands compared taking turns run by run, and the package's bytecode compiled first, as
`pip install` does. Run it from the repository after
`scripts/setup --bench` (which installs pandoc):

    .venv/bin/python benchmarks/render_vs_pandoc.py [--runs 5] [--batch 50]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TOOL = [str(Path(sys.executable).parent / "gfmd-reports")]
PYDANTIC_FLOOR = [
    sys.executable,
    "-c",
    "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)",
]
FORMATS = ("html", "pdf", "docx")


def interleaved_medians(timings: dict[str, Callable[[], None]], runs: int) -> dict[str, float]:
    """Time each function ``runs`` times, taking turns, and return each one's median wall time.

    Taking turns spreads the machine's slow spells over every timing alike, so that the
    ratios between them hold even when the absolute figures drift.
    """
    times: dict[str, list[float]] = {name: [] for name in timings}
    for _ in range(runs):
        for name, function in timings.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def run(command: list[str], **options) -> None:
    subprocess.run(command, check=True, capture_output=True, **options)


def markdown_of(reports: list[Path], folder: Path) -> list[Path]:
    """Equivalent Markdown of each report: its rendered HTML converted by pandoc (not timed)."""
    run([*TOOL, "render", *map(str, reports), "--format", "html", "--output", str(folder)])
    sources = []
    for report in reports:
        markdown = folder / f"{report.stem}.md"
        run(["pandoc", str(folder / f"{report.stem}.html"), "-t", "markdown", "-o", str(markdown)])
        sources.append(markdown)
    return sources


def pandoc_all(sources: list[Path], output: Path) -> None:
    for source in sources:
        for format in FORMATS:
            target = output / f"{source.stem}.{format}"
            extra = ["--pdf-engine=weasyprint"] if format == "pdf" else ["--standalone"]
            run(["pandoc", str(source), "-o", str(target), *extra])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--batch", type=int, default=50, help="reports in the batch timing")
    arguments = parser.parse_args()
    if not shutil.which("pandoc"):
        print("pandoc is not installed: apt-get install pandoc", file=sys.stderr)
        return 1
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    # An editable install run with PYTHONDONTWRITEBYTECODE set would otherwise compile the
    # package anew at every start, which no installed copy does.
    run([sys.executable, "-m", "compileall", "-q", str(ROOT / "gfmd_reports")])

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sources = markdown_of(EXAMPLES, folder / "markdown")
        batch = folder / "batch"
        batch.mkdir()
        for index in range(arguments.batch):
            example = EXAMPLES[index % len(EXAMPLES)]
            shutil.copy(example, batch / f"report-{index:03d}.yaml")
        batch_sources = [sources[index % len(sources)] for index in range(arguments.batch)]
        out = folder / "out"
        out.mkdir()

        batch_command = [
            *TOOL,
            "render",
            *map(str, sorted(batch.glob("*.yaml"))),
            "--output",
            str(out),
        ]
        a = interleaved_medians(
            {
                "ours": lambda: run([*TOOL, "render", *map(str, EXAMPLES), "--output", str(out)]),
                "pandoc": lambda: pandoc_all(sources, out),
            },
            arguments.runs,
        )
        b = interleaved_medians(
            {
                "ours": lambda: run(batch_command),
                "one process": lambda: run([*batch_command, "--jobs", "1"]),
                "pandoc": lambda: pandoc_all(batch_sources, out),
            },
            max(3, arguments.runs // 2),
        )
        c = interleaved_medians(
            {
                "ours": lambda: run([*TOOL, "validate", *map(str, EXAMPLES)]),
                "floor": lambda: run(PYDANTIC_FLOOR),
            },
            arguments.runs * 3,
        )

    cores = os.cpu_count()
    print(f"gfmd-reports against pandoc {_pandoc_version()}, {cores} cores, medians of runs\n")
    print(f"{'timing':56} {'gfmd-reports':>12} {'pandoc':>8} {'ratio':>7} {'goal':>8}")
    rows = [
        ("(a) 2 examples × 3 formats, cold start", a["ours"], a["pandoc"], "≤ 0.70×"),
        (
            f"(b) {arguments.batch} reports × 3 formats, one command / a loop",
            b["ours"],
            b["pandoc"],
            "≤ 0.20×",
        ),
    ]
    for label, ours, theirs, goal in rows:
        print(f"{label:56} {ours:11.2f}s {theirs:7.2f}s {ours / theirs:6.2f}× {goal:>8}")
    speed_up = b["one process"] / b["ours"]
    print(
        f"{'(b) the same in one process (--jobs 1)':56} {b['one process']:11.2f}s "
        f"{'':>8} {speed_up:6.2f}× {'≥ 1.70×':>8}  (speed-up on {cores} cores)"
    )
    print(
        f"{'(c) validate start-up (2 files)':56} {c['ours']:11.2f}s {'':>8} {'':>7} {'≤ 0.25s':>8}"
    )
    print(f"{'    floor: Python, pydantic and a one-field model':56} {c['floor']:11.2f}s")
    print("\nratio: gfmd-reports time / pandoc time (below 1: gfmd-reports is faster)")
    return 0


def _pandoc_version() -> str:
    output = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    return output.split()[1]


if __name__ == "__main__":
    sys.exit(main())
