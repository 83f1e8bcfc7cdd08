"""An interrupted render leaves every output whole (the previous one or a complete new one) and
no temporary file: Ctrl-C and `kill` at several moments of a real render."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from pypdf import PdfReader

OLD = b"an earlier rendering"


def _complete(path) -> bool:
    data = path.read_bytes()
    if data == OLD:
        return True
    if path.suffix == ".pdf":
        return len(PdfReader(io.BytesIO(data)).pages) > 0
    if path.suffix == ".docx":
        return zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    return data.rstrip().endswith(b"</html>")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
@pytest.mark.parametrize("after", [0.8, 1.6, 2.4])
def test_an_interrupted_render_leaves_whole_files_and_no_temporary_ones(
    tmp_path, jobs, stop, after
):
    reports = []
    for index in range(8):
        report = tmp_path / f"report-{index}.yaml"
        report.write_bytes((WRITTEN_EXAMPLE if index % 2 else ORAL_EXAMPLE).read_bytes())
        reports.append(report)
    output = tmp_path / "out"
    output.mkdir()
    for report in reports:
        for format in ("html", "pdf", "docx"):
            (output / f"{report.stem}.{format}").write_bytes(OLD)
    command = [sys.executable, "-m", "gfmd_reports", "render", *map(str, reports)]
    process = subprocess.Popen(
        [*command, "--jobs", jobs, "--output", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(after)
    process.send_signal(stop)
    _, errors = process.communicate(timeout=120)
    # 130 from the tool; -2 if Python ends the process by SIGINT, which a shell shows as 130.
    assert process.returncode in {0, 130, -signal.SIGINT}, errors.decode()
    files = sorted(path.name for path in output.iterdir())
    assert [name for name in files if not name.startswith("report-")] == []  # no .tmp left
    assert len(files) == 24
    assert all(_complete(output / name) for name in files)
    if process.returncode != 0:
        assert b"Stopped: outputs already written are complete" in errors
