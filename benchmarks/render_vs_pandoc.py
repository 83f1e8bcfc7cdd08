"""Time gfmd-reports against the best alternative for each format, fairly, in one run.

Rows (choose some with --only):
  cold      a fresh `render` per format of one example, and all three formats of both
            examples, against pandoc converting the same content (PDF through its WeasyPrint
            engine, with our stylesheet), one conversion at a time and as many at once as
            there are cores, as ours renders;
  warm      in one process, a loaded report rendered again and again: HTML against plain
            Jinja, DOCX against docxtpl, PDF against WeasyPrint alone on the same page;
  validate  `gfmd-reports validate` of one example against the floor of any pydantic program
            (Python, pydantic and a one-field model, plugins off);
  batch     50 reports × 3 formats in one `render` against pandoc on the same cores, the same
            command with --jobs 1, and the peak memory (PSS) of the command's processes;
  web       a real `gfmd-reports serve` on 127.0.0.1: the first preview after it starts, a
            save then a preview as the form sends them (each example, and the largest report
            allowed), and a PDF download.

Commands compared are timed taking turns, the order swapped every other run, after one run
of each that is not counted. A row prints our time and the peer's (median, min–max), the
median of the run-by-run ratios (ours / peer: below 1 we are faster), the goal and whether it
is met, and the load average at the row's start and end; then whether the outputs compared
are alike: words, footnotes found, PDF pages. Run it from the repository after
`scripts/setup --bench` (pandoc, poppler-utils, docxtpl):

    .venv/bin/python benchmarks/render_vs_pandoc.py [--runs 10] [--quick] [--only warm,web]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import peers
import web
from measure import Goal, equivalence
from measure import word_count as words
from serving import TOOL
from timing import Row, measure, peak_pss_megabytes, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
EXAMPLE = ROOT / "examples" / "gfmd-2014-rt3.yaml"
"""The example of the one-report rows: the longer one, and the one with a footnote."""
FORMATS = ("html", "pdf", "docx")
CORES = os.cpu_count() or 1
PYDANTIC_FLOOR = [
    sys.executable,
    "-c",
    "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)",
]


def at_once(commands: list[list[str]], workers: int = CORES) -> Callable[[], None]:
    """Run the commands ``workers`` at a time: as many as there are cores, as ours renders."""

    def all_of_them() -> None:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(run, commands))

    return all_of_them


class Bench:
    """The run's settings, its scratch folder, and each example's content for the peers."""

    def __init__(self, runs: int, batch: int, scratch: Path) -> None:
        self.runs, self.batch, self.scratch = runs, batch, scratch
        self.contents = {example: self._content(example) for example in EXAMPLES}
        page = (scratch / "pages" / f"{EXAMPLE.stem}.html").read_text()
        self.stylesheet = scratch / "style.css"
        self.stylesheet.write_text(page.split("<style>", 1)[1].split("</style>", 1)[0])

    def _content(self, example: Path) -> peers.Content:
        """Our page of the example, read into blocks and written as Markdown for pandoc."""
        out = self.folder("pages")
        run([TOOL, "render", str(example), "--format", "html", "--output", str(out)])
        content = peers.content_of((out / f"{example.stem}.html").read_text())
        (self.folder("markdown") / f"{example.stem}.md").write_text(peers.markdown_of(content))
        return content

    def folder(self, name: str) -> Path:
        path = self.scratch / name
        path.mkdir(exist_ok=True)
        return path

    def pandoc(self, example: Path, format: str, out: Path, stem: str = "") -> list[str]:
        """Pandoc's command converting an example's Markdown into ``out``."""
        source = self.scratch / "markdown" / f"{example.stem}.md"
        target = out / f"{stem or example.stem}.{format}"
        return peers.pandoc_command(source, target, self.stylesheet, self.contents[example].title)

    def alike(self, outputs: list[tuple[Path, Path, Path]], peer: str) -> str:
        """Words, footnotes found and PDF pages of our outputs against the peer's, added up,
        from (our output, the peer's, the example) of each."""
        contents = [self.contents[example] for _, _, example in outputs]
        paths = {"ours": [path for path, _, _ in outputs], peer: [path for _, path, _ in outputs]}
        texts = {name: [peers.text_of(path) for path in found] for name, found in paths.items()}
        checks = [
            ("words", {name: _sum(words, found) for name, found in texts.items()}, 0.05),
            ("notes found", _notes(texts, contents), 0.0),
        ]
        if outputs[0][0].suffix == ".pdf":
            pages = {name: _sum(peers.pages_of, found) for name, found in paths.items()}
            checks.append(("pages", pages, 0.0))
        return "outputs: " + equivalence(checks)


def _sum(count: Callable, items: list) -> int:
    return sum(map(count, items))


def _notes(texts: dict[str, list[str]], contents: list[peers.Content]) -> dict[str, int]:
    return {name: sum(map(peers.notes_found, found, contents)) for name, found in texts.items()}


def cold_rows(bench: Bench) -> Iterator[Row]:
    for format in FORMATS:
        yield cold_row(bench, format)
    yield from cold_rows_all_formats(bench)


def cold_row(bench: Bench, format: str) -> Row:
    """One example in one format, from a fresh start."""
    ours_out, pandoc_out = bench.folder("cold-ours"), bench.folder("cold-pandoc")
    ours = [TOOL, "render", str(EXAMPLE), "--format", format, "--output", str(ours_out)]
    pandoc = bench.pandoc(EXAMPLE, format, pandoc_out)
    measured = measure({"ours": lambda: run(ours), "peer": lambda: run(pandoc)}, bench.runs)
    note = bench.alike(_pairs([EXAMPLE], [format], ours_out, pandoc_out), "pandoc")
    if format == "pdf":
        peer, goal = "pandoc --pdf-engine=weasyprint", Goal(1.0, "×")
    else:
        peer, goal = "pandoc", None
    return measured.row(f"cold {format}, {EXAMPLE.name}", peer, "peer", goal, note)


def cold_rows_all_formats(bench: Bench) -> Iterator[Row]:
    """Both examples in all three formats, against pandoc serially and on as many cores."""
    ours_out, pandoc_out = bench.folder("cold-ours"), bench.folder("cold-pandoc")
    ours = [TOOL, "render", *map(str, EXAMPLES), "--output", str(ours_out)]
    conversions = [bench.pandoc(e, f, pandoc_out) for e in EXAMPLES for f in FORMATS]
    commands = {
        "ours": lambda: run(ours),
        "serial": at_once(conversions, workers=1),
        "cores": at_once(conversions),
    }
    measured = measure(commands, bench.runs)
    note = bench.alike(_pairs(EXAMPLES, FORMATS, ours_out, pandoc_out), "pandoc")
    label = "cold, both examples × 3 formats"
    yield measured.row(f"{label}, pandoc serial", "pandoc serial", "serial", None, note)
    yield measured.row(f"{label}, pandoc on {CORES} cores", "pandoc", "cores", Goal(0.7, "×"), note)


def _pairs(examples, formats, ours: Path, theirs: Path) -> list[tuple[Path, Path, Path]]:
    """(our output, the peer's, the example) for each example and format."""
    names = [f"{example.stem}.{format}" for example in examples for format in formats]
    sources = [example for example in examples for _ in formats]
    return [
        (ours / name, theirs / name, source) for name, source in zip(names, sources, strict=True)
    ]


def warm_rows(bench: Bench) -> Iterator[Row]:
    """In one process, as the web server renders: the report loaded, its theme found."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from gfmd_reports import load_theme, render, validate_file
    from gfmd_reports.formats.pdf import _for_print  # the page as WeasyPrint gets it
    from gfmd_reports.themes import DEFAULT_THEME

    report = validate_file(EXAMPLE).report
    theme = load_theme(report.theme or DEFAULT_THEME)
    content = bench.contents[EXAMPLE]
    page, template, fonts = peers.jinja_page(), peers.docxtpl_template(), FontConfiguration()
    print_page = _for_print(render(report, "html", theme).decode())

    def weasyprint_alone() -> bytes:
        document = HTML(string=print_page, base_url=theme.folder.as_uri() + "/")
        options = {"pdf_variant": "pdf/ua-1", "presentational_hints": True, "cache": {}}
        return document.write_pdf(font_config=fonts, **options)

    peers_of = {
        "html": ("Jinja alone", lambda: page(content), None, _JINJA),
        "docx": ("docxtpl", lambda: peers.fill_docxtpl(template, content), Goal(1.0, "×"), _TPL),
        "pdf": ("WeasyPrint alone", weasyprint_alone, Goal(1.05, "×"), _WEASYPRINT),
    }
    for format, (peer, make, goal, how) in peers_of.items():
        made = {"ours": lambda f=format: render(report, f, theme), "peer": make}
        measured = measure(made, bench.runs * 3)
        outputs = {name: function() for name, function in made.items()}
        note = f"{how}\n    {warm_alike(format, outputs, peer, bench)}"
        yield measured.row(f"warm {format}, {EXAMPLE.name}", peer, "peer", goal, note)


_JINJA = "peer: a plain Jinja template of the same blocks, escaped (no typography, no theme)"
_TPL = "peer: docxtpl filling a template of the same blocks; it has no footnotes: notes at the end"
_WEASYPRINT = "peer: WeasyPrint on the page our pdf.py gives it, with the same options and fonts"


def warm_alike(format: str, outputs: dict[str, bytes | str], peer: str, bench: Bench) -> str:
    """Words, notes and pages of our warm output and the peer's, written out to be read."""
    paths = []
    for name, data in outputs.items():
        path = bench.folder(f"warm-{name}") / f"{EXAMPLE.stem}.{format}"
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        paths.append(path)
    return bench.alike([(paths[0], paths[1], EXAMPLE)], peer)


def validate_rows(bench: Bench) -> Iterator[Row]:
    floor = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    measured = measure(
        {
            "ours": lambda: run([TOOL, "validate", str(EXAMPLE)]),
            "floor": lambda: run(PYDANTIC_FLOOR, env=floor),
        },
        bench.runs * 3,
    )
    label = f"validate {EXAMPLE.name}, cold"
    yield measured.row(label, "pydantic's floor", "floor", Goal(1.4, "×"))


def batch_rows(bench: Bench) -> Iterator[Row]:
    reports, out = bench.folder("batch"), bench.folder("batch-out")
    for index in range(bench.batch):
        shutil.copy(EXAMPLES[index % len(EXAMPLES)], reports / f"report-{index:03d}.yaml")
    ours = [TOOL, "render", *map(str, sorted(reports.glob("*.yaml"))), "--output", str(out)]
    conversions = [
        bench.pandoc(EXAMPLES[index % len(EXAMPLES)], format, out, f"pandoc-{index:03d}")
        for index in range(bench.batch)
        for format in FORMATS
    ]
    label = f"batch, {bench.batch} reports × 3 formats"
    measured = measure(
        {
            "ours": lambda: run(ours),
            "one process": lambda: run([*ours, "--jobs", "1"]),
            "pandoc": at_once(conversions),
        },
        max(1, bench.runs // 3),
    )
    same = "outputs: the examples', as compared in the cold rows"
    yield measured.row(
        f"{label}, pandoc on {CORES} cores", "pandoc", "pandoc", Goal(0.2, "×"), same
    )
    alone = measured.row(f"{label}, against --jobs 1", "--jobs 1", "one process", None)
    alone.note = f"speed-up on {CORES} cores: {1 / alone.figure():.2f}×"
    yield alone
    load = os.getloadavg()[0]
    # Apart from the timed runs: sampling every 20 ms takes some of the cores' time.
    peaks = [peak_pss_megabytes(ours) for _ in range(max(1, bench.runs // 3))]
    loads = (load, os.getloadavg()[0])
    yield Row(f"{label}, peak total PSS", peaks, loads, Goal(250, "MB"), statistic="max")


ROWS = {
    "cold": cold_rows,
    "warm": warm_rows,
    "validate": validate_rows,
    "batch": batch_rows,
    "web": web.rows,
}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (pairs)")
    parser.add_argument("--quick", action="store_true", help="2 runs, a batch of 6: a smoke run")
    parser.add_argument("--batch", type=int, default=50, help="reports in the batch rows")
    parser.add_argument("--only", default=",".join(ROWS), help=f"rows: {', '.join(ROWS)}")
    parsed = parser.parse_args()
    parsed.only = parsed.only.split(",")
    unknown = set(parsed.only) - set(ROWS)
    if unknown:
        parser.error(f"no rows {', '.join(sorted(unknown))}: choose from {', '.join(ROWS)}")
    if parsed.quick:
        parsed.runs, parsed.batch = 2, 6
    return parsed


def main() -> int:
    options = arguments()
    missing = [tool for tool in ("pandoc", "pdfinfo", "pdftotext") if not shutil.which(tool)]
    if "warm" in options.only and importlib.util.find_spec("docxtpl") is None:
        missing.append("docxtpl")
    if missing:
        print(f"{', '.join(missing)} not found: run scripts/setup --bench", file=sys.stderr)
        return 1
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    # An editable install run with PYTHONDONTWRITEBYTECODE set would otherwise compile the
    # package anew at every start, which no installed copy does.
    run([sys.executable, "-m", "compileall", "-q", str(ROOT / "gfmd_reports")])
    print(
        f"gfmd-reports against its peers, {time.strftime('%Y-%m-%d %H:%M %Z')}: {machine()}\n"
        f"{options.runs} runs per timing; load average {os.getloadavg()[0]:.2f} at the start\n"
        "ratio: median of the run-by-run ratios, ours / the peer's (below 1: ours is faster)\n"
    )
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)  # pandoc's PDF engine leaves its temporary files where it runs
        bench = Bench(options.runs, options.batch, Path(scratch))
        for section in options.only:
            for row in ROWS[section](bench):
                row.show()
    return 0


def machine() -> str:
    """The processor, cores, system, Python and pandoc the figures come from."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    names = [line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")]
    cpu = names[0] if names else platform.machine()
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    return (
        f"{cpu}, {CORES} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, pandoc {pandoc.split()[1]}"
    )


if __name__ == "__main__":
    sys.exit(main())
