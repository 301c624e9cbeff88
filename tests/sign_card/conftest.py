"""Fixtures for the card, signers and test PKI.

Reusable by other test folders: ``build_test_pki`` and ``endingnote.sign.card.testing`` are
library functions; these fixtures only wrap them.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from endingnote.sign.card import JpkiCardEmulator
from endingnote.sign.card.testing import Pcscd
from endingnote.sign.testpki import TestPki, build_test_pki

NOW = dt.datetime(2026, 1, 15, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    """One test PKI per session (read-only: tests that revoke use ``fresh_pki``)."""
    return build_test_pki(tmp_path_factory.mktemp("pki"), now=NOW)


@pytest.fixture
def fresh_pki(tmp_path: Path) -> TestPki:
    return build_test_pki(tmp_path / "pki", now=NOW)


@pytest.fixture
def emulator(pki: TestPki) -> JpkiCardEmulator:
    """taro's card, fresh counter."""
    return JpkiCardEmulator.from_test_pki(pki, "taro")


@pytest.fixture(scope="module")
def pcscd() -> Iterator[Pcscd]:
    """A real pcscd (foreground, stopped by PID) with vpcd, for one test module.

    Fails (does not skip) when the stack is missing: CI runs as root with the Debian packages.
    """
    from endingnote.sign.card.testing import pcsc_available, running_pcscd

    reason = pcsc_available()
    if reason:
        pytest.fail(f"the PC/SC integration stack is not available: {reason}")
    with running_pcscd() as daemon:
        yield daemon


def openssl(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["openssl", *args], input=data, capture_output=True, check=False, timeout=30)


def rsa_public(cert: object) -> rsa.RSAPublicKey:
    from cryptography import x509

    assert isinstance(cert, x509.Certificate)
    key = cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    return key
