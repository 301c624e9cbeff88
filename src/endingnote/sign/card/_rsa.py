"""RSASSA-PKCS1-v1_5 over a caller-supplied DigestInfo, as the JPKI card computes it."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from endingnote.errors import SigningError

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

# DER prefixes of DigestInfo for the hashes endingnote signs with (RFC 8017 §9.2 note 1).
DIGEST_INFO_PREFIX = {
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}
_DIGEST_SIZE = {"sha256": 32, "sha384": 48, "sha512": 64}


def digest_info(digest: bytes, algorithm: str = "sha256") -> bytes:
    """DER ``DigestInfo`` for a digest, built with asn1crypto (not by string concatenation)."""
    from asn1crypto import algos, core

    if len(digest) != _DIGEST_SIZE.get(algorithm, -1):
        raise ValueError(f"a {algorithm} digest has {_DIGEST_SIZE.get(algorithm)} bytes, got {len(digest)}")

    value = algos.DigestInfo(
        {"digest_algorithm": {"algorithm": algorithm, "parameters": core.Null()}, "digest": digest}
    )
    der: bytes = value.dump()
    return der


def sha256_digest_info(data: bytes) -> bytes:
    return digest_info(hashlib.sha256(data).digest(), "sha256")


def parse_digest_info(der: bytes) -> tuple[str, bytes] | None:
    """``(algorithm, digest)`` when ``der`` is exactly a known DigestInfo, else ``None``."""
    for name, prefix in DIGEST_INFO_PREFIX.items():
        if der.startswith(prefix) and len(der) == len(prefix) + _DIGEST_SIZE[name]:
            return name, der[len(prefix) :]
    return None


def pkcs1_type1_pad(data: bytes, k: int) -> bytes:
    """EMSA-PKCS1-v1_5 encoding of already-DER data ``T``: ``00 01 FF… 00 T`` (RFC 8017 §9.2)."""
    if len(data) > k - 11:
        raise ValueError("data too long for the key")
    return b"\x00\x01" + b"\xff" * (k - 3 - len(data)) + b"\x00" + data


def raw_rsa_sign(key: RSAPrivateKey, data: bytes) -> bytes:
    """The card's operation: pad whatever ``data`` it gets (≤ k−11 bytes), then RSA with the private key.

    Uses the CRT; not constant-time — this is for the emulator, not for keys that matter.
    """
    numbers = key.private_numbers()
    pub = numbers.public_numbers
    k = (pub.n.bit_length() + 7) // 8
    m = int.from_bytes(pkcs1_type1_pad(data, k), "big")
    s1 = pow(m, numbers.dmp1, numbers.p)
    s2 = pow(m, numbers.dmq1, numbers.q)
    h = (numbers.iqmp * (s1 - s2)) % numbers.p
    s = s2 + h * numbers.q
    if pow(s, pub.e, pub.n) != m:  # fault check (Bellcore attack)
        raise SigningError("RSA fault detected")
    return s.to_bytes(k, "big")


def pkcs1_sign_raw(key: RSAPrivateKey, digest_info_der: bytes) -> bytes:
    """Sign a DigestInfo with ``cryptography``'s constant-time RSA (known hashes only)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, utils

    parsed = parse_digest_info(digest_info_der)
    if parsed is None:
        raise SigningError("DigestInfo が SHA-256/384/512 ではありません / not a SHA-256/384/512 DigestInfo")
    algorithm = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[parsed[0]]
    return key.sign(parsed[1], padding.PKCS1v15(), utils.Prehashed(algorithm))


def verify_digest_info_signature(cert: x509.Certificate, digest_info_der: bytes, signature: bytes) -> None:
    """Raise :class:`SigningError` unless ``signature`` is the certificate key's PKCS#1 v1.5
    signature over exactly ``digest_info_der``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

    public = cert.public_key()
    if not isinstance(public, RSAPublicKey):
        raise SigningError("RSA の証明書ではありません / not an RSA certificate")
    k = (public.key_size + 7) // 8
    if len(signature) != k:
        raise SigningError(
            f"署名の長さが不正です({len(signature)} バイト) / "
            f"signature has the wrong length ({len(signature)} bytes)"
        )
    try:
        recovered = public.recover_data_from_signature(signature, padding.PKCS1v15(), None)
    except InvalidSignature as exc:
        raise SigningError(
            "署名が証明書の公開鍵で検証できません / the signature does not verify with the certificate's key"
        ) from exc
    if recovered != digest_info_der:
        raise SigningError("署名の内容が要求と一致しません / the signature covers other data than requested")
