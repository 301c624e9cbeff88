"""The validator's date patterns: every ISO date from the 1873 reform on, and up to today for past items."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.standard._schema import date_pattern, digit_range

widths = st.integers(min_value=1, max_value=5)


@settings(max_examples=500, deadline=None)
@given(widths.flatmap(lambda w: st.tuples(*[st.integers(0, 10**w - 1)] * 3, st.just(w))))
def test_digit_range_matches_exactly_the_numbers_between(case: tuple[int, int, int, int]) -> None:
    a, b, x, width = case
    lo, hi = sorted((a, b))
    pattern = re.compile(f"^(?:{digit_range(f'{lo:0{width}d}', f'{hi:0{width}d}')})$")
    assert bool(pattern.match(f"{x:0{width}d}")) is (lo <= x <= hi)


dates = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))


@settings(max_examples=500, deadline=None)
@given(dates, dates.filter(lambda d: d.year >= 1873))
def test_date_pattern_up_to_today(value: datetime.date, today: datetime.date) -> None:
    iso = value.isoformat()
    assert bool(re.match(date_pattern(), iso)) is (value.year >= 1873)
    expected = datetime.date(1873, 1, 1) <= value <= today
    assert bool(re.match(date_pattern(today.isoformat()), iso)) is expected


def test_the_day_boundaries() -> None:
    past = re.compile(date_pattern("2026-01-01"))
    assert past.match("2025-12-31") and past.match("2026-01-01")
    assert not past.match("2026-01-02") and not past.match("1872-12-31")
    assert not re.match(date_pattern(), "1872-12-31") and re.match(date_pattern(), "1873-01-01")
    with pytest.raises(ValueError):
        date_pattern("1872-12-31")
