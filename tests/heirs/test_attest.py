"""Heir attestations: real CMS with the test PKI, checked by us and by `openssl cms -verify`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from endingnote.heirs import EstateFact, load_graph
from endingnote.heirs._attest import (
    KeyFileSigner,
    build_statement,
    graph_digest,
    sign_statement,
    verify_attestation,
)
from endingnote.sign import Pkcs12Signer
from endingnote.sign.testpki import TestPki

DATA = Path(__file__).parent / "data"
AT = dt.datetime(2026, 1, 20, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def signed(pki: TestPki) -> bytes:
    graph = load_graph(DATA / "basic.json")
    statement, _ = build_statement(graph, "taro", attested_at=AT)
    assert statement is not None
    signer = _signer(pki)
    return sign_statement(statement, signer, signing_time=AT)


def _signer(pki: TestPki) -> Pkcs12Signer:
    p12, password = pki.attestation.p12_path, pki.attestation.password
    assert p12 is not None and password is not None
    return Pkcs12Signer.from_file(p12, password)


def _anchor(pki: TestPki) -> bytes:
    return Path(pki.services_root_pem).read_bytes()


def test_statement_content() -> None:
    graph = load_graph(DATA / "basic.json")
    statement, _ = build_statement(graph, "taro", attested_at=AT)
    assert statement is not None
    assert statement["decedent"] == {
        "id": "taro",
        "name": "山田　太郎",
        "birth_date": "1940-04-01",
        "death_date": "2024-03-10",
    }
    assert [(h["id"], h["share"], h["capacity"]) for h in statement["heirs"]] == [
        ("hanako", "1/2", "spouse"),
        ("ichiro", "1/4", "child"),
        ("sakura", "1/4", "representative"),
    ]
    assert statement["graph_sha256"] == graph_digest(graph)


def test_verify_ok_and_recomputed(signed: bytes, pki: TestPki) -> None:
    verdict = verify_attestation(signed, [_anchor(pki)], graph=load_graph(DATA / "basic.json"))
    assert verdict.valid, verdict.issues
    assert verdict.intact and verdict.trusted and verdict.content_ok and verdict.matches
    assert verdict.signing_time == AT
    assert "attestation" in (verdict.signer or "")


def test_openssl_interop(signed: bytes, pki: TestPki, tmp_path: Path) -> None:
    path = tmp_path / "att.p7s"
    path.write_bytes(signed)
    run = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            str(path),
            "-CAfile",
            str(pki.services_root_pem),
            "-purpose",
            "any",
            "-attime",
            str(int(AT.timestamp())),
        ],
        capture_output=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert b'"graph_sha256"' in run.stdout
    wrong = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            str(path),
            "-CAfile",
            str(pki.sign_cas_pem),
            "-purpose",
            "any",
            "-attime",
            str(int(AT.timestamp())),
        ],
        capture_output=True,
        check=False,
    )
    assert wrong.returncode != 0


def test_openssl_signed_message_verifies_with_us(pki: TestPki, tmp_path: Path) -> None:
    """The other direction: a statement signed by `openssl cms -sign` verifies with our verifier."""
    graph = load_graph(DATA / "basic.json")
    statement, _ = build_statement(graph, "taro", attested_at=AT)
    from endingnote.heirs._attest import canonical_json

    (tmp_path / "st.json").write_bytes(canonical_json(statement))
    subprocess.run(
        [
            "openssl",
            "cms",
            "-sign",
            "-binary",
            "-nodetach",
            "-outform",
            "DER",
            "-md",
            "sha256",
            "-in",
            str(tmp_path / "st.json"),
            "-signer",
            str(pki.attestation.cert_path),
            "-inkey",
            str(pki.attestation.key_path),
            "-out",
            str(tmp_path / "o.p7s"),
        ],
        check=True,
        capture_output=True,
    )
    verdict = verify_attestation((tmp_path / "o.p7s").read_bytes(), [_anchor(pki)], graph=graph)
    assert verdict.intact and verdict.trusted and verdict.matches, verdict.issues


def test_key_file_signer(pki: TestPki) -> None:
    graph = load_graph(DATA / "basic.json")
    statement, _ = build_statement(graph, "taro", attested_at=AT)
    assert statement is not None
    signer = KeyFileSigner(
        Path(pki.attestation.key_path).read_bytes(), Path(pki.attestation.cert_path).read_bytes()
    )
    verdict = verify_attestation(sign_statement(statement, signer, signing_time=AT), [_anchor(pki)])
    assert verdict.valid and verdict.matches is None


def test_tampered_content_breaks_the_signature(signed: bytes, pki: TestPki) -> None:
    tampered = signed.replace(b'"1/4"', b'"1/2"', 1)
    assert tampered != signed
    verdict = verify_attestation(tampered, [_anchor(pki)])
    assert not verdict.valid and not verdict.intact
    assert verdict.issues[0].code == "heirs.attest.signature"


def test_untrusted_anchor(signed: bytes, pki: TestPki) -> None:
    verdict = verify_attestation(signed, [Path(pki.sign_cas_pem).read_bytes()])
    assert verdict.intact and not verdict.trusted and not verdict.valid
    assert [i.code for i in verdict.issues] == ["heirs.attest.untrusted"]
    assert not verify_attestation(signed, []).trusted


def test_expired_at_signing_time_is_untrusted(pki: TestPki) -> None:
    graph = load_graph(DATA / "basic.json")
    late = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    statement, _ = build_statement(graph, "taro", attested_at=late)
    assert statement is not None
    signer = _signer(pki)
    verdict = verify_attestation(sign_statement(statement, signer, signing_time=late), [_anchor(pki)])
    assert verdict.intact and not verdict.trusted


def test_changed_graph_no_longer_matches(signed: bytes, pki: TestPki) -> None:
    graph = load_graph(DATA / "basic.json")
    renounced = dataclasses.replace(graph, estate_facts=(EstateFact("taro", "ichiro", "renunciation"),))
    verdict = verify_attestation(signed, [_anchor(pki)], graph=renounced)
    assert verdict.intact and verdict.trusted and verdict.matches is False and not verdict.valid
    assert "heirs.attest.mismatch" in {i.code for i in verdict.issues}


def test_source_digests_are_checked(pki: TestPki) -> None:
    graph = load_graph(DATA / "basic.json")
    from endingnote.heirs import Source

    register = b"register bytes"
    import hashlib

    graph = dataclasses.replace(
        graph, sources=(Source("src-1", "koseki", None, hashlib.sha256(register).hexdigest(), "reg.txt"),)
    )
    statement, _ = build_statement(graph, "taro", attested_at=AT)
    assert statement is not None and statement["sources"][0]["sha256"] == hashlib.sha256(register).hexdigest()
    signer = _signer(pki)
    der = sign_statement(statement, signer, signing_time=AT)
    assert verify_attestation(der, [_anchor(pki)], documents={"reg.txt": register}).valid
    bad = verify_attestation(der, [_anchor(pki)], documents={"reg.txt": b"forged"})
    assert not bad.valid and "heirs.attest.digest_mismatch" in {i.code for i in bad.issues}


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"garbage",
        b"\x30\x80" * 1000,
        b"-----BEGIN CMS-----\n!!!\n-----END CMS-----\n",
        b"\x30\x03\x06\x01\x00",
    ],
)
def test_garbage_is_reported_not_raised(blob: bytes, pki: TestPki) -> None:
    verdict = verify_attestation(blob, [_anchor(pki)])
    assert not verdict.valid and verdict.issues[0].code == "heirs.attest.unreadable"


def test_signed_but_not_an_attestation(pki: TestPki) -> None:
    from endingnote.heirs._attest import sign_statement as sign

    der = sign({"format": "something-else"}, _signer(pki), signing_time=AT)
    verdict = verify_attestation(der, [_anchor(pki)])
    assert verdict.intact and verdict.trusted and not verdict.content_ok and not verdict.valid
    assert [i.code for i in verdict.issues] == ["heirs.attest.content"]
