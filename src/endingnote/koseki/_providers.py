"""Certificate providers: resolve a 16-digit identifier code to an e-certificate document.

The library cannot redeem a real code (only agencies connected to the MOJ system can), so a
provider is a protocol: :class:`DirectoryProvider` reads ``<code>.p7m`` files from a folder,
:class:`HttpProvider` fetches ``GET <base>/ecert/<code>`` with a timeout and a size bound, and
:class:`LocalCertificateServer` serves a directory on 127.0.0.1 (a test double shipped so that
integrators can test their own clients). :func:`resolve` fetches and verifies in one step.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._ecert import MAX_ECERT_BYTES, ECertResult, valid_code, verify_ecert

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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a provider that redirects is answered as its 3xx status


class HttpProvider:
    """Fetches ``GET <base_url>/ecert/<code>``; bounded in time (``timeout`` seconds per request)
    and size (``max_bytes``); no redirects; only ``http``/``https`` URLs."""

    def __init__(self, base_url: str, *, timeout: float = 5.0, max_bytes: int = MAX_ECERT_BYTES) -> None:
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"provider URL must be http(s)://host[:port][/path]: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._opener = urllib.request.build_opener(_NoRedirect())

    def fetch(self, code: str) -> FetchResult:
        if not valid_code(code):
            return _bad_code(code)
        url = f"{self.base_url}/ecert/{code}"
        request = urllib.request.Request(url, headers={"Accept": "application/pkcs7-mime"})  # noqa: S310 - scheme checked
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                data = response.read(self.max_bytes + 1)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 404:
                return FetchResult(None, [_codes.issue("koseki.provider.not_found", "", number=code)], url)
            return FetchResult(None, [_codes.issue("koseki.provider.http", "", status=exc.code)], url)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc))[:200]
            return FetchResult(None, [_codes.issue("koseki.provider.unreachable", "", reason=reason)], url)
        if len(data) > self.max_bytes:
            return FetchResult(
                None, [_codes.issue("koseki.provider.too_large", "", limit=self.max_bytes)], url
            )
        return FetchResult(data, location=url)


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
