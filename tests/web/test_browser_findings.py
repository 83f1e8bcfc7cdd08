"""A finding's identifier, tags and actors in the form, in a real browser (Debian's Chromium
driven by Playwright, against `gfmd-reports serve` on 127.0.0.1): filled with the keyboard,
saved as the file writes them, their problems beside them, merged between two tabs."""

from __future__ import annotations

import pytest
from conftest import make_theme
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from gfmd_reports.drafts import draft_yaml
from web.test_browser import browser, server  # noqa: F401 (fixtures)
from web.test_browser_form import _english_on_screen, _tab_to, open_page  # noqa: F401
from web.test_browser_saving import _create, _kept_locally, _leave, _reopen, _saved

EXAMPLE = "example:gfmd-2014-rt3.yaml"
ITEM = "sessions[1].recommendations.items[2]"
"""Recommendation 3 of session 3.2 of the 2014 example, a plain text in its file."""
ITEM_ID = "f-sessions_1__recommendations_items_2_"
ITEM_TEXT = (
    "To establish and promote voluntary principles and practices for the ethical international "
    "recruitment of health personnel."
)


def _item(server, name: str):  # noqa: F811
    draft = YAML(typ="safe").load((server.drafts / name).read_text(encoding="utf-8"))
    return draft["sessions"][1]["recommendations"]["items"][2]


def _field(page: Page, key: str):
    return page.locator(f"#{ITEM_ID}_{key}")


def _open_tags(page: Page) -> None:
    """Reach the item's disclosure from its text with the keyboard, and open it."""
    page.focus(f"#{ITEM_ID}_text")
    _tab_to(page, f"#{ITEM_ID}-tags > summary")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{ITEM_ID}-tags")).to_have_attribute("open", "")


def test_an_items_tags_are_filled_with_the_keyboard_saved_as_an_object_and_cleared_to_text(
    open_page,  # noqa: F811
    server,  # noqa: F811
):
    page = open_page("fr")
    _create(page, "Recommandations étiquetées", EXAMPLE)
    name = "recommandations-etiquetees.yaml"
    assert _item(server, name) == ITEM_TEXT
    summary = page.locator(f"#{ITEM_ID}-tags > summary")
    expect(summary).to_have_text("Identifiant et étiquettes GFMD2014-RT3.2-R03")
    _open_tags(page)
    expect(page.locator(f"#{ITEM_ID}-given")).to_have_text("GFMD2014-RT3.2-R03")

    _tab_to(page, f"#{ITEM_ID}_tags_theme")
    page.keyboard.type("mobilité de la main-d’œuvre")
    for number in (6, 22):
        _tab_to(page, f"#{ITEM_ID}_tags_gcm_objectives-{number}")
        page.keyboard.press("Space")
    _tab_to(page, f"#{ITEM_ID}_tags_sdg_targets")
    page.keyboard.type("8.8, 10.7")
    _tab_to(page, f"#{ITEM_ID}_actors-add")
    page.keyboard.press("Enter")
    expect(_field(page, "actors_0_")).to_be_focused()
    page.keyboard.type("OIT")
    _saved(page)
    assert _item(server, name) == {
        "text": ITEM_TEXT,
        "tags": {
            "theme": "mobilité de la main-d’œuvre",
            "gcm_objectives": [6, 22],
            "sdg_targets": ["8.8", "10.7"],
        },
        "actors": ["OIT"],
    }
    expect(summary).to_have_text(
        "Identifiant et étiquettes GFMD2014-RT3.2-R03 · mobilité de la main-d’œuvre · "
        "Pacte mondial 6, 22 · ODD 8.8, 10.7 · OIT"
    )
    # The example's own English text aside, nothing on screen is in English.
    written = page.eval_on_selector_all("textarea", "areas => areas.map((a) => a.value.trim())")
    assert set(_english_on_screen(page, "fr")) - set(written) == set()

    # Cleared again, field by field: the item is the plain text the file had.
    _tab_to(page, f"#{ITEM_ID}_actors_0_-remove")
    page.keyboard.press("Enter")
    for key in ("tags_theme", "tags_sdg_targets"):
        _field(page, key).focus()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
    for number in (6, 22):
        page.focus(f"#{ITEM_ID}_tags_gcm_objectives-{number}")
        page.keyboard.press("Space")
    _saved(page)
    assert _item(server, name) == ITEM_TEXT
    expect(summary).to_have_text("Identifiant et étiquettes GFMD2014-RT3.2-R03")


def test_a_server_error_on_a_tag_or_an_id_is_shown_beside_its_field_in_the_users_language(
    open_page,  # noqa: F811
    server,  # noqa: F811
):
    page = open_page("fr")
    _create(page, "Cibles", EXAMPLE)
    _open_tags(page)
    sdg = _field(page, "tags_sdg_targets")
    sdg.focus()
    page.keyboard.type("8.8, 10.8")
    page.keyboard.press("Tab")  # left: its problem may show
    message = sdg.locator("xpath=following-sibling::p[1]")
    expect(message).to_contain_text(
        "Erreur\u00a0: Séance 3.2 › Recommandation 3 › Cible des ODD 2 «\u00a010.8\u00a0» n’est "
        "pas une cible de l’ODD 10"
    )
    expect(sdg).to_have_attribute("aria-invalid", "true")
    page.click("button[data-language='es']")
    expect(message).to_contain_text("Sesión 3.2 › Recomendación 3 › Meta de los ODS 2")
    # Once the report reads, an id that is another item's already: said beside the id.
    sdg.fill("10.7")
    own_id = _field(page, "id")
    own_id.fill("GFMD2014-RT3.2-R01")
    own_id.press("Tab")
    expect(own_id.locator("xpath=following-sibling::p[1]")).to_have_text(
        "Error: Sesión 3.2 › Recomendación 3 › Identificador “GFMD2014-RT3.2-R01” es también el "
        "identificador de sessions[1].recommendations.items[0]: asigne a cada elemento su propio "
        "identificador"
    )


def test_the_themes_thematic_areas_are_offered_and_another_is_pointed_out(
    open_page,  # noqa: F811
    server,  # noqa: F811
):
    areas = (
        "item_themes:\n"
        "  - {en: Labour mobility, fr: Mobilité de la main-d’œuvre, es: Movilidad laboral}\n"
        "  - {en: Diaspora engagement, fr: Engagement des diasporas, es: Diásporas}\n"
    )
    make_theme(server.drafts / "templates", "areas", areas)
    page = open_page("fr")
    _create(page, "Domaines", EXAMPLE)
    page.fill("#f-theme", "areas")
    page.select_option("#f-language", "fr")
    _saved(page)
    _open_tags(page)
    theme = _field(page, "tags_theme")
    expect(theme).to_have_attribute("list", "item-themes")
    expect(page.locator("#item-themes option")).to_have_count(2)  # the French names
    offered = page.locator("#item-themes option").evaluate_all(
        "options => options.map((o) => o.value)"
    )
    assert offered == ["Mobilité de la main-d’œuvre", "Engagement des diasporas"]
    theme.fill("mobilité de la main d’œuvre")
    theme.press("Tab")
    expect(theme.locator("xpath=following-sibling::p[1]")).to_contain_text(
        "Séance 3.2 › Recommandation 3 › Domaine thématique «\u00a0mobilité de la main d’œuvre"
        "\u00a0» n’est pas l’un des domaines thématiques du thème"
    )


def test_a_number_beyond_the_gcms_objectives_in_the_file_is_shown_ticked_with_its_error(
    open_page,  # noqa: F811
    server,  # noqa: F811
):
    page = open_page("en")
    _create(page, "GCM", EXAMPLE)
    draft = YAML(typ="safe").load((server.drafts / "gcm.yaml").read_text(encoding="utf-8"))
    tagged = {"text": ITEM_TEXT, "tags": {"gcm_objectives": [6, 24]}}
    draft["sessions"][1]["recommendations"]["items"][2] = tagged
    (server.drafts / "gcm.yaml").write_text(draft_yaml(draft), encoding="utf-8")
    page.reload()
    gcm = page.locator(f"#{ITEM_ID}_tags_gcm_objectives-set")
    # The disclosure opens by itself to show the problem beside the objectives.
    expect(page.locator(f"#{ITEM_ID}-tags")).to_have_attribute("open", "")
    expect(gcm.locator(".message")).to_have_text(
        "Error: Session 3.2 › Recommendation 3 › GCM objective 2 GCM objective 24 does not "
        "exist: the Global Compact has 23 objectives, numbered 1–23"
    )
    expect(page.locator(f"#{ITEM_ID}_tags_gcm_objectives-24")).to_be_checked()
    expect(page.locator(f"#{ITEM_ID}_tags_gcm_objectives-6")).to_be_checked()
    page.locator(f"#{ITEM_ID}_tags_gcm_objectives-24").uncheck()
    _saved(page)
    assert _item(server, "gcm.yaml") == {"text": ITEM_TEXT, "tags": {"gcm_objectives": [6]}}
    expect(gcm.locator(".message")).to_have_count(0)


def test_two_tabs_tagging_one_item_keep_each_others_tags_and_text(open_page, server):  # noqa: F811
    first = open_page("fr")
    _create(first, "Partagé", EXAMPLE)
    name = "partage.yaml"
    second = _reopen(first, server, name)
    try:
        _open_tags(first)
        first.locator(f"#{ITEM_ID}_tags_gcm_objectives-6").check()
        _saved(first)
        # The second tab, still on the plain text, changes the text: merged with the tags.
        _field(second, "text").fill(ITEM_TEXT.replace("health personnel", "health workers"))
        _saved(second)
        amended = ITEM_TEXT.replace("health personnel", "health workers")
        assert _item(server, name) == {"text": amended, "tags": {"gcm_objectives": [6]}}
        expect(second.locator(f"#{ITEM_ID}_tags_gcm_objectives-6")).to_be_checked()
        # Each tab then gives another tag of the same item: both are kept.
        _open_tags(second)
        _field(second, "tags_sdg_targets").fill("10.7")
        _saved(second)
        _field(first, "tags_theme").fill("labour mobility")
        _saved(first)
        assert _item(server, name) == {
            "text": amended,
            "tags": {"theme": "labour mobility", "gcm_objectives": [6], "sdg_targets": ["10.7"]},
        }
        expect(_field(first, "tags_sdg_targets")).to_have_value("10.7")
        expect(_field(first, "text")).to_have_value(amended)
        for page in (first, second):
            expect(page.locator(".conflict")).to_have_count(0)
    finally:
        second.close()


def test_moving_and_removing_a_tagged_item_keeps_its_tags_and_undo_puts_it_back(
    open_page,  # noqa: F811
    server,  # noqa: F811
):
    page = open_page("es")
    _create(page, "Movido", EXAMPLE)
    _open_tags(page)
    _field(page, "tags_sdg_targets").fill("10.7")
    _saved(page)
    page.focus(f"#{ITEM_ID}-up")
    page.keyboard.press("Enter")
    moved = "f-sessions_1__recommendations_items_1_"
    expect(page.locator(f"#{moved}-tags")).to_have_attribute("open", "")
    expect(page.locator(f"#{moved}_tags_sdg_targets")).to_have_value("10.7")
    expect(page.locator(f"#{moved}-set > legend")).to_have_text("Recomendación 2")
    _saved(page)
    draft = YAML(typ="safe").load((server.drafts / "movido.yaml").read_text(encoding="utf-8"))
    items = draft["sessions"][1]["recommendations"]["items"]
    assert items[1] == {"text": ITEM_TEXT, "tags": {"sdg_targets": ["10.7"]}}
    assert isinstance(items[2], str)

    page.focus(f"#{moved}-remove")
    page.keyboard.press("Enter")
    _saved(page)
    page.click("#undo-remove")
    expect(page.locator(f"#{moved}_tags_sdg_targets")).to_have_value("10.7")
    expect(page.locator(f"#{moved}-tags")).to_have_attribute("open", "")
    _saved(page)
    draft = YAML(typ="safe").load((server.drafts / "movido.yaml").read_text(encoding="utf-8"))
    assert draft["sessions"][1]["recommendations"]["items"][1]["tags"] == {"sdg_targets": ["10.7"]}


def test_an_items_fields_are_written_in_the_files_order_and_those_emptied_left_out(
    open_page,  # noqa: F811
    server,  # noqa: F811
):
    page = open_page("en")
    _create(page, "Order", EXAMPLE)
    _open_tags(page)

    def written() -> list[str]:
        _saved(page)
        text = (server.drafts / "order.yaml").read_text(encoding="utf-8")
        block = text[text.index("- text: To establish") : text.index("- To encourage")]
        return [line.strip().split(":")[0] for line in block.splitlines() if ":" in line]

    _field(page, "tags_sdg_targets").fill("10.7")
    _field(page, "tags_theme").fill("Labour mobility")
    _field(page, "id").fill("MY-ID-1")
    assert written() == ["- text", "id", "tags", "theme", "sdg_targets"]
    for key in ("tags_sdg_targets", "tags_theme"):
        _field(page, key).fill("")
    assert written() == ["- text", "id"]


def test_tags_given_while_the_server_is_away_are_restored_after_the_page_is_left(
    open_page,  # noqa: F811
    server,  # noqa: F811
):
    page = open_page("fr")
    _create(page, "Nuit", EXAMPLE)
    _open_tags(page)
    server.stop()
    page.locator(f"#{ITEM_ID}_tags_gcm_objectives-22").check()
    _field(page, "tags_sdg_targets").fill("10.7")
    _kept_locally(page)
    assert _leave(page) == ["beforeunload"]
    server.start()
    again = page.context.new_page()  # the same browser, its local copies with it
    failures: list[str] = []
    again.on("pageerror", lambda error: failures.append(str(error)))
    again.goto(f"{server.url}#draft=nuit.yaml")
    expect(again.locator(f"#{ITEM_ID}_tags_gcm_objectives-22")).to_be_checked()
    expect(again.locator(f"#{ITEM_ID}_tags_sdg_targets")).to_have_value("10.7")
    _saved(again)
    assert _item(server, "nuit.yaml") == {
        "text": ITEM_TEXT,
        "tags": {"gcm_objectives": [22], "sdg_targets": ["10.7"]},
    }
    assert failures == []


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "merged", "conflicts"),
    [
        # One tab tags a plain item, the other changes its text: both are kept.
        ("A.", "A!", {"text": "A.", "tags": {"gcm_objectives": [6]}}, None, []),
        # Both tag it differently, from the plain text.
        (
            "A.",
            {"text": "A.", "tags": {"sdg_targets": ["10.7"]}},
            {"text": "A.", "actors": ["ILO"]},
            {"text": "A.", "tags": {"sdg_targets": ["10.7"]}, "actors": ["ILO"]},
            [],
        ),
        # One clears the tags (plain again), the other changes the text: the plain new text.
        ({"text": "A.", "id": "X-1"}, "A.", {"text": "B.", "id": "X-1"}, "B.", []),
        # Both change the text: this tab's stays, the other's is offered at the text.
        (
            "A.",
            "Mine.",
            {"text": "Theirs.", "id": "X-1"},
            {"text": "Mine.", "id": "X-1"},
            [[["text"], "Theirs."]],
        ),
    ],
)
def test_a_plain_item_and_its_object_merge_field_by_field(
    open_page,  # noqa: F811
    base,
    mine,
    theirs,
    merged,
    conflicts,
):
    page = open_page("en")
    found = page.evaluate(
        """async ([base, mine, theirs]) => {
          const { merge } = await import("/static/merge.js");
          const found = merge(base, mine, theirs);
          return [found.merged, found.conflicts.map((c) => [c.path, c.theirs])];
        }""",
        [base, mine, theirs],
    )
    expected = merged or {"text": "A!", "tags": {"gcm_objectives": [6]}}
    assert found == [expected, conflicts]
