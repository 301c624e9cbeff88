"""Conformance summary: which common (共通) and cooperative (協調) items a document fills, per category."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from endingnote.standard import Standard


@dataclass(frozen=True, slots=True)
class TierCount:
    present: int
    total: int


@dataclass(slots=True)
class Conformance:
    """Per category: tier → (present, total); and the common items that are missing."""

    by_category: dict[str, dict[str, TierCount]] = field(default_factory=dict)
    missing_common: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "by_category": {
                cat: {tier: {"present": c.present, "total": c.total} for tier, c in tiers.items()}
                for cat, tiers in self.by_category.items()
            },
            "missing_common": self.missing_common,
        }


@dataclass(frozen=True, slots=True)
class _Tracked:
    by_record: dict[str, tuple[str, tuple[tuple[str, frozenset[str]], ...]]]  # record → (category, tiers)
    totals: dict[tuple[str, str], int]
    common: dict[str, tuple[str, ...]]  # record → its common item keys ("record.item"), sorted


@functools.cache
def _tracked(std: Standard) -> _Tracked:
    by_record: dict[str, tuple[str, tuple[tuple[str, frozenset[str]], ...]]] = {}
    totals: dict[tuple[str, str], int] = {}
    common: dict[str, tuple[str, ...]] = {}
    for rt in std.records.values():
        tiers: dict[str, set[str]] = {}
        for f in rt.items:
            if f.tier in ("common", "cooperative") and f.status != "deprecated":
                tiers.setdefault(f.tier, set()).add(f.key)
                totals[(rt.category, f.tier)] = totals.get((rt.category, f.tier), 0) + 1
        if tiers:
            by_record[rt.key] = (rt.category, tuple((t, frozenset(k)) for t, k in sorted(tiers.items())))
            common[rt.key] = tuple(sorted(f"{rt.key}.{k}" for k in tiers.get("common", ())))
    return _Tracked(by_record, totals, common)


def conformance(std: Standard, doc: dict[str, Any]) -> Conformance:
    """An item counts as present when any record of its type carries it (the structure layer has
    already refused empty strings and wrong types)."""
    tracked = _tracked(std)
    hits: dict[tuple[str, str], int] = {}
    missing: list[str] = []
    for record_key, (category, tiers) in tracked.by_record.items():
        value = doc.get(record_key)
        if value is None:
            missing.extend(tracked.common[record_key])
            continue
        if isinstance(value, list):
            present: Any = set().union(*(r for r in value if isinstance(r, dict)))
        else:
            present = value if isinstance(value, dict) else {}
        for tier, keys in tiers:
            found = len(keys.intersection(present))
            if found:
                hits[(category, tier)] = hits.get((category, tier), 0) + found
            if tier == "common" and found < len(keys):
                missing.extend(f"{record_key}.{k}" for k in sorted(keys.difference(present)))
    out = Conformance(missing_common=sorted(missing))
    for (category, tier), total in tracked.totals.items():
        out.by_category.setdefault(category, {})[tier] = TierCount(hits.get((category, tier), 0), total)
    return out
