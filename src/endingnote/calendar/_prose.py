"""Dates inside running text, as paper registers write them.

A paper register (縦書き) writes each 身分事項 as a sentence: ``昭和弐拾五年四月壱日東京都千代田区で
出生同月六日父届出入籍``. The second date refers back to the first: ``同日`` (the same day),
``同月六日`` (the 6th of the same month), ``同年五月拾日`` (the same year). :func:`find_dates` finds
every date of a sentence in order and resolves those against the date before them;
:func:`parse_relative_date` resolves one. Old numerals (壱 弐 参 拾 廿 卅) and 元年 are read as
:func:`endingnote.calendar.parse_date` reads them; every number is bounded.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from endingnote.calendar._eras import ERAS
from endingnote.calendar._numerals import KANJI_NUMERAL_CHARS, read_number
from endingnote.calendar._wareki import WarekiError, parse_date

__all__ = ["DateMention", "find_dates", "parse_relative_date"]

_NUM = rf"(?:[0-9０-９]{{1,4}}|[{KANJI_NUMERAL_CHARS}]{{1,8}})"
_ERA = "|".join(e.name for e in ERAS)
_TOKEN = re.compile(rf"(?:(?:{_ERA})(?:元|{_NUM})年{_NUM}月{_NUM}日)|同年{_NUM}月{_NUM}日|同月{_NUM}日|同日")
_SAME_YEAR = re.compile(rf"^同年({_NUM})月({_NUM})日$")
_SAME_MONTH = re.compile(rf"^同月({_NUM})日$")
MAX_SENTENCE = 2000  # a register sentence is never longer; longer text is not scanned


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date in a sentence: where it stands, as written, and its value (``None``: unreadable)."""

    start: int
    end: int
    text: str
    date: dt.date | None


def parse_relative_date(text: str, base: dt.date | None) -> dt.date:
    """``同日`` / ``同月六日`` / ``同年五月拾日`` against ``base``, or any date :func:`parse_date` reads.
    Raises :class:`WarekiError` (``syntax`` when a relative date has no base)."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not t.startswith("同"):
        return parse_date(text)
    if base is None:
        raise WarekiError("syntax", text)
    try:
        if t == "同日":
            return base
        m = _SAME_MONTH.match(t)
        if m:
            return dt.date(base.year, base.month, read_number(m.group(1)))
        m = _SAME_YEAR.match(t)
        if m:
            return dt.date(base.year, read_number(m.group(1)), read_number(m.group(2)))
    except ValueError:  # no such day, or a numeral too long
        raise WarekiError("date", text) from None
    raise WarekiError("syntax", text)


def find_dates(sentence: str, base: dt.date | None = None) -> list[DateMention]:
    """Every date in ``sentence``, in order; a relative one is resolved against the date before it
    (the first against ``base``). A date that cannot be read has ``date=None``."""
    if len(sentence) > MAX_SENTENCE:
        return []
    out: list[DateMention] = []
    previous = base
    for m in _TOKEN.finditer(sentence):
        try:
            value: dt.date | None = parse_relative_date(m.group(0), previous)
        except WarekiError:
            value = None
        out.append(DateMention(m.start(), m.end(), m.group(0), value))
        if value is not None:
            previous = value
    return out
