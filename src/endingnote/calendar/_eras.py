"""The Japanese eras (元号) since 明治, as one table for the whole library.

Each era has its kanji name, its letter (``M T S H R``), the digit J-LIS writes before a birth date
on the My Number Card (``1``–``5``; ``0`` unknown), its first day and its last valid day. Domain
rules (``standard.md`` §5): a change day belongs to both eras when read (明治45年7月30日 ≡
大正元年7月30日, 大正15年12月25日 ≡ 昭和元年12月25日), and is written in the new era; 昭和64年1月7日 is
the last 昭和 day and 平成 starts 1989-01-08. Before 明治6年1月1日 (1873-01-01) the calendar was
lunisolar: no day-precise conversion. 明治's first year is 1868, whatever day it started.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["ERAS", "GREGORIAN_FROM", "Era", "era_by_key", "era_of", "era_year"]


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    letter: str
    jpki_digit: str
    start: dt.date
    last: dt.date | None  # last valid day (inclusive); None for the current era

    @property
    def first_year(self) -> int:
        """The Gregorian year of the era's 元年."""
        return self.start.year


ERAS: tuple[Era, ...] = (
    Era("明治", "M", "1", dt.date(1868, 10, 23), dt.date(1912, 7, 30)),
    Era("大正", "T", "2", dt.date(1912, 7, 30), dt.date(1926, 12, 25)),
    Era("昭和", "S", "3", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", "4", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", "5", dt.date(2019, 5, 1), None),
)
GREGORIAN_FROM = dt.date(1873, 1, 1)  # 明治6年1月1日: the solar calendar starts

_BY_KEY = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS} | {e.jpki_digit: e for e in ERAS}


def era_by_key(key: str) -> Era | None:
    """The era named ``昭和``, lettered ``S`` (either case) or with JPKI digit ``3``."""
    return _BY_KEY.get(key.upper() if key.isascii() else key)


def era_of(date: dt.date) -> Era | None:
    """The era ``date`` is written in (the new one on a change day); ``None`` before 明治."""
    for era in reversed(ERAS):
        if date >= era.start:
            return era
    return None


def era_year(era: Era, date: dt.date) -> int:
    """The year of ``date`` within ``era`` (1 = 元年)."""
    return date.year - era.first_year + 1
