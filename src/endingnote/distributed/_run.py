"""The client side of a distributed run: submit units, take results back in input order.

- Units are submitted through a sliding window (a few per worker), so a run over millions of
  documents holds only the window in memory; results are yielded in input order, as a local run
  yields them, and each unit's result is taken exactly once (a future completes once, whichever
  attempt produced it).
- A worker that dies takes its running units with it; the scheduler gives them to another worker
  (up to ``distributed.scheduler.allowed-failures`` times). A unit that still fails is not dropped:
  each of its inputs is reported with ``distributed.input_failed``.
- Conversion: each attempt writes into a staging folder of its own; the client moves the one
  attempt it accepted into place with one rename, so no output is written twice or half.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from endingnote._codes import issue
from endingnote.distributed import _codes as _codes  # registers the codes
from endingnote.distributed._tasks import (
    BlockResult,
    Converted,
    Warm,
    convert_source,
    validate_block,
    validate_unit,
)
from endingnote.distributed._units import Block, Files, expand_inputs, units
from endingnote.errors import InputError
from endingnote.validation import ValidationReport

Progress = Callable[[int], None]  # called with the number of units completed so far

FILES_PER_UNIT = 32
BLOCK_BYTES = 4 * 1024 * 1024
WINDOW_PER_WORKER = 8


@contextlib.contextmanager
def client_for(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``dask.distributed`` client: connected to ``scheduler``, or to a ``LocalCluster`` of
    ``workers`` single-threaded worker processes started (and stopped) for the run."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            _prepare(client)
            yield client
        return
    import dask

    # Units are few at a time (the window) and all ready: let the scheduler hand them to workers at
    # once instead of queuing them, which costs a scheduler round trip per unit.
    with (
        dask.config.set({"distributed.scheduler.worker-saturation": float("inf")}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: never collide with another run
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        _prepare(client)
        yield client


def _prepare(client: Any) -> None:
    from distributed.diagnostics.plugin import WorkerPlugin

    class _Warm(WorkerPlugin, Warm):  # type: ignore[misc]
        pass

    client.register_plugin(_Warm())


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def _in_order(
    client: Any, fn: Callable[..., Any], jobs: Iterable[tuple[Any, ...]], progress: Progress | None
) -> Iterator[tuple[tuple[Any, ...], Any, BaseException | None]]:
    """``(job, result, None)`` or ``(job, None, error)`` for each job, in the order given."""
    window = WINDOW_PER_WORKER * _workers(client)
    pending: deque[tuple[tuple[Any, ...], Any]] = deque()
    done = 0

    def take() -> tuple[tuple[Any, ...], Any, BaseException | None]:
        nonlocal done
        job, future = pending.popleft()
        try:
            result, error = future.result(), None
        except Exception as exc:
            result, error = None, exc
        future.release()
        done += 1
        if progress is not None:
            progress(done)
        return job, result, error

    for job in jobs:
        pending.append((job, client.submit(fn, *job, pure=False)))
        while len(pending) >= window:
            yield take()
    while pending:
        yield take()


def _failed(path: str, error: BaseException) -> ValidationReport:
    report = ValidationReport(path=path)
    report.add(issue("distributed.input_failed", "", reason=_reason(error)))
    return report


def _failing(error: BaseException) -> Callable[[bytes], ValidationReport]:
    def check(_raw: bytes) -> ValidationReport:
        return _failed("", error)

    return check


def _reason(error: BaseException) -> str:
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        return "作業プロセスが繰り返し停止しました / the worker running it died repeatedly"
    return f"{type(error).__name__}: {str(error)[:200]}"


def validate_distributed(
    paths: Iterable[str | os.PathLike[str]],
    *,
    client: Any,
    files_per_unit: int = FILES_PER_UNIT,
    block_bytes: int = BLOCK_BYTES,
    progress: Progress | None = None,
    on_units: Callable[[int], None] | None = None,
) -> Iterator[ValidationReport]:
    """Validate files, folders and NDJSON streams on the cluster of ``client``, yielding one report
    per document in input order, labelled as a local run labels it (``path``, ``path:LINE``).

    ``on_units`` is told how many units the run has once they are known (for a progress bar).
    """
    plan = list(units(expand_inputs(paths), files_per_unit=files_per_unit, block_bytes=block_bytes))
    if on_units is not None:
        on_units(len(plan))
    next_line: dict[str, int] = {}
    for (unit,), result, error in _in_order(client, validate_unit, ((u,) for u in plan), progress):
        if isinstance(unit, Files):
            if error is None:
                yield from result
            else:
                yield from (_failed(path, error) for path in unit.paths)
            continue
        if error is not None:  # read the block here to name each of its lines; nothing is validated
            result = validate_block(unit, check=_failing(error))
        yield from _numbered(unit, result, next_line)


def _numbered(unit: Block, result: BlockResult, next_line: dict[str, int]) -> Iterator[ValidationReport]:
    first = 1 if unit.start == 0 else next_line[unit.path]  # a file named twice is read twice
    for report, line in zip(result.reports, result.lines, strict=True):
        report.path = f"{unit.path}:{first + line - 1}"
        yield report
    next_line[unit.path] = first + result.newlines


@dataclass(slots=True)
class SourceOutcome:
    """One converted source: where its documents are (``None``: refused or failed) and its summary."""

    source: str
    output: str | None
    summary: dict[str, Any]


def convert_distributed(
    sources: Iterable[str | os.PathLike[str]],
    mapping_path: str,
    output: str | os.PathLike[str],
    *,
    client: Any,
    validate: bool = True,
    progress: Progress | None = None,
) -> Iterator[SourceOutcome]:
    """Convert each vendor file on the cluster into ``output/<name>/`` (one ``.json`` per person,
    written by the library's writer), yielding one outcome per source in input order.

    ``output`` must be a folder that the workers and this process both see. A source's folder
    appears whole, by one rename, or not at all; an existing one is never replaced.
    """
    target = Path(output)
    names = _folder_names([os.fspath(s) for s in sources])
    taken = [target / name for name in names.values() if (target / name).exists()]
    if taken:
        raise InputError(f"{taken[0]}: already exists / 既に存在します")
    stage = target / f".endingnote-staging-{uuid.uuid4().hex[:12]}"
    stage.mkdir(parents=True)
    try:
        jobs = ((src, mapping_path, os.fspath(stage), validate) for src in names)
        for (src, *_), result, error in _in_order(client, convert_source, jobs, progress):
            if error is not None:
                failure = issue("distributed.input_failed", "", reason=_reason(error))
                yield SourceOutcome(
                    src, None, {"source": src, "refused": True, "issues": [failure.to_dict()]}
                )
                continue
            converted: Converted = result
            final = None
            if converted.staged is not None:
                final = target / names[src]
                os.replace(converted.staged, final)  # the accepted attempt, moved into place once
            yield SourceOutcome(src, None if final is None else os.fspath(final), converted.summary)
    finally:
        shutil.rmtree(stage, ignore_errors=True)  # attempts that lost (a worker died after writing)


def _folder_names(sources: list[str]) -> dict[str, str]:
    """Each source's output folder name: its stem, numbered when two sources share one."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for src in sources:
        stem = Path(src).stem or "source"
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        names[src] = name
    return names
