"""The engine's result: heirs with exact shares and capacities, and a reason for everyone else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from endingnote._issues import Issue, Severity
from endingnote.heirs._graph import paused_gc

CapacityKind = Literal["spouse", "child", "representative", "ascendant", "sibling", "sibling_representative"]
Status = Literal["determined", "provisional", "no_heir", "indeterminate"]

CAPACITY_JA: dict[str, str] = {
    "spouse": "配偶者",
    "child": "子",
    "representative": "代襲相続人（直系卑属）",
    "ascendant": "直系尊属",
    "sibling": "兄弟姉妹",
    "sibling_representative": "代襲相続人（兄弟姉妹の子）",
}
CAPACITY_ARTICLES: dict[str, tuple[str, ...]] = {
    "spouse": ("890", "900"),
    "child": ("887(1)", "900"),
    "representative": ("887(2)", "887(3)", "901(1)"),
    "ascendant": ("889(1)(i)", "900"),
    "sibling": ("889(1)(ii)", "900"),
    "sibling_representative": ("889(2)", "901(2)"),
}


def fraction_str(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True, slots=True)
class Capacity:
    """One title under which a person inherits (a person may hold two: 二重資格)."""

    kind: CapacityKind
    share: Fraction
    via: tuple[str, ...] = ()  # represented persons, the decedent's child (or sibling) first
    half_blood: bool = False

    @property
    def articles(self) -> tuple[str, ...]:
        extra = ("900(4)",) if self.half_blood else ()
        return CAPACITY_ARTICLES[self.kind] + extra

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "capacity": self.kind,
            "share": fraction_str(self.share),
            "via": list(self.via) or None,
            "articles": list(self.articles),
        }
        if self.half_blood:
            out["half_blood"] = True
        return out


@dataclass(frozen=True, slots=True)
class Heir:
    id: str
    share: Fraction
    capacities: tuple[Capacity, ...]
    explanation_ja: str
    explanation_en: str
    died_after: bool = False
    provisional: bool = False

    @property
    def capacity(self) -> str:
        return "+".join(c.kind for c in self.capacities)

    @property
    def via(self) -> tuple[str, ...]:
        for c in self.capacities:
            if c.via:
                return c.via
        return ()

    @property
    def articles(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for c in self.capacities:
            seen.update(dict.fromkeys(c.articles))
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "capacity": self.capacity,
            "share": fraction_str(self.share),
            "via": list(self.via) or None,
            "capacities": [c.to_dict() for c in self.capacities],
            "articles": list(self.articles),
            "died_after_decedent": self.died_after,
            "provisional": self.provisional,
            "explanation_ja": self.explanation_ja,
            "explanation_en": self.explanation_en,
        }


@dataclass(frozen=True, slots=True)
class NonHeir:
    id: str
    reason: str
    articles: tuple[str, ...]
    explanation_ja: str
    explanation_en: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reason": self.reason,
            "articles": list(self.articles),
            "explanation_ja": self.explanation_ja,
            "explanation_en": self.explanation_en,
        }


@dataclass(frozen=True, slots=True)
class HeirResult:
    decedent_id: str
    death_date: dt.date | None
    rule_set: str | None
    status: Status
    heirs: tuple[Heir, ...]
    non_heirs: tuple[NonHeir, ...]
    findings: tuple[Issue, ...]
    rank: int | None = None  # 1 children, 2 ascendants, 3 siblings, None: spouse only / none

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def heir(self, person_id: str) -> Heir | None:
        return next((h for h in self.heirs if h.id == person_id), None)

    def non_heir(self, person_id: str) -> NonHeir | None:
        return next((n for n in self.non_heirs if n.id == person_id), None)

    def shares(self) -> dict[str, Fraction]:
        return {h.id: h.share for h in self.heirs}

    def to_dict(self) -> dict[str, Any]:
        with paused_gc():  # a dict per person, next to the graph: see paused_gc
            return self._to_dict()

    def _to_dict(self) -> dict[str, Any]:
        return {
            "decedent": self.decedent_id,
            "death_date": self.death_date.isoformat() if self.death_date else None,
            "rule_set": self.rule_set,
            "status": self.status,
            "rank": self.rank,
            "heirs": [h.to_dict() for h in self.heirs],
            "non_heirs": [n.to_dict() for n in self.non_heirs],
            "findings": [f.to_dict() for f in self.findings],
        }
