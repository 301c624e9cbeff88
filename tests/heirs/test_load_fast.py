"""The loader's fast paths agree with the exact ones they stand in for.

Reading a large graph takes bulk checks (references, duplicates, parents per child in C), a
Kahn pass for cycles, slot-setting constructors and a paused garbage collector; each has an exact
counterpart, and these tests hold them to it on generated input.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.heirs import (
    Death,
    Marriage,
    Name,
    NonHeir,
    ParentChild,
    Person,
    RegisterInfo,
    _load,
    check_semantics,
)
from endingnote.heirs._graph import fast_constructor, fast_mapping_constructor, paused_gc

IDS = ["a", "b", "c", "d", "e"]  # "e" is not a person: unknown references
PERSONS = IDS[:4]
DATES = st.sampled_from(["1950-01-01", "1960-06-01", "1990-03-03"])


@st.composite
def links(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 9))):
        kind = draw(st.sampled_from(["biological", "biological", "adoptive", "special_adoptive"]))
        who = st.sampled_from(PERSONS) if draw(st.integers(0, 9)) else st.sampled_from(IDS)
        link: dict[str, Any] = {"parent": draw(who), "child": draw(st.sampled_from(PERSONS))}
        link["kind"] = kind
        if kind == "biological":
            if draw(st.booleans()):
                link["parent_role"] = draw(st.sampled_from(["father", "mother"]))
        elif kind == "adoptive":
            link["adopted_on"] = draw(DATES)
            if draw(st.booleans()):
                link["dissolved_on"] = draw(DATES)
        else:
            link["decreed_on"] = draw(st.sampled_from(["1980-01-01", "1995-01-01"]))
        if draw(st.integers(0, 9)) == 0:
            link["sources"] = [draw(st.sampled_from(["s1", "nope"]))]
        out.append(link)
    return out


def _exact(doc_links: list[dict[str, Any]], births: dict[str, str]) -> tuple[list[Issue], Any]:
    found: list[Issue] = []
    persons = {pid: i for i, pid in enumerate(PERSONS)}

    def ref(pid: str, path: str) -> bool:
        if pid not in persons:
            found.append(issue("heirs.graph.unknown_person", path, id=pid))
            return False
        return True

    def src_refs(ids: list[str], path: str) -> None:
        found.extend(
            issue("heirs.graph.unknown_source", f"{path}/{k}", id=sid)
            for k, sid in enumerate(ids)
            if sid != "s1"
        )

    children = _load._check_links(doc_links, persons, births, ref, src_refs, found.append)
    return found, children


@settings(max_examples=300, deadline=None)
@given(links(), st.dictionaries(st.sampled_from(PERSONS), DATES))
def test_bulk_link_checks_agree_with_the_exact_pass(
    doc_links: list[dict[str, Any]], births: dict[str, str]
) -> None:
    persons = {pid: i for i, pid in enumerate(PERSONS)}
    fast: list[Issue] = []
    columns = _load._plain_links(doc_links, persons, births, fast.append)
    exact, exact_children = _exact(doc_links, births)
    if columns is None:  # the bulk path declined: only where the exact pass has more to say
        return
    assert [(i.code, i.path) for i in fast] == [(i.code, i.path) for i in exact]
    assert _load._adjacency(*columns) == exact_children
    if _load._born_in_order(*columns, births):  # the shortcut: births in order prove no cycle
        assert _load._search_cycle(exact_children) is None


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(IDS), st.lists(st.sampled_from(IDS), max_size=4), max_size=5))
def test_kahn_agrees_with_the_search(children: dict[str, list[str]]) -> None:
    children = {parent: [kid for kid in kids if kid != parent] for parent, kids in children.items()}
    cycle = _load._search_cycle(children)
    assert _load._acyclic(children) is (cycle is None)
    assert _load._find_cycle(children) == cycle


@st.composite
def persons_and_marriages(draw: st.DrawFn) -> dict[str, Any]:
    persons = []
    for pid in draw(st.lists(st.sampled_from(PERSONS), max_size=6)):
        person: dict[str, Any] = {"id": pid, "name": {"family": "山田", "given": pid}}
        if draw(st.booleans()):
            person["birth_date"] = draw(DATES)
        if draw(st.booleans()):
            person["death"] = {"date": draw(DATES)}
        persons.append(person)
    marriages = []
    for _ in range(draw(st.integers(0, 4))):
        who = st.sampled_from(PERSONS) if draw(st.integers(0, 5)) else st.sampled_from(IDS)
        marriage: dict[str, Any] = {
            "spouses": [draw(who), draw(st.sampled_from(PERSONS))],
            "start": draw(DATES),
        }
        if draw(st.booleans()):
            marriage["end"], marriage["end_reason"] = draw(DATES), "divorce"
        if draw(st.integers(0, 5)) == 0:
            marriage["sources"] = ["nope"]
        marriages.append(marriage)
    return {"persons": persons, "marriages": marriages}


@settings(max_examples=300, deadline=None)
@given(persons_and_marriages())
def test_bulk_person_and_marriage_checks_agree_with_the_exact_passes(doc: dict[str, Any]) -> None:
    exact: list[Issue] = []
    persons, _, _ = _load._check_persons(doc["persons"], exact.append)

    def ref(pid: str, path: str) -> bool:
        if pid not in persons:
            exact.append(issue("heirs.graph.unknown_person", path, id=pid))
            return False
        return True

    def src_refs(ids: list[str], path: str) -> None:
        exact.extend(issue("heirs.graph.unknown_source", f"{path}/{k}", id=sid) for k, sid in enumerate(ids))

    _load._check_marriages(doc["marriages"], ref, src_refs, exact.append)
    assert [(i.code, i.path) for i in check_semantics(doc)] == [(i.code, i.path) for i in exact]


def test_the_bulk_path_takes_the_usual_graph() -> None:
    doc_links = [
        {"parent": "a", "child": "c", "kind": "biological", "parent_role": "father", "marital": True},
        {"parent": "b", "child": "c", "kind": "biological", "parent_role": "mother", "marital": True},
        {"parent": "a", "child": "d", "kind": "adoptive", "adopted_on": "1950-01-01"},
    ]
    found: list[Issue] = []
    columns = _load._plain_links(
        doc_links, {p: i for i, p in enumerate(PERSONS)}, {"d": "1960-06-01"}, found.append
    )
    assert columns is not None and _load._adjacency(*columns) == {"a": ["c", "d"], "b": ["c"]}
    assert [(i.code, i.path) for i in found] == [("heirs.graph.date_order", "/parent_child/2/adopted_on")]


def test_a_cycle_is_found_whatever_the_birth_dates_say() -> None:
    persons = [{"id": p, "name": {"family": "山田", "given": p}, "birth_date": "1950-01-01"} for p in "abc"]
    links = [
        {"parent": "a", "child": "b", "kind": "adoptive", "adopted_on": "1990-01-01"},
        {"parent": "b", "child": "c", "kind": "adoptive", "adopted_on": "1990-01-01"},
        {"parent": "c", "child": "a", "kind": "adoptive", "adopted_on": "1990-01-01"},
    ]
    codes = [i.code for i in check_semantics({"persons": persons, "parent_child": links})]
    assert codes == ["heirs.graph.cycle"]


def test_semantic_findings_keep_their_order_on_both_paths() -> None:
    base = {
        "persons": [{"id": p, "name": {"family": "山田", "given": p}} for p in PERSONS],
        "parent_child": [
            {"parent": "a", "child": "c", "kind": "biological", "parent_role": "father"},
            {"parent": "b", "child": "c", "kind": "biological", "parent_role": "father"},
            {"parent": "a", "child": "zz", "kind": "biological"},
        ],
    }
    codes = [(i.code, i.path) for i in check_semantics(base)]
    assert codes == [
        ("heirs.graph.parent_role_conflict", "/parent_child/1/parent_role"),
        ("heirs.graph.unknown_person", "/parent_child/2/child"),
    ]


CASES: list[tuple[type[Any], tuple[Any, ...], dict[str, Any]]] = [
    (Name, ("山田", "太郎"), {"family_kana": "ヤマダ"}),
    (Death, (dt.date(2024, 3, 10),), {"time": "10:00", "deemed": True}),
    (RegisterInfo, (), {"honseki": "東京都", "sources": ("s1",)}),
    (ParentChild, ("a", "b", "adoptive"), {"adopted_on": dt.date(2000, 1, 1)}),
    (Marriage, (("a", "b"), dt.date(1970, 4, 1)), {"end_reason": "divorce", "end": dt.date(1980, 1, 1)}),
    (Person, ("a", Name("山田", "太郎")), {"birth_date": dt.date(1950, 4, 1), "death": None}),
    (NonHeir, ("a", "not_kin", ("887",), "ja", "en"), {}),
]


def test_fast_constructors_build_equal_objects() -> None:
    for cls, args, kwargs in CASES:
        make = fast_constructor(cls)
        built, expected = make(*args, **kwargs), cls(*args, **kwargs)
        assert type(built) is cls
        assert built == expected and hash(built) == hash(expected) and repr(built) == repr(expected)
        assert make(*args) == cls(*args)  # defaults


def test_mapping_constructors_build_equal_objects() -> None:
    make = fast_mapping_constructor(Name)
    for fields in (
        {"family": "山田", "given": "太郎"},
        {"family": "髙橋", "given": "花子", "given_kana": "ハナコ"},
    ):
        assert make(fields) == Name(**fields)


def test_reading_computing_and_writing_leave_no_cycle(repo_root: Path) -> None:
    from endingnote.heirs import compute, read_graph

    gc.collect()
    graph, _ = read_graph(repo_root / "tests/heirs/data/basic.json")
    assert graph is not None and gc.collect() == 0
    result = compute(graph, next(p.id for p in graph.persons if p.death is not None))
    assert result.heirs and result.to_dict()["non_heirs"]
    assert gc.collect() == 0  # everything made while the collector was paused is freed by refcount


def test_paused_gc_restores_the_collector_and_nests() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a caller's own choice is left alone
    finally:
        gc.enable()
