"""The verifier's working state: findings and facts gathered while checking one package."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue, Severity
from endingnote.sign.asice import _codes as _codes  # registers the sign.package/… codes
from endingnote.sign.verify._report import (
    Revocation,
    SignerStatus,
    TimestampStatus,
    VerificationReport,
    indication_of,
)


@dataclass
class State:
    path: str
    validation_time: dt.datetime
    issues: list[Issue] = field(default_factory=list)
    intact: bool = False
    trusted: bool = False
    owner_bound: bool | None = None
    revocation: Revocation = Revocation.NOT_CHECKED
    revocation_source: str | None = None
    revoked_at: dt.datetime | None = None
    signing_time: dt.datetime | None = None
    timestamp_time: dt.datetime | None = None
    signer: SignerStatus | None = None
    timestamps: list[TimestampStatus] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    digests: dict[str, bytes] = field(default_factory=dict)  # verified SHA-256 of data objects
    note: bytes | None = None  # note.json as checked against the manifest

    def add(self, code: str, path: str = "", *, severity: Severity | None = None, **params: Any) -> None:
        self.issues.append(issue(code, path, severity=severity, **params))

    def finish(self) -> VerificationReport:
        issues = self.issues
        return VerificationReport(
            path=self.path,
            indication=indication_of(issues),
            intact=self.intact,
            trusted=self.trusted,
            owner_bound=self.owner_bound,
            revocation=self.revocation,
            revocation_source=self.revocation_source,
            revoked_at=self.revoked_at,
            signing_time_claimed=self.signing_time,
            timestamp_time=self.timestamp_time,
            validation_time=self.validation_time,
            signer=self.signer,
            timestamps=tuple(self.timestamps),
            files=tuple(self.files),
            issues=tuple(issues),
        )
