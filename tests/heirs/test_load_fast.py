"""The loader's fast paths agree with the exact ones they stand in for.

Reading a large graph takes bulk checks (references, duplicates, parents per child in C), a
Kahn pass for cycles, slot-setting constructors and a paused garbage collector; each has an exact
counterpart, and these tests hold them to it on generated input.
"""

from __future__ import annotations

import datetime as dt
import gc
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
from endingnote.heirs._graph import fast_constructor, paused_gc

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
        found.extend(issue("heirs.graph.unknown_source", path, id=sid) for sid in ids if sid != "s1")

    children = _load._check_links(doc_links, persons, births, ref, src_refs, found.append)
    return found, children


@settings(max_examples=300, deadline=None)
@given(links(), st.dictionaries(st.sampled_from(PERSONS), DATES))
def test_bulk_link_checks_agree_with_the_exact_pass(
    doc_links: list[dict[str, Any]], births: dict[str, str]
) -> None:
    persons = {pid: i for i, pid in enumerate(PERSONS)}
    fast: list[Issue] = []
    children = _load._plain_links(doc_links, persons, births, fast.append)
    exact, exact_children = _exact(doc_links, births)
    if children is None:  # the bulk path declined: only where the exact pass has more to say
        return
    assert [(i.code, i.path) for i in fast] == [(i.code, i.path) for i in exact]
    assert children == exact_children


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(IDS), st.lists(st.sampled_from(IDS), max_size=4), max_size=5))
def test_kahn_agrees_with_the_search(children: dict[str, list[str]]) -> None:
    children = {parent: [kid for kid in kids if kid != parent] for parent, kids in children.items()}
    cycle = _load._search_cycle(children)
    assert _load._acyclic(children) is (cycle is None)
    assert _load._find_cycle(children) == cycle


def test_the_bulk_path_takes_the_usual_graph() -> None:
    doc_links = [
        {"parent": "a", "child": "c", "kind": "biological", "parent_role": "father", "marital": True},
        {"parent": "b", "child": "c", "kind": "biological", "parent_role": "mother", "marital": True},
        {"parent": "a", "child": "d", "kind": "adoptive", "adopted_on": "1950-01-01"},
    ]
    found: list[Issue] = []
    children = _load._plain_links(
        doc_links, {p: i for i, p in enumerate(PERSONS)}, {"d": "1960-06-01"}, found.append
    )
    assert children == {"a": ["c", "d"], "b": ["c"]}
    assert [(i.code, i.path) for i in found] == [("heirs.graph.date_order", "/parent_child/2/adopted_on")]


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
