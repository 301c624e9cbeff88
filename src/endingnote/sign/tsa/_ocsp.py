"""A small RFC 6960 OCSP responder for tests: it answers for the test PKI's signing CAs.

It stands for a certified platform operator's service (JPKI has no public OCSP). Responses for
the CA that issued the OCSP certificate are signed by that delegated responder (EKU OCSPSigning);
for other CA generations the CA key signs directly, as RFC 6960 §4.2.2.2 allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.x509 import ocsp


@dataclass(frozen=True)
class _Authority:
    cert: x509.Certificate
    key: RSAPrivateKey
    responder_cert: x509.Certificate
    responder_key: RSAPrivateKey
    revoked: dict[int, tuple[dt.datetime, x509.ReasonFlags | None]]


class OcspResponder:
    """Answers ``OCSPRequest`` DER with a signed ``OCSPResponse`` DER."""

    def __init__(self, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._authorities: list[_Authority] = []
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def add_ca(
        self,
        cert: x509.Certificate,
        key: RSAPrivateKey,
        *,
        revoked: dict[int, tuple[dt.datetime, x509.ReasonFlags | None]] | None = None,
        responder: tuple[x509.Certificate, RSAPrivateKey] | None = None,
    ) -> None:
        rcert, rkey = responder or (cert, key)
        self._authorities.append(_Authority(cert, key, rcert, rkey, dict(revoked or {})))

    @classmethod
    def from_test_pki(
        cls, directory: str | Path, *, clock: Callable[[], dt.datetime] | None = None
    ) -> OcspResponder:
        """Every signing-CA generation of a test PKI, with the revocations in its current CRLs."""
        from cryptography import x509

        from endingnote.sign.testpki import load_test_pki

        pki = load_test_pki(directory)
        responder = cls(clock)
        ocsp_issuer = pki.ocsp.chain[0] if pki.ocsp.chain else None
        for ca in pki.sign_cas.values():
            revoked: dict[int, tuple[dt.datetime, x509.ReasonFlags | None]] = {}
            for entry in ca.crl:
                try:
                    reason: x509.ReasonFlags | None = entry.extensions.get_extension_for_class(
                        x509.CRLReason
                    ).value.reason
                except x509.ExtensionNotFound:
                    reason = None
                revoked[entry.serial_number] = (entry.revocation_date_utc, reason)
            delegated = ocsp_issuer is not None and ocsp_issuer == ca.cert
            responder.add_ca(
                ca.cert,
                ca.key,
                revoked=revoked,
                responder=(pki.ocsp.cert, pki.ocsp.key) if delegated else None,
            )
        return responder

    def respond(self, request_der: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509 import ocsp

        try:
            request = ocsp.load_der_ocsp_request(request_der)
        except ValueError:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.MALFORMED_REQUEST
            ).public_bytes(serialization.Encoding.DER)
        authority = next(
            (a for a in self._authorities if _key_hash(a.cert, request) == request.issuer_key_hash), None
        )
        if authority is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.UNAUTHORIZED
            ).public_bytes(serialization.Encoding.DER)
        now = self._clock().astimezone(dt.UTC).replace(microsecond=0)
        revoked = authority.revoked.get(request.serial_number)
        status = ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD
        builder = ocsp.OCSPResponseBuilder().add_response_by_hash(
            issuer_name_hash=request.issuer_name_hash,
            issuer_key_hash=request.issuer_key_hash,
            serial_number=request.serial_number,
            algorithm=request.hash_algorithm,
            cert_status=status,
            this_update=now,
            next_update=now + dt.timedelta(days=1),
            revocation_time=revoked[0] if revoked else None,
            revocation_reason=revoked[1] if revoked else None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, authority.responder_cert)
        if authority.responder_cert is not authority.cert:
            builder = builder.certificates([authority.responder_cert])
        response = builder.sign(authority.responder_key, hashes.SHA256())
        return response.public_bytes(serialization.Encoding.DER)


def _key_hash(cert: x509.Certificate, request: ocsp.OCSPRequest) -> bytes:
    from cryptography.hazmat.primitives import hashes

    from endingnote.sign.trust._keys import public_key_bits

    digest = hashes.Hash(request.hash_algorithm)
    digest.update(public_key_bits(cert))
    return digest.finalize()
