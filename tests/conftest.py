"""Fixtures shared by every test folder."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# CI runs property tests with a fixed seed sequence so a landing is reproducible; locally every run
# explores new examples (and the example database replays earlier failures).
# No deadline: property tests check correctness, and speed is measured by bench/, not by timed tests
# (a shared machine under load would fail a deadline on a correct example).
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("local", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "local")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def _full_example() -> dict[str, Any]:
    from endingnote.standard import get
    from endingnote.standard._examples import build_example

    return build_example(get("1.0"), full=True)


@pytest.fixture
def full_doc(_full_example: dict[str, Any]) -> dict[str, Any]:
    """A fresh deep copy of the full valid example of standard 1.0."""
    return copy.deepcopy(_full_example)


@pytest.fixture
def minimal_doc() -> dict[str, Any]:
    from endingnote.standard import get
    from endingnote.standard._examples import build_example

    return build_example(get("1.0"), full=False)


def dumps(doc: Any) -> bytes:
    return orjson.dumps(doc)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium (see ``tests/_browser.py``), one per test module, closed when the module's
    tests are done. One fixture for every folder, so two never run at once (Playwright's sync API
    allows one instance per thread), and none outlives its module: while it runs, its event loop
    counts as running in this thread, and a later test's ``asyncio.run`` would be refused."""
    from tests._browser import chromium

    with chromium() as b:
        yield b
