"""The one-pass raw scan (C, with SSE2 blocks) against its reference (four scans, the prefilter by RE2)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.validation import _rawscan
from endingnote.validation._rawscan import scan, scan_py

# the characters and words the scan decides on, and their neighbours
ATOMS = [
    *"0123456789０１９ -\u3000－−‐‑﹣\u00a0\u2007:：=＝\"'\\,、。}]\t\n\r\fxaZ_ あはがか",
    "\\u",
    "\\t",
    "\\n",
    '\\"',
    "\\\\",
    "\\b",
    "extensions",
    '"extensions"',
    *["password", "PassWord", "PASSWD", "pin", "PIN_code", "pincode", "secret", "cvv", "CVC", "pw", "PW"],
    *["security_code", "securitycode", "pass_word", "passcode", "pass", "Pass", "pwd", "passphrase"],
    *["ｐａｓｓｗｏｒｄ", "ＰＩＮ", "ｐｉｎ", "Ｐw", "ｐ", "Ｐ", "＿", "login", "loginPw", "userPass"],
    *["暗証番号", "パスワード", "パスコード", "ロック解除コード", "ロック解除番号", "ロック解除パターン"],
    *["セキュリティコード", "秘密の質問の答え", "コード", "PINコード", "ｐｉｎｺｰﾄﾞ", "合言葉", "合い言葉"],
    *["ﾊﾟｽﾜｰﾄﾞ", "ﾊﾟｽ", "ﾜｰﾄﾞ", "ﾄﾞ", "ﾄ", "ﾞ", "ﾟ", "ﾊ", "ハ", "ト", "\u3099", "\u309a", "ｰ", "ス", "ｽ"],
    *["\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f"],
    *["\u205f", "\u3000", "\u2010", "\u00c2", "\u200d", "\ufeff", "\u2060", "\U000e0100", "\u00ad"],
    *["①", "²", "𝟏", "⑩", "ſ", "ß", "＂", "︓", "ℙ", "ⓟ", "㌀", "…", "※", "㈱", "é", "😀"],  # folded, or not
    "1234",
    "5678",
    "１２３４",
    "1234-5678-9012",
    "4111 1111 1111 1111",
    "は1234",
    "4桁",
]  # fmt: skip

texts = st.lists(st.sampled_from(ATOMS), max_size=60).map("".join)


def test_the_extension_is_built() -> None:
    """`make install` compiles it; without it every document pays for four scans."""
    assert _rawscan.NATIVE


@settings(max_examples=3000, deadline=None)
@given(texts, st.integers(min_value=0, max_value=15))
def test_scan_equals_the_reference(text: str, shift: int) -> None:
    # a prefix of 0-15 bytes moves every character across the 16-byte block boundaries
    raw = b"x" * shift + text.encode()
    assert scan(raw) == scan_py(raw)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_read_safely(raw: bytes) -> None:
    # malformed UTF-8 never reaches the scan in use (orjson refuses it first), but must not crash it
    found = scan(raw)
    assert found.colons == raw.count(b":")
    assert found.escapes == (b"\\u" in raw)
    assert found.extensions == (b'"extensions"' in raw)


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("番号 1234-5678-9012 です", True),
        ("１２３４　５６７８　９０１２", True),
        ("4111111111111111", True),
        ("1234567890123", False),  # 13 digits: a corporate number, not a My Number
        ("090-1234-5678", False),
        ('"pin_code": "1234"', True),
        ('"spin": "x"', False),
        ('"pin": ""', False),
        ("パスワード：abc", True),
        ("パスワード、abc", False),
        ("paſſword: x", True),  # folds to "password"; the exact check decides
        ("PIN 1234", True),
        ("暗証番号 1234", True),
        ("暗証番号は1234です", True),
        ("暗証番号は4桁", False),
        ("pw: x", True),
        ("PW=x", True),
        ("pass: x", True),
        ("passport: TK123", False),
        ("ｐａｓｓｗｏｒｄ: x", True),
        ("ﾊﾟｽﾜｰﾄﾞ: x", True),
        ("loginPw=x", True),
        ("loginpw=x", False),
        ("1234\u200b5678\u200b9018", True),  # a zero-width space: folding removes it
        ("①②③④⑤⑥⑦⑧⑨⓪①⑧", True),  # digits only NFKC makes ASCII
        ("memo\\tpin: 1", True),  # after a JSON escape
        ('"pin": "\\"x"', True),  # an escaped quote before the value
        ("…※", False),  # common punctuation NFKC changes, but never into anything looked for
        ("パスワード　：　abc123", True),  # 全角空白 around the separator
        ("password\u00a0: abc", True),
        ("pin: \u3000", False),  # nothing after the spaces
    ],
)
def test_known_cases(text: str, hit: bool) -> None:
    assert scan(text.encode()).policy is hit
    assert scan_py(text.encode()).policy is hit


def test_the_bench_corpus_agrees() -> None:
    sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
    from _corpus import corpus

    for raw in corpus(40):
        assert scan(raw) == scan_py(raw)
