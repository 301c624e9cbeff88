"""和暦 (Japanese era) dates ↔ ISO 8601 dates — a small reusable module.

Reading (:func:`parse`, :func:`to_iso`) accepts ``令和2年1月1日``, ``令和元年五月一日``,
``昭和二十五年四月一日``, full-width digits, ``R2-1-1``, ``H31.4.30``, ``S25/4/1``, ``s25.4.1``
and spaces between the parts. Rules (domain file ``standard.md`` §5):

- both spellings of a same-day change are valid: 明治45年7月30日 ≡ 大正元年7月30日 and
  大正15年12月25日 ≡ 昭和元年12月25日; 昭和64年1月7日 is the last 昭和 day (平成 starts 1989-01-08);
- a date after its era's last day (昭和64年1月8日, 平成31年5月1日) or before its first day
  (平成元年1月7日) is refused, unless ``lenient=True`` (then it is converted by arithmetic and
  :attr:`Wareki.lenient` says so);
- dates before 明治6年1月1日 (1873-01-01) were lunisolar: refused for day-precise conversion.

Writing (:func:`format_date`, :func:`from_iso`) picks the new era on a change day.
Errors are :class:`WarekiError` with a stable ``reason`` (``syntax``, ``era``, ``date``,
``before_era``, ``after_era``, ``pre_1873``) that callers turn into findings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ERAS",
    "GREGORIAN_FROM",
    "Era",
    "Wareki",
    "WarekiError",
    "era_of",
    "format_date",
    "from_iso",
    "parse",
    "to_iso",
]


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    letter: str
    start: dt.date
    last: dt.date | None  # last valid day (inclusive); None for the current era


ERAS: tuple[Era, ...] = (
    Era("明治", "M", dt.date(1868, 10, 23), dt.date(1912, 7, 30)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 25)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)
# 明治's first year is 1868 (applied retroactively to 旧暦1月1日), whatever day it started.
_FIRST_YEAR = {e.name: e.start.year for e in ERAS}
_BY_KEY = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS}
GREGORIAN_FROM = dt.date(1873, 1, 1)  # 明治6年1月1日: the solar calendar starts

Reason = Literal["syntax", "era", "date", "before_era", "after_era", "pre_1873"]


class WarekiError(ValueError):
    """A 和暦 string could not be converted; ``reason`` is stable, the message bilingual."""

    def __init__(self, reason: Reason, text: str) -> None:
        messages = {
            "syntax": "和暦の日付として読めません / not a Japanese-era date",
            "era": "未知の元号です / unknown era",
            "date": "暦にない日付です / no such calendar date",
            "before_era": "元号の開始日より前の日付です / before the first day of the era",
            "after_era": "元号の最終日より後の日付です / after the last day of the era",
            "pre_1873": "明治6年(1873年)より前は太陰太陽暦のため日単位で変換できません / "
            "before 1873 (lunisolar calendar): no day-precise conversion",
        }
        super().__init__(f"{text!r}: {messages[reason]}")
        self.reason: Reason = reason
        self.text = text


@dataclass(frozen=True, slots=True)
class Wareki:
    """A parsed 和暦 date: era, era year (1 = 元年), month, day and the Gregorian date."""

    era: Era
    year: int
    month: int
    day: int
    date: dt.date
    lenient: bool = False


# --- numerals ------------------------------------------------------------------------------------

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_DIGIT_CHARS = "".join(_KANJI_DIGITS)
_NUM = rf"(?:[0-9]+|元|[{_KANJI_DIGIT_CHARS}十百]+)"


def _number(text: str) -> int:
    if text == "元":
        return 1
    if text.isascii() and text.isdigit():
        return int(text)
    # kanji numerals: 二十五, 三十一, 十, 百, or positional 二五 / 一〇
    if "十" not in text and "百" not in text:
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    total = 0
    current = 0
    for char in text:
        if char in _KANJI_DIGITS:
            current = current * 10 + _KANJI_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:  # 百
            total += (current or 1) * 100
            current = 0
    return total + current


def _kanji_numeral(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ("" if hundreds in (0, 1) else digits[hundreds]) + ("百" if hundreds else "")
    if tens:
        out += ("" if tens == 1 else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out


# --- parsing -------------------------------------------------------------------------------------

_ERA_NAMES = "|".join(e.name for e in ERAS)
_KANJI_RE = re.compile(rf"^({_ERA_NAMES})\s*({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日$")
_LETTER_RE = re.compile(r"^([MTSHRmtshr])\s*([0-9]{1,3}|元)\s*([./\-])\s*([0-9]{1,2})\s*\3\s*([0-9]{1,2})$")
_FULLWIDTH = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {"．": ".", "／": "/", "－": "-", "−": "-", "　": " "}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
)


def _era_bounds_ok(era: Era, date: dt.date) -> Reason | None:
    if date < era.start:
        return "before_era"
    if era.last is not None and date > era.last:
        return "after_era"
    return None


def parse(text: str, *, lenient: bool = False) -> Wareki:
    """Parse a 和暦 date. Raises :class:`WarekiError` with a stable ``reason``."""
    s = text.strip().translate(_FULLWIDTH)
    m = _KANJI_RE.match(s)
    if m:
        era_key, y, mo, d = m.group(1), m.group(2), m.group(3), m.group(4)
    else:
        m = _LETTER_RE.match(s)
        if not m:
            raise WarekiError("syntax", text)
        era_key, y, mo, d = m.group(1).upper(), m.group(2), m.group(4), m.group(5)
    era = _BY_KEY.get(era_key)
    if era is None:  # pragma: no cover - the regexes only admit known eras
        raise WarekiError("era", text)
    year, month, day = _number(y), _number(mo), _number(d)
    if year < 1:
        raise WarekiError("date", text)
    gregorian_year = _FIRST_YEAR[era.name] + year - 1
    try:
        date = dt.date(gregorian_year, month, day)
    except ValueError as exc:
        raise WarekiError("date", text) from exc
    if date < GREGORIAN_FROM:
        raise WarekiError("pre_1873", text)
    problem = _era_bounds_ok(era, date)
    if problem is not None and not lenient:
        raise WarekiError(problem, text)
    return Wareki(era, year, month, day, date, lenient=problem is not None)


def to_iso(text: str, *, lenient: bool = False) -> str:
    """``昭和25年4月1日`` → ``1950-04-01``."""
    return parse(text, lenient=lenient).date.isoformat()


# --- writing -------------------------------------------------------------------------------------


def era_of(date: dt.date) -> Era:
    """The era a date is written in; on a change day, the new era."""
    if date < GREGORIAN_FROM:
        raise WarekiError("pre_1873", date.isoformat())
    for era in reversed(ERAS):
        if date >= era.start:
            return era
    raise WarekiError("pre_1873", date.isoformat())  # pragma: no cover - GREGORIAN_FROM is in 明治


Style = Literal["kanji", "letter"]


def format_date(
    date: dt.date,
    *,
    style: Style = "kanji",
    gannen: bool = True,
    numerals: Literal["arabic", "kanji"] = "arabic",
    sep: str = ".",
    pad: bool = False,
) -> str:
    """Write ``date`` in 和暦.

    ``style="kanji"``: ``令和2年1月1日`` (``gannen``: ``令和元年``; ``numerals="kanji"``:
    ``令和二年一月一日``). ``style="letter"``: ``R2.1.1`` (``sep`` between parts, ``pad``:
    ``R02.01.01``).
    """
    era = era_of(date)
    year = date.year - _FIRST_YEAR[era.name] + 1
    if style == "letter":
        width = 2 if pad else 1
        return sep.join([f"{era.letter}{year:0{width}d}", f"{date.month:0{width}d}", f"{date.day:0{width}d}"])
    if numerals == "kanji":
        y = "元" if gannen and year == 1 else _kanji_numeral(year)
        return f"{era.name}{y}年{_kanji_numeral(date.month)}月{_kanji_numeral(date.day)}日"
    y = "元" if gannen and year == 1 else str(year)
    return f"{era.name}{y}年{date.month}月{date.day}日"


def from_iso(iso: str, **options: object) -> str:
    """``1950-04-01`` → ``昭和25年4月1日`` (options as for :func:`format_date`)."""
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError as exc:
        raise WarekiError("date", iso) from exc
    return format_date(date, **options)  # type: ignore[arg-type]
