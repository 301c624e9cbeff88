"""A J-LIS-shaped test PKI: signing-CA generations, card holders, CRLs, TSA and other test services.

TEST ONLY. ``build_test_pki(dir, now=...)`` writes it (``endingnote testpki init DIR``),
``load_test_pki(dir)`` reads it back, ``revoke(dir, holder, at=..., reason=...)`` re-issues a CRL.
"""

from endingnote.sign.testpki._build import build_test_pki
from endingnote.sign.testpki._model import Credential, Holder, RevocationInfo, SignCa, TestPki, load_test_pki
from endingnote.sign.testpki._profile import CPS_URI, SIGN_CA_DN
from endingnote.sign.testpki._revocation import REASONS, revoke
from endingnote.sign.testpki._specs import HOLDERS, TOKEN_LABELS, HolderSpec, Revocation
from endingnote.sign.trust._jpki import POLICY_SIGN, POLICY_SIGN_PHONE, POLICY_SIGN_TEST_CARD

__all__ = [
    "CPS_URI",
    "HOLDERS",
    "POLICY_SIGN",
    "POLICY_SIGN_PHONE",
    "POLICY_SIGN_TEST_CARD",
    "REASONS",
    "SIGN_CA_DN",
    "TOKEN_LABELS",
    "Credential",
    "Holder",
    "HolderSpec",
    "Revocation",
    "RevocationInfo",
    "SignCa",
    "TestPki",
    "build_test_pki",
    "load_test_pki",
    "revoke",
]
