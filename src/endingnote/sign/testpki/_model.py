"""The test PKI on disk: ``manifest.json`` and typed access to its files."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote.errors import InputError
from endingnote.sign.card._basic4 import BasicFourData

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

MANIFEST = "manifest.json"
FORMAT = "endingnote-testpki/1"


def _load_cert(path: Path) -> x509.Certificate:
    from cryptography import x509

    data = path.read_bytes()
    return (
        x509.load_pem_x509_certificate(data)
        if data.startswith(b"-----")
        else x509.load_der_x509_certificate(data)
    )


def _load_key(path: Path) -> RSAPrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, RSAPrivateKey):
        raise InputError(f"{path}: not an RSA private key")
    return key


@dataclass(frozen=True)
class Credential:
    """A key and its certificate (and, for end entities, the chain up to the trust anchor)."""

    id: str
    cert_path: Path
    key_path: Path
    chain_paths: tuple[Path, ...] = ()
    p12_path: Path | None = None
    password: str | None = None

    @functools.cached_property
    def cert(self) -> x509.Certificate:
        return _load_cert(self.cert_path)

    @functools.cached_property
    def key(self) -> RSAPrivateKey:
        return _load_key(self.key_path)

    @property
    def cert_der(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import Encoding

        return self.cert.public_bytes(Encoding.DER)

    @functools.cached_property
    def chain(self) -> list[x509.Certificate]:
        return [_load_cert(p) for p in self.chain_paths]


@dataclass(frozen=True)
class RevocationInfo:
    at: dt.datetime
    reason: str  # ReasonFlags value, e.g. "keyCompromise"
    invalidity_date: dt.datetime | None = None


@dataclass(frozen=True)
class SignCa(Credential):
    """One signing-CA generation (self-signed; every generation has the same DN)."""

    generation: int = 0
    crl_path: Path = Path()
    crl_number: int = 0

    @functools.cached_property
    def crl(self) -> x509.CertificateRevocationList:
        from cryptography import x509

        return x509.load_der_x509_crl(self.crl_path.read_bytes())


@dataclass(frozen=True)
class Holder(Credential):
    """A card holder: their signing certificate/key, card token and 署名用パスワード."""

    basic4: BasicFourData = field(default_factory=lambda: BasicFourData("", "", "", ""))
    issuer_id: str = ""
    token_label: str = ""
    policy_oid: str = ""
    role: str = ""
    revoked: RevocationInfo | None = None
    auth: Credential | None = None  # 利用者証明用: cert/key; its PIN is ``auth.password``


@dataclass(frozen=True)
class TestPki:
    """A loaded test PKI. Paths are absolute; objects load lazily from the files."""

    __test__ = False  # not a pytest test class

    dir: Path
    created: dt.datetime
    root: Credential
    sign_cas: dict[str, SignCa]
    current_sign_ca: str
    holders: dict[str, Holder]
    tsa: Credential
    ocsp: Credential
    attestation: Credential
    koseki_issuer: Credential
    auth_cas: dict[str, Credential]  # 利用者証明用 CA generations
    sign_cas_pem: Path  # every signing-CA generation, PEM bundle (the JPKI trust anchors)
    auth_cas_pem: Path  # every user-authentication CA generation, PEM bundle
    services_root_pem: Path  # the trust-services root (TSA, attestation, 戸籍 issuer)
    ocsp_index: Path
    tsa_config: Path
    manifest: dict[str, Any]

    def holder(self, holder_id: str) -> Holder:
        try:
            return self.holders[holder_id]
        except KeyError:
            known = ", ".join(sorted(self.holders))
            raise InputError(
                f"テストPKIに保有者 {holder_id!r} はありません / no holder {holder_id!r} ({known})"
            ) from None

    @property
    def crl_paths(self) -> list[Path]:
        return [ca.crl_path for ca in self.sign_cas.values()]

    def issuer_of(self, holder_id: str) -> SignCa:
        return self.sign_cas[self.holder(holder_id).issuer_id]


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _check_paths(base: Path, node: object) -> None:
    """Every file the manifest names must lie inside the PKI folder (no ``..``, no absolute paths)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("cert", "cert_der", "key", "p12", "crl", "crl_pem", "index", "openssl_config") or (
                key in ("jpki_sign_cas", "jpki_auth_cas", "services_root")
            ):
                if not isinstance(value, str) or not (base / value).resolve().is_relative_to(base):
                    raise InputError(f"{base / MANIFEST}: 不正なパス / path outside the test PKI: {value!r}")
            elif key == "chain":
                for rel in value if isinstance(value, list) else [value]:
                    _check_paths(base, {"cert": rel})
            else:
                _check_paths(base, value)
    elif isinstance(node, list):
        for item in node:
            _check_paths(base, item)


def load_test_pki(directory: str | Path) -> TestPki:
    """Load a test PKI written by :func:`build_test_pki` (or ``endingnote testpki init``)."""
    base = Path(directory).resolve()
    try:
        manifest = json.loads((base / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{base}: テストPKIではありません(manifest.json がない) / not a test PKI") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{base / MANIFEST}: 読めません / unreadable: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{base / MANIFEST}: 未知の形式 / unknown format (expected {FORMAT})")

    def p(rel: str | None) -> Path | None:
        return base / rel if rel else None

    _check_paths(base, manifest)

    def cred(entry: dict[str, Any], ident: str) -> Credential:
        return Credential(
            id=ident,
            cert_path=base / entry["cert"],
            key_path=base / entry["key"],
            chain_paths=tuple(base / c for c in entry.get("chain", [])),
            p12_path=p(entry.get("p12")),
            password=entry.get("password"),
        )

    sign_cas = {
        ident: SignCa(
            id=ident,
            cert_path=base / e["cert"],
            key_path=base / e["key"],
            generation=e["generation"],
            crl_path=base / e["crl"],
            crl_number=e["crl_number"],
        )
        for ident, e in manifest["sign_cas"].items()
    }
    holders = {}
    for ident, e in manifest["holders"].items():
        rev = e.get("revoked")
        holders[ident] = Holder(
            id=ident,
            cert_path=base / e["cert"],
            key_path=base / e["key"],
            chain_paths=(base / manifest["sign_cas"][e["issuer"]]["cert"],),
            p12_path=base / e["p12"],
            password=e["password"],
            basic4=BasicFourData(**e["basic4"]),
            issuer_id=e["issuer"],
            token_label=e["token_label"],
            policy_oid=e["policy_oid"],
            role=e["role"],
            revoked=RevocationInfo(
                at=dt.datetime.fromisoformat(rev["at"]),
                reason=rev["reason"],
                invalidity_date=_dt(rev.get("invalidity_date")),
            )
            if rev
            else None,
            auth=Credential(
                id=f"{ident}/auth",
                cert_path=base / e["auth"]["cert"],
                key_path=base / e["auth"]["key"],
                chain_paths=(base / manifest["auth_cas"][e["auth"]["issuer"]]["cert"],),
                password=e["auth"]["pin"],
            )
            if e.get("auth")
            else None,
        )
    services = manifest["services"]
    return TestPki(
        dir=base,
        created=dt.datetime.fromisoformat(manifest["created"]),
        root=cred(services["root"], "root"),
        sign_cas=sign_cas,
        current_sign_ca=manifest["current_sign_ca"],
        holders=holders,
        tsa=cred(services["tsa"], "tsa"),
        ocsp=cred(services["ocsp"], "ocsp"),
        attestation=cred(services["attestation"], "attestation"),
        koseki_issuer=cred(services["koseki_issuer"], "koseki_issuer"),
        auth_cas={ident: cred(e, ident) for ident, e in manifest.get("auth_cas", {}).items()},
        sign_cas_pem=base / manifest["trust"]["jpki_sign_cas"],
        auth_cas_pem=base / manifest["trust"]["jpki_auth_cas"],
        services_root_pem=base / manifest["trust"]["services_root"],
        ocsp_index=base / services["ocsp"]["index"],
        tsa_config=base / services["tsa"]["openssl_config"],
        manifest=manifest,
    )
