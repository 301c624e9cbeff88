"""Fixtures for the heir tests: the test PKI of ``endingnote.sign.testpki`` (real keys, real CMS)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from endingnote.sign.testpki import TestPki

PKI_NOW = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    from endingnote.sign.testpki import build_test_pki

    return build_test_pki(tmp_path_factory.mktemp("heirs-pki"), now=PKI_NOW)
