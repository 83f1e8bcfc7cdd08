"""A theme's design tokens reach the HTML, the PDF and the DOCX alike."""

from __future__ import annotations

import io
import re

from conftest import make_theme
from docx import Document

from formats.documents import pdf_fonts
from gfmd_reports import load_theme, render


def test_a_changed_font_size_and_colour_reach_all_three_formats(tmp_path, reports):
    folder = make_theme(
        tmp_path, "restyled", 'tokens:\n  body_font: Carlito\n  heading_colour: "#1F4E79"\n'
    )
    theme = load_theme(folder)
    report = reports["general"]

    html = render(report, "html", theme).decode()
    assert re.search(r'html \{\s*font-family: "Carlito"', html)
    assert "color: #1F4E79" in html

    pdf = tmp_path / "restyled.pdf"
    pdf.write_bytes(render(report, "pdf", theme))
    fonts = {name for name, _ in pdf_fonts(pdf)}
    assert "Carlito" in fonts  # the body; headings keep the heading font
    assert fonts <= {"Carlito", "Liberation-Serif", "Liberation-Serif-Bold"}

    document = Document(io.BytesIO(render(report, "docx", theme)))
    assert document.styles["Normal"].font.name == "Carlito"
    assert str(document.styles["Heading 1"].font.color.rgb) == "1F4E79"
    assert str(document.styles["Title"].font.color.rgb) == "1F4E79"
