"""The door of the web application: requests from other sites, without the token, framed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gfmd_reports.web.app import create_app

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture
def drafts(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "mine.yaml").write_text("kind: oral\nclosing: [My own words.]\n", encoding="utf-8")
    return folder


def _files(folder):
    return {path.name: path.read_bytes() for path in folder.iterdir()}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/api/drafts", None),
        ("get", "/api/drafts/mine.yaml", None),
        ("get", "/api/drafts/mine.yaml/yaml", None),
        ("put", "/api/drafts/mine.yaml", {"report": {"closing": ["Overwritten."]}}),
        ("post", "/api/drafts", {"name": "planted.yaml"}),
        ("post", "/api/validate", {"report": {}}),
    ],
)
def test_a_page_elsewhere_renamed_to_this_machine_reads_and_writes_nothing(
    drafts, method, path, body
):
    """DNS rebinding: the browser sends the attacker's name as Host, even at 127.0.0.1."""
    before = _files(drafts)
    client = TestClient(create_app(drafts), base_url="http://rebound.example:8000")
    version = TestClient(create_app(drafts), base_url=LOCAL).get("/api/drafts").json()[0]
    if body and "report" in body:
        body["version"] = version["version"]
    response = client.request(method, path, json=body)
    assert response.status_code == 403
    assert response.json() == {
        "detail": "this server does not answer to the name 'rebound.example:8000': open it at "
        "the address `gfmd-reports serve` printed (to use another name, start it with "
        "--allow-host NAME)"
    }
    assert "My own words" not in response.text
    assert _files(drafts) == before


@pytest.mark.parametrize(
    "base_url",
    ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000", "http://127.0.0.1"],
)
def test_this_machines_own_names_are_answered(drafts, base_url):
    client = TestClient(create_app(drafts), base_url=base_url)
    assert client.get("/api/drafts").status_code == 200


def test_a_name_allowed_at_the_start_is_answered(drafts):
    app = create_app(drafts, hosts={"192.0.2.7", "drafts.example.org"})
    assert TestClient(app, base_url="http://drafts.example.org").get("/").status_code == 200
    assert TestClient(app, base_url="http://192.0.2.7:8000").get("/").status_code == 200
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/").status_code == 403
    # Served on every address, any address is answered, but still no name.
    everywhere = create_app(drafts, hosts={"0.0.0.0"})
    assert TestClient(everywhere, base_url="http://192.0.2.8").get("/").status_code == 200
    assert TestClient(everywhere, base_url="http://rebound.example").get("/").status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://attacker.example"},
        {"Origin": "http://127.0.0.1:9000"},  # another server on this machine
        {"Origin": "null"},  # a sandboxed frame or a file
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["other site", "other port", "opaque origin", "cross-site", "same site, other origin"],
)
def test_changes_are_accepted_only_from_the_drafting_page(drafts, headers):
    client = TestClient(create_app(drafts), base_url=LOCAL)
    version = client.get("/api/drafts").json()[0]["version"]
    before = _files(drafts)
    save = {"report": {"closing": ["Overwritten."]}, "version": version}
    for method, path, body in [
        ("put", "/api/drafts/mine.yaml", save),
        ("post", "/api/drafts", {"name": "planted.yaml"}),
        ("post", "/api/render?format=pdf", {"report": {}}),
    ]:
        response = client.request(method, path, json=body, headers=headers)
        assert response.status_code == 403, (method, path)
        assert response.json() == {
            "detail": "requests that change drafts are accepted only from the drafting page"
        }
    assert _files(drafts) == before
    same_page = {"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"}
    assert client.put("/api/drafts/mine.yaml", json=save, headers=same_page).status_code == 200


def test_no_page_may_frame_the_form(drafts):
    client = TestClient(create_app(drafts), base_url=LOCAL)
    for path in ["/", "/api/drafts", "/api/docs", "/api/nothing-here"]:
        response = client.get(path)
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["cross-origin-resource-policy"] == "same-origin"


def test_the_token_travels_in_a_header_only_never_in_a_cookie(drafts):
    """A cookie set by 127.0.0.1:8000 is sent to every server on 127.0.0.1, whatever its port."""
    client = TestClient(create_app(drafts, token="s3cret-t0ken"), base_url=LOCAL)
    for path in ["/", "/?token=s3cret-t0ken", "/static/app.js", "/api/docs"]:
        response = client.get(path)
        assert response.status_code == 200
        assert "set-cookie" not in response.headers
    assert (
        client.get("/api/drafts", headers={"Cookie": "gfmd_token=s3cret-t0ken"}).status_code == 401
    )
    refused = client.get("/api/drafts/mine.yaml")
    assert refused.status_code == 401
    assert "My own words" not in refused.text
    assert refused.json()["detail"].startswith("an access token is required")
    allowed = client.get("/api/drafts/mine.yaml", headers={"Authorization": "Bearer s3cret-t0ken"})
    assert allowed.json()["report"]["closing"] == ["My own words."]
