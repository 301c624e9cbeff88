"""The web app as a person meets it: the real server (``python -m endingnote serve`` in its own
process, on a free loopback port) driven by Debian's Chromium through Playwright.

Helpers check what every page must allow: each form control has a label, and Tab alone reaches
every control. Screenshots go to ``test-artifacts/serve/``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.importer.conftest import World, world  # noqa: F401 - the import journey's world, reused

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "serve"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    port: int
    log: Path
    tmp: Path  # the server's TMPDIR: its sessions' folders are made here
    process: subprocess.Popen[bytes]

    def log_text(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def session_roots(self) -> list[Path]:
        return sorted(self.tmp.glob("endingnote-serve-*"))


@contextlib.contextmanager
def running_server(base: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``endingnote serve`` with the access log on; stopped by its PID (SIGTERM) at the end."""
    tmp = base / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = base / "server.log"
    with log.open("wb") as fh:
        process = subprocess.Popen(
            [sys.executable, "-m", "endingnote", "serve", "--port", str(port), "--log-level", "info", *args],
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "TMPDIR": str(tmp), **(env or {})},
            cwd=ROOT,
        )
    server = Server(f"http://127.0.0.1:{port}", port, log, tmp, process)
    try:
        deadline = time.monotonic() + 60
        while "endingnote serve: http" not in server.log_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start:\n{server.log_text()}")
            time.sleep(0.05)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


LABELS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('input, select, textarea, button, iframe')) {
    if (el.type === 'hidden') continue;
    let name = '';
    if (el.tagName === 'BUTTON') name = el.textContent.trim();
    else if (el.tagName === 'IFRAME') name = el.title || '';
    else name = [...(el.labels || [])].map(l => l.textContent.trim()).join(' ');
    name = name || el.getAttribute('aria-label') || '';
    const by = el.getAttribute('aria-labelledby');
    const text = id => document.getElementById(id)?.textContent || '';
    if (!name && by) name = by.split(' ').map(text).join(' ').trim();
    if (!name) out.push(el.outerHTML.slice(0, 120));
  }
  return out;
}"""

FOCUSABLE_JS = """() => {
  const sel = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), ' +
              'select:not([disabled]), textarea:not([disabled]), summary, iframe, ' +
              '[tabindex]:not([tabindex="-1"])';
  // what a person can reach: rendered, visible, not inside a closed <details>
  const els = [...document.querySelectorAll(sel)].filter(el =>
    el.matches('.skip') || el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}));
  els.forEach((el, i) => el.setAttribute('data-focus-key', String(i)));
  return els.length;
}"""


def check_labels(page: Any) -> None:
    """Every form control, button and frame has an accessible name."""
    unlabelled = page.evaluate(LABELS_JS)
    assert not unlabelled, unlabelled


def check_keyboard(page: Any) -> None:
    """Tab alone, from the top of the page, reaches every control, in document order."""
    count = page.evaluate(FOCUSABLE_JS)
    assert count > 0
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    page.focus("body")
    reached: list[str] = []
    for _ in range(count + 10):
        page.keyboard.press("Tab")
        key = page.evaluate("document.activeElement?.getAttribute('data-focus-key') ?? null")
        if key is not None and key not in reached:
            reached.append(key)
        if len(reached) == count:
            break
    missing = sorted(set(map(str, range(count))) - set(reached), key=int)
    assert not missing, page.evaluate(
        "(keys) => keys.map(k => document.querySelector(`[data-focus-key='${k}']`).outerHTML.slice(0, 100))",
        missing,
    )
    assert [int(k) for k in reached] == sorted(int(k) for k in reached), "focus order is not document order"
