"""Conversion throughput: the cp932 desktop CSV sample format, N persons (default 100,000).

In the same run, on the same file:
- ``floor``: ``pandas.read_csv`` (cp932, all columns as strings) + ``DataFrame.to_json`` (NDJSON):
  reading and re-serialising the rows with no mapping, no grouping, no checks;
- ``endingnote``: ``endingnote.convert.convert_file`` with the committed desktop_csv mapping —
  decoding with encoding checks, ragged-row checks, grouping rows per person, 和暦/kana/phone/postal
  transforms, the loss report, full validation of every document — then writing NDJSON atomically.
Prints one JSON line with persons/s and the ratio endingnote / floor.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("_generate", ROOT / "converters" / "_generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--no-validate", action="store_true", help="skip validation (for a breakdown)")
    args = parser.parse_args(argv)

    import pandas as pd

    from endingnote.convert import convert_file, load_mapping
    from endingnote.convert._output import write_documents

    gen = _generator()
    mapping = load_mapping(ROOT / "converters" / "desktop_csv" / "mapping.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.csv"
        src.write_bytes(gen.desktop_csv(gen.people(args.persons, seed=7)))  # type: ignore[attr-defined]
        size = src.stat().st_size

        gc.collect()
        t0 = time.perf_counter()
        frame = pd.read_csv(src, encoding="cp932", dtype=str, keep_default_na=False)
        buf = io.StringIO()
        frame.to_json(buf, orient="records", lines=True, force_ascii=False)
        floor = time.perf_counter() - t0
        rows = len(frame)
        del frame, buf

        gc.collect()
        t0 = time.perf_counter()
        conversion = convert_file(src, mapping, validate=not args.no_validate)
        write_documents(conversion, Path(tmp) / "out.ndjson")
        elapsed = time.perf_counter() - t0
        persons = len(conversion.persons)
        valid = sum(p.valid for p in conversion.persons)

    result = {
        "bench": "convert",
        "input": "desktop_csv (cp932)",
        "persons": persons,
        "rows": rows,
        "bytes": size,
        "validated": not args.no_validate,
        "valid_persons": valid,
        "endingnote_s": round(elapsed, 3),
        "persons_per_s": round(persons / elapsed, 1),
        "floor_pandas_read_csv_to_json_s": round(floor, 3),
        "ratio_vs_floor": round(elapsed / floor, 2),
        "cpus": os.cpu_count(),
    }
    sys.stdout.buffer.write(orjson.dumps(result) + b"\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
