"""Templates stay compiled from one command to the next, and the cache never costs a render."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import WRITTEN_EXAMPLE

# Renders the example's HTML in a fresh process, as a command does; prints how many templates
# Jinja compiled from their text, and the page's digest.
_RENDER_COUNTING_COMPILES = """
import hashlib, sys
from pathlib import Path
from jinja2.sandbox import SandboxedEnvironment
compiled = []
compile_templates = SandboxedEnvironment._compile
def counted(self, source, filename):
    compiled.append(filename)
    return compile_templates(self, source, filename)
SandboxedEnvironment._compile = counted
from gfmd_reports import load_report, render
page = render(load_report(Path(sys.argv[1])), "html")
print(len(compiled), hashlib.sha256(page).hexdigest())
"""


def _render_in_a_new_process(temporary: Path) -> tuple[int, str]:
    finished = subprocess.run(
        [sys.executable, "-c", _RENDER_COUNTING_COMPILES, str(WRITTEN_EXAMPLE)],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    compiled, digest = finished.stdout.split()
    return int(compiled), digest


def _cache_folder(temporary: Path) -> Path:
    return temporary / f"_jinja2-cache-{os.getuid()}"


def test_a_second_command_renders_from_the_templates_the_first_compiled(tmp_path):
    first_compiled, first_page = _render_in_a_new_process(tmp_path)
    kept = sorted(path.name for path in _cache_folder(tmp_path).iterdir())
    second_compiled, second_page = _render_in_a_new_process(tmp_path)
    assert first_compiled > 0
    assert len(kept) == first_compiled
    assert all(name.startswith("__gfmd_reports_") for name in kept)
    assert second_compiled == 0
    assert second_page == first_page


def test_compiled_templates_that_cannot_be_read_back_are_compiled_again(tmp_path):
    _compiled, first_page = _render_in_a_new_process(tmp_path)
    for kept in _cache_folder(tmp_path).iterdir():
        kept.write_bytes(b"j2\x00 not what Jinja wrote")  # as if cut short, or another Jinja's
    compiled, page = _render_in_a_new_process(tmp_path)
    assert compiled > 0
    assert page == first_page


def test_a_cache_folder_that_is_not_safe_to_use_is_left_alone_and_the_page_is_the_same(tmp_path):
    (tmp_path / "safe").mkdir()
    _compiled, safe_page = _render_in_a_new_process(tmp_path / "safe")
    unsafe = tmp_path / "unsafe"
    unsafe.mkdir()
    _cache_folder(unsafe).write_text("a file where the folder should be\n")
    compiled, page = _render_in_a_new_process(unsafe)
    assert compiled > 0
    assert page == safe_page
    assert _cache_folder(unsafe).read_text() == "a file where the folder should be\n"
