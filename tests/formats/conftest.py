"""Render the two examples once per test session, through the command line, and convert the
DOCX outputs with LibreOffice, so that every rendering test reads real files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ORAL_EXAMPLE, ORAL_SEED, WRITTEN_EXAMPLE, WRITTEN_SEED

from gfmd_reports import load_report
from gfmd_reports.cli import main

EXAMPLES = {"oral": (ORAL_EXAMPLE, ORAL_SEED), "general": (WRITTEN_EXAMPLE, WRITTEN_SEED)}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The examples rendered to every format: ``rendered["oral"]["pdf"]`` is a path."""
    output = tmp_path_factory.mktemp("out")
    arguments = ["render", str(ORAL_EXAMPLE), str(WRITTEN_EXAMPLE), "--output", str(output)]
    assert main(arguments) == 0
    return {
        kind: {format: output / f"{example.stem}.{format}" for format in ("html", "pdf", "docx")}
        for kind, (example, _) in EXAMPLES.items()
    }


@pytest.fixture(scope="session")
def reports():
    return {kind: load_report(example) for kind, (example, _) in EXAMPLES.items()}


def libreoffice_convert(source: Path, folder: Path, target: str = "pdf") -> Path:
    """Convert a document with LibreOffice, an independent reader of Word documents."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is missing: run scripts/setup --test"
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{source.stem}.{target.split(':')[0]}"


def libreoffice_pdf(docx: Path, folder: Path) -> Path:
    """Lay out a DOCX as LibreOffice does, as a PDF."""
    return libreoffice_convert(docx, folder)


@pytest.fixture(scope="session")
def docx_as_pdf(rendered, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("libreoffice")
    return {kind: libreoffice_pdf(paths["docx"], folder) for kind, paths in rendered.items()}
