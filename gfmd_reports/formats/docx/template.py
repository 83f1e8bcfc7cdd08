"""The document a theme's reports start from, prepared once and copied for each report.

Opening Word's template (or a theme's reference document) and giving every style the theme's
look costs more than writing a report's text: Word's styles alone are a third of a megabyte
of XML. The prepared document depends only on the theme's tokens, its reference document, the
report's language and whether it is a reading copy, so it is kept for those; each report gets
a copy of the parts it changes, and shares the rest, which the package writes from bytes
compressed once.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.opc.part import XmlPart
from docx.package import Package

from gfmd_reports.formats.docx.package import (
    ZipEntry,
    part_source,
    zip_entry,
)
from gfmd_reports.formats.docx.page import set_up_page
from gfmd_reports.formats.docx.reference import open_reference
from gfmd_reports.formats.docx.settings import hyphenate
from gfmd_reports.formats.docx.styles import (
    StyleIndex,
    add_missing_styles,
    set_language,
    set_outline_levels,
    set_up_styles,
    suppress_hyphenation,
)
from gfmd_reports.themes import DesignTokens, Theme

_KEPT = 8
"""Prepared documents kept: a batch or the web form uses one theme, in a language or two,
written and read aloud."""


@dataclass(frozen=True)
class Template:
    """A prepared document, never changed after preparing: its styles by name, and the
    members of the parts every copy shares (its styles, theme and fonts), compressed."""

    document: WordDocument
    styles: StyleIndex
    shared: dict[str, ZipEntry]
    from_reference: bool
    """Whether it is a theme's reference document, whose footer is the Word user's."""

    def new_document(self, theme_name: str) -> tuple[WordDocument, StyleIndex]:
        """A copy to write a report into, and its styles by name."""
        document = _copy(self.document)
        return document, self.styles.for_document(document, theme_name)


def template_for(theme: Theme, reading: bool, language: str, compilation: bool = False) -> Template:
    """The prepared document for a theme's reports in a language (``reading``: reading
    copies; ``compilation``: compilations of reports, with the styles of their contents and
    deeper headings); a reference document is read again whenever its bytes change."""
    reference = theme.reference_docx
    digest = hashlib.sha256(reference.read_bytes()).hexdigest() if reference else None
    return _prepared(theme.tokens, reference, digest, reading, language, compilation)


@lru_cache(maxsize=_KEPT)
def _prepared(
    tokens: DesignTokens,
    reference: Path | None,
    digest: str | None,
    reading: bool,
    language: str,
    compilation: bool,
) -> Template:
    """Prepare a document (``digest``: the reference's bytes, which the cache tells apart)."""
    if reference:
        document = open_reference(reference)
    else:
        document = Document()
        set_up_page(document, tokens)
        set_up_styles(document, tokens, reading, compilation)
    add_missing_styles(document, tokens, reading, compilation)
    if compilation:
        set_outline_levels(document)
    set_language(document, tokens, language)
    hyphenate(document.settings.element, automatic=not reading)
    if reading:
        suppress_hyphenation(document)
    # Parts left out by the package's allow-list are dropped at saving, as before: dropping
    # them here would free relationship ids that a report's notes would then take.
    shared = {
        part.partname.membername: zip_entry(part.partname.membername, part.blob, part_source(part))
        for part in document.part.package.iter_parts()
        if _is_shared(part)
    }
    return Template(document, StyleIndex(document, ""), shared, reference is not None)


def _is_shared(part) -> bool:
    """Whether copies share a part: its styles (copied by StyleIndex before any change) and
    the parts that are no XML python-docx reads (theme, fonts, pictures) are never changed."""
    return not isinstance(part, XmlPart) or part.partname == _STYLES


_STYLES = "/word/styles.xml"
_PART_ATTRIBUTES = {"_partname", "_content_type", "_blob", "_element", "_image", "_settings"}
"""What python-docx's parts are made of, as their constructors set them."""


def _copy(document: WordDocument) -> WordDocument:
    """Copy a document's package: each XML part a report may change gets its own copy of the
    XML, the other parts are shared; relationships are the same, between the copies."""
    package = Package()
    copies = {part: _copy_part(part, package) for part in document.part.package.iter_parts()}
    for relationship in document.part.package.rels.values():
        package.load_rel(relationship.reltype, copies[relationship.target_part], relationship.rId)
    for part, duplicate in copies.items():
        for relationship in part.rels.values():
            target = (
                relationship.target_ref
                if relationship.is_external
                else copies[relationship.target_part]
            )
            duplicate.load_rel(
                relationship.reltype, target, relationship.rId, relationship.is_external
            )
    package.after_unmarshal()  # finds the pictures, as opening a document does
    return package.main_document_part.document


def _copy_part(part, package: Package):
    element = getattr(part, "_element", None)
    own = copy.deepcopy(element) if element is not None and not _is_shared(part) else element
    duplicate = copy.copy(part)
    # python-docx's cached look-ups (relationships, numbering) belong to the original; a part
    # that keeps its XML under a second name (settings) gets the copy there too.
    duplicate.__dict__ = {
        name: own if value is element and element is not None else value
        for name, value in vars(part).items()
        if name in _PART_ATTRIBUTES
    }
    duplicate._package = package
    return duplicate
