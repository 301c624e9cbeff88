"""Registers → the family graph of standard/family-graph/1.0 (validated by its schema and loader)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.heirs import read_graph
from endingnote.koseki import (
    Entry,
    EntryType,
    Member,
    Name,
    Register,
    RegisterEvent,
    RegisterEventType,
    build_family_graph,
    to_family_graph,
)

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((ROOT / "standard/family-graph/1.0/schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def _valid(graph: dict[str, Any], validator: Any) -> None:
    assert validator.is_valid(graph), [str(e) for e in validator.iter_errors(graph)]
    loaded, report = read_graph(graph)
    assert loaded is not None and not report.errors, [i.to_dict() for i in report]


def test_demo_family_graph(registers: list[Register], validator: Any) -> None:
    graph, issues = build_family_graph(registers)
    _valid(graph, validator)
    assert [i.code for i in issues] == ["koseki.graph.spouse_unresolved"]  # 花江's husband: not supplied
    persons = {p["id"]: p for p in graph["persons"]}
    taro = persons["m19500401"]
    assert taro["death"] == {"date": "2024-03-15", "time": "10:30"}
    assert taro["register"]["honseki"] == "東京都千代田区神田一丁目3番地"
    assert persons["f19520815"]["name"]["given_kana"] == "ハナコ"
    edges = {(e["parent"], e["child"]): e for e in graph["parent_child"]}
    # 太郎's father is 髙雄 in the old register and 高雄 in the new one: one person
    assert edges[("m19220202", "m19500401")]["parent_role"] == "father"
    assert edges[("m19791111", "m20050115")] | {"sources": None} == {
        "parent": "m19791111",
        "child": "m20050115",
        "parent_role": "father",
        "kind": "biological",
        "marital": True,
        "sources": None,
    }
    marriages = {tuple(m["spouses"]): m for m in graph["marriages"]}
    assert marriages[("f19520815", "m19500401")]["start"] == "1975-05-10"
    assert ("f19800202", "m19791111") in marriages and ("f19781224", "m19781103") in marriages
    kinds = sorted(s["kind"] for s in graph["sources"])
    assert kinds == ["kaisei_genkoseki", "kaisei_genkoseki", "koseki", "koseki", "koseki"]
    assert all(len(s["sha256"]) == 64 for s in graph["sources"])


def test_graph_is_independent_of_register_order(registers: list[Register]) -> None:
    a = to_family_graph(registers)
    b = to_family_graph(list(reversed(registers)))
    for key in ("persons", "sources"):
        assert a[key] == b[key]

    def norm(items: list[Any]) -> list[str]:
        return sorted(json.dumps(i, sort_keys=True, ensure_ascii=False) for i in items)

    assert norm(a["parent_child"]) == norm(b["parent_child"])
    assert norm(a["marriages"]) == norm(b["marriages"])


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(5)))
def test_graph_never_depends_on_register_order(registers: list[Register], order: list[int]) -> None:
    def canonical(graph: dict[str, Any]) -> dict[str, list[str]]:
        return {
            k: sorted(json.dumps(i, sort_keys=True, ensure_ascii=False) for i in v)
            for k, v in graph.items()
            if isinstance(v, list)
        }

    assert canonical(to_family_graph([registers[i] for i in order])) == canonical(to_family_graph(registers))


def _m(given: str, born: D, *entries: Entry, **kw: Any) -> Member:
    return Member(Name.of("佐藤", given), born, entries=entries, **kw)


def test_adoption_special_adoption_acknowledgment_disinheritance_disappearance(validator: Any) -> None:
    father = _m(
        "父", D(1940, 1, 1), Entry(EntryType.MARRIAGE, D(1965, 1, 1)), spouse_role="夫", relationship="長男"
    )
    mother = _m(
        "母", D(1942, 2, 2), Entry(EntryType.MARRIAGE, D(1965, 1, 1)), spouse_role="妻", relationship="長女"
    )
    adoptee = _m(
        "養",
        D(1970, 3, 3),
        Entry(EntryType.ADOPTION, D(1990, 4, 4), role="child", adoptive_father=Name("佐藤父")),
        Entry(EntryType.ADOPTION_DISSOLUTION, D(2000, 5, 5)),
        father=Name("田中一"),
        mother=Name("田中二"),
        relationship="長男",
        adoptive_father=Name.of("佐藤", "父"),
        adoptive_relationship="養子",
    )
    special = _m(
        "特",
        D(2001, 6, 6),
        Entry(EntryType.SPECIAL_ADOPTION, D(2003, 7, 7), decree_date=D(2003, 7, 7)),
        father=Name.of("佐藤", "父"),
        mother=Name.of("佐藤", "母"),
        relationship="長女",
    )
    acknowledged = _m(
        "認",
        D(1980, 8, 8),
        Entry(EntryType.ACKNOWLEDGMENT, D(1981, 9, 9), role="child", counterpart=Name("佐藤父")),
        father=Name.of("佐藤", "父"),
        mother=Name("鈴木花"),
        relationship="長男",
    )
    disinherited = _m(
        "廃",
        D(1968, 1, 2),
        Entry(EntryType.DISINHERITANCE, decree_date=D(2010, 1, 1), counterpart=Name("佐藤父")),
        Entry(
            EntryType.DISAPPEARANCE, D(2015, 1, 1), deemed_death_date=D(2012, 3, 3), decree_date=D(2015, 1, 1)
        ),
        father=Name.of("佐藤", "父"),
        mother=Name.of("佐藤", "母"),
        relationship="二男",
    )
    register = Register(
        "東京都港区芝一丁目1番地",
        Name.of("佐藤", "父"),
        events=(RegisterEvent(RegisterEventType.CREATED, D(1965, 1, 1)),),
        members=(father, mother, adoptee, special, acknowledged, disinherited),
    )
    graph, issues = build_family_graph([register])
    _valid(graph, validator)
    assert issues == []
    by_child: dict[str, list[dict[str, Any]]] = {}
    for e in graph["parent_child"]:
        by_child.setdefault(e["child"], []).append(e)
    adoptive = [e for e in by_child["m19700303"] if e["kind"] == "adoptive"]
    assert adoptive == [
        {
            "parent": "m19400101",
            "child": "m19700303",
            "parent_role": "father",
            "sources": adoptive[0]["sources"],
            "kind": "adoptive",
            "adopted_on": "1990-04-04",
            "dissolved_on": "2000-05-05",
        }
    ]
    assert {e["kind"] for e in by_child["f20010606"]} == {"special_adoptive"}
    assert all(e["decreed_on"] == "2003-07-07" for e in by_child["f20010606"])
    ack = next(e for e in by_child["m19800808"] if e["parent_role"] == "father")
    assert ack["marital"] is False and ack["acknowledged_on"] == "1981-09-09"
    persons = {p["id"]: p for p in graph["persons"]}
    assert persons["m19680102"]["death"] == {
        "date": "2012-03-03",
        "deemed": True,
        "declared_on": "2015-01-01",
    }
    assert graph["estate_facts"] == [
        {
            "decedent": "m19400101",
            "person": "m19680102",
            "kind": "disinheritance",
            "date": "2010-01-01",
            "evidence": graph["estate_facts"][0]["evidence"],
        }
    ]


def test_adoption_without_a_date_is_left_out_with_a_warning(validator: Any) -> None:
    child = _m("子", D(1970, 1, 1), adoptive_father=Name.of("佐藤", "父"), adoptive_relationship="養子")
    father = _m("父", D(1940, 1, 1), relationship="長男")
    graph, issues = build_family_graph([Register("x", Name.of("佐藤", "父"), members=(father, child))])
    _valid(graph, validator)
    assert [i.code for i in issues] == ["koseki.graph.adoption_date_missing"]
    assert not [e for e in graph["parent_child"] if e["kind"] == "adoptive"]


def test_published_demo_graph_is_current(examples_dir: Path) -> None:
    golden = json.loads((examples_dir.parent / "yamada.family-graph.json").read_text(encoding="utf-8"))
    assert to_family_graph(examples_dir) == golden


def test_disinheritance_of_an_unknown_decedent_is_a_warning(validator: Any) -> None:
    heir = _m(
        "子",
        D(1970, 1, 1),
        Entry(EntryType.DISINHERITANCE, decree_date=D(2010, 1, 1), counterpart=Name("誰か")),
    )
    graph, issues = build_family_graph([Register("x", Name.of("佐藤", "子"), members=(heir,))])
    _valid(graph, validator)
    assert [i.code for i in issues] == ["koseki.graph.decedent_unresolved"] and graph["estate_facts"] == []
