"""`gfmd-reports serve` run as the rapporteur runs it: in a process of its own, on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any

from conftest import make_theme

RUNAWAY_LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def make_runaway_theme(drafts: Path) -> None:
    """Beside the drafts, a theme 'runaway' whose oral template loops for hours."""
    make_theme(
        drafts / "templates",
        "runaway",
        files={
            "oral.html": f'{{% extends "base/oral.html" %}}{{% block closing %}}{RUNAWAY_LOOP}'
            "{% endblock %}"
        },
    )


class Server:
    """`gfmd-reports serve` in a process of its own, which a test may stop and start again."""

    def __init__(self, drafts: Path, *options: str) -> None:
        self.drafts = drafts
        self.options = options
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = self.drafts.parent / "server.log"
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gfmd_reports",
                    "serve",
                    "--port",
                    str(self.port),
                    "--drafts",
                    str(self.drafts),
                    *self.options,
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers can be found by its session
            )
        # It opens its port once its render workers are warm: seconds on a busy machine.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"the server did not start within 90 s:\n{log.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError("the server did not stop within 10 s of SIGTERM") from None

    def call(self, method: str, path: str, body: Any = None, timeout: float = 60) -> Response:
        """Make a request as the drafting page does; wait at most ``timeout`` for the answer."""
        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method=method,
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())


class Response:
    """A server's answer: status, headers and body."""

    def __init__(self, status: int, headers: Message, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        return json.loads(self.body)
