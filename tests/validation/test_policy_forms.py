"""The policy layer finds secrets however people write them, and its prefilter never hides one.

Each form named in issue 18 is a case below; the property tests hold the byte-level prefilter (RE2
and C alike) to be a superset of the exact checks on folded text, for texts built from the words,
digits, separators and the characters folding changes, as values, as keys and under secret keys.
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endingnote.validation import validate
from endingnote.validation._policy import _exact
from endingnote.validation._rawscan import scan, scan_py

MY_NUMBER = "123456789018"  # a valid check digit


def found(full_doc: dict[str, Any], text: str) -> set[str]:
    full_doc["person"]["name"]["given"] = text
    return {i.code for i in validate(orjson.dumps(full_doc)).issues if i.path == "/person/name/given"}


@pytest.mark.parametrize(
    "text",
    [
        "PIN 1234",
        "暗証番号 1234",
        "暗証番号　1234",
        "暗証番号は1234です",
        "暗証番号が1234",
        "暗証番号1234",
        "PINは0000",
        "pw: hunter2",
        "PW=hunter2",
        "pass: hunter2",
        "ｐａｓｓｗｏｒｄ: hunter2",
        "ＰＡＳＳＷＯＲＤ＝hunter2",
        "ﾊﾟｽﾜｰﾄﾞ: hunter2",
        "ﾊﾟｽﾜｰﾄﾞ：hunter2",
        "パスワ\u30fcト\uff9e: hunter2",  # a full-width base with a half-width voiced mark
        "ハ\u309aスワード: x",  # a combining semi-voiced mark
        "パス\u200bワード: x",  # a zero-width space inside the word
        "loginPw=abc",
        "userPass: abc",
        "PINコード：1234",
        "ﾛｸﾞｲﾝPW: abc",
        "合言葉: 山",
        "パスフレーズ = correct horse",
        "ｐｉｎ：１２３４",
    ],
)
def test_a_secret_in_any_written_form_is_found(full_doc: dict[str, Any], text: str) -> None:
    assert "policy.secret" in found(full_doc, text)


@pytest.mark.parametrize(
    "text",
    [
        "1234\u200b5678\u200b9018",  # split by zero-width spaces
        "1234\u200d5678\ufeff9018",  # a joiner, a BOM
        "①②③④⑤⑥⑦⑧⑨⓪①⑧",  # circled digits
        "¹²³⁴⁵⁶⁷⁸⁹⁰¹⁸",  # superscripts
        "𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟎𝟏𝟖",  # mathematical digits
        "1234\u00a05678\u00a09018",  # no-break spaces
        "1234\u20115678\u20119018",  # non-breaking hyphens
        "番号:１２３４﹣５６７８﹣９０１８",
    ],
)
def test_a_my_number_in_any_written_form_is_found(full_doc: dict[str, Any], text: str) -> None:
    assert "policy.my_number" in found(full_doc, text)


@pytest.mark.parametrize(
    "text",
    [
        "暗証番号は4桁です",
        "パスワードは2024年に変更",
        "暗証番号は妻が知っている",
        "パスワードは1Passwordに保存",
        "spin 1234",
        "passport: TK1234567",
        "compass: 90",
        "PIN code is in the safe",
        "①②③ の順に手続き",
        "室温 25℃、面積 70㎡",
    ],
)
def test_what_only_mentions_a_secret_is_fine(full_doc: dict[str, Any], text: str) -> None:
    assert "policy.secret" not in found(full_doc, text)
    assert "policy.my_number" not in found(full_doc, text)


def test_a_key_named_like_a_secret_holds_one_only_with_a_value(full_doc: dict[str, Any]) -> None:
    full_doc["header"]["extensions"] = {"acme": "https://acme.example/ns"}
    full_doc["extensions"] = {"acme": {"ﾊﾟｽﾜｰﾄﾞ": "x", "loginPw": 1234, "pin": "", "PIN": None, "pw": " "}}
    paths = {i.path for i in validate(full_doc).issues if i.code == "policy.secret"}
    assert paths == {"/extensions/acme/ﾊﾟｽﾜｰﾄﾞ", "/extensions/acme/loginPw"}


# --- the prefilter is a superset of the exact checks ----------------------------------------------

ATOMS = [
    *"0123456789０１ -\u3000－\u2011\u00a0:：=＝\"'\\,、。}]\t\nxaZ_ はがかの年桁",
    *["pin", "PIN", "Pin", "pw", "PW", "pass", "password", "secret", "cvv", "pincode", "pin_code"],
    *["ｐ", "Ｐ", "ｉ", "ｎ", "ｐｉｎ", "login", "ｘ", "X", "loginPw", "ﾊﾟｽﾜｰﾄﾞ", "ﾊ", "ﾟ", "ﾄ", "ﾞ"],
    *["パスワード", "暗証番号", "コード", "合い言葉", "ハ", "ト", "\u3099", "\u309a", "ｰ", "ー", "ス", "ｽ"],
    *["\u200b", "\u200d", "\ufeff", "\u2060", "\U000e0100", "\u00ad", "\u202e", "\u3099"],
    *["①", "⑩", "²", "𝟏", "ſ", "ß", "＂", "＇", "︓", "﹕", "﹦", "ℙ", "ⓟ", "ᴾ", "㌀", "ﬅ", "İ", "℃"],
    *["1234", "5678", "9018", "１２３４", "4111", "1111", MY_NUMBER],
]  # fmt: skip
texts = st.lists(
    st.one_of(st.sampled_from(ATOMS), st.characters(blacklist_categories=["Cs"])), max_size=24
).map("".join)


def _exact_finds(doc: Any) -> bool:
    return any(True for _ in _exact(doc, None))


def _prefilter(doc: Any) -> bool:
    raw = orjson.dumps(doc)
    fast, reference = scan(raw), scan_py(raw)
    assert fast == reference
    return fast.policy or fast.escapes  # an escape sends every document to the exact checks


@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.sampled_from(["value", "key", "key-number", "under-pin", "list"]))
def test_the_prefilter_never_hides_what_the_exact_checks_find(text: str, place: str) -> None:
    doc: Any = {
        "value": {"m": text},
        "key": {text: "x"},
        "key-number": {text: 1234},
        "under-pin": {"pin": text},
        "list": {"m": ["a", text, 1]},
    }[place]
    if _exact_finds(doc):
        assert _prefilter(doc), text
