"""An RFC 3161 timestamp authority that runs in-process (tests, demos, air-gapped use).

:class:`TimestampAuthority` answers ``TimeStampReq`` DER with ``TimeStampResp`` DER; it is what the
loopback HTTP server (:mod:`._server`) wraps, and what ``--tsa DIR`` uses directly. It signs with a
key held in memory, so it is a *test* TSA: real packages should be stamped by a trusted
(for Japan: 総務大臣認定) time-stamping service.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

# Test timestamps use a policy under IANA's documentation enterprise number 32473 (RFC 5612).
TEST_POLICY = "1.3.6.1.4.1.32473.3161.1"
_DIGESTS = {"sha256": 32, "sha384": 48, "sha512": 64}


class TimestampAuthority:
    """Stamps message imprints with a TSA certificate and key.

    ``clock`` returns the time to stamp (UTC); tests pass a fixed clock to make a timestamp "later".
    """

    def __init__(
        self,
        cert_der: bytes,
        key: RSAPrivateKey,
        *,
        chain_der: tuple[bytes, ...] = (),
        policy: str = TEST_POLICY,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.cert_der = cert_der
        self.chain_der = chain_der
        self.policy = policy
        self._key = key
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._serials = itertools.count(secrets.randbits(62) + 1)
        self._lock = threading.Lock()

    @classmethod
    def from_test_pki(
        cls, directory: str | Path, *, clock: Callable[[], dt.datetime] | None = None
    ) -> TimestampAuthority:
        """The TSA of a test PKI written by ``endingnote testpki init DIR``."""
        from cryptography.hazmat.primitives.serialization import Encoding

        from endingnote.sign.testpki import load_test_pki

        pki = load_test_pki(directory)
        chain = tuple(c.public_bytes(Encoding.DER) for c in pki.tsa.chain)
        return cls(pki.tsa.cert_der, pki.tsa.key, chain_der=chain, clock=clock)

    def stamp(self, digest: bytes, algorithm: str = "sha256") -> bytes:
        """A ``TimeStampToken`` (``ContentInfo`` DER) over ``digest`` — no request round trip."""
        from asn1crypto import tsp

        from endingnote.sign.tsa._token import response_spec

        request = tsp.TimeStampReq(
            {
                "version": 1,
                "message_imprint": {"hash_algorithm": {"algorithm": algorithm}, "hashed_message": digest},
                "cert_req": True,
            }
        )
        response = response_spec().load(self.respond(bytes(request.dump())))
        if response["status"]["status"].native != "granted":
            raise ValueError(f"timestamp refused: {response['status']['fail_info'].native}")
        return bytes(response["time_stamp_token"].dump())

    def respond(self, request_der: bytes) -> bytes:
        """Answer one RFC 3161 request; malformed requests get a ``rejection`` response."""
        from asn1crypto import tsp

        try:
            request = tsp.TimeStampReq.load(request_der, strict=True)
            imprint = request["message_imprint"]
            algorithm = imprint["hash_algorithm"]["algorithm"].native
            hashed = imprint["hashed_message"].native
            nonce = request["nonce"].native
            cert_req = bool(request["cert_req"].native)
            policy = request["req_policy"].native
        except (ValueError, TypeError, KeyError):
            return _reject("bad_data_format")
        if _DIGESTS.get(algorithm) != len(hashed):
            return _reject("bad_alg")
        if policy is not None and policy != self.policy:
            return _reject("unaccepted_policy")
        token = self._token(algorithm, hashed, nonce, cert_req)
        return bytes(tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump())

    def _token(self, algorithm: str, hashed: bytes, nonce: int | None, cert_req: bool) -> Any:
        from asn1crypto import cms, tsp, x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        from endingnote.sign.cades._build import build_signer_info, signed_attributes

        cert = x509.Certificate.load(self.cert_der)
        with self._lock:
            serial = next(self._serials)
        gen_time = self._clock().astimezone(dt.UTC).replace(microsecond=0)
        info: dict[str, Any] = {
            "version": "v1",
            "policy": self.policy,
            "message_imprint": {"hash_algorithm": {"algorithm": algorithm}, "hashed_message": hashed},
            "serial_number": serial,
            "gen_time": gen_time,
            "accuracy": {"seconds": 1},
            "tsa": x509.GeneralName(name="directory_name", value=cert.subject),
        }
        if nonce is not None:
            info["nonce"] = nonce
        tst_der = bytes(tsp.TSTInfo(info).dump())
        attrs = signed_attributes(hashlib.sha256(tst_der).digest(), self.cert_der, gen_time, "tst_info")
        attrs_der = bytes(attrs.dump())
        signature = self._key.sign(attrs_der, padding.PKCS1v15(), hashes.SHA256())
        signer_info = build_signer_info(cert, attrs_der, signature)
        certs = [cert, *(x509.Certificate.load(c) for c in self.chain_der)] if cert_req else []
        signed_data: dict[str, Any] = {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "tst_info", "content": cms.ParsableOctetString(tst_der)},
            "signer_infos": [signer_info],
        }
        if certs:
            signed_data["certificates"] = certs
        return cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(signed_data)})


def _reject(reason: str) -> bytes:
    """``TimeStampResp`` without a token (asn1crypto's spec wrongly makes the token mandatory)."""
    from asn1crypto import tsp

    from endingnote.sign.cades._build import _tlv

    status = tsp.PKIStatusInfo({"status": "rejection", "fail_info": tsp.PKIFailureInfo({reason})})
    return _tlv(0x30, bytes(status.dump()))
