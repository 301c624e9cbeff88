"""The policy layer: what must never be stored in a note, wherever it hides.

- a valid 12-digit マイナンバー (check digit), however its digits are written (ASCII, full width,
  circled, superscript …) and whatever separates its groups (spaces, dashes, zero-width spaces)
- a 16-digit number that passes the Luhn check (a full card number)
- a stored secret: a word such as パスワード / 暗証番号 / PIN / pw / pass (in any width or case,
  half-width kana, camelCase) followed by ``:`` or ``=`` and a value (``PW=x``, ``ﾊﾟｽﾜｰﾄﾞ：x``), or by
  spaces or は/が and four digits or more (``PIN 1234``, ``暗証番号は1234です``), or a key named like
  one holding a value

Texts are folded before the exact checks match (:mod:`_fold`: invisible characters removed, NFKC,
case folding). One prefilter over the raw bytes decides whether a document can contain any of these
at all; only then are the document's strings walked with the exact checks, which also give each
finding its JSON pointer. The prefilter is specified here as a regular expression (``PREFILTER``,
run by RE2 in the reference scan) and decided by the C raw scan (``_rawscan``) in the same pass that
counts colons for the duplicate-key check; tests hold the two equal, and hold the prefilter to be a
superset of the exact checks (a document with \\u escapes, which could hide characters from a byte
scan, always takes the exact path).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

import re2

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.errors import StandardError
from endingnote.standard import Standard
from endingnote.standard._types import my_number_ok
from endingnote.validation._fold import (
    COUNTERS,
    PARTICLES,
    RAW_FULL_DIGITS,
    RAW_NUMBER_SEPARATORS,
    RAW_QUOTES,
    RAW_SEPARATORS,
    RAW_SPACES,
    RAW_STOPS,
    WORDS,
    fold,
    fold_humps,
    unit_forms,
)
from endingnote.validation._foldset import TRIGGERS
from endingnote.validation._paths import pointer, resolve, unescape
from endingnote.validation._rawscan import RawScan, scan

# --- the exact checks, on folded text -------------------------------------------------------------
_MY_NUMBER = re.compile(r"(?<![0-9])([0-9]{4})[ \-]?([0-9]{4})[ \-]?([0-9]{4})(?![0-9])")
_CARD = re.compile(r"(?<![0-9])([0-9]{4})[ \-]?([0-9]{4})[ \-]?([0-9]{4})[ \-]?([0-9]{4})(?![0-9])")


def _word_pattern(word: str) -> str:
    bound = "(?<![a-z])" if "a" <= word[0] <= "z" else ""
    return bound + re.escape(word)


_WORD = "(?:" + "|".join(_word_pattern(w) for w in sorted(WORDS, key=len, reverse=True)) + ")"
_VALUE = "(?=[^\\s\"',、。}\\]])"  # what may start a secret's value
_STRONG = re.compile(_WORD + "[\\s\"']*[:=][\\s\"']*" + _VALUE)
_PARTICLE = "(?:" + "|".join(PARTICLES) + ")"
_WEAK = re.compile(_WORD + f"\\s*(?:{_PARTICLE}\\s*)?[0-9]{{4,}}(?![0-9]*[{COUNTERS}])")
_KEY_WORD = re.compile(_WORD + "[\\s\"']*\\Z")  # a key ending in a word: pin, loginPw, 口座の暗証番号
_KEY_VALUE = re.compile("[\\s\"']*" + _VALUE)

# --- the prefilter, on raw JSON bytes (RE2) -------------------------------------------------------


def _class(chars: str, negate: bool = False) -> str:
    body = "".join(f"\\x{{{ord(c):x}}}" for c in chars)
    return f"[{'^' if negate else ''}{body}]"


def _alternatives(forms: Iterable[str]) -> str:
    singles = [f for f in forms if len(f) == 1]
    longer = [re.escape(f) for f in forms if len(f) > 1]
    return "(?:" + "|".join([*([_class("".join(singles))] if singles else []), *longer]) + ")"


def _raw_word(word: str) -> str:
    """A word in the raw text, each character in any of its written forms (``unit_forms``); a word
    starting with an ASCII letter after a non-letter (or a JSON escape such as ``\\t``), or as a
    camelCase hump (a lower-case ASCII letter, then the word's first letter in upper case)."""
    units = [_alternatives(unit_forms(ch)) for ch in word]
    if not "a" <= word[0] <= "z":
        return "".join(units)
    upper = _class(word[0].upper() + chr(ord(word[0].upper()) + 0xFEE0))
    rest = "".join(units[1:])
    return f"(?:(?:^|[^A-Za-z]|\\\\[tnrfb]){units[0]}|[a-z]{upper}){rest}"


_D = _class("0123456789" + RAW_FULL_DIGITS)
_ND = _class("0123456789" + RAW_FULL_DIGITS, negate=True)
_S = _class(RAW_NUMBER_SEPARATORS) + "?"
_NUMBERS_PREFILTER = f"(?:^|{_ND}){_D}{{4}}{_S}{_D}{{4}}{_S}{_D}{{4}}(?:{_S}{_D}{{4}})?(?:$|{_ND})"
_RAW_W = f"(?:{_class(RAW_SPACES)}|\\\\[tnrf])"  # a space, or a JSON escape of one
_RAW_Q = f'(?:{_class(RAW_QUOTES)}|\\\\")'
_RAW_VALUE = f'(?:{_class(RAW_SPACES + RAW_QUOTES + RAW_STOPS + chr(92), negate=True)}|\\\\[^tnrf"])'
_RAW_WORD = "(?:" + "|".join(_raw_word(w) for w in WORDS) + ")"
_RAW_PARTICLE = "(?:" + "|".join(_alternatives(unit_forms(p)) for p in PARTICLES) + ")"
_STRONG_PREFILTER = (
    f"{_RAW_WORD}(?:{_RAW_W}|{_RAW_Q})*{_class(RAW_SEPARATORS)}(?:{_RAW_W}|{_RAW_Q})*{_RAW_VALUE}"
)
_WEAK_PREFILTER = f"{_RAW_WORD}{_RAW_W}*(?:{_RAW_PARTICLE}{_RAW_W}*)?{_D}{{4}}"
_TRIGGERS = "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in TRIGGERS) + "]"
# One DFA pass over the raw bytes tells whether a document needs the exact checks.
PREFILTER = re2.compile(
    f"({_NUMBERS_PREFILTER})|(?:{_STRONG_PREFILTER})|(?:{_WEAK_PREFILTER})|{_TRIGGERS}".encode()
)


def _luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _numbers(folded: str) -> tuple[set[str], set[str]]:
    """(My Numbers, card numbers) found in a folded text."""
    my = {d for m in _MY_NUMBER.finditer(folded) if my_number_ok(d := "".join(m.groups()))}
    cards = {d for m in _CARD.finditer(folded) if _luhn(d := "".join(m.groups()))}
    return my, cards


def _strings(doc: Any) -> Iterator[tuple[list[str | int], str, Any]]:
    """(path, text, the value under it if the text is a key) for every key and scalar, iteratively."""
    stack: list[tuple[list[str | int], Any]] = [([], doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for k, v in reversed(list(node.items())):
                stack.append(([*path, k], v))
            for k, v in node.items():
                yield [*path, k], k, v  # keys can carry secrets too
        elif isinstance(node, list):
            stack.extend(([*path, i], v) for i, v in reversed(list(enumerate(node))))
        elif isinstance(node, str):
            yield path, node, _NOT_A_KEY
        elif isinstance(node, int | float) and not isinstance(node, bool):
            yield path, _number_text(node), _NOT_A_KEY


_NOT_A_KEY = object()


def _number_text(number: int | float) -> str:
    if isinstance(number, int) and abs(number) >= 10**40:
        return ""  # beyond any identifier; str() of a huge int is slow (and capped by Python)
    return str(number)


def _secret(text: str, value: Any) -> bool:
    """A stored secret in ``text`` (a key, with its ``value``; or a value, with ``_NOT_A_KEY``)."""
    for folded in (fold(text), fold_humps(text)):
        if folded is None:
            continue
        if _STRONG.search(folded) or _WEAK.search(folded):
            return True
        if value is not _NOT_A_KEY and _KEY_WORD.search(folded) and _holds_a_value(value):
            return True
    return False


def _holds_a_value(value: Any) -> bool:
    """A key named like a secret holds one: a number, or text with something after its spaces and
    quotes (what the prefilter reads after the key's separator)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and _KEY_VALUE.match(fold(value)) is not None


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
            from endingnote.validation._header import installed_version

            header = doc.get("header")
            aliases = header.get("extensions") if isinstance(header, dict) else None
            uri = aliases.get(path[i + 1]) if isinstance(aliases, dict) else None
            version = carrier_version(std.namespace, uri) if isinstance(uri, str) else None
            if installed_version(version) is None:  # a version from the document: never a path
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


_NAMED: dict[tuple[str, str | None], Standard] = {}  # (version, $ENDINGNOTE_STANDARD_DIR) → installed


def _document_standard(doc: dict[str, Any]) -> Standard | None:
    """The installed standard the document's header names, if it names one by its version."""
    header = doc.get("header")
    named = header.get("standard") if isinstance(header, dict) else None
    if isinstance(named, str):  # writers check document after document of one version
        hit = _NAMED.get((named, os.environ.get("ENDINGNOTE_STANDARD_DIR")))
        if hit is not None:
            return hit
    from endingnote.validation._header import installed_version

    version = installed_version(named)
    if version is None:
        return None
    from endingnote.standard import get

    try:
        std = get(version)
    except StandardError:
        return None
    _NAMED[(version, os.environ.get("ENDINGNOTE_STANDARD_DIR"))] = std  # installed ones only
    return std


def policy_findings(
    doc: dict[str, Any],
    *,
    std: Standard | None = None,
    raw: bytes | None = None,
    scanned: RawScan | None = None,
) -> list[Issue]:
    """The policy layer alone on a parsed document: My Numbers, card numbers, stored secrets.

    For writers (converters, migrations) that must not put a secret on disk: call it on every
    output document before writing. Each finding is a ``policy.*`` issue with the JSON pointer of
    the value (or key) that holds it; no message ever repeats the value. ``std`` (default: the
    installed standard the header names, if any) exempts identifiers the catalogue declares, such
    as the 16-digit 戸籍電子証明書提供用識別符号. Never raises for data; a document nested deeper
    than the validator's limit is walked only to that depth. ``raw``: the document serialised
    (``orjson.dumps``), and ``scanned``: its raw scan, if the caller has them already.
    """
    from endingnote.validation._input import serialise

    if std is None:
        std = _document_standard(doc)
    return list(check_policy(doc, serialise(doc) if raw is None else raw, std, scanned))


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
    for path, text, value in _strings(doc):
        my, cards = _numbers(fold(text))
        if my:
            yield issue("policy.my_number", pointer(path))
        if cards and not _declared_identifier(std, doc, path, text):
            yield issue("policy.card_number", pointer(path))
        if _secret(text, value):
            yield issue("policy.secret", pointer(path))
