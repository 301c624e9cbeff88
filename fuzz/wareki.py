"""Fuzz the 和暦 parsers (``endingnote.calendar.parse_wareki``, strict and lenient, and
``parse_date``, which also takes Gregorian spellings): a date or a ``WarekiError`` with a reason,
nothing else."""

from __future__ import annotations

from _common import instrumented, main, text

with instrumented():
    from endingnote.calendar import WarekiError, parse_date, parse_wareki


def one_input(data: bytes) -> None:
    value = text(data)
    for lenient in (False, True):
        try:
            result = parse_wareki(value, lenient=lenient)
        except WarekiError as exc:
            assert exc.reason
        else:
            assert 1873 <= result.date.year <= 9999
    assert 1 <= parse_date(value).year <= 9999


if __name__ == "__main__":
    main(one_input, expected=(WarekiError,))
