"""Each field transform, forward and inverse, with property tests where inputs are wide."""

from __future__ import annotations

from typing import Any

import jaconv
import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.convert._transforms import Fallback, TransformError, build, check_params


def fwd(spec: Any, value: Any) -> Any:
    return build(spec).forward(value)


def inv(spec: Any, value: Any) -> Any:
    return build(spec).inverse(value)


def test_trim() -> None:
    assert fwd("trim", "\u3000 山田 \t") == "山田"


def _width_by_jaconv(text: str) -> str:
    return str(
        jaconv.z2h(jaconv.h2z(text, kana=True, ascii=False, digit=False), kana=False, ascii=True, digit=True)
    )


# half-width kana and voiced marks, full-width ASCII, kanji, hiragana, ASCII: what vendors' cells hold
_WIDTH_ALPHABET = st.sampled_from(
    [chr(c) for c in range(0xFF61, 0xFFA0)]
    + [chr(c) for c in range(0xFF01, 0xFF5F)]
    + list("\u3000 ー－あア山田ﾞﾟ゛゜abcXYZ019-,.")
)


@given(st.text(_WIDTH_ALPHABET, max_size=30) | st.text(max_size=30))
def test_width_fast_path_is_jaconv_exactly(text: str) -> None:
    assert fwd("width", text) == _width_by_jaconv(text)


def test_width_normalises_both_ways() -> None:
    assert fwd("width", "ﾔﾏﾀﾞ ﾀﾛｳ　ＡＢＣ１２３") == "ヤマダ タロウ ABC123"
    assert fwd("width", "ｶﾞｷﾞｸﾞｹﾞｺﾞﾊﾟｳﾞ") == "ガギグゲゴパヴ"
    assert inv({"width": {"source_kana": "half"}}, "ヤマダ タロウ") == "ﾔﾏﾀﾞ ﾀﾛｳ"
    assert inv("width", "ヤマダ") == "ヤマダ"


KATAKANA = st.text(alphabet=st.characters(min_codepoint=0x30A1, max_codepoint=0x30F6), max_size=20)


@given(KATAKANA)
def test_half_width_kana_round_trip(text: str) -> None:
    half = inv({"width": {"source_kana": "half"}}, text)
    assert fwd("width", half) == text


@given(st.text(max_size=30))
def test_width_normalisation_is_idempotent(text: str) -> None:
    once = fwd("width", text)
    assert fwd("width", once) == once
    assert not any(0xFF61 <= ord(c) <= 0xFF9F for c in once)  # no half-width kana left
    assert not any(0xFF10 <= ord(c) <= 0xFF19 for c in once)  # no full-width digits left


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x3094), max_size=20))
def test_katakana_from_hiragana_round_trip(text: str) -> None:
    spec = {"katakana": {"source": "hiragana"}}
    kata = fwd(spec, text)
    assert kata == jaconv.hira2kata(text)
    assert inv(spec, kata) == text


def test_wareki_transform() -> None:
    spec = {"wareki": {"style": "letter", "pad": True}}
    assert fwd(spec, "S25.04.01") == "1950-04-01"
    assert inv(spec, "1950-04-01") == "S25.04.01"
    with pytest.raises(TransformError):
        fwd(spec, "昭和64年1月8日")
    with pytest.raises(Fallback) as info:
        fwd({"wareki": {"lenient": True}}, "昭和64年1月8日")
    assert info.value.value == "1989-01-08" and info.value.code == "convert.value.lenient_date"


def test_date_transform() -> None:
    assert fwd({"date": {"format": "%Y%m%d"}}, "19500401") == "1950-04-01"
    assert inv({"date": {"format": "%Y%m%d"}}, "1950-04-01") == "19500401"
    with pytest.raises(TransformError):
        fwd("date", "1950-13-01")


def test_name_split() -> None:
    assert fwd("name_split", "山田　太郎") == {"family": "山田", "given": "太郎"}
    assert fwd({"name_split": {"kana": True}}, "ヤマダ タロウ") == {
        "family_kana": "ヤマダ",
        "given_kana": "タロウ",
    }
    assert inv({"name_split": {"sep": " "}}, {"family": "山田", "given": "太郎"}) == "山田 太郎"
    with pytest.raises(Fallback) as info:
        fwd("name_split", "山田太郎")
    assert info.value.value == {"family": "山田太郎"}
    assert inv("name_split", info.value.value) == "山田太郎"
    with pytest.raises(TransformError):
        fwd("name_split", "  ")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("03-1234-5678", "03-1234-5678"), ("０３－１２３４－５６７８", "03-1234-5678"),
     ("TEL:090 1234 5678", "09012345678"), ("+81-3-1234-5678", "+81-3-1234-5678"),
     ("０９０ー１２３４ー５６７８", "090-1234-5678")],
)  # fmt: skip
def test_phone(raw: str, normal: str) -> None:
    assert fwd("phone", raw) == normal


def test_phone_inverse_and_refusal() -> None:
    assert inv({"phone": {"style": "digits"}}, "090-1234-5678") == "09012345678"
    with pytest.raises(TransformError):
        fwd("phone", "call me")


@pytest.mark.parametrize(
    "raw", ["100-0013", "〒100-0013", "１００－００１３", "1000013", "〒１００ー００１３"]
)
def test_postal(raw: str) -> None:
    assert fwd("postal", raw) == "1000013"


def test_postal_styles_and_refusal() -> None:
    assert inv({"postal": {"style": "hyphen"}}, "1000013") == "100-0013"
    assert inv({"postal": {"style": "mark"}}, "1000013") == "〒100-0013"
    assert inv("postal", "1000013") == "1000013"
    with pytest.raises(TransformError):
        fwd("postal", "100-001")


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_postal_round_trip(code: str) -> None:
    for style in ("plain", "hyphen", "mark"):
        spec = {"postal": {"style": style}}
        assert fwd(spec, inv(spec, code)) == code


def test_value_map() -> None:
    spec = {"map": {"values": {"男": "1", "女": "2"}}}
    assert fwd(spec, "女") == "2"
    assert inv(spec, "2") == "女"
    assert build(spec).invertible
    with pytest.raises(TransformError):
        fwd(spec, "?")
    many = build({"map": {"values": {"男": "1", "M": "1"}}})
    assert not many.invertible and many.inverse("1") == "男"


def test_mask() -> None:
    assert fwd("mask", "1234567") == "***4567"
    assert fwd({"mask": {"keep": 2}}, "１２３４５６７") == "***67"
    assert not build("mask").invertible
    assert inv("mask", "***4567") == "***4567"
    with pytest.raises(TransformError):
        fwd("mask", "none")


def test_default_and_integer_and_boolean_and_split() -> None:
    assert fwd({"default": {"value": "JPY"}}, "") == "JPY"
    assert fwd({"default": {"value": "JPY"}}, "USD") == "USD"
    assert fwd("integer", "1,234,000円") == 1234000
    assert inv({"integer": {"grouping": True}}, 1234000) == "1,234,000"
    with pytest.raises(TransformError):
        fwd("integer", "12a")
    assert fwd("boolean", "はい") is True and inv("boolean", False) == "false"
    assert fwd({"split": {"sep": ";"}}, "a; b;;c") == ["a", "b", "c"]
    assert inv({"split": {"sep": ";"}}, ["a", "b"]) == "a;b"


@given(st.integers(min_value=0, max_value=10**15), st.booleans())
def test_integer_round_trip(n: int, grouping: bool) -> None:
    spec = {"integer": {"grouping": grouping}}
    assert fwd(spec, inv(spec, n)) == n


@pytest.mark.parametrize(
    ("name", "params", "problem"),
    [("nope", {}, "unknown"), ("wareki", {"style": "roman"}, "style"), ("mask", {"keep": "4"}, "keep"),
     ("map", {}, "values"), ("trim", {"x": 1}, "x"), ("default", {}, "value")],
)  # fmt: skip
def test_check_params(name: str, params: dict[str, Any], problem: str) -> None:
    found = check_params(name, params)
    assert found is not None and problem in found
