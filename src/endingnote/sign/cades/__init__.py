"""CMS/CAdES signatures built through a :class:`~endingnote.sign.Signer`, and checked.

The one place endingnote builds a ``SignedData`` (:func:`sign_detached`, :func:`sign_attached`) and
checks a ``SignerInfo`` (:func:`check_signer_info`); signed exports, timestamps, heir attestations and
戸籍電子証明書 all use it.
"""

from endingnote.sign.cades._build import (
    OID_SIGNATURE_TIMESTAMP,
    add_unsigned_attribute,
    sign_attached,
    sign_detached,
    signature_value,
)
from endingnote.sign.cades._verify import (
    SignatureCheck,
    SignatureProblem,
    check_signer_info,
    find_signer,
    load_certificates,
    open_signed_data,
    parse_errors,
    signed_attribute,
    verify_detached,
)
from endingnote.sign.card._rsa import digest_info

__all__ = [
    "OID_SIGNATURE_TIMESTAMP",
    "SignatureCheck",
    "SignatureProblem",
    "add_unsigned_attribute",
    "check_signer_info",
    "digest_info",
    "find_signer",
    "load_certificates",
    "open_signed_data",
    "parse_errors",
    "sign_attached",
    "sign_detached",
    "signature_value",
    "signed_attribute",
    "verify_detached",
]
