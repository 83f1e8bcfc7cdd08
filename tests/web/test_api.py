"""The JSON API under /api/, through the real application (no server needed: httpx in-process)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE, make_theme
from docx import Document
from fastapi.testclient import TestClient
from pypdf import PdfReader
from ruamel.yaml import YAML

from gfmd_reports import load_report, themes, validate_file
from gfmd_reports.versions import VersionHistory
from gfmd_reports.web.app import MAX_BODY_BYTES, create_app

SAMPLES = Path(ORAL_EXAMPLE).parent
FINDINGS = ("conclusions", "recommendations")
LOCAL = "http://127.0.0.1:8000"
"""Where the API is asked: it answers to this machine's own names only."""


@pytest.fixture
def drafts(tmp_path):
    return tmp_path / "drafts"


@pytest.fixture
def client(drafts):
    drafts.mkdir()
    return TestClient(create_app(drafts), base_url=LOCAL)


def _oral_data():
    data = load_report(ORAL_EXAMPLE).model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("$schema", None)
    return data


def test_a_new_empty_draft_is_saved_and_lists_what_is_missing(client, drafts):
    response = client.post("/api/drafts", json={"name": "rt2.yaml", "kind": "session"})
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
    assert body["words"] == 698  # every word of the 2019 report as delivered
    assert body["speaking_seconds"] == 320
    # The example's “H. E.”: spelt two ways, and not as the GFMD theme's house style writes it.
    assert [p["severity"] for p in body["problems"]] == ["warning", "warning"]


def test_a_draft_from_an_example_keeps_the_items_it_writes_as_plain_text_plain(client, drafts):
    examples = [("gfmd-2019-rt1-2.yaml", "oral.yaml"), ("gfmd-2014-rt3.yaml", "rt3.yaml")]
    for example, name in examples:
        client.post("/api/drafts", json={"name": name, "example": example})
        written = YAML(typ="safe").load((SAMPLES / example).read_text(encoding="utf-8"))
        draft = YAML(typ="safe").load((drafts / name).read_text(encoding="utf-8"))
        for session, drafted in zip(written["sessions"], draft["sessions"], strict=True):
            assert drafted.get("discussion") == session.get("discussion")
            assert drafted.get("recommendations") == session.get("recommendations")
            assert drafted.get("conclusions") == session.get("conclusions")
    assert isinstance(draft["overall_conclusions"]["items"][0], str)


def test_each_finding_is_given_with_its_identifier_once_it_is_known(client):
    body = client.post("/api/drafts", json={"name": "rt3.yaml", "example": "gfmd-2014-rt3.yaml"})
    ids = {item["field"]: item["id"] for item in body.json()["items"]}
    assert ids["sessions[1].recommendations.items[2]"] == "GFMD2014-RT3.2-R03"
    assert ids["sessions[0].conclusions.items[7]"] == "GFMD2014-RT3.1-C08"
    assert ids["overall_conclusions.items[0]"] == "GFMD2014-RT3-O01"
    report = body.json()["report"]
    assert len(ids) == sum(
        len(part["items"])
        for part in [
            *(s.get(key) or {"items": []} for s in report["sessions"] for key in FINDINGS),
            report["overall_conclusions"],
        ]
    )
    # An incomplete draft: the ids made from what is written, and an item's own id.
    del report["sessions"][1]["number"]
    report["sessions"][1]["recommendations"]["items"][1] = {"text": "Two.", "id": "MINE-2"}
    ids = {
        item["field"]: item["id"]
        for item in client.post("/api/validate", json={"report": report}).json()["items"]
    }
    assert ids["sessions[0].conclusions.items[7]"] == "GFMD2014-RT3.1-C08"
    assert ids["sessions[1].recommendations.items[1]"] == "MINE-2"
    assert "sessions[1].recommendations.items[2]" not in ids


def test_the_thematic_areas_of_the_reports_theme_are_offered_in_its_language(client, drafts):
    areas = (
        "item_themes:\n"
        "  - {en: Labour mobility, fr: Mobilité de la main-d’œuvre, es: Movilidad laboral}\n"
        "  - {en: Diaspora engagement}\n"
    )
    make_theme(drafts / "templates", "areas", areas)
    report = {**_oral_data(), "theme": "areas", "language": "fr"}
    body = client.post("/api/validate", json={"report": report}).json()
    assert body["item_themes"] == ["Mobilité de la main-d’œuvre", "Diaspora engagement"]
    assert client.post("/api/validate", json={"report": _oral_data()}).json()["item_themes"] == []


def test_a_themes_own_template_is_timed_with_the_words_it_adds(client, drafts):
    addition = "<p>Five more words said here.</p>"
    template = f'{{% extends "base/oral.html" %}}{{% block closing %}}{{{{ super() }}}}{addition}'
    make_theme(drafts / "templates", "worded", files={"oral.html": template + "{% endblock %}"})
    body = client.post("/api/validate", json={"report": {**_oral_data(), "theme": "worded"}})
    assert body.json()["words"] == 698 + 5


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
    versions = client.get("/api/drafts/d.yaml/versions").json()
    assert [version["version"] for version in versions] == [
        created["version"],
        first.json()["version"],
    ]  # the stale save kept nothing
    assert "Thank you Madam Chair." in (drafts / "d.yaml").read_text(encoding="utf-8")


def test_saves_read_their_theme_once_and_see_an_organisers_edit(client, drafts, monkeypatch):
    """Each save checks the report against its theme two or three times: the theme's files are
    read again only once one of them has changed."""
    house = make_theme(drafts / "templates", "house")
    read: list[str] = []
    read_theme_file = themes._read_theme_file

    def counted(path: Path):
        read.append(path.parent.name)
        return read_theme_file(path)

    monkeypatch.setattr(themes, "_read_theme_file", counted)
    created = client.post("/api/drafts", json={"name": "d.yaml"}).json()
    read.clear()  # the new draft names no theme: the default's thematic areas were read
    data, version = {**_oral_data(), "theme": "house"}, created["version"]
    for closing in ("One.", "Two.", "Three.", "Four.", "Five."):
        saved = client.put(
            "/api/drafts/d.yaml",
            json={"report": {**data, "closing": [closing]}, "version": version},
        ).json()
        version = saved["version"]
    assert sorted(read) == ["base", "gfmd", "house"]
    house_style = [p["message"] for p in saved["problems"] if "house style" in p["message"]]
    assert house_style == [
        "writes “H. E.”, which the theme's house style writes “H.E.”: write it so"
    ]

    # The organisers now write honorifics with a space: the next save follows them.
    (house / "theme.yaml").write_text(
        "name: house\nextends: gfmd\nhonorifics:\n  en: [H. E., Ms.]\n", encoding="utf-8"
    )
    saved = client.put("/api/drafts/d.yaml", json={"report": data, "version": version}).json()
    house_style = [p["message"] for p in saved["problems"] if "house style" in p["message"]]
    assert house_style == [
        "writes “H.E.”, which the theme's house style writes “H. E.”: write it so"
    ]
    assert sorted(read) == ["base", "base", "gfmd", "gfmd", "house", "house"]  # once more


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
        "place": "Session 1.2 › Co-chairs",
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
        assert "Negash Botora Kebret" in " ".join(text.split())  # wherever its lines break
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


def test_a_token_is_checked_on_every_request_for_data(drafts):
    drafts.mkdir()
    client = TestClient(create_app(drafts, token="s3cret"), base_url=LOCAL)
    assert client.get("/api/drafts").status_code == 401
    assert client.get("/api/drafts", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/api/drafts", headers={"Authorization": "Bearer s3cre"}).status_code == 401
    # Neither a cookie nor the address carries it: a cookie would go to every port's server.
    assert client.get("/api/drafts?token=s3cret").status_code == 401
    assert client.get("/api/drafts", headers={"Cookie": "gfmd_token=s3cret"}).status_code == 401
    # The page and its files hold no data: they load, and the page then sends the token.
    page = client.get("/")
    assert page.status_code == 200
    assert "set-cookie" not in page.headers


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


# ---------------------------------------------------------------------------------------------
# What a save writes: only what could be opened again, and nothing for a refused request.


def _long_report(characters: int) -> dict:
    """A valid report holding ``characters`` Chinese characters in its closing words."""
    data = _oral_data()
    paragraph = 20_000
    data["closing"] = [
        "会" * min(paragraph, characters - start) for start in range(0, characters, paragraph)
    ]
    return data


def test_a_save_refuses_what_could_not_be_opened_again(client, drafts):
    created = client.post("/api/drafts", json={"name": "long.yaml"}).json()
    before = (drafts / "long.yaml").read_bytes()
    data = _long_report(243_100)
    assert client.post("/api/validate", json={"report": data}).json()["valid"] is True
    response = client.put(
        "/api/drafts/long.yaml", json={"report": data, "version": created["version"]}
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("long.yaml: not saved: as a file it would be 7")
    assert "bytes, more than the 500,000 a report file may have" in detail
    assert (drafts / "long.yaml").read_bytes() == before
    assert [v.reason for v in VersionHistory(drafts / "long.yaml").versions()] == ["created"]


def test_what_a_save_writes_the_command_line_reads(client, drafts):
    created = client.post("/api/drafts", json={"name": "long.yaml"}).json()
    data = _long_report(160_000)
    saved = client.put(
        "/api/drafts/long.yaml", json={"report": data, "version": created["version"]}
    )
    assert saved.status_code == 200
    assert validate_file(drafts / "long.yaml").report is not None
    assert client.get("/api/drafts/long.yaml").json()["report"]["closing"] == data["closing"]


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        (b"NaN", "forum.year", "is NaN, which is not a number a report can hold"),
        (b"-Infinity", "forum.year", "is -Infinity, which is not a number a report can hold"),
        (b"1e999", "forum.year", "is 1e999, which is not a number a report can hold"),
        (b"9" * 5000, "forum.year", "is a number of 5,000 digits (999999999999…)"),
        (b"[" * 400 + b"]" * 400, "forum.year", "is nested too deeply (more than 40 levels)"),
        (b"[" * 900 + b"]" * 900, "forum.year", "is nested too deeply (more than 40 levels)"),
        (b"[" * 100_000 + b"]" * 100_000, "", "is nested too deeply (more than 40 levels)"),
    ],
    ids=["NaN", "-Infinity", "1e999", "5,000 digits", "400 deep", "900 deep", "100,000 deep"],
)
@pytest.mark.parametrize("request_line", ["put draft", "validate", "render"])
def test_numbers_and_nesting_no_report_holds_are_refused_by_field(
    client, drafts, value, field, message, request_line
):
    created = client.post("/api/drafts", json={"name": "d.yaml"}).json()
    before = (drafts / "d.yaml").read_bytes()
    body = b'{"report": {"kind": "oral", "forum": {"year": %s}}, "version": "%s"}' % (
        value,
        created["version"].encode(),
    )
    method, url = {
        "put draft": ("put", "/api/drafts/d.yaml"),
        "validate": ("post", "/api/validate"),
        "render": ("post", "/api/render?format=pdf"),
    }[request_line]
    response = client.request(
        method, url, content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422, response.text
    answer = response.json()
    # Too deep a nesting is named where it goes too deep: forum.year[0][0]…[0].
    assert answer["detail"].startswith(field)
    assert answer["detail"].endswith(message) or f": {message}" in answer["detail"]
    assert answer["problems"][0]["field"].startswith(field)
    assert (drafts / "d.yaml").read_bytes() == before
    assert sorted(path.name for path in drafts.iterdir()) == [".d.yaml.versions", "d.yaml"]
    assert len(list((drafts / ".d.yaml.versions").iterdir())) == 1  # the draft as created


def test_a_draft_in_latin_1_is_replaced_only_from_its_version(client, drafts):
    latin = "kind: oral\nclosing: [Café]\n".encode("latin-1")
    (drafts / "latin.yaml").write_bytes(latin)
    listed = client.get("/api/drafts").json()
    assert [entry["name"] for entry in listed] == ["latin.yaml"]
    blind = client.put("/api/drafts/latin.yaml", json={"report": {"kind": "oral"}, "version": None})
    assert blind.status_code == 409
    assert (drafts / "latin.yaml").read_bytes() == latin
    data = {"kind": "oral", "closing": ["Café"]}
    saved = client.put(
        "/api/drafts/latin.yaml", json={"report": data, "version": listed[0]["version"]}
    )
    assert saved.status_code == 200
    assert "closing:\n  - Café\n" in (drafts / "latin.yaml").read_text(encoding="utf-8")
    assert VersionHistory(drafts / "latin.yaml").read(1) == latin


def test_a_drafts_folder_that_cannot_be_written_gets_a_message(tmp_path):
    client = TestClient(create_app(Path("/sys/kernel")), base_url=LOCAL)  # read-only, even for root
    assert client.get("/api/drafts").json() == []
    response = client.post("/api/drafts", json={"name": "rt1.yaml"})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "rt1.yaml: not saved: the drafts folder /sys/kernel cannot be written (Permission "
        "denied): make it writable, or serve another folder with --drafts"
    )


def test_a_broken_draft_never_hides_the_others(client, drafts):
    (drafts / "typo.yaml").write_text("kind: oral\nforum: {start: 2014-02-30}\n", encoding="utf-8")
    (drafts / "tabs.yaml").write_text("kind: oral\n\tforum: {}\n", encoding="utf-8")
    (drafts / "good.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    listed = client.get("/api/drafts")
    assert listed.status_code == 200
    assert sorted(entry["name"] for entry in listed.json()) == [
        "good.yaml",
        "tabs.yaml",
        "typo.yaml",
    ]
    assert client.get("/api/drafts/good.yaml").json()["valid"] is True


def test_a_draft_is_saved_as_typed_and_rendered_with_its_languages_typography(client, drafts):
    """The web form keeps what the rapporteur typed; only the rendered report is typeset, and
    a quotation typed in quotation marks gets a warning at its field."""
    created = client.post("/api/drafts", json={"name": "fr.yaml"}).json()
    data = _oral_data() | {
        "language": "fr",
        "closing": ['Le mot « sans emploi » revient ; "enfin" l\'emploi !'],
        "quote": {"attribution": "M. Dupont", "text": '"Rien n\'est acquis."'},
    }
    saved = client.put("/api/drafts/fr.yaml", json={"report": data, "version": created["version"]})
    assert saved.status_code == 200
    warnings = [p for p in saved.json()["problems"] if p["field"] == "quote.text"]
    assert [(p["severity"], p["message"]) for p in warnings] == [
        (
            "warning",
            "is written in quotation marks, which the report adds itself around a quotation: "
            "write the quotation without quotation marks",
        )
    ]
    stored = (drafts / "fr.yaml").read_bytes()

    page = client.post("/api/render?format=html", json={"report": data})
    assert page.status_code == 200
    assert (
        "Le mot «\u00a0sans emploi\u00a0» revient\u202f; «\u00a0enfin\u00a0» l’emploi\u202f!"
        in page.text
    )
    assert (drafts / "fr.yaml").read_bytes() == stored
    reopened = client.get("/api/drafts/fr.yaml").json()["report"]
    assert reopened["closing"] == data["closing"]
    assert reopened["quote"]["text"] == '"Rien n\'est acquis."'


def test_the_form_gets_the_interfaces_words_in_each_language(client):
    french = client.get("/api/messages/fr").json()
    assert french["language"] == "fr"
    assert french["messages"]["Country"] == "Pays"
    assert client.get("/api/messages/es").json()["messages"]["Co-chairs"] == "Copresidentes"
    assert client.get("/api/messages/en").json()["messages"] == {}
    assert client.get("/api/messages/de").status_code == 422


@pytest.mark.parametrize(
    ("language", "place", "message"),
    [
        (
            "en-GB",
            "Session 1.2 › Co-chair 2",
            "names nobody: give a name, a country or an organisation",
        ),
        (
            "fr-FR,fr;q=0.9",
            "Séance 1.2 › Coprésident 2",
            "ne nomme personne\u00a0: indiquez un nom, un pays ou une organisation",
        ),
        (
            "es-419",
            "Sesión 1.2 › Copresidente 2",
            "no nombra a nadie: indique un nombre, un país o una organización",
        ),
    ],
)
def test_a_problem_names_its_place_and_is_said_in_the_browsers_language(
    client, language, place, message
):
    data = _oral_data()
    data["sessions"][0]["co_chairs"][1] = {}
    response = client.post(
        "/api/validate", json={"report": data}, headers={"Accept-Language": language}
    )
    assert response.status_code == 200
    assert response.json()["problems"] == [
        {
            "field": "sessions[0].co_chairs[1]",
            "place": place,
            "message": message,
            "severity": "error",
        }
    ]


def test_the_preview_shows_an_incomplete_draft_with_its_gaps_marked_in_the_users_language(client):
    draft = {"kind": "oral", "forum": {}, "roundtable": {}, "sessions": [{"number": "1.2"}]}
    response = client.post(
        "/api/preview", json={"report": draft}, headers={"Accept-Language": "es-ES,es;q=0.9"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<mark class="gap">[Falta: Sesión 1.2 › Título]</mark>' in response.text
    assert int(response.headers["X-Gaps"]) == 5  # forum name and year, roundtable, title, co-chair
    # Downloads stay for complete reports only.
    assert client.post("/api/render?format=html", json={"report": draft}).status_code == 422


def test_the_preview_of_a_valid_report_is_its_page(client):
    report = _oral_data()
    preview = client.post("/api/preview", json={"report": report})
    rendered = client.post("/api/render?format=html", json={"report": report})
    assert preview.status_code == 200
    assert preview.headers["X-Gaps"] == "0"
    assert preview.text == rendered.text


def test_a_draft_no_preview_can_show_gets_the_reason(client):
    draft = {"kind": "oral", "forum": {}, "roundtable": {}, "sessions": [{}]}
    draft["closing"] = ["x" * 20_000] * 30
    response = client.post("/api/preview", json={"report": draft})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "the preview cannot show this draft until its errors are fixed"
    )


# ---------------------------------------------------------------------------------------------
# Drafts named in any language, renamed, deleted to the trash and restored.


def test_drafts_are_named_in_any_language_renamed_deleted_and_restored(client, drafts):
    created = client.post("/api/drafts", json={"name": "Rapport de la séance 2.2"})
    assert created.status_code == 201
    assert (created.json()["name"], created.json()["display_name"]) == (
        "rapport-de-la-seance-2.2.yaml",
        "Rapport de la séance 2.2",
    )
    name = created.json()["name"]
    [listed] = client.get("/api/drafts").json()
    assert (listed["name"], listed["display_name"]) == (name, "Rapport de la séance 2.2")

    renamed = client.patch(f"/api/drafts/{name}", json={"display_name": "Informe final"})
    assert renamed.status_code == 200
    assert (renamed.json()["name"], renamed.json()["display_name"]) == (name, "Informe final")
    assert client.get(f"/api/drafts/{name}").json()["display_name"] == "Informe final"

    deleted = client.delete(f"/api/drafts/{name}")
    assert deleted.status_code == 200
    assert client.get("/api/drafts").json() == []
    [trashed] = client.get("/api/trash").json()
    assert trashed["key"] == deleted.json()["key"]
    assert (trashed["name"], trashed["display_name"]) == (name, "Informe final")
    assert trashed["expires"] > trashed["deleted"]

    restored = client.post(f"/api/trash/{trashed['key']}/restore")
    assert restored.status_code == 200
    assert (restored.json()["name"], restored.json()["display_name"]) == (name, "Informe final")
    assert client.get("/api/trash").json() == []
    assert [entry["name"] for entry in client.get("/api/drafts").json()] == [name]


def test_a_draft_named_to_climb_out_of_the_folder_stays_in_it(client, drafts):
    created = client.post("/api/drafts", json={"name": "../../escape.yaml"})
    assert created.status_code == 201
    assert (created.json()["name"], created.json()["display_name"]) == (
        "escape.yaml",
        "../../escape.yaml",
    )
    files = [path.relative_to(drafts.parent) for path in drafts.parent.rglob("*") if path.is_file()]
    assert sorted(file.parent.as_posix() for file in files) == [
        "drafts",  # escape.yaml
        "drafts/.escape.yaml.versions",  # and its first version
    ]


@pytest.mark.parametrize(
    ("method", "path", "body", "detail"),
    [
        ("post", "/api/drafts", {"name": " "}, "a draft needs a name: type one, in any language"),
        ("patch", "/api/drafts/missing.yaml", {"display_name": "x"}, "missing.yaml: no such draft"),
        ("delete", "/api/drafts/missing.yaml", None, "missing.yaml: no such draft"),
        (
            "post",
            "/api/trash/1-missing.yaml/restore",
            None,
            "1-missing.yaml: no such deleted draft (drafts are kept 30 days after they are "
            "deleted): reload the list of deleted drafts",
        ),
        ("post", "/api/drafts", {"kind": "oral"}, "name: is required"),
        (
            "post",
            "/api/render?format=exe",
            {"report": {}},
            "format: should be one of 'html', 'pdf' or 'docx'",
        ),
    ],
)
def test_requests_on_drafts_that_cannot_be_done_are_told_why(client, method, path, body, detail):
    response = client.request(method, path, json=body)
    assert response.status_code == 422
    assert response.json()["detail"] == detail


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        (
            "fr-FR,fr;q=0.9",
            "d.yaml a été modifié ailleurs (dans un autre onglet ou une autre fenêtre) depuis "
            "que vous l’avez ouvert\u00a0: rechargez-le pour voir ces modifications avant "
            "d’enregistrer à nouveau",
        ),
        (
            "es-ES,es;q=0.9",
            "d.yaml se modificó en otro lugar (otra pestaña o ventana) después de que lo "
            "abriera: vuelva a cargarlo para ver esos cambios antes de guardar de nuevo",
        ),
    ],
)
def test_the_api_answers_in_the_requests_language(client, language, detail):
    created = client.post("/api/drafts", json={"name": "d.yaml"}).json()
    data = created["report"]
    client.put(
        "/api/drafts/d.yaml",
        json={"report": data | {"closing": ["a"]}, "version": created["version"]},
    )
    stale = client.put(
        "/api/drafts/d.yaml",
        json={"report": data, "version": created["version"]},
        headers={"Accept-Language": language},
    )
    assert stale.status_code == 409
    assert stale.json()["detail"] == detail


def test_the_guards_refusals_are_in_the_requests_language(client):
    foreign = client.get(
        "/api/drafts", headers={"Host": "rebound.example", "Accept-Language": "es"}
    )
    assert foreign.status_code == 403
    assert foreign.json()["detail"].startswith(
        "este servidor no responde al nombre “rebound.example”"
    )
    huge = client.post(
        "/api/validate",
        content=b"{}",
        headers={"Content-Length": str(MAX_BODY_BYTES + 1), "Accept-Language": "fr"},
    )
    assert huge.status_code == 413
    assert huge.json()["detail"] == "la requête dépasse 2\u202f000\u202f000 octets"
