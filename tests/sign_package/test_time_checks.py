"""Time: the claimed signing time against the proven one, ``--at`` before the timestamp, and what
"revocation unknown" says it proved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from endingnote.sign import Indication, Revocation, create_package, verify_package
from endingnote.sign._limits import SIGNING_TIME_TOLERANCE
from endingnote.sign.testpki import TestPki
from endingnote.sign.tsa import TimestampAuthority

from .conftest import PackageFactory, codes, fresh_crl, signer_for, write_note


def _signed(pki: TestPki, tsa: TimestampAuthority, tmp_path: Path, signing_time: dt.datetime) -> Path:
    note = write_note(tmp_path)
    return create_package(
        note,
        [],
        tmp_path / "pkg.asice",
        signer_for(pki, "taro"),
        tsa=tsa,
        validate=False,
        signing_time=signing_time,
    )


def test_a_signing_time_two_days_after_the_timestamp_is_invalid(
    pki: TestPki, tsa: TimestampAuthority, trust: Path, pki_copy: TestPki, tmp_path: Path
) -> None:
    claimed = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    report = verify_package(
        _signed(pki, tsa, tmp_path, claimed), trust=trust, crls=fresh_crl(pki_copy), at=claimed
    )
    assert report.indication is Indication.INVALID, codes(report)
    found = [i for i in report.issues if i.code == "sign.timestamp.signing_time_later"]
    assert found and str(SIGNING_TIME_TOLERANCE.value) in found[0].message_en
    assert "SIG_CONSTRAINTS_FAILURE" in report.subindications


@pytest.mark.parametrize(
    "skew", [dt.timedelta(seconds=-3600), dt.timedelta(seconds=SIGNING_TIME_TOLERANCE.value - 30)]
)
def test_a_signing_time_before_or_within_the_tolerance_is_fine(
    pki: TestPki, tsa: TimestampAuthority, trust: Path, pki_copy: TestPki, tmp_path: Path, skew: dt.timedelta
) -> None:
    claimed = dt.datetime.now(dt.UTC) + skew
    report = verify_package(_signed(pki, tsa, tmp_path, claimed), trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.VALID, codes(report)


def test_validation_at_a_time_before_the_timestamp_is_indeterminate(
    make_package: PackageFactory, trust: Path, pki_copy: TestPki
) -> None:
    pkg = make_package()
    before = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    report = verify_package(pkg, trust=trust, crls=fresh_crl(pki_copy), at=before)
    assert report.indication is Indication.INDETERMINATE, codes(report)
    found = [i for i in report.issues if i.code == "sign.timestamp.after_validation_time"]
    assert found and before.isoformat() in found[0].message_en
    assert report.timestamp_time is None  # the stamp is no proof at that time


def test_revocation_unknown_states_the_proven_time(make_package: PackageFactory, trust: Path) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    report = verify_package(make_package(), trust=trust, at=later)
    assert report.revocation is Revocation.UNKNOWN
    assert report.timestamp_time is not None
    unknown = next(i for i in report.issues if i.code == "sign.revocation.unknown")
    assert report.timestamp_time.isoformat() in unknown.message_en
    assert later.isoformat() not in unknown.message_en


def test_revocation_unknown_without_a_timestamp_claims_no_time(
    make_package: PackageFactory, trust: Path
) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    report = verify_package(make_package(timestamp=None), trust=trust, at=later)
    assert report.revocation is Revocation.UNKNOWN
    assert "sign.revocation.unknown" not in codes(report)
    unknown = next(i for i in report.issues if i.code == "sign.revocation.unknown_unproven")
    assert later.isoformat() not in unknown.message_en and "not proven" in unknown.message_en
