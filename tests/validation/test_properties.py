"""Whatever the bytes, validation returns a report: never an exception, never a silent pass."""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote._codes import all_codes
from endingnote.validation import validate

CODES = all_codes()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(raw: bytes) -> None:
    report = validate(raw)
    assert all(i.code in CODES for i in report.issues)
    if report.valid:  # only a real document with a known version can be valid
        assert report.standard_version is not None


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_never_crashes(value: Any) -> None:
    report = validate(orjson.dumps(value))
    assert all(i.code in CODES for i in report.issues)
    assert not report.valid or isinstance(value, dict)


wide_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(
    person=st.dictionaries(
        st.sampled_from(["name", "birth_date", "sex", "residence_address", "x"]), wide_values
    )
)
def test_random_person_records_are_reported_not_raised(person: dict[str, Any]) -> None:
    report = validate({"header": {"standard": "1.0"}, "person": person})
    assert all(i.code in CODES and i.message_ja and i.message_en for i in report.issues)
    assert all(i.path.startswith(("/person", "/header")) or i.path == "" for i in report.issues)
