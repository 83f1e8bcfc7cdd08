"""The drafting page's shell in a real browser, as French and Spanish rapporteurs meet it: its
words and language switch, the preview beside the form or one action away, the marks of what is
missing and of a preview out of date, skip links, and axe-core on each state."""

from __future__ import annotations

import importlib.util
import json
import re
import sys

import pytest
from conftest import ROOT
from playwright.sync_api import Page, Route, expect

from web.test_browser import AXE, _create
from web.test_browser import browser as browser  # the fixtures, shared
from web.test_browser import server as server

SHELL_PARTS = {"index", "app", "preview", "i18n", "common", "sketch"}
"""The catalogue parts of the page's shell: its HTML, its scripts and the preview's marks."""
SHELL = (
    ".skip-links, header, .toolbar, #editor-title, #preview-title, #stats, #problems summary, "
    "#problems > p, #preview-state"
)
"""Where the shell's words are on screen (the form's fields and the server's messages are
other parts')."""


def _open(browser, server, locale: str = "en-US", width: int = 1366, height: int = 768) -> Page:
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    page = context.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.goto(server.url)
    page.failures = failures  # type: ignore[attr-defined]
    return page


def _close(page: Page) -> None:
    failures = page.failures  # type: ignore[attr-defined]
    page.context.close()
    assert failures == []


def _english_shell_messages(language: str) -> list[re.Pattern[str]]:
    """The shell's English messages that read otherwise in ``language``, as patterns that match
    them with any values."""
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    assert spec
    assert spec.loader
    script = importlib.util.module_from_spec(spec)
    sys.modules["messages"] = script
    spec.loader.exec_module(script)
    translated = script.translations(language)
    patterns = []
    for text, said in script.said_messages().items():
        if said.part in SHELL_PARTS and translated.get(text, (text,))[0] != text:
            for english in filter(None, (text, said.plural)):
                parts = re.split(r"\{[a-z_]+\}", english)
                if re.search(r"[A-Za-z]", "".join(parts)):  # "{place}: {message}" is no English
                    patterns.append(re.compile(".+".join(map(re.escape, parts))))
    return patterns


def _visible_shell_texts(page: Page) -> list[str]:
    return page.evaluate(
        """(selector) => {
            const texts = [];
            for (const root of document.querySelectorAll(selector)) {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode;
                    const text = node.textContent.trim();
                    if (text && node.parentElement.checkVisibility()) texts.push(text);
                }
                for (const node of root.querySelectorAll("[aria-label], [title], option")) {
                    const label = node.getAttribute("aria-label") || node.getAttribute("title");
                    texts.push(label || node.text);
                }
            }
            return texts.filter(Boolean);
        }""",
        SHELL,
    )


def _reopened(page: Page) -> None:
    """Load the page afresh on its draft, the keyboard at the top."""
    page.reload()
    expect(page.locator("[data-download='pdf']")).to_be_enabled()


def _axe_violations(page: Page) -> list[tuple[str, str, int]]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    return [(v["id"], v["help"], len(v["nodes"])) for v in json.loads(results)]


@pytest.mark.parametrize(
    ("locale", "language", "gap"),
    [
        ("fr-FR", "fr", "[À compléter\u00a0: Séance 1 › Titre]"),
        ("es-ES", "es", "[Falta: Sesión 1 › Título]"),
    ],
)
def test_the_shell_speaks_the_browsers_language_with_no_english_on_screen(
    browser, server, locale, language, gap
):
    page = _open(browser, server, locale)
    _create(page, "nouveau.yaml", "kind:oral")
    expect(page.frame_locator("#preview-frame").locator("mark.gap", has_text=gap)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(f"[data-language='{language}']")).to_have_attribute("aria-pressed", "true")
    english = _english_shell_messages(language)
    texts = _visible_shell_texts(page)
    assert len(texts) > 20  # the header, the toolbar, the headings, the summary
    assert [text for text in texts if any(pattern.fullmatch(text) for pattern in english)] == []
    _close(page)


def test_the_language_switch_says_everything_again_and_is_remembered(browser, server):
    page = _open(browser, server, "en-US")
    _create(page, "switch.yaml", "kind:oral")
    frame = page.frame_locator("#preview-frame")
    expect(frame.locator("mark.gap", has_text="[Missing: Session 1 › Title]")).to_be_visible()
    expect(page.locator("#problems summary")).to_contain_text("things are still missing")
    page.click("[data-language='es']")
    expect(page.locator("h1")).to_have_text("Redactar un informe de relator")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.title() == "Redactar un informe — gfmd-reports"
    expect(page.locator("#problems summary")).to_contain_text("Aún faltan o hay que corregir")
    expect(frame.locator("mark.gap", has_text="[Falta: Sesión 1 › Título]")).to_be_visible()
    expect(page.locator("#new-start option[value='kind:oral']")).to_have_text(
        "un informe oral vacío"
    )
    page.reload()  # remembered, over the browser's English
    expect(page.locator("h1")).to_have_text("Redactar un informe de relator")
    expect(page.locator("[data-language='es']")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#f-sessions_0__title")).to_be_visible()  # the page is ready
    page.click("[data-language='en']")
    expect(page.locator("h1")).to_have_text("Draft a rapporteur’s report")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _close(page)


def test_an_incomplete_draft_is_previewed_with_its_gaps_marked_until_filled(browser, server):
    page = _open(browser, server, "fr-FR")
    _create(page, "lacunes.yaml", "kind:oral")
    frame = page.frame_locator("#preview-frame")
    title_gap = frame.locator("mark.gap", has_text="Séance 1 › Titre")
    expect(title_gap).to_be_visible()
    page.fill("#f-sessions_0__title", "Mobilité des compétences")
    expect(title_gap).to_have_count(0)
    expect(frame.locator("body")).to_contain_text("Mobilité des compétences")
    expect(page.locator("[data-download='pdf']")).to_be_disabled()  # downloads stay valid-only
    _close(page)


def test_a_preview_out_of_date_says_so_until_the_change_is_rendered(browser, server):
    page = _open(browser, server)
    _create(page, "stale.yaml", "example:gfmd-2019-rt1-2.yaml")
    frame = page.frame_locator("#preview-frame")
    expect(frame.locator("body")).to_contain_text("Thank you Chair.")
    state = page.locator("#preview-state")
    expect(state).to_be_hidden()
    held: list[Route] = []
    page.route(
        "**/api/preview", lambda route: held.append(route)
    )  # the render answers only when let through
    page.fill("#f-sessions_0__title", "A title typed while the render waits")
    expect(state).to_be_visible()
    expect(state).to_have_text(
        "Preview out of date: showing the report as it was before your latest change."
    )
    for _ in range(150):  # until the render is asked for (a bound that only catches a hang)
        if held:
            break
        page.wait_for_timeout(100)
    assert held
    for route in held:
        route.continue_()
    page.unroute("**/api/preview")
    expect(state).to_be_hidden()
    expect(frame.locator("body")).to_contain_text("A title typed while the render waits")
    _close(page)


def test_a_preview_that_cannot_be_rendered_stays_marked_out_of_date(browser, server):
    page = _open(browser, server)
    _create(page, "away.yaml", "example:gfmd-2019-rt1-2.yaml")
    state = page.locator("#preview-state")
    expect(page.frame_locator("#preview-frame").locator("body")).to_contain_text("Thank you")
    server.stop()
    page.fill("#f-sessions_0__title", "Typed while the server is away")
    expect(state).to_have_text(
        "Preview out of date: the server cannot be reached. It is shown again once it answers."
    )
    server.start()
    page.fill("#f-sessions_0__title", "Typed once it is back")
    expect(state).to_be_hidden()
    expect(page.frame_locator("#preview-frame").locator("body")).to_contain_text(
        "Typed once it is back"
    )
    page.context.close()  # the page's failed saves while the server was away are not at issue


def test_on_a_laptop_the_form_and_the_preview_are_side_by_side(browser, server):
    page = _open(browser, server, "fr-FR", 1366, 768)
    _create(page, "portable.yaml", "example:gfmd-2014-rt3.yaml")
    page.focus("#f-sessions_1__title")  # far down the form
    form = page.locator("#f-sessions_1__title").bounding_box()
    frame = page.locator("#preview-frame").bounding_box()
    assert form
    assert frame
    assert frame["x"] >= form["x"] + form["width"]  # beside, not below
    assert frame["y"] >= 0
    assert frame["y"] + frame["height"] <= 768
    assert frame["height"] >= 300  # room to read a page's first paragraphs
    assert frame["width"] >= 500
    expect(page.locator("[data-download='pdf']")).to_be_in_viewport()
    _close(page)


def test_at_800_px_the_preview_and_the_downloads_are_one_action_away(browser, server):
    page = _open(browser, server, "es-ES", 800, 900)
    _create(page, "estrecho.yaml", "example:gfmd-2019-rt1-2.yaml")
    preview = page.locator("#preview-frame")
    expect(preview).to_be_hidden()
    page.focus("#f-closing-add")  # at the foot of a long form
    downloads = page.locator("#downloads")
    expect(downloads).to_be_in_viewport()  # they stay at the top of the window
    expect(page.locator("[data-download='pdf']")).to_be_enabled()
    page.click("#show-preview")  # one action
    expect(preview).to_be_in_viewport()
    expect(page.frame_locator("#preview-frame").locator("body")).to_contain_text("Thank you")
    expect(page.locator("#f-closing-add")).to_be_hidden()
    page.keyboard.press("Alt+P")  # and one keystroke back
    expect(page.locator("#f-closing-add")).to_be_visible()
    expect(preview).to_be_hidden()
    page.keyboard.press("Alt+P")
    expect(preview).to_be_in_viewport()
    _close(page)


def test_skip_links_lead_to_the_preview_and_the_downloads(browser, server):
    page = _open(browser, server, "fr-FR", 800, 900)
    _create(page, "sauts.yaml", "example:gfmd-2019-rt1-2.yaml")
    _reopened(page)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-links a").first
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Aller à l’aperçu")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#preview")).to_be_focused()
    expect(page.locator("#preview-frame")).to_be_in_viewport()  # the narrow page shows it
    _reopened(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#downloads")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("[data-download='pdf']")).to_be_focused()
    _close(page)


def test_the_downloads_are_a_few_tab_presses_from_the_top(browser, server):
    page = _open(browser, server)
    _create(page, "tabs.yaml", "example:gfmd-2014-rt3.yaml")
    _reopened(page)
    presses = 0
    while presses < 200 and not page.evaluate(
        "document.activeElement.matches(\"[data-download='pdf']\")"
    ):
        page.keyboard.press("Tab")
        presses += 1
    print(f"Tab presses from the top of the page to the PDF download: {presses}")
    assert presses <= 12  # skip links, languages, the drafts' controls, then the downloads
    _close(page)


@pytest.mark.parametrize(
    "state", ["start page in French", "incomplete draft, out of date", "narrow preview, Spanish"]
)
def test_axe_finds_no_violations_in_each_state_of_the_shell(browser, server, state):
    assert AXE.is_file(), "axe-core is missing: run scripts/setup --test"
    locale = "es-ES" if "Spanish" in state else "fr-FR"
    width = 800 if "narrow" in state else 1366
    context = browser.new_context(
        bypass_csp=True, locale=locale, viewport={"width": width, "height": 768}
    )
    page = context.new_page()
    page.goto(server.url)
    expect(page.locator("#new-draft")).to_be_enabled()
    if "incomplete" in state:
        _create(page, "axe.yaml", "kind:general")
        expect(page.frame_locator("#preview-frame").locator("mark.gap").first).to_be_visible()
        page.route("**/api/preview", lambda route: None)  # held: the preview stays out of date
        page.fill("#f-forum_name", "Global Forum on Migration and Development")
        expect(page.locator("#preview-state")).to_be_visible()
        page.locator("#problems summary").click()  # the list shown
    if "narrow" in state:
        _create(page, "axe.yaml", "example:gfmd-2019-rt1-2.yaml")
        page.click("#show-preview")
        expect(page.frame_locator("#preview-frame").locator("body")).to_contain_text("Thank you")
    violations = _axe_violations(page)
    context.close()
    assert violations == []


def test_the_drafts_own_tools_appear_only_once_a_draft_is_open(browser, server):
    """Rename and Delete act on the open draft: before one is open they are neither shown nor
    reached with Tab (they once were, and renaming "null" was the answer)."""
    page = _open(browser, server, "fr-FR")
    tools = page.locator("#draft-tools")
    expect(tools).to_be_hidden()
    _create(page, "brouillon-outils.yaml", "kind:oral")
    expect(tools).to_be_visible()
    _close(page)


def test_each_problem_listed_in_french_has_a_no_break_space_before_its_colon(browser, server):
    page = _open(browser, server, "fr-FR")
    _create(page, "brouillon-deux-points.yaml", "kind:oral")
    page.locator("#problems summary").click()
    first = page.locator("#problems li a").first
    expect(first).to_contain_text(" › ")
    text = first.inner_text()
    place, message = text.split("\u00a0: ", 1)
    assert ": " not in place
    assert message
    _close(page)
