"""Fixtures for signed packages: one test PKI per session, its TSA, notes, and a package factory."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from endingnote.sign import Pkcs12Signer, create_package
from endingnote.sign.testpki import TestPki, build_test_pki, load_test_pki
from endingnote.sign.tsa import TimestampAuthority

TARO_NOTE: dict[str, Any] = {
    "header": {"standard": "1.0"},
    "person": {
        "name": {"family": "山田", "given": "太郎", "family_kana": "ヤマダ", "given_kana": "タロウ"},
        "birth_date": "1950-04-01",
        "sex": "1",
        "residence_address": {
            "postal_code": "1000013",
            "prefecture": "東京都",
            "city": "千代田区",
            "town": "霞が関二丁目",
            "block": "1-2",
        },
    },
}

PackageFactory = Callable[..., Path]


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    """A test PKI built at the real current time (the in-process TSA stamps real time too)."""
    return build_test_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def pki_copy(pki: TestPki, tmp_path: Path) -> TestPki:
    """A private copy for tests that revoke or re-issue CRLs."""
    target = tmp_path / "pki-copy"
    shutil.copytree(pki.dir, target)
    return load_test_pki(target)


@pytest.fixture(scope="session")
def trust(pki: TestPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pinned anchors: every JPKI signing-CA generation and the trust-services root."""
    folder = tmp_path_factory.mktemp("trust")
    shutil.copy(pki.sign_cas_pem, folder / "jpki-sign-cas.pem")
    shutil.copy(pki.services_root_pem, folder / "services-root.pem")
    return folder


@pytest.fixture(scope="session")
def tsa(pki: TestPki) -> TimestampAuthority:
    return TimestampAuthority.from_test_pki(pki.dir)


def signer_for(pki: TestPki, holder: str) -> Pkcs12Signer:
    h = pki.holder(holder)
    assert h.p12_path is not None and h.password is not None
    return Pkcs12Signer.from_file(h.p12_path, h.password)


def write_note(folder: Path, note: dict[str, Any] | None = None, name: str = "note.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(note if note is not None else TARO_NOTE, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def make_package(pki: TestPki, tsa: TimestampAuthority, tmp_path: Path) -> PackageFactory:
    """``make_package(holder="taro", note=None, attachments={name: bytes}, timestamp=<the TSA>)``."""
    counter = iter(range(1000))

    def factory(
        holder: str = "taro",
        note: dict[str, Any] | None = None,
        attachments: dict[str, bytes] | None = None,
        *,
        timestamp: Any = tsa,
        check_owner: bool = True,
        out: Path | None = None,
    ) -> Path:
        n = next(counter)
        src = tmp_path / f"src{n}"
        src.mkdir()
        note_path = write_note(src, note)
        files: Sequence[Path] = []
        for name, data in (
            attachments if attachments is not None else {"photo.jpg": b"\xff\xd8photo"}
        ).items():
            (src / name).write_bytes(data)
            files = [*files, src / name]
        target = out or tmp_path / f"pkg{n}.asice"
        return create_package(
            note_path,
            files,
            target,
            signer_for(pki, holder),
            tsa=timestamp,
            validate=False,
            check_owner=check_owner,
        )

    return factory


def fresh_crl(pki: TestPki, when: dt.datetime | None = None) -> list[Path]:
    """Re-issue the current generation's CRL at ``when`` (default: a minute from now) without
    revoking the note's owner: "stranger" is revoked instead, so the CRL is not empty."""
    from endingnote.sign.testpki import revoke

    at = when or dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    return revoke(pki.dir, "stranger", at=at, reason="affiliationChanged").crl_paths


def openssl(*args: str | Path, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["openssl", *map(str, args)], input=data, capture_output=True, check=False, timeout=60
    )


def codes(report: Any) -> list[str]:
    return [i.code for i in report.issues]
