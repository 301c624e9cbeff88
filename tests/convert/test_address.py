"""The address parser's data: MIC check digits, Japan Post's towns, former names and their successors."""

from __future__ import annotations

import pytest

from endingnote.convert._address import AddressError, check_digit, parse_address, postal_areas
from endingnote.convert._former import FORMER


@pytest.mark.parametrize(
    "code",
    # from the MIC list of 全国地方公共団体コード (prefectures, designated cities, wards, towns)
    [
        "010006",
        "011002",
        "011011",
        "131016",
        "133086",
        "141003",
        "141046",
        "221384",
        "271004",
        "401331",
        "473821",
    ],
)
def test_check_digits_follow_the_mic_rule(code: str) -> None:
    assert check_digit(code[:5]) == code


def test_every_former_name_has_a_successor_in_todays_data() -> None:
    assert FORMER
    for successors in FORMER.values():
        for city, code in successors:
            parsed = parse_address(f"静岡県{city}")
            assert parsed.local_government_code == code


@pytest.mark.parametrize(
    ("text", "town", "block", "building"),
    [
        ("東京都千代田区霞が関二丁目1-2　霞が関ビル3F", "霞が関二丁目", "1-2", "霞が関ビル3F"),
        ("東京都千代田区霞ヶ関2-1-2", "霞が関二丁目", "1-2", ""),
        ("〒100-0013 東京都千代田区霞が関2丁目1番2号", "霞が関二丁目", "1-2", ""),
        ("神奈川県横浜市中区山下町1", "山下町", "1", ""),
        ("東京都奥多摩町氷川215-6", "氷川", "215-6", ""),  # the county left out
        ("福岡県福岡市中央区天神２－８－１", "天神二丁目", "8-1", ""),  # full width
    ],
)
def test_addresses_as_people_write_them(text: str, town: str, block: str, building: str) -> None:
    a = parse_address(text)
    assert (a.town, a.block, a.building) == (town, block, building)


def test_no_municipality_is_a_clear_error() -> None:
    with pytest.raises(AddressError):
        parse_address("どこかの町1-2")
    with pytest.raises(AddressError):
        parse_address("東" * 400)


def test_postal_areas_come_from_japan_post() -> None:
    assert postal_areas("1000013") == (("131016", "霞が関"),)
    assert postal_areas("0000000") == () and postal_areas("abc") == ()
