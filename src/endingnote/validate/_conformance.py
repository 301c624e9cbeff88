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


@functools.cache
def _tracked(std: Standard) -> dict[str, list[tuple[str, str, str]]]:
    """record key → [(item key, category, tier)] for the common and cooperative items."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for rt in std.records.values():
        out[rt.key] = [
            (f.key, rt.category, f.tier)
            for f in rt.items
            if f.tier in ("common", "cooperative") and f.status != "deprecated"
        ]
    return out


def conformance(std: Standard, doc: dict[str, Any]) -> Conformance:
    totals: dict[tuple[str, str], int] = {}
    hits: dict[tuple[str, str], int] = {}
    missing: list[str] = []
    for record_key, items in _tracked(std).items():
        value = doc.get(record_key)
        present: set[str] = set()
        if isinstance(value, dict):
            present = {k for k, v in value.items() if v not in (None, "", [], {})}
        elif isinstance(value, list):
            for r in value:
                if isinstance(r, dict):
                    present.update(k for k, v in r.items() if v not in (None, "", [], {}))
        for key, category, tier in items:
            slot = (category, tier)
            totals[slot] = totals.get(slot, 0) + 1
            if key in present:
                hits[slot] = hits.get(slot, 0) + 1
            elif tier == "common":
                missing.append(f"{record_key}.{key}")
    out = Conformance(missing_common=missing)
    for (category, tier), total in totals.items():
        out.by_category.setdefault(category, {})[tier] = TierCount(hits.get((category, tier), 0), total)
    return out
