"""Whose registers the heirs of a decedent depend on, and which heirs must show they are alive.

The Civil Code decides who may inherit; the registers must let a registrar see every such person
(domain note §2; the 法定相続情報 practice, 不動産登記規則247条3項):

- **children and their lines** (民法887条): a child who died before the decedent — or at the same
  time: "相続の開始以前" (887条2項), so simultaneous death (32条の2) counts — is represented by their
  children, and a grandchild who died first by theirs (887条3項, without limit). Each such
  predeceased descendant needs registers from birth to death, to find every child they had. A child
  disinherited for this decedent (廃除, 892条, recorded by 戸籍法97条) is represented too (887条2項).
- **ascendants** (889条1項1号): only when no descendant line survives; the nearest degree first.
- **siblings** (889条1項2号): only when no descendant and no ascendant survives. Then both parents
  need registers from birth to death (every sibling, half-siblings included, 900条4号), the
  grandparents must be shown dead (an ascendant alive would inherit first), and a sibling who died
  before the decedent needs registers from birth to death, because their children — nephews and
  nieces — represent them (889条2項, applying 887条2項). Only one generation: 889条2項 does not
  apply 887条3項, so a predeceased nephew's children are not looked for.
- **every heir who is alive** (the spouse, 890条, and the nearest living person of each line) needs
  a current register certified after the death, showing them alive then (247条3項4号).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.calendar import wareki_label
from endingnote.koseki._model import EntryType, Register
from endingnote.koseki._persons import Person, Persons
from endingnote.koseki._stays import stay_of

if TYPE_CHECKING:
    from endingnote.koseki._chain import ChainReport, RegisterRequest


def _died_by(person: Person, at: dt.date) -> bool:
    """Died before or at the same time as the opening of succession (887条2項 "以前")."""
    death = person.death_date
    return death is not None and death <= at


def _alive_at(person: Person, at: dt.date) -> bool:
    """Alive at ``at`` as far as the registers show (a person known only by name: not known)."""
    return not person.is_reference and not _died_by(person, at)


def _disinherited(persons: Persons, person: Person, decedent: Person) -> bool:
    """A 推定相続人廃除 recorded against this decedent (民法892条, 戸籍法97条)."""
    return any(
        entry.counterpart is not None and entry.counterpart.key in decedent.name_keys()
        for _, entry in person.entries(EntryType.DISINHERITANCE)
    )


def _children(persons: Persons, person: Person) -> list[Person]:
    return sorted((c for c in persons.children_of(person.id) if not c.is_reference), key=lambda p: p.id)


def _parents(persons: Persons, person: Person) -> list[Person]:
    ids = {link.parent for link in person.parent_links}
    return sorted((persons.persons[i] for i in ids if i in persons.persons), key=lambda p: p.id)


def _birth_parents(persons: Persons, person: Person) -> list[Person]:
    return [persons.persons[p] for p in (person.father, person.mother) if p and p in persons.persons]


def siblings(persons: Persons, person: Person) -> list[Person]:
    """Everyone who shares a parent (birth or adoptive) with ``person``: full and half siblings.
    A parent known only by the name in a 父/母 column says nothing about who else is their child."""
    found: dict[str, Person] = {}
    for parent in _parents(persons, person):
        if parent.is_reference:
            continue
        for child in _children(persons, parent):
            if child.id != person.id:
                found[child.id] = child
    return [found[k] for k in sorted(found)]


def _ascendants_dead(persons: Persons, decedent: Person, at: dt.date) -> bool:
    """No parent is alive (known parents all died by ``at``); unknown parents do not count as alive."""
    parents = _parents(persons, decedent)
    return not any(_alive_at(p, at) for p in parents)


def _descendant_lines(persons: Persons, decedent: Person, death: dt.date) -> list[tuple[Person, str]]:
    """Walk every line of descendants (887条): each child reached, with ``predeceased`` or
    ``disinherited`` (represented: walked into) or ``heir`` (the nearest living of the line)."""
    out: list[tuple[Person, str]] = []
    stack, seen = [decedent], {decedent.id}
    while stack:
        current = stack.pop()
        for child in _children(persons, current):
            if child.id in seen:
                continue
            seen.add(child.id)
            if _died_by(child, death):
                out.append((child, "predeceased"))
                stack.append(child)
            elif current is decedent and _disinherited(persons, child, decedent):
                out.append((child, "disinherited"))
                stack.append(child)
            else:
                out.append((child, "heir"))
    return out


def dependents(persons: Persons, person: Person) -> list[tuple[Person, str]]:
    """Persons whose chains the heirs of ``person`` depend on (module docstring): predeceased
    children and grandchildren, disinherited children, and — when siblings may inherit — both
    parents and every predeceased sibling. Deterministic: sorted by id at each step."""
    death = person.death_date
    if death is None:
        return []
    lines = _descendant_lines(persons, person, death)
    whys = {"predeceased": "predeceased child", "disinherited": "disinherited child"}
    out = [(p, whys[status]) for p, status in lines if status in whys]
    if any(status == "heir" for _, status in lines):
        return out
    if any(_alive_at(p, death) for p in _parents(persons, person)):
        return out  # a parent inherits before siblings (889条1項1号)
    out.extend((p, "parent (siblings may inherit)") for p in _birth_parents(persons, person))
    seen = {p.id for p, _ in lines}
    out.extend(
        (s, "predeceased sibling")
        for s in siblings(persons, person)
        if _died_by(s, death) and s.id not in seen
    )
    return out


def heir_candidates(persons: Persons, decedent: Person) -> list[tuple[Person, str]]:
    """Who may be an heir as far as the registers show (for requesting current registers, not a
    determination — that is :mod:`endingnote.heirs`): the spouse at death, the nearest living
    descendants of each line, else the living parents (or grandparents), else the living siblings
    and the living children of predeceased siblings."""
    death = decedent.death_date
    if death is None:
        return []
    out: list[tuple[Person, str]] = []
    spouse = _spouse_at_death(persons, decedent, death)
    if spouse is not None:
        out.append((spouse, "spouse"))
    descendants = sorted(
        ((p, "descendant") for p, status in _descendant_lines(persons, decedent, death) if status == "heir"),
        key=lambda t: t[0].id,
    )
    out.extend(descendants)
    if descendants:
        return out
    parents = [p for p in _parents(persons, decedent) if _alive_at(p, death)]
    if parents:
        return out + [(p, "parent") for p in parents]
    grandparents = {g.id: g for p in _parents(persons, decedent) for g in _parents(persons, p)}
    living = [grandparents[k] for k in sorted(grandparents) if _alive_at(grandparents[k], death)]
    if living:
        return out + [(g, "grandparent") for g in living]
    for sibling in siblings(persons, decedent):
        if not _died_by(sibling, death):
            out.append((sibling, "sibling"))
            continue
        for nephew in _children(persons, sibling):
            if not _died_by(nephew, death):
                out.append((nephew, "nephew or niece"))
    return out


def _spouse_at_death(persons: Persons, decedent: Person, death: dt.date) -> Person | None:
    register, member = decedent.latest
    married_on = {e.date for e in member.entries_of(EntryType.MARRIAGE) if e.date}
    divorced = any(e.date and e.date <= death for e in member.entries_of(EntryType.DIVORCE))
    other_role = {"夫": "妻", "妻": "夫"}.get(member.spouse_role or "")
    if divorced or not other_role:
        return None
    for index, other in enumerate(register.members):
        if (
            other.spouse_role == other_role
            and {e.date for e in other.entries_of(EntryType.MARRIAGE)} & married_on
        ):
            spouse = persons.of(register, index)
            if not _died_by(spouse, death):
                return spouse
    return None


_HEIR_WHY = {
    "spouse": ("配偶者", "spouse"),
    "descendant": ("子・代襲者", "child or representative"),
    "parent": ("父母", "parent"),
    "grandparent": ("祖父母", "grandparent"),
    "sibling": ("兄弟姉妹", "sibling"),
    "nephew or niece": ("甥・姪（代襲者）", "nephew or niece (representative)"),
}


def _current_register(person: Person, death: dt.date, why: str) -> tuple[list[Issue], RegisterRequest | None]:
    """An heir's register must show them alive at (after) the decedent's death: their last register,
    still current (or recording their own later death), certified on or after the death."""
    from endingnote.koseki._chain import RegisterRequest

    stays = [stay_of(r, m) for r, m in person.records]
    stay = max(
        stays,
        key=lambda x: (
            x.start or dt.date.min,
            x.end is None,
            x.end or dt.date.min,
            x.register.issued_on or dt.date.min,
            x.register.key,
        ),
    )
    register = stay.register
    own_death = person.death_date
    left = stay.end is not None and stay.end_reason != "death" and (own_death is None or stay.end < own_death)
    why_ja, why_en = _HEIR_WHY[why]
    if left and stay.end is not None:
        link = stay.outbound
        request = RegisterRequest(
            link.ref.honseki if link else None,
            link.ref.head.text if link and link.ref.head else None,
            "戸籍（現在のもの）",
            stay.end,
            None,
            "" if link else f"{register.label()} から移った先の戸籍",
            head_title=link.head_title if link else "筆頭者",
        )
    elif register.issued_on is None and (own_death is None or own_death > death):
        issue = _codes.issue(
            "koseki.chain.heir_register_undated",
            f"person:{person.id}",
            file=register.source,
            name=person.name.display,
            register=register.label(),
        )
        return [issue], None
    elif (
        register.issued_on is not None
        and register.issued_on < death
        and (own_death is None or own_death > death)
    ):
        request = RegisterRequest(
            register.honseki,
            register.head.text,
            "戸籍（死亡後に発行されたもの）",
            death,
            None,
            head_title=register.head_title,
        )
    else:
        return [], None
    issue = _codes.issue(
        "koseki.chain.heir_register",
        f"person:{person.id}",
        name=person.name.display,
        why=why_ja,
        why_en=why_en,
        request=request.describe("ja"),
        request_en=request.describe("en"),
    )
    return [issue], request


_PARENT_WORD = {"祖父": "父", "祖母": "母", "祖父母": "親"}


def _ascendant_deaths(report: ChainReport, persons: Persons, decedent: Person, death: dt.date) -> None:
    """When siblings may inherit, every grandparent must be shown dead (889条1項: 直系尊属 first)."""
    from endingnote.koseki._chain import RegisterRequest

    for parent in _birth_parents(persons, decedent):
        for grandparent in _parents(persons, parent):
            if _died_by(grandparent, death) or _alive_at(grandparent, death):
                continue  # shown dead, or shown alive (then an heir: see heir_candidates)
            role = (
                "祖父" if grandparent.sex == "male" else "祖母" if grandparent.sex == "female" else "祖父母"
            )
            role_en = {"祖父": "grandfather", "祖母": "grandmother"}.get(role, "grandparent")
            name = grandparent.name.text
            request = RegisterRequest(
                None,
                None,
                "戸籍（除籍）",
                decedent.birth_date or death,
                death,
                f"{parent.name.display}の{_PARENT_WORD[role]} {name} の死亡の記載のある戸籍",
                period_words=(
                    f"{wareki_label(death, seireki=True)}以前の死亡",
                    f"a death on or before {death.isoformat()}",
                ),
            )
            report.other.append(request)
            report.issues.append(
                _codes.issue(
                    "koseki.chain.ascendant_death_unknown",
                    f"person:{grandparent.id}",
                    name=name,
                    role=role,
                    role_en=role_en,
                    decedent=decedent.name.display,
                    request=request.describe("ja"),
                    request_en=request.describe("en"),
                )
            )


def _missing_parent(report: ChainReport, persons: Persons, child: Person, parent: Person) -> None:
    """A parent known only from a 父/母 column: name the register to start from."""
    from endingnote.koseki._chain import RegisterRequest

    role = "father" if child.father == parent.id else "mother"
    start = child.birth_date or dt.date.min
    refs = sorted(
        (
            entry.previous_register
            for _, member in child.records
            for entry in member.entries
            if entry.previous_register is not None
            and entry.previous_register.head is not None
            and entry.previous_register.head.key in parent.name_keys()
        ),
        key=lambda ref: (ref.key, ref.honseki),
    )
    whole_life = (f"{parent.name.text}の出生から死亡まで", f"{parent.name.text}'s whole life")
    if refs:  # the child came from a register the parent heads: start there
        ref = refs[0]
        head = ref.head.text if ref.head else None
        request = RegisterRequest(ref.honseki, head, "戸籍（除籍）", start, None, period_words=whole_life)
    else:
        word = "父" if role == "father" else "母"
        hint = f"{child.name.display} の出生当時の{word}の戸籍から遡る"
        request = RegisterRequest(None, None, "戸籍（除籍）", start, None, hint, period_words=whole_life)
    report.other.append(request)
    report.issues.append(
        _codes.issue(
            "koseki.chain.parent_missing",
            f"person:{child.id}",
            name=child.name.display,
            parent="父" if role == "father" else "母",
            parent_en=role,
            parent_name=parent.name.text,
            request=request.describe("ja"),
            request_en=request.describe("en"),
        )
    )


def heirs_and_lines(
    report: ChainReport, persons: Persons, target: Person, registers: list[Register], as_of: dt.date | None
) -> None:
    """Add to ``report`` the chains the heirs depend on, the ascendants' deaths siblings need, and
    every possible heir's current register."""
    from endingnote.koseki._chain import WHY_LABELS, person_chain

    death = target.death_date
    for other, why in dependents(persons, target):
        if other.is_reference:
            _missing_parent(report, persons, target, other)
            continue
        report.issues.append(
            _codes.issue(
                "koseki.chain.dependent",
                f"person:{other.id}",
                name=other.name.display,
                why=WHY_LABELS[why][0],
                why_en=WHY_LABELS[why][1],
            )
        )
        report.chains.append(person_chain(other, why, registers, as_of, report.from_birth))
    if death is None:
        return
    candidates = heir_candidates(persons, target)
    if not any(why in ("descendant", "parent", "grandparent") for _, why in candidates) and _ascendants_dead(
        persons, target, death
    ):
        _ascendant_deaths(report, persons, target, death)
    for heir, why in candidates:
        found, request = _current_register(heir, death, why)
        report.issues.extend(found)
        if request is not None:
            report.current.append(request)
