"""The register JSON form: examples, round trips, the schema agreeing with the reader, bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.koseki import (
    CertificateKind,
    Certification,
    Entry,
    EntryType,
    Member,
    Name,
    Register,
    RegisterEvent,
    RegisterEventType,
    RegisterRef,
    register_from_json,
    register_to_json,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((ROOT / "standard/koseki/1.0/schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def _strip(register: Register) -> Register:
    from dataclasses import replace

    return replace(register, source=None, source_sha256=None, ecert_code=None)


def test_examples_round_trip_and_validate(registers: list[Register], validator: Any) -> None:
    assert len(registers) == 5
    for register in registers:
        doc = register_to_json(register)
        assert validator.is_valid(doc), list(validator.iter_errors(doc))
        again, issues = register_from_json(json.loads(json.dumps(doc, ensure_ascii=False)))
        assert issues == [] and again is not None
        assert _strip(again) == _strip(register)


def test_example_json_files_validate(examples_dir: Path, validator: Any) -> None:
    for path in sorted(examples_dir.glob("*.json")):
        assert validator.is_valid(json.loads(path.read_text(encoding="utf-8"))), path


def test_every_case_register_validates_and_round_trips(validator: Any) -> None:
    """Paper transcriptions, computerised text and JSON of the issue-19 cases: what the parsers make
    is valid register JSON and reads back the same."""
    from endingnote.koseki import load_registers

    data = Path(__file__).parent / "data"
    for path in sorted((data / "cases").rglob("*.json")) + sorted((data / "ecert").glob("*.json")):
        assert validator.is_valid(json.loads(path.read_text(encoding="utf-8"))), path
    for folder in sorted(p for p in (data / "cases").iterdir() if p.is_dir()):
        loaded = load_registers(folder)
        assert not loaded.report.errors, [i.to_dict() for i in loaded.report]
        for register in loaded.registers:
            doc = register_to_json(register)
            assert validator.is_valid(doc), (register.source, list(validator.iter_errors(doc)))
            again, issues = register_from_json(json.loads(json.dumps(doc, ensure_ascii=False)))
            assert issues == [] and again is not None and _strip(again) == _strip(register)


def test_register_form_is_kept(registers: list[Register]) -> None:
    takao = registers[0]
    assert takao.head.given == "髙雄"  # the 俗字 stays in the register form
    assert takao.head.key == Name.of("山田", "高雄").key  # and compares equal to the 正字
    assert takao.honseki == "東京都千代田区千代田壱丁目壱番地"


def test_member_sex_from_labels() -> None:
    assert Member(Name("a"), None, relationship="二男").sex == "male"
    assert Member(Name("a"), None, relationship="長女").sex == "female"
    assert Member(Name("a"), None, adoptive_relationship="養女").sex == "female"
    assert Member(Name("a"), None, spouse_role="夫").sex == "male"
    assert Member(Name("a"), None).sex is None


def test_too_many_entries_are_refused(validator: Any) -> None:
    member = {"name": {"given": "a"}, "birth_date": None, "entries": [{"type": "birth"}] * 1001}
    doc = {"format": "endingnote-koseki/1.0", "honseki": "x", "head": {"text": "y"}, "members": [member]}
    register, issues = register_from_json(doc)
    assert register is None and [(i.code, i.path) for i in issues] == [
        ("koseki.json.too_many", "/members/0/entries")
    ]
    assert not validator.is_valid(doc)
    doc = {"format": "endingnote-koseki/1.0", "honseki": "x" * 1001, "head": {"text": "y"}, "members": []}
    register, issues = register_from_json(doc)
    assert register is None and [(i.code, i.path) for i in issues] == [("koseki.json.too_long", "/honseki")]
    assert not validator.is_valid(doc)


@pytest.mark.parametrize(
    ("doc", "code", "path"),
    [
        ([], "koseki.json.type", ""),
        (
            {"format": "endingnote-koseki/9", "honseki": "x", "head": {"text": "y"}, "members": []},
            "koseki.json.format",
            "/format",
        ),
        (
            {"format": "endingnote-koseki/1.0", "head": {"text": "y"}, "members": []},
            "koseki.json.missing",
            "",
        ),
        (
            {
                "format": "endingnote-koseki/1.0",
                "honseki": "x",
                "head": {"text": "y"},
                "members": [],
                "extra": 1,
            },
            "koseki.json.unknown_field",
            "/extra",
        ),
        (
            {
                "format": "endingnote-koseki/1.0",
                "honseki": "x",
                "head": {"text": "y"},
                "members": [{"name": {"given": "a"}, "birth_date": "2023-02-29"}],
            },
            "koseki.json.date",
            "/members/0/birth_date",
        ),
        (
            {
                "format": "endingnote-koseki/1.0",
                "honseki": "x",
                "head": {"text": "y"},
                "members": [{"name": {"given": "a"}, "birth_date": None, "entries": [{"type": "burial"}]}],
            },
            "koseki.json.enum",
            "/members/0/entries/0/type",
        ),
        (
            {
                "format": "endingnote-koseki/1.0",
                "honseki": "x",
                "head": {"text": "y"},
                "members": [
                    {
                        "name": {"given": "a"},
                        "birth_date": None,
                        "entries": [{"type": "death", "time": "25:00"}],
                    }
                ],
            },
            "koseki.json.pattern",
            "/members/0/entries/0/time",
        ),
        (
            {
                "format": "endingnote-koseki/1.0",
                "honseki": "x",
                "head": {"text": "y"},
                "members": [{"name": {"family": "a"}, "birth_date": None}],
            },
            "koseki.json.missing",
            "/members/0/name",
        ),
        (
            {"format": "endingnote-koseki/1.0", "honseki": " ", "head": {"text": "y"}, "members": []},
            "koseki.json.type",
            "/honseki",
        ),
        (
            {
                "format": "endingnote-koseki/1.0",
                "id": "../x",
                "honseki": "x",
                "head": {"text": "y"},
                "members": [],
            },
            "koseki.json.pattern",
            "/id",
        ),
    ],
)
def test_bad_json_is_reported_at_the_pointer(doc: Any, code: str, path: str, validator: Any) -> None:
    register, issues = register_from_json(doc)
    assert register is None
    assert (code, path) in {(i.code, i.path) for i in issues}
    assert not validator.is_valid(doc)  # the schema agrees


# --- generated registers: the writer's output always reads back and validates ----------------

texts = st.text(alphabet=st.sampled_from("山田太郎花子髙﨑東京都一丁目1番地"), min_size=1, max_size=8)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1873, 1, 1), max_value=dt.date(2100, 1, 1)))
names = st.one_of(st.builds(Name.of, texts, texts), st.builds(lambda t: Name(t), texts))
refs = st.one_of(st.none(), st.builds(RegisterRef, texts, st.one_of(st.none(), names)))
entries = st.builds(
    Entry,
    type=st.sampled_from(list(EntryType)),
    date=dates,
    time=st.one_of(st.none(), st.sampled_from(["00:00", "10:30", "23:59"])),
    counterpart=st.one_of(st.none(), names),
    previous_register=refs,
    next_register=refs,
    role=st.one_of(st.none(), st.sampled_from(["child", "parent"])),
    co_adopter=st.one_of(st.none(), st.just("妻")),
    proxy=st.one_of(st.none(), st.just("親権者父母")),
    extra=st.dictionaries(texts, texts, max_size=2),
)
members = st.builds(
    Member,
    name=st.builds(Name.of, st.just("山田"), texts),
    birth_date=dates,
    father=st.one_of(st.none(), names),
    relationship=st.one_of(st.none(), st.sampled_from(["長男", "二女", "男"])),
    head_relationship=st.one_of(st.none(), st.sampled_from(["戸主", "妻", "孫", "婦"])),
    spouse_role=st.one_of(st.none(), st.sampled_from(["夫", "妻"])),
    removed=st.booleans(),
    entries=st.lists(entries, max_size=4).map(tuple),
)
registers_st = st.builds(
    Register,
    honseki=texts,
    head=st.builds(Name.of, st.just("山田"), texts),
    kind=st.sampled_from(list(CertificateKind)),
    events=st.lists(
        st.builds(
            RegisterEvent,
            st.sampled_from(list(RegisterEventType)),
            dates,
            previous_honseki=st.one_of(st.none(), texts),
            previous_head=st.one_of(st.none(), names),
            new_head=st.one_of(st.none(), names),
        ),
        max_size=3,
    ).map(tuple),
    members=st.lists(members, max_size=4).map(tuple),
    issued_on=dates,
    head_title=st.sampled_from(["筆頭者", "戸主"]),
    certification=st.one_of(
        st.none(),
        st.builds(
            Certification,
            texts,
            st.sampled_from(["全部", "一部"]),
            st.one_of(st.none(), st.sampled_from(["印", "職印"])),
        ),
    ),
)


@settings(max_examples=60, deadline=None)
@given(register=registers_st)
def test_generated_registers_round_trip_and_validate(register: Register, validator: Any) -> None:
    doc = register_to_json(register)
    assert validator.is_valid(doc), list(validator.iter_errors(doc))
    again, issues = register_from_json(doc)
    assert issues == []
    assert again == register


_KEYS = st.sampled_from(
    ["format", "honseki", "head", "members", "events", "name", "given", "family", "text", "birth_date",
     "entries", "type", "date", "previous_register", "next_register", "head_title", "certification",
     "statement", "scope", "previous_head", "extra", "kind", "removed", "co_adopter"]
)  # fmt: skip
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(_KEYS | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(
    doc=st.fixed_dictionaries(
        {"format": st.just("endingnote-koseki/1.0")}, optional={"members": _JSON}
    ).flatmap(lambda base: st.dictionaries(_KEYS, _JSON, max_size=6).map(lambda extra: {**extra, **base}))
)
def test_any_json_gives_issues_at_pointers_never_exceptions(doc: dict[str, Any]) -> None:
    register, issues = register_from_json(doc)
    assert register is not None or issues
    assert all(i.path == "" or i.path.startswith("/") for i in issues)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".json", ".txt"]))
def test_any_bytes_in_a_register_file_give_issues_never_exceptions(data: bytes, suffix: str) -> None:
    from endingnote.koseki import load_register_bytes

    register, issues, _ = load_register_bytes(data, f"x{suffix}")
    assert register is not None or issues
