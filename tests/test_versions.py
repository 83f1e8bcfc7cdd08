"""The history of a report file: what it keeps, what it thins, and what it refuses."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from conftest import Clock

from gfmd_reports.errors import ReportError
from gfmd_reports.versions import (
    MAX_HISTORY_BYTES,
    UnknownVersionError,
    VersionHistory,
    keep_before_overwrite,
    version_of,
)

MONDAY = 1_795_000_000.0  # 2026-11-18T11:06:40Z


@pytest.fixture
def clock():
    return Clock(MONDAY)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "rapport-2-2.yaml"
    path.write_bytes(b"kind: oral\n")
    return path


def test_a_version_is_a_file_a_person_can_open(report, clock):
    history = VersionHistory(report, clock=clock)
    version = history.keep("closing: ['Les mots d’origine.']\n".encode(), "named", "Avant la TF")
    folder = report.parent / ".rapport-2-2.yaml.versions"
    assert sorted(path.name for path in folder.iterdir()) == [
        "0001-2026-11-18T11-06-40Z-named.yaml",
        "0001.note.txt",
    ]
    assert (folder / version.file).read_text(encoding="utf-8") == (
        "closing: ['Les mots d’origine.']\n"
    )
    assert (folder / "0001.note.txt").read_text(encoding="utf-8") == "Avant la TF\n"
    assert history.versions() == [version]
    assert (version.number, version.reason, version.note, version.size) == (
        1,
        "named",
        "Avant la TF",
        len("closing: ['Les mots d’origine.']\n".encode()),
    )
    assert version.saved.isoformat() == "2026-11-18T11:06:40+00:00"


def test_autosaves_within_a_minute_make_one_version_holding_the_last(report, clock):
    history = VersionHistory(report, clock=clock)
    clock.now = MONDAY - MONDAY % 60  # the start of a minute
    for second in range(0, 60, 10):
        history.keep(f"closing: [typed at {second}]\n".encode(), "autosave")
        clock.advance(10)
    history.keep(b"closing: [the next minute]\n", "autosave")
    versions = history.versions()
    assert [version.number for version in versions] == [1, 2]
    assert history.read(1) == b"closing: [typed at 50]\n"
    assert history.read(2) == b"closing: [the next minute]\n"


def test_a_named_version_is_never_replaced_by_an_autosave(report, clock):
    history = VersionHistory(report, clock=clock)
    history.keep(b"closing: [named]\n", "named", "For the co-chairs")
    history.keep(b"closing: [typed after]\n", "autosave")
    history.keep(b"closing: [typed again]\n", "autosave")
    assert [(v.number, v.reason, v.note) for v in history.versions()] == [
        (1, "named", "For the co-chairs"),
        (2, "autosave", None),
    ]
    assert history.read(1) == b"closing: [named]\n"


def test_the_same_bytes_are_kept_once_and_a_note_is_added(report, clock):
    history = VersionHistory(report, clock=clock)
    first = history.keep(b"closing: [same]\n", "autosave")
    clock.advance(600)
    again = history.keep(b"closing: [same]\n", "named", "Sent to the task force")
    assert again.number == first.number == 1
    assert [(v.reason, v.note) for v in history.versions()] == [("named", "Sent to the task force")]
    assert again.file == "0001-2026-11-18T11-06-40Z-named.yaml"


def test_restoring_keeps_the_current_state_first(report, clock):
    history = VersionHistory(report, clock=clock)
    history.keep(b"closing: [first]\n", "named")
    clock.advance(120)
    report.write_bytes(b"closing: [typed in an editor]\n")
    kept = history.restore(1)
    assert report.read_bytes() == b"closing: [first]\n"
    versions = history.versions()
    assert [(v.number, v.reason) for v in versions] == [
        (1, "named"),
        (2, "before-restore"),
        (3, "restored"),
    ]
    assert kept == versions[1]  # the version holding the text before, which undoes the restore
    assert history.read(2) == b"closing: [typed in an editor]\n"
    assert versions[2].digest == versions[0].digest == version_of(b"closing: [first]\n")


def test_a_restore_of_a_report_its_newest_version_holds_returns_that_version(report, clock):
    history = VersionHistory(report, clock=clock)
    history.keep(b"closing: [first]\n", "named")
    clock.advance(120)
    report.write_bytes(b"closing: [second]\n")
    second = history.keep(b"closing: [second]\n", "autosave")
    assert history.restore(1) == second
    assert [v.reason for v in history.versions()] == ["named", "autosave", "restored"]
    report.unlink()
    assert history.restore(2) is None  # no report file: nothing was kept before
    assert report.read_bytes() == b"closing: [second]\n"


def test_an_unknown_version_names_those_there_are(report, clock):
    history = VersionHistory(report, clock=clock)
    with pytest.raises(UnknownVersionError) as none:
        history.read(1)
    assert str(none.value) == (
        f"{report}: has no versions yet: they are kept when the form saves it, or with "
        f"'gfmd-reports versions {report} --save'"
    )
    for text in ("a", "b", "c", "d"):
        history.keep(f"closing: [{text}]\n".encode(), "named")
    (history.folder / "0003-2026-11-18T11-06-40Z-named.yaml").unlink()
    with pytest.raises(UnknownVersionError) as unknown:
        history.restore(9)
    assert str(unknown.value) == f"{report}: has no version 9: its versions are 1–2, 4"
    assert report.read_bytes() == b"kind: oral\n"


def test_old_autosaves_are_thinned_and_named_ones_kept(report, clock):
    history = VersionHistory(report, clock=clock)
    start = clock.now - clock.now % 86_400  # midnight
    clock.now = start
    # Two days of an autosave every 5 minutes, a named version at noon of the first day.
    for step in range(2 * 24 * 12):
        clock.now = start + step * 300
        if step == 144:
            history.keep(f"closing: [named {step}]\n".encode(), "named", "Noon")
        else:
            history.keep(f"closing: [autosave {step}]\n".encode(), "autosave")
    versions = history.versions()
    now = clock.now
    ages = {v.number: now - v.saved.timestamp() for v in versions}
    named = [v for v in versions if v.reason == "named"]
    assert [history.read(v.number) for v in named] == [b"closing: [named 144]\n"]
    autosaves = [v for v in versions if v.reason == "autosave"]
    last_hours = [v for v in autosaves if ages[v.number] < 7_200]
    day = [v for v in autosaves if 7_200 <= ages[v.number] < 86_400]
    older = [v for v in autosaves if ages[v.number] >= 86_400]
    assert len(last_hours) == 24  # every one of the last two hours
    assert len({int(v.saved.timestamp()) // 600 for v in day}) == len(day)  # one per 10 min
    assert 22 * 6 - 1 <= len(day) <= 22 * 6 + 1
    assert len({int(v.saved.timestamp()) // 86_400 for v in older}) == len(older) == 1
    # Each span keeps its last autosave: the first day is represented by its 23:55 one.
    assert history.read(older[0].number) == f"closing: [autosave {24 * 12 - 1}]\n".encode()
    assert versions[-1].number == 2 * 24 * 12  # numbers are never reused


@pytest.mark.parametrize("reason", ["before-restore", "before-import", "previous"])
def test_versions_an_undo_comes_back_to_are_never_thinned(report, clock, reason):
    history = VersionHistory(report, clock=clock)
    kept = history.keep(b"closing: [before the restore]\n", reason)
    for step in range(2 * 24 * 12):  # two days of an autosave every 5 minutes
        clock.advance(300)
        history.keep(f"closing: [autosave {step}]\n".encode(), "autosave")
    versions = history.versions()
    assert versions[0] == kept
    assert history.read(kept.number) == b"closing: [before the restore]\n"
    assert len(versions) < 2 * 24 * 12 / 2  # the autosaves around it were thinned


_BIG = 400_000
"""Bytes of a version large enough that the cap is passed in 55 of them."""


def _keep_past_the_cap(history: VersionHistory, clock: Clock, reason: str) -> int:
    """Keep versions a minute apart, with ``reason``, past the byte cap; return how many."""
    count = MAX_HISTORY_BYTES // _BIG + 5
    for step in range(count):
        clock.advance(60)
        history.keep(b"#" * _BIG + f"\n{reason}: {step}\n".encode(), reason)
    return count


def test_past_the_byte_cap_autosaves_go_before_the_versions_an_undo_comes_back_to(report, clock):
    history = VersionHistory(report, clock=clock)
    history.keep(b"#" * _BIG + b"\nbefore: import\n", "before-import")
    _keep_past_the_cap(history, clock, "autosave")
    versions = history.versions()
    assert sum(v.size for v in versions) <= MAX_HISTORY_BYTES
    assert versions[0].reason == "before-import"
    assert history.read(1).endswith(b"before: import\n")
    _keep_past_the_cap(history, clock, "before-restore")  # nothing but these: the oldest go
    versions = history.versions()
    assert sum(v.size for v in versions) <= MAX_HISTORY_BYTES
    assert versions[0].reason == "before-restore"
    assert len(versions) > 1


def test_a_new_note_on_unchanged_bytes_keeps_both_notes(report, clock):
    history = VersionHistory(report, clock=clock)
    history.keep(b"closing: [same]\n", "named", "Sent to the co-chairs")
    clock.advance(600)
    again = history.keep(b"closing: [same]\n", "named", "Sent to the task force")
    assert history.keep(b"closing: [same]\n", "named") == again  # no note: nothing to keep
    assert [(v.number, v.reason, v.note) for v in history.versions()] == [
        (1, "named", "Sent to the co-chairs"),
        (2, "named", "Sent to the task force"),
    ]
    assert history.read(2) == history.read(1) == b"closing: [same]\n"


def test_past_the_byte_cap_the_oldest_autosaves_go_and_named_ones_stay(report, clock):
    history = VersionHistory(report, clock=clock)
    history.keep(b"#" * _BIG + b"\nnamed: 1\n", "named", "Final for the chair")
    count = _keep_past_the_cap(history, clock, "autosave")
    versions = history.versions()
    assert sum(v.size for v in versions) <= MAX_HISTORY_BYTES
    assert versions[0].reason == "named"
    assert history.read(1).endswith(b"named: 1\n")
    autosaves = [v.number for v in versions if v.reason == "autosave"]
    assert autosaves == list(range(count + 2 - len(autosaves), count + 2))  # the newest
    assert history.read(count + 1).endswith(f"autosave: {count - 1}\n".encode())


def test_keep_before_overwrite_keeps_what_the_file_holds(tmp_path):
    path = tmp_path / "report.yaml"
    assert keep_before_overwrite(path, "before-import") is None
    path.write_bytes(b"closing: [edited by hand]\n")
    version = keep_before_overwrite(path, "before-import")
    assert version is not None
    assert version.reason == "before-import"
    assert VersionHistory(path).read(version.number) == b"closing: [edited by hand]\n"


def _keep_many(report: str, worker: int) -> None:
    history = VersionHistory(__import__("pathlib").Path(report))
    for step in range(20):
        history.keep(f"closing: [worker {worker} step {step}]\n".encode(), "named")


def test_two_processes_keeping_versions_of_one_report_lose_none(report):
    """Two servers on one folder: every version kept, each under its own number."""
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_keep_many, args=(str(report), n)) for n in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    history = VersionHistory(report)
    versions = history.versions()
    assert [v.number for v in versions] == list(range(1, 41))
    texts = {history.read(v.number) for v in versions}
    assert texts == {
        f"closing: [worker {n} step {step}]\n".encode() for n in (1, 2) for step in range(20)
    }


def test_a_versions_folder_that_is_a_link_is_refused(report, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (report.parent / ".rapport-2-2.yaml.versions").symlink_to(elsewhere)
    with pytest.raises(ReportError) as refused:
        VersionHistory(report).keep(b"closing: [x]\n", "named")
    assert "is not a folder of versions (a link or a file has its name)" in str(refused.value)
    assert list(elsewhere.iterdir()) == []


def test_files_in_the_folder_that_are_not_versions_are_left_alone(report, tmp_path):
    history = VersionHistory(report)
    history.keep(b"closing: [kept]\n", "named")
    outside = tmp_path / "secret.txt"
    outside.write_text("not a report", encoding="utf-8")
    (history.folder / "0002-2026-11-18T11-06-40Z-named.yaml").symlink_to(outside)
    (history.folder / "notes by hand.txt").write_text("mine", encoding="utf-8")
    assert [v.number for v in history.versions()] == [1]
    with pytest.raises(UnknownVersionError):
        history.read(2)
    assert (history.folder / "notes by hand.txt").exists()


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("x" * 501, "a version's note may have at most 500 characters, and this one has 501"),
        ("line\x07bell", "a version's note cannot hold control characters"),
    ],
)
def test_a_note_that_cannot_be_kept_is_refused(report, note, message):
    with pytest.raises(ReportError) as refused:
        VersionHistory(report).keep(b"closing: [x]\n", "named", note)
    assert str(refused.value).startswith(message)
    assert not os.path.exists(report.parent / ".rapport-2-2.yaml.versions")


def test_temporaries_left_by_a_killed_write_are_removed_at_the_next_version(report, clock):
    history = VersionHistory(report, clock=clock)
    history.keep(b"closing: [one]\n", "named")
    stale = history.folder / ".0002-2026-11-18T11-06-40Z-named.yaml.0123456789ab.tmp"
    stale.write_bytes(b"half a ver")
    mine = history.folder / ".my-notes.tmp"
    mine.write_text("kept", encoding="utf-8")
    history.keep(b"closing: [two]\n", "named")
    assert not stale.exists()
    assert mine.exists()
