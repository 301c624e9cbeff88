"""Verifying signed packages: the report, path building at a time, revocation, the verifier.

:func:`issued_by` is the one certificate-link check (also used for attestations and e-certificates);
:func:`certificates_from` reads pinned anchors given in memory.
"""

from endingnote.sign.trust._issued import issued_by
from endingnote.sign.trust._keys import certificates_from
from endingnote.sign.verify._package import verify_package, verify_with_note
from endingnote.sign.verify._report import (
    Indication,
    Revocation,
    SignerStatus,
    TimestampStatus,
    VerificationReport,
)

__all__ = [
    "Indication",
    "Revocation",
    "SignerStatus",
    "TimestampStatus",
    "VerificationReport",
    "certificates_from",
    "issued_by",
    "verify_package",
    "verify_with_note",
]
