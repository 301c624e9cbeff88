"""The registry files and the meta-schema."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from endingnote.extensions import check_file, load_registry, registered_uris
from tests.extensions._ext_paths import REGISTRY

VENDOR_A = "https://vendor-a.example/ns/endingnote"


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REGISTRY / "vendor-a.yaml").read_text(encoding="utf-8"))
    return data


def _check(
    tmp_path: Path, root: Path, data: Any, name: str = "new.yaml", raw: str | None = None
) -> list[str]:
    path = tmp_path / name
    path.write_text(raw if raw is not None else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return [i.code for i in check_file(path, root, others=registered_uris(root))]


def test_the_mini_registry_loads_three_vendors(mini_root: Path) -> None:
    reg = load_registry(mini_root)
    assert sorted(reg.namespaces) == [VENDOR_A, VENDOR_A.replace("-a", "-b"), VENDOR_A.replace("-a", "-c")]
    a = reg.namespaces[VENDOR_A]
    assert a.prefix == "vendor-a" and "1.0" in a.standard_versions
    assert {i.key for i in a.items} >= {"disclosure_level", "memo_colour", "family_tree_layout"}


def test_shipped_files_are_valid_against_the_real_standard() -> None:
    for path in sorted(REGISTRY.glob("*.yaml")):
        issues = check_file(path, others=registered_uris(exclude=path))
        assert [i for i in issues if i.severity == "error"] == [], (path, issues)


def _item(i: int) -> dict[str, Any]:
    item: dict[str, Any] = _base()["items"][i]
    return item


def _edit(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(_base())
    data["uri"] = "https://vendor-z.example/ns"
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({k: v for k, v in _edit().items() if k != "owner"}, "extension.registry.schema"),
        (_edit(uri="ftp://vendor-z.example/ns"), "extension.registry.schema"),
        (_edit(status="retired"), "extension.registry.schema"),
        (_edit(standard_versions=["one"]), "extension.registry.schema"),
        (_edit(items=[{**_base()["items"][1], "codes": []}]), "extension.registry.schema"),
        (
            _edit(items=[{k: v for k, v in _base()["items"][1].items() if k != "codes"}]),
            "extension.registry.schema",
        ),
        (_edit(items=[{**_base()["items"][0], "colour": "red"}]), "extension.registry.schema"),
        (_edit(items=[_base()["items"][0], _base()["items"][0]]), "extension.registry.duplicate"),
        (
            _edit(items=[{**_base()["items"][0], "constraints": {"pattern": "(["}}]),
            "extension.registry.bad_pattern",
        ),
        (
            _edit(items=[{**_base()["items"][0], "applies_to": ["no_such_record"]}]),
            "extension.registry.unknown_record",
        ),
        (
            _edit(items=[{**_item(0), "constraints": {"pattern": "^(a+)+$"}}]),
            "extension.registry.unsafe_pattern",
        ),
        (
            _edit(items=[{**_item(0), "constraints": {"pattern": "^([a-z]*,?)*$"}}]),
            "extension.registry.unsafe_pattern",
        ),
        (_edit(uri="https://w3id.org/endingnote/ext/acme"), "extension.registry.reserved_namespace"),
        (_edit(uri=VENDOR_A), "extension.registry.uri_taken"),
        (_edit(standard_versions=["1.0", "9.9"]), "extension.registry.unknown_version"),
    ],
    ids=[
        "missing owner",
        "ftp uri",
        "bad status",
        "bad version",
        "empty code list",
        "code item without codes",
        "unknown attribute",
        "duplicate item key",
        "bad regex",
        "unknown record type",
        "nested quantifier",
        "nested quantifier with optional separator",
        "standard namespace",
        "uri registered twice",
        "unknown standard version",
    ],
)
def test_bad_registry_files(tmp_path: Path, mini_root: Path, data: dict[str, Any], code: str) -> None:
    assert code in _check(tmp_path, mini_root, data)


def test_a_good_new_file_passes(tmp_path: Path, mini_root: Path) -> None:
    assert _check(tmp_path, mini_root, _edit()) == []


def test_yaml_alias_bomb_is_refused(tmp_path: Path, mini_root: Path) -> None:
    bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nuri: https://z.example/\n"
    assert _check(tmp_path, mini_root, None, raw=bomb) == ["extension.registry.unreadable"]


def test_not_yaml_and_oversized_files_are_findings(tmp_path: Path, mini_root: Path) -> None:
    assert _check(tmp_path, mini_root, None, raw="uri: [unclosed\n") == ["extension.registry.unreadable"]
    assert _check(tmp_path, mini_root, None, raw="x: " + "a" * 1_100_000) == ["extension.registry.unreadable"]
    assert _check(tmp_path, mini_root, None, raw="- just\n- a list\n") == ["extension.registry.schema"]
