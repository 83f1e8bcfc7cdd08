"""A rapporteur's own Word draft read into a report's data, as well as its shape allows.

Rapporteurs write their first drafts in Word, in the usual shape: a title, a byline, a heading
per session, “The Co-chairs were …”, bulleted conclusions. This reads such a draft paragraph
by paragraph, places what it recognises (draft_wording says how each part is worded in each
language) and keeps everything else, as narrative where a place exists, with a warning naming
the paragraph: a draft's words are never dropped unseen. Tracked changes and comments are
reported; their accepted text is what is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from gfmd_reports.draft_wording import Wording, guess_language, wording
from gfmd_reports.errors import Problem, quoted
from gfmd_reports.formats.docx.reading import ReadDocument, ReadParagraph, Span
from gfmd_reports.i18n import _, mark
from gfmd_reports.importing import (
    ImportResult,
    annotation_warning,
    emphasis_lost,
    paragraph_warning,
)
from gfmd_reports.inline import Markup, styled_markup
from gfmd_reports.model import PLACEHOLDER_MARK

_KIND_GUESSES = {
    "oral": mark(
        "read as an oral report, as it opens with a salutation: if it is a written report, "
        "write kind: session or kind: general in the report file"
    ),
    "session": mark(
        "read as a session report, as it reports on one session: if it was read to the "
        "plenary, write kind: oral in the report file; if it covers a roundtable, kind: general"
    ),
    "general": mark(
        "read as a general rapporteur's report, as it covers several sessions or has overall "
        "conclusions: if it reports on one session, write kind: session in the report file"
    ),
}
"""The kind the reader chose is said, since a draft never names it."""

_NO_SESSION = mark(
    "no session was found: no heading such as “Session 2.1: Title” and no sentence naming "
    "the session; its number, title and co-chairs are left to fill in, and the text is kept "
    "as the report's opening paragraphs"
)
_SUB_ITEM = mark(
    "an item under an item, which a report's lists do not have: kept as an item of its own; "
    "join it to the item above if it belongs to it"
)

_TYPED_MARKER = re.compile(
    r"^\s*(?:[•·▪◦‣○●■□➢✓–—*-]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+"
)
"""A bullet or a number typed before an item: “•”, “-”, “1.”, “a)”, “iv.”."""
_HEADING_STYLE = re.compile(r"^(?:Title|Subtitle|Heading \d)$")
_NOTE_CALL = re.compile(r"(?<!\\)\[\^(note-[^\]]+)\]")


@dataclass(frozen=True)
class _Block:
    """One paragraph of the draft as the reader sees it."""

    number: int
    """The paragraph's place in the body, from 1, as a warning names it."""
    text: str
    """The paragraph in the report's inline syntax, list marker taken off."""
    plain: str
    """The paragraph's words alone, for recognising its part."""
    style: str
    heading: bool
    item: bool
    level: int = 0
    """How deep in its list an item is: 0 for an item, 1 for an item under it …"""
    text_box: bool = False
    lost: tuple[str, ...] = ()
    """What is said of emphasis the report's syntax could not hold."""


def read_foreign_report(document: ReadDocument, name: str) -> ImportResult:
    """Read a Word draft the tool did not write into a report's data, with warnings."""
    blocks = [block for block in _blocks(document.paragraphs) if block.plain]
    language = guess_language([block.plain for block in blocks])
    draft = _Draft(document, name, wording(language))
    for block in blocks:
        draft.read(block)
    draft.finish()
    draft.problems += [annotation_warning(name, document, note) for note in document.annotations]
    data = draft.data()
    return ImportResult(data, draft.problems)


def _blocks(paragraphs: tuple[ReadParagraph, ...]) -> list[_Block]:
    return [_block(number, paragraph) for number, paragraph in enumerate(paragraphs, 1)]


def _block(number: int, paragraph: ReadParagraph) -> _Block:
    markup = _markup(paragraph.spans)
    text = markup.source
    in_list = paragraph.list_level is not None or paragraph.style.startswith("List")
    typed = None if in_list else _TYPED_MARKER.match(text)
    if typed:
        text, in_list = text[typed.end() :], True
    spans = paragraph.spans
    bold = bool(spans) and all(span.bold for span in spans if span.text.strip())
    plain = _plain(text)
    heading = bool(_HEADING_STYLE.match(paragraph.style)) or (
        bold and not in_list and len(plain) < 200 and not plain.endswith(".")
    )
    if heading:
        text = _unemphasised(text)
    level = (paragraph.list_level or 0) + _style_level(paragraph.style)
    lost = tuple(emphasis_lost(markup))
    return _Block(
        number, text, plain, paragraph.style, heading, in_list, level, paragraph.text_box, lost
    )


def _style_level(style: str) -> int:
    """The level Word's “List Bullet 2”, “List Number 3” styles stand for (their numbering's
    own level is 0: each has its own list)."""
    found = re.fullmatch(r"List (?:Bullet|Number|Continue|Paragraph)? ?([2-9])", style)
    return int(found.group(1)) - 1 if found else 0


def _markup(spans: tuple[Span, ...]) -> Markup:
    """A paragraph's spans in the report's inline syntax: *italic*, **bold**, note calls."""
    markup = styled_markup(
        replace(span, note=f"note-{span.note}") if span.note is not None else span for span in spans
    )
    return replace(markup, source=re.sub(r"\s+", " ", markup.source))


def _plain(text: str) -> str:
    """A text's words without inline syntax or note calls."""
    return re.sub(r"\\(.)", r"\1", _unemphasised(_NOTE_CALL.sub("", text))).strip()


def _unemphasised(text: str) -> str:
    """A text without its *emphasis* and **strong** marks: a heading's bold is its style."""
    return re.sub(r"(?<!\\)\*+", "", text)


def _footnotes(document: ReadDocument) -> dict[str, str]:
    return {
        number: "\n".join(_markup(paragraph.spans).source for paragraph in paragraphs).strip()
        for number, paragraphs in document.footnotes.items()
    }


class _Draft:
    """The report's data as the paragraphs are read, and the warnings said so far."""

    def __init__(self, document: ReadDocument, name: str, wording: Wording) -> None:
        self.document = document
        self.name = name
        self.wording = wording
        self.notes = _footnotes(document)
        self.problems: list[Problem] = []
        self.report: dict[str, Any] = {}
        self.introduction: list[str] = []
        self.sessions: list[dict[str, Any]] = []
        self.closing: list[str] = []
        self.after_sessions = False
        self.list: _List | None = None
        self.kind_reasons: list[str] = []

    def read(self, block: _Block) -> None:
        for message in block.lost:
            self._warn(block, message)
        if block.text_box:
            self._unplaced(block, _("the text of a text box, which a report does not have"))
            return
        if self._front_matter(block) or self._session_start(block) or self._frame(block):
            return
        if self.list is not None and self.list.takes(block):
            self.list.add(block)
            if block.level and block.item:
                self._warn(block, _(_SUB_ITEM))
            return
        self.list = None
        self._prose(block)

    def _front_matter(self, block: _Block) -> bool:
        if self._byline(block):
            return True
        if self.sessions or self.after_sessions:
            return self._repeated_salutation(block)
        found = self._match("title", block)
        if found and "roundtable" not in self.report and (block.heading or not self.introduction):
            self.report["roundtable"] = {"number": int(found["number"])}
            title = _unquoted(found["title"])
            self.report["roundtable"] |= {"title": title} if title else {}
            return True
        if block.style == "Title" and "title" not in self.report:
            self.report["title"] = block.text
            return True
        if "subtitle" not in self.report and self._match("subtitle", block):
            self._subtitle(block)
            return True
        if "salutation" not in self.report and self._match("salutation", block):
            self.report["salutation"] = block.text
            self.kind_reasons.append("oral")
            return True
        return False

    def _byline(self, block: _Block) -> bool:
        """The rapporteur's name, under the title or under a session report's one heading."""
        found = self._match("byline", block)
        session_begun = self.sessions and set(self.sessions[-1]) > {"number", "title"}
        if not found or "rapporteur" in self.report or session_begun or self.after_sessions:
            return False
        self.report["rapporteur"] = self.wording.participant(found["who"])
        return True

    def _subtitle(self, block: _Block) -> None:
        calls = _NOTE_CALL.findall(block.text)
        self.report["subtitle"] = _NOTE_CALL.sub("", block.text).strip()
        if len(calls) == 1 and calls[0].removeprefix("note-") in self.notes:
            self.report["subtitle_footnote"] = self.notes.pop(calls[0].removeprefix("note-"))
        elif calls:
            self.report["subtitle"] = block.text
        if self._match("general", block):
            self.kind_reasons.append("general")

    def _repeated_salutation(self, block: _Block) -> bool:
        """The salutation said again at the end, as the oral report prints it."""
        said = self.report.get("salutation")
        return said is not None and _plain(said).lower() == block.plain.lower()

    def _session_start(self, block: _Block) -> bool:
        found = self._match("session", block) if block.heading or len(block.plain) < 250 else None
        opening = None if found or self.sessions else self._match("session_in_sentence", block)
        if opening and (block.heading or block.item):
            opening = None
        match = found or opening
        if match is None:
            return False
        self.list = None
        self.sessions.append({"number": match["number"], "title": _unquoted(match["title"])})
        if opening:
            said = quoted(block.plain[: opening.end()] + "…")
            message = _(
                "read as the session's opening sentence, which the report words its own way: "
                "{said}",
                said=said,
            )
            self._warn(block, message)
            rest = block.plain[opening.end() :].lstrip(' .,;:”»"’')
            if rest:
                self.read(replace(block, text=rest, plain=rest))
        return True

    def _frame(self, block: _Block) -> bool:
        """A sentence that the report holds as data: co-chairs, panel, paper, a part's start."""
        if block.item:
            return False
        if self._match("overall_conclusions", block):
            self.after_sessions = True
            self.report["overall_conclusions"] = self._list_part(block, "items")
            return True
        found = self._match("quote", block)
        if found:
            quote = {key: found[key] for key in ("attribution", "topic") if found[key]}
            self.report["quote"] = quote | {"text": found["text"]}
            self.list, self.after_sessions = None, True
            return True
        return not self.after_sessions and self._session_frame(block)

    def _session_frame(self, block: _Block) -> bool:
        session = self.sessions[-1] if self.sessions else {}
        for part in ("co_chairs", "panel"):
            found = self._match(part, block)
            if found and part not in session:
                self._session()[part] = self.wording.participants(found["names"])
                return True
        found = self._match("paper", block)
        if found and "background_paper" not in session:
            paper = {"prepared_by": found["by"]}
            paper |= {"in_consultation_with": found["with"]} if found["with"] else {}
            self._session()["background_paper"] = paper
            self.list = _List(paper, "topics")
            return True
        for part, key in (("conclusions", "items"), ("recommendations", "items")):
            if part not in session and self._match(part, block):
                self._session()[part] = self._list_part(block, key)
                return True
        if "discussion" not in session and self._match("discussion", block):
            self._session()["discussion"] = self._list_part(block, "points")
            return True
        return False

    def _list_part(self, block: _Block, key: str) -> dict[str, Any]:
        """A part made of a lead-in and a list: a heading gives none, a sentence is one."""
        part: dict[str, Any] = {}
        if not block.heading and block.plain.endswith(":"):
            part["lead_in"] = block.text
        self.list = _List(part, key)
        return part

    def _prose(self, block: _Block) -> None:
        """A paragraph that is not a part's start: narrative, discussion point or closing."""
        if block.heading:
            self._unplaced(block, _("a heading the report has no place for"))
        elif block.item:
            self._unplaced(block, _("a list item outside the lists the report knows"))
        elif self.after_sessions or (self.sessions and self._session_has_findings()):
            self.closing.append(block.text)
        elif not self.sessions:
            self.introduction.append(block.text)
        elif not self._discussion_point(block):
            self._narrative_or_point(block.text)

    def _narrative_or_point(self, text: str) -> None:
        """Once “On …, …” points have begun, a paragraph after them is a point too: the
        narrative is printed before the discussion, and the draft's order is kept."""
        session = self._session()
        if session.get("discussion", {}).get("points"):
            session["discussion"]["points"].append(text)
        else:
            session.setdefault("narrative", []).append(text)

    def _discussion_point(self, block: _Block) -> bool:
        """“On policy formulation, Spain shared …”: a point under its theme."""
        found = self._match("discussion_point", block)
        if not found:
            return False
        session = self._session()
        discussion = session.setdefault("discussion", {})
        narrative = session.get("narrative", [])
        begun = discussion.get("points") or "lead_in" in discussion
        if narrative and not begun and self.wording.match("discussion_lead_in", narrative[-1]):
            discussion["lead_in"] = narrative.pop()
        start = block.text.find(found["text"][:20])
        text = block.text[start:] if start >= 0 else found["text"]
        discussion.setdefault("points", []).append({"theme": found["theme"], "text": text})
        return True

    def _unplaced(self, block: _Block, why: str) -> None:
        """Keep a paragraph where the reader is, as a paragraph, and say so."""
        if self.after_sessions or (self.sessions and self._session_has_findings()):
            self.closing.append(block.text)
            kept = _("kept among the closing words")
        elif not self.sessions:
            self.introduction.append(block.text)
            kept = _("kept in the introduction")
        else:
            self._session().setdefault("narrative", []).append(block.text)
            kept = _("kept in the narrative of session {number}", number=self._number())
        self._warn(block, _("{why}: {kept}; move it where it belongs", why=why, kept=kept))

    def _session_has_findings(self) -> bool:
        session = self.sessions[-1]
        return "conclusions" in session or "recommendations" in session

    def _session(self) -> dict[str, Any]:
        """The session being read; one still to be named if the draft has not named one."""
        if not self.sessions:
            self.sessions.append({"number": PLACEHOLDER_MARK, "title": PLACEHOLDER_MARK})
        return self.sessions[-1]

    def _number(self) -> str:
        return str(self._session()["number"])

    def _match(self, part: str, block: _Block) -> re.Match[str] | None:
        return self.wording.match(part, block.plain)

    def _warn(self, block: _Block, message: str) -> None:
        self.problems.append(paragraph_warning(self.name, self.document, block.number - 1, message))

    def finish(self) -> None:
        """Settle what only the whole draft tells: the kind, and where an oral report's
        opening paragraphs go (it has no introduction)."""
        kind = self._kind()
        if not self.sessions:
            self.problems.append(Problem(self.name, "sessions", _(_NO_SESSION), "warning"))
            self._session()
        if kind == "oral" and self.introduction:
            narrative = self.sessions[0].setdefault("narrative", [])
            narrative[:0] = self.introduction
            self.introduction = []
        self.report["kind"] = kind
        self.problems.insert(0, Problem(self.name, "kind", _(_KIND_GUESSES[kind]), "warning"))

    def _kind(self) -> str:
        if "oral" in self.kind_reasons:
            return "oral"
        general = "general" in self.kind_reasons or "overall_conclusions" in self.report
        return "general" if general or len(self.sessions) > 1 else "session"

    def data(self) -> dict[str, Any]:
        """The report's data in the order a report file lists its fields."""
        report = self.report
        roundtable = report.get("roundtable") or {"number": self._roundtable_number()}
        data: dict[str, Any] = {"kind": report["kind"], "language": self.wording.language}
        data["forum"] = {"name": PLACEHOLDER_MARK, "year": PLACEHOLDER_MARK}
        data["roundtable"] = roundtable
        for key in ("rapporteur", "title", "subtitle", "subtitle_footnote", "salutation"):
            data |= {key: report[key]} if key in report else {}
        if "rapporteur" not in data and report["kind"] != "oral":
            data["rapporteur"] = {"name": PLACEHOLDER_MARK}
        data |= {"introduction": self.introduction} if self.introduction else {}
        data["sessions"] = [_completed(session) for session in self.sessions]
        overall = report.get("overall_conclusions")
        data |= {"overall_conclusions": _filled(overall, "items")} if overall else {}
        data |= {"closing": self.closing} if self.closing else {}
        data |= {"quote": report["quote"]} if "quote" in report else {}
        return self._with_notes(data)

    def _roundtable_number(self) -> int | str:
        numbers = {session["number"].split(".")[0] for session in self.sessions}
        numbers.discard(PLACEHOLDER_MARK)
        return int(numbers.pop()) if len(numbers) == 1 else PLACEHOLDER_MARK

    def _with_notes(self, data: dict[str, Any]) -> dict[str, Any]:
        """Number the notes 1, 2 … in the order the text calls them, as the form does."""
        order: dict[str, str] = {}

        def renumber(match: re.Match[str]) -> str:
            docx_id = match.group(1).removeprefix("note-")
            order.setdefault(docx_id, str(len(order) + 1))
            return f"[^{order[docx_id]}]"

        data = _map_texts(data, lambda text: _NOTE_CALL.sub(renumber, text))
        for uncalled in [docx_id for docx_id in self.notes if docx_id not in order]:
            order[uncalled] = str(len(order) + 1)
            message = _(
                "a footnote whose call the report has no place for, kept as footnote {id}: "
                "write [^{id}] where it is called, or delete it: {text}",
                id=order[uncalled],
                text=quoted(self.notes[uncalled]),
            )
            self.problems.append(Problem(self.name, "footnotes", message, "warning"))
        notes = {new: self.notes.get(old, PLACEHOLDER_MARK) for old, new in order.items()}
        return data | ({"footnotes": notes} if notes else {})


class _List:
    """The list a part has just begun: its items are list items, or else plain paragraphs,
    as the first one after the part's start is; a heading or the other kind ends it."""

    def __init__(self, part: dict[str, Any], key: str) -> None:
        self.part, self.key = part, key
        self.items: list[str] = part.setdefault(key, [])
        self.of_items: bool | None = None

    def takes(self, block: _Block) -> bool:
        return not block.heading and self.of_items in (None, block.item)

    def add(self, block: _Block) -> None:
        """Add an entry; a plain sentence ending with “:” before any is the part's lead-in."""
        first = not self.items and "lead_in" not in self.part
        if first and not block.item and block.plain.endswith(":"):
            self.part["lead_in"] = block.text
            return
        self.of_items = block.item
        self.items.append(block.text)


def _completed(session: dict[str, Any]) -> dict[str, Any]:
    """A session in the order a report file lists its fields, with FILL IN where the draft
    did not say what the report must (the co-chairs, a list begun but left empty)."""
    session = {**session, "title": session.get("title") or PLACEHOLDER_MARK}
    session.setdefault("co_chairs", [{"name": PLACEHOLDER_MARK}])
    for part, key in _LISTS:
        if part in session:
            session[part] = _filled(session[part], key)
    return {key: session[key] for key in _SESSION_FIELDS if session.get(key)}


_LISTS = (
    ("background_paper", "topics"),
    ("discussion", "points"),
    ("conclusions", "items"),
    ("recommendations", "items"),
)
_SESSION_FIELDS = (
    "number", "title", "co_chairs", "panel", "background_paper", "narrative", "discussion",
    "conclusions", "recommendations",
)  # fmt: skip
_PART_FIELDS = ("prepared_by", "in_consultation_with", "lead_in", "topics", "points", "items")


def _filled(part: dict[str, Any], key: str) -> dict[str, Any]:
    """A part in its fields' order, its list FILL IN if the draft left it empty."""
    part = {**part, key: part.get(key) or [PLACEHOLDER_MARK]}
    return {field: part[field] for field in _PART_FIELDS if field in part}


def _map_texts(value: Any, change) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_texts(item, change) for item in value]
    if isinstance(value, dict):
        return {key: _map_texts(item, change) for key, item in value.items()}
    return value


def _unquoted(title: str) -> str:
    return title.strip().strip('“”«»"‘’').strip().rstrip(".").strip()
