"""Days on which Japanese public offices, courts and tax offices are closed.

One set serves every deadline the library counts, because the laws that move a deadline off a
closed day name the same days:

- 行政機関の休日に関する法律 1条1項: Sundays and Saturdays, the holidays of the 国民の祝日に関する法律
  (including 振替休日 and 国民の休日), and 12月29日 to 1月3日;
- 民事訴訟法 95条3項 (applied to family-court filings by 家事事件手続法 34条4項, e.g. 相続放棄): a
  period ending on a Sunday, Saturday, national holiday, 1月2日, 1月3日 or 12月29日–31日 ends on the
  next day;
- 国税通則法 10条2項 with 施行令 2条2項 (準確定申告, 相続税): Sundays, national holidays, other general
  holidays, Saturdays and 12月29日–31日 (1月1日–3日 are holidays or general holidays).

Which rule a deadline follows (and whether it moves at all) is the deadline's business; this module
only says which days are closed. National holidays come from ``jpholiday`` (maintained, follows the
cabinet's changes such as the 2020/2021 Olympic moves), not a hand list.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["holiday_name", "is_closed_day", "next_open_day"]


def holiday_name(day: dt.date) -> str | None:
    """The national holiday's name (``海の日``, ``振替休日`` …), or ``None``."""
    import jpholiday

    name = jpholiday.is_holiday_name(day)
    return str(name) if name else None


def _new_year_break(day: dt.date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_closed_day(day: dt.date) -> bool:
    """Saturday, Sunday, a national holiday or 12月29日–1月3日."""
    return day.weekday() >= 5 or _new_year_break(day) or holiday_name(day) is not None


def next_open_day(day: dt.date) -> dt.date:
    """``day`` itself when offices are open, else the first open day after it."""
    while is_closed_day(day):
        day += dt.timedelta(days=1)
    return day
