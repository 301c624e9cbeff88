"""Conversion throughput and memory: the cp932 desktop CSV sample format, N persons (default 100,000).

In the same run, on the same file, each measured in its own fresh process (so peak RSS is that
run's own), interleaved round by round after one warm-up of each, medians reported:

- ``floor``: ``pandas.read_csv`` (cp932, all columns as strings) + ``DataFrame.to_json`` (NDJSON):
  reading and re-serialising the rows with no mapping, no grouping, no checks;
- ``endingnote``: ``endingnote.convert.run`` with the committed desktop_csv mapping, streaming —
  encoding checks, ragged-row checks, grouping rows per person, 和暦/kana/phone/postal transforms,
  the secret scan of every document, full validation (unless ``--no-validate``), the loss report —
  writing NDJSON staged and renamed.

Prints one JSON line: persons/s and peak RSS of both, and the ratio endingnote / floor (time).
Target (issue 12): ratio ≤ 4 with validation; peak RSS < 300 MB for 100,000 persons.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("_generate", ROOT / "converters" / "_generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _child(kind: str, src: str, out: str, validate: bool) -> None:
    """One measured run in this process; prints seconds and peak RSS (MB)."""
    t0 = time.perf_counter()
    if kind == "floor":
        import pandas as pd

        frame = pd.read_csv(src, encoding="cp932", dtype=str, keep_default_na=False)
        frame.to_json(out, orient="records", lines=True, force_ascii=False)
        count = len(frame)
    else:
        from endingnote.convert import run

        summary = run(
            src, ROOT / "converters" / "desktop_csv" / "mapping.yaml", out, force=True, validate=validate
        )
        count = summary.written
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "rss_mb": rss, "count": count}))


def _measure(kind: str, src: Path, out: Path, validate: bool) -> dict[str, float]:
    args = [sys.executable, __file__, "--child", kind, "--src", str(src), "--out", str(out)]
    if not validate:
        args.append("--no-validate")
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-validate", action="store_true", help="skip validation (for a breakdown)")
    parser.add_argument("--child", choices=["floor", "endingnote"], help=argparse.SUPPRESS)
    parser.add_argument("--src", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.src, args.out, not args.no_validate)
        return 0

    gen = _generator()
    validate = not args.no_validate
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.csv"
        src.write_bytes(gen.desktop_csv(gen.people(args.persons, seed=7)))  # type: ignore[attr-defined]
        warm = Path(tmp) / "warm.csv"
        warm.write_bytes(gen.desktop_csv(gen.people(200, seed=8)))  # type: ignore[attr-defined]
        _measure("floor", warm, Path(tmp) / "w1.ndjson", validate)
        _measure("endingnote", warm, Path(tmp) / "w2.ndjson", validate)
        floor, ours = [], []
        for _ in range(args.rounds):
            floor.append(_measure("floor", src, Path(tmp) / "floor.ndjson", validate))
            ours.append(_measure("endingnote", src, Path(tmp) / "out.ndjson", validate))
        rows = int(floor[0]["count"])
        persons = int(ours[0]["count"])
        size = src.stat().st_size
    f_s = statistics.median(r["seconds"] for r in floor)
    e_s = statistics.median(r["seconds"] for r in ours)
    result = {
        "bench": "convert",
        "input": "desktop_csv (cp932)",
        "persons": persons,
        "rows": rows,
        "bytes": size,
        "rounds": args.rounds,
        "validated": validate,
        "endingnote_s": round(e_s, 3),
        "endingnote_persons_per_s": round(persons / e_s, 1),
        "endingnote_peak_rss_mb": round(max(r["rss_mb"] for r in ours), 1),
        "floor_pandas_read_csv_to_json_s": round(f_s, 3),
        "floor_persons_per_s": round(persons / f_s, 1),
        "floor_peak_rss_mb": round(max(r["rss_mb"] for r in floor), 1),
        "ratio_vs_floor": round(e_s / f_s, 2),
        "cpus": os.cpu_count(),
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
