"""The one SignedData builder and SignerInfo checker (`endingnote.sign.cades`), shared by signed
exports, heir attestations and 戸籍電子証明書: interop with `openssl cms`, both software signers,
asn1crypto's attribute registry, and the findings each verifier keeps giving."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endingnote.errors import SigningError
from endingnote.sign import KeyFileSigner, Pkcs12Signer, Signer
from endingnote.sign.cades import check_signer_info, load_certificates, open_signed_data, sign_attached
from endingnote.sign.testpki import TestPki

_NOW = dt.datetime.now(dt.UTC)
CONTENT = '{"statement":"相続人は下記のとおり","n":1}'.encode()


def _pkcs12(pki: TestPki) -> Pkcs12Signer:
    cred = pki.attestation
    assert cred.p12_path is not None and cred.password is not None
    return Pkcs12Signer.from_file(cred.p12_path, cred.password)


def _key_file(pki: TestPki) -> KeyFileSigner:
    return KeyFileSigner(pki.attestation.key_path.read_bytes(), pki.attestation.cert_path.read_bytes())


SIGNERS: dict[str, Callable[[TestPki], Signer]] = {"pkcs12": _pkcs12, "key_file": _key_file}


@pytest.mark.parametrize("kind", sorted(SIGNERS))
def test_attached_signature_verifies_with_openssl_and_with_us(
    kind: str, pki: TestPki, tmp_path: Path
) -> None:
    from asn1crypto import cms

    der = sign_attached(CONTENT, SIGNERS[kind](pki))
    (tmp_path / "s.p7m").write_bytes(der)
    run = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(tmp_path / "s.p7m"),
         "-CAfile", str(pki.services_root_pem), "-purpose", "any"],
        capture_output=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout == CONTENT
    signed, content, signer_infos = open_signed_data(der)
    assert content == CONTENT and len(signer_infos) == 1
    cert = check_signer_info(signer_infos[0], CONTENT, load_certificates(signed), "data")
    assert "attestation" in cert.subject.rfc4514_string()
    attrs = cms.ContentInfo.load(der)["content"]["signer_infos"][0]["signed_attrs"]
    assert sorted(a["type"].native for a in attrs) == [
        "content_type",
        "message_digest",
        "signing_certificate_v2",
        "signing_time",
    ]


def test_signing_time_after_2049_is_generalized_time(pki: TestPki) -> None:
    from asn1crypto import cms

    der = sign_attached(CONTENT, _pkcs12(pki), signing_time=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    attrs = cms.ContentInfo.load(der)["content"]["signer_infos"][0]["signed_attrs"]
    (time,) = [a["values"][0] for a in attrs if a["type"].native == "signing_time"]
    assert time.name == "generalized_time" and time.native == dt.datetime(2099, 1, 1, tzinfo=dt.UTC)


def test_builder_survives_attributes_built_by_name_before_tsp(pki: TestPki) -> None:
    """asn1crypto freezes its attribute name table on first use; only `asn1crypto.tsp` adds
    signingCertificateV2. Code that builds any attribute by name first must not break signing."""
    code = (
        "import sys\n"
        "from asn1crypto import cms\n"
        "cms.CMSAttribute({'type': 'content_type', 'values': ['data']}).dump()\n"
        "assert 'asn1crypto.tsp' not in sys.modules\n"
        "from endingnote.sign import KeyFileSigner\n"
        "from endingnote.sign.cades import check_signer_info, load_certificates, open_signed_data\n"
        "from endingnote.sign.cades import sign_attached\n"
        "signer = KeyFileSigner(open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read())\n"
        "signed, content, infos = open_signed_data(sign_attached(b'x', signer))\n"
        "check_signer_info(infos[0], b'x', load_certificates(signed), 'data')\n"
        "names = sorted(a['type'].native for a in infos[0]['signed_attrs'])\n"
        "print(names[-2])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(pki.attestation.key_path), str(pki.attestation.cert_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "signing_certificate_v2"


def test_key_file_signer_refuses_what_it_cannot_sign_with(pki: TestPki) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    cert = pki.attestation.cert_path.read_bytes()
    other = pki.koseki_issuer.key_path.read_bytes()
    with pytest.raises(SigningError, match="does not match"):
        KeyFileSigner(other, cert)
    ec_key = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    with pytest.raises(SigningError, match="only RSA"):
        KeyFileSigner(ec_key, cert)
    with pytest.raises(SigningError, match="cannot load"):
        KeyFileSigner(b"not a key", cert)


def _with_signed_attrs(der: bytes, change: Callable[[list[Any]], list[Any]]) -> bytes:
    """``der`` with its signed attributes changed (and so its signature broken)."""
    from asn1crypto import cms

    info = cms.ContentInfo.load(der)
    signer_info = info["content"]["signer_infos"][0]
    signer_info["signed_attrs"] = cms.CMSAttributes(change(list(signer_info["signed_attrs"])))
    return bytes(info.dump(force=True))


def _content_type_tst_info(attrs: list[Any]) -> list[Any]:
    from asn1crypto import cms

    others = [a for a in attrs if a["type"].native != "content_type"]
    return [*others, cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]})]


def _no_message_digest(attrs: list[Any]) -> list[Any]:
    return [a for a in attrs if a["type"].native != "message_digest"]


def _attestation(pki: TestPki) -> bytes:
    from endingnote.heirs._attest import sign_statement

    statement = {"format": "endingnote-heir-attestation", "version": "1.0", "heirs": []}
    return sign_statement(statement, _pkcs12(pki), signing_time=_NOW)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (
            lambda d: d.replace(b"endingnote-heir", b"endingnote-HEIR"),
            "message digest does not match the content",
        ),
        (lambda d: d[:-5] + bytes([d[-5] ^ 1]) + d[-4:], "RSA signature invalid"),
        (lambda d: _with_signed_attrs(d, _content_type_tst_info), "content type attribute is not id-data"),
        (lambda d: _with_signed_attrs(d, _no_message_digest), "message digest does not match the content"),
    ],
    ids=["content", "signature", "content_type", "no_message_digest"],
)
def test_attestation_findings_keep_their_words(
    damage: Callable[[bytes], bytes], reason: str, pki: TestPki
) -> None:
    from endingnote.heirs._attest import verify_attestation

    good = _attestation(pki)
    assert verify_attestation(good, [pki.services_root_pem.read_bytes()]).intact
    verdict = verify_attestation(damage(good), [pki.services_root_pem.read_bytes()])
    assert not verdict.intact and not verdict.valid
    assert [(i.code, i.message_en) for i in verdict.issues] == [
        ("heirs.attest.signature", f"the signature does not verify: {reason}")
    ]


def test_ecert_with_another_content_type_attribute_is_malformed(pki: TestPki) -> None:
    from endingnote.koseki import verify_ecert
    from endingnote.koseki._ecert import sign_content

    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    good = sign_content(b"{}", Pkcs12Signer.from_file(cred.p12_path, cred.password), signing_time=_NOW)
    result = verify_ecert(
        _with_signed_attrs(good, _content_type_tst_info), [cred.cert_path.read_bytes()], now=_NOW
    )
    assert not result.intact and not result.trusted  # no trust is looked for behind a broken signature
    assert (
        result.issues[0].code == "koseki.ecert.malformed" and "expected data" in result.issues[0].message_en
    )


@pytest.fixture(scope="module")
def signed_pair(pki: TestPki) -> tuple[bytes, bytes]:
    """An attestation and an e-certificate as the shared builder makes them."""
    from endingnote.koseki._ecert import sign_content

    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    ecert = sign_content(b"{}", Pkcs12Signer.from_file(cred.p12_path, cred.password), signing_time=_NOW)
    return _attestation(pki), ecert


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_flipped_bits_give_findings_never_exceptions(
    signed_pair: tuple[bytes, bytes], pki: TestPki, data: st.DataObject
) -> None:
    """Certificates are parsed lazily, so a damaged name or extension used to surface as a raw
    exception deep inside a verifier."""
    from endingnote.heirs._attest import verify_attestation
    from endingnote.koseki import verify_ecert

    anchor = pki.services_root_pem.read_bytes()
    for blob, verify in (
        (signed_pair[0], lambda b: verify_attestation(b, [anchor])),
        (signed_pair[1], lambda b: verify_ecert(b, [anchor], now=_NOW)),
    ):
        damaged = bytearray(blob)
        for position in data.draw(st.lists(st.integers(0, len(blob) - 1), min_size=1, max_size=3)):
            damaged[position] ^= 1 << data.draw(st.integers(0, 7))
        verdict = verify(bytes(damaged))
        assert verdict.intact or verdict.issues
