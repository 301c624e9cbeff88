"""CRLs per signing-CA generation, the OpenSSL OCSP index, and :func:`revoke`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote._atomic import write_bytes, write_text
from endingnote.errors import InputError
from endingnote.sign.testpki._model import MANIFEST, TestPki, load_test_pki

if TYPE_CHECKING:
    from cryptography import x509

CRL_VALIDITY = dt.timedelta(days=7)

# CRL reasons accepted by revoke(): the RFC 5280 names (ReasonFlags values) and their snake_case.
REASONS = (
    "unspecified",
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
    "privilegeWithdrawn",
    "aACompromise",
)
_OPENSSL_REASON = {"cACompromise": "CACompromise", "certificateHold": "certificateHold,holdInstructionReject"}


def reason_name(reason: str) -> str:
    """Normalise ``key_compromise`` / ``keyCompromise`` to the RFC 5280 name."""
    lowered = reason.replace("_", "").lower()
    for name in REASONS:
        if name.lower() == lowered:
            return name
    raise ValueError(f"unknown CRL reason {reason!r}; one of {', '.join(REASONS)}")


def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return value.astimezone(dt.UTC)


def issue_crls(
    pki_dir: Path, manifest: dict[str, Any], this_update: dt.datetime, only: str | None = None
) -> None:
    """(Re)issue the CRL of each signing-CA generation (or just ``only``) and the OCSP index."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    from endingnote.sign.testpki._model import _load_cert, _load_key

    this_update = _utc(this_update)
    for ca_id, ca in manifest["sign_cas"].items():
        if only is not None and ca_id != only:
            continue
        cert = _load_cert(pki_dir / ca["cert"])
        key = _load_key(pki_dir / ca["key"])
        ca["crl_number"] = int(ca.get("crl_number", 0)) + 1
        ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(cert.subject)
            .last_update(this_update)
            .next_update(this_update + CRL_VALIDITY)
            .add_extension(x509.CRLNumber(ca["crl_number"]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
            )
        )
        for holder in manifest["holders"].values():
            rev = holder.get("revoked")
            if holder["issuer"] != ca_id or not rev:
                continue
            builder = builder.add_revoked_certificate(_entry(int(holder["serial"], 16), rev))
        crl = builder.sign(key, hashes.SHA256())
        write_bytes(pki_dir / ca["crl"], crl.public_bytes(serialization.Encoding.DER))
        write_bytes(pki_dir / ca["crl_pem"], crl.public_bytes(serialization.Encoding.PEM))
        ca["crl_this_update"] = this_update.isoformat()
    _write_ocsp_index(pki_dir, manifest)


def _entry(serial: int, rev: dict[str, Any]) -> x509.RevokedCertificate:
    from cryptography import x509

    entry = (
        x509.RevokedCertificateBuilder()
        .serial_number(serial)
        .revocation_date(dt.datetime.fromisoformat(rev["at"]))
    )
    if rev["reason"] != "unspecified":
        entry = entry.add_extension(x509.CRLReason(x509.ReasonFlags(rev["reason"])), critical=False)
    if rev.get("invalidity_date"):
        entry = entry.add_extension(
            x509.InvalidityDate(dt.datetime.fromisoformat(rev["invalidity_date"]).replace(tzinfo=None)),
            critical=False,
        )
    return entry.build()


def _openssl_time(value: str) -> str:
    return _utc(dt.datetime.fromisoformat(value)).strftime("%y%m%d%H%M%SZ")


def _write_ocsp_index(pki_dir: Path, manifest: dict[str, Any]) -> None:
    """``index.txt`` for ``openssl ocsp -index`` covering the current generation's certificates."""
    current = manifest["current_sign_ca"]
    lines = []
    for holder in manifest["holders"].values():
        if holder["issuer"] != current:
            continue
        rev = holder.get("revoked")
        status, when = "V", ""
        if rev:
            status = "R"
            reason = _OPENSSL_REASON.get(rev["reason"], rev["reason"])
            when = _openssl_time(rev["at"]) + ("" if reason == "unspecified" else f",{reason}")
        serial = holder["serial"].upper()
        serial = serial if len(serial) % 2 == 0 else "0" + serial
        subject = "/" + "/".join(f"{k}={v}" for k, v in holder["subject"])
        lines.append(
            "\t".join([status, _openssl_time(holder["not_after"]), when, serial, "unknown", subject])
        )
    write_text(pki_dir / manifest["services"]["ocsp"]["index"], "".join(line + "\n" for line in lines))


def revoke(
    pki_dir: str | Path,
    holder_id: str,
    *,
    at: dt.datetime,
    reason: str = "unspecified",
    invalidity_date: dt.datetime | None = None,
    crl_time: dt.datetime | None = None,
) -> TestPki:
    """Revoke ``holder_id``'s certificate at ``at`` and re-issue its CA's CRL and the OCSP index.

    The new CRL's thisUpdate is ``crl_time`` (default: ``at``, but never before the previous CRL).
    Revoking again replaces the earlier entry (e.g. a hold followed by a final revocation).
    """
    base = Path(pki_dir).resolve()
    pki = load_test_pki(base)
    holder = pki.holder(holder_id)
    at = _utc(at)
    manifest = json.loads(json.dumps(pki.manifest))
    entry = manifest["holders"][holder_id]
    if at < dt.datetime.fromisoformat(entry["not_before"]):
        raise InputError(
            f"{holder_id}: 発行前には失効できません / cannot revoke before issue ({at.isoformat()})"
        )
    entry["revoked"] = {
        "at": at.isoformat(),
        "reason": reason_name(reason),
        "invalidity_date": _utc(invalidity_date).isoformat() if invalidity_date else None,
    }
    previous = manifest["sign_cas"][holder.issuer_id].get("crl_this_update")
    when = _utc(crl_time) if crl_time else at
    if previous and when < dt.datetime.fromisoformat(previous):
        when = dt.datetime.fromisoformat(previous)
    issue_crls(base, manifest, when, only=holder.issuer_id)
    write_text(base / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return load_test_pki(base)
