"""Validation and conversion on a real 2-worker LocalCluster: same results as a local run, every
input exactly once, also when a worker process is killed in the middle."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest

from endingnote.distributed import convert_distributed, validate_distributed
from endingnote.distributed._tasks import compiled
from endingnote.validation import validate_many

SMALL_UNITS = {"files_per_unit": 3, "block_bytes": 8192}  # NDJSON lines span several blocks


def _summary(reports: list[dict[str, Any]]) -> tuple[int, int]:
    return len(reports), sum(not r["valid"] for r in reports)


def test_same_reports_and_summary_as_a_local_run(client: Any, corpus: Path) -> None:
    inputs = [corpus / "exports", corpus / "stream.ndjson"]
    local = [r.to_dict() for r in validate_many(inputs, jobs=1)]
    remote = [r.to_dict() for r in validate_distributed(inputs, client=client, **SMALL_UNITS)]
    assert [r["path"] for r in remote] == [r["path"] for r in local]
    assert remote == local
    assert _summary(remote) == _summary(local)
    assert 0 < _summary(local)[1] < len(local)  # the corpus has both
    # each worker compiled the validator once (at its start), not once per document
    assert all(n == 1 for n in client.run(compiled).values())


def test_urls_through_fsspec(client: Any, corpus: Path) -> None:
    url = (corpus / "stream.ndjson").as_uri()
    local = [r.to_dict() for r in validate_many([corpus / "stream.ndjson"], jobs=1)]
    remote = [r.to_dict() for r in validate_distributed([url], client=client, **SMALL_UNITS)]
    assert [r["path"] for r in remote] == [
        r["path"].replace(str(corpus), url.rsplit("/", 1)[0]) for r in local
    ]
    assert [(r["valid"], r["issues"]) for r in remote] == [(r["valid"], r["issues"]) for r in local]


def _fail_on(path: str) -> None:
    """Installed on each worker: reading ``path`` fails (an I/O error a worker can meet)."""
    from endingnote.validation import _batch

    real = _batch._validate_file

    def failing(p: str) -> Any:
        if p == path:
            raise OSError(5, "Input/output error", p)
        return real(p)

    _batch._validate_file = failing


def test_a_unit_that_fails_is_reported_not_dropped(client: Any, corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(corpus / "exports", folder)
    bad = str(sorted(folder.glob("*.json"))[4])
    client.run(_fail_on, bad)
    try:
        reports = [r.to_dict() for r in validate_distributed([folder], client=client, **SMALL_UNITS)]
    finally:
        client.restart()  # fresh workers, without the patch
    local = [r.to_dict() for r in validate_many([folder], jobs=1)]
    assert [r["path"] for r in reports] == [r["path"] for r in local]
    failed = [r for r in reports if any(i["code"] == "distributed.input_failed" for i in r["issues"])]
    # the unit's three files are each reported, none lost; the other units are as a local run has them
    assert len(failed) == SMALL_UNITS["files_per_unit"] and bad in {r["path"] for r in failed}
    assert "Input/output error" in failed[0]["issues"][0]["message_en"]
    assert [r for r in reports if r not in failed] == [
        r for r in local if r["path"] not in {f["path"] for f in failed}
    ]


def test_killing_a_worker_loses_and_repeats_nothing(client: Any, corpus: Path) -> None:
    inputs = [corpus / "exports", corpus / "stream.ndjson"] * 3
    local = [r.to_dict() for r in validate_many(inputs, jobs=1)]
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[tuple[str, int]] = []

    def kill_when_busy() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = {w: keys for w, keys in client.processing().items() if keys}
            if busy:
                worker = max(busy, key=lambda w: len(busy[w]))
                os.kill(pids[worker], signal.SIGKILL)  # the worker process itself, not its nanny
                killed.append((worker, len(busy[worker])))
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_when_busy)
    killer.start()
    remote = [
        r.to_dict() for r in validate_distributed(inputs, client=client, files_per_unit=1, block_bytes=4096)
    ]
    killer.join()
    assert killed and killed[0][1] > 0, "the worker was killed while it had units to process"
    assert pids[killed[0][0]] not in client.run(os.getpid).values()  # it died; the nanny started another
    counts = Counter(r["path"] for r in remote)
    assert len(remote) == len(local) and all(
        counts[p] == c for p, c in Counter(r["path"] for r in local).items()
    )
    assert remote == local  # exactly once each, in order, with the local run's results


def test_conversion_writes_each_source_once_through_the_library_writer(
    client: Any, repo_root: Path, tmp_path: Path
) -> None:
    from endingnote.convert import convert_file, load_mapping
    from endingnote.convert._output import write_documents

    mapping = repo_root / "converters/desktop_csv/mapping.yaml"
    sources = []
    for name in ("east", "west"):
        sources.append(tmp_path / f"{name}.csv")
        shutil.copy(repo_root / "converters/desktop_csv/sample.csv", sources[-1])
    out = tmp_path / "out"
    outcomes = list(convert_distributed(sources, str(mapping), out, client=client))
    assert [o.output for o in outcomes] == [str(out / "east"), str(out / "west")]
    assert sorted(p.name for p in out.iterdir()) == ["east", "west"]  # no staging left behind
    expected = tmp_path / "local"
    conversion = convert_file(sources[0], load_mapping(mapping))
    write_documents(conversion, expected)
    for folder in (out / "east", out / "west"):
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
            p.name: p.read_bytes() for p in expected.iterdir()
        }
    assert outcomes[0].summary["persons"] == len(conversion.persons)
    assert outcomes[0].summary["invalid"] == sum(not p.valid for p in conversion.persons)
    with pytest.raises(OSError, match="already exists"):
        list(convert_distributed(sources, str(mapping), out, client=client))
    assert orjson.loads(next((out / "east").iterdir()).read_bytes())["header"]["standard"]
