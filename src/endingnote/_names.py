"""Comparable forms of Japanese personal names and places, tolerant of notation.

A register keeps a name in its **register form** (MJ characters, possibly with an Ideographic
Variation Sequence, old 誤字/俗字 in pre-computerisation registers). The same person's name
written in another register, on a JPKI certificate or typed by a user may differ only in
notation: width, spacing, 々, a variation selector, a compatibility ideograph, or a 俗字/旧字体
where the other has the 正字/新字体. :func:`name_key` folds all of those so the forms compare
equal; it never changes readings or drops characters, so different names stay different.

The folding table :data:`VARIANTS` is deliberately small and documented: each entry maps a
variant to the character the comparable form uses, with its class (``俗字``, ``誤字``,
``旧字体``) per the MOJ 誤字俗字・正字一覧 practice. Pairs that the register treats as *different*
names (斉/斎, 竜/龍, 籐/藤, 桧/檜 as separate 人名用漢字) are intentionally absent.

It lives below every concern (the owner binding of signed packages uses it, and the signing layer
must not import the family-register package); :mod:`endingnote.koseki.names` is its public face.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "VARIANTS",
    "Variant",
    "expand_iteration_marks",
    "kana_key",
    "name_key",
    "names_match",
    "place_key",
    "split_full_name",
]


@dataclass(frozen=True, slots=True)
class Variant:
    variant: str
    canonical: str
    kind: str  # 俗字 | 誤字 | 旧字体 | 異体字


_TABLE: tuple[tuple[str, str, str], ...] = (
    # (variant, comparable form, class)
    ("髙", "高", "俗字"),  # はしご高
    ("﨑", "崎", "俗字"),  # たつさき (U+FA11 has no NFKC decomposition)
    ("嵜", "崎", "異体字"),
    ("碕", "崎", "異体字"),
    ("𠮷", "吉", "俗字"),  # つちよし
    ("邉", "辺", "異体字"),
    ("邊", "辺", "旧字体"),
    ("濵", "浜", "俗字"),
    ("濱", "浜", "旧字体"),
    ("澤", "沢", "旧字体"),
    ("櫻", "桜", "旧字体"),
    ("國", "国", "旧字体"),
    ("廣", "広", "旧字体"),
    ("齋", "斎", "旧字体"),
    ("齊", "斉", "旧字体"),
    ("德", "徳", "異体字"),
    ("惠", "恵", "旧字体"),
    ("眞", "真", "旧字体"),
    ("實", "実", "旧字体"),
    ("榮", "栄", "旧字体"),
    ("藏", "蔵", "旧字体"),
    ("瀨", "瀬", "旧字体"),
    ("嶋", "島", "異体字"),
    ("嶌", "島", "異体字"),
    ("峯", "峰", "異体字"),
    ("冨", "富", "俗字"),
    ("槙", "槇", "異体字"),
    ("曻", "昇", "俗字"),
    ("𡈽", "土", "俗字"),  # つちよし's 土
    ("栁", "柳", "異体字"),
    ("﨔", "欅", "異体字"),
    ("槗", "橋", "異体字"),
    ("\ufa10", "塚", "異体字"),  # U+FA10 compatibility ideograph (NFKC folds it too)
    ("\uf9dc", "隆", "異体字"),  # U+F9DC compatibility ideograph (NFKC folds it too)
    ("黑", "黒", "旧字体"),
    ("淺", "浅", "旧字体"),
    ("變", "変", "旧字体"),
    ("壽", "寿", "旧字体"),
    ("龜", "亀", "旧字体"),
    ("萬", "万", "旧字体"),
    ("與", "与", "旧字体"),
    ("讓", "譲", "旧字体"),
    ("靜", "静", "旧字体"),
    ("淸", "清", "旧字体"),
    ("彌", "弥", "旧字体"),
)
VARIANTS: tuple[Variant, ...] = tuple(Variant(v, c, k) for v, c, k in _TABLE if v != c)
_FOLD = str.maketrans({v.variant: v.canonical for v in VARIANTS})
# Variation selectors (standard FE00–FE0F, ideographic E0100–E01EF) only pick a glyph.
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_SPACE = re.compile(r"[\s\u3000・･]+")


def _base(text: str) -> str:
    t = _SELECTORS.sub("", text)
    t = unicodedata.normalize("NFKC", t)
    return _SPACE.sub("", t)


def expand_iteration_marks(text: str) -> str:
    """々 written out as the character it repeats (the length does not change)."""
    out: list[str] = []
    for ch in text:
        out.append(out[-1] if ch == "々" and out else ch)
    return "".join(out)


def name_key(text: str) -> str:
    """The comparable form of a name: NFKC, no spaces or selectors, 々 expanded, variants folded.

    ``name_key("髙橋　﨑子") == name_key("高橋崎子")``; ``name_key("佐々木") == name_key("佐佐木")``.
    """
    return expand_iteration_marks(_base(text)).translate(_FOLD)


def names_match(a: str, b: str) -> bool:
    """Whether two written names are the same name up to notation."""
    return name_key(a) == name_key(b) != ""


def kana_key(text: str) -> str:
    """The comparable form of a reading (振り仮名): NFKC, katakana, no spaces. Small kana stay
    significant (キヨシ ≠ キョシ)."""
    t = _base(text)
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in t)


_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十百千壱弐参拾]+(?=丁目|番地|番|号|$|の|-)")


def _kanji_number(match: re.Match[str]) -> str:
    from endingnote.calendar import read_number

    try:
        return str(read_number(match.group(0)))
    except ValueError:  # too long to be a lot or block number: compared as written
        return match.group(0)


def place_key(text: str) -> str:
    """The comparable form of a 本籍: as :func:`name_key` plus kanji numerals (also the old
    壱/弐/参/拾) before 丁目/番地/番/号 as digits (``千代田壱丁目壱番地`` = ``千代田1丁目1番地``)."""
    t = name_key(text)
    return _KANJI_NUMBER.sub(_kanji_number, t)


def split_full_name(text: str, family_hint: str | None = None) -> tuple[str | None, str | None]:
    """Split ``山田　太郎`` (space) or ``山田太郎`` (with ``family_hint="山田"``) into
    ``(family, given)``; ``(None, None)`` when it cannot be split safely."""
    t = unicodedata.normalize("NFC", text).strip()
    parts = [p for p in re.split(r"[\s\u3000]+", t) if p]
    if len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1 and family_hint:
        hint = name_key(family_hint)
        for cut in range(1, len(t)):
            if name_key(t[:cut]) == hint and cut < len(t):
                return t[:cut], t[cut:]
    return None, None
