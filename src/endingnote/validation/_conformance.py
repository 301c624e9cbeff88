"""Conformance summary: which common (共通) and cooperative (協調) items a document fills, per category."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from endingnote.standard import Standard
from endingnote.validation._scan import mark_items


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
    """One slot per tracked item, the slots of each (category, tier) contiguous."""

    index: dict[str, dict[str, int]]  # record → tracked item → slot
    nslots: int
    groups: tuple[tuple[str, str, int, int], ...]  # (category, tier, start, end), summary order
    common: tuple[tuple[int, int], ...]  # the slot ranges of the common tier
    names: tuple[str, ...]  # slot → "record.item"


@functools.cache
def _tracked(std: Standard) -> _Tracked:
    members: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (category, tier) → its items
    for rt in std.records.values():
        for f in rt.items:
            if f.tier in ("common", "cooperative") and f.status != "deprecated":
                members.setdefault((rt.category, f.tier), []).append((rt.key, f.key))
    index: dict[str, dict[str, int]] = {}
    names: list[str] = []
    groups: list[tuple[str, str, int, int]] = []
    common: list[tuple[int, int]] = []
    for (category, tier), items in members.items():
        start = len(names)
        for record, item in items:  # item keys are unique within a record: one slot each
            index.setdefault(record, {})[item] = len(names)
            names.append(f"{record}.{item}")
        groups.append((category, tier, start, len(names)))
        if tier == "common":
            common.append((start, len(names)))
    return _Tracked(index, len(names), tuple(groups), tuple(common), tuple(names))


@functools.cache
def _count(present: int, total: int) -> TierCount:
    """Counts are frozen values: one shared object per pair (a frozen dataclass is slow to build)."""
    return TierCount(present, total)


def conformance(std: Standard, doc: dict[str, Any]) -> Conformance:
    """An item counts as present when any record of its type carries it (the structure layer has
    already refused empty strings and wrong types). One C walk flags the items present
    (``_scan.mark_items``); counting and finding the missing ones are bytearray scans."""
    tracked = _tracked(std)
    flags = mark_items(doc, tracked.index, tracked.nslots)
    out = Conformance()
    for category, tier, start, end in tracked.groups:
        out.by_category.setdefault(category, {})[tier] = _count(flags.count(1, start, end), end - start)
    missing = out.missing_common
    for start, end in tracked.common:
        i = flags.find(0, start, end)
        while i >= 0:
            missing.append(tracked.names[i])
            i = flags.find(0, i + 1, end)
    missing.sort()
    return out
