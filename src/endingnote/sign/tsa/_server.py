"""Loopback HTTP endpoints for the test TSA (RFC 3161 over HTTP) and OCSP responder (RFC 6960).

Both bind **127.0.0.1 only** on an ephemeral port and run in a daemon thread until
:meth:`LocalServer.close` (or the ``with`` block) stops them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_REQUEST = 64 * 1024


class LocalServer:
    """A running loopback server; ``url`` is where clients post."""

    def __init__(self, handler: Callable[[bytes], bytes], request_type: str, response_type: str) -> None:
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if self.headers.get("Content-Type") != request_type or not 0 < length <= MAX_REQUEST:
                    self.send_error(400)
                    return
                body = handler(self.rfile.read(length))
                outer.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", response_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.requests = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.url = f"http://{host!s}:{port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve_tsa(authority: Any) -> LocalServer:
    """Serve a :class:`~endingnote.sign.tsa.TimestampAuthority` at ``http://127.0.0.1:PORT/``."""
    return LocalServer(authority.respond, "application/timestamp-query", "application/timestamp-reply")


def serve_ocsp(responder: Any) -> LocalServer:
    """Serve an :class:`~endingnote.sign.tsa.OcspResponder` at ``http://127.0.0.1:PORT/``."""
    return LocalServer(responder.respond, "application/ocsp-request", "application/ocsp-response")
