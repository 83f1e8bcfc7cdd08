"""The HTML between stages: the elements and classes a theme's templates may use.

The rendered page is the one document the PDF and the DOCX are made from, so it may hold only
what every format can show. The page is checked as soon as it is rendered (and again by the
DOCX writer, which may be given a page directly), so that no format meets an element it would
drop: anything else is refused with the theme, the template and the element named.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable
from typing import NoReturn

import lxml.html

from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import _, mark

PHRASING = frozenset({"a", "b", "br", "em", "i", "span", "strong", "sub", "sup"})
"""Elements within a line of text; the DOCX keeps a link as its text."""
INLINE = PHRASING | {"img"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = frozenset({"blockquote", "div", *HEADINGS, "header", "ol", "p", "section", "table", "ul"})
"""Elements that stand on their own. In the DOCX, h1 is the Title, h2–h6 Heading 1–5, a
blockquote's paragraphs are Block Text, a table is a Word table in the Table Grid style. (A
compilation's contents, a nav in its main, becomes a table of contents field.)"""
FLOW = BLOCKS | INLINE
REVISIONS = frozenset({"ins", "del"})
"""A comparison's changed words (gfmd_reports.redline): tracked changes in the DOCX. Only a
comparison's page holds them, where elements of a line of text may stand."""
REVISION_CLASSES = ("inserted", "deleted")
REVISION_BLOCKS = frozenset({"p", *HEADINGS, "li", "caption", "section"})
"""Where a comparison marks a block found in one version only (a section: all its blocks)."""

CHILDREN: dict[str, frozenset[str]] = {
    "body": frozenset({"article", "footer", "h1", "main", "section"}),
    "main": frozenset({"article", "h1", "nav", "section"}),
    "footer": PHRASING,
    **dict.fromkeys(("article", "header", "div", "blockquote", "td", "th"), FLOW),
    "section": FLOW | {"article"},  # a compilation's chapter holds its reports
    "nav": frozenset({"h2", "ol"}),
    "ul": frozenset({"li"}),
    "ol": frozenset({"li"}),
    "table": frozenset({"caption", "thead", "tbody", "tfoot", "tr"}),
    **{name: frozenset({"tr"}) for name in ("thead", "tbody", "tfoot")},
    "tr": frozenset({"td", "th"}),
    **dict.fromkeys(("p", *HEADINGS, "li", "caption", *PHRASING), INLINE),
    "br": frozenset(),
    "img": frozenset(),
}
CHILDREN |= {
    **{tag: held | REVISIONS for tag, held in CHILDREN.items() if held & PHRASING},
    **dict.fromkeys(REVISIONS, INLINE),
}
"""What each element may hold. The page's frame (body, main, footer) comes from base.html."""

CLASSES = {
    "report": "the article",
    "oral": "the article of an oral report",
    "written": "the article of a report read on paper (session or general)",
    "general": "the article of a general report",
    "session-report": "the article of a report on one session",
    "session": "a session's section",
    "overall-conclusions": "the section of a written report's overall conclusions",
    "bullets": "a bullet list",
    "title": "the report's title (h1, Word's Title style)",
    "subtitle": "a paragraph in Word's Subtitle style",
    "byline": "a paragraph in the Byline style",
    "quote": "a paragraph in Word's Quote style",
    "salutation": "the opening and closing words of an oral report",
    "reading-time": "an oral report's reading time, not read aloud (Word's Reading Time style)",
    "logo": "a theme's image",
    "for-screen-readers": "read aloud, never shown, printed or put in the DOCX",
    "forum": "the running footer: forum, venue and dates",
    "footnotes": "the notes, which the PDF and DOCX make footnotes of",
    "footnote-ref": "a note's call (sup)",
    "footnote-back": "a note's link back to its call",
    "compilation": "the body of a compilation of reports (a Chair's Report)",
    "cover": "a compilation's cover page",
    "cover-detail": "a line of the cover: venue, dates, chairmanship",
    "status": "the cover's status: preliminary or final",
    "contents": "a compilation's table of contents (nav): a TOC field in the DOCX",
    "contents-1": "an entry of the contents, level 1 (Word's TOC 1)",
    "contents-2": "an entry of the contents, level 2 (Word's TOC 2)",
    "contents-3": "an entry of the contents, level 3 (Word's TOC 3)",
    "foreword": "a compilation's foreword",
    "executive-summary": "a compilation's executive summary",
    "chapter": "a compilation's chapter: one round table's reports",
    "annex": "a compilation's annex",
    "inserted": "a comparison's block found in the newer version only (a tracked insertion)",
    "deleted": "a comparison's block found in the older version only (a tracked deletion)",
    "legend": "a comparison's legend of its marks, beside the article (not in the DOCX)",
}
"""The classes the templates give a meaning, anywhere."""

STYLE_CLASSES = {
    **dict.fromkeys(("p", *HEADINGS, "li", "caption"), "paragraph"),
    **dict.fromkeys(PHRASING - {"br"}, "character"),
    "table": "table",
}
"""Where any other class may go: in the DOCX it names a Word style of that kind (created if
the document lacks it, so that a reference.docx may give it a look), as style.css gives it
one in the HTML and the PDF."""

_REPORT_FRAME = {
    "h1": {"for-screen-readers"},
    "section": {"footnotes"},
    "nav": set[str](),
    "footer": {"forum"},
}
"""What a report's page may hold beside its article: the DOCX shows nothing else outside it."""
_COMPILATION_FRAME = {
    **_REPORT_FRAME,
    "section": {"footnotes", "cover", "foreword", "executive-summary", "chapter", "annex"},
    "nav": {"contents"},
}
"""What a compilation's page (body class "compilation") may hold beside its chapters' articles."""

_ELEMENT_LIST = mark(
    "p, h1–h6, ul, ol, li, table (caption, thead, tbody, tfoot, tr, th, td), blockquote, "
    "img, div, section, header, and in text em, strong, i, b, a, span, sup, sub, br"
)
_IMG = r"<img\b"
_IMAGE_URL = re.compile(r"data:(image/(?:png|jpeg|gif));base64,([A-Za-z0-9+/=\s]*)\Z")

TemplateSources = Callable[[], Iterable[tuple[str, str]]]
"""A theme's template files, highest precedence first, as (path, source): read only to name
the template an element comes from."""


def check_html(html: str, theme_name: str, sources: TemplateSources) -> None:
    """Refuse a rendered page that holds anything outside the contract."""
    check_page(lxml.html.document_fromstring(html), theme_name, sources)


def check_page(root, theme_name: str, sources: TemplateSources, revisions: bool = False) -> None:
    """Refuse a parsed page that holds anything outside the contract; only a comparison's page
    (``revisions``) may hold changes, each where the DOCX can track it."""
    (body,) = root.iter("body")
    compilation = "compilation" in body.get("class", "").split()
    frame = _COMPILATION_FRAME if compilation else _REPORT_FRAME
    if revisions:
        frame = {**frame, "section": frame["section"] | {"legend"}}
    for parent in body.iter():
        if isinstance(parent.tag, str):  # not a comment
            _check_text(parent, theme_name, sources)
            for child in parent:
                if isinstance(child.tag, str):
                    _check_revision(child, revisions, theme_name, sources)
                    _check_element(child, parent, frame, theme_name, sources)


def _check_revision(element, revisions: bool, theme_name: str, sources: TemplateSources) -> None:
    """Refuse a change outside a comparison's page, or one the DOCX cannot track: a change in
    a change, two marks on a block, a block marked where no paragraph of Word is, a marked
    section with a block not marked as it is."""
    marks = [name for name in element.get("class", "").split() if name in REVISION_CLASSES]
    if not (marks or element.tag in REVISIONS):
        return
    what = _("the class '{name}' on <{tag}>", name=marks[0], tag=element.tag) if marks else None
    what = what or _("the element <{tag}>", tag=element.tag)
    in_change = element.xpath("ancestor::ins | ancestor::del")
    in_change = in_change or any(
        set(ancestor.get("class", "").split()) & set(REVISION_CLASSES)
        for ancestor in element.iterancestors()
        if ancestor.tag != "section"
    )
    if not revisions:
        why = _("is only for a comparison of two versions (gfmd-reports compare)")
    elif in_change and (marks or element.tag in REVISIONS):
        why = _("stands inside another change: a change holds no change")
    elif len(marks) > 1 or (marks and element.tag not in REVISION_BLOCKS):
        why = _("cannot be tracked there: mark one of p, h1–h6, li, caption or section, once")
    elif marks and element.tag == "section" and _unmarked_blocks(element, marks[0]):
        why = _("is on a section with blocks not marked alike: mark every block in it")
    else:
        return
    raise ReportError(_("theme '{theme}': {what}", theme=theme_name, what=f"{what} {why}"))


def _unmarked_blocks(section, mark_class: str) -> list:
    return [
        block
        for block in section.iter(*(REVISION_BLOCKS - {"section"}))
        if mark_class not in block.get("class", "").split()
    ]


def _check_text(parent, theme_name: str, sources: TemplateSources) -> None:
    """Refuse text where only elements may stand (in a list, a table, the page's frame):
    text may stand wherever elements of a line of text may."""
    if CHILDREN[parent.tag] & PHRASING:
        return
    texts = [parent.text, *(child.tail for child in parent)]
    stray = next((text.strip() for text in texts if text and text.strip()), None)
    if stray:
        _refuse(
            theme_name,
            _("the text “{text}” directly inside <{parent}>", text=stray[:40], parent=parent.tag),
            sources,
            re.escape(stray[:40]),
            _("is not where the DOCX can hold text: put it in an element that holds text, as <p>"),
        )


def _check_element(
    element, parent_element, frame: dict[str, set[str]], theme_name: str, sources: TemplateSources
) -> None:
    tag, parent = element.tag, parent_element.tag
    if tag not in CHILDREN:
        _refuse(
            theme_name,
            _("the element <{tag}>", tag=tag),
            sources,
            rf"<{tag}\b",
            _("is not one the DOCX can hold: use {elements}", elements=_(_ELEMENT_LIST)),
        )
    classes = element.get("class", "").split()
    if tag not in CHILDREN[parent] or _outside_frame(element, parent_element, frame):
        _refuse(
            theme_name,
            _("the element <{tag}> inside <{parent}>", tag=tag, parent=parent),
            sources,
            rf"<{tag}\b",
            _(
                "is not one the DOCX can hold there: <{parent}> may hold {elements}",
                parent=parent,
                elements=", ".join(_allowed_in(parent, frame)) or _("nothing"),
            ),
        )
    unknown = [name for name in classes if name not in CLASSES]
    if unknown and tag not in STYLE_CLASSES:
        _refuse(
            theme_name,
            _("the class '{name}' on <{tag}>", name=unknown[0], tag=tag),
            sources,
            rf"class\s*=\s*[\"'][^\"']*\b{re.escape(unknown[0])}\b",
            _(
                "is not one the DOCX knows there: on <{tag}> use only {classes}; a class of "
                "your own may go on a paragraph (p, h1–h6, li, caption), on text (span, em, "
                "strong, …) or on a table, where the DOCX gives it a Word style of that name",
                tag=tag,
                classes=", ".join(CLASSES),
            ),
        )
    if tag == "img":
        _check_image_source(element.get("src", ""), theme_name, sources)


def _allowed_in(parent: str, frame: dict[str, set[str]]) -> list[str]:
    """The elements a parent may hold, leaving out those its page's frame has no place for,
    and a comparison's own, which no theme writes."""
    in_frame = parent in {"body", "main"}
    held = CHILDREN[parent] - REVISIONS
    return sorted(tag for tag in held if not in_frame or frame.get(tag, True))


def _outside_frame(element, parent_element, frame: dict[str, set[str]]) -> bool:
    """Whether an element stands where the page's frame has no place for it: beside the
    articles, only what the frame names; an article in a section, only in a chapter of a
    compilation."""
    classes = set(element.get("class", "").split())
    if parent_element.tag in {"body", "main"} and element.tag in frame:
        return frame[element.tag].isdisjoint(classes)
    if element.tag == "article" and parent_element.tag == "section":
        parent_classes = parent_element.get("class", "").split()
        return frame is _REPORT_FRAME or "chapter" not in parent_classes
    return False


def _check_image_source(source: str, theme_name: str, sources: TemplateSources) -> None:
    from gfmd_reports.images import check_image  # only pages with images need the decoder

    found = _IMAGE_URL.match(source)
    if found is None:
        _refuse(
            theme_name,
            _(
                "an image must come from asset() in the theme, not {source}",
                source=repr(source[:60]),
            ),
            sources,
            _IMG,
            "",
        )
    try:
        data = base64.b64decode(found[2])
    except binascii.Error as error:
        why = _("is broken: {error}", error=error)
        _refuse(theme_name, _("the data: URL of an <img>"), sources, _IMG, why)
    where = _("the <img>{place}", place=_in(sources, _IMG))
    check_image(data, found[1], _("theme '{theme}': {what}", theme=theme_name, what=where))


def _in(sources: TemplateSources, pattern: str) -> str:
    """Name the first template whose source matches, as " (in path)", or say nothing."""
    expression = re.compile(pattern, re.IGNORECASE)
    for path, text in sources():
        if expression.search(text):
            return _(" (in {template})", template=path)
    return ""


def _refuse(
    theme_name: str, what: str, sources: TemplateSources, pattern: str, why: str
) -> NoReturn:
    what += _in(sources, pattern) + (f" {why}" if why else "")
    raise ReportError(_("theme '{theme}': {what}", theme=theme_name, what=what))
