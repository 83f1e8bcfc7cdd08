"""Serving the application with uvicorn, within limits that uvicorn does not set by itself.

Uvicorn waits for ever for a request that a client has opened a connection for and never
sends, or sends a byte at a time; a thousand such connections leave no room for the
rapporteur's own. Here a request must arrive whole (head and body) within a time limit, the
connections and requests served at once are bounded, and a stop (Ctrl-C, SIGTERM) ends the
requests still running after a few seconds, stopping their renders.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio
    import socket
    from types import FrameType

    from fastapi import FastAPI


STARTUP_FAILURE = 3


@dataclass(frozen=True)
class ServerLimits:
    """The bounds a server keeps to, whoever connects to it."""

    request_seconds: float = 20
    """A request's head and body must arrive within this; a slow upload of the largest body
    (2 MB) over a poor connection takes a few seconds."""
    connections: int = 200
    """Connections and requests at once: a browser opens six at most."""
    keep_alive_seconds: int = 5
    """How long an idle connection is kept open for the next request."""
    stop_seconds: int = 3
    """How long requests still running may finish once the server is told to stop."""


def serve(
    app: FastAPI,
    host: str,
    port: int,
    limits: ServerLimits,
    ready: Callable[[], None],
    starting_stopped: Callable[[], None],
) -> None:
    """Serve ``app`` on ``host``:``port`` until stopped; call ``ready`` once the port is open
    (after the application's start-up, which readies its render workers first), and
    ``starting_stopped`` if a stop (Ctrl-C, SIGTERM) comes before, to cut the start-up short."""
    import uvicorn  # the server loads only when it is started

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        http=_timed_protocol(limits.request_seconds),
        log_level="warning",
        limit_concurrency=limits.connections,
        timeout_keep_alive=limits.keep_alive_seconds,
        timeout_graceful_shutdown=limits.stop_seconds,
    )

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started and not self.should_exit:
                ready()

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if not self.started:  # in a thread: the signal may come while a lock is held
                threading.Thread(target=starting_stopped, name="stop-start-up").start()
            super().handle_exit(sig, frame)

    server = AnnouncingServer(config)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)  # as uvicorn.run does: the application could not start


def _timed_protocol(request_seconds: float) -> type[asyncio.Protocol]:
    """Uvicorn's HTTP/1.1 protocol, closing a connection whose next request has not arrived
    whole within ``request_seconds`` of the connection opening or the last response."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TimedH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            self._await_request()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._await_request()

        def connection_lost(self, exc: Exception | None) -> None:
            self._request_timer.cancel()
            super().connection_lost(exc)

        def _await_request(self) -> None:
            if timer := getattr(self, "_request_timer", None):
                timer.cancel()
            self._request_timer = self.loop.call_later(request_seconds, self._request_overdue)

        def _request_overdue(self) -> None:
            # Their side is IDLE before the head arrives and SEND_BODY while the body does;
            # once the request is whole, the application has it and takes the time it needs.
            waiting = self.conn.their_state in {h11.IDLE, h11.SEND_BODY}
            if waiting and not self.transport.is_closing():
                self.transport.close()

    return TimedH11Protocol
