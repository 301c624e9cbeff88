"""Property: migrating there and back returns the original document (mini standard)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from endingnote.compat import migrate
from endingnote.standard import get
from tests.compat._gen import documents
from tests.compat._mini import base_spec, next_spec, write

_ROOT: Path | None = None


def _root(tmp: pytest.TempPathFactory) -> Path:
    global _ROOT
    if _ROOT is None:
        _ROOT = tmp.mktemp("roundtrip")
        write(_ROOT, base_spec())
        write(_ROOT, next_spec())
    return _ROOT


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _root(tmp_path_factory)


def test_up_then_down(root: Path) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents(get("1.0", root)))
    def prop(doc: dict[str, Any]) -> None:
        up = migrate(doc, "1.1", root)
        assert up.document is not None
        assert up.document["header"]["standard"] == "1.1"
        assert migrate(up.document, "1.0", root).document == doc

    prop()


def test_down_then_up(root: Path) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents(get("1.1", root)))
    def prop(doc: dict[str, Any]) -> None:
        down = migrate(doc, "1.0", root)
        assert down.document is not None
        assert migrate(down.document, "1.1", root).document == doc

    prop()
