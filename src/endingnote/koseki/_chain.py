"""Register chains: does a person's set of registers cover their life without a hole?

The registers a person appears in give **stays** (:mod:`endingnote.koseki._stays`); their union
must cover birth to death (or to the present for the living) and every link must resolve to a
supplied register. By default every hole from birth on is an error: the 法定相続情報 practice asks
for the decedent's registers 出生時から (不動産登記規則247条3項2号), and so do banks and the 相続登記.
With ``from_birth=False`` (the "age 13" shortcut many offices accepted informally, because a child
is impossible before then) holes before the 13th birthday are warnings, and a finding says which
holes were let through. Every hole names the register to request next: 本籍, 筆頭者 or 戸主, the
kind and the period.

Who else's registers are needed (lines of representation, ascendants, heirs' current registers)
is decided in :mod:`endingnote.koseki._lines`; the certificates used are chosen first
(:mod:`endingnote.koseki._supersede`), so the result never depends on file names or order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.calendar import wareki_label
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._model import CertificateKind, Register, RegisterEventType
from endingnote.koseki._persons import Person, index_persons
from endingnote.koseki._stays import (
    Link,
    Stay,
    creation,
    link_resolved,
    names_register,
    stay_of,
)
from endingnote.koseki.names import name_key, place_key

_RETENTION_RISK_END = dt.date(1930, 6, 1)  # closed before this: 80-year retention may have expired


def _period(start: dt.date, end: dt.date | None, lang: str) -> str:
    if lang == "ja":
        return f"{wareki_label(start, seireki=True)}〜{wareki_label(end, seireki=True) if end else '現在'}"
    return f"{start.isoformat()} to {end.isoformat() if end else 'now'}"


@dataclass(frozen=True, slots=True)
class RegisterRequest:
    """A register to request from a municipality: 本籍, 筆頭者 or 戸主, kind and the period it must cover.

    ``head`` is ``None`` when the registers name only the 本籍 (a 新本籍: the person or their spouse
    heads it); ``honseki`` is ``None`` when nothing names the register and ``hint`` says whose it is."""

    honseki: str | None
    head: str | None
    kind: str
    start: dt.date
    end: dt.date | None
    hint: str = ""
    head_title: str = "筆頭者"
    period_words: tuple[str, str] | None = None  # (ja, en), when dates cannot say what is needed

    def describe(self, lang: str = "ja") -> str:
        if self.period_words:
            period = self.period_words[0] if lang == "ja" else self.period_words[1]
        else:
            period = _period(self.start, self.end, lang)
        if self.honseki is None:
            return f"{self.hint}（{period}）" if lang == "ja" else f"{self.hint} ({period})"
        if lang == "ja":
            if self.head:
                head = f" {self.head_title} {self.head}"
            else:
                head = " 戸主（家督相続人）" if self.head_title == "戸主" else " 筆頭者（本人または配偶者）"
            return f"{self.kind} 本籍 {self.honseki}{head}（{period}）"
        title_en = "head" if self.head_title == "筆頭者" else "head of house (戸主)"
        head_en = (
            f", {title_en} {self.head}"
            if self.head
            else f", {title_en}: not named (the person or their spouse)"
        )
        return f"{self.kind} at {self.honseki}{head_en} ({period})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "honseki": self.honseki,
            "head": self.head,
            "head_title": self.head_title,
            "kind": self.kind,
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat() if self.end else None},
            "period_words": self.period_words[0] if self.period_words else None,
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


WHY_LABELS: dict[str, tuple[str, str]] = {
    "requested": ("確認を求められた人", "the person asked about"),
    "predeceased child": (
        "被相続人より先に（同時に）死亡した子・孫（代襲相続、民法887条2項・3項）",
        "a child or grandchild who died before the decedent (representation, Civil Code 887(2),(3))",
    ),
    "disinherited child": (
        "廃除された子（代襲相続、民法887条2項）",
        "a disinherited child (represented, Civil Code 887(2))",
    ),
    "parent (siblings may inherit)": (
        "兄弟姉妹が相続しうるため父母（民法889条1項2号）",
        "a parent: siblings may inherit (Civil Code 889(1)(ii))",
    ),
    "predeceased sibling": (
        "被相続人より先に（同時に）死亡した兄弟姉妹（甥・姪の代襲相続、民法889条2項・887条2項）",
        "a sibling who died before the decedent (nephews and nieces represent, Civil Code 889(2), 887(2))",
    ),
}


@dataclass
class PersonChain:
    person: Person
    why: str  # a key of WHY_LABELS
    stays: list[Stay] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not any(i.severity.value == "error" for i in self.issues)

    def why_label(self, lang: str = "ja") -> str:
        ja, en = WHY_LABELS[self.why]
        return ja if lang == "ja" else en

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person.id,
            "name": self.person.name.display,
            "birth_date": self.person.birth_date.isoformat() if self.person.birth_date else None,
            "death_date": self.person.death_date.isoformat() if self.person.death_date else None,
            "why": self.why,
            "why_ja": self.why_label("ja"),
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
    issues: list[Issue]  # issues not tied to one chain (person not found, identity, heirs …)
    current: list[RegisterRequest] = field(default_factory=list)  # heirs' current registers still needed
    other: list[RegisterRequest] = field(default_factory=list)  # registers of persons not in any register
    from_birth: bool = True

    @property
    def complete(self) -> bool:
        return not any(i.severity.value == "error" for i in self.all_issues())

    def all_issues(self) -> list[Issue]:
        return [*self.issues, *(i for c in self.chains for i in c.issues)]

    @property
    def requests(self) -> list[RegisterRequest]:
        """Registers to request, one per register: the periods different persons need from the
        same register (本籍, 筆頭者 or 戸主, kind) are merged into one."""
        merged: dict[tuple[str | None, str | None, str, str], RegisterRequest] = {}
        for r in [g.request for c in self.chains for g in c.gaps] + self.current + self.other:
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
            "from_birth": self.from_birth,
            "chains": [c.to_dict() for c in self.chains],
            "requests": [r.to_dict() for r in self.requests],
            "issues": [i.to_dict() for i in self.issues],
        }


# --- requests ------------------------------------------------------------------------------------


def _reformatted_after(registers: list[Register], link: Link) -> bool:
    """Whether a supplied register the link names was made by 改製 after the link's date: then the
    register the link meant is that register's 改製原戸籍."""
    if link.date is None:
        return False
    for r in registers:
        if not names_register(link.ref, r):
            continue
        made = creation(r)
        if made and made.kind == "reformat" and made.date and made.date > link.date:
            return True
    return False


def _request_for(
    person: Person,
    before: Stay | None,
    after: Stay | None,
    start: dt.date,
    end: dt.date | None,
    registers: list[Register],
) -> RegisterRequest:
    links = [
        link for link in ((after.inbound if after else None), (before.outbound if before else None)) if link
    ]
    links.sort(key=lambda link: link.ref.head is None)  # a link naming the head is more precise
    if links:
        link = links[0]
        head = link.ref.head.text if link.ref.head else None
        kind = link.request_kind()
        if _reformatted_after(registers, link):
            kind = "改製原戸籍"  # the supplied register with that key was made later by 改製
        return RegisterRequest(link.ref.honseki, head, kind, start, end, head_title=link.head_title)
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


# --- checking ----------------------------------------------------------------------------------


def age13(birth: dt.date) -> dt.date:
    try:
        return birth.replace(year=birth.year + 13)
    except ValueError:  # 29 February
        return birth.replace(year=birth.year + 13, day=28)


def _stay_order(s: Stay) -> tuple[dt.date, dt.date, str, str, str]:
    return (
        s.start or dt.date.min,
        s.end or dt.date.max,
        s.register.key[0],
        s.register.head.key,
        s.register.kind.value,
    )


def person_chain(
    person: Person,
    why: str,
    registers: list[Register],
    as_of: dt.date | None,
    from_birth: bool = True,
) -> PersonChain:
    """Check one person's chain (their stays, links and coverage)."""
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
    chain.stays.sort(key=_stay_order)
    _check_links(chain, person)
    _check_coverage(chain, registers, as_of, from_birth)
    _check_partial(chain)
    return chain


def _check_links(chain: PersonChain, person: Person) -> None:
    for stay in chain.stays:
        for link in (stay.inbound, stay.outbound):
            if link is None or link_resolved(stay, link, chain.stays):
                continue
            if link.outbound and person.death_date and (link.date is None or link.date >= person.death_date):
                continue  # leaving after death: a register closed after the person's death
            label, label_en = link.label()
            chain.issues.append(
                _codes.issue(
                    "koseki.chain.link_unresolved",
                    f"person:{person.id}",
                    file=stay.register.source,
                    name=person.name.display,
                    link=label,
                    link_en=label_en,
                    target=f"{link.ref.honseki} {link.head_title} {link.ref.head.display}"
                    if link.ref.head
                    else link.ref.honseki,
                    date=wareki_label(link.date, seireki=True, unknown="日付不明"),
                    date_en=link.date.isoformat() if link.date else "date unknown",
                )
            )


def _check_coverage(
    chain: PersonChain, registers: list[Register], as_of: dt.date | None, from_birth: bool
) -> None:
    person = chain.person
    birth = person.birth_date
    if birth is None:  # reported as koseki.chain.no_birth
        return
    death = person.death_date
    cursor = birth
    previous: Stay | None = None
    open_ended = False
    for stay in chain.stays:
        if stay.start is None or (death is not None and stay.start > death):
            continue
        if stay.start > cursor:  # register events change registers on the same day
            _gap(chain, registers, previous, stay, cursor, stay.start, from_birth)
        if stay.end is None:
            open_ended = True
            previous = stay
            break
        if stay.end >= cursor:
            cursor, previous = stay.end, stay
    if open_ended:
        return
    if death is not None:
        if cursor < death:
            _gap(chain, registers, previous, None, cursor, death, from_birth)
    elif previous is not None:
        request = _request_for(person, previous, None, cursor, as_of, registers)
        chain.gaps.append(Gap(person.id, cursor, as_of, False, request))
        chain.issues.append(
            _codes.issue(
                "koseki.chain.not_current",
                f"person:{person.id}",
                name=person.name.display,
                register=previous.register.label(),
                date=wareki_label(cursor, seireki=True),
                date_en=cursor.isoformat(),
                request=request.describe("ja"),
                request_en=request.describe("en"),
            )
        )
    else:
        _gap(chain, registers, None, None, cursor, as_of, from_birth)


def _gap(
    chain: PersonChain,
    registers: list[Register],
    before: Stay | None,
    after: Stay | None,
    start: dt.date,
    end: dt.date | None,
    from_birth: bool,
) -> None:
    person = chain.person
    request = _request_for(person, before, after, start, end, registers)
    early = end is not None and person.birth_date is not None and end <= age13(person.birth_date)
    chain.gaps.append(Gap(person.id, start, end, early, request))
    shortcut = early and not from_birth
    chain.issues.append(
        _codes.issue(
            "koseki.chain.gap_before_13" if shortcut else "koseki.chain.gap",
            f"person:{person.id}",
            name=person.name.display,
            start=wareki_label(start, seireki=True),
            end=wareki_label(end, seireki=True) if end else "現在",
            end_en=end.isoformat() if end else "now",
            start_en=start.isoformat(),
            request=request.describe("ja"),
            request_en=request.describe("en"),
        )
    )
    if end is not None and end < _RETENTION_RISK_END:
        chain.issues.append(
            _codes.issue(
                "koseki.chain.possibly_destroyed",
                f"person:{person.id}",
                end=wareki_label(_RETENTION_RISK_END, seireki=True),
                end_en=_RETENTION_RISK_END.isoformat(),
            )
        )


def _check_partial(chain: PersonChain) -> None:
    """A 抄本 / 個人事項証明 shows some members only: it cannot show every child (戸籍法10条 vs 謄本)."""
    for stay in chain.stays:
        cert = stay.register.certification
        if (
            cert is not None
            and cert.scope == "一部"
            and stay.register.kind is not CertificateKind.PRE_REFORMAT
        ):
            chain.issues.append(
                _codes.issue(
                    "koseki.chain.partial_certificate",
                    f"person:{chain.person.id}",
                    file=stay.register.source,
                    name=chain.person.name.display,
                    register=stay.register.label(),
                )
            )


def check_chains(
    registers: list[Register],
    person: str,
    *,
    include_dependents: bool = True,
    as_of: dt.date | None = None,
    from_birth: bool = True,
) -> ChainReport:
    """Check the register chain of ``person`` (an id from :func:`index_persons`, a name, or
    ``name@YYYY-MM-DD``) and, with ``include_dependents``, of every person their heirs depend on,
    and that every possible heir's current register is supplied.

    Every hole from birth on is an error; ``from_birth=False`` is the age-13 shortcut (holes before
    the 13th birthday become warnings and a finding lists them). The result never depends on the
    order of ``registers`` or their file names; of several certificates of one register the one
    covering the longest period is used (the others are reported as superseded)."""
    from endingnote.koseki._lines import heirs_and_lines
    from endingnote.koseki._supersede import select_certificates

    chosen, selection_issues = select_certificates(registers)
    persons = index_persons(chosen)
    base = [*selection_issues, *persons.issues]
    hits = persons.find(person)
    if not hits:
        issue = _codes.issue("koseki.chain.person_not_found", "", person=person)
        return ChainReport([], [*base, issue], from_birth=from_birth)
    if len(hits) > 1:
        listing = ", ".join(f"{p.id} {p.display()}" for p in hits)
        issue = _codes.issue("koseki.chain.person_ambiguous", "", person=person, candidates=listing)
        return ChainReport([], [*base, issue], from_birth=from_birth)
    target = hits[0]
    chains = [person_chain(target, "requested", chosen, as_of, from_birth)]
    report = ChainReport(chains, base, from_birth=from_birth)
    if include_dependents:
        heirs_and_lines(report, persons, target, chosen, as_of)
    if not from_birth:
        _shortcut_notice(report)
    return report


def _shortcut_notice(report: ChainReport) -> None:
    """Say what the age-13 shortcut let through, person by person."""
    for chain in report.chains:
        early = [g for g in chain.gaps if g.before_age_13]
        if not early:
            continue
        spans = "、".join(_period(g.start, g.end, "ja") for g in early)
        spans_en = ", ".join(_period(g.start, g.end, "en") for g in early)
        chain.issues.append(
            _codes.issue(
                "koseki.chain.age13_shortcut",
                f"person:{chain.person.id}",
                name=chain.person.name.display,
                spans=spans,
                spans_en=spans_en,
            )
        )
