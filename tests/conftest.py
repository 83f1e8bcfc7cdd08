"""Shared paths and helpers for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = Path(__file__).resolve().parent / "seeds"

ORAL_EXAMPLE = EXAMPLES / "gfmd-2019-rt1-2.yaml"
WRITTEN_EXAMPLE = EXAMPLES / "gfmd-2014-rt3.yaml"
ORAL_SEED = SEEDS / "000_8bbe0913f8f25bd8.txt"
WRITTEN_SEED = SEEDS / "001_25572e5c17bfbca8.txt"

MINIMAL_REPORT = """\
kind: oral
forum:
  name: Global Forum on Migration and Development
  year: 2019
roundtable:
  number: 1
sessions:
  - number: "1.2"
    title: Migrants engagement with public services
    co_chairs:
      - country: Ecuador
      - country: Greece
"""
"""A small valid report that tests edit; its line numbers appear in expected messages."""


@pytest.fixture
def write_report(tmp_path):
    """Write report text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "report.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
