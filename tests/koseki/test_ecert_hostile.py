"""E-certificates: verify, then parse. An untrusted issuer is a finding about the issuer, whatever
its content holds; a trusted one's content still passes a bounded schema. Regression tests for the
tracebacks seen before (issued_on 9999-12-31, deep nesting) and for a garbage --trust-issuer."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from endingnote.koseki import Register, ecert_content, load_registers, verify_ecert
from endingnote.koseki._ecert import sign_content
from endingnote.sign import KeyFileSigner, Pkcs12Signer
from endingnote.sign.testpki import TestPki

from .conftest import CHECK_AT, EXAMPLES, ISSUED_AT

CODE = "1234567890123456"


@pytest.fixture(scope="module")
def issuer(pki: TestPki) -> Pkcs12Signer:
    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    return Pkcs12Signer.from_file(cred.p12_path, cred.password)


@pytest.fixture(scope="module")
def stranger() -> KeyFileSigner:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "法務省 戸籍電子証明書(偽)")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(ISSUED_AT - dt.timedelta(days=30))
        .not_valid_after(ISSUED_AT + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return KeyFileSigner(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
        cert.public_bytes(serialization.Encoding.PEM),
    )


def _anchor(pki: TestPki) -> bytes:
    return pki.koseki_issuer.cert_path.read_bytes()


def _content(registers: list[Register], **changes: object) -> bytes:
    doc = json.loads(ecert_content(registers[4], code=CODE, issued_on=dt.date(2026, 10, 1)))
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False).encode()


def _deep(registers: list[Register]) -> bytes:
    return _content(registers, register="@").replace(b'"@"', b"[" * 5000 + b"]" * 5000)


CONTENTS = {
    "issued_on 9999-12-31": lambda r: _content(r, issued_on="9999-12-31", expires_on="9999-12-31"),
    "deep nesting": _deep,
    "register is a list": lambda r: _content(r, register=[1, 2]),
    "code is a number": lambda r: _content(r, code=1234567890123456),
    "issued_on is not a date": lambda r: _content(r, issued_on="2026-13-45"),
    "not JSON": lambda r: b"\xff\xfe not json",
}


@pytest.mark.parametrize("name", sorted(CONTENTS))
def test_an_untrusted_issuer_is_a_finding_about_the_issuer(
    name: str, registers: list[Register], stranger: KeyFileSigner, pki: TestPki
) -> None:
    data = sign_content(CONTENTS[name](registers), stranger, signing_time=ISSUED_AT)
    result = verify_ecert(data, [_anchor(pki)], now=CHECK_AT)
    assert result.intact and not result.trusted and not result.valid
    assert [i.code for i in result.issues] == ["koseki.ecert.untrusted_issuer"]
    assert result.code is None and result.issued_on is None and result.register is None  # never parsed


@pytest.mark.parametrize("name", sorted(CONTENTS))
def test_a_trusted_issuers_bad_content_is_a_finding(
    name: str, registers: list[Register], issuer: Pkcs12Signer, pki: TestPki
) -> None:
    data = sign_content(CONTENTS[name](registers), issuer, signing_time=ISSUED_AT)
    result = verify_ecert(data, [_anchor(pki)], now=CHECK_AT)
    assert result.intact and result.trusted and not result.valid
    assert [i.code for i in result.issues] in (
        ["koseki.ecert.malformed"],
        ["koseki.ecert.content_invalid"],
    ), [i.to_dict() for i in result.issues]


def test_a_garbage_trusted_issuer_file_is_said(
    registers: list[Register], issuer: Pkcs12Signer, pki: TestPki
) -> None:
    data = sign_content(_content(registers), issuer, signing_time=ISSUED_AT)
    result = verify_ecert(data, [b"this is not a certificate", _anchor(pki)], now=CHECK_AT)
    assert result.valid  # the real issuer still counts
    assert [i.code for i in result.issues] == ["koseki.ecert.trust_anchor"]
    assert "1" in result.issues[0].message_en


def test_a_garbage_trust_issuer_without_any_e_certificate(tmp_path: Path) -> None:
    loaded = load_registers(EXAMPLES, trusted_issuers=[b"garbage"])
    assert [i.code for i in loaded.report.issues] == ["koseki.ecert.trust_anchor"]


def test_registers_check_cli_with_a_garbage_trust_issuer(tmp_path: Path) -> None:
    garbage = tmp_path / "issuer.pem"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n")
    done = subprocess.run(
        [sys.executable, "-m", "endingnote", "registers", "check", str(EXAMPLES), "--person", "山田太郎",
         "--trust-issuer", str(garbage), "--lang", "en"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert "koseki.ecert.trust_anchor" in done.stdout + done.stderr, done.stdout + done.stderr
