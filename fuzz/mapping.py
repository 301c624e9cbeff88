"""Fuzz mapping loading (vendor YAML): a report, never an exception."""

from __future__ import annotations

from _common import instrumented, main, scratch_file

with instrumented():
    from endingnote.convert._mapping import check_mapping

# mapping files are read from a path: one scratch file, in memory where the system has it
_SCRATCH = scratch_file("mapping.yaml")


def one_input(data: bytes) -> None:
    _SCRATCH.write_bytes(data)
    check_mapping(_SCRATCH)


if __name__ == "__main__":
    main(one_input)
