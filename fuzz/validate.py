"""Fuzz the JSON validator: any bytes give a report, never an exception."""

from __future__ import annotations

from _common import instrumented, main

with instrumented():
    from endingnote.validation import validate_bytes


def one_input(data: bytes) -> None:
    report = validate_bytes(data)
    for found in report.issues:
        assert found.code and found.message_ja and found.message_en
    assert len(report.issues) <= 1_002  # the findings cap, plus the BOM warning


if __name__ == "__main__":
    main(one_input)
