"""`gfmd-reports serve` run as the rapporteur runs it: in a process of its own, on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path


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
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"the server did not start within 20 s:\n{log.read_text()}")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
