"""The Word package: built from an allow-list of parts, and saved as the same bytes each time.

Word's template and a theme's reference document bring parts a report does not need (a
stale second copy of the styles, a blank thumbnail, web settings, bibliography sources) and
parts it must not carry (macros, links to outside files). The output keeps only the parts
below, each reached by a relationship of a kind its source part may have, and a part that
is referred to from the XML only if that XML still refers to it.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import parse_xml

from gfmd_reports.formats.docx.properties import extended_properties_part
from gfmd_reports.formats.docx.settings import keep_allowed_settings

_PACKAGE = "the package"
_DOCUMENT_PARTS = {RT.STYLES, RT.NUMBERING, RT.SETTINGS, RT.FONT_TABLE, RT.THEME, RT.FOOTNOTES}
"""The document's own parts, which no XML names by id."""
_IMPLICIT = {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES, *_DOCUMENT_PARTS}
"""Relationships kept whatever the XML says: the rest are kept only while the XML names them."""
KEPT_RELATIONSHIPS = {
    _PACKAGE: {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES},
    CT.WML_DOCUMENT_MAIN: {*_DOCUMENT_PARTS, RT.HEADER, RT.FOOTER, RT.IMAGE},
    CT.WML_HEADER: {RT.IMAGE},
    CT.WML_FOOTER: {RT.IMAGE},
    CT.WML_NUMBERING: {RT.IMAGE},
    CT.WML_FONT_TABLE: {RT.FONT},
    CT.OFC_THEME: {RT.IMAGE},
}
"""The relationships kept, by the content type of the part they start from: the document's
styles, numbering, settings, fonts, theme, notes, headers and footers, and their pictures."""

_RELATIONSHIP_ATTRIBUTES = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
    "{urn:schemas-microsoft-com:office:office}relid",
)
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def keep_allowed_parts(package) -> None:
    """Drop every relationship outside the allow-list, and so every part only they reach."""
    for source in _sources(package):
        if not source.rels:
            continue  # reading its XML (all the styles, say) would find no id to keep
        kept = KEPT_RELATIONSHIPS.get(_kind(source), set())
        named = set(referenced_ids(source))
        for identifier, relationship in list(source.rels.items()):
            allowed = relationship.reltype in kept and not relationship.is_external
            if not allowed or (relationship.reltype not in _IMPLICIT and identifier not in named):
                del source.rels[identifier]


def _sources(package) -> Iterator:
    """The package, then each part its kept relationships reach, each once."""
    seen, waiting = set(), [package]
    while waiting:
        source = waiting.pop(0)
        yield source  # its relationships are pruned before the loop reads them
        for relationship in source.rels.values():
            if not relationship.is_external and relationship.target_part not in seen:
                seen.add(relationship.target_part)
                waiting.append(relationship.target_part)


def _kind(source) -> str:
    return getattr(source, "content_type", _PACKAGE)


def referenced_ids(source) -> Iterator[str]:
    """The relationship ids a part's XML names (r:id, r:embed, r:link, …); none for the
    package itself or a part that is no XML (a picture)."""
    xml = xml_of(source)
    for element in xml.iter() if xml is not None else ():
        for name, value in element.attrib.items():
            if name.startswith(_RELATIONSHIP_ATTRIBUTES):
                yield value


def docx_bytes(document) -> bytes:
    """Save the document from its allowed parts, with true extended properties and fixed entry
    times, so that the same report gives the same bytes."""
    package = document.part.package
    keep_allowed_parts(package)
    keep_allowed_settings(document.settings.element)
    package.relate_to(extended_properties_part(document), RT.EXTENDED_PROPERTIES)
    saved = io.BytesIO()
    document.save(saved)
    result = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = copy.copy(entry)
            fixed.date_time = _FIXED_ZIP_TIME
            target.writestr(fixed, source.read(entry.filename), compress_type=zipfile.ZIP_DEFLATED)
    return result.getvalue()


def xml_of(source):
    """A part's XML, whether python-docx parsed it (styles, headers) or holds it as bytes
    (the theme, the font table); None for the package and for parts that are no XML."""
    if isinstance(source, XmlPart):
        return source.element
    if _kind(source).endswith("xml"):
        return parse_xml(source.blob)  # python-docx's parser, which resolves no entities
    return None
