"""The drafts folder: what a save keeps, what it refuses, and what the list reads."""

from __future__ import annotations

import os
import time

import pytest
from conftest import MINIMAL_REPORT
from ruamel.yaml import YAML

from gfmd_reports.drafts import SETTLED_SECONDS, DraftStore
from gfmd_reports.errors import ReportError


@pytest.fixture
def store(tmp_path):
    return DraftStore(tmp_path)


def _data(closing: str) -> dict:
    return {**YAML(typ="safe").load(MINIMAL_REPORT), "closing": [closing]}


def test_quick_saves_keep_the_draft_as_it_was_before_the_sitting(store, tmp_path):
    """Two bad saves in a row (a page elsewhere, a slip) leave the original in .previous."""
    first = store.save("d.yaml", _data("The original words."), None)
    second = store.save("d.yaml", _data("Overwritten once."), first.version)
    store.save("d.yaml", _data("Overwritten twice."), second.version)
    previous = tmp_path / ".d.yaml.previous"
    assert "The original words." in previous.read_text(encoding="utf-8")


def test_a_save_after_a_pause_keeps_the_draft_as_it_stood(store, tmp_path):
    first = store.save("d.yaml", _data("Monday's words."), None)
    second = store.save("d.yaml", _data("Tuesday's words."), first.version)
    an_hour_ago = time.time() - SETTLED_SECONDS - 60
    os.utime(tmp_path / "d.yaml", (an_hour_ago, an_hour_ago))
    store.save("d.yaml", _data("Wednesday's words."), second.version)
    previous = (tmp_path / ".d.yaml.previous").read_text(encoding="utf-8")
    assert "Tuesday's words." in previous


def test_a_save_refuses_nesting_that_could_not_be_read_again(store, tmp_path):
    deep: list = []
    for _ in range(45):
        deep = [deep]
    with pytest.raises(ReportError) as refused:
        store.save("d.yaml", {"kind": "oral", "closing": deep}, None)
    assert str(refused.value) == (
        "d.yaml: not saved: the file it would become could not be opened again: it is nested "
        "too deeply (more than 40 levels)"
    )
    assert list(tmp_path.iterdir()) == []


def test_temporaries_left_by_a_killed_save_are_swept(store, tmp_path):
    draft = store.save("d.yaml", _data("Kept."), None)
    stale = [tmp_path / ".d.yaml.0123456789ab.tmp", tmp_path / "..d.yaml.previous.abcdef012345.tmp"]
    kept = [tmp_path / ".d.yaml.notes.tmp", tmp_path / "notes.tmp"]
    for path in stale + kept:
        path.write_text("half a file", encoding="utf-8")
    DraftStore(tmp_path).sweep()
    assert [path.exists() for path in stale + kept] == [False, False, True, True]
    (tmp_path / ".d.yaml.fedcba987654.tmp").write_text("half a file", encoding="utf-8")
    store.save("d.yaml", _data("Saved again."), draft.version)
    assert not (tmp_path / ".d.yaml.fedcba987654.tmp").exists()


def test_the_list_notes_what_the_form_cannot_open_without_reading_it(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    store = DraftStore(folder)
    outside = tmp_path / "outside.yaml"
    outside.write_text(MINIMAL_REPORT, encoding="utf-8")
    (folder / "good.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    os.symlink(outside, folder / "link.yaml")
    os.symlink(folder / "nowhere.yaml", folder / "dangling.yaml")
    (folder / "folder.yaml").mkdir()
    with (folder / "huge.yaml").open("wb") as huge:
        huge.truncate(1_500_000_000)  # sparse: no disk used
    notes = {entry.name: entry.note for entry in store.entries()}
    assert notes == {
        "good.yaml": None,
        "pipe.yaml": "is a pipe or a device, not a file: the form opens files only",
        "link.yaml": "is a symbolic link, which the form does not follow: copy the file it "
        "points to into the drafts folder",
        "dangling.yaml": "is a symbolic link, which the form does not follow: copy the file it "
        "points to into the drafts folder",
        "folder.yaml": "is a folder, not a file: the form opens files only",
        "huge.yaml": "is 1,500,000,000 bytes, more than the 500,000 a report file may have: the "
        "form cannot open it",
    }
    with pytest.raises(ReportError, match=r"^pipe\.yaml: is a pipe or a device"):
        store.load("pipe.yaml")
    with pytest.raises(ReportError, match=r"^link\.yaml: is a symbolic link"):
        store.save("link.yaml", _data("Through the link."), None)
    assert outside.read_text(encoding="utf-8") == MINIMAL_REPORT
