"""A Word document read back as what a reader sees in it: its paragraphs in order, their styles,
list levels and emphasis, its footnotes, and the tracked changes and comments still in it.

Word's edits are read as accepted (insertions kept, deletions dropped, moved text at its new
place), since the document a reviewer sends back is the text they mean; each tracked change
and comment is also listed, so that none is lost. What Word adds to a document's XML without
changing what it says (spelling marks, bookmarks, revision ids, a run split at each editing
session, smart tags, content controls, fields' codes) reads as nothing, and runs that look the
same are joined.
"""

from __future__ import annotations

import io
import json
import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from docx.styles import BabelFish
from lxml import etree

from gfmd_reports.errors import Problem, ReportFileError
from gfmd_reports.formats.docx.wordml import w
from gfmd_reports.i18n import _

REPORT_NAMESPACE = "urn:gfmd-reports:report:1"
"""The namespace of the report's data that a rendered document carries (see package.py)."""
REPORT = f"{{{REPORT_NAMESPACE}}}report"

_MAX_PART_BYTES = 16 * 2**20
"""Far more than the largest report's document holds (the examples' document.xml is 15 kB,
all their parts 0.4 MB): a part declaring or unzipping to more is refused, not read, so that
a small zip cannot make the reader parse a huge document."""
_MAX_TOTAL_BYTES = 64 * 2**20
"""All the parts read, together, unzipped."""
_MAX_CUSTOM_XML_ITEMS = 8
"""The custom XML parts looked into for the report's data (Word adds a few of its own)."""
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file starts: an encrypted (password-protected) Office file, or a
Word 97-2003 .doc."""
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_EXTENDED_PROPERTIES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_P, _R, _T, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = map(
    w, ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent")
)
_PPR, _RPR, _PSTYLE, _RSTYLE, _NUM_PR, _ILVL, _NUM_ID = map(
    w, ("pPr", "rPr", "pStyle", "rStyle", "numPr", "ilvl", "numId")
)
_INS, _DEL, _MOVE_FROM, _MOVE_TO = map(w, ("ins", "del", "moveFrom", "moveTo"))
_RPR_CHANGE, _PPR_CHANGE = w("rPrChange"), w("pPrChange")
_FOOTNOTE_REFERENCE, _ENDNOTE_REFERENCE = w("footnoteReference"), w("endnoteReference")
_COMMENT_START, _COMMENT_REFERENCE = w("commentRangeStart"), w("commentReference")
_FLD_CHAR, _FLD_SIMPLE, _VAL = w("fldChar"), w("fldSimple"), w("val")
_CONTAINERS = frozenset(
    map(w, ("hyperlink", "smartTag", "customXml", "bdo", "dir", "fldSimple", "ins", "moveTo"))
)
"""Inline elements whose runs are read as if they were not there (their text is kept)."""
_RUN_TEXT = {w("tab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "\u2011"}
_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE_CONTENT = f"{{{_COMPATIBILITY}}}AlternateContent"
_CHOICE, _FALLBACK = f"{{{_COMPATIBILITY}}}Choice", f"{{{_COMPATIBILITY}}}Fallback"
_TEXT_BOX_CONTENT = w("txbxContent")
_SHAPES = frozenset({w("drawing"), w("pict"), _ALTERNATE_CONTENT})
"""What holds a shape, and a text box's paragraphs in it (DrawingML, VML, or both)."""
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_EQUATIONS = frozenset({f"{{{_MATH}}}oMath", f"{{{_MATH}}}oMathPara"})
_EMBEDDED_DOCUMENT = w("altChunk")
_FALSE = frozenset({"0", "false", "off", "none"})

AnnotationKind = Literal[
    "insertion", "deletion", "move", "formatting", "comment", "equation", "embedded document"
]


@dataclass(frozen=True)
class Span:
    """Text that looks one way, or a footnote call (empty text, the note's id)."""

    text: str
    italic: bool = False
    bold: bool = False
    note: str | None = None
    """A footnote call: the footnote's id in the document (an endnote's is ``e`` and its id)."""


@dataclass(frozen=True)
class ReadParagraph:
    """A paragraph as Word shows it."""

    style: str
    """The style's name as Word shows it ("Heading 1", "List Bullet", …)."""
    spans: tuple[Span, ...]
    list_level: int | None = None
    """The numbering level if the paragraph is in a list (its own or its style's numbering)."""
    numbered: bool | None = None
    """Whether its list is numbered rather than bulleted, when the document says."""
    text_box: bool = False
    """Whether it is in a text box (read after the paragraph the box is anchored to)."""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Annotation:
    """A tracked change or a comment still in the document, or what a report cannot hold
    and the reader does not read (an equation, a document embedded in this one)."""

    kind: AnnotationKind
    author: str | None
    date: str | None
    text: str
    """The inserted, deleted, moved or reformatted text; a comment's own text; an
    equation's characters."""
    paragraph: int
    """The index in ``ReadDocument.paragraphs`` of the paragraph it is in (or that cites the
    note it is in)."""


@dataclass(frozen=True)
class ReadDocument:
    """What a Word document says, its tracked changes accepted."""

    paragraphs: tuple[ReadParagraph, ...]
    """The body's paragraphs with text, in order; a table's row by row, cell by cell."""
    footnotes: dict[str, tuple[ReadParagraph, ...]]
    """The notes' paragraphs by the id their calls give (``Span.note``)."""
    annotations: tuple[Annotation, ...]
    embedded_report: dict | None
    """The report's data the tool put in the document when it rendered it, if it is there."""
    application: str | None = None
    """The program that last saved the document, as its properties say ("gfmd-reports 0.1.0",
    "Microsoft Office Word", "LibreOffice/7.4…"), if they say."""


def read_docx(raw: bytes, name: str) -> ReadDocument:
    """Read a Word document (.docx) as its reader sees it, its tracked changes accepted.

    Raises ReportFileError naming the file for what is not a Word document, is protected by
    a password, or is damaged.
    """
    package = _Package(raw, name)
    document_name = package.main_document()
    styles = _Styles(package.xml(package.related(document_name, "styles")))
    numbering = _Numbering(package.xml(package.related(document_name, "numbering")))
    reader = _StoryReader(styles, numbering)
    comments = _comments(package.xml(package.related(document_name, "comments")), styles)
    body = package.xml(document_name)
    if body is None or body.find(w("body")) is None:
        raise _damaged(name, _("it has no body text"))
    paragraphs, marks = reader.read(body.find(w("body")))
    notes: dict[str, tuple[ReadParagraph, ...]] = {}
    annotations = list(marks)
    for kind, prefix in (("footnotes", ""), ("endnotes", "e")):
        for identifier, read, note_marks in _notes(
            package.xml(package.related(document_name, kind)), reader
        ):
            notes[prefix + identifier] = read
            citing = _citing_paragraph(paragraphs, prefix + identifier)
            annotations += [replace(mark, paragraph=citing) for mark in note_marks]
    annotations += _comment_annotations(comments, reader.comment_places)
    return ReadDocument(
        tuple(paragraphs),
        notes,
        tuple(annotations),
        package.embedded_report(),
        package.application(),
    )


def _damaged(name: str, reason: str) -> ReportFileError:
    return ReportFileError(
        [
            Problem(
                name,
                "",
                _(
                    "this Word document cannot be read: {reason}; open it in Word or "
                    "LibreOffice and save it again as a .docx",
                    reason=reason,
                ),
            )
        ]
    )


class _Package:
    """The zip of a Word document, its parts found by their relationships."""

    def __init__(self, raw: bytes, name: str) -> None:
        self.name = name
        if raw.startswith(_COMPOUND_FILE):
            raise ReportFileError(
                [
                    Problem(
                        name,
                        "",
                        _(
                            "this file is protected by a password, or is an old Word "
                            "document (.doc): open it in Word, remove the password (File › "
                            "Info › Protect Document) and save it as a Word document (.docx)"
                        ),
                    )
                ]
            )
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            self.members = {info.filename: info for info in self.zip.infolist()}
            self.unzipped = 0
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise ReportFileError(
                [
                    Problem(
                        name,
                        "",
                        _(
                            "this is not a Word document (.docx): save it from Word or "
                            "LibreOffice as a Word document and try again"
                        ),
                    )
                ]
            ) from error

    def member_bytes(self, member: str) -> bytes | None:
        info = self.members.get(member)
        if info is None:
            return None
        allowed = min(_MAX_PART_BYTES, _MAX_TOTAL_BYTES - self.unzipped)
        if info.file_size > allowed:
            raise self._too_large(member)
        try:
            with self.zip.open(info) as part:
                data = part.read(allowed + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
            raise _damaged(self.name, _("its part {part} is damaged", part=member)) from error
        if len(data) > allowed:  # the zip's directory understated it
            raise self._too_large(member)
        self.unzipped += len(data)
        return data

    def _too_large(self, member: str) -> ReportFileError:
        return ReportFileError(
            [
                Problem(
                    self.name,
                    "",
                    _(
                        "this file is too large to be a report's document: unzipped, its part "
                        "{part} passes the limit of {limit} MB a part ({total} MB for all "
                        "parts); check that this is the report you meant to import",
                        part=member,
                        limit=_MAX_PART_BYTES // 2**20,
                        total=_MAX_TOTAL_BYTES // 2**20,
                    ),
                )
            ]
        )

    def xml(self, member: str | None):
        """A part's XML root, or None if there is no such part."""
        data = self.member_bytes(member) if member else None
        return None if data is None else self._parse(data, member)

    def _parse(self, data: bytes, member: str | None):
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as error:
            raise _damaged(self.name, _("its part {part} is damaged", part=member)) from error
        if root.getroottree().docinfo.doctype:
            # OOXML forbids a DTD and Word never writes one; its entities, left unexpanded,
            # would cut the text they are in short
            raise _damaged(self.name, _("its part {part} is damaged", part=member))
        return root

    def main_document(self) -> str:
        for target in self._targets("", _OFFICE_DOCUMENT):
            if target in self.members:
                return target
        raise ReportFileError(
            [
                Problem(
                    self.name,
                    "",
                    _(
                        "this is not a Word document (.docx): save it from Word or "
                        "LibreOffice as a Word document and try again"
                    ),
                )
            ]
        )

    def related(self, source: str, kind: str) -> str | None:
        """The first part of a kind (the relationship type's last word) related from a part."""
        suffix = "/" + kind
        targets = self._targets(source, None)
        return next((target for target, type_ in targets if type_.endswith(suffix)), None)

    def _targets(self, source: str, types) -> Iterator:
        folder, base = posixpath.split(source)
        relationships = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        for relationship in relationships if relationships is not None else ():
            if relationship.get("TargetMode") == "External":
                continue
            target = relationship.get("Target", "")
            resolved = posixpath.normpath(
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            )
            type_ = relationship.get("Type", "")
            if types is None:
                yield resolved, type_
            elif type_ in types:
                yield resolved

    def application(self) -> str | None:
        """What the extended properties (docProps/app.xml) name as the application."""
        for target in self._targets("", (_EXTENDED_PROPERTIES,)):
            root = self.xml(target) if target in self.members else None
            found = root.find(f"{{{_EXTENDED}}}Application") if root is not None else None
            if found is not None and found.text:
                return found.text.strip()
        return None

    def embedded_report(self) -> dict | None:
        """The report's data in a custom XML part, wherever an editor has put that part."""
        items = [
            member
            for member in sorted(self.members)
            if member.startswith("customXml/item") and member.count("/") == 1
        ]
        for member in items[:_MAX_CUSTOM_XML_ITEMS]:
            data = self.member_bytes(member)  # too large: refused, like any part
            try:
                root = self._parse(data, member) if data is not None else None
            except ReportFileError:
                continue  # another program's damaged part says nothing of the report
            if root is not None and root.tag == REPORT:
                try:
                    data = json.loads(root.text or "")
                except ValueError:
                    return None
                return data if isinstance(data, dict) else None
        return None


class _Styles:
    """The document's styles: names as Word shows them, emphasis, and list numbering."""

    def __init__(self, root) -> None:
        self.by_id: dict[str, object] = {}
        self.default_paragraph = "Normal"
        for style in root.iter(w("style")) if root is not None else ():
            self.by_id[style.get(w("styleId"), "")] = style
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                self.default_paragraph = style.get(w("styleId"), "")

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or self.default_paragraph)
        if style is None:
            return style_id or "Normal"
        name = style.find(w("name"))  # type: ignore[attr-defined]
        internal = name.get(_VAL) if name is not None else style_id
        return BabelFish.internal2ui(internal or "")

    def _chain(self, style_id: str | None) -> Iterator:
        """A style and those it is based on, nearest first (a loop is followed once)."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(w("basedOn"))  # type: ignore[attr-defined]
            style_id = based.get(_VAL) if based is not None else None

    def emphasis(self, style_id: str | None, tag: str) -> bool:
        """Whether a character style makes its text bold (w:b) or italic (w:i)."""
        for style in self._chain(style_id):
            found = style.find(f"{w('rPr')}/{tag}")
            if found is not None:
                return _on(found)
        return False

    def numbering(self, style_id: str | None):
        """The numPr a paragraph style gives its paragraphs, if any."""
        for style in self._chain(style_id or self.default_paragraph):
            found = style.find(f"{_PPR}/{_NUM_PR}")
            if found is not None:
                return found
        return None


class _Numbering:
    """Which lists are numbered and which bulleted, by numId and level."""

    def __init__(self, root) -> None:
        self.formats: dict[tuple[str, int], str] = {}
        if root is None:
            return
        abstract = {
            element.get(w("abstractNumId")): {
                int(level.get(w("ilvl"), "0")): _value(level.find(w("numFmt")), "decimal")
                for level in element.iter(w("lvl"))
            }
            for element in root.iter(w("abstractNum"))
        }
        for number in root.iter(w("num")):
            reference = number.find(w("abstractNumId"))
            levels = abstract.get(_value(reference, ""), {})
            for level, format_ in levels.items():
                self.formats[number.get(w("numId"), ""), level] = format_

    def numbered(self, num_id: str, level: int) -> bool | None:
        """Whether a list's level is numbered; a level its list leaves undefined (a single-
        level list indented) as its first."""
        format_ = self.formats.get((num_id, level)) or self.formats.get((num_id, 0))
        return None if format_ is None else format_ not in ("bullet", "none")


@dataclass
class _Paragraph:
    """A paragraph being read: its runs' spans and the marks in it."""

    spans: list[Span] = field(default_factory=list)
    marks: list[Annotation] = field(default_factory=list)
    text_boxes: list = field(default_factory=list)
    """The w:txbxContent of the text boxes anchored in it."""


class _StoryReader:
    """Reads a story (the body, a note) paragraph by paragraph, fields and changes followed."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.in_code: list[bool] = []
        """For each field opened and not closed, whether its code (not its result) is read."""
        self.comment_places: dict[str, int] = {}
        self.paragraph_index = 0

    def read(self, story) -> tuple[list[ReadParagraph], list[Annotation]]:
        """A story's paragraphs with text, and its marks placed in them."""
        read: list[ReadParagraph] = []
        annotations: list[Annotation] = []
        self.in_code = []
        self._story(story, read, annotations, text_box=False)
        return read, annotations

    def _story(
        self, story, read: list[ReadParagraph], annotations: list[Annotation], text_box: bool
    ) -> None:
        """Read a story's paragraphs into ``read``, each text box's after its anchor's."""
        carried = _Paragraph()
        for paragraph in _paragraphs(story):
            self.paragraph_index = len(read)
            if paragraph.tag == _EMBEDDED_DOCUMENT:
                place = max(len(read) - 1, 0)
                annotations.append(Annotation("embedded document", None, None, "", place))
                continue
            current = self._paragraph(paragraph)
            current.spans[:0], current.marks[:0] = carried.spans, carried.marks
            current.text_boxes[:0] = carried.text_boxes
            if _mark_deleted(paragraph):  # accepted, the paragraph joins the next
                carried = current
                continue
            carried = _Paragraph()
            spans = join_spans(current.spans)
            if any(span.text.strip() or span.note for span in spans):
                read.append(replace(self._read_paragraph(paragraph, spans), text_box=text_box))
            self._place(current, read, annotations)
        if carried.spans or carried.marks or carried.text_boxes:  # a last mark deleted
            spans = join_spans(carried.spans)
            if any(span.text.strip() or span.note for span in spans):
                read.append(ReadParagraph(self.styles.name(None), tuple(spans), text_box=text_box))
            self._place(carried, read, annotations)

    def _place(
        self, paragraph: _Paragraph, read: list[ReadParagraph], annotations: list[Annotation]
    ) -> None:
        """A paragraph's marks placed in the last paragraph read, then its text boxes read
        after it (a field open around the box is not the box's)."""
        index = max(len(read) - 1, 0)
        annotations += [replace(mark, paragraph=index) for mark in paragraph.marks]
        for box in paragraph.text_boxes:
            in_code, self.in_code = self.in_code, []
            self._story(box, read, annotations, text_box=True)
            self.in_code = in_code

    def _read_paragraph(self, paragraph, spans: list[Span]) -> ReadParagraph:
        properties = paragraph.find(_PPR)
        style_id = _value(properties.find(_PSTYLE) if properties is not None else None, "")
        numbering = properties.find(_NUM_PR) if properties is not None else None
        if numbering is None:
            numbering = self.styles.numbering(style_id or None)
        level, numbered = None, None
        if numbering is not None:
            num_id = _value(numbering.find(_NUM_ID), "")
            if num_id != "0":
                level = int(_value(numbering.find(_ILVL), "0") or 0)
                numbered = self.numbering.numbered(num_id, level)
        return ReadParagraph(self.styles.name(style_id or None), tuple(spans), level, numbered)

    def _paragraph(self, paragraph) -> _Paragraph:
        read = _Paragraph()
        properties = paragraph.find(_PPR)
        if properties is not None and properties.find(_PPR_CHANGE) is not None:
            read.marks.append(_mark("formatting", properties.find(_PPR_CHANGE), _text(paragraph)))
        self._inline(paragraph, read)
        return read

    def _inline(self, element, read: _Paragraph) -> None:
        for child in element:
            tag = child.tag
            if tag == _R:
                self._run(child, read)
            elif tag in _CONTAINERS:
                if tag in (_INS, _MOVE_TO) and (text := _text(child)):
                    kind: AnnotationKind = "insertion" if tag == _INS else "move"
                    read.marks.append(_mark(kind, child, text))
                self._inline(child, read)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, read)
            elif tag == _DEL:
                read.marks.append(_mark("deletion", child, _deleted_text(child)))
            elif tag == _ALTERNATE_CONTENT:
                self._inline(_alternative(child), read)
            elif tag in _EQUATIONS:
                equation = "".join(child.itertext(f"{{{_MATH}}}t"))
                read.marks.append(Annotation("equation", None, None, equation, 0))
            elif tag == _COMMENT_START:
                self.comment_places.setdefault(child.get(w("id"), ""), self.paragraph_index)
            # moveFrom (the moved text's old place), proofErr, bookmarks, permissions:
            # nothing a reader reads there

    def _run(self, run, read: _Paragraph) -> None:
        properties = run.find(_RPR)
        style_id = _value(properties.find(_RSTYLE) if properties is not None else None, "")
        italic = self._emphasis(properties, style_id, "i")
        bold = self._emphasis(properties, style_id, "b")
        if properties is not None and properties.find(_RPR_CHANGE) is not None:
            read.marks.append(_mark("formatting", properties.find(_RPR_CHANGE), _text(run)))
        for child in run:
            text = self._run_child(child, read)
            if text:
                read.spans.append(Span(text, italic, bold))

    def _run_child(self, child, read: _Paragraph) -> str:
        """The text a run's child reads as ("" for none), notes and comments noted."""
        tag = child.tag
        if tag == _FLD_CHAR:
            kind = child.get(w("fldCharType"))
            if kind == "begin":
                self.in_code.append(True)
            elif kind == "separate" and self.in_code:
                self.in_code[-1] = False
            elif kind == "end" and self.in_code:
                self.in_code.pop()
            return ""
        if self.in_code and self.in_code[-1]:
            return ""  # a field's code, not its result
        if tag == _T:
            return child.text or ""
        if tag == w("br"):
            return "" if child.get(w("type")) in ("page", "column") else "\n"
        if tag in (_FOOTNOTE_REFERENCE, _ENDNOTE_REFERENCE):
            prefix = "e" if tag == _ENDNOTE_REFERENCE else ""
            read.spans.append(Span("", note=prefix + child.get(w("id"), "")))
            return ""
        if tag == _COMMENT_REFERENCE:
            self.comment_places.setdefault(child.get(w("id"), ""), self.paragraph_index)
            return ""
        if tag == w("sym"):
            return _symbol(child.get(w("char"), ""))
        if tag in _SHAPES:
            read.text_boxes += _text_boxes(child)
            return ""
        return _RUN_TEXT.get(tag, "")

    def _emphasis(self, properties, style_id: str, name: str) -> bool:
        direct = properties.find(w(name)) if properties is not None else None
        if direct is not None:
            return _on(direct)
        return self.styles.emphasis(style_id or None, w(name))


def _paragraphs(story) -> Iterator:
    """A story's paragraphs in reading order: in tables row by row, in content controls and
    custom XML their content, the old place of moved paragraphs left out; and the documents
    embedded in it, as they come, to be said."""
    for child in story:
        if child.tag in (_P, _EMBEDDED_DOCUMENT):
            yield child
        elif child.tag == _ALTERNATE_CONTENT:
            yield from _paragraphs(_alternative(child))
        elif child.tag in (_TBL, _TR, _TC, w("customXml"), _INS, _MOVE_TO):
            yield from _paragraphs(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _paragraphs(content)


def _alternative(content):
    """The one branch of an mc:AlternateContent to read: the first choice that holds a text
    box (the form the reader understands), else the fallback; each holds the same thing."""
    for choice in content.iterchildren(_CHOICE):
        if next(choice.iter(_TEXT_BOX_CONTENT), None) is not None:
            return choice
    fallback = content.find(_FALLBACK)
    return fallback if fallback is not None else content.makeelement(_FALLBACK)


def _text_boxes(shape) -> list:
    """The outermost text boxes' contents in a shape (those nested in them are read with
    them), of one branch where the shape is given twice."""
    if shape.tag == _ALTERNATE_CONTENT:
        shape = _alternative(shape)
    boxes = []
    for element in shape:
        boxes += [element] if element.tag == _TEXT_BOX_CONTENT else _text_boxes(element)
    return boxes


def _mark_deleted(paragraph) -> bool:
    """Whether the paragraph's mark is a tracked deletion: accepted, it joins the next."""
    mark = paragraph.find(f"{_PPR}/{_RPR}")
    return mark is not None and (
        mark.find(_DEL) is not None or mark.find(w("moveFrom")) is not None
    )


def join_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans with neighbours that look the same joined (Word splits a run at each editing
    session), a paragraph's edges' spaces kept."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and span.note is None
            and last.note is None
            and (last.italic, last.bold) == (span.italic, span.bold)
        ):
            joined[-1] = replace(last, text=last.text + span.text)
        else:
            joined.append(span)
    return joined


def _notes(root, reader: _StoryReader) -> Iterator[tuple[str, tuple, list[Annotation]]]:
    """Each real note (separators left out): its id, paragraphs and marks."""
    for note in root.iter(w("footnote"), w("endnote")) if root is not None else ():
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs, marks = reader.read(note)
        paragraphs = [_without_leading_space(paragraph) for paragraph in paragraphs[:1]] + list(
            paragraphs[1:]
        )
        yield note.get(w("id"), ""), tuple(paragraphs), marks


def _without_leading_space(paragraph: ReadParagraph) -> ReadParagraph:
    """A note's first paragraph without the space Word puts after the note's number."""
    spans = list(paragraph.spans)
    while spans and not spans[0].note and not spans[0].text.lstrip():
        spans.pop(0)
    if spans and not spans[0].note:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
    return replace(paragraph, spans=tuple(spans))


def _citing_paragraph(paragraphs: list[ReadParagraph], note: str) -> int:
    for index, paragraph in enumerate(paragraphs):
        if any(span.note == note for span in paragraph.spans):
            return index
    return 0


@dataclass(frozen=True)
class _Comment:
    identifier: str
    author: str | None
    date: str | None
    text: str


def _comments(root, styles: _Styles) -> list[_Comment]:
    reader = _StoryReader(styles, _Numbering(None))
    comments = []
    for comment in root.iter(w("comment")) if root is not None else ():
        paragraphs, _marks = reader.read(comment)
        text = "\n".join(paragraph.text.strip() for paragraph in paragraphs)
        comments.append(
            _Comment(
                comment.get(w("id"), ""), comment.get(w("author")), comment.get(w("date")), text
            )
        )
    return comments


def _comment_annotations(comments: list[_Comment], places: dict[str, int]) -> list[Annotation]:
    return [
        Annotation(
            "comment",
            comment.author,
            comment.date,
            comment.text,
            places.get(comment.identifier, 0),
        )
        for comment in comments
    ]


def _mark(kind: AnnotationKind, change, text: str) -> Annotation:
    """A tracked change of a kind, as Word wrote its author and date (placed later)."""
    return Annotation(kind, change.get(w("author")), change.get(w("date")), text, 0)


def _text(element) -> str:
    """The visible text inside an element (deleted text and fields' codes left out)."""
    return "".join(
        node.text or "" for node in element.iter(_T) if not _inside(node, _DEL, _MOVE_FROM)
    )


def _inside(node, *tags: str) -> bool:
    return any(ancestor.tag in tags for ancestor in node.iterancestors())


def _deleted_text(element) -> str:
    return "".join(node.text or "" for node in element.iter(w("delText"), _T))


def _on(element) -> bool:
    """Whether a toggle property (w:b, w:i) is on: present, unless its value says off."""
    return element.get(_VAL, "1").lower() not in _FALSE


def _value(element, default: str) -> str:
    return element.get(_VAL, default) if element is not None else default


def _symbol(code: str) -> str:
    """A w:sym's character; Word writes symbol fonts' characters from U+F000 (a font's own
    glyphs, read as nothing but a replacement character)."""
    try:
        character = int(code, 16)
    except ValueError:
        return ""
    return chr(character) if character < 0xF000 else "\ufffd"


__all__ = [
    "REPORT_NAMESPACE",
    "Annotation",
    "ReadDocument",
    "ReadParagraph",
    "Span",
    "join_spans",
    "read_docx",
]
