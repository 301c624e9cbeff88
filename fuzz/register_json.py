"""Fuzz register JSON: a register or findings."""

from __future__ import annotations

from _common import instrumented, main

with instrumented():
    from endingnote.koseki import load_register_bytes


def one_input(data: bytes) -> None:
    load_register_bytes(data, "fuzz.json")


if __name__ == "__main__":
    main(one_input)
