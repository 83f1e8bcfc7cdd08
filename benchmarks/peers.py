"""The same report, as each peer of the benchmark takes it: Markdown for pandoc, a docxtpl
template and its context, a plain Jinja template; and the text of what each one wrote.

Every peer starts from the blocks of our rendered page (headings, paragraphs, list items,
each a list of runs, and the footnotes' texts), so that all of them print the same words.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from docx import Document
from jinja2 import Environment

_BLOCKS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3", "p": "Normal"}
_BLOCKS |= {"footer": "Normal"}  # the forum's line, which our PDF and DOCX print on every page
_LISTS = {"ul": "List Bullet", "ol": "List Number"}


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False
    bold: bool = False
    note: bool = False  # a footnote's reference: its number, printed raised


@dataclass(frozen=True)
class Block:
    style: str  # Word's name of the paragraph style: Title, Heading 1, Normal, List Bullet…
    runs: list[Run]


@dataclass
class Content:
    blocks: list[Block]
    notes: list[list[Run]]  # each footnote's runs, in the order of their numbers
    title: str


def content_of(page: str) -> Content:
    """Read the blocks and footnotes of a page that gfmd-reports rendered."""
    root = lxml.html.document_fromstring(page)
    for hidden in root.xpath("//*[contains(@class, 'for-screen-readers')]"):
        hidden.drop_tree()  # never printed
    notes = [_runs(item, Run("")) for item in root.xpath("//section[@class='footnotes']//li")]
    for section in root.xpath("//section[@class='footnotes']"):
        section.drop_tree()
    blocks = [
        Block(_style_of(element), _runs(element, Run("")))
        for element in root.body.iter(*_BLOCKS, "li")
    ]
    return Content(blocks, notes, root.findtext(".//title") or "")


def _style_of(element) -> str:
    return _LISTS[element.getparent().tag] if element.tag == "li" else _BLOCKS[element.tag]


def _runs(element, style: Run) -> list[Run]:
    """The runs of an element's text, its emphasis and note references as runs of their own."""
    if element.get("class") == "footnote-back":
        return [Run(element.tail, style.italic, style.bold)] if element.tail else []
    if element.tag == "sup" and element.get("class") == "footnote-ref":
        style = Run("", note=True)
    else:
        italic, bold = style.italic or element.tag == "em", style.bold or element.tag == "strong"
        style = Run("", italic, bold, style.note)
    runs = [Run(element.text, style.italic, style.bold, style.note)] if element.text else []
    for child in element:
        runs += _runs(child, style)
        if child.tail:
            runs.append(Run(child.tail, style.italic, style.bold, style.note))
    return runs


def plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs).strip()


# pandoc ------------------------------------------------------------------------------------

_MARKDOWN_PREFIX = {"Title": "# ", "Heading 1": "## ", "Heading 2": "### ", "Heading 3": "#### "}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$])")


def markdown_of(content: Content) -> str:
    """Pandoc's Markdown of the content, its footnotes real ones ([^1])."""
    lines = []
    for block in content.blocks:
        prefix = _MARKDOWN_PREFIX.get(block.style, "")
        prefix = {"List Bullet": "- ", "List Number": "1. "}.get(block.style, prefix)
        lines.append(prefix + "".join(map(_markdown_run, block.runs)).strip() + "\n")
    for number, note in enumerate(content.notes, 1):
        lines.append(f"[^{number}]: {''.join(map(_markdown_run, note)).strip()}\n")
    return "\n".join(lines)


def _markdown_run(run: Run) -> str:
    if run.note:
        return f"[^{run.text.strip()}]"
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", run.text.replace("\n", " "))
    word = text.strip()
    if not word or not (run.bold or run.italic):
        return text
    # Markdown's emphasis may not start or end with a space: the spaces go outside it.
    marks = "*" * (run.italic + 2 * run.bold)
    return text.replace(word, f"{marks}{word}{marks}", 1)


def pandoc_command(source: Path, target: Path, stylesheet: Path, title: str) -> list[str]:
    """Pandoc converting the Markdown as a user would, our theme's stylesheet on its pages."""
    command = ["pandoc", str(source), "-o", str(target), "--metadata", f"pagetitle={title}"]
    if target.suffix == ".pdf":
        return [*command, "--pdf-engine=weasyprint", f"--css={stylesheet}"]
    return [*command, "--standalone"] if target.suffix == ".html" else command


# docxtpl and Jinja -------------------------------------------------------------------------

_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number", "Normal")


def docxtpl_template() -> bytes:
    """A Word template that prints each block in its style and the notes at the end.

    docxtpl has no footnotes: the notes are paragraphs after the text, their references
    raised numbers. Word's List Number goes on counting from one list to the next.
    """
    document = Document()
    document.add_paragraph("{%p for block in blocks %}")
    for index, style in enumerate(_STYLES):
        keyword = "if" if index == 0 else "elif"
        document.add_paragraph(f"{{%p {keyword} block.style == '{style}' %}}")
        document.add_paragraph("{{r block.rich }}", style=style)
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for note in notes %}")
    document.add_paragraph("{{r note }}")
    document.add_paragraph("{%p endfor %}")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def fill_docxtpl(template: bytes, content: Content) -> bytes:
    """Fill the template with the content, as a program using docxtpl does for each document."""
    from docxtpl import DocxTemplate  # the bench extra: only the benchmark itself needs it

    document = DocxTemplate(io.BytesIO(template))
    blocks = [{"style": block.style, "rich": _rich(block.runs)} for block in content.blocks]
    numbered = enumerate(content.notes, 1)
    notes = [_rich([Run(f"{number} ", note=True), *note]) for number, note in numbered]
    document.render({"blocks": blocks, "notes": notes})
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _rich(runs: list[Run]):
    from docxtpl import RichText

    rich = RichText()
    for run in runs:
        rich.add(run.text, italic=run.italic, bold=run.bold, superscript=run.note)
    return rich


JINJA_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ content.title }}</title></head><body>
{%- macro runs(list) %}{% for run in list %}{% if run.note %}<sup>{{ run.text }}</sup>{% else %}
{%- if run.italic %}<em>{% endif %}{% if run.bold %}<strong>{% endif %}{{ run.text }}
{%- if run.bold %}</strong>{% endif %}{% if run.italic %}</em>{% endif %}
{%- endif %}{% endfor %}{% endmacro %}
{% for block in content.blocks %}
{%- set tag = tags[block.style] %}<{{ tag }}>{{ runs(block.runs) }}</{{ tag }}>
{% endfor %}<ol>{% for note in content.notes %}<li>{{ runs(note) }}</li>{% endfor %}</ol>
</body></html>
"""


def jinja_page():
    """A plain Jinja template writing the same blocks and notes as HTML, escaped (list items
    without their list: the floor of templating, not a page to read)."""
    template = Environment(autoescape=True).from_string(JINJA_PAGE)
    tags = {"Title": "h1", "Heading 1": "h2", "Heading 2": "h3", "Heading 3": "h4"}
    tags |= {"List Bullet": "li", "List Number": "li", "Normal": "p"}
    return lambda content: template.render(content=content, tags=tags)


# What was written --------------------------------------------------------------------------


def text_of(path: Path) -> str:
    """The words an output shows, by format: the page's body, the PDF's text, the DOCX's
    paragraphs, notes, headers and footers."""
    if path.suffix == ".pdf":
        pdftotext = ["pdftotext", str(path), "-"]
        return flowing(subprocess.run(pdftotext, check=True, capture_output=True, text=True).stdout)
    if path.suffix == ".docx":
        return docx_text(path.read_bytes())
    return lxml.html.document_fromstring(path.read_bytes()).body.text_content()


def flowing(pdf_text: str) -> str:
    """A PDF's text as its document reads: the lines on every page (a running footer) once,
    and the words hyphenated at a line's end whole again."""
    pages = [page.splitlines() for page in pdf_text.split("\f") if page.strip()]
    running = set.intersection(*map(set, pages)) - {""} if len(pages) > 1 else set()
    lines = [*sorted(running), *(line for page in pages for line in page if line not in running)]
    return re.sub(r"[\u2010-]\n(?=\w)", "", "\n".join(lines))


def docx_text(data: bytes) -> str:
    """The text of a DOCX's body, notes, headers and footers, a line per paragraph."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [name for name in package.namelist() if _TEXT_PARTS.fullmatch(name)]
        xml = "".join(package.read(name).decode() for name in sorted(parts))
    paragraphs = xml.split("</w:p>")
    return "\n".join(html.unescape("".join(_TEXT.findall(p))) for p in paragraphs)


_TEXT_PARTS = re.compile(r"word/(document|footnotes|header\d*|footer\d*)\.xml")
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def notes_found(text: str, content: Content) -> int:
    """How many of the footnotes' texts an output holds (by their first words)."""
    flat = " ".join(text.split())
    return sum(" ".join(plain(note).split()[:4]) in flat for note in content.notes)
