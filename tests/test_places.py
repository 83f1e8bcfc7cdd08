"""Problems' places, named as a person names them, in the user's language."""

from __future__ import annotations

import copy

import pytest

from gfmd_reports import places
from gfmd_reports.places import place

DATA = {
    "kind": "oral",
    "forum": {"name": "GFMD", "year": 2019, "dates": {"start": "2019-01-20"}},
    "roundtable": {"number": 2},
    "sessions": [
        {"number": "2.1", "co_chairs": [{"country": "Ecuador"}]},
        {"number": "2.2", "co_chairs": [{"country": "Swedn"}], "conclusions": {"items": ["x"]}},
        {"number": 2.3, "discussion": {"points": ["a", {"theme": "b", "text": "c"}]}},
    ],
    "footnotes": {"3": ""},
}


@pytest.mark.parametrize(
    ("path", "english", "french", "spanish"),
    [
        (
            ("sessions", 1, "co_chairs", 0, "country"),
            "Session 2.2 › Co-chair 1 › Country",
            "Séance 2.2 › Coprésident 1 › Pays",
            "Sesión 2.2 › Copresidente 1 › País",
        ),
        (
            ("forum", "dates", "start"),
            "Forum › Dates › First day",
            "Forum › Dates › Premier jour",
            "Foro › Fechas › Primer día",
        ),
        (
            ("footnotes", "3"),
            "Footnote “3” › Text",
            "Note de bas de page «\u00a03\u00a0» › Texte",
            "Nota al pie “3” › Texto",
        ),
        (
            ("sessions", 1, "conclusions", "items", 0),
            "Session 2.2 › Conclusion 1",
            "Séance 2.2 › Conclusion 1",
            "Sesión 2.2 › Conclusión 1",
        ),
        (
            ("sessions", 1, "recommendations", "items", 2, "tags", "sdg_targets", 1),
            "Session 2.2 › Recommendation 3 › SDG target 2",
            "Séance 2.2 › Recommandation 3 › Cible des ODD 2",
            "Sesión 2.2 › Recomendación 3 › Meta de los ODS 2",
        ),
        (
            ("overall_conclusions", "items", 1, "tags"),
            "Overall conclusion 2 › Tags",
            "Conclusion générale 2 › Étiquettes",
            "Conclusión general 2 › Etiquetas",
        ),
        (
            ("sessions", 1, "recommendations", "lead_in"),
            "Session 2.2 › Recommendations › Opening sentence",
            "Séance 2.2 › Recommandations › Phrase d’introduction",
            "Sesión 2.2 › Recomendaciones › Frase introductoria",
        ),
        (
            ("sessions", 2, "discussion", "points", 1, "theme"),
            "Session 3 › Discussion › Discussion point 2 › Subject",
            "Séance 3 › Débat › Point du débat 2 › Sujet",
            "Sesión 3 › Debate › Punto del debate 2 › Asunto",
        ),
        (("rapporteur", "name"), "Rapporteur › Name", "Rapporteur › Nom", "Relator › Nombre"),
        (
            ("introduction", 1),
            "Introduction › Paragraph 2",
            "Introduction › Paragraphe 2",
            "Introducción › Párrafo 2",
        ),
        (
            ("sessions", 0, "narrative", 0),
            "Session 2.1 › Narrative › Paragraph 1",
            "Séance 2.1 › Récit › Paragraphe 1",
            "Sesión 2.1 › Relato › Párrafo 1",
        ),
        (
            ("roundtable", "number"),
            "Roundtable › Number",
            "Table ronde › Numéro",
            "Mesa redonda › Número",
        ),
        (
            ("sessions", 0, "co_chairs"),
            "Session 2.1 › Co-chairs",
            "Séance 2.1 › Coprésidents",
            "Sesión 2.1 › Copresidentes",
        ),
        ((), "", "", ""),
    ],
)
def test_a_place_names_the_field_in_each_language(path, english, french, spanish):
    assert place(path, DATA, "en") == english
    assert place(path, DATA, "fr") == french
    assert place(path, DATA, "es") == spanish


def test_a_session_is_named_by_its_number_when_valid_else_by_its_position():
    data = copy.deepcopy(DATA)
    assert place(("sessions", 1, "title"), data, "en") == "Session 2.2 › Title"
    for number in ("2.x", 2.2, None):
        data["sessions"][1]["number"] = number
        assert place(("sessions", 1, "title"), data, "en") == "Session 2 › Title"
    del data["sessions"][1]
    assert place(("sessions", 1, "title"), data, "fr") == "Séance 2 › Titre"


def test_a_segment_the_schema_does_not_know_is_named_as_written():
    assert place(("forum", "colour"), DATA, "en") == "Forum › “colour”"
    assert place(("forum", "colour"), DATA, "fr") == "Forum › «\u00a0colour\u00a0»"
    assert place(("forum", "colour", "shade", 0), DATA, "es") == "Foro › “colour” › “shade” › 1"
    assert place(("sessions", 0, "co_chairs", 0, "country", 3), DATA, "en") == (
        "Session 2.1 › Co-chair 1 › Country › 4"
    )


def test_a_label_and_an_item_noun_given_by_the_schema_are_preferred(monkeypatch):
    schema = copy.deepcopy(places._schema())
    session = schema["$defs"]["Session"]["properties"]
    session["co_chairs"]["x-item"] = "Co-chair"
    session["co_chairs"]["x-label"] = "Co-chairs"
    session["title"]["x-label"] = "Country"  # a label the catalogue translates, to see it said
    monkeypatch.setattr(places, "_schema", lambda: schema)
    assert place(("sessions", 0, "title"), DATA, "fr") == "Séance 2.1 › Pays"
    session["co_chairs"]["x-item"] = "Topic"
    assert place(("sessions", 0, "co_chairs", 0), DATA, "fr") == "Séance 2.1 › Sujet 1"
    session["co_chairs"]["x-item"] = (
        "speaker"  # a noun as a sentence writes it: a place starts with it
    )
    assert place(("sessions", 0, "co_chairs", 0), DATA, "en") == "Session 2.1 › Speaker 1"
