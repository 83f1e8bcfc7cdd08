"""The drafts folder: what a save keeps, what it refuses, and what the list reads."""

from __future__ import annotations

import io
import os
import time

import pytest
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE, Clock
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from gfmd_reports import validate_file
from gfmd_reports.drafts import TRASH_DAYS, DraftConflictError, DraftStore
from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import speaking
from gfmd_reports.versions import said_reason


@pytest.fixture
def store(tmp_path):
    return DraftStore(tmp_path)


def _data(closing: str) -> dict:
    return {**YAML(typ="safe").load(MINIMAL_REPORT), "closing": [closing]}


def test_a_run_of_bad_saves_can_be_undone_from_the_history(tmp_path):
    """Two bad saves in a row (a page elsewhere, a slip): the draft as it stood a minute
    before is a version, and restoring it gives back its very bytes."""
    clock = Clock()
    store = DraftStore(tmp_path, clock=clock)
    first = store.save("d.yaml", _data("The original words."), None)
    original = (tmp_path / "d.yaml").read_bytes()
    clock.advance(60)
    second = store.save("d.yaml", _data("Overwritten once."), first.version)
    clock.advance(5)
    third = store.save("d.yaml", _data("Overwritten twice."), second.version)
    history = store.history("d.yaml")
    assert [(v.number, v.reason, v.digest) for v in history.versions()] == [
        (1, "autosave", first.version),
        (2, "autosave", third.version),  # the two saves of one minute make one version
    ]
    restored, kept = store.restore_version("d.yaml", 1, third.version)
    assert (tmp_path / "d.yaml").read_bytes() == original
    assert restored.data == _data("The original words.")
    assert kept == 2  # the draft as it was: restoring it undoes the restore
    assert [v.reason for v in history.versions()] == ["autosave", "autosave", "restored"]


def test_a_new_draft_is_kept_as_its_first_version_created(tmp_path):
    """Not "changed elsewhere" at its first save: the history starts with the draft created."""
    clock = Clock()
    store = DraftStore(tmp_path, clock=clock)
    draft = store.create("Rapport de la séance 2.2", _data("Les premiers mots."))
    clock.advance(60)
    store.save(draft.name, _data("Les mots suivants."), draft.version)
    versions = store.history(draft.name).versions()
    assert [(v.number, v.reason) for v in versions] == [(1, "created"), (2, "autosave")]
    assert versions[0].digest == draft.version
    with speaking("fr"):
        assert said_reason(versions[0].reason) == "brouillon créé"
    with speaking("es"):
        assert said_reason(versions[0].reason) == "borrador creado"


def test_a_restore_from_an_older_version_of_the_draft_is_a_conflict(tmp_path):
    clock = Clock()
    store = DraftStore(tmp_path, clock=clock)
    first = store.save("d.yaml", _data("First."), None)
    clock.advance(60)
    store.save("d.yaml", _data("Second."), first.version)
    with pytest.raises(DraftConflictError):
        store.restore_version("d.yaml", 1, first.version)
    assert store.load("d.yaml").data == _data("Second.")


def test_a_draft_changed_in_a_text_editor_is_kept_before_the_form_saves_over_it(tmp_path):
    clock = Clock()
    store = DraftStore(tmp_path, clock=clock)
    first = store.save("d.yaml", _data("Monday's words."), None)
    edited = first.text.replace("Monday's words.", "Typed in an editor.").encode()
    (tmp_path / "d.yaml").write_bytes(edited)
    store.save("d.yaml", _data("Wednesday's words."), store.load("d.yaml").version)
    history = store.history("d.yaml")
    assert [v.reason for v in history.versions()] == ["autosave", "before-save", "autosave"]
    assert history.read(2) == edited


def test_a_previous_copy_left_by_an_older_version_becomes_a_version(tmp_path):
    store = DraftStore(tmp_path)
    (tmp_path / "d.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    (tmp_path / ".d.yaml.previous").write_bytes(b"kind: oral\nclosing: [Before.]\n")
    store.save("d.yaml", _data("After."), store.load("d.yaml").version)
    assert not (tmp_path / ".d.yaml.previous").exists()
    history = store.history("d.yaml")
    assert [v.reason for v in history.versions()] == ["previous", "before-save", "autosave"]
    assert history.read(1) == b"kind: oral\nclosing: [Before.]\n"
    assert history.read(2) == MINIMAL_REPORT.encode()


def test_a_named_version_keeps_the_draft_as_it_is_with_its_note(tmp_path):
    clock = Clock()
    store = DraftStore(tmp_path, clock=clock)
    first = store.save("d.yaml", _data("Sent to the co-chairs."), None)
    named = store.keep_version("d.yaml", "  Sent to the co-chairs  ")
    clock.advance(30)
    store.save("d.yaml", _data("Edited after."), first.version)
    assert [(v.number, v.reason, v.note) for v in store.history("d.yaml").versions()] == [
        (1, "named", "Sent to the co-chairs"),
        (2, "autosave", None),
    ]
    assert named.digest == first.version
    with pytest.raises(ReportError, match=r"missing\.yaml: no such draft"):
        store.keep_version("missing.yaml", None)


def test_renaming_keeps_the_draft_as_it_was_named(tmp_path):
    store = DraftStore(tmp_path)
    draft = store.create("Notes", _data("Words."))
    store.rename(draft.name, "Notes for the chair")
    history = store.history(draft.name)
    assert [v.reason for v in history.versions()] == ["created"]  # the draft as it was named
    assert history.read(1).decode() == draft.text


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


# ---------------------------------------------------------------------------------------------
# Names in any language, renaming, and the trash.


@pytest.mark.parametrize(
    ("typed", "file_name"),
    [
        ("Rapport de la séance 2.2", "rapport-de-la-seance-2.2.yaml"),
        ("Informe sesión 1.2 (borrador)", "informe-sesion-1.2-borrador.yaml"),
        ("Straße, Œuvre & Ærø", "strasse-oeuvre-aero.yaml"),
        ("rt2.yaml", "rt2.yaml"),
        ("../../etc/passwd", "etc-passwd.yaml"),
        ("会议报告", "draft.yaml"),
    ],
)
def test_a_draft_named_in_any_language_keeps_its_name_in_a_safe_file(
    store, tmp_path, typed, file_name
):
    draft = store.create(typed, _data("Words."))
    assert draft.name == file_name
    assert draft.display_name == typed
    assert sorted(path.name for path in tmp_path.iterdir()) == [f".{file_name}.versions", file_name]
    assert store.load(file_name).display_name == typed
    assert [(entry.name, entry.display_name) for entry in store.entries()] == [(file_name, typed)]


def test_a_second_draft_of_the_same_name_gets_a_file_of_its_own(store):
    first = store.create("Rapport de la séance 2.2", _data("First."))
    second = store.create("Rapport de la seance 2.2", _data("Second."))
    assert (first.name, second.name) == (
        "rapport-de-la-seance-2.2.yaml",
        "rapport-de-la-seance-2.2-2.yaml",
    )
    assert "First." in store.load(first.name).text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "a draft needs a name: type one, in any language"),
        (
            "x" * 121,
            "a draft's name may have at most 120 characters, and this one has 121: shorten it",
        ),
        (
            "Rapport\x00",
            "a draft's name cannot hold control characters: type it again without them",
        ),
    ],
)
def test_a_name_that_cannot_name_a_draft_is_refused(store, tmp_path, typed, message):
    with pytest.raises(ReportError) as refused:
        store.create(typed, _data("Words."))
    assert str(refused.value) == message
    assert list(tmp_path.iterdir()) == []


def test_saves_keep_the_name_and_renaming_keeps_the_file(store, tmp_path):
    draft = store.create("Informe sesión 1.2 (borrador)", _data("Palabras."))
    saved = store.save(draft.name, _data("Más palabras."), draft.version)
    assert store.load(draft.name).display_name == "Informe sesión 1.2 (borrador)"
    renamed = store.rename(draft.name, "Informe sesión 1.2 (definitivo)")
    assert renamed.name == draft.name
    assert renamed.version != saved.version
    reopened = store.load(draft.name)
    assert reopened.display_name == "Informe sesión 1.2 (definitivo)"
    assert reopened.data == _data("Más palabras.")
    assert reopened.text.count("# Draft:") == 1
    assert validate_file(tmp_path / draft.name).report is not None


def test_a_deleted_draft_goes_to_the_trash_and_comes_back(store, tmp_path):
    draft = store.create("Rapport de la séance 2.2", _data("Keep me."))
    store.save(draft.name, _data("Keep me too."), draft.version)
    deleted = store.delete(draft.name)
    assert [entry.name for entry in store.entries()] == []
    assert [(d.key, d.display_name) for d in store.deleted()] == [
        (deleted.key, "Rapport de la séance 2.2")
    ]
    restored = store.restore(deleted.key)
    assert (restored.name, restored.display_name) == (draft.name, "Rapport de la séance 2.2")
    assert "Keep me too." in store.load(draft.name).text
    assert store.deleted() == []


def test_a_drafts_history_goes_to_the_trash_and_back_with_it(tmp_path):
    clock = Clock()
    store = DraftStore(tmp_path, clock=clock)
    draft = store.create("Notes", _data("First."))
    saved = store.save(draft.name, _data("Second."), draft.version)
    store.keep_version(draft.name, "Before the meeting")
    history = [(v.number, v.reason, v.note, v.digest) for v in store.history(draft.name).versions()]
    deleted = store.delete(draft.name)
    assert not (tmp_path / ".notes.yaml.versions").exists()
    assert (store.trash / f"{deleted.key}.versions").is_dir()
    store.create("Notes", _data("A new draft of that name."))
    restored = store.restore(deleted.key)
    assert restored.name == "notes-2.yaml"
    moved = store.history("notes-2.yaml").versions()
    assert [(v.number, v.reason, v.note, v.digest) for v in moved] == history
    assert store.history("notes-2.yaml").read(2) == saved.text.encode()
    assert [v.reason for v in store.history("notes.yaml").versions()] == ["created"]
    gone = store.delete("notes-2.yaml")
    store.sweep(now=gone.expires + 1)
    assert not any("notes-2" in path.name for path in store.trash.iterdir())


def test_a_draft_restored_over_a_new_one_of_its_name_takes_the_next_name(store):
    old = store.create("Notes", _data("Old."))
    deleted = store.delete(old.name)
    store.create("Notes", _data("New."))
    restored = store.restore(deleted.key)
    assert restored.name == "notes-2.yaml"
    assert "Old." in store.load("notes-2.yaml").text
    assert "New." in store.load("notes.yaml").text


def test_the_sweep_purges_drafts_deleted_more_than_thirty_days_ago(store):
    kept = store.delete(store.create("Kept", _data("Kept.")).name)
    gone = store.delete(store.create("Gone", _data("Gone.")).name)
    later = gone.deleted + TRASH_DAYS * 86_400 + 1
    os.rename(store.trash / kept.key, store.trash / f"{time.time_ns() + 10**15}-kept.yaml")
    store.sweep(now=later)
    assert [deleted.name for deleted in store.deleted()] == ["kept.yaml"]
    with pytest.raises(ReportError, match="no such deleted draft"):
        store.restore(gone.key)


@pytest.mark.parametrize("key", ["../d.yaml", "123-../../x.yaml", "d.yaml", "1-missing.yaml"])
def test_restoring_a_key_that_names_no_deleted_draft_is_refused(store, tmp_path, key):
    store.create("d.yaml", _data("Here."))
    with pytest.raises(ReportError) as refused:
        store.restore(key)
    assert str(refused.value) == (
        f"{key}: no such deleted draft (drafts are kept 30 days after they are deleted): "
        "reload the list of deleted drafts"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == [".d.yaml.versions", "d.yaml"]


# ---------------------------------------------------------------------------------------------
# The file a save writes: data read back exactly, laid out for a person.

_TRICKY = [
    *[" ", "  ", ":", ": ", "#", " #", "'", '"', "''", "\\", "\n", "\r\n", "\t", "-", "- ", "?"],
    *["? ", "---", "...", "|", ">", "&a", "*a", "!x", "%", "@", "`", "=", "<<", "[", "]", "{"],
    *["}", ",", "yes", "no", "No", "on", "null", "Null", "~", "true", "1.2", "3.10", "0x1F"],
    *["0o17", "017", "1_000", "+1", ".5", ".inf", "1e16", "12:30", "2014-05-14", "\u00a0"],
    *["\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\x7f", "\ud800", "\udfff", "\ufffe"],
    *["é", "会", "\U0001f600", "\u0301", "\u202e", "«\u202f", "word", "Word"],
]
_TEXT = st.lists(st.sampled_from(_TRICKY) | st.characters(exclude_categories=()), max_size=12).map(
    "".join
)
_PROSE = st.lists(st.sampled_from(["word", "a", "longerword", ":", "#x", "'q'"]), max_size=80)
_PLAIN = (
    _TEXT
    | _PROSE.map(" ".join)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
)
_DATA = st.recursive(
    _PLAIN, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4)
)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.dictionaries(_TEXT, _DATA, max_size=6))
def test_a_draft_reads_back_as_exactly_the_data_saved(tmp_path_factory, data):
    """Any text — spaces around it, YAML's signs, quotes, line breaks, words YAML would read as
    truth values, null or numbers, any character, even one UTF-8 cannot hold — and any plain
    value, nested as it may be, reads back as it was saved."""
    store = DraftStore(tmp_path_factory.mktemp("drafts"), "file:///schemas/report.schema.json")
    draft = store.create("Séance 2.2 : brouillon", data)
    assert draft.text.startswith(
        "# yaml-language-server: $schema=file:///schemas/report.schema.json\n"
        "# Draft: Séance 2.2 : brouillon\n"
    )
    assert store.load(draft.name).data == data


def test_a_draft_is_laid_out_as_before_within_its_width(store, tmp_path):
    """The layout ruamel gave drafts (a reference computed here with ruamel's emitter, as the
    form used it), each line within 100 characters and without trailing spaces; long text in
    quotes, which ruamel let run past the width, is folded too."""
    data = YAML(typ="safe").load(ORAL_EXAMPLE.read_text(encoding="utf-8"))
    data["sessions"][0]["discussion"]["points"].pop(1)  # the one long text in quotes
    reference = YAML()
    reference.width = 100
    reference.indent(mapping=2, sequence=4, offset=2)
    written = io.StringIO()
    reference.dump(data, written)
    store.save("d.yaml", data, None)
    text = (tmp_path / "d.yaml").read_text(encoding="utf-8")
    assert text == "".join(line.rstrip(" ") + "\n" for line in written.getvalue().splitlines())
    assert max(map(len, text.splitlines())) == 100

    quoted = "Spain shared: " + "a fact that needs to be managed well " * 5
    store.save("e.yaml", {"closing": [quoted.strip()]}, None)
    assert (tmp_path / "e.yaml").read_text(encoding="utf-8").splitlines() == [
        "closing:",
        "  - 'Spain shared: a fact that needs to be managed well a fact that needs to be managed"
        " well a fact",
        "    that needs to be managed well a fact that needs to be managed well a fact that needs"
        " to be",
        "    managed well'",
    ]
