"""Shared paths and helpers for the tests."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gfmd_reports.model import PLACEHOLDER_MARK
from gfmd_reports.starter import starter_file

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


@pytest.fixture(autouse=True)
def no_user_themes(tmp_path_factory, monkeypatch):
    """Point the user's config folder at an empty one: the machine's themes must not matter."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """Run commands in English whatever the machine's locale: the tests compare English text."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def write_report(tmp_path):
    """Write report text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "report.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# What a rapporteur might write in place of each placeholder, by field name; other texts name
# their own place in the report, so that each is unique and a field dropped is missed.
FILLINGS = {
    "year": 2019,
    "edition": 12,
    "start": "2020-01-20",
    "end": "2020-01-22",
}
COUNTRIES = ["Ecuador", "Greece", "Ghana", "Chile", "Mexico", "Sweden", "Morocco", "Nepal"]
HONORIFICS = ["Ms.", "Mr.", "Dr.", "Ambassador", "Professor", "Minister"]


def _fill(node, path=(), session=False):
    if isinstance(node, dict):
        for name in node:
            node[name] = _fill(node[name], (*path, name), session or name == "sessions")
        return node
    if isinstance(node, list):
        return [_fill(item, (*path, index), session) for index, item in enumerate(node)]
    if node != PLACEHOLDER_MARK:
        return node
    key = path[-1]
    if key == "number":
        return f"1.{path[1] + 1}" if session else 1
    place = " ".join(str(part).replace("_", " ") for part in path)
    if key == "country" or path[-2:-1] == ("chairs",):
        return COUNTRIES[zlib.crc32(place.encode()) % len(COUNTRIES)]
    if key == "honorific":
        return HONORIFICS[zlib.crc32(place.encode()) % len(HONORIFICS)]
    return FILLINGS.get(key, f"Words of {place}.")


def filled_starter(kind: str) -> str:
    """A starter file with every placeholder filled in: a report that uses every field."""
    yaml = YAML()
    data = _fill(yaml.load(starter_file(kind, "schema.json")))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def make_theme(folder: Path, name: str, settings: str = "", files: dict | None = None) -> Path:
    """Write a theme named ``name`` that extends gfmd, with extra theme.yaml lines and files."""
    theme = folder / name
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text(f"name: {name}\nextends: gfmd\n{settings}", encoding="utf-8")
    for file_name, content in (files or {}).items():
        path = theme / file_name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return theme


@pytest.fixture(scope="session", autouse=True)
def every_docx(tmp_path_factory):
    """Check every DOCX the run makes against the OOXML standard (tests/ooxml) once it ends:
    any problem fails the run, named with the file it was kept as."""
    from ooxml.collector import DocxCollector

    collector = DocxCollector(tmp_path_factory.mktemp("docx-made"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        collector.watch(monkeypatch)
        yield collector
    collector.keep_written(tmp_path_factory.getbasetemp())
    failures = collector.problems()
    assert not failures, "DOCX files Word would refuse or repair:\n" + "\n".join(
        f"{path}: {problem}"
        for name, problems in failures.items()
        for problem in problems
        for path in [collector.folder / name]
    )


class Clock:
    """A clock a test moves: what is kept is kept at the times it says (the history of a
    report coalesces what is saved within a minute)."""

    def __init__(self, now: float = 1_795_000_020.0) -> None:
        self.now = now  # 2026-11-18T11:07:00Z, the start of a minute

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
