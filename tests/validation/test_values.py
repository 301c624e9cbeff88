"""References and check digits, found by one plan-driven C walk (``_scan.pluck``) wherever the
catalogue puts them: in records, in lists, and in parts nested inside records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.standard import Field, Standard, get
from endingnote.standard._examples import build_example
from endingnote.validation import _native, _scan, validate
from endingnote.validation._scan import pluck_py

names = st.sampled_from(["a", "b", "c", "id", "x"])
scalars = st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3)
trees = st.recursive(
    scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(names, c, max_size=4), max_leaves=40
)
plans = st.recursive(
    st.integers(min_value=0, max_value=3),
    lambda c: st.dictionaries(names, c, min_size=1, max_size=3),
    max_leaves=12,
).filter(lambda p: isinstance(p, dict))


def test_pluck_is_the_native_one() -> None:
    assert _scan.pluck is _native.pluck


@settings(max_examples=800, deadline=None)
@given(trees, plans)
def test_pluck_equals_the_reference(doc: Any, plan: dict[str, Any]) -> None:
    assert _native.pluck(doc, plan, 4) == pluck_py(doc, plan, 4)


def test_pluck_refuses_bad_plans() -> None:
    for fn in (_native.pluck, pluck_py):
        with pytest.raises(IndexError):
            fn({"a": "x"}, {"a": 5}, 2)
        with pytest.raises(TypeError):
            fn({"a": "x"}, {"a": "slot"}, 2)
        deep: dict[str, Any] = {"a": 0}
        doc: Any = "v"
        for _ in range(40):
            deep, doc = {"a": deep}, {"a": doc}
        with pytest.raises(RecursionError):
            fn(doc, deep, 1)


def test_pluck_follows_the_plan_not_the_document() -> None:
    """Lists inside lists are not entered, however deep the document."""
    doc: Any = {"a": [[{"b": "hidden"}], {"b": "seen"}]}
    nested: Any = []
    for _ in range(100_000):
        nested = [nested]
    doc["c"] = nested
    assert _native.pluck(doc, {"a": {"b": 0}, "c": {"b": 0}}, 1) == [["seen"]]


def _places(std: Standard, doc: dict[str, Any], kinds: set[str]) -> Iterator[tuple[list[str | int], Field]]:
    """Every value of a field of one of ``kinds`` in ``doc``, found from the catalogue (not the plan)."""

    def walk(
        obj: Any, fields: tuple[Field, ...], path: list[str | int]
    ) -> Iterator[tuple[list[str | int], Field]]:
        if not isinstance(obj, dict):
            return
        for f in fields:
            if f.key not in obj:
                continue
            values = list(enumerate(obj[f.key])) if f.repeating else [(None, obj[f.key])]
            for i, v in values:
                where = [*path, f.key] if i is None else [*path, f.key, i]
                if f.type in kinds:
                    yield where, f
                elif f.type in std.parts:
                    yield from walk(v, std.parts[f.type].fields, where)

    for rt in std.records.values():
        value = doc.get(rt.key)
        if rt.repeating and isinstance(value, list):
            for i, r in enumerate(value):
                yield from walk(r, rt.items, [rt.key, i])
        else:
            yield from walk(value, rt.items, [rt.key])


def _set(doc: dict[str, Any], path: list[str | int], value: Any) -> None:
    holder: Any = doc
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value


def _pointer(path: list[str | int]) -> str:
    return "".join(f"/{p}" for p in path)


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_every_reference_is_checked_where_it_is(version: str) -> None:
    std = get(version)
    doc = build_example(std, full=True)
    assert validate(doc).issues == []
    places = list(_places(std, doc, {"ref"}))
    assert len(places) > 20 and any(isinstance(p[-1], int) for p, _ in places)  # lists too
    assert any(isinstance(p[1], int) and isinstance(p[2], str) and len(p) >= 4 for p, _ in places)  # in parts
    for path, _ in places:
        _set(doc, path, "no-such-id")
    found = {(i.code, i.path) for i in validate(doc).issues}
    assert found == {("semantic.ref_unresolved", _pointer(p)) for p, _ in places}


@pytest.mark.parametrize(
    ("kind", "bad", "code"),
    [
        ("corporate_number", "5010005000008", "value.corporate_number_check_digit"),
        ("local_government_code", "131017", "value.local_government_code_check_digit"),  # 千代田区 is 131016
    ],
)
def test_every_check_digit_is_checked_where_it_is(kind: str, bad: str, code: str) -> None:
    std = get("1.0")
    doc = build_example(std, full=True)
    if kind == "local_government_code":  # optional in the address part: give every address one
        for path, _ in _places(std, doc, {"address"}):
            _set(doc, [*path, kind], "131016")
        assert validate(doc).issues == []
    places = list(_places(std, doc, {kind}))
    assert places
    for path, _ in places:
        _set(doc, path, bad)
    report = validate(doc)
    assert {(i.code, i.path) for i in report.issues} == {(code, _pointer(p)) for p, _ in places}
    assert all(i.item and i.message_ja and i.message_en for i in report.issues)


def test_a_reference_to_a_missing_record_type_is_unresolved(full_doc: dict[str, Any]) -> None:
    del full_doc["family_member"]
    codes = {i.code for i in validate(full_doc).issues}
    assert "semantic.ref_unresolved" in codes
