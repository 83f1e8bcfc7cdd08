"""Time gfmd-reports against pandoc, the tool a user would otherwise pick, in one run.

(a) both examples to HTML, PDF and DOCX from a cold start: `gfmd-reports render` against pandoc
    converting equivalent Markdown of the same reports (PDF through its WeasyPrint engine);
(b) a batch of reports × 3 formats: one `gfmd-reports render` command against a loop of pandoc
    calls, and the same command in one process (--jobs 1) for the speed-up across cores;
(c) `gfmd-reports validate` start-up.

Each timing is the median of several runs of the whole command, in fresh processes. Run it
from the repository after `scripts/setup` (pandoc: `apt-get install pandoc`):

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TOOL = [sys.executable, "-m", "gfmd_reports"]
FORMATS = ("html", "pdf", "docx")


def median_seconds(command_runs, runs: int) -> float:
    """Run a function that runs commands ``runs`` times; return the median wall time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        command_runs()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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

        ours_a = median_seconds(
            lambda: run([*TOOL, "render", *map(str, EXAMPLES), "--output", str(out)]),
            arguments.runs,
        )
        pandoc_a = median_seconds(lambda: pandoc_all(sources, out), arguments.runs)
        batch_files = sorted(batch.glob("*.yaml"))
        ours_b = median_seconds(
            lambda: run([*TOOL, "render", *map(str, batch_files), "--output", str(out)]),
            max(1, arguments.runs // 2),
        )
        ours_b_one_process = median_seconds(
            lambda: run(
                [*TOOL, "render", *map(str, batch_files), "--output", str(out), "--jobs", "1"]
            ),
            max(1, arguments.runs // 2),
        )
        pandoc_b = median_seconds(
            lambda: pandoc_all(batch_sources, out), max(1, arguments.runs // 2)
        )
        ours_c = median_seconds(
            lambda: run([*TOOL, "validate", *map(str, EXAMPLES)]), arguments.runs
        )

    cores = os.cpu_count()
    print(f"gfmd-reports against pandoc {_pandoc_version()}, {cores} cores, medians of runs\n")
    print(f"{'timing':56} {'gfmd-reports':>12} {'pandoc':>8} {'ratio':>7} {'goal':>8}")
    rows = [
        ("(a) 2 examples × 3 formats, cold start", ours_a, pandoc_a, "≤ 0.70×"),
        (
            f"(b) {arguments.batch} reports × 3 formats, one command / a loop",
            ours_b,
            pandoc_b,
            "≤ 0.20×",
        ),
    ]
    for label, ours, theirs, goal in rows:
        print(f"{label:56} {ours:11.2f}s {theirs:7.2f}s {ours / theirs:6.2f}× {goal:>8}")
    speed_up = ours_b_one_process / ours_b
    print(
        f"{'(b) the same in one process (--jobs 1)':56} {ours_b_one_process:11.2f}s "
        f"{'':>8} {speed_up:6.2f}× {'≥ 1.70×':>8}  (speed-up on {cores} cores)"
    )
    print(f"{'(c) validate start-up (2 files)':56} {ours_c:11.2f}s {'':>8} {'':>7} {'≤ 0.25s':>8}")
    print("\nratio: gfmd-reports time / pandoc time (below 1: gfmd-reports is faster)")
    return 0


def _pandoc_version() -> str:
    output = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    return output.split()[1]


if __name__ == "__main__":
    sys.exit(main())
