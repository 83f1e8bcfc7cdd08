"""The JSON API under /api/, through the real application (no server needed: httpx in-process)."""

from __future__ import annotations

import io

import pytest
from conftest import ORAL_EXAMPLE
from docx import Document
from fastapi.testclient import TestClient
from pypdf import PdfReader

from gfmd_reports import load_report
from gfmd_reports.web.app import MAX_BODY_BYTES, create_app


@pytest.fixture
def drafts(tmp_path):
    return tmp_path / "drafts"


@pytest.fixture
def client(drafts):
    drafts.mkdir()
    return TestClient(create_app(drafts))


def _oral_data():
    data = load_report(ORAL_EXAMPLE).model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("$schema", None)
    return data


def test_a_new_empty_draft_is_saved_and_lists_what_is_missing(client, drafts):
    response = client.post("/api/drafts", json={"name": "rt2.yaml", "kind": "written"})
    assert response.status_code == 201
    body = response.json()
    assert body["valid"] is False
    fields = {problem["field"] for problem in body["problems"]}
    assert {"forum.name", "forum.year", "roundtable.number", "sessions[0].title"} <= fields
    assert (
        (drafts / "rt2.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=file://")
    )
    assert client.get("/api/drafts").json()[0]["name"] == "rt2.yaml"


def test_a_draft_from_an_example_is_valid_and_summarised(client):
    body = client.post(
        "/api/drafts", json={"name": "mine.yaml", "example": "gfmd-2019-rt1-2.yaml"}
    ).json()
    assert body["valid"] is True
    assert body["words"] == 644
    assert body["speaking_seconds"] == 295
    assert [p["severity"] for p in body["problems"]] == ["warning"]


def test_saving_needs_the_version_it_was_made_from(client, drafts):
    created = client.post("/api/drafts", json={"name": "d.yaml"}).json()
    data = created["report"] | {"salutation": "Thank you Madam Chair."}
    first = client.put("/api/drafts/d.yaml", json={"report": data, "version": created["version"]})
    assert first.status_code == 200
    stale = client.put("/api/drafts/d.yaml", json={"report": data, "version": created["version"]})
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": "d.yaml was changed elsewhere (another tab or window) since you opened it: "
        "reload it to see those changes before saving again",
        "current_version": first.json()["version"],
    }
    previous = drafts / ".d.yaml.previous"
    assert "Thank you Madam Chair." not in previous.read_text(encoding="utf-8")
    assert "Thank you Madam Chair." in (drafts / "d.yaml").read_text(encoding="utf-8")


def test_an_invalid_draft_is_saved_all_the_same(client, drafts):
    created = client.post("/api/drafts", json={"name": "d.yaml"}).json()
    broken = {"kind": "oral", "sessions": [{"number": "9"}], "closing": ["half a thought"]}
    saved = client.put("/api/drafts/d.yaml", json={"report": broken, "version": created["version"]})
    assert saved.status_code == 200
    assert saved.json()["valid"] is False
    assert "half a thought" in (drafts / "d.yaml").read_text(encoding="utf-8")
    assert client.get("/api/drafts/d.yaml").json()["report"]["closing"] == ["half a thought"]


def test_validate_reports_problems_by_field(client):
    data = _oral_data()
    data["sessions"][0]["co_chairs"] = []
    body = client.post("/api/validate", json={"report": data}).json()
    assert body["valid"] is False
    assert {
        "field": "sessions[0].co_chairs",
        "message": "is empty: at least one co-chair is required",
        "severity": "error",
    } in body["problems"]


@pytest.mark.parametrize("format", ["html", "pdf", "docx"])
def test_render_returns_each_format(client, format):
    response = client.post(
        f"/api/render?format={format}&name=rt1.yaml", json={"report": _oral_data()}
    )
    assert response.status_code == 200
    assert response.headers["content-disposition"].endswith(f'filename="rt1.{format}"')
    if format == "pdf":
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        assert "Negash Botora Kebret" in text
    elif format == "docx":
        assert Document(io.BytesIO(response.content)).paragraphs[0].text == "Thank you Chair."
    else:
        assert '<p class="salutation">Thank you Chair.</p>' in response.text


def test_render_refuses_an_invalid_report_with_its_problems(client):
    response = client.post("/api/render?format=pdf", json={"report": {"kind": "oral"}})
    assert response.status_code == 422
    assert response.json()["detail"] == "the report has errors"
    assert {p["field"] for p in response.json()["problems"]} >= {"forum", "sessions"}


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/drafts/..%2F..%2Fetc%2Fpasswd", 404),
        ("get", "/api/drafts/missing.yaml", 422),
        ("put", "/api/drafts/evil.sh", 422),
        ("post", "/api/render?format=exe", 422),
    ],
)
def test_bad_requests_get_json_errors(client, method, path, expected):
    body = {} if method == "get" else {"json": {"report": {}, "version": None}}
    response = getattr(client, method)(path, **body)
    assert response.status_code == expected
    assert response.json()["detail"]


def test_a_body_beyond_the_bound_is_refused(client):
    huge = {"report": {"closing": ["x" * MAX_BODY_BYTES]}}
    response = client.post("/api/validate", json=huge)
    assert response.status_code == 413
    assert response.json() == {"detail": f"the request is larger than {MAX_BODY_BYTES:,} bytes"}


def test_a_token_is_checked_on_every_request(drafts):
    drafts.mkdir()
    client = TestClient(create_app(drafts, token="s3cret"))
    assert client.get("/api/drafts").status_code == 401
    assert client.get("/").status_code == 401
    assert client.get("/api/drafts", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    first = client.get("/?token=s3cret")
    assert first.status_code == 200
    assert client.get("/api/drafts").status_code == 200  # the cookie set by the first page


def test_responses_forbid_outside_resources(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "http" not in response.text.replace("http-equiv", "")


def test_the_api_is_documented(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/drafts", "/api/drafts/{name}", "/api/validate", "/api/render"} <= set(paths)
    assert client.get("/api/docs").status_code == 200


def test_a_body_without_a_declared_length_is_refused(client):
    response = client.post(
        "/api/validate",
        content=iter([b'{"report": {}}']),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 411
    assert response.json() == {"detail": "give the request's Content-Length"}
