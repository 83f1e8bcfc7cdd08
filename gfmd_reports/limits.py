"""Bounds on the time and memory that rendering one report may take.

The report's own size is bounded by the model, but a theme's templates are code: a loop in one
could run for ever or fill the memory. The process that renders sets these bounds around each
report, so that such a report fails with a message and the others still render.

Memory is bounded two ways. While a theme's templates run (pure Python), by the address-space
limit: an allocation beyond it fails at once as a MemoryError. While WeasyPrint and python-docx
work, by watching the process's resident memory ten times a second: their C libraries (Pango,
GLib) abort the whole process when an allocation fails, so no limit may make one fail.
"""

from __future__ import annotations

import gc
import resource
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from gfmd_reports.errors import ReportError
from gfmd_reports.i18n import _, number

DEFAULT_SECONDS = 300
"""The largest report the model allows renders to all three formats in under a minute."""
DEFAULT_MEGABYTES = 2_000
"""The largest report the model allows needs about 300 MB beyond the tool itself."""
MIN_MEGABYTES = 300
"""The least memory a render may be given: WeasyPrint and its fonts need about 150 MB."""
_TICK = 0.1
"""How often, in seconds, the time and the resident memory are checked."""
_STATM = Path("/proc/self/statm")


class LimitExceeded(ReportError):
    """Rendering a report went beyond its time or memory bound."""


@dataclass
class _Bounds:
    seconds: float
    megabytes: int
    deadline: float
    resident_before: int
    stage: str
    """What the render is doing, in the language of the messages."""
    remedy: str = ""
    """What may fix it, likewise, ending in “; ”, or nothing."""

    def check(self) -> None:
        """Raise LimitExceeded if time or resident memory is beyond the bounds."""
        if time.monotonic() > self.deadline:
            raise LimitExceeded(
                _(
                    "took longer than {seconds} s {stage} and was stopped: {remedy}raise the "
                    "bound with --time-limit if the report needs longer",
                    seconds=format(self.seconds, "g"),
                    stage=self.stage,
                    remedy=self.remedy,
                )
            )
        if _resident_bytes() - self.resident_before > self.megabytes * 2**20:
            raise self.out_of_memory()

    def out_of_memory(self) -> LimitExceeded:
        return LimitExceeded(
            _(
                "needed more than {megabytes} MB of memory {stage} and was stopped: {remedy}raise "
                "the bound with --memory-limit if the report needs more",
                megabytes=number(self.megabytes),
                stage=self.stage,
                remedy=self.remedy,
            )
        )


_active: _Bounds | None = None


@contextmanager
def render_limits(seconds: float, megabytes: int) -> Iterator[None]:
    """Raise LimitExceeded if the work inside takes longer than ``seconds``, or needs more
    than ``megabytes`` of memory beyond what the process holds already.

    Uses SIGALRM, so it must run on the process's main thread; stages of the work name
    themselves with ``render_stage`` for the messages.
    """
    global _active
    start = time.monotonic()
    stage = _("rendering the report")
    bounds = _Bounds(seconds, megabytes, start + seconds, _resident_bytes(), stage)

    def tick(signal_number: int, frame: FrameType | None) -> None:
        if not _raising_is_lost(frame):
            bounds.check()

    previous_handler = signal.signal(signal.SIGALRM, tick)
    # Restart system calls the tick interrupts: C libraries need not expect EINTR.
    signal.siginterrupt(signal.SIGALRM, False)
    # Repeating: a library that swallows one exception (WeasyPrint logs and goes on after
    # some errors) gets another at the next tick.
    signal.setitimer(signal.ITIMER_REAL, _TICK, _TICK)
    _active = bounds
    try:
        yield
    finally:
        _active = None
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)


def _raising_is_lost(frame: FrameType | None) -> bool:
    """Whether an exception raised now would be printed and dropped instead of stopping the
    render: in a garbage collection's callback or in a finalizer (``__del__``), found among
    the frames running. The next tick raises it instead, a tenth of a second later. (A
    callback of our own to note collections would itself be such a place for other signals.)"""
    callbacks = {
        getattr(getattr(callback, "__func__", callback), "__code__", None)
        for callback in gc.callbacks
    }
    while frame is not None:
        if frame.f_code.co_name == "__del__" or frame.f_code in callbacks:
            return True
        frame = frame.f_back
    return False


@contextmanager
def render_stage(stage: str, remedy: str = "", python_only: bool = False) -> Iterator[None]:
    """Name a stage of rendering (“running the templates of theme 'x'”, in the language of
    the messages) in the messages of the bounds around it, with what may fix it; does nothing
    outside ``render_limits``.

    ``python_only``: the stage runs no C library that aborts on a failed allocation, so the
    address space can be limited too, which stops an allocation before it is made.
    """
    bounds = _active
    if bounds is None:
        yield
        return
    previous = bounds.stage, bounds.remedy
    bounds.stage, bounds.remedy = stage, remedy
    try:
        if python_only:
            with _address_space_limited(bounds):
                yield
        else:
            yield
    finally:
        bounds.stage, bounds.remedy = previous


@contextmanager
def _address_space_limited(bounds: _Bounds) -> Iterator[None]:
    if not _STATM.exists():  # not Linux: the memory is watched, not limited
        yield
        return
    previous = resource.getrlimit(resource.RLIMIT_AS)
    room = bounds.megabytes * 2**20 - max(_resident_bytes() - bounds.resident_before, 0)
    limit = _address_space() + max(room, 0)
    if previous[1] != resource.RLIM_INFINITY:
        limit = min(limit, previous[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, previous[1]))
    exhausted = False
    try:
        yield
    except MemoryError:
        exhausted = True  # the message is made once the limit is lifted: there may be no room
    finally:
        resource.setrlimit(resource.RLIMIT_AS, previous)
    if exhausted:
        raise bounds.out_of_memory()


def _resident_bytes() -> int:
    """The memory the process holds now (on Linux; elsewhere, the most it has held)."""
    try:
        pages = int(_STATM.read_text().split()[1])
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, else kB
    return pages * resource.getpagesize()


def _address_space() -> int:
    """The process's virtual memory size in bytes (what RLIMIT_AS bounds)."""
    pages = int(_STATM.read_text().split()[0])
    return pages * resource.getpagesize()
