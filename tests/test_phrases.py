"""Every phrase of the built-in themes that takes a name or words, rendered with masculine,
feminine, plural and vowel-initial values and a list, as each language writes them."""

from __future__ import annotations

import pytest

from gfmd_reports import load_theme
from gfmd_reports.phrases import CATALOGUE, check_phrase

# The value each phrase is tried with, and the other placeholders' fillings.
NOUN = {
    "oral_co_chairs": "co_chairs",
    "written_co_chairs": "co_chairs",
    "byline": "rapporteur",
    "panel": "panel",
    "paper": "prepared_by",
    "paper_consultation": "who",
    "discussion_theme": "theme",
    "quote": "attribution",
    "quote_topic": "topic",
    "forum_chair": "chairs",
    "forum_co_chairs": "chairs",
}
LISTS = frozenset({"co_chairs", "panel", "chairs"})
FILLING = {"text": "X"}

# Masculine, feminine, plural, vowel-initial, and a list of two; how each reads after the
# word the phrase joins to it (“” for none).
VALUES = {
    "en": ("the Netherlands", "Greece", "the Philippines", "Ecuador", ["Germany", "Morocco"]),
    "fr": ("le Mexique", "la Suisse", "les Pays-Bas", "Israël", ["l’Allemagne", "le Maroc"]),
    "es": ("el Brasil", "la Argentina", "los Países Bajos", "Irlanda", ["el Ecuador", "Italia"]),
}
WRITTEN = {
    ("en", ""): (
        "the Netherlands",
        "Greece",
        "the Philippines",
        "Ecuador",
        "Germany and Morocco",
    ),
    ("fr", ""): ("le Mexique", "la Suisse", "les Pays-Bas", "Israël", "l’Allemagne et le Maroc"),
    ("fr", "de"): (
        "du Mexique",
        "de la Suisse",
        "des Pays-Bas",
        "d’Israël",
        "de l’Allemagne et du Maroc",
    ),
    ("es", ""): (
        "el Brasil",
        "la Argentina",
        "los Países Bajos",
        "Irlanda",
        "el Ecuador e Italia",
    ),
    ("es", "de"): (
        "del Brasil",
        "de la Argentina",
        "de los Países Bajos",
        "de Irlanda",
        "del Ecuador e Italia",
    ),
    ("es", "a"): (
        "al Brasil",
        "a la Argentina",
        "a los Países Bajos",
        "a Irlanda",
        "al Ecuador e Italia",
    ),
}

# (theme, language, phrase): the sentence around the value, and the word joined to it.
EXPECTED = {
    ("base", "en", "oral_co_chairs"): ("The session was co-chaired by {}.", ""),
    ("base", "en", "written_co_chairs"): ("The session was co-chaired by {}.", ""),
    ("base", "en", "byline"): ("by {}", ""),
    ("base", "en", "panel"): ("The panellists were {}.", ""),
    ("base", "en", "paper"): ("The background paper, prepared by {}, explored:", ""),
    ("base", "en", "paper_consultation"): (" in consultation with {}", ""),
    ("base", "en", "discussion_theme"): ("On {}, X", ""),
    ("base", "en", "quote"): ("Let me close with the words of {}: “X”", ""),
    ("base", "en", "quote_topic"): (" on {}", ""),
    ("base", "en", "forum_chair"): ("under the Chairmanship of {}", ""),
    ("base", "en", "forum_co_chairs"): ("under the Co-Chairmanship of {}", ""),
    ("base", "fr", "oral_co_chairs"): ("La session était coprésidée par {}.", ""),
    ("base", "fr", "written_co_chairs"): ("La session était coprésidée par {}.", ""),
    ("base", "fr", "byline"): ("par {}", ""),
    ("base", "fr", "panel"): ("Le panel était composé {}.", "de"),
    ("base", "fr", "paper"): ("Le document de référence, préparé par {}, a examiné\u00a0:", ""),
    ("base", "fr", "paper_consultation"): (" en consultation avec {}", ""),
    ("base", "fr", "discussion_theme"): ("S’agissant {}, X", "de"),
    ("base", "fr", "quote"): (
        "Permettez-moi de conclure par les mots {}\u00a0: «\u00a0X\u00a0»",
        "de",
    ),
    ("base", "fr", "quote_topic"): (" sur {}", ""),
    ("base", "fr", "forum_chair"): ("sous la présidence {}", "de"),
    ("base", "fr", "forum_co_chairs"): ("sous la coprésidence {}", "de"),
    ("base", "es", "oral_co_chairs"): ("La sesión fue copresidida por {}.", ""),
    ("base", "es", "written_co_chairs"): ("La sesión fue copresidida por {}.", ""),
    ("base", "es", "byline"): ("por {}", ""),
    ("base", "es", "panel"): ("El panel estuvo integrado por {}.", ""),
    ("base", "es", "paper"): ("El documento de referencia, preparado por {}, examinó:", ""),
    ("base", "es", "paper_consultation"): (" en consulta con {}", ""),
    ("base", "es", "discussion_theme"): ("En cuanto {}, X", "a"),
    ("base", "es", "quote"): ("Permítanme concluir con las palabras {}: “X”", "de"),
    ("base", "es", "quote_topic"): (" sobre {}", ""),
    ("base", "es", "forum_chair"): ("bajo la presidencia {}", "de"),
    ("base", "es", "forum_co_chairs"): ("bajo la copresidencia {}", "de"),
    ("gfmd", "en", "oral_co_chairs"): ("The roundtable was co-chaired by {}.", ""),
    ("gfmd", "en", "written_co_chairs"): ("The Co-chairs were {}.", ""),
    ("gfmd", "en", "panel"): ("The panel was composed of {}.", ""),
    ("gfmd", "en", "paper"): (
        "The paper presented for discussion, prepared by {}, explored:",
        "",
    ),
    ("gfmd", "en", "quote"): ("Let me end with a quote from {}: “X”", ""),
}

THEMES = ("base", "gfmd")
LANGUAGES = ("en", "fr", "es")
CASES = [(theme, language, key) for theme in THEMES for language in LANGUAGES for key in NOUN]


def _expected(theme: str, language: str, key: str) -> tuple[str, str]:
    """A theme's own expectation, or its parent's for a phrase it takes from the parent."""
    if (theme, language, key) in EXPECTED:
        return EXPECTED[theme, language, key]
    parent = load_theme("base").phrases(language).text(key)
    assert load_theme(theme).phrases(language).text(key) == parent, (
        f"{theme} words {language} {key} itself: write what it should read in EXPECTED"
    )
    return EXPECTED["base", language, key]


@pytest.mark.parametrize(("theme", "language", "key"), CASES)
def test_each_phrase_reads_right_with_every_kind_of_value(theme, language, key):
    phrases = load_theme(theme).phrases(language)
    sentence, word = _expected(theme, language, key)
    noun = NOUN[key]
    others = {name: FILLING.get(name, "") for name in CATALOGUE[key] if name != noun}
    for value, written in zip(VALUES[language], WRITTEN[language, word], strict=True):
        if isinstance(value, list):
            if noun not in LISTS:
                continue
            given = phrases.join(value)
        else:  # a list of one, as the templates give co-chairs, panel and chairs
            given = phrases.join([value]) if noun in LISTS else value
        assert phrases.say(key, **{noun: given}, **others) == sentence.format(written)


def test_every_phrase_that_takes_words_is_tried():
    """A phrase added to the catalogue with a name or words in it gets a row above."""
    takes_words = {key for key, names in CATALOGUE.items() if set(names) & set(NOUN.values())}
    assert takes_words == set(NOUN)


@pytest.mark.parametrize(
    ("text", "language", "problem"),
    [
        ("S’agissant {de:theme}, {text}", "fr", None),
        ("En cuanto {a:theme}, {text}", "es", None),
        ("En cuanto {a:theme}, {text}", "es-AR", None),
        (
            "On {of:theme}, {text}",
            "en",
            "has the placeholder {of:theme}, but only French and Spanish phrases join a word "
            "to a placeholder: write “of {theme}”",
        ),
        (
            "S’agissant {a:theme}, {text}",
            "fr",
            "has the placeholder {a:theme}; in fr a placeholder may be written {theme} or "
            "joined to a word as {de:theme}, {à:theme}, {que:theme}",
        ),
        (
            "S’agissant {theme:de}, {text}",
            "fr",
            "has the placeholder {theme:de}; this phrase may use: {theme}, {text}",
        ),
        (
            "S’agissant {de:chairs}, {text}",
            "fr",
            "has the placeholder {de:chairs}; this phrase may use: {theme}, {text}",
        ),
        (
            "S’agissant {theme!r}, {text}",
            "fr",
            "has the placeholder {theme!r}; this phrase may use: {theme}, {text}",
        ),
    ],
)
def test_a_theme_may_join_only_its_language_s_words(text, language, problem):
    assert check_phrase("discussion_theme", text, language) == problem
