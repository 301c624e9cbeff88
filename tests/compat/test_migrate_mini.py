"""Migrations on the mini standard: every derived operation, both directions, and round trips."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from endingnote.compat import migrate
from tests.compat._mini import base_spec, next_spec, write


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("std")
    write(base, base_spec())
    write(base, next_spec())
    return base


DOC_10: dict[str, Any] = {
    "header": {"standard": "1.0", "extensions": {"acme": "https://acme.example/ns"}},
    "person": {"name": {"family": "山田", "given": "太郎"}, "birth_date": "1950-04-01"},
    "will": {"kind": "notarial", "location": "公証役場", "extensions": {"acme": {"folder": 3}}},
    "account": [{"id": "a1", "provider": "X", "handle": "@taro"}],
    "extensions": {"acme": {"anything": [1, 2, {"deep": True}]}},
}

DOC_11: dict[str, Any] = {
    "header": {"standard": "1.1"},
    "person": {
        "name": {"family": "山田", "given": ["太郎"], "middle": "J"},
        "birth_date": "1950-04-01",
        "furigana": "ヤマダ タロウ",
    },
    "will": [
        {"id": "w1", "kind": "secret", "witnesses": [{"family": "佐藤"}]},
        {"id": "w2", "kind": "holographic"},
    ],
    "account": [{"id": "a1", "provider": "X", "account_id_hint": "@taro", "note": ["一", "二"]}],
    "disclosure_rule": [{"id": "d1", "section": "account", "audience": "executor"}],
}


def test_up_renames_and_wraps(root: Path) -> None:
    result = migrate(DOC_10, "1.1", root)
    doc = result.document
    assert doc is not None
    assert doc["header"]["standard"] == "1.1"
    assert doc["account"][0]["account_id_hint"] == "@taro" and "handle" not in doc["account"][0]
    assert doc["will"] == [DOC_10["will"]]
    assert doc["extensions"] == DOC_10["extensions"]  # vendor data verbatim
    assert not result.carried
    assert DOC_10["header"]["standard"] == "1.0"  # the input is never mutated


def test_down_carries_what_1_0_cannot_hold(root: Path) -> None:
    result = migrate(DOC_11, "1.0", root)
    doc = result.document
    assert doc is not None
    alias = next(
        a for a, u in doc["header"]["extensions"].items() if u == "https://w3id.org/endingnote/ext/v1.1"
    )
    assert alias == "en-1-1"
    # record-level items and part fields go to the record's own slot
    assert doc["person"]["extensions"][alias] == {"/furigana": "ヤマダ タロウ", "/name/middle": "J"}
    assert "furigana" not in doc["person"] and "middle" not in doc["person"]["name"]
    # two wills: the first stays readable, the whole list is carried at the root
    assert "kind" not in doc["will"]  # "secret" is not a 1.0 code
    assert doc["will"]["extensions"]["en-1-1"] == {
        "/id": "w1",
        "/kind": "secret",
        "/witnesses": [{"family": "佐藤"}],
    }
    assert doc["extensions"][alias]["/will"] == DOC_11["will"]
    assert doc["extensions"][alias]["/disclosure_rule"] == DOC_11["disclosure_rule"]
    assert doc["account"][0]["handle"] == "@taro"
    # a list where 1.0 holds one value: the first stays, the whole list is carried in the record
    assert doc["account"][0]["note"] == "一"
    assert doc["account"][0]["extensions"]["en-1-1"] == {"/note": ["一", "二"]}
    assert doc["person"]["name"]["given"] == "太郎"  # a one-element list is simply unwrapped
    carried = {i.path for i in result.carried}
    assert {"/person/furigana", "/person/name/middle", "/will", "/disclosure_rule"} <= carried


def test_code_unknown_to_target_is_carried_not_dropped(root: Path) -> None:
    doc = copy.deepcopy(DOC_11)
    doc["will"] = [{"id": "w1", "kind": "secret"}]
    result = migrate(doc, "1.0", root)
    assert result.document is not None
    will = result.document["will"]
    assert "kind" not in will
    assert will["extensions"]["en-1-1"] == {"/id": "w1", "/kind": "secret"}
    back = migrate(result.document, "1.1", root)
    assert back.document == doc


@pytest.mark.parametrize("doc", [DOC_10], ids=["1.0"])
def test_up_down_identity(root: Path, doc: dict[str, Any]) -> None:
    up = migrate(doc, "1.1", root)
    assert up.document is not None
    down = migrate(up.document, "1.0", root)
    assert down.document == doc


def test_down_up_identity(root: Path) -> None:
    down = migrate(DOC_11, "1.0", root)
    assert down.document is not None
    up = migrate(down.document, "1.1", root)
    assert up.document == DOC_11


def test_carrier_alias_does_not_clobber_a_vendor_alias(root: Path) -> None:
    doc = copy.deepcopy(DOC_11)
    doc["header"]["extensions"] = {"en-1-1": "https://other.example/ns"}
    doc["extensions"] = {"en-1-1": {"mine": 1}}
    down = migrate(doc, "1.0", root)
    assert down.document is not None
    assert down.document["header"]["extensions"]["en-1-1"] == "https://other.example/ns"
    assert down.document["header"]["extensions"]["en-1-1-2"] == "https://w3id.org/endingnote/ext/v1.1"
    assert down.document["extensions"]["en-1-1"] == {"mine": 1}
    assert migrate(down.document, "1.1", root).document == doc


def test_unknown_versions_are_findings(root: Path) -> None:
    bad = migrate({"header": {"standard": "9.9"}}, "1.0", root)
    assert bad.document is None and bad.issues[0].code == "migrate.unknown_source"
    bad = migrate(DOC_10, "7.0", root)
    assert bad.document is None and bad.issues[0].code == "migrate.unknown_target"
    bad = migrate({"no": "header"}, "1.0", root)
    assert bad.document is None and bad.issues[0].code == "migrate.not_an_object"


def test_same_version_is_identity(root: Path) -> None:
    result = migrate(DOC_10, "1.0", root)
    assert result.document == DOC_10 and result.path == ["1.0"]


def test_hostile_nesting_is_a_finding_not_a_crash(root: Path) -> None:
    deep: Any = 1
    for _ in range(10_000):
        deep = {"d": deep}
    doc = copy.deepcopy(DOC_10)
    doc["extensions"] = {"acme": deep}
    result = migrate(doc, "1.1", root)
    assert result.document is None and [i.code for i in result.issues] == ["migrate.too_deep"]


def test_code_transforms_run_per_step_in_both_directions(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real transformations that cannot be derived from the catalogue register per step; going up
    they run after the derived renames, going down before them (so they see 1.1 names both ways)."""
    from endingnote.compat import _migrate

    seen: list[str] = []

    def up(doc: dict[str, Any], ctx: Any) -> None:
        for acc in doc.get("account", []):
            seen.append("up:" + ",".join(sorted(acc)))
            acc["account_id_hint"] = acc["account_id_hint"].lstrip("@")

    def down(doc: dict[str, Any], ctx: Any) -> None:
        for acc in doc.get("account", []):
            seen.append("down:" + ",".join(sorted(acc)))
            acc["account_id_hint"] = "@" + acc["account_id_hint"]

    monkeypatch.setitem(_migrate.TRANSFORMS, ("1.0", "1.1"), ([up], [down]))
    upped = migrate(DOC_10, "1.1", root).document
    assert upped is not None and upped["account"][0]["account_id_hint"] == "taro"
    assert migrate(upped, "1.0", root).document == DOC_10
    assert seen == ["up:account_id_hint,id,provider", "down:account_id_hint,id,provider"]
