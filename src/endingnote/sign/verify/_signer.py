"""The signer's certificate at the best signature time: validity, key usage, JPKI policy, chain to a
pinned anchor (the trust core, :mod:`endingnote.sign.trust`), and revocation (revoked before →
INVALID, after → VALID, unknown → said so, with the time actually proved)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from endingnote._issues import Severity
from endingnote.sign.verify._report import Revocation, SignerStatus
from endingnote.sign.verify._state import State

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote.sign.trust import ChainResult


def check_signer(
    cert: x509.Certificate,
    embedded: tuple[x509.Certificate, ...],
    anchors: list[x509.Certificate],
    crls: list[tuple[str, x509.CertificateRevocationList]],
    ocsp: str | None,
    state: State,
) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    from endingnote.sign.card import basic_four_data
    from endingnote.sign.trust import non_repudiation, signing_policy, validate_chain
    from endingnote.sign.trust._jpki import POLICY_SIGN_PHONE, POLICY_SIGN_TEST_CARD, policies
    from endingnote.sign.trust._keys import valid_at

    proven = state.timestamp_time is not None
    at = state.timestamp_time or state.validation_time
    no_poe = None if proven else Severity.WARNING
    policy = signing_policy(cert)
    data = basic_four_data(cert)
    state.signer = SignerStatus(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial=f"{cert.serial_number:X}",
        cert_sha256=hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest(),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        policy=policy,
        basic4=data.to_dict() if data else None,
    )
    leaf_valid = valid_at(cert, at)
    if not leaf_valid:
        state.add(
            "sign.chain.out_of_validity",
            "",
            severity=no_poe,
            at=at.isoformat(),
            not_before=cert.not_valid_before_utc.isoformat(),
            not_after=cert.not_valid_after_utc.isoformat(),
        )
    if not non_repudiation(cert):
        state.add("sign.chain.key_usage", "")
    if policy is None:
        state.add("sign.chain.policy", "", found=", ".join(policies(cert)) or "-")
    elif policy == POLICY_SIGN_TEST_CARD:
        state.add("sign.chain.test_policy", "", oid=POLICY_SIGN_TEST_CARD)
    elif policy == POLICY_SIGN_PHONE:
        state.add("sign.chain.phone", "")
    if not anchors:
        state.add("sign.chain.no_trust", "")
        return
    chain = validate_chain(cert, anchors, embedded, at=at)
    if not chain.ok:
        if chain.kind == "validity" and chain.leaf and not leaf_valid:
            return  # said above, as the signer's own validity
        code = (
            "sign.chain.constraints" if chain.kind in ("constraints", "malformed") else "sign.chain.untrusted"
        )
        state.add(code, "", at=at.isoformat(), detail=chain.detail)
        return
    state.trusted = True
    _check_revocation(cert, chain, crls, ocsp, state, at, proven)


def _check_revocation(
    cert: x509.Certificate,
    chain: ChainResult,
    crls: list[tuple[str, x509.CertificateRevocationList]],
    ocsp: str | None,
    state: State,
    at: dt.datetime,
    proven: bool,
) -> None:
    from endingnote.sign.trust import revocation_verdict

    verdict = revocation_verdict(cert, chain, at=at, proven=proven, crls=crls, ocsp=ocsp)
    for source, why in verdict.unusable:
        state.add("sign.revocation.source_invalid", "", source=source, detail=why)
    state.revocation_source = verdict.source
    if verdict.status == "good":
        state.revocation = Revocation.GOOD
        return
    if verdict.status == "unknown":
        state.revocation = Revocation.UNKNOWN
        if proven:  # the message states the time the timestamp proves, never the validation time
            state.add("sign.revocation.unknown", "", detail=verdict.detail, at=at.isoformat())
        else:
            state.add("sign.revocation.unknown_unproven", "", detail=verdict.detail)
        return
    if verdict.revoked_at is None:  # a "revoked" verdict always carries its date
        raise ValueError("revoked without a date")
    state.revoked_at = verdict.revoked_at
    reason = verdict.reason or "unspecified"
    if verdict.status == "revoked_unproven":
        state.revocation = Revocation.REVOKED_NO_POE
        state.add("sign.revocation.revoked_no_poe", "", revoked_at=verdict.revoked_at.isoformat())
    elif verdict.status == "revoked_before":
        state.revocation = Revocation.REVOKED_BEFORE_SIGNING
        state.add(
            "sign.revocation.revoked",
            "",
            at=at.isoformat(),
            revoked_at=verdict.revoked_at.isoformat(),
            reason=reason,
        )
    else:
        state.revocation = Revocation.REVOKED_AFTER_SIGNING
        code = (
            "sign.revocation.compromise_after" if verdict.later_warning else "sign.revocation.revoked_after"
        )
        state.add(code, "", at=at.isoformat(), revoked_at=verdict.revoked_at.isoformat(), reason=reason)
