"""The policy layer: what must never be stored in a note, wherever it hides.

- a valid 12-digit マイナンバー (check digit), ASCII or full-width digits, with or without separators
- a 16-digit number that passes the Luhn check (a full card number)
- a stored secret: "パスワード: …", "PIN=…", "暗証番号：…", or a key named like one

One prefilter over the raw bytes decides whether a document can contain any of these at all; only
then are the document's strings walked with the exact checks, which also give each finding its JSON
pointer. The prefilter is specified here as a regular expression (``PREFILTER``, run by RE2 in the
reference scan) and decided by the C raw scan (``_rawscan``) in the same pass that counts colons for
the duplicate-key check; tests hold the two equal. It is a superset of the exact checks for ASCII
and full-width digits and the separators listed, and a document with \\u escapes (which could hide
characters from a byte scan) always takes the exact path. Known gap, shared by both: digits that only
NFKC turns into ASCII (①, ②, ²) are not prefiltered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import re2

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.errors import StandardError
from endingnote.standard import Standard
from endingnote.standard._types import my_number_ok
from endingnote.validation._paths import pointer, resolve, unescape
from endingnote.validation._rawscan import RawScan, scan

_D = "[0-9０-９]"  # ASCII or full-width digit
# one optional separator: space, '-', ideographic space, full-width hyphen-minus, minus sign, hyphen
_S = "[ \\-\u3000－\u2212\u2010]?"
_ND = "[^0-9０-９]"
_NUMBERS_PREFILTER = f"(?:^|{_ND}){_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{{4}}(?:{_S}{_D}{{4}})?(?:$|{_ND})"
_MY_NUMBER = re.compile(r"(?<!\d)(\d{4})[ \-]?(\d{4})[ \-]?(\d{4})(?!\d)")
_CARD = re.compile(r"(?<!\d)(\d{4})[ \-]?(\d{4})[ \-]?(\d{4})[ \-]?(\d{4})(?!\d)")
_SEPARATORS = str.maketrans({"\u3000": " ", "\u2212": "-", "\u2010": "-"})

# the words we refuse, not a password:
_SECRET_WORDS = (
    "(?<![a-z])(?:password|passwd|passcode|pass_word|pin|pin_?code|secret|security_?code|cvv|cvc)(?![a-z])"  # noqa: S105
    "|暗証番号|パスワード|パスコード|ロック解除(?:コード|番号|パターン)|セキュリティコード|秘密の質問の答え"
)
_SECRET_TAIL = "[\"']?\\s*[:：=＝]\\s*[\"']?"  # noqa: S105 - a separator pattern, not a password
_SECRET = re.compile("(?i)(?:" + _SECRET_WORDS + ")" + _SECRET_TAIL + "(?=[^\\s\"',、。}\\]])")
# RE2 has no look-behind: the ASCII word boundary is a consumed character instead (fine for a search).
# RE2's \s is ASCII only: the prefilter's spaces are Python's \s that JSON does not force to escape
# (ASCII, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 全角空白).
_PF_SPACES = "\\t\\n\\f\\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SECRET_PREFILTER = (
    "(?:(?i:(?:^|[^a-z])(?:password|passwd|passcode|pass_word|pin|pin_?code|secret|security_?code|cvv|cvc))"
    "|暗証番号|パスワード|パスコード|ロック解除(?:コード|番号|パターン)|セキュリティコード|秘密の質問の答え)"
    f"[\"']?[{_PF_SPACES}]*[:：=＝][{_PF_SPACES}]*[\"']?"
    f"[^{_PF_SPACES}\"',、。}}\\]]"
)
# One DFA pass over the raw bytes tells which exact checks a document needs (group 1: numbers).
PREFILTER = re2.compile(f"({_NUMBERS_PREFILTER})|(?:{_SECRET_PREFILTER})".encode())


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


def _secret(text: str) -> bool:
    return (
        _SECRET.search(text) is not None or re.fullmatch(_SECRET_WORDS, text, flags=re.IGNORECASE) is not None
    )


def _declared_identifier(std: Standard | None, doc: dict[str, Any], path: list[str | int], text: str) -> bool:
    """The value fills an item whose own pattern it matches exactly — a declared identifier such as
    the 16-digit 戸籍電子証明書提供用識別符号 — not a card number written into free text. Values a
    migration parked in a versioned carrier extension (``/extensions/<alias>/<pointer>/…``) are
    resolved against the version the carrier stands for."""
    if std is None:
        return False
    for i in range(len(path) - 2):
        if path[i] == "extensions" and isinstance(path[i + 2], str) and str(path[i + 2]).startswith("/"):
            from endingnote.compat import carrier_version
            from endingnote.standard import get

            header = doc.get("header")
            aliases = header.get("extensions") if isinstance(header, dict) else None
            uri = aliases.get(path[i + 1]) if isinstance(aliases, dict) else None
            version = carrier_version(std.namespace, uri) if isinstance(uri, str) else None
            if version is None:
                return False
            try:
                std = get(version)
            except StandardError:
                return False
            inner: list[str | int] = [unescape(t) for t in str(path[i + 2]).split("/")[1:]]
            path = [*path[:i], *inner, *path[i + 3 :]]
            break
    where = resolve(std, path)
    pattern = where.field.constraints.get("pattern") if where.field is not None else None
    return isinstance(pattern, str) and re.fullmatch(pattern, text) is not None


def _document_standard(doc: dict[str, Any]) -> Standard | None:
    """The installed standard the document's header names, if it names one by its version."""
    from endingnote.validation._header import installed_version

    header = doc.get("header")
    version = installed_version(header.get("standard") if isinstance(header, dict) else None)
    if version is None:
        return None
    from endingnote.standard import get

    try:
        return get(version)
    except StandardError:
        return None


def policy_findings(doc: dict[str, Any], *, std: Standard | None = None) -> list[Issue]:
    """The policy layer alone on a parsed document: My Numbers, card numbers, stored secrets.

    For writers (converters, migrations) that must not put a secret on disk: call it on every
    output document before writing. Each finding is a ``policy.*`` issue with the JSON pointer of
    the value (or key) that holds it; no message ever repeats the value. ``std`` (default: the
    installed standard the header names, if any) exempts identifiers the catalogue declares, such
    as the 16-digit 戸籍電子証明書提供用識別符号. Never raises for data; a document nested deeper
    than the validator's limit is walked only to that depth.
    """
    from endingnote.validation._input import serialise

    if std is None:
        std = _document_standard(doc)
    return list(check_policy(doc, serialise(doc), std))


def check_policy(
    doc: dict[str, Any], raw: bytes, std: Standard | None = None, scanned: RawScan | None = None
) -> Iterable[Issue]:
    """``scanned``: the raw scan of ``raw``, if the caller has it already."""
    if scanned is None:
        scanned = scan(raw)
    if not scanned.escapes and not scanned.policy:
        return []  # the common case: one linear scan, nothing to look at
    return _exact(doc, std)  # something matched: the exact checks say what, and where (rare)


def _exact(doc: dict[str, Any], std: Standard | None) -> Iterator[Issue]:
    for path, text in _strings(doc, []):
        my, cards = _numbers(text)
        if my:
            yield issue("policy.my_number", pointer(path))
        if cards and not _declared_identifier(std, doc, path, text):
            yield issue("policy.card_number", pointer(path))
        if _secret(text):
            yield issue("policy.secret", pointer(path))
