"""The door of the web application: who may ask, from which page, and how much.

Every request passes here before the application sees it. A page on another site cannot use
the server: not by renaming itself to 127.0.0.1 in DNS (the `Host` it sends names the other
site), not by posting to it (its `Origin` names the other site), and not by framing it. With a
token, every request for data carries it in its `Authorization` header: a cookie would also go
to every other server on this machine, whatever its port.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Collection, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from gfmd_reports.i18n import _, number

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
"""The names of this machine that no DNS answer can give another site."""
_ANY_ADDRESS = frozenset({"0.0.0.0", "::"})

_PUBLIC_PREFIXES = ("/static/", "/api/docs")
"""Besides the page itself, what loads without the token: the page's files and the API's
documentation, which hold no data (the page then sends the token with every request)."""

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """ASGI middleware that refuses requests from elsewhere, without the token, or too large."""

    def __init__(
        self, app: ASGIApp, hosts: Collection[str], token: str | None, max_body_bytes: int
    ) -> None:
        self.app = app
        self.hosts = frozenset(host.lower().strip("[]") for host in hosts)
        self.token = token
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            status, detail = refusal
            await JSONResponse({"detail": detail}, status)(scope, receive, _secured(send))
            return
        await self.app(scope, receive, _secured(send))

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        """The status and message refusing this request, or None to let it through."""
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not self._answers_to(host):
            return 403, _(
                "this server does not answer to the name '{host}': open it at the address "
                "`gfmd-reports serve` printed (to use another name, start it with "
                "--allow-host NAME)",
                host=host,
            )
        if scope["method"] not in _SAFE_METHODS and not _same_origin(headers, host):
            return 403, _("requests that change drafts are accepted only from the drafting page")
        if self.token and not _is_public(scope["path"]) and not self._carries_token(headers):
            return 401, _(
                "an access token is required: open the address `gfmd-reports serve` printed, "
                "which ends in #token=…, or send the header 'Authorization: Bearer TOKEN'"
            )
        return _unbounded_body(scope["method"], headers, self.max_body_bytes)

    def _answers_to(self, host: str) -> bool:
        """Whether the Host header names this server: a name given at its start, or, served on
        every address, any address (DNS rebinding needs a name)."""
        try:
            name = urlsplit(f"//{host}").hostname
        except ValueError:  # an unclosed [ of an IPv6 address
            return False
        if not name:
            return False
        if name in self.hosts:
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return bool(self.hosts & _ANY_ADDRESS)

    def _carries_token(self, headers: Headers) -> bool:
        scheme, _, offered = headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and secrets.compare_digest(
            offered.strip().encode(), (self.token or "").encode()
        )


def _same_origin(headers: Headers, host: str) -> bool:
    """Whether a browser says the request comes from a page of this server. Clients other than
    browsers send neither header, and cannot be led by a page elsewhere."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in {"same-origin", "none"}:
        return False
    origin = headers.get("origin")
    return origin is None or urlsplit(origin).netloc.lower() == host.lower()


def _is_public(path: str) -> bool:
    return path == "/" or path.startswith(_PUBLIC_PREFIXES)


def _unbounded_body(method: str, headers: Headers, limit: int) -> tuple[int, str] | None:
    length = headers.get("content-length")
    if length is None and method in {"POST", "PUT", "PATCH"}:
        # A body without a declared length (chunked) could not be bounded before reading.
        return 411, _("give the request's Content-Length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        shown = number(limit)
        return 413, _("the request is larger than {limit} bytes", limit=shown)
    return None


def _secured(send: Send) -> Send:
    """Wrap ``send`` to add the security headers to every response."""

    async def send_secured(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in _SECURITY_HEADERS if name not in present]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return send_secured
