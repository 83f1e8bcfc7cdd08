"""The drafting page in a real browser: Debian's Chromium driven by Playwright, against
`gfmd-reports serve` running on 127.0.0.1."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ORAL_EXAMPLE, ROOT
from playwright.sync_api import Page, expect, sync_playwright
from pypdf import PdfReader
from ruamel.yaml import YAML

from web.servers import Server, make_runaway_theme

# Generous waits: CI's two cores run the browser, the server and WeasyPrint at once.
expect.set_options(timeout=15_000)
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# Quiet, offline Chromium: this machine's network is closed to it.
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path / "drafts")
    running.start()
    yield running
    running.stop()


def test_the_server_stops_a_runaway_theme_at_its_time_limit_and_goes_on(tmp_path):
    drafts = tmp_path / "drafts"
    make_runaway_theme(drafts)
    # Room for the good report's PDF in a new worker (importing WeasyPrint) on a busy machine.
    running = Server(drafts, "--time-limit", "10")
    running.start()
    try:
        report = YAML(typ="safe").load(ORAL_EXAMPLE.read_text())

        def post(data: dict) -> tuple[int, bytes]:
            request = urllib.request.Request(
                f"{running.url}api/render?format=pdf",
                data=json.dumps({"report": data}).encode(),
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return response.status, response.read()
            except urllib.error.HTTPError as error:
                return error.code, error.read()

        status, body = post({**report, "theme": "runaway"})
        assert status == 422
        assert (
            "took longer than 10 s running the templates of theme 'runaway'"
            in (json.loads(body)["detail"])
        )
        status, body = post(report)
        assert status == 200
        assert body.startswith(b"%PDF-")
    finally:
        running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    failures: list[str] = []
    opened.on("pageerror", lambda error: failures.append(str(error)))
    opened.goto(server.url)
    yield opened
    context.close()
    assert failures == []


def _create(page: Page, name: str, start: str) -> None:
    expect(page.locator("#new-draft")).to_be_enabled()  # examples listed, form ready
    page.fill("#new-name", name)
    page.select_option("#new-start", start)
    page.click("#new-draft")
    expect(page.locator("#draft-name")).to_have_text(name)


def _saved(page: Page) -> None:
    """Wait until every change is saved: none waiting, none under way."""
    status = page.locator("#save-status")
    expect(status).to_have_attribute("data-save-state", "saved", timeout=10_000)
    # Saved by a save, not just opened; in the page's language.
    expect(status).to_have_text(re.compile(r"^(Saved at|Enregistré à|Guardado a las) "))


def test_a_new_oral_report_from_scratch_with_errors_appearing_and_going(page, server):
    _create(page, "rt2.yaml", "kind:oral")
    title = page.locator("#f-sessions_0__title")
    title_error = page.locator("#f-sessions_0__title + .message.error", has_text="is required")
    expect(page.locator("#problems li").first).to_be_attached()  # the problems are known
    expect(title_error).to_have_count(0)  # not before the field has been left
    title.focus()
    page.keyboard.press("Tab")
    expect(title_error).to_be_visible()
    expect(title).to_have_attribute("aria-invalid", "true")
    described = title.get_attribute("aria-describedby")
    assert title_error.get_attribute("id") in described.split()

    page.fill("#f-forum_name", "Global Forum on Migration and Development")
    page.fill("#f-forum_year", "2026")
    page.fill("#f-roundtable_number", "2")
    page.fill("#f-sessions_0__number", "2.1")
    title.fill("Skills mobility")
    page.click("#f-sessions_0__co_chairs-add")
    page.fill("#f-sessions_0__co_chairs_0__country", "Ecuador")
    _saved(page)
    expect(title_error).to_have_count(0)
    expect(title).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#problems")).to_have_text("No problems found.")
    expect(page.locator("#stats")).to_contain_text("Oral report, 1 session")
    preview = page.frame_locator("#preview-frame")
    expect(preview.locator("body")).to_contain_text(
        "I wish to inform this gathering of the proceedings of Roundtable Session 2.1. "
        "Entitled “Skills mobility”. The roundtable was co-chaired by Ecuador."
    )
    saved = (server.drafts / "rt2.yaml").read_text(encoding="utf-8")
    assert "title: Skills mobility" in saved


def test_panel_rows_are_added_moved_and_removed(page, server):
    _create(page, "panel.yaml", "example:gfmd-2019-rt1-2.yaml")
    names = page.locator("[id^='f-sessions_0__panel_'][id$='__name']")
    expect(names).to_have_count(4)
    page.click("#f-sessions_0__panel-add")
    expect(names).to_have_count(5)
    expect(page.locator("#f-sessions_0__panel_4__honorific")).to_be_focused()
    page.fill("#f-sessions_0__panel_4__name", "Amina Diallo")
    page.click("#f-sessions_0__panel_4_-up")
    expect(page.locator("#f-sessions_0__panel_3__name")).to_have_value("Amina Diallo")
    page.click("#f-sessions_0__panel_3_-remove")
    expect(names).to_have_count(4)
    _saved(page)
    saved = (server.drafts / "panel.yaml").read_text(encoding="utf-8")
    assert "Amina Diallo" not in saved
    assert saved.count("honorific:") == 6  # two co-chairs and four panellists


def test_a_list_is_numbered_from_the_form_and_the_kind_is_one_of_three(page, server):
    _create(page, "numbers.yaml", "example:gfmd-2014-rt3.yaml")
    kinds = page.locator("#f-kind option")
    assert kinds.evaluate_all("options => options.map(option => option.value)") == [
        "oral",
        "session",
        "general",
    ]
    expect(page.locator("#f-kind")).to_have_value("general")
    numbered = page.locator("#f-sessions_0__conclusions_numbered")
    expect(numbered).to_have_value("")  # the theme's choice until the rapporteur makes one
    numbered.select_option("true")
    _saved(page)
    saved = (server.drafts / "numbers.yaml").read_text(encoding="utf-8")
    assert "numbered: true" in saved
    page.reload()
    expect(page.locator("#f-sessions_0__conclusions_numbered")).to_have_value("true")
    page.locator("#f-sessions_0__conclusions_numbered").select_option("")
    _saved(page)
    assert "numbered:" not in (server.drafts / "numbers.yaml").read_text(encoding="utf-8")


def test_the_pdf_downloads_with_the_reports_text(page):
    _create(page, "download.yaml", "example:gfmd-2014-rt3.yaml")
    expect(page.locator("[data-download='pdf']")).to_be_enabled()
    with page.expect_download() as caught:
        page.click("[data-download='pdf']")
    download = caught.value
    assert download.suggested_filename == "download.pdf"
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "The Co-chairs were Ecuador and Greece." in text


def test_a_draft_survives_a_reload_and_a_server_restart(page, server):
    _create(page, "kept.yaml", "kind:general")
    page.fill("#f-forum_name", "Global Forum on Migration and Development")
    _saved(page)
    page.reload()
    expect(page.locator("#f-forum_name")).to_have_value("Global Forum on Migration and Development")
    server.stop()
    server.start()
    page.reload()
    expect(page.locator("#draft-name")).to_have_text("kept.yaml")
    expect(page.locator("#f-forum_name")).to_have_value("Global Forum on Migration and Development")


def test_typed_markup_is_escaped_in_the_preview(page):
    _create(page, "hostile.yaml", "example:gfmd-2019-rt1-2.yaml")
    page.click("#f-closing-add")
    page.fill("#f-closing_1_", "<img src=x onerror=\"document.title='owned'\">")
    _saved(page)
    preview = page.frame_locator("#preview-frame")
    expect(preview.locator("body")).to_contain_text(
        "<img src=x onerror=\"document.title='owned'\">"
    )
    expect(preview.locator("img")).to_have_count(0)
    assert page.title() == "Draft a report — gfmd-reports"


@pytest.mark.parametrize("with_draft", [False, True], ids=["start page", "form and preview"])
def test_axe_finds_no_accessibility_violations(browser, server, with_draft):
    assert AXE.is_file(), "axe-core is missing: run scripts/setup --test"
    # axe is injected by the test, which the page's own content security policy would refuse.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server.url)
    if with_draft:
        _create(page, "a11y.yaml", "example:gfmd-2014-rt3.yaml")
        expect(page.locator("#problems")).to_contain_text("No problems found.")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    violations = [(v["id"], v["help"], len(v["nodes"])) for v in json.loads(results)]
    context.close()
    assert violations == []


@pytest.mark.parametrize("kind", ["oral", "general"])
def test_axe_finds_no_violations_in_the_rendered_report(browser, kind):
    """The preview frame runs no scripts, so axe checks the page it shows on its own."""
    from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE

    from gfmd_reports import load_report, render

    report = load_report(ORAL_EXAMPLE if kind == "oral" else WRITTEN_EXAMPLE)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content(render(report, "html").decode())
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    violations = [(v["id"], v["help"], len(v["nodes"])) for v in json.loads(results)]
    context.close()
    assert violations == []


def test_the_form_works_with_the_keyboard_alone(page, server):
    expect(page.locator("#new-draft")).to_be_enabled()  # the page is ready for typing
    page.focus("#new-name")
    page.keyboard.type("keys.yaml")
    page.keyboard.press("Tab")  # to "starting from"
    page.keyboard.press("Tab")  # to Create
    expect(page.locator("#new-draft")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#draft-name")).to_have_text("keys.yaml")
    page.focus("#f-sessions_0__co_chairs-add")
    page.keyboard.press("Enter")
    expect(page.locator("#f-sessions_0__co_chairs_0__honorific")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#f-sessions_0__co_chairs_0__name")).to_be_focused()
    page.keyboard.type("Negash Botora Kebret")
    _saved(page)
    assert "Negash Botora Kebret" in (server.drafts / "keys.yaml").read_text(encoding="utf-8")


def test_moving_a_row_to_the_top_keeps_the_keyboard_on_the_row(page):
    _create(page, "order.yaml", "example:gfmd-2019-rt1-2.yaml")
    page.focus("#f-sessions_0__co_chairs_1_-up")
    page.keyboard.press("Enter")
    expect(page.locator("#f-sessions_0__co_chairs_0__name")).to_have_value("José Luis Pardo")
    # "Move up" is disabled on the first row: the focus goes to a button of the row still usable.
    expect(page.locator("#f-sessions_0__co_chairs_0_-down")).to_be_focused()


def test_with_a_token_the_page_works_and_no_cookie_carries_it(browser, tmp_path):
    """A cookie would go to every server on 127.0.0.1, whatever its port: the page keeps the
    token in its own origin's storage and sends it in a header."""
    running = Server(tmp_path / "drafts", "--token", "t0ken-for-the-test")
    running.start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{running.url}#token=t0ken-for-the-test")
        _create(page, "with-token.yaml", "kind:oral")
        assert "t0ken" not in page.url  # not left in the address bar or the history
        page.fill("#f-forum_name", "Global Forum on Migration and Development")
        _saved(page)
        assert context.cookies() == []
        bookmark = context.new_page()  # opened later, without the token in its address
        bookmark.goto(f"{running.url}#draft=with-token.yaml")
        expect(bookmark.locator("#f-forum_name")).to_have_value(
            "Global Forum on Migration and Development"
        )
        stranger = browser.new_context().new_page()
        stranger.goto(running.url)
        expect(stranger.locator("#alert")).to_contain_text("an access token is required")
        stranger.context.close()
    finally:
        context.close()
        running.stop()


def test_the_api_documentation_shows_with_nothing_fetched_from_outside(browser, server):
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    outside: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: None if request.url.startswith(server.url) else outside.append(request.url),
    )
    page.goto(f"{server.url}api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("gfmd-reports")
    expect(
        page.locator(".opblock-summary-path", has_text="/api/drafts/{name}").first
    ).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/examples").click()
    page.locator("button.try-out__btn").click()
    page.locator("button.execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status")).to_have_text("200")
    context.close()
    assert refused == []
    assert outside == []


def test_a_word_of_thousands_of_letters_stays_within_a_narrow_window(browser):
    """A pasted code of 5,000 letters breaks across lines on screen as in the PDF, instead of
    widening the page far past the window."""
    from conftest import ORAL_EXAMPLE

    from gfmd_reports import load_report, render

    report = load_report(ORAL_EXAMPLE)
    letters = "x" * 5_000
    session = report.sessions[0].model_copy(update={"narrative": [f"Pasted: {letters}."]})
    page = browser.new_page(viewport={"width": 600, "height": 800})
    page.set_content(render(report.model_copy(update={"sessions": [session]}), "html").decode())
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.close()
    assert widths[0] <= widths[1]
