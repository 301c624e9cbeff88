"""The signer's certificate at the best signature time: validity, key usage, JPKI policy, chain to a
pinned anchor, and revocation (revoked before → INVALID, after → VALID, unknown → said so)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from endingnote._issues import Severity
from endingnote.sign.verify._report import Revocation, SignerStatus
from endingnote.sign.verify._state import State

if TYPE_CHECKING:
    from cryptography import x509

POLICY_SIGN = "1.2.392.200149.8.5.1.1.20"
POLICY_PHONE = "1.2.392.200149.8.5.1.1.40"
POLICY_TEST = "1.2.392.200149.8.5.1.0.20"


def _policies(cert: x509.Certificate) -> list[str]:
    from cryptography import x509

    try:
        policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        return []
    return [p.policy_identifier.dotted_string for p in policies]


def check_signer(
    cert: x509.Certificate,
    embedded: tuple[x509.Certificate, ...],
    anchors: list[x509.Certificate],
    crls: list[tuple[str, x509.CertificateRevocationList]],
    ocsp: str | None,
    state: State,
) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from endingnote.sign.card import basic_four_data
    from endingnote.sign.verify._chain import build_path
    from endingnote.sign.verify._keys import valid_at

    proven = state.timestamp_time is not None
    at = state.timestamp_time or state.validation_time
    no_poe = None if proven else Severity.WARNING
    policies = _policies(cert)
    known = [p for p in policies if p in (POLICY_SIGN, POLICY_PHONE, POLICY_TEST)]
    data = basic_four_data(cert)
    state.signer = SignerStatus(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial=f"{cert.serial_number:X}",
        cert_sha256=hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest(),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        policy=known[0] if known else None,
        basic4=data.to_dict() if data else None,
    )
    if not valid_at(cert, at):
        state.add(
            "sign.chain.out_of_validity",
            "",
            severity=no_poe,
            at=at.isoformat(),
            not_before=cert.not_valid_before_utc.isoformat(),
            not_after=cert.not_valid_after_utc.isoformat(),
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        non_repudiation = usage.content_commitment
    except x509.ExtensionNotFound:
        non_repudiation = False
    if not non_repudiation:
        state.add("sign.chain.key_usage", "")
    if not known:
        state.add("sign.chain.policy", "", found=", ".join(policies) or "-")
    elif known[0] == POLICY_TEST:
        state.add("sign.chain.test_policy", "", oid=POLICY_TEST)
    elif known[0] == POLICY_PHONE:
        state.add("sign.chain.phone", "")
    if not anchors:
        state.add("sign.chain.no_trust", "")
        return
    chain = build_path(cert, anchors, embedded, at)
    if not chain.ok:
        state.add("sign.chain.untrusted", "", at=at.isoformat(), detail="; ".join(chain.problems))
        return
    state.trusted = True
    _check_revocation(cert, chain.path[1] if len(chain.path) > 1 else cert, crls, ocsp, state, at, proven)


def _check_revocation(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    crls: list[tuple[str, x509.CertificateRevocationList]],
    ocsp: str | None,
    state: State,
    at: dt.datetime,
    proven: bool,
) -> None:
    from endingnote.sign.verify._revocation import RevocationResult, check_crls, check_ocsp

    result = check_crls(cert, issuer, crls, at) if crls else RevocationResult()
    if ocsp:
        result = result.merge(check_ocsp(cert, issuer, ocsp, at))
    for source, why in result.unusable:
        state.add("sign.revocation.source_invalid", "", source=source, detail=why)
    state.revocation_source = result.source
    if result.status == "good":
        state.revocation = Revocation.GOOD
        return
    if result.status == "unknown":
        state.revocation = Revocation.UNKNOWN
        detail = "; ".join(result.notes) or "no CRL or OCSP given"
        if proven:  # the message states the time the timestamp proves, never the validation time
            state.add("sign.revocation.unknown", "", detail=detail, at=at.isoformat())
        else:
            state.add("sign.revocation.unknown_unproven", "", detail=detail)
        return
    if result.revoked_at is None:  # a "revoked" result always carries its date
        raise ValueError("revoked without a date")
    state.revoked_at = result.revoked_at
    reason = result.reason or "unspecified"
    effective = min(result.revoked_at, result.invalidity_date or result.revoked_at)
    if not proven:
        state.revocation = Revocation.REVOKED_NO_POE
        state.add("sign.revocation.revoked_no_poe", "", revoked_at=result.revoked_at.isoformat())
    elif effective <= at:
        state.revocation = Revocation.REVOKED_BEFORE_SIGNING
        state.add(
            "sign.revocation.revoked", "", at=at.isoformat(), revoked_at=effective.isoformat(), reason=reason
        )
    else:
        state.revocation = Revocation.REVOKED_AFTER_SIGNING
        code = (
            "sign.revocation.compromise_after"
            if reason in ("keyCompromise", "certificateHold")
            else ("sign.revocation.revoked_after")
        )
        state.add(code, "", at=at.isoformat(), revoked_at=result.revoked_at.isoformat(), reason=reason)
