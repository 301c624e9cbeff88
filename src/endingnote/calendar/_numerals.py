"""Kanji numerals as dates and registers write them.

Read: ``二十五`` 25, ``千九百五十`` 1950, positional ``一九五〇`` 1950, the old numerals of hand-written
registers (``壱 弐 参 拾``, ``廿`` 20, ``卅`` 30), ``元`` 1, ASCII and full-width digits. Numbers are
bounded (:data:`MAX_DIGITS`): a date part of a hundred digits is a syntax error, never a huge integer.
"""

from __future__ import annotations

import unicodedata

__all__ = ["KANJI_NUMERAL_CHARS", "MAX_DIGITS", "kanji_numeral", "read_number"]

MAX_DIGITS = 8  # no part of a date needs more (一千九百七十七 is 7); bounds every conversion below

_DIGITS = {"〇": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_TENS = {"廿": 20, "卅": 30}
KANJI_NUMERAL_CHARS = "".join([*_DIGITS, *_UNITS, *_TENS])


def read_number(text: str) -> int:
    """The value of a numeral; :class:`ValueError` when ``text`` is not one (or is too long)."""
    if text == "元":
        return 1
    if not text or len(text) > MAX_DIGITS:
        raise ValueError(text)
    ascii_digits = unicodedata.normalize("NFKC", text)
    if ascii_digits.isascii() and ascii_digits.isdigit():
        return int(ascii_digits)
    if any(c not in _DIGITS and c not in _UNITS and c not in _TENS for c in text):
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


def kanji_numeral(n: int) -> str:
    """``25`` → ``二十五``, ``10`` → ``十``, ``101`` → ``百一`` (0 ≤ n < 1000)."""
    digits = "〇一二三四五六七八九"
    if not 0 <= n < 1000:
        raise ValueError(n)
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
