"""A theme's reference document, opened for its styles and page setup only.

Themes may come from anyone, and every report made with one carries what its reference
document gives. A reference that holds macros or embedded programs, links to files outside
itself (an attached template Word would fetch, a linked picture, a mail-merge data source),
or fields in its headers and footers that fetch or run something, is refused with the part
named. Everything else the output does not need is left out by the package's allow-list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.rel import _Relationship
from docx.oxml.ns import qn

from gfmd_reports.errors import ReportError
from gfmd_reports.formats.docx.package import keep_allowed_parts, referenced_ids, xml_of
from gfmd_reports.i18n import _, mark

_MICROSOFT = "http://schemas.microsoft.com/office/2006/relationships/"
_CODE_RELATIONSHIPS = {
    _MICROSOFT + "vbaProject": mark("a macro project"),
    _MICROSOFT + "wordVbaData": mark("macro data"),
    _MICROSOFT + "keyMapCustomizations": mark("macro shortcuts"),
    _MICROSOFT + "attachedToolbars": mark("macro toolbars"),
    _MICROSOFT + "activeXControlBinary": mark("an ActiveX control"),
    RT.CONTROL: mark("an ActiveX control"),
    RT.OLE_OBJECT: mark("an embedded object"),
    RT.PACKAGE: mark("an embedded document"),
}
_CODE_CONTENT_TYPES = {
    "application/vnd.ms-office.vbaProject": mark("a macro project"),
    "application/vnd.ms-word.vbaData+xml": mark("macro data"),
    "application/vnd.ms-office.activeX+xml": mark("an ActiveX control"),
    "application/vnd.ms-office.activeX": mark("an ActiveX control"),
    "application/vnd.openxmlformats-officedocument.oleObject": mark("an embedded object"),
}
_SAFE_FIELDS = {
    "PAGE",
    "NUMPAGES",
    "SECTION",
    "SECTIONPAGES",
    "STYLEREF",
    "TITLE",
    "SUBJECT",
    "AUTHOR",
    "KEYWORDS",
    "DATE",
    "TIME",
    "CREATEDATE",
    "SAVEDATE",
    "PRINTDATE",
    "FILENAME",
    "DOCPROPERTY",
}
"""Fields a header or footer may hold: none of them fetches, includes or runs anything."""
_FIELD_NAME = re.compile(r"\s*([A-Za-z=]+)")


def open_reference(path: Path):
    """Open a reference document emptied of its content, keeping its styles, page setup,
    headers and footers; refuse one that would bring code or outside links into the report."""
    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a file that is no DOCX
        raise ReportError(
            _(
                "{file}: not a Word document (.docx) that can be read: {error}",
                file=path,
                error=error,
            )
        ) from error
    package = document.part.package
    _refuse_code_and_links(package, path)
    _empty_body(document)
    keep_allowed_parts(package)
    for part in package.iter_parts():
        _refuse_dangling_references(part, path)
        _refuse_unsafe_fields(part, path)
    return document


def _relationships(package) -> Iterator[tuple[str, _Relationship]]:
    """Every relationship of the package and its parts, with the name of its source."""
    yield from (("/", relationship) for relationship in package.rels.values())
    for part in package.iter_parts():
        yield from ((part.partname, relationship) for relationship in part.rels.values())


def _refuse_code_and_links(package, path: Path) -> None:
    for source, relationship in _relationships(package):
        kind = relationship.reltype.rsplit("/", 1)[-1]
        if relationship.is_external:
            if relationship.reltype != RT.HYPERLINK:  # a link in the text: left out with it
                raise ReportError(
                    _(
                        "{file}: {part} links to {target} (its {kind}), outside the document, "
                        "which Word would fetch whenever a report is opened: a reference "
                        "document may not link to files outside itself: remove the link in "
                        "Word and save it again",
                        file=path,
                        part=source.lstrip("/"),
                        target=relationship.target_ref,
                        kind=kind,
                    )
                )
            continue
        target = relationship.target_part
        what = _CODE_RELATIONSHIPS.get(relationship.reltype) or _CODE_CONTENT_TYPES.get(
            target.content_type
        )
        if what:
            raise ReportError(
                _(
                    "{file}: holds {part}, {what}: a report must not carry macros or embedded "
                    "programs, and a reference document gives only styles and page setup: save "
                    "it as a Word Document (.docx) without them",
                    file=path,
                    part=target.partname.lstrip("/"),
                    what=_(what),
                )
            )


def _empty_body(document) -> None:
    """Remove the reference's text and notes, keeping the page setup of its last section."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for section in body.findall(qn("w:sectPr")):
        for printer in section.findall(qn("w:printerSettings")):  # a printer's own binary data
            section.remove(printer)
    for relationship_id, relationship in list(document.part.rels.items()):
        if relationship.reltype in {RT.FOOTNOTES, RT.ENDNOTES}:
            document.part.drop_rel(relationship_id)
    settings = document.settings.element
    for tag in ("w:footnotePr", "w:endnotePr"):
        for notes_settings in settings.findall(qn(tag)):
            settings.remove(notes_settings)


def _refuse_dangling_references(part, path: Path) -> None:
    """Refuse a kept part whose XML names something the output cannot carry (a chart, a
    link, an embedded object in a header), which would otherwise be left dangling."""
    for identifier in referenced_ids(part):
        if identifier not in part.rels:
            raise ReportError(
                _(
                    "{file}: {part} refers to {identifier}, which a report cannot carry (only "
                    "text, fields, pictures and styles): remove it from the reference document "
                    "in Word and save it again",
                    file=path,
                    part=part.partname.lstrip("/"),
                    identifier=identifier,
                )
            )


def _refuse_unsafe_fields(part, path: Path) -> None:
    xml = xml_of(part)
    if xml is None:
        return
    for instruction in _field_instructions(xml):
        found = _FIELD_NAME.match(instruction)
        name = found[1].upper() if found else instruction.strip()
        if name not in _SAFE_FIELDS:
            raise ReportError(
                _(
                    "{file}: {part} holds the field {name}, which may fetch, include or run "
                    "something: a reference document's headers and footers may hold only the "
                    "fields {fields}",
                    file=path,
                    part=part.partname.lstrip("/"),
                    name=name or _("(empty)"),
                    fields=", ".join(sorted(_SAFE_FIELDS)),
                )
            )


def _field_instructions(xml) -> Iterator[str]:
    """Each field's instruction: simple fields' and complex fields' (nested ones too)."""
    for simple in xml.iter(qn("w:fldSimple")):
        yield simple.get(qn("w:instr"), "")
    open_fields: list[list[str]] = []
    for element in xml.iter(qn("w:fldChar"), qn("w:instrText")):
        if element.tag == qn("w:instrText"):
            if open_fields:
                open_fields[-1].append(element.text or "")
            continue
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            open_fields.append([])
        elif kind == "end" and open_fields:
            yield "".join(open_fields.pop())
