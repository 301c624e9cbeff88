"""Property tests over random family graphs: exact totals, independence of ids and input order."""

from __future__ import annotations

import copy
import datetime as dt
import random
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from endingnote.heirs import HeirResult, compute, load_graph

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def random_graph(seed: int, size: int) -> dict[str, Any]:
    """A random but schema- and semantics-valid family graph; person ``p0`` is dead after 1962."""
    rng = random.Random(seed)
    persons: list[dict[str, Any]] = []
    births: list[dt.date] = []
    for i in range(size):
        born = dt.date(1900 + 8 * i + rng.randrange(6), 1 + rng.randrange(12), 1 + rng.randrange(28))
        births.append(born)
        person: dict[str, Any] = {
            "id": f"p{i}",
            "name": {"family": "姓", "given": f"名{i}"},
            "birth_date": born.isoformat(),
        }
        person["sex"] = rng.choice(["male", "female"])
        if rng.random() < 0.55:
            died = _day(rng, born, dt.date(2030, 12, 31))
            person["death"] = {"date": died.isoformat()} | (
                {"time": f"{rng.randrange(24):02d}:{rng.choice([0, 30]):02d}"} if rng.random() < 0.3 else {}
            )
        if rng.random() < 0.03:
            person["stillborn"] = True
        persons.append(person)
    links: list[dict[str, Any]] = []
    for j in range(1, size):
        candidates = [i for i in range(j) if (births[j] - births[i]).days > 15 * 365]
        rng.shuffle(candidates)
        bio = candidates[: rng.choice([0, 1, 1, 2, 2, 2])]
        for k, i in enumerate(bio):
            link: dict[str, Any] = {"parent": f"p{i}", "child": f"p{j}", "kind": "biological"}
            link["parent_role"] = "mother" if k == 0 else "father"
            link["marital"] = rng.random() < 0.8
            if not link["marital"] and k == 1 and rng.random() < 0.7:
                link["acknowledged_on"] = _day(
                    rng, births[j], births[j] + dt.timedelta(days=4000)
                ).isoformat()
            links.append(link)
        rest = [i for i in candidates if i not in bio]
        if rest and rng.random() < 0.25:
            i = rest[0]
            adopted = _day(rng, births[j], dt.date(2020, 1, 1))
            link = {
                "parent": f"p{i}",
                "child": f"p{j}",
                "kind": "adoptive",
                "adopted_on": adopted.isoformat(),
            }
            if rng.random() < 0.2:
                link["dissolved_on"] = _day(rng, adopted, dt.date(2025, 1, 1)).isoformat()
            links.append(link)
        elif len(rest) > 1 and rng.random() < 0.05:
            decree = _day(rng, max(births[j], dt.date(1988, 1, 1)), dt.date(2025, 1, 1))
            links.append(
                {
                    "parent": f"p{rest[1]}",
                    "child": f"p{j}",
                    "kind": "special_adoptive",
                    "decreed_on": decree.isoformat(),
                }
            )
    marriages: list[dict[str, Any]] = []
    for _ in range(rng.randrange(size // 2 + 1)):
        a, b = rng.sample(range(size), 2)
        start = _day(rng, max(births[a], births[b]) + dt.timedelta(days=18 * 365), dt.date(2024, 1, 1))
        m: dict[str, Any] = {"spouses": [f"p{a}", f"p{b}"], "start": start.isoformat()}
        if rng.random() < 0.3:
            m["end"] = _day(rng, start, dt.date(2030, 1, 1)).isoformat()
            m["end_reason"] = rng.choice(["divorce", "death", "annulment"])
        marriages.append(m)
    d = rng.randrange(size)
    persons[d].pop("stillborn", None)
    death = _day(rng, max(births[d], dt.date(1962, 7, 1)), dt.date(2026, 1, 1))
    persons[d]["death"] = {"date": death.isoformat()}
    facts = []
    for i in rng.sample(range(size), min(size, rng.randrange(4))):
        if i != d:
            kind = rng.choice(["renunciation", "disqualification", "disinheritance", "in_utero"])
            facts.append({"decedent": f"p{d}", "person": f"p{i}", "kind": kind})
    groups = []
    same_day = [
        i for i, p in enumerate(persons) if i != d and p.get("death", {}).get("date") == death.isoformat()
    ]
    if same_day and rng.random() < 0.5:
        groups.append({"persons": [f"p{d}", f"p{same_day[0]}"]})
    return {
        "format": "endingnote-family-graph",
        "version": "1.0",
        "description": f"decedent p{d}",
        "persons": persons,
        "parent_child": links,
        "marriages": marriages,
        "estate_facts": facts,
        "simultaneous_deaths": groups,
    }


def _decedent(doc: dict[str, Any]) -> str:
    return str(doc["description"].split()[-1])


def _summary(result: HeirResult, back: dict[str, str]) -> tuple[Any, ...]:
    heirs = sorted(
        (
            back[h.id],
            h.share,
            tuple(sorted((c.kind, c.share, tuple(back[v] for v in c.via)) for c in h.capacities)),
        )
        for h in result.heirs
    )
    non_heirs = sorted((back[n.id], n.reason) for n in result.non_heirs)
    return result.status, heirs, non_heirs, sorted({f.code for f in result.findings})


def _rename(doc: dict[str, Any], rng: random.Random) -> tuple[dict[str, Any], dict[str, str]]:
    ids = [p["id"] for p in doc["persons"]]
    fresh = [f"z{rng.randrange(10**9):09d}_{k}" for k in range(len(ids))]
    rng.shuffle(fresh)
    to_new = dict(zip(ids, fresh, strict=True))
    new = copy.deepcopy(doc)
    for p in new["persons"]:
        p["id"] = to_new[p["id"]]
    for link in new["parent_child"]:
        link["parent"], link["child"] = to_new[link["parent"]], to_new[link["child"]]
    for m in new["marriages"]:
        m["spouses"] = [to_new[s] for s in reversed(m["spouses"])]
    for f in new["estate_facts"]:
        f["decedent"], f["person"] = to_new[f["decedent"]], to_new[f["person"]]
    for g in new["simultaneous_deaths"]:
        g["persons"] = [to_new[s] for s in g["persons"]]
    for key in ("persons", "parent_child", "marriages", "estate_facts"):
        rng.shuffle(new[key])
    new["description"] = f"decedent {to_new[_decedent(doc)]}"
    return new, {v: k for k, v in to_new.items()}


@SETTINGS
@given(st.integers(0, 2**32), st.integers(2, 16))
def test_shares_sum_to_one_or_zero_and_everyone_is_explained(seed: int, size: int) -> None:
    doc = random_graph(seed, size)
    result = compute(load_graph(doc), _decedent(doc))
    total = sum(result.shares().values(), Fraction(0))
    if result.status == "indeterminate":
        assert total == 0
        return
    assert total == (1 if result.heirs else 0)
    assert all(h.share > 0 for h in result.heirs)
    explained = sorted([h.id for h in result.heirs] + [n.id for n in result.non_heirs])
    assert explained == sorted(p["id"] for p in doc["persons"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.integers(2, 16), st.integers(0, 2**32))
# cases that once depended on input order: several relations, several marriages, several cut links
@example(0, 11, 0)
@example(726, 8, 726 * 7 + 1)
@example(1324, 6, 1324 * 7 + 1)
@example(1459, 6, 1459 * 7 + 1)
def test_independent_of_ids_and_input_order(seed: int, size: int, shuffle_seed: int) -> None:
    doc = random_graph(seed, size)
    first = compute(load_graph(doc), _decedent(doc))
    renamed, back = _rename(doc, random.Random(shuffle_seed))
    second = compute(load_graph(renamed), _decedent(renamed))
    identity = {p["id"]: p["id"] for p in doc["persons"]}
    assert _summary(first, identity) == _summary(second, back)


@SETTINGS
@given(st.integers(0, 2**32), st.integers(2, 16), st.data())
def test_renunciation_never_helps_the_renouncer_nor_hurts_the_spouse(
    seed: int, size: int, data: st.DataObject
) -> None:
    doc = random_graph(seed, size)
    d = _decedent(doc)
    before = compute(load_graph(doc), d)
    if not before.heirs or before.status == "indeterminate":
        return
    heir = data.draw(st.sampled_from([h.id for h in before.heirs]))
    if any(f["person"] == heir for f in doc["estate_facts"]):
        return
    doc["estate_facts"].append({"decedent": d, "person": heir, "kind": "renunciation"})
    after = compute(load_graph(doc), d)
    assert after.shares().get(heir, Fraction(0)) == 0
    assert sum(after.shares().values(), Fraction(0)) in (0, 1)
    for h in before.heirs:
        if h.capacities[0].kind == "spouse" and h.id != heir:
            assert after.shares().get(h.id, Fraction(0)) >= h.share
