"""check-compat: transitive checks, acknowledgements, frozen releases."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from endingnote.compat import check_compat, compare, freeze
from endingnote.compat._snapshot import snapshot_path
from tests.compat._mini import base_spec, find, find_item, item, next_spec, write


def _freeze(root: Path, spec: dict[str, Any]) -> None:
    """Freeze ``spec`` as it was released (from a separate folder), into ``root``."""
    version = spec["head"]["version"]
    other = root.parent / f"{root.name}-release-{version}"
    write(other, spec)
    freeze(version, other)
    target = snapshot_path(root, version)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(snapshot_path(other, version).read_bytes())


def _root(tmp_path: Path, *specs: dict[str, Any], frozen: dict[str, Any] | None = None) -> Path:
    for spec in specs:
        write(tmp_path, spec)
        if spec["head"]["version"] != "1.0":
            _freeze(tmp_path, spec)
    if frozen is not None:
        _freeze(tmp_path, frozen)
    return tmp_path


def test_acknowledged_breaking_changes_pass(tmp_path: Path) -> None:
    root = _root(tmp_path, base_spec(), next_spec(), frozen=base_spec())
    results = check_compat(root)
    assert [(r.kind, r.old) for r in results] == [("versions", "1.0"), ("frozen", "1.0"), ("frozen", "1.1")]
    assert all(r.ok for r in results), [r.to_dict() for r in results]
    breaking = [c for c in results[0].changes if c.breaking]
    assert {c.rule for c in breaking} == {"RECORD_TO_REPEATING", "ITEM_RENAMED", "ITEM_TO_REPEATING"}
    assert all(c.acknowledged and c.acknowledged_in == "1.1" for c in breaking)


def test_an_unflagged_breaking_change_fails(tmp_path: Path) -> None:
    spec = next_spec()
    spec["head"]["acknowledged_breaking"].pop(0)
    root = _root(tmp_path, base_spec(), spec, frozen=base_spec())
    versions_result = check_compat(root)[0]
    assert not versions_result.ok
    assert [(c.rule, c.path) for c in versions_result.unacknowledged] == [("RECORD_TO_REPEATING", "will")]


def test_an_acknowledgement_that_matches_nothing_fails(tmp_path: Path) -> None:
    spec = next_spec()
    spec["head"]["acknowledged_breaking"].append(
        {
            "rule": "ITEM_REMOVED_OPTIONAL",
            "path": "person.nickname",
            "reason_ja": "誤り",
            "reason_en": "stale",
        }
    )
    root = _root(tmp_path, base_spec(), spec, frozen=base_spec())
    result = check_compat(root)[0]
    assert not result.ok and "matches no incompatible change" in result.problems[0]


def test_normative_edit_to_a_released_version_fails(tmp_path: Path) -> None:
    edited = base_spec()
    find_item(edited, "will", "location")["constraints"] = {"max_length": 20}
    root = _root(tmp_path, edited, frozen=base_spec())
    (result,) = check_compat(root)
    assert result.kind == "frozen" and not result.ok
    assert "MAX_LENGTH_NARROWED" in result.problems[0]


def test_even_an_additive_edit_to_a_released_version_fails(tmp_path: Path) -> None:
    edited = base_spec()
    find(edited, "person")["items"].append(item("extra", "string"))
    root = _root(tmp_path, edited, frozen=base_spec())
    (result,) = check_compat(root)
    assert not result.ok


def test_editorial_errata_to_a_released_version_pass(tmp_path: Path) -> None:
    edited = base_spec()
    find_item(edited, "will", "location")["label_ja"] = "遺言書の保管場所"
    root = _root(tmp_path, edited, frozen=base_spec())
    (result,) = check_compat(root)
    assert result.ok and [c.rule for c in result.changes] == ["ITEM_LABEL_CHANGED"]


def test_unfrozen_release_is_reported(tmp_path: Path) -> None:
    root = _root(tmp_path, base_spec())
    (result,) = check_compat(root)
    assert not result.ok and "not frozen" in result.problems[0]


def test_transitive_check_catches_what_pairwise_checks_miss(tmp_path: Path) -> None:
    """1.1 removes an optional item (acknowledged); 1.2 re-adds it with another type. 1.1→1.2 is
    merely "item added", but 1.0→1.2 changes the type of an item 1.0 documents may hold."""
    v11 = base_spec()
    v11["head"].update(version="1.1", previous="1.0")
    find(v11, "person")["items"] = [i for i in find(v11, "person")["items"] if i["key"] != "nickname"]
    v11["head"]["acknowledged_breaking"] = [
        {
            "rule": "ITEM_REMOVED_OPTIONAL",
            "path": "person.nickname",
            "reason_ja": "廃止",
            "reason_en": "dropped",
        }
    ]
    v12 = copy.deepcopy(v11)
    v12["head"].update(version="1.2", previous="1.1", acknowledged_breaking=[])
    find(v12, "person")["items"].append(item("nickname", "integer"))
    root = _root(tmp_path, base_spec(), v11, v12, frozen=base_spec())
    pairwise = compare("1.1", "1.2", root)
    assert pairwise.ok and [c.rule for c in pairwise.changes] == ["ITEM_ADDED_OPTIONAL"]
    results = {(r.old, r.kind): r for r in check_compat(root)}
    assert results[("1.1", "versions")].ok
    transitive = results[("1.0", "versions")]
    assert not transitive.ok
    assert [(c.rule, c.path) for c in transitive.unacknowledged] == [("ITEM_TYPE_CHANGED", "person.nickname")]


def test_modes_follow_confluent(tmp_path: Path) -> None:
    """Adding an optional item is fine BACKWARD (readers first) but not FORWARD or FULL."""
    from endingnote.compat import Mode

    spec = base_spec()
    spec["head"].update(version="1.1", previous="1.0")
    find(spec, "person")["items"].append(item("furigana", "kana"))
    root = _root(tmp_path, base_spec(), spec, frozen=base_spec())
    assert compare("1.0", "1.1", root, Mode.BACKWARD).ok
    forward = compare("1.0", "1.1", root, Mode.FORWARD)
    assert [(c.rule, c.path) for c in forward.unacknowledged] == [("ITEM_ADDED_OPTIONAL", "person.furigana")]
    assert not compare("1.0", "1.1", root, Mode.FULL).ok
    # narrowing is the mirror image: producers first
    narrow = copy.deepcopy(base_spec())
    narrow["head"].update(version="1.1", previous="1.0")
    find_item(narrow, "will", "location")["constraints"] = {"max_length": 10}
    root2 = _root(tmp_path / "n", base_spec(), narrow)
    assert compare("1.0", "1.1", root2, Mode.FORWARD).ok
    assert not compare("1.0", "1.1", root2, Mode.BACKWARD).ok


def test_a_broken_previous_chain_fails(tmp_path: Path) -> None:
    spec = next_spec()
    spec["head"]["previous"] = "0.9"
    root = _root(tmp_path, base_spec(), spec, frozen=base_spec())
    chain = [r for r in check_compat(root) if r.kind == "chain"]
    assert len(chain) == 1 and not chain[0].ok and "1.1: previous is '0.9'" in chain[0].problems[0]
