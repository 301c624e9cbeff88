"""Certificate profiles shaped like J-LIS's (see ``shared/domain/jpki.md`` §2) and the test services.

Only certificate *building* lives here; which certificates exist is decided in ``_build.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    from endingnote.sign.card._basic4 import BasicFourData

JST = dt.timezone(dt.timedelta(hours=9), "JST")

CPS_URI = "http://www.jpki.go.jp/cps.html"

# The DN every signing-CA generation shares (jpki/myna src/ta/sign_ca_*.pem).
SIGN_CA_DN = (
    ("C", "JP"),
    ("O", "JPKI"),
    ("OU", "JPKI for digital signature"),
    ("OU", "Japan Agency for Local Authority Information Systems"),
)
AUTH_CA_DN = (
    ("C", "JP"),
    ("O", "JPKI"),
    ("OU", "JPKI for user authentication"),
    ("OU", "Japan Agency for Local Authority Information Systems"),
)
POLICY_AUTH = "1.2.392.200149.8.5.1.3.30"  # 利用者証明用電子証明書
JPKI_SERVICE_DN = (("C", "JP"), ("O", "公的個人認証サービス"))


def name(rdns: tuple[tuple[str, str], ...]) -> x509.Name:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    oids = {
        "C": NameOID.COUNTRY_NAME,
        "O": NameOID.ORGANIZATION_NAME,
        "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
        "CN": NameOID.COMMON_NAME,
        "L": NameOID.LOCALITY_NAME,
    }
    return x509.Name([x509.RelativeDistinguishedName([x509.NameAttribute(oids[k], v)]) for k, v in rdns])


def new_key() -> RSAPrivateKey:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def serial_for(label: str) -> int:
    """A stable, positive, unique-enough serial derived from a label (tests compare serials)."""
    return int.from_bytes(hashlib.sha256(label.encode()).digest()[:8], "big") >> 1 | 1


@dataclass(frozen=True, slots=True)
class Issuer:
    cert: x509.Certificate
    key: RSAPrivateKey


def _builder(
    subject: x509.Name,
    issuer_name: x509.Name,
    key: RSAPrivateKey,
    serial: int,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> x509.CertificateBuilder:
    from cryptography import x509

    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )


def _dirname_dp(rdns: tuple[tuple[str, str], ...]) -> x509.CRLDistributionPoints:
    from cryptography import x509

    return x509.CRLDistributionPoints(
        [x509.DistributionPoint([x509.DirectoryName(name(rdns))], None, None, None)]
    )


def _sign(builder: x509.CertificateBuilder, key: RSAPrivateKey) -> x509.Certificate:
    from cryptography.hazmat.primitives import hashes

    return builder.sign(key, hashes.SHA256())


def sign_ca(
    key: RSAPrivateKey,
    serial: int,
    not_before: dt.datetime,
    not_after: dt.datetime,
    crl_cn: str,
    dn: tuple[tuple[str, str], ...] = SIGN_CA_DN,
) -> x509.Certificate:
    """A self-signed CA generation: identical DN across generations, own key and serial.

    ``dn`` is :data:`SIGN_CA_DN` (署名用) or :data:`AUTH_CA_DN` (利用者証明用)."""
    from cryptography import x509

    subject = name(dn)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    builder = (
        _builder(subject, subject, key, serial, not_before, not_after)
        .add_extension(x509.AuthorityKeyIdentifier(ski.digest, None, None), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectAlternativeName([x509.DirectoryName(name(JPKI_SERVICE_DN))]), False)
        .add_extension(_dirname_dp((*dn, ("CN", crl_cn))), critical=False)
    )
    return _sign(builder, key)


def _key_usage(*, cert_sign: bool = False, non_repudiation: bool = False) -> x509.KeyUsage:
    from cryptography import x509

    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def holder(
    issuer: Issuer,
    key: RSAPrivateKey,
    serial: int,
    cn: str,
    not_before: dt.datetime,
    not_after: dt.datetime,
    data: BasicFourData,
    policy_oid: str,
    crl_cn: str,
) -> x509.Certificate:
    """A 署名用電子証明書: RSA-2048, SHA-256, critical keyUsage and policies, 基本4情報 in the SAN."""
    from cryptography import x509
    from cryptography.x509.oid import ObjectIdentifier

    from endingnote.sign.card._basic4 import other_names

    san = x509.SubjectAlternativeName(
        [x509.OtherName(ObjectIdentifier(oid), der) for oid, der in other_names(data)]
    )
    policies = x509.CertificatePolicies([x509.PolicyInformation(ObjectIdentifier(policy_oid), [CPS_URI])])
    builder = (
        _builder(name((("C", "JP"), ("CN", cn))), issuer.cert.subject, key, serial, not_before, not_after)
        .add_extension(_aki(issuer), critical=False)
        .add_extension(_key_usage(non_repudiation=True), critical=True)
        .add_extension(policies, critical=True)
        .add_extension(san, critical=False)
        .add_extension(x509.IssuerAlternativeName([x509.DirectoryName(name(JPKI_SERVICE_DN))]), False)
        .add_extension(_dirname_dp((*SIGN_CA_DN, ("CN", crl_cn))), critical=False)
    )
    return _sign(builder, issuer.key)


def auth_holder(
    issuer: Issuer, key: RSAPrivateKey, serial: int, cn: str, not_before: dt.datetime, not_after: dt.datetime
) -> x509.Certificate:
    """A 利用者証明用電子証明書: digitalSignature only, policy ``…1.3.30``, no 基本4情報."""
    from cryptography import x509
    from cryptography.x509.oid import ObjectIdentifier

    policies = x509.CertificatePolicies([x509.PolicyInformation(ObjectIdentifier(POLICY_AUTH), [CPS_URI])])
    builder = (
        _builder(name((("C", "JP"), ("CN", cn))), issuer.cert.subject, key, serial, not_before, not_after)
        .add_extension(_aki(issuer), critical=False)
        .add_extension(_key_usage(), critical=True)
        .add_extension(policies, critical=True)
        .add_extension(x509.IssuerAlternativeName([x509.DirectoryName(name(JPKI_SERVICE_DN))]), False)
        .add_extension(_dirname_dp((*AUTH_CA_DN, ("CN", "CRL0001"))), critical=False)
    )
    return _sign(builder, issuer.key)


def _aki(issuer: Issuer) -> x509.AuthorityKeyIdentifier:
    from cryptography import x509

    ski = issuer.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


def services_root(key: RSAPrivateKey, not_before: dt.datetime, not_after: dt.datetime) -> x509.Certificate:
    """The test trust-services root (TSA, attestation parties, the 戸籍 e-certificate issuer)."""
    from cryptography import x509

    subject = name((("C", "JP"), ("O", "endingnote test"), ("CN", "endingnote Test Trust Services Root")))
    builder = (
        _builder(subject, subject, key, serial_for("root"), not_before, not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
    )
    return _sign(builder, key)


def service(
    issuer: Issuer,
    key: RSAPrivateKey,
    label: str,
    rdns: tuple[tuple[str, str], ...],
    not_before: dt.datetime,
    not_after: dt.datetime,
    *,
    eku: str | None = None,
    eku_critical: bool = False,
    non_repudiation: bool = False,
) -> x509.Certificate:
    """An end-entity certificate for a test service (TSA, OCSP responder, attestation, issuer)."""
    from cryptography import x509
    from cryptography.x509.oid import ObjectIdentifier

    builder = (
        _builder(name(rdns), issuer.cert.subject, key, serial_for(label), not_before, not_after)
        .add_extension(_aki(issuer), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(non_repudiation=non_repudiation), critical=True)
    )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ObjectIdentifier(eku)]), critical=eku_critical)
    return _sign(builder, issuer.key)
