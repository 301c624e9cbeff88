"""The one certificate-link check outside path validation: "did this issuer sign that certificate?"

Used where a single link, not a path, is the question (an OCSP response's delegated responder).
JPKI signing-CA generations share one DN, so a candidate must match the name, the authority key
identifier (when both sides carry one), and must have actually signed the certificate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from endingnote.sign.trust._keys import authority_key_id, subject_key_id

if TYPE_CHECKING:
    from cryptography import x509


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """True when ``issuer`` has ``cert``'s issuer name, matching key identifier, and signed it
    (False, not an exception, when either certificate does not parse)."""
    try:
        if cert.issuer != issuer.subject:
            return False
        aki, ski = authority_key_id(cert), subject_key_id(issuer)
        if aki is not None and ski is not None and aki != ski:
            return False
        cert.verify_directly_issued_by(issuer)
    except Exception:
        return False
    return True
