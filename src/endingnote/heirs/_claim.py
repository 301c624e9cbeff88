"""Heir claims: "this person is an heir of that decedent".

The claimant is the basic four data of a JPKI signing certificate (:class:`BasicFourData`) or a
:class:`Claimant` (name, date of birth, optionally sex and address). The claimant is matched to a
person of the graph by name up to notation (width, spaces, IVS, 髙/高, 﨑/崎, 邉/辺 … via
:func:`endingnote.koseki.names.name_key`; a character the card marks as a 代替文字 matches any
character) and by date of birth; sex and address only narrow several candidates down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from endingnote.heirs._engine import Options, compute
from endingnote.heirs._graph import FamilyGraph, Person
from endingnote.heirs._result import HeirResult, fraction_str

if TYPE_CHECKING:
    from endingnote.sign.card import BasicFourData

Verdict = Literal["heir", "not_heir", "ambiguous"]
_JPKI_SEX = {"1": "male", "2": "female"}


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str
    birth_date: dt.date
    sex: str | None = None  # "male" | "female"
    address: str | None = None
    name_flags: str | None = None  # JPKI: one "0"/"1" per character, "1" = 代替文字


@dataclass(frozen=True, slots=True)
class ClaimResult:
    verdict: Verdict
    person_id: str | None
    share: Fraction | None
    capacity: str | None
    reason: str
    explanation_ja: str
    explanation_en: str
    candidates: tuple[str, ...] = ()
    result: HeirResult | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "person": self.person_id,
            "share": fraction_str(self.share) if self.share is not None else None,
            "capacity": self.capacity,
            "reason": self.reason,
            "candidates": list(self.candidates),
            "explanation_ja": self.explanation_ja,
            "explanation_en": self.explanation_en,
        }


def claimant_from_basic4(data: BasicFourData) -> Claimant | None:
    """A :class:`Claimant` from a certificate's basic four data (``None``: malformed birth date)."""
    born = data.birth_date_gregorian
    if born is None:
        return None
    return Claimant(
        name=data.name,
        birth_date=born,
        sex=_JPKI_SEX.get(data.sex),
        address=data.address,
        name_flags=data.name_flags,
    )


def _name_matches(claimant: Claimant, person: Person) -> bool:
    from endingnote.koseki.names import name_key

    theirs = name_key(person.name.family + person.name.given)
    if person.name.family_normalized and person.name.given_normalized:
        normalized = name_key(person.name.family_normalized + person.name.given_normalized)
    else:
        normalized = theirs
    flags = claimant.name_flags or ""
    if "1" not in flags:
        mine = name_key(claimant.name)
        return mine != "" and mine in (theirs, normalized)
    # 代替文字: compare character by character, a flagged character matches anything.
    pattern: list[str] = []
    for char, flag in zip(claimant.name, flags.ljust(len(claimant.name), "0"), strict=False):
        pattern.extend("?" if flag == "1" else name_key(char))
    for target in {theirs, normalized}:
        if len(target) == len(pattern) and all(k in ("?", t) for k, t in zip(pattern, target, strict=True)):
            return True
    return False


def _address_matches(claimant: Claimant, person: Person) -> bool:
    from endingnote.koseki.names import place_key

    if claimant.address is None or person.register is None:
        return False
    mine = place_key(claimant.address)
    return any(
        addr is not None and place_key(addr) == mine
        for addr in (person.register.address, person.register.last_address)
    )


def check_claim(
    graph: FamilyGraph,
    decedent_id: str,
    claimant: Claimant | BasicFourData,
    options: Options | None = None,
) -> ClaimResult:
    """Whether ``claimant`` is an heir of ``decedent_id``: ``heir`` (with the share), ``not_heir``
    (with the reason) or ``ambiguous`` (several persons match)."""
    if not isinstance(claimant, Claimant):
        converted = claimant_from_basic4(claimant)
        if converted is None:
            return ClaimResult(
                "not_heir",
                None,
                None,
                None,
                "bad_claimant",
                "証明書の生年月日を読み取れません",
                "the certificate's birth date is malformed",
            )
        claimant = converted
    result = compute(graph, decedent_id, options)
    candidates = [
        p
        for p in graph.persons
        if p.id != decedent_id
        and p.birth_date == claimant.birth_date
        and _name_matches(claimant, p)
        and (claimant.sex is None or p.sex in (None, "unknown") or p.sex == claimant.sex)
    ]
    if len(candidates) > 1 and claimant.address:
        narrowed = [p for p in candidates if _address_matches(claimant, p)]
        candidates = narrowed or candidates
    ids = tuple(sorted(p.id for p in candidates))
    if not candidates:
        return ClaimResult(
            "not_heir",
            None,
            None,
            None,
            "no_match",
            "氏名と生年月日が一致する人物が戸籍 (家族関係グラフ) にいません",
            "no person in the registers (family graph) has this name and date of birth",
            result=result,
        )
    if len(candidates) > 1:
        return ClaimResult(
            "ambiguous",
            None,
            None,
            None,
            "several_matches",
            f"氏名と生年月日が一致する人物が複数います ({', '.join(ids)})",
            f"several persons match the name and date of birth ({', '.join(ids)})",
            ids,
            result,
        )
    person = candidates[0]
    if result.status == "indeterminate":
        return ClaimResult(
            "ambiguous",
            person.id,
            None,
            None,
            "indeterminate",
            "相続人を確定できません: "
            + "; ".join(f.message_ja for f in result.findings if f.severity == "error"),
            "the heirs cannot be determined: "
            + "; ".join(f.message_en for f in result.findings if f.severity == "error"),
            ids,
            result,
        )
    heir = result.heir(person.id)
    if heir is not None:
        return ClaimResult(
            "heir",
            person.id,
            heir.share,
            heir.capacity,
            heir.capacity,
            heir.explanation_ja,
            heir.explanation_en,
            ids,
            result,
        )
    non = result.non_heir(person.id)
    return ClaimResult(
        "not_heir",
        person.id,
        None,
        None,
        non.reason if non else "not_kin",
        non.explanation_ja if non else "",
        non.explanation_en if non else "",
        ids,
        result,
    )
