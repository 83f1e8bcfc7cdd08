"""The catalogue of bad and hostile inputs, each tried through the command line, the Python API
and the web API, with what the user must see: a message naming the file, line and field, exit
status 1 or an HTTP 4xx with a JSON error, nothing written, nothing fetched or leaked.

README's "Bad input: what you see" table lists the same rows.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE, WRITTEN_EXAMPLE, filled_starter, make_theme
from docx import Document
from fastapi.testclient import TestClient
from formats.seedtext import pdf_text
from ruamel.yaml import YAML

from gfmd_reports import ReportFileError, load_report, render, validate_file
from gfmd_reports.cli import main
from gfmd_reports.web.app import create_app
from gfmd_reports.web.rendering import BoundedRenderer

LOCAL = "http://127.0.0.1"
"""Where the web API is asked: it answers to this machine's own names only."""

# ---------------------------------------------------------------------------------------------
# Files a rapporteur might hand the tool: each is refused with a located message.


@dataclass(frozen=True)
class BadFile:
    """A report file that must be refused, and what the message must say and where."""

    name: str
    content: Callable[[], bytes]
    message: str
    """A fragment of the message the user sees."""
    location: str | None = None
    """``line:column``, where the file allows one."""


def _minimal(old: str = "", new: str = "") -> bytes:
    return MINIMAL_REPORT.replace(old, new, 1).encode()


def _billion_laughs() -> bytes:
    lines = [MINIMAL_REPORT, 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 8)}]")
    return "\n".join(lines).encode()


def _alias_text_bomb() -> bytes:
    text = "x" * 19_000
    points = ", ".join(["*long"] * 60)
    return (
        MINIMAL_REPORT
        + f"    title_words: &long {text}\n"
        + f"    discussion: {{points: [{points}]}}\n"
    ).encode()


def _many_sessions(count: int) -> bytes:
    sessions = "".join(
        f'  - {{number: "1.{n}", title: T, co_chairs: [{{country: Chile}}]}}\n'
        for n in range(1, count + 1)
    )
    return MINIMAL_REPORT.split("sessions:")[0].encode() + b"sessions:\n" + sessions.encode()


def _many_points() -> bytes:
    sessions = "".join(
        f'  - number: "1.{n}"\n    title: T\n    co_chairs: [{{country: Chile}}]\n'
        f"    discussion: {{points: [{', '.join(['A point.'] * 200)}]}}\n"
        for n in range(1, 27)
    )
    return MINIMAL_REPORT.split("sessions:")[0].encode() + b"sessions:\n" + sessions.encode()


def _with_items(*lines: str) -> bytes:
    """The minimal report with recommendations, their items' lines from line 15."""
    return (MINIMAL_REPORT + "    recommendations:\n      items:\n" + "".join(lines)).encode()


def _column(line: str, token: str) -> int:
    return line.index(token) + 1


TAGS_LINE = '          tags: {gcm_objectives: [6, 24], sdg_targets: ["10.8", 10.7]}\n'
QUOTED_TARGET = '"10.8"'

BAD_FILES = [
    BadFile(
        "an item's id with a space",
        lambda: _with_items("        - text: T.\n", "          id: R 1\n"),
        "“R 1” is not an id: an id has at most 64 letters (A–Z, a–z), digits",
        "16:11",
    ),
    BadFile(
        "one id for two items",
        lambda: _with_items(
            "        - {text: A., id: R-1}\n", "        - text: B.\n", "          id: r-1\n"
        ),
        "“r-1” is also the id of sessions[0].recommendations.items[0]: give each item its own id",
        "17:11",
    ),
    BadFile(
        "GCM objective 24",
        lambda: _with_items("        - text: T.\n", TAGS_LINE),
        "GCM objective 24 does not exist: the Global Compact has 23 objectives",
        f"16:{_column(TAGS_LINE, '24')}",
    ),
    BadFile(
        "SDG target 10.8",
        lambda: _with_items("        - text: T.\n", TAGS_LINE),
        "“10.8” is not a target of SDG 10: its targets are 10.1–10.7 and 10.a–10.c",
        f"16:{_column(TAGS_LINE, QUOTED_TARGET)}",
    ),
    BadFile(
        "SDG target unquoted",
        lambda: _with_items("        - text: T.\n", TAGS_LINE),
        'put the target in quotes, as in "10.7": without quotes YAML reads a number',
        f"16:{_column(TAGS_LINE, ' 10.7') + 1}",
    ),
    BadFile(
        "tab-indented",
        lambda: _minimal("  name: Global", "\tname: Global"),
        "tabs cannot indent YAML: indent with spaces",
        "3:1",
    ),
    BadFile(
        "duplicate key",
        lambda: _minimal("  year: 2019", "  year: 2019\n  year: 2020"),
        "the same field appears twice in one place",
        "5:3",
    ),
    BadFile(
        "colon inside a value",
        lambda: _minimal("title: Migrants", "title: Migrants: engagement"),
        "a colon followed by a space inside a value: put the whole value in quotes",
        "9:20",
    ),
    BadFile(
        "unclosed quote",
        lambda: _minimal('number: "1.2"', 'number: "1.2'),
        "a quotation mark or bracket is not closed",
    ),
    BadFile("two documents", lambda: _minimal() + b"---\nkind: oral\n", "starts a second document"),
    BadFile(
        "billion laughs (aliases)",
        _billion_laughs,
        "expands to more than 100,000 values: if it uses YAML aliases",
    ),
    BadFile(
        "aliases expanding to megabytes of text",
        _alias_text_bomb,
        "expands to more than 500,000 characters of text",
    ),
    BadFile(
        "nesting 1,000 levels deep",
        lambda: _minimal() + b"extra: " + b"[" * 1000 + b"]" * 1000 + b"\n",
        "is nested too deeply (more than 40 levels)",
        "13:48",
    ),
    BadFile(
        "nesting 60 levels deep by indentation",
        lambda: _minimal() + b"extra:\n" + b"".join(b" " * n + b"- \n" for n in range(60)),
        "is nested too deeply (more than 40 levels)",
    ),
    BadFile(
        "a 10 MB file",
        lambda: _minimal() + b"# " + b"x" * 10_000_000 + b"\n",
        "more than the 500,000 a report file may have",
    ),
    BadFile(
        "10,000 sessions",
        lambda: _many_sessions(10_000),
        "is 639,009 bytes, more than the 500,000 a report file may have",
    ),
    BadFile(
        "201 sessions",
        lambda: _many_sessions(201),
        "has 201 sessions; a report may have at most 200",
        "7:1",
    ),
    BadFile(
        "5,200 discussion points",
        _many_points,
        "holds 5,253 paragraphs, items and names, more than the 5,000 a report may have",
        "1:1",
    ),
    BadFile(
        "a text of 25,000 characters",
        lambda: _minimal("title: Migrants", "title: " + "M" * 25_000),
        "is 25,032 characters long; a text may have at most 20,000: split it",
        "9:5",
    ),
    BadFile(
        "Latin-1 file",
        lambda: _minimal("title: Migrants", "title: Migrants café").decode().encode("latin-1"),
        "is not UTF-8 text (byte 0xE9 is not valid UTF-8 here): save it with the UTF-8 encoding",
        "9:24",
    ),
    BadFile(
        "UTF-16 file",
        lambda: _minimal().decode().encode("utf-16"),
        "is saved as UTF-16: save it as UTF-8 instead",
    ),
    BadFile(
        "binary file (a PNG)",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "is not UTF-8 text (byte 0x89",
        "1:1",
    ),
    BadFile(
        "raw control character",
        lambda: _minimal("title: Migrants", "title: Mig\x07rants"),
        "contains the control character U+0007",
        "9:15",
    ),
    BadFile(
        "escaped control character",
        lambda: _minimal(
            "title: Migrants engagement with public services", 'title: "Mig\\x0Brants"'
        ),
        "contains the control character U+000B at position 4",
        "9:5",
    ),
    BadFile(
        "lone surrogate",
        lambda: _minimal(
            "title: Migrants engagement with public services", 'title: "Mig\\uD800rants"'
        ),
        "contains half of a character pair (a lone surrogate)",
        "9:5",
    ),
    BadFile(
        "Python object tag",
        lambda: _minimal("kind: oral", 'kind: !!python/object/apply:os.system ["touch /tmp/x"]'),
        "uses the YAML tag !!python/object/apply:os.system, which report files do not take",
        "1:1",
    ),
    BadFile(
        "include tag",
        lambda: _minimal("title: Migrants", "title: !include /etc/passwd"),
        "uses the YAML tag !include",
        "9:5",
    ),
    BadFile(
        "wrong type: words for a year",
        lambda: _minimal("year: 2019", "year: twenty nineteen"),
        "should be a whole number, such as 2019, not “twenty nineteen”",
        "4:3",
    ),
    BadFile(
        "wrong type: a number for a title",
        lambda: _minimal("title: Migrants engagement with public services", "title: 1234"),
        "should be text, not the number 1234: put it in quotes",
        "9:5",
    ),
    BadFile(
        "wrong type: a list for a name",
        lambda: _minimal("name: Global Forum on Migration and Development", "name: [a, b]"),
        "should be text, not a list",
        "3:3",
    ),
    BadFile("empty file", lambda: b"", "holds nothing, not a report", "1:1"),
    BadFile("a list, not a report", lambda: b"- kind: oral\n", "holds a list, not a report", "1:1"),
    BadFile(
        "misspelt field",
        lambda: _minimal("co_chairs:", "cochairs:"),
        "is not a field here: did you mean co_chairs?",
        "10:5",
    ),
    BadFile(
        "placeholder left in",
        lambda: _minimal("title: Migrants", "title: FILL IN Migrants"),
        "still holds the placeholder",
        "9:5",
    ),
    BadFile(
        "placeholder with words typed around it",
        lambda: _minimal("title: Migrants", "title: Migrants FILL IN and more"),
        "still holds the placeholder “FILL IN”: replace it with your text",
        "9:5",
    ),
    BadFile(
        "session of another roundtable",
        lambda: _minimal('number: "1.2"', 'number: "2.1"'),
        "“2.1” belongs to Round Table 2",
        "8:5",
    ),
    BadFile(
        "language with an unknown region",
        lambda: b"language: en-AA\n" + _minimal(),
        "“en-AA” is not a language and region the dates can be written for",
        "1:1",
    ),
    BadFile(
        "undefined footnote",
        lambda: _minimal("title: Migrants", "title: Migrants[^9]"),
        "[^9]",
        "9:5",
    ),
    BadFile(
        "a theme given as a path",
        lambda: b"theme: ../../drafts\n" + _minimal(),
        "should be a theme's name, such as gfmd, not “../../drafts”",
        "1:1",
    ),
    BadFile(
        "a day that does not exist",
        lambda: _minimal("  year: 2019", "  year: 2019\n  dates: {start: 2014-02-30}"),
        "“2014-02-30” is not a day of the calendar (February 2014 has 28 days)",
        "5:11",
    ),
    BadFile(
        "a number of 5,000 digits",
        lambda: _minimal("year: 2019", "year: " + "9" * 5000),
        "should be a whole number, such as 2019, not a number of 5,000 digits",
        "4:3",
    ),
    BadFile(
        "emphasis nested 1,000 deep",
        lambda: _minimal(
            "title: Migrants engagement with public services",
            'title: "' + "*a " * 1000 + "x" + " b*" * 1000 + '"',
        ),
        "puts emphasis inside emphasis more than 10 times",
        "9:5",
    ),
    BadFile(
        "a footnote cited 4,000 times",
        lambda: (
            _minimal("title: Migrants", "title: Migrants" + "[^1]" * 4000)
            + b'footnotes: {"1": A note.}\n'
        ),
        "the report refers to its footnotes 4,000 times ([^1] 4,000 times), more "
        "than the 300 a report may",
        "13:13",
    ),
    BadFile(
        "a long footnote cited 250 times",
        lambda: (
            _minimal("title: Migrants", "title: Migrants" + "[^1]" * 250)
            + b'footnotes: {"1": '
            + b"A long note. " * 1500
            + b"}\n"
        ),
        "is referred to 250 times and printed in full at each, so the report would "
        "print 4,875,844 characters, more than the 500,000 a report may",
        "13:13",
    ),
    BadFile(
        "terminal escapes in a field name",
        lambda: _minimal("kind: oral", 'kind: oral\n"\\e[2J\\e[1;1Hall good": 1'),
        "is not a field here: it holds the invisible character U+001B (a control character)",
        "2:1",
    ),
    BadFile(
        "a NUL in a field name",
        lambda: _minimal("kind: oral", 'kind: oral\n"ki\\0nd": oral'),
        "is not a field here: it holds the invisible character U+0000 (a control character): "
        "did you mean kind?",
        "2:1",
    ),
    BadFile(
        "a Cyrillic letter in a field name",
        lambda: _minimal("kind: oral", "k\u0456nd: oral"),
        "is not a field here: it holds the letter “\u0456” (U+0456, Cyrillic small letter "
        "byelorussian-ukrainian i), which only looks Latin: did you mean kind?",
        "1:1",
    ),
    BadFile(
        "an invisible field name",
        lambda: _minimal("kind: oral", 'kind: oral\n"\u200b": x'),
        "is not a field here: it holds the invisible character U+200B (zero width space)",
        "2:1",
    ),
    BadFile(
        "a date, a truth value and null as field names",
        lambda: _minimal("kind: oral", "kind: oral\n2019-05-01: x\ntrue: x\nnull: x"),
        "is not a field here; the fields here are $schema, kind,",
        "2:1",
    ),
    BadFile(
        "JSON with a syntax error",
        lambda: b'{"kind": "oral", "forum": {"name": "F", "year": 2019}',
        "a { is not closed, or a comma is missing in it",
        "1:54",
    ),
]


def _bad_file(tmp_path: Path, case: BadFile) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "report.yaml"
    path.write_bytes(case.content())
    return path


def _expected_prefix(path: Path, case: BadFile) -> str:
    return f"{path}:{case.location}" if case.location else f"{path}:"


def _files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda case: case.name)
def test_the_command_line_refuses_a_bad_file_and_writes_nothing(tmp_path, capsys, case):
    path = _bad_file(tmp_path, case)
    before = path.read_bytes()
    out = tmp_path / "out"

    assert main(["render", str(path), "--output", str(out)]) == 1
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    assert any(
        line.startswith(_expected_prefix(path, case)) and case.message in line for line in lines
    ), lines
    assert f"{path}: not rendered: fix the errors above first" in lines
    assert "Traceback" not in captured.err
    assert not out.exists()  # not even an empty output folder
    assert path.read_bytes() == before
    assert _files_under(path.parent) == [path]

    assert main(["validate", str(path)]) == 1
    assert case.message in capsys.readouterr().out


@pytest.mark.parametrize("key", ['"\\e[2J\\e[32mall good"', '"x\\nreport.yaml: valid"'])
def test_a_field_name_cannot_write_to_the_terminal_or_fake_a_line(tmp_path, key):
    """Found by an audit: an escape sequence in a field name reached the terminal raw, so a
    report could make validate show "all good" over its errors."""
    path = tmp_path / "report.yaml"
    path.write_bytes(_minimal("kind: oral", f"kind: oral\n{key}: 1"))
    finished = subprocess.run(
        [sys.executable, "-m", "gfmd_reports", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 1
    lines = finished.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{path}:2:1: ")
    assert "<U+00" in lines[0]
    assert not any(character in finished.stdout for character in "\x1b\r")


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda case: case.name)
def test_the_python_api_reports_a_bad_file_without_raising(tmp_path, case):
    path = _bad_file(tmp_path, case)
    validation = validate_file(path)
    assert validation.report is None
    matching = [str(problem) for problem in validation.errors if case.message in str(problem)]
    assert matching, [str(problem) for problem in validation.problems]
    assert matching[0].startswith(_expected_prefix(path, case))
    with pytest.raises(ReportFileError, match=re.escape(case.message)):
        load_report(path)


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda case: case.name)
def test_the_web_form_shows_why_a_bad_draft_cannot_be_used(tmp_path, case):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "draft.yaml").write_bytes(case.content())
    client = TestClient(create_app(drafts), base_url=LOCAL)

    assert client.get("/api/drafts").status_code == 200
    response = client.get("/api/drafts/draft.yaml")
    body = response.json()
    if response.status_code == 422:  # not readable as a report at all
        assert case.message in body["detail"]
        assert body["detail"].startswith(f"draft.yaml:{case.location or ''}")
    else:
        assert response.status_code == 200
        assert body["valid"] is False
        assert any(case.message in problem["message"] for problem in body["problems"])
    assert (drafts / "draft.yaml").read_bytes() == case.content()


# ---------------------------------------------------------------------------------------------
# Report data sent to the web API as JSON.

JSON_CASES = [
    ("control character", ["sessions", 0, "title"], "Mig\u0007rants", "U+0007"),
    ("lone surrogate", ["sessions", 0, "title"], "Mig\ud800rants", "a lone surrogate"),
    ("a number for a title", ["sessions", 0, "title"], 1234, "should be text"),
    ("an object for a year", ["forum", "year"], {"$gt": 1}, "should be a whole number"),
    ("10,000 sessions", ["sessions"], [{"number": "1.2"}] * 10_000, "at most 200"),
    ("a theme given as a path", ["theme"], "/etc", "should be a theme's name"),
    ("a day that does not exist", ["forum", "dates"], {"start": "2014-02-30"}, "not a day"),
    ("an unknown field", ["forum", "__class__"], "x", "is not a field here"),
]


def _set(data: dict, path: list, value) -> dict:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _minimal_data() -> dict:
    return YAML(typ="safe").load(MINIMAL_REPORT)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [case[1:] for case in JSON_CASES],
    ids=[case[0] for case in JSON_CASES],
)
def test_the_web_api_answers_bad_data_with_problems_by_field(tmp_path, path, value, message):
    client = TestClient(create_app(tmp_path), base_url=LOCAL)
    # json.dumps escapes a lone surrogate as \ud800, as a browser's JSON.stringify does.
    body = json.dumps({"report": _set(_minimal_data(), path, value)})
    headers = {"content-type": "application/json"}

    checked = client.post("/api/validate", content=body, headers=headers)
    assert checked.status_code == 200
    assert checked.json()["valid"] is False
    assert any(message in problem["message"] for problem in checked.json()["problems"])

    rendered = client.post("/api/render?format=pdf", content=body, headers=headers)
    assert rendered.status_code == 422
    assert rendered.headers["content-type"] == "application/json"
    assert any(message in problem["message"] for problem in rendered.json()["problems"])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("request_line", "body", "status"),
    [
        (("post", "/api/validate"), b"not json", 422),
        (("post", "/api/validate"), b"[" * 100_000 + b"]" * 100_000, 422),
        (("post", "/api/validate"), b'{"report": []}', 422),
        (("post", "/api/render?format=exe"), b'{"report": {}}', 422),
        (("post", "/api/render?name=a%22%0d%0aSet-Cookie:x"), b'{"report": {}}', 422),
        (("get", "/api/drafts/..%2F..%2Fetc%2Fpasswd"), None, 404),
        (("get", "/api/drafts/%2Fetc%2Fpasswd.yaml"), None, 404),
        (("put", "/api/drafts/..%2Fescape.yaml"), b'{"report": {}}', 404),
        (("get", "/api/drafts/.hidden.yaml"), None, 422),
        (("post", "/api/drafts"), b'{"name": "../escape\\u0000.yaml"}', 422),
        (("post", "/api/drafts"), b'{"name": "x.yaml", "example": "../../pyproject.toml"}', 422),
    ],
    ids=[
        "not JSON",
        "JSON nested 100,000 deep",
        "a list for the report",
        "unknown format",
        "header injection in the file name",
        "draft name climbing out",
        "draft name absolute",
        "saving outside the drafts",
        "a hidden file",
        "a draft name with a NUL",
        "an example outside the examples",
    ],
)
def test_the_web_api_answers_bad_requests_with_json_errors(tmp_path, request_line, body, status):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    client = TestClient(create_app(drafts), base_url=LOCAL)
    method, url = request_line
    headers = {"content-type": "application/json"}
    response = client.request(method, url, content=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    assert answer.get("detail") or answer.get("problems")
    assert "Set-Cookie" not in response.headers
    assert _files_under(tmp_path) == []


# ---------------------------------------------------------------------------------------------
# Hostile text in every text field: printed as written, never run, never fetched.

HOSTILE_TEXT = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> '
    '<a href="javascript:alert(1)">link</a> [site](javascript:alert(1)) '
    "{{ 7 * 7 }} {% raw %} ${7*7} file:///etc/passwd http://127.0.0.1:9/x "
    "data:text/html,<b>x</b> ![pic](http://127.0.0.1:9/p.png) <style>@import url(x)</style>"
)
# What survives of it everywhere, whitespace aside: every word, in order.
HOSTILE_WORDS = HOSTILE_TEXT.split()


def _hostile_report(kind: str, tmp_path: Path) -> Path:
    """A report using every field, with the hostile text added to every piece of text."""
    yaml = YAML()
    data = yaml.load(filled_starter(kind))

    def spike(node, key=None):
        if isinstance(node, dict):
            for name, value in node.items():
                if name not in {"kind", "language", "theme", "number", "year", "edition"}:
                    node[name] = spike(value, name)
            return node
        if isinstance(node, list):
            return [spike(item, key) for item in node]
        if isinstance(node, str) and key not in {"start", "end"}:
            return f"{node} {HOSTILE_TEXT}"
        return node

    spike(data)
    path = tmp_path / f"{kind}.yaml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return path


def _assert_inert_html(html: bytes) -> str:
    """Assert the page has no script, handler or outside reference; return its text."""
    page = lxml.html.fromstring(html)
    assert page.xpath("//script | //iframe | //object | //embed | //link[@rel='import']") == []
    for element in page.iter():
        for attribute, value in element.attrib.items():
            assert not attribute.startswith("on"), (element.tag, attribute)
            if attribute in {"href", "src", "srcset", "action", "data"}:
                assert value.startswith(("#", "data:image/")), (element.tag, value)
    assert "49" not in page.text_content()
    return " ".join(page.text_content().split())


def _pdf_bytes_and_streams(pdf: bytes) -> bytes:
    """The PDF's bytes followed by every stream, decompressed: all it could hold."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompressobj().decompress(stream))
        except zlib.error:
            parts.append(stream)
    return b"\n".join(parts)


@pytest.mark.parametrize("kind", ["oral", "session", "general"])
def test_hostile_text_in_every_field_is_printed_literally_in_every_format(tmp_path, kind):
    report = load_report(_hostile_report(kind, tmp_path))

    html_text = _assert_inert_html(render(report, "html"))
    assert html_text.count(HOSTILE_TEXT) >= 20

    document = Document(io.BytesIO(render(report, "docx")))
    docx_text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert " ".join(docx_text.split()).count(HOSTILE_TEXT) >= 20
    assert not [
        rel for rel in document.part.rels.values() if rel.is_external or "hyperlink" in rel.reltype
    ]

    pdf = render(report, "pdf")
    everything = _pdf_bytes_and_streams(pdf)
    for action in (b"/URI", b"/JavaScript", b"/Launch", b"/SubmitForm", b"/GoToR"):
        assert action not in everything
    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(pdf)
    # Every word in most copies, wherever a line breaks it (a URL at a slash, say): a page
    # break, with the page's notes between its halves, splits some.
    printed = "".join(pdf_text(pdf_path).split())
    copies = html_text.count(HOSTILE_TEXT)
    counts = {word: printed.count(word) for word in HOSTILE_WORDS}
    assert min(counts.values()) >= copies // 2, (copies, counts)


def test_hostile_text_is_inert_in_the_web_preview_too(tmp_path):
    data = YAML(typ="safe").load(_hostile_report("general", tmp_path).read_text())
    client = TestClient(create_app(tmp_path), base_url=LOCAL)
    response = client.post("/api/render?format=html", json={"report": data})
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert _assert_inert_html(response.content).count(HOSTILE_TEXT) >= 20


# ---------------------------------------------------------------------------------------------
# Themes that reach outside, loop or fill the memory: nothing fetched, the render bounded.

SECRET = "SECRET-7f3a"


@pytest.fixture
def local_server():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = f"body::before {{ content: '{SECRET}' }}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *arguments):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


REACHES = {
    "CSS @import over HTTP": ("style.css", "@import url({url}/import.css);"),
    "CSS @import of a file": ("style.css", "@import url({secrets}/secret.css);"),
    "CSS background over HTTP": ("style.css", "body {{ background: url({url}/bg.png) }}"),
    "CSS content from a file": ("style.css", "p::after {{ content: url(file:///etc/passwd) }}"),
    "CSS data: SVG fetching over HTTP": (
        "style.css",
        'h1 {{ background: url(\'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="{url}/n.png" '
        'width="9" height="9"/></svg>\') }}',
    ),
    "CSS font over HTTP": ("style.css", "@font-face {{ font-family: X; src: url({url}/f.ttf) }}"),
    "template image over HTTP": ("oral.html", '<img src="{url}/img.png">'),
    "template image from a file": ("oral.html", '<img src="{secrets}/secret.svg">'),
    "template stylesheet over HTTP": ("oral.html", '<link rel="stylesheet" href="{url}/s.css">'),
    "template object and iframe": (
        "oral.html",
        '<object data="{url}/object"></object><iframe src="file:///etc/passwd"></iframe>',
    ),
}


# Elements outside the HTML contract (formats/contract.py) are refused before any format.
REFUSED_BY_THE_CONTRACT = {
    "template image over HTTP": "theme 'reaching': an image must come from asset() in the theme",
    "template image from a file": "theme 'reaching': an image must come from asset() in the theme",
    "template stylesheet over HTTP": "theme 'reaching': the element <link>",
    "template object and iframe": "theme 'reaching': the element <object>",
}


@pytest.mark.parametrize("reach", REACHES, ids=list(REACHES))
def test_a_theme_reaching_outside_gets_nothing_into_the_pdf(tmp_path, capsys, local_server, reach):
    """Refused either with a warning (the PDF renders without it) or, for stylesheets and
    fonts, by stopping the render, or, for elements outside the HTML contract, before any
    format is made: either way nothing is fetched and nothing gets in."""
    url, requests = local_server
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "secret.css").write_text(f"body::before {{ content: '{SECRET}' }}")
    (secrets / "secret.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20">'
        f'<text x="0" y="15">{SECRET}</text></svg>'
    )
    file_name, snippet = REACHES[reach]
    snippet = snippet.format(url=url, secrets=secrets.as_uri())
    if file_name == "oral.html":
        snippet = f'{{% extends "base/oral.html" %}}{{% block closing %}}{snippet}{{% endblock %}}'
    reports = tmp_path / "reports"
    make_theme(reports / "templates", "reaching", files={file_name: snippet})
    report = reports / "report.yaml"
    report.write_text(ORAL_EXAMPLE.read_text().replace("kind: oral", "kind: oral\ntheme: reaching"))
    out = tmp_path / "out"

    status = main(["render", str(report), "--output", str(out), "--format", "pdf"])
    err = capsys.readouterr().err
    assert requests == []
    if status == 0:
        pdf = out / "report.pdf"
        everything = _pdf_bytes_and_streams(pdf.read_bytes())
        assert SECRET.encode() not in everything
        assert b"root:x:0:0" not in everything
        assert SECRET not in pdf_text(pdf)
    else:
        refusal = REFUSED_BY_THE_CONTRACT.get(reach, "theme reaching: the report may use only")
        assert f"{report}: not rendered: {refusal}" in err
        assert _files_under(out) == []


def test_a_theme_image_from_outside_cannot_go_into_word(tmp_path, capsys, local_server):
    url, requests = local_server
    reports = tmp_path / "reports"
    template = f'{{% extends "base/oral.html" %}}{{% block closing %}}<img src="{url}/i.png">'
    make_theme(reports / "templates", "reaching", files={"oral.html": template + "{% endblock %}"})
    report = reports / "report.yaml"
    report.write_text(ORAL_EXAMPLE.read_text().replace("kind: oral", "kind: oral\ntheme: reaching"))

    out = tmp_path / "out"
    assert main(["render", str(report), "--output", str(out), "--format", "html,docx"]) == 1
    assert f"an image must come from asset() in the theme, not '{url}/i.png'" in (
        capsys.readouterr().err
    )
    assert requests == []
    assert _files_under(tmp_path / "out") == []


@pytest.mark.parametrize(
    ("template", "option", "message"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            ["--time-limit", "10"],  # the good report renders in that time, even on a busy CI
            "took longer than 10 s running the templates of theme 'runaway' and was stopped: a "
            "loop in the theme's templates is the likely cause",
        ),
        (
            '{% for i in range(100000) %}{{ "abcdefghij" * 10000 }}{% endfor %}',
            ["--memory-limit", "300"],
            "needed more than 300 MB of memory running the templates of theme 'runaway' and was "
            "stopped: a loop in the theme's templates is the likely cause",
        ),
    ],
    ids=["endless loop", "memory bomb"],
)
def test_a_runaway_theme_is_stopped_and_the_other_reports_render(
    tmp_path, capsys, template, option, message
):
    reports = tmp_path / "reports"
    make_theme(
        reports / "templates",
        "runaway",
        files={
            "oral.html": f'{{% extends "base/oral.html" %}}{{% block closing %}}{template}'
            "{% endblock %}"
        },
    )
    runaway = reports / "runaway.yaml"
    runaway.write_text(ORAL_EXAMPLE.read_text().replace("kind: oral", "kind: oral\ntheme: runaway"))
    good = reports / "good.yaml"
    good.write_bytes(ORAL_EXAMPLE.read_bytes())
    out = tmp_path / "out"

    arguments = ["render", str(runaway), str(good), "--output", str(out), "--jobs", "1"]
    assert main([*arguments, *option]) == 1
    assert f"{runaway}: not rendered: {message}" in capsys.readouterr().err
    assert sorted(path.name for path in out.iterdir()) == ["good.docx", "good.html", "good.pdf"]


def test_a_runaway_theme_is_stopped_in_the_web_api_and_the_server_goes_on(tmp_path):
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    make_theme(
        tmp_path / "templates",
        "runaway",
        files={
            "oral.html": f'{{% extends "base/oral.html" %}}{{% block closing %}}{loop}'
            "{% endblock %}"
        },
    )
    renderer = BoundedRenderer(workers=1, seconds=2)
    with TestClient(create_app(tmp_path, renderer=renderer), base_url=LOCAL) as client:
        data = YAML(typ="safe").load(ORAL_EXAMPLE.read_text())
        stopped = client.post(
            "/api/render?format=pdf", json={"report": {**data, "theme": "runaway"}}
        )
        assert stopped.status_code == 422
        assert (
            "took longer than 2 s running the templates of theme 'runaway' and was stopped"
            in stopped.json()["detail"]
        )
        again = client.post("/api/render?format=html", json={"report": data})
        assert again.status_code == 200
        assert again.headers["content-type"].startswith("text/html")


def test_a_runaway_theme_cannot_stall_the_web_forms_speaking_time(tmp_path):
    """The speaking time of an oral report runs its theme's templates: a theme's own run in
    a bounded worker, as a render does, and the next report is timed as usual."""
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    template = f'{{% extends "base/oral.html" %}}{{% block closing %}}{loop}{{% endblock %}}'
    make_theme(tmp_path / "templates", "runaway", files={"oral.html": template})
    renderer = BoundedRenderer(workers=1, seconds=2)
    with TestClient(create_app(tmp_path, renderer=renderer), base_url=LOCAL) as client:
        data = YAML(typ="safe").load(ORAL_EXAMPLE.read_text())
        stopped = client.post("/api/validate", json={"report": {**data, "theme": "runaway"}})
        assert stopped.status_code == 200
        body = stopped.json()
        assert (body["valid"], body["summary"]) == (False, None)
        (problem,) = [p for p in body["problems"] if p["field"] == "theme"]
        assert problem["message"].startswith(
            "took longer than 2 s running the templates of theme 'runaway' and was stopped"
        )
        again = client.post("/api/validate", json={"report": data})
        assert again.json()["speaking_seconds"] == 320


# ---------------------------------------------------------------------------------------------
# Where outputs go: missing, unwritable, open elsewhere, written twice at once.


def test_a_missing_output_folder_is_created(tmp_path, capsys):
    out = tmp_path / "new" / "folder"
    assert main(["render", str(ORAL_EXAMPLE), "--output", str(out), "--format", "html"]) == 0
    assert [path.name for path in out.iterdir()] == [f"{ORAL_EXAMPLE.stem}.html"]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (
            "/sys/gfmd-out",
            "/sys/gfmd-out: cannot create the output folder: Operation not permitted",
        ),
        ("/sys/kernel", "/sys/kernel/gfmd-2019-rt1-2.html: cannot be written: Permission denied"),
        ("/proc/self", "/proc/self/gfmd-2019-rt1-2.html: cannot be written: No such file"),
    ],
    ids=["folder that cannot be created", "read-only folder", "folder refusing new files"],
)
def test_an_unwritable_output_folder_is_named(tmp_path, capsys, output, message):
    assert main(["render", str(ORAL_EXAMPLE), "--output", output, "--format", "html"]) == 1
    assert message in capsys.readouterr().err


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    assert main(["render", str(ORAL_EXAMPLE), "--output", str(existing)]) == 2
    assert "is a file" in capsys.readouterr().err
    assert existing.read_text() == "mine"


def _render_both(out: Path, *extra: str) -> None:
    assert main(["render", str(ORAL_EXAMPLE), "--output", str(out), *extra]) == 0


@pytest.mark.parametrize(
    "lock_name",
    [".~lock.{name}#", "~${name}", "~${short}"],
    ids=["LibreOffice", "Word", "Word, long name"],
)
def test_a_document_open_in_an_office_program_is_left_alone(tmp_path, capsys, lock_name):
    out = tmp_path / "out"
    _render_both(out)
    previous = {path.name: path.read_bytes() for path in out.iterdir()}
    docx = out / f"{ORAL_EXAMPLE.stem}.docx"
    lock = out / lock_name.format(name=docx.name, short=docx.name[2:])
    lock.write_text(",Ana Pérez,ana,laptop,22.11.2026 10:00,file:///home/ana;")
    source = tmp_path / ORAL_EXAMPLE.name
    source.write_text(ORAL_EXAMPLE.read_text().replace("Thank you", "Many thanks"))
    capsys.readouterr()

    assert main(["render", str(source), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{docx} is open in " in err
    assert f"(its lock file is {lock}): close it and render again" in err
    assert "none of this report's outputs were written" in err
    assert {path.name: path.read_bytes() for path in out.iterdir() if path != lock} == previous


def _run(*arguments: str, **options) -> subprocess.CompletedProcess:
    """Run the command in a process of its own, bounded by a timeout only a hang reaches."""
    command = [sys.executable, "-m", "gfmd_reports", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **options)


@pytest.mark.parametrize("make", [os.mkdir, os.mkfifo], ids=["a folder", "a pipe"])
def test_a_lock_file_that_is_not_a_file_leaves_the_outputs_alone(tmp_path, make):
    """Found by an audit: a folder there crashed render, a pipe made it wait for ever."""
    out = tmp_path / "out"
    _render_both(out)
    previous = {path.name: path.read_bytes() for path in out.iterdir()}
    docx = out / f"{ORAL_EXAMPLE.stem}.docx"
    lock = out / f".~lock.{docx.name}#"
    make(lock)
    source = tmp_path / ORAL_EXAMPLE.name
    source.write_text(ORAL_EXAMPLE.read_text().replace("Thank you", "Many thanks"))

    finished = _run("render", str(source), "--output", str(out))
    assert finished.returncode == 1
    assert (
        f"{docx} has a LibreOffice lock file that is not a file ({lock}): close it and render "
        "again" in finished.stderr
    )
    assert "none of this report's outputs were written" in finished.stderr
    assert {path.name: path.read_bytes() for path in out.iterdir() if path != lock} == previous


@pytest.mark.parametrize("report", ["pipe.yaml", "/dev/zero"], ids=["a pipe", "an endless device"])
def test_a_report_that_is_a_pipe_or_a_device_is_refused_at_once(tmp_path, report):
    """Found by an audit: validate waited for ever on a pipe, and read /dev/zero until the
    memory ran out."""
    path = tmp_path / report
    if report == "pipe.yaml":
        os.mkfifo(path)
    kind = "a pipe" if report == "pipe.yaml" else "a device or socket"
    for command in ("validate", "render"):
        finished = _run(command, str(path), cwd=tmp_path)
        assert finished.returncode == 1, finished.stderr
        assert f"{path}: is {kind}, not a file: give the path of a report file" in (
            finished.stdout + finished.stderr
        )
    assert not (tmp_path / "out").exists()


def test_a_full_disk_midway_replaces_none_of_a_reports_outputs(tmp_path):
    """Found by an audit: the HTML and PDF were new and the DOCX old after a render that said
    "not rendered". A file size limit stands in for the full disk: the largest output is the
    one that cannot be written, once the others have been."""
    sizes = {}
    for format in ("html", "pdf", "docx"):
        _render_both(tmp_path / "sizes", "--format", format)
        sizes[format] = (tmp_path / "sizes" / f"{ORAL_EXAMPLE.stem}.{format}").stat().st_size
    largest, second = sorted(sizes.values(), reverse=True)[:2]
    too_large = max(sizes, key=sizes.__getitem__)
    out = tmp_path / "out"
    out.mkdir()
    for format in ("html", "pdf", "docx"):
        (out / f"{ORAL_EXAMPLE.stem}.{format}").write_bytes(b"an earlier rendering")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails instead of killing
        limit = (largest + second) // 2
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    finished = _run("render", str(ORAL_EXAMPLE), "--output", str(out), preexec_fn=small_files)
    assert finished.returncode == 1
    assert (
        f"{out / ORAL_EXAMPLE.stem}.{too_large}: cannot be written: File too large; none of "
        "this report's outputs were replaced" in finished.stderr
    )
    assert {path.read_bytes() for path in out.iterdir()} == {b"an earlier rendering"}
    assert len(list(out.iterdir())) == 3  # and no temporary file


def test_an_output_open_for_reading_is_replaced_whole(tmp_path):
    out = tmp_path / "out"
    _render_both(out, "--format", "pdf")
    pdf = out / f"{ORAL_EXAMPLE.stem}.pdf"
    old = pdf.read_bytes()
    source = tmp_path / ORAL_EXAMPLE.name
    source.write_text(ORAL_EXAMPLE.read_text().replace("Thank you", "Many thanks"))
    with pdf.open("rb") as reader:
        assert main(["render", str(source), "--output", str(out), "--format", "pdf"]) == 0
        assert reader.read() == old  # the reader keeps the whole previous file
    assert pdf.read_bytes() not in (old, b"")
    assert [path.name for path in out.iterdir()] == [pdf.name]


def test_two_renders_to_the_same_outputs_at_once_leave_one_whole_set(tmp_path):
    """Two commands writing the same names: each format is whole, and all come from one report."""
    oral, written = tmp_path / "a" / "report.yaml", tmp_path / "b" / "report.yaml"
    for source, example in ((oral, ORAL_EXAMPLE), (written, WRITTEN_EXAMPLE)):
        source.parent.mkdir()
        source.write_bytes(example.read_bytes())
    expected = {}
    for source in (oral, written):
        alone = tmp_path / f"alone-{source.parent.name}"
        assert main(["render", str(source), "--output", str(alone)]) == 0
        expected[source] = {path.name: path.read_bytes() for path in alone.iterdir()}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "gfmd_reports", "render", "--output", str(out)]
    for _ in range(3):
        runs = [subprocess.Popen([*command, str(source)]) for source in (oral, written)]
        assert [run.wait(timeout=120) for run in runs] == [0, 0]
        written_now = {path.name: path.read_bytes() for path in out.iterdir()}
        assert written_now in list(expected.values())


def test_two_reports_with_one_name_are_refused_before_rendering(tmp_path, capsys):
    first, second = tmp_path / "a" / "report.yaml", tmp_path / "b" / "report.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(ORAL_EXAMPLE.read_bytes())
    out = tmp_path / "out"
    assert main(["render", str(first), str(second), "--output", str(out)]) == 1
    assert (
        f"{first} and {second} would be written to the same files, {out / 'report'}.*"
        in capsys.readouterr().err
    )
    assert _files_under(out) == []


def test_an_output_never_replaces_a_report_file(tmp_path, capsys):
    report = tmp_path / "report.html"  # a JSON report misnamed .html
    report.write_text(json.dumps(YAML(typ="safe").load(ORAL_EXAMPLE.read_text()), default=str))
    before = report.read_bytes()
    assert main(["render", str(report), "--output", str(tmp_path)]) == 1
    assert "would overwrite a report file with its HTML output" in capsys.readouterr().err
    assert report.read_bytes() == before
    assert _files_under(tmp_path) == [report]
