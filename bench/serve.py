"""The web app's answer for one document against the library call it makes, in the same process.

The standard's full example (1.1), written compactly (about 20 KB), is validated two ways, each
``--runs`` times, interleaved, after a warm-up:

- ``library``: ``endingnote.validation.validate_bytes(data, path=name)`` — the baseline;
- ``page``: what a vendor's browser does: POST the file to ``/vendor`` (multipart, with the
  session's CSRF token) on the real server (uvicorn on a free loopback port, in a thread of this
  process), then GET the results page it redirects to (findings, chart, filters) — until the last
  byte of that page.

Prints one JSON line: the medians in milliseconds and their ratio. Targets: the page under 200 ms
absolute on this machine; the ratio says how much of that is the web app's own cost.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import socket
import statistics
import threading
import time
import uuid
from pathlib import Path

import orjson

EXAMPLE = Path(__file__).resolve().parents[1] / "standard" / "1.1" / "generated" / "examples" / "full.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """One session, as a browser keeps it: the cookie and the form's CSRF token."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookie:
            sent["Cookie"] = self.cookie
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        data = response.read()
        got = {k.lower(): v for k, v in response.getheaders()}
        if got.get("set-cookie", "").startswith("endingnote_session="):
            self.cookie = got["set-cookie"].split(";", 1)[0]
        return response.status, got, data

    def csrf(self) -> str:
        _, _, page = self.request("GET", "/vendor")
        match = re.search(rb'name="csrf" value="([^"]+)"', page)
        assert match is not None
        return match.group(1).decode()

    def check(self, token: str, name: str, data: bytes) -> bytes:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                "Content-Type: application/json\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        status, headers, _ = self.request(
            "POST", "/vendor", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        assert status == 303, status
        status, _, page = self.request("GET", headers["location"])
        assert status == 200 and b'id="summary"' in page
        return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import uvicorn

    from endingnote.serve import ServeConfig, create_app
    from endingnote.validation import validate_bytes

    data = orjson.dumps(orjson.loads(EXAMPLE.read_bytes()))
    name = "full.json"
    port = free_port()
    app = create_app(ServeConfig(port=port))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        browser = Browser(port)
        token = browser.csrf()
        for _ in range(3):  # warm-up: imports, the standard's first load, template compilation
            validate_bytes(data, path=name)
            browser.check(token, name, data)
        library: list[float] = []
        page: list[float] = []
        for _ in range(args.runs):
            t = time.perf_counter()
            report = validate_bytes(data, path=name)
            library.append(time.perf_counter() - t)
            assert report.valid
            t = time.perf_counter()
            browser.check(token, name, data)
            page.append(time.perf_counter() - t)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    lib_ms, page_ms = statistics.median(library) * 1000, statistics.median(page) * 1000
    print(
        json.dumps(
            {
                "document_bytes": len(data),
                "runs": args.runs,
                "library_ms": round(lib_ms, 2),
                "page_ms": round(page_ms, 2),
                "ratio": round(page_ms / lib_ms, 2),
                "target_page_ms": 200,
                "under_target": page_ms < 200,
            }
        )
    )


if __name__ == "__main__":
    main()
