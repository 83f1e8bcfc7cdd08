"""The report's data carried in the Word document it was rendered from, as a Custom XML part:
Word and LibreOffice keep such parts when they save, so that ``gfmd-reports import`` can tell
which text of an edited document came from which field.

The part is ``customXml/item1.xml``, with its ``itemProps1.xml`` (the id Word's data store
knows it by), related from the document part; it holds the report as JSON, the data a report
file holds, in an element of the namespace ``urn:gfmd-reports:report:1`` with the tool's version.
"""

from __future__ import annotations

import json
import uuid

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from gfmd_reports.formats.docx.properties import tool_version
from gfmd_reports.formats.docx.reading import REPORT, REPORT_NAMESPACE

_DATA_STORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_ITEM_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, REPORT_NAMESPACE)).upper() + "}"
"""The same id in every report, so that the same report gives the same bytes."""


def embed_report(document, data: dict) -> None:
    """Relate a Custom XML part holding the report's data from the document part."""
    package = document.part.package
    root = etree.Element(REPORT, {"tool": tool_version()}, nsmap={None: REPORT_NAMESPACE})
    root.text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    item = Part(PackURI("/customXml/item1.xml"), CT.XML, _xml(root), package)
    properties = etree.Element(
        f"{{{_DATA_STORE}}}datastoreItem",
        {f"{{{_DATA_STORE}}}itemID": _ITEM_ID},
        nsmap={"ds": _DATA_STORE},
    )
    references = etree.SubElement(properties, f"{{{_DATA_STORE}}}schemaRefs")
    etree.SubElement(
        references, f"{{{_DATA_STORE}}}schemaRef", {f"{{{_DATA_STORE}}}uri": REPORT_NAMESPACE}
    )
    item.relate_to(
        Part(
            PackURI("/customXml/itemProps1.xml"),
            CT.OFC_CUSTOM_XML_PROPERTIES,
            _xml(properties),
            package,
        ),
        RT.CUSTOM_XML_PROPS,
    )
    document.part.relate_to(item, RT.CUSTOM_XML)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
