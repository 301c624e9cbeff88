"""What is JPKI-specific, as a thin layer above the trust core (:mod:`._core`).

* **One DN for several signing-CA generations.** J-LIS renews its signing CA under the same name,
  so an issuer is never chosen by name alone. The core's path building matches name, key
  identifier and signature; this layer adds nothing but the tests that pin it.
* **The basic four data** (name, date of birth, sex, address) are in the signing certificate's
  subjectAltName; :func:`endingnote.sign.card.basic_four_data` reads them.
* **The certificate policy** of a signing certificate (card, smartphone, J-LIS test card) and the
  signer's key usage ``nonRepudiation``.
* **Revocation at death is not invalidity.** J-LIS revokes a holder's certificate when the death is
  registered. A signature timestamped before the revocation stays valid: the core answers "was it
  revoked at the proven time?", and this layer also reports a revocation that came later (with
  its reason: a later key compromise or hold is a warning, since misuse before the report cannot
  be excluded), and honours a CRL entry's invalidity date and entries of older CRLs (a revocation
  listed anywhere is a fact whatever the list's age).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from endingnote.sign.trust._core import ChainResult, revocation_at

if TYPE_CHECKING:
    from cryptography import x509

POLICY_SIGN = "1.2.392.200149.8.5.1.1.20"  # 署名用電子証明書 (card)
POLICY_SIGN_PHONE = "1.2.392.200149.8.5.1.1.40"  # スマホ用 (one source — unconfirmed)
POLICY_SIGN_TEST_CARD = "1.2.392.200149.8.5.1.0.20"  # J-LIS test cards
SIGNING_POLICIES = (POLICY_SIGN, POLICY_SIGN_PHONE, POLICY_SIGN_TEST_CARD)
_LATER_WARNING = ("keyCompromise", "certificateHold")


def policies(cert: x509.Certificate) -> list[str]:
    from cryptography import x509

    try:
        found = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        return []
    return [p.policy_identifier.dotted_string for p in found]


def signing_policy(cert: x509.Certificate) -> str | None:
    """The JPKI signing-certificate policy the certificate carries, if any."""
    return next((p for p in policies(cert) if p in SIGNING_POLICIES), None)


def non_repudiation(cert: x509.Certificate) -> bool:
    from cryptography import x509

    try:
        return bool(cert.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment)
    except x509.ExtensionNotFound:
        return False


@dataclass
class JpkiRevocation:
    """The verdict at the proven time ``at``.

    ``status``: ``good``, ``revoked_before`` (at or before ``at``, counting the invalidity date),
    ``revoked_after`` (later: the signature stays valid), ``revoked_unproven`` (revoked, and no
    proven signing time to compare with) or ``unknown``. ``later_warning``: the later revocation's
    reason leaves misuse before it possible."""

    status: str
    source: str | None = None
    revoked_at: dt.datetime | None = None
    reason: str | None = None
    detail: str = ""
    later_warning: bool = False
    unusable: list[tuple[str, str]] = field(default_factory=list)


def revocation_verdict(
    cert: x509.Certificate,
    chain: ChainResult,
    *,
    at: dt.datetime,
    proven: bool,
    crls: Sequence[tuple[str, x509.CertificateRevocationList]] = (),
    ocsp: str | None = None,
) -> JpkiRevocation:
    """Revocation of the signer's certificate as of ``at`` (the proven signing time when
    ``proven``), from supplied CRLs and an OCSP responder URL."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from endingnote.sign.trust._revinfo import RevocationResult, check_crls, check_ocsp

    issuer = chain.issuer
    if issuer is None:
        raise ValueError("revocation needs a validated chain")
    listed = check_crls(cert, issuer, list(crls), at) if crls else RevocationResult()
    if ocsp:
        listed = listed.merge(check_ocsp(cert, issuer, ocsp, at)[0])
    core = revocation_at(cert, chain.path, at=at, crls=[crl.public_bytes(Encoding.DER) for _, crl in crls])
    out = JpkiRevocation("unknown", unusable=list(listed.unusable))
    if listed.status == "revoked" and listed.revoked_at is not None:
        effective = min(listed.revoked_at, listed.invalidity_date or listed.revoked_at)
        out.source, out.revoked_at, out.reason = (
            listed.source,
            listed.revoked_at,
            listed.reason or "unspecified",
        )
        if not proven:
            out.status = "revoked_unproven"
        elif effective <= at:
            out.status, out.revoked_at = "revoked_before", effective
        else:
            out.status = "revoked_after"
            out.later_warning = out.reason in _LATER_WARNING
        return out
    if core.status == "revoked" and core.revoked_at is not None:
        out.status = "revoked_before" if proven else "revoked_unproven"
        out.revoked_at, out.reason = core.revoked_at, core.reason or "unspecified"
        out.source = listed.source or "crl/ocsp"
        return out
    # JPKI certificates name no OCSP responder, so RFC 5280 validators ignore OCSP answers for them;
    # a responder the verifier was pointed at (a platform operator's) is trusted here when
    # check_ocsp found its answer signed by the issuer or its delegated responder, produced after ``at``.
    ocsp_good = listed.status == "good" and (listed.source or "").startswith("ocsp:")
    if core.status == "good" or ocsp_good:
        out.status, out.source = "good", listed.source
        return out
    out.detail = "; ".join(listed.notes) or core.detail
    return out
