"""What the policy layer matches, and the folding that makes written variants one form.

People write a PIN as ``PIN 1234``, ``ＰＩＮ：１２３４``, ``暗証番号は1234です``, ``ﾊﾟｽﾜｰﾄﾞ: x`` or
``loginPw=x``, and a My Number with a zero-width space or circled digits between its groups. Before
the exact checks match, a text is *folded* (:func:`fold`): default-ignorable characters (zero-width
spaces and joiners, variation selectors, bidi controls, soft hyphens …) are removed, then NFKC
(full-width letters and digits to ASCII, half-width kana to full-width, ①/²/𝟏 to digits, ``：`` to
``:``), then case folding, then the dashes NFKC keeps (U+2010, U+2212) become ``-``.

The byte-level prefilter (``_policy.PREFILTER`` and the C scan) cannot run NFKC. It matches the
common written forms directly — each letter of a word in ASCII or full width and either case, each
katakana full or half width, with its voiced mark precomposed, combining or half width
(:func:`unit_forms`) — and flags any character that folding would turn into something the patterns
look for (``_foldset.TRIGGERS``, generated from this module by ``_foldgen``), so the exact checks
always run where they could find something.
"""

from __future__ import annotations

import re
import unicodedata

# The words of a stored secret, folded (lower case, NFC). A word starting with an ASCII letter must
# not follow another letter (``spin`` is not ``pin``) unless it starts a camelCase hump (``loginPw``).
WORDS: tuple[str, ...] = (
    *("password", "passwd", "passcode", "passphrase", "pass_word", "pass", "pwd", "pw"),
    *("pin", "pincode", "pin_code", "pinコード", "secret", "securitycode", "security_code", "cvv", "cvc"),
    *("暗証番号", "暗証コード", "パスワード", "パスコード", "パスフレーズ", "合言葉", "合い言葉"),
    *("ロック解除コード", "ロック解除番号", "ロック解除パターン", "セキュリティコード", "秘密の質問の答え"),
)
# Between a word and a number of four digits or more: spaces, or は / が ("暗証番号は1234です").
PARTICLES: tuple[str, ...] = ("は", "が")
# A number followed by one of these counts something else ("暗証番号は4桁", "パスワードは2024年に変更").
COUNTERS = "年月日桁文回円歳才時分秒人件個号"

# What the byte-level prefilter reads as such, in the raw JSON text (each a set of characters).
RAW_FULL_DIGITS = "".join(map(chr, range(0xFF10, 0xFF1A)))
# a number's group separator: every character that folds to " " or "-"
RAW_NUMBER_SEPARATORS = (
    " -\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2010\u2011\u2212\u202f\u205f\u3000\ufe63\uff0d"
)
# spaces: Python's \s that JSON does not force to escape (the escapes \t \n \r \f count too)
RAW_SPACES = (
    "\t\n\f\r \u0085\u00a0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
RAW_SEPARATORS = ":=\uff1a\uff1d"  # between a word and its secret
RAW_QUOTES = "\"'"
RAW_STOPS = ",、。}]"  # what cannot start a secret's value (besides spaces and quotes)

# Default-ignorable code points (Unicode DerivedCoreProperties, Default_Ignorable_Code_Point):
# invisible, so removed before matching.
IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_IGNORE = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in IGNORABLE) + "]")
_DASHES = str.maketrans({"\u2010": "-", "\u2212": "-"})  # what NFKC leaves as a dash
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")

VOICED, SEMI_VOICED = "\u3099", "\u309a"  # the combining kana marks
_HALF_MARKS = {VOICED: "\uff9e", SEMI_VOICED: "\uff9f"}


def fold(text: str) -> str:
    """``text`` as the exact checks see it: ignorables removed, NFKC, case-folded, dashes as ``-``."""
    return unicodedata.normalize("NFKC", _IGNORE.sub("", text)).casefold().translate(_DASHES)


def fold_humps(text: str) -> str | None:
    """:func:`fold` with a space at each camelCase hump (``loginPw`` → ``login pw``), if there is one."""
    normal = unicodedata.normalize("NFKC", _IGNORE.sub("", text))
    if not _HUMP.search(normal):
        return None
    return _HUMP.sub(" ", normal).casefold().translate(_DASHES)


def fold_char(ch: str) -> str:
    """One character folded on its own (what :func:`fold` makes of it without neighbours)."""
    return unicodedata.normalize("NFKC", ch).casefold().translate(_DASHES)


def ignorable(ch: str) -> bool:
    return _IGNORE.fullmatch(ch) is not None


def _half_width() -> dict[str, str]:
    """Half-width katakana → the full-width katakana NFKC makes of it."""
    out = {}
    for cp in range(0xFF66, 0xFF9E):
        full = unicodedata.normalize("NFKC", chr(cp))
        if len(full) == 1:
            out[full] = chr(cp)
    return out


HALF_WIDTH = _half_width()  # full-width katakana → its half-width form


def unit_forms(ch: str) -> tuple[str, ...]:
    """The written forms the prefilter accepts for one character of a word (folded form ``ch``).

    ASCII letters in either case and in full width; ``_`` and its full-width form; a katakana in
    full or half width; a kana with a voiced mark precomposed, or as its base (full or half width)
    followed by the combining or half-width mark; anything else as itself. No form is a suffix of
    another form of the same character, so a match read backwards is never ambiguous (the C scan
    relies on it)."""
    if "a" <= ch <= "z":
        up = ch.upper()
        return (ch, up, chr(ord(ch) + 0xFEE0), chr(ord(up) + 0xFEE0))
    if ch == "_":
        return ("_", "\uff3f")
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) == 2 and decomposed[1] in _HALF_MARKS:
        base, mark = decomposed[0], decomposed[1]
        bases = (base, HALF_WIDTH[base]) if base in HALF_WIDTH else (base,)
        return (ch, *(b + m for b in bases for m in (mark, _HALF_MARKS[mark])))
    return (ch, HALF_WIDTH[ch]) if ch in HALF_WIDTH else (ch,)


def composed_pairs() -> tuple[tuple[str, str, str], ...]:
    """(base, combining mark, precomposed kana) for every voiced kana the words use."""
    found = set()
    for word in (*WORDS, *PARTICLES):
        for ch in word:
            decomposed = unicodedata.normalize("NFD", ch)
            if len(decomposed) == 2 and decomposed[1] in _HALF_MARKS:
                found.add((decomposed[0], decomposed[1], ch))
    return tuple(sorted(found))
