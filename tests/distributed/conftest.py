"""A 2-worker LocalCluster shared by the module's tests (starting one costs seconds) and a corpus
written the way exporters write them: whole files, NDJSON with blank lines and no final newline,
and the malformed inputs a batch meets."""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # Some tests put bench/ on sys.path to reach its corpus; there bench/distributed.py would stand
    # in for the `distributed` package, here and in the worker processes spawned with this sys.path.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
    import dask

    from endingnote.distributed import client_for

    # a killed worker's units are retried on the other; one death per unit is enough to show it
    with dask.config.set({"distributed.scheduler.allowed-failures": 3}), client_for(workers=2) as c:
        c.wait_for_workers(2)
        yield c


def _doc(base: dict[str, Any], n: int) -> dict[str, Any]:
    doc = copy.deepcopy(base)
    doc["person"]["name"]["given"] = f"太郎{n}"
    if n % 5 == 3:
        doc["person"]["birth_date"] = "1950-02-30"  # not a date: invalid
    return doc


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from endingnote.standard import get
    from endingnote.standard._examples import build_example

    base = build_example(get("1.0"), full=True)
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "exports"
    (folder / "nested").mkdir(parents=True)
    for n in range(24):
        (folder / ("nested" if n % 4 == 0 else ".") / f"note-{n:02}.json").write_bytes(
            orjson.dumps(_doc(base, n))
        )
    (folder / "truncated.json").write_bytes(orjson.dumps(base)[:500])
    (folder / "sjis.json").write_bytes('{"header": {"standard": "1.0"}, "person": "山田"}'.encode("cp932"))
    (folder / "bom.json").write_bytes(b"\xef\xbb\xbf" + orjson.dumps(base))
    (folder / "dup.json").write_bytes(b'{"header": {"standard": "1.0"}, "header": {}}')
    lines = []
    for n in range(40):
        lines.append(orjson.dumps(_doc(base, 100 + n)))
        if n % 9 == 0:
            lines.append(b"")  # a blank line is no document
        if n % 13 == 0:
            lines.append(b'{"header": {"standard": "1.0"}')  # malformed
    (root / "stream.ndjson").write_bytes(b"\n".join(lines))  # no newline after the last line
    return root
