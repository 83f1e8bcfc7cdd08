"""Rendered HTML → a Word document a rapporteur can keep editing (the only python-docx import).

The DOCX is built from the same HTML as the other formats, element by element, in Word's own
vocabulary: headings become Title, Subtitle and Heading styles, lists get real numbering that
restarts with each list, notes become real footnotes, and the theme's tokens become the styles.
"""

from __future__ import annotations

import base64
import copy
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.story import StoryPart
from docx.shared import Inches, Mm, Pt
from docx.text.paragraph import Paragraph

from gfmd_reports.errors import ReportError
from gfmd_reports.themes import DesignTokens, Theme

_PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}
_REGIONS = {"en": "en-US", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "zh": "zh-CN"}
_BLOCK_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2"}
_CLASS_STYLES = {"subtitle": "Subtitle", "byline": "Byline", "quote": "Quote"}
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def html_to_docx(html: str, theme: Theme, modified: datetime.datetime | None = None) -> bytes:
    """Build a Word document from a rendered report page.

    With a ``reference.docx`` in the theme, the document starts from it: its styles, page setup
    and footer stay as the Word user made them, and only missing styles are added.
    """
    root = lxml.html.document_fromstring(html)
    (article,) = root.iter("article")
    language = root.get("lang", "en")
    tokens = theme.tokens
    if theme.reference_docx:
        document = _from_reference(theme.reference_docx)
    else:
        document = Document()
        _set_up_page(document, tokens, root.findtext(".//footer") or "")
        _set_up_styles(document, tokens)
    _add_missing_styles(document, tokens)
    _set_language(document, tokens, language)
    _set_properties(document, root, language, modified)
    kind = "oral" if "oral" in article.get("class", "").split() else "written"
    _Writer(document, root, tokens, kind).write_blocks(article)
    return _deterministic_zip(document)


def _from_reference(path: Path):
    """Open a reference document emptied of its content, keeping its styles and page setup."""
    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a file that is no DOCX
        raise ReportError(
            f"{path}: not a Word document (.docx) that can be read: {error}"
        ) from error
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for relationship_id, relationship in list(document.part.rels.items()):
        if relationship.reltype in {RELATIONSHIP_TYPE.FOOTNOTES, RELATIONSHIP_TYPE.ENDNOTES}:
            document.part.drop_rel(relationship_id)
    settings = document.settings.element
    for notes_settings in settings.findall(qn("w:footnotePr")) + settings.findall(
        qn("w:endnotePr")
    ):
        settings.remove(notes_settings)
    return document


class _Writer:
    """Writes the blocks of the page into the document, in order."""

    def __init__(self, document, root, tokens: DesignTokens, kind: str) -> None:
        self.document = document
        self.notes = {
            item.get("id"): item for item in root.xpath("//section[@class='footnotes']//li")
        }
        self.footnotes = _Footnotes(document)
        self.numbering = _Numbering(document, tokens, kind)
        self.tokens = tokens
        self.style_ids: dict[str, str] = {}

    def write_blocks(self, container) -> None:
        for element in container:
            tag = element.tag
            if tag in {"header", "section", "div"}:
                self.write_blocks(element)
            elif tag in {"ul", "ol"}:
                number = self.numbering.new_list(ordered=tag == "ol")
                style = "List Number" if tag == "ol" else "List Bullet"
                for item in element.iter("li"):
                    paragraph = self._paragraph(item, style)
                    _number_paragraph(paragraph, number)
            elif tag == "img":
                paragraph = self._new_paragraph("Normal")
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add_picture(paragraph, element)
            elif tag in _BLOCK_STYLES:
                self._paragraph(element, _BLOCK_STYLES[tag])
            elif tag == "p":
                self._paragraph(element, _CLASS_STYLES.get(element.get("class", ""), "Normal"))

    def _paragraph(self, element, style: str) -> Paragraph:
        paragraph = self._new_paragraph(style)
        self.write_inline(paragraph, element, italic=False, bold=False)
        _trim(paragraph)
        return paragraph

    def _new_paragraph(self, style: str) -> Paragraph:
        """Add a paragraph in a style, looking the style up once per document: python-docx's
        own lookup scans every style for each paragraph, which made long reports slow."""
        if style not in self.style_ids:
            self.style_ids[style] = _find_style(self.document.styles, style).style_id
        paragraph = self.document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self.style_ids[style]
        return paragraph

    def write_inline(self, paragraph: Paragraph, element, italic: bool, bold: bool) -> None:
        self._text(paragraph, element.text, italic, bold)
        for child in element:
            if child.tag == "sup" and child.get("class") == "footnote-ref":
                note = self.notes[child.find("a").get("href").removeprefix("#")]
                self.footnotes.cite(paragraph, note, self)
            elif child.tag == "img":
                _add_picture(paragraph, child)
            elif child.get("class") != "footnote-back":
                self.write_inline(
                    paragraph, child, italic or child.tag == "em", bold or child.tag == "strong"
                )
            self._text(paragraph, child.tail, italic, bold)

    def _text(self, paragraph: Paragraph, text: str | None, italic: bool, bold: bool) -> None:
        if not text:
            return
        for segment, script_font in _script_segments(_WHITESPACE.sub(" ", text), self.tokens):
            run = paragraph.add_run(segment)
            run.italic = italic or None
            run.bold = bold or None
            if script_font:
                fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
                fonts.set(qn("w:cs"), script_font)
                if _ARABIC.search(segment):
                    run._r.get_or_add_rPr().get_or_add_rtl()


def _add_picture(paragraph: Paragraph, image) -> None:
    """Place an image that the page holds as a data: URL (a theme's logo) in a paragraph."""
    source = image.get("src", "")
    if not source.startswith("data:") or ";base64," not in source:
        raise ReportError(f"an image must come from asset() in the theme, not {source[:60]!r}")
    data = base64.b64decode(source.split(";base64,", 1)[1])
    width = image.get("width")
    size = {"width": Inches(int(width) / 96)} if width and width.isdigit() else {}
    paragraph.add_run().add_picture(io.BytesIO(data), **size)


def _script_segments(text: str, tokens: DesignTokens) -> Iterator[tuple[str, str | None]]:
    """Split text where the script changes between Thai, Arabic and the rest.

    Word takes complex-script glyphs from a run's ``w:cs`` font, one per run; East Asian text
    uses the ``w:eastAsia`` font that the document defaults already name.
    """
    font_for = {"arabic": tokens.arabic_font, "thai": tokens.thai_font, "other": None}
    start, current = 0, None
    for index, character in enumerate(text):
        script = (
            "arabic" if _ARABIC.match(character) else "thai" if _THAI.match(character) else None
        )
        if script is None and character in " ,.;:!?’'“”()-" and current is not None:
            script = current  # punctuation and spaces stay with the script around them
        script = script or "other"
        if current is not None and script != current:
            yield text[start:index], font_for[current]
            start = index
        current = script
    if current is not None:
        yield text[start:], font_for[current]


def _trim(paragraph: Paragraph) -> None:
    """Drop the spaces that HTML indentation leaves at a paragraph's edges."""
    runs = [run for run in paragraph.runs if run.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()


class _Footnotes:
    """The document's footnotes part, with Word's two separator notes and one note per call.

    It is a story part, as the body is, so that its paragraphs resolve style names.
    """

    def __init__(self, document) -> None:
        self.document = document
        self.part: StoryPart | None = None

    def _footnotes_element(self):
        if self.part is None:
            xml = (
                f"<w:footnotes {nsdecls('w')}>"
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"'
                ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p>'
                "</w:footnote>"
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing'
                ' w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r>'
                "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
            )
            package = self.document.part.package
            self.part = StoryPart(
                PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, parse_xml(xml), package
            )
            self.document.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
            # Word reads settings in schema order: the notes' settings come before compat.
            self.document.settings.element.find(qn("w:compat")).addprevious(
                parse_xml(
                    f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                    '<w:footnote w:id="0"/></w:footnotePr>'
                )
            )
        return self.part.element

    def cite(self, paragraph: Paragraph, note, writer: _Writer) -> None:
        """Add a footnote with the note's text, referenced at the end of the paragraph so far."""
        footnotes = self._footnotes_element()
        number = len(footnotes.findall(qn("w:footnote"))) - 1  # after the two separators
        footnote = OxmlElement("w:footnote")
        footnote.set(qn("w:id"), str(number))
        footnotes.append(footnote)
        note_paragraph = Paragraph(OxmlElement("w:p"), self.part)
        footnote.append(note_paragraph._p)
        note_paragraph.style = _find_style(self.document.styles, "Footnote Text")
        _reference_run(note_paragraph, self.document, "w:footnoteRef")
        note_paragraph.add_run(" ")
        writer.write_inline(note_paragraph, note, italic=False, bold=False)
        _trim_end(note_paragraph)
        _reference_run(paragraph, self.document, "w:footnoteReference", number)


def _reference_run(paragraph: Paragraph, document, tag: str, number: int | None = None) -> None:
    run = paragraph.add_run(style=_find_style(document.styles, "Footnote Reference"))
    reference = OxmlElement(tag)
    if number is not None:
        reference.set(qn("w:id"), str(number))
    run._r.append(reference)


def _trim_end(paragraph: Paragraph) -> None:
    runs = [run for run in paragraph.runs if run.text.strip()]
    if runs:
        runs[-1].text = runs[-1].text.rstrip()


class _Numbering:
    """Numbering definitions: the theme's bullet for bullet lists, and numbers that restart."""

    def __init__(self, document, tokens: DesignTokens, kind: str) -> None:
        self.numbering = document.part.numbering_part.element
        bullet = tokens.bullet_oral if kind == "oral" else tokens.bullet_written
        self.bullet_definition = self._add_definition("bullet", bullet)
        self.number_definition = self._add_definition("decimal", "%1.")

    def _add_definition(self, format: str, text: str) -> int:
        existing = [
            int(a.get(qn("w:abstractNumId"))) for a in self.numbering.iter(qn("w:abstractNum"))
        ]
        identifier = max(existing, default=0) + 1
        definition = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{identifier}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{format}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="567" w:hanging="397"/></w:pPr></w:lvl></w:abstractNum>'
        )
        # Word wants every abstractNum before the first num.
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(definition)
        else:
            self.numbering.append(definition)
        return identifier

    def new_list(self, ordered: bool) -> int:
        """Start a list of its own: a new ``w:num`` whose count starts again at 1."""
        definition = self.number_definition if ordered else self.bullet_definition
        existing = [int(n.get(qn("w:numId"))) for n in self.numbering.iter(qn("w:num"))]
        number = max(existing, default=0) + 1
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{number}">'
                f'<w:abstractNumId w:val="{definition}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        return number


def _number_paragraph(paragraph: Paragraph, number: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = number


def _set_up_page(document, tokens: DesignTokens, forum_line: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = _PAGE_SIZES[tokens.page_size]
    section.top_margin = _length(tokens.margin_top)
    section.bottom_margin = _length(tokens.margin_bottom)
    section.left_margin = _length(tokens.margin_left)
    section.right_margin = _length(tokens.margin_right)
    footer = section.footer.paragraphs[0]
    tab_stops = footer.paragraph_format.tab_stops
    for inherited in footer.style.paragraph_format.tab_stops:  # the Footer style's centre tab
        tab_stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    text_width = section.page_width - section.left_margin - section.right_margin
    tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    run = footer.add_run(f"{forum_line}\t")
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    run.font.size = _points(tokens.footnote_size)


def _length(value: str):
    number, unit = float(value[:-2]), value[-2:]
    return Mm(number * {"mm": 1, "cm": 10, "in": 25.4, "pt": 25.4 / 72}[unit])


def _points(value: str) -> Pt:
    return Pt(float(value.removesuffix("pt")))


def _theme_styles(tokens: DesignTokens) -> dict[str, dict]:
    """The paragraph styles the writer uses, with the look the theme's tokens give them."""
    body = {"font": tokens.body_font, "colour": tokens.text_colour, "size": tokens.body_size}
    heading = {"font": tokens.heading_font, "colour": tokens.heading_colour}
    spacing = _points(tokens.paragraph_spacing)
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
        "Normal": {**body, "after": spacing, "line": tokens.line_spacing},
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
        "Quote": {**body, "italic": False, "after": spacing},
        "List Bullet": {**body, "after": spacing},
        "List Number": {**body, "after": spacing},
        "Footnote Text": {**body, "size": tokens.footnote_size, "after": Pt(0), "line": 1.0},
    }


def _set_up_styles(document, tokens: DesignTokens) -> None:
    """Give every style the writer uses the theme's look, adding those Word's template lacks."""
    for name, look in _theme_styles(tokens).items():
        _style(_find_style(document.styles, name) or _new_style(document, name), **look)


def _add_missing_styles(document, tokens: DesignTokens) -> None:
    """Add the styles the writer uses that the document lacks (a reference document keeps the
    look of those it has), and the footnote reference's character style."""
    for name, look in _theme_styles(tokens).items():
        if _find_style(document.styles, name) is None:
            _style(_new_style(document, name), **look)
    if _find_style(document.styles, "Footnote Reference") is None:
        reference = document.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True


def _new_style(document, name: str):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = _find_style(document.styles, "Normal")
    style.quick_style = True
    return style


def _find_style(styles, name: str):
    """Find a style by Word's name, also where another program saved the name differently."""
    try:
        return styles[name]
    except KeyError:
        wanted = name.casefold()
        return next((style for style in styles if (style.name or "").casefold() == wanted), None)


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
    line: float | None = None,
    keep_with_next: bool | None = None,
) -> None:
    """Set a style's look from tokens, replacing the template's theme fonts and colours."""
    properties = style.element.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color", "w:spacing", "w:kern"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    # ascii and hAnsi only: East Asian and complex scripts keep the document defaults' fonts.
    style.font.name = font
    style.font.color.rgb = _rgb(colour)
    style.font.size = _points(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
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
    if keep_with_next is not None:
        paragraph.keep_with_next = keep_with_next


def _rgb(colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.removeprefix("#").upper())


def _set_language(document, tokens: DesignTokens, language: str) -> None:
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
    lang.set(qn("w:val"), _word_language(language))
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    properties.append(lang)
    settings = document.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        # Word reads settings in schema order: hyphenation comes right after the tab stop.
        anchor = settings.find(qn("w:defaultTabStop"))
        hyphenation = OxmlElement("w:autoHyphenation")
        if anchor is not None:
            anchor.addnext(hyphenation)
        else:
            settings.insert(0, hyphenation)


def _word_language(language: str) -> str:
    """Word wants a region: "en" becomes "en-US", "fr" "fr-FR"; "en-GB" stays."""
    return language if "-" in language else _REGIONS.get(language, language)


def _property(text: str) -> str:
    """Fit a text into a document property, which Word limits to 255 characters."""
    text = " ".join(text.split())
    return text if len(text) <= 255 else text[:254] + "…"


def _set_properties(document, root, language: str, modified: datetime.datetime | None) -> None:
    properties = document.core_properties
    properties.title = _property(root.findtext(".//title") or "")
    author = _property(root.xpath("string(//meta[@name='author']/@content)"))
    properties.author = properties.last_modified_by = author
    properties.language = _word_language(language)
    properties.subject = _property(root.findtext(".//footer") or "")
    properties.comments = properties.keywords = properties.category = ""
    properties.revision = 1
    if modified is not None:
        properties.created = properties.modified = modified
    else:
        # A template's dates would claim the template's age: without a date to give, give none.
        element = properties._element
        for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
            for old in element.findall(qn(tag)):
                element.remove(old)


def _deterministic_zip(document) -> bytes:
    """Save the document with fixed entry times, so that the same report gives the same bytes."""
    saved = io.BytesIO()
    document.save(saved)
    result = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = copy.copy(entry)
            fixed.date_time = _FIXED_ZIP_TIME
            target.writestr(fixed, source.read(entry.filename), compress_type=zipfile.ZIP_DEFLATED)
    return result.getvalue()
