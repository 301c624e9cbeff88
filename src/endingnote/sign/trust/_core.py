"""The trust core: RFC 5280 path validation at a past time, on pyhanko-certvalidator.

Everything a certificate path must satisfy — signatures, validity of every certificate at the time
asked, CA flags and key usage of issuers, path length, name constraints, policies, unknown critical
extensions, weak algorithms — is checked by pyhanko-certvalidator (the validator behind pyHanko's
PAdES long-term validation), not by code of ours. Two questions are asked of it:

* :func:`validate_chain` — is there a valid path from the certificate to a pinned anchor at ``at``
  (no revocation checking: that is the second question);
* :func:`revocation_at` — with the revocation data given (CRLs, OCSP responses, never fetched), was
  the certificate revoked at ``at``? Only revocation data issued after ``at`` can say "not revoked
  at ``at``" (``FreshnessReqType.TIME_AFTER_SIGNATURE`` with zero cooldown: ETSI EN 319 102-1
  §5.2.5.4), and a revocation dated after ``at`` does not count against it.

Certificates come and go as ``cryptography`` objects; the library works on asn1crypto's.
The library is asynchronous; :func:`_run` runs it to completion from synchronous code (in a worker
thread when the caller is already inside an event loop).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from cryptography import x509

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ChainResult:
    """``path`` runs from the certificate to its anchor when ``ok``; else ``kind`` and ``detail``
    say why not: ``no_path`` (no anchor reachable), ``validity`` (a certificate of the path is
    outside its validity at the time; ``leaf`` says whether it is the certificate itself),
    ``constraints`` (an RFC 5280 check failed), ``malformed``."""

    ok: bool
    path: tuple[x509.Certificate, ...] = ()
    kind: str | None = None
    detail: str = ""
    leaf: bool = False

    @property
    def issuer(self) -> x509.Certificate | None:
        """The certificate that issued the validated one (itself when it is its own anchor)."""
        if not self.path:
            return None
        return self.path[1] if len(self.path) > 1 else self.path[0]


@dataclass(frozen=True, slots=True)
class RevocationAt:
    """``status``: ``good`` (revocation data issued after ``at`` says not revoked then),
    ``revoked`` (revoked at or before ``at``: ``revoked_at``, ``reason``) or ``unknown``."""

    status: str
    detail: str = ""
    revoked_at: dt.datetime | None = None
    reason: str | None = None


def _run(coro: Coroutine[Any, Any, T]) -> T:
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _asn1(certs: Sequence[x509.Certificate]) -> list[Any]:
    from asn1crypto import x509 as ax509
    from cryptography.hazmat.primitives.serialization import Encoding

    return [ax509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certs]


def _to_cryptography(path: Any) -> tuple[x509.Certificate, ...]:
    from cryptography import x509

    certs = [x509.load_der_x509_certificate(c.dump()) for c in path]
    return tuple(reversed(certs))  # the library lists anchor → leaf


def _errors() -> tuple[type[Exception], ...]:
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError

    from endingnote.sign.cades._verify import parse_errors

    return (PathBuildingError, PathValidationError, ValidationError, *parse_errors())


def validate_chain(
    cert: x509.Certificate,
    anchors: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate] = (),
    *,
    at: dt.datetime,
) -> ChainResult:
    """A valid path from ``cert`` to one of ``anchors`` at ``at`` (revocation not checked)."""
    if not anchors:
        return ChainResult(False, kind="no_path", detail="no trust anchors")
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import ExpiredError, NotYetValidError, PathBuildingError
    from pyhanko_certvalidator.policy_decl import NO_REVOCATION, CertRevTrustPolicy

    try:
        context = ValidationContext(
            trust_roots=_asn1(anchors),
            other_certs=_asn1(intermediates),
            moment=at,
            revinfo_policy=CertRevTrustPolicy(NO_REVOCATION),
            time_tolerance=dt.timedelta(0),
        )
        (leaf,) = _asn1([cert])
        path = _run(CertificateValidator(leaf, validation_context=context).async_validate_path())
        return ChainResult(True, _to_cryptography(path))
    except PathBuildingError as exc:
        return ChainResult(False, kind="no_path", detail=str(exc))
    except (ExpiredError, NotYetValidError) as exc:
        return ChainResult(False, kind="validity", detail=str(exc), leaf=exc.is_ee_cert)
    except _errors() as exc:
        kind = "constraints" if exc.__class__.__module__.startswith("pyhanko") else "malformed"
        return ChainResult(False, kind=kind, detail=str(exc) or type(exc).__name__)


def revocation_at(
    cert: x509.Certificate,
    path: Sequence[x509.Certificate],
    *,
    at: dt.datetime,
    crls: Sequence[bytes] = (),
    ocsp_responses: Sequence[bytes] = (),
) -> RevocationAt:
    """Whether ``cert`` (validated along ``path``, leaf → anchor) was revoked at ``at``."""
    if not crls and not ocsp_responses:
        return RevocationAt("unknown", "no CRL or OCSP given")
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import InsufficientRevinfoError, RevokedError
    from pyhanko_certvalidator.policy_decl import (
        CertRevTrustPolicy,
        FreshnessReqType,
        RevocationCheckingPolicy,
        RevocationCheckingRule,
    )

    policy = CertRevTrustPolicy(
        RevocationCheckingPolicy(
            ee_certificate_rule=RevocationCheckingRule.CRL_OR_OCSP_REQUIRED,
            intermediate_ca_cert_rule=RevocationCheckingRule.CHECK_IF_DECLARED_SOFT,
        ),
        freshness=dt.timedelta(0),
        freshness_req_type=FreshnessReqType.TIME_AFTER_SIGNATURE,
    )
    try:
        context = ValidationContext(
            trust_roots=_asn1(path[-1:]),
            other_certs=_asn1(path[1:-1]),
            moment=at,
            best_signature_time=at,
            revinfo_policy=policy,
            crls=list(crls),
            ocsps=list(ocsp_responses),
            time_tolerance=dt.timedelta(0),
        )
        (leaf,) = _asn1([cert])
        _run(CertificateValidator(leaf, validation_context=context).async_validate_path())
    except RevokedError as exc:
        when = exc.revocation_dt.astimezone(dt.UTC)
        return RevocationAt("revoked", str(exc), when, _reason(exc.reason))
    except InsufficientRevinfoError as exc:
        return RevocationAt("unknown", str(exc))
    except _errors() as exc:
        return RevocationAt("unknown", str(exc) or type(exc).__name__)
    return RevocationAt("good")


def _reason(reason: Any) -> str:
    """asn1crypto's reason name in the spelling ``cryptography`` uses (``keyCompromise``)."""
    native = str(getattr(reason, "native", reason) or "unspecified")
    head, *rest = native.split("_")
    return head + "".join(word.capitalize() for word in rest)
