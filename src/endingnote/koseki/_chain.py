"""Register chains: does a person's set of registers cover their life without a hole?

Each register a person appears in gives a **stay** ``[start, end]`` with the links by which they
came (従前戸籍 / 従前本籍 / the 改製原戸籍 of a reformatted register) and left (新本籍 / 入籍戸籍 /
the register after a 改製 or 転籍). The union of stays must cover birth to death (or to the
present for the living) and every link must resolve to a supplied register. Holes before the 13th
birthday are warnings (practice: children are impossible before then), later holes errors.
Every hole names the register to request next: 本籍, 筆頭者, the kind and the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._model import (
    CertificateKind,
    Entry,
    EntryType,
    Member,
    Register,
    RegisterEventType,
    RegisterRef,
)
from endingnote.koseki._persons import Person, Persons, index_persons
from endingnote.koseki.names import name_key, place_key

_RETENTION_RISK_END = dt.date(1930, 6, 1)  # closed before this: 80-year retention may have expired

_LINK_LABELS = {
    "previous": ("従前戸籍", "previous register (従前戸籍)"),
    "next": ("新本籍・入籍戸籍", "next register (新本籍/入籍戸籍)"),
    "pre_reformat": ("改製原戸籍", "pre-reformat register (改製原戸籍)"),
    "post_reformat": ("改製後の戸籍", "register after the reformat"),
    "transfer_from": ("転籍前の戸籍（従前本籍）", "register before the transfer (従前本籍)"),
    "transfer_to": ("転籍後の戸籍（新本籍）", "register after the transfer (新本籍)"),
}
_INBOUND = (
    EntryType.MARRIAGE, EntryType.ENTRY, EntryType.ADOPTION, EntryType.SPECIAL_ADOPTION, EntryType.BRANCH,
    EntryType.DIVORCE, EntryType.ADOPTION_DISSOLUTION, EntryType.TRANSFER, EntryType.NATIONALITY_ACQUISITION,
    EntryType.NATURALISATION, EntryType.ACKNOWLEDGMENT, EntryType.SURNAME_CHANGE,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Link:
    """A pointer from one register to the one before or after it for this person."""

    ref: RegisterRef
    kind: str  # key of _LINK_LABELS
    date: dt.date | None

    def request_kind(self) -> str:
        return "改製原戸籍" if self.kind == "pre_reformat" else "戸籍（除籍）"


@dataclass(frozen=True, slots=True)
class Stay:
    """One register's contribution to a person's chain."""

    register: Register
    member: Member
    start: dt.date | None
    end: dt.date | None  # None: still in it (the register was current when certified)
    end_reason: str  # death | left | reformat | transfer | closed | open
    inbound: Link | None
    outbound: Link | None


@dataclass(frozen=True, slots=True)
class RegisterRequest:
    """A register to request from a municipality: 本籍, 筆頭者, kind and the period it must cover."""

    honseki: str | None
    head: str | None
    kind: str
    start: dt.date
    end: dt.date | None
    hint: str = ""

    def describe(self, lang: str = "ja") -> str:
        period = f"{self.start.isoformat()}〜{self.end.isoformat() if self.end else ''}"
        if self.honseki is None:
            return f"{self.hint}（{period}）" if lang == "ja" else f"{self.hint} ({period})"
        head = f" 筆頭者 {self.head}" if self.head else " 筆頭者（本人または配偶者）"
        if lang == "ja":
            return f"{self.kind} 本籍 {self.honseki}{head}（{period}）"
        head_en = f", head {self.head}" if self.head else ", head: the person or their spouse"
        return f"{self.kind} at {self.honseki}{head_en} ({period})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "honseki": self.honseki,
            "head": self.head,
            "kind": self.kind,
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat() if self.end else None},
            "hint": self.hint or None,
        }


@dataclass(frozen=True, slots=True)
class Gap:
    person: str
    start: dt.date
    end: dt.date | None
    before_age_13: bool
    request: RegisterRequest

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "before_age_13": self.before_age_13,
            "request": self.request.to_dict(),
        }


@dataclass
class PersonChain:
    person: Person
    why: str  # "requested" | "predeceased child" | "parent (siblings may inherit)"
    stays: list[Stay] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not any(i.severity.value == "error" for i in self.issues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person.id,
            "name": self.person.name.display,
            "birth_date": self.person.birth_date.isoformat() if self.person.birth_date else None,
            "death_date": self.person.death_date.isoformat() if self.person.death_date else None,
            "why": self.why,
            "complete": self.complete,
            "stays": [
                {
                    "register": s.register.label(),
                    "file": s.register.source,
                    "start": s.start.isoformat() if s.start else None,
                    "end": s.end.isoformat() if s.end else None,
                    "end_reason": s.end_reason,
                }
                for s in self.stays
            ],
            "gaps": [g.to_dict() for g in self.gaps],
            "issues": [i.to_dict() for i in self.issues],
        }


@dataclass
class ChainReport:
    """The result of :func:`check_chains`: one :class:`PersonChain` per person checked."""

    chains: list[PersonChain]
    issues: list[Issue]  # issues not tied to one chain (person not found …)
    current: list[RegisterRequest] = field(default_factory=list)  # heirs' current registers still needed

    @property
    def complete(self) -> bool:
        return not any(i.severity.value == "error" for i in self.all_issues())

    def all_issues(self) -> list[Issue]:
        return [*self.issues, *(i for c in self.chains for i in c.issues)]

    @property
    def requests(self) -> list[RegisterRequest]:
        """Registers to request, one per register: the periods different persons need from the
        same register (本籍, 筆頭者, kind) are merged into one."""
        merged: dict[tuple[str | None, str | None, str, str], RegisterRequest] = {}
        for r in [g.request for c in self.chains for g in c.gaps] + self.current:
            key = (
                place_key(r.honseki) if r.honseki else None,
                name_key(r.head) if r.head else None,
                r.kind,
                r.hint,
            )
            if key in merged:
                known = merged[key]
                end = None if known.end is None or r.end is None else max(known.end, r.end)
                merged[key] = replace(known, start=min(known.start, r.start), end=end)
            else:
                merged[key] = r
        return list(merged.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "chains": [c.to_dict() for c in self.chains],
            "requests": [r.to_dict() for r in self.requests],
            "issues": [i.to_dict() for i in self.issues],
        }


# --- stays -------------------------------------------------------------------------------------


def _creation(register: Register) -> tuple[str, dt.date | None, Link | None] | None:
    for e in register.events:
        if e.type is RegisterEventType.REFORMATTED and register.kind is not CertificateKind.PRE_REFORMAT:
            return "reformat", e.date, Link(register.ref, "pre_reformat", e.date)
        if e.type is RegisterEventType.TRANSFERRED and e.previous_honseki:
            return (
                "transfer",
                e.date,
                Link(RegisterRef(e.previous_honseki, register.head), "transfer_from", e.date),
            )
    for e in register.events:
        if e.type is RegisterEventType.CREATED:
            return "created", e.date, None
    return None


def _closing(register: Register) -> tuple[str, dt.date | None, Link | None] | None:
    for e in register.events:
        if e.type is RegisterEventType.REFORMATTED and register.kind is CertificateKind.PRE_REFORMAT:
            return "reformat", e.date, Link(register.ref, "post_reformat", e.date)
        if e.type is RegisterEventType.TRANSFERRED and e.new_honseki:
            return "transfer", e.date, Link(RegisterRef(e.new_honseki, register.head), "transfer_to", e.date)
        if e.type is RegisterEventType.CLOSED:
            return "closed", e.date, None
    return None


def _previous(entry: Entry) -> Link | None:
    ref = entry.previous_register
    return Link(ref, "previous", entry.effective_date) if ref is not None else None


def stay_of(register: Register, member: Member) -> Stay:
    """The period ``member`` spent in ``register`` and the links in and out."""
    inbound_entries = [
        e for e in member.entries if e.type in _INBOUND and e.previous_register and e.effective_date
    ]
    creation = _creation(register)
    birth = member.birth_date
    start: dt.date | None = None
    inbound: Link | None = None
    created_on = creation[1] if creation else None
    if created_on is not None and creation is not None:
        later = [e for e in inbound_entries if e.effective_date and e.effective_date >= created_on]
        if later:
            entry = max(later, key=lambda e: e.effective_date or dt.date.min)
            start, inbound = entry.effective_date, _previous(entry)
        elif creation[0] in ("reformat", "transfer") and (birth is None or birth < created_on):
            start, inbound = created_on, creation[2]
        elif birth is not None and birth >= created_on:
            start = birth
        else:
            start = created_on
            earlier = [e for e in inbound_entries if e.effective_date and e.effective_date <= created_on]
            if earlier:
                entry = max(earlier, key=lambda e: e.effective_date or dt.date.min)
                inbound = _previous(entry)
    elif inbound_entries:
        entry = max(inbound_entries, key=lambda e: e.effective_date or dt.date.min)
        start, inbound = entry.effective_date, _previous(entry)
    elif member.entries_of(EntryType.BIRTH) or birth is not None:
        start = birth

    ends: list[tuple[dt.date, str, Link | None]] = []
    death = member.death
    if death and death.effective_date:
        ends.append((death.effective_date, "death", None))
    for e in member.entries:
        d = e.effective_date
        if e.next_register and d and (start is None or d >= start):
            ends.append((d, "left", Link(e.next_register, "next", d)))
    closing = _closing(register)
    if closing and closing[1]:
        ends.append((closing[1], closing[0], closing[2]))
    end: dt.date | None
    if ends:
        end, reason, outbound = min(ends, key=lambda t: (t[0], t[1] != "death"))
    elif member.removed:
        removal_dates = [e.effective_date for e in member.entries if e.effective_date]
        end, reason, outbound = max(removal_dates, default=start), "left", None
    else:
        end, reason, outbound = None, "open", None
    return Stay(register, member, start, end, reason, inbound, outbound)


# --- resolving links ---------------------------------------------------------------------------


class _Registers:
    def __init__(self, registers: list[Register]) -> None:
        self.registers = registers

    def reformatted_after(self, ref: RegisterRef, when: dt.date) -> bool:
        """Whether a supplied register at ``ref`` was created by 改製 after ``when``."""
        for r in self.registers:
            if r.key[0] != ref.key or (ref.head is not None and r.head.key != ref.head.key):
                continue
            created = _creation(r)
            if created and created[0] == "reformat" and created[1] and created[1] > when:
                return True
        return False

    def resolve(self, link: Link, person: Person) -> list[Register]:
        mine = {id(r) for r, _ in person.records}
        hits = [
            r
            for r in self.registers
            if r.key[0] == link.ref.key and (link.ref.head is None or r.head.key == link.ref.head.key)
        ]
        if link.kind == "pre_reformat":
            hits = [r for r in hits if r.kind is CertificateKind.PRE_REFORMAT]
        elif link.kind == "post_reformat":
            hits = [r for r in hits if r.kind is not CertificateKind.PRE_REFORMAT]
        return [r for r in hits if id(r) in mine]


# --- checking ----------------------------------------------------------------------------------


def _age13(birth: dt.date) -> dt.date:
    try:
        return birth.replace(year=birth.year + 13)
    except ValueError:  # 29 February
        return birth.replace(year=birth.year + 13, day=28)


def _request_for(
    person: Person,
    before: Stay | None,
    after: Stay | None,
    start: dt.date,
    end: dt.date | None,
    regs: _Registers | None = None,
) -> RegisterRequest:
    links = [
        link for link in ((after.inbound if after else None), (before.outbound if before else None)) if link
    ]
    links.sort(key=lambda link: link.ref.head is None)  # a link naming the head is more precise
    if links:
        link = links[0]
        head = link.ref.head.text if link.ref.head else None
        kind = link.request_kind()
        if regs is not None and link.date is not None and regs.reformatted_after(link.ref, link.date):
            kind = "改製原戸籍"  # the supplied register with that key was made later by 改製
        return RegisterRequest(link.ref.honseki, head, kind, start, end)
    if before is None:
        register = after.register if after else person.latest[0]
        member = after.member if after else person.latest[1]
        parents = "・".join(n.text for n in (member.father, member.mother) if n is not None)
        hint = f"出生当時の父母（{parents}）の戸籍" if parents else "出生当時の戸籍"
        if after is not None and after.start and register.event(RegisterEventType.CREATED):
            hint += f"（{register.label()} の編製前）"
        return RegisterRequest(None, None, "戸籍（除籍）", start, end, hint)
    return RegisterRequest(
        None, None, "戸籍（除籍）", start, end, f"{before.register.label()} の除籍後の戸籍"
    )


def _chain(
    person: Person, why: str, regs: _Registers, as_of: dt.date | None, from_birth: bool = False
) -> PersonChain:
    chain = PersonChain(person, why)
    name = person.name.display
    if person.is_reference:
        return chain
    birth = person.birth_date
    if birth is None:
        chain.issues.append(_codes.issue("koseki.chain.no_birth", f"person:{person.id}", name=name))
        return chain
    for register, member in person.records:
        stay = stay_of(register, member)
        if stay.start is None:
            continue  # only when the birth date is unknown, reported above
        if stay.inbound is None and stay.start > birth:
            chain.issues.append(
                _codes.issue(
                    "koseki.chain.entry_unknown",
                    f"person:{person.id}",
                    file=register.source,
                    name=name,
                    register=register.label(),
                )
            )
        chain.stays.append(stay)
    chain.stays.sort(key=lambda s: (s.start or dt.date.min, s.end or dt.date.max))

    # links
    for stay in chain.stays:
        for link in (stay.inbound, stay.outbound):
            if link is None or regs.resolve(link, person):
                continue
            if (
                link.kind in ("next", "transfer_to", "post_reformat")
                and person.death_date
                and (link.date is None or link.date >= person.death_date)
            ):
                continue
            label, label_en = _LINK_LABELS[link.kind]
            chain.issues.append(
                _codes.issue(
                    "koseki.chain.link_unresolved",
                    f"person:{person.id}",
                    file=stay.register.source,
                    name=name,
                    link=label,
                    link_en=label_en,
                    target=link.ref.describe(),
                    date=link.date.isoformat() if link.date else "?",
                )
            )

    # coverage
    death = person.death_date
    thirteen = birth if from_birth else _age13(birth)
    cursor = birth
    previous: Stay | None = None
    open_ended = False
    for stay in chain.stays:
        if stay.start is None or (death is not None and stay.start > death):
            continue
        if stay.start > cursor:  # register events change registers on the same day
            _gap(chain, regs, previous, stay, cursor, stay.start, thirteen)
        if stay.end is None:
            open_ended = True
            previous = stay
            break
        if stay.end >= cursor:
            cursor, previous = stay.end, stay
    if not open_ended:
        if death is not None:
            if cursor < death:
                _gap(chain, regs, previous, None, cursor, death, thirteen)
        elif previous is not None:
            request = _request_for(person, previous, None, cursor, as_of, regs)
            chain.gaps.append(Gap(person.id, cursor, as_of, False, request))
            chain.issues.append(
                _codes.issue(
                    "koseki.chain.not_current",
                    f"person:{person.id}",
                    name=name,
                    register=previous.register.label(),
                    date=cursor.isoformat(),
                    request=request.describe("ja"),
                    request_en=request.describe("en"),
                )
            )
        else:
            _gap(chain, regs, None, None, cursor, as_of, thirteen)
    return chain


def _gap(
    chain: PersonChain,
    regs: _Registers,
    before: Stay | None,
    after: Stay | None,
    start: dt.date,
    end: dt.date | None,
    thirteen: dt.date,
) -> None:
    person = chain.person
    request = _request_for(person, before, after, start, end, regs)
    early = end is not None and end <= thirteen
    chain.gaps.append(Gap(person.id, start, end, early, request))
    chain.issues.append(
        _codes.issue(
            "koseki.chain.gap_before_13" if early else "koseki.chain.gap",
            f"person:{person.id}",
            name=person.name.display,
            start=start.isoformat(),
            end=end.isoformat() if end else "現在",
            request=request.describe("ja"),
            request_en=request.describe("en"),
        )
    )
    if end is not None and end < _RETENTION_RISK_END:
        chain.issues.append(
            _codes.issue(
                "koseki.chain.possibly_destroyed", f"person:{person.id}", end=_RETENTION_RISK_END.isoformat()
            )
        )


def _survives(persons: Persons, person: Person, at: dt.date) -> bool:
    """Whether ``person`` or a descendant line through them survives ``at`` (as far as registers show)."""
    death = person.death_date
    if death is None or death > at:
        return True
    return any(_survives(persons, c, at) for c in persons.children_of(person.id))


def dependents(persons: Persons, person: Person) -> list[tuple[Person, str]]:
    """Persons whose chains the heirs of ``person`` depend on (domain note §2):
    predeceased children (recursively, for representation) and, when no descendant line
    survives and no parent is known to be alive, both parents (to find every sibling)."""
    death = person.death_date
    if death is None:
        return []
    out: list[tuple[Person, str]] = []
    stack = [person]
    while stack:
        current = stack.pop()
        for child in sorted(persons.children_of(current.id), key=lambda p: p.id):
            child_death = child.death_date
            if child_death is not None and child_death <= death:
                out.append((child, "predeceased child"))
                stack.append(child)
    children = persons.children_of(person.id)
    if any(_survives(persons, c, death) for c in children):
        return out
    parents = [persons.persons[p] for p in (person.father, person.mother) if p]
    if any(not p.is_reference and (p.death_date is None or p.death_date > death) for p in parents):
        return out
    out.extend((p, "parent (siblings may inherit)") for p in parents)
    return out


def heir_candidates(persons: Persons, decedent: Person) -> list[tuple[Person, str]]:
    """Who may be an heir as far as the registers show (for requesting current registers, not a
    determination — that is :mod:`endingnote.heirs`): the spouse at death, the nearest living
    descendants of each line, else the living parents."""
    death = decedent.death_date
    if death is None:
        return []
    out: list[tuple[Person, str]] = []
    register, member = decedent.latest
    married_on = {e.date for e in member.entries_of(EntryType.MARRIAGE) if e.date}
    divorced = any(e.date and e.date <= death for e in member.entries_of(EntryType.DIVORCE))
    other_role = {"夫": "妻", "妻": "夫"}.get(member.spouse_role or "")
    if not divorced and other_role:
        for index, other in enumerate(register.members):
            if (
                other.spouse_role == other_role
                and {e.date for e in other.entries_of(EntryType.MARRIAGE)} & married_on
            ):
                spouse = persons.of(register, index)
                if spouse.death_date is None or spouse.death_date > death:
                    out.append((spouse, "spouse"))
    stack, seen = [decedent], {decedent.id}
    descendants: list[tuple[Person, str]] = []
    while stack:
        current = stack.pop()
        for child in sorted(persons.children_of(current.id), key=lambda p: p.id):
            if child.id in seen or child.is_reference:
                continue
            seen.add(child.id)
            if child.death_date is not None and child.death_date <= death:
                stack.append(child)
            else:
                descendants.append((child, "descendant"))
    out.extend(descendants)
    if not descendants:
        for pid in (decedent.father, decedent.mother):
            parent = persons.persons.get(pid or "")
            if (
                parent is not None
                and not parent.is_reference
                and (parent.death_date is None or parent.death_date > death)
            ):
                out.append((parent, "parent"))
    return out


def _current_register(person: Person, death: dt.date, why: str) -> tuple[list[Issue], RegisterRequest | None]:
    """An heir's register must show them alive at (after) the decedent's death: their last register,
    still current, certified on or after the death."""
    stays = [stay_of(r, m) for r, m in person.records]
    stay = max(
        stays, key=lambda x: (x.start or dt.date.min, x.end is None, x.end or dt.date.min, x.register.honseki)
    )
    register = stay.register
    own_death = person.death_date
    left = stay.end is not None and stay.end_reason != "death" and (own_death is None or stay.end < own_death)
    if left and stay.end is not None:
        link = stay.outbound
        request = RegisterRequest(
            link.ref.honseki if link else None,
            link.ref.head.text if link and link.ref.head else None,
            "戸籍（現在のもの）",
            stay.end,
            None,
            "" if link else f"{register.label()} から移った先の戸籍",
        )
    elif (
        register.issued_on is not None
        and register.issued_on < death
        and (own_death is None or own_death > death)
    ):
        request = RegisterRequest(
            register.honseki, register.head.text, "戸籍（死亡後に発行されたもの）", death, None
        )
    else:
        return [], None
    issue = _codes.issue(
        "koseki.chain.heir_register",
        f"person:{person.id}",
        name=person.name.display,
        why=_HEIR_WHY[why][0],
        why_en=_HEIR_WHY[why][1],
        request=request.describe("ja"),
        request_en=request.describe("en"),
    )
    return [issue], request


_HEIR_WHY = {
    "spouse": ("配偶者", "spouse"),
    "descendant": ("子・代襲者", "child or representative"),
    "parent": ("父母", "parent"),
}


_WHY_JA = {
    "predeceased child": "被相続人より先に死亡した子（代襲相続）",
    "parent (siblings may inherit)": "兄弟姉妹が相続しうるため父母",
}


def check_chains(
    registers: list[Register],
    person: str,
    *,
    include_dependents: bool = True,
    as_of: dt.date | None = None,
    from_birth: bool = False,
) -> ChainReport:
    """Check the register chain of ``person`` (an id from :func:`index_persons`, a name, or
    ``name@YYYY-MM-DD``) and, with ``include_dependents``, of every person their heirs depend on.

    Holes before the 13th birthday are warnings (practice: a child is impossible before then);
    with ``from_birth`` every hole from birth on is an error."""
    persons = index_persons(registers)
    hits = persons.find(person)
    if not hits:
        return ChainReport([], [_codes.issue("koseki.chain.person_not_found", "", person=person)])
    if len(hits) > 1:
        listing = ", ".join(f"{p.id} {p.display()}" for p in hits)
        return ChainReport(
            [], [_codes.issue("koseki.chain.person_ambiguous", "", person=person, candidates=listing)]
        )
    regs = _Registers(registers)
    target = hits[0]
    chains = [_chain(target, "requested", regs, as_of, from_birth)]
    issues: list[Issue] = []
    if include_dependents:
        for other, why in dependents(persons, target):
            if other.is_reference:
                role = "father" if target.father == other.id else "mother"
                issues.append(
                    _codes.issue(
                        "koseki.chain.parent_missing",
                        f"person:{target.id}",
                        name=target.name.display,
                        parent="父" if role == "father" else "母",
                        parent_en=role,
                        parent_name=other.name.text,
                    )
                )
                continue
            issues.append(
                _codes.issue(
                    "koseki.chain.dependent",
                    f"person:{other.id}",
                    name=other.name.display,
                    why=_WHY_JA[why],
                    why_en=why,
                )
            )
            chains.append(_chain(other, why, regs, as_of, from_birth))
    death = target.death_date
    current: list[RegisterRequest] = []
    if include_dependents and death is not None:
        for heir, why in heir_candidates(persons, target):
            found, request = _current_register(heir, death, why)
            issues.extend(found)
            if request is not None:
                current.append(request)
    return ChainReport(chains, issues, current)
