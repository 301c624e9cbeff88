"""Hand-checked cases: the Civil Code rules and the pitfalls listed in the domain notes (§6, §8).

Every expected share below was computed by hand from arts. 887-901; each case names the rule or the
pitfall of existing calculators it guards against.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from endingnote.heirs import Options, compute, load_graph

from ._builder import G


@dataclass
class Case:
    name: str
    build: Callable[[], G]
    shares: dict[str, str]
    reasons: dict[str, str] = field(default_factory=dict)
    capacities: dict[str, str] = field(default_factory=dict)
    findings: tuple[str, ...] = ()
    status: str = "determined"
    options: Options | None = None


def family(death: str = "2024-03-10") -> G:
    """d (decedent) married to w; children a, b."""
    return (
        G()
        .p("d", "1940-01-01", death, sex="male")
        .p("w", "1942-01-01", sex="female")
        .p("a", "1970-01-01")
        .p("b", "1972-01-01")
        .marry("d", "w", "1968-01-01")
        .couple_child("d", "w", "a")
        .couple_child("d", "w", "b")
    )


def childless(death: str = "2024-03-10") -> G:
    """d (no issue) married to w; parents f, m (deceased); full sibling s1."""
    return (
        G()
        .p("f", "1910-01-01", "1990-01-01", sex="male")
        .p("m", "1912-01-01", "1995-01-01", sex="female")
        .p("d", "1940-01-01", death, sex="male")
        .p("w", "1942-01-01", sex="female")
        .p("s1", "1942-06-01")
        .marry("d", "w", "1968-01-01")
        .marry("f", "m", "1935-01-01")
        .couple_child("f", "m", "d")
        .couple_child("f", "m", "s1")
    )


CASES = [
    Case("spouse and two children (900(1))", lambda: family(), {"w": "1/2", "a": "1/4", "b": "1/4"}),
    Case(
        "representation of a predeceased child (887(2)), split by 901",
        lambda: (
            family()
            .p("g1", "2000-01-01")
            .p("g2", "2002-01-01")
            .child("b", "g1")
            .child("b", "g2")
            .persons_set("b", death={"date": "2020-01-01"})
        ),
        {"w": "1/2", "a": "1/4", "g1": "1/8", "g2": "1/8"},
        reasons={"b": "predeceased"},
        capacities={"g1": "representative"},
    ),
    Case(
        "re-representation without limit (887(3))",
        lambda: (
            family()
            .p("g", "1995-01-01", "2015-01-01")
            .p("gg", "2015-01-01")
            .child("b", "g")
            .child("g", "gg")
            .persons_set("b", death={"date": "2010-01-01"})
        ),
        {"w": "1/2", "a": "1/4", "gg": "1/4"},
    ),
    Case(
        "renunciation gives no representation (939); the other child takes the group share",
        lambda: family().p("g", "2000-01-01").child("b", "g").fact("d", "b", "renunciation"),
        {"w": "1/2", "a": "1/2"},
        reasons={"b": "renounced", "g": "line_renounced"},
    ),
    Case(
        "all children renounce: ascendants take (889(1)), not the grandchildren",
        lambda: (
            family()
            .p("gm", "1915-01-01", sex="female")
            .child("gm", "d", parent_role="mother")
            .p("g", "2000-01-01")
            .child("a", "g")
            .fact("d", "a", "renunciation")
            .fact("d", "b", "renunciation")
        ),
        {"w": "2/3", "gm": "1/3"},
        reasons={"g": "line_renounced"},
    ),
    Case(
        "disqualification is represented (891, 887(2))",
        lambda: family().p("g", "2000-01-01").child("b", "g").fact("d", "b", "disqualification"),
        {"w": "1/2", "a": "1/4", "g": "1/4"},
        reasons={"b": "disqualified"},
    ),
    Case(
        "disinheritance is represented (892, 887(2))",
        lambda: family().p("g", "2000-01-01").child("b", "g").fact("d", "b", "disinheritance"),
        {"w": "1/2", "a": "1/4", "g": "1/4"},
        reasons={"b": "disinherited"},
    ),
    Case(
        "an heir who died after the decedent stays an heir (pitfall: 'alive now')",
        lambda: family().persons_set("a", death={"date": "2025-01-01"}),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        findings=("heirs.assume.successive",),
    ),
    Case(
        "same-day death without times: presumed simultaneous, representation applies (32-2, 887(2) 以前)",
        lambda: family().p("g", "2000-01-01").child("b", "g").persons_set("b", death={"date": "2024-03-10"}),
        {"w": "1/2", "a": "1/4", "g": "1/4"},
        reasons={"b": "simultaneous"},
        findings=("heirs.assume.simultaneous_same_day",),
    ),
    Case(
        "explicit simultaneous-death group (32-2)",
        lambda: (
            family()
            .persons_set("d", death={"date": "2024-03-10", "time": "10:00"})
            .persons_set("w", death={"date": "2024-03-10", "time": "10:00"})
            .simultaneous("d", "w")
        ),
        {"a": "1/2", "b": "1/2"},
        reasons={"w": "spouse_predeceased"},
    ),
    Case(
        "same day, 死亡時分 known: the child died later and is an heir",
        lambda: (
            family()
            .persons_set("d", death={"date": "2024-03-10", "time": "10:00"})
            .persons_set("a", death={"date": "2024-03-10", "time": "11:30"})
        ),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
    ),
    Case(
        "same day, 死亡時分 known: the child died earlier and is represented",
        lambda: (
            family()
            .p("g", "2000-01-01")
            .child("a", "g")
            .persons_set("d", death={"date": "2024-03-10", "time": "10:00"})
            .persons_set("a", death={"date": "2024-03-10", "time": "09:15"})
        ),
        {"w": "1/2", "g": "1/4", "b": "1/4"},
        reasons={"a": "predeceased"},
    ),
    Case(
        "child of an adoptee born before the adoption does not represent (887(2) proviso)",
        lambda: (
            G()
            .p("d", "1930-01-01", "2024-03-10")
            .p("x", "1960-01-01", "2020-01-01")
            .p("early", "1985-01-01")
            .p("late", "1995-01-01")
            .adopt("d", "x", "1990-01-01")
            .child("x", "early")
            .child("x", "late")
        ),
        {"late": "1"},
        reasons={"early": "pre_adoption_child"},
    ),
    Case(
        "exception: a pre-adoption child who descends from the decedent by another line represents",
        lambda: (
            G()
            .p("d", "1930-01-01", "2024-03-10")
            .p("dau", "1960-01-01", sex="female")
            .p("h", "1958-01-01", "2020-01-01", sex="male")
            .p("k", "1985-01-01")
            .child("d", "dau")
            .marry("h", "dau", "1984-01-01")
            .couple_child("h", "dau", "k")
            .adopt("d", "h", "1990-01-01")
        ),
        {"dau": "1/2", "k": "1/2"},
        capacities={"k": "representative"},
    ),
    Case(
        "double capacity: grandchild adopted by the grandparent also represents its parent",
        lambda: (
            G()
            .p("d", "1930-01-01", "2024-03-10")
            .p("c", "1955-01-01", "2000-01-01")
            .p("b", "1957-01-01")
            .p("g", "1980-01-01")
            .child("d", "c")
            .child("d", "b")
            .child("c", "g")
            .adopt("d", "g", "2001-01-01")
        ),
        {"b": "1/3", "g": "2/3"},
        capacities={"g": "child+representative"},
    ),
    Case(
        "special adoption ends the birth ties (817-9): not an heir of the birth father",
        lambda: (
            G()
            .p("d", "1950-01-01", "2024-03-10", sex="male")
            .p("m", "1955-01-01", sex="female")
            .p("c", "1995-01-01")
            .p("x", "1960-01-01")
            .p("s", "1952-01-01")
            .couple_child("d", "m", "c")
            .child("x", "c", "special_adoptive", decreed_on="2000-01-01")
            .p("f", "1920-01-01", "1990-01-01", sex="male")
            .child("f", "d", parent_role="father")
            .child("f", "s", parent_role="father")
        ),
        {"s": "1"},
        reasons={"c": "special_adoption_cut"},
    ),
    Case(
        "special adoption by the birth mother's husband keeps the tie with her (817-9 proviso)",
        lambda: (
            G()
            .p("d", "1960-01-01", "2024-03-10", sex="female")
            .p("h", "1958-01-01", sex="male")
            .p("c", "1995-01-01")
            .child("d", "c", parent_role="mother", marital=False)
            .marry("h", "d", "1998-01-01")
            .child("h", "c", "special_adoptive", decreed_on="2000-01-01")
        ),
        {"h": "1/2", "c": "1/2"},
    ),
    Case(
        "a decree after the death does not cut the tie for that estate",
        lambda: (
            G()
            .p("d", "1950-01-01", "1999-03-10", sex="male")
            .p("c", "1995-01-01")
            .p("x", "1960-01-01")
            .child("d", "c", parent_role="father")
            .child("x", "c", "special_adoptive", decreed_on="2000-01-01")
        ),
        {"c": "1"},
    ),
    Case(
        "acknowledged non-marital child equal since 2013-09-05",
        lambda: (
            family()
            .p("n", "1980-01-01")
            .child("d", "n", parent_role="father", marital=False, acknowledged_on="1981-01-01")
        ),
        {"w": "1/2", "a": "1/6", "b": "1/6", "n": "1/6"},
    ),
    Case(
        "unacknowledged child of a father is no legal child (779)",
        lambda: family().p("n", "1980-01-01").child("d", "n", parent_role="father", marital=False),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        reasons={"n": "unacknowledged"},
    ),
    Case(
        "death in 1995: non-marital child takes half (former 900(4) proviso)",
        lambda: (
            family("1995-05-05")
            .p("n", "1980-01-01")
            .child("d", "n", parent_role="father", marital=False, acknowledged_on="1981-01-01")
        ),
        {"w": "1/2", "a": "1/5", "b": "1/5", "n": "1/10"},
    ),
    Case(
        "death in 2005: equal unless settled (Supreme Court 2013-09-04)",
        lambda: (
            family("2005-05-05")
            .p("n", "1980-01-01")
            .child("d", "n", parent_role="father", marital=False, acknowledged_on="1981-01-01")
        ),
        {"w": "1/2", "a": "1/6", "b": "1/6", "n": "1/6"},
        findings=("heirs.assume.settled_2001_2013",),
    ),
    Case(
        "death in 2005, succession already settled: half share",
        lambda: (
            family("2005-05-05")
            .p("n", "1980-01-01")
            .child("d", "n", parent_role="father", marital=False, acknowledged_on="1981-01-01")
        ),
        {"w": "1/2", "a": "1/5", "b": "1/5", "n": "1/10"},
        options=Options(settled_before_2013=True),
    ),
    Case(
        "legitimation (789): acknowledged, then the parents married — a marital child in 1995",
        lambda: (
            G()
            .p("d", "1940-01-01", "1995-05-05", sex="male")
            .p("w", "1945-01-01", sex="female")
            .p("n", "1970-01-01")
            .p("a", "1975-01-01")
            .child("d", "n", parent_role="father", marital=False, acknowledged_on="1971-01-01")
            .child("w", "n", parent_role="mother", marital=False)
            .marry("d", "w", "1972-01-01")
            .couple_child("d", "w", "a")
        ),
        {"w": "1/2", "n": "1/4", "a": "1/4"},
    ),
    Case(
        "death in 1975: spouse 1/3 with children (1962-1980 rules)",
        lambda: family("1975-01-01"),
        {"w": "1/3", "a": "1/3", "b": "1/3"},
    ),
    Case(
        "spouse with ascendants (900(2))",
        lambda: childless().persons_set("m", death=None),
        {"w": "2/3", "m": "1/3"},
    ),
    Case(
        "nearest degree only (pitfall: parents and grandparents together)",
        lambda: (
            childless()
            .persons_set("m", death=None)
            .p("gf", "1890-01-01")
            .child("gf", "f", parent_role="father")
            .persons_set("w", death={"date": "2000-01-01"})
        ),
        {"m": "1"},
        reasons={"gf": "excluded_by_nearer", "s1": "excluded_by_rank"},
    ),
    Case(
        "both parents renounce: grandparents before siblings",
        lambda: (
            childless()
            .persons_set("f", death=None)
            .persons_set("m", death=None)
            .p("gf", "1890-01-01")
            .p("gm2", "1892-01-01")
            .child("gf", "f", parent_role="father")
            .child("gm2", "m", parent_role="mother")
            .fact("d", "f", "renunciation")
            .fact("d", "m", "renunciation")
        ),
        {"w": "2/3", "gf": "1/6", "gm2": "1/6"},
    ),
    Case(
        "adoptive parents are ascendants (809, 889)",
        lambda: (
            childless()
            .p("ap", "1915-01-01")
            .adopt("ap", "d", "1960-01-01")
            .persons_set("w", death={"date": "2000-01-01"})
        ),
        {"ap": "1"},
    ),
    Case(
        "in-law ascendants never inherit",
        lambda: childless().p("wm", "1915-01-01").child("wm", "w", parent_role="mother"),
        {"w": "3/4", "s1": "1/4"},
        reasons={"wm": "not_kin"},
    ),
    Case(
        "spouse with full and half-blood siblings (900(3), 900(4))",
        lambda: childless().p("h", "1950-01-01").child("f", "h", parent_role="father"),
        {"w": "3/4", "s1": "1/6", "h": "1/12"},
    ),
    Case(
        "nephew represents a predeceased sibling; grand-nephew does not (889(2))",
        lambda: (
            childless()
            .p("s2", "1944-01-01", "2010-01-01")
            .couple_child("f", "m", "s2")
            .p("n1", "1970-01-01")
            .p("n2", "1972-01-01", "2015-01-01")
            .p("gn", "1995-01-01")
            .child("s2", "n1")
            .child("s2", "n2")
            .child("n2", "gn")
        ),
        {"w": "3/4", "s1": "1/8", "n1": "1/8"},
        reasons={"gn": "grand_nephew", "n2": "predeceased"},
    ),
    Case(
        "1975 death: a sibling's line is represented without limit",
        lambda: (
            childless("1975-01-01")
            .persons_set("f", death={"date": "1970-01-01"})
            .persons_set("m", death={"date": "1970-01-01"})
            .p("s2", "1944-01-01", "1973-01-01")
            .couple_child("f", "m", "s2")
            .p("n2", "1962-01-01", "1974-01-01")
            .p("gn", "1974-01-01")
            .child("s2", "n2")
            .child("n2", "gn")
        ),
        {"w": "2/3", "s1": "1/6", "gn": "1/6"},
    ),
    Case(
        "a sibling cannot be disinherited (892): the record is ignored",
        lambda: childless().fact("d", "s1", "disinheritance"),
        {"w": "3/4", "s1": "1/4"},
        findings=("heirs.assume.disinheritance_sibling",),
    ),
    Case(
        "ex-spouse excluded; at most one spouse",
        lambda: family().p("ex", "1941-01-01").marry("d", "ex", "1960-01-01", "1965-01-01", "divorce"),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        reasons={"ex": "former_spouse"},
    ),
    Case(
        "two spouses at the death: indeterminate, no heirs named",
        lambda: family().p("w2", "1950-01-01").marry("d", "w2", "1990-01-01"),
        {},
        findings=("heirs.spouse.multiple",),
        status="indeterminate",
    ),
    Case(
        "spouse who is also an adoptive sibling (婿養子): spouse share only by default",
        lambda: (
            G()
            .p("ap", "1910-01-01", "1980-01-01")
            .p("d", "1940-01-01", "2024-03-10", sex="male")
            .p("w", "1942-01-01", sex="female")
            .child("ap", "w")
            .adopt("ap", "d", "1965-01-01")
            .marry("d", "w", "1965-01-01")
        ),
        {"w": "1"},
        findings=("heirs.assume.spouse_sibling",),
    ),
    Case(
        "same, with the 'both capacities' view",
        lambda: (
            G()
            .p("ap", "1910-01-01", "1980-01-01")
            .p("d", "1940-01-01", "2024-03-10", sex="male")
            .p("w", "1942-01-01", sex="female")
            .child("ap", "w")
            .adopt("ap", "d", "1965-01-01")
            .marry("d", "w", "1965-01-01")
        ),
        {"w": "1"},
        capacities={"w": "spouse+sibling"},
        options=Options(spouse_sibling="both"),
    ),
    Case(
        "a child in utero at the death inherits, provisionally (886(1))",
        lambda: family().p("u", None).couple_child("d", "w", "u").fact("d", "u", "in_utero"),
        {"w": "1/2", "a": "1/6", "b": "1/6", "u": "1/6"},
        findings=("heirs.assume.fetus",),
        status="provisional",
    ),
    Case(
        "stillborn: never an heir (886(2))",
        lambda: (
            family()
            .p("u", "2024-05-01", stillborn=True)
            .couple_child("d", "w", "u")
            .fact("d", "u", "in_utero")
        ),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        reasons={"u": "stillborn"},
    ),
    Case(
        "born after the death without an in-utero record: not an heir",
        lambda: (
            family()
            .p("late", "2025-06-01")
            .child("d", "late", parent_role="father", marital=False, acknowledged_on="2025-07-01")
        ),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        reasons={"late": "born_after"},
    ),
    Case(
        "adoption dissolved before the death (729)",
        lambda: family().p("ad", "1980-01-01").adopt("d", "ad", "1990-01-01", dissolved_on="2000-01-01"),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        reasons={"ad": "adoption_dissolved"},
    ),
    Case(
        "an adoptee inherits in both families",
        lambda: (
            G()
            .p("d", "1940-01-01", "2024-03-10")
            .p("ap", "1935-01-01", "2010-01-01")
            .p("c", "1970-01-01")
            .child("d", "c")
            .adopt("ap", "c", "1990-01-01")
        ),
        {"c": "1"},
    ),
    Case(
        "no heir at all: cousins and partners are never heirs (951)",
        lambda: (
            G()
            .p("gp", "1900-01-01", "1970-01-01")
            .p("f", "1925-01-01", "1990-01-01")
            .p("u", "1927-01-01", "1995-01-01")
            .p("d", "1950-01-01", "2024-03-10")
            .p("cousin", "1955-01-01")
            .child("gp", "f")
            .child("gp", "u")
            .child("f", "d")
            .child("u", "cousin")
        ),
        {},
        reasons={"cousin": "not_kin"},
        findings=("heirs.no_heir",),
        status="no_heir",
    ),
    Case(
        "a death before 1962-07-01 is refused, not judged by current law",
        lambda: family("1960-05-05"),
        {},
        findings=("heirs.law.unsupported_period",),
        status="indeterminate",
    ),
    Case(
        "no birth date, born on the death date: heirs with explicit assumptions",
        lambda: family().persons_set("a", birth_date=None).persons_set("b", birth_date="2024-03-10"),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        findings=(
            "heirs.assume.no_birth_date",
            "heirs.assume.born_on_death_date",
            "heirs.assume.register_limits",
        ),
    ),
    Case(
        "deemed death by 失踪宣告 opens succession at the deemed date",
        lambda: family().persons_set(
            "d", death={"date": "2020-01-01", "deemed": True, "declared_on": "2021-01-01"}
        ),
        {"w": "1/2", "a": "1/4", "b": "1/4"},
        findings=("heirs.assume.deemed_death",),
    ),
    Case(
        "half blood is computed from shared legal parents, not labels: adopted by both parents = full",
        lambda: (
            childless().p("ad", "1950-01-01").adopt("f", "ad", "1960-01-01").adopt("m", "ad", "1960-01-01")
        ),
        {"w": "3/4", "s1": "1/8", "ad": "1/8"},
    ),
    Case(
        "unknown other parent: half blood with an explicit assumption",
        lambda: (
            G()
            .p("m", "1920-01-01", "1990-01-01", sex="female")
            .p("d", "1950-01-01", "2024-03-10")
            .p("s", "1952-01-01")
            .child("m", "d", parent_role="mother", marital=False)
            .child("m", "s", parent_role="mother", marital=False)
        ),
        {"s": "1"},
        findings=("heirs.assume.half_blood_unknown_parent",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case) -> None:
    result = case.build().compute("d", case.options)
    assert result.status == case.status, result.findings
    assert {pid: str(share) for pid, share in result.shares().items()} == {
        pid: str(Fraction(s)) for pid, s in case.shares.items()
    }
    total = sum(result.shares().values(), Fraction(0))
    assert total == (1 if case.shares else 0)
    for pid, reason in case.reasons.items():
        entry = result.non_heir(pid)
        assert entry is not None, f"{pid} should not be an heir"
        assert entry.reason == reason, entry
    for pid, capacity in case.capacities.items():
        heir = result.heir(pid)
        assert heir is not None and heir.capacity == capacity
    codes = {f.code for f in result.findings}
    for code in case.findings:
        assert code in codes
    # everyone is explained exactly once
    ids = [h.id for h in result.heirs] + [n.id for n in result.non_heirs]
    if result.status != "indeterminate":
        assert sorted(ids) == sorted(p["id"] for p in case.build().persons)


# --- the same cases as language-neutral conformance data under standard/family-graph/1.0/conformance ---

CONFORMANCE = Path(__file__).resolve().parents[2] / "standard" / "family-graph" / "1.0" / "conformance"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:70]


def _conformance_doc(case: Case) -> dict[str, Any]:
    options = case.options or Options()
    return {
        "description": case.name,
        "decedent": "d",
        "options": {
            "settled_before_2013": options.settled_before_2013,
            "spouse_sibling": options.spouse_sibling,
        },
        "graph": case.build().doc(),
        "expected": {
            "status": case.status,
            "shares": {k: str(Fraction(v)) for k, v in sorted(case.shares.items())},
            "reasons": dict(sorted(case.reasons.items())),
            "capacities": dict(sorted(case.capacities.items())),
            "findings": sorted(case.findings),
        },
    }


def test_conformance_files_are_in_sync_with_the_cases() -> None:
    expected = {f"{k:02d}-{_slug(c.name)}.json": _conformance_doc(c) for k, c in enumerate(CASES, 1)}
    if os.environ.get("ENDINGNOTE_UPDATE_GOLDEN") == "1":
        CONFORMANCE.mkdir(parents=True, exist_ok=True)
        for old in CONFORMANCE.glob("*.json"):
            old.unlink()
        for name, doc in expected.items():
            (CONFORMANCE / name).write_text(
                json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
    found = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in CONFORMANCE.glob("*.json")}
    assert found == expected


@pytest.mark.parametrize("path", sorted(CONFORMANCE.glob("*.json")), ids=lambda p: p.stem[:40])
def test_engine_passes_conformance_file(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    opts = Options(**doc["options"])
    result = compute(load_graph(doc["graph"]), doc["decedent"], opts)
    exp = doc["expected"]
    assert result.status == exp["status"]
    assert {k: str(v) for k, v in result.shares().items()} == exp["shares"]
    for pid, reason in exp["reasons"].items():
        entry = result.non_heir(pid)
        assert entry is not None and entry.reason == reason
    for pid, capacity in exp["capacities"].items():
        heir = result.heir(pid)
        assert heir is not None and heir.capacity == capacity
    assert set(exp["findings"]) <= {f.code for f in result.findings}


def test_successive_inheritance_follows_the_share_into_the_heirs_estate() -> None:
    from endingnote.heirs import compute_successive

    g = (
        family("2020-01-01")
        .persons_set("w", death={"date": "2022-01-01"})
        .persons_set("b", death={"date": "2023-01-01"})
        .p("s", "1973-01-01")
        .p("g", "2000-01-01")
        .marry("b", "s", "1999-01-01")
        .child("b", "g")
    )
    chain = compute_successive(g.graph(), "d")
    assert chain.result.shares() == {"w": Fraction(1, 2), "a": Fraction(1, 4), "b": Fraction(1, 4)}
    assert set(chain.nested) == {"w", "b"}
    # w's estate (2022): a and b, 1/2 each; b's estate (2023): s 1/2, g 1/2 — and b's share of w's estate too.
    assert chain.effective == {
        "a": Fraction(1, 4) + Fraction(1, 2) * Fraction(1, 2),
        "s": (Fraction(1, 4) + Fraction(1, 2) * Fraction(1, 2)) * Fraction(1, 2),
        "g": (Fraction(1, 4) + Fraction(1, 2) * Fraction(1, 2)) * Fraction(1, 2),
    }
    assert sum(chain.effective.values()) == 1
    assert chain.to_dict()["effective_shares"]["a"] == "1/2"
