"""The render workers speak the language of the request that sent them a job."""

from __future__ import annotations

from gfmd_reports.i18n import gettext
from gfmd_reports.web.rendering import _Worker


def test_a_worker_says_its_messages_in_the_language_of_the_request():
    """Each job names its language: one worker serves French and Spanish users in turn."""
    worker = _Worker()
    try:
        said = []
        for language in ("fr", "es", "en"):
            worker.give((language, gettext, "Country"))
            said.append(worker.answer(timeout=60))
    finally:
        worker.stop()
    assert said == ["Pays", "País", "Country"]
