"""Rendering for the web application: in worker processes, each render bounded in time and
memory, so that a theme's runaway template can neither stall nor exhaust the server."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from gfmd_reports.errors import ReportError
from gfmd_reports.formats import Format, render
from gfmd_reports.limits import DEFAULT_MEGABYTES, DEFAULT_SECONDS, render_limits
from gfmd_reports.model import Report
from gfmd_reports.themes import load_theme

# Workers fork from a server process that has imported the renderers once: each starts warm,
# and none inherits the web server's threads.
_PRELOAD = ["gfmd_reports.formats.html", "gfmd_reports.formats.pdf", "gfmd_reports.formats.docx"]


class BoundedRenderer:
    """Renders reports in a pool of worker processes, started on first use."""

    def __init__(
        self,
        workers: int | None = None,
        seconds: float = DEFAULT_SECONDS,
        megabytes: int = DEFAULT_MEGABYTES,
    ) -> None:
        self.workers = workers or min(os.cpu_count() or 1, 4)
        self.seconds, self.megabytes = seconds, megabytes
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def render(self, report: Report, format: Format, theme_name: str, folder: Path) -> bytes:
        """Render in a worker; raise ReportError for a bad theme or a render beyond bounds."""
        pool = self._started()
        future = pool.submit(
            _render_within_limits, report, format, theme_name, folder, self.seconds, self.megabytes
        )
        try:
            return future.result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None  # the next render starts fresh workers
            raise ReportError(
                "the render stopped unexpectedly (its process ended): try again, and if it "
                "happens again, check the theme's templates"
            ) from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(_PRELOAD)
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
            return self._pool


def _render_within_limits(
    report: Report, format: Format, theme_name: str, folder: Path, seconds: float, megabytes: int
) -> bytes:
    """In a worker: load the theme and render, within the bounds."""
    theme = load_theme(theme_name, folder)
    with render_limits(seconds, megabytes):
        return render(report, format, theme)


SHARED = BoundedRenderer()
"""The workers of this process's applications; started on first use, restarted after close."""
