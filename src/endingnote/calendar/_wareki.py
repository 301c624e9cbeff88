"""和暦 (Japanese era) dates read and written, the one implementation the library uses.

Reading accepts what vendors' exports and registers contain: ``令和2年1月1日``, ``令和元年五月一日``,
``昭和二十五年四月一日``, the old numerals of hand-written registers (``大正拾壱年弐月弐日``, ``廿``,
``卅``), full-width digits and letters, spaces anywhere (``昭 和 ２５ 年``), the letter forms
``R2-1-1`` ``H31.4.30`` ``S25/4/1`` ``s25.4.1``, the era name or its first character with
separators as desktop apps export them (``昭和40.7.14``, ``昭40/7/14``, ``平成元-5-1``), and — in
:func:`parse_date` — Gregorian dates
(``1950-04-01``, ``1950/4/1``, ``1950年4月1日``, ``西暦1950年4月1日``, ``千九百五十年四月一日``).

Rules (domain file ``standard.md`` §5, table in :mod:`endingnote.calendar._eras`): both spellings of
a change day are valid; a date after its era's last day (昭和64年1月8日) or before its first day
(平成元年1月7日) is refused unless ``lenient`` (then converted by arithmetic, and
:attr:`Wareki.lenient` says so); dates before 1873-01-01 are lunisolar and refused. Writing picks the
new era on a change day. Every failure is a :class:`WarekiError` with a stable ``reason`` — ``syntax``,
``era``, ``date``, ``before_era``, ``after_era``, ``pre_1873`` — and a bilingual message; no input
(however long its numbers) raises anything else.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from endingnote.calendar._eras import ERAS, GREGORIAN_FROM, Era, era_by_key, era_of, era_year
from endingnote.calendar._numerals import kanji_numeral, read_number

__all__ = [
    "Reason",
    "Wareki",
    "WarekiError",
    "format_wareki",
    "from_iso",
    "parse_date",
    "parse_wareki",
    "to_iso",
    "wareki_label",
]

Reason = Literal["syntax", "era", "date", "before_era", "after_era", "pre_1873"]

_MESSAGES: dict[str, tuple[str, str]] = {
    "syntax": ("日付として読めません", "not a date"),
    "era": ("未知の元号です", "unknown era"),
    "date": ("暦にない日付です", "no such calendar date"),
    "before_era": ("元号の開始日より前の日付です", "before the first day of the era"),
    "after_era": ("元号の最終日より後の日付です", "after the last day of the era"),
    "pre_1873": (
        "明治6年(1873年)より前は太陰太陽暦のため日単位で変換できません",
        "before 1873 (lunisolar calendar): no day-precise conversion",
    ),
}


class WarekiError(ValueError):
    """A date text could not be converted; ``reason`` is stable, the messages bilingual."""

    def __init__(self, reason: Reason, text: str) -> None:
        self.reason: Reason = reason
        self.text = text
        super().__init__(f"{text[:80]!r}: {self.message_ja} / {self.message_en}")

    @property
    def message_ja(self) -> str:
        return _MESSAGES[self.reason][0]

    @property
    def message_en(self) -> str:
        return _MESSAGES[self.reason][1]


@dataclass(frozen=True, slots=True)
class Wareki:
    """A parsed 和暦 date: era, era year (1 = 元年), month, day and the Gregorian date."""

    era: Era
    year: int
    month: int
    day: int
    date: dt.date
    lenient: bool = False


# --- reading -------------------------------------------------------------------------------------

MAX_TEXT = 64  # no date spelling is longer; longer text is a syntax error before any work
_OLD_NUMERALS = str.maketrans({"壱": "一", "弐": "二", "参": "三", "拾": "十", "零": "〇", "−": "-"})
_NUM = r"(?:[0-9]+|元|[〇一二三四五六七八九十百千]+)"
_ERA_NAMES = "|".join(e.name for e in ERAS)
_ERA_RE = re.compile(rf"^({_ERA_NAMES})({_NUM})年({_NUM})月({_NUM})日$")
_LETTER_RE = re.compile(r"^([MTSHR])([0-9]{1,3}|元)([./\-])([0-9]{1,2})\3([0-9]{1,2})$", re.IGNORECASE)
# an era name, or its first character (昭 平 令 大 明), with separators: 昭和40.7.14, 昭40/7/14
_ERA_SHORT = {e.name[0]: e.name for e in ERAS}
_NAMED_SEP_RE = re.compile(
    rf"^({_ERA_NAMES}|[{''.join(_ERA_SHORT)}])([0-9]{{1,3}}|元)([./\-・])([0-9]{{1,2}})\3([0-9]{{1,2}})$"
)
_GREGORIAN_RE = re.compile(rf"^([0-9]{{4}}|[〇一二三四五六七八九十百千]+)年({_NUM})月({_NUM})日$")
_ISO_RE = re.compile(r"^([0-9]{4})([./\-])([0-9]{1,2})\2([0-9]{1,2})$")


def _prepare(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\s+", "", t).removeprefix("西暦")
    return t.translate(_OLD_NUMERALS).replace("廿", "二十").replace("卅", "三十")


def _numbers(text: str, *parts: str) -> list[int]:
    try:
        return [read_number(p) for p in parts]
    except ValueError:
        raise WarekiError("syntax", text) from None


def _calendar_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except (ValueError, OverflowError):
        raise WarekiError("date", text) from None
    if date < GREGORIAN_FROM:
        raise WarekiError("pre_1873", text)
    return date


def parse_wareki(text: str, *, lenient: bool = False) -> Wareki:
    """Parse a 和暦 date (era forms only). Raises :class:`WarekiError`."""
    if len(text) > MAX_TEXT:
        raise WarekiError("syntax", text)
    t = _prepare(text)
    m = _ERA_RE.match(t) or _LETTER_RE.match(t) or _NAMED_SEP_RE.match(t)
    if not m:
        raise WarekiError("syntax", text)
    if m.re is _ERA_RE:
        key, y, mo, d = m.group(1), m.group(2), m.group(3), m.group(4)
    else:
        key, y, mo, d = m.group(1), m.group(2), m.group(4), m.group(5)
    key = _ERA_SHORT.get(key, key)
    era = era_by_key(key)
    if era is None:  # pragma: no cover - the patterns admit only known eras
        raise WarekiError("era", text)
    year, month, day = _numbers(text, y, mo, d)
    if year < 1:
        raise WarekiError("date", text)
    date = _calendar_date(era.first_year + year - 1, month, day, text)
    problem: Reason | None = None
    if date < era.start:
        problem = "before_era"
    elif era.last is not None and date > era.last:
        problem = "after_era"
    if problem is not None and not lenient:
        raise WarekiError(problem, text)
    return Wareki(era, year, month, day, date, lenient=problem is not None)


def parse_date(text: str) -> dt.date:
    """Parse a 和暦 or Gregorian date (registers and free text). Raises :class:`WarekiError`."""
    if len(text) > MAX_TEXT:
        raise WarekiError("syntax", text)
    t = _prepare(text)
    m = _ISO_RE.match(t)
    if m:
        y, mo, d = _numbers(text, m.group(1), m.group(3), m.group(4))
        return _calendar_date(y, mo, d, text)
    m = _GREGORIAN_RE.match(t)
    if m:
        y, mo, d = _numbers(text, m.group(1), m.group(2), m.group(3))
        if y < 1000:  # 二十五年四月一日 without an era is not a Gregorian year
            raise WarekiError("syntax", text)
        return _calendar_date(y, mo, d, text)
    return parse_wareki(text).date


def to_iso(text: str, *, lenient: bool = False) -> str:
    """``昭和25年4月1日`` → ``1950-04-01``."""
    return parse_wareki(text, lenient=lenient).date.isoformat()


# --- writing -------------------------------------------------------------------------------------

Style = Literal["kanji", "letter"]


def format_wareki(
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
    ``令和二年一月一日``). ``style="letter"``: ``R2.1.1`` (``sep`` between parts, ``pad``: ``R02.01.01``).
    Raises :class:`WarekiError` (``pre_1873``) for a lunisolar date.
    """
    era = era_of(date) if date >= GREGORIAN_FROM else None
    if era is None:
        raise WarekiError("pre_1873", date.isoformat())
    year = era_year(era, date)
    if style == "letter":
        width = 2 if pad else 1
        return sep.join([f"{era.letter}{year:0{width}d}", f"{date.month:0{width}d}", f"{date.day:0{width}d}"])
    if numerals == "kanji":
        y = "元" if gannen and year == 1 else kanji_numeral(year)
        return f"{era.name}{y}年{kanji_numeral(date.month)}月{kanji_numeral(date.day)}日"
    y = "元" if gannen and year == 1 else str(year)
    return f"{era.name}{y}年{date.month}月{date.day}日"


def from_iso(iso: str, **options: object) -> str:
    """``1950-04-01`` → ``昭和25年4月1日`` (options as for :func:`format_wareki`)."""
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError as exc:
        raise WarekiError("date", iso) from exc
    return format_wareki(date, **options)  # type: ignore[arg-type]


def wareki_label(date: dt.date | None, *, seireki: bool = False, unknown: str = "不詳") -> str:
    """A date as a person reads it: ``昭和15年4月1日`` (with ``seireki``: ``昭和15年4月1日 (1940-04-01)``);
    ``unknown`` when there is none; the ISO date alone before 1873, when no 和暦 day is exact."""
    if date is None:
        return unknown
    if date < GREGORIAN_FROM:
        return date.isoformat()
    text = format_wareki(date)
    return f"{text} ({date.isoformat()})" if seireki else text
