"""The comparison's page in Chromium: insertions underlined in colour, deletions struck
through, on screen and in print, with the legend in the report's language."""

from __future__ import annotations

import copy

import pytest
from conftest import ORAL_EXAMPLE

from gfmd_reports.loading import validate_file
from gfmd_reports.model import Report
from gfmd_reports.redline import compare_pages
from gfmd_reports.themes import load_theme
from web.test_browser import browser  # noqa: F401 (the fixture: Debian's Chromium, offline)


def _compared(language: str) -> str:
    report = validate_file(ORAL_EXAMPLE).report
    assert report is not None
    old = report.model_dump(mode="json", by_alias=True, exclude_none=True)
    old["language"] = language  # a change of language would be said in the legend
    new = copy.deepcopy(old)
    new["forum"]["venue"] = "Geneva"
    return compare_pages(Report.model_validate(old), Report.model_validate(new), load_theme("gfmd"))


def _look(page, selector: str) -> dict[str, str]:
    return page.eval_on_selector(
        selector,
        """element => {
            const style = getComputedStyle(element);
            return {line: style.textDecorationLine, colour: style.color,
                    shown: String(element.getBoundingClientRect().width > 0)};
        }""",
    )


@pytest.mark.parametrize(
    ("language", "legend"),
    [
        ("en", "Changes from the earlier version: inserted text deleted text"),
        (
            "fr",
            "Modifications par rapport à la version précédente\u00a0: texte ajouté texte supprimé",
        ),
        ("es", "Cambios respecto de la versión anterior: texto añadido texto suprimido"),
    ],
)
@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_page_shows_insertions_and_deletions_apart(browser, language, legend, media):  # noqa: F811
    page = browser.new_page()
    try:
        page.emulate_media(media=media)
        page.set_content(_compared(language))
        inserted, deleted = _look(page, "footer ins"), _look(page, "footer del")
        assert page.inner_text("footer ins") == "Geneva"
        assert page.inner_text("footer del") == "Quito"
        assert inserted["line"] == "underline"
        assert deleted["line"] == "line-through"
        assert inserted["colour"] != deleted["colour"]
        assert inserted["shown"] == deleted["shown"] == "true"
        assert page.inner_text("section.legend") == legend
    finally:
        page.close()
