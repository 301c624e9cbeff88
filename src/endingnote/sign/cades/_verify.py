"""Checking CMS/CAdES signatures: message digest, signature value, signing certificate.

The one SignerInfo checker of endingnote (signed exports, timestamp tokens, heir attestations,
戸籍電子証明書). Only the cryptographic integrity is checked here; trust (chain, time, revocation)
is the caller's business (:mod:`endingnote.sign.verify`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509

OID_SIGNATURE_TIMESTAMP = "1.2.840.113549.1.9.16.2.14"
_HASHES = ("sha256", "sha384", "sha512")


def parse_errors() -> tuple[type[Exception], ...]:
    """What asn1crypto and cryptography raise for hostile DER (they parse lazily, so these can
    surface long after ``load``)."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.x509 import InvalidVersion

    return (ValueError, TypeError, KeyError, IndexError, AttributeError, InvalidVersion, UnsupportedAlgorithm)


class SignatureProblem(Exception):
    """A signature check failed; ``code`` is the last part of a ``sign.signature.*`` issue code."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail or code


@dataclass
class SignatureCheck:
    """What :func:`verify_detached` found. ``problems`` is empty when the signature is intact."""

    problems: list[SignatureProblem] = field(default_factory=list)
    signer_cert: x509.Certificate | None = None
    certificates: tuple[x509.Certificate, ...] = ()
    signing_time: dt.datetime | None = None
    signature_value: bytes = b""
    timestamp_tokens: tuple[bytes, ...] = ()
    has_signing_certificate_v2: bool = False
    signer_count: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems and self.signer_cert is not None


def load_certificates(signed_data: Any) -> tuple[x509.Certificate, ...]:
    """The X.509 certificates embedded in a ``SignedData`` (other choices are skipped)."""
    from asn1crypto import core
    from cryptography import x509

    certs = signed_data["certificates"]
    if isinstance(certs, core.Void):
        return ()
    out = []
    from cryptography.utils import CryptographyDeprecationWarning

    errors: tuple[type[Exception], ...] = (*parse_errors(), CryptographyDeprecationWarning)
    for choice in certs:
        if choice.name != "certificate":
            continue
        try:
            with warnings.catch_warnings():
                # e.g. a non-positive serial number: malformed per RFC 5280, refused here
                warnings.simplefilter("error", CryptographyDeprecationWarning)
                cert = x509.load_der_x509_certificate(bytes(choice.chosen.dump()))
                cert.public_key()
        except errors:
            continue  # unparseable: as if absent (the signer then is "not embedded")
        out.append(cert)
    return tuple(out)


def open_signed_data(der: bytes) -> tuple[Any, bytes | None, list[Any]]:
    """``(SignedData, attached id-data content or None, signer infos)`` of a DER ``ContentInfo``.

    Raises :class:`SignatureProblem` ``unsupported`` for another content type, and one of
    :func:`parse_errors` for malformed DER.
    """
    from asn1crypto import cms, tsp

    del tsp  # imported for its side effect: it registers signingCertificateV2 & co. with cms
    info = cms.ContentInfo.load(der, strict=True)
    if info["content_type"].native != "signed_data":
        raise SignatureProblem("unsupported", "not CMS SignedData")
    signed = info["content"]
    encap = signed["encap_content_info"]
    content = encap["content"].native if encap["content_type"].native == "data" else None
    return signed, content if isinstance(content, bytes) else None, list(signed["signer_infos"])


def signed_attribute(attrs: Any, name: str) -> Any:
    """The single value of a signed attribute, ``None`` when absent; two values are malformed."""
    found = [a for a in attrs if a["type"].native == name]
    if not found:
        return None
    if len(found) > 1 or len(found[0]["values"]) != 1:
        raise SignatureProblem("malformed", f"attribute {name} must occur once with one value")
    return found[0]["values"][0]


def find_signer(sid: Any, certs: Sequence[x509.Certificate]) -> x509.Certificate | None:
    from cryptography import x509

    if sid.name == "issuer_and_serial_number":
        issuer_der = bytes(sid.chosen["issuer"].dump())
        serial = sid.chosen["serial_number"].native
        for cert in certs:
            if cert.serial_number == serial and _name_der(cert.issuer) == issuer_der:
                return cert
        return None
    wanted = bytes(sid.chosen.native)
    for cert in certs:
        try:
            ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
        except x509.ExtensionNotFound:
            continue
        if ski == wanted:
            return cert
    return None


def _name_der(name: x509.Name) -> bytes:
    from asn1crypto import x509 as ax509

    # Compare names as asn1crypto re-encodes them, so BER/DER differences do not matter.
    return bytes(ax509.Name.load(name.public_bytes()).dump(force=True))


def check_signer_info(
    signer_info: Any, content: bytes, certs: Sequence[x509.Certificate], content_type: str
) -> x509.Certificate:
    """Verify one ``SignerInfo`` over ``content``; return the signer's certificate.

    Raises :class:`SignatureProblem` for the first failure: unknown digest algorithm, missing
    certificate, wrong contentType, message-digest mismatch, bad signature value, or an ESS
    signing-certificate attribute that names another certificate.
    """
    from asn1crypto import core, tsp
    from cryptography.hazmat.primitives.serialization import Encoding

    del tsp  # registers signingCertificateV2 with cms, or the ESS check below would never see it
    digest_algorithm = signer_info["digest_algorithm"]["algorithm"].native
    if digest_algorithm not in _HASHES:
        raise SignatureProblem("algorithm", str(digest_algorithm))
    cert = find_signer(signer_info["sid"], certs)
    if cert is None:
        raise SignatureProblem("signer_cert_missing", "the signer's certificate is not embedded")
    attrs = signer_info["signed_attrs"]
    if isinstance(attrs, core.Void):
        raise SignatureProblem("unsupported", "no signed attributes")
    ctype = signed_attribute(attrs, "content_type")
    if ctype is None or ctype.native != content_type:
        raise SignatureProblem(
            "content_type", f"expected {content_type}, found {ctype.native if ctype else None}"
        )
    digest = signed_attribute(attrs, "message_digest")
    if digest is None:
        raise SignatureProblem("malformed", "no messageDigest attribute")
    if hashlib.new(digest_algorithm, content).digest() != bytes(digest.native):
        raise SignatureProblem("digest_mismatch", "messageDigest does not match the content")
    # Signed attributes are signed as SET OF (0x31), stored [0] IMPLICIT (0xA0): re-tag, never re-encode.
    stored = bytes(attrs.dump())
    signed_bytes = b"\x31" + stored[1:]
    _verify_value(cert, signer_info, digest_algorithm, signed_bytes)
    cert_der = cert.public_bytes(Encoding.DER)
    ess2 = signed_attribute(attrs, "signing_certificate_v2")
    ess1 = signed_attribute(attrs, "signing_certificate")
    if ess2 is not None:
        first = ess2["certs"][0]
        algo = first["hash_algorithm"]["algorithm"].native
        if algo not in _HASHES or hashlib.new(algo, cert_der).digest() != bytes(first["cert_hash"].native):
            raise SignatureProblem("signing_certificate", "ESSCertIDv2 hash does not match")
        _check_issuer_serial(first["issuer_serial"], cert)
    elif ess1 is not None:
        first = ess1["certs"][0]
        if hashlib.sha1(cert_der, usedforsecurity=False).digest() != bytes(first["cert_hash"].native):
            raise SignatureProblem("signing_certificate", "ESSCertID hash does not match")
        _check_issuer_serial(first["issuer_serial"], cert)
    return cert


def _check_issuer_serial(issuer_serial: Any, cert: x509.Certificate) -> None:
    from asn1crypto import core

    if isinstance(issuer_serial, core.Void):
        return
    if issuer_serial["serial_number"].native != cert.serial_number:
        raise SignatureProblem("signing_certificate", "ESS issuerSerial names another certificate")


def _verify_value(cert: x509.Certificate, signer_info: Any, digest_algorithm: str, data: bytes) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    algo = signer_info["signature_algorithm"].signature_algo
    chosen = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[
        digest_algorithm
    ]
    sig_hash = signer_info["signature_algorithm"]["algorithm"].native
    if sig_hash.endswith("_rsa") and not sig_hash.startswith(digest_algorithm):
        raise SignatureProblem("algorithm", f"{sig_hash} with digest {digest_algorithm}")
    key = cert.public_key()
    signature = bytes(signer_info["signature"].native)
    try:
        if algo == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), chosen)
        elif algo == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(chosen))
        else:
            raise SignatureProblem("algorithm", f"{algo} with a {type(key).__name__}")
    except InvalidSignature:
        raise SignatureProblem("crypto_failure", "the signature value does not verify") from None


def verify_detached(cms_der: bytes, content: bytes) -> SignatureCheck:
    """Check a detached CMS signature over ``content``. Never raises for bad input."""
    from asn1crypto import core

    result = SignatureCheck()
    try:
        signed, _, signer_infos = open_signed_data(cms_der)
        if not isinstance(signed["encap_content_info"]["content"], core.Void):
            result.problems.append(SignatureProblem("unsupported", "the signature is not detached"))
            return result
        result.certificates = load_certificates(signed)
        result.signer_count = len(signer_infos)
        if not signer_infos:
            result.problems.append(SignatureProblem("unsupported", "no signer"))
            return result
        first = signer_infos[0]
        result.signature_value = bytes(first["signature"].native)
        attrs = first["signed_attrs"]
        if not isinstance(attrs, core.Void):
            stime = signed_attribute(attrs, "signing_time")
            result.signing_time = stime.native.astimezone(dt.UTC) if stime is not None else None
            result.has_signing_certificate_v2 = signed_attribute(attrs, "signing_certificate_v2") is not None
        unsigned = first["unsigned_attrs"]
        if not isinstance(unsigned, core.Void):
            tokens: list[bytes] = []
            for attr in unsigned:
                if attr["type"].dotted == OID_SIGNATURE_TIMESTAMP:
                    tokens.extend(bytes(v.dump()) for v in attr["values"])
            result.timestamp_tokens = tuple(tokens)
        result.signer_cert = find_signer(first["sid"], result.certificates)
        check_signer_info(first, content, result.certificates, "data")
    except SignatureProblem as problem:
        result.problems.append(problem)
    except parse_errors() as exc:
        result.problems.append(SignatureProblem("malformed", str(exc) or type(exc).__name__))
    return result
