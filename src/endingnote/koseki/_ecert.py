"""Electronic register certificates (戸籍電子証明書) as signed documents.

The real electronic format is not public (it travels only between the MOJ 戸籍情報連携システム and
agencies), so the document model is ours (domain note §4): a CMS ``SignedData`` (RFC 5652,
content type ``id-data``, content attached) by the issuing authority over canonical JSON::

    {"format": "endingnote-koseki-ecert/1.0", "code": "1234567890123456", "kind": "戸籍" | "除籍",
     "issued_on": "2026-10-01", "expires_on": "2027-01-01", "source": "counter" | "mynaportal",
     "register": { ...the register JSON (standard/koseki/1.0/schema.json)... }}

``code`` is the 16-digit 戸籍(除籍)電子証明書提供用識別符号; ``expires_on`` is ``issued_on`` plus three
calendar months (clamped to the month's end); the certificate is usable up to and including that day
(Japan time). The signer is any :class:`endingnote.sign.Signer` (key file or card), so the issuer's
key and certificate are parameters; tests use the test PKI's ``koseki_issuer``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._json import register_from_json, register_to_json
from endingnote.koseki._model import CertificateKind, Register
from endingnote.sign import cades
from endingnote.sign.trust import validate_chain
from endingnote.sign.verify import certificates_from

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote.sign._signer import Signer

ECERT_FORMAT = "endingnote-koseki-ecert/1.0"
CODE = re.compile(r"^[0-9]{16}$")
JST = dt.timezone(dt.timedelta(hours=9), "JST")
MAX_ECERT_BYTES = 4_000_000


def add_months(value: dt.date, months: int) -> dt.date:
    """``value`` plus calendar months, the day clamped to the target month's length."""
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def valid_code(code: str) -> bool:
    return bool(CODE.match(code))


def ecert_content(register: Register, *, code: str, issued_on: dt.date, source: str = "counter") -> bytes:
    """The canonical JSON bytes an e-certificate signs."""
    if not valid_code(code):
        raise ValueError(f"identifier code must be 16 digits: {code!r}")
    if source not in ("counter", "mynaportal"):
        raise ValueError(f"unknown source {source!r}")
    doc = {
        "format": ECERT_FORMAT,
        "code": code,
        "kind": "戸籍" if register.kind is CertificateKind.FULL else "除籍",
        "issued_on": issued_on.isoformat(),
        "expires_on": add_months(issued_on, 3).isoformat(),
        "source": source,
        "register": register_to_json(register),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign_ecert(
    register: Register,
    signer: Signer,
    *,
    code: str,
    issued_at: dt.datetime,
    source: str = "counter",
) -> bytes:
    """Issue an e-certificate for ``register``: DER CMS SignedData signed by ``signer``."""
    if issued_at.tzinfo is None:
        raise ValueError("issued_at must be timezone-aware")
    content = ecert_content(register, code=code, issued_on=issued_at.astimezone(JST).date(), source=source)
    return sign_content(content, signer, signing_time=issued_at)


def sign_content(content: bytes, signer: Signer, *, signing_time: dt.datetime) -> bytes:
    """CMS SignedData (attached ``id-data`` content, SHA-256, RSA PKCS#1 v1.5) over ``content``."""
    return cades.sign_attached(content, signer, signing_time=signing_time)


@dataclass
class ECertResult:
    """The verdict on one e-certificate: ``intact`` (signature and digest), ``trusted`` (signed by
    a pinned issuer), ``fresh`` (within its validity at ``checked_at``) and the bottom line ``valid``."""

    intact: bool = False
    trusted: bool = False
    fresh: bool = False
    code: str | None = None
    kind: str | None = None
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    issuer: str | None = None
    register: Register | None = None
    sha256: str | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return (
            self.intact
            and self.trusted
            and self.fresh
            and self.register is not None
            and not any(i.severity.value == "error" for i in self.issues)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "intact": self.intact,
            "trusted": self.trusted,
            "fresh": self.fresh,
            "code": self.code,
            "kind": self.kind,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "issuer": self.issuer,
            "sha256": self.sha256,
            "register": self.register.label() if self.register else None,
            "issues": [i.to_dict() for i in self.issues],
        }


def verify_ecert(
    data: bytes,
    trusted_issuers: Sequence[bytes | x509.Certificate],
    *,
    now: dt.datetime,
    expected_code: str | None = None,
    source: str | None = None,
) -> ECertResult:
    """Verify an e-certificate (DER or PEM CMS) against pinned issuers at ``now``.

    ``trusted_issuers`` are the issuing authority's certificate and/or the CA that issued it.
    Never raises for bad input: every problem is an issue in the result."""
    from asn1crypto import core, pem

    result = ECertResult(sha256=hashlib.sha256(data).hexdigest())

    def add(code: str, **params: Any) -> None:
        result.issues.append(_codes.issue(code, "", file=source, **params))

    if len(data) > MAX_ECERT_BYTES:
        add("koseki.ecert.malformed", reason=f"larger than {MAX_ECERT_BYTES} bytes")
        return result
    try:
        signed, content, signer_infos = cades.open_signed_data(
            pem.unarmor(data)[2] if pem.detect(data) else data
        )
        if content is None or len(signer_infos) != 1:
            add("koseki.ecert.malformed", reason="needs exactly one signer and attached content")
            return result
        signer_info = signer_infos[0]
        signer_cert = cades.find_signer(signer_info["sid"], cades.load_certificates(signed))
        if signer_cert is None:
            add("koseki.ecert.malformed", reason="the signer's certificate is not embedded")
            return result
        issuer = signer_cert.subject.rfc4514_string()  # parsed lazily: fail here, not later
        attrs = signer_info["signed_attrs"]
        if (
            isinstance(attrs, core.Void)
            or cades.signed_attribute(attrs, "message_digest") is None
            or signer_info["digest_algorithm"]["algorithm"].native != "sha256"
        ):
            add("koseki.ecert.malformed", reason="needs SHA-256 signed attributes with a message digest")
            return result
    except cades.SignatureProblem as exc:
        add(
            "koseki.ecert.malformed",
            reason="not a CMS SignedData" if exc.code == "unsupported" else exc.detail,
        )
        return result
    except cades.parse_errors() as exc:
        add("koseki.ecert.malformed", reason=type(exc).__name__)
        return result

    try:
        cades.check_signer_info(signer_info, content, [signer_cert], "data")
        result.intact = True
    except cades.SignatureProblem as exc:
        if exc.code == "digest_mismatch":
            add("koseki.ecert.digest_mismatch")
        elif exc.code in ("algorithm", "crypto_failure", "signing_certificate"):
            add("koseki.ecert.signature_invalid")
        else:  # e.g. a contentType attribute other than id-data
            add("koseki.ecert.malformed", reason=exc.detail)
    except cades.parse_errors() as exc:
        add("koseki.ecert.malformed", reason=type(exc).__name__)
    result.issuer = issuer
    if not result.intact:
        return result

    anchors, problems = trusted_issuer_certificates(trusted_issuers)
    result.issues.extend(replace(i, file=source) for i in problems)
    when = _signing_time(signer_info) or now
    chain = (
        validate_chain(signer_cert, anchors, cades.load_certificates(signed), at=when) if anchors else None
    )
    if chain is None or not chain.ok:
        add("koseki.ecert.untrusted_issuer", issuer=result.issuer)
        return result  # verify, then parse: nobody vouches for an untrusted issuer's content
    result.trusted = True
    _check_content(result, content, signer_cert, now, expected_code, source)
    return result


def _signing_time(signer_info: Any) -> dt.datetime | None:
    """The signed signingTime attribute (the issuer's own claim, read only once its signature held)."""
    errors: tuple[type[Exception], ...] = (cades.SignatureProblem, *cades.parse_errors())
    try:
        value = cades.signed_attribute(signer_info["signed_attrs"], "signing_time")
        when = value.native if value is not None else None
    except errors:
        return None
    return when.astimezone(dt.UTC) if isinstance(when, dt.datetime) else None


def trusted_issuer_certificates(
    trusted_issuers: Sequence[bytes | x509.Certificate],
) -> tuple[list[x509.Certificate], list[Issue]]:
    """The pinned issuers as certificates, and a finding for each one that is not a certificate
    (a wrong file given as ``--trust-issuer`` is said, never silently ignored)."""
    anchors: list[x509.Certificate] = []
    problems: list[Issue] = []
    for index, item in enumerate(trusted_issuers, 1):
        try:
            found = certificates_from([item])
        except cades.parse_errors() as exc:
            found, reason = [], str(exc)[:200] or type(exc).__name__
        else:
            reason = "no certificate in it"
        if not found:
            problems.append(_codes.issue("koseki.ecert.trust_anchor", "", index=index, reason=reason))
        anchors += found
    return anchors, problems


@functools.cache
def _content_model() -> type[Any]:
    """The signed content's schema. Dates are bounded (the issue date to the 3-month expiry must
    stay computable) and the register is an object, read by the register reader afterwards."""
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    class Content(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

        format: Literal["endingnote-koseki-ecert/1.0"]
        code: str = Field(max_length=64)
        kind: Literal["戸籍", "除籍"]
        issued_on: dt.date = Field(ge=dt.date(1948, 1, 1), le=dt.date(2199, 12, 31))
        expires_on: dt.date = Field(ge=dt.date(1948, 1, 1), le=dt.date(2199, 12, 31))
        source: Literal["counter", "mynaportal"]
        register_: dict[str, Any] = Field(alias="register")  # "register" is a BaseModel attribute

    return Content


def _check_content(
    result: ECertResult,
    content: bytes,
    signer_cert: x509.Certificate,
    now: dt.datetime,
    expected_code: str | None,
    source: str | None,
) -> None:
    from endingnote.sign._content import parse_signed_json

    def add(code: str, path: str = "", **params: Any) -> None:
        result.issues.append(_codes.issue(code, path, file=source, **params))

    parsed, doc, why = parse_signed_json(content, _content_model())
    if parsed is None:
        add("koseki.ecert.malformed", reason=why or "unknown content format")
        return
    code = parsed.code
    if not valid_code(code):
        add("koseki.ecert.code_format", "/code", value=repr(code))
        return
    result.code, result.kind = code, parsed.kind
    if expected_code is not None and code != expected_code:
        add("koseki.ecert.code_mismatch", "/code", requested=expected_code, found=code)
    result.issued_on, result.expires_on = parsed.issued_on, parsed.expires_on
    if result.expires_on != add_months(result.issued_on, 3):
        add(
            "koseki.ecert.validity_period",
            "/expires_on",
            issued_on=result.issued_on.isoformat(),
            expires_on=result.expires_on.isoformat(),
        )
    today = now.astimezone(JST).date()
    day_start = dt.datetime.combine(result.issued_on, dt.time(0, 0), JST)
    day_end = day_start + dt.timedelta(days=1)
    if signer_cert.not_valid_before_utc >= day_end or signer_cert.not_valid_after_utc < day_start:
        add("koseki.ecert.issuer_cert_expired")
    if today > result.expires_on:
        add("koseki.ecert.expired", expires_on=result.expires_on.isoformat())
    elif today < result.issued_on:
        add("koseki.ecert.not_yet_valid", issued_on=result.issued_on.isoformat())
    else:
        result.fresh = True
    register, issues = register_from_json(doc["register"], source)
    if register is None:
        add("koseki.ecert.content_invalid", "/register")
        result.issues.extend(replace(i, path=f"/register{i.path}", file=source) for i in issues[:50])
        return
    result.register = register
