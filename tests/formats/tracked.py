"""Word's "Accept All Changes" and "Reject All Changes", done to a DOCX's XML, and what a reader
sees of a document: to test that a redline holds exactly both versions."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def parts(docx: bytes) -> dict[str, etree._Element]:
    """The body, footnotes and footer parts of a DOCX, parsed."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = [
            name
            for name in package.namelist()
            if name in ("word/document.xml", "word/footnotes.xml")
            or (name.startswith("word/footer") and name.endswith(".xml"))
        ]
        return {name: etree.fromstring(package.read(name)) for name in names}


def settle(root, accept: bool) -> None:
    """Accept (or reject) every tracked change of a part, as Word does: the kept change's
    runs stay (deleted text becomes text again), the other's go, and a paragraph whose mark
    goes goes with it (its runs are all in the same change)."""
    kept, dropped = (q("ins"), q("del")) if accept else (q("del"), q("ins"))
    for mark in root.xpath("//w:pPr/w:rPr/w:ins | //w:pPr/w:rPr/w:del", namespaces=NS):
        properties = mark.getparent()
        if mark.tag == dropped:
            paragraph = properties.getparent().getparent()
            paragraph.getparent().remove(paragraph)
        else:
            properties.remove(mark)
            if not len(properties):
                properties.getparent().remove(properties)
    for change in list(root.iter(dropped)):
        if change.getparent() is not None:
            change.getparent().remove(change)
    for change in list(root.iter(kept)):
        for text in change.iter(q("delText")):
            text.tag = q("t")
        parent = change.getparent()
        index = parent.index(change)
        parent[index : index + 1] = list(change)


@dataclass(frozen=True)
class Paragraph:
    style: str | None
    numbering: tuple[str, int] | None
    """The list's format (bullet, decimal) and the item's place in its list."""
    runs: tuple[tuple[str, str], ...]
    """Text with its look (the run properties), adjacent runs of one look joined."""


def reading(docx: bytes, accept: bool | None = None) -> dict[str, object]:
    """What a reader sees of a document (after accepting or rejecting all changes, if
    asked): the body's paragraphs, the notes in the order the body cites them, the footer."""
    xml = parts(docx)
    if accept is not None:
        for root in xml.values():
            settle(root, accept)
    formats = _list_formats(docx)
    body = xml["word/document.xml"]
    paragraphs = [_paragraph(p, formats) for p in body.iter(q("p"))]
    paragraphs = _number_items(paragraphs)
    notes = {}
    if "word/footnotes.xml" in xml:
        notes = {n.get(q("id")): n for n in xml["word/footnotes.xml"].iter(q("footnote"))}
    cited = [
        tuple(_paragraph(p, formats) for p in notes[reference.get(q("id"))].iter(q("p")))
        for reference in body.iter(q("footnoteReference"))
    ]
    footers = [
        "".join(text.text or "" for text in root.iter(q("t")))
        for name, root in sorted(xml.items())
        if name.startswith("word/footer")
    ]
    return {"paragraphs": paragraphs, "notes": cited, "footers": footers}


def _paragraph(paragraph, formats: dict[str, str]) -> Paragraph:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    number = paragraph.find("w:pPr/w:numPr/w:numId", NS)
    runs: list[tuple[str, str]] = []
    for run in paragraph.iter(q("r")):
        text = "".join(
            (t.text or "")
            if t.tag in (q("t"), q("delText"))
            else "\n"
            if t.tag == q("br")
            else "^"
            if t.tag in (q("footnoteReference"), q("footnoteRef"))
            else ""
            for t in run
        )
        properties = run.find(q("rPr"))
        look = etree.tostring(properties).decode() if properties is not None else ""
        if runs and runs[-1][0] == look:
            runs[-1] = (look, runs[-1][1] + text)
        elif text:
            runs.append((look, text))
    numbering = None
    if number is not None:  # placed in its list by _number_items
        numbering = (f"{number.get(q('val'))} {formats.get(number.get(q('val')), '?')}", 0)
    return Paragraph(
        style.get(q("val")) if style is not None else None,
        numbering,
        tuple((text, look) for look, text in runs),
    )


def _number_items(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Replace each list item's list id (which differs from one document to another) by its
    place in its list: the first list's items 1, 2, 3, the next list's again from 1."""
    counts: dict[str, int] = {}
    result = []
    for paragraph in paragraphs:
        if paragraph.numbering is None:
            result.append(paragraph)
            continue
        list_id = paragraph.numbering[0]
        counts[list_id] = counts.get(list_id, 0) + 1
        list_format = list_id.split()[1]
        place = (f"{list_format} list {list(counts).index(list_id) + 1}", counts[list_id])
        result.append(Paragraph(paragraph.style, place, paragraph.runs))
    return result


def _list_formats(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        if "word/numbering.xml" not in package.namelist():
            return {}
        root = etree.fromstring(package.read("word/numbering.xml"))
    abstract = {
        a.get(q("abstractNumId")): a.find("w:lvl/w:numFmt", NS).get(q("val"))
        for a in root.iter(q("abstractNum"))
    }
    return {
        n.get(q("numId")): abstract.get(n.find(q("abstractNumId")).get(q("val")), "?")
        for n in root.iter(q("num"))
    }


def revisions(docx: bytes) -> list[tuple[str, str]]:
    """Each tracked change of the body, notes and footer, as (kind, text), in order; a note's
    call reads "[note]". Changes of one kind side by side count once, as a reader sees them:
    LibreOffice splits a change where the look of its runs changes."""
    found: list[tuple[str, str]] = []
    for root in parts(docx).values():
        previous = None
        for change in root.iter(q("ins"), q("del")):
            if change.getparent().tag == q("rPr"):
                continue
            kind = "insertion" if change.tag == q("ins") else "deletion"
            text = "".join(
                "[note]" if element.tag == q("footnoteReference") else element.text or ""
                for element in change.iter(q("t"), q("delText"), q("footnoteReference"))
            )
            if previous is not None and previous.getnext() is change and found[-1][0] == kind:
                found[-1] = (kind, found[-1][1] + text)
            else:
                found.append((kind, text))
            previous = change
    return found
