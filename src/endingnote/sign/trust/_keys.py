"""Small certificate helpers: key bits, key identifiers, time windows, loading anchors and CRLs."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from endingnote.errors import InputError

if TYPE_CHECKING:
    from cryptography import x509

CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def public_key_bits(cert: x509.Certificate) -> bytes:
    """The ``subjectPublicKey`` BIT STRING value (what SKI methods and OCSP key hashes digest)."""
    from asn1crypto import keys
    from cryptography.hazmat.primitives import serialization

    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return bytes(keys.PublicKeyInfo.load(spki)["public_key"].contents[1:])


def subject_key_id(cert: x509.Certificate) -> bytes | None:
    from cryptography import x509

    try:
        return cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return None


def authority_key_id(cert: x509.Certificate) -> bytes | None:
    from cryptography import x509

    try:
        return cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
    except x509.ExtensionNotFound:
        return None


def valid_at(cert: x509.Certificate, at: dt.datetime) -> bool:
    return cert.not_valid_before_utc <= at <= cert.not_valid_after_utc


def load_certificates(path: str | Path) -> list[x509.Certificate]:
    """Certificates from a PEM bundle or DER file, or from every such file in a directory."""
    from cryptography import x509

    base = Path(path)
    files = (
        sorted(p for p in base.iterdir() if p.suffix.lower() in CERT_SUFFIXES) if base.is_dir() else [base]
    )
    out: list[x509.Certificate] = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(f"{file}: 読めません / cannot read: {exc}") from exc
        try:
            if b"-----BEGIN CERTIFICATE-----" in data:
                out.extend(x509.load_pem_x509_certificates(data))
            elif data.startswith(b"-----"):
                continue  # a key or a CRL in PEM: not an anchor
            else:
                out.append(x509.load_der_x509_certificate(data))
        except ValueError as exc:
            raise InputError(f"{file}: 証明書として読めません / not a certificate: {exc}") from exc
    return out


def certificates_from(items: Iterable[bytes | x509.Certificate]) -> list[x509.Certificate]:
    """Certificates given as PEM bundles, DER or objects (pinned anchors passed in memory).

    Raises ``ValueError`` for bytes that are neither, or that RFC 5280 forbids (a serial number
    that is not positive, which cryptography only warns about).
    """
    from cryptography import x509
    from cryptography.utils import CryptographyDeprecationWarning

    out: list[x509.Certificate] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", CryptographyDeprecationWarning)
        for item in items:
            try:
                if isinstance(item, x509.Certificate):
                    out.append(item)
                elif b"-----BEGIN" in item:
                    out.extend(x509.load_pem_x509_certificates(item))
                else:
                    out.append(x509.load_der_x509_certificate(item))
            except CryptographyDeprecationWarning as exc:
                raise ValueError(str(exc)) from exc
    return out


def load_crl(path: str | Path) -> x509.CertificateRevocationList:
    from cryptography import x509

    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: 読めません / cannot read: {exc}") from exc
    try:
        if data.startswith(b"-----"):
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError as exc:
        raise InputError(f"{file}: CRL として読めません / not a CRL: {exc}") from exc
