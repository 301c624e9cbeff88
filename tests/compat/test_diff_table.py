"""The compatibility checker on a table of change kinds, each applied to a tiny standard."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from endingnote.compat import Level, Upgrade, diff
from endingnote.standard import get
from tests.compat._mini import base_spec, find, find_item, item, write

Spec = dict[str, Any]


def _add_optional(s: Spec) -> None:
    find(s, "person")["items"].append(item("furigana", "kana"))


def _add_required(s: Spec) -> None:
    find(s, "person")["items"].append(item("register_kana", "kana", cardinality="1"))


def _remove_optional(s: Spec) -> None:
    find(s, "person")["items"].pop(2)


def _remove_required(s: Spec) -> None:
    find(s, "person")["items"].pop(1)


def _set(record: str, key: str, **kw: Any) -> Callable[[Spec], None]:
    def edit(s: Spec) -> None:
        target = find_item(s, record, key)
        for k, v in kw.items():
            if v is None:
                target.pop(k, None)
            else:
                target[k] = v

    return edit


def _record_card(key: str, card: str) -> Callable[[Spec], None]:
    def edit(s: Spec) -> None:
        find(s, key)["cardinality"] = card

    return edit


def _rename(s: Spec) -> None:
    target = find_item(s, "account", "handle")
    target["key"] = "account_id_hint"
    target["aliases"] = ["handle"]


def _deprecate(s: Spec) -> None:
    find_item(s, "account", "handle").update(
        status="deprecated", deprecated_in="1.1", replaced_by="account.note"
    )


def _add_code(s: Spec) -> None:
    s["codelists"]["will_kind"]["codes"].append(
        {"code": "secret", "label_ja": "秘密証書", "label_en": "Secret"}
    )


def _remove_code(s: Spec) -> None:
    s["codelists"]["will_kind"]["codes"].pop(1)


def _code_label(s: Spec) -> None:
    s["codelists"]["will_kind"]["codes"][0]["label_ja"] = "自筆証書遺言"


def _add_record(s: Spec) -> None:
    s["records"].append(
        {
            **find(s, "account"),
            "key": "disclosure_rule",
            "items": [item("audience", "string", cardinality="1")],
        }
    )


def _remove_record(s: Spec) -> None:
    s["records"] = [r for r in s["records"] if r["key"] != "will"]


def _label(s: Spec) -> None:
    find_item(s, "will", "location")["label_ja"] = "保管場所(遺言書)"
    find_item(s, "will", "location")["definition_en"] = "Where the will is kept."


def _part_field_added(s: Spec) -> None:
    s["parts"][0]["fields"].append(
        {"key": "middle", "label_ja": "ミドル", "label_en": "Middle", "type": "string"}
    )


def _widen_type(s: Spec) -> None:
    find_item(s, "person", "nickname")["type"] = "text"


def _narrow_type(s: Spec) -> None:
    find_item(s, "account", "note")["type"] = "string"


def _change_type(s: Spec) -> None:
    find_item(s, "account", "handle")["type"] = "integer"


B, A, E = Level.BREAKING, Level.ADDITIVE, Level.EDITORIAL
ANY, CONS, PROD, BOTH = Upgrade.ANY, Upgrade.CONSUMERS, Upgrade.PRODUCERS, Upgrade.BOTH

# id, edit, expected [(rule, path, level, upgrade_first)]
TABLE: list[tuple[str, Callable[[Spec], None], list[tuple[str, str, Level, Upgrade]]]] = [
    ("add optional item", _add_optional, [("ITEM_ADDED_OPTIONAL", "person.furigana", A, CONS)]),
    ("add required item", _add_required, [("ITEM_ADDED_REQUIRED", "person.register_kana", B, BOTH)]),
    ("remove optional item", _remove_optional, [("ITEM_REMOVED_OPTIONAL", "person.nickname", B, PROD)]),
    ("remove required item", _remove_required, [("ITEM_REMOVED_REQUIRED", "person.birth_date", B, BOTH)]),
    ("narrow max_length", _set("will", "location", constraints={"max_length": 50}),
     [("MAX_LENGTH_NARROWED", "will.location", B, PROD)]),
    ("widen max_length", _set("will", "location", constraints={"max_length": 200}),
     [("MAX_LENGTH_WIDENED", "will.location", A, CONS)]),
    ("drop max_length", _set("will", "location", constraints=None),
     [("MAX_LENGTH_WIDENED", "will.location", A, CONS)]),
    ("add pattern", _set("will", "location", constraints={"max_length": 100, "pattern": "^[^0-9]*$"}),
     [("PATTERN_ADDED", "will.location", B, PROD)]),
    ("add min_length", _set("will", "location", constraints={"max_length": 100, "min_length": 2}),
     [("MIN_LENGTH_NARROWED", "will.location", B, PROD)]),
    ("widen type string→text", _widen_type, [("ITEM_TYPE_WIDENED", "person.nickname", A, CONS)]),
    ("narrow type text→string", _narrow_type, [("ITEM_TYPE_NARROWED", "account.note", B, PROD)]),
    ("change type string→integer", _change_type, [("ITEM_TYPE_CHANGED", "account.handle", B, BOTH)]),
    ("enum value added", _add_code, [("CODE_ADDED", "codelist:will_kind/secret", A, CONS)]),
    ("enum value removed", _remove_code, [("CODE_REMOVED", "codelist:will_kind/notarial", B, PROD)]),
    ("optional item becomes required 0..1→1", _set("will", "location", cardinality="1"),
     [("ITEM_CARDINALITY_NARROWED", "will.location", B, PROD)]),
    ("required item becomes optional 1→0..1", _set("person", "birth_date", cardinality="0..1"),
     [("ITEM_CARDINALITY_WIDENED", "person.birth_date", A, CONS)]),
    ("item becomes repeating 0..1→0..*", _set("will", "location", cardinality="0..*"),
     [("ITEM_TO_REPEATING", "will.location", B, BOTH)]),
    ("item becomes repeating and required 0..1→1..*", _set("will", "location", cardinality="1..*"),
     [("ITEM_TO_REPEATING", "will.location", B, BOTH),
      ("ITEM_CARDINALITY_NARROWED", "will.location", B, PROD)]),
    ("record becomes single 0..*→0..1", _record_card("account", "0..1"),
     [("RECORD_TO_SINGLE", "account", B, BOTH)]),
    ("record becomes repeating", _record_card("will", "0..*"), [("RECORD_TO_REPEATING", "will", B, BOTH)]),
    ("record becomes required", _record_card("will", "1"),
     [("RECORD_CARDINALITY_NARROWED", "will", B, PROD)]),
    ("rename with alias", _rename, [("ITEM_RENAMED", "account.account_id_hint", B, BOTH)]),
    ("deprecation", _deprecate, [("ITEM_DEPRECATED", "account.handle", A, ANY)]),
    ("record type added", _add_record, [("RECORD_ADDED_OPTIONAL", "disclosure_rule", A, CONS)]),
    ("record type removed", _remove_record, [("RECORD_REMOVED_OPTIONAL", "will", B, PROD)]),
    ("label and definition edits", _label,
     [("ITEM_LABEL_CHANGED", "will.location", E, ANY), ("ITEM_DEFINITION_CHANGED", "will.location", E, ANY)]),
    ("code label edit", _code_label, [("CODE_LABEL_CHANGED", "codelist:will_kind/holographic", E, ANY)]),
    ("optional part field added", _part_field_added,
     [("ITEM_ADDED_OPTIONAL", "part:name_part.middle", A, CONS)]),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "expected"), [(e, x) for _, e, x in TABLE], ids=[t[0] for t in TABLE])
def test_change_kind(tmp_path: Path, edit: Callable[[Spec], None], expected: list[Any]) -> None:
    old_spec = base_spec()
    new_spec = copy.deepcopy(old_spec)
    new_spec["head"].update(version="1.1", previous="1.0")
    edit(new_spec)
    write(tmp_path, old_spec)
    write(tmp_path, new_spec)
    changes = diff(get("1.0", tmp_path), get("1.1", tmp_path))
    got = [(c.rule, c.path, c.level, c.upgrade_first) for c in changes]
    assert got == expected


def test_identical_versions_have_no_changes(tmp_path: Path) -> None:
    spec = base_spec()
    write(tmp_path, spec)
    std = get("1.0", tmp_path)
    assert diff(std, std) == []


def test_adding_an_optional_item_is_not_breaking_because_objects_are_closed(tmp_path: Path) -> None:
    """The JSON Schema open-content trap: with closed objects, old documents cannot hold the new
    property, so adding it is backward compatible; old readers are the ones that must upgrade."""
    old_spec = base_spec()
    new_spec = copy.deepcopy(old_spec)
    new_spec["head"].update(version="1.1", previous="1.0")
    _add_optional(new_spec)
    write(tmp_path, old_spec)
    write(tmp_path, new_spec)
    (change,) = diff(get("1.0", tmp_path), get("1.1", tmp_path))
    assert change.backward and not change.forward and not change.breaking
    assert change.to_dict()["upgrade_first"] == "consumers"


def test_part_changes_name_the_items_they_affect(tmp_path: Path) -> None:
    old_spec = base_spec()
    new_spec = copy.deepcopy(old_spec)
    new_spec["head"].update(version="1.1", previous="1.0")
    _part_field_added(new_spec)
    write(tmp_path, old_spec)
    write(tmp_path, new_spec)
    (change,) = diff(get("1.0", tmp_path), get("1.1", tmp_path))
    assert change.affects == ("person.name",)
