"""A wheel, installed away from the source tree, still finds its schema and templates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile

from conftest import EXAMPLES, ROOT


def _run(*arguments, **options):
    return subprocess.run(arguments, capture_output=True, text=True, check=True, **options)


def test_an_installed_wheel_ships_the_schema_and_runs(tmp_path):
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT))
    (wheel,) = dist.glob("gfmd_reports-*.whl")
    shipped = zipfile.ZipFile(wheel).namelist()
    assert "gfmd_reports/schemas/report.schema.json" in shipped
    assert "gfmd_reports/templates/gfmd/theme.yaml" in shipped
    assert "gfmd_reports/web/static/app.js" in shipped
    assert "gfmd_reports/examples/gfmd-2014-rt3.yaml" in shipped
    assert "gfmd_reports/py.typed" in shipped  # type checkers read the package's own types

    site = tmp_path / "site"
    _run(*pip, "install", "--no-deps", "--target", str(site), str(wheel))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EXAMPLES / "gfmd-2014-rt3.yaml", elsewhere)
    environment = {**os.environ, "PYTHONPATH": str(site)}

    def tool(*arguments):
        return _run(
            sys.executable, "-m", "gfmd_reports", *arguments, cwd=elsewhere, env=environment
        )

    located = _run(
        sys.executable,
        "-c",
        "import gfmd_reports; print(gfmd_reports.__file__)",
        cwd=elsewhere,
        env=environment,
    )
    assert located.stdout.strip() == str(site / "gfmd_reports" / "__init__.py")

    tool("new", "draft.yaml", "--kind", "general")
    first_line = (elsewhere / "draft.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = (elsewhere / first_line.split("$schema=")[1]).resolve()
    assert schema == site / "gfmd_reports" / "schemas" / "report.schema.json"
    assert schema.read_text(encoding="utf-8") == tool("schema").stdout

    assert "valid: general report, 2 sessions" in tool("validate", "gfmd-2014-rt3.yaml").stdout
    tool("render", "gfmd-2014-rt3.yaml", "--format", "html,docx")
    assert sorted(path.name for path in (elsewhere / "out").iterdir()) == [
        "gfmd-2014-rt3.docx",
        "gfmd-2014-rt3.html",
    ]


def test_type_checkers_see_the_public_api_with_its_types(tmp_path):
    """The public names are imported when first used; type checkers must still see each,
    with its real type, as a user's editor does."""
    import ast

    from mypy import api

    import gfmd_reports

    tree = ast.parse((ROOT / "gfmd_reports" / "__init__.py").read_text(encoding="utf-8"))
    checked = next(node for node in tree.body if isinstance(node, ast.If))
    seen = {alias.name for node in checked.body for alias in node.names}
    assert seen == set(gfmd_reports.__all__)

    usage = tmp_path / "usage.py"
    usage.write_text(
        "from gfmd_reports import load_report, render\n"
        "reveal_type(load_report('x.yaml').sessions[0].co_chairs)\n"
        "reveal_type(render(load_report('x.yaml'), 'pdf'))\n"
        "render(load_report('x.yaml'), 'odt')\n",
        encoding="utf-8",
    )
    output, _, status = api.run([str(usage), "--no-incremental", "--cache-dir", str(tmp_path)])
    revealed = re.findall(r'Revealed type is "(?:builtins\.)?(.+?)"', output)
    assert revealed == ["list[gfmd_reports.model.Participant]", "bytes"], output
    assert 'Argument 2 to "render" has incompatible type "Literal[\'odt\']"' in output
    assert status == 1
