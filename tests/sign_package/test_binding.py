"""Owner binding: the note's person vs the certificate's basic four data."""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.sign import Indication, verify_package
from endingnote.sign._binding import JPKI_TO_ISO5218, normalize_address, normalize_name, owner_issues
from endingnote.sign.testpki import TestPki

from .conftest import TARO_NOTE, PackageFactory, codes


def _note(**person: Any) -> dict[str, Any]:
    note = copy.deepcopy(TARO_NOTE)
    note["person"].update(person)
    return note


def _codes(pki: TestPki, holder: str, note: dict[str, Any]) -> list[str]:
    return [i.code for i in owner_issues(note, pki.holder(holder).cert)]


def test_taro_matches_despite_width_and_spaces(pki: TestPki) -> None:
    # certificate: "山田\u3000太郎", "東京都千代田区霞が関二丁目１－２"; note: half-width "1-2"
    assert _codes(pki, "taro", TARO_NOTE) == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"name": {"family": "山田", "given": "次郎"}}, "sign.owner.name_mismatch"),
        ({"birth_date": "1950-04-02"}, "sign.owner.birth_date_mismatch"),
        ({"sex": "2"}, "sign.owner.sex_mismatch"),
        ({"sex": "9"}, "sign.owner.sex_mismatch"),
        (
            {
                "residence_address": {
                    "prefecture": "東京都",
                    "city": "千代田区",
                    "town": "霞が関二丁目",
                    "block": "1-3",
                }
            },
            "sign.owner.address_mismatch",
        ),
    ],
)
def test_each_mismatch(pki: TestPki, change: dict[str, Any], code: str) -> None:
    assert _codes(pki, "taro", _note(**change)) == [code]


def test_missing_owner_fields_are_indeterminate(pki: TestPki) -> None:
    note = copy.deepcopy(TARO_NOTE)
    del note["person"]["sex"]
    found = owner_issues(note, pki.holder("taro").cert)
    assert [(i.code, i.severity.value) for i in found] == [("sign.owner.note_missing", "warning")]


@pytest.mark.parametrize(
    "address",
    [
        {"prefecture": "東京都", "city": "千代田区", "town": "霞が関2丁目", "block": "1番2号"},
        {"prefecture": "東京都", "city": "千代田区", "town": "霞が関二丁目", "block": "１－２"},
        {"prefecture": "東京都", "city": "千代田区", "town": "霞が関 二丁目", "block": "1‐2"},
        {
            "prefecture": "東京都",
            "city": "千代田区",
            "town": "霞が関二丁目",
            "block": "1-2",
            "building": "ハイツ101",
        },
    ],
)
def test_address_spellings(pki: TestPki, address: dict[str, str]) -> None:
    assert _codes(pki, "taro", _note(residence_address=address)) == []


def test_variant_character_and_substitution_flag(pki: TestPki) -> None:
    """The certificate has 高 flagged as a 代替文字; the note has the register form 髙."""
    note = _note(
        name={"family": "髙橋", "given": "三郎"},
        birth_date="1988-02-29",
        residence_address={"prefecture": "北海道", "city": "札幌市中央区", "town": "北一条西二丁目"},
    )
    found = owner_issues(note, pki.holder("takahashi").cert)
    assert [i.code for i in found] == ["sign.owner.substituted"]
    assert found[0].severity.value == "info"


def test_substituted_position_is_a_wildcard_but_nothing_else(pki: TestPki) -> None:
    base = {
        "birth_date": "1988-02-29",
        "residence_address": {"prefecture": "北海道", "city": "札幌市中央区", "town": "北一条西二丁目"},
    }
    # a character outside the variant table at the flagged position still matches...
    assert _codes(pki, "takahashi", _note(name={"family": "𩸽橋", "given": "三郎"}, **base)) == [
        "sign.owner.substituted"
    ]
    # ...but a different unflagged character does not
    assert _codes(pki, "takahashi", _note(name={"family": "高島", "given": "三郎"}, **base)) == [
        "sign.owner.name_mismatch"
    ]


def test_jpki_sex_codes_map_explicitly() -> None:
    assert JPKI_TO_ISO5218 == {"1": "1", "2": "2", "3": "0"}


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lo", "Nd", "Zs"]), max_size=30))
def test_normalize_name_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert not any(c.isspace() for c in once)


@settings(deadline=None)  # correctness, not speed: a loaded machine must not fail it
@given(
    st.sampled_from(["東京都", "大阪府", "北海道"]),
    st.sampled_from(["千代田区", "札幌市中央区"]),
    st.integers(1, 9),
    st.integers(1, 99),
    st.integers(1, 99),
    st.sampled_from(["-", "－", "‐", "番", "番地"]),
    st.booleans(),
)
def test_address_variants_agree(
    pref: str, city: str, chome: int, ban: int, go: int, sep: str, wide: bool
) -> None:
    kanji = "〇一二三四五六七八九"[chome]
    plain = f"{pref}{city}霞が関{chome}丁目{ban}-{go}"
    variant = f"{pref} {city}霞が関{kanji}丁目{ban}{sep}{go}{'号' if sep.startswith('番') else ''}"
    if wide:
        variant = variant.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert normalize_address(plain) == normalize_address(variant)
    assert normalize_address(normalize_address(variant)) == normalize_address(variant)


def test_nfkc_width_in_names() -> None:
    assert normalize_name("ﾔﾏﾀﾞ　ﾀﾛｳ") == unicodedata.normalize("NFKC", "ヤマダタロウ")
    assert normalize_name("邉見\u3000﨑子") == "辺見崎子"


def test_stranger_package_is_invalid(make_package: PackageFactory, trust: Path) -> None:
    """A valid signature by someone else than the note's owner is INVALID."""
    report = verify_package(make_package("stranger", check_owner=False), trust=trust)
    assert report.indication is Indication.INVALID
    assert report.intact and report.trusted and report.owner_bound is False
    assert {
        "sign.owner.name_mismatch",
        "sign.owner.birth_date_mismatch",
        "sign.owner.address_mismatch",
    } <= set(codes(report))
