"""Who is asking: proving the claimant's identity before anything of the note is disclosed.

- :class:`CardClaim`: the claimant signs a FRESH challenge with their own My Number Card (any
  :class:`~endingnote.sign.Signer` opened by ``open_signer``). The challenge is 32 random bytes,
  the context ``endingnote-import`` and the package's SHA-256, so a signature made for another
  package or an earlier import is worthless. The signature is verified against the card's
  certificate, whose chain must reach a pinned JPKI signing CA, valid now and not revoked
  (``--crl``: no CRL from its issuer = revocation unknown, a warning).
- :class:`AttestationClaim`: a professional acting for the heirs presents a signed heirs
  attestation (``endingnote heirs attest``) verified with the heirs module against the family
  graph recomputed from the registers. It stands for *all heirs*: sections reserved to named
  persons or to the executor stay withheld.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from endingnote._codes import issue
from endingnote._issues import Issue

if TYPE_CHECKING:
    from cryptography import x509

    from endingnote.sign import Signer
    from endingnote.sign.card import BasicFourData

CHALLENGE_CONTEXT = b"endingnote-import"


CHALLENGE_MAX_AGE = dt.timedelta(hours=24)
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_CHALLENGE_LEN = 32 + len(CHALLENGE_CONTEXT) + 32 + 20


def make_challenge(package_sha256: bytes, issued_at: dt.datetime | None = None) -> bytes:
    """32 fresh random bytes + the context + the package digest + the issue time (UTC, ISO 8601)."""
    when = (issued_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return secrets.token_bytes(32) + CHALLENGE_CONTEXT + package_sha256 + when.strftime(_TIME_FORMAT).encode()


def check_challenge(challenge: bytes, package_sha256: bytes, at: dt.datetime) -> str | None:
    """Why an offline challenge is not acceptable for this package at ``at`` (``None``: fine):
    the context, this package's digest, issued at most 24 hours before ``at``."""
    if len(challenge) != _CHALLENGE_LEN or challenge[32 : 32 + len(CHALLENGE_CONTEXT)] != CHALLENGE_CONTEXT:
        return "not an endingnote import challenge / 取り込み用チャレンジではありません"
    rest = challenge[32 + len(CHALLENGE_CONTEXT) :]
    if rest[:32] != package_sha256:
        return "made for another package / 別のパッケージ用のチャレンジです"
    try:
        issued = dt.datetime.strptime(rest[32:].decode("ascii"), _TIME_FORMAT).replace(tzinfo=dt.UTC)
    except (UnicodeDecodeError, ValueError):
        return "malformed issue time / 発行時刻が不正です"
    if issued > at + dt.timedelta(minutes=5) or at - issued > CHALLENGE_MAX_AGE:
        return f"issued {issued.isoformat()}: not fresh (24 h) / 期限切れ (24 時間)"
    return None


@dataclass(frozen=True)
class CardClaim:
    """``open_signer()``: a context manager yielding the claimant's signer (e.g.
    ``lambda: JpkiCardSigner.open(password, reader=r)``); it is entered once, for one signature."""

    open_signer: Callable[[], AbstractContextManager[Signer]]


@dataclass(frozen=True)
class SignedChallenge:
    """The offline form: a challenge from :func:`make_challenge` (``endingnote import PKG
    --make-challenge FILE``), signed elsewhere with the claimant's signing key (PKCS#1 v1.5 over
    SHA-256, e.g. ``openssl dgst -sha256 -sign``), and the claimant's certificate (PEM or DER)."""

    certificate: bytes
    challenge: bytes
    signature: bytes


@dataclass(frozen=True)
class AttestationClaim:
    data: bytes
    trust_anchors: tuple[bytes, ...] = ()


ClaimEvidence = CardClaim | SignedChallenge | AttestationClaim


@dataclass(slots=True)
class Identity:
    """The established claimant: ``basic4`` for a card, ``attestation`` for a professional."""

    basic4: BasicFourData | None = None
    certificate_sha256: str | None = None
    attestation: dict[str, Any] | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)


def _issuer_of(cert: x509.Certificate, anchors: Sequence[x509.Certificate]) -> x509.Certificate | None:
    from endingnote.sign.trust._keys import authority_key_id, subject_key_id

    aki = authority_key_id(cert)
    for ca in anchors:
        if ca.subject != cert.issuer:
            continue
        if aki is not None and subject_key_id(ca) not in (None, aki):
            continue
        try:
            cert.verify_directly_issued_by(ca)
        except Exception:  # noqa: S112 - wrong generation (same DN): try the next anchor
            continue
        return ca
    return None


def check_certificate(
    cert: x509.Certificate,
    anchors: Sequence[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList],
    at: dt.datetime,
) -> list[Issue]:
    """The claimant certificate: issued by a pinned CA, valid at ``at``, not revoked."""
    from endingnote.sign.trust._keys import valid_at

    ca = _issuer_of(cert, anchors)
    if ca is None:
        return [
            issue(
                "importer.claimant_untrusted", "", reason="no pinned JPKI CA issued it / 発行者が信頼点にない"
            )
        ]
    if not valid_at(cert, at) or not valid_at(ca, at):
        return [
            issue("importer.claimant_untrusted", "", reason=f"not valid at {at.isoformat()} / 有効期間外")
        ]
    usable = []
    for crl in crls:
        if crl.issuer != ca.subject:
            continue
        try:
            if crl.is_signature_valid(ca.public_key()):  # type: ignore[arg-type]
                usable.append(crl)
        except Exception:  # noqa: S112 - a CRL of another generation
            continue
    if not usable:
        return [issue("importer.claimant_revocation_unknown", "")]
    for crl in usable:
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None and entry.revocation_date_utc <= at:
            return [issue("importer.claimant_revoked", "", at=entry.revocation_date_utc.isoformat())]
    return []


def prove_with_card(
    claim: CardClaim,
    package_sha256: bytes,
    anchors: Sequence[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList],
    at: dt.datetime,
) -> Identity:
    from endingnote.errors import EndingNoteError
    from endingnote.sign.card import sha256_digest_info

    identity = Identity()
    challenge = make_challenge(package_sha256, at)
    digest_info = sha256_digest_info(challenge)
    try:
        with claim.open_signer() as signer:
            cert_der = signer.certificate_der
            signature = signer.sign_digest_info(digest_info)
    except EndingNoteError as exc:
        identity.issues.append(issue("importer.card", "", reason=str(exc)))
        return identity
    return _check_signed(identity, cert_der, digest_info, signature, anchors, crls, at)


def prove_offline(
    claim: SignedChallenge,
    package_sha256: bytes,
    anchors: Sequence[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList],
    at: dt.datetime,
) -> Identity:
    from cryptography import x509

    from endingnote.sign.card import sha256_digest_info

    identity = Identity()
    why = check_challenge(claim.challenge, package_sha256, at)
    if why is not None:
        identity.issues.append(issue("importer.claimant_signature", "", reason=why))
        return identity
    try:
        if b"-----BEGIN" in claim.certificate:
            cert_der = x509.load_pem_x509_certificate(claim.certificate).public_bytes(_der())
        else:
            cert_der = claim.certificate
    except ValueError as exc:
        identity.issues.append(issue("importer.claimant_untrusted", "", reason=str(exc)))
        return identity
    digest_info = sha256_digest_info(claim.challenge)
    return _check_signed(identity, cert_der, digest_info, claim.signature, anchors, crls, at)


def _der() -> Any:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _check_signed(
    identity: Identity,
    cert_der: bytes,
    digest_info: bytes,
    signature: bytes,
    anchors: Sequence[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList],
    at: dt.datetime,
) -> Identity:
    from cryptography import x509

    from endingnote.errors import EndingNoteError
    from endingnote.sign.card import basic_four_data, verify_digest_info_signature

    try:
        cert = x509.load_der_x509_certificate(cert_der)
        verify_digest_info_signature(cert, digest_info, signature)
    except (ValueError, EndingNoteError) as exc:
        identity.issues.append(issue("importer.claimant_signature", "", reason=str(exc)))
        return identity
    identity.issues.extend(check_certificate(cert, anchors, crls, at))
    identity.certificate_sha256 = hashlib.sha256(cert_der).hexdigest()
    identity.basic4 = basic_four_data(cert)
    if identity.basic4 is None:
        identity.issues.append(
            issue("importer.claimant_untrusted", "", reason="no basic four data / 基本4情報がない")
        )
    return identity
