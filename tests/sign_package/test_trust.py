"""The trust core (pyhanko-certvalidator) and the JPKI layer above it, on certificates made here.

The core's tests check that RFC 5280 rules we no longer implement ourselves are applied: CA key
usage, basic constraints, path length, name constraints, unknown critical extensions, validity of
every certificate at a past time, revocation at a past time with later revocation data. The JPKI
layer's tests pin what is ours: one DN for several CA generations, revocation at death is not
invalidity, invalidity dates, later key compromise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from endingnote.sign.testpki import TestPki
from endingnote.sign.trust import revocation_at, revocation_verdict, validate_chain

T0 = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
_KEYS: list[rsa.RSAPrivateKey] = []


def _key(i: int) -> rsa.RSAPrivateKey:
    while len(_KEYS) <= i:
        _KEYS.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    return _KEYS[i]


@dataclass
class Made:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"), x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    )


def make(
    cn: str,
    key: rsa.RSAPrivateKey,
    issuer: Made | None = None,
    *,
    ca: bool = True,
    path_length: int | None = None,
    key_cert_sign: bool = True,
    not_before: dt.datetime = T0 - dt.timedelta(days=365),
    not_after: dt.datetime = T0 + dt.timedelta(days=365),
    extra: list[tuple[Any, bool]] = (),  # type: ignore[assignment]
) -> Made:
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer.cert.subject if issuer else _name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length if ca else None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca and key_cert_sign,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    for ext, critical in extra:
        builder = builder.add_extension(ext, critical=critical)
    return Made(builder.sign(signing_key, hashes.SHA256()), key)


def crl(
    issuer: Made, at: dt.datetime, revoked: list[tuple[x509.Certificate, dt.datetime, list[Any]]]
) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(at)
        .next_update(at + dt.timedelta(days=1))
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
        .add_extension(x509.CRLNumber(1), critical=False)
    )
    for cert, when, exts in revoked:
        entry = x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(when)
        for ext in exts:
            entry = entry.add_extension(ext, critical=False)
        builder = builder.add_revoked_certificate(entry.build())
    return builder.sign(issuer.key, hashes.SHA256()).public_bytes(Encoding.DER)


@pytest.fixture(scope="module")
def root() -> Made:
    return make("Root", _key(0))


@pytest.fixture(scope="module")
def sub(root: Made) -> Made:
    return make("Sub", _key(1), root)


def test_a_valid_path_through_an_intermediate(root: Made, sub: Made) -> None:
    leaf = make("Leaf", _key(2), sub, ca=False)
    result = validate_chain(leaf.cert, [root.cert], [sub.cert], at=T0)
    assert result.ok, result.detail
    assert result.path == (leaf.cert, sub.cert, root.cert) and result.issuer == sub.cert


def test_no_path_without_the_intermediate(root: Made, sub: Made) -> None:
    leaf = make("Leaf", _key(2), sub, ca=False)
    result = validate_chain(leaf.cert, [root.cert], [], at=T0)
    assert (result.ok, result.kind) == (False, "no_path")


def test_an_issuer_that_is_not_a_ca(root: Made) -> None:
    not_ca = make("NotCA", _key(1), root, ca=False)
    leaf = make("Leaf", _key(2), not_ca, ca=False)
    result = validate_chain(leaf.cert, [root.cert], [not_ca.cert], at=T0)
    assert not result.ok and result.kind in ("constraints", "no_path")


def test_a_ca_without_key_cert_sign(root: Made) -> None:
    weak = make("NoCertSign", _key(1), root, key_cert_sign=False)
    leaf = make("Leaf", _key(2), weak, ca=False)
    result = validate_chain(leaf.cert, [root.cert], [weak.cert], at=T0)
    assert (result.ok, result.kind) == (False, "constraints"), result.detail


def test_path_length(root: Made) -> None:
    first = make("Sub0", _key(1), root, path_length=0)
    second = make("Sub1", _key(3), first)
    leaf = make("Leaf", _key(2), second, ca=False)
    result = validate_chain(leaf.cert, [root.cert], [first.cert, second.cert], at=T0)
    assert (result.ok, result.kind) == (False, "constraints"), result.detail


def test_name_constraints(root: Made) -> None:
    excluded = x509.NameConstraints(
        permitted_subtrees=None,
        excluded_subtrees=[x509.DirectoryName(_name("Forbidden"))],
    )
    constrained = make("Constrained", _key(1), root, extra=[(excluded, True)])
    leaf = make("Forbidden", _key(2), constrained, ca=False)
    result = validate_chain(leaf.cert, [root.cert], [constrained.cert], at=T0)
    assert (result.ok, result.kind) == (False, "constraints"), result.detail


def test_an_unknown_critical_extension(root: Made) -> None:
    odd = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.32473.99"), b"\x05\x00")
    leaf = make("Leaf", _key(2), root, ca=False, extra=[(odd, True)])
    assert not validate_chain(leaf.cert, [root.cert], at=T0).ok
    leaf = make("Leaf", _key(2), root, ca=False, extra=[(odd, False)])
    assert validate_chain(leaf.cert, [root.cert], at=T0).ok  # not critical: ignored, as RFC 5280 says


def test_every_certificate_is_checked_at_the_time_asked(root: Made) -> None:
    short = make("Short", _key(1), root, not_after=T0 - dt.timedelta(days=1))
    leaf = make("Leaf", _key(2), short, ca=False)
    earlier = validate_chain(leaf.cert, [root.cert], [short.cert], at=T0 - dt.timedelta(days=30))
    assert earlier.ok, earlier.detail
    now = validate_chain(leaf.cert, [root.cert], [short.cert], at=T0)
    assert (now.ok, now.kind, now.leaf) == (False, "validity", False)


def test_revocation_at_a_past_time(root: Made) -> None:
    leaf = make("Leaf", _key(2), root, ca=False)
    path = (leaf.cert, root.cert)
    revoked_later = crl(root, T0 + dt.timedelta(days=2), [(leaf.cert, T0 + dt.timedelta(days=1), [])])
    assert revocation_at(leaf.cert, path, at=T0, crls=[revoked_later]).status == "good"
    before = revocation_at(leaf.cert, path, at=T0 + dt.timedelta(days=1, hours=1), crls=[revoked_later])
    assert before.status == "revoked" and before.revoked_at == T0 + dt.timedelta(days=1)
    stale = crl(root, T0 - dt.timedelta(days=1), [])  # issued before T0: says nothing about T0
    assert revocation_at(leaf.cert, path, at=T0, crls=[stale]).status == "unknown"
    assert revocation_at(leaf.cert, path, at=T0).status == "unknown"


# --- the JPKI layer -----------------------------------------------------------------------------


def test_one_dn_for_several_signing_ca_generations(pki: TestPki) -> None:
    """Each holder validates against all generations at once; a CA with the same DN but another
    key — an impostor generation — validates nobody."""
    from endingnote.sign.card import basic_four_data

    generations = [ca.cert for ca in pki.sign_cas.values()]
    assert len(generations) >= 2 and len({g.subject for g in generations}) == 1
    now = dt.datetime.now(dt.UTC)
    for holder in ("taro", "ichiro"):
        cert = x509.load_der_x509_certificate(pki.holder(holder).cert_der)
        result = validate_chain(cert, generations, at=now)
        assert result.ok, result.detail
        assert result.issuer is not None and result.issuer.subject == generations[0].subject
        assert basic_four_data(cert) is not None
    impostor = make("x", _key(4))
    forged = (
        x509.CertificateBuilder()
        .subject_name(generations[0].subject)
        .issuer_name(generations[0].subject)
        .public_key(_key(4).public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(impostor.key, hashes.SHA256())
    )
    cert = x509.load_der_x509_certificate(pki.holder("taro").cert_der)
    assert not validate_chain(cert, [forged], at=now).ok


def _chain(root: Made, leaf: Made) -> Any:
    result = validate_chain(leaf.cert, [root.cert], at=T0)
    assert result.ok
    return result


def _crl_obj(data: bytes) -> x509.CertificateRevocationList:
    return x509.load_der_x509_crl(data)


def test_revocation_at_death_is_not_invalidity(root: Made) -> None:
    leaf = make("Holder", _key(2), root, ca=False)
    death = T0 + dt.timedelta(days=10)
    data = crl(root, death, [(leaf.cert, death, [x509.CRLReason(x509.ReasonFlags.cessation_of_operation)])])
    verdict = revocation_verdict(
        leaf.cert, _chain(root, leaf), at=T0, proven=True, crls=[("c", _crl_obj(data))]
    )
    assert (verdict.status, verdict.revoked_at, verdict.later_warning) == ("revoked_after", death, False)
    assert verdict.reason == "cessationOfOperation"


def test_a_later_key_compromise_is_a_warning(root: Made) -> None:
    leaf = make("Holder", _key(2), root, ca=False)
    later = T0 + dt.timedelta(days=10)
    data = crl(root, later, [(leaf.cert, later, [x509.CRLReason(x509.ReasonFlags.key_compromise)])])
    verdict = revocation_verdict(
        leaf.cert, _chain(root, leaf), at=T0, proven=True, crls=[("c", _crl_obj(data))]
    )
    assert (verdict.status, verdict.later_warning) == ("revoked_after", True)


def test_an_invalidity_date_before_the_signature_counts(root: Made) -> None:
    leaf = make("Holder", _key(2), root, ca=False)
    later, invalid_since = T0 + dt.timedelta(days=10), T0 - dt.timedelta(days=1)
    data = crl(root, later, [(leaf.cert, later, [x509.InvalidityDate(invalid_since)])])
    verdict = revocation_verdict(
        leaf.cert, _chain(root, leaf), at=T0, proven=True, crls=[("c", _crl_obj(data))]
    )
    assert (verdict.status, verdict.revoked_at) == ("revoked_before", invalid_since)


def test_an_entry_in_an_old_crl_is_still_a_revocation(root: Made) -> None:
    leaf = make("Holder", _key(2), root, ca=False)
    revoked = T0 - dt.timedelta(days=5)
    data = crl(root, T0 - dt.timedelta(days=4), [(leaf.cert, revoked, [])])  # issued before T0
    verdict = revocation_verdict(
        leaf.cert, _chain(root, leaf), at=T0, proven=True, crls=[("c", _crl_obj(data))]
    )
    assert (verdict.status, verdict.revoked_at) == ("revoked_before", revoked)
    unproven = revocation_verdict(
        leaf.cert, _chain(root, leaf), at=T0, proven=False, crls=[("c", _crl_obj(data))]
    )
    assert unproven.status == "revoked_unproven"
