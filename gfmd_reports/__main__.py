"""The command's entry point: ``python -m gfmd_reports`` and the ``gfmd-reports`` script.

Ctrl-C and SIGTERM are taken over before anything else loads, so that a signal at any moment
of the command's life ends it with its message and status 130, never a traceback or a bare
signal status. A signal that came while the program was still loading is remembered and
stops the command as soon as it can say so.
"""

import atexit
import os
import signal
import sys
import threading

_STOPPING = (signal.SIGINT, signal.SIGTERM)


def run() -> None:
    """Run the command line of this process and exit with its status."""
    if sys.platform == "win32":
        sys.exit(
            "gfmd-reports runs on Linux and macOS, not on Windows itself: install it in WSL "
            "(Windows Subsystem for Linux, with Debian or Ubuntu) and run it there"
        )
    arrived: list[int] = []
    taken_over = [number for number in _STOPPING if signal.getsignal(number) != signal.SIG_IGN]
    for number in taken_over:  # an ignored one (a background job's Ctrl-C) stays ignored
        signal.signal(number, lambda number, frame: arrived.append(number))
    # A parent may hold them back until the command is ready to take them (as tests do).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, taken_over)
    from gfmd_reports.cli import run_command

    _exit_without_teardown(run_command(arrived))


def _exit_without_teardown(status: int) -> None:
    """End the process with ``status`` once the command is done, without freeing every module's
    objects one by one: that teardown took 30 ms, a seventh of a `validate`, and has nothing
    left to do.

    Nothing is lost by skipping it: every file the command writes is written and closed (or
    renamed into place) within the block that opened it, the exit handlers still run (logging's,
    multiprocessing's), and standard output and error are flushed here. If they cannot be (a
    closed pipe), or a thread still runs, the interpreter exits as usual and says so.
    """
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(status)
    if threading.active_count() > 1:
        sys.exit(status)
    os._exit(status)


if __name__ == "__main__":
    run()
