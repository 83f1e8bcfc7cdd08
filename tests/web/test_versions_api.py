"""A draft's versions through the API: listed, named, read, restored exactly."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_REPORT, Clock
from fastapi.testclient import TestClient
from ruamel.yaml import YAML

from gfmd_reports.web.app import create_app

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


def test_a_draft_edited_a_hundred_times_is_restored_exactly_to_any_version(client, drafts, clock):
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
    answer = client.post(
        f"/api/drafts/{draft['name']}/versions/{after[-2]['number']}/restore",
        json={"version": k},
    )
    assert (drafts / draft["name"]).read_bytes() == saved[version]


def test_a_named_version_keeps_its_note_and_its_text_can_be_read(client, drafts, clock):
    draft = _create(client)
    name = draft["name"]
    saved = client.put(
        f"/api/drafts/{name}",
        json={"report": _data("Pour les coprésidents."), "version": draft["version"]},
    ).json()
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
