"""Dates as Japan writes and counts them, in one place for the whole library.

- the era table (:data:`ERAS`, :func:`era_of`) with each era's letter and JPKI digit;
- 和暦 read and written: :func:`parse_wareki` (era forms), :func:`parse_date` (era or Gregorian, as
  registers and vendors write them), :func:`format_wareki`, :func:`wareki_label` (for people:
  ``令和6年3月15日 (2024-03-15)``), errors as :class:`WarekiError` with a stable ``reason``;
- kanji numerals (:func:`read_number`, bounded);
- dates inside a register's sentences (:func:`find_dates`), ``同日``/``同月六日``/``同年…`` resolved
  against the date before them (:func:`parse_relative_date`);
- the My Number Card's ``EYYYYMMDD`` birth dates (:func:`encode_birth_date`, :func:`decode_birth_date`);
- days on which public offices are closed (:func:`is_closed_day`, :func:`next_open_day`), with
  national holidays from ``jpholiday``;
- periods as the law counts them (:func:`add_period`: 民法140条・143条, or 戸籍法43条 first day
  counted) and deadlines moved off closed days by the rule their law names (:func:`deadline`,
  :data:`CLOSED_DAY_RULES`: 民法142条, 国税通則法10条2項 …).
"""

from __future__ import annotations

from endingnote.calendar._business import holiday_name, is_closed_day, next_open_day
from endingnote.calendar._eras import ERAS, GREGORIAN_FROM, Era, era_by_key, era_of, era_year
from endingnote.calendar._jpki import decode_birth_date, encode_birth_date, jpki_era_digit
from endingnote.calendar._numerals import KANJI_NUMERAL_CHARS, kanji_numeral, read_number
from endingnote.calendar._periods import (
    CLOSED_DAY_RULES,
    FIRST_DAY_COUNTED,
    FIRST_DAY_NOT_COUNTED,
    ClosedDayRule,
    Counting,
    Deadline,
    add_period,
    deadline,
)
from endingnote.calendar._prose import DateMention, find_dates, parse_relative_date
from endingnote.calendar._wareki import (
    Wareki,
    WarekiError,
    format_wareki,
    from_iso,
    parse_date,
    parse_wareki,
    to_iso,
    wareki_label,
)

__all__ = [
    "CLOSED_DAY_RULES",
    "ERAS",
    "FIRST_DAY_COUNTED",
    "FIRST_DAY_NOT_COUNTED",
    "GREGORIAN_FROM",
    "KANJI_NUMERAL_CHARS",
    "ClosedDayRule",
    "Counting",
    "DateMention",
    "Deadline",
    "Era",
    "Wareki",
    "WarekiError",
    "add_period",
    "deadline",
    "decode_birth_date",
    "encode_birth_date",
    "era_by_key",
    "era_of",
    "era_year",
    "find_dates",
    "format_wareki",
    "from_iso",
    "holiday_name",
    "is_closed_day",
    "jpki_era_digit",
    "kanji_numeral",
    "next_open_day",
    "parse_date",
    "parse_relative_date",
    "parse_wareki",
    "read_number",
    "to_iso",
    "wareki_label",
]
