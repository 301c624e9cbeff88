"""Site fixtures: a mini standard, a private copy of ``site/`` (so builds never touch the working
tree's ``site/_docs/``), one real build shared by all workers, a local HTTP server and
headless Chromium."""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site._mini import write_mini

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def copy_site(dest: Path) -> Path:
    """The hand-written part of ``site/`` copied to ``dest`` (generated pages and builds left out)."""
    shutil.copytree(
        REPO / "site",
        dest,
        ignore=lambda d, names: [
            n for n in names if n in ("_build", "_docs", "generated") or n.startswith(".")
        ],
    )
    return dest


@pytest.fixture
def mini_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_mini(tmp_path / "standard")
    # Other concerns (the validator's extension check) look up the default root; point it here.
    monkeypatch.setenv("ENDINGNOTE_STANDARD_DIR", str(root))
    return root


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``build_site(strict=True)`` of the real standard, done once for all xdist workers."""
    from endingnote.site import build_site

    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's basetemp sits in the session's folder: share the build there.
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "endingnote-site-build"
    shared.mkdir(exist_ok=True)
    summary = shared / "summary.json"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not summary.is_file():
                site = copy_site(shared / "site")
                result = build_site(site, shared / "out", strict=True)
                data = {"ok": result.ok(strict=True), "site": str(site), **result.to_dict()}
                summary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    loaded: dict[str, Any] = json.loads(summary.read_text(encoding="utf-8"))
    return loaded


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def server(real_build: dict[str, Any]) -> Iterator[str]:
    """The built site served on 127.0.0.1 (the version selector fetches versions.json over HTTP)."""
    handler = functools.partial(_Quiet, directory=real_build["out"])
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.set_default_timeout(10_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
