"""Never losing a word, in a real browser: Debian's Chromium against `gfmd-reports serve` on
127.0.0.1, stopped and started again; two tabs on one draft; drafts named in any language,
renamed, deleted and restored. The browser speaks French or Spanish."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect

from web.servers import Server
from web.test_browser import browser as browser  # the fixtures, shared
from web.test_browser import server as server

EXAMPLE = "example:gfmd-2019-rt1-2.yaml"


def _tab(browser, server, locale: str) -> Page:
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.failures = failures  # type: ignore[attr-defined]
    page.goto(server.url)
    return page


@pytest.fixture
def french(browser, server):
    page = _tab(browser, server, "fr-FR")
    yield page
    page.context.close()
    assert page.failures == []  # type: ignore[attr-defined]


@pytest.fixture
def spanish(browser, server):
    page = _tab(browser, server, "es-ES")
    yield page
    page.context.close()
    assert page.failures == []  # type: ignore[attr-defined]


def _field(page: Page, path: str):
    return page.locator(f'#report-form [data-path="{path}"]')


def _create(page: Page, name: str, start: str = EXAMPLE) -> None:
    expect(page.locator("#new-draft")).to_be_enabled()
    page.fill("#new-name", name)
    page.select_option("#new-start", start)
    page.click("#new-draft")
    expect(page.locator("#draft-name")).to_have_text(name)
    _saved(page)


def _saved(page: Page, timeout: float = 15_000) -> None:
    expect(page.locator("#save-status")).to_have_attribute(
        "data-save-state", "saved", timeout=timeout
    )


def _kept_locally(page: Page) -> None:
    expect(page.locator("#save-bar")).to_have_attribute("data-local-copy", "kept")


def _leave(page: Page) -> list[str]:
    """Close the tab as a person does, saying yes to the browser's "leave the page?" question;
    return the questions asked. Its timers go with it: no retry can land afterwards."""
    prompts: list[str] = []

    def leave(dialog: Dialog) -> None:
        prompts.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave)
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    return prompts


def _reopen(page: Page, server: Server, name: str) -> Page:
    """The draft opened again in a new tab of the same browser (its local copies with it)."""
    again = page.context.new_page()
    again.on("pageerror", lambda error: page.failures.append(str(error)))  # type: ignore[attr-defined]
    again.goto(f"{server.url}#draft={name}")
    return again


def _draft_text(server: Server, name: str) -> str:
    return (server.drafts / name).read_text(encoding="utf-8")


def test_an_outage_loses_nothing_typed_and_says_so(french, server):
    """Server stopped, typing goes on, server back, page reloaded: every word is there."""
    _create(french, "Rapport de la séance 1.2")
    name = "rapport-de-la-seance-1.2.yaml"
    server.stop()
    _field(french, "salutation").fill("Merci, Madame la Présidente.")
    status = french.locator("#save-status")
    expect(status).to_have_attribute("data-save-state", "offline")
    expect(status).to_have_text(
        "Pas encore enregistré : le serveur est injoignable. Vos modifications sont conservées "
        "dans ce navigateur.".replace(" :", "\u00a0:")
    )
    expect(french.locator("#save-retry")).to_contain_text("Nouvel essai dans")
    expect(french.locator("#save-retry-now")).to_have_text("Réessayer maintenant")
    _field(french, "forum.venue").fill("Quito (Équateur)")
    _kept_locally(french)
    assert "Merci, Madame la Présidente." not in _draft_text(server, name)

    assert _leave(french) == ["beforeunload"]
    server.start()
    again = _reopen(french, server, name)
    expect(_field(again, "salutation")).to_have_value("Merci, Madame la Présidente.")
    expect(_field(again, "forum.venue")).to_have_value("Quito (Équateur)")
    expect(again.locator("#save-note")).to_contain_text(
        "Modifications rétablies : elles n’avaient pas atteint le serveur".replace(" :", "\u00a0:")
    )
    expect(again.locator("#discard-local")).to_have_text("Abandonner la copie locale")
    _saved(again)
    saved = _draft_text(server, name)
    assert "Merci, Madame la Présidente." in saved
    assert "Quito (Équateur)" in saved


def test_discarding_the_local_copy_gives_back_the_servers_text(french, server):
    _create(french, "Rapport")
    server.stop()
    _field(french, "salutation").fill("Texte à abandonner.")
    _kept_locally(french)
    _leave(french)
    server.start()
    again = _reopen(french, server, "rapport.yaml")
    expect(_field(again, "salutation")).to_have_value("Texte à abandonner.")
    again.click("#discard-local")
    expect(_field(again, "salutation")).to_have_value("Thank you Chair.")
    _saved(again)
    assert "Texte à abandonner." not in _draft_text(server, "rapport.yaml")
    assert _leave(again) == []  # nothing unsaved: no question asked
    last = _reopen(french, server, "rapport.yaml")  # and no local copy left to restore
    expect(last.locator("#save-status")).to_contain_text("Brouillon ouvert")
    expect(_field(last, "salutation")).to_have_value("Thank you Chair.")
    expect(last.locator("#save-note")).to_be_hidden()


def test_a_failed_save_is_retried_until_the_server_is_back_without_a_reload(spanish, server):
    _create(spanish, "Informe sesión 1.2")
    server.stop()
    _field(spanish, "salutation").fill("Gracias, señora Presidenta.")
    status = spanish.locator("#save-status")
    expect(status).to_have_attribute("data-save-state", "offline")
    expect(status).to_contain_text("Aún sin guardar: no se puede contactar con el servidor.")
    _field(spanish, "forum.venue").fill("Quito, Ecuador")  # typing goes on meanwhile
    _kept_locally(spanish)
    server.start()
    # Back-off is capped at 30 s: the retry comes by itself well within a minute.
    _saved(spanish, timeout=60_000)
    expect(status).to_contain_text("Guardado a las")
    saved = _draft_text(server, "informe-sesion-1.2.yaml")
    assert "Gracias, señora Presidenta." in saved
    assert "Quito, Ecuador" in saved


def test_retry_now_sends_the_save_at_once(spanish, server):
    _create(spanish, "Informe")
    server.stop()
    _field(spanish, "salutation").fill("Gracias.")
    expect(spanish.locator("#save-status")).to_have_attribute("data-save-state", "offline")
    server.start()
    spanish.click("#save-retry-now")
    _saved(spanish)
    assert "Gracias." in _draft_text(server, "informe.yaml")


def test_leaving_the_page_while_a_change_is_unsaved_asks_first(french, server):
    _create(french, "Rapport")
    server.stop()
    _field(french, "salutation").fill("Pas encore enregistré.")
    expect(french.locator("#save-status")).to_have_attribute("data-save-state", "offline")
    prompts: list[str] = []

    def stay(dialog: Dialog) -> None:
        prompts.append(dialog.type)
        dialog.dismiss()

    french.on("dialog", stay)
    french.close(run_before_unload=True)
    expect(_field(french, "salutation")).to_have_value("Pas encore enregistré.")
    assert prompts == ["beforeunload"]
    assert not french.is_closed()
    server.start()


def test_two_tabs_merge_different_fields_and_keep_both_texts_of_one_field(french, server):
    first = french
    _create(first, "Rapport partagé")
    name = "rapport-partage.yaml"
    second = _reopen(first, server, name)  # a second tab of the same browser
    try:
        expect(second.locator("#draft-name")).to_have_text("Rapport partagé")

        _field(first, "forum.venue").fill("Genève")
        _field(first, "salutation").fill("Merci, Monsieur le Président.")
        _saved(first)
        _field(second, "closing[0]").fill("Texte du second onglet.")
        _field(second, "salutation").fill("Merci, Madame la Présidente.")

        conflict = second.locator(".conflict")
        expect(conflict).to_have_count(1)
        expect(conflict.locator(".their-text")).to_have_text("Merci, Monsieur le Président.")
        # The other tab's change to another field is taken, this tab's own texts kept.
        expect(_field(second, "forum.venue")).to_have_value("Genève")
        expect(_field(second, "salutation")).to_have_value("Merci, Madame la Présidente.")
        expect(second.locator("#save-status")).to_have_attribute("data-save-state", "conflict")
        expect(second.locator("#save-status")).to_contain_text("1 champ a aussi été modifié")
        expect(_field(second, "closing[0]")).to_have_value("Texte du second onglet.")
        saved = _draft_text(server, name)
        assert "Genève" in saved
        assert "Texte du second onglet." in saved

        conflict.locator(".use-theirs").click()
        expect(_field(second, "salutation")).to_have_value("Merci, Monsieur le Président.")
        expect(conflict).to_have_count(0)
        _saved(second)
        saved = _draft_text(server, name)
        assert "Merci, Monsieur le Président." in saved
        assert "Merci, Madame la Présidente." not in saved
        assert "Texte du second onglet." in saved
    finally:
        second.close()


def test_a_draft_is_named_in_spanish_renamed_deleted_and_restored(spanish, server):
    _create(spanish, "Informe sesión 1.2 (borrador)")
    name = "informe-sesion-1.2-borrador.yaml"
    assert (server.drafts / name).is_file()
    expect(spanish.locator("#draft-list option:checked")).to_have_text(
        "Informe sesión 1.2 (borrador)"
    )

    spanish.fill("#rename-input", "Informe sesión 1.2 (definitivo)")
    spanish.click("#rename-draft")
    expect(spanish.locator("#draft-name")).to_have_text("Informe sesión 1.2 (definitivo)")
    expect(spanish.locator("#draft-list option:checked")).to_have_text(
        "Informe sesión 1.2 (definitivo)"
    )
    _field(spanish, "salutation").fill("Gracias.")  # saving goes on after the rename
    _saved(spanish)
    assert "Gracias." in _draft_text(server, name)

    expect(spanish.locator("#delete-draft")).to_have_text("Eliminar este borrador")
    spanish.click("#delete-draft")
    expect(spanish.locator("#save-status")).to_contain_text(
        "Se eliminó Informe sesión 1.2 (definitivo)"
    )
    assert not (server.drafts / name).exists()
    restore = spanish.get_by_role("button", name="Restaurar Informe sesión 1.2 (definitivo)")
    expect(restore).to_be_visible()
    restore.click()
    expect(spanish.locator("#draft-name")).to_have_text("Informe sesión 1.2 (definitivo)")
    expect(_field(spanish, "salutation")).to_have_value("Gracias.")
    assert "Gracias." in _draft_text(server, name)
    expect(spanish.locator("#trash-empty")).to_have_text("No hay borradores eliminados.")
