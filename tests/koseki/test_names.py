"""Comparable name forms: notation differences match, different names stay different."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.koseki.names import VARIANTS, kana_key, name_key, names_match, place_key, split_full_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("髙橋誠", "高橋誠"),  # はしご高 (俗字)
        ("山﨑花子", "山崎花子"),  # たつさき
        ("𠮷田一郎", "吉田一郎"),  # つちよし
        ("渡邊", "渡辺"),
        ("渡邉", "渡辺"),
        ("齋藤", "斎藤"),
        ("澤田", "沢田"),
        ("佐々木", "佐佐木"),  # iteration mark
        ("山田　太郎", "山田太郎"),  # full-width space
        ("山田 太郎", "山田太郎"),
        ("葛\U000e0100城", "葛城"),  # IVS selector
        ("\ufa10本", "塚本"),  # compatibility ideograph
        ("ﾔﾏﾀﾞ", "ヤマダ"),  # half-width katakana
    ],
)
def test_notation_variants_match(a: str, b: str) -> None:
    assert names_match(a, b)


@pytest.mark.parametrize(("a", "b"), [("斉藤", "斎藤"), ("竜也", "龍也"), ("山田太郎", "山田次郎"), ("", "")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not names_match(a, b)


def test_variant_table_is_documented_and_consistent() -> None:
    assert len(VARIANTS) >= 30
    for v in VARIANTS:
        assert v.kind in {"俗字", "誤字", "旧字体", "異体字"}
        assert len(v.variant) == 1 and len(v.canonical) == 1
        assert name_key(v.variant) == name_key(v.canonical)
        assert name_key(v.canonical) == v.canonical or name_key(v.canonical) != v.variant


def test_kana_key_keeps_small_kana_significant() -> None:
    assert kana_key("やまだ はなこ") == "ヤマダハナコ"
    assert kana_key("キヨシ") != kana_key("キョシ")


def test_place_key_folds_numerals() -> None:
    assert place_key("東京都千代田区千代田壱丁目壱番地") == place_key("東京都千代田区千代田１丁目１番地")
    assert place_key("東京都千代田区神田一丁目3番地") == place_key("東京都千代田区神田1丁目3番地")
    assert place_key("九段北一丁目") == "九段北1丁目"  # 九 is part of the place name, not a number
    assert place_key("東京都千代田区神田一丁目3番地") != place_key("東京都千代田区神田一丁目4番地")


def test_split_full_name() -> None:
    assert split_full_name("山田　太郎") == ("山田", "太郎")
    assert split_full_name("山田花子", "山田") == ("山田", "花子")
    assert split_full_name("髙橋誠", "高橋") == ("髙橋", "誠")
    assert split_full_name("佐藤健一", "山田") == (None, None)


names = st.text(alphabet=st.sampled_from("山田太郎髙高﨑崎邊辺花子々佐木 　"), min_size=1, max_size=12)


@given(names)
def test_name_key_is_idempotent(text: str) -> None:
    assert name_key(name_key(text)) == name_key(text)


@given(names, st.integers(min_value=0, max_value=12))
def test_spaces_never_matter(text: str, at: int) -> None:
    assert name_key(text[:at] + "\u3000" + text[at:]) == name_key(text)
