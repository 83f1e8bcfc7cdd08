"""A draft's versions in a real browser, in French, with the keyboard: a version saved with a
note, the draft edited, the version restored (and the restore undone), the draft compared
with a version: Word's tracked changes downloaded, the changes shown in the preview."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from web.test_browser import AXE
from web.test_browser import browser as browser  # the fixtures, shared
from web.test_browser import server as server

WORD = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
NAME = "rapport-1.2.yaml"


@pytest.fixture
def french(browser, server):
    context = browser.new_context(
        locale="fr-FR", accept_downloads=True, viewport={"width": 1400, "height": 1000}
    )
    page = context.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.goto(server.url)
    yield page
    context.close()
    assert failures == []


def _create(page: Page) -> None:
    expect(page.locator("#new-draft")).to_be_enabled()
    page.fill("#new-name", "Rapport 1.2")
    page.select_option("#new-start", "example:gfmd-2019-rt1-2.yaml")
    page.click("#new-draft")
    expect(page.locator("#draft-name")).to_have_text("Rapport 1.2")
    _saved(page)


def _saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_attribute("data-save-state", "saved")


def _salutation(page: Page):
    return page.locator('#report-form [data-path="salutation"]')


def _versions_folder(server) -> Path:
    return server.drafts / f".{NAME}.versions"


def test_save_edit_restore_and_compare_with_the_keyboard_in_french(french, server):
    page = french
    _create(page)
    original = _salutation(page).input_value()
    # Open the panel from the save state, and save a version with a note.
    page.focus("#versions-toggle")
    expect(page.locator("#versions-toggle")).to_have_text("Versions")
    page.keyboard.press("Enter")
    expect(page.locator("#versions-toggle")).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#version-note")).to_be_focused()
    # The draft as created is its first version (not "changed elsewhere").
    first = page.locator('#version-list li[data-version="1"]')
    expect(first).to_contain_text("(brouillon créé)")
    page.keyboard.type("Avant la réunion de la task force")
    page.keyboard.press("Enter")
    status = page.locator("#versions-status")
    expect(status).to_contain_text("Enregistré comme version ")
    named = _newest(server)
    expect(status).to_have_text(f"Enregistré comme version {named}.")
    named_bytes = (server.drafts / NAME).read_bytes()
    assert (_versions_folder(server) / f"{named:04d}.note.txt").read_text(encoding="utf-8") == (
        "Avant la réunion de la task force\n"
    )
    # Edit the draft.
    _salutation(page).focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Merci beaucoup, Madame la Coprésidente.")
    _saved(page)
    edited_bytes = (server.drafts / NAME).read_bytes()
    assert "Madame la Coprésidente" in edited_bytes.decode()
    # Restore the named version: asked first, then done, with Undo.
    page.focus("#versions-toggle")
    item = page.locator(f'#version-list li[data-version="{named}"]')
    expect(item.locator(".version-note")).to_have_text(
        "«\u00a0Avant la réunion de la task force\u00a0»"
    )
    expect(item).to_contain_text("(enregistrée par vous)")
    restore = item.get_by_role("button", name=f"Rétablir la version {named}")
    restore.focus()
    page.keyboard.press("Enter")
    question = item.get_by_role("group", name=f"Rétablir la version {named}\u00a0?")
    expect(question).to_contain_text("Le texte actuel du brouillon est d’abord conservé")
    expect(question.get_by_role("button", name=f"Rétablir la version {named}")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_contain_text(f"Version {named} rétablie. Ce que contenait le brouillon")
    # The focus is on what happened, not on Undo, which an Enter there would press.
    expect(status).to_be_focused()
    expect(page.locator("#undo-restore")).to_have_text("Annuler le rétablissement")
    expect(_salutation(page)).to_have_value(original)
    assert (server.drafts / NAME).read_bytes() == named_bytes
    kept = int(status.inner_text().split("version ")[-1].split(".")[0])
    # Compare the draft (as restored) with the edited version: a Word redline downloads.
    page.focus("#compare-with")
    page.select_option("#compare-with", f"version:{kept}")
    page.keyboard.press("Tab")
    expect(page.locator("#compare-author")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Ana Ruiz")
    page.keyboard.press("Tab")
    expect(page.locator("#compare")).to_be_focused()
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    download = caught.value
    assert download.suggested_filename == "rapport-1.2-compared.docx"
    inserted, deleted = _changes(Path(download.path()))
    assert "Coprésidente" in deleted
    assert "Coprésidente" not in inserted
    assert inserted
    # …and the preview shows the same changes, until one goes back to it.
    expect(page.locator("#comparison-state")).to_contain_text("L’aperçu montre les modifications")
    expect(page.locator("#compare-status")).to_contain_text(f"Comparé avec la version {kept} — ")
    frame = page.frame_locator("#preview-frame")
    # The salutation changed whole: the page shows it as a deleted paragraph and an inserted one.
    expect(frame.locator("del, .deleted", has_text="Coprésidente").first).to_be_visible()
    page.locator("#comparison-state button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#comparison-state")).to_be_hidden()
    expect(frame.locator("del, .deleted")).to_have_count(0)
    # Undo the restore: the edited text is back.
    page.focus("#undo-restore")
    page.keyboard.press("Enter")
    expect(_salutation(page)).to_have_value("Merci beaucoup, Madame la Coprésidente.")
    assert (server.drafts / NAME).read_bytes() == edited_bytes


def test_axe_finds_no_violations_in_the_versions_panel(browser, server):
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    page = context.new_page()
    page.goto(server.url)
    _create(page)
    page.click("#versions-toggle")
    page.fill("#version-note", "Version envoyée")
    page.click("#save-version")
    expect(page.locator("#versions-status")).to_contain_text("Enregistré comme version")
    page.locator("#version-list li button").first.click()  # the question asked before a restore
    expect(page.locator(".version-confirm")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    violations = [(v["id"], [n["html"] for n in v["nodes"]]) for v in json.loads(results)]
    context.close()
    assert violations == []


def _newest(server) -> int:
    names = [path.name for path in _versions_folder(server).iterdir() if path.suffix == ".yaml"]
    return max(int(name.split("-")[0]) for name in names)


def _changes(docx: Path) -> tuple[str, str]:
    """The text inserted and the text deleted, as Word's tracked changes hold them."""
    from lxml import etree

    with zipfile.ZipFile(docx) as package:
        document = etree.fromstring(package.read("word/document.xml"))
    inserted = "".join("".join(ins.itertext()) for ins in document.iterfind(".//w:ins", WORD))
    deleted = "".join(
        "".join(text.text or "" for text in change.iterfind(".//w:delText", WORD))
        for change in document.iterfind(".//w:del", WORD)
    )
    return inserted, deleted
