"""NDJSON byte blocks: every line is owned by exactly one block and numbered as a local run numbers it."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.distributed._run import _numbered
from endingnote.distributed._tasks import validate_block
from endingnote.distributed._units import Block, units
from endingnote.validation import ValidationReport


def _label(raw: bytes) -> ValidationReport:
    return ValidationReport(path=None, standard_version=raw.decode())  # carries the line's text


def _local(data: bytes) -> list[tuple[int, str]]:
    """What ``validate_many`` takes from an NDJSON file: (line number, line) of each non-blank line."""
    return [(n, line.decode()) for n, line in enumerate(io.BytesIO(data), 1) if line.strip()]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["", " ", "{}", '{"a": 1}', "x" * 40, "\r"]), max_size=30),
    st.booleans(),
    st.integers(1, 64),
)
def test_blocks_cover_every_line_once(lines: list[str], final_newline: bool, block: int) -> None:
    data = "\n".join(lines).encode() + (b"\n" if final_newline and lines else b"")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.ndjson"
        path.write_bytes(data)
        plan = list(units([str(path)], files_per_unit=8, block_bytes=block))
        assert all(isinstance(u, Block) for u in plan)
        next_line: dict[str, int] = {}
        got = []
        for unit in plan:
            assert isinstance(unit, Block)
            for report in _numbered(unit, validate_block(unit, check=_label), next_line):
                assert report.path is not None
                got.append((int(report.path.rsplit(":", 1)[1]), report.standard_version))
    assert got == _local(data)
