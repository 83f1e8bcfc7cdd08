"""A real `gfmd-reports serve` for the benchmarks, on a free port of 127.0.0.1, and its API."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TOOL = str(Path(sys.executable).parent / "gfmd-reports")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> float:
    """Wait until the port accepts a connection; return when it did (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return time.perf_counter()
        except OSError:
            time.sleep(0.002)
    raise SystemExit(f"the server did not start within {timeout:.0f} s")


@contextmanager
def serve(drafts: Path) -> Iterator[int]:
    """Run `gfmd-reports serve` on a free port until the block ends; yield the port once it
    accepts connections."""
    port = free_port()
    command = [TOOL, "serve", "--port", str(port), "--drafts", str(drafts)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


class Api:
    """The server's JSON API over one kept-alive connection, as the form's page uses it."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.origin = f"http://127.0.0.1:{port}"

    def call(self, method: str, path: str, body: object) -> tuple[int, bytes]:
        """Send a JSON body; return the status and the answer's bytes."""
        headers = {"Content-Type": "application/json", "Origin": self.origin}
        self.connection.request(method, path, json.dumps(body), headers)
        response = self.connection.getresponse()
        return response.status, response.read()

    def json(self, method: str, path: str, body: object) -> dict:
        """As ``call``, for an answer that must succeed, as JSON."""
        status, answer = self.call(method, path, body)
        if status >= 300:
            raise SystemExit(f"{method} {path}: {status} {answer[:300]!r}")
        return json.loads(answer)

    def close(self) -> None:
        self.connection.close()
