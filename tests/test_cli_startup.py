"""A command starts light: it loads only what its work needs, once per batch, in any language.

Each test runs the real command in a process of its own, with an audit hook that notes every
module the process (or a worker forked from it) loads, by process id.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from pypdf import PdfReader

_RECORDING_RUN = """
import os, sys
notes = os.open(sys.argv.pop(1), os.O_WRONLY | os.O_APPEND)
os.write(notes, f"command {os.getpid()}\\n".encode())
def note(event, arguments):
    if event == "import":
        os.write(notes, f"{os.getpid()} {arguments[0]}\\n".encode())
    elif event == "subprocess.Popen":
        os.write(notes, f"{os.getpid()} run {os.fsdecode(arguments[0])}\\n".encode())
sys.addaudithook(note)
from gfmd_reports.__main__ import run
run()
"""


def _run_noting_imports(
    tmp_path: Path, *arguments: str, language: str = "C.UTF-8"
) -> tuple[subprocess.CompletedProcess, int, dict[str, list[int]]]:
    """Run the command; return how it ended, its process id, and each module loaded (and
    ``run <program>`` for each program run) with the ids of the processes that did so."""
    notes = tmp_path / "imports.txt"
    notes.touch()
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    }
    environment["LANG"] = language
    finished = subprocess.run(
        [sys.executable, "-c", _RECORDING_RUN, str(notes), *arguments],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=300,
    )
    loaded: dict[str, list[int]] = {}
    command = 0
    for line in notes.read_text().splitlines():
        first, second = line.split(" ", 1)
        if first == "command":
            command = int(second)
        else:
            loaded.setdefault(second, []).append(int(first))
    return finished, command, loaded


def test_a_french_validate_speaks_french_without_loading_babel(tmp_path):
    finished, _command, loaded = _run_noting_imports(
        tmp_path, "validate", str(WRITTEN_EXAMPLE), language="fr_FR.UTF-8"
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == (
        f"{WRITTEN_EXAMPLE}: valide\u00a0: rapport du rapporteur général, 2 séances, "
        "1\u202f239 mots\n"
    )
    assert [name for name in loaded if name.split(".")[0] == "babel"] == []


def test_validate_loads_neither_the_renderers_nor_babel_nor_logging(tmp_path):
    finished, _command, loaded = _run_noting_imports(tmp_path, "validate", str(WRITTEN_EXAMPLE))
    assert finished.stdout == f"{WRITTEN_EXAMPLE}: valid: general report, 2 sessions, 1,239 words\n"
    unneeded = {"babel", "logging", "weasyprint", "docx", "lxml", "fontTools", "jinja2"}
    assert sorted(name for name in loaded if name.split(".")[0] in unneeded) == []


_RUN_WITH_WITNESSES = """
import atexit, os, sys
class Witness:
    def __del__(self):
        os.write(1, b"torn down\\n")
witness = Witness()
atexit.register(lambda: os.write(1, b"exit handlers ran\\n"))
from gfmd_reports.__main__ import run
run()
"""


def test_the_command_exits_without_tearing_its_modules_down_once_its_output_is_out(tmp_path):
    finished = subprocess.run(
        [sys.executable, "-c", _RUN_WITH_WITNESSES, "validate", str(WRITTEN_EXAMPLE)],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "C.UTF-8"},
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines() == [
        f"{WRITTEN_EXAMPLE}: valid: general report, 2 sessions, 1,239 words",
        "exit handlers ran",
    ]


def test_the_exit_status_survives_the_quick_exit(tmp_path):
    finished = subprocess.run(
        [sys.executable, "-m", "gfmd_reports", "validate", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 1
    assert "missing.yaml" in finished.stderr + finished.stdout


def _embedded_font_programs(pdf: Path) -> dict[str, int]:
    """The size of each font program a PDF embeds, by font name."""
    sizes = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            for descendant in font.get_object().get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                program = descriptor["/FontFile2"].get_object().get_data()
                sizes[str(descriptor["/FontName"])] = len(program)
    return sizes


def test_a_pdf_render_loads_neither_fonttools_subsetter_nor_instancer_and_still_subsets_fonts(
    tmp_path,
):
    finished, _command, loaded = _run_noting_imports(
        tmp_path, "render", str(WRITTEN_EXAMPLE), "--format", "pdf"
    )
    assert finished.returncode == 0, finished.stderr
    assert "weasyprint" in loaded
    unused = ("fontTools.subset", "fontTools.varLib", "fontTools.ttLib.tables.otTables")
    assert [name for name in loaded if name.startswith(unused)] == []
    assert [name for name in loaded if name.startswith("run ")] == ["run /sbin/ldconfig"]
    assert len(loaded["run /sbin/ldconfig"]) == 1  # one look at the linker cache for all
    fonts = _embedded_font_programs(tmp_path / "out" / "gfmd-2014-rt3.pdf")
    installed = subprocess.run(
        ["fc-list", "Liberation Serif", "file"], capture_output=True, text=True, check=True
    )
    smallest_face = min(Path(line.rstrip(": ")).stat().st_size for line in installed.stdout.split())
    assert sorted(name.split("+")[1] for name in fonts) == [
        "Liberation-Serif",
        "Liberation-Serif-Bold",
    ]
    assert all(size < smallest_face / 4 for size in fonts.values()), (fonts, smallest_face)


def test_batch_workers_share_the_renderers_the_command_loaded_once(tmp_path):
    reports = []
    for index, example in enumerate([WRITTEN_EXAMPLE, ORAL_EXAMPLE, WRITTEN_EXAMPLE]):
        reports.append(tmp_path / f"report-{index}.yaml")
        reports[-1].write_bytes(example.read_bytes())
    finished, command, loaded = _run_noting_imports(
        tmp_path, "render", *map(str, reports), "--jobs", "2", "--format", "pdf,docx"
    )
    assert finished.returncode == 0, finished.stderr
    assert len(os.listdir(tmp_path / "out")) == 6
    assert loaded["weasyprint"] == [command]
    assert loaded["docx"] == [command]
    assert loaded["jinja2"] == [command]


_INSTANCE_A_STATIC_FONT = """
import sys
import gfmd_reports.formats.pdf
from fontTools.ttLib import TTFont
from weasyprint.pdf import fonts
print("fontTools.varLib" in sys.modules)
try:
    fonts.instantiateVariableFont(TTFont(sys.argv[1]), {"wght": 700}, static=True)
except ValueError as error:
    print(error)
instancer = sys.modules["fontTools.varLib.instancer"]
print(instancer.__file__.endswith("instancer/__init__.py"), instancer.OverlapMode(1).name)
"""


def test_weasyprint_gets_the_real_font_instancer_when_it_uses_it():
    installed = subprocess.run(
        ["fc-list", "Liberation Serif:style=Regular", "file"],
        capture_output=True,
        text=True,
        check=True,
    )
    font = installed.stdout.split()[0].rstrip(":")
    finished = subprocess.run(
        [sys.executable, "-c", _INSTANCE_A_STATIC_FONT, font],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    # Not loaded until used; then fontTools' own answer: Liberation Serif is not a variable font.
    assert finished.stdout.splitlines() == [
        "False",
        "Missing required table fvar",
        "True KEEP_AND_SET_FLAGS",
    ]
