"""Who is who across registers: one person appears in several registers (birth, marriage, after
a 転籍 or 改製), under different surnames. A person is identified by date of birth + the
comparable form of the given name + sex, and their records must agree on the parents' names
(never by raw string equality; a 名の変更 is followed through 【従前の名】).

A 父/母 column gives only a name. The person it names is taken to be a person of the folder only
when the registers themselves connect the two — the child's record is in a register the parent is
recorded in, or a 従前戸籍/入籍戸籍/新本籍 link or a register's 転籍/改製 link of one of them names a
register of the other (本籍 and head). A namesake the registers do not connect is never taken for
the parent (finding ``koseki.identity.parent_unconfirmed``), and two connected namesakes are an
ambiguity naming both (``koseki.identity.parent_ambiguous``), never a guess.

A member with an explicit ``person_id`` (hand-assembled JSON) keeps it and is grouped by it.
Otherwise person ids are ASCII (the family-graph id pattern): ``m19500401`` = male born 1950-04-01
(``f`` female, ``u`` unknown); twins born the same day with the same sex get ``.2``, ``.3`` in
the order of their comparable given names. Persons known only from a 父/母 column get ``r-`` +
8 hex digits of their name's hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from endingnote import _codes
from endingnote._issues import Issue
from endingnote.calendar import wareki_label
from endingnote.koseki import _codes as _koseki_codes  # noqa: F401 - registers the codes
from endingnote.koseki._json import fingerprint
from endingnote.koseki._model import Entry, EntryType, Member, Name, Register
from endingnote.koseki.names import name_key, place_key, split_full_name


@dataclass(frozen=True, slots=True)
class ParentLink:
    """One 父/母/養父/養母 column of one register record, resolved to a person id."""

    column: str  # father | mother | adoptive_father | adoptive_mother
    role: str  # father | mother
    parent: str
    register: Register
    member: Member


@dataclass
class Person:
    """One person with every register record that shows them."""

    id: str
    birth_date: dt.date | None
    sex: str | None
    records: list[tuple[Register, Member]] = field(default_factory=list)
    reference_name: Name | None = None  # set for persons known only from a 父/母 column
    father: str | None = None
    mother: str | None = None
    parent_links: list[ParentLink] = field(default_factory=list)
    _name_keys: set[str] | None = field(default=None, repr=False, compare=False)

    @property
    def is_reference(self) -> bool:
        return not self.records

    @property
    def name(self) -> Name:
        if self.records:
            return self.latest[1].name
        return self.reference_name or Name("?")

    @property
    def latest(self) -> tuple[Register, Member]:
        """The record in the register the person is in now (not removed, not 改製原, newest event;
        ties broken by 本籍 and 筆頭者 so the answer never depends on input order)."""

        def rank(item: tuple[Register, Member]) -> tuple[bool, bool, dt.date, str, str]:
            register, member = item
            dates = [e.date for e in register.events if e.date] + [e.date for e in member.entries if e.date]
            newest = max(dates, default=dt.date.min)
            current = register.kind.value != "改製原"
            left = member.removed and member.death is None  # removed by death = still the last register
            return (not left, current, newest, register.honseki, register.head.text)

        return max(self.records, key=rank)

    def name_keys(self) -> set[str]:
        """Every comparable form of the person's name (computed once: records are complete when
        :func:`index_persons` returns)."""
        if self._name_keys is None:
            self._name_keys = self._compute_name_keys()
        return self._name_keys

    def _compute_name_keys(self) -> set[str]:
        keys = {m.name.key for _, m in self.records}
        for _, m in self.records:  # the name before marriage, as the spouse's entry gives it
            for e in m.entries:
                if e.previous_name:
                    keys.add(name_key(e.previous_name))
        if self.reference_name is not None:
            keys.add(self.reference_name.key)
        return keys

    def entries(self, *types: EntryType) -> list[tuple[Register, Entry]]:
        out: list[tuple[Register, Entry]] = []
        seen: set[tuple[EntryType, dt.date | None]] = set()
        for register, member in self.records:
            for e in member.entries:
                if e.type in types and (e.type, e.effective_date) not in seen:
                    seen.add((e.type, e.effective_date))
                    out.append((register, e))
        return out

    @property
    def death(self) -> Entry | None:
        """The death (or 失踪 deemed death) recorded in any register; 高齢者消除 is not a death."""
        found = self.entries(EntryType.DEATH, EntryType.DISAPPEARANCE)
        return found[0][1] if found else None

    @property
    def death_date(self) -> dt.date | None:
        d = self.death
        return d.effective_date if d else None

    def display(self) -> str:
        """``山田　太郎（昭和25年4月1日 (1950-04-01)生）``."""
        born = wareki_label(self.birth_date, seireki=True, unknown="生年月日不明")
        return f"{self.name.display}（{born}{'生' if self.birth_date else ''}）"


@dataclass
class Persons:
    persons: dict[str, Person]
    by_record: dict[tuple[int, int], str]  # (id(register), index of member) → person id
    issues: list[Issue] = field(default_factory=list)  # identity findings (parents not connected …)

    def of(self, register: Register, index: int) -> Person:
        return self.persons[self.by_record[(id(register), index)]]

    def find(self, query: str) -> list[Person]:
        """Persons matching an id, a name (``山田太郎``, any width/variant) or ``name@YYYY-MM-DD``."""
        if query in self.persons:
            return [self.persons[query]]
        name_part, _, date_part = query.partition("@")
        key = name_key(name_part)
        hits = [p for p in self.persons.values() if key in p.name_keys() and not p.is_reference]
        if date_part:
            hits = [p for p in hits if p.birth_date and p.birth_date.isoformat() == date_part.strip()]
        return sorted(hits, key=lambda p: p.id)

    def children_of(self, person_id: str) -> list[Person]:
        return [p for p in self.persons.values() if any(link.parent == person_id for link in p.parent_links)]


def _identity(member: Member) -> tuple[str, str, str] | None:
    if member.person_id is not None:  # assembled by hand: the author said who this is
        return ("id", member.person_id, "unknown")
    if member.birth_date is None:
        return None
    given = member.name.given or member.name.text
    return (member.birth_date.isoformat(), name_key(given), member.sex or "unknown")


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _names_agree(a: Name | None, b: Name | None) -> bool:
    """Two 父/母 columns naming the same person: the given names agree (a surname may be written
    in one column and not the other, or have changed)."""
    if a is None or b is None:
        return True
    ga, gb = name_key(a.given or a.text), name_key(b.given or b.text)
    return ga.endswith(gb) or gb.endswith(ga)


def _parents_agree(a: Member, b: Member) -> bool:
    return _names_agree(a.father, b.father) and _names_agree(a.mother, b.mother)


def _merge_renamed(groups: dict[tuple[str, str, str], list[list[tuple[Register, int]]]]) -> None:
    """A 名の変更 makes the old and new registers show different given names: join the records
    whose 【従前の名】 is the other records' given name (same birth date and sex)."""
    for (born, given, sex), group_list in list(groups.items()):
        for group in group_list:
            previous = {
                name_key(e.previous_name)
                for register, index in group
                for e in register.members[index].entries_of(EntryType.GIVEN_NAME_CHANGE)
                if e.previous_name
            }
            for old_given in previous - {given}:
                old_key = (born, old_given, sex)
                if groups.get(old_key):
                    group.extend(groups[old_key].pop(0))
                    if not groups[old_key]:
                        del groups[old_key]


def index_persons(registers: list[Register]) -> Persons:
    """Group register members into persons and resolve their 父/母 columns. The result does not
    depend on the order of ``registers``."""
    registers = sorted(registers, key=lambda r: (fingerprint(r), r.source_sha256 or ""))
    groups: dict[tuple[str, str, str], list[list[tuple[Register, int]]]] = defaultdict(list)
    loose: list[tuple[Register, int]] = []
    for register in registers:
        for index, member in enumerate(register.members):
            ident = _identity(member)
            if ident is None:
                loose.append((register, index))
                continue
            for group in groups[ident]:
                first = group[0][0].members[group[0][1]]
                if _parents_agree(first, member):
                    group.append((register, index))
                    break
            else:
                groups[ident].append([(register, index)])
    _merge_renamed(groups)

    persons: dict[str, Person] = {}
    by_record: dict[tuple[int, int], str] = {}
    prefix = {"male": "m", "female": "f", "unknown": "u"}
    by_base: dict[str, list[tuple[str, list[tuple[Register, int]]]]] = defaultdict(list)
    for (born, given, sex), group_list in groups.items():
        for group in group_list:
            if born == "id":
                first = group[0][0].members[group[0][1]]
                person = Person(given, first.birth_date, first.sex)
                for register, index in group:
                    person.records.append((register, register.members[index]))
                    by_record[(id(register), index)] = given
                persons[given] = person
                continue
            base = f"{prefix[sex]}{born.replace('-', '')}"
            by_base[base].append((given, group))
    for base, items in by_base.items():
        items.sort(key=lambda item: (item[0], item[1][0][0].honseki))
        for n, (_, group) in enumerate(items, start=1):
            pid = base if n == 1 else f"{base}.{n}"
            first = group[0][0].members[group[0][1]]
            person = Person(pid, first.birth_date, first.sex)
            for register, index in group:
                person.records.append((register, register.members[index]))
                by_record[(id(register), index)] = pid
            persons[pid] = person
    for register, index in loose:
        member = register.members[index]
        pid = f"u-{_short_hash(register.honseki + member.name.key + str(index))}"
        person = Person(pid, None, member.sex, [(register, member)])
        persons[pid] = person
        by_record[(id(register), index)] = pid

    issues = _resolve_parents(persons)
    return Persons(persons, by_record, issues)


def _name_rank(name: Name) -> tuple[bool, str, str]:
    return (name.family is None, name.text, name.family or "")


RefKey = tuple[str, str | None]  # (本籍 comparable form, head comparable form or None)


def _link_refs(person: Person) -> set[RefKey]:
    """Every register the person's records point to: entries' 従前戸籍/入籍戸籍/新本籍 and the
    registers' own 転籍/改製/家督相続/分家 links."""
    refs: set[RefKey] = set()
    for register, member in person.records:
        for entry in member.entries:
            for ref in (entry.previous_register, entry.next_register):
                if ref is not None:
                    refs.add((place_key(ref.honseki), ref.head.key if ref.head else None))
        for event in register.events:
            for honseki, head in (
                (event.previous_honseki, event.previous_head or register.head),
                (event.new_honseki, event.new_head or register.head),
            ):
                if honseki:
                    refs.add((place_key(honseki), head.key))
    return refs


@dataclass
class _Trace:
    """Where a person's records are (本籍 → heads) and which registers they point to."""

    places: dict[str, set[str]]
    refs: set[RefKey]

    @classmethod
    def of(cls, person: Person) -> _Trace:
        places: dict[str, set[str]] = defaultdict(set)
        for register, _ in person.records:
            place, head = register.key
            places[place].add(head)
        return cls(dict(places), _link_refs(person))

    def named_by(self, refs: set[RefKey]) -> bool:
        return any(
            place in self.places and (head is None or head in self.places[place]) for place, head in refs
        )


def _connected(child: _Trace, candidate: _Trace) -> bool:
    """Whether the registers connect ``child`` with ``candidate``: a register in common, or a link
    of one naming a register of the other, or both naming the same register (本籍 and head)."""
    if any(heads & candidate.places.get(place, set()) for place, heads in child.places.items()):
        return True
    if candidate.named_by(child.refs) or child.named_by(candidate.refs):
        return True
    return any(head is not None and (place, head) in candidate.refs for place, head in child.refs)


def describe_person(person: Person) -> str:
    """``山田花子（昭和25年1月1日生、全部事項 水戸市… 鈴木一郎）`` for findings."""
    born = wareki_label(person.birth_date, seireki=True, unknown="生年月日不明")
    if person.is_reference:
        return f"{person.name.display}（{born}）"
    return f"{person.name.display}（{born}生、{person.latest[0].label()}）"


_COLUMNS = (
    ("father", "father", "male", "父"),
    ("mother", "mother", "female", "母"),
    ("adoptive_father", "father", "male", "養父"),
    ("adoptive_mother", "mother", "female", "養母"),
)


def _resolve_parents(persons: dict[str, Person]) -> list[Issue]:
    by_name: dict[str, list[Person]] = defaultdict(list)
    for p in persons.values():
        for key in p.name_keys():
            by_name[key].append(p)
    references: dict[str, Person] = {}
    issues: list[Issue] = []
    reported: set[tuple[str, str, str]] = set()
    traces: dict[str, _Trace] = {}

    def trace(person: Person) -> _Trace:
        if person.id not in traces:
            traces[person.id] = _Trace.of(person)
        return traces[person.id]

    for person in sorted(persons.values(), key=lambda p: p.id):
        for register, member in person.records:
            for column, role, sex, label in _COLUMNS:
                parent_name: Name | None = getattr(member, column)
                if parent_name is None:
                    continue
                candidates = sorted(
                    {
                        c.id: c
                        for c in by_name.get(parent_name.key, [])
                        if c.sex in (sex, None)
                        and c is not person
                        and (
                            c.birth_date is None
                            or person.birth_date is None
                            or c.birth_date < person.birth_date
                        )
                    }.values(),
                    key=lambda c: c.id,
                )
                connected = [c for c in candidates if _connected(trace(person), trace(c))]
                if len(connected) == 1:
                    parent_id = connected[0].id
                else:
                    parent_id = f"r-{_short_hash(parent_name.key)}"
                    name = parent_name
                    if name.family is None:
                        family, given = split_full_name(name.text, register.head.family)
                        name = Name.of(family, given) if family and given else name
                    known = references.get(parent_id)
                    # keep the best-separated spelling, whatever order the registers came in
                    if known is None or _name_rank(name) < _name_rank(known.name):
                        references[parent_id] = Person(parent_id, None, sex, reference_name=name)
                    seen = (person.id, column, parent_name.key)
                    if candidates and seen not in reported:
                        reported.add(seen)
                        code = (
                            "koseki.identity.parent_ambiguous"
                            if connected
                            else "koseki.identity.parent_unconfirmed"
                        )
                        listed = connected or candidates
                        issues.append(
                            _codes.issue(
                                code,
                                f"person:{person.id}",
                                file=register.source,
                                name=describe_person(person),
                                role=label,
                                role_en=column.replace("_", " "),
                                parent=parent_name.text,
                                candidates="、".join(describe_person(c) for c in listed),
                                candidates_en="; ".join(f"{c.id} {describe_person(c)}" for c in listed),
                            )
                        )
                link = ParentLink(column, role, parent_id, register, member)
                if not any(
                    (x.column, x.parent) == (column, parent_id) and x.register is register
                    for x in person.parent_links
                ):
                    person.parent_links.append(link)
                if column == role and getattr(person, role) is None:
                    setattr(person, role, parent_id)
    persons.update(references)
    return issues
