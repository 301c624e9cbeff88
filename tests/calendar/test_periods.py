"""Periods as the law counts them (民法140条・143条, 戸籍法43条) and deadlines moved off closed days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.calendar import (
    CLOSED_DAY_RULES,
    FIRST_DAY_COUNTED,
    add_period,
    deadline,
    holiday_name,
    is_closed_day,
)

D = dt.date
TAX = CLOSED_DAY_RULES["national_tax"]
COURT = CLOSED_DAY_RULES["civil_court"]


@pytest.mark.parametrize(
    ("event", "amount", "unit", "end"),
    [
        (D(2024, 3, 15), 3, "months", D(2024, 6, 15)),  # the day before the 応当日 of 03-16
        (D(2024, 3, 16), 3, "months", D(2024, 6, 16)),
        (D(2023, 2, 28), 1, "months", D(2023, 3, 31)),  # starts on the 1st: the whole of March
        (D(2024, 1, 30), 1, "months", D(2024, 2, 29)),  # starts 01-31; no 02-31 → February's last day
        (D(2023, 1, 30), 1, "months", D(2023, 2, 28)),
        (D(2024, 1, 31), 1, "months", D(2024, 2, 29)),  # starts 02-01: the whole of February
        (D(2024, 11, 30), 3, "months", D(2025, 2, 28)),
        (D(2024, 5, 31), 10, "months", D(2025, 3, 31)),
        (D(2024, 4, 30), 10, "months", D(2025, 2, 28)),
        (D(2024, 2, 28), 1, "years", D(2025, 2, 28)),  # starts 2024-02-29; 2025 has none
        (D(2023, 2, 28), 1, "years", D(2024, 2, 29)),  # starts 03-01: ends the day before 2024-03-01
        (D(2024, 3, 15), 3, "years", D(2027, 3, 15)),
        (D(2024, 3, 15), 14, "days", D(2024, 3, 29)),
        (D(2024, 12, 31), 1, "days", D(2025, 1, 1)),
    ],
)
def test_civil_code_140_143(event: dt.date, amount: int, unit: str, end: dt.date) -> None:
    assert add_period(event, amount, unit) == end  # type: ignore[arg-type]


def test_family_register_act_counts_the_first_day() -> None:
    assert add_period(D(2024, 3, 15), 7, "days", FIRST_DAY_COUNTED) == D(2024, 3, 21)
    assert add_period(D(2024, 2, 29), 1, "days", FIRST_DAY_COUNTED) == D(2024, 2, 29)


def test_last_day_on_a_saturday_moves_to_monday() -> None:
    got = deadline(D(2024, 3, 15), 3, "months", closed_day_rule=COURT)  # 2024-06-15 is a Saturday
    assert got.period_end == D(2024, 6, 15) and got.period_end.weekday() == 5
    assert got.due == D(2024, 6, 17) and got.moved and got.moved_by is COURT


def test_last_day_on_marine_day_moves() -> None:
    got = deadline(D(2024, 3, 15), 4, "months", closed_day_rule=TAX)  # 準確定申告
    assert got.period_end == D(2024, 7, 15) and holiday_name(got.period_end) == "海の日"
    assert got.due == D(2024, 7, 16)


def test_new_year_holidays_and_the_weekend_after_them() -> None:
    got = deadline(D(2024, 3, 1), 10, "months", closed_day_rule=TAX)  # 相続税, ends 2025-01-01
    assert got.period_end == D(2025, 1, 1)
    assert got.due == D(2025, 1, 6)  # 1/2, 1/3 closed, 1/4 Saturday, 1/5 Sunday
    end_of_year = deadline(D(2024, 12, 15), 14, "days", closed_day_rule=CLOSED_DAY_RULES["municipal"])
    assert end_of_year.period_end == D(2024, 12, 29) and end_of_year.due == D(2025, 1, 6)


def test_without_a_rule_the_last_day_stays() -> None:
    got = deadline(D(2024, 3, 15), 3, "months")
    assert got.due == got.period_end == D(2024, 6, 15) and not got.moved and got.moved_by is None


def test_open_last_day_is_not_moved() -> None:
    got = deadline(D(2024, 3, 14), 3, "months", closed_day_rule=COURT)
    assert got.due == got.period_end == D(2024, 6, 14) and got.moved_by is None


def test_a_period_needs_a_length() -> None:
    with pytest.raises(ValueError):
        add_period(D(2024, 1, 1), 0, "days")


@given(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)),
    st.integers(min_value=1, max_value=40),
    st.sampled_from(["days", "months", "years"]),
)
def test_deadline_properties(event: dt.date, amount: int, unit: str) -> None:
    got = deadline(event, amount, unit, closed_day_rule=TAX)  # type: ignore[arg-type]
    assert got.period_end > event
    assert not is_closed_day(got.due) and got.due >= got.period_end
    day = got.period_end
    while day < got.due:  # every day skipped was closed
        assert is_closed_day(day)
        day += dt.timedelta(days=1)
    if unit != "days":  # 143条: the day after the end is the 応当日 of the first day, or a 1st
        first = event + dt.timedelta(days=1)
        after = got.period_end + dt.timedelta(days=1)
        assert after.day == first.day or after.day == 1


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)), st.integers(min_value=1, max_value=30))
def test_days_periods(event: dt.date, amount: int) -> None:
    assert add_period(event, amount, "days") == event + dt.timedelta(days=amount)
    assert add_period(event, amount, "days", FIRST_DAY_COUNTED) == event + dt.timedelta(days=amount - 1)
