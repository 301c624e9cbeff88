"""Build CAdES-B-B signatures (RFC 5652 SignedData + ETSI EN 319 122-1) through a Signer.

The one SignedData builder of endingnote: detached for signed exports, attached (``id-data``) for heir
attestations and 戸籍電子証明書. The key may live on a card: the only thing asked of the
:class:`~endingnote.sign._signer.Signer` is an RSASSA-PKCS1-v1_5 signature over a SHA-256
``DigestInfo``. Everything else — attributes, ``SignerInfo``, ``SignedData`` — is assembled here.

The signed attributes are hashed and signed as a DER ``SET OF`` (tag ``0x31``); inside ``SignerInfo``
the same bytes appear ``[0] IMPLICIT`` (tag ``0xA0``). Hashing the ``A0`` form is the classic bug.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from endingnote.errors import SigningError
from endingnote.sign.card._rsa import digest_info  # the one DigestInfo builder (80 2A 00 80 signs it)

if TYPE_CHECKING:
    from endingnote.sign._signer import Signer

OID_SIGNATURE_TIMESTAMP = "1.2.840.113549.1.9.16.2.14"  # id-aa-signatureTimeStampToken
OID_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"  # id-aa-signingCertificateV2


def signed_attributes(
    content_digest: bytes, cert_der: bytes, signing_time: dt.datetime, content_type: str = "data"
) -> Any:
    """contentType, signingTime, messageDigest, signingCertificateV2 (ESSCertIDv2, SHA-256)."""
    from asn1crypto import cms, tsp, x509

    cert = x509.Certificate.load(cert_der)
    ess = tsp.SigningCertificateV2(
        {
            "certs": [
                {
                    "hash_algorithm": {"algorithm": "sha256"},
                    "cert_hash": hashlib.sha256(cert_der).digest(),
                    "issuer_serial": {
                        "issuer": [x509.GeneralName(name="directory_name", value=cert.issuer)],
                        "serial_number": cert.serial_number,
                    },
                }
            ]
        }
    )
    # RFC 5652 §11.3: UTCTime for 1950-2049, GeneralizedTime otherwise.
    time_kind = "utc_time" if 1950 <= signing_time.astimezone(dt.UTC).year <= 2049 else "generalized_time"
    return cms.CMSAttributes(
        [
            {"type": "content_type", "values": [content_type]},
            {"type": "signing_time", "values": [cms.Time(name=time_kind, value=signing_time)]},
            {"type": "message_digest", "values": [content_digest]},
            # By OID, not by name: only asn1crypto.tsp adds the name, and asn1crypto freezes its
            # name→OID table the first time any attribute is built by name, so a name-built attribute
            # before tsp was imported would make "signing_certificate_v2" unknown for the process.
            {"type": OID_SIGNING_CERTIFICATE_V2, "values": [ess]},
        ]
    )


def check_rsa_signature(cert_der: bytes, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is a valid RSASSA-PKCS1-v1_5/SHA-256 signature over ``data``."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    key = x509.load_der_x509_certificate(cert_der).public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        return False
    try:
        key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def sign_detached(content_digest: bytes, signer: Signer, *, signing_time: dt.datetime | None = None) -> bytes:
    """A detached CAdES-B-B ``ContentInfo`` (DER) over content whose SHA-256 is ``content_digest``."""
    return _sign(content_digest, None, signer, signing_time)


def sign_attached(content: bytes, signer: Signer, *, signing_time: dt.datetime | None = None) -> bytes:
    """A CAdES-B-B ``ContentInfo`` (DER) carrying ``content`` as ``id-data`` (``openssl cms -verify``
    prints it back)."""
    return _sign(hashlib.sha256(content).digest(), content, signer, signing_time)


def _sign(digest: bytes, content: bytes | None, signer: Signer, signing_time: dt.datetime | None) -> bytes:
    """SignedData v1, SHA-256, the signer's certificate and chain embedded.

    The signer's answer is checked against its certificate before it is used: a card that signed
    the wrong thing (or a wrong card) raises :class:`SigningError` instead of producing a signature
    no verifier accepts.
    """
    from asn1crypto import cms, x509

    cert_der = signer.certificate_der
    when = (signing_time or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    attrs_der = bytes(signed_attributes(digest, cert_der, when).dump())  # SET OF, 0x31: what is signed
    signature = signer.sign_digest_info(digest_info(hashlib.sha256(attrs_der).digest()))
    if not check_rsa_signature(cert_der, signature, attrs_der):
        raise SigningError(
            "署名値が証明書の公開鍵で検証できません(カードまたは鍵の不一致) / "
            "the signature does not verify with the certificate's public key (wrong card or key)"
        )
    cert = x509.Certificate.load(cert_der)
    encap: dict[str, Any] = {"content_type": "data"}
    if content is not None:
        encap["content"] = content
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": encap,
            "certificates": [cert, *(x509.Certificate.load(c) for c in signer.chain_der)],
            "signer_infos": [build_signer_info(cert, attrs_der, signature)],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump())


def build_signer_info(cert: Any, attrs_der: bytes, signature: bytes) -> Any:
    """A v1 ``SignerInfo`` (issuer and serial, SHA-256, RSASSA-PKCS1-v1_5) over DER signed attributes."""
    from asn1crypto import cms

    return cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                name="issuer_and_serial_number",
                value={"issuer": cert.issuer, "serial_number": cert.serial_number},
            ),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": cms.CMSAttributes.load(attrs_der),
            "signature_algorithm": {"algorithm": "rsassa_pkcs1v15"},
            "signature": signature,
        }
    )


def signature_value(cms_der: bytes) -> bytes:
    """``SignerInfo.signature`` of the first signer: what a signature timestamp stamps."""
    from asn1crypto import cms

    info = cms.ContentInfo.load(cms_der)
    return bytes(info["content"]["signer_infos"][0]["signature"].native)


def add_unsigned_attribute(cms_der: bytes, oid: str, value_der: bytes) -> bytes:
    """Append an unsigned attribute to the first ``SignerInfo``; the signed bytes stay untouched."""
    from asn1crypto import cms, core

    info = cms.ContentInfo.load(cms_der)
    signed_data = info["content"]
    signer_info = signed_data["signer_infos"][0]
    existing = signer_info["unsigned_attrs"]
    attrs: list[Any] = [] if isinstance(existing, core.Void) else list(existing)
    body = bytes(core.ObjectIdentifier(oid).dump()) + _tlv(0x31, value_der)
    attrs.append(cms.CMSAttribute.load(_tlv(0x30, body)))
    signer_info["unsigned_attrs"] = cms.CMSAttributes(attrs)
    return bytes(info.dump())


def _tlv(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(raw)]) + raw + body
