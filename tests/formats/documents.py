"""Read rendered documents back the way their readers do: pdftotext, pdffonts, python-docx."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader


def pdf_pages(pdf: Path, bottom_margin: float = 0) -> list[str]:
    """Each page's text in layout order, without the bottom margin's (in points) if given."""
    crop = []
    if bottom_margin:
        box = PdfReader(pdf).pages[0].mediabox
        height = str(int(box.height - bottom_margin))
        crop = ["-x", "0", "-y", "0", "-W", str(int(box.width)), "-H", height]
    text = subprocess.run(
        ["pdftotext", "-layout", *crop, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.split("\f")[:-1]


def pdf_word_boxes(pdf: Path) -> list[tuple[str, float, float]]:
    """Every word poppler finds on the PDF's pages, with its right edge and its page's width."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    boxes = []
    for page in etree.fromstring(xhtml).iter("{*}page"):
        for word in page.iter("{*}word"):
            boxes.append((word.text or "", float(word.get("xMax")), float(page.get("width"))))
    return boxes


def pdf_line_pitches(pdf: Path) -> Counter[float]:
    """How far apart consecutive lines of each page stand, to the tenth of a point, counted:
    within a paragraph, the distance from one baseline to the next."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    pitches: Counter[float] = Counter()
    for page in etree.fromstring(xhtml).iter("{*}page"):
        tops = sorted({round(float(line.get("yMin")), 1) for line in page.iter("{*}line")})
        pitches.update(round(below - above, 1) for above, below in itertools.pairwise(tops))
    return pitches


def pdf_text_sizes(pdf: Path) -> Counter[float]:
    """The sizes, in points, that a PDF's text is set in, counted by character."""
    sizes: Counter[float] = Counter()

    def visit(text, matrix, text_matrix, font, size) -> None:
        if text.strip():
            sizes[round(size * text_matrix[3] * matrix[3], 1)] += len(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """The fonts a PDF uses, without subset prefixes, and whether each is embedded."""
    lines = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        name = line.split()[0].split("+", 1)[-1]
        embedded = line[line.index(" yes ") if " yes " in line else 0 :].startswith(" yes")
        fonts.append((name, embedded))
    return fonts


def html_body_and_notes(html: Path) -> tuple[str, list[str]]:
    """The text of the article, and of each note, as a browser would show them."""
    root = lxml.html.fromstring(html.read_bytes())
    notes = []
    for section in root.xpath("//section[@class='footnotes']"):
        for back in section.xpath(".//a[@class='footnote-back']"):
            back.drop_tree()
        notes = [" ".join(item.text_content().split()) for item in section.iter("li")]
    (article,) = root.iter("article")
    return article.text_content(), notes


def docx_body_and_notes(docx: Path) -> tuple[str, list[str]]:
    """Body paragraphs, with each footnote reference written as its number, and the notes."""
    document = Document(str(docx))
    lines = []
    for paragraph in document.paragraphs:
        text = ""
        for run in paragraph._p.iter(qn("w:r")):
            reference = run.find(qn("w:footnoteReference"))
            if reference is not None:
                text += reference.get(qn("w:id"))
            text += "".join(node.text or "" for node in run.iter(qn("w:t")))
        lines.append(text)
    return "\n".join(lines), [" ".join(note) for note in docx_footnotes(docx)]


def docx_footnotes(docx: Path) -> list[list[str]]:
    """The words of each real footnote (ids 1 and up), in id order."""
    document = Document(str(docx))
    part = footnotes_part(document)
    if part is None:
        return []
    notes = []
    # python-docx has no class for this part: it comes back as bytes, read here as XML.
    for note in etree.fromstring(part.blob).iter(qn("w:footnote")):
        if int(note.get(qn("w:id"))) > 0:
            text = "".join(node.text or "" for node in note.iter(qn("w:t")))
            notes.append(text.split())
    return notes


def footnotes_part(document):
    for relationship in document.part.rels.values():
        if relationship.reltype.endswith("/footnotes"):
            return relationship.target_part
    return None


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def zip_with(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """A ZIP (a DOCX) with parts replaced or added (bytes) or removed (None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename not in changes:
                target.writestr(entry, source.read(entry))
        for name, content in changes.items():
            if content is not None:
                target.writestr(name, content)
    return result.getvalue()


def part_text(data: bytes, name: str) -> str:
    """One part of a ZIP (a DOCX) as text."""
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


@dataclass(frozen=True)
class TocEntry:
    """An entry of a TOC field's result, as Word shows it."""

    style: str
    text: str
    anchor: str | None
    page_field: str | None
    page: str | None


def toc_entries(document) -> tuple[str, list[TocEntry], list]:
    """A DOCX's TOC field's instruction, its cached entries, and its begin and end field chars."""
    body = document.element.body
    instruction = next(
        node for node in body.iter(qn("w:instrText")) if node.text.strip().startswith("TOC")
    )
    begin = instruction.getparent().find(qn("w:fldChar"))
    paragraphs = list(document.paragraphs)
    first = next(i for i, p in enumerate(paragraphs) if instruction in p._p.iter())
    entries, end = [], None
    for paragraph in paragraphs[first:]:
        if not paragraph.style.name.startswith("toc "):  # the paragraph the field ends in
            end = paragraph._p.find(f"{qn('w:r')}/{qn('w:fldChar')}")
            break
        if paragraph.text:
            link = paragraph._p.find(qn("w:hyperlink"))
            page_field = next(
                (
                    node.text
                    for node in paragraph._p.iter(qn("w:instrText"))
                    if "PAGEREF" in node.text
                ),
                None,
            )
            text, _, page = paragraph.text.partition("\t")
            anchor = link.get(qn("w:anchor")) if link is not None else None
            entries.append(TocEntry(paragraph.style.name, text, anchor, page_field, page or None))
    return instruction.text, entries, [begin, end]


def pages_of(texts: list[str], pages: list[str], after: int) -> list[int | None]:
    """The page (from 1) each text begins a line on, in order, looking from page ``after``."""
    found: list[int | None] = []
    start = after
    for text in texts:
        words = map(re.escape, text.split()[:4])
        line_start = re.compile(r"^\s*" + r"\s+".join(words), re.MULTILINE)
        index = next((i for i in range(start, len(pages)) if line_start.search(pages[i])), None)
        found.append(None if index is None else index + 1)
        start = start if index is None else index
    return found
