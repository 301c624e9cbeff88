"""Reading and checking RFC 3161 timestamp tokens (``TimeStampToken`` = CMS ``SignedData``)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509

EKU_TIMESTAMPING = "1.3.6.1.5.5.7.3.8"


class TokenError(ValueError):
    """The token is malformed (``kind="malformed"``) or its own signature does not verify
    (``kind="crypto_failure"``)."""

    def __init__(self, detail: str, kind: str = "malformed") -> None:
        super().__init__(detail)
        self.kind = kind


@dataclass(frozen=True)
class TimestampToken:
    """A parsed timestamp token whose CMS signature verified against ``tsa_cert``."""

    der: bytes
    gen_time: dt.datetime
    hash_algorithm: str
    hashed_message: bytes
    serial_number: int
    policy: str
    tsa_cert: x509.Certificate
    certificates: tuple[x509.Certificate, ...]

    def matches(self, data: bytes) -> bool:
        """True when the message imprint is the hash of ``data``."""
        return hashlib.new(self.hash_algorithm, data).digest() == self.hashed_message

    @property
    def eku_ok(self) -> bool:
        """The TSA certificate has the extended key usage timeStamping, marked critical (RFC 3161 §2.3)."""
        from cryptography import x509

        try:
            ext = self.tsa_cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
        except x509.ExtensionNotFound:
            return False
        return ext.critical and [o.dotted_string for o in ext.value] == [EKU_TIMESTAMPING]


def parse_token(der: bytes, extra_certs: tuple[x509.Certificate, ...] = ()) -> TimestampToken:
    """Parse a token and verify its CMS signature; raise :class:`TokenError` otherwise."""
    from asn1crypto import cms, tsp

    from endingnote.sign.cades._verify import (
        SignatureProblem,
        check_signer_info,
        load_certificates,
        parse_errors,
    )

    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            raise TokenError("not CMS SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].native != "tst_info":
            raise TokenError("content is not TSTInfo")
        tst_der = bytes(encap["content"].contents)
        tst = tsp.TSTInfo.load(tst_der, strict=True)
        gen_time = tst["gen_time"].native
        hash_algorithm = tst["message_imprint"]["hash_algorithm"]["algorithm"].native
        hashed = bytes(tst["message_imprint"]["hashed_message"].native)
        serial = int(tst["serial_number"].native)
        policy = str(tst["policy"].native)
        certs = load_certificates(signed)
        signer_infos = list(signed["signer_infos"])
    except TokenError:
        raise
    except parse_errors() as exc:
        raise TokenError(f"malformed token: {exc}") from exc
    if hash_algorithm not in ("sha256", "sha384", "sha512"):
        raise TokenError(f"unsupported imprint algorithm {hash_algorithm}")
    if len(signer_infos) != 1:
        raise TokenError("a token has exactly one signer")
    try:
        tsa_cert = check_signer_info(signer_infos[0], tst_der, (*certs, *extra_certs), "tst_info")
    except SignatureProblem as exc:
        kind = (
            "crypto_failure"
            if exc.code in ("crypto_failure", "digest_mismatch", "signing_certificate")
            else "malformed"
        )
        raise TokenError(exc.detail, kind) from exc
    except parse_errors() as exc:
        raise TokenError(f"malformed token: {exc}") from exc
    try:
        tsa_cert.subject.rfc4514_string()
        tsa_cert.extensions  # noqa: B018 — force cryptography's lazy parsing while errors are still ours
    except parse_errors() as exc:
        raise TokenError(f"malformed TSA certificate: {exc}") from exc
    return TimestampToken(
        der=der,
        gen_time=gen_time.astimezone(dt.UTC),
        hash_algorithm=hash_algorithm,
        hashed_message=hashed,
        serial_number=serial,
        policy=policy,
        tsa_cert=tsa_cert,
        certificates=certs,
    )


@functools.cache
def response_spec() -> Any:
    """``TimeStampResp`` with an *optional* token, as RFC 3161 has it (asn1crypto's requires one)."""
    from asn1crypto import cms, core, tsp

    class TimeStampResp(core.Sequence):  # type: ignore[misc]
        _fields = [  # noqa: RUF012 — asn1crypto's declaration style
            ("status", tsp.PKIStatusInfo),
            ("time_stamp_token", cms.ContentInfo, {"optional": True}),
        ]

    return TimeStampResp
