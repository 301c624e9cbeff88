"""Validation throughput: endingnote (full validation, all errors) against its baselines, same run.

Every contender starts from the same raw bytes of 1,000 realistic 10-30 KB documents:
- ``orjson``: parse only (the floor)
- ``jsonschema_rs``: orjson parse + structure only (the generated schema, all errors)
- ``jsonschema``: orjson parse + python-jsonschema structure only (with a format checker)
- ``endingnote``: endingnote.validate.validate_bytes — input checks, structure, semantics, policy,
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


def rate(fn: Callable[[], Any], n_docs: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return n_docs / best


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
    from endingnote.validate import validate_bytes

    docs = corpus(args.docs)
    sizes = [len(d) for d in docs]
    schema = build_schema(get("1.0"))
    rs = jsonschema_rs.validator_for(schema, validate_formats=True)
    py = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    parsed = [orjson.loads(d) for d in docs]
    assert all(validate_bytes(d).valid for d in docs[:20]), "corpus must be valid"

    results = {
        "orjson": rate(lambda: [orjson.loads(d) for d in docs], len(docs), args.repeat),
        "jsonschema_rs": rate(
            lambda: [list(rs.iter_errors(orjson.loads(d))) for d in docs], len(docs), args.repeat
        ),
        "jsonschema_rs_preparsed": rate(
            lambda: [list(rs.iter_errors(p)) for p in parsed], len(docs), args.repeat
        ),
        "endingnote": rate(lambda: [validate_bytes(d) for d in docs], len(docs), args.repeat),
    }
    py_docs = docs[: max(20, len(docs) // 20)]  # python-jsonschema is slow: a sample is enough
    results["jsonschema"] = rate(
        lambda: [list(py.iter_errors(orjson.loads(d))) for d in py_docs], len(py_docs), 1
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
