"""The document's properties: the core ones (title, author, language, dates) and the extended
ones (the application and the document's statistics), each of them true of this document.

A reference document's or Word's template's properties would claim another author, another
age, another program ("Microsoft Macintosh Word") and other counts: none of them is kept.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from importlib.metadata import version

from docx.opc.constants import CONTENT_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from gfmd_reports.formats.docx.styles import word_language

_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_core_properties(document, root, language: str, modified: datetime.datetime | None) -> None:
    """Describe the report in the core properties, and nothing else: no date without one given."""
    properties = document.core_properties
    element = properties._element
    for old in list(element):
        element.remove(old)
    properties.title = _property(root.findtext(".//title") or "")
    author = _property(root.xpath("string(//meta[@name='author']/@content)"))
    properties.author = properties.last_modified_by = author
    properties.language = word_language(language)
    properties.subject = _property(root.xpath("string(//footer)"))
    properties.revision = 1
    if modified is not None:
        properties.created = properties.modified = modified


def _property(text: str) -> str:
    """Fit a text into a document property, which Word limits to 255 characters."""
    text = one_line(text)
    return text if len(text) <= 255 else text[:254] + "…"


def one_line(text: str) -> str:
    """Collapse the spaces and line breaks of a page's text, as a browser shows it: the
    no-break spaces of French typography are kept."""
    return re.sub(r"[^\S\u00a0\u202f]+", " ", text).strip()


def extended_properties_part(document) -> Part:
    """The application that made the document and the body's statistics (tables included,
    notes not): words and characters as spaces separate them, paragraphs that hold text.
    Pages and lines depend on a layout the document does not have yet: they are left out."""
    texts = [
        "".join(text.text or "" for text in paragraph.iter(qn("w:t")))
        for paragraph in document.element.body.iter(qn("w:p"))
    ]
    statistics = {
        "Application": f"gfmd-reports {tool_version()}",
        "DocSecurity": "0",
        "Words": sum(len(text.split()) for text in texts),
        "Characters": sum(len("".join(text.split())) for text in texts),
        "CharactersWithSpaces": sum(len(text) for text in texts),
        "Paragraphs": sum(1 for text in texts if text.strip()),
    }
    root = etree.Element(f"{{{_EXTENDED}}}Properties", nsmap={None: _EXTENDED})
    for name, value in statistics.items():
        etree.SubElement(root, f"{{{_EXTENDED}}}{name}").text = str(value)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return Part(
        PackURI("/docProps/app.xml"),
        CONTENT_TYPE.OFC_EXTENDED_PROPERTIES,
        blob,
        document.part.package,
    )


@cache
def tool_version() -> str:
    """The version of gfmd-reports that writes the document."""
    return version("gfmd-reports")
