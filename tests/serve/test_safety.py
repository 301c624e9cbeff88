"""What the server refuses, asked over HTTP as an attacker or a careless page would: foreign Host
names (DNS rebinding), cross-origin and token-less posts, missing access tokens, too many files,
zip slip and zip bombs; what every answer carries (CSP and friends); where uploads live (0700) and
that they are gone when the server stops."""

from __future__ import annotations

import http.client
import io
import re
import stat
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from endingnote._limits import all_limits
from endingnote.serve import ServeConfig, is_loopback

from .conftest import ROOT, Server, running_server

pytestmark = [pytest.mark.slow]


class Client:
    """A bare HTTP client that keeps one session cookie."""

    def __init__(self, server: Server) -> None:
        self.port = server.port
        self.cookie = ""

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookie and "Cookie" not in sent:
            sent["Cookie"] = self.cookie
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        got = {k.lower(): v for k, v in response.getheaders()}
        if "set-cookie" in got and got["set-cookie"].startswith("endingnote_session="):
            self.cookie = got["set-cookie"].split(";", 1)[0]
        conn.close()
        return response.status, got, data

    def csrf(self, path: str = "/vendor") -> str:
        _, _, page = self.request("GET", path)
        match = re.search(rb'name="csrf" value="([^"]+)"', page)
        assert match
        return match.group(1).decode()

    def post_files(
        self, path: str, fields: dict[str, str], files: list[tuple[str, str, bytes]], **headers: str
    ) -> tuple[int, dict[str, str], bytes]:
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for name, value in fields.items():
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, filename, data in files:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n".encode()
            )
            out.write(data + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        hdrs = {"Content-Type": f"multipart/form-data; boundary={boundary}", **headers}
        return self.request("POST", path, out.getvalue(), hdrs)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("safety-server")) as s:
        yield s


def test_every_answer_carries_a_strict_policy(server: Server) -> None:
    client = Client(server)
    for path in ("/", "/vendor", "/heir", "/static/app.css", "/no-such-page"):
        _, headers, _ = client.request("GET", path)
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store"
    status, headers, page = client.request("GET", "/vendor")
    assert status == 200 and b'<script src="/static/app.js" defer></script>' in page
    assert b"<script>" not in page and b" style=" not in page and b" on" + b"click=" not in page
    cookie = headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_a_foreign_host_name_is_refused(server: Server) -> None:
    client = Client(server)
    for host in (f"attacker.example:{server.port}", "attacker.example", f"127.0.0.1.nip.io:{server.port}"):
        status, _, body = client.request("GET", "/", headers={"Host": host})
        assert status == 421, host
        assert "host not allowed" in body.decode()
    assert client.request("GET", "/", headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_posts_need_this_sessions_token_and_this_origin(server: Server) -> None:
    client = Client(server)
    token = client.csrf()
    doc = (ROOT / "standard" / "1.1" / "generated" / "examples" / "minimal.json").read_bytes()
    files = [("files", "minimal.json", doc)]
    assert client.post_files("/vendor", {"csrf": "wrong"}, files)[0] == 403
    assert client.post_files("/vendor", {}, files)[0] == 403
    other = Client(server)  # another browser's session, this session's token
    assert other.post_files("/vendor", {"csrf": token}, files)[0] == 403
    status, _, _ = client.post_files("/vendor", {"csrf": token}, files, Origin="http://attacker.example")
    assert status == 403
    status, headers, _ = client.post_files(
        "/vendor", {"csrf": token}, files, Origin=f"http://127.0.0.1:{server.port}"
    )
    assert status == 303 and headers["location"].startswith("/vendor/runs/")


def test_too_many_files_are_refused_with_the_limit_named(server: Server) -> None:
    client = Client(server)
    token = client.csrf()
    limit = int(all_limits()["serve.upload.max_files"])
    files = [("files", f"{n}.json", b"{}") for n in range(limit + 1)]
    status, _, page = client.post_files("/vendor", {"csrf": token}, files)
    assert status == 413
    text = page.decode()
    assert "ファイルが多すぎるため受け付けませんでした" in text and "serve.upload.max_files" in text
    kept = {p.name.split("-", 1)[-1] for root in server.session_roots() for p in root.rglob("upload-*/*")}
    assert not kept & {f"{n}.json" for n in range(limit + 1)}  # nothing of the refused upload is kept


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_slip_and_zip_bombs_are_refused(server: Server) -> None:
    client = Client(server)
    token = client.csrf()
    doc = (ROOT / "standard" / "1.1" / "generated" / "examples" / "minimal.json").read_bytes()
    slip = _zip({"ok.json": doc, "../../escaped.json": doc})
    bomb = _zip({"zeros.json": b"0" * (8 << 20)})  # 8 MiB that packs into a few KB
    good = _zip(
        {"exports/a.json": doc, "exports/b.ndjson": doc.replace(b"\n", b"") + b"\n" + doc.replace(b"\n", b"")}
    )
    files = [("files", "slip.zip", slip), ("files", "bomb.zip", bomb), ("files", "good.zip", good)]
    status, headers, _ = client.post_files("/vendor", {"csrf": token}, files)
    assert status == 303
    _, _, page = client.request("GET", headers["location"])
    text = page.decode()
    assert "serve.zip.unsafe_name" in text and "../../escaped.json" in text
    assert "serve.zip.ratio" in text and "serve.zip.max_ratio" in text
    # good.zip: one document and two NDJSON lines, all valid; each refused ZIP is one invalid entry
    assert "5 件の文書を検証しました: 妥当 3 件、エラーあり 2 件" in text
    assert not list(server.tmp.rglob("escaped.json"))
    assert not list(server.tmp.rglob("zeros.json"))


def test_session_folders_are_private_and_gone_when_the_server_stops(tmp_path: Path) -> None:
    with running_server(tmp_path) as s:
        client = Client(s)
        client.csrf()
        roots = s.session_roots()
        assert len(roots) == 1
        sessions = list(roots[0].iterdir())
        assert sessions
        for folder in [roots[0], *sessions]:
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert not s.session_roots()  # SIGTERM: the server removed every session's folder


def test_an_access_token_guards_every_request(tmp_path: Path) -> None:
    token = "t0ken-" + uuid.uuid4().hex
    with running_server(tmp_path, "--token-env", "EN_TOKEN", env={"EN_TOKEN": token}) as s:
        client = Client(s)
        assert client.request("GET", "/")[0] == 401
        assert client.request("GET", "/", headers={"Authorization": "Bearer wrong"})[0] == 401
        assert client.request("GET", "/", headers={"Authorization": f"Bearer {token}"})[0] == 200
        status, headers, _ = client.request("GET", f"/vendor?token={token}")
        assert status == 303 and headers["location"] == "/vendor"
        cookie = headers["set-cookie"].split(";", 1)[0]
        assert client.request("GET", "/vendor", headers={"Cookie": cookie})[0] == 200
        assert token not in s.log_text()


ALL = "0.0.0.0"  # noqa: S104 - the address whose binding is refused (nothing is bound here)


def test_other_addresses_need_host_and_a_token() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback(ALL) and not is_loopback("192.0.2.10")
    assert ServeConfig(host=ALL).problem() is not None
    assert ServeConfig(host=ALL, token="short").problem() is not None
    assert ServeConfig(host=ALL, token="x" * 32).problem() is None
    done = subprocess.run(
        [sys.executable, "-m", "endingnote", "serve", "--host", ALL, "--port", "1"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--token-env" in done.stderr.decode()


def test_a_card_password_from_another_computer_is_refused(tmp_path: Path) -> None:
    """Driven at the ASGI level, as a browser on 192.0.2.10 would reach a server given --host."""
    import asyncio

    from endingnote.serve import create_app

    token = "x" * 32
    app = create_app(ServeConfig(host="192.0.2.1", port=8765, token=token, work_dir=tmp_path))

    Headers = list[tuple[bytes, bytes]]
    bearer = b"Bearer " + token.encode()

    async def call(
        method: str, path: str, headers: Headers, body: bytes = b""
    ) -> tuple[int, dict[bytes, bytes], bytes]:
        scope = {
            "type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
            "headers": [(b"host", b"192.0.2.1:8765"), (b"authorization", bearer), *headers],
            "client": ("192.0.2.10", 50000), "server": ("192.0.2.1", 8765), "scheme": "http",
            "http_version": "1.1", "root_path": "", "app": app,
        }  # fmt: skip
        sent: list[dict[str, object]] = []
        chunks = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, object]:
            return chunks.pop(0) if chunks else {"type": "http.disconnect"}

        async def send(message: dict[str, object]) -> None:
            sent.append(message)

        await app(scope, receive, send)
        start = next(m for m in sent if m["type"] == "http.response.start")
        data = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")  # type: ignore[misc]
        return int(start["status"]), dict(start["headers"]), data  # type: ignore[call-overload, arg-type]

    status, headers, page = asyncio.run(call("GET", "/heir", []))
    assert status == 200
    cookie = headers[b"set-cookie"].split(b";", 1)[0]
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page)
    assert csrf is not None
    body = b"csrf=" + csrf.group(1) + b"&password=SECRET99&reader=x"
    form = [(b"cookie", cookie), (b"content-type", b"application/x-www-form-urlencoded")]
    status, _, page = asyncio.run(call("POST", "/heir/identity/card", form, body))
    assert status == 400
    assert "このコンピュータで開いたページからだけ受け付けます" in page.decode()
    assert b"SECRET99" not in page
    app.state.endingnote.close()
