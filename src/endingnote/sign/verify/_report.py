"""The verification report: a status object, not a boolean (cf. pyHanko's validation status)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from endingnote._issues import Issue, Report, Severity


class Indication(enum.StrEnum):
    """ETSI EN 319 102-1 main indications."""

    VALID = "VALID"
    INDETERMINATE = "INDETERMINATE"
    INVALID = "INVALID"

    @property
    def exit_code(self) -> int:
        return {"VALID": 0, "INVALID": 1, "INDETERMINATE": 3}[self.value]


class Revocation(enum.StrEnum):
    """What is known about the signer's certificate's revocation at the signing time."""

    GOOD = "good"
    REVOKED_AFTER_SIGNING = "revoked_after_signing"
    REVOKED_BEFORE_SIGNING = "revoked_before_signing"
    REVOKED_NO_POE = "revoked_no_poe"
    UNKNOWN = "revocation_unknown"
    NOT_CHECKED = "not_checked"


@dataclass(frozen=True, slots=True)
class TimestampStatus:
    kind: str  # "signature" | "archive"
    file: str
    gen_time: dt.datetime | None
    tsa: str | None
    valid: bool
    checked_at: dt.datetime | None  # when the TSA's chain was validated (a later archive stamp, or now)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file,
            "gen_time": _iso(self.gen_time),
            "tsa": self.tsa,
            "valid": self.valid,
            "checked_at": _iso(self.checked_at),
        }


@dataclass(frozen=True, slots=True)
class SignerStatus:
    subject: str
    issuer: str
    serial: str
    cert_sha256: str
    not_before: dt.datetime
    not_after: dt.datetime
    policy: str | None
    basic4: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "issuer": self.issuer,
            "serial": self.serial,
            "cert_sha256": self.cert_sha256,
            "not_before": _iso(self.not_before),
            "not_after": _iso(self.not_after),
            "policy": self.policy,
            "basic4": self.basic4,
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class VerificationReport:
    """Everything the verifier established about one package.

    ``intact``: every file matches the manifest and the CMS signature over the manifest verifies.
    ``trusted``: the signer's chain reaches a pinned anchor at the best signature time.
    ``timestamp_time``: the proven time of signing (the signature timestamp's genTime), if any.
    ``indication`` is the bottom line; ``issues`` say why (error → INVALID, warning → INDETERMINATE).
    """

    path: str
    indication: Indication
    intact: bool
    trusted: bool
    owner_bound: bool | None
    revocation: Revocation
    revocation_source: str | None
    revoked_at: dt.datetime | None
    signing_time_claimed: dt.datetime | None
    timestamp_time: dt.datetime | None
    validation_time: dt.datetime
    signer: SignerStatus | None
    timestamps: tuple[TimestampStatus, ...]
    files: tuple[str, ...]
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def bottom_line(self) -> Indication:
        return self.indication

    @property
    def exit_code(self) -> int:
        return self.indication.exit_code

    @property
    def subindications(self) -> list[str]:
        from endingnote.sign.asice._codes import SUBINDICATION

        rank = Severity.ERROR if self.indication is Indication.INVALID else Severity.WARNING
        return sorted({SUBINDICATION.get(i.code, "") for i in self.issues if i.severity is rank} - {""})

    def report(self) -> Report:
        return Report(self.path, list(self.issues))

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "indication": self.indication.value,
            "subindications": self.subindications,
            "intact": self.intact,
            "trusted": self.trusted,
            "owner_bound": self.owner_bound,
            "revocation": self.revocation.value,
            "revocation_source": self.revocation_source,
            "revoked_at": _iso(self.revoked_at),
            "signing_time_claimed": _iso(self.signing_time_claimed),
            "timestamp_time": _iso(self.timestamp_time),
            "validation_time": _iso(self.validation_time),
            "signer": self.signer.to_dict() if self.signer else None,
            "timestamps": [t.to_dict() for t in self.timestamps],
            "files": list(self.files),
            "issues": [i.to_dict() for i in self.issues],
        }


def indication_of(issues: list[Issue]) -> Indication:
    if any(i.severity is Severity.ERROR for i in issues):
        return Indication.INVALID
    if any(i.severity is Severity.WARNING for i in issues):
        return Indication.INDETERMINATE
    return Indication.VALID
