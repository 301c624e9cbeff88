"""A certificate provider nobody controls: every malformed or slow answer is a finding, never a
traceback or a hang. Each case is a real server on a local socket, sending what a broken or
hostile provider sends."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from endingnote.koseki import HttpProvider
from endingnote.koseki._limits import HEADER_LINE, HEADERS

CODE = "1111222233334444"


class RawServer:
    """Accepts connections on 127.0.0.1 and answers each with ``behave(conn)`` after reading the
    request head."""

    def __init__(self, behave: Callable[[socket.socket], None]) -> None:
        self.behave = behave
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(10)
                head = b""
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                with contextlib.suppress(OSError):  # the client hung up once it had seen enough
                    self.behave(conn)

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


def _send(data: bytes) -> Callable[[socket.socket], None]:
    return lambda conn: conn.sendall(data)


def _trickle(prefix: bytes, every: float) -> Callable[[socket.socket], None]:
    def behave(conn: socket.socket) -> None:
        conn.sendall(prefix)
        for _ in range(60):  # far longer than any deadline
            time.sleep(every)
            conn.sendall(b"x")

    return behave


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[socket.socket], None]], RawServer]]:
    servers: list[RawServer] = []

    def start(behave: Callable[[socket.socket], None]) -> RawServer:
        server = RawServer(behave).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (b"SSH-2.0-OpenSSH_9.2\r\n", "not HTTP"),
        (b"HTTP/1.1 OK\r\n\r\n", "not HTTP"),
        (
            b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(101)) + b"\r\n",
            "too many headers",
        ),
        (b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n", "header line is too long"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort", "cut short"),
        (b"", "closed before an answer"),
    ],
    ids=["not-http", "bad-status-line", "101-headers", "64k-header-line", "cut-short", "hang-up"],
)
def test_a_malformed_answer_is_a_finding(
    serve: Callable[[Callable[[socket.socket], None]], RawServer], answer: bytes, says: str
) -> None:
    server = serve(_send(answer))
    fetched = HttpProvider(server.url, timeout=10).fetch(CODE)
    assert fetched.data is None
    [found] = fetched.issues
    assert found.code == "koseki.provider.bad_response"
    assert says in found.message_en
    assert "SSH" not in found.message_en and "aaaa" not in found.message_en  # plain words, not the bytes


def test_the_limits_named_are_http_clients_own() -> None:
    assert HEADERS.value == http.client._MAXHEADERS
    assert HEADER_LINE.value == http.client._MAXLINE


@pytest.mark.parametrize(
    "prefix",
    [b"HTTP/1.1 200 OK\r\nX-Slow: ", b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", b"HTTP/1.1 2"],
    ids=["in-a-header", "in-the-body", "in-the-status-line"],
)
def test_one_byte_every_two_seconds_meets_a_total_deadline(
    serve: Callable[[Callable[[socket.socket], None]], RawServer], prefix: bytes
) -> None:
    """Each byte arrives well within any per-read timeout; only a deadline on the whole request
    ends it. The provider's deadline here is 3 s; the server would go on for two minutes."""
    server = serve(_trickle(prefix, every=2.0))
    started = time.monotonic()
    fetched = HttpProvider(server.url, timeout=3).fetch(CODE)
    waited = time.monotonic() - started
    [found] = fetched.issues
    assert found.code == "koseki.provider.timeout"
    assert "3 seconds" in found.message_en
    assert waited < 60  # not the server's two minutes (a guard, not a measurement)


def test_the_default_deadline_is_the_declared_limit() -> None:
    from endingnote.koseki._limits import TOTAL_SECONDS

    provider = HttpProvider("http://127.0.0.1:9")
    assert provider.timeout == TOTAL_SECONDS.value


@pytest.mark.parametrize("answer", [b"HTTP/1.1 301 Moved\r\nLocation: file:///etc/passwd\r\n\r\n"])
def test_a_redirect_is_never_followed(
    serve: Callable[[Callable[[socket.socket], None]], RawServer], answer: bytes
) -> None:
    server = serve(_send(answer))
    fetched = HttpProvider(server.url, timeout=10).fetch(CODE)
    assert [i.code for i in fetched.issues] == ["koseki.provider.http"]


def test_a_bad_port_is_refused_when_the_provider_is_made() -> None:
    with pytest.raises(ValueError, match="port"):
        HttpProvider("http://127.0.0.1:notaport")
