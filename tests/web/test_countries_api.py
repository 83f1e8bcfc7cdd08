"""The list of States the form offers, in the report's language."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gfmd_reports.countries import find_country
from gfmd_reports.web.app import create_app


@pytest.fixture
def client(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    return TestClient(create_app(drafts), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {"ECU": "Ecuador", "NLD": "Netherlands", "CIV": "Côte d’Ivoire"}),
        ("fr", {"ECU": "Équateur", "NLD": "Pays-Bas", "CIV": "Côte d’Ivoire"}),
        ("es", {"ECU": "Ecuador", "NLD": "Países Bajos", "CIV": "Côte d’Ivoire"}),
    ],
)
def test_states_are_listed_by_their_un_short_name_in_the_language(client, language, expected):
    listed = client.get(f"/api/countries/{language}").json()
    names = {entry["code"]: entry["name"] for entry in listed}
    assert len(listed) == 197  # the 193 members, the two observers and two others
    assert {code: names[code] for code in expected} == expected


def test_the_list_is_in_alphabetical_order_accents_aside(client):
    names = [entry["name"] for entry in client.get("/api/countries/fr").json()]
    # Équateur among the E's, after Égypte and before Érythrée, not after Zimbabwe.
    assert names.index("Égypte") < names.index("Équateur") < names.index("Érythrée")
    assert names[-1] == "Zimbabwe"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_name_listed_is_read_back_as_its_state(client, language):
    for entry in client.get(f"/api/countries/{language}").json():
        assert find_country(entry["name"]).alpha3 == entry["code"], entry


def test_a_language_the_un_does_not_name_states_in_is_refused_with_its_place(client):
    response = client.get("/api/countries/de", headers={"Accept-Language": "fr"})
    assert response.status_code == 422
    assert response.json()["problems"] == [
        {
            "field": "language",
            "message": "doit être l’une des valeurs suivantes\u00a0: "
            "'en', 'fr', 'es', 'ru', 'zh' ou 'ar'",
            "severity": "error",
        }
    ]
