"""Inputs cut into units of work: batches of files, and byte ranges of NDJSON files.

A unit is small and self-contained (names and offsets, no data), so the scheduler ships it
cheaply and any worker can take it up again after another died. Paths are local paths or, with
``fsspec``, URLs (``s3://…``, ``gcs://…``, ``file://…``) that every worker can open.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from endingnote.errors import InputError
from endingnote.validation._batch import NDJSON_SUFFIXES

JSON_SUFFIXES = (".json", *NDJSON_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Files:
    """Whole documents, one per file, validated in the order given."""

    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """The NDJSON lines that *start* in bytes ``[start, end)`` of ``path`` (a line is whole in one block)."""

    path: str
    start: int
    end: int


Unit = Files | Block


def is_url(path: str) -> bool:
    return "://" in path


def open_input(path: str) -> IO[bytes]:
    """A binary file object for a local path or (through fsspec) a URL."""
    if not is_url(path):
        try:
            return open(path, "rb")
        except FileNotFoundError as exc:
            raise InputError(f"{path}: no such file / ファイルがありません") from exc
        except PermissionError as exc:
            raise InputError(f"{path}: permission denied / 読み取り権限がありません") from exc
    fs, target = _filesystem(path)
    opened: IO[bytes] = fs.open(target, "rb")
    return opened


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - fsspec comes with the dask extra
        raise InputError(f"{url}: URLs need fsspec (pip install 'endingnote[dask]')") from exc
    fs, target = fsspec.core.url_to_fs(url)
    return fs, target


def _size(path: str) -> int:
    if not is_url(path):
        return Path(path).stat().st_size
    fs, target = _filesystem(path)
    return int(fs.size(target))


def expand_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files to process, in the order a local run takes them: local paths as
    :func:`endingnote.validation.expand` lists them, URLs of folders by sorted name."""
    from endingnote.validation import expand

    out: list[str] = []
    for p in [os.fspath(x) for x in paths]:
        if not is_url(p):
            out += [str(f) for f in expand([p])]
            continue
        fs, target = _filesystem(p)
        if not fs.exists(target):
            raise InputError(f"{p}: no such file or directory / ファイルがありません")
        if fs.isdir(target):
            protocol = p.split("://", 1)[0]
            found = sorted(f for f in fs.find(target) if f.endswith(JSON_SUFFIXES))
            out += [f if "://" in f else f"{protocol}://{f}" for f in found]
        else:
            out.append(p)
    return out


def units(files: list[str], *, files_per_unit: int, block_bytes: int) -> Iterator[Unit]:
    """Consecutive ``.json`` files in batches; each NDJSON file in byte blocks, in input order."""
    batch: list[str] = []
    for f in files:
        if not f.endswith(NDJSON_SUFFIXES):
            batch.append(f)
            if len(batch) >= files_per_unit:
                yield Files(tuple(batch))
                batch = []
            continue
        if batch:
            yield Files(tuple(batch))
            batch = []
        size = _size(f)
        for start in range(0, max(size, 1), block_bytes):
            yield Block(f, start, min(start + block_bytes, size))
    if batch:
        yield Files(tuple(batch))
