"""WordprocessingML's qualified names, computed once, and the few operations on runs and
paragraphs that the writer repeats for every line of text.

The writer builds the body with lxml directly: python-docx's proxies look up and insert each
child in schema order, and set a run's text character by character, which cost more than all
the rest of a document.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(name: str) -> str:
    """The qualified (Clark) name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{name}"


P, PPR, PSTYLE, KEEP_NEXT, NUM_PR, ILVL, NUM_ID, JC = map(
    w, ("p", "pPr", "pStyle", "keepNext", "numPr", "ilvl", "numId", "jc")
)
KEEP_LINES, PAGE_BREAK_BEFORE = w("keepLines"), w("pageBreakBefore")
R, RPR, RSTYLE, RFONTS, T, BR, TAB, RTL = map(
    w, ("r", "rPr", "rStyle", "rFonts", "t", "br", "tab", "rtl")
)
BOLD, BOLD_CS, ITALIC, ITALIC_CS = map(w, ("b", "bCs", "i", "iCs"))
VERT_ALIGN, LANG = w("vertAlign"), w("lang")
SECT_PR, VAL, CS, FOOTNOTES = w("sectPr"), w("val"), w("cs"), w("footnotes")
TBL = w("tbl")

_TEXT_OF = {T: None, BR: "\n", TAB: "\t"}
"""What each child of a run reads as, as python-docx's ``Run.text`` reads it (None: its text)."""


def add(parent, tag: str, attributes: dict[str, str] | None = None):
    """Append a new element to ``parent`` and return it."""
    return etree.SubElement(parent, tag, attributes)


def add_block(container, block) -> None:
    """Put a paragraph or table at the end of a body or cell: before a body's section
    properties, which the schema keeps last."""
    last = container[-1] if len(container) else None
    if last is not None and last.tag == SECT_PR:
        last.addprevious(block)
    else:
        container.append(block)


def new_paragraph(container, style_id: str | None):
    """Add a paragraph in the style of that id; None: the default style (an empty pPr)."""
    paragraph = container.makeelement(P)  # in the document, so python-docx's classes
    properties = add(paragraph, PPR)
    if style_id is not None:
        add(properties, PSTYLE, {VAL: style_id})
    add_block(container, paragraph)
    return paragraph


def set_text(run, text: str) -> None:
    """Replace a run's content (its properties kept) with the text, spaces at its edges kept."""
    for child in list(run):
        if child.tag != RPR:
            run.remove(child)
    if text:
        add(run, T).text = text
        if text != text.strip():
            run[-1].set(XML_SPACE, "preserve")


def run_text(run) -> str:
    """A run's text, a line break read as a new line (pictures and note marks are none)."""
    return "".join(
        (child.text or "") if (read := _TEXT_OF.get(child.tag, "")) is None else read
        for child in run
    )


def runs(paragraph) -> list:
    return paragraph.findall(R)


def keep_with_next(paragraph) -> None:
    """Keep a paragraph on the page of the next, after its style (the schema's order)."""
    properties = paragraph.find(PPR)
    if properties.find(KEEP_NEXT) is None:
        position = 1 if len(properties) and properties[0].tag == PSTYLE else 0
        properties.insert(position, properties.makeelement(KEEP_NEXT))


def start_page(paragraph) -> None:
    """Start a new page with a paragraph, after its style and keeps (the schema's order)."""
    properties = paragraph.find(PPR)
    known = {PSTYLE, KEEP_NEXT, KEEP_LINES}
    position = sum(1 for child in properties if child.tag in known)
    properties.insert(position, properties.makeelement(PAGE_BREAK_BEFORE))


def number(paragraph, list_id: int) -> None:
    """Make a paragraph an item of a list (see numbering.Numbering.new_list)."""
    properties = paragraph.find(PPR)
    numbering = properties.makeelement(NUM_PR)
    add(numbering, ILVL, {VAL: "0"})
    add(numbering, NUM_ID, {VAL: str(list_id)})
    known = {PSTYLE, KEEP_NEXT}
    position = sum(1 for child in properties if child.tag in known)
    properties.insert(position, numbering)


def word_element(tag: str, *children, **attributes: str):
    """A detached ``w:`` element with ``w:`` attributes and the given children, declaring its
    namespace (a part's root needs it)."""
    element = OxmlElement(tag, {w(name): value for name, value in attributes.items()})
    element.extend(children)
    return element
