"""check_document_extensions: registered values checked, unregistered ones warned about and kept."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from endingnote.extensions import check_document_extensions

A = "https://vendor-a.example/ns/endingnote"
B = "https://vendor-b.example/ns/endingnote"
C = "https://vendor-c.example/ns/endingnote"
INV, NA, MISSING, UNKNOWN = (
    "extension.invalid_value",
    "extension.not_applicable",
    "extension.missing_field",
    "extension.unknown_item",
)
P, R = "/person/extensions", "/extensions"


def _doc(**slots: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "header": {"standard": "1.0", "extensions": {"va": A, "vb": B, "vc": C}},
        "person": {"name": {"family": "山田"}, "birth_date": "1950-04-01"},
        "account": [{"id": "a1", "provider": "X"}, {"id": "a2", "provider": "Y"}],
    }
    if "person" in slots:
        doc["person"]["extensions"] = slots["person"]
    if "account" in slots:
        doc["account"][1]["extensions"] = slots["account"]
    if "root" in slots:
        doc["extensions"] = slots["root"]
    return doc


def _codes(doc: dict[str, Any], root: Path, version: str = "1.0") -> list[tuple[str, str]]:
    return [
        (i.code, i.path)
        for i in check_document_extensions(doc, version, root=root)
        if i.code != "extension.unused_alias"
    ]


def test_valid_values_of_all_three_vendors(mini_root: Path) -> None:
    doc = _doc(
        person={"va": {"folder": "基本", "disclosure_level": "family", "memo_colour": "yellow"}},
        account={"vb": {"folder_audience": "named_persons", "folder_audience_names": ["山田 花子"]}},
        root={
            "va": {"family_tree_layout": {"orientation": "vertical", "generations": 3}},
            "vb": {"service_plan": "premium", "last_login": "2026-10-01T09:30:00+09:00"},
            "vc": {
                "reminder": {"enabled": True, "frequency": "yearly", "time": "09:00"},
                "device_platform": "ios",
            },
        },
    )
    assert _codes(doc, mini_root) == []


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ({"person": {"va": {"memo_colour": "pink"}}}, [(INV, P + "/va/memo_colour")]),
        ({"person": {"va": {"folder": "a\nb"}}}, [(INV, P + "/va/folder")]),
        ({"person": {"va": {"folder": "x" * 101}}}, [(INV, P + "/va/folder")]),
        ({"root": {"vb": {"last_login": "2026-02-30T09:00:00+09:00"}}}, [(INV, R + "/vb/last_login")]),
        ({"root": {"vb": {"last_login": "2026-02-01 09:00"}}}, [(INV, R + "/vb/last_login")]),
        ({"account": {"vb": {"folder_audience_names": "山田"}}},
         [(INV, "/account/1/extensions/vb/folder_audience_names")]),
        ({"root": {"va": {"family_tree_layout": {"generations": 11}}}},
         [(INV, R + "/va/family_tree_layout/generations")]),
        ({"root": {"va": {"family_tree_layout": {"generations": True}}}},
         [(INV, R + "/va/family_tree_layout/generations")]),
        ({"root": {"vc": {"reminder": {"frequency": "daily"}}}},
         [(MISSING, R + "/vc/reminder"), (INV, R + "/vc/reminder/frequency")]),
        ({"root": {"vc": {"photo_album_id": "album-1a2b3c4d"}}}, [(NA, R + "/vc/photo_album_id")]),
        ({"person": {"vb": {"service_plan": "free"}}}, [(NA, P + "/vb/service_plan")]),
        ({"person": {"vc": {"photo_album_id": "album-XYZ"}}}, [(INV, P + "/vc/photo_album_id")]),
        ({"person": {"va": {"font": "mincho"}}}, [(UNKNOWN, P + "/va/font")]),
        ({"person": {"va": "not an object"}}, [("extension.not_an_object", "/person/extensions/va")]),
        ({"person": ["not", "a", "slot"]}, [("extension.not_an_object", "/person/extensions")]),
    ],
    ids=lambda v: "" if isinstance(v, list) else None,
)  # fmt: skip
def test_findings(mini_root: Path, slots: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert _codes(_doc(**slots), mini_root) == expected


def test_unregistered_namespace_is_a_warning_and_is_left_untouched(mini_root: Path) -> None:
    doc = _doc(root={"zz": {"anything": {"deep": [1, {"x": None}]}}})
    doc["header"]["extensions"]["zz"] = "https://unknown.example/ns"
    before = copy.deepcopy(doc)
    issues = check_document_extensions(doc, "1.0", root=mini_root)
    found = [(i.code, i.severity.value) for i in issues if i.code != "extension.unused_alias"]
    assert found == [("extension.unregistered", "warning")]
    assert doc == before


def test_header_problems(mini_root: Path) -> None:
    doc = _doc(person={"va": {"folder": "x"}})
    doc["header"]["extensions"].update({"dup": A, "bad": "not a uri"})
    codes = {i.code for i in check_document_extensions(doc, "1.0", root=mini_root)}
    assert {"extension.duplicate_uri", "extension.bad_uri", "extension.unused_alias"} <= codes


def test_undeclared_alias_is_left_to_the_validator_unless_asked(mini_root: Path) -> None:
    doc = _doc(person={"nope": {"x": 1}})
    assert _codes(doc, mini_root) == []
    codes = [i.code for i in check_document_extensions(doc, "1.0", root=mini_root, report_undeclared=True)]
    assert "extension.alias_undeclared" in codes


def test_version_carrier_is_recognised(mini_root: Path) -> None:
    doc = _doc(root={"en-1-1": {"/disclosure_rule": [{"section": "account"}]}})
    doc["header"]["extensions"]["en-1-1"] = "https://w3id.org/endingnote/ext/v1.1"
    assert _codes(doc, mini_root) == [("extension.carrier", "/extensions/en-1-1")]
    doc["extensions"]["en-1-1"] = {"disclosure_rule": []}
    assert ("extension.carrier_invalid", "/extensions/en-1-1/disclosure_rule") in _codes(doc, mini_root)


def test_namespace_not_declaring_the_version_is_a_warning(mini_root: Path, tmp_path: Path) -> None:
    import shutil

    import yaml

    root = tmp_path / "std"
    shutil.copytree(mini_root, root)
    path = root / "extensions" / "vendor-a.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["standard_versions"] = ["1.1"]
    data["status"] = "deprecated"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    codes = [c for c, _ in _codes(_doc(person={"va": {"folder": "x"}}), root)]
    assert codes == ["extension.version_unsupported", "extension.namespace_status"]


def test_hostile_inputs_do_not_crash(mini_root: Path) -> None:
    deep: Any = "x"
    for _ in range(5000):
        deep = {"d": deep}
    doc = _doc(root={"zz": deep, "va": {"family_tree_layout": deep}})
    doc["header"]["extensions"]["zz"] = "https://unknown.example/ns"
    codes = {i.code for i in check_document_extensions(doc, "1.0", root=mini_root)}
    assert "extension.unregistered" in codes and "extension.unknown_item" in codes
    assert check_document_extensions("not a document", "1.0", root=mini_root) == []  # type: ignore[arg-type]
    assert check_document_extensions({"header": "x", "person": 5}, "1.0", root=mini_root) == []


def test_ref_items_must_resolve_and_deprecated_items_warn(mini_root: Path, tmp_path: Path) -> None:
    import shutil

    import yaml

    root = tmp_path / "std"
    shutil.copytree(mini_root, root)
    entry = yaml.safe_load((root / "extensions" / "vendor-c.yaml").read_text(encoding="utf-8"))
    entry.update(uri="https://vendor-z.example/ns", prefix="vendor-z")
    entry["items"] = [
        {
            "key": "main_account",
            "applies_to": ["document"],
            "type": "ref",
            "ref": "account",
            "label_ja": "主な口座",
            "label_en": "Main account",
            "definition_ja": "主に使う口座の記録。",
            "definition_en": "The account used most.",
        },
        {
            "key": "old_flag",
            "applies_to": ["document"],
            "type": "boolean",
            "status": "deprecated",
            "label_ja": "旧フラグ",
            "label_en": "Old flag",
            "definition_ja": "廃止予定。",
            "definition_en": "Going away.",
        },
    ]
    (root / "extensions" / "vendor-z.yaml").write_text(
        yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8"
    )
    doc = _doc(root={"vz": {"main_account": "a2", "old_flag": True}})
    doc["header"]["extensions"]["vz"] = "https://vendor-z.example/ns"
    assert _codes(doc, root) == [("extension.item_deprecated", "/extensions/vz/old_flag")]
    doc["extensions"]["vz"]["main_account"] = "a9"
    assert (INV, "/extensions/vz/main_account") in _codes(doc, root)


def test_a_remembered_verdict_answers_only_for_its_own_field() -> None:
    """The extension check remembers texts that fit a field; another field, or the same text
    with a line break, is checked afresh."""
    from endingnote.extensions._check import _fits
    from endingnote.extensions._model import ExtField

    loose = ExtField("a", "string", "", "", "", "", constraints={"max_length": 10})
    tight = ExtField("b", "string", "", "", "", "", constraints={"max_length": 3})
    for _ in range(2):
        assert _fits("abcdef", loose)
        assert not _fits("abcdef", tight)
        assert not _fits("abc\ndef", loose)
