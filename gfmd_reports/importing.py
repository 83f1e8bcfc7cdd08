"""A Word document read back into a report: exactly for one the tool rendered (whose data it
carries), with the edits a reader made in Word. The tool's own sentences stay as the template
writes them: an edit to one is said, never dropped.

Where each field's text stands in the document is found by rendering the report again with a
marker in place of each text field: the paragraphs of that skeleton are the document's, with
the fields' places marked among the template's own words. The edited document is lined up
with the plain render paragraph by paragraph; a paragraph that differs has its fields' texts
read from between the template's words, their italic, bold and footnote calls written back in
the report's inline syntax. A field that reads as it rendered keeps its source text.
"""

from __future__ import annotations

import difflib
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from gfmd_reports.errors import (
    FieldPath,
    Problem,
    ReportError,
    ReportFileError,
    format_field_path,
    quoted,
)
from gfmd_reports.formats import render
from gfmd_reports.formats.docx.reading import (
    Annotation,
    ReadDocument,
    ReadParagraph,
    Span,
    join_spans,
    read_docx,
)
from gfmd_reports.i18n import _, mark
from gfmd_reports.inline import Markup, footnote_references, styled_markup, text_with_calls
from gfmd_reports.loading import report_data, validate_data
from gfmd_reports.model import Report, ReportKind, text_values

_NOTE = "\ufffc"
"""A footnote call in a paragraph's flat text."""
_MARKER = re.compile(r"zq(\d+)qz", re.IGNORECASE)
_EXCERPT = 50
"""How many characters of a paragraph a message quotes."""


@dataclass
class ImportResult:
    """A report's data read from a Word document, and what a person should know of it."""

    data: dict
    """The report's data as a report file holds it (plain strings where the form keeps them)."""
    problems: list[Problem] = field(default_factory=list)
    """Warnings (text not placed, tracked changes and comments found, …), and the report's
    own problems where an edit made it invalid."""
    changed: list[str] = field(default_factory=list)
    """The fields whose text differs from the data the document carried, as field paths."""
    carried: dict | None = None
    """The data the document carried, as it was rendered (None for a draft read by its shape)."""


def import_docx(raw: bytes, name: str) -> ImportResult:
    """Read a Word document the tool rendered back into a report's data, with its edits; one
    it did not write (a rapporteur's own draft) as well as its shape allows.

    Raises ReportFileError for a document that cannot be read, carries damaged data, or was
    written by the tool without a report's data (a compilation's).
    """
    document = read_docx(raw, name)
    if document.embedded_report is None and _written_here(document):
        raise ReportFileError([Problem(name, "", _(NO_REPORT_DATA))])
    if document.embedded_report is None:
        return _read_as_draft(document, name)
    carried = validate_data(document.embedded_report, name)
    if carried.report is None:
        raise ReportFileError([Problem(name, "", _(_DAMAGED_DATA))])
    edited = _EditedReport(carried.report, document, name)
    result = edited.result()
    result.carried = document.embedded_report
    result.problems += _running_text_warnings(raw, edited.rendered, name)
    result.problems += [annotation_warning(name, document, note) for note in document.annotations]
    known = {(problem.field, problem.message) for problem in carried.problems}
    result.problems += [
        problem
        for problem in validate_data(result.data, name).problems
        if (problem.field, problem.message) not in known
    ]
    return result


def _read_as_draft(document: ReadDocument, name: str) -> ImportResult:
    """A document without the report's data: a rapporteur's own draft, or one whose data a
    program dropped, read by its shape, what is still to fill said as the report's errors."""
    # Loaded only for such a document; it builds this module's ImportResult.
    from gfmd_reports.word_drafts import read_foreign_report

    if not any(paragraph.text.strip() for paragraph in document.paragraphs):
        raise ReportFileError([Problem(name, "", _(_NO_TEXT))])
    result = read_foreign_report(document, name)
    result.problems.insert(0, Problem(name, "", _(READ_AS_DRAFT), "warning"))
    result.problems += validate_data(result.data, name).problems
    return result


def _written_here(document: ReadDocument) -> bool:
    """Whether gfmd-reports wrote the document and no other program saved it since."""
    return (document.application or "").startswith("gfmd-reports")


NO_REPORT_DATA = mark(
    "this Word document carries no report data of gfmd-reports: it was not rendered from a "
    "report by gfmd-reports (a compilation's document carries none), or a program that saved "
    "it dropped the data; import the .docx rendered from the report, or edit the report's file"
)
_NO_TEXT = mark(
    "this Word document carries no report data of gfmd-reports and holds no text: there is "
    "nothing to read into a report; import the .docx rendered from the report, or a draft"
)
READ_AS_DRAFT = mark(
    "this Word document carries no report data of gfmd-reports (it was not rendered by "
    "gfmd-reports, or a program that saved it dropped the data): read as a rapporteur's own "
    "draft, as well as its shape allows; check the report file against the document"
)
_DAMAGED_DATA = mark(
    "the report data this Word document carries is damaged: render the report again from its file"
)
_NOT_RENDERED = mark(
    "the report this Word document carries cannot be rendered again to read its edits: {reason}"
)
_TEMPLATE_CHANGED = mark(
    "words the template wrote were changed in Word, which no field of the report holds; the "
    "report keeps its text here: make the change in the report's file (or the theme's wording)"
)
_NOT_IN_A_LIST = mark(
    "a paragraph added in Word that follows no item of a list or narrative of the report, so "
    "no field can hold it: add its text to the report's file where it belongs"
)
_REMOVED = mark(
    "a paragraph the template wrote, {text}, was deleted in Word; the report still prints it: "
    "leave out the field it shows in the report's file if it should go"
)
_NOTE_CHANGED = mark(
    "a footnote cited in this paragraph was changed beyond its text (its template words or "
    "its paragraphs); the report keeps the note as it was: make the change in the report's file"
)
_SPLIT_UNCLEAR = mark(
    "the text of {fields}, which the template prints side by side, can be split between them "
    "in more than one way, as the words between them were typed inside one; the report keeps "
    "their text: make the change in the report's file"
)
_EMPHASIS_LOST = {
    "italic": mark(
        "the italics on {text} cannot be written in the report's syntax beside the punctuation "
        "and letters around them, so the text is kept without them: add them in the report's file"
    ),
    "bold": mark(
        "the bold on {text} cannot be written in the report's syntax beside the punctuation "
        "and letters around it, so the text is kept without it: add it in the report's file"
    ),
}
_RUNNING_TEXT_CHANGED = mark(
    "a running header or footer reads {text} after an edit in Word; the tool writes it from "
    "the report's data (the forum, its venue and dates, its chairs), so the edit is not kept: "
    "change those fields in the report's file"
)
_IN_PARAGRAPH = mark("paragraph {number} ({text}): {message}")
_ANNOTATIONS = {
    "insertion": mark(
        "text inserted by {author} ({date}) is still a tracked change; read as accepted: {text}"
    ),
    "deletion": mark(
        "text deleted by {author} ({date}) is still a tracked change; read as "
        "accepted (left out): {text}"
    ),
    "move": mark(
        "text moved by {author} ({date}) is still a tracked change; read at its new place: {text}"
    ),
    "formatting": mark(
        "a change of formatting by {author} ({date}) is still a tracked change; "
        "read as accepted: {text}"
    ),
    "comment": mark("a comment by {author} ({date}), which a report does not keep: {text}"),
    "equation": mark("an equation, which a report cannot hold, is not read: {text}"),
    "embedded document": mark(
        "a document embedded in this one is not read: open this document in Word and save it "
        "again, which makes it part of the text"
    ),
}


@dataclass(frozen=True)
class _Slots:
    """A skeleton paragraph: the template's words, and the fields printed between them."""

    words: tuple[str, ...]
    """The template's words before, between and after the fields."""
    paths: tuple[FieldPath, ...]

    def pattern(self, anchors: dict[int, str], lazy: bool) -> re.Pattern[str]:
        """A group for each field's text: the given text for an anchored field, any other."""
        free = "(.*?)" if lazy else "(.*)"
        groups = [
            f"({re.escape(anchors[index])})" if index in anchors else free
            for index in range(len(self.paths))
        ]
        pattern = "".join(
            re.escape(words) + group for words, group in zip(self.words[:-1], groups, strict=True)
        )
        return re.compile(pattern + re.escape(self.words[-1]), re.DOTALL)

    def splits(self, flat: str, known: list[str]) -> list[tuple[tuple[int, int], ...]]:
        """Each way a paragraph's flat text splits into the fields' texts, as (start, end) per
        field, with as many fields as can be kept at their known texts: text typed inside one
        field may hold the words the template puts between fields. Empty if the template's
        words are not there. Up to two fields are let go of their known texts (a paragraph
        may print dozens: trying every subset would never end), else all of them."""
        fields = len(known)
        for size in dict.fromkeys(
            size for size in (fields, fields - 1, fields - 2, 0) if size >= 0
        ):
            found: dict[tuple[tuple[int, int], ...], None] = {}
            for anchored in itertools.combinations(range(len(known)), size):
                anchors = {index: known[index] for index in anchored}
                for lazy in (False, True):
                    match = self.pattern(anchors, lazy).fullmatch(flat)
                    if match is not None:
                        found[tuple(match.span(g + 1) for g in range(len(known)))] = None
            if found:
                return list(found)
        return []


class _EditedReport:
    """The report a document carries, with the edits made to the document."""

    def __init__(self, report: Report, document: ReadDocument, name: str) -> None:
        self.name = name
        self.document = document
        self.data = report_data(report)
        self.fields = dict(
            enumerate(path for path, text in text_values(report, names=False) if text)
        )
        self.texts = dict(text_values(report, names=False))
        try:
            kind, self.rendered, self.original = _as_rendered(report, document, name)
            self.skeleton = read_docx(render(self._marked(report), "docx", kind=kind), name)
        except ReportError as error:
            raise ReportFileError(
                [Problem(name, "", _(_NOT_RENDERED, reason=str(error)))]
            ) from error
        self.problems: list[Problem] = []
        self.changed: list[FieldPath] = []
        """Fields edited, by their paths before items were added to or removed from lists."""
        self.added: list[FieldPath] = []
        """Items and footnotes added, by their paths in the result."""
        self.inserted: dict[FieldPath, dict[int, list[str]]] = {}
        self.deleted: dict[FieldPath, set[int]] = {}
        self.old_note_of = _paired_notes(self.original, document)
        self.note_paths = self._note_paths()
        self.new_note_keys: dict[str, str] = {}

    def _marked(self, report: Report) -> Report:
        """The report with each text field a marker, its footnote calls kept after it."""
        data = report.model_dump(mode="json", by_alias=True, exclude_none=True)
        for number, path in self.fields.items():
            calls = "".join(f"[^{key}]" for key in footnote_references(self.texts[path]))
            _set_at(data, path, f"zq{number}qz{calls}")
        return Report.model_validate(data)

    def result(self) -> ImportResult:
        if len(self.original.paragraphs) != len(self.skeleton.paragraphs):
            self.skeleton = replace(self.skeleton, paragraphs=self.original.paragraphs)
        for old, new, before in self._lined_up():
            if new is not None and old is None:
                self._inserted(new, before)
            elif old is not None and new is None:
                self._deleted(old)
            elif old is not None and new is not None:
                self._compare(old, new)
        for new_id, old_id in self.old_note_of.items():
            if old_id is not None:
                self._compare_note(old_id, new_id)
        moves = self._apply_list_edits()
        paths = [self._moved(path, moves) for path in self.changed] + self.added
        changed = dict.fromkeys(self._shown(path) for path in paths)
        return ImportResult(self.data, self.problems, list(changed))

    # Lining up the edited document with the plain render.

    def _lined_up(self) -> Iterator[tuple[int | None, int | None, int | None]]:
        """(original, edited, original before) for each paragraph that differs: None where
        it is in only one; ``before``, for an added paragraph, the original it follows."""
        old = [
            self._key(paragraph.style, paragraph.spans, True)
            for paragraph in self.original.paragraphs
        ]
        new = [
            self._key(paragraph.style, paragraph.spans, False)
            for paragraph in self.document.paragraphs
        ]
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
            if tag == "equal":
                continue
            paired = min(old_end - old_start, new_end - new_start)
            for offset in range(paired):
                yield old_start + offset, new_start + offset, None
            for index in range(old_start + paired, old_end):
                yield index, None, None
            before = old_start + paired - 1
            for index in range(new_start + paired, new_end):
                yield None, index, before if before >= 0 else None

    def _key(self, style: str, spans: Iterable[Span], old: bool) -> tuple:
        return (style, self._looks(spans, old))

    def _looks(self, spans: Iterable[Span], old: bool) -> tuple:
        """What a reader sees of spans, a note call by the original note it is (or new)."""
        looks: list[tuple] = []
        for span in _normalized(spans):
            if span.note is None:
                looks.append((span.text, span.italic, span.bold))
            else:
                note = span.note if old else self.old_note_of.get(span.note) or f"new {span.note}"
                looks.append(("", note))
        return tuple(looks)

    # Reading the fields of a paragraph that differs.

    def _compare(self, old: int, new: int) -> None:
        edited = self.document.paragraphs[new]
        if not self._read_fields(
            self.skeleton.paragraphs[old], self.original.paragraphs[old], edited, new
        ):
            self._warn_at(new, _(_TEMPLATE_CHANGED))

    def _compare_note(self, old_id: str, new_id: str) -> None:
        original = self.original.footnotes.get(old_id, ())
        edited = self.document.footnotes.get(new_id, ())
        if [self._looks(p.spans, True) for p in original] == [
            self._looks(p.spans, False) for p in edited
        ]:
            return
        skeleton = self.skeleton.footnotes.get(old_id, ())
        readable = len(skeleton) == len(original) == len(edited) == 1
        where = self._citing(new_id)
        if not (readable and self._read_fields(skeleton[0], original[0], edited[0], where)):
            self._warn_at(where, _(_NOTE_CHANGED))

    def _read_fields(
        self, skeleton: ReadParagraph, original: ReadParagraph, edited: ReadParagraph, where: int
    ) -> bool:
        """Set each field of a paragraph whose text was edited; False if the template's words
        around them changed. A field whose edited text cannot be told from its neighbour's
        keeps its text, with a warning on the paragraph ``where``."""
        slots = self._slots(skeleton)
        rendered = [_rendered_flat(self.texts[path]) for path in slots.paths]
        old_flat = _flat(original.spans)
        before = slots.splits(old_flat, rendered)
        known = [old_flat[start:end] for start, end in before[0]] if before else []
        after = slots.splits(_flat(edited.spans), known) if before else []
        if not after:
            return False
        unclear = []
        for index, path in enumerate(slots.paths):
            if len({split[index] for split in after}) > 1:
                unclear.append(path)
                continue
            old_spans = _slice(original.spans, *before[0][index])
            new_spans = _slice(edited.spans, *after[0][index])
            if self._looks(old_spans, True) != self._looks(new_spans, False):
                _set_at(self.data, path, self._markup(new_spans, where))
                self.changed.append(path)
        if unclear:
            fields = ", ".join(self._shown(path) for path in unclear)
            self._warn_at(where, _(_SPLIT_UNCLEAR, fields=fields))
        return True

    def _slots(self, paragraph: ReadParagraph) -> _Slots:
        flat = _flat(paragraph.spans)
        words, paths, position = [], [], 0
        for found in _MARKER.finditer(flat):
            path = self.fields.get(int(found.group(1)))
            if path is None:
                continue
            words.append(flat[position : found.start()])
            paths.append(path)
            calls = len(footnote_references(self.texts[path]))
            position = found.end() + calls  # the field's own calls are in its text
        words.append(flat[position:])
        return _Slots(tuple(words), tuple(paths))

    # Paragraphs added and removed.

    def _inserted(self, new: int, before: int | None) -> None:
        """A paragraph added in Word: a new item after the list item it follows."""
        edited = self.document.paragraphs[new]
        place = self._list_place(before) if before is not None else None
        if (
            place is None
            or before is None
            or self.original.paragraphs[before].style != edited.style
        ):
            self._warn_at(new, _(_NOT_IN_A_LIST))
            return
        items, index = place
        self.inserted.setdefault(items, {}).setdefault(index, []).append(
            self._markup(edited.spans, new)
        )

    def _deleted(self, old: int) -> None:
        place = self._list_place(old)
        if place is None:
            text = quoted(_excerpt(self.original.paragraphs[old].text))
            self.problems.append(Problem(self.name, "", _(_REMOVED, text=text), "warning"))
            return
        items, index = place
        self.deleted.setdefault(items, set()).add(index)

    def _list_place(self, old: int) -> tuple[FieldPath, int] | None:
        """The list and index of the item a paragraph shows whole, if it shows one."""
        slots = self._slots(self.skeleton.paragraphs[old])
        if slots.words != ("", ""):
            return None
        (path,) = slots.paths
        numbers = [position for position, step in enumerate(path) if isinstance(step, int)]
        if not numbers or path[numbers[-1] + 1 :] not in ((), ("text",)):
            return None
        last = numbers[-1]
        return path[:last], int(path[last])

    def _apply_list_edits(self) -> dict[FieldPath, dict[int, int]]:
        """Add and remove list items; return where each kept item of an edited list moved."""
        moves: dict[FieldPath, dict[int, int]] = {}
        for items in {*self.inserted, *self.deleted}:
            added, removed = self.inserted.get(items, {}), self.deleted.get(items, set())
            new_items: list[Any] = []
            moved: dict[int, int] = {}
            for index, item in enumerate(_get_at(self.data, items)):
                if index in removed:
                    self.changed.append((*items, index))
                else:
                    moved[index] = len(new_items)
                    new_items.append(item)
                for text in added.get(index, []):
                    self.added.append((*items, len(new_items)))
                    new_items.append(text)
            _set_at(self.data, items, new_items)
            moves[items] = moved
        return moves

    def _moved(self, path: FieldPath, moves: dict[FieldPath, dict[int, int]]) -> FieldPath:
        """A field's path once the items before it in its list were added or removed."""
        for items, moved in moves.items():
            size = len(items)
            if path[:size] == items and len(path) > size and isinstance(path[size], int):
                index = moved.get(int(path[size]), path[size])
                return (*items, index, *path[size + 1 :])
        return path

    def _shown(self, path: FieldPath) -> str:
        """A field's path as the report's file holds it (an item written as its text plain)."""
        if path and path[-1] == "text" and isinstance(_get_at(self.data, path[:-1]), str):
            path = path[:-1]
        return format_field_path(path)

    # Footnotes.

    def _note_paths(self) -> dict[str, FieldPath]:
        """The field each footnote of the render shows, by its id in the render."""
        paths = {}
        for identifier, paragraphs in self.skeleton.footnotes.items():
            for paragraph in paragraphs:
                for found in _MARKER.finditer(_flat(paragraph.spans)):
                    path = self.fields.get(int(found.group(1)))
                    if path is not None:
                        paths[identifier] = path
        return paths

    def _note_key(self, new_id: str) -> str:
        """The report's key of a footnote cited in the edited document; a new note's text
        is added to the report's footnotes, under the next free number."""
        old_id = self.old_note_of.get(new_id)
        path = self.note_paths.get(old_id) if old_id is not None else None
        if path is not None and path[0] == "footnotes":
            return str(path[1])
        if new_id not in self.new_note_keys:
            notes = self.data.setdefault("footnotes", {})
            key = str(1 + max((int(k) for k in notes if k.isdigit()), default=0))
            self.new_note_keys[new_id] = key
            paragraphs = self.document.footnotes.get(new_id, ())
            citing = self._citing(new_id)
            notes[key] = " ".join(self._markup(p.spans, citing) for p in paragraphs)
            self.added.append(("footnotes", key))
        return self.new_note_keys[new_id]

    def _citing(self, new_id: str) -> int:
        for index, paragraph in enumerate(self.document.paragraphs):
            if any(span.note == new_id for span in paragraph.spans):
                return index
        return 0

    # Writing text back in the inline syntax.

    def _markup(self, spans: Iterable[Span], where: int) -> str:
        """Spans in the inline syntax, a note call by its key in the report; emphasis the
        syntax cannot hold is a warning on the paragraph ``where``."""
        markup = styled_markup(
            replace(span, note=self._note_key(span.note)) if span.note is not None else span
            for span in _normalized(spans)
        )
        for message in emphasis_lost(markup):
            self._warn_at(where, message)
        return markup.source

    def _warn_at(self, new: int, message: str) -> None:
        self.problems.append(paragraph_warning(self.name, self.document, new, message))


def _as_rendered(
    report: Report, document: ReadDocument, name: str
) -> tuple[ReportKind | None, bytes, ReadDocument]:
    """The report's plain render as the document was rendered: as its own kind, or a written
    report as an oral reading copy (``render --as oral``), whichever the document is more like;
    with the kind to render it as (None: its own)."""
    raw = render(report, "docx")
    own = read_docx(raw, name)
    if report.kind == "oral":
        return None, raw, own
    raw_oral = render(report, "docx", kind="oral")
    as_oral = read_docx(raw_oral, name)
    if _likeness(as_oral, document) > _likeness(own, document):
        return "oral", raw_oral, as_oral
    return None, raw, own


def _running_text_warnings(raw: bytes, rendered: bytes, name: str) -> list[Problem]:
    """A warning for each header or footer line edited in Word, which the report does not
    hold as it is written from the report's data."""
    written = set(_running_texts(rendered))
    return [
        Problem(name, "", _(_RUNNING_TEXT_CHANGED, text=quoted(text)), "warning")
        for text in dict.fromkeys(_running_texts(raw))
        if text not in written
    ]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUNNING_PART = re.compile(r"word/(?:header|footer)\d*\.xml")
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _running_texts(raw: bytes) -> list[str]:
    """The lines of a document's headers and footers, each field's shown value (the page
    number) left out, as it changes from page to page."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for part in sorted(n for n in archive.namelist() if _RUNNING_PART.fullmatch(n)):
            for paragraph in etree.fromstring(archive.read(part), _XML).iter(f"{_W}p"):
                text = " ".join(_shown_text(paragraph).split())
                if text:
                    texts.append(text)
    return texts


def _shown_text(paragraph: etree._Element) -> str:
    """A paragraph's text outside fields (a field's instruction and its shown value)."""
    text, fields = "", 0
    for element in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}fldChar", f"{_W}fldSimple"):
        kind = element.get(f"{_W}fldCharType")
        if kind == "begin":
            fields += 1
        elif kind == "end":
            fields -= 1
        elif fields == 0 and not _in_simple_field(element, paragraph):
            text += " " if element.tag == f"{_W}tab" else element.text or ""
    return text


def _in_simple_field(element: etree._Element, paragraph: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag == f"{_W}fldSimple":
            return True
    return False


def _likeness(rendered: ReadDocument, document: ReadDocument) -> float:
    texts = [paragraph.text for paragraph in rendered.paragraphs]
    edited = [paragraph.text for paragraph in document.paragraphs]
    return difflib.SequenceMatcher(None, texts, edited, autojunk=False).ratio()


def _paired_notes(original: ReadDocument, edited: ReadDocument) -> dict[str, str | None]:
    """Each footnote cited in the edited document, by its id there, with the original note it
    is (None for a note added in Word): notes lined up in citation order by their text."""
    old_calls, new_calls = _calls(original), _calls(edited)
    old = [_flat_note(original, call) for call in old_calls]
    new = [_flat_note(edited, call) for call in new_calls]
    paired: dict[str, str | None] = dict.fromkeys(new_calls)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for _tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        for offset in range(min(old_end - old_start, new_end - new_start)):
            paired[new_calls[new_start + offset]] = old_calls[old_start + offset]
    return paired


def _calls(document: ReadDocument) -> list[str]:
    calls = [span.note for p in document.paragraphs for span in p.spans if span.note]
    return list(dict.fromkeys(calls))


def _flat_note(document: ReadDocument, identifier: str) -> str:
    return "\n".join(p.text for p in document.footnotes.get(identifier, ()))


def _normalized(spans: Iterable[Span]) -> list[Span]:
    """Spans with spaces' emphasis ignored (Word often sets a space italic with a word) and
    runs that look the same joined."""
    return join_spans(
        Span(span.text) if span.note is None and not span.text.strip() else span
        for span in spans
        if span.note is not None or span.text
    )


def _flat(spans: Iterable[Span]) -> str:
    return "".join(_NOTE if span.note is not None else span.text for span in spans)


def _rendered_flat(source: str) -> str:
    """A field's text as a paragraph's flat text shows it."""
    return text_with_calls(source, _NOTE)


def _slice(spans: Iterable[Span], start: int, end: int) -> list[Span]:
    """The spans between two positions of a paragraph's flat text (a call counts as one)."""
    sliced, position = [], 0
    for span in spans:
        size = 1 if span.note is not None else len(span.text)
        low, high = max(start, position), min(end, position + size)
        if high > low:
            sliced.append(
                span
                if span.note is not None
                else replace(span, text=span.text[low - position : high - position])
            )
        position += size
    return sliced


def _get_at(data: Any, path: FieldPath) -> Any:
    for step in path:
        if isinstance(data, str) and step == "text":
            return data  # an item written as its text alone
        data = data[step]
    return data


def _set_at(data: Any, path: FieldPath, value: Any) -> None:
    """Set a field by its path, an item written as its text alone replaced whole."""
    *steps, last = path
    holder, parent, step_in_parent = data, None, None
    for step in steps:
        parent, step_in_parent, holder = holder, step, holder[step]
    if isinstance(holder, str) and last == "text" and parent is not None:
        parent[step_in_parent] = value
    else:
        holder[last] = value


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"


def emphasis_lost(markup: Markup) -> list[str]:
    """What a person is told of each emphasis the report's syntax could not hold."""
    return [
        _(_EMPHASIS_LOST["italic" if piece.italic else "bold"], text=quoted(piece.text))
        for piece in markup.unwritten
    ]


def paragraph_warning(name: str, document: ReadDocument, index: int, message: str) -> Problem:
    """A warning about the paragraph at ``index``, which it names by number and first words."""
    text = document.paragraphs[index].text if index < len(document.paragraphs) else ""
    located = _(_IN_PARAGRAPH, number=index + 1, text=quoted(_excerpt(text)), message=message)
    return Problem(name, "", located, "warning")


def annotation_warning(name: str, document: ReadDocument, annotation: Annotation) -> Problem:
    """A tracked change or comment said whole: the report keeps no trace of it otherwise."""
    message = _(
        _ANNOTATIONS[annotation.kind],
        author=annotation.author or _("an unknown author"),
        date=(annotation.date or "")[:10] or _("no date"),
        text=quoted(annotation.text),
    )
    return paragraph_warning(name, document, annotation.paragraph, message)
