"""A draft's versions through the API: listed, named, read, restored exactly."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from typing import Any

import lxml.html
import pytest
from conftest import MINIMAL_REPORT, Clock
from fastapi.testclient import TestClient
from lxml import etree
from ruamel.yaml import YAML

from gfmd_reports.web.app import create_app
from gfmd_reports.web.rendering import BoundedRenderer

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture
def drafts(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    return folder


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(drafts, clock):
    return TestClient(create_app(drafts, clock=clock), base_url=LOCAL)


def _data(closing: str) -> dict:
    return {**YAML(typ="safe").load(MINIMAL_REPORT), "closing": [closing]}


def _create(client) -> dict:
    created = client.post("/api/drafts", json={"name": "Rapport 2.2"})
    assert created.status_code == 201
    return created.json()


def _saved_draft(client, closing: str) -> tuple[str, dict]:
    """A new draft saved once with ``closing``: its name, and the save's answer."""
    draft = _create(client)
    saved = client.put(
        f"/api/drafts/{draft['name']}",
        json={"report": _data(closing), "version": draft["version"]},
    )
    return draft["name"], saved.json()


@dataclass(frozen=True)
class _Answer:
    status_code: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class _Http:
    """Requests to a server, answered as the test client answers them."""

    url: str

    def request(self, method: str, path: str, body: Any = None) -> _Answer:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return _Answer(response.status, response.read())
        except urllib.error.HTTPError as error:
            return _Answer(error.code, error.read())

    def get(self, path: str) -> _Answer:
        return self.request("GET", path)

    def post(self, path: str, json: Any) -> _Answer:
        return self.request("POST", path, json)

    def put(self, path: str, json: Any) -> _Answer:
        return self.request("PUT", path, json)


@pytest.fixture
def served(drafts, clock):
    """The application served by uvicorn on 127.0.0.1, in a thread of the test (so that the
    test moves its clock), and a client of it."""
    import socket
    import threading

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(drafts, renderer=BoundedRenderer(workers=1), clock=clock)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise AssertionError("the server did not start")
            thread.join(0.05)
        yield _Http(f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join()


def test_a_draft_edited_a_hundred_times_is_restored_exactly_to_any_version(served, drafts, clock):
    """The issue's test, through the HTTP API of a real server on 127.0.0.1."""
    client = served
    draft = _create(client)
    saved: dict[str, bytes] = {}  # the draft's bytes after each save, by its version
    version = draft["version"]
    for edit in range(1, 101):
        clock.advance(60)  # a minute apart: no two saves coalesce
        report = _data(f"Edit {edit}: " + "words " * (edit % 7))
        answer = client.put(
            f"/api/drafts/{draft['name']}", json={"report": report, "version": version}
        )
        assert answer.status_code == 200
        version = answer.json()["version"]
        saved[version] = (drafts / draft["name"]).read_bytes()
    listed = client.get(f"/api/drafts/{draft['name']}/versions").json()
    by_digest = {entry["version"]: entry["number"] for entry in listed}
    assert set(saved) <= set(by_digest)  # every save is a version
    k = list(saved)[36]  # the 37th edit
    answer = client.post(
        f"/api/drafts/{draft['name']}/versions/{by_digest[k]}/restore", json={"version": version}
    )
    assert answer.status_code == 200
    assert (drafts / draft["name"]).read_bytes() == saved[k]
    assert answer.json()["version"] == k
    assert answer.json()["report"]["closing"] == ["Edit 37: words words "]
    after = client.get(f"/api/drafts/{draft['name']}/versions").json()
    assert [entry["reason"] for entry in after[-2:]] == ["autosave", "restored"]
    assert after[-2]["version"] == version  # the 100th edit is kept, and restorable
    assert answer.json()["kept_version"] == after[-2]["number"]
    answer = client.post(
        f"/api/drafts/{draft['name']}/versions/{after[-2]['number']}/restore",
        json={"version": k},
    )
    assert (drafts / draft["name"]).read_bytes() == saved[version]


def test_a_named_version_keeps_its_note_and_its_text_can_be_read(client, drafts, clock):
    name, saved = _saved_draft(client, "Pour les coprésidents.")
    kept = client.post(
        f"/api/drafts/{name}/versions",
        json={"note": "Envoyé à la TF"},
        headers={"Accept-Language": "fr"},
    )
    assert kept.status_code == 201
    assert kept.json() | {"saved": None} == {
        "number": 2,
        "saved": None,
        "reason": "named",
        "said_reason": "enregistrée par vous",
        "note": "Envoyé à la TF",
        "bytes": len((drafts / name).read_bytes()),
        "version": saved["version"],
    }
    assert kept.json()["saved"] == "2026-11-18T11:07:00+00:00"
    read = client.get(f"/api/drafts/{name}/versions/2").json()
    assert read["text"] == (drafts / name).read_text(encoding="utf-8")
    assert read["report"]["closing"] == ["Pour les coprésidents."]
    assert read["note"] == "Envoyé à la TF"


def test_a_restore_from_a_stale_page_is_a_conflict(client, drafts, clock):
    draft = _create(client)
    name = draft["name"]
    clock.advance(60)
    first = client.put(
        f"/api/drafts/{name}", json={"report": _data("One."), "version": draft["version"]}
    )
    clock.advance(60)
    client.put(
        f"/api/drafts/{name}", json={"report": _data("Two."), "version": first.json()["version"]}
    )
    before = (drafts / name).read_bytes()
    stale = client.post(
        f"/api/drafts/{name}/versions/1/restore", json={"version": draft["version"]}
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] != draft["version"]
    assert (drafts / name).read_bytes() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "rapport-2.2.yaml: has no version 9: its versions are 1–2"),
        ("fr", "rapport-2.2.yaml\u00a0: n’a pas de version 9\u00a0: ses versions sont 1–2"),
        ("es", "rapport-2.2.yaml: no tiene versión 9: sus versiones son 1–2"),
    ],
)
def test_an_unknown_version_is_said_with_those_there_are(client, drafts, clock, language, message):
    draft = _create(client)
    clock.advance(60)
    saved = client.put(
        f"/api/drafts/{draft['name']}", json={"report": _data("One."), "version": draft["version"]}
    ).json()
    headers = {"Accept-Language": language}
    for answer in (
        client.get(f"/api/drafts/{draft['name']}/versions/9", headers=headers),
        client.post(
            f"/api/drafts/{draft['name']}/versions/9/restore",
            json={"version": saved["version"]},
            headers=headers,
        ),
    ):
        assert answer.status_code == 422
        assert answer.json()["detail"].replace(str(drafts) + "/", "") == message


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "rapport-2.2.yaml: has no version 9: its only version is 1"),
        ("fr", "rapport-2.2.yaml\u00a0: n’a pas de version 9\u00a0: sa seule version est la 1"),
        ("es", "rapport-2.2.yaml: no tiene versión 9: su única versión es la 1"),
    ],
)
def test_a_draft_with_one_version_says_it_is_its_only_one(client, drafts, language, message):
    draft = _create(client)
    answer = client.get(
        f"/api/drafts/{draft['name']}/versions/9", headers={"Accept-Language": language}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"].replace(str(drafts) + "/", "") == message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"closing: [unclosed\n", "rapport-2.2.yaml@2:2:1: "),
        (b"- a list, not a report\n", "rapport-2.2.yaml@2:1:1: holds a list, not a report"),
    ],
)
def test_a_version_the_form_cannot_open_is_not_restored(client, drafts, clock, text, reason):
    """Refused before anything is written: the draft, its version and its history stay."""
    name, saved = _saved_draft(client, "Les mots du brouillon.")
    folder = drafts / f".{name}.versions"
    next(folder.glob("0002-*.yaml")).write_bytes(text)  # spoilt in a text editor, say
    before = (drafts / name).read_bytes()
    history = sorted(path.name for path in folder.iterdir())
    answer = client.post(
        f"/api/drafts/{name}/versions/2/restore", json={"version": saved["version"]}
    )
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail.startswith(reason)
    assert detail.endswith(
        ". Version 2 is not restored, as the form cannot open it; the draft is left as it is. "
        f"See the version's text with 'gfmd-reports versions {drafts / name} --show 2'"
    )
    assert (drafts / name).read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == history
    again = client.put(
        f"/api/drafts/{name}", json={"report": _data("Encore."), "version": saved["version"]}
    )
    assert again.status_code == 200  # the form's next save is no conflict


def test_versions_of_a_draft_that_is_not_there_are_refused(client):
    for answer in (
        client.get("/api/drafts/missing.yaml/versions"),
        client.post("/api/drafts/missing.yaml/versions", json={"note": None}),
    ):
        assert answer.status_code == 422
        assert answer.json()["detail"] == "missing.yaml: no such draft"
    hostile = client.get("/api/drafts/..%2Fetc.yaml/versions")
    assert hostile.status_code in (404, 422)
    assert client.get("/api/drafts/x.yaml/versions/0").status_code == 422


def test_a_note_too_long_is_refused_in_the_users_language(client):
    draft = _create(client)
    answer = client.post(
        f"/api/drafts/{draft['name']}/versions",
        json={"note": "x" * 501},
        headers={"Accept-Language": "fr"},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "la note d’une version peut avoir au plus 500 caractères, et celle-ci en a 501\u00a0: "
        "raccourcissez-la"
    )


WORD = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def _word_changes(docx: bytes) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """The document's tracked changes: their text, author and date, by kind."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
    author, date = f"{{{WORD['w']}}}author", f"{{{WORD['w']}}}date"
    return {
        kind: [
            ("".join(change.itertext()), change.get(author), change.get(date))
            for change in document.iterfind(f".//w:{kind}", WORD)
            if change.getparent().tag != f"{{{WORD['w']}}}rPr"  # a paragraph mark's
        ]
        for kind in ("ins", "del")
    }


def test_a_version_compared_with_the_draft_gives_word_tracked_changes(client, drafts, clock):
    name, first = _saved_draft(client, "The panel agreed.")
    kept = client.post(f"/api/drafts/{name}/versions", json={"note": "Before the TF"}).json()
    clock.advance(60)
    client.put(
        f"/api/drafts/{name}",
        json={"report": _data("The panel broadly agreed."), "version": first["version"]},
    )
    answer = client.post(
        "/api/compare",
        json={
            "old": {"draft": name, "version": kept["number"]},
            "new": {"draft": name},
            "format": "docx",
            "author": "Ana Ruiz",
        },
    )
    assert answer.status_code == 200
    assert (
        answer.headers["content-disposition"] == 'attachment; filename="rapport-2.2-compared.docx"'
    )
    changes = _word_changes(answer.content)
    assert changes["ins"][0] == ("broadly ", "Ana Ruiz", "2026-11-18T11:08:00Z")
    # The only other change is the total reading time the report prints, one word longer.
    assert [text for text, _author, _date in changes["ins"][1:] + changes["del"]] == ["20", "15"]
    assert {change[1:] for change in changes["ins"] + changes["del"]} == {
        ("Ana Ruiz", "2026-11-18T11:08:00Z")
    }
    page = client.post(
        "/api/compare",
        json={
            "old": {"draft": name},
            "new": {"draft": name, "version": kept["number"]},
            "format": "html",
        },
    )
    assert page.status_code == 200
    assert page.headers["content-disposition"] == 'inline; filename="rapport-2.2-v2-compared.html"'
    assert "<del>broadly </del>" in page.text


def test_two_drafts_are_compared_and_the_rapporteur_signs_by_default(client, drafts):
    one = _create(client)
    other = client.post("/api/drafts", json={"name": "Autre"}).json()
    report = _data("Les coprésidents ont conclu.") | {
        "rapporteur": {"name": "Mme Ana Ruiz"},
        "language": "fr",
    }
    client.put(
        f"/api/drafts/{one['name']}",
        json={
            "report": _data("Les coprésidents ont conclu.") | {"language": "fr"},
            "version": one["version"],
        },
    )
    changed = report | {"closing": ["Les coprésidents n’ont pas conclu."]}
    client.put(
        f"/api/drafts/{other['name']}", json={"report": changed, "version": other["version"]}
    )
    answer = client.post(
        "/api/compare", json={"old": {"draft": one["name"]}, "new": {"draft": other["name"]}}
    )
    assert answer.status_code == 200
    changes = _word_changes(answer.content)
    assert changes["del"] == []
    assert [(text, author) for text, author, _date in changes["ins"]] == [
        ("n’", "Mme Ana Ruiz"),
        (" pas", "Mme Ana Ruiz"),
    ]


def test_a_comparison_page_says_the_older_version_was_in_another_language(client, drafts):
    name, saved = _saved_draft(client, "The panel agreed.")
    kept = client.post(f"/api/drafts/{name}/versions", json={"note": "In English"}).json()
    client.put(
        f"/api/drafts/{name}",
        json={
            "report": _data("El panel acordó.") | {"language": "es"},
            "version": saved["version"],
        },
    )
    page = client.post(
        "/api/compare",
        json={
            "old": {"draft": name, "version": kept["number"]},
            "new": {"draft": name},
            "format": "html",
        },
    )
    assert page.status_code == 200
    (legend,) = lxml.html.document_fromstring(page.text).find_class("legend")
    assert "La versión anterior estaba redactada en inglés; ambas se muestran en español." in (
        legend.text_content()
    )


@pytest.mark.parametrize(
    ("author", "language", "said"),
    [
        ("A\x01B", "en", "Word cannot sign changes with this name: give a name of 1 to 255"),
        ("A\ufffeB", "en", "without control characters"),
        ("Ana\x7f", "fr", "Word ne peut pas signer les modifications de ce nom"),
        ("x" * 256, "es", "dé un nombre de 1 a 255 caracteres, sin caracteres de control"),
    ],
)
def test_an_author_word_cannot_show_is_refused_by_field(client, drafts, author, language, said):
    name, _version = _saved_draft(client, "The panel agreed.")
    answer = client.post(
        "/api/compare",
        json={"old": {"draft": name}, "new": {"draft": name}, "author": author},
        headers={"Accept-Language": language},
    )
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert problem["field"] == "author"
    assert said in problem["message"]
    assert answer.json()["detail"] == f"author: {problem['message']}"


def test_a_comparison_of_a_draft_with_errors_says_where_they_are(client, drafts):
    draft = _create(client)  # new and empty: it has errors
    complete = client.post("/api/drafts", json={"name": "Complete"}).json()
    client.put(
        f"/api/drafts/{complete['name']}",
        json={"report": _data("Done."), "version": complete["version"]},
    )
    answer = client.post(
        "/api/compare",
        json={"old": {"draft": draft["name"]}, "new": {"draft": complete["name"]}},
        headers={"Accept-Language": "es"},
    )
    assert answer.status_code == 422
    body = answer.json()
    assert body["detail"] == "rapport-2.2.yaml tiene errores: corríjalos antes de comparar"
    assert "forum.name" in {problem["field"] for problem in body["problems"]}
    unknown = client.post(
        "/api/compare",
        json={"old": {"draft": complete["name"], "version": 7}, "new": {"draft": complete["name"]}},
    )
    assert unknown.status_code == 422
    assert unknown.json()["detail"].endswith(
        "complete.yaml: has no version 7: its versions are 1–2"
    )
