"""Bounds on the time and memory that rendering one report may take.

The report's own size is bounded by the model, but a theme's templates are code: a loop in one
could run for ever or fill the memory. The process that renders sets these bounds around each
report, so that such a report fails with a message and the others still render.
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gfmd_reports.errors import ReportError

DEFAULT_SECONDS = 300
"""The largest report the model allows renders to all three formats in under a minute."""
DEFAULT_MEGABYTES = 2_000
"""The largest report the model allows needs about 300 MB beyond the tool itself."""


class LimitExceeded(ReportError):
    """Rendering a report went beyond its time or memory bound."""


@contextmanager
def render_limits(seconds: float, megabytes: int) -> Iterator[None]:
    """Raise LimitExceeded if the work inside takes longer than ``seconds``, or needs more
    than ``megabytes`` of memory beyond what the process holds already.

    Uses SIGALRM and the address-space limit, so it must run on the process's main thread.
    """

    def timed_out(signal_number: int, frame: object) -> None:
        raise LimitExceeded(
            f"took longer than {seconds:g} s to render and was stopped: a loop in the theme's "
            "templates is the likely cause (or raise the bound with --time-limit)"
        )

    previous_handler = signal.signal(signal.SIGALRM, timed_out)
    previous_memory = resource.getrlimit(resource.RLIMIT_AS)
    hard = previous_memory[1]
    bound = _address_space() + megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        bound = min(bound, hard)
    resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    # Repeating: a library that swallows the first exception (WeasyPrint logs and goes on after
    # some errors) gets another a second later.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    except MemoryError:
        raise LimitExceeded(
            f"needed more than {megabytes:,} MB of memory to render and was stopped: a loop in "
            "the theme's templates is the likely cause (or raise the bound with --memory-limit)"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        resource.setrlimit(resource.RLIMIT_AS, previous_memory)


def _address_space() -> int:
    """The process's virtual memory size in bytes (what RLIMIT_AS bounds)."""
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    return pages * resource.getpagesize()
