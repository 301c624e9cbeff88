"""Secret-looking fields and values (domain file §6): never carried, each drop reported."""

from __future__ import annotations

import re

from endingnote.standard._types import my_number_ok

# names of fields that hold a secret itself (not where it is kept)
_SECRET_NAME = re.compile(
    r"(?i)(password|passwd|passcode|\bpin\b|pin_?code|secret|security_?answer|unlock_?code|"
    r"my_?number|mynumber|individual_?number|cvv|cvc|"
    r"パスワード|暗証|秘密の質問|合言葉|ロック解除|パスコード|マイナンバー|個人番号)"
)
# ...unless the field says where it is or gives a hint to find it
_LOCATION_NAME = re.compile(r"(?i)(location|where|hint|place|保管|場所|ヒント|所在)")


def secret_name(name: str) -> bool:
    """Does a field called ``name`` look like it holds a secret (not a location)? Half-width kana
    and full-width Latin letters in the name are normalised first (ﾊﾟｽﾜｰﾄﾞ, ＰＩＮ)."""
    import jaconv

    name = str(
        jaconv.z2h(jaconv.h2z(name, kana=True, ascii=False, digit=False), kana=False, ascii=True, digit=True)
    )
    return bool(_SECRET_NAME.search(name)) and not _LOCATION_NAME.search(name)


def my_number_value(value: object) -> bool:
    """Is ``value`` a 12-digit 個人番号 with a valid check digit (総務省令 rule)?"""
    if not isinstance(value, str):
        return False
    return my_number_ok(value.replace("-", "").replace(" ", ""))
