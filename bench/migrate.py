"""Benchmark: migrating documents down and back up, and checking their vendor extensions.

Figures are ratios against a baseline measured in the same run (a deep copy plus an orjson round
trip of the same document), so they compare across machines. Run: ``python bench/migrate.py``.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from typing import Any

import orjson

from endingnote.compat import migrate
from endingnote.extensions import check_document_extensions
from endingnote.standard import Standard, get, versions


def full_document(std: Standard, copies: int = 3) -> dict[str, Any]:
    """Every record type with every item that has an example; repeating records ``copies`` times."""
    doc: dict[str, Any] = {
        "header": {
            "standard": std.version,
            "extensions": {"vendor-a": "https://vendor-a.example/ns/endingnote"},
        },
        "extensions": {"vendor-a": {"exported_by": "bench"}},
    }
    for rt in std.records.values():
        obj = {f.key: f.example for f in rt.items if f.example is not None}
        obj["extensions"] = {"vendor-a": {"memo_colour": "yellow"}}
        if rt.repeating:
            doc[rt.key] = [{**copy.deepcopy(obj), "id": f"{rt.key}-{i}"} for i in range(copies)]
        else:
            doc[rt.key] = obj
    return doc


def _time(fn: Callable[[], Any], rounds: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(rounds):
        fn()
    return (time.perf_counter() - start) / rounds


def main() -> None:
    all_versions = versions()
    new, old = all_versions[-1], all_versions[-2] if len(all_versions) > 1 else all_versions[-1]
    doc = full_document(get(new))
    rounds = 50
    baseline = _time(lambda: orjson.loads(orjson.dumps(copy.deepcopy(doc))), rounds)

    def down_up() -> None:
        down = migrate(doc, old).document
        assert down is not None
        assert migrate(down, new).document == doc

    round_trip = _time(down_up, rounds)
    ext = _time(lambda: check_document_extensions(doc, new), rounds)
    print(
        json.dumps(
            {
                "bench": "migrate",
                "versions": f"{new}->{old}->{new}",
                "records": sum(
                    len(v) if isinstance(v, list) else 1
                    for k, v in doc.items()
                    if k not in ("header", "extensions")
                ),
                "baseline_ms": round(baseline * 1000, 3),
                "round_trip_vs_baseline": round(round_trip / baseline, 2),
                "extension_check_vs_baseline": round(ext / baseline, 2),
                "round_trip_ms": round(round_trip * 1000, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
