"""The mapping language: the meta-schema and the checks against the standard give clear findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from endingnote.convert import MappingError, check_mapping, load_mapping
from endingnote.convert._metaschema import META_SCHEMA
from tests.convert.conftest import write_mapping

CSV = "{format: csv, encoding: cp932, person_key: ID}"


def _findings(path: Path) -> list[tuple[str, str]]:
    return [(i.code, i.path) for i in check_mapping(path).issues if i.severity.value == "error"]


def test_a_good_mapping_loads(tmp_path: Path) -> None:
    mapping = load_mapping(write_mapping(tmp_path, CSV))
    assert mapping.vendor == "t" and mapping.alias == "vendor-a"
    assert [f.target for f in mapping.person.fields][:2] == ["person.name", "person.birth_date"]
    assert all(f.invertible for f in mapping.person.fields)


def test_meta_schema_is_json_schema_2020_12() -> None:
    import jsonschema_rs

    assert jsonschema_rs.meta.is_valid(META_SCHEMA)
    assert not jsonschema_rs.meta.is_valid({"type": "no-such-type"})


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            "fields:\n  - {source: A, target: person.nope}\n",
            ("convert.mapping.unknown_target", "/fields/0/target"),
        ),
        (
            "fields:\n  - {source: A, target: nothing.name}\n",
            ("convert.mapping.unknown_target", "/fields/0/target"),
        ),
        (
            "fields:\n  - {source: A, target: person.name}\n",
            ("convert.mapping.unknown_target", "/fields/0/target"),
        ),
        (
            "fields:\n  - {source: A, target: person.birth_date, transforms: [name_split]}\n",
            ("convert.mapping.unknown_target", "/fields/0/target"),
        ),
        (
            "fields:\n  - {source: A, target: person.sex, transforms: [frobnicate]}\n",
            ("convert.mapping.unknown_transform", "/fields/0/transforms/0"),
        ),
        (
            "fields:\n  - {source: A, target: person.sex, transforms: [{wareki: {style: roman}}]}\n",
            ("convert.mapping.bad_params", "/fields/0/transforms/0"),
        ),
        (
            "fields:\n  - {source: A, target: person.sex}\n  - {source: A, target: person.birth_date}\n",
            ("convert.mapping.duplicate_source", "/fields/1"),
        ),
        (
            "fields:\n  - {source: 暗証番号, target: person.sex}\n",
            ("convert.mapping.secret_kept", "/fields/0"),
        ),
        ("fields:\n  - {source: A, target: person.sex, extra: 1}\n", ("convert.mapping.schema", "/fields/0")),
        ("fields:\n  - {source: A, target: Person.Sex}\n", ("convert.mapping.schema", "/fields/0/target")),
        (
            "fields: []\ngroups:\n  - {record: person, where: {column: K, equals: x}, fields: []}\n",
            ("convert.mapping.unknown_target", "/groups/0/record"),
        ),
        (
            "fields: []\nextensions:\n  - {source: パスワード, key: pw}\n",
            ("convert.mapping.secret_kept", "/extensions/0"),
        ),
    ],
)
def test_bad_mappings_get_clear_findings(tmp_path: Path, fields: str, expected: tuple[str, str]) -> None:
    path = write_mapping(tmp_path, CSV, fields)
    assert expected in _findings(path)
    with pytest.raises(MappingError) as info:
        load_mapping(path)
    assert expected in [(i.code, i.path) for i in info.value.report.issues]
    assert "error(s); first: convert.mapping." in str(info.value)


def test_missing_required_source_options(tmp_path: Path) -> None:
    assert ("convert.mapping.schema", "/source") in _findings(write_mapping(tmp_path, "{format: csv}"))
    assert ("convert.mapping.schema", "/source") in _findings(write_mapping(tmp_path, "{format: xml}"))


@pytest.mark.parametrize(
    ("text", "where"),
    [("bas se: {1}\n", "/bas se"), ("fields:\n  - {1: x}\n", "/fields/0"), ("2026-01-01: x\n", "")],
    ids=["flow-set", "int-key-in-a-list", "date-key"],
)
def test_a_key_that_is_not_text_is_a_finding(tmp_path: Path, text: str, where: str) -> None:
    """YAML keys may be numbers or dates; a mapping's are text (found by the mapping fuzzer)."""
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    assert _findings(path) == [("convert.mapping.schema", where)]


def test_unknown_standard_version(tmp_path: Path) -> None:
    path = write_mapping(tmp_path, CSV)
    path.write_text(path.read_text().replace('standard: "1.0"', 'standard: "9.9"'))
    assert _findings(path) == [("convert.mapping.unknown_standard", "/standard")]


def test_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("mapping: [unclosed\n")
    assert [c for c, _ in _findings(path)] == ["convert.mapping.unreadable"]


def test_location_fields_are_not_secrets(tmp_path: Path) -> None:
    fields = "fields: []\nextensions:\n  - {source: パスワードの保管場所, key: pw_where}\n"
    assert _findings(write_mapping(tmp_path, CSV, fields)) == []


def test_non_invertible_transforms_are_declared(tmp_path: Path) -> None:
    fields = "fields:\n  - {source: A, target: person.sex, transforms: [{default: {value: '0'}}]}\n"
    mapping = load_mapping(write_mapping(tmp_path, CSV, fields))
    assert not mapping.person.fields[0].invertible
    assert mapping.person.fields[0].lossy == ("default",)
    assert [n.code for n in mapping.notes] == ["convert.mapping.not_invertible"]


def test_one_person_per_json_file(tmp_path: Path) -> None:
    from endingnote.convert import convert_bytes, to_vendor

    fields = (
        "fields:\n  - {source: /name, target: person.name, transforms: [name_split]}\n"
        "  - {source: /born, target: person.birth_date, transforms: [wareki]}\n"
        "  - {source: /pref, target: person.residence_address.prefecture}\n"
        "  - {source: /city, target: person.residence_address.city}\n"
    )
    mapping = load_mapping(write_mapping(tmp_path, '{format: json, persons: ""}', fields))
    raw = '{"name": "山田 太郎", "born": "平成元年1月8日", "pref": "東京都", "city": "港区"}'.encode()
    conv = convert_bytes(raw, mapping)
    assert len(conv.persons) == 1 and conv.valid
    assert conv.persons[0].document["person"]["birth_date"] == "1989-01-08"
    back, issues = to_vendor([(p.key, p.document) for p in conv.persons], mapping)
    assert issues == []
    import orjson

    assert orjson.loads(back) == {
        "name": "山田　太郎",
        "born": "平成元年1月8日",
        "pref": "東京都",
        "city": "港区",
    }
