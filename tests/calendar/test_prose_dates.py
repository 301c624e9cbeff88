"""Dates inside a paper register's sentences: 同日・同月・同年 resolved against the date before."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.calendar import WarekiError, find_dates, parse_relative_date

D = dt.date


def test_a_birth_sentence_as_a_paper_register_writes_it() -> None:
    found = find_dates("昭和弐拾五年四月壱日東京都千代田区で出生同月六日父届出入籍")
    assert [(m.text, m.date) for m in found] == [
        ("昭和弐拾五年四月壱日", D(1950, 4, 1)),
        ("同月六日", D(1950, 4, 6)),
    ]


def test_same_day_same_year_and_old_numerals() -> None:
    found = find_dates("大正拾壱年弐月弐日午前拾時本籍ニ於テ死亡同日戸主届出同年参月拾日受附")
    assert [m.date for m in found] == [D(1922, 2, 2), D(1922, 2, 2), D(1922, 3, 10)]
    assert find_dates("明治参拾年元日")[0:1] == []  # not a date form registers use
    assert [m.date for m in find_dates("平成元年一月八日")] == [D(1989, 1, 8)]


def test_relative_dates_need_a_base_and_a_real_day() -> None:
    assert parse_relative_date("同日", D(2000, 1, 31)) == D(2000, 1, 31)
    assert parse_relative_date("同月三十日", D(2001, 1, 5)) == D(2001, 1, 30)
    assert parse_relative_date("昭和２５年４月１日", None) == D(1950, 4, 1)
    with pytest.raises(WarekiError) as no_base:
        parse_relative_date("同月六日", None)
    assert no_base.value.reason == "syntax"
    with pytest.raises(WarekiError) as no_day:
        parse_relative_date("同月参拾日", D(2001, 2, 1))
    assert no_day.value.reason == "date"
    # an unreadable date is kept as a mention without a value, and the next one resolves against
    # the last readable one
    found = find_dates("昭和六拾四年弐月壱日出生同日届出", D(1950, 1, 1))
    assert [(m.text, m.date) for m in found] == [("昭和六拾四年弐月壱日", None), ("同日", D(1950, 1, 1))]


def test_huge_numerals_and_long_text_are_bounded() -> None:
    assert find_dates("同月" + "九" * 50 + "日") == []  # too long to be a day: not a date at all
    assert find_dates("昭和二十五年四月一日" * 500) == []  # longer than any register sentence


@given(st.text(alphabet="同年月日一二三四五六七八九十拾壱弐参廿卅元昭和平成令和大正明治出生", max_size=80))
def test_any_text_gives_mentions_never_exceptions(text: str) -> None:
    for mention in find_dates(text, D(1960, 1, 1)):
        assert text[mention.start : mention.end] == mention.text
