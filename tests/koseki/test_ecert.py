"""戸籍電子証明書: sign with the test PKI's issuer, verify, expiry, tamper, interop with openssl cms."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from endingnote.koseki import Register, add_months, ecert_content, sign_ecert, verify_ecert
from endingnote.koseki._ecert import sign_content
from endingnote.sign import Pkcs12Signer
from endingnote.sign.testpki import TestPki

from .conftest import CHECK_AT, ISSUED_AT, JST

CODE = "1234567890123456"


@pytest.fixture(scope="module")
def issuer(pki: TestPki) -> Pkcs12Signer:
    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    return Pkcs12Signer.from_file(cred.p12_path, cred.password)


@pytest.fixture(scope="module")
def ecert(registers: list[Register], issuer: Pkcs12Signer) -> bytes:
    return sign_ecert(registers[4], issuer, code=CODE, issued_at=ISSUED_AT)


def _anchor(pki: TestPki) -> bytes:
    return pki.koseki_issuer.cert_path.read_bytes()


def test_add_months() -> None:
    assert add_months(dt.date(2026, 10, 1), 3) == dt.date(2027, 1, 1)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


def test_sign_and_verify(ecert: bytes, pki: TestPki, registers: list[Register]) -> None:
    result = verify_ecert(ecert, [_anchor(pki)], now=CHECK_AT, expected_code=CODE)
    assert result.valid, [i.to_dict() for i in result.issues]
    assert (result.intact, result.trusted, result.fresh) == (True, True, True)
    assert result.code == CODE and result.kind == "戸籍"
    assert (result.issued_on, result.expires_on) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    assert result.register is not None and result.register.members == registers[4].members
    assert "戸籍電子証明書" in (result.issuer or "")


def test_trust_the_issuing_ca_instead_of_the_leaf(ecert: bytes, pki: TestPki) -> None:
    result = verify_ecert(ecert, [pki.services_root_pem.read_bytes()], now=CHECK_AT)
    assert result.valid


def test_openssl_cms_verifies_our_certificate(ecert: bytes, pki: TestPki, tmp_path: Path) -> None:
    (tmp_path / "e.der").write_bytes(ecert)
    out = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            str(tmp_path / "e.der"),
            "-CAfile",
            str(pki.services_root_pem),
            "-purpose",
            "any",
            "-out",
            str(tmp_path / "content.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert b'"code":"1234567890123456"' in (tmp_path / "content.json").read_bytes()


def test_expiry_boundaries(ecert: bytes, pki: TestPki) -> None:
    last_day = dt.datetime(2027, 1, 1, 23, 59, tzinfo=JST)
    assert verify_ecert(ecert, [_anchor(pki)], now=last_day).valid
    expired = verify_ecert(ecert, [_anchor(pki)], now=last_day + dt.timedelta(minutes=2))
    assert not expired.valid and not expired.fresh and expired.intact and expired.trusted
    assert [i.code for i in expired.issues] == ["koseki.ecert.expired"]
    early = verify_ecert(ecert, [_anchor(pki)], now=dt.datetime(2026, 9, 30, 12, tzinfo=JST))
    assert [i.code for i in early.issues] == ["koseki.ecert.not_yet_valid"]


def test_tampered_content_is_detected(ecert: bytes, pki: TestPki) -> None:
    needle = "太郎".encode()
    assert needle in ecert
    tampered = ecert.replace(needle, "次郎".encode(), 1)
    result = verify_ecert(tampered, [_anchor(pki)], now=CHECK_AT)
    assert not result.valid and not result.intact
    assert "koseki.ecert.digest_mismatch" in {i.code for i in result.issues}


def test_tampered_signature_is_detected(ecert: bytes, pki: TestPki) -> None:
    broken = bytearray(ecert)
    broken[-5] ^= 0x01  # inside the signature value at the end of SignerInfo
    result = verify_ecert(bytes(broken), [_anchor(pki)], now=CHECK_AT)
    assert not result.valid and "koseki.ecert.signature_invalid" in {i.code for i in result.issues}


def test_other_issuer_is_untrusted(registers: list[Register], pki: TestPki) -> None:
    cred = pki.attestation
    assert cred.p12_path is not None and cred.password is not None
    other = Pkcs12Signer.from_file(cred.p12_path, cred.password)
    forged = sign_ecert(registers[4], other, code=CODE, issued_at=ISSUED_AT)
    result = verify_ecert(forged, [_anchor(pki)], now=CHECK_AT)
    assert result.intact and not result.trusted and not result.valid
    assert [i.code for i in result.issues] == ["koseki.ecert.untrusted_issuer"]


def test_code_mismatch_and_wrong_validity(
    registers: list[Register], issuer: Pkcs12Signer, ecert: bytes, pki: TestPki
) -> None:
    result = verify_ecert(ecert, [_anchor(pki)], now=CHECK_AT, expected_code="9999999999999999")
    assert [i.code for i in result.issues] == ["koseki.ecert.code_mismatch"]
    content = ecert_content(registers[4], code=CODE, issued_on=dt.date(2026, 10, 1))
    stretched = content.replace(b'"expires_on":"2027-01-01"', b'"expires_on":"2027-10-01"')
    assert stretched != content
    result = verify_ecert(
        sign_content(stretched, issuer, signing_time=ISSUED_AT), [_anchor(pki)], now=CHECK_AT
    )
    assert "koseki.ecert.validity_period" in {i.code for i in result.issues} and not result.valid


def test_bad_register_inside_a_signed_certificate(issuer: Pkcs12Signer, pki: TestPki) -> None:
    content = b'{"format":"endingnote-koseki-ecert/1.0","code":"1234567890123456",'
    content += '"kind":"戸籍",'.encode()
    content += (
        b'"issued_on":"2026-10-01","expires_on":"2027-01-01","source":"counter","register":{"honseki":1}}'
    )
    result = verify_ecert(sign_content(content, issuer, signing_time=ISSUED_AT), [_anchor(pki)], now=CHECK_AT)
    codes = [(i.code, i.path) for i in result.issues]
    assert ("koseki.ecert.content_invalid", "/register") in codes
    assert ("koseki.json.type", "/register/honseki") in codes and not result.valid


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a certificate",
        b"0\x03\x02\x01\x00",
        b"-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n",
        b"\x30" * 5000,
    ],
)
def test_garbage_is_malformed_not_an_exception(data: bytes, pki: TestPki) -> None:
    result = verify_ecert(data, [_anchor(pki)], now=CHECK_AT)
    assert not result.valid and result.issues and result.issues[0].code == "koseki.ecert.malformed"


def test_pem_input_and_bad_arguments(
    ecert: bytes, pki: TestPki, registers: list[Register], issuer: Pkcs12Signer
) -> None:
    import base64

    pem = b"-----BEGIN PKCS7-----\n" + base64.encodebytes(ecert) + b"-----END PKCS7-----\n"
    assert verify_ecert(pem, [_anchor(pki)], now=CHECK_AT).valid
    with pytest.raises(ValueError, match="16 digits"):
        sign_ecert(registers[4], issuer, code="12345", issued_at=ISSUED_AT)
    with pytest.raises(ValueError, match="timezone"):
        sign_ecert(registers[4], issuer, code=CODE, issued_at=dt.datetime(2026, 10, 1))


def test_issuer_certificate_not_valid_at_issue_time(
    registers: list[Register], issuer: Pkcs12Signer, pki: TestPki
) -> None:
    long_ago = dt.datetime(2020, 1, 10, tzinfo=JST)  # before the test issuer's certificate existed
    ecert = sign_ecert(registers[4], issuer, code=CODE, issued_at=long_ago)
    result = verify_ecert(ecert, [_anchor(pki)], now=dt.datetime(2020, 2, 1, tzinfo=JST))
    assert [i.code for i in result.issues] == ["koseki.ecert.issuer_cert_expired"] and not result.valid


def test_a_certificate_signed_by_openssl_cms_verifies(
    registers: list[Register], pki: TestPki, tmp_path: Path
) -> None:
    content = ecert_content(registers[2], code=CODE, issued_on=dt.date(2026, 10, 1))
    (tmp_path / "content.json").write_bytes(content)
    out = subprocess.run(
        [
            "openssl", "cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-md", "sha256",
            "-signer", str(pki.koseki_issuer.cert_path), "-inkey", str(pki.koseki_issuer.key_path),
            "-in", str(tmp_path / "content.json"), "-out", str(tmp_path / "e.der"),
        ],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    result = verify_ecert((tmp_path / "e.der").read_bytes(), [_anchor(pki)], now=CHECK_AT, expected_code=CODE)
    assert result.valid, [i.to_dict() for i in result.issues]
    assert result.register is not None and result.register.head.given == "太郎"
