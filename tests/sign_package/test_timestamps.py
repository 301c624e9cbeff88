"""The test TSA (in-process and over loopback HTTP), archive timestamps and long-term verification."""

from __future__ import annotations

import datetime as dt
import urllib.request
import zipfile
from pathlib import Path

import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from endingnote.errors import SigningError
from endingnote.sign import Indication, renew_package, verify_package
from endingnote.sign.testpki import TestPki
from endingnote.sign.tsa import TimestampAuthority, parse_token, request_timestamp, resolve_tsa, serve_tsa
from endingnote.sign.tsa._token import response_spec

from .conftest import PackageFactory, codes, fresh_crl


def long_lived_tsa(
    pki: TestPki, clock: dt.datetime, years: int = 19, *, eku_critical: bool = True
) -> TimestampAuthority:
    """A second TSA, issued by the services root, whose certificate outlives the first one's."""
    from cryptography.hazmat.primitives.serialization import Encoding

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = pki.root.cert
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "endingnote Test TSA 2")]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * years))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=eku_critical)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(pki.root.key.public_key()), critical=False
        )
        .sign(pki.root.key, hashes.SHA256())
    )
    return TimestampAuthority(
        cert.public_bytes(Encoding.DER),
        key,
        chain_der=(root.public_bytes(Encoding.DER),),
        clock=lambda: clock,
    )


def test_http_tsa_roundtrip(tsa: TimestampAuthority) -> None:
    with serve_tsa(tsa) as server:
        assert server.url.startswith("http://127.0.0.1:")
        token = request_timestamp(b"hello", server.url)
        assert server.requests == 1
    parsed = parse_token(token)
    assert parsed.matches(b"hello") and not parsed.matches(b"other")
    assert parsed.eku_ok
    assert abs((parsed.gen_time - dt.datetime.now(dt.UTC)).total_seconds()) < 60


def test_tsa_rejects_bad_requests(tsa: TimestampAuthority) -> None:
    response = response_spec().load(tsa.respond(b"garbage"))
    assert response["status"]["status"].native == "rejection"
    wrong_length = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": b"short"},
        }
    )
    response = response_spec().load(tsa.respond(wrong_length.dump()))
    assert response["status"]["status"].native == "rejection"
    assert "bad_alg" in response["status"]["fail_info"].native


def test_http_tsa_refuses_wrong_content_type(tsa: TimestampAuthority) -> None:
    with serve_tsa(tsa) as server:
        req = urllib.request.Request(  # noqa: S310 — loopback test server
            server.url, data=b"x", headers={"Content-Type": "text/plain"}, method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(req, timeout=5)  # noqa: S310 — loopback test server
        assert caught.value.code == 400
        caught.value.close()


def test_client_errors_are_signing_errors() -> None:
    with pytest.raises(SigningError, match="cannot reach"):
        request_timestamp(b"x", "http://127.0.0.1:9/")


def test_resolve_tsa_dir_and_url(pki: TestPki) -> None:
    assert isinstance(resolve_tsa(pki.dir), TimestampAuthority)
    assert resolve_tsa("http://127.0.0.1:1/tsa") == "http://127.0.0.1:1/tsa"


def test_package_signed_through_the_http_tsa(
    make_package: PackageFactory, tsa: TimestampAuthority, trust: Path
) -> None:
    with serve_tsa(tsa) as server:
        pkg = make_package(timestamp=server.url)
    assert codes(verify_package(pkg, trust=trust)) == ["sign.revocation.unknown"]


def test_timestamp_from_an_untrusted_tsa(make_package: PackageFactory, pki: TestPki, trust: Path) -> None:
    """A TSA whose root is not pinned gives no proof of time."""
    from cryptography.hazmat.primitives.serialization import Encoding

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rogue TSA")])
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    rogue = TimestampAuthority(cert.public_bytes(Encoding.DER), key)
    report = verify_package(make_package(timestamp=rogue), trust=trust)
    assert report.indication is Indication.INDETERMINATE
    assert "sign.timestamp.untrusted" in codes(report)
    assert report.timestamp_time is None


def test_renew_adds_archive_timestamps(
    make_package: PackageFactory, tsa: TimestampAuthority, trust: Path
) -> None:
    pkg = make_package()
    renew_package(pkg, tsa)
    renew_package(pkg, tsa)
    with zipfile.ZipFile(pkg) as zf:
        names = zf.namelist()
    assert names[0] == "mimetype"
    assert {
        "META-INF/ASiCArchiveManifest.xml",
        "META-INF/ASiCArchiveManifest001.xml",
        "META-INF/timestamp001.tst",
        "META-INF/timestamp002.tst",
    } <= set(names)
    report = verify_package(pkg, trust=trust)
    assert codes(report) == ["sign.revocation.unknown"]
    kinds = sorted((t.kind, t.file, t.valid) for t in report.timestamps)
    assert kinds == [
        ("archive", "META-INF/timestamp001.tst", True),
        ("archive", "META-INF/timestamp002.tst", True),
        ("signature", "META-INF/signature001.p7s", True),
    ]


def test_still_verifiable_after_the_tsa_certificate_expires(
    make_package: PackageFactory, pki: TestPki, pki_copy: TestPki, trust: Path, tmp_path: Path
) -> None:
    """Signed now; the first TSA's certificate expires; an archive timestamp made before that by a
    longer-lived TSA keeps the package verifiable. Without it, the proof of time is lost."""
    pkg = make_package()
    crls = fresh_crl(pki_copy)
    later = pki.tsa.cert.not_valid_after_utc + dt.timedelta(days=365)
    before_expiry = pki.tsa.cert.not_valid_after_utc - dt.timedelta(days=30)

    report = verify_package(pkg, trust=trust, crls=crls, at=later)
    assert report.indication is Indication.INDETERMINATE
    assert "sign.timestamp.untrusted" in codes(report)

    renewed = renew_package(pkg, long_lived_tsa(pki, before_expiry), out=tmp_path / "renewed.asice")
    report = verify_package(renewed, trust=trust, crls=crls, at=later)
    assert report.indication is Indication.VALID, codes(report)
    signature_stamp = next(t for t in report.timestamps if t.kind == "signature")
    assert signature_stamp.valid and signature_stamp.checked_at == before_expiry


def test_archive_timestamp_detects_later_changes(
    make_package: PackageFactory, tsa: TimestampAuthority, trust: Path, tmp_path: Path
) -> None:
    pkg = make_package()
    renew_package(pkg, tsa)
    bad = tmp_path / "bad.asice"
    with zipfile.ZipFile(pkg) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "META-INF/timestamp001.tst":
                data = data[:-1] + bytes([data[-1] ^ 1])
            zout.writestr(info, data)
    report = verify_package(bad, trust=trust)
    assert "sign.timestamp.crypto_failure" in codes(report)
    assert report.indication is Indication.INDETERMINATE


def test_archive_timestamp_before_the_signature_is_out_of_order(
    make_package: PackageFactory, pki: TestPki, trust: Path
) -> None:
    pkg = make_package()
    renew_package(pkg, long_lived_tsa(pki, dt.datetime.now(dt.UTC) - dt.timedelta(hours=12)))
    report = verify_package(pkg, trust=trust)
    assert "sign.timestamp.order" in codes(report)
    assert report.indication is Indication.INDETERMINATE


def test_token_dated_outside_the_tsa_certificate_is_untrusted(
    make_package: PackageFactory, pki: TestPki, trust: Path
) -> None:
    """A TSA (key leaked, clock wrong) that dates a token before its own certificate began."""
    early = pki.tsa.cert.not_valid_before_utc - dt.timedelta(days=2)
    report = verify_package(
        make_package(timestamp=TimestampAuthority.from_test_pki(pki.dir, clock=lambda: early)), trust=trust
    )
    assert "sign.timestamp.untrusted" in codes(report)
    assert report.timestamp_time is None


def test_archive_timestamp_is_the_proof_of_existence_without_a_signature_timestamp(
    make_package: PackageFactory, tsa: TimestampAuthority, pki_copy: TestPki, trust: Path
) -> None:
    """Signed without a TSA (CAdES-B-B), renewed later: the archive timestamp proves the signature
    existed at its time, and the package validates at that time."""
    pkg = make_package(timestamp=None)
    assert "sign.timestamp.missing" in codes(verify_package(pkg, trust=trust))
    renew_package(pkg, tsa)
    report = verify_package(pkg, trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.VALID, codes(report)
    assert codes(report) == ["sign.timestamp.archive_poe"]
    assert report.timestamp_time == next(t.gen_time for t in report.timestamps if t.kind == "archive")


def test_tsa_certificate_needs_a_critical_timestamping_eku(
    make_package: PackageFactory, pki: TestPki, trust: Path
) -> None:
    weak = long_lived_tsa(pki, dt.datetime.now(dt.UTC), eku_critical=False)
    report = verify_package(make_package(timestamp=weak), trust=trust)
    assert "sign.timestamp.eku" in codes(report)
    assert report.timestamp_time is None and report.indication is Indication.INDETERMINATE
