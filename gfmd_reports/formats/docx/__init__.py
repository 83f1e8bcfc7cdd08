"""Rendered HTML → a Word document a rapporteur can keep editing (python-docx is imported
only in this package).

The DOCX is built from the same HTML as the other formats, element by element, in Word's own
vocabulary: headings become Title, Subtitle and Heading styles, lists get real numbering that
restarts with each list, tables are Word tables, notes become real footnotes, and the theme's
tokens become the styles. One module per part of Word or concern:

- template: the document a theme's reports start from, prepared once and copied per report
  (page, styles from tokens, language, hyphenation);
- body and runs: the page's blocks and inline text, built with lxml (wordml: Word's names),
  tables (tables) and pictures through python-docx;
- styles, numbering, notes, fields (the footer's page number, the TOC's), page, settings,
  properties; contents: a compilation's table of contents, Word's own TOC field filled in
  with the PDF's pages, and the bookmarks round its headings;
- package: the allow-list of parts, written as a zip in one pass; embedded: the report's data
  in a Custom XML part; reading: a Word document read back; reference: a theme's
  reference document, which gives styles and page setup, never code or outside links.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from gfmd_reports.formats.contract import check_page
from gfmd_reports.formats.docx.body import Writer, article_kind, is_compilation
from gfmd_reports.formats.docx.package import docx_bytes
from gfmd_reports.formats.docx.page import write_footer, write_revised_footer
from gfmd_reports.formats.docx.properties import one_line, set_core_properties
from gfmd_reports.formats.docx.revisions import Revisions, deleted_text
from gfmd_reports.formats.docx.settings import track_changes
from gfmd_reports.formats.docx.template import template_for
from gfmd_reports.formats.html import template_sources
from gfmd_reports.themes import Theme

if TYPE_CHECKING:
    from gfmd_reports.redline import Revision

__all__ = ["html_to_docx"]


def html_to_docx(
    html: str,
    theme: Theme,
    modified: datetime.datetime | None = None,
    *,
    page_numbers: Mapping[str, int] | None = None,
    revision: Revision | None = None,
    report: dict | None = None,
) -> bytes:
    """Build a Word document from a rendered report page, or from a compiled page (a Chair's
    Report: cover, contents, chapters of reports, annexes).

    With a ``reference.docx`` in the theme, the document starts from it: its styles, page setup,
    headers and footers stay as the Word user made them, and only missing styles are added.
    ``page_numbers`` maps each anchor of a compiled page to the page it falls on in the PDF
    (``lay_out_pdf``), which the table of contents shows. A comparison's page (``revision``
    given) has its changes tracked, by the revision's author and date. ``report``, the report's
    data, is carried in the document for ``gfmd-reports import`` to read back.
    """
    root = lxml.html.document_fromstring(html)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    check_page(root, theme.name, template_sources(theme), revisions=revision is not None)
    compilation = is_compilation(root)
    if compilation:
        (content,) = root.iter("main")
        kind = "written"  # a compilation is read on paper, its oral reports too
    else:
        (content,) = root.iter("article")
        kind = article_kind(content)
    language = root.get("lang", "en")
    tokens = theme.tokens
    reading = kind == "oral"  # an oral report's document is its reading copy
    template = template_for(theme, reading, language, compilation)
    document, styles = template.new_document(theme.name)
    if not template.from_reference and revision is None:
        write_footer(document, tokens, one_line(root.xpath("string(//footer)")))
    set_core_properties(document, root, language, modified)
    if compilation:  # the cover has no footer, as in the PDF: Word's "different first page"
        document.sections[0].different_first_page_header_footer = True
    revisions = Revisions(revision.author, revision.word_date) if revision else None
    writer = Writer(document, styles, root, theme, kind, page_numbers, revisions)
    writer.write_blocks(content, document.element.body)
    track_changes(document.settings.element, revisions is not None)
    if revisions is not None:
        footer = document.sections[0].footer
        if not template.from_reference:
            write_revised_footer(footer, tokens, root.find(".//footer"), writer.write_inline)
        notes = writer.footnotes.part
        deleted_text(document.element, footer._element, *([notes.element] if notes else []))
    return docx_bytes(document, template.shared, report)
