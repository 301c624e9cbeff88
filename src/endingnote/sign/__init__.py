"""Signed exports: signers (card, PKCS#12), the JPKI card and its emulator, the test PKI, packages.

Subpackages: :mod:`endingnote.sign.card` (JPKI card, emulator, card signer),
:mod:`endingnote.sign.testpki` (J-LIS-shaped test PKI), :mod:`endingnote.sign.asice` (ASiC-E packages),
:mod:`endingnote.sign.cades` (CMS/CAdES), :mod:`endingnote.sign.tsa` (timestamps, test TSA/OCSP),
:mod:`endingnote.sign.verify` (package verification).
"""

from endingnote.sign._check import SigningCertificateCheck, check_signing_certificate
from endingnote.sign._pkcs12 import KeyFileSigner, Pkcs12Signer
from endingnote.sign._signer import Signer
from endingnote.sign.asice import create_package, renew_package
from endingnote.sign.verify import Indication, Revocation, VerificationReport, verify_package

__all__ = [
    "Indication",
    "KeyFileSigner",
    "Pkcs12Signer",
    "Revocation",
    "Signer",
    "SigningCertificateCheck",
    "VerificationReport",
    "check_signing_certificate",
    "create_package",
    "renew_package",
    "verify_package",
]
