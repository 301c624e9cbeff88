"""What runs on a worker: validate a unit, convert a source. Plain functions of plain data.

Each worker process compiles the validator once (:class:`Warm`, a worker plugin, runs at the
worker's start; the compiled schemas are cached per process) and keeps nothing between units.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endingnote.distributed._units import Block, Files, is_url, open_input
from endingnote.validation import ValidationReport, validate_bytes
from endingnote.validation._input import MAX_BYTES


@dataclass(slots=True)
class BlockResult:
    """The reports of one NDJSON block. ``lines[i]`` is the line of ``reports[i]`` counted from the
    block's first line (1); ``newlines`` is how many lines the block owns, so that the client can
    number every block's lines from the file's start."""

    reports: list[ValidationReport]
    lines: list[int]
    newlines: int


def validate_files(unit: Files) -> list[ValidationReport]:
    """One report per file, labelled by its path, as the local batch validates it."""
    from endingnote.validation._batch import _validate_file

    out = []
    for path in unit.paths:
        if is_url(path):
            with open_input(path) as fh:
                raw = fh.read(MAX_BYTES + 1)  # enough to report it as too large
            out.append(validate_bytes(raw, path=path))
        else:
            out += _validate_file(path)
    return out


def validate_block(unit: Block, check: Callable[[bytes], ValidationReport] = validate_bytes) -> BlockResult:
    """Validate (with ``check``) the lines that start in ``[unit.start, unit.end)``; a blank line is
    no document, as in a local run."""
    reports: list[ValidationReport] = []
    lines: list[int] = []
    line = newlines = 0
    with open_input(unit.path) as fh:
        pos = unit.start
        if pos > 0:  # the line running into the block belongs to the block before
            fh.seek(pos - 1)
            if fh.read(1) != b"\n":
                pos += len(fh.readline())
        fh.seek(pos)
        while pos < unit.end:
            raw = fh.readline()
            if not raw:
                break
            pos += len(raw)
            line += 1
            if raw.strip():
                reports.append(check(raw))
                lines.append(line)
            newlines += raw.endswith(b"\n")
    return BlockResult(reports, lines, newlines)


def validate_unit(unit: Files | Block) -> list[ValidationReport] | BlockResult:
    return validate_files(unit) if isinstance(unit, Files) else validate_block(unit)


@dataclass(slots=True)
class Converted:
    """One source converted into a staging folder of its own (never the final place)."""

    source: str
    staged: str | None  # the folder holding this attempt's documents; None: refused, nothing written
    summary: dict[str, Any] = field(default_factory=dict)


def convert_source(source: str, mapping_path: str, stage_root: str, validate: bool) -> Converted:
    """Convert one vendor file with the library's converter and writer, into a folder of this
    attempt's own under ``stage_root``: a second attempt (after a worker died) never touches the
    first's files, and only the client moves one attempt into place."""
    from endingnote.convert import convert_file, load_mapping
    from endingnote.convert._mapping import resolve_mapping
    from endingnote.convert._output import write_documents

    conversion = convert_file(source, load_mapping(resolve_mapping(mapping_path)), validate=validate)
    invalid = sum(not p.valid for p in conversion.persons)
    summary = {
        "source": source,
        "refused": conversion.refused,
        "persons": len(conversion.persons),
        "valid": len(conversion.persons) - invalid,
        "invalid": invalid,
        "issues": [i.to_dict() for i in conversion.report().issues],
    }
    if conversion.refused:
        return Converted(source, None, summary)
    staged = Path(stage_root) / f"{uuid.uuid4().hex}"
    write_documents(conversion, staged)
    return Converted(source, os.fspath(staged), summary)


class Warm:
    """Worker plugin: load the standards and compile their validators when a worker starts."""

    name = "endingnote-warm"

    def setup(self, worker: Any) -> None:
        warm()


def warm() -> int:
    """Compile every installed version's validator in this process; returns how many."""
    import datetime

    from endingnote.standard import get, versions
    from endingnote.validation._bound import _validator

    today = datetime.date.today().isoformat()
    for version in versions():
        _validator(get(version), today)
    return len(versions())


def compiled() -> int:
    """How many validators this process has compiled (the cache's misses), for the tests."""
    from endingnote.validation._bound import _validator

    return int(_validator.cache_info().misses)
