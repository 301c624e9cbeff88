"""Heir claims: matching a claimant to a register member, tolerant of notation."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from endingnote.heirs import Claimant, check_claim
from endingnote.sign.testpki import TestPki

from ._builder import G


def family() -> G:
    return (
        G()
        .p("d", "1940-01-01", "2024-03-10", sex="male", name=("髙橋", "太郎"))
        .p("w", "1945-02-02", sex="female", name=("髙橋", "﨑子"))
        .p("a", "1970-03-03", sex="male", name=("渡邉", "一郎"))
        .p("in_law", "1971-04-04", sex="female", name=("渡辺", "花子"))
        .marry("d", "w", "1968-01-01")
        .marry("a", "in_law", "1995-01-01")
        .couple_child("d", "w", "a")
    )


def test_variant_characters_and_width_match() -> None:
    verdict = check_claim(family().graph(), "d", Claimant("高橋 崎子", dt.date(1945, 2, 2)))
    assert verdict.verdict == "heir" and verdict.person_id == "w" and verdict.share == Fraction(1, 2)
    verdict = check_claim(family().graph(), "d", Claimant("渡辺　一郎", dt.date(1970, 3, 3), sex="male"))
    assert verdict.verdict == "heir" and verdict.share == Fraction(1, 2) and verdict.capacity == "child"


def test_birth_date_must_match() -> None:
    verdict = check_claim(family().graph(), "d", Claimant("高橋崎子", dt.date(1945, 2, 3)))
    assert verdict.verdict == "not_heir" and verdict.reason == "no_match" and verdict.person_id is None


def test_sex_disagreement_refuses_the_match() -> None:
    verdict = check_claim(family().graph(), "d", Claimant("高橋崎子", dt.date(1945, 2, 2), sex="male"))
    assert verdict.verdict == "not_heir" and verdict.reason == "no_match"


def test_a_matched_non_heir_gets_the_reason() -> None:
    verdict = check_claim(family().graph(), "d", Claimant("渡辺花子", dt.date(1971, 4, 4)))
    assert verdict.verdict == "not_heir" and verdict.person_id == "in_law" and verdict.reason == "not_kin"
    assert "法定相続人ではありません" in verdict.explanation_ja


def test_two_namesakes_are_ambiguous_unless_the_address_decides() -> None:
    g = family()
    g.p(
        "twin1", "1975-05-05", name=("髙橋", "誠"), register={"address": "東京都千代田区霞が関一丁目１番１号"}
    )
    g.p("twin2", "1975-05-05", name=("高橋", "誠"), register={"address": "大阪府大阪市北区梅田一丁目1番1号"})
    g.child("d", "twin1").child("d", "twin2")
    verdict = check_claim(g.graph(), "d", Claimant("高橋誠", dt.date(1975, 5, 5)))
    assert verdict.verdict == "ambiguous" and verdict.candidates == ("twin1", "twin2")
    verdict = check_claim(
        g.graph(), "d", Claimant("高橋誠", dt.date(1975, 5, 5), address="東京都千代田区霞が関1丁目1番1号")
    )
    assert verdict.verdict == "heir" and verdict.person_id == "twin1"


def test_substitution_character_matches_any_character() -> None:
    verdict = check_claim(
        family().graph(), "d", Claimant("〓橋　﨑子", dt.date(1945, 2, 2), name_flags="10000")
    )
    assert verdict.verdict == "heir" and verdict.person_id == "w"
    verdict = check_claim(
        family().graph(), "d", Claimant("〓橋　﨑子", dt.date(1945, 2, 2), name_flags="00000")
    )
    assert verdict.verdict == "not_heir"


def test_jpki_basic_four_data(pki: TestPki) -> None:
    hanako = pki.holder("hanako").basic4  # 山田　花子 1952-08-15 female
    g = (
        G()
        .p("taro", "1950-04-01", "2024-03-10", sex="male", name=("山田", "太郎"))
        .p("hanako", "1952-08-15", sex="female", name=("山田", "花子"))
        .marry("taro", "hanako", "1975-01-01")
    )
    verdict = check_claim(g.graph(), "taro", hanako)
    assert verdict.verdict == "heir" and verdict.share == Fraction(1)
    stranger = pki.holder("stranger").basic4
    assert check_claim(g.graph(), "taro", stranger).verdict == "not_heir"


def test_indeterminate_estate_is_ambiguous() -> None:
    g = family().p("w2", "1950-01-01").marry("d", "w2", "1990-01-01")
    verdict = check_claim(g.graph(), "d", Claimant("渡辺一郎", dt.date(1970, 3, 3)))
    assert verdict.verdict == "ambiguous" and verdict.reason == "indeterminate"
