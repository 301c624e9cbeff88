"""The primitive types as JSON Schema fragments and regular expressions, shared by the schema
generator and the validator's messages. One table, so a pattern is never written twice."""

from __future__ import annotations

from typing import Any

ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
ALIAS_PATTERN = "^[a-z][a-z0-9_-]{0,31}$"
LANGUAGE_PATTERN = "^[a-z]{2}(-[A-Za-z0-9]+)*$"  # header.language: a BCP 47 tag
NAMESPACE_PATTERN = "^(https?|urn):[^\\s]+$"  # header.extensions: alias → namespace URI
# one line of text: no C0 controls, no DEL
_LINE = "^[^\\u0000-\\u001f\\u007f]*$"

PRIMITIVE_SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": "string", "minLength": 1, "pattern": _LINE},
    "text": {"type": "string", "minLength": 1},
    "kana": {"type": "string", "pattern": "^[ァ-ヶー・ 　]+$"},
    "latin": {"type": "string", "pattern": "^[A-Z][A-Z .'-]*$"},
    "date": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "datetime": {
        "type": "string",
        "format": "date-time",
        "pattern": (
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"
        ),
    },
    "year_month": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
    "boolean": {"type": "boolean"},
    "integer": {"type": "integer"},
    "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "maxLength": 254},
    "phone": {"type": "string", "pattern": "^\\+?[0-9][0-9()\\-,]{1,22}$"},
    "postal_code": {"type": "string", "pattern": "^[0-9]{7}$"},
    "url": {"type": "string", "pattern": "^https?://[^\\s]+$", "maxLength": 2000},
    "corporate_number": {"type": "string", "pattern": "^[1-9][0-9]{12}$"},
    "bank_code": {"type": "string", "pattern": "^[0-9]{4}$"},
    "branch_code": {"type": "string", "pattern": "^[0-9]{3}$"},
    "account_number": {"type": "string", "pattern": "^([0-9]{6,8}|\\*{2,}[0-9]{0,4})$"},
    "last4": {"type": "string", "pattern": "^[0-9]{4}$"},
    "local_government_code": {"type": "string", "pattern": "^[0-9]{6}$"},
    "country": {"type": "string", "pattern": "^[A-Z]{3}$"},
    "ref": {"type": "string", "pattern": ID_PATTERN},
}


def corporate_number_ok(value: str) -> bool:
    """法人番号: the first digit is the check digit over the 12 base digits (国税庁 rule)."""
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        return False
    base = value[1:]
    # weights 1, 2, 1, 2 … counted from the rightmost base digit
    total = sum(map(int, base[-1::-2])) + 2 * sum(map(int, base[-2::-2]))
    return int(value[0]) == 9 - total % 9


def my_number_ok(value: str) -> bool:
    """個人番号: 11 digits + a check digit (総務省令 rule). True means it IS a valid My Number."""
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return False
    digits = [int(d) for d in value]
    total = 0
    for n in range(1, 12):
        p = digits[11 - n]
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return digits[11] == check


def local_government_code_ok(value: str) -> bool:
    """全国地方公共団体コード: 5 digits + check digit (weights 6..2, mod 11)."""
    if len(value) != 6 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:5], (6, 5, 4, 3, 2), strict=True))
    check = (11 - total % 11) % 10
    return int(value[5]) == check
