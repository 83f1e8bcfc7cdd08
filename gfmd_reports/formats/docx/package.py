"""The Word package: built from an allow-list of parts, and saved as the same bytes each time.

Word's template and a theme's reference document bring parts a report does not need (a
stale second copy of the styles, a blank thumbnail, web settings, bibliography sources) and
parts it must not carry (macros, links to outside files). The output keeps only the parts
below, each reached by a relationship of a kind its source part may have, and a part that
is referred to from the XML only if that XML still refers to it. A template's Custom XML
parts (Word's bibliography) are dropped with the rest; a report's own data is added after
(embedded.py), so that no other program's data travels in its place.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import NamedTuple

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.part import XmlPart
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import parse_xml

from gfmd_reports.formats.docx.embedded import embed_report
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
_READ_WRITE = 0o600
"""The permissions ``zipfile`` gives a member written from bytes."""
# zipfile's own record layouts, which its type stubs leave out.
_DIRECTORY_LAYOUT = zipfile.structCentralDir  # type: ignore[attr-defined]
_DIRECTORY_SIGNATURE = zipfile.stringCentralDir  # type: ignore[attr-defined]
_END_LAYOUT = zipfile.structEndArchive  # type: ignore[attr-defined]
_END_SIGNATURE = zipfile.stringEndArchive  # type: ignore[attr-defined]


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


class ZipEntry(NamedTuple):
    """A member of the package, compressed, with what zip's directory says of it."""

    name: str
    crc: int
    size: int
    compressed: bytes
    source: object
    """What the bytes were made from (a part's XML or blob): shared parts are compressed once."""


def zip_entry(name: str, data: bytes | str, source: object = None) -> ZipEntry:
    """Compress a member as ``zipfile`` does (raw deflate at zlib's default level; text
    as UTF-8)."""
    if isinstance(data, str):
        data = data.encode()
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    return ZipEntry(name, zlib.crc32(data), len(data), compressed, source)


def part_source(part) -> object:
    """What a part's bytes are made from: its XML tree, or its blob."""
    return part.element if isinstance(part, XmlPart) else part.blob


def docx_bytes(document, shared: dict[str, ZipEntry], report: dict | None = None) -> bytes:
    """Save the document from its allowed parts, with true extended properties and fixed entry
    times, so that the same report gives the same bytes; in one pass, in python-docx's order.
    ``report`` is the report's data, carried in the document (none for a compilation).

    ``shared`` holds the members of parts this document shares with its template, compressed
    once: Word's styles alone are a third of a megabyte.
    """
    package = document.part.package
    keep_allowed_parts(package)
    keep_allowed_settings(document.settings.element)
    if report is not None:
        embed_report(document, report)
    package.relate_to(extended_properties_part(document), RT.EXTENDED_PROPERTIES)
    parts = list(package.iter_parts())
    entries = [
        zip_entry(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),
        zip_entry(PACKAGE_URI.rels_uri.membername, package.rels.xml),
    ]
    for part in parts:
        name, source = part.partname.membername, part_source(part)
        known = shared.get(name)
        entries.append(known if known and known.source is source else zip_entry(name, part.blob))
        if len(part.rels):
            entries.append(zip_entry(part.partname.rels_uri.membername, part.rels.xml))
    return zip_bytes(entries)


def zip_bytes(entries: list[ZipEntry]) -> bytes:
    """The zip file ``zipfile`` would write of these members, dated 1980-01-01."""
    members, directory = bytearray(), bytearray()
    for entry in entries:
        info = zipfile.ZipInfo(entry.name, _FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = _READ_WRITE << 16
        info.CRC, info.file_size, info.compress_size = entry.crc, entry.size, len(entry.compressed)
        offset = len(members)
        members += info.FileHeader(False) + entry.compressed
        directory += _directory_record(info, offset)
    end = struct.pack(
        _END_LAYOUT,
        _END_SIGNATURE,
        0,
        0,
        len(entries),
        len(entries),
        len(directory),
        len(members),
        0,
    )
    return bytes(members + directory + end)


def _directory_record(info: zipfile.ZipInfo, offset: int) -> bytes:
    """A member's record in the zip's central directory, as ``zipfile`` writes it."""
    year, month, day, hour, minute, second = info.date_time
    filename = info.filename.encode("ascii")
    return (
        struct.pack(
            _DIRECTORY_LAYOUT,
            _DIRECTORY_SIGNATURE,
            info.create_version,
            info.create_system,
            info.extract_version,
            info.reserved,
            info.flag_bits,
            info.compress_type,
            hour << 11 | minute << 5 | second // 2,
            (year - 1980) << 9 | month << 5 | day,
            info.CRC,
            info.compress_size,
            info.file_size,
            len(filename),
            0,
            0,
            0,
            info.internal_attr,
            info.external_attr,
            offset,
        )
        + filename
    )


def xml_of(source):
    """A part's XML, whether python-docx parsed it (styles, headers) or holds it as bytes
    (the theme, the font table); None for the package and for parts that are no XML."""
    if isinstance(source, XmlPart):
        return source.element
    if _kind(source).endswith("xml"):
        return parse_xml(source.blob)  # python-docx's parser, which resolves no entities
    return None
