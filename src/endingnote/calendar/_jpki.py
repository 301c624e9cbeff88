"""Birth dates as J-LIS writes them in the signing certificate: ``EYYYYMMDD``.

``E`` is the era digit (``1`` 明治 … ``5`` 令和, ``0`` unknown/before 明治) from the era table, followed
by the Gregorian date.
"""

from __future__ import annotations

import datetime as dt

from endingnote.calendar._eras import era_of

__all__ = ["decode_birth_date", "encode_birth_date", "jpki_era_digit"]


def jpki_era_digit(day: dt.date) -> str:
    """The JPKI era digit for a Gregorian date (``0`` before 明治)."""
    era = era_of(day)
    return era.jpki_digit if era is not None else "0"


def encode_birth_date(day: dt.date) -> str:
    """``EYYYYMMDD``: era digit followed by the Gregorian date."""
    return f"{jpki_era_digit(day)}{day:%Y%m%d}"


def decode_birth_date(value: str) -> dt.date | None:
    """The Gregorian date of an ``EYYYYMMDD`` value, or ``None`` when malformed."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return None
    try:
        return dt.date(int(value[1:5]), int(value[5:7]), int(value[7:9]))
    except ValueError:
        return None
