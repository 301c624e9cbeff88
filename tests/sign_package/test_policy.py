"""Signer certificate rules at the timestamp's time: validity, key usage, JPKI policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils
from cryptography.hazmat.primitives.serialization import Encoding

from endingnote.sign import Indication, create_package, verify_package
from endingnote.sign.testpki import TestPki
from endingnote.sign.tsa import TimestampAuthority

from .conftest import PackageFactory, codes, write_note


class KeySigner:
    """A throwaway in-test signer (key in memory) for certificates the test PKI does not issue."""

    def __init__(self, cert: x509.Certificate, key: rsa.RSAPrivateKey) -> None:
        self._cert, self._key = cert, key

    @property
    def certificate_der(self) -> bytes:
        return self._cert.public_bytes(Encoding.DER)

    @property
    def chain_der(self) -> list[bytes]:
        return []

    def sign_digest_info(self, digest_info_der: bytes) -> bytes:
        digest = digest_info_der[-32:]
        return self._key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))


def auth_like_certificate(pki: TestPki) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """Issued by sign-ca-3 with taro's basic four data, but digitalSignature only and no signing
    policy — like a 利用者証明用 certificate that must not be accepted for signatures."""
    ca = pki.sign_cas["sign-ca-3"]
    taro = pki.holder("taro").cert
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(taro.subject)
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(
            taro.extensions.get_extension_for_class(x509.SubjectAlternativeName).value, critical=False
        )
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return cert, key


def test_key_usage_and_policy_are_required(
    pki: TestPki, tsa: TimestampAuthority, trust: Path, tmp_path: Path
) -> None:
    cert, key = auth_like_certificate(pki)
    pkg = create_package(
        write_note(tmp_path), [], tmp_path / "auth.asice", KeySigner(cert, key), tsa=tsa, validate=False
    )
    report = verify_package(pkg, trust=trust)
    assert report.indication is Indication.INVALID
    assert {"sign.chain.key_usage", "sign.chain.policy"} <= set(codes(report))
    assert report.intact and report.trusted and report.owner_bound


def test_signature_timestamped_after_expiry_is_invalid(
    make_package: PackageFactory, pki: TestPki, trust: Path
) -> None:
    """The timestamp proves the signature was made after the certificate expired."""
    expired = pki.holder("taro").cert.not_valid_after_utc + dt.timedelta(days=10)
    late_tsa = TimestampAuthority.from_test_pki(pki.dir, clock=lambda: expired)
    report = verify_package(make_package(timestamp=late_tsa), trust=trust, at=expired + dt.timedelta(days=1))
    assert report.indication is Indication.INVALID
    assert "sign.chain.out_of_validity" in codes(report)
    assert report.subindications == ["OUT_OF_BOUNDS_NO_POE"]


def test_expired_now_but_valid_at_the_timestamp(
    make_package: PackageFactory, pki: TestPki, trust: Path
) -> None:
    """Decades later the certificate (and its CA generation) has expired: validation uses the
    timestamp's time, so the signature is still not INVALID — only revocation stays unknown."""
    pkg = make_package()
    later = pki.sign_cas["sign-ca-3"].cert.not_valid_after_utc + dt.timedelta(days=1)
    assert later < pki.tsa.cert.not_valid_after_utc
    report = verify_package(pkg, trust=trust, at=later)
    assert codes(report) == ["sign.revocation.unknown"]
    assert report.trusted
