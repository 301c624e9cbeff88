"""Secret-looking fields and values (domain file §6): never carried, each drop reported.

A field *name* is judged after width and case folding and camelCase splitting, in Japanese and
English (``ﾛｸﾞｲﾝPW`` → ``ログインpw``, ``loginPw`` → ``login pw``, ``ＰＩＮコード`` → ``pinコード``); a
name that says where a secret is kept (``パスワードの保管場所``, ``pin_hint``) is not a secret.
A field *value* is a secret when it is a 個人番号 (check digit), a full card number (Luhn) or
anything the validator's policy layer flags (see :mod:`endingnote.convert._policy_gate`).
"""

from __future__ import annotations

import re
import unicodedata

from endingnote.standard._types import my_number_ok

__all__ = ["card_number_value", "fold_name", "my_number_value", "secret_name"]

# names of fields that hold a secret itself (not where it is kept); matched on fold_name(name)
_ASCII_WORDS = (
    "password|passwd|passcode|passphrase|pass|pwd|pw|pin|pincode|pin_code|pin_no|secret|secret_key|"
    "private_key|security_answer|security_code|unlock_code|cvv|cvc|cvv2|my_number|mynumber|"
    "individual_number"
)
_SECRET_NAME = re.compile(
    rf"(?<![a-z0-9])(?:{_ASCII_WORDS})(?![a-z])"
    r"|パスワード|ぱすわーど|パスコード|パスフレーズ|ログインパス|暗証|秘密の質問|合い?言葉|秘密鍵|"
    r"ロック解除|マイナンバー|個人番号|セキュリティコード|セキュリティー?コード|pinコード|pin番号"
)
# ...unless the field says where it is or gives a hint to find it
_LOCATION_NAME = re.compile(r"(location|where|hint|place|保管|場所|ヒント|所在|有無)")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


def fold_name(name: str) -> str:
    """A field name folded for matching: NFKC (full/half width), camelCase split, lower case,
    separators as ``_`` (``ﾛｸﾞｲﾝPW`` → ``ログインpw``, ``loginPw`` → ``login_pw``)."""
    text = unicodedata.normalize("NFKC", name)
    text = _CAMEL.sub(r"\1_\2", text).casefold()
    return re.sub(r"[\s\-./:@#]+", "_", text)


def secret_name(name: str) -> bool:
    """Does a field called ``name`` (a column, tag or JSON pointer) look like it holds a secret?"""
    folded = fold_name(name)
    return _SECRET_NAME.search(folded) is not None and _LOCATION_NAME.search(folded) is None


def my_number_value(value: object) -> bool:
    """Is ``value`` a 12-digit 個人番号 with a valid check digit (総務省令 rule)?"""
    if not isinstance(value, str):
        return False
    # NFKC leaves ASCII as it is (most values): then only the separators need removing
    folded = value if value.isascii() else unicodedata.normalize("NFKC", value)
    digits = folded.replace("-", "").replace(" ", "")
    return my_number_ok(digits)


def card_number_value(value: object) -> bool:
    """Is ``value`` a full payment-card number (13-19 digits passing the Luhn check)?"""
    if not isinstance(value, str):
        return False
    digits = re.sub(r"[\s\-]", "", value if value.isascii() else unicodedata.normalize("NFKC", value))
    if not (13 <= len(digits) <= 19 and digits.isascii() and digits.isdigit()):
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
