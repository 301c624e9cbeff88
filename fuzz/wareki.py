"""Fuzz the 和暦 parser (``endingnote.convert._wareki.parse``; it moves to ``endingnote.calendar``):
a date or a ``WarekiError`` with a reason, nothing else."""

from __future__ import annotations

from _common import instrumented, main, text

with instrumented():
    from endingnote.convert._wareki import WarekiError, parse


def one_input(data: bytes) -> None:
    for lenient in (False, True):
        result = parse(text(data), lenient=lenient)
        assert 1873 <= result.date.year <= 9999


# A year, month or day of more digits than a date has: the parser converts them whole
# (crashes-pending/wareki/; the 和暦 parser is moving to endingnote.calendar).
PENDING = [(OverflowError, ""), (ValueError, "Exceeds the limit")]  # any overflow: the same cause

if __name__ == "__main__":
    main(one_input, expected=(WarekiError,), pending=PENDING)
