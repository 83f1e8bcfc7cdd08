"""Every DOCX the test run makes, kept for the OOXML check at the end of the run.

A DOCX is made in three kinds of places: in the test's own process (``render()``, the
command line's ``main()``), in worker processes forked from it (``render --jobs 2``), which
inherit the watch below, and in the web application's workers, which start afresh and
whose documents are kept as they come back to it. Documents the command line writes in
processes of its own are found afterwards by the application their properties name.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io
import zipfile
from pathlib import Path

from lxml import etree

from ooxml.check import EP, docx_problems

_ZIP = b"PK\x03\x04"


class DocxCollector:
    """Keeps each distinct DOCX made during the run in a folder, under its digest."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def watch(self, monkeypatch) -> None:
        """Keep the result of every call that makes a DOCX, for the rest of the run."""
        import gfmd_reports.formats.docx as docx_format
        from gfmd_reports.web.rendering import BoundedRenderer

        monkeypatch.setattr(docx_format, "html_to_docx", self._kept(docx_format.html_to_docx))
        monkeypatch.setattr(BoundedRenderer, "render", self._kept(BoundedRenderer.render))

    def _kept(self, function):
        if inspect.iscoroutinefunction(function):

            @functools.wraps(function)
            async def keeping_awaited(*arguments, **options):
                return self._keep_if_docx(await function(*arguments, **options))

            return keeping_awaited

        @functools.wraps(function)
        def keeping(*arguments, **options):
            return self._keep_if_docx(function(*arguments, **options))

        return keeping

    def _keep_if_docx(self, made: bytes) -> bytes:
        if made[:4] == _ZIP:
            self.keep(made)
        return made

    def keep(self, data: bytes) -> Path:
        path = self.folder / f"{hashlib.sha256(data).hexdigest()}.docx"
        path.write_bytes(data)
        return path

    def kept(self) -> list[Path]:
        return sorted(self.folder.glob("*.docx"))

    def keep_written(self, folder: Path) -> None:
        """Keep the reports' DOCX files written under a folder by processes of their own."""
        for path in folder.rglob("*.docx"):
            if not path.is_file() or path.is_symlink():  # a test's folder or link so named
                continue
            data = path.read_bytes()
            if path.parent != self.folder and _made_by_gfmd_reports(data):
                self.keep(data)

    def problems(self) -> dict[str, list[str]]:
        """Each kept DOCX that fails the check, with its problems."""
        found = {path.name: docx_problems(path.read_bytes()) for path in self.kept()}
        return {name: problems for name, problems in found.items() if problems}


def _made_by_gfmd_reports(data: bytes) -> bool:
    """Whether a file is a DOCX whose properties name this tool (not a test's own input)."""
    if data[:4] != _ZIP:
        return False
    try:
        properties = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml")
        application = etree.fromstring(properties).findtext(f"{{{EP}}}Application") or ""
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return False
    return application.startswith("gfmd-reports ")
