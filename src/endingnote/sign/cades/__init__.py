"""Detached CMS/CAdES signatures built through a :class:`~endingnote.sign.Signer` and checked."""

from endingnote.sign.cades._build import (
    OID_SIGNATURE_TIMESTAMP,
    add_unsigned_attribute,
    sign_detached,
    signature_value,
)
from endingnote.sign.cades._verify import SignatureCheck, SignatureProblem, verify_detached
from endingnote.sign.card._rsa import digest_info

__all__ = [
    "OID_SIGNATURE_TIMESTAMP",
    "SignatureCheck",
    "SignatureProblem",
    "add_unsigned_attribute",
    "digest_info",
    "sign_detached",
    "signature_value",
    "verify_detached",
]
