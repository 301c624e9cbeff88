"""Dates from hostile input never raise anything but WarekiError; JPKI birth dates use the era table."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.calendar import (
    ERAS,
    WarekiError,
    decode_birth_date,
    encode_birth_date,
    jpki_era_digit,
    parse_date,
    parse_wareki,
    read_number,
    wareki_label,
)


@pytest.mark.parametrize(
    "text",
    [
        "昭和2年" + "9" * 400 + "月1日",  # OverflowError in dt.date before
        "昭和" + "9" * 30 + "年1月1日",
        "9" * 40 + "-01-01",
        "令和" + "九" * 50 + "年一月一日",
        "昭和2年1月" + "１" * 300 + "日",
        "S" + "9" * 5000,
        "\x00昭和2年1月1日",
    ],
)
def test_huge_or_odd_numbers_are_syntax_or_date_errors(text: str) -> None:
    with pytest.raises(WarekiError) as info:
        parse_date(text)
    assert info.value.reason in {"syntax", "date"}


@given(st.text(max_size=80))
def test_parse_date_raises_only_wareki_error(text: str) -> None:
    with contextlib.suppress(WarekiError):
        parse_date(text)


@given(
    st.text(alphabet="0123456789０１２３〇一二三四五六七八九十百千壱弐参拾廿卅元", min_size=1, max_size=12)
)
def test_read_number_is_bounded(text: str) -> None:
    with contextlib.suppress(ValueError):
        assert 0 <= read_number(text) < 10**8


@pytest.mark.parametrize(
    ("day", "digit"),
    [
        (dt.date(1868, 10, 22), "0"),
        (dt.date(1912, 7, 29), "1"),
        (dt.date(1912, 7, 30), "2"),  # change day: the new era
        (dt.date(1926, 12, 25), "3"),
        (dt.date(1989, 1, 7), "3"),
        (dt.date(1989, 1, 8), "4"),
        (dt.date(2019, 5, 1), "5"),
    ],
)
def test_jpki_era_digit(day: dt.date, digit: str) -> None:
    assert jpki_era_digit(day) == digit
    assert decode_birth_date(encode_birth_date(day)) == day


def test_jpki_digits_follow_the_era_table() -> None:
    assert [e.jpki_digit for e in ERAS] == ["1", "2", "3", "4", "5"]
    assert decode_birth_date("31950041") is None  # 8 digits
    assert decode_birth_date("319500231") is None  # 1950-02-31
    assert decode_birth_date("3195O0401") is None


def test_wareki_label_for_people() -> None:
    assert wareki_label(dt.date(2024, 3, 15), seireki=True) == "令和6年3月15日 (2024-03-15)"
    assert wareki_label(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki_label(None) == "不詳"
    assert wareki_label(dt.date(1870, 1, 1)) == "1870-01-01"  # lunisolar: no exact 和暦 day


def test_lenient_reading_says_so() -> None:
    w = parse_wareki("昭和64年1月8日", lenient=True)
    assert w.lenient and w.date == dt.date(1989, 1, 8)
