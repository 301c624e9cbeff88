"""The signer abstraction: CMS assembly never knows whether a card or a key file signs."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Signer(Protocol):
    """Something that holds one signing key and its certificate.

    ``sign_digest_info`` receives the DER of a PKCS#1 ``DigestInfo`` (SHA-256 OID + digest) and
    returns the RSASSA-PKCS1-v1_5 signature over it — exactly what a JPKI card's
    ``COMPUTE DIGITAL SIGNATURE`` (``80 2A 00 80``) does.
    """

    @property
    def certificate_der(self) -> bytes:
        """The signer's X.509 certificate (DER)."""
        ...

    @property
    def chain_der(self) -> list[bytes]:
        """Intermediate certificates to embed (DER), possibly empty."""
        ...

    def sign_digest_info(self, digest_info_der: bytes) -> bytes:
        """Sign a DER DigestInfo with the private key (RSASSA-PKCS1-v1_5)."""
        ...
