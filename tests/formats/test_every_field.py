"""Every field a rapporteur fills in reaches every format: no template drops one silently."""

from __future__ import annotations

import lxml.html
import pytest
from conftest import filled_starter
from docx import Document

from formats.documents import docx_body_and_notes, pdf_pages
from formats.seedtext import pdf_text
from gfmd_reports import load_report, render
from gfmd_reports.inline import plain_text
from gfmd_reports.model import text_values

# The forum's details are printed in the running footer, checked apart. The oral report, a
# speech, names neither the roundtable's title nor the rapporteur; a session report is titled
# by its session, not by the roundtable.
NOT_PRINTED = {
    "oral": {"forum", "roundtable", "rapporteur"},
    "session": {"forum", "roundtable"},
    "general": {"forum"},
}


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_every_text_of_a_full_report_is_printed_in_every_format(tmp_path, kind):
    source = tmp_path / f"{kind}.yaml"
    source.write_text(filled_starter(kind), encoding="utf-8")
    report = load_report(source)
    expected = [
        " ".join(plain_text(value).split())
        for path, value in text_values(report)
        if path[0] not in NOT_PRINTED[kind]
    ]
    assert len(expected) > 25
    words = [text for text in expected if text.startswith("Words of ")]
    assert len(set(words)) == len(words) > 20  # each text its own: a dropped one is missed

    page = lxml.html.fromstring(render(report, "html"))
    html_text = " ".join(page.find(".//main").text_content().split())
    docx = tmp_path / f"{kind}.docx"
    docx.write_bytes(render(report, "docx"))
    body, notes = docx_body_and_notes(docx)
    docx_text = " ".join(" ".join([body, *notes]).split())
    pdf = tmp_path / f"{kind}.pdf"
    pdf.write_bytes(render(report, "pdf"))
    pdf_words = " ".join(pdf_text(pdf).split())
    pdf_footers = " ".join(" ".join(pdf_pages(pdf)).split()).replace("\u2010 ", "")
    for text in expected:
        assert text in html_text, text
        assert text in docx_text, text
        assert text in pdf_words, text

    forum = report.forum
    footer = [forum.short_name, forum.venue, *forum.chairs]
    assert len(footer) == 3
    assert "Twelfth" in page.findtext(".//footer")
    footer_text = " ".join(p.text for p in Document(str(docx)).sections[0].footer.paragraphs)
    for text in footer:
        assert text in page.findtext(".//footer"), text
        assert text in footer_text, text
        assert text in pdf_footers, text
