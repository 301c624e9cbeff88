"""Revocation data for the signer's certificate: CRL files and an OCSP responder.

The result is a status, never a silent pass: with no usable data the status is ``unknown``.
Only a CRL issued *after* the signing time can say "not revoked at that time" (a CRL from before
cannot exclude a revocation in between); a revocation entry is usable whatever its CRL's age.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from endingnote.sign.trust._issued import issued_by

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.x509 import ocsp

from endingnote.sign._limits import OCSP_RESPONSE_BYTES

EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9"
MAX_OCSP_RESPONSE = OCSP_RESPONSE_BYTES.value


@dataclass
class RevocationResult:
    status: str = "unknown"  # good | revoked | unknown
    source: str | None = None
    revoked_at: dt.datetime | None = None
    reason: str | None = None
    invalidity_date: dt.datetime | None = None
    unusable: list[tuple[str, str]] = field(default_factory=list)  # (source, why)
    notes: list[str] = field(default_factory=list)  # why the status is unknown

    def merge(self, other: RevocationResult) -> RevocationResult:
        """Revoked beats good beats unknown; the earliest revocation wins."""
        unusable = [*self.unusable, *other.unusable]
        notes = [*self.notes, *other.notes]
        rank = {"revoked": 0, "good": 1, "unknown": 2}
        if rank[other.status] < rank[self.status] or (
            self.status == other.status == "revoked"
            and other.revoked_at is not None
            and self.revoked_at is not None
            and other.revoked_at < self.revoked_at
        ):
            best = other
        else:
            best = self
        return RevocationResult(
            best.status, best.source, best.revoked_at, best.reason, best.invalidity_date, unusable, notes
        )


def check_crls(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    crls: list[tuple[str, x509.CertificateRevocationList]],
    at: dt.datetime,
) -> RevocationResult:
    """The status of ``cert`` at ``at`` from the CRLs that ``issuer`` actually signed."""
    from cryptography import x509

    from endingnote.sign.trust._keys import subject_key_id

    result = RevocationResult()
    applicable = 0
    for name, crl in crls:
        if crl.issuer != cert.issuer:
            continue
        if not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
            try:
                aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
            except x509.ExtensionNotFound:
                aki = None
            if aki is not None and aki == subject_key_id(issuer):
                result.unusable.append((f"crl:{name}", "CRL signature does not verify"))
            continue  # same DN, another CA generation: not this issuer's CRL
        applicable += 1
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None:
            found = RevocationResult("revoked", f"crl:{name}", entry.revocation_date_utc)
            for ext in entry.extensions:
                if isinstance(ext.value, x509.CRLReason):
                    found.reason = ext.value.reason.value
                elif isinstance(ext.value, x509.InvalidityDate):
                    found.invalidity_date = ext.value.invalidity_date_utc
            result = result.merge(found)
        elif crl.last_update_utc >= at:
            result = result.merge(RevocationResult("good", f"crl:{name}"))
        else:
            result.notes.append(
                f"CRL {name} was issued {crl.last_update_utc:%Y-%m-%d %H:%M} UTC, before {at:%Y-%m-%d %H:%M}"
            )
    if not applicable and crls:
        result.notes.append("no supplied CRL was issued by the signer's CA")
    return result


def check_ocsp(
    cert: x509.Certificate, issuer: x509.Certificate, url: str, at: dt.datetime, *, timeout: float = 15.0
) -> tuple[RevocationResult, bytes | None]:
    """Ask an OCSP responder; the response must be signed by the issuer or its delegated responder.
    Also returns the response (DER) when it is a signed answer about ``cert``, for the trust core."""
    import urllib.error
    import urllib.request

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509 import ocsp

    source = f"ocsp:{url}"
    if not url.startswith(("http://", "https://")):
        return RevocationResult(unusable=[(source, "not an http(s) URL")]), None
    request = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()  # noqa: S303
    req = urllib.request.Request(  # noqa: S310 — scheme checked above
        url,
        data=request.public_bytes(serialization.Encoding.DER),
        headers={"Content-Type": "application/ocsp-request"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
            payload = resp.read(MAX_OCSP_RESPONSE + 1)
    except (urllib.error.URLError, OSError) as exc:
        return RevocationResult(unusable=[(source, f"unreachable: {exc}")]), None
    if len(payload) > MAX_OCSP_RESPONSE:
        return RevocationResult(unusable=[(source, f"response larger than {MAX_OCSP_RESPONSE} bytes")]), None
    try:
        response = ocsp.load_der_ocsp_response(payload)
    except ValueError as exc:
        return RevocationResult(unusable=[(source, f"malformed response: {exc}")]), None
    if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return RevocationResult(unusable=[(source, f"responder said {response.response_status.name}")]), None
    problem = _check_responder(response, issuer)
    if problem:
        return RevocationResult(unusable=[(source, problem)]), None
    if response.serial_number != cert.serial_number:
        return RevocationResult(unusable=[(source, "the response is about another certificate")]), None
    if response.certificate_status == ocsp.OCSPCertStatus.REVOKED:
        reason = response.revocation_reason
        revoked = RevocationResult(
            "revoked", source, response.revocation_time_utc, reason.value if reason is not None else None
        )
        return revoked, payload
    if response.certificate_status == ocsp.OCSPCertStatus.GOOD:
        if response.produced_at_utc >= at:
            return RevocationResult("good", source), payload
        return RevocationResult(notes=[f"OCSP response produced before {at:%Y-%m-%d %H:%M}"]), payload
    return RevocationResult(notes=["the OCSP responder does not know the certificate"]), payload


def _check_responder(response: ocsp.OCSPResponse, issuer: x509.Certificate) -> str | None:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    candidates = [issuer, *response.certificates]
    for responder in candidates:
        if responder is not issuer:
            if not issued_by(responder, issuer):
                continue
            try:
                eku = responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
            except x509.ExtensionNotFound:
                continue
            if EKU_OCSP_SIGNING not in [o.dotted_string for o in eku]:
                continue
        key = responder.public_key()
        if not isinstance(key, rsa.RSAPublicKey) or response.signature_hash_algorithm is None:
            continue
        try:
            key.verify(
                response.signature,
                response.tbs_response_bytes,
                padding.PKCS1v15(),
                response.signature_hash_algorithm,
            )
        except InvalidSignature:
            continue
        return None
    return "the response is not signed by the issuer or a delegated OCSP responder"
