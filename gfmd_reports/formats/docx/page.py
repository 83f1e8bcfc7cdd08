"""The page: its size and margins from the theme's tokens, and a footer with the forum line
at the left and the page number at the right."""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.text.run import Run

from gfmd_reports.formats.docx.fields import PAGE, add_complex_field
from gfmd_reports.formats.docx.runs import PLAIN, trim
from gfmd_reports.formats.docx.styles import PAGE_SIZES, length, points, set_size
from gfmd_reports.formats.docx.wordml import R
from gfmd_reports.themes import DesignTokens


def set_up_page(document, tokens: DesignTokens) -> None:
    """Set the page size and margins, and a footer whose right tab stop holds the number."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_SIZES[tokens.page_size]
    section.top_margin = length(tokens.margin_top)
    section.bottom_margin = length(tokens.margin_bottom)
    section.left_margin = length(tokens.margin_left)
    section.right_margin = length(tokens.margin_right)
    footer = section.footer.paragraphs[0]
    # The page number is the PAGE field's result, which takes its size from the style.
    set_size(footer.style.font, points(tokens.footnote_size))
    tab_stops = footer.paragraph_format.tab_stops
    for inherited in footer.style.paragraph_format.tab_stops:  # the Footer style's centre tab
        tab_stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    text_width = section.page_width - section.left_margin - section.right_margin
    tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)


def write_footer(document, tokens: DesignTokens, forum_line: str) -> None:
    """Write the forum line and the page number into the footer set up by ``set_up_page``."""
    run = document.sections[0].footer.paragraphs[0].add_run(f"{forum_line}\t")
    add_complex_field(run._r, PAGE, "1")
    set_size(run.font, points(tokens.footnote_size))


def write_revised_footer(
    footer, tokens: DesignTokens, line, write_inline: Callable[..., None]
) -> None:
    """Write a comparison's forum line (``line``, the page's footer, with its changes tracked
    by ``write_inline``) and the page number, as ``write_footer`` writes a report's."""
    paragraph = footer.paragraphs[0]
    write_inline(paragraph._p, line.text, line, PLAIN)
    trim(paragraph._p)
    run = paragraph.add_run("\t")
    add_complex_field(run._r, PAGE, "1")
    for element in paragraph._p.iter(R):
        set_size(Run(element, paragraph).font, points(tokens.footnote_size))
