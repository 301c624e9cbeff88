"""Software signers from a PKCS#12 file or PEM key files, for development and servers."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from endingnote.errors import InputError, SigningError

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey


class Pkcs12Signer:
    """Holds an RSA key and its certificate from a PKCS#12 file; implements :class:`Signer`.

    ``sign_digest_info`` behaves like the JPKI card: it receives a DER ``DigestInfo``, applies
    PKCS#1 v1.5 type-1 padding and the raw RSA operation, and checks the signature against the
    certificate before returning it.
    """

    def __init__(
        self, key: RSAPrivateKey, certificate: x509.Certificate, chain: list[x509.Certificate]
    ) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding

        if key.public_key().public_numbers() != _rsa_public(certificate).public_numbers():
            raise SigningError("鍵と証明書が一致しません / the key does not match the certificate")
        self._key = key
        self._cert = certificate
        self._cert_der = certificate.public_bytes(Encoding.DER)
        self._chain_der = [c.public_bytes(Encoding.DER) for c in chain]

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], password: str | bytes | None) -> Pkcs12Signer:
        """Load ``path``; a wrong password or a non-RSA key is a :class:`SigningError`."""
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: 読めません / cannot read: {exc.strerror}") from exc
        secret = password.encode() if isinstance(password, str) else password
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, secret)
        except ValueError as exc:
            import endingnote.sign._codes  # noqa: F401
            from endingnote._codes import issue

            found = issue("sign.pki.pkcs12", str(path), file=str(path), name=str(path))
            raise SigningError(f"{found.message_ja} / {found.message_en}") from exc
        finally:
            del secret
        if cert is None or not isinstance(key, RSAPrivateKey):
            raise SigningError(f"{path}: RSA 鍵と証明書が必要です / needs an RSA key and a certificate")
        return cls(key, cert, list(extra))

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def certificate_der(self) -> bytes:
        return self._cert_der

    @property
    def chain_der(self) -> list[bytes]:
        return list(self._chain_der)

    def sign_digest_info(self, digest_info_der: bytes) -> bytes:
        from endingnote.sign.card._rsa import pkcs1_sign_raw, verify_digest_info_signature

        signature = pkcs1_sign_raw(self._key, digest_info_der)
        verify_digest_info_signature(self._cert, digest_info_der, signature)
        return signature


class KeyFileSigner(Pkcs12Signer):
    """The same software signer over an RSA key and its certificate in PEM files (``openssl req`` output)."""

    def __init__(
        self, key_pem: bytes, cert_pem: bytes, chain_pem: Sequence[bytes] = (), password: bytes | None = None
    ) -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        try:
            key = load_pem_private_key(key_pem, password)
            cert = x509.load_pem_x509_certificate(cert_pem)
            chain = [x509.load_pem_x509_certificate(c) for c in chain_pem]
        except (ValueError, TypeError) as exc:
            raise SigningError(
                f"鍵または証明書を読めません / cannot load the key or certificate: {exc}"
            ) from exc
        if not isinstance(key, RSAPrivateKey):
            raise SigningError("RSA 鍵のみ使えます / only RSA keys are supported")
        super().__init__(key, cert, chain)


def _rsa_public(cert: x509.Certificate) -> RSAPublicKey:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

    public = cert.public_key()
    if not isinstance(public, RSAPublicKey):
        raise SigningError("RSA の証明書が必要です / an RSA certificate is required")
    return public
