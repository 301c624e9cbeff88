"""和暦 ↔ ISO dates: notations, era boundaries, refusals, round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.calendar import WarekiError, format_wareki, parse_date
from endingnote.calendar import read_number as kanji_to_int

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昭和２５年４月１日", D(1950, 4, 1)),
        ("昭和25年4月1日", D(1950, 4, 1)),
        ("昭和二十五年四月一日", D(1950, 4, 1)),
        ("昭和弐拾五年四月壱日", D(1950, 4, 1)),
        ("昭 和 ２５ 年 ４ 月 １ 日", D(1950, 4, 1)),
        ("S25.4.1", D(1950, 4, 1)),
        ("s25-4-1", D(1950, 4, 1)),
        ("Ｈ３１．４．３０", D(2019, 4, 30)),
        ("R2/1/1", D(2020, 1, 1)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("平成元年1月8日", D(1989, 1, 8)),
        ("昭和64年1月7日", D(1989, 1, 7)),
        ("明治45年7月30日", D(1912, 7, 30)),
        ("大正元年7月30日", D(1912, 7, 30)),
        ("大正15年12月25日", D(1926, 12, 25)),
        ("昭和元年12月25日", D(1926, 12, 25)),
        ("明治6年1月1日", D(1873, 1, 1)),
        ("大正拾壱年弐月弐日", D(1922, 2, 2)),
        ("1950年4月1日", D(1950, 4, 1)),
        ("西暦1950年4月1日", D(1950, 4, 1)),
        ("1950-04-01", D(1950, 4, 1)),
        ("平成十六年十月二日", D(2004, 10, 2)),
        ("令和6年2月29日", D(2024, 2, 29)),
    ],
)
def test_accepted_notations(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("昭和64年1月8日", "after_era"),
        ("平成31年5月1日", "after_era"),
        ("平成元年1月7日", "before_era"),
        ("令和元年4月30日", "before_era"),
        ("大正元年7月29日", "before_era"),
        ("明治45年7月31日", "after_era"),
        ("明治5年12月2日", "pre_1873"),
        ("1872-12-31", "pre_1873"),
        ("令和5年2月29日", "date"),
        ("昭和25年13月1日", "date"),
        ("昭和25年4月", "syntax"),
        ("天平1年1月1日", "syntax"),
        ("", "syntax"),
        ("S0.1.1", "date"),
        ("二十五年四月一日", "syntax"),
    ],
)
def test_refused_dates(text: str, reason: str) -> None:
    with pytest.raises(WarekiError) as info:
        parse_date(text)
    assert info.value.reason == reason


def test_rendering_picks_the_new_era_on_a_change_day() -> None:
    assert format_wareki(D(1926, 12, 25)) == "昭和元年12月25日"
    assert format_wareki(D(1912, 7, 30)) == "大正元年7月30日"
    assert format_wareki(D(1989, 1, 7)) == "昭和64年1月7日"
    assert format_wareki(D(2019, 5, 1), style="letter") == "R1.5.1"
    with pytest.raises(WarekiError):
        format_wareki(D(1872, 12, 31))


@pytest.mark.parametrize(
    ("text", "value"), [("二十五", 25), ("千九百五十", 1950), ("一九五〇", 1950), ("廿三", 23), ("十", 10)]
)
def test_kanji_numerals(text: str, value: int) -> None:
    assert kanji_to_int(text) == value


_DIGITS = "〇一二三四五六七八九"


def _to_kanji(n: int) -> str:
    """Write 1..999 the way registers do (二十五, 十, 三十一, 百七)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ("" if hundreds <= 1 else _DIGITS[hundreds]) + ("百" if hundreds else "")
    out += ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "")
    return out + (_DIGITS[ones] if ones else "")


dates = st.dates(min_value=D(1873, 1, 1), max_value=D(2200, 12, 31))


@given(dates)
def test_round_trip_through_wareki(value: dt.date) -> None:
    assert parse_date(format_wareki(value)) == value
    assert parse_date(format_wareki(value, style="letter")) == value


@given(dates)
def test_round_trip_in_kanji_numerals_and_full_width(value: dt.date) -> None:
    text = format_wareki(value)
    era, rest = text[:2], text[2:]
    year = rest.split("年")[0]
    year_kanji = year if year == "元" else _to_kanji(int(year))
    kanji = f"{era}{year_kanji}年{_to_kanji(value.month)}月{_to_kanji(value.day)}日"
    assert parse_date(kanji) == value
    full_width = text.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    assert parse_date(full_width) == value


@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        parse_date(text)
    except WarekiError as exc:
        assert exc.reason in {"syntax", "date", "before_era", "after_era", "pre_1873"}
