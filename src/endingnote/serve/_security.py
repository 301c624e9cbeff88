"""What every answer carries and every request must pass, before any page code runs:

- the ``Host`` header must name this server (127.0.0.1, localhost, [::1], with its port, or the
  ``--host`` given): a page elsewhere that rebinds its DNS name to 127.0.0.1 sends its own name and
  is refused (DNS rebinding);
- a request that changes anything (POST) from a browser must come from this origin (``Origin``);
- with an access token, every request carries it (cookie set from ``?token=`` once, or
  ``Authorization: Bearer``), compared in constant time;
- every answer: a strict Content-Security-Policy (scripts and styles only from this server, no
  inline script, no framing by others, forms post only here), no sniffing, no referrer to other
  sites, no cache.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from endingnote.serve._config import ServeConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
TOKEN_COOKIE = "endingnote_token"  # noqa: S105 - the cookie's name, not a secret
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make Chromium send "Origin: null"
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), usb=()"),
    (b"cache-control", b"no-store"),
]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie") or ""
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, config: ServeConfig) -> None:
        self.app = app
        self.config = config
        self.hosts = config.allowed_hosts()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = (_header(scope, b"host") or "").lower()
        if host not in self.hosts:
            await _plain(send, 421, "このアドレスでは応答しません / host not allowed")
            return
        if scope["method"] not in ("GET", "HEAD"):
            origin = _header(scope, b"origin")
            if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() not in self.hosts):
                await _plain(send, 403, "別のサイトからの送信は受け付けません / cross-origin request refused")
                return
        if self.config.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token")
            if given is not None and secrets.compare_digest(given.encode(), self.config.token.encode()):
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                location = scope["path"] + (f"?{rest}" if rest else "")
                await _redirect_with_token(send, location, self.config.token)
                return
            bearer = (_header(scope, b"authorization") or "").removeprefix("Bearer ").strip()
            cookie = _cookie(scope, TOKEN_COOKIE) or ""
            if not any(
                secrets.compare_digest(candidate.encode(), self.config.token.encode())
                for candidate in (bearer, cookie)
                if candidate
            ):
                await _plain(send, 401, "アクセストークンが必要です / access token required")
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", CSP.encode()))
                if b"x-frame-options" not in present:
                    headers.append((b"x-frame-options", b"DENY"))
                headers += [(k, v) for k, v in _HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", CSP.encode()),
                *_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_token(send: Send, location: str, token: str) -> None:
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1", "replace")),
                (b"set-cookie", cookie.encode("latin-1")),
                (b"content-length", b"0"),
                (b"content-security-policy", CSP.encode()),
                *_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})
