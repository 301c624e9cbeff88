"""死亡時分 as registers write them (one reader for the computerised and the paper layout)."""

from __future__ import annotations

import re
import unicodedata

from endingnote.calendar import read_number

_TIME_NUM = "[0-9〇一二三四五六七八九十零壱弐参拾]"
_TIME = re.compile(rf"(午前|午後)?({_TIME_NUM}+)時(?:({_TIME_NUM}+)分|半)?")


def parse_time(text: str) -> tuple[str | None, bool]:
    """A 死亡時分 as registers write it (``午後十一時三十分``, ``午前拾時``, ``正午``, ``23:30``, 推定/頃)
    → (``HH:MM`` or ``None`` when it is not a time of day, whether it is estimated)."""
    t = unicodedata.normalize("NFKC", text).replace(" ", "")
    estimated = "推定" in t or "頃" in t
    t = t.replace("推定", "").replace("頃", "")
    if t == "正午":
        return "12:00", estimated
    m = _TIME.fullmatch(t)
    if m is None:
        m2 = re.fullmatch(r"(\d{1,2}):(\d{2})", t)
        if m2 and int(m2[1]) < 24 and int(m2[2]) < 60:
            return f"{int(m2[1]):02d}:{m2[2]}", estimated
        return None, False
    try:
        hour = read_number(m[2])
        minute = 30 if t.endswith("半") else read_number(m[3]) if m[3] else 0
    except ValueError:  # a numeral too long to be an hour or a minute
        return None, False
    if m[1] == "午後" and hour < 12:
        hour += 12
    if hour > 23 or minute > 59 or (m[1] and hour > 24):
        return None, False
    return f"{hour:02d}:{minute:02d}", estimated
