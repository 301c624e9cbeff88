"""Build a J-LIS-shaped test PKI in a folder (``endingnote testpki init DIR``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote._atomic import write_bytes, write_text
from endingnote.calendar import encode_birth_date
from endingnote.errors import InputError
from endingnote.sign.card._basic4 import BasicFourData
from endingnote.sign.testpki import _profile as prof
from endingnote.sign.testpki._model import FORMAT, MANIFEST, TestPki, load_test_pki
from endingnote.sign.testpki._revocation import issue_crls, reason_name
from endingnote.sign.testpki._specs import (
    AUTH_CAS,
    CURRENT_SIGN_CA,
    HOLDERS,
    SIGN_CAS,
    HolderSpec,
    fifth_birthday_after,
)

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

WARNING = "TEST ONLY — keys are unencrypted; never trust these certificates outside tests"


class _Writer:
    def __init__(self, base: Path) -> None:
        self.base = base

    def cert(self, rel: str, cert: x509.Certificate) -> dict[str, str]:
        from cryptography.hazmat.primitives.serialization import Encoding

        write_bytes(self.base / f"{rel}/cert.pem", cert.public_bytes(Encoding.PEM))
        write_bytes(self.base / f"{rel}/cert.der", cert.public_bytes(Encoding.DER))
        return {"cert": f"{rel}/cert.pem", "cert_der": f"{rel}/cert.der"}

    def key(self, rel: str, key: RSAPrivateKey) -> dict[str, str]:
        from cryptography.hazmat.primitives import serialization

        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        write_bytes(self.base / f"{rel}/key.pem", pem)
        return {"key": f"{rel}/key.pem"}

    def p12(
        self,
        rel: str,
        label: str,
        key: RSAPrivateKey,
        cert: x509.Certificate,
        chain: list[x509.Certificate],
        password: str,
    ) -> dict[str, str]:
        from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

        data = pkcs12.serialize_key_and_certificates(
            label.encode(), key, cert, chain, BestAvailableEncryption(password.encode())
        )
        write_bytes(self.base / f"{rel}/{label}.p12", data)
        return {"p12": f"{rel}/{label}.p12", "password": password}

    def bundle(self, rel: str, certs: Iterable[x509.Certificate]) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding

        write_bytes(self.base / rel, b"".join(c.public_bytes(Encoding.PEM) for c in certs))
        return rel


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=prof.JST).astimezone(dt.UTC)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def _subject_pairs(cert: x509.Certificate) -> list[list[str]]:
    from cryptography.x509.oid import NameOID

    short = {NameOID.COUNTRY_NAME: "C", NameOID.COMMON_NAME: "CN", NameOID.ORGANIZATION_NAME: "O"}
    return [[short.get(a.oid, a.oid.dotted_string), str(a.value)] for a in cert.subject]


def build_test_pki(
    directory: str | Path,
    *,
    now: dt.datetime | None = None,
    holders: Iterable[HolderSpec] = HOLDERS,
    overwrite: bool = False,
) -> TestPki:
    """Create the test PKI in ``directory`` and return it loaded.

    ``now`` (timezone-aware; default the current time) anchors every date: CA generations, issue
    dates, revocations and the CRLs' thisUpdate, so a fixed ``now`` gives the same PKI except keys.
    """
    from cryptography.x509.oid import ExtendedKeyUsageOID

    base = Path(directory).resolve()
    if (base / MANIFEST).exists() and not overwrite:
        raise InputError(f"{base}: テストPKIが既にあります / a test PKI already exists (use overwrite)")
    if base.exists() and not base.is_dir():
        raise InputError(f"{base}: フォルダではありません / not a directory")
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(dt.UTC)
    out = _Writer(base)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "warning": WARNING,
        "created": _iso(now),
        "current_sign_ca": CURRENT_SIGN_CA,
        "sign_cas": {},
        "holders": {},
        "services": {},
        "trust": {},
    }

    # Signing-CA generations: self-signed, one DN, distinct keys and serials.
    issuers: dict[str, prof.Issuer] = {}
    for spec in SIGN_CAS:
        key = prof.new_key()
        nb = now + spec.starts
        cert = prof.sign_ca(
            key,
            spec.serial,
            nb,
            nb + dt.timedelta(days=365 * spec.lasts_years + 2),
            f"CRL{spec.generation:02d}",
        )
        issuers[spec.id] = prof.Issuer(cert, key)
        rel = f"jpki/{spec.id}"
        manifest["sign_cas"][spec.id] = {
            "generation": spec.generation,
            **out.cert(rel, cert),
            **out.key(rel, key),
            "crl": f"{rel}/crl.der",
            "crl_pem": f"{rel}/crl.pem",
            "crl_number": 0,
            "serial": f"{spec.serial:X}",
            "not_before": _iso(cert.not_valid_before_utc),
            "not_after": _iso(cert.not_valid_after_utc),
        }
    manifest["trust"]["jpki_sign_cas"] = out.bundle("jpki/sign-cas.pem", (i.cert for i in issuers.values()))

    # User-authentication CA generations (the card's other side; no CRLs here).
    auth_issuers: dict[str, prof.Issuer] = {}
    manifest["auth_cas"] = {}
    for spec in AUTH_CAS:
        key = prof.new_key()
        nb = now + spec.starts
        cert = prof.sign_ca(
            key, spec.serial, nb, nb + dt.timedelta(days=365 * spec.lasts_years + 2), "CRL01", prof.AUTH_CA_DN
        )
        auth_issuers[spec.id] = prof.Issuer(cert, key)
        rel = f"jpki/{spec.id}"
        manifest["auth_cas"][spec.id] = {
            "generation": spec.generation,
            **out.cert(rel, cert),
            **out.key(rel, key),
        }
    manifest["trust"]["jpki_auth_cas"] = out.bundle(
        "jpki/auth-cas.pem", (i.cert for i in auth_issuers.values())
    )

    for spec_h in holders:
        manifest["holders"][spec_h.id] = _holder(out, spec_h, issuers, now)
        manifest["holders"][spec_h.id]["auth"] = _auth(
            out, spec_h, auth_issuers, manifest["holders"][spec_h.id]
        )

    # Trust services: a root for the TSA, attestation parties and the 戸籍 e-certificate issuer.
    root_key = prof.new_key()
    root_cert = prof.services_root(
        root_key, now - dt.timedelta(days=5 * 365), now + dt.timedelta(days=20 * 365)
    )
    root = prof.Issuer(root_cert, root_key)
    manifest["services"]["root"] = {
        **out.cert("services/root", root_cert),
        **out.key("services/root", root_key),
    }
    manifest["trust"]["services_root"] = "services/root/cert.pem"
    ocsp_issuer = issuers[CURRENT_SIGN_CA]
    services: list[tuple[str, prof.Issuer, tuple[tuple[str, str], ...], dict[str, Any], str]] = [
        (
            "tsa",
            root,
            (("C", "JP"), ("O", "endingnote test"), ("CN", "endingnote Test Time-Stamping Authority")),
            {"eku": ExtendedKeyUsageOID.TIME_STAMPING.dotted_string, "eku_critical": True},
            "TSA1234",
        ),
        (
            "ocsp",
            ocsp_issuer,
            (("C", "JP"), ("O", "JPKI"), ("OU", "JPKI for digital signature"), ("CN", "Test OCSP Responder")),
            {"eku": ExtendedKeyUsageOID.OCSP_SIGNING.dotted_string},
            "OCSP1234",
        ),
        (
            "attestation",
            root,
            (("C", "JP"), ("O", "endingnote test attestation"), ("CN", "行政書士 試験 証明 (TEST)")),
            {"non_repudiation": True},
            "ATTEST1234",
        ),
        (
            "koseki_issuer",
            root,
            (("C", "JP"), ("O", "法務省 (TEST)"), ("CN", "戸籍電子証明書 発行者 (TEST)")),
            {"non_repudiation": True},
            "KOSEKI1234",
        ),
    ]
    for label, issuer, rdns, options, password in services:
        key = prof.new_key()
        cert = prof.service(
            issuer,
            key,
            label,
            rdns,
            now - dt.timedelta(days=365),
            now + dt.timedelta(days=10 * 365),
            **options,
        )
        rel = f"services/{label}"
        entry: dict[str, Any] = {**out.cert(rel, cert), **out.key(rel, key)}
        chain = [issuer.cert]
        entry["chain"] = [
            manifest["sign_cas"][CURRENT_SIGN_CA]["cert"] if label == "ocsp" else "services/root/cert.pem"
        ]
        entry.update(out.p12(rel, label, key, cert, chain, password))
        manifest["services"][label] = entry
    manifest["services"]["ocsp"]["index"] = "services/ocsp/index.txt"
    manifest["services"]["tsa"]["openssl_config"] = "services/tsa/openssl-ts.cnf"
    _write_tsa_config(base, manifest)

    issue_crls(base, manifest, now - dt.timedelta(hours=1))
    write_text(base / "README.txt", _README)
    write_text(base / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return load_test_pki(base)


def _holder(
    out: _Writer, spec: HolderSpec, issuers: dict[str, prof.Issuer], now: dt.datetime
) -> dict[str, Any]:
    issued = (now + spec.issued).astimezone(prof.JST)
    expires = fifth_birthday_after(issued.date(), spec.birth_date)
    not_after = dt.datetime(expires.year, expires.month, expires.day, 23, 59, 59, tzinfo=prof.JST)
    name = spec.name
    data = BasicFourData(
        name=name,
        birth_date=encode_birth_date(spec.birth_date),
        sex=spec.sex,
        address=spec.address,
        name_flags=spec.name_flags or "0" * len(name),
        address_flags=spec.address_flags or "0" * len(spec.address),
    )
    serial = prof.serial_for(f"holder:{spec.id}")
    key = prof.new_key()
    cert = prof.holder(
        issuers[spec.issuer],
        key,
        serial,
        f"{serial:016X}"[:16],
        issued.astimezone(dt.UTC),
        not_after.astimezone(dt.UTC),
        data,
        spec.policy_oid,
        f"CRL{spec.issuer[-1]}0001",
    )
    rel = f"holders/{spec.id}"
    entry: dict[str, Any] = {
        "role": spec.role,
        "issuer": spec.issuer,
        **out.cert(rel, cert),
        **out.key(rel, key),
        **out.p12(rel, spec.id, key, cert, [issuers[spec.issuer].cert], spec.password),
        "serial": f"{serial:X}",
        "subject": _subject_pairs(cert),
        "not_before": _iso(cert.not_valid_before_utc),
        "not_after": _iso(cert.not_valid_after_utc),
        "token_label": spec.token_label,
        "policy_oid": spec.policy_oid,
        "basic4": {
            "name": data.name,
            "birth_date": data.birth_date,
            "sex": data.sex,
            "address": data.address,
            "name_flags": data.name_flags,
            "address_flags": data.address_flags,
        },
        "revoked": None,
    }
    if spec.revoked is not None:
        inval = spec.revoked.invalidity
        entry["revoked"] = {
            "at": _iso(now + spec.revoked.after),
            "reason": reason_name(spec.revoked.reason),
            "invalidity_date": _iso(now + inval) if inval is not None else None,
        }
    return entry


def _auth(
    out: _Writer, spec: HolderSpec, issuers: dict[str, prof.Issuer], sign_entry: dict[str, Any]
) -> dict[str, Any]:
    """The holder's 利用者証明用電子証明書, from the auth generation matching the signing one."""
    issuer_id = "auth-ca-" + spec.issuer.rsplit("-", 1)[1]
    serial = prof.serial_for(f"auth:{spec.id}")
    key = prof.new_key()
    cert = prof.auth_holder(
        issuers[issuer_id],
        key,
        serial,
        f"{serial:016X}"[:16],
        dt.datetime.fromisoformat(sign_entry["not_before"]),
        dt.datetime.fromisoformat(sign_entry["not_after"]),
    )
    rel = f"holders/{spec.id}/auth"
    return {
        "issuer": issuer_id,
        **out.cert(rel, cert),
        **out.key(rel, key),
        "serial": f"{serial:X}",
        "pin": spec.pin,
    }


def _write_tsa_config(base: Path, manifest: dict[str, Any]) -> None:
    tsa = manifest["services"]["tsa"]
    text = f"""# openssl ts -reply -config {tsa["openssl_config"]} (TEST ONLY)
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = {base / "services/tsa"}
serial = $dir/serial
crypto_device = builtin
signer_cert = {base / tsa["cert"]}
certs = {base / "services/root/cert.pem"}
signer_key = {base / tsa["key"]}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1.1
other_policies = 1.3.6.1.4.1.99999.1.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""
    write_text(base / tsa["openssl_config"], text)
    write_text(base / "services/tsa/serial", "01\n")


_README = """endingnote test PKI — TEST ONLY / テスト専用

manifest.json  what is where (format endingnote-testpki/1); load with endingnote.sign.testpki.load_test_pki
jpki/sign-ca-N/  signing-CA generations (self-signed, one shared DN, like J-LIS's), their key and CRL
jpki/sign-cas.pem  every generation: the JPKI trust anchors for verification
holders/ID/  a card holder: cert.pem/der, key.pem, ID.p12 (password in manifest.json = card password)
services/  root (trust-services root), tsa (+ openssl-ts.cnf), ocsp (+ index.txt), attestation, koseki_issuer
"""
