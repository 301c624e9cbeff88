"""Batch validation: directories and NDJSON streams, on all cores, streamed (no document is kept)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from endingnote.errors import InputError
from endingnote.validation._engine import ValidationReport, validate_bytes, validate_file

NDJSON_SUFFIXES = (".ndjson", ".jsonl")


@dataclass(frozen=True, slots=True)
class Unit:
    """One document to validate: a file, or one line of an NDJSON file."""

    label: str
    path: str
    line: int | None = None


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named directly, and every ``*.json``/``*.ndjson``/``*.jsonl`` below named folders."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in (".json", *NDJSON_SUFFIXES))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory / ファイルがありません")
    return out


def _validate_ndjson_chunk(path: str, first_line: int, lines: list[bytes]) -> list[ValidationReport]:
    reports = []
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        reports.append(validate_bytes(line, path=f"{path}:{first_line + offset}"))
    return reports


def validate_ndjson_bytes(data: bytes, label: str) -> list[ValidationReport]:
    """Each line of an NDJSON stream already in memory, labelled ``label:LINE`` as
    :func:`validate_many` labels the lines of an ``.ndjson`` file (blank lines skipped)."""
    return _validate_ndjson_chunk(label, 1, data.splitlines(keepends=True))


def _validate_file(path: str) -> list[ValidationReport]:
    return [validate_file(path)]  # a file that vanished since the listing is a finding, not a crash


def _jobs(files: list[Path], chunk: int = 256) -> Iterator[tuple[str, int | None, list[bytes] | None]]:
    for f in files:
        if f.suffix in NDJSON_SUFFIXES:
            with f.open("rb") as fh:
                batch: list[bytes] = []
                start = 1
                for n, line in enumerate(fh, 1):
                    if not batch:
                        start = n
                    batch.append(line)
                    if len(batch) >= chunk:
                        yield str(f), start, batch
                        batch = []
                if batch:
                    yield str(f), start, batch
        else:
            yield str(f), None, None


def _run(job: tuple[str, int | None, list[bytes] | None]) -> list[ValidationReport]:
    path, start, lines = job
    if lines is None or start is None:
        return _validate_file(path)
    return _validate_ndjson_chunk(path, start, lines)


def validate_many(
    paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None
) -> Iterator[ValidationReport]:
    """Validate files and folders, yielding one report per document in input order.

    ``jobs``: worker processes (default: all cores; 1 validates in this process).
    """
    files = expand(paths)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or (len(files) <= 1 and not any(f.suffix in NDJSON_SUFFIXES for f in files)):
        for job in _jobs(files):
            yield from _run(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for reports in pool.map(_run, _jobs(files), chunksize=4):
            yield from reports
