"""Verifying signed packages: the report, path building at a time, revocation, the verifier."""

from endingnote.sign.verify._package import verify_package
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
    "verify_package",
]
