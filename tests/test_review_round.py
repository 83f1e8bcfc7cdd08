"""A review round end to end: the redline of two versions goes to reviewers in Word, who go on
revising it with their changes tracked, and comes back through ``import`` as NEW's report with
every change still tracked in it said."""

from __future__ import annotations

import io
import re
import zipfile

from formats.tracked import parts, revisions
from test_redline import REVISION, every_edit, remove_a_recommendation, versions

from gfmd_reports.formats import render
from gfmd_reports.importing import import_docx
from gfmd_reports.loading import validate_data
from gfmd_reports.redline import compare_pages, redline_docx
from gfmd_reports.themes import DEFAULT_THEME, load_theme

_TRACKED = re.compile(r"(deleted|inserted) by Amina Diallo \(2026-11-30\).*: “(.*)”\Z")


def _redline(name: str, edit) -> tuple[bytes, object]:
    old, new = versions(name, edit)
    theme = load_theme(new.theme or DEFAULT_THEME)
    return redline_docx(compare_pages(old, new, theme), theme, REVISION, new), new


def _settings(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/settings.xml").decode()


def test_a_redline_reads_back_as_new_with_each_change_said():
    """The first conclusion of session 3.1 removed: NEW comes back, its deletion said."""
    redline, new = _redline("gfmd-2014-rt3.yaml", remove_a_recommendation)
    result = import_docx(redline, "compared.docx")
    assert validate_data(result.data).report == new
    assert result.changed == []
    said = [_TRACKED.search(str(problem)) for problem in result.problems]
    assert all(said), [str(problem) for problem in result.problems]
    deleted = " ".join(found[2] for found in said if found and found[1] == "deleted")
    assert deleted.startswith("An underlying theme of the discussion was the changing")
    assert not [found for found in said if found and found[1] == "inserted"]


def test_every_kind_of_edit_in_a_redline_reads_back_as_new_each_change_said():
    """Each tracked change of the body and notes is in a warning; the running footer's are not
    read, since the footer is made from the data."""
    redline, new = _redline("gfmd-2019-rt1-2.yaml", every_edit)
    result = import_docx(redline, "compared.docx")
    assert validate_data(result.data).report == new
    said = " ".join(str(problem) for problem in result.problems)
    footer = " ".join(
        "".join(root.itertext()) for name, root in parts(redline).items() if "footer" in name
    )
    changes = revisions(redline)
    assert len(changes) > 20
    for kind, text in changes:
        assert text.replace("[note]", "") in said or text in footer, (kind, text)


def test_reviewers_edits_to_a_redline_are_tracked_and_a_renders_are_not():
    redline, new = _redline("gfmd-2014-rt3.yaml", remove_a_recommendation)
    assert "<w:trackRevisions/>" in _settings(redline)
    assert "trackRevisions" not in _settings(render(new, "docx"))
