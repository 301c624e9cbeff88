"""Check one extension value against its registered definition.

Returns (reason_ja, reason_en) pairs; an empty list means the value fits.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from endingnote._regex import UserPattern, compile_user
from endingnote.extensions._model import ExtCode, ExtField

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINE = re.compile(r"[\r\n\t]")
_KANA = re.compile(r"^[\u30a1-\u30fa\u30fc\u3000 ]+$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9()\-]{2,30}$")

Reason = tuple[str, str]


@functools.lru_cache(maxsize=256)
def _user_pattern(pattern: str) -> UserPattern:
    """A registered pattern, run by RE2 (linear time). The registry refuses what RE2 cannot compile
    before a namespace is used, so this does not fail for a loaded registry."""
    return compile_user(pattern)


@functools.lru_cache(maxsize=1024)
def _code_set(codes: tuple[ExtCode, ...]) -> frozenset[str]:
    return frozenset(c.code for c in codes)


def _string(value: Any, f: ExtField, multiline: bool) -> list[Reason]:
    if not isinstance(value, str):
        return [("文字列ではありません", "not a string")]
    out: list[Reason] = []
    # a printable string has no control character, line break or tab: the searches are skipped
    if not value.isprintable() and (_CONTROL.search(value) or (not multiline and _NEWLINE.search(value))):
        out.append(("制御文字または改行を含みます", "contains control characters or line breaks"))
    c = f.constraints
    if "max_length" in c and len(value) > c["max_length"]:
        out.append((f"{c['max_length']} 文字を超えています", f"longer than {c['max_length']} characters"))
    if "min_length" in c and len(value) < c["min_length"]:
        out.append((f"{c['min_length']} 文字未満です", f"shorter than {c['min_length']} characters"))
    # searched as UTF-8 bytes, as RE2 runs it anyway: the same answer without the wrapper's
    # character-offset bookkeeping, which only a match's positions would need
    if "pattern" in c and not _user_pattern(c["pattern"]).search(value.encode("utf-8")):
        out.append((f"パターン {c['pattern']} に合いません", f"does not match {c['pattern']}"))
    return out


def _formatted(value: Any, regex: re.Pattern[str], name_ja: str, name_en: str) -> list[Reason]:
    if not isinstance(value, str) or not regex.match(value):
        return [(f"{name_ja}の形式ではありません", f"not a valid {name_en}")]
    return []


def check_value(value: Any, f: ExtField) -> list[Reason]:
    """Check a single (non-list) value."""
    t = f.type
    if t in ("string", "text"):
        return _string(value, f, multiline=t == "text")
    if t == "kana":
        return _string(value, f, False) or _formatted(value, _KANA, "全角カタカナ", "full-width katakana")
    if t == "boolean":
        return [] if isinstance(value, bool) else [("真偽値ではありません", "not a boolean")]
    if t == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return [("整数ではありません", "not an integer")]
        c = f.constraints
        if "minimum" in c and value < c["minimum"]:
            return [(f"{c['minimum']} 未満です", f"less than {c['minimum']}")]
        if "maximum" in c and value > c["maximum"]:
            return [(f"{c['maximum']} を超えています", f"greater than {c['maximum']}")]
        return []
    if t == "date":
        bad = _formatted(value, _DATE, "日付(YYYY-MM-DD)", "date (YYYY-MM-DD)")
        if not bad:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return [("暦にない日付です", "not a calendar date")]
        return bad
    if t == "datetime":
        bad = _formatted(value, _DATETIME, "日時(時差付き)", "date-time with offset")
        if not bad:
            try:
                dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return [("暦にない日時です", "not a calendar date-time")]
        return bad
    if t == "year_month":
        return _formatted(value, _YEAR_MONTH, "年月(YYYY-MM)", "year-month (YYYY-MM)")
    if t == "url":
        return _formatted(value, _URL, "URL", "URL")
    if t == "email":
        return _formatted(value, _EMAIL, "メールアドレス", "e-mail address")
    if t == "phone":
        return _formatted(value, _PHONE, "電話番号", "phone number")
    if t == "code":
        if isinstance(value, str) and value in _code_set(f.codes):
            return []
        codes = [c.code for c in f.codes]
        if value not in codes:
            return [
                (
                    f"コード {value!r} は定義されていません({', '.join(codes)})",
                    f"code {value!r} is not one of {', '.join(codes)}",
                )
            ]
        return []
    if t == "ref":
        return [] if isinstance(value, str) and value else [("参照(id)ではありません", "not a reference id")]
    if t == "object":
        return [] if isinstance(value, dict) else [("オブジェクトではありません", "not an object")]
    return [(f"未知の型 {t}", f"unknown type {t}")]
