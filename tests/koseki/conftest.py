"""Fixtures for the family-register tests: the demo family's registers and a test PKI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from endingnote.koseki import load_registers

if TYPE_CHECKING:
    from endingnote.koseki import Register
    from endingnote.sign.testpki import TestPki

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "standard" / "koseki" / "examples" / "yamada"
JST = dt.timezone(dt.timedelta(hours=9))
PKI_NOW = dt.datetime(2026, 9, 1, tzinfo=JST)
ISSUED_AT = dt.datetime(2026, 10, 1, 10, 0, tzinfo=JST)
CHECK_AT = dt.datetime(2026, 11, 1, 12, 0, tzinfo=JST)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def registers() -> list[Register]:
    loaded = load_registers(EXAMPLES)
    assert not loaded.report.issues, [i.to_dict() for i in loaded.report]
    return loaded.registers


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    from endingnote.sign.testpki import build_test_pki

    return build_test_pki(tmp_path_factory.mktemp("koseki-pki"), now=PKI_NOW)
