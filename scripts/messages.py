"""Keep the interface's message catalogues complete: every message the toolkit can say, found in
its sources, must be translated into French and Spanish.

    .venv/bin/python scripts/messages.py check    # name every message missing a translation
    .venv/bin/python scripts/messages.py update   # add them, untranslated, to the catalogues
    .venv/bin/python scripts/messages.py compile  # write locale/<language>.json, which runs read

Messages are found where the code says them: ``gettext``/``_``/``ngettext``/``mark``/
``mark_plural`` in Python, ``t``/``tn`` in the form's JavaScript, the ``data-i18n`` attributes
of its HTML pages (an element's text; ``data-i18n-label``, ``-title`` and ``-placeholder``: its
attributes), and the field titles of the report's JSON Schema, which the form shows as labels
and problems name as places. ``update`` adds a missing message to
``gfmd_reports/locale/<language>/<part>.po``, the part being the source file's name (``cli``,
``app``, ``schema`` for the schema), with an empty translation for a translator to fill in, and
takes out the entries no longer said.

A run reads each language's catalogues compiled into ``gfmd_reports/locale/<language>.json``:
its messages, its plural rule (the catalogues' gettext expression), its CLDR plural
categories and its digit grouping, so that it never imports Babel. ``compile`` (and
``update``) write them; ``check`` names one that is out of date.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gfmd_reports"
LOCALE = PACKAGE / "locale"
SCHEMA = ROOT / "schemas" / "report.schema.json"
TRANSLATED = ("fr", "es")
LANGUAGES = ("en", *TRANSLATED)
PYTHON_KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "mark": None,
    "mark_plural": (1, 2),
}
SCRIPT_KEYWORDS = {"t": None, "tn": (1, 2)}
SCHEMA_TEXTS = ("title", "x-label", "x-help", "x-item")
"""The schema's words the form shows: titles (labels), and what the form adds in ``x-`` keys."""
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Said:
    """A message as the sources say it: its English text (and plural), and where."""

    text: str
    plural: str | None
    part: str
    place: str


@functools.cache
def said_messages() -> dict[str, Said]:
    """Every message the toolkit can say, by its English text, at its first place."""
    found: dict[str, Said] = {}
    for said in _from_sources():
        found.setdefault(said.text, said)
    return found


def _from_sources() -> Iterator[Said]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield from _extracted(path, "python", PYTHON_KEYWORDS)
    for path in sorted((PACKAGE / "web" / "static").glob("*.js")):
        yield from _extracted(path, "javascript", SCRIPT_KEYWORDS)
    for path in sorted((PACKAGE / "web" / "static").glob("*.html")):
        yield from _from_page(path)
    yield from _from_schema(json.loads(SCHEMA.read_text(encoding="utf-8")), "")


def _extracted(path: Path, method: str, keywords: dict) -> Iterator[Said]:
    place = path.relative_to(ROOT)
    # Babel warns of every f-string among a call's arguments, values included; a message that
    # is not a literal is found exactly by unsaid_texts() instead.
    with path.open("rb") as file, contextlib.redirect_stderr(io.StringIO()):
        found = list(extract(method, file, keywords))
    for line, message, _comments, _context in found:
        texts = message if isinstance(message, tuple) else (message,)
        if texts and texts[0]:
            plural = texts[1] if len(texts) > 1 else None
            yield Said(texts[0], plural, path.stem, f"{place}:{line}")


PAGE_ATTRIBUTES = ("data-i18n", "data-i18n-label", "data-i18n-title", "data-i18n-placeholder")
"""The attributes whose English words i18n.js says in the interface's language."""


class _PageWords(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.found += [(value, line) for name, value in attrs if name in PAGE_ATTRIBUTES and value]


def _from_page(path: Path) -> Iterator[Said]:
    words = _PageWords()
    words.feed(path.read_text(encoding="utf-8"))
    place = path.relative_to(ROOT)
    for text, line in words.found:
        yield Said(text, None, path.stem, f"{place}:{line}")


def _from_schema(node: object, pointer: str) -> Iterator[Said]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SCHEMA_TEXTS and isinstance(value, str) and "/properties/" in pointer:
                yield Said(value, None, "schema", f"schemas/report.schema.json#{pointer}")
            elif key != "examples":
                yield from _from_schema(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _from_schema(value, f"{pointer}/{index}")


def unsaid_texts() -> list[str]:
    """Calls that say a message the catalogue cannot hold: its text is not written out
    (``_(f"...")`` or ``_(name)``, outside ``_(CONSTANT)`` of a ``mark``ed constant)."""
    faults = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _called(node) not in PYTHON_KEYWORDS:
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.JoinedStr) or (
                _called(node) == "mark" and not isinstance(first, ast.Constant)
            ):
                faults.append(f"{path.relative_to(ROOT)}:{node.lineno}: write the message out")
    return faults


def _called(call: ast.Call) -> str | None:
    function = call.func
    return function.id if isinstance(function, ast.Name) else None


def translations(language: str) -> dict[str, tuple[str, ...]]:
    """The catalogue of ``language`` as written, fuzzy entries left out, by English text."""
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted((LOCALE / language).glob("*.po")):
        with path.open("rb") as file:
            for message in read_po(file, locale=language):
                if message.id and not message.fuzzy:
                    key = message.id[0] if isinstance(message.id, tuple) else message.id
                    forms = message.string
                    found[key] = tuple(forms) if isinstance(forms, tuple | list) else (forms,)
    return found


def faults(language: str) -> list[str]:
    """What is wrong with ``language``'s catalogue: missing or empty translations,
    translations whose ``{values}`` are not the English text's, and entries no longer said."""
    written = translations(language)
    problems = [
        f"{path.relative_to(LOCALE.parent)}: {text!r} is no longer said: remove it (update does)"
        for path, text in _unsaid(language)
    ]
    for text, said in said_messages().items():
        forms = written.get(text)
        if not forms or not all(form.strip() for form in forms):
            problems.append(f"{said.place}: no {language} translation of {text!r}")
            continue
        english = set(_PLACEHOLDER.findall(text)) | set(_PLACEHOLDER.findall(said.plural or ""))
        for form in forms:
            extra = set(_PLACEHOLDER.findall(form)) - english
            missing = set(_PLACEHOLDER.findall(text)) - {"count"} - set(_PLACEHOLDER.findall(form))
            if extra or missing:
                problems.append(
                    f"{said.place}: the {language} translation {form!r} of {text!r} "
                    f"has values {sorted(extra)} not in English and lacks {sorted(missing)}"
                )
    return problems


def _unsaid(language: str) -> list[tuple[Path, str]]:
    """The entries of ``language``'s catalogues whose English text the sources no longer say."""
    said = said_messages()
    return [
        (path, text)
        for path in sorted((LOCALE / language).glob("*.po"))
        for text in _read_catalog(path, language)._messages
        if text and (text[0] if isinstance(text, tuple) else text) not in said
    ]


def compiled_catalogue(language: str) -> str:
    """The compiled catalogue of ``language`` as ``compile`` writes it: its translated messages
    (fuzzy and empty ones left out, so that their English text is said), plural rule and
    categories, and the sign that groups its digits."""
    messages: dict[str, str | list[str]] = {}
    for text, forms in translations(language).items():
        if all(forms) and language in TRANSLATED:
            messages[text] = forms[0] if len(forms) == 1 else list(forms)
    locale = Locale.parse(language)
    categories = locale.plural_form.tags | {"other"}
    compiled = {
        "plural": Catalog(locale=language).plural_expr,
        "plural_categories": [tag for tag in CLDR_PLURAL_ORDER if tag in categories],
        "group_separator": locale.number_symbols["latn"]["group"],
        "messages": dict(sorted(messages.items())),
    }
    return json.dumps(compiled, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


CLDR_PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")
"""The order of a plural message's forms in a catalogue, by the CLDR category each is for."""


def compiled_path(language: str) -> Path:
    """Where a run reads the compiled catalogue of ``language``."""
    return LOCALE / f"{language}.json"


def compile_catalogues() -> None:
    """Write each language's compiled catalogue."""
    for language in LANGUAGES:
        compiled_path(language).write_text(compiled_catalogue(language), encoding="utf-8")


def stale_compilations() -> list[str]:
    """Name each compiled catalogue that is not what its .po files compile to."""
    return [
        f"{compiled_path(language).relative_to(ROOT)}: out of date: run scripts/messages.py compile"
        for language in LANGUAGES
        if not compiled_path(language).exists()
        or compiled_path(language).read_text(encoding="utf-8") != compiled_catalogue(language)
    ]


def update() -> int:
    """Add every message missing from a catalogue to its part's file, untranslated, and take
    out the entries no longer said."""
    added = 0
    for language in TRANSLATED:
        for path, text in _unsaid(language):
            catalog = _read_catalog(path, language)
            catalog.delete(text)
            _write_catalog(path, catalog)
        written = translations(language)
        missing = [said for text, said in said_messages().items() if text not in written]
        for part in sorted({said.part for said in missing}):
            path = LOCALE / language / f"{part}.po"
            catalog = _read_catalog(path, language)
            for said in missing:
                if said.part == part and said.text not in catalog:
                    message_id = (said.text, said.plural) if said.plural else said.text
                    catalog.add(message_id, ("", "") if said.plural else "", [(said.place, 0)])
                    added += 1
            _write_catalog(path, catalog)
    compile_catalogues()
    return added


def _write_catalog(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=False, include_lineno=False)


def _read_catalog(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(
            locale=language,
            header_comment=f"# The {language} interface of gfmd-reports (scripts/messages.py).",
            project="gfmd-reports",
            version="1",
            charset="utf-8",
            fuzzy=False,
        )
    with path.open("rb") as file:
        return read_po(file, locale=language)


def main(arguments: list[str]) -> int:
    if arguments == ["update"]:
        print(f"{update()} messages added, untranslated")
        return 0
    if arguments == ["compile"]:
        compile_catalogues()
        return 0
    if arguments == ["check"]:
        problems = unsaid_texts()
        problems += [problem for language in TRANSLATED for problem in faults(language)]
        problems += stale_compilations()
        print("\n".join(problems) or "Every message is translated.")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
