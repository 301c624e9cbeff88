"""Trust: RFC 5280 path validation at a past time on pyhanko-certvalidator, and the JPKI layer.

:func:`validate_chain` and :func:`revocation_at` are the trust core every signed object uses —
signed packages (signer and TSA chains), heir attestations and 戸籍電子証明書. :mod:`._jpki` adds
only what is JPKI-specific (signing-CA generations under one name, certificate policies, the
signer's key usage, revocation at death is not invalidity).
"""

from endingnote.sign.trust._core import ChainResult, RevocationAt, revocation_at, validate_chain
from endingnote.sign.trust._jpki import (
    POLICY_SIGN,
    POLICY_SIGN_PHONE,
    POLICY_SIGN_TEST_CARD,
    JpkiRevocation,
    non_repudiation,
    revocation_verdict,
    signing_policy,
)

__all__ = [
    "POLICY_SIGN",
    "POLICY_SIGN_PHONE",
    "POLICY_SIGN_TEST_CARD",
    "ChainResult",
    "JpkiRevocation",
    "RevocationAt",
    "non_repudiation",
    "revocation_at",
    "revocation_verdict",
    "signing_policy",
    "validate_chain",
]
