"""Two versions of a report compared: NEW's page with OLD's differences marked in it, and that
page as a Word document whose differences are real tracked changes.

Both versions are rendered with NEW's theme, kind and language, so that only the report's own
words differ. Differences are found structure first: the sessions by number, then the blocks of
each container (paragraphs, list items, discussion points) paired in order by how alike their
words are (one too unlike its counterpart is a deletion and an insertion), and only then word
by word inside a pair of paragraphs, so that a changed comma is one small change. A block found
in one version only carries the class ``deleted`` or ``inserted``; changed words are in ``del``
and ``ins`` (see formats.contract). Notes are paired by their id in the report, so a note whose
text changed shows the change inside it.
"""

from __future__ import annotations

import copy
import datetime
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, NamedTuple, TypeVar

import lxml.html
from lxml import etree

from gfmd_reports.errors import ReportError
from gfmd_reports.formats.contract import HEADINGS, INLINE, REVISION_CLASSES, check_page
from gfmd_reports.formats.html import Footnotes, render_html, render_template, template_sources
from gfmd_reports.formats.typography import typeset
from gfmd_reports.i18n import _
from gfmd_reports.loading import report_data
from gfmd_reports.model import Report, ReportKind
from gfmd_reports.phrases import CATALOGUE, Phrases
from gfmd_reports.themes import Theme

__all__ = [
    "Relaid",
    "Revision",
    "Tally",
    "author_name",
    "compare_pages",
    "redline_docx",
    "relaid",
    "tally",
]

TEXT_BLOCKS = frozenset({"p", *HEADINGS, "li", "caption"})
"""The blocks compared word by word."""
CONTAINERS = frozenset({"article", "header", "section", "div", "blockquote", "ul", "ol"})
"""The blocks whose blocks are compared in turn."""
SIMILAR_ENOUGH = 0.5
"""Two paragraphs sharing less of their words than this are shown as one deleted, one
inserted: marking every other word of a rewritten paragraph helps no reader."""
MAX_AUTHOR = 255
"""Word's bound on an author's name."""
COMPARISON_STYLESHEET = "comparison.css"
"""A theme's look of the changes, added to a comparison's page only."""

T = TypeVar("T")
Marked = tuple[str | None, "Token"]
"""A token, and whether it is deleted ("del"), inserted ("ins") or kept (None)."""
Step = tuple[int | None, int | None]
"""An item of OLD paired with one of NEW (their indexes), or one of them alone (the other
None): deleted or inserted."""


@dataclass(frozen=True)
class Revision:
    """Who made the changes a redline shows, and when: Word shows both on each change."""

    author: str
    date: datetime.datetime

    @property
    def word_date(self) -> str:
        """The date as Word writes ``w:date``: in UTC, to the second."""
        return self.date.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def author_name(name: str) -> str:
    """A name to sign a revision with, as Word can show it (and XML hold it): some letters,
    no control characters."""
    name = name.strip()
    if not name or len(name) > MAX_AUTHOR or any(_invisible(c) for c in name):
        raise ReportError(
            _(
                "Word cannot sign changes with this name: give a name of 1 to {most} "
                "characters, without control characters",
                most=MAX_AUTHOR,
            )
        )
    return name


def _invisible(character: str) -> bool:
    return unicodedata.category(character) in {"Cc", "Cs", "Co", "Cn"}


class Token(NamedTuple):
    """A word, a run of spaces or a punctuation mark of a paragraph, with the inline elements
    it stands in (outermost first, as tag and attributes); or an element that is one token
    (a note's call, as ``note:<id>``; a line break; an image)."""

    text: str
    marks: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    element: str | None = None


_WORD = re.compile(r"\w+|[ \t\r\n]+|[^\w \t\r\n]")
"""Words, runs of spaces (which HTML shows as one), and every other character on its own: a
no-break space is not a space a browser may drop or break at."""
_SPACES = re.compile(r"[ \t\r\n]+")
_NOTE_KEY = "data-note"


def compare_pages(old: Report, new: Report, theme: Theme) -> str:
    """The NEW report's page with OLD's differences marked: contract-valid HTML (with the
    revisions), and a legend of the changes beside the article, which no DOCX shows."""
    laid_out_as_new = relaid(old, new, theme)
    old = old.model_copy(update={"language": new.language})
    old_page, new_page = _Page(old, theme, new.kind), _Page(new, theme, new.kind)
    (old_article,), (new_article,) = old_page.root.iter("article"), new_page.root.iter("article")
    merge_blocks(old_article, new_article, old_page.session_numbers(), new_page.session_numbers())
    for old_footer, new_footer in zip(
        old_page.root.iter("footer"), new_page.root.iter("footer"), strict=True
    ):
        merge_text(old_footer, new_footer)
    _number_notes(new_page, old_page)
    _add_legend(new_page, theme, laid_out_as_new)
    check_page(new_page.root, theme.name, template_sources(theme), revisions=True)
    return lxml.html.tostring(new_page.root, doctype="<!DOCTYPE html>", encoding="unicode")


@dataclass(frozen=True)
class Relaid:
    """What OLD was that a comparison shows as NEW's instead, so that no reader takes a
    rejected change for all of OLD: its kind and its language, each as (OLD's, NEW's), or None
    where both versions agree."""

    kinds: tuple[ReportKind, ReportKind] | None
    languages: tuple[str, str] | None


def relaid(old: Report, new: Report, theme: Theme) -> Relaid:
    """How OLD is laid out otherwise than it was: as NEW's kind, in NEW's language."""
    languages = (old.language or theme.language, new.language or theme.language)
    return Relaid(
        (old.kind, new.kind) if old.kind != new.kind else None,
        languages if languages[0] != languages[1] else None,
    )


def redline_docx(page: str, theme: Theme, revision: Revision, new: Report) -> bytes:
    """The Word document of a comparison's page: the same styles as a render, each difference
    a tracked change by ``revision``'s author, dated (the document too) by its date. It carries
    NEW's data, as a render does, so that ``import`` takes it back with its changes accepted."""
    from gfmd_reports.formats.docx import html_to_docx

    return html_to_docx(page, theme, revision.date, revision=revision, report=report_data(new))


class _Page:
    """A version's page, laid out as ``kind`` (NEW's), parsed, with its notes' calls marked
    with the notes' ids."""

    def __init__(self, report: Report, theme: Theme, kind: ReportKind) -> None:
        self.report = report
        notes = Footnotes(dict(report.footnotes))
        html = render_html(report, theme, kind=kind, notes=notes)
        self.root = lxml.html.document_fromstring(html)
        etree.strip_tags(self.root, etree.Comment, etree.ProcessingInstruction)
        keys = _generated_in_order(notes.keys())
        self.notes = {}  # each note's text (its li) by id
        for item in self.root.xpath("//section[@class='footnotes']//li"):
            self.notes[keys[int(item.get("value"))]] = item
        for call in self.root.find_class("footnote-ref"):
            call.set(_NOTE_KEY, keys[int(call.find("a").get("href").removeprefix("#fn"))])

    def session_numbers(self) -> list[str]:
        """The report's sessions' numbers, in the page's order."""
        return [session.number for session in self.report.sessions]


def _generated_in_order(keys: dict[int, str]) -> dict[int, str]:
    """The notes' ids, those of notes to the theme's words (whose id is their text, after a
    ":") by their order instead, so that a changed text is a change inside the same note."""
    generated = iter(range(1, len(keys) + 1))
    return {
        number: f":{next(generated)}" if key.startswith(":") else key
        for number, key in keys.items()
    }


# The structure: blocks paired within their container.


def merge_blocks(
    old_parent, new_parent, old_sessions: Sequence[str] = (), new_sessions: Sequence[str] = ()
) -> None:
    """Mark in ``new_parent`` how its blocks differ from ``old_parent``'s: OLD's blocks that
    NEW lacks put back where they stood, marked deleted; NEW's own marked inserted; paired
    ones compared inside. The page's sessions (``section.session``, in order) are paired by
    their numbers when the page has one per session of the report."""
    old_blocks, new_blocks = _blocks(old_parent), _blocks(new_parent)
    old_keys = _session_keys(old_blocks, old_sessions)
    new_keys = _session_keys(new_blocks, new_sessions)
    old_items = [_Block(element, key) for element, key in zip(old_blocks, old_keys, strict=True)]
    new_items = [_Block(element, key) for element, key in zip(new_blocks, new_keys, strict=True)]
    merged = []
    for old_index, new_index in align(old_items, new_items, _Block.similarity, _Block.exact):
        if new_index is None:
            assert old_index is not None
            deleted = copy.deepcopy(old_blocks[old_index])
            mark_block(deleted, "deleted")
            merged.append(deleted)
        elif old_index is None:
            mark_block(new_blocks[new_index], "inserted")
            merged.append(new_blocks[new_index])
        else:
            _merge_pair(old_blocks[old_index], new_blocks[new_index])
            merged.append(new_blocks[new_index])
    for element in new_blocks:
        new_parent.remove(element)
    new_parent.extend(merged)  # each keeps its tail, the page's line breaks


def _merge_pair(old, new) -> None:
    if old.tag in TEXT_BLOCKS:
        merge_text(old, new)
    elif old.tag in CONTAINERS:
        merge_blocks(old, new)
    elif _Block.exact(_Block(old)) != _Block.exact(_Block(new)):
        _refuse_change(new)


def _blocks(parent) -> list:
    """A container's blocks; text or inline elements between them are refused, as a
    comparison needs each text in a paragraph of its own."""
    blocks = [child for child in parent if isinstance(child.tag, str)]
    loose = [child for child in blocks if child.tag in INLINE]
    texts = [parent.text, *(child.tail for child in parent)]
    if loose or any(text and text.strip() for text in texts):
        raise ReportError(
            _(
                "the page has text directly in <{parent}>, outside a paragraph: a comparison "
                "marks changes paragraph by paragraph; put that text in a <p> in the theme",
                parent=parent.tag,
            )
        )
    return blocks


def _session_keys(blocks: list, numbers: Sequence[str]) -> list[str | None]:
    sessions = [block for block in blocks if "session" in _classes(block)]
    if len(sessions) != len(numbers):
        return [None] * len(blocks)
    by_element = dict(zip(map(id, sessions), numbers, strict=True))
    return [by_element.get(id(block)) for block in blocks]


class _Block:
    """A block with what pairs it: its kind (tag and classes), its session's number, its
    tokens or its blocks' (computed once)."""

    def __init__(self, element, session: str | None = None) -> None:
        self.element = element
        self.kind = (element.tag, tuple(sorted(_classes(element))))
        self.session = session
        self._exact: Hashable | None = None
        self._words: list[str] | None = None

    def exact(self) -> Hashable:
        """What two identical blocks share: their kind and tokens, notes by id."""
        if self._exact is None:
            element = self.element
            if element.tag in TEXT_BLOCKS:
                content: Hashable = tuple(tokens(element))
            elif element.tag in CONTAINERS:
                content = tuple(_Block(child).exact() for child in _blocks(element))
            else:
                content = etree.tostring(element)
            self._exact = (self.kind, self.session, content)
        return self._exact

    def words(self) -> list[str]:
        if self._words is None:
            self._words = _SPACES.sub(" ", self.element.text_content()).split()
        return self._words

    def similarity(self, other: _Block) -> float:
        """How alike two blocks are, 0 for blocks never paired: another kind, another
        session, paragraphs too unlike; containers of a kind always pair (their blocks are
        compared in turn), the more alike the better."""
        if self.kind != other.kind or self.session != other.session:
            return 0.0
        if self.session is not None:
            return 1.0
        if self.element.tag in CONTAINERS:
            return 0.5 + word_ratio(self.words(), other.words()) / 2
        if self.element.tag in TEXT_BLOCKS:
            return word_ratio(self.words(), other.words(), SIMILAR_ENOUGH)
        return 0.0


def word_ratio(old: Sequence[str], new: Sequence[str], at_least: float = 0.0) -> float:
    """How much of their words two texts share, from 0 to 1 (1 for two empty texts); 0 if
    less than ``at_least`` (found sooner, by difflib's upper bounds)."""
    if not old and not new:
        return 1.0
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= at_least else 0.0


def align(
    old: Sequence[T],
    new: Sequence[T],
    similarity: Callable[[T, T], float],
    exact: Callable[[T], Hashable],
) -> list[Step]:
    """Pair the items of two sequences in order: identical ones first, then, between them, the
    pairs of greatest total similarity (0: never paired). Unpaired items come as deletions and
    insertions, OLD's before NEW's where both stand.

    A lone identical item far from its place (a paragraph moved) is no anchor: it would leave
    every changed item before it unpaired; it is weighed with the others, and shown moved
    (deleted and inserted) as Word's own comparison shows it."""
    matcher = SequenceMatcher(None, [exact(x) for x in old], [exact(x) for x in new], False)
    reach = REACH + abs(len(old) - len(new))
    steps: list[Step] = []
    old_gap = new_gap = 0  # where the items not yet paired start
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        near = abs(old_start - new_start) <= reach
        if operation == "equal" and (old_end - old_start > 1 or near):
            gap = range(old_gap, old_start), range(new_gap, new_start)
            steps += _align_gap(*gap, lambda i, j: similarity(old[i], new[j]))
            steps += zip(range(old_start, old_end), range(new_start, new_end), strict=True)
            old_gap, new_gap = old_end, new_end
    gap = range(old_gap, len(old)), range(new_gap, len(new))
    return steps + _align_gap(*gap, lambda i, j: similarity(old[i], new[j]))


MAX_GAP_CELLS = 250_000
"""Bound on the blocks weighed against each other between two identical ones (500 × 500
paragraphs): beyond, the blocks there are shown deleted and inserted rather than paired."""
REACH = 8
"""How far from its place (in blocks, beyond the difference in the gap's lengths) a block is
looked for: comparing every paragraph of a long list with every other took 20 s for 200
changed paragraphs, and an edited paragraph stays near where it was."""


def _align_gap(olds: range, news: range, similarity: Callable[[int, int], float]) -> list[Step]:
    """The pairs of greatest total similarity, in order (dynamic programming, as for the
    longest common subsequence, weighted), each block weighed against those near its place."""
    rows, columns = len(olds), len(news)
    if rows * columns > MAX_GAP_CELLS:
        return [(i, None) for i in olds] + [(None, j) for j in news]
    reach = REACH + abs(rows - columns)
    scores = {
        (i, j): similarity(olds[i], news[j])
        for i in range(rows)
        for j in range(max(0, i - reach), min(columns, i + reach + 1))
    }
    best = [[0.0] * (columns + 1) for _row in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            score = scores.get((i, j), 0.0)
            paired = best[i + 1][j + 1] + score if score > 0 else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    steps: list[Step] = []
    i = j = 0
    while i < rows and j < columns:
        score = scores.get((i, j), 0.0)
        if score > 0 and best[i][j] == best[i + 1][j + 1] + score:
            steps.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            steps.append((olds[i], None))
            i += 1
        else:
            steps.append((None, news[j]))
            j += 1
    return (
        steps
        + [(olds[k], None) for k in range(i, rows)]
        + [(None, news[k]) for k in range(j, columns)]
    )


def mark_block(element, status: str) -> None:
    """Mark a block found in one version only, and every paragraph in it (a section too); a
    block Word cannot mark (a table, a picture on its own) is refused."""
    for block in element.iter():
        if block.tag in TEXT_BLOCKS or block.tag == "section":
            block.set("class", " ".join([*_classes(block), status]))
        elif block.tag not in CONTAINERS and block.getparent().tag in CONTAINERS:
            _refuse_change(block)


def _refuse_change(element) -> None:
    raise ReportError(
        _(
            "the two versions differ in a <{tag}> of the page, which a comparison cannot mark "
            "(it marks paragraphs, list items, headings and their words)",
            tag=element.tag,
        )
    )


# The words: tokens of paired paragraphs.


def tokens(element) -> list[Token]:
    """An element's content as tokens, notes' calls by their id."""
    return list(_tokens(element, ()))


def _tokens(element, marks: tuple) -> Iterator[Token]:
    yield from _text_tokens(element.text, marks)
    for child in element:
        if _NOTE_KEY in child.attrib:
            yield Token("", marks, f"note:{child.get(_NOTE_KEY)}")
        elif child.tag == "br" or child.tag == "img":
            yield Token("", marks, etree.tostring(child, with_tail=False).decode())
        elif "footnote-back" not in _classes(child):
            attributes = tuple(sorted(child.attrib.items()))
            yield from _tokens(child, (*marks, (child.tag, attributes)))
        yield from _text_tokens(child.tail, marks)


def _text_tokens(text: str | None, marks: tuple) -> Iterator[Token]:
    for word in _WORD.findall(text or ""):
        yield Token(" " if _SPACES.fullmatch(word) else word, marks)


def merge_text(old, new) -> None:
    """Rewrite ``new``'s content as its tokens and ``old``'s deleted ones, the changes in
    ``del`` and ``ins``."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    if old_tokens == new_tokens:
        return
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    merged: list[Marked] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            merged += [(None, token) for token in new_tokens[new_start:new_end]]
        else:
            merged += [("del", token) for token in old_tokens[old_start:old_end]]
            merged += [("ins", token) for token in new_tokens[new_start:new_end]]
    _rebuild(new, _absorb_lone_spaces(merged))


def _absorb_lone_spaces(merged: list[Marked]) -> list[Marked]:
    """Read a rewritten phrase as one change, not word by word: where changes stand one
    unchanged space apart, the space joins both the deletion and the insertion, which come
    one after the other (OLD's words, then NEW's)."""
    result: list[Marked] = []
    cluster: list[Marked] = []
    for index, (status, token) in enumerate(merged):
        lone = (
            status is None
            and token.text == " "
            and 0 < index < len(merged) - 1
            and merged[index - 1][0] is not None
            and merged[index + 1][0] is not None
        )
        if status is not None or lone:
            cluster.append((status, token))
            continue
        result += _joined(cluster)
        cluster = []
        result.append((status, token))
    return result + _joined(cluster)


def _joined(cluster: list[Marked]) -> list[Marked]:
    statuses = {status for status, _token in cluster}
    if statuses != {"del", "ins", None}:
        return cluster
    deleted: list[Marked] = [("del", token) for status, token in cluster if status != "ins"]
    inserted: list[Marked] = [("ins", token) for status, token in cluster if status != "del"]
    return deleted + inserted


def _rebuild(parent, merged: list[Marked]) -> None:
    """Write tokens back as the element's content, each in its marks (and ``del``/``ins``
    outermost), consecutive tokens sharing the elements they share."""
    for child in list(parent):
        parent.remove(child)
    parent.text = None
    stack: list[tuple[Any, tuple]] = [(parent, ())]
    for status, token in merged:
        path = (((status, ()),) if status else ()) + token.marks
        while path[: len(stack[-1][1])] != stack[-1][1]:
            stack.pop()
        for depth in range(len(stack[-1][1]), len(path)):
            tag, attributes = path[depth]
            element = etree.SubElement(stack[-1][0], tag, dict(attributes))
            stack.append((element, path[: depth + 1]))
        holder = stack[-1][0]
        if token.element is None:
            _append_text(holder, token.text)
        elif token.element.startswith("note:"):
            call = etree.SubElement(holder, "sup", {"class": "footnote-ref"})
            call.set(_NOTE_KEY, token.element.removeprefix("note:"))
            etree.SubElement(call, "a", {"role": "doc-noteref"})
        else:
            holder.append(lxml.html.fragment_fromstring(token.element))


def _append_text(element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


# The notes: numbered anew in the order of the calls of the compared page.


def _number_notes(new_page: _Page, old_page: _Page) -> None:
    """Number the calls of the compared page in order, each note once per state (kept,
    deleted with its call, inserted with it), and write the notes' list: a kept note shows
    the changes of its text, a deleted or inserted one is deleted or inserted whole."""
    numbers: dict[tuple[str | None, str], int] = {}
    notes = []
    for call in new_page.root.find_class("footnote-ref"):
        key = call.attrib.pop(_NOTE_KEY)
        status = _status(call)
        if (status, key) not in numbers:
            numbers[status, key] = len(numbers) + 1
            notes.append(_note(numbers[status, key], status, key, old_page, new_page))
        number = str(numbers[status, key])
        link = call.find("a")
        link.attrib.update({"href": f"#fn{number}", "id": f"fnref{number}"})
        link.text = number
    section = _notes_section(new_page, old_page, bool(notes))
    if section is not None:
        (listing,) = section.iter("ol")
        for child in list(listing):
            listing.remove(child)
        listing.extend(notes)


def _status(element) -> str | None:
    """Whether an element is deleted or inserted, by the elements or blocks it stands in."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("del", "ins"):
            return ancestor.tag
        classes = _classes(ancestor)
        if "deleted" in classes:
            return "del"
        if "inserted" in classes:
            return "ins"
    return None


def _note(number: int, status: str | None, key: str, old_page: _Page, new_page: _Page):
    old, new = old_page.notes.get(key), new_page.notes.get(key)
    source = old if status == "del" or new is None else new
    assert source is not None  # every call's note is on the page of its version
    item = copy.deepcopy(source)
    back = item.find_class("footnote-back")
    for link in back:
        link.attrib.update({"href": f"#fnref{number}"})
        item.remove(link)
    item.attrib.update({"id": f"fn{number}", "value": str(number)})
    if status is None and old is not None and new is not None:
        merge_text(old, item)
    elif status is not None:
        _rebuild(item, [(status, token) for token in tokens(item)])
    item.extend(back)  # after the note's own space, in or out of a change as its text
    return item


def _notes_section(new_page: _Page, old_page: _Page, needed: bool):
    """The new page's notes' section: taken from OLD's page if only deleted notes need it,
    dropped if no note is left."""
    (new_main,) = new_page.root.iter("main")
    sections = new_main.find_class("footnotes")
    if not needed:
        for section in sections:
            new_main.remove(section)
        return None
    if sections:
        return sections[0]
    section = copy.deepcopy(old_page.root.find_class("footnotes")[0])
    new_main.append(section)
    return section


def _add_legend(page: _Page, theme: Theme, laid_out_as_new: Relaid) -> None:
    """Say what the marks mean, and what of OLD is shown as NEW's, beside the article (the DOCX
    writes only the article: Word shows its own marks), and add the theme's look of the marks
    to the page's style."""
    language = page.root.get("lang", theme.language)
    phrases = theme.phrases(language)
    css = render_template(theme, COMPARISON_STYLESHEET, phrases=phrases, notes=None)
    style = page.root.find(".//head/style")
    style.text = (style.text or "") + css
    (main,) = page.root.iter("main")
    legend = etree.Element("section", {"class": "legend"})
    keys = ("changes_legend", "change_inserted", "change_deleted")
    words = [str(phrases.say(key)) for key in keys] + _relaid_said(laid_out_as_new, phrases)
    words = typeset(words, language, theme.tokens.french_spacing)  # as the page was
    paragraph = etree.SubElement(legend, "p")
    paragraph.text = words[0] + " "
    etree.SubElement(paragraph, "ins").text = words[1]
    etree.SubElement(paragraph, "span").text = " "
    etree.SubElement(paragraph, "del").text = words[2]
    for sentence in words[len(keys) :]:
        etree.SubElement(legend, "p").text = sentence
    main.insert(0, legend)


def _relaid_said(laid_out_as_new: Relaid, phrases: Phrases) -> list[str]:
    """The legend's sentences on OLD's kind and language, where NEW's replace them."""
    said = []
    if laid_out_as_new.kinds:
        old_kind, new_kind = (phrases.say(f"kind_{kind}") for kind in laid_out_as_new.kinds)
        said.append(phrases.say("changes_other_kind", old_kind=old_kind, new_kind=new_kind))
    if laid_out_as_new.languages:
        old_language, new_language = (
            _language_name(tag, phrases) for tag in laid_out_as_new.languages
        )
        said.append(
            phrases.say(
                "changes_other_language", old_language=old_language, new_language=new_language
            )
        )
    return [str(sentence) for sentence in said]


def _language_name(tag: str, phrases: Phrases) -> str:
    """A language's name as the theme words it, else its tag (a theme names the languages
    of its own phrases)."""
    key = f"language_{tag.split('-')[0]}"
    return str(phrases.say(key)) if key in CATALOGUE else tag


def _classes(element) -> list[str]:
    return element.get("class", "").split() if isinstance(element.tag, str) else []


# What changed, counted.


@dataclass(frozen=True)
class Tally:
    """How many insertions and deletions a compared page shows, and in how many places (a
    paragraph, a list item, a heading, a note or the running footer with changes; one inserted
    in place of one deleted is one place)."""

    insertions: int
    deletions: int
    places: int


def tally(page: str) -> Tally:
    """Count the changes of a compared page as Word lists them: each ``ins`` and ``del``, and
    each paragraph inserted or deleted whole."""
    root = lxml.html.document_fromstring(page)
    for legend in root.find_class("legend"):
        legend.drop_tree()
    counts = {"ins": 0, "del": 0}
    places = 0
    for block in root.iter(*TEXT_BLOCKS, "footer"):
        marked = set(_classes(block)) & set(REVISION_CLASSES)
        inline = list(block.iter("ins", "del"))  # a text block holds no other
        for element in inline:
            counts[element.tag] += 1
        if marked:
            counts["del" if "deleted" in marked else "ins"] += 1
        places += bool(marked or inline) and not _replaces(block)
    return Tally(counts["ins"], counts["del"], places)


def _replaces(block) -> bool:
    """Whether an inserted block takes the place of a deleted one before it (the k-th of a
    run of inserted blocks, that of the k-th last of the deleted ones just before them): a
    rewritten paragraph or a replaced item is one place changed, as a reader counts it."""
    if "inserted" not in _classes(block):
        return False
    before = [_classes(other) for other in block.itersiblings(preceding=True)]
    inserted = _run(before, "inserted")
    return inserted < _run(before[inserted:], "deleted")


def _run(classes: list[list[str]], status: str) -> int:
    """How many of the first blocks (their classes) carry ``status``."""
    return next((i for i, found in enumerate(classes) if status not in found), len(classes))
