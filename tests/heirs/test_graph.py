"""Reading family graphs: schema, semantic checks, hostile input, round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from endingnote import InvalidDocumentError
from endingnote._codes import all_codes
from endingnote.errors import InputError
from endingnote.heirs import _load, graph_from_dict, graph_to_dict, load_graph, read_graph

from ._builder import G

DATA = Path(__file__).parent / "data"


def codes(doc: Any) -> list[tuple[str, str]]:
    _, report = read_graph(doc)
    return [(i.code, i.path) for i in report.issues]


def test_example_round_trips_exactly() -> None:
    raw = orjson.loads((DATA / "basic.json").read_bytes())
    graph = load_graph(DATA / "basic.json")
    assert graph_to_dict(graph) == raw
    assert graph_from_dict(graph_to_dict(graph)) == graph


def test_readme_example_is_valid(repo_root: Path) -> None:
    text = (repo_root / "standard/family-graph/README.md").read_text(encoding="utf-8")
    block = text.split("```json", 1)[1].split("```", 1)[0]
    graph = load_graph(json.loads(block))
    assert [p.id for p in graph.persons] == ["taro", "hanako", "ichiro"]


def test_schema_errors_have_pointers() -> None:
    doc = G().p("d", "1950-02-30").doc()
    doc["persons"][0]["nickname"] = "x"
    doc["parent_child"] = [{"parent": "d", "child": "d", "kind": "adoptive"}]
    found = codes(doc)
    assert ("heirs.schema", "/persons/0/birth_date") in found  # calendar-invalid date
    assert ("heirs.schema", "/persons/0") in found  # closed object
    assert ("heirs.schema", "/parent_child/0") in found  # adoption without a date


def test_kind_specific_fields_are_refused() -> None:
    doc = G().p("a").p("b", "1980-01-01").child("a", "b", decreed_on="2000-01-01").doc()
    assert codes(doc)[0][0] == "heirs.schema"


def test_semantic_findings() -> None:
    doc = (
        G()
        .p("a", "1950-01-01", "1940-01-01")
        .p("a", "1951-01-01")
        .p("b", "1980-01-01")
        .child("a", "ghost")
        .child("b", "b")
        .child("a", "b", "special_adoptive", decreed_on="1985-01-01")
        .marry("a", "b", "2000-01-01", "1999-01-01")
        .fact("a", "a", "renunciation")
        .simultaneous("a", "b")
        .doc()
    )
    found = {c for c, _ in codes(doc)}
    assert {
        "heirs.graph.duplicate_id",
        "heirs.graph.death_before_birth",
        "heirs.graph.unknown_person",
        "heirs.graph.self_link",
        "heirs.graph.special_adoption_before_1988",
        "heirs.graph.date_order",
        "heirs.graph.simultaneous_dates_differ",
    } <= found
    with pytest.raises(InvalidDocumentError) as info:
        load_graph(doc)
    assert not info.value.report.valid


def test_cycle_is_refused() -> None:
    doc = G().p("a").p("b").p("c").child("a", "b").child("b", "c").child("c", "a").doc()
    found = codes(doc)
    assert [c for c in found if c[0] == "heirs.graph.cycle"]


def test_three_biological_parents_refused() -> None:
    doc = G().p("a").p("b").p("c").p("x", "1990-01-01").child("a", "x").child("b", "x").child("c", "x").doc()
    assert "heirs.graph.too_many_parents" in {c for c, _ in codes(doc)}


def test_not_json_and_bom(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{not json")
    assert codes(bad) == [("heirs.input.not_json", "")]
    good = tmp_path / "bom.json"
    good.write_bytes(b"\xef\xbb\xbf" + (DATA / "basic.json").read_bytes())
    graph, report = read_graph(good)
    assert graph is not None and report.valid


def test_too_large_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_load, "MAX_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 200)
    assert codes(big) == [("heirs.input.too_large", "")]
    assert codes(b" " * 200) == [("heirs.input.too_large", "")]


def test_deep_nesting_is_refused_safely() -> None:
    assert codes(b"[" * 100_000 + b"]" * 100_000)[0][0] in {"heirs.input.not_json", "heirs.schema"}


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_graph(tmp_path / "nope.json")
    with pytest.raises(InputError):
        read_graph(tmp_path)


def test_hostile_ids_are_refused() -> None:
    doc = G().p("a").doc()
    doc["persons"][0]["id"] = "../../etc/passwd"
    assert codes(doc)[0] == ("heirs.schema", "/persons/0/id")


def test_every_heirs_code_is_registered_with_both_languages() -> None:
    heirs_codes = {k: v for k, v in all_codes().items() if k.startswith("heirs.")}
    assert len(heirs_codes) > 30
    for code in heirs_codes.values():
        assert code.message_ja and code.message_en


def test_warnings_do_not_block_loading() -> None:
    doc = (
        G()
        .p("a", "1940-01-01", sex="male")
        .p("b", "1942-01-01", sex="male")
        .p("d", "1950-01-01", "2024-01-01")
        .p("c", "1970-01-01", register={"sources": ["nowhere"]})
        .child("a", "c", parent_role="father")
        .child("b", "c", parent_role="father")
        .adopt("d", "c", "1980-01-01")
        .adopt("d", "c", "1980-01-01")
        .fact("d", "a", "renunciation")
        .fact("d", "a", "renunciation")
        .doc()
    )
    graph, report = read_graph(doc)
    assert graph is not None and report.valid
    assert {i.code for i in report.issues} == {
        "heirs.graph.parent_role_conflict",
        "heirs.graph.duplicate_link",
        "heirs.graph.duplicate_fact",
        "heirs.graph.unknown_source",
    }


def test_living_decedent_is_refused() -> None:
    from endingnote.heirs import compute

    result = compute(G().p("d").graph(), "d")
    assert result.status == "indeterminate" and result.findings[0].code == "heirs.decedent.alive"
    assert result.findings[0].path == "/persons/0"


def test_readme_documents_every_reason_and_capacity(repo_root: Path) -> None:
    from endingnote.heirs._explain import REASONS
    from endingnote.heirs._result import CAPACITY_JA

    text = (repo_root / "standard/family-graph/README.md").read_text(encoding="utf-8")
    for code in [*REASONS, *CAPACITY_JA]:
        assert f"| `{code}` |" in text, code
