"""Before signing: is the signer's certificate within its validity and not revoked?

A signature made with a revoked certificate (a lost card reported stolen, a holder who died) or
outside its validity would only fail verification later; ``sign`` refuses it now. Revocation is
checked with what the signer can reach — CRL files (``--crl``) and an OCSP responder (``--ocsp``);
JPKI certificates name no distribution point that can be fetched (a directory name only) — and
when nothing can be checked the result says so instead of passing silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote._codes import issue
from endingnote.errors import SigningError
from endingnote.sign import _codes as _codes  # registers the sign.signer.* codes

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote.sign._signer import Signer

_OCSP_SKEW = dt.timedelta(minutes=5)  # an OCSP answer produced this close to "now" is current


@dataclass(frozen=True, slots=True)
class SigningCertificateCheck:
    """``status`` is ``good`` (a current CRL or OCSP answer says not revoked) or ``unknown``
    (``detail`` says why it could not be checked). Revoked or out-of-validity certificates raise."""

    status: str
    source: str | None = None
    detail: str = ""

    @property
    def message(self) -> str:
        """What to tell the person signing when the status is unknown (Japanese / English)."""
        found = issue("sign.signer.revocation_unknown", "", detail=self.detail)
        return f"{found.message_ja} / {found.message_en}"


def _refuse(code: str, **params: Any) -> SigningError:
    found = issue(code, "", **params)
    return SigningError(f"{found.message_ja} / {found.message_en}")


def check_signing_certificate(
    signer: Signer,
    *,
    crls: Sequence[str | Path] = (),
    ocsp: str | None = None,
    trust: str | Path | None = None,
    at: dt.datetime | None = None,
) -> SigningCertificateCheck:
    """Check ``signer``'s certificate at ``at`` (default: now); raise :class:`SigningError` when
    it is outside its validity or revoked."""
    from cryptography import x509

    from endingnote.sign.trust._issued import issued_by
    from endingnote.sign.trust._keys import load_certificates, load_crl, valid_at

    now = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    cert = x509.load_der_x509_certificate(signer.certificate_der)
    if not valid_at(cert, now):
        raise _refuse(
            "sign.signer.out_of_validity",
            at=now.isoformat(timespec="seconds"),
            not_before=cert.not_valid_before_utc.isoformat(),
            not_after=cert.not_valid_after_utc.isoformat(),
        )
    if not crls and not ocsp:
        return SigningCertificateCheck("unknown", detail="no CRL or OCSP given (--crl, --ocsp)")
    candidates = [*(load_certificates(trust) if trust is not None else [])]
    candidates += [x509.load_der_x509_certificate(c) for c in signer.chain_der]
    issuer = next((c for c in candidates if issued_by(cert, c)), None)
    if issuer is None:
        return SigningCertificateCheck(
            "unknown", detail="the issuing CA's certificate is needed to check CRL/OCSP signatures (--trust)"
        )
    notes: list[str] = []
    good: str | None = None
    for path in crls:
        found = _crl_status(cert, issuer, load_crl(path), now)
        name = f"crl:{Path(path).name}"
        if isinstance(found, dt.datetime):
            raise _refuse("sign.signer.revoked", revoked_at=found.isoformat(), source=name)
        if found == "good":
            good = good or name
        else:
            notes.append(f"{name}: {found}")
    if ocsp:
        from endingnote.sign.trust._revinfo import check_ocsp

        answer, _ = check_ocsp(cert, issuer, ocsp, now - _OCSP_SKEW)
        if answer.status == "revoked" and answer.revoked_at is not None:
            raise _refuse(
                "sign.signer.revoked", revoked_at=answer.revoked_at.isoformat(), source=answer.source
            )
        if answer.status == "good":
            good = good or answer.source
        else:
            notes += [f"{source}: {why}" for source, why in answer.unusable] + answer.notes
    if good is not None:
        return SigningCertificateCheck("good", good)
    return SigningCertificateCheck("unknown", detail="; ".join(notes) or "no usable answer")


def _crl_status(
    cert: x509.Certificate, issuer: x509.Certificate, crl: x509.CertificateRevocationList, now: dt.datetime
) -> dt.datetime | str:
    """The revocation date, ``"good"`` for a current CRL that does not list it, or why not usable."""
    if crl.issuer != issuer.subject or not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
        return "not signed by the certificate's issuer"
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is not None:
        return entry.revocation_date_utc
    next_update = crl.next_update_utc
    if crl.last_update_utc <= now and (next_update is None or now <= next_update):
        return "good"
    return f"not current (issued {crl.last_update_utc:%Y-%m-%d %H:%M}, next {next_update or '-'})"
