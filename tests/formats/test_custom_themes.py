"""A forum's own theme reaches every format, and a theme cannot reach outside itself."""

from __future__ import annotations

import io
import subprocess

import pytest
from conftest import make_theme
from docx import Document
from docx.shared import Pt
from PIL import Image

from formats.conftest import libreoffice_convert
from formats.documents import pdf_fonts, pdf_pages
from gfmd_reports import ReportError, load_theme, render
from gfmd_reports.cli import main

SCAFFOLD_EDITS = (
    "tokens:\n"
    "  body_font: Carlito\n"
    '  heading_colour: "#1F4E79"\n'
    "phrases:\n"
    "  en:\n"
    "    written_subtitle: Summary by the Rapporteur\n"
    "    written_co_chairs: Chaired by {co_chairs}.\n"
)


@pytest.fixture
def scaffolded(tmp_path, monkeypatch):
    """A theme made by `themes new`, then edited as an organiser would: font, colour, words."""
    monkeypatch.chdir(tmp_path)
    assert main(["themes", "new", "consultation"]) == 0
    settings = tmp_path / "templates" / "consultation" / "theme.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + SCAFFOLD_EDITS, encoding="utf-8")
    return load_theme("consultation", tmp_path)


def test_a_scaffolded_theme_changes_all_three_formats(scaffolded, reports, tmp_path):
    report = reports["general"]
    html = render(report, "html", scaffolded).decode()
    assert '<p class="subtitle">Summary by the Rapporteur<sup' in html
    assert "<p>Chaired by Ecuador and Greece.</p>" in html
    assert 'font-family: "Carlito"' in html
    assert "color: #1F4E79" in html

    pdf = tmp_path / "consultation.pdf"
    pdf.write_bytes(render(report, "pdf", scaffolded))
    text = " ".join("".join(pdf_pages(pdf)).split())
    assert "Summary by the Rapporteur1" in text
    assert "Chaired by El Salvador and United Arab Emirates." in text
    assert "Carlito" in {name for name, _ in pdf_fonts(pdf)}

    document = Document(io.BytesIO(render(report, "docx", scaffolded)))
    assert document.paragraphs[1].text == "Summary by the Rapporteur"
    assert document.styles["Normal"].font.name == "Carlito"
    assert str(document.styles["Heading 1"].font.color.rgb) == "1F4E79"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Chaired by Ecuador and Greece." in texts


LOGO_OVERRIDE = (
    '{% extends "base/written.html" %}\n'
    '{% block header %}<img class="logo" src="{{ asset(\'logo.png\') }}" '
    'alt="Madrid consultation" width="120">{{ super() }}{% endblock %}\n'
)


def _png(width: int, height: int, mode: str = "RGB") -> bytes:
    image = io.BytesIO()
    Image.new(mode, (width, height), "navy" if mode == "RGB" else 1).save(image, format="PNG")
    return image.getvalue()


def test_a_logo_from_the_theme_is_embedded_in_every_format(tmp_path, reports):
    folder = make_theme(
        tmp_path, "logo", files={"logo.png": _png(40, 20), "written.html": LOGO_OVERRIDE}
    )
    theme = load_theme(folder)
    html = render(reports["general"], "html", theme).decode()
    assert '<img class="logo" src="data:image/png;base64,' in html
    pdf = tmp_path / "logo.pdf"
    pdf.write_bytes(render(reports["general"], "pdf", theme))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert [line.split()[3:5] for line in images.stdout.splitlines()[2:]] == [["40", "20"]]
    document = Document(io.BytesIO(render(reports["general"], "docx", theme)))
    (shape,) = document.inline_shapes
    assert round(shape.width.inches, 2) == 1.25  # 120 CSS pixels
    assert shape._inline.docPr.get("descr") == "Madrid consultation"  # Word's alt text


BAD_LOGOS = {
    "not an image": (
        b"this is no picture",
        "logo.png: not a PNG image that can be read (its data is no image): save it again",
    ),
    "cut short": (
        b"",  # filled below: half of a real PNG
        "logo.png: not a PNG image that can be read: ",
    ),
    "a JPEG named .png": (
        b"",  # filled below: a real JPEG
        "logo.png: not a PNG image but JPEG: save it as PNG, or give it the name its format has",
    ),
    "too wide": (
        _png(5_000, 10, mode="1"),
        "logo.png: the image is 5,000 × 10 pixels; an image may have at most 4,000 on each side",
    ),
    "billions of pixels": (
        _png(30_000, 30_000, mode="1"),
        "logo.png: the image is far larger than 4,000 × 4,000 pixels; an image may have at most "
        "4,000 on each side: make it smaller",
    ),
}


@pytest.mark.parametrize("case", BAD_LOGOS, ids=list(BAD_LOGOS))
@pytest.mark.parametrize("format", ["html", "pdf", "docx"])
def test_a_logo_that_is_no_sound_image_is_refused_with_its_file_named(
    tmp_path, reports, case, format
):
    data, message = BAD_LOGOS[case]
    if not data:
        photo = io.BytesIO()
        noise = Image.effect_noise((200, 100), 50).convert("RGB")
        noise.save(photo, format="JPEG" if case == "a JPEG named .png" else "PNG")
        data = photo.getvalue() if case == "a JPEG named .png" else photo.getvalue()[:10_000]
    folder = make_theme(tmp_path, "logo", files={"logo.png": data, "written.html": LOGO_OVERRIDE})
    with pytest.raises(ReportError) as refused:
        render(reports["general"], format, load_theme(folder))
    assert str(refused.value).startswith(
        f"{folder / 'logo.png'}: {message.removeprefix('logo.png: ')}"
    )


def test_a_reference_docx_gives_the_word_output_its_styles(tmp_path, reports):
    reference = Document()
    reference.styles["Normal"].font.name = "Carlito"
    reference.styles["Normal"].font.size = Pt(11)
    reference.add_paragraph("Text of the reference document, not of the report.")
    reference.core_properties.author = "Someone else"
    folder = make_theme(tmp_path, "worded")
    reference.save(folder / "reference.docx")
    document = Document(io.BytesIO(render(reports["general"], "docx", load_theme(folder))))
    assert document.styles["Normal"].font.name == "Carlito"
    assert document.styles["Normal"].font.size == Pt(11)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Text of the reference document, not of the report." not in texts
    assert texts[0].startswith("Round Table 3")
    assert document.paragraphs[2].style.name == "Byline"
    assert document.core_properties.author == "Jorge Lomónaco"


def test_a_reference_docx_saved_by_libreoffice_is_understood(tmp_path, reports):
    plain = tmp_path / "plain.docx"
    Document().save(plain)
    folder = make_theme(tmp_path, "office")
    libreoffice_convert(plain, folder, "docx:MS Word 2007 XML")
    (folder / "plain.docx").rename(folder / "reference.docx")
    document = Document(io.BytesIO(render(reports["general"], "docx", load_theme(folder))))
    styles = [paragraph.style.name.casefold() for paragraph in document.paragraphs[:4]]
    assert styles[0] == "title"
    assert "heading 1" in [paragraph.style.name.casefold() for paragraph in document.paragraphs]


def test_a_file_that_is_no_word_document_is_refused_as_reference(tmp_path, reports):
    folder = make_theme(tmp_path, "fake", files={"reference.docx": "not a zip"})
    with pytest.raises(ReportError, match=r"reference.docx: not a Word document \(.docx\)"):
        render(reports["general"], "docx", load_theme(folder))


BREAK_OUTS = [
    ("written.html", '{% include "../../../../../etc/passwd" %}', "template error: no template"),
    ("written.html", '{% include "/etc/passwd" %}', "template error: no template"),
    ("written.html", "{{ ''.__class__.__mro__ }}", "template refused: access to attribute"),
    ("written.html", "{{ cycler.__init__.__globals__ }}", "template refused: access to attribute"),
    ("written.html", "{{ report.__class__.__init__ }}", "template refused: access to attribute"),
    ("written.html", "{{ asset('../../../etc/passwd') }}", "must be a file inside the theme"),
    ("written.html", "{{ asset('/etc/passwd') }}", "must be a file inside the theme"),
    ("written.html", "{{ report.forum.name * 100000000 }}", "template refused: repeating a value"),
    ("written.html", "{{ 10 ** 100000000 }}", "template refused: an exponent of 100,000,000"),
]


@pytest.mark.parametrize(("file_name", "content", "message"), BREAK_OUTS)
def test_a_theme_template_cannot_reach_outside(tmp_path, reports, file_name, content, message):
    folder = make_theme(tmp_path, "hostile", files={file_name: content})
    with pytest.raises(ReportError, match=message.replace("(", r"\(")):
        render(reports["general"], "html", load_theme(folder))


@pytest.mark.parametrize(
    "css",
    [
        "body { background: url(file:///etc/hostname) }",
        "body { background: url(http://127.0.0.1:9/beacon.png) }",
        '@font-face { font-family: x; src: url("file:///usr/share/fonts/truetype/dejavu/'
        'DejaVuSans.ttf") } body { font-family: x }',
    ],
)
def test_a_themes_css_cannot_fetch_outside_the_theme(tmp_path, reports, css):
    folder = make_theme(tmp_path, "fetching", files={"style.css": css})
    with pytest.raises(ReportError, match="may use only files of its theme, not "):
        render(reports["general"], "pdf", load_theme(folder))


SECRET = "SECRET-5d1e"


@pytest.fixture
def outside(tmp_path):
    """A folder beside the themes, holding files no theme may use."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (folder / "secret.css").write_text(f'body::before {{ content: "{SECRET}" }}', "utf-8")
    (folder / "logo.png").write_bytes(_png(40, 20))
    return folder


LINKS = {
    "an included template": (
        "footer.html",
        "secret.html",
        '{% extends "base/written.html" %}{% block closing %}{% include "footer.html" %}'
        "{% endblock %}",
    ),
    "a template": ("written.html", "secret.html", None),
    "a stylesheet": ("style.css", "secret.css", None),
    "an asset": ("logo.png", "logo.png", LOGO_OVERRIDE),
}


@pytest.mark.parametrize("kind", LINKS, ids=list(LINKS))
@pytest.mark.parametrize("format", ["html", "pdf", "docx"])
def test_a_link_in_a_theme_to_a_file_outside_is_refused(tmp_path, reports, outside, kind, format):
    """Found by an audit: a template linked to a file outside the theme was included in all
    three outputs; an asset so linked was said to be missing."""
    name, target, template = LINKS[kind]
    folder = make_theme(tmp_path, "linked", files={"written.html": template} if template else {})
    (folder / name).unlink(missing_ok=True)
    (folder / name).symlink_to(outside / target)
    with pytest.raises(ReportError) as caught:
        render(reports["general"], format, load_theme(folder))
    assert str(caught.value) == (
        f"{folder / name}: is a link to {outside / target}, outside the theme's folders: a "
        "theme may use only its own files (and its parents'): copy the file into the theme"
    )


def test_a_link_within_the_theme_chain_is_followed(tmp_path, reports):
    themes = tmp_path / "reports" / "templates"
    parent = make_theme(themes, "parent", files={"shared.html": "<p>Shared words.</p>"})
    include = '{% extends "base/written.html" %}{% block closing %}{% include "note.html" %}'
    child = make_theme(themes, "child", files={"written.html": include + "{% endblock %}"})
    (child / "theme.yaml").write_text("name: child\nextends: parent\n", encoding="utf-8")
    (child / "note.html").symlink_to(parent / "shared.html")
    html = render(reports["general"], "html", load_theme("child", tmp_path / "reports"))
    assert b"<p>Shared words.</p>" in html


def test_a_link_that_leads_round_in_a_loop_is_named(tmp_path, reports):
    """Found by an audit: a loop of links as an asset crashed the render."""
    folder = make_theme(tmp_path, "looping", files={"written.html": LOGO_OVERRIDE})
    (folder / "logo.png").symlink_to(folder / "other.png")
    (folder / "other.png").symlink_to(folder / "logo.png")
    with pytest.raises(ReportError, match=r"logo\.png: is a link that leads round in a loop"):
        render(reports["general"], "html", load_theme(folder))


def test_an_import_after_the_base_rules_is_ignored_not_fetched(tmp_path, reports, outside):
    """CSS honours @import only before other rules; a theme's CSS always follows its parents'.
    The rule the import would bring in, written in the theme itself, does print the secret."""
    importing = f"@import url({(outside / 'secret.css').as_uri()});"
    folder = make_theme(tmp_path, "importing", files={"style.css": importing})
    pdf = tmp_path / "importing.pdf"
    pdf.write_bytes(render(reports["general"], "pdf", load_theme(folder)))
    assert SECRET not in "".join(pdf_pages(pdf))
    (folder / "style.css").write_text((outside / "secret.css").read_text("utf-8"), "utf-8")
    pdf.write_bytes(render(reports["general"], "pdf", load_theme(folder)))
    assert SECRET in "".join(pdf_pages(pdf))


def test_a_theme_printing_findings_as_texts_still_prints_them(tmp_path, reports):
    """Themes written when findings were plain texts print ``item | text``: it prints the
    finding's text, whether the file wrote the item as text or with an id and tags."""
    lists = (
        "{% macro item_list(items, numbered) %}<ul>{% for item in items %}"
        "<li>Old: {{ item | text }}</li>{% endfor %}</ul>{% endmacro %}"
        "{% macro paragraphs(texts) %}{% for text in texts %}<p>{{ text | text }}</p>"
        "{% endfor %}{% endmacro %}"
        "{% macro findings_list(findings, introduction, level, numbered) %}"
        "{{ item_list(findings.items, true) }}{% endmacro %}"
    )
    theme = load_theme(make_theme(tmp_path, "older", files={"lists.html": lists}))
    report = reports["general"].model_copy(deep=True)  # the fixture is shared
    findings = next(s.recommendations for s in report.sessions if s.recommendations)
    tagged = findings.items[0].model_copy(update={"id": "OLD-1"})
    findings.items[0] = tagged
    html = render(report, "html", theme).decode()
    assert f"<li>Old: {tagged.text}</li>" in html
    assert "OLD-1" not in html
