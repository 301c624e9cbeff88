"""Path building to pinned trust anchors at a given time.

JPKI signing-CA generations share one DN, so an issuer is never chosen by name alone: a candidate
must match the name, the authority key identifier (when both sides carry one), and must have
actually signed the certificate. Every certificate on the path must be within its validity at the
time asked (for a signer: the timestamp's time, not "now").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from endingnote.sign.verify._keys import authority_key_id, subject_key_id, valid_at

if TYPE_CHECKING:
    from cryptography import x509

MAX_DEPTH = 6


@dataclass
class ChainResult:
    """``path`` runs from the certificate to its anchor; empty when none was found (see ``problems``)."""

    path: list[x509.Certificate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.path)


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """True when ``issuer`` has ``cert``'s issuer name, matching key identifier, and signed it
    (False, not an exception, when either certificate does not parse)."""
    try:
        if cert.issuer != issuer.subject:
            return False
        aki, ski = authority_key_id(cert), subject_key_id(issuer)
        if aki is not None and ski is not None and aki != ski:
            return False
        cert.verify_directly_issued_by(issuer)
    except Exception:
        return False
    return True


def _is_ca(cert: x509.Certificate) -> bool:
    from cryptography import x509

    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def build_path(
    cert: x509.Certificate,
    anchors: list[x509.Certificate],
    intermediates: tuple[x509.Certificate, ...] | list[x509.Certificate],
    at: dt.datetime,
) -> ChainResult:
    """Find a path from ``cert`` to one of ``anchors`` valid at ``at`` (the leaf's own validity is
    the caller's check, so that "expired" and "untrusted" stay different findings)."""
    result = ChainResult()
    at_s = at.isoformat()

    def walk(current: x509.Certificate, path: list[x509.Certificate]) -> list[x509.Certificate] | None:
        if len(path) > MAX_DEPTH:
            result.problems.append("path too long")
            return None
        for anchor in anchors:
            if issued_by(current, anchor):
                if not valid_at(anchor, at):
                    result.problems.append(
                        f"anchor {anchor.subject.rfc4514_string()} (serial {anchor.serial_number:x})"
                        f" not valid at {at_s}"
                    )
                    continue
                return [*path, anchor]
        for candidate in intermediates:
            if candidate in path or candidate == current or not issued_by(current, candidate):
                continue
            if not _is_ca(candidate):
                result.problems.append(f"{candidate.subject.rfc4514_string()} is not a CA")
                continue
            if not valid_at(candidate, at):
                result.problems.append(f"{candidate.subject.rfc4514_string()} not valid at {at_s}")
                continue
            found = walk(candidate, [*path, candidate])
            if found:
                return found
        return None

    if cert in anchors:
        result.path = [cert]
        return result
    found = walk(cert, [cert])
    if found:
        result.path = found
        result.problems.clear()
    elif not result.problems:
        result.problems.append(f"no trusted issuer for {cert.issuer.rfc4514_string()}")
    return result
