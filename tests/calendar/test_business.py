"""Closed days: weekends, national holidays (jpholiday), 12月29日–1月3日."""

from __future__ import annotations

import datetime as dt

import pytest

from endingnote.calendar import holiday_name, is_closed_day, next_open_day

D = dt.date


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (D(2026, 7, 20), True),  # 海の日 (third Monday of July)
        (D(2026, 7, 21), False),
        (D(2026, 12, 28), False),  # the last open day of the year (Monday)
        (D(2026, 12, 29), True),
        (D(2027, 1, 3), True),
        (D(2027, 1, 4), False),
        (D(2026, 5, 6), True),  # 振替休日 for 憲法記念日 on a Sunday
        (D(2026, 9, 22), True),  # 国民の休日 between 敬老の日 and 秋分の日
        (D(2026, 11, 28), True),  # Saturday
        (D(2026, 11, 29), True),  # Sunday
        (D(2026, 11, 30), False),
    ],
)
def test_closed_days(day: dt.date, closed: bool) -> None:
    assert is_closed_day(day) is closed


def test_holiday_names_come_from_the_maintained_calendar() -> None:
    assert holiday_name(D(2026, 7, 20)) == "海の日"
    assert holiday_name(D(2021, 7, 22)) == "海の日"  # moved for the Tokyo Olympics
    assert holiday_name(D(2021, 7, 19)) is None
    assert holiday_name(D(2026, 7, 21)) is None


def test_next_open_day_rolls_over_the_new_year_and_weekends() -> None:
    assert next_open_day(D(2026, 12, 29)) == D(2027, 1, 4)
    assert next_open_day(D(2026, 7, 18)) == D(2026, 7, 21)  # Saturday, Sunday, 海の日
    assert next_open_day(D(2026, 11, 30)) == D(2026, 11, 30)
