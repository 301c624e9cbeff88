"""``heirs compute`` end to end against ``json.loads`` of the same file, in the same run.

A synthetic family of 10,000 persons over 8 generations (couples, children, deaths, some adoptions,
non-marital children, renunciations) is serialised once. Then, interleaved round by round so that
the shared machine's load falls on every step alike, each timed separately:

- ``json_loads``: ``json.loads(bytes)`` — the baseline: what reading the file costs at all;
- ``read``: ``endingnote.heirs.read_graph(bytes)`` — parse, JSON Schema (jsonschema-rs), the semantic
  checks (references, duplicates, cycles, dates) and the dataclasses;
- ``compute``: ``endingnote.heirs.compute(graph, decedent)`` for a decedent of generation 3 whose
  predeceased children make representation reach generation 7, with an explanation for every one
  of the 10,000 persons;
- ``write``: the ``--json`` output of ``heirs compute`` (``to_dict`` and orjson);
- ``end_to_end``: the three together, as ``endingnote heirs compute FILE --json`` runs them.

Reports medians (not best runs) and each step's ratio to the baseline's median. Target:
end_to_end ≤ 3 × json_loads. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import orjson

from endingnote.heirs import compute, read_graph

SIZES = (250, 400, 650, 1000, 1400, 1800, 2100, 2400)  # 10,000 persons, 8 generations


def synthetic(seed: int = 6) -> tuple[dict[str, Any], str]:
    rng = random.Random(seed)
    persons: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    marriages: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    generations: list[list[str]] = []
    births_of: dict[str, str] = {}
    prev_couples: list[tuple[str, str]] = []
    for g, size in enumerate(SIZES):
        ids = []
        for k in range(size):
            pid = f"g{g}p{k}"
            # 18 years a generation, 3 either way: every parent at least 15 at a birth
            born = dt.date(1870 + 18 * g + rng.randrange(4), 1 + rng.randrange(12), 1 + rng.randrange(28))
            person: dict[str, Any] = {
                "id": pid,
                "name": {"family": rng.choice(["山田", "髙橋", "佐藤", "渡邉"]), "given": f"名{g}-{k}"},
                "sex": "male" if k % 2 == 0 else "female",
                "birth_date": born.isoformat(),
            }
            dies = g <= 3 or rng.random() < (0, 0, 0, 0, 0.6, 0.4, 0.2, 0.05)[g]
            if dies:
                died = born + dt.timedelta(days=rng.randrange(20 * 365, 85 * 365))
                if died < dt.date(2024, 1, 1):
                    person["death"] = {"date": died.isoformat()}
            persons.append(person)
            births_of[pid] = person["birth_date"]
            ids.append(pid)
        generations.append(ids)
        # couples within the generation: the i-th and the i-th from the end
        couples = [(ids[i], ids[size - 1 - i]) for i in range(size // 2)]
        for a, b in couples:
            start = max(births_of[a], births_of[b])
            marriages.append({"spouses": [a, b], "start": f"{int(start[:4]) + 22}-04-01"})
        if g > 0:
            for k, child in enumerate(ids):
                father, mother = prev_couples[k * len(prev_couples) // size]
                _link(rng, links, father, mother, child, births_of[child])
        prev_couples = couples
    decedent = generations[2][0]
    for p in persons:
        if p["id"] == decedent:
            p["death"] = {"date": "2024-03-10", "time": "10:00"}
    for pid in rng.sample(generations[5], 30):
        facts.append({"decedent": decedent, "person": pid, "kind": "renunciation"})
    doc = {
        "format": "endingnote-family-graph",
        "version": "1.0",
        "persons": persons,
        "parent_child": links,
        "marriages": marriages,
        "estate_facts": facts,
    }
    return doc, decedent


def _link(
    rng: random.Random, links: list[dict[str, Any]], father: str, mother: str, child: str, born: str
) -> None:
    roll = rng.random()
    if roll < 0.03:
        links.append(
            {
                "parent": mother,
                "child": child,
                "kind": "biological",
                "parent_role": "mother",
                "marital": False,
            }
        )
        links.append(
            {
                "parent": father,
                "child": child,
                "kind": "biological",
                "parent_role": "father",
                "marital": False,
                "acknowledged_on": f"{int(born[:4]) + 1}-06-01",
            }
        )
    elif roll < 0.06:
        adopted = f"{int(born[:4]) + 5}-06-01"
        links.append({"parent": father, "child": child, "kind": "adoptive", "adopted_on": adopted})
        links.append({"parent": mother, "child": child, "kind": "adoptive", "adopted_on": adopted})
    else:
        links.append(
            {"parent": father, "child": child, "kind": "biological", "parent_role": "father", "marital": True}
        )
        links.append(
            {"parent": mother, "child": child, "kind": "biological", "parent_role": "mother", "marital": True}
        )


def _output(result: Any, issues: list[Any]) -> bytes:
    """What ``heirs compute --json`` prints."""
    out = {"valid": True, **result.to_dict(), "input_findings": [i.to_dict() for i in issues]}
    return orjson.dumps(out, option=orjson.OPT_NON_STR_KEYS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9, help="rounds (each step once per round)")
    args = parser.parse_args()
    doc, decedent = synthetic()
    raw = orjson.dumps(doc)
    graph, report = read_graph(raw)
    if graph is None:
        raise SystemExit(f"synthetic graph invalid: {[i.to_dict() for i in report.errors][:3]}")
    result = compute(graph, decedent)

    def end_to_end() -> bytes:
        g, rep = read_graph(raw)
        assert g is not None
        return _output(compute(g, decedent), list(rep.issues))

    steps: dict[str, Callable[[], Any]] = {
        "json_loads": lambda: json.loads(raw),
        "read": lambda: read_graph(raw),
        "compute": lambda: compute(graph, decedent),
        "write": lambda: _output(result, list(report.issues)),
        "end_to_end": end_to_end,
    }
    for fn in steps.values():  # warm: the schema compiled, the modules imported
        fn()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.repeat):
        for name, fn in steps.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(t) for name, t in times.items()}
    base_name = "json_loads"
    base = median[base_name]
    line = {
        "bench": "heirs",
        "persons": len(doc["persons"]),
        "generations": len(SIZES),
        "links": len(doc["parent_child"]),
        "bytes": len(raw),
        "heirs": len(result.heirs),
        "explained": len(result.heirs) + len(result.non_heirs),
        "max_representation_depth": max((len(h.via) for h in result.heirs), default=0),
        **{f"{name}_s": round(m, 4) for name, m in median.items()},
        **{
            f"{name}_over_json_loads": round(m / base, 2)
            for name, m in median.items()
            if name != "json_loads"
        },
        "target": "end_to_end <= 3 x json_loads",
        "target_met": median["end_to_end"] <= 3 * base,
        "medians_of": args.repeat,
    }
    print(orjson.dumps(line).decode())


if __name__ == "__main__":
    main()
