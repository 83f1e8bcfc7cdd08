"""How French and Spanish join a word to the name or words that follow it.

French fuses de and à with the article (de + le → du, de + les → des, à + le → au, à + les →
aux) and elides before a vowel or a mute h (de → d’, que → qu’, le and la → l’); Spanish fuses
de and a with el (del, al) and writes y and o as e and u before an i or o sound. A phrase says
where this applies by naming the word in the placeholder, “S’agissant {de:theme}”, so that
the word agrees with whatever the value starts with: “S’agissant du financement”, “de
l’emploi”, “des données”.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

LINKING_WORDS: dict[str, tuple[str, ...]] = {"fr": ("de", "à", "que"), "es": ("de", "a", "y", "o")}
"""The words a phrase may join to a placeholder, per language, as in ``{de:chairs}``."""

_REPEATED = {"fr": frozenset({"de", "à"})}
"""Words that French repeats before each item of a list: “de l’Allemagne et du Maroc”."""

# French words whose h is aspirated: no elision before them (“le Honduras”, “de handicap”).
_ASPIRATED_H = re.compile(
    r"h(?:aine|all|amea|anche|andica|angar|arc[eè]le|aric|asard|[aâ]te|auss|aut|aye|"
    r"[eé]ros|i[eé]rarch|olland|omard|ongr|onduras|onte|ors|uit)",
    re.IGNORECASE,
)
_APOSTROPHE = r"(?:’|'|&#39;|&#x27;)"
_LEADING_TAGS = re.compile(r"(?:<[^>]*>)*")
_FRENCH_ARTICLE = re.compile(rf"(?:(les|le|la|du|des)\s+|(l|d){_APOSTROPHE}(?=\w))", re.IGNORECASE)
_FRENCH_FUSED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}

_ARTICLES = {
    "en": {"the": "the"},
    "fr": {"m": "le", "f": "la", "m pl": "les", "f pl": "les"},
    "es": {"m": "el", "f": "la", "m pl": "los", "f pl": "las"},
}
"""The definite article for each gender and number a name may have, per language."""


def base_language(language: str) -> str:
    """The language of a tag without its region: “fr” for “fr-CA”."""
    return language.split("-")[0]


def linking_words(language: str) -> tuple[str, ...]:
    """The words a phrase in this language may join to a placeholder."""
    return LINKING_WORDS.get(base_language(language), ())


def repeats_before_each(language: str, word: str) -> bool:
    """Whether the language writes ``word`` before each item of a list, not only the first."""
    return word in _REPEATED.get(base_language(language), frozenset())


def with_article(language: str, gender: str, name: str) -> str:
    """Write a name after the article its gender and number take (“-”: none): “la Suisse”,
    “l’Équateur”, “les Pays-Bas”, “el Brasil”, “the Netherlands”."""
    if gender == "-":
        return name
    language = base_language(language)
    article = _ARTICLES[language][gender]
    if language == "fr" and article in ("le", "la") and elides_before(name):
        return f"l’{name}"
    return f"{article} {name}"


def link(language: str, word: str, value: Markup) -> Markup:
    """Write ``word`` before ``value`` as the language does, fused with the article the value
    starts with or elided before its first sound."""
    tags = _LEADING_TAGS.match(value)
    start = tags.end() if tags else 0
    opening, text = value[:start], value[start:]
    if base_language(language) == "fr":
        return _link_french(word, Markup(opening), Markup(text))
    if base_language(language) == "es":
        return _link_spanish(word, Markup(opening), Markup(text))
    return Markup(f"{word} ") + value


def _link_french(word: str, opening: Markup, text: Markup) -> Markup:
    article = _FRENCH_ARTICLE.match(text)
    if article and word != "que":
        written = (article.group(1) or article.group(2)).lower()
        if word == "de" and written in ("du", "des", "d"):  # the value says “de” already
            return opening + text
        fused = _FRENCH_FUSED.get((word, written))
        if fused:
            return Markup(f"{fused} ") + opening + text[article.end() :]
    if word in ("de", "que") and elides_before(text):
        return Markup(f"{word[:-1]}’") + opening + text
    return Markup(f"{word} ") + opening + text


def _link_spanish(word: str, opening: Markup, text: Markup) -> Markup:
    # Only the article in lower case: “de El Salvador”, whose article is part of the name.
    if word in ("de", "a") and re.match(r"el\s", text):
        return Markup(f"{word}l ") + opening + text[3:].lstrip()
    if word == "y" and starts_with_i_sound(text):
        word = "e"
    elif word == "o" and re.match(r"h?[oó]", _plain(text), re.IGNORECASE):
        word = "u"
    return Markup(f"{word} ") + opening + text


def elides_before(text: str) -> bool:
    """Whether French elides before this word: a vowel, a mute h, a y before a consonant."""
    word = _plain(text)
    if _ASPIRATED_H.match(word):
        return False
    return bool(re.match(r"[aeiouh]|y[^aeiouy]", word, re.IGNORECASE))


def starts_with_i_sound(text: str) -> bool:
    """Whether a Spanish word starts with the sound i (“Italia”, “Hispania”, not “hielo”)."""
    return bool(re.match(r"h?i(?![aeo])", _plain(text), re.IGNORECASE))


def _plain(text: str) -> str:
    """The text without tags and accents, for looking at its first letters."""
    decomposed = unicodedata.normalize("NFD", re.sub(r"<[^>]*>", "", text).lstrip())
    return "".join(character for character in decomposed if not unicodedata.combining(character))
