"""The theme's tokens as Word's styles, page setup and language, for every script.

Complex scripts (Arabic, Thai) take their bold, italic and size from separate properties
(``w:bCs``, ``w:iCs``, ``w:szCs``): each is set with its Latin twin, so that emphasis and sizes
look the same in every script.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import StyleFactory

from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import _, mark
from gfmd_reports.themes import DesignTokens

PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}
_REGIONS = {"en": "en-US", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "zh": "zh-CN"}
QUOTE_INDENT = Mm(10)
"""A block quotation's indent on both sides, as the stylesheet's blockquote margin."""
_HEADING_LEVELS = 5
"""Word's Heading 1–5: a page's h2–h6."""
_COVER_TITLE_SCALE = 1.6
_COVER_TITLE_DROP = 0.3
"""The cover's title: its size against a report's title, and the space above it against the
text's width, as the compilation's style sheet sets them."""
_CONTENTS_STEP = 1.5
"""How far, in the body's ems, each level of the contents stands in from the one above."""
_BODY_TEXT_LEVEL = 9
"""The outline level of body text: a paragraph at it is no entry of the table of contents."""
_STYLE_TYPES = {
    "paragraph": WD_STYLE_TYPE.PARAGRAPH,
    "character": WD_STYLE_TYPE.CHARACTER,
    "table": WD_STYLE_TYPE.TABLE,
}
_STYLE_KINDS = {
    "paragraph": mark("paragraph"),
    "character": mark("character"),
    "table": mark("table"),
}
"""The kinds of Word style, as messages name them."""
_STYLE, _NAME, _VAL = qn("w:style"), qn("w:name"), qn("w:val")
_STYLE_ID, _TYPE, _DEFAULT = qn("w:styleId"), qn("w:type"), qn("w:default")
_TRUE = {"1", "true", "on"}
_TABLE_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def length(value: str):
    """A token's length (``25mm``, ``1in``, ``12pt``) as Word's."""
    number, unit = float(value[:-2]), value[-2:]
    return Mm(number * {"mm": 1, "cm": 10, "in": 25.4, "pt": 25.4 / 72}[unit])


def points(value: str) -> Pt:
    return Pt(float(value.removesuffix("pt")))


def set_size(font, size: Pt) -> None:
    """Give a run or style a size in every script."""
    font.size = size
    properties = font._element.rPr
    for old in properties.findall(qn("w:szCs")):
        properties.remove(old)
    properties.sz.addnext(OxmlElement("w:szCs", {qn("w:val"): properties.sz.get(qn("w:val"))}))


def set_emphasis(font, bold: bool | None, italic: bool | None) -> None:
    """Make a run or style bold or italic in every script; None leaves it as it is."""
    if bold is not None:
        font.bold = font.cs_bold = bold
    if italic is not None:
        font.italic = font.cs_italic = italic


def _theme_styles(tokens: DesignTokens, reading: bool) -> dict[str, dict]:
    """The paragraph styles the writer uses, with the look the theme's tokens give them;
    ``reading``: as an oral report's reading copy, in the reading size and spacing."""
    size, line = tokens.body_size, tokens.line_spacing
    if reading:
        size, line = tokens.reading_size, tokens.reading_line_spacing
    body = {"font": tokens.body_font, "colour": tokens.text_colour, "size": size}
    heading = {"font": tokens.heading_font, "colour": tokens.heading_colour}
    spacing = points(tokens.paragraph_spacing)
    centred = WD_ALIGN_PARAGRAPH.CENTER
    heading_level = {
        **heading,
        "size": tokens.heading_size,
        "bold": True,
        "italic": False,
        "before": Pt(18),
        "after": spacing,
        "keep_with_next": True,
    }
    return {
        "Normal": {**body, "after": spacing, "line": line},
        "Title": {
            **heading,
            "size": tokens.title_size,
            "bold": True,
            "align": centred,
            "after": Pt(6),
        },
        "Subtitle": {
            **heading,
            "size": tokens.subtitle_size,
            "bold": True,
            "italic": False,
            "align": centred,
            "after": Pt(6),
        },
        "Byline": {**body, "align": centred, "after": Pt(18)},
        "Heading 1": heading_level,
        "Heading 2": heading_level,
        "Heading 3": {**heading_level, "before": Pt(12)},
        "Quote": {**body, "italic": False, "after": spacing},
        "Block Text": {**body, "italic": False, "after": spacing, "indent": QUOTE_INDENT},
        "Caption": {**body, "bold": False, "italic": True, "after": Pt(4)},
        "List Bullet": {**body, "after": spacing},
        "List Number": {**body, "after": spacing},
        "Footnote Text": {**body, "size": tokens.footnote_size, "after": Pt(0), "line": 1.0},
        "Reading Time": {
            **body,
            "size": tokens.footnote_size,
            "align": WD_ALIGN_PARAGRAPH.RIGHT,
            "after": spacing,
            "line": tokens.line_spacing,
        },
    }


def _compilation_styles(tokens: DesignTokens) -> dict[str, dict]:
    """The styles of a compilation, as its style sheet sets them: the cover's, headings one
    level down (Heading 4 and 5 added), the table of contents (Word's TOC Heading, TOC 1–3),
    the annexes' tables."""
    styles = _theme_styles(tokens, reading=False)
    body = {key: styles["Normal"][key] for key in ("font", "colour", "size")}
    heading = styles["Heading 1"]
    deepest = {**styles["Heading 3"], "size": tokens.body_size}
    step = points(tokens.body_size) * _CONTENTS_STEP
    centred = WD_ALIGN_PARAGRAPH.CENTER
    page_width, _ = PAGE_SIZES[tokens.page_size]
    text_width = page_width - length(tokens.margin_left) - length(tokens.margin_right)
    title_size = f"{float(tokens.title_size.removesuffix('pt')) * _COVER_TITLE_SCALE}pt"
    return {
        # Word's "multiple" spacing multiplies the font's own line (1.15 em for Times New
        # Roman and its look-alikes), CSS's the font size: lines at least the PDF's keep the
        # pages, and the contents' page numbers, the PDF's.
        "Normal": {
            **styles["Normal"],
            "line": Pt(points(tokens.body_size).pt * tokens.line_spacing),
        },
        "Title": {
            **styles["Title"],
            "size": title_size,
            "before": int(text_width * _COVER_TITLE_DROP),
        },
        "Cover Detail": {**body, "align": centred, "after": Pt(4)},
        "Status": {**body, "bold": True, "caps": True, "align": centred, "before": Pt(48)},
        "Annex Table Text": {**body, "size": tokens.footnote_size, "after": Pt(0)},
        "Heading 1": {**heading, "size": tokens.title_size},
        "Heading 2": {**heading, "size": tokens.subtitle_size},
        "Heading 4": deepest,
        "Heading 5": {**deepest, "bold": False, "italic": True},
        "TOC Heading": {**heading, "size": tokens.title_size},
        **{
            f"toc {level}": {**body, "after": Pt(4), "indent_left": int(step * (level - 1))}
            for level in (1, 2, 3)
        },
    }


def _styles_for(tokens: DesignTokens, reading: bool, compilation: bool) -> dict[str, dict]:
    styles = _theme_styles(tokens, reading)
    return {**styles, **_compilation_styles(tokens)} if compilation else styles


def set_up_styles(document, tokens: DesignTokens, reading: bool, compilation: bool) -> None:
    """Give every style the writer uses the theme's look, adding those Word's template lacks;
    ``reading``: the look of a reading copy; ``compilation``: with a compilation's styles."""
    for name, look in _styles_for(tokens, reading, compilation).items():
        _style(find_style(document.styles, name) or _new_style(document, name), **look)


def add_missing_styles(document, tokens: DesignTokens, reading: bool, compilation: bool) -> None:
    """Add the styles the writer uses that the document lacks (a reference document keeps the
    look of those it has): paragraph styles, the footnote reference's and the tables'."""
    for name, look in _styles_for(tokens, reading, compilation).items():
        if find_style(document.styles, name) is None:
            _style(_new_style(document, name), **look)
    if find_style(document.styles, "Footnote Reference") is None:
        reference = document.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True
    if find_style(document.styles, "Table Grid") is None:
        _add_table_grid(document)


def _add_table_grid(document) -> None:
    """Add Word's Table Grid style: single lines round every cell, no space after paragraphs."""
    style = document.styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)
    paragraph = style.paragraph_format
    paragraph.space_after = Pt(0)
    paragraph.line_spacing = 1.0
    table_properties = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in _TABLE_BORDERS:
        attributes = {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "auto"}
        borders.append(OxmlElement(f"w:{side}", {qn(k): v for k, v in attributes.items()}))
    table_properties.append(borders)
    style.element.append(table_properties)


_BUILT_IN_IDS = {
    "Heading 4": "Heading4",
    "Heading 5": "Heading5",
    "toc 1": "TOC1",
    "toc 2": "TOC2",
    "toc 3": "TOC3",
    "TOC Heading": "TOCHeading",
}
"""Word's built-in styles a compilation may add, with Word's own ids: Word's TOC field and
navigation pane know them by these names, which a custom style must not take."""


def _new_style(document, name: str):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=name in _BUILT_IN_IDS)
    style.base_style = find_style(document.styles, "Normal")
    if name in _BUILT_IN_IDS:
        style.style_id = _BUILT_IN_IDS[name]
    style.quick_style = True
    return style


def set_outline_levels(document) -> None:
    """Give Heading 1–5 their outline levels, which Word's navigation pane and TOC field
    read, and the TOC Heading that of body text, so that the contents never list their own
    heading (a reference document saved elsewhere may lack them)."""
    levels = {f"Heading {level}": str(level - 1) for level in range(1, _HEADING_LEVELS + 1)}
    levels["TOC Heading"] = str(_BODY_TEXT_LEVEL)
    for name, level in levels.items():
        properties = find_style(document.styles, name).element.get_or_add_pPr()
        for old in properties.findall(qn("w:outlineLvl")):
            properties.remove(old)
        outline = OxmlElement("w:outlineLvl", {qn("w:val"): level})
        _insert_in_order(properties, outline, _AFTER_SUPPRESS[_AFTER_SUPPRESS.index("w:divId") :])


def find_style(styles, name: str):
    """Find a style by Word's name, also where another program saved the name differently."""
    try:
        return styles[name]
    except KeyError:
        wanted = name.casefold()
        return next((style for style in styles if (style.name or "").casefold() == wanted), None)


class StyleIndex:
    """A document's styles by name, read once: python-docx's own look-up scans every style
    (hundreds in Word's template) for each name, and each miss scans them all again.

    Names are found as ``find_style`` finds them: Word's internal name first, then the name
    Word shows, in any case.
    """

    def __init__(self, document, theme_name: str) -> None:
        self.document = document
        self.theme_name = theme_name
        self.shared = False
        self._read(document.styles.element)
        self.ids: dict[tuple[str, str], str | None] = {}

    def _read(self, styles) -> None:
        self.by_name: dict[str, Any] = {}
        self.by_shown_name: dict[str, Any] = {}
        self.by_id: dict[str, Any] = {}
        self.defaults: dict[str, Any] = {}
        for style in styles.iterchildren(_STYLE):
            self._index(style)

    def for_document(self, document, theme_name: str) -> StyleIndex:
        """The index of a copy of this document that shares its styles, which a new class
        style copies first (see _own_styles)."""
        index = copy.copy(self)
        index.document, index.theme_name, index.shared = document, theme_name, True
        for name in ("by_name", "by_shown_name", "by_id", "defaults", "ids"):
            setattr(index, name, dict(getattr(self, name)))  # the template's stay as they are
        return index

    def _own_styles(self) -> None:
        """Give the document a copy of the styles it shares, to change, and index that."""
        if self.shared:
            part = self.document.part.part_related_by(RT.STYLES)
            part._element = copy.deepcopy(part.element)
            self._read(part.element)
            self.shared = False

    def _index(self, style) -> None:
        name = style.find(_NAME)
        if name is not None and (value := name.get(_VAL)) is not None:
            self.by_name.setdefault(value, style)
            self.by_shown_name.setdefault(BabelFish.internal2ui(value).casefold(), style)
        if (identifier := style.get(_STYLE_ID)) is not None:
            self.by_id.setdefault(identifier, style)
        if style.get(_DEFAULT) in _TRUE:
            self.defaults.setdefault(style.get(_TYPE, "paragraph"), style)

    def find(self, name: str):
        """The style element of that name, or None."""
        for found in (
            self.by_name.get(BabelFish.ui2internal(name)),
            self.by_id.get(name),  # python-docx's own look-up falls back on ids
            self.by_shown_name.get(name.casefold()),
        ):
            if found is not None:
                return found
        return None

    def style_id(self, name: str) -> str:
        """The id of a style that the document has (set_up_styles adds those it lacks)."""
        return self.find(name).get(_STYLE_ID)

    def note_style_id(self, name: str, kind: str) -> str | None:
        """A style's id as python-docx gives it to a note's paragraph or run: None for the
        document's default style of that kind, which needs no naming."""
        style = self.find(name)
        return None if style is self.defaults.get(kind) else style.get(_STYLE_ID)

    def class_style_id(self, name: str, kind: str, based_on: str | None) -> str | None:
        """The id of the style a theme's class names (see ``class_style``), added once."""
        if (kind, name) not in self.ids:
            if self.find(name) is None:
                self._own_styles()
            style = class_style(self.document, self, name, kind, based_on, self.theme_name)
            self._index(style.element)
            self.ids[kind, name] = style.style_id
        return self.ids[kind, name]


def class_style(document, index: StyleIndex, name: str, kind: str, based_on, theme_name: str):
    """The Word style a theme's class names, added (based on the style the element would
    have) if the document lacks it; refuse a class that names a style of another kind."""
    wanted = _STYLE_TYPES[kind]
    found = index.find(name)
    if found is None:
        style = document.styles.add_style(name, wanted)
        style.base_style = find_style(document.styles, based_on) if based_on else None
        style.quick_style = True
        return style
    style = StyleFactory(found)
    if style.type != wanted:
        raise ReportError(
            _(
                "theme '{theme}': the class '{name}' names Word's style {style}, which is no "
                "{kind} style: give the class another name",
                theme=theme_name,
                name=name,
                style=style.name,
                kind=_(_STYLE_KINDS[kind]),
            )
        )
    return style


def _style(
    style,
    *,
    font: str,
    colour: str,
    size: str,
    bold: bool | None = None,
    italic: bool | None = None,
    align=None,
    before=None,
    after=None,
    line: float | Length | None = None,
    keep_with_next: bool | None = None,
    indent=None,
    indent_left=None,
    caps: bool | None = None,
) -> None:
    """Set a style's look from tokens, replacing the template's theme fonts and colours."""
    properties = style.element.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color", "w:spacing", "w:kern"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    # ascii and hAnsi only: East Asian and complex scripts keep the document defaults' fonts.
    style.font.name = font
    style.font.color.rgb = RGBColor.from_string(colour.removeprefix("#").upper())
    set_size(style.font, points(size))
    set_emphasis(style.font, bold, italic)
    if caps is not None:
        style.font.all_caps = caps
    paragraph = style.paragraph_format
    paragraph_properties = style.element.get_or_add_pPr()
    # The template's border under Title and contextual spacing in lists: not in the theme.
    for tag in ("w:pBdr", "w:contextualSpacing"):
        for old in paragraph_properties.findall(qn(tag)):
            paragraph_properties.remove(old)
    if align is not None:
        paragraph.alignment = align
    if before is not None:
        paragraph.space_before = before
    if after is not None:
        paragraph.space_after = after
    if line is not None:
        paragraph.line_spacing = line
        if isinstance(line, Length):  # a height: the least a line takes, as in CSS
            paragraph.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if keep_with_next is not None:
        paragraph.keep_with_next = keep_with_next
    if indent is not None:
        paragraph.left_indent = paragraph.right_indent = indent
    if indent_left is not None:
        paragraph.left_indent = indent_left


def suppress_hyphenation(document) -> None:
    """Never split a word at a line's end in any paragraph style, even where a Word user turns
    automatic hyphenation on: a reading copy's speaker would stumble on the break."""
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            properties = style.element.get_or_add_pPr()
            if properties.find(qn("w:suppressAutoHyphens")) is None:
                _insert_in_order(properties, OxmlElement("w:suppressAutoHyphens"), _AFTER_SUPPRESS)


_AFTER_SUPPRESS = (
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
"""What the schema puts after ``w:suppressAutoHyphens`` in paragraph properties."""


def set_language(document, tokens: DesignTokens, language: str) -> None:
    """Name every script's font and the proofing language in the document's run defaults."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for tag in ("w:rFonts", "w:lang"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute, font in (
        ("w:ascii", tokens.body_font),
        ("w:hAnsi", tokens.body_font),
        ("w:eastAsia", tokens.cjk_font),
        ("w:cs", tokens.arabic_font),
    ):
        fonts.set(qn(attribute), font)
    properties.insert(0, fonts)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), word_language(language))
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    _insert_in_order(properties, lang, ("w:eastAsianLayout", "w:specVanish", "w:oMath"))


def _insert_in_order(parent, child, successors: tuple[str, ...]) -> None:
    """Insert a child before the first of the elements the schema puts after it."""
    following = next(
        (found for tag in successors if (found := parent.find(qn(tag))) is not None), None
    )
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)


def word_language(language: str) -> str:
    """Word wants a region: "en" becomes "en-US", "fr" "fr-FR"; "en-GB" stays."""
    return language if "-" in language else _REGIONS.get(language, language)
