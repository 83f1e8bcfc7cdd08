"""A fixed corpus of Word documents and their SHA-256 digests, so that a rebuilt DOCX writer can
be shown to give the same bytes as the one it replaces.

The digests in docx_digests.json were made by the writer named there (main's code at that
commit), by running this file: ``python tests/formats/docx_corpus.py --write``. Run it again only
when an output changes on purpose, and say why in the commit.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
if str(TESTS) not in sys.path:  # run as a script, not under pytest
    sys.path.insert(0, str(TESTS))

from conftest import ORAL_EXAMPLE, WRITTEN_EXAMPLE, filled_starter, make_theme  # noqa: E402
from docx import Document  # noqa: E402

from gfmd_reports import load_report, load_theme, render  # noqa: E402
from gfmd_reports.loading import validate_data  # noqa: E402
from gfmd_reports.themes import DEFAULT_THEME  # noqa: E402

DIGESTS = Path(__file__).with_name("docx_digests.json")
BUILT_IN_THEMES = ("base", "gfmd")
RANDOM_SEED = 15
RANDOM_REPORTS = 6

# A 3×2 PNG, written once by PIL: fixed bytes, whatever PIL's version.
LOGO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFUlEQVR4nGNkYGhgYGBgYGBgYoABAAi8AIR6moFQAAAAAElFTkSuQmCC"
)
EVERY_ELEMENT = (
    '{% extends "base/written.html" %}'
    '{% block header %}<img class="logo" src="{{ asset(\'logo.png\') }}" alt="A logo" '
    'width="120">{{ super() }}{% endblock %}'
    "{% block introduction %}"
    "<h3>Alpha h3</h3><h4>Alpha h4</h4>"
    "<blockquote><p>Quoted <em>words</em></p>Loose quoted text</blockquote>"
    '<div>A div with <b>bold</b>, <i>italic</i>, x<sup>2</sup>, H<sub>2</sub>O, <a href="#x">a '
    'link</a>, <span class="key">a key</span> and a<br>line break, ١٢ مرحبا and สวัสดี.</div>'
    '<p class="banner">A banner</p>'
    '<table class="schedule"><caption>The programme</caption>'
    "<thead><tr><th>Time</th><th>Session</th><th>Chair</th></tr></thead>"
    '<tbody><tr><td>09:00</td><td colspan="2">Opening</td></tr>'
    '<tr><td rowspan="2">10:00</td><td>3.1</td><td><p>Ecuador</p><ul><li>one</li></ul></td></tr>'
    "<tr><td>3.2</td><td>Greece</td></tr></tbody><tfoot><tr><td>End</td></tr></tfoot></table>"
    "<ol><li>first</li><li>second</li></ol><ol><li>again</li></ol>"
    "{% endblock %}"
)


def _reference_docx() -> bytes:
    """A reference document as a Word user would make one: a header, narrow margins."""
    document = Document()
    document.sections[0].left_margin = document.sections[0].right_margin = 600_000
    document.sections[0].header.paragraphs[0].text = "Reference header"
    document.add_paragraph("Text that the report must not carry.")
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def random_report_data(count: int = RANDOM_REPORTS, seed: int = RANDOM_SEED) -> list[dict]:
    """Reports drawn by the property tests' strategy, with a fixed seed (used to write the
    corpus; the test reads the drawn data back from the digests file)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed

    from formats.test_random_reports import report_data

    drawn: list[dict] = []

    @fixed_seed(seed)
    @settings(
        max_examples=count,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(data=report_data())
    def draw(data: dict) -> None:
        if len(drawn) < count and validate_data(data).report is not None:
            drawn.append(data)

    draw()
    return drawn


def corpus(folder: Path, random_data: list[dict]) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """Each case's name and a function that renders its document."""
    examples = {"oral": load_report(ORAL_EXAMPLE), "general": load_report(WRITTEN_EXAMPLE)}
    for theme_name in BUILT_IN_THEMES:
        theme = load_theme(theme_name)
        for name, report in examples.items():
            yield f"{name}-{theme_name}", _renderer(report, theme)
        yield f"general-{theme_name}-as-oral", _renderer(examples["general"], theme, "oral")
    for language in ("fr", "es"):
        translated = examples["general"].model_copy(update={"language": language})
        yield f"general-{language}", _renderer(translated)
        oral = examples["oral"].model_copy(update={"language": language})
        yield f"oral-{language}", _renderer(oral)
    reference = make_theme(folder, "worded", files={"reference.docx": _reference_docx()})
    for name, report in examples.items():
        yield f"{name}-reference-docx", _renderer(report, load_theme(reference))
    every_element = make_theme(
        folder, "madrid", files={"logo.png": LOGO, "written.html": EVERY_ELEMENT}
    )
    yield "general-every-element", _renderer(examples["general"], load_theme(every_element))
    for kind in ("oral", "session", "general"):
        source = folder / f"every-field-{kind}.yaml"
        source.write_text(filled_starter(kind), encoding="utf-8")
        yield f"every-field-{kind}", _renderer(load_report(source))
    for index, data in enumerate(random_data):
        report = validate_data(data).report
        assert report is not None
        yield f"random-{index}", _renderer(report, load_theme(report.theme or DEFAULT_THEME))


def _renderer(report, theme=None, kind=None) -> Callable[[], bytes]:
    return lambda: render(report, "docx", theme, kind=kind)


def digests(folder: Path, random_data: list[dict]) -> dict[str, str]:
    """Each case's SHA-256, in the corpus's order."""
    return {name: hashlib.sha256(make()).hexdigest() for name, make in corpus(folder, random_data)}


def _write(commit: str) -> None:
    import tempfile

    random_data = random_report_data()
    with tempfile.TemporaryDirectory() as folder:
        found = digests(Path(folder), random_data)
    DIGESTS.write_text(
        json.dumps(
            {"made_by": commit, "digests": found, "random_reports": random_data},
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    if sys.argv[1:2] != ["--write"] or len(sys.argv) != 3:
        sys.exit("usage: docx_corpus.py --write COMMIT   (the commit whose code renders)")
    _write(sys.argv[2])
