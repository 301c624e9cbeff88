"""Japanese era dates (和暦) ↔ ISO dates, as registers write them.

The era arithmetic and boundary rules are the converters' (:mod:`endingnote.convert._wareki`,
``/work/shared/domain/standard.md`` §5), reused here; this module adds what registers need on
top: the old numerals of hand-written registers (壱 弐 参 拾 廿 卅 — ``大正拾壱年弐月弐日``), spaces
anywhere (``昭 和 ２５ 年``), Gregorian ``1950年4月1日`` / ``西暦…`` / ``1950-04-01``, and reasons
named for register findings. Accepted also: ``昭和元年12月25日``, ``S25.4.1``, ``H31-4-30``, full width.

- both spellings of a same-day change are valid: 明治45年7月30日 = 大正元年7月30日,
  大正15年12月25日 = 昭和元年12月25日; 昭和64年1月7日 is the last 昭和 day, 平成 starts 1989-01-08;
- dates after an era's end or before its start are refused;
- dates before 明治6年1月1日 (1873-01-01) are lunisolar and refused for day-precise conversion;
- rendering picks the new era on a change day.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from endingnote.convert import _wareki as _convert

ERAS = _convert.ERAS
GREGORIAN_FROM = _convert.GREGORIAN_FROM
_REASONS = {"date": "calendar", "pre_1873": "lunisolar", "era": "syntax"}


class WarekiError(ValueError):
    """A date text could not be converted. ``reason`` is one of ``syntax``, ``calendar``,
    ``before_era``, ``after_era``, ``lunisolar``."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.reason = reason
        self.text = text


_DIGITS = {"〇": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_TENS = {"廿": 20, "卅": 30}
KANJI_NUMERAL_CHARS = "".join([*_DIGITS, *_UNITS, *_TENS])


def kanji_to_int(text: str) -> int:
    """``二十五`` → 25, ``千九百五十`` → 1950, ``一九五〇`` → 1950, ``廿三`` → 23, ``25`` → 25."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in _UNITS and c not in _TENS for c in text):
        raise ValueError(text)
    if all(c in _DIGITS for c in text):  # positional: 一九五〇
        return int("".join(str(_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in _DIGITS:
            current = current * 10 + _DIGITS[c] if current else _DIGITS[c]
        elif c in _TENS:
            total += _TENS[c]
        else:
            total += (current or 1) * _UNITS[c]
            current = 0
    return total + current


_OLD_NUMERALS = str.maketrans({"壱": "一", "弐": "二", "参": "三", "拾": "十", "零": "〇"})
_GREGORIAN = re.compile(
    r"^(?P<y>\d{4}|[〇一二三四五六七八九十百千]+)年(?P<m>[0-9〇一二三四五六七八九十]+)月(?P<d>[0-9〇一二三四五六七八九十]+)日$"
)
_ISO = re.compile(r"^(?P<y>\d{4})[./\-](?P<m>\d{1,2})[./\-](?P<d>\d{1,2})$")


def _prepare(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip()
    t = re.sub(r"\s+", "", t.removeprefix("西暦"))
    t = t.translate(_OLD_NUMERALS).replace("廿", "二十").replace("卅", "三十")
    return t


def _gregorian(y: int, m: int, d: int, text: str) -> dt.date:
    try:
        value = dt.date(y, m, d)
    except ValueError:
        raise WarekiError("calendar", text) from None
    if value < GREGORIAN_FROM:
        raise WarekiError("lunisolar", text)
    return value


def parse_date(text: str) -> dt.date:
    """Parse a 和暦 or Gregorian date; raise :class:`WarekiError` with a reason."""
    t = _prepare(text)
    m = _ISO.match(t) or _GREGORIAN.match(t)
    if m:
        try:
            y, mo, d = (kanji_to_int(m[k]) for k in ("y", "m", "d"))
        except ValueError:
            raise WarekiError("syntax", text) from None
        if y < 1000:  # 二十五年四月一日 without an era is not a Gregorian year
            raise WarekiError("syntax", text)
        return _gregorian(y, mo, d, text)
    try:
        return _convert.parse(t).date
    except _convert.WarekiError as exc:
        raise WarekiError(_REASONS.get(exc.reason, exc.reason), text) from None


def to_wareki(value: dt.date, *, letter: bool = False) -> str:
    """Render ``value`` as ``昭和25年4月1日`` (``元年`` for year 1) or, with ``letter``, ``S25.4.1``."""
    try:
        return _convert.format_date(value, style="letter" if letter else "kanji")
    except _convert.WarekiError:
        raise WarekiError("lunisolar", value.isoformat()) from None
