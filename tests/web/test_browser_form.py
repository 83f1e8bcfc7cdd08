"""The form shaped like the report, in a real browser in French and Spanish: Debian's Chromium
driven by Playwright, against `gfmd-reports serve` on 127.0.0.1."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from gfmd_reports import validate_file
from gfmd_reports.i18n import catalogue
from web.test_browser import AXE, _create, _saved, browser, server  # noqa: F401 (fixtures)

LOCALES = {"fr": "fr-FR", "es": "es-ES"}
KIND_CHOICES = {"oral": 0, "session": 1, "general": 2}
"""Each kind's place among the new draft's starting points (ArrowDown presses)."""


@pytest.fixture
def open_page(browser, server):  # noqa: F811
    """Open the drafting page in a browser speaking `language`; fail on any script error."""
    contexts = []
    failures: list[str] = []

    def opened(language: str = "en") -> Page:
        context = browser.new_context(
            locale=LOCALES.get(language, "en-GB"),
            bypass_csp=True,  # for axe, injected by the test
            viewport={"width": 1366, "height": 768},
        )
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto(server.url)
        expect(page.locator("#new-draft")).to_be_enabled()
        return page

    yield opened
    for context in contexts:
        context.close()
    assert failures == []


def _saved_draft(server, name: str) -> dict:  # noqa: F811
    return YAML(typ="safe").load((server.drafts / name).read_text(encoding="utf-8"))


def _create_with_keys(page: Page, name: str, kind: str) -> None:
    page.focus("#new-name")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    for _ in range(KIND_CHOICES[kind]):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#draft-name")).to_have_text(name)


def _tab_to(page: Page, selector: str, presses: int = 60) -> None:
    """Press Tab until the element is focused: it must be reachable, in reading order."""
    target = page.locator(selector)
    for _ in range(presses):
        if target.evaluate("node => node === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} not reached in {presses} Tab presses")


def _type_into(page: Page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _english_on_screen(page: Page, language: str) -> list[str]:
    """The visible strings that are an English message of the catalogue whose translation
    differs (a message with values matches whatever values it was given)."""
    shown = page.evaluate(
        """() => {
          const texts = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            if (node.textContent.trim() && node.parentElement.checkVisibility()) {
              texts.push(node.textContent.trim());
            }
          }
          for (const select of document.querySelectorAll("select")) {
            if (select.checkVisibility() && select.selectedOptions[0]) {
              texts.push(select.selectedOptions[0].textContent.trim());
            }
          }
          return texts;
        }"""
    )
    # A message of values and punctuation alone ("{problem}: {hint}") has no English in it.
    english = [
        text
        for text, translated in catalogue(language).items()
        if translated != text and re.search("[A-Za-z]", re.sub(r"\{[a-z_]+\}", "", text))
    ]
    patterns = [
        re.compile(re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(text)) + "$", re.DOTALL)
        for text in english
    ]
    return sorted({text for text in shown if any(p.match(text) for p in patterns)})


def _axe_violations(page: Page) -> list[tuple]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => JSON.stringify((await axe.run(document)).violations)")
    return [(v["id"], v["help"], len(v["nodes"])) for v in json.loads(results)]


@pytest.mark.parametrize(
    ("kind", "language"), [("oral", "fr"), ("session", "es"), ("general", "fr")]
)
def test_a_new_report_of_each_kind_is_filled_in_with_the_keyboard_alone_in_no_english(
    open_page,
    server,  # noqa: F811
    kind,
    language,
):
    page = open_page(language)
    name = f"{kind}-{language}.yaml"
    _create_with_keys(page, name, kind)
    assert _english_on_screen(page, language) == []
    page.focus("#f-kind")
    _type_into(page, "#f-forum_name", "Forum mondial sur la migration et le développement")
    _type_into(page, "#f-forum_year", "2026")
    _type_into(page, "#f-roundtable_number", "2")
    if kind != "oral":  # a written report names its rapporteur in the byline
        _type_into(page, "#f-rapporteur_name", "Jorge Lomónaco")
    _type_into(page, "#f-sessions_0__number", "2.1")
    _type_into(page, "#f-sessions_0__title", "Mobilité des compétences")
    _tab_to(page, "#f-sessions_0__co_chairs-add")
    page.keyboard.press("Enter")
    expect(page.locator("#f-sessions_0__co_chairs_0__honorific")).to_be_focused()
    _type_into(
        page, "#f-sessions_0__co_chairs_0__country", "Équateur" if language == "fr" else "Ecuador"
    )
    page.keyboard.press("Tab")
    _saved(page)
    assert _english_on_screen(page, language) == []
    validation = validate_file(server.drafts / name)
    assert [str(problem) for problem in validation.errors] == []
    assert validation.report.kind == kind
    preview = page.frame_locator("#preview-frame")
    expect(preview.locator("body")).to_contain_text("Mobilité des compétences")


def test_the_form_shows_only_what_the_kind_prints_and_says_what_another_kind_omits(
    open_page,
    server,  # noqa: F811
):
    page = open_page("fr")
    _create(page, "kinds.yaml", "kind:oral")
    for omitted in ("#f-introduction-set", "#f-overall_conclusions-add", "#f-subtitle_footnote"):
        expect(page.locator(omitted)).to_have_count(0)
    expect(page.locator("#f-salutation")).to_be_visible()
    expect(page.locator("#f-rapporteur-add")).to_be_visible()  # optional when spoken
    page.select_option("#f-kind", "general")
    expect(page.locator("#f-rapporteur_name")).to_be_visible()  # a written report's byline
    page.click("#f-introduction-add")
    page.keyboard.type("Je m’efforcerai de résumer les débats.")
    expect(page.locator("#f-salutation")).to_have_count(0)
    page.select_option("#f-kind", "oral")
    # The paragraph stays, marked as not printed, and the note names it.
    expect(page.locator("#kind-note")).to_have_text(
        "Un rapport oral n’imprime pas\u00a0: Introduction. Ce qu’il n’imprime pas reste "
        "dans le brouillon, signalé ci-dessous, jusqu’à ce que vous le supprimiez."
    )
    expect(page.locator("#f-introduction_0_")).to_have_value(
        "Je m’efforcerai de résumer les débats."
    )
    _saved(page)
    assert _saved_draft(server, "kinds.yaml")["introduction"] == [
        "Je m’efforcerai de résumer les débats."
    ]


def test_an_untouched_or_new_field_waits_to_be_left_or_checked_before_its_problem_shows(
    open_page,
):
    page = open_page("es")
    _create(page, "patient.yaml", "kind:oral")
    expect(page.locator("#problems li").first).to_be_attached()  # the problems are known
    messages = page.locator("#report-form .message")
    expect(messages).to_have_count(0)
    page.click("#f-sessions_0__co_chairs-add")
    _saved(page)
    expect(messages).to_have_count(0)  # the new row is not "empty" while it is being filled in
    page.focus("#f-forum_name")  # the row is left empty: now its problem shows
    row_message = page.locator("#f-sessions_0__co_chairs_0_-set > .message.error")
    expect(row_message).to_be_visible()
    page.keyboard.press("Tab")  # the forum's name is left empty too
    name_message = page.locator("#f-forum_name + .message.error")
    expect(name_message).to_be_visible()
    expect(page.locator("#f-forum_name")).to_have_attribute("aria-invalid", "true")
    assert (
        name_message.get_attribute("id")
        in page.locator("#f-forum_name").get_attribute("aria-describedby").split()
    )
    expect(messages).to_have_count(2)
    page.click("#check-report")
    expect(messages).to_have_count(6)  # everything still missing, the new co-chair's too
    expect(page.locator("#f-forum_name")).to_be_focused()  # the first problem
    page.fill("#f-forum_name", "Foro Mundial sobre Migración y Desarrollo")
    _saved(page)
    expect(name_message).to_have_count(0)


def test_removing_footnote_1_and_adding_one_keeps_every_notes_text(open_page, server):  # noqa: F811
    page = open_page("fr")
    _create(page, "notes.yaml", "kind:general")
    introduction = page.locator("#f-introduction_0_")
    page.click("#f-introduction-add")
    page.keyboard.type("Premier paragraphe.")
    page.keyboard.press("Home")
    page.keyboard.press("Control+ArrowRight")  # after "Premier"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # Italic, Bold, then "Add a footnote here"
    expect(page.locator(":focus")).to_have_text("Ajouter une note ici")
    page.keyboard.press("Enter")
    expect(page.locator("#f-footnotes_1")).to_be_focused()
    page.keyboard.type("Première note.")
    introduction.focus()
    page.keyboard.press("End")
    page.locator("#f-introduction_0_ ~ .text-tools .add-note").click()
    expect(page.locator("#f-footnotes_2")).to_be_focused()
    page.keyboard.type("Deuxième note.")
    expect(introduction).to_have_value("Premier[^1] paragraphe.[^2]")
    expect(page.locator("#f-introduction_0_ ~ .notes-called")).to_have_text(
        "Notes de bas de page appelées dans ce texte\u00a0: Note 1, Note 2"
    )
    page.click("#f-footnotes_1-remove")
    expect(page.locator("#f-footnotes_2")).to_be_focused()  # the next note
    expect(introduction).to_have_value("Premier paragraphe.[^2]")
    introduction.focus()
    page.keyboard.press("End")
    page.locator("#f-introduction_0_ ~ .text-tools .add-note").click()
    expect(page.locator("#f-footnotes_3")).to_be_focused()
    page.keyboard.type("Troisième note.")
    _saved(page)
    saved = _saved_draft(server, "notes.yaml")
    assert saved["footnotes"] == {"2": "Deuxième note.", "3": "Troisième note."}
    assert saved["introduction"] == ["Premier paragraphe.[^2][^3]"]


def test_emphasis_wraps_the_selection_from_the_keyboard_or_the_buttons(open_page, server):  # noqa: F811
    page = open_page("es")
    _create(page, "emphasis.yaml", "kind:general")
    page.click("#f-introduction-add")
    page.keyboard.type("Una palabra importante hoy")
    page.locator("#f-introduction_0_").evaluate("node => node.setSelectionRange(4, 12)")
    page.keyboard.press("Control+i")
    page.locator("#f-introduction_0_").evaluate("node => node.setSelectionRange(14, 25)")
    page.locator("#f-introduction_0_ ~ .text-tools button", has_text="Negrita").click()
    # The space selected after "importante" stays outside the markers.
    expect(page.locator("#f-introduction_0_")).to_have_value("Una *palabra* **importante** hoy")
    _saved(page)
    assert _saved_draft(server, "emphasis.yaml")["introduction"] == [
        "Una *palabra* **importante** hoy"
    ]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_dates_are_stored_as_the_day_typed(open_page, server, language):  # noqa: F811
    page = open_page(language)
    _create(page, "dates.yaml", "kind:oral")
    page.click("#f-forum_dates-add")
    expect(page.locator("#f-forum_dates_start")).to_be_focused()  # the first day's Day box
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("2020")
    # A whole date typed into one box, as the file writes it, is spread over the three.
    page.focus("#f-forum_dates_end")
    page.keyboard.type("2020-01-22")
    expect(page.locator("#f-forum_dates_end")).to_have_value("22")
    expect(page.locator("#f-forum_dates_end-month")).to_have_value("01")
    expect(page.locator("#f-forum_dates_end-year")).to_have_value("2020")
    _saved(page)
    dates = _saved_draft(server, "dates.yaml")["forum"]["dates"]
    assert [str(dates["start"]), str(dates["end"])] == ["2020-01-20", "2020-01-22"]
    page.reload()
    expect(page.locator("#f-forum_dates_start")).to_have_value("20")
    expect(page.locator("#f-forum_dates_start-month")).to_have_value("1")


def test_a_date_that_is_no_day_is_kept_as_typed_and_pointed_out_once_left(open_page, server):  # noqa: F811
    page = open_page("es")
    _create(page, "no-day.yaml", "kind:oral")
    page.click("#f-forum_dates-add")
    for text in ("31", "2", "2020"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    page.keyboard.type("20")  # the last day: a two-figure year
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    _saved(page)
    dates = _saved_draft(server, "no-day.yaml")["forum"]["dates"]
    assert dates == {"start": "2020-02-31", "end": "20-1-20"}
    expect(page.locator("#f-forum_dates_start-set + .message.error")).to_contain_text("2020-02-31")
    expect(page.locator("#f-forum_dates_end-set + .message.error")).to_contain_text("20-1-20")


def test_a_date_is_never_stored_as_another_day(open_page):
    page = open_page("fr")
    stored = page.evaluate(
        """async () => {
          const { dateValue, wholeDate } = await import("/static/dates.js");
          return {
            typed: dateValue({ day: "20", month: "1", year: "2020" }),
            shortYear: dateValue({ day: "20", month: "1", year: "20" }),
            impossible: dateValue({ day: "31", month: "2", year: "2020" }),
            empty: dateValue({ day: " ", month: "", year: "" }),
            iso: wholeDate("2020-01-20", ["month", "day", "year"]),
            dayFirst: wholeDate("20/01/2020", ["day", "month", "year"]),
            monthFirst: wholeDate("01/20/2020", ["month", "day", "year"]),
            twoFigures: wholeDate("20/01/20", ["day", "month", "year"]),
          };
        }"""
    )
    assert stored == {
        "typed": "2020-01-20",
        "shortYear": "20-1-20",  # kept as typed, for validation to point out: never 0020
        "impossible": "2020-02-31",  # likewise: February has no 31st
        "empty": None,
        "iso": {"year": "2020", "month": "01", "day": "20"},
        "dayFirst": {"day": "20", "month": "01", "year": "2020"},
        "monthFirst": {"day": "20", "month": "01", "year": "2020"},
        "twoFigures": None,
    }


def test_removing_a_filled_row_offers_undo_which_puts_it_back_exactly(open_page, server):  # noqa: F811
    page = open_page("fr")
    _create(page, "undo.yaml", "example:gfmd-2019-rt1-2.yaml")
    before = (server.drafts / "undo.yaml").read_text(encoding="utf-8")
    page.focus("#f-sessions_0__co_chairs_0_-remove")
    page.keyboard.press("Enter")
    # The next co-chair took the removed one's place, and the keyboard with it.
    expect(page.locator("#f-sessions_0__co_chairs_0__honorific")).to_be_focused()
    expect(page.locator("#f-sessions_0__co_chairs_0__name")).to_have_value("José Luis Pardo")
    expect(page.locator("#undo-notice")).to_have_text(
        "Élément supprimé\u00a0: Coprésident 1. Annuler"
    )
    page.keyboard.press("Shift+Tab")  # the notice sits where the row was
    expect(page.locator("#undo-remove")).to_be_focused()
    _saved(page)
    assert "Negash Botora Kebret" not in (server.drafts / "undo.yaml").read_text(encoding="utf-8")
    page.keyboard.press("Enter")
    expect(page.locator("#f-sessions_0__co_chairs_0__honorific")).to_be_focused()
    expect(page.locator("#f-sessions_0__co_chairs_0__name")).to_have_value("Negash Botora Kebret")
    expect(page.locator("#undo-notice")).to_have_count(0)
    _saved(page)
    assert (server.drafts / "undo.yaml").read_text(encoding="utf-8") == before


def test_removing_the_last_row_or_a_section_moves_the_keyboard_to_its_add_button(open_page):
    page = open_page("es")
    _create(page, "focus.yaml", "example:gfmd-2019-rt1-2.yaml")
    page.focus("#f-sessions_0__co_chairs_1_-remove")
    page.keyboard.press("Enter")
    expect(page.locator("#f-sessions_0__co_chairs-add")).to_be_focused()
    page.focus("#f-sessions_0__background_paper-remove")
    page.keyboard.press("Enter")
    expect(page.locator("#f-sessions_0__background_paper-add")).to_be_focused()
    page.keyboard.press("Tab")  # the notice sits after the button
    expect(page.locator("#undo-remove")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#f-sessions_0__background_paper_title")).to_be_focused()


def test_countries_are_offered_in_the_reports_language(open_page):
    page = open_page("en")
    _create(page, "countries.yaml", "kind:oral")
    page.select_option("#f-language", "fr")
    page.click("#f-sessions_0__co_chairs-add")
    country = page.locator("#f-sessions_0__co_chairs_0__country")
    names = page.locator(f"datalist#{country.get_attribute('list')} option")
    expect(names).to_have_count(197)
    expect(page.locator("datalist option[value='Équateur']")).to_have_count(1)
    page.select_option("#f-language", "es")
    expect(page.locator("datalist option[value='Países Bajos']")).to_have_count(1)
    expect(page.locator("datalist option[value='Équateur']")).to_have_count(0)


def test_axe_finds_no_violations_in_the_forms_states(open_page):
    page = open_page("fr")
    _create(page, "states.yaml", "kind:general")
    assert _axe_violations(page) == []  # the form as created
    page.click("#f-introduction-add")  # a paragraph being edited: its text tools shown
    expect(page.locator("#f-introduction_0_ ~ .text-tools")).to_be_visible()
    page.click("#f-forum_dates-add")  # the date's three boxes
    page.click("#check-report")  # every problem beside its field
    expect(page.locator("#report-form .message").first).to_be_visible()
    assert _axe_violations(page) == []
    page.fill("#f-introduction_0_", "Un paragraphe.")
    page.click("#f-introduction_0_-remove")  # the Undo notice
    expect(page.locator("#undo-notice")).to_be_visible()
    assert _axe_violations(page) == []


def test_a_new_footnote_takes_a_number_no_note_or_marker_has_used(open_page):
    page = open_page("en")
    numbers = page.evaluate(
        """async () => {
          const { nextFootnoteId } = await import("/static/footnotes.js");
          return [
            nextFootnoteId({}),
            nextFootnoteId({ footnotes: { "2": "Second." } }),
            nextFootnoteId({ footnotes: { preliminary: "A." }, closing: ["Words.[^7]"] }),
          ];
        }"""
    )
    assert numbers == ["1", "3", "8"]


def test_a_discussion_point_written_as_plain_text_is_shown_and_edited(open_page, server):  # noqa: F811
    (server.drafts / "plain.yaml").write_text(
        "kind: oral\nforum: {name: GFMD, year: 2019}\nroundtable: {number: 1}\n"
        "sessions:\n- number: '1.1'\n  title: Skills\n  co_chairs: [{country: Ecuador}]\n"
        "  discussion:\n    points:\n    - Health and education are both means and ends.\n",
        encoding="utf-8",
    )
    page = open_page("fr")
    page.goto(f"{server.url}#draft=plain.yaml")
    page.reload()
    point = page.locator("#f-sessions_0__discussion_points_0__text")
    expect(point).to_have_value("Health and education are both means and ends.")
    page.fill("#f-sessions_0__discussion_points_0__theme", "education")
    _saved(page)
    saved = _saved_draft(server, "plain.yaml")["sessions"][0]["discussion"]["points"]
    assert saved == [
        {"theme": "education", "text": "Health and education are both means and ends."}
    ]
