"""French and Spanish join words to what follows as the languages do."""

from __future__ import annotations

import pytest
from markupsafe import Markup, escape

from gfmd_reports.grammar import link, with_article


@pytest.mark.parametrize(
    ("language", "word", "value", "written"),
    [
        ("fr", "de", "le financement", "du financement"),
        ("fr", "de", "les données", "des données"),
        ("fr", "de", "la migration", "de la migration"),
        ("fr", "de", "l’emploi", "de l’emploi"),
        ("fr", "de", "emploi", "d’emploi"),
        ("fr", "de", "Haïti", "d’Haïti"),  # a mute h
        ("fr", "de", "handicap", "de handicap"),  # an aspirated h
        ("fr", "de", "le Honduras", "du Honduras"),
        ("fr", "de", "Yémen", "de Yémen"),  # y before a vowel is a consonant
        ("fr", "de", "Le Caire", "du Caire"),  # a name's article contracts too
        ("fr", "de", "La Haye", "de La Haye"),
        ("fr", "de", "des données", "des données"),  # the value says “de” already
        ("fr", "de", "d’autres questions", "d’autres questions"),
        ("fr", "à", "le Mexique", "au Mexique"),
        ("fr", "à", "les Pays-Bas", "aux Pays-Bas"),
        ("fr", "à", "la Suisse", "à la Suisse"),
        ("fr", "à", "Israël", "à Israël"),
        ("fr", "que", "Israël", "qu’Israël"),
        ("fr", "que", "le Mexique", "que le Mexique"),
        ("fr-CA", "de", "le Canada", "du Canada"),
        ("es", "de", "el empleo", "del empleo"),
        ("es", "a", "el empleo", "al empleo"),
        ("es", "de", "la Argentina", "de la Argentina"),
        ("es", "de", "El Salvador", "de El Salvador"),  # the article is part of the name
        ("es", "y", "Italia", "e Italia"),
        ("es", "y", "Hispania", "e Hispania"),
        ("es", "y", "hielo", "y hielo"),
        ("es", "o", "Omán", "u Omán"),
        ("es", "o", "hoteles", "u hoteles"),
        ("es", "o", "Chile", "o Chile"),
    ],
)
def test_a_word_joins_the_value_as_the_language_does(language, word, value, written):
    assert link(language, word, escape(value)) == written


def test_markup_in_the_value_is_kept_and_text_not_escaped_twice():
    assert link("fr", "de", Markup("le <em>financement</em>")) == "du <em>financement</em>"
    assert link("fr", "de", Markup("<em>emploi</em>")) == "d’<em>emploi</em>"
    assert link("fr", "de", escape("l'emploi & <co>")) == "de l&#39;emploi &amp; &lt;co&gt;"


@pytest.mark.parametrize(
    ("language", "gender", "name", "written"),
    [
        ("en", "the", "Netherlands", "the Netherlands"),
        ("en", "-", "Greece", "Greece"),
        ("fr", "f", "Suisse", "la Suisse"),
        ("fr", "m", "Mexique", "le Mexique"),
        ("fr", "m", "Équateur", "l’Équateur"),
        ("fr", "f", "Ukraine", "l’Ukraine"),
        ("fr", "m", "Honduras", "le Honduras"),
        ("fr", "f", "Hongrie", "la Hongrie"),
        ("fr", "m pl", "Pays-Bas", "les Pays-Bas"),
        ("fr", "f pl", "Îles Marshall", "les Îles Marshall"),
        ("fr", "-", "Israël", "Israël"),
        ("es", "m", "Brasil", "el Brasil"),
        ("es", "f", "India", "la India"),
        ("es", "m pl", "Países Bajos", "los Países Bajos"),
        ("es", "f pl", "Bahamas", "las Bahamas"),
        ("es", "-", "El Salvador", "El Salvador"),
    ],
)
def test_a_name_takes_the_article_of_its_gender_and_number(language, gender, name, written):
    assert with_article(language, gender, name) == written
