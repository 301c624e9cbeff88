"""The loss report: an account of every source field — mapped, kept as an extension, dropped as a
secret, or ignored with a reason — and how many values each status covered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = (
    "mapped",  # into a standard item, invertibly
    "mapped_lossy",  # into a standard item through a non-invertible transform (mask, default)
    "id",  # the repeating record's id
    "discriminator",  # the column that tells which group a row belongs to
    "person_key",  # the person id that groups rows / names the output file
    "extension",  # kept in the vendor's extension namespace, as declared
    "kept_unmapped",  # not in the mapping: kept in the extension slot _unmapped
    "kept_unmatched_row",  # a row of no group: kept in the extension slot _rows
    "kept_file_level",  # export metadata outside every person: kept in the extension slot _file
    "dropped_secret",  # a secret-looking field: dropped and reported
    "ignored",  # declared ignored, with a reason
    "constant",  # a constant the mapping fills in (no source field)
    "unmatched_row_reported",  # rows of no group, left out of the document and reported (language 2)
    "unmatched_row_refused",  # rows of no group, reported as errors (language 2, unmatched_rows: error)
)


@dataclass(slots=True)
class FieldAccount:
    scope: str
    source: str
    status: str
    target: str | None
    values: int = 0
    rejected: int = 0  # values a transform refused (kept in _rejected)
    reason: str | None = None
    lossy: tuple[str, ...] = ()
    details: dict[str, int] = field(default_factory=dict)  # first_of branches taken / rows by discriminator
    also: tuple[str, ...] = ()  # further targets of the same source (language 2 ``targets``)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "scope": self.scope,
            "source": self.source,
            "status": self.status,
            "target": self.target,
            "values": self.values,
        }
        if self.rejected:
            out["rejected_kept"] = self.rejected
        if self.reason:
            out["reason"] = self.reason
        if self.lossy:
            out["lossy_transforms"] = list(self.lossy)
        if self.also:
            out["also_targets"] = list(self.also)
        if self.details:
            key = "branches" if self.status in ("mapped", "mapped_lossy") else "by_value"
            out[key] = dict(sorted(self.details.items()))
        return out


@dataclass(slots=True)
class Accounts:
    entries: dict[tuple[str, str], FieldAccount] = field(default_factory=dict)

    def count(
        self,
        scope: str,
        source: str,
        status: str,
        target: str | None,
        *,
        n: int = 1,
        reason: str | None = None,
        lossy: tuple[str, ...] = (),
        rejected: int = 0,
        detail: str | None = None,
        also: tuple[str, ...] = (),
    ) -> None:
        key = (scope, source)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = FieldAccount(
                scope, source, status, target, reason=reason, lossy=lossy
            )
        entry.values += n
        entry.rejected += rejected
        if detail is not None and n:
            entry.details[detail] = entry.details.get(detail, 0) + n
        if also:
            entry.also = tuple(dict.fromkeys(entry.also + also))

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self.entries.values()]

    def status_of(self, scope: str, source: str) -> str | None:
        entry = self.entries.get((scope, source))
        return entry.status if entry else None
