"""Certificate providers: resolve a 16-digit identifier code to an e-certificate document.

The library cannot redeem a real code (only agencies connected to the MOJ system can), so a
provider is a protocol: :class:`DirectoryProvider` reads ``<code>.p7m`` files from a folder,
:class:`HttpProvider` fetches ``GET <base>/ecert/<code>`` within a total deadline and a size bound, and
:class:`LocalCertificateServer` serves a directory on 127.0.0.1 (a test double shipped so that
integrators can test their own clients). :func:`resolve` fetches and verifies in one step.

A provider is a server nobody here controls. Whatever it sends — a status line that is not HTTP,
more than 100 headers, a 64 KB header line, a body cut short, one byte every two seconds — the
answer is a finding (``koseki.provider.*``), never an ``http.client`` traceback and never a hang:
the whole request (name lookup, connection, headers, body) runs in a worker thread that the caller
waits for at most ``timeout`` seconds in total, after which its connection is shut down.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import http.server
import socket
import ssl
import threading
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._ecert import MAX_ECERT_BYTES, ECertResult, valid_code, verify_ecert
from endingnote.koseki._limits import HEADER_LINE, HEADERS, TOTAL_SECONDS

if TYPE_CHECKING:
    from cryptography import x509


@dataclass
class FetchResult:
    """What a provider returned for a code: the document bytes, or ``None`` and the issues."""

    data: bytes | None
    issues: list[Issue] = field(default_factory=list)
    location: str | None = None


@runtime_checkable
class CertificateProvider(Protocol):
    """Resolves an identifier code to the signed e-certificate document."""

    def fetch(self, code: str) -> FetchResult: ...


def _bad_code(code: str) -> FetchResult:
    return FetchResult(None, [_codes.issue("koseki.ecert.code_format", "", value=repr(code)[:40])])


class DirectoryProvider:
    """E-certificates stored as ``<code>.p7m`` (DER or PEM) in one folder."""

    def __init__(self, root: str | Path, *, max_bytes: int = MAX_ECERT_BYTES) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes

    def fetch(self, code: str) -> FetchResult:
        if not valid_code(code):  # also what keeps '../' and absolute paths out
            return _bad_code(code)
        path = self.root / f"{code}.p7m"
        try:
            if not path.is_file():
                return FetchResult(None, [_codes.issue("koseki.provider.not_found", "", number=code)])
            if path.stat().st_size > self.max_bytes:
                return FetchResult(
                    None, [_codes.issue("koseki.provider.too_large", "", limit=self.max_bytes)]
                )
            return FetchResult(path.read_bytes(), location=str(path))
        except OSError as exc:
            return FetchResult(
                None, [_codes.issue("koseki.provider.unreachable", "", reason=exc.strerror or "I/O")]
            )


def _reason(exc: http.client.HTTPException) -> tuple[str, str]:
    """A malformed answer, in plain words (never the bytes the server sent)."""
    if isinstance(exc, http.client.LineTooLong):
        return (
            f"ヘッダーの行が長すぎます（{HEADER_LINE.describe('ja')}）",
            f"a header line is too long ({HEADER_LINE.describe('en')})",
        )
    if isinstance(exc, http.client.RemoteDisconnected):
        return "応答の前に接続が切れました", "the connection closed before an answer"
    if isinstance(exc, http.client.BadStatusLine | http.client.UnknownProtocol):
        return "HTTP の応答ではありません", "the answer is not HTTP"
    if isinstance(exc, http.client.IncompleteRead):
        return "応答が途中で切れました", "the answer was cut short"
    if "headers" in str(exc):
        return (
            f"ヘッダーが多すぎます（{HEADERS.describe('ja')}）",
            f"too many headers ({HEADERS.describe('en')})",
        )
    return "HTTP の応答として読めません", "the answer is not well-formed HTTP"


class HttpProvider:
    """Fetches ``GET <base_url>/ecert/<code>``; bounded in total time (``timeout`` seconds for the
    whole request, ``koseki.fetch.total_seconds`` by default) and size (``max_bytes``); no
    redirects; only ``http``/``https`` URLs."""

    def __init__(
        self, base_url: str, *, timeout: float = TOTAL_SECONDS.value, max_bytes: int = MAX_ECERT_BYTES
    ) -> None:
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"provider URL must be http(s)://host[:port][/path]: {base_url!r}")
        try:
            parts.port  # noqa: B018 - a port that is not a number is refused here, not mid-request
        except ValueError as exc:
            raise ValueError(f"provider URL has a bad port: {base_url!r}") from exc
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_bytes = max_bytes

    def fetch(self, code: str) -> FetchResult:
        if not valid_code(code):
            return _bad_code(code)
        url = f"{self.base_url}/ecert/{code}"
        outcome: list[FetchResult] = []
        connections: list[http.client.HTTPConnection] = []
        worker = threading.Thread(
            target=lambda: outcome.append(self._get(url, code, connections)),
            name="koseki-ecert-fetch",
            daemon=True,
        )
        worker.start()
        worker.join(self.timeout)
        if outcome:
            return outcome[0]
        for conn in connections:  # wake the worker: its next read fails and it ends
            _abort(conn)
        return self._timed_out(url)

    def _timed_out(self, url: str) -> FetchResult:
        limit = TOTAL_SECONDS.params()
        if self.timeout != TOTAL_SECONDS.value:
            limit = {"limit_ja": f"上限 {self.timeout:g} 秒", "limit_en": f"limit: {self.timeout:g} seconds"}
        return FetchResult(None, [_codes.issue("koseki.provider.timeout", "", **limit)], url)

    def _get(self, url: str, code: str, connections: list[http.client.HTTPConnection]) -> FetchResult:
        parts = urllib.parse.urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn: http.client.HTTPConnection
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(
                parts.hostname or "", parts.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=self.timeout)
        connections.append(conn)
        try:
            conn.request("GET", target, headers={"Accept": "application/pkcs7-mime"})
            response = conn.getresponse()
            if response.status == 404:
                return FetchResult(None, [_codes.issue("koseki.provider.not_found", "", number=code)], url)
            if response.status != 200:  # a redirect included: never followed
                return FetchResult(
                    None, [_codes.issue("koseki.provider.http", "", status=response.status)], url
                )
            data = _body(response, self.max_bytes + 1)
        except http.client.HTTPException as exc:
            reason_ja, reason_en = _reason(exc)
            issue = _codes.issue("koseki.provider.bad_response", "", reason_ja=reason_ja, reason_en=reason_en)
            return FetchResult(None, [issue], url)
        except TimeoutError:  # the socket's own timeout is the deadline too: on a busy machine it
            return self._timed_out(url)  # can fire before the caller's join returns
        except (OSError, ValueError) as exc:  # refused, reset, name not found, TLS …
            reason = str(getattr(exc, "strerror", None) or getattr(exc, "reason", None) or exc)[:200]
            return FetchResult(None, [_codes.issue("koseki.provider.unreachable", "", reason=reason)], url)
        finally:
            conn.close()
        if len(data) > self.max_bytes:
            return FetchResult(
                None, [_codes.issue("koseki.provider.too_large", "", limit=self.max_bytes)], url
            )
        return FetchResult(data, location=url)


def _body(response: http.client.HTTPResponse, most: int) -> bytes:
    """Up to ``most`` bytes of the body; a body shorter than its Content-Length is an
    ``IncompleteRead`` (``read`` with a size returns what came, silently)."""
    chunks: list[bytes] = []
    total = 0
    while total < most:
        chunk = response.read(min(65536, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    data = b"".join(chunks)
    if total < most and response.length:  # the server closed before the length it announced
        raise http.client.IncompleteRead(data, response.length)
    return data


def _abort(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def resolve(
    provider: CertificateProvider,
    code: str,
    trusted_issuers: Sequence[bytes | x509.Certificate],
    *,
    now: dt.datetime,
) -> ECertResult:
    """Fetch the e-certificate for ``code`` and verify it (signature, pinned issuer, expiry, and
    that it is the certificate of that code)."""
    fetched = provider.fetch(code)
    if fetched.data is None:
        return ECertResult(issues=fetched.issues)
    result = verify_ecert(fetched.data, trusted_issuers, now=now, expected_code=code, source=fetched.location)
    result.issues[:0] = fetched.issues
    return result


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        code = path.removeprefix("/ecert/")
        if not path.startswith("/ecert/") or not valid_code(code):
            self.send_error(400 if path.startswith("/ecert/") else 404)
            return
        self.server.requests.append(code)
        fetched = self.server.provider.fetch(code)
        if fetched.data is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/pkcs7-mime")
        self.send_header("Content-Length", str(len(fetched.data)))
        self.end_headers()
        self.wfile.write(fetched.data)

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: tests and demos read stdout


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, provider: CertificateProvider) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.provider = provider
        self.requests: list[str] = []


class LocalCertificateServer:
    """Serves a provider (usually a :class:`DirectoryProvider`) at ``http://127.0.0.1:<port>``;
    use as a context manager. ``requests`` lists the codes asked for."""

    def __init__(self, provider: CertificateProvider) -> None:
        self._server = _Server(provider)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="koseki-ecert-server",
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[str]:
        return self._server.requests

    def start(self) -> LocalCertificateServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalCertificateServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
