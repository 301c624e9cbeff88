"""和暦 ↔ ISO: notations, boundary days, refusals, and round trips over the whole solar era."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.calendar import WarekiError, era_of, to_iso
from endingnote.calendar import format_wareki as format_date
from endingnote.calendar import parse_wareki as parse


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("昭和25年4月1日", "1950-04-01"),
        ("昭和二十五年四月一日", "1950-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("令和元年五月一日", "2019-05-01"),
        ("令和２年１月１日", "2020-01-01"),
        ("R2-1-1", "2020-01-01"),
        ("r2.1.1", "2020-01-01"),
        ("H31.4.30", "2019-04-30"),
        ("Ｈ３１．４．３０", "2019-04-30"),
        ("S25/4/1", "1950-04-01"),
        ("平成 元年 1月 8日", "1989-01-08"),
        ("昭和64年1月7日", "1989-01-07"),
        ("明治45年7月30日", "1912-07-30"),  # same-day change: both spellings valid
        ("大正元年7月30日", "1912-07-30"),
        ("大正15年12月25日", "1926-12-25"),
        ("昭和元年12月25日", "1926-12-25"),
        ("明治6年1月1日", "1873-01-01"),
        ("平成三十一年四月三十日", "2019-04-30"),
        ("昭和五〇年一〇月一〇日", "1975-10-10"),
        ("R元.5.1", "2019-05-01"),
    ],
)
def test_accepted_notations(text: str, iso: str) -> None:
    assert to_iso(text) == iso


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("昭和64年1月8日", "after_era"),
        ("平成31年5月1日", "after_era"),
        ("平成元年1月7日", "before_era"),
        ("令和元年4月30日", "before_era"),
        ("大正元年7月29日", "before_era"),
        ("明治5年12月2日", "pre_1873"),
        ("明治元年10月23日", "pre_1873"),
        ("平成2年2月30日", "date"),
        ("令和0年1月1日", "date"),
        ("2020-01-01", "syntax"),
        ("昭和25年", "syntax"),
        ("X25.4.1", "syntax"),
        ("", "syntax"),
    ],
)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(WarekiError) as info:
        parse(text)
    assert info.value.reason == reason


def test_lenient_out_of_era_is_flagged() -> None:
    got = parse("昭和64年1月8日", lenient=True)
    assert got.date == dt.date(1989, 1, 8)
    assert got.lenient
    assert not parse("昭和64年1月7日", lenient=True).lenient


@pytest.mark.parametrize(
    ("iso", "kanji", "letter"),
    [
        ("1912-07-30", "大正元年7月30日", "T1.7.30"),  # change day: the new era
        ("1926-12-25", "昭和元年12月25日", "S1.12.25"),
        ("1989-01-07", "昭和64年1月7日", "S64.1.7"),
        ("1989-01-08", "平成元年1月8日", "H1.1.8"),
        ("2019-04-30", "平成31年4月30日", "H31.4.30"),
        ("2019-05-01", "令和元年5月1日", "R1.5.1"),
    ],
)
def test_rendering_picks_the_new_era(iso: str, kanji: str, letter: str) -> None:
    d = dt.date.fromisoformat(iso)
    assert format_date(d) == kanji
    assert format_date(d, style="letter") == letter


def test_rendering_options() -> None:
    d = dt.date(2019, 5, 1)
    assert format_date(d, gannen=False) == "令和1年5月1日"
    assert format_date(d, numerals="kanji") == "令和元年五月一日"
    assert format_date(dt.date(1950, 4, 21), numerals="kanji") == "昭和二十五年四月二十一日"
    assert format_date(d, style="letter", pad=True, sep="-") == "R01-05-01"


def test_pre_1873_cannot_be_rendered() -> None:
    with pytest.raises(WarekiError) as info:
        format_date(dt.date(1872, 12, 31))
    assert info.value.reason == "pre_1873"
    assert era_of(dt.date(1868, 10, 22)) is None


dates = st.dates(min_value=dt.date(1873, 1, 1), max_value=dt.date(2150, 12, 31))
styles = st.fixed_dictionaries(
    {
        "style": st.sampled_from(["kanji", "letter"]),
        "gannen": st.booleans(),
        "numerals": st.sampled_from(["arabic", "kanji"]),
        "sep": st.sampled_from([".", "-", "/"]),
        "pad": st.booleans(),
    }
)


@given(dates, styles)
def test_round_trip_iso_wareki_iso(d: dt.date, options: dict[str, object]) -> None:
    text = format_date(d, **options)  # type: ignore[arg-type]
    assert parse(text).date == d


@given(dates)
def test_round_trip_wareki_iso_wareki(d: dt.date) -> None:
    text = format_date(d)
    assert format_date(parse(text).date) == text
    # the era chosen is the newest whose first day is not after the date
    era = era_of(d)
    assert era is not None
    assert era.start <= d and (era.last is None or d <= era.last)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("昭和40.7.14", "1965-07-14"),  # the era name with separators, as desktop apps export
        ("昭40/7/14", "1965-07-14"),  # its first character
        ("平成元-5-1", "1989-05-01"),
        ("平２．３．４", "1990-03-04"),  # full-width digits and dots
        ("令和2・1・1", "2020-01-01"),
        ("大15.12.25", "1926-12-25"),
    ],
)
def test_era_names_with_separators(text: str, iso: str) -> None:
    assert to_iso(text) == iso


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("昭64.1.8", "after_era"),
        ("昭和40.7/14", "syntax"),
        ("昭和2.999999999.1", "syntax"),
        ("和40.1.1", "syntax"),
    ],
)
def test_era_names_with_separators_refused(text: str, reason: str) -> None:
    with pytest.raises(WarekiError) as info:
        to_iso(text)
    assert info.value.reason == reason
