"""Periods counted as Japanese law counts them, and the day a period ends when its last day is closed.

Counting (民法 第1編第6章, 138条–143条, which apply unless a statute says otherwise):

- 民法140条: a period in days, weeks, months or years does not count its first day (初日不算入); it
  starts the next day at 00:00. A statute may count the first day instead: 戸籍法43条1項 counts
  register notifications "届出事件発生の日から" (:data:`FIRST_DAY_COUNTED`).
- 民法141条: the period ends when its last day ends.
- 民法143条: weeks, months and years follow the calendar. A period that does not start at the start of
  a month ends on the day before the day in the last month with the same number as the starting day
  (応当日の前日); when the last month has no such day, on that month's last day (2項ただし書).
  Death 2024-03-15, 3 months: the period starts 03-16 and ends 06-15. A period that starts on the
  1st ends on the last day of its last month (2023-02-28 + 1 month: starts 03-01, ends 03-31).

Moving off a closed day (:class:`ClosedDayRule`): each deadline names the law that moves it, or none.

- 民法142条 (civil periods; the family court applies 民事訴訟法95条3項 through 家事事件手続法34条4項);
- 国税通則法10条2項 with 施行令2条2項 (national tax filings and payments);
- 行政機関の休日に関する法律2条 (filings with national administrative bodies);
- 地方自治法4条の2第4項 (filings with municipalities, whose 条例 close the same days).

Every rule here moves the deadline to the next day that is not a Saturday, Sunday, national holiday
or 12月29日–1月3日 (:func:`endingnote.calendar.next_open_day`); the rules differ in their words, not in
the days they close, so the rule object carries the citation the output must show.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from endingnote.calendar._business import next_open_day

__all__ = [
    "CLOSED_DAY_RULES",
    "FIRST_DAY_COUNTED",
    "FIRST_DAY_NOT_COUNTED",
    "ClosedDayRule",
    "Counting",
    "Deadline",
    "Unit",
    "add_period",
    "deadline",
]

Unit = Literal["days", "months", "years"]


@dataclass(frozen=True, slots=True)
class Counting:
    """How the first day is treated, and the article that says so."""

    first_day_counted: bool
    article_ja: str
    article_en: str


FIRST_DAY_NOT_COUNTED = Counting(
    False, "民法140条(初日不算入)", "Civil Code art. 140 (first day not counted)"
)
FIRST_DAY_COUNTED = Counting(
    True, "戸籍法43条1項(初日算入)", "Family Register Act art. 43(1) (first day counted)"
)


@dataclass(frozen=True, slots=True)
class ClosedDayRule:
    """A law that moves a deadline falling on a closed day to the next open day."""

    key: str
    article_ja: str
    article_en: str


CLOSED_DAY_RULES: dict[str, ClosedDayRule] = {
    r.key: r
    for r in (
        ClosedDayRule(
            "civil_court",
            "民法142条、家事事件手続法34条4項・民事訴訟法95条3項",
            "Civil Code art. 142; Domestic Relations Case Procedure Act art. 34(4) with Code of Civil"
            " Procedure art. 95(3)",
        ),
        ClosedDayRule(
            "national_tax",
            "国税通則法10条2項・同法施行令2条2項",
            "Act on General Rules for National Taxes art. 10(2), Order art. 2(2)",
        ),
        ClosedDayRule(
            "national_office",
            "行政機関の休日に関する法律2条",
            "Act on Holidays of Administrative Organs art. 2",
        ),
        ClosedDayRule("municipal", "地方自治法4条の2第4項", "Local Autonomy Act art. 4-2(4)"),
    )
}


def _months_after(day: dt.date, months: int) -> tuple[int, int]:
    total = day.month - 1 + months
    return day.year + total // 12, total % 12 + 1


def add_period(
    start_event: dt.date, amount: int, unit: Unit, counting: Counting = FIRST_DAY_NOT_COUNTED
) -> dt.date:
    """The last day of a period of ``amount`` ``unit`` running from the day ``start_event``.

    >>> add_period(dt.date(2024, 3, 15), 3, "months")
    datetime.date(2024, 6, 15)
    >>> add_period(dt.date(2024, 3, 15), 7, "days", FIRST_DAY_COUNTED)
    datetime.date(2024, 3, 21)
    """
    if amount < 1:
        raise ValueError(f"a period needs a positive length: {amount}")
    first = start_event if counting.first_day_counted else start_event + dt.timedelta(days=1)
    if unit == "days":
        return first + dt.timedelta(days=amount - 1)
    months = amount * 12 if unit == "years" else amount
    year, month = _months_after(first, months)
    if first.day > _calendar.monthrange(year, month)[1]:  # no 応当日: the last month's last day
        return dt.date(year, month, _calendar.monthrange(year, month)[1])
    return dt.date(year, month, first.day) - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed deadline: the period's own last day and the day it actually falls due."""

    period_end: dt.date
    due: dt.date
    moved_by: ClosedDayRule | None  # set when the last day was closed and the rule moved it

    @property
    def moved(self) -> bool:
        return self.due != self.period_end


def deadline(
    start_event: dt.date,
    amount: int,
    unit: Unit,
    *,
    counting: Counting = FIRST_DAY_NOT_COUNTED,
    closed_day_rule: ClosedDayRule | None = None,
) -> Deadline:
    """The period's last day (:func:`add_period`), moved to the next open day by ``closed_day_rule``."""
    end = add_period(start_event, amount, unit, counting)
    if closed_day_rule is None:
        return Deadline(end, end, None)
    due = next_open_day(end)
    return Deadline(end, due, closed_day_rule if due != end else None)
