"""The policy layer: what must never be stored in a note, wherever it hides.

The scan runs over the raw JSON bytes. A cheap pass finds runs of digit-like bytes and the
positions of secret keywords (C-level searches, no walk of the document); only the few candidates
are examined in Python, and only a confirmed hit walks the document to find the value's pointer.
- a valid 12-digit マイナンバー (check digit), ASCII or full-width digits, with or without separators
- a 16-digit number that passes the Luhn check (a full card number)
- a stored secret: "パスワード: …", "PIN=…", "暗証番号：…", or a key named like one
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.standard._types import my_number_ok
from endingnote.standard import Standard
from endingnote.validate._paths import pointer, resolve

# Fast candidate search, all in C: full-width digits and separators are folded to ASCII with
# bytes.replace, every other byte becomes a space, and only whitespace-separated tokens of digits and
# separators with twelve or more digits are examined further.
_FOLD = [(("０１２３４５６７８９"[i]).encode(), str(i).encode()) for i in range(10)] + [
    ("\uff0d".encode(), b"-")
]
_FOLDABLE = re.compile(rb"\xef\xbc[\x8d\x90-\x99]")
# digits stay, '-' and ' ' become '-', every other byte a newline (the split point)
_TABLE = bytes(b if b in b"0123456789-" else 0x2D if b == 0x20 else 0x0A for b in range(256))
_MY_NUMBER = re.compile(r"(?<!\d)(\d{4})[ \-]?(\d{4})[ \-]?(\d{4})(?!\d)")
_CARD = re.compile(r"(?<!\d)(\d{4})[ \-]?(\d{4})[ \-]?(\d{4})[ \-]?(\d{4})(?!\d)")
_SEPARATORS = str.maketrans({"\u3000": " ", "\u2212": "-", "\u2010": "-"})

_ASCII_WORDS = (b"pass", b"pin", b"secret", b"security", b"cv")  # prefixes of the words below
_JA_WORDS = tuple(
    w.encode()
    for w in ("暗証番号", "パスワード", "パスコード", "ロック解除", "セキュリティコード", "秘密の質問")
)
# the words we refuse, not a password:
_SECRET_WORDS = (
    "(?<![a-z])(?:password|passwd|passcode|pass_word|pin|pin_?code|secret|security_?code|cvv|cvc)(?![a-z])"  # noqa: S105
    "|暗証番号|パスワード|パスコード|ロック解除(?:コード|番号|パターン)|セキュリティコード|秘密の質問の答え"
)
_SECRET = re.compile("(?i)(?:" + _SECRET_WORDS + ")[\"']?\\s*[:：=＝]\\s*[\"']?(?=[^\\s\"',、。}\\]])")


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_SEPARATORS)


def _luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _numbers(text: str) -> tuple[set[str], set[str]]:
    """(My Numbers, card numbers) found in ``text``."""
    norm = _normal(text)
    my = {d for m in _MY_NUMBER.finditer(norm) if my_number_ok(d := "".join(m.groups()))}
    cards = {d for m in _CARD.finditer(norm) if _luhn(d := "".join(m.groups()))}
    return my, cards


def _strings(node: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield [*path, k], k  # keys can carry secrets too
            yield from _strings(v, [*path, k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, [*path, i])
    elif isinstance(node, str | int) and not isinstance(node, bool):
        yield path, str(node)


def _secret_in_raw(raw: bytes) -> bool:
    """Search the secret pattern only in short windows around each keyword occurrence."""
    lower = raw.lower()
    for words, hay in ((_JA_WORDS, raw), (_ASCII_WORDS, lower)):
        for word in words:
            pos = hay.find(word)
            while pos >= 0:
                window = hay[max(0, pos - 1) : pos + len(word) + 48].decode("utf-8", "ignore")
                if _SECRET.search(window):
                    return True
                pos = hay.find(word, pos + 1)
    return False


def _secret(text: str) -> bool:
    return (
        _SECRET.search(text) is not None or re.fullmatch(_SECRET_WORDS, text, flags=re.IGNORECASE) is not None
    )


def _candidates(raw: bytes) -> list[bytes]:
    """Runs of digits, '-' and spaces that hold at least twelve digits (C-level work only)."""
    folded = raw
    if b"\xe3\x80\x80" in folded:  # ideographic space between digit groups
        folded = folded.replace(b"\xe3\x80\x80", b" ")
    if b"\xef\xbc" in folded and _FOLDABLE.search(folded):  # full-width digits or hyphen-minus
        for old, new in _FOLD:
            folded = folded.replace(old, new)
    tokens = folded.translate(_TABLE).split()
    return [t for t in tokens if len(t) >= 12 and len(t) - t.count(b"-") >= 12]


def _declared_identifier(std: Standard | None, path: list[str | int], text: str) -> bool:
    """The value fills an item whose own pattern it matches exactly — a declared identifier such as
    the 16-digit 戸籍電子証明書提供用識別符号 — not a card number written into free text."""
    if std is None:
        return False
    where = resolve(std, path)
    pattern = where.field.constraints.get("pattern") if where.field is not None else None
    return isinstance(pattern, str) and re.fullmatch(pattern, text) is not None


def check_policy(doc: dict[str, Any], raw: bytes, std: Standard | None = None) -> list[Issue]:
    out: list[Issue] = []
    found_my: set[str] = set()
    found_cards: set[str] = set()
    for token in _candidates(raw):
        my, cards = _numbers(token.decode())
        found_my |= my
        found_cards |= cards
    secret = _secret_in_raw(raw)
    if not (found_my or found_cards or secret):
        return out
    for path, text in _strings(doc, []):
        if found_my or found_cards:
            my, cards = _numbers(text)
            if my & found_my:
                out.append(issue("policy.my_number", pointer(path)))
            if cards & found_cards and not _declared_identifier(std, path, text):
                out.append(issue("policy.card_number", pointer(path)))
        if secret and _secret(text):
            out.append(issue("policy.secret", pointer(path)))
    return out
