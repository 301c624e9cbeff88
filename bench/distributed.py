"""Validation throughput on Dask against the local process pool: same machine, same corpus, same run.

The corpus (``_corpus.py``: realistic notes of 10-30 KB) is written once as files and once as an
NDJSON stream. Each configuration validates both, round after round (interleaved, so the shared
machine's load falls on all alike); the figures are medians over the rounds:

- ``local_1``: ``validate_many(jobs=1)``, one process — the reference for per-document cost;
- ``pool_N``: ``validate_many(jobs=N)``, the local ``ProcessPoolExecutor`` of N > 1 processes (as
  the CLI runs it: the pool is started by each run, so its start-up is in its time);
- ``dask_N``: ``endingnote.distributed.validate_distributed`` on a ``LocalCluster`` of N
  single-threaded worker processes (started before the timing; its start-up is reported apart).

Reported: documents per second of each, the ratios dask_N / pool_N (dask_1 / local_1: throughput,
above 1 is faster), and the scheduling overhead
per document — (dask_1 - local_1) / documents, what a one-worker cluster adds to each document
(moving units and reports between processes, the scheduler's bookkeeping). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
# `python bench/distributed.py` puts this folder first on sys.path, where this file would shadow the
# `distributed` package for this process and the workers it spawns: take the folder off
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

from endingnote.validation import validate_many  # noqa: E402


def _corpus(count: int) -> list[bytes]:
    spec = importlib.util.spec_from_file_location("_bench_corpus", HERE / "_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs: list[bytes] = module.corpus(count)
    return docs


def _write(root: Path, docs: list[bytes]) -> list[Path]:
    folder = root / "notes"
    folder.mkdir()
    for n, doc in enumerate(docs):
        (folder / f"note-{n:05}.json").write_bytes(doc)
    stream = root / "notes.ndjson"
    stream.write_bytes(b"\n".join(docs) + b"\n")
    return [folder, stream]


def _pool(n: int) -> str:
    return "local_1" if n == 1 else f"pool_{n}"


def _count(reports: Any) -> int:
    return sum(1 for _ in reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=400, help="documents (each input has them all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    from endingnote.distributed import client_for, validate_distributed

    docs = _corpus(args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _write(Path(tmp), docs)
        total = 2 * len(docs)
        steps: dict[str, Callable[[], int]] = {"local_1": lambda: _count(validate_many(inputs, jobs=1))}
        for n in args.workers:
            if n > 1:  # jobs=1 is local_1 itself
                steps[f"pool_{n}"] = lambda n=n: _count(validate_many(inputs, jobs=n))
        startup: dict[str, float] = {}
        with contextlib.ExitStack() as stack:
            for n in args.workers:
                start = time.perf_counter()
                client = stack.enter_context(client_for(workers=n))
                client.wait_for_workers(n)
                startup[f"dask_{n}_startup_s"] = round(time.perf_counter() - start, 2)
                steps[f"dask_{n}"] = lambda c=client: _count(validate_distributed(inputs, client=c))
            for fn in steps.values():  # warm: imports, compiled validators, pools started once
                assert fn() == total
            times: dict[str, list[float]] = {name: [] for name in steps}
            for _ in range(args.rounds):
                for name, fn in steps.items():
                    start = time.perf_counter()
                    fn()
                    times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(t) for name, t in times.items()}
    workers = args.workers
    line: dict[str, Any] = {
        "bench": "distributed",
        "documents": total,
        "bytes": 2 * sum(map(len, docs)),
        **{f"{name}_docs_per_s": round(total / s, 1) for name, s in median.items()},
        **{f"dask_{n}_over_{_pool(n)}": round(median[_pool(n)] / median[f"dask_{n}"], 3) for n in workers},
        "scheduling_overhead_ms_per_doc": round(
            1000 * (median[f"dask_{args.workers[0]}"] - median["local_1"]) / total, 3
        )
        if args.workers[0] == 1
        else None,
        **startup,
        "medians_of": args.rounds,
    }
    print(orjson.dumps(line).decode())


if __name__ == "__main__":
    main()
