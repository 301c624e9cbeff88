"""A family graph from a file nobody vouched for: impossible dates and ages, deep nesting, huge
numbers and huge lists are findings — never a traceback, never unbounded work."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from endingnote.heirs import read_graph
from endingnote.heirs._limits import FINDINGS, ITEM_VALUES

from ._builder import G


def _family(
    parent_born: str = "1940-01-01", child_born: str = "1970-01-01", kind: str = "biological"
) -> dict[str, Any]:
    g = G().p("p", parent_born, "2024-03-10").p("c", child_born)
    extra = {"adopted_on": "2000-01-01"} if kind == "adoptive" else {}
    g.child("p", "c", kind=kind, **extra)
    doc: dict[str, Any] = orjson.loads(orjson.dumps(g.doc()))
    return doc


def found(doc: Any) -> list[tuple[str, str, str]]:
    graph, report = read_graph(doc)
    assert (graph is None) is (not report.valid)
    return [(i.code, i.path, i.severity.value) for i in report.issues]


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d["persons"][0].__setitem__("birth_date", "0000-01-01"), "/persons/0/birth_date"),
        (lambda d: d["persons"][0]["death"].__setitem__("date", "0000-12-31"), "/persons/0/death/date"),
        (
            lambda d: d["parent_child"][0].__setitem__("acknowledged_on", "0000-02-29"),
            "/parent_child/0/acknowledged_on",
        ),
    ],
)
def test_year_0000_is_a_finding_not_a_traceback(where: Any, path: str) -> None:
    doc = _family()
    where(doc)
    assert found(doc) == [("heirs.graph.date_out_of_range", path, "error")]


def test_a_child_born_40_years_before_its_parent_is_an_error() -> None:
    doc = _family(parent_born="1980-05-01", child_born="1940-05-01")
    assert found(doc) == [("heirs.graph.parent_younger", "/parent_child/0", "error")]
    _, report = read_graph(doc)
    assert "1980-05-01" in report.issues[0].message_ja and "1940-05-01" in report.issues[0].message_ja


def test_a_parent_born_the_same_day_is_an_error() -> None:
    assert [c for c, _, _ in found(_family("1970-01-01", "1970-01-01"))] == ["heirs.graph.parent_younger"]


def test_a_very_young_parent_is_a_warning_and_the_graph_loads() -> None:
    doc = _family(parent_born="1960-06-01", child_born="1971-05-31")  # 10 years old at the birth
    assert found(doc) == [("heirs.graph.parent_too_young", "/parent_child/0", "warning")]
    assert found(_family("1960-06-01", "1972-06-01")) == []  # 12: plausible


def test_nobody_adopts_an_elder() -> None:
    """民法793条: an adopter born after the adoptee is an error; an adopter the same age is not."""
    assert [c for c, _, _ in found(_family("1975-01-01", "1970-01-01", "adoptive"))] == [
        "heirs.graph.parent_younger"
    ]
    assert found(_family("1970-01-01", "1970-01-01", "adoptive")) == []
    assert found(_family("1969-01-01", "1970-01-01", "adoptive")) == []  # adoptive: no age gap required


@pytest.mark.parametrize(
    ("depth", "code"),
    [
        (20, "heirs.schema"),
        (100, "heirs.input.too_deep"),
        (900, "heirs.input.too_deep"),
        (5000, "heirs.input.not_json"),
    ],
)
def test_deep_nesting_is_a_finding(depth: int, code: str) -> None:
    """Found by fuzzing: 900 levels reached jsonschema-rs, which raised "Recursion limit reached"."""
    doc = _family()
    raw = orjson.dumps(doc).replace(b'"given":"c"', b'"given":' + b"[" * depth + b"]" * depth)
    assert code in [c for c, _, _ in found(raw)]


@pytest.mark.parametrize("number", [b"1" + b"0" * 400, b"1e400", b"-1e400", b"99999999999999999999999"])
def test_huge_numbers_are_findings(number: bytes) -> None:
    raw = orjson.dumps(_family()).replace(b'"format"', b'"description":' + number + b',"format"', 1)
    codes = [c for c, _, _ in found(raw)]
    assert codes and set(codes) <= {"heirs.schema", "heirs.input.not_json"}


def test_an_entry_too_big_for_any_valid_one_is_not_validated() -> None:
    doc = _family()
    doc["parent_child"][0]["sources"] = ["s"] * (ITEM_VALUES.value + 1)
    assert ("heirs.input.entry_too_large", "/parent_child/0", "error") in found(doc)


CHILD = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from endingnote.heirs import read_graph
head = b'{"format":"endingnote-family-graph","version":"1.0","persons":['
raw = head + b",".join([b'{"id":1}'] * 1_800_000) + b"]}"
assert len(raw) < 16 * 1024 * 1024, len(raw)
graph, report = read_graph(raw)
print(len(raw), len(report.issues), report.issues[-1].code)
"""


def test_a_million_wrong_entries_cost_their_first_findings() -> None:
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    size, count, last = out.stdout.split()
    assert int(size) > 10_000_000
    assert int(count) == FINDINGS.value + 1
    assert last == "heirs.input.too_many_findings"


_BORN = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9979, 12, 31))


@settings(max_examples=500, deadline=None)
@example(parent=dt.date(20, 1, 1), days=-6940, kind="biological")  # a child before the year 1: clamped
@example(parent=dt.date(1888, 2, 29), days=4383, kind="biological")  # 12 years on, no 1900-02-29
@given(
    parent=_BORN,
    days=st.one_of(st.integers(-800, 800), st.integers(11 * 365, 13 * 366), st.integers(-20_000, 20_000)),
    kind=st.sampled_from(["biological", "adoptive"]),
)
def test_parent_ages_agree_with_counting_years_date_by_date(parent: dt.date, days: int, kind: str) -> None:
    # the check compares years column by column first; whatever it reports must be what counting
    # completed years date by date says, and it must miss nothing (births around 12 years apart,
    # leap days included, are where a shortcut would go wrong)
    from endingnote.heirs._load import MIN_PARENT_AGE, _parent_ages

    child = dt.date.fromordinal(max(1, parent.toordinal() + days))  # never before the year 1
    births = {"p": parent.isoformat(), "c": child.isoformat()}
    found = [i.code for i in _parent_ages([{"parent": "p", "child": "c", "kind": kind}], births)]
    age = child.year - parent.year - ((child.month, child.day) < (parent.month, parent.day))
    if (kind == "biological" and parent >= child) or (kind != "biological" and parent > child):
        assert found == ["heirs.graph.parent_younger"]
    elif kind == "biological" and age < MIN_PARENT_AGE:
        assert found == ["heirs.graph.parent_too_young"]
    else:
        assert found == []
