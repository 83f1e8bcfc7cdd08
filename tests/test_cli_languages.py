"""The command line speaks the language of its locale: English, French or Spanish, its help,
click's own words, its frame around problems and its messages alike."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE

from gfmd_reports.cli import main
from gfmd_reports.commandline import CLICK_MESSAGES
from gfmd_reports.i18n import current_language

LOCALES = {"fr": "fr_FR.UTF-8", "es": "es_ES.UTF-8", "en": "C.UTF-8"}
BROKEN_REPORT = MINIMAL_REPORT.replace('number: "1.2"', 'number: "2.1"')


def _run(language: str, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command in a process of its own, under the language's locale."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    }
    environment["LANG"] = LOCALES[language]
    return subprocess.run(
        [sys.executable, "-m", "gfmd_reports", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "fr",
            [
                "Utilisation\u00a0: gfmd-reports [OPTIONS] COMMANDE [ARGUMENTS]...",
                "  --version   Afficher la version et quitter.",
                "  -h, --help  Afficher ce message et quitter.",
                "Commandes:",
                "  new       Écrire un fichier de rapport de départ commenté.",
            ],
        ),
        (
            "es",
            [
                "Uso: gfmd-reports [OPCIONES] COMANDO [ARGUMENTOS]...",
                "Opciones:",
                "  -h, --help  Mostrar este mensaje y salir.",
                "  render    Generar los informes en HTML, PDF y DOCX.",
            ],
        ),
        (
            "en",
            [
                "Usage: gfmd-reports [OPTIONS] COMMAND [ARGS]...",
                "  -h, --help  Show this message and exit.",
                "  render    Render reports to HTML, PDF and DOCX.",
            ],
        ),
    ],
)
def test_the_help_is_in_the_language_of_the_locale(language, lines):
    finished = _run(language, "--help")
    assert finished.returncode == 0
    shown = finished.stdout.splitlines()
    assert [line for line in lines if line not in shown] == []


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("fr", "  --time-limit SECONDES  Arrêter la production d’un rapport qui prend plus de"),
        ("es", "  --time-limit SEGUNDOS  Detener la generación de un informe que tarde más que"),
    ],
)
def test_a_commands_options_are_explained_in_the_language_of_the_locale(language, line):
    finished = _run(language, "validate", "--help")
    assert line in finished.stdout.splitlines()


@pytest.mark.parametrize(
    ("language", "error"),
    [
        (
            "fr",
            "Utilisation\u00a0: gfmd-reports validate [OPTIONS] FICHIERS...\n"
            "Essayez «\u00a0gfmd-reports validate --help\u00a0» pour obtenir de l’aide.\n\n"
            "Erreur\u00a0: Argument manquant 'FICHIERS...'.\n",
        ),
        (
            "es",
            "Uso: gfmd-reports validate [OPCIONES] ARCHIVOS...\n"
            "Pruebe “gfmd-reports validate --help” para obtener ayuda.\n\n"
            "Error: Falta el argumento 'ARCHIVOS...'.\n",
        ),
    ],
)
def test_a_usage_error_is_said_in_the_language_of_the_locale(language, error):
    finished = _run(language, "validate")
    assert finished.returncode == 2
    assert finished.stderr == error


@pytest.mark.parametrize(
    ("language", "error"),
    [
        (
            "fr",
            "Erreur\u00a0: Valeur non valide pour '--jobs'\u00a0: 'x' n’est pas un nombre entier "
            "valide.",
        ),
        ("es", "Error: Valor no válido para '--jobs': 'x' no es un número entero válido."),
        ("en", "Error: Invalid value for '--jobs': 'x' is not a valid whole number."),
    ],
)
def test_a_bad_number_is_named_in_the_language_of_the_locale(language, error):
    finished = _run(language, "render", "--jobs", "x", "report.yaml")
    assert finished.stderr.splitlines()[-1] == error


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("fr", "{file}: non valide\u00a0: 1 erreur, 0 avertissement"),
        ("es", "{file}: no válido: 1 error, 0 advertencias"),
        ("en", "{file}: invalid: 1 error, 0 warnings"),
    ],
)
def test_validate_sums_up_problems_in_the_language_of_the_locale(language, summary, write_report):
    broken = write_report(BROKEN_REPORT)
    finished = _run(language, "validate", str(broken))
    assert finished.returncode == 1
    last = finished.stdout.splitlines()[-1]
    assert last == summary.format(file=broken)


@pytest.mark.parametrize(
    ("language", "wrote"),
    [
        ("fr", "{file}: fichiers écrits\u00a0: {output}"),
        ("es", "{file}: archivos escritos: {output}"),
        ("en", "{file}: wrote {output}"),
    ],
)
def test_render_says_what_it_wrote_in_the_language_of_the_locale(language, wrote, tmp_path):
    output = tmp_path / "out"
    finished = _run(
        language, "render", str(ORAL_EXAMPLE), "--format", "html", "--output", str(output)
    )
    assert finished.returncode == 0
    html = output / f"{ORAL_EXAMPLE.stem}.html"
    assert finished.stdout == wrote.format(file=ORAL_EXAMPLE, output=html) + "\n"


@pytest.mark.parametrize(
    ("language", "error"),
    [
        (
            "fr",
            "Thème inconnu\u00a0: «\u00a0nosuch\u00a0». Thèmes disponibles\u00a0: base, gfmd, "
            "ou le chemin d’un dossier contenant un theme.yaml",
        ),
        (
            "es",
            "Tema desconocido: “nosuch”. Temas disponibles: base, gfmd, o la ruta de una carpeta "
            "que contenga un theme.yaml",
        ),
    ],
)
def test_an_unknown_theme_is_named_in_the_language_of_the_locale(language, error):
    finished = _run(language, "render", "--theme", "nosuch", str(ORAL_EXAMPLE))
    assert finished.returncode == 1
    assert finished.stderr == error + "\n"


@pytest.mark.parametrize(
    ("language", "problem"),
    [
        (
            "fr",
            "theme.yaml:5:3: tokens.body_size: devrait être une taille en points, comme 12pt, "
            "et non «\u00a0twelve\u00a0»",
        ),
        (
            "es",
            "theme.yaml:5:3: tokens.body_size: debería ser un tamaño en puntos, como 12pt, no "
            "“twelve”",
        ),
    ],
)
def test_a_themes_problems_are_explained_in_the_language_of_the_locale(language, problem, tmp_path):
    theme = tmp_path / "templates" / "house"
    theme.mkdir(parents=True)
    settings = "name: house\nextends: gfmd\ndescription: ours\ntokens:\n  body_size: twelve\n"
    (theme / "theme.yaml").write_text(settings, encoding="utf-8")
    finished = _run(language, "themes", "list", cwd=tmp_path)
    assert finished.returncode == 1
    assert f"{theme / problem}" in finished.stderr.splitlines()


def test_a_worker_process_says_a_reports_failure_in_the_language_of_the_run(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN_REPORT, encoding="utf-8")
    arguments = ["render", str(broken), str(ORAL_EXAMPLE), "--format", "html", "--jobs", "2"]
    finished = _run("fr", *arguments, "--output", str(tmp_path / "out"))
    assert finished.returncode == 1
    assert (
        f"{broken}: non produit\u00a0: corrigez d’abord les erreurs ci-dessus"
        in finished.stderr.splitlines()
    )
    assert "1 rapport sur 2 non produit (voir ci-dessus)" in finished.stderr.splitlines()


def test_the_c_locale_speaks_english_even_when_language_asks_otherwise():
    environment = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "fr"}
    environment.pop("LC_ALL", None)
    finished = subprocess.run(
        [sys.executable, "-m", "gfmd_reports", "--help"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert finished.stdout.startswith("Usage: gfmd-reports [OPTIONS] COMMAND [ARGS]...")


def test_each_run_in_one_process_speaks_its_own_language(monkeypatch, capsys):
    for language, help_text in [
        ("es", "Mostrar este mensaje y salir."),
        ("fr", "Afficher ce message et quitter."),
        ("en", "Show this message and exit."),
    ]:
        monkeypatch.setenv("LANG", LOCALES[language])
        assert main(["schema", "--help"]) == 0
        # Click aligns the help texts after the longest option's name (--compilation).
        help_lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
        assert f"-h, --help {help_text}" in help_lines


def test_an_unwritable_output_is_explained_in_the_language_of_the_run(monkeypatch, capsys):
    monkeypatch.setenv("LANG", LOCALES["es"])
    arguments = ["render", str(ORAL_EXAMPLE), "--output", "/sys/kernel", "--format", "html"]
    assert main(arguments) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{ORAL_EXAMPLE}: no generado: /sys/kernel/{ORAL_EXAMPLE.stem}.html: no se puede "
        "escribir: Permiso denegado; no se ha sustituido ninguno de los archivos generados de "
        "este informe"
    )


def test_the_catalogue_holds_every_word_click_can_say():
    said = set()
    for source in sorted(Path(click.__file__).parent.glob("*.py")):
        with source.open("rb") as file:
            for _line, message, _comments, _context in extract(
                "python", file, {"_": None, "ngettext": (1, 2)}
            ):
                said.add(message)
    assert said - set(CLICK_MESSAGES) == set()


def test_a_commands_language_ends_with_it(monkeypatch, capsys):
    monkeypatch.setenv("LANG", LOCALES["fr"])
    assert main(["validate"]) == 2
    assert current_language() == "en"
