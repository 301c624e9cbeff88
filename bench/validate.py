"""Validation throughput: endingnote (full validation, all errors) against its baselines, same run.

Every contender starts from the same raw bytes of 1,000 realistic 10-30 KB documents:
- ``orjson``: parse only (the floor)
- ``jsonschema_rs``: orjson parse + structure only (the generated schema, all errors)
- ``jsonschema``: orjson parse + python-jsonschema structure only (with a format checker)
- ``endingnote``: endingnote.validation.validate_bytes — input checks, structure, semantics, policy,
  conformance summary
``jsonschema_rs_preparsed`` is jsonschema-rs on already-parsed documents, for reference.
Prints one JSON line; ``--json`` prints only that line.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).parent))

from _corpus import corpus


def rates(contenders: dict[str, tuple[Callable[[], Any], int]], repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` docs/s for each contender, the contenders interleaved round by round so
    that a burst of load on this shared machine hits all of them alike."""
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(repeat):
        for name, (fn, _n) in contenders.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: n / best[name] for name, (_fn, n) in contenders.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import jsonschema
    import jsonschema_rs

    from endingnote.standard import get
    from endingnote.standard._schema import build_schema
    from endingnote.validation import validate_bytes

    docs = corpus(args.docs)
    sizes = [len(d) for d in docs]
    schema = build_schema(get("1.0"))
    rs = jsonschema_rs.validator_for(schema, validate_formats=True)
    py = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    parsed = [orjson.loads(d) for d in docs]
    assert all(validate_bytes(d).valid for d in docs[:20]), "corpus must be valid"

    # Each contender consumes its result and keeps nothing, as a streaming validator would:
    # holding every parsed document alive would charge the garbage collector to whoever runs first.
    def each(fn: Callable[[Any], Any], items: list[Any]) -> Callable[[], None]:
        def run() -> None:
            for item in items:
                fn(item)

        return run

    py_docs = docs[: max(20, len(docs) // 20)]  # python-jsonschema is slow: a sample is enough
    results = rates(
        {
            "orjson": (each(orjson.loads, docs), len(docs)),
            "jsonschema_rs": (each(lambda d: list(rs.iter_errors(orjson.loads(d))), docs), len(docs)),
            "jsonschema_rs_preparsed": (each(lambda p: list(rs.iter_errors(p)), parsed), len(docs)),
            "endingnote": (each(validate_bytes, docs), len(docs)),
            "jsonschema": (each(lambda d: list(py.iter_errors(orjson.loads(d))), py_docs), len(py_docs)),
        },
        args.repeat,
    )
    out = {
        "docs": len(docs),
        "mean_kb": round(sum(sizes) / len(sizes) / 1024, 1),
        "docs_per_s": {k: round(v, 1) for k, v in results.items()},
        "ratio_endingnote_vs_jsonschema_rs": round(results["endingnote"] / results["jsonschema_rs"], 2),
        "ratio_endingnote_vs_jsonschema_rs_preparsed": round(
            results["endingnote"] / results["jsonschema_rs_preparsed"], 2
        ),
        "ratio_endingnote_vs_jsonschema": round(results["endingnote"] / results["jsonschema"], 1),
        "targets": {"vs_jsonschema_rs": 0.5, "vs_jsonschema": 30},
    }
    line = orjson.dumps(out).decode()
    if not args.json:
        print("validation throughput (same run; ratios are what to compare)", file=sys.stderr)
    print(line)


if __name__ == "__main__":
    main()
