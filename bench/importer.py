"""Heir-import outputs against validating the same note, in the same run.

A large note is made from the standard's full example (1.0) by repeating every list record type
``--copies`` times with fresh ids. Then, timed separately and each repeated (best of):

- ``normalize``: ``pandas.json_normalize`` of every record list — untyped flat tables, what a user
  gets for free: the baseline;
- ``validate``: ``endingnote.validate(doc)`` — the check every import's package went through (for scale);
- ``frames``: ``endingnote.importer._frames.frames(doc)`` — typed DataFrames (dates, Int64, booleans,
  categoricals with labels), one per record type;
- ``outputs``: the checklist plus every file of an import (note JSON, XLSX, CSVs, HTML, ICS),
  written atomically into a fresh temporary folder.

Both are run at two sizes (``--copies`` and 8× that). ``frames`` has a fixed cost per column (58 record
types, each column converted once), so the figure that matters for large notes is the marginal one:
(frames_large - frames_small) / (normalize_large - normalize_small). Target: marginal ≤ 4× normalize
(typing and labels cost something, not an order of magnitude). ``outputs`` is reported against the
same baseline (the XLSX workbook dominates). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

import endingnote
from endingnote.importer._checklist import build_checklist
from endingnote.importer._frames import frames
from endingnote.importer._outputs import write_outputs

EXAMPLE = Path(__file__).resolve().parents[1] / "standard" / "1.0" / "generated" / "examples" / "full.json"


def large_note(copies: int) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for key, value in list(doc.items()):
        if not isinstance(value, list) or not value or not all(isinstance(r, dict) for r in value):
            continue
        if any("id" in r for r in value) and key in {"family_member", "disclosure_rule"}:
            continue  # keep references into these intact
        grown: list[dict[str, Any]] = []
        for n in range(copies):
            for record in value:
                clone = copy.deepcopy(record)
                if isinstance(clone.get("id"), str) and n:
                    clone["id"] = f"{clone['id']}-c{n}"
                grown.append(clone)
        doc[key] = grown
    return doc


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(copies: int, repeat: int) -> dict[str, Any]:
    import pandas as pd

    doc = large_note(copies)
    report = endingnote.validate(doc)
    death = dt.date(2026, 3, 31)
    tasks = build_checklist(doc, death, standard_version="1.0")
    lists = {k: v for k, v in doc.items() if isinstance(v, list) and v and isinstance(v[0], dict)}
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(10**6))

        def outputs() -> None:
            write_outputs(
                Path(tmp) / f"out{next(counter)}",
                doc,
                tasks=build_checklist(doc, death, standard_version="1.0"),
                standard_version="1.0",
                heir_map_svg=None,
                summary={"status": "imported"},
            )

        frames(doc, standard_version="1.0")  # warm up: the catalogue and pandas' lazy imports
        normalize_s = best(lambda: {k: pd.json_normalize(v) for k, v in lists.items()}, repeat)
        validate_s = best(lambda: endingnote.validate(doc), repeat)
        frames_s = best(lambda: frames(doc, standard_version="1.0"), repeat)
        outputs_s = best(outputs, repeat)
    return {
        "records": sum(len(v) for v in lists.values()),
        "bytes": len(orjson.dumps(doc)),
        "valid": report.valid,
        "tasks": len(tasks),
        "normalize_s": round(normalize_s, 4),
        "validate_s": round(validate_s, 4),
        "frames_s": round(frames_s, 4),
        "outputs_s": round(outputs_s, 4),
        "frames_over_normalize": round(frames_s / normalize_s, 3),
        "outputs_over_normalize": round(outputs_s / normalize_s, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    small = measure(args.copies, args.repeat)
    large = measure(args.copies * 8, args.repeat)
    marginal = (large["frames_s"] - small["frames_s"]) / max(
        large["normalize_s"] - small["normalize_s"], 1e-9
    )
    line = {
        "bench": "importer",
        "small": small,
        "large": large,
        "frames_marginal_over_normalize": round(marginal, 3),
        "target_met": marginal <= 4 and small["valid"] and large["valid"],
        "best_of": args.repeat,
    }
    print(orjson.dumps(line).decode())


if __name__ == "__main__":
    main()
