"""Revocation and the chain at the timestamp's time: the policy for a decedent's signature."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from endingnote.sign import Indication, Revocation, verify_package
from endingnote.sign.testpki import TestPki, revoke
from endingnote.sign.tsa import OcspResponder, serve_ocsp

from .conftest import PackageFactory, codes, fresh_crl

NOTE_LOST = {
    "header": {"standard": "1.0"},
    "person": {
        "name": {"family": "鈴木", "given": "花"},
        "birth_date": "2000-01-10",
        "sex": "2",
        "residence_address": {
            "prefecture": "福岡県",
            "city": "福岡市中央区",
            "town": "天神一丁目",
            "block": "8-1",
        },
    },
}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_revoked_after_the_timestamp_stays_valid(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path
) -> None:
    """Death revokes the certificate days later: the signature made before stays valid."""
    pkg = make_package()
    death = now() + dt.timedelta(days=3)
    revoked = revoke(pki_copy.dir, "taro", at=death, reason="cessationOfOperation")
    report = verify_package(pkg, trust=trust, crls=revoked.crl_paths, at=death + dt.timedelta(days=30))
    assert report.indication is Indication.VALID, codes(report)
    assert report.revocation is Revocation.REVOKED_AFTER_SIGNING
    assert report.revoked_at is not None and report.revoked_at > report.timestamp_time  # type: ignore[operator]
    assert codes(report) == ["sign.revocation.revoked_after"]


def test_revoked_before_the_timestamp_is_invalid(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path
) -> None:
    revoked = revoke(
        pki_copy.dir,
        "taro",
        at=now() - dt.timedelta(hours=1),
        reason="affiliationChanged",
        crl_time=now() + dt.timedelta(minutes=1),
    )
    report = verify_package(make_package(), trust=trust, crls=revoked.crl_paths)
    assert report.indication is Indication.INVALID
    assert report.revocation is Revocation.REVOKED_BEFORE_SIGNING
    assert codes(report) == ["sign.revocation.revoked"]
    assert report.subindications == ["REVOKED"]


def test_key_compromise_after_signing_is_flagged(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path
) -> None:
    pkg = make_package()
    revoked = revoke(pki_copy.dir, "taro", at=now() + dt.timedelta(days=1), reason="keyCompromise")
    report = verify_package(pkg, trust=trust, crls=revoked.crl_paths, at=now() + dt.timedelta(days=2))
    assert report.indication is Indication.INDETERMINATE
    assert codes(report) == ["sign.revocation.compromise_after"]


def test_invalidity_date_before_signing_is_invalid(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path
) -> None:
    """Revoked later, but the key was declared compromised since before the signature."""
    pkg = make_package()
    revoked = revoke(
        pki_copy.dir,
        "taro",
        at=now() + dt.timedelta(days=1),
        reason="keyCompromise",
        invalidity_date=now() - dt.timedelta(days=2),
    )
    report = verify_package(pkg, trust=trust, crls=revoked.crl_paths, at=now() + dt.timedelta(days=2))
    assert report.indication is Indication.INVALID
    assert codes(report) == ["sign.revocation.revoked"]


def test_hold_from_an_old_crl_still_counts(make_package: PackageFactory, pki: TestPki, trust: Path) -> None:
    """The "lost" card was put on hold 30 days ago: the CRL is older than the signature, but an
    entry in it is usable whatever the CRL's age."""
    pkg = make_package("lost", NOTE_LOST)
    report = verify_package(pkg, trust=trust, crls=pki.crl_paths)
    assert report.indication is Indication.INVALID
    assert codes(report) == ["sign.revocation.revoked"]
    assert "certificateHold" in report.issues[0].message_en


def test_crl_of_another_generation_with_the_same_dn_is_not_used(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path
) -> None:
    """sign-ca-2's CRL has the same issuer DN as sign-ca-3's: it must not vouch for taro."""
    pkg = make_package()
    revoked = revoke(pki_copy.dir, "ichiro", at=now() + dt.timedelta(minutes=1), reason="affiliationChanged")
    other = [p for p in revoked.crl_paths if "sign-ca-2" in str(p)]
    assert other
    report = verify_package(pkg, trust=trust, crls=other)
    assert report.revocation is Revocation.UNKNOWN
    assert "no supplied CRL was issued by the signer's CA" in report.issues[0].message_en


def test_chain_selects_the_generation_by_key_not_dn(
    make_package: PackageFactory, pki: TestPki, tmp_path: Path
) -> None:
    """ichiro's certificate is from sign-ca-2. Trusting only sign-ca-3 (same DN) must not chain."""
    note = {
        "header": {"standard": "1.0"},
        "person": {
            "name": {"family": "山田", "given": "一郎"},
            "birth_date": "1978-11-03",
            "sex": "1",
            "residence_address": {
                "prefecture": "神奈川県",
                "city": "横浜市中区",
                "town": "日本大通",
                "block": "1",
            },
        },
    }
    pkg = make_package("ichiro", note)
    only3 = tmp_path / "only3"
    only3.mkdir()
    (only3 / "ca3.pem").write_bytes(pki.sign_cas["sign-ca-3"].cert_path.read_bytes())
    (only3 / "root.pem").write_bytes(pki.services_root_pem.read_bytes())
    report = verify_package(pkg, trust=only3)
    assert report.indication is Indication.INDETERMINATE
    assert "sign.chain.untrusted" in codes(report) and not report.trusted
    (only3 / "ca2.pem").write_bytes(pki.sign_cas["sign-ca-2"].cert_path.read_bytes())
    report = verify_package(pkg, trust=only3)
    assert report.trusted and codes(report) == ["sign.revocation.unknown"]


def test_test_card_policy_is_reported(make_package: PackageFactory, trust: Path) -> None:
    note = {
        "header": {"standard": "1.0"},
        "person": {
            "name": {"family": "試験", "given": "一"},
            "birth_date": "1990-10-01",
            "sex": "0",
            "residence_address": {
                "prefecture": "東京都",
                "city": "千代田区",
                "town": "霞が関二丁目",
                "block": "1-2",
            },
        },
    }
    report = verify_package(make_package("tester", note), trust=trust)
    assert "sign.chain.test_policy" in codes(report)
    assert report.owner_bound  # JPKI sex 3 (unknown) = ISO 5218 0 (not known)


@pytest.mark.parametrize(
    ("holder_revoked", "expected"), [(False, Revocation.GOOD), (True, Revocation.REVOKED_BEFORE_SIGNING)]
)
def test_ocsp_responder(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path, holder_revoked: bool, expected: Revocation
) -> None:
    pkg = make_package()
    if holder_revoked:
        revoke(pki_copy.dir, "taro", at=now() - dt.timedelta(days=1), reason="affiliationChanged")
    with serve_ocsp(OcspResponder.from_test_pki(pki_copy.dir)) as server:
        assert server.url.startswith("http://127.0.0.1:")
        report = verify_package(pkg, trust=trust, ocsp=server.url)
        assert server.requests == 1
    assert report.revocation is expected, codes(report)
    assert report.revocation_source == f"ocsp:{server.url}"
    assert report.indication is (Indication.VALID if not holder_revoked else Indication.INVALID)


def test_ocsp_for_an_older_generation_is_signed_by_that_ca(
    make_package: PackageFactory, pki: TestPki, trust: Path
) -> None:
    note = {
        "header": {"standard": "1.0"},
        "person": {
            "name": {"family": "山田", "given": "一郎"},
            "birth_date": "1978-11-03",
            "sex": "1",
            "residence_address": {
                "prefecture": "神奈川県",
                "city": "横浜市中区",
                "town": "日本大通",
                "block": "1",
            },
        },
    }
    pkg = make_package("ichiro", note)
    with serve_ocsp(OcspResponder.from_test_pki(pki.dir)) as server:
        report = verify_package(pkg, trust=trust, ocsp=server.url)
    assert report.revocation is Revocation.GOOD and report.indication is Indication.VALID


def test_unreachable_ocsp_is_not_a_pass(make_package: PackageFactory, trust: Path) -> None:
    with serve_ocsp(OcspResponder()) as server:  # knows no CA: answers "unauthorized"
        report = verify_package(make_package(), trust=trust, ocsp=server.url)
    assert report.revocation is Revocation.UNKNOWN
    assert codes(report) == ["sign.revocation.source_invalid", "sign.revocation.unknown"]
    report = verify_package(make_package(), trust=trust, ocsp="http://127.0.0.1:9/")
    assert report.revocation is Revocation.UNKNOWN
    assert report.indication is Indication.INDETERMINATE


def test_fresh_crl_from_the_helper_is_good(
    make_package: PackageFactory, pki_copy: TestPki, trust: Path
) -> None:
    report = verify_package(make_package(), trust=trust, crls=fresh_crl(pki_copy))
    assert report.revocation is Revocation.GOOD
    assert report.revocation_source is not None and report.revocation_source.startswith("crl:")
