"""Rendering for the web application: in worker processes, each render bounded in time and
memory, so that a theme's runaway template can neither stall nor exhaust the server.

Renders have threads and processes of their own, so saves and validation never wait behind
them, but for the speaking time of an oral report whose theme has templates of its own: that
runs the theme's code, so a worker times it. The renders waiting for a worker are bounded,
and past the bound a render is refused at once (the client may try again). A render whose
client has gone is stopped: its worker is killed and replaced.
"""

from __future__ import annotations

import asyncio
import contextvars
import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gfmd_reports.errors import ReportError
from gfmd_reports.formats import Format, render
from gfmd_reports.i18n import _, current_language, speaking
from gfmd_reports.limits import DEFAULT_MEGABYTES, DEFAULT_SECONDS, render_limits
from gfmd_reports.model import Report
from gfmd_reports.summary import Summary, summarize
from gfmd_reports.themes import DEFAULT_THEME, load_theme

if TYPE_CHECKING:
    from gfmd_reports.redline import Revision

# Workers fork from a server process that has imported the renderers once: each starts warm,
# and none inherits the web server's threads.
_PRELOAD = ["gfmd_reports.formats.html", "gfmd_reports.formats.pdf", "gfmd_reports.formats.docx"]
_GRACE_SECONDS = 10
"""How long past its time limit a worker may stay silent (stuck in C code, which the limit's
signal cannot interrupt) before the server kills it."""
RETRY_AFTER_SECONDS = 5


class RenderQueueFullError(ReportError):
    """Every worker is busy and the queue of renders waiting for one is full."""


class BoundedRenderer:
    """Renders reports in worker processes, started by ``start`` (or on first use) and kept
    warm."""

    def __init__(
        self,
        workers: int | None = None,
        seconds: float = DEFAULT_SECONDS,
        megabytes: int = DEFAULT_MEGABYTES,
        waiting: int | None = None,
    ) -> None:
        self.workers = workers or min(os.cpu_count() or 1, 4)
        self.waiting = 4 * self.workers if waiting is None else waiting
        self.seconds, self.megabytes = seconds, megabytes
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(self.workers)
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._admitted = 0
        self._closings = 0
        """How many times ``close`` has been called: a worker started before it is not kept."""
        self._threads: ThreadPoolExecutor | None = None

    async def render(self, report: Report, format: Format, theme_name: str, folder: Path) -> bytes:
        """Render in a worker; raise ReportError for a bad theme or a render beyond bounds, and
        RenderQueueFullError at once when too many renders wait.

        Cancelling the caller (its client went away) stops the render."""
        return await self._done(
            self._job(_render_within_limits, report, format, theme_name, folder)
        )

    async def compare(
        self,
        old: Report,
        new: Report,
        format: Literal["docx", "html"],
        folder: Path,
        revision: Revision,
    ) -> bytes:
        """Compare two reports in a worker, in NEW's theme: the redline page (HTML) or its Word
        document of tracked changes by ``revision``; bounded and cancelled as ``render``."""
        job = self._job(_compare_within_limits, old, new, format, folder, revision)
        return await self._done(job)

    async def _done(self, job: _Job) -> Any:
        future = self._submit(job)
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            self._cancel(job)
            raise

    def start(self, reports: list[Report], folder: Path) -> None:
        """Start the workers not yet running, each rendering ``reports`` once, and wait for
        them: the first requests then find every worker ready, its imports done, its templates
        compiled and its fonts loaded. A worker that fails to warm up is left for a fresh one;
        ``close`` meanwhile stops them all, and the wait."""
        with self._lock:
            missing = self.workers - len(self._idle) - len(self._busy)
            closings = self._closings
        job = self._job(_render_examples, reports, folder)
        warming = []
        for _count in range(missing):
            worker = _Worker()
            with self._lock:
                kept = self._closings == closings
                if kept:
                    self._busy.add(worker)
            if not kept:
                worker.stop()
                break
            worker.give(job.task)
            warming.append(worker)
        for worker in warming:
            try:
                worker.answer(self.seconds + _GRACE_SECONDS)
            except (EOFError, OSError, TimeoutError):
                self._discard(worker)
                continue
            with self._lock:
                self._busy.discard(worker)
                if self._closings == closings:
                    self._idle.append(worker)

    def summarize(self, report: Report, theme_name: str, folder: Path) -> Summary:
        """Summarize a report in a worker, waiting for it (from a request's thread): an oral
        report's speaking time runs its theme's templates, which may be anyone's code.

        Raises ReportError as ``render`` does."""
        job = self._job(_summarize_within_limits, report, theme_name, folder)
        return self._submit(job).result()

    def _job(self, function: Any, *arguments: Any) -> _Job:
        """A job for a worker: the function, its arguments and bounds, and the language its
        messages are said in (the request's)."""
        return _Job((current_language(), function, *arguments, self.seconds, self.megabytes))

    def close(self) -> None:
        """Stop every worker, idle or busy; the next render starts new ones."""
        with self._lock:
            workers = [*self._idle, *self._busy]
            self._idle.clear()
            self._closings += 1
            threads, self._threads = self._threads, None
        for worker in workers:
            worker.stop()
        if threads is not None:
            threads.shutdown(wait=False, cancel_futures=True)

    def _submit(self, job: _Job) -> Future[Any]:
        with self._lock:
            if self._admitted >= self.workers + self.waiting:
                raise RenderQueueFullError(
                    _(
                        "the server is busy with {count} renders: try again in a few seconds",
                        count=self._admitted,
                    )
                )
            self._admitted += 1
            if self._threads is None:
                # A thread for every render admitted: none waits for a thread, only for a worker.
                self._threads = ThreadPoolExecutor(
                    self.workers + self.waiting, thread_name_prefix="render"
                )
            # The render's thread says its messages in the language of the request.
            future = self._threads.submit(contextvars.copy_context().run, self._run, job)
        future.add_done_callback(self._release)
        return future

    def _release(self, future: Future[Any]) -> None:
        with self._lock:
            self._admitted -= 1

    def _run(self, job: _Job) -> Any:
        """In a render thread: wait for a worker, give it the job, wait for its answer."""
        with self._slots:
            worker = self._assign(job)
            try:
                if worker is None:
                    raise EOFError  # cancelled while it waited
                worker.give(job.task)
                outcome = worker.answer(self.seconds + _GRACE_SECONDS)
            except (EOFError, OSError, TimeoutError) as error:
                self._discard(worker)
                raise _failure(error, job, self.seconds) from None
            with self._lock:
                self._busy.discard(worker)
                self._idle.append(worker)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _assign(self, job: _Job) -> _Worker | None:
        """Take an idle worker, or start one (outside the lock: starting takes a while);
        None if the job has been cancelled."""
        with self._lock:
            if job.cancelled:
                return None
            worker = self._idle.pop() if self._idle else None
        worker = worker or _Worker()
        with self._lock:
            self._busy.add(worker)
            job.worker = worker
            if job.cancelled:
                worker.stop()
        return worker

    def _discard(self, worker: _Worker | None) -> None:
        if worker is not None:
            worker.stop()
            with self._lock:
                self._busy.discard(worker)

    def _cancel(self, job: _Job) -> None:
        with self._lock:
            job.cancelled = True
            if job.worker is not None:
                job.worker.stop()


@dataclass
class _Job:
    task: tuple[Any, ...]
    worker: _Worker | None = None
    cancelled: bool = False


class _Worker:
    """A process that does one job at a time (a render, a summary), sent to it through a
    pipe as the function to call and its arguments."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve_renders, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def give(self, task: tuple[Any, ...]) -> None:
        self.connection.send(task)

    def answer(self, timeout: float) -> Any:
        """The worker's bytes or exception; EOFError if it ended, TimeoutError if silent."""
        if not self.connection.poll(timeout):
            raise TimeoutError
        return self.connection.recv()

    def stop(self) -> None:
        """Kill the worker: a thread waiting for its answer gets EOFError."""
        self.process.kill()
        self.process.join()


def _failure(error: Exception, job: _Job, seconds: float) -> ReportError:
    if job.cancelled:
        return ReportError(_("the render was cancelled"))
    if isinstance(error, TimeoutError):
        shown = f"{seconds:g}"
        return ReportError(
            _(
                "took longer than {seconds} s to render and was stopped "
                "(or raise the bound with --time-limit)",
                seconds=shown,
            )
        )
    return ReportError(
        _(
            "the render stopped unexpectedly (its process ended): try again, and if it happens "
            "again, check the theme's templates"
        )
    )


def _serve_renders(connection: Connection) -> None:
    """In a worker: render each report sent, answering with its bytes or the error, said in
    the language of the request."""
    # Ctrl-C reaches the whole process group: the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            language, function, *arguments = connection.recv()
        except EOFError:
            return
        try:
            with speaking(language):
                outcome: Any = function(*arguments)
        except Exception as error:
            outcome = error
        connection.send(outcome)


def _render_within_limits(
    report: Report, format: Format, theme_name: str, folder: Path, seconds: float, megabytes: int
) -> bytes:
    """In a worker: load the theme and render, within the bounds."""
    theme = load_theme(theme_name, folder)
    with render_limits(seconds, megabytes):
        return render(report, format, theme)


def _compare_within_limits(
    old: Report,
    new: Report,
    format: Literal["docx", "html"],
    folder: Path,
    revision: Revision,
    seconds: float,
    megabytes: int,
) -> bytes:
    """In a worker: load NEW's theme and compare, within the bounds."""
    from gfmd_reports.redline import compare_pages, redline_docx

    theme = load_theme(new.theme or DEFAULT_THEME, folder)
    with render_limits(seconds, megabytes):
        page = compare_pages(old, new, theme)
        return page.encode() if format == "html" else redline_docx(page, theme, revision, new)


def _render_examples(reports: list[Report], folder: Path, seconds: float, megabytes: int) -> None:
    """In a worker, to be ready for the first request: render the first report in every
    format (which loads the fonts and Word's template), and the others as HTML (which compiles
    each kind's templates)."""
    for index, report in enumerate(reports):
        for format in ("html", "pdf", "docx") if index == 0 else ("html",):
            theme_name = report.theme or DEFAULT_THEME
            _render_within_limits(report, format, theme_name, folder, seconds, megabytes)


def _summarize_within_limits(
    report: Report, theme_name: str, folder: Path, seconds: float, megabytes: int
) -> Summary:
    """In a worker: load the theme and summarize, within the bounds."""
    theme = load_theme(theme_name, folder)
    with render_limits(seconds, megabytes):
        return summarize(report, theme)


SHARED = BoundedRenderer()
"""The workers of this process's applications; started when an application starts (or on first
use), restarted after close."""
