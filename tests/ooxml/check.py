"""Check a Word document against the OOXML standard, as Word reads it.

Word refuses or "repairs" a file that breaks the ECMA-376 schema or whose package does not
hold together. There is no Word here, so every DOCX the tests make is checked against the
standard instead: each XML part against the ECMA-376 5th edition Transitional schemas (in
``schemas/``, after Markup Compatibility is applied as Word applies it), and what a schema
cannot say: every part has a content type, every relationship and every r:id resolves, no
relationship leads outside the file, every footnote reference has its footnote, every style
and list a paragraph names exists, and run properties come in the order Word 2007 and the
Open XML SDK expect (the 5th edition leaves it free, older readers do not).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
_TRANSITIONAL = "ecma376-5th/OfficeOpenXML-XMLSchema-Transitional/"
_PACKAGING = "ecma376-5th/OpenPackagingConventions-XMLSchema/"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML = "http://www.w3.org/XML/1998/namespace"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
REPORT_DATA = "{urn:gfmd-reports:report:1}report"
_OFFICE = "urn:schemas-microsoft-com:office:office"

# Each namespace from a local file, imported in this order so that the ECMA schemas' imports
# without a location (xml.xsd) or with a web address (Dublin Core) find these: nothing is
# fetched.
_SCHEMA_FILES = (
    (XML, "xml.xsd"),
    ("http://purl.org/dc/elements/1.1/", "dc.xsd"),
    ("http://purl.org/dc/dcmitype/", "dcmitype.xsd"),
    ("http://purl.org/dc/terms/", "dcterms.xsd"),
    (
        "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
        _TRANSITIONAL + "shared-commonSimpleTypes.xsd",
    ),
    (W, _TRANSITIONAL + "wml.xsd"),
    (A, _TRANSITIONAL + "dml-main.xsd"),
    ("urn:schemas-microsoft-com:vml", _TRANSITIONAL + "vml-main.xsd"),
    (_OFFICE, _TRANSITIONAL + "vml-officeDrawing.xsd"),
    ("urn:schemas-microsoft-com:office:word", _TRANSITIONAL + "vml-wordprocessingDrawing.xsd"),
    (EP, _TRANSITIONAL + "shared-documentPropertiesExtended.xsd"),
    (DS, _TRANSITIONAL + "shared-customXmlDataProperties.xsd"),
    (CT, _PACKAGING + "opc-contentTypes.xsd"),
    (PR, _PACKAGING + "opc-relationships.xsd"),
    (CP, _PACKAGING + "opc-coreProperties.xsd"),
)

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
ROOTS = {
    _WML + "document.main+xml": f"{{{W}}}document",
    _WML + "styles+xml": f"{{{W}}}styles",
    _WML + "settings+xml": f"{{{W}}}settings",
    _WML + "fontTable+xml": f"{{{W}}}fonts",
    _WML + "numbering+xml": f"{{{W}}}numbering",
    _WML + "footnotes+xml": f"{{{W}}}footnotes",
    _WML + "header+xml": f"{{{W}}}hdr",
    _WML + "footer+xml": f"{{{W}}}ftr",
    "application/vnd.openxmlformats-officedocument.theme+xml": f"{{{A}}}theme",
    "application/vnd.openxmlformats-package.core-properties+xml": f"{{{CP}}}coreProperties",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": f"{{{EP}}}Properties",
    "application/vnd.openxmlformats-package.relationships+xml": f"{{{PR}}}Relationships",
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml": (
        f"{{{DS}}}datastoreItem"
    ),
}
"""The XML parts a report's DOCX may hold, by content type, with the root each must have."""

BINARY_TYPES = ("image/", "application/vnd.openxmlformats-officedocument.obfuscatedFont")
"""The parts that are no XML which a report's DOCX may hold: pictures and embedded fonts."""
_PREFIXES = {f"{{{W}}}": "w:", f"{{{A}}}": "a:", f"{{{R}}}": "r:"}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class _Standard:
    schema: etree.XMLSchema
    understood: frozenset[str]
    """The namespaces the schemas define: markup in others is ignorable or wrong."""
    run_properties: tuple[str, ...]
    """The order of w:rPr's children (EG_RPrBase), as wml.xsd lists them."""


@cache
def _standard() -> _Standard:
    imports = "".join(
        f'<xsd:import namespace="{namespace}" schemaLocation="{(SCHEMAS / path).as_uri()}"/>'
        for namespace, path in _SCHEMA_FILES
    )
    driver = etree.fromstring(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:driver">'
        f"{imports}</xsd:schema>",
        _PARSER,
    )
    understood = {MC, XML}
    for path in SCHEMAS.rglob("*.xsd"):
        namespace = etree.parse(str(path), _PARSER).getroot().get("targetNamespace")
        understood.add(namespace)
    wml = etree.parse(str(SCHEMAS / _TRANSITIONAL / "wml.xsd"), _PARSER).getroot()
    xsd = "{http://www.w3.org/2001/XMLSchema}"
    (group,) = wml.iterfind(f"{xsd}group[@name='EG_RPrBase']")
    order = tuple(f"{{{W}}}{element.get('name')}" for element in group.iter(f"{xsd}element"))
    return _Standard(etree.XMLSchema(driver), frozenset(understood), order)


def docx_problems(data: bytes) -> list[str]:
    """Everything in a DOCX that Word would refuse or repair, one line each; none if it is sound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        return [f"not a ZIP file: {error}"]
    parts = {f"/{name}": archive.read(name) for name in archive.namelist()}
    problems: list[str] = []
    types = _content_types(parts, problems)
    relationships = _relationships(parts, problems)
    trees = {}
    for name, content_type in types.items():
        if content_type.endswith("xml"):
            problems += _part_problems(name, parts[name], content_type)
            trees[name] = etree.fromstring(parts[name], _PARSER)
        elif not content_type.startswith(BINARY_TYPES):
            problems.append(f"{name}: a part of type {content_type}, which a report does not hold")
    for name, tree in trees.items():
        problems += _unresolved_ids(name, tree, relationships.get(name, {}))
    problems += _cross_references(trees, relationships)
    return problems


def _content_types(parts: dict[str, bytes], problems: list[str]) -> dict[str, str]:
    """Each part's content type; a part without one is a problem (Word refuses the file)."""
    name = "/[Content_Types].xml"
    if name not in parts:
        problems.append(f"{name}: missing")
        return {}
    root = etree.fromstring(parts[name], _PARSER)
    problems += _schema_problems(name, root, f"{{{CT}}}Types")
    defaults = {
        e.get("Extension").lower(): e.get("ContentType") for e in root.iter(f"{{{CT}}}Default")
    }
    overrides = {
        e.get("PartName").lower(): e.get("ContentType") for e in root.iter(f"{{{CT}}}Override")
    }
    types = {}
    for part in parts:
        if part == name:
            continue
        file = posixpath.basename(part)
        extension = file.rpartition(".")[2].lower() if "." in file else ""
        content_type = overrides.get(part.lower()) or defaults.get(extension)
        if content_type is None:
            problems.append(f"{part}: has no content type in [Content_Types].xml")
        else:
            types[part] = content_type
    for override in overrides:
        if override not in {part.lower() for part in parts}:
            problems.append(f"{name}: names {override}, which the package does not hold")
    return types


def _relationships(
    parts: dict[str, bytes], problems: list[str]
) -> dict[str, dict[str, tuple[str, str]]]:
    """Each part's relationships (id → kind, target part), checking that every target is inside
    the package and exists."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        folder, file = posixpath.split(name)
        source = posixpath.join(posixpath.dirname(folder), file.removesuffix(".rels"))
        if source != "/" and source not in parts:
            problems.append(f"{name}: relationships of {source}, which the package does not hold")
        table = found.setdefault(source, {})
        for relationship in etree.fromstring(data, _PARSER).iter(f"{{{PR}}}Relationship"):
            identifier, target = relationship.get("Id"), relationship.get("Target")
            if relationship.get("TargetMode") == "External":
                problems.append(f"{name}: {identifier} leads outside the file, to {target}")
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            if path not in parts:
                problems.append(f"{name}: {identifier} leads to {path}, which does not exist")
            table[identifier] = (relationship.get("Type").rsplit("/", 1)[-1], path)
    if "/" not in found:
        problems.append("/_rels/.rels: missing")
    return found


@lru_cache(maxsize=256)
def _part_problems(name: str, data: bytes, content_type: str) -> list[str]:
    """A part's problems against the schema of its content type; a part's bytes are checked
    once, as most are the same in every document of a test run."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        return [f"{name}: not well-formed XML: {error}"]
    if content_type == "application/xml" and name.startswith("/customXml/"):
        # A Custom XML data part holds any XML (ECMA-376 Part 1, 15.2.5): no schema applies,
        # and Word applies no markup compatibility to it; a report's holds its data.
        return [] if root.tag == REPORT_DATA else [f"{name}: its root is {root.tag}"]
    if content_type not in ROOTS:
        return [f"{name}: a part of type {content_type}, which a report's DOCX does not hold"]
    problems = _run_property_order(name, root)
    _apply_markup_compatibility(root, frozenset())
    return problems + _schema_problems(name, root, ROOTS[content_type])


def _schema_problems(name: str, root, expected_root: str) -> list[str]:
    if root.tag != expected_root:
        return [f"{name}: its root is {root.tag}, where {expected_root} belongs"]
    schema = _standard().schema
    if schema.validate(etree.ElementTree(root)):
        return []
    return [f"{name}:{error.line}: {_short(error.message)}" for error in schema.error_log]


def _short(message: str) -> str:
    for namespace, prefix in _PREFIXES.items():
        message = message.replace(namespace, prefix)
    return message


def _apply_markup_compatibility(element, inherited: frozenset[str]) -> None:
    """Apply ECMA-376 Part 3 as a reader of the standard's namespaces does: markup of
    namespaces declared ignorable that it does not understand goes, and of each
    mc:AlternateContent the first choice it understands (or the fallback) stays."""
    understood = _standard().understood
    ignorable = _ignorable(element, inherited)
    element.attrib.pop(f"{{{MC}}}Ignorable", None)
    for attribute in list(element.attrib):
        namespace = etree.QName(attribute).namespace
        if namespace in ignorable and namespace not in understood:
            del element.attrib[attribute]
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{{{MC}}}AlternateContent":
            _choose_alternative(element, child, ignorable)
        elif etree.QName(child).namespace in _ignorable(child, ignorable) - understood:
            element.remove(child)
        else:
            _apply_markup_compatibility(child, ignorable)


def _ignorable(element, inherited: frozenset[str]) -> frozenset[str]:
    """The namespaces ignorable on an element: its parents' and those it declares itself."""
    declared = element.get(f"{{{MC}}}Ignorable", "").split()
    return inherited | {element.nsmap[prefix] for prefix in declared if prefix in element.nsmap}


def _choose_alternative(parent, alternate, ignorable: frozenset[str]) -> None:
    understood = _standard().understood
    chosen = None
    for branch in alternate:
        requires = branch.get("Requires", "").split()
        if branch.tag == f"{{{MC}}}Fallback" or (
            requires and all(branch.nsmap.get(prefix) in understood for prefix in requires)
        ):
            chosen = branch
            break
    for child in list(chosen) if chosen is not None else []:
        alternate.addprevious(child)
        _apply_markup_compatibility(child, ignorable)
    parent.remove(alternate)


def _run_property_order(name: str, root) -> list[str]:
    """Run properties out of the order Word 2007 and the Open XML SDK read them in."""
    order = _standard().run_properties
    problems = []
    for properties in root.iter(f"{{{W}}}rPr"):
        ranks = [order.index(child.tag) for child in properties if child.tag in order]
        if ranks != sorted(ranks):
            children = " ".join(etree.QName(child).localname for child in properties)
            problems.append(
                f"{name}:{properties.sourceline}: w:rPr children out of order: {children}"
            )
    return problems


def _unresolved_ids(name: str, tree, relationships: dict[str, str]) -> list[str]:
    """r:id, r:embed and the like that name no relationship of their part."""
    problems = []
    for element in tree.iter():
        for attribute, value in element.attrib.items():
            namespace = etree.QName(attribute).namespace
            if (
                namespace == R or attribute == f"{{{_OFFICE}}}relid"
            ) and value not in relationships:
                problems.append(
                    f"{name}:{element.sourceline}: {etree.QName(element).localname} names "
                    f"the relationship {value}, which the part does not have"
                )
    return problems


def _cross_references(trees: dict, relationships: dict) -> list[str]:
    """Footnotes, styles and lists that the document names and must hold."""
    main = _related(relationships, "/", "officeDocument")
    if main not in trees:
        return ["/_rels/.rels: no main document part"]
    styles, numbering = (_related(relationships, main, kind) for kind in ("styles", "numbering"))
    stories = [
        main,
        *(
            target
            for kind, target in relationships.get(main, {}).values()
            if kind in {"header", "footer", "footnotes"}
        ),
    ]
    problems = _footnote_problems(trees, main, relationships)
    problems += _style_problems(trees, stories, styles)
    problems += _numbering_problems(trees, [*stories, styles], numbering)
    return problems


def _related(relationships: dict, source: str, kind: str) -> str | None:
    """The part a source relates to with a relationship of a kind (styles, numbering, …)."""
    return next(
        (target for found, target in relationships.get(source, {}).values() if found == kind), None
    )


def _values(trees: dict, parts, tag: str, attribute: str = "val") -> list[tuple[str, str]]:
    return [
        (part, element.get(f"{{{W}}}{attribute}"))
        for part in parts
        if part in trees
        for element in trees[part].iter(f"{{{W}}}{tag}")
    ]


def _footnote_problems(trees: dict, main: str, relationships: dict) -> list[str]:
    footnotes, settings = (
        _related(relationships, main, kind) for kind in ("footnotes", "settings")
    )
    notes = {identifier for _, identifier in _values(trees, [footnotes], "footnote", "id")}
    cited = _values(trees, [main], "footnoteReference", "id")
    separators = _values(trees, [settings], "footnote", "id")
    return [
        f"{part}: names footnote {identifier}, which the document does not hold"
        for part, identifier in cited + separators
        if identifier not in notes
    ]


def _style_problems(trees: dict, stories: list[str], styles: str | None) -> list[str]:
    ids = {identifier for _, identifier in _values(trees, [styles], "style", "styleId")}
    named = [
        *(
            item
            for tag in ("pStyle", "rStyle", "tblStyle")
            for item in _values(trees, stories, tag)
        ),
        *(item for tag in ("basedOn", "next", "link") for item in _values(trees, [styles], tag)),
    ]
    return [
        f"{part}: names the style {style}, which styles.xml does not hold"
        for part, style in named
        if style not in ids
    ]


def _numbering_problems(trees: dict, parts: list, numbering: str | None) -> list[str]:
    lists = {identifier for _, identifier in _values(trees, [numbering], "num", "numId")}
    definitions = {
        identifier for _, identifier in _values(trees, [numbering], "abstractNum", "abstractNumId")
    }
    problems = [
        f"{part}: names the list {identifier}, which numbering.xml does not hold"
        for part, identifier in _values(trees, parts, "numId")
        if identifier != "0" and identifier not in lists
    ]
    problems += [
        f"{part}: a list of the definition {identifier}, which numbering.xml does not hold"
        for part, identifier in _values(trees, [numbering], "abstractNumId")
        if identifier not in definitions
    ]
    return problems
