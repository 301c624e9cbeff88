"""Verify, then parse: an attestation's content is read only once its signer is trusted, and then
by a schema with limits. Each case is a regression test for a hang or a traceback seen before."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from endingnote.heirs import load_graph
from endingnote.heirs._attest import KeyFileSigner, build_statement, sign_statement, verify_attestation
from endingnote.sign import Pkcs12Signer
from endingnote.sign.testpki import TestPki

DATA = Path(__file__).parent / "data"
AT = dt.datetime(2026, 1, 20, 9, 30, tzinfo=dt.UTC)
HUGE = "1e10000000000"


def _statement() -> dict[str, Any]:
    statement, _ = build_statement(load_graph(DATA / "basic.json"), "taro", attested_at=AT)
    assert statement is not None
    return statement


def _trusted(pki: TestPki) -> Pkcs12Signer:
    p12, password = pki.attestation.p12_path, pki.attestation.password
    assert p12 is not None and password is not None
    return Pkcs12Signer.from_file(p12, password)


def _anchor(pki: TestPki) -> bytes:
    return Path(pki.services_root_pem).read_bytes()


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[KeyFileSigner, bytes]:
    """Anyone's own key and certificate: what an attacker signs with."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "司法書士 なりすまし")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(AT - dt.timedelta(days=30))
        .not_valid_after(AT + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    return KeyFileSigner(key_pem, cert_pem), cert_pem


def test_an_untrusted_signer_with_a_huge_share_is_a_finding_about_the_signer(
    self_signed: tuple[KeyFileSigner, bytes], pki: TestPki
) -> None:
    statement = _statement()
    statement["heirs"][0]["share"] = HUGE
    der = sign_statement(statement, self_signed[0], signing_time=AT)
    start = time.monotonic()
    verdict = verify_attestation(der, [_anchor(pki)], graph=load_graph(DATA / "basic.json"))
    assert time.monotonic() - start < 10  # a bound against a hang, not a benchmark
    assert verdict.intact and not verdict.trusted and not verdict.valid
    assert [i.code for i in verdict.issues] == ["heirs.attest.untrusted"]
    assert verdict.statement is None and verdict.matches is None  # the content was never read


def test_a_trusted_signer_with_a_huge_share_is_refused_by_the_schema(pki: TestPki) -> None:
    statement = _statement()
    statement["heirs"][0]["share"] = HUGE
    verdict = verify_attestation(sign_statement(statement, _trusted(pki), signing_time=AT), [_anchor(pki)])
    assert verdict.trusted and not verdict.content_ok and not verdict.valid
    content = [i for i in verdict.issues if i.code == "heirs.attest.content"]
    assert content and "heirs/0/share" in content[0].message_en


def _set(path: str, value: Any) -> Any:
    def change(statement: dict[str, Any]) -> Any:
        *parents, last = path.split("/")
        node: Any = statement
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
        return statement

    return change


def _deep(statement: dict[str, Any]) -> Any:
    """Bytes, not a dict: no JSON writer nests 5,000 levels deep, but an attacker's bytes do."""
    from endingnote.heirs._attest import canonical_json

    body = canonical_json({**statement, "note": "@"})
    return body.replace(b'"@"', b"[" * 5000 + b"]" * 5000)


MALFORMED = {
    "decedent is a list": _set("decedent", ["taro"]),
    "decedent id is a list": _set("decedent/id", ["taro"]),
    "heirs is an object": _set("heirs", {"a": 1}),
    "share is a number": _set("heirs/0/share", 0.5),
    "share divides by zero": _set("heirs/0/share", "1/0"),
    "attested_at is not a time": _set("attested_at", "yesterday"),
    "sources is a string": _set("sources", "reg.txt"),
    "via is a string": _set("heirs/0/via", "ichiro"),
    "note is an object": _set("note", {"x": 1}),
    "deep nesting": _deep,
    "the statement is a list": lambda statement: [statement],
    "unknown key": _set("extra", 1),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_fields_from_a_trusted_signer_are_findings(pki: TestPki, name: str) -> None:
    from endingnote.sign.cades import sign_attached

    content = MALFORMED[name](_statement())
    if isinstance(content, bytes):
        der = sign_attached(content, _trusted(pki), signing_time=AT)
    else:
        der = sign_statement(content, _trusted(pki), signing_time=AT)
    graph = load_graph(DATA / "basic.json")
    verdict = verify_attestation(der, [_anchor(pki)], graph=graph, documents={"reg.txt": b"x"})
    assert verdict.intact and verdict.trusted and not verdict.valid
    assert "heirs.attest.content" in [i.code for i in verdict.issues], verdict.issues


def test_a_garbage_trust_anchor_is_said_not_ignored(pki: TestPki) -> None:
    der = sign_statement(_statement(), _trusted(pki), signing_time=AT)
    verdict = verify_attestation(der, [b"not a certificate", _anchor(pki)])
    assert verdict.valid  # the good anchor still works
    assert [i.code for i in verdict.issues] == ["heirs.attest.trust_anchor"]
    only_garbage = verify_attestation(
        der, [b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"]
    )
    assert not only_garbage.trusted
    assert [i.code for i in only_garbage.issues] == ["heirs.attest.trust_anchor", "heirs.attest.untrusted"]


def test_the_cli_on_a_self_signed_huge_share(
    self_signed: tuple[KeyFileSigner, bytes], pki: TestPki, tmp_path: Path
) -> None:
    statement = _statement()
    statement["heirs"][0]["share"] = HUGE
    path = tmp_path / "a.p7m"
    path.write_bytes(sign_statement(statement, self_signed[0], signing_time=AT))
    (tmp_path / "self.pem").write_bytes(self_signed[1])
    for trust in (pki.services_root_pem, tmp_path / "self.pem"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "endingnote",
                "heirs",
                "verify-attestation",
                str(path),
                "--trust",
                str(trust),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode == 1, done.stdout + done.stderr
    assert "heirs.attest.content" in done.stderr  # trusted (self pinned): the schema refuses the share
