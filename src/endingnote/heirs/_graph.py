"""The family graph: persons, legal parent-child links, marriages and estate-scoped facts.

This is the in-memory form of ``standard/family-graph/1.0/schema.json``. Dates are
:class:`datetime.date`; every field that the JSON may omit is ``None``/empty here. Build one by
hand, from registers (``endingnote.koseki.to_family_graph``) or with :func:`graph_from_dict`;
:func:`graph_to_dict` gives the JSON form back (round trip is exact).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, methodcaller, not_
from typing import Any, Literal, TypeVar

FORMAT = "endingnote-family-graph"
VERSION = "1.0"

Sex = Literal["male", "female", "unknown"]
LinkKind = Literal["biological", "adoptive", "special_adoptive"]
ParentRole = Literal["father", "mother"]
EndReason = Literal["divorce", "death", "annulment"]
FactKind = Literal["renunciation", "disqualification", "disinheritance", "in_utero"]
SourceKind = Literal[
    "koseki", "joseki", "kaisei_genkoseki", "koseki_e_certificate", "juminhyo", "court_certificate", "other"
]


@dataclass(frozen=True, slots=True)
class Name:
    """氏名 in the register form (MJ/IVS preserved), with 振り仮名 and a comparable form when known."""

    family: str
    given: str
    family_kana: str | None = None
    given_kana: str | None = None
    family_normalized: str | None = None
    given_normalized: str | None = None

    @property
    def full(self) -> str:
        return f"{self.family}{'　' if self.family and self.given else ''}{self.given}"

    @property
    def kana(self) -> str | None:
        if self.family_kana is None and self.given_kana is None:
            return None
        return f"{self.family_kana or ''}　{self.given_kana or ''}".strip("　")


@dataclass(frozen=True, slots=True)
class Death:
    """A death (or a deemed death by 失踪宣告, ``deemed=True``); ``time`` is 死亡時分 ``HH:MM``."""

    date: dt.date
    time: str | None = None
    deemed: bool = False
    declared_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RegisterInfo:
    """Register details shown on the 法定相続情報一覧図 (本籍, 筆頭者, 続柄, 住所, 最後の住所 …)."""

    honseki: str | None = None
    hittosha: str | None = None
    zokugara: str | None = None
    address: str | None = None
    last_address: str | None = None
    registered_address: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: Name
    sex: Sex | None = None
    birth_date: dt.date | None = None
    death: Death | None = None
    stillborn: bool = False
    register: RegisterInfo | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ParentChild:
    """A legal (or claimed) parent-child link.

    ``biological``: ``marital`` (嫡出) or not; a non-marital father needs ``acknowledged_on`` (認知,
    art. 779); the mother's tie arises by birth. ``adoptive``: ``adopted_on`` / ``dissolved_on``
    (離縁, art. 729). ``special_adoptive``: ``decreed_on`` (art. 817-2), which ends the child's ties
    with the birth family (art. 817-9) except a birth parent married to the adopter.
    """

    parent: str
    child: str
    kind: LinkKind
    parent_role: ParentRole | None = None
    marital: bool | None = None
    acknowledged_on: dt.date | None = None
    adopted_on: dt.date | None = None
    dissolved_on: dt.date | None = None
    decreed_on: dt.date | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Marriage:
    spouses: tuple[str, str]
    start: dt.date
    end: dt.date | None = None
    end_reason: EndReason | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str | None = None
    reference: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class EstateFact:
    """A fact about ``person`` in the estate of ``decedent`` only (never a person attribute).

    ``renunciation`` (相続放棄, art. 939), ``disqualification`` (相続欠格, art. 891),
    ``disinheritance`` (廃除, arts. 892, 893), ``in_utero`` (胎児 at the opening, art. 886).
    """

    decedent: str
    person: str
    kind: FactKind
    date: dt.date | None = None
    ground: int | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class SimultaneousDeath:
    """Persons presumed to have died at the same moment (art. 32-2)."""

    persons: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    kind: SourceKind
    title: str | None = None
    sha256: str | None = None
    file: str | None = None


@dataclass(frozen=True, slots=True)
class FamilyGraph:
    persons: tuple[Person, ...]
    parent_child: tuple[ParentChild, ...] = ()
    marriages: tuple[Marriage, ...] = ()
    estate_facts: tuple[EstateFact, ...] = ()
    simultaneous_deaths: tuple[SimultaneousDeath, ...] = ()
    sources: tuple[Source, ...] = ()
    description: str | None = None
    _index: dict[str, Person] = field(default_factory=dict, init=False, repr=False, compare=False)
    # indexes the engine and the chart read, built once per graph on first use (the graph is frozen)
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def person(self, person_id: str) -> Person | None:
        return persons_by_id(self).get(person_id)


def persons_by_id(graph: FamilyGraph) -> dict[str, Person]:
    """Each person by id (with a duplicated id, the last one), built once per graph."""
    if not graph._index and graph.persons:
        graph._index.update((p.id, p) for p in graph.persons)
    return graph._index


def positions(graph: FamilyGraph) -> dict[str, int]:
    """Each person's index in ``graph.persons`` (for JSON pointers), built once per graph."""
    found: dict[str, int] | None = graph._derived.get("positions")
    if found is None:
        found = graph._derived["positions"] = {p.id: i for i, p in enumerate(graph.persons)}
    return found


def links_by_end(graph: FamilyGraph) -> tuple[dict[str, list[ParentChild]], dict[str, list[ParentChild]]]:
    """The parent-child links by child and by parent (input order kept), built once per graph."""
    found: tuple[dict[str, list[ParentChild]], dict[str, list[ParentChild]]] | None = graph._derived.get(
        "links"
    )
    if found is None:
        by_child: dict[str, list[ParentChild]] = {}
        by_parent: dict[str, list[ParentChild]] = {}
        for e in graph.parent_child:
            up = by_child.get(e.child)
            if up is None:
                by_child[e.child] = [e]
            else:
                up.append(e)
            down = by_parent.get(e.parent)
            if down is None:
                by_parent[e.parent] = [e]
            else:
                down.append(e)
        found = graph._derived["links"] = (by_child, by_parent)
    return found


def marriages_by_pair(graph: FamilyGraph) -> dict[frozenset[str], list[Marriage]]:
    """The marriages of each pair of spouses, built once per graph."""
    found: dict[frozenset[str], list[Marriage]] | None = graph._derived.get("marriages")
    if found is None:
        found = {}
        for m in graph.marriages:
            found.setdefault(frozenset(m.spouses), []).append(m)
        graph._derived["marriages"] = found
    return found


T = TypeVar("T")


def fast_constructor(cls: type[T]) -> Callable[..., T]:
    """A constructor of the frozen, slotted dataclass ``cls`` taking the same arguments as
    ``cls(...)`` and returning an equal instance, at a third of the cost.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` by name; for
    the 50,000 objects of a large graph that was the loader's biggest cost. This one calls each
    slot's own setter instead. Generated from the fields, as ``dataclasses`` generates ``__init__``
    (a test checks that it agrees with ``cls(...)`` for every class it is used for).
    """
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    params = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    _set_{n}(obj, {n})\n" for n in names)
    source = f"def make({', '.join(params)}):\n    obj = _new(_cls)\n{body}    return obj\n"
    exec(source, scope)  # noqa: S102 - built from the dataclass's own field names, as dataclasses does
    make: Callable[..., T] = scope["make"]
    return make


def fast_mapping_constructor(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """Like :func:`fast_constructor`, from one mapping whose keys are exactly the field names
    (``d[name]`` for a required field, ``d.get(name, default)`` otherwise): one call per object,
    for JSON objects the schema has closed to those fields."""
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    body = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            body.append(f"    _set_{f.name}(obj, d[{f.name!r}])\n")
        else:
            scope[f"_default_{f.name}"] = f.default
            body.append(f"    _set_{f.name}(obj, d.get({f.name!r}, _default_{f.name}))\n")
    source = f"def make(d):\n    obj = _new(_cls)\n{''.join(body)}    return obj\n"
    exec(source, scope)  # noqa: S102 - built from the dataclass's own field names, as dataclasses does
    make: Callable[[dict[str, Any]], T] = scope["make"]
    return make


_name_of = fast_mapping_constructor(Name)
_person = fast_constructor(Person)
_death = fast_constructor(Death)
_register = fast_constructor(RegisterInfo)
_link = fast_constructor(ParentChild)
_marriage = fast_constructor(Marriage)


# --- dict <-> dataclasses -----------------------------------------------------------------------


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a graph is built or worked on.

    Building tens of thousands of small objects triggers collections that each walk every live
    object (the parsed document, the graph so far): that walk cost more than the building itself.
    On exit, what was built joins the oldest generation directly (``gc.freeze`` then ``unfreeze``),
    as it would after surviving two collections, without those two walks over it. What runs inside
    must make no reference cycle (a test checks that reading and computing leave none): a cycle
    would wait for the next full collection. Reference counting frees everything else as usual.
    Nested use keeps the collector paused until the outermost exit; a caller that disabled it
    keeps it disabled.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was built joins the oldest generation as it would after surviving two
        gc.unfreeze()  # collections, without the two walks over it (freeze resets the young count)
        gc.enable()


def _d(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _s(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _drop_none(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None and v != () and v is not False}


def graph_from_dict(doc: dict[str, Any]) -> FamilyGraph:
    """Build a :class:`FamilyGraph` from a document that is already **schema-valid**.

    Use :func:`endingnote.heirs.read_graph` for untrusted input: it validates first.
    """
    with paused_gc():
        return _from_dict(doc)


def _from_dict(doc: dict[str, Any]) -> FamilyGraph:
    # Column by column: ``map`` runs the item getters and the constructors from C, so the Python
    # work per object is the constructor's own. A graph of 10,000 persons is some 50,000 objects,
    # and a helper call per optional field used to cost more than parsing the JSON.
    people = doc.get("persons", ())
    births = list(map(_BIRTH, people))
    persons = list(
        map(
            _person,
            map(_ID, people),
            map(_name_of, map(_NAME, people)),
            map(_SEX, people),
            map(_date, births) if None not in births else map(_maybe_date, births),
            map(_death_of, map(_DEATH, people)),
            map(_STILLBORN, people),
            map(_register_of, map(_REGISTER, people)),
            map(_NOTE, people),
        )
    )
    links = doc.get("parent_child", ())
    plain = list(map(_PLAIN_LINK.issuperset, links))  # no date, no source: the usual biological link
    link_list = list(
        map(
            _link,
            map(_PARENT, links),
            map(_CHILD, links),
            map(_KIND, links),
            map(_ROLE, links),
            map(_MARITAL, links),
        )
    )
    if not all(plain):
        for i in compress(range(len(links)), map(not_, plain)):
            link_list[i] = _full_link(links[i])
    marriages = list(map(_marriage_of, doc.get("marriages", ())))
    facts = []
    for f in doc.get("estate_facts", ()):
        ev = f.get("evidence")
        facts.append(
            EstateFact(
                decedent=f["decedent"],
                person=f["person"],
                kind=f["kind"],
                date=_d(f.get("date")),
                ground=f.get("ground"),
                evidence=None
                if ev is None
                else Evidence(ev.get("kind"), ev.get("reference"), ev.get("source")),
            )
        )
    groups = tuple(
        SimultaneousDeath(tuple(g["persons"]), g.get("note")) for g in doc.get("simultaneous_deaths", ())
    )
    sources = tuple(
        Source(s["id"], s["kind"], s.get("title"), s.get("sha256"), s.get("file"))
        for s in doc.get("sources", ())
    )
    return FamilyGraph(
        persons=tuple(persons),
        parent_child=tuple(link_list),
        marriages=tuple(marriages),
        estate_facts=tuple(facts),
        simultaneous_deaths=groups,
        sources=sources,
        description=doc.get("description"),
    )


_PLAIN_LINK = frozenset(("parent", "child", "kind", "parent_role", "marital"))
_LINK_DATES = ("acknowledged_on", "adopted_on", "dissolved_on", "decreed_on")
_date = dt.date.fromisoformat
_ID, _NAME, _PARENT, _CHILD, _KIND = map(itemgetter, ("id", "name", "parent", "child", "kind"))
_SEX, _BIRTH, _DEATH, _REGISTER, _NOTE, _ROLE, _MARITAL = (
    methodcaller("get", key)
    for key in ("sex", "birth_date", "death", "register", "note", "parent_role", "marital")
)
_STILLBORN = methodcaller("get", "stillborn", False)


def _maybe_date(value: str | None) -> dt.date | None:
    return None if value is None else _date(value)


def _death_of(death: dict[str, Any] | None) -> Death | None:
    if death is None:
        return None
    declared = death.get("declared_on")
    return _death(
        _date(death["date"]),
        death.get("time"),
        death.get("deemed", False),
        None if declared is None else _date(declared),
    )


def _register_of(reg: dict[str, Any] | None) -> RegisterInfo | None:
    if reg is None:
        return None
    return _register(
        reg.get("honseki"),
        reg.get("hittosha"),
        reg.get("zokugara"),
        reg.get("address"),
        reg.get("last_address"),
        reg.get("registered_address"),
        tuple(reg.get("sources", ())),
    )


def _marriage_of(m: dict[str, Any]) -> Marriage:
    end = m.get("end")
    spouses = m["spouses"]
    return _marriage(
        (spouses[0], spouses[1]),
        _date(m["start"]),
        None if end is None else _date(end),
        m.get("end_reason"),
        tuple(m.get("sources", ())),
    )


def _full_link(e: dict[str, Any]) -> ParentChild:
    ack, adopted, dissolved, decreed = (e.get(k) for k in _LINK_DATES)
    return _link(
        e["parent"],
        e["child"],
        e["kind"],
        e.get("parent_role"),
        e.get("marital"),
        None if ack is None else _date(ack),
        None if adopted is None else _date(adopted),
        None if dissolved is None else _date(dissolved),
        None if decreed is None else _date(decreed),
        tuple(e.get("sources", ())),
    )


def graph_to_dict(graph: FamilyGraph) -> dict[str, Any]:
    """The JSON form (``standard/family-graph/1.0``) of ``graph``; omitted fields stay omitted."""
    persons = []
    for p in graph.persons:
        n = p.name
        entry: dict[str, Any] = {
            "id": p.id,
            "name": _drop_none(
                {
                    "family": n.family,
                    "given": n.given,
                    "family_kana": n.family_kana,
                    "given_kana": n.given_kana,
                    "family_normalized": n.family_normalized,
                    "given_normalized": n.given_normalized,
                }
            ),
            "sex": p.sex,
            "birth_date": _s(p.birth_date),
        }
        if p.death is not None:
            entry["death"] = _drop_none(
                {
                    "date": p.death.date.isoformat(),
                    "time": p.death.time,
                    "deemed": p.death.deemed,
                    "declared_on": _s(p.death.declared_on),
                }
            )
        entry["stillborn"] = p.stillborn
        if p.register is not None:
            r = p.register
            entry["register"] = _drop_none(
                {
                    "honseki": r.honseki,
                    "hittosha": r.hittosha,
                    "zokugara": r.zokugara,
                    "address": r.address,
                    "last_address": r.last_address,
                    "registered_address": r.registered_address,
                    "sources": list(r.sources) or None,
                }
            )
        entry["note"] = p.note
        persons.append(_drop_none(entry))
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if graph.description is not None:
        out["description"] = graph.description
    out["persons"] = persons
    out["parent_child"] = [
        _drop_none(
            {
                "parent": e.parent,
                "child": e.child,
                "kind": e.kind,
                "parent_role": e.parent_role,
                "acknowledged_on": _s(e.acknowledged_on),
                "adopted_on": _s(e.adopted_on),
                "dissolved_on": _s(e.dissolved_on),
                "decreed_on": _s(e.decreed_on),
                "sources": list(e.sources) or None,
            }
        )
        | ({"marital": e.marital} if e.marital is not None else {})
        for e in graph.parent_child
    ]
    out["marriages"] = [
        _drop_none(
            {
                "spouses": list(m.spouses),
                "start": m.start.isoformat(),
                "end": _s(m.end),
                "end_reason": m.end_reason,
                "sources": list(m.sources) or None,
            }
        )
        for m in graph.marriages
    ]
    out["estate_facts"] = [
        _drop_none(
            {
                "decedent": f.decedent,
                "person": f.person,
                "kind": f.kind,
                "date": _s(f.date),
                "ground": f.ground,
                "evidence": None
                if f.evidence is None
                else _drop_none(
                    {"kind": f.evidence.kind, "reference": f.evidence.reference, "source": f.evidence.source}
                ),
            }
        )
        for f in graph.estate_facts
    ]
    out["simultaneous_deaths"] = [
        _drop_none({"persons": list(g.persons), "note": g.note}) for g in graph.simultaneous_deaths
    ]
    out["sources"] = [
        _drop_none({"id": s.id, "kind": s.kind, "title": s.title, "sha256": s.sha256, "file": s.file})
        for s in graph.sources
    ]
    return out
