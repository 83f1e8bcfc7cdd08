"""Every report's Word document carries the report's data, for `gfmd-reports import`: in a
Custom XML part Word and LibreOffice keep, the same bytes for the same report."""

from __future__ import annotations

import io
import json
import zipfile
from importlib.metadata import version

from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE
from lxml import etree

from gfmd_reports import load_report, render
from gfmd_reports.loading import validate_data

ITEM = "customXml/item1.xml"


def test_a_reports_docx_carries_its_data_as_a_report_file_holds_it():
    report = load_report(WRITTEN_EXAMPLE)
    package = zipfile.ZipFile(io.BytesIO(render(report, "docx")))
    root = etree.fromstring(package.read(ITEM))
    assert root.tag == "{urn:gfmd-reports:report:1}report"
    assert root.get("tool") == version("gfmd-reports")
    data = json.loads(root.text)
    assert validate_data(data).report == report
    items = data["sessions"][0]["conclusions"]["items"]
    assert (
        items[3] == "Policies should be gender-sensitive and include reproductive health services."
    )
    properties = etree.fromstring(package.read("customXml/itemProps1.xml"))
    assert properties.tag.endswith("}datastoreItem")
    relationships = package.read("word/_rels/document.xml.rels").decode()
    assert 'Target="../customXml/item1.xml"' in relationships


def test_the_data_part_is_the_same_bytes_for_the_same_report():
    report = load_report(ORAL_EXAMPLE)
    first = zipfile.ZipFile(io.BytesIO(render(report, "docx")))
    second = zipfile.ZipFile(io.BytesIO(render(load_report(ORAL_EXAMPLE), "docx")))
    assert first.read(ITEM) == second.read(ITEM)
    assert first.read("customXml/itemProps1.xml") == second.read("customXml/itemProps1.xml")
