"""The 全部事項証明 text parser: the demo certificates, and broken text pointing at the line."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.koseki import (
    CertificateKind,
    EntryType,
    RegisterEventType,
    parse_certificate_text,
    register_to_json,
)

DATA = Path(__file__).parent / "data"

GOOD = """全部事項証明
本　　籍　東京都千代田区神田一丁目３番地
氏　　名　山田　太郎
戸籍事項
　戸籍改製　【改製日】平成１６年１０月２日
　　　　　　【改製事由】平成６年法務省令第５１号附則第２条第１項による
　　　　　　改製
戸籍に記録されている者　【名】太郎
　【生年月日】昭和２５年４月１日　【配偶者区分】夫
　【父】山田高雄　【母】山田松子　【続柄】長男
身分事項
　出　　生　【出生日】昭和２５年４月１日
　　　　　　【出生地】東京都千代田区
　死　　亡　【死亡日】令和６年３月１５日
　　　　　　【死亡時分】推定午後１１時３０分
"""
FOOTER = """以下余白
これは、戸籍に記録されている事項の全部を証明した書面である。
令和８年１０月１日
東京都千代田区長　千代田　一郎　　印
"""


def _codes_at(issues: list, code: str) -> list[str]:  # type: ignore[type-arg]
    return [i.path for i in issues if i.code == code]


def test_good_text(examples_dir: Path) -> None:
    register, issues = parse_certificate_text(GOOD + FOOTER)
    assert issues == []
    assert register is not None
    assert register.honseki == "東京都千代田区神田一丁目3番地"
    assert (register.head.family, register.head.given) == ("山田", "太郎")
    event = register.events[0]
    assert event.type is RegisterEventType.REFORMATTED
    assert event.date == dt.date(2004, 10, 2)
    assert event.reason == "平成6年法務省令第51号附則第2条第1項による改製"  # wrapped line joined
    taro = register.members[0]
    assert taro.birth_date == dt.date(1950, 4, 1)
    assert taro.father is not None and taro.father.family == "山田" and taro.father.given == "高雄"
    assert taro.relationship == "長男" and taro.spouse_role == "夫" and taro.sex == "male"
    death = taro.death
    assert death is not None and death.date == dt.date(2024, 3, 15)
    assert death.time == "23:30" and death.time_estimated


def test_demo_certificate_with_removed_members(examples_dir: Path) -> None:
    text = (examples_dir / "03-yamada-taro.txt").read_text(encoding="utf-8")
    register, issues = parse_certificate_text(text)
    assert issues == [] and register is not None
    assert register.kind is CertificateKind.FULL
    assert [m.name.given for m in register.members] == ["太郎", "花子", "一郎"]
    assert [m.removed for m in register.members] == [True, False, True]
    assert register.issued_on == dt.date(2026, 10, 1)
    assert register.issuer == "東京都千代田区長 千代田 一郎"
    hanako = register.members[1]
    assert hanako.furigana is not None and (hanako.furigana.family, hanako.furigana.given) == (
        "ヤマダ",
        "ハナコ",
    )
    marriage = register.members[0].entries_of(EntryType.MARRIAGE)[0]
    assert marriage.previous_register is not None
    assert marriage.previous_register.honseki == "東京都千代田区千代田一丁目1番地"
    assert marriage.previous_register.head is not None and marriage.previous_register.head.text == "山田高雄"
    ichiro_marriage = register.members[2].entries_of(EntryType.MARRIAGE)[0]
    assert ichiro_marriage.next_register is not None and ichiro_marriage.next_register.head is None
    assert ichiro_marriage.extra == {"称する氏": "夫の氏"}
    assert register.members[1].entries_of(EntryType.SPOUSE_DEATH)[0].date == dt.date(2024, 3, 15)


def test_half_width_square_brackets_parse_the_same(examples_dir: Path) -> None:
    full = GOOD + FOOTER
    half = (
        full.replace("【", "[").replace("】", "]").translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
    )
    a, ia = parse_certificate_text(full)
    b, ib = parse_certificate_text(half)
    assert ia == ib == [] and a == b


def test_closed_register_title() -> None:
    register, _ = parse_certificate_text((GOOD + FOOTER).replace("全部事項証明", "除籍全部事項証明", 1))
    assert register is not None and register.kind is CertificateKind.CLOSED


def _broken(line_no: int, new: str) -> str:
    lines = GOOD.splitlines()
    lines[line_no - 1] = new
    return "\n".join(lines) + "\n" + FOOTER


def test_bad_date_points_at_its_line() -> None:
    register, issues = parse_certificate_text(
        _broken(9, "　【生年月日】昭和６４年１月８日　【配偶者区分】夫")
    )
    assert register is None
    assert _codes_at(issues, "koseki.text.date") == ["line:9"]
    assert "元号の終了後" in issues[0].message_ja and "after the era ended" in issues[0].message_en


def test_unknown_block_title() -> None:
    register, issues = parse_certificate_text(_broken(14, "　死　　去　【死亡日】令和６年３月１５日"))
    assert register is None
    assert _codes_at(issues, "koseki.text.unknown_block") == ["line:14"]


def test_unbalanced_bracket() -> None:
    _, issues = parse_certificate_text(_broken(13, "　　　　　　【出生地東京都千代田区"))
    assert _codes_at(issues, "koseki.text.bracket") == ["line:13"]


def test_bad_time() -> None:
    _, issues = parse_certificate_text(_broken(15, "　　　　　　【死亡時分】午後２５時"))
    assert _codes_at(issues, "koseki.text.time") == ["line:15"]


def test_missing_header_and_members() -> None:
    register, issues = parse_certificate_text("全部事項証明\n戸籍事項\n")
    assert register is None
    codes = {i.code for i in issues}
    assert {"koseki.text.no_honseki", "koseki.text.no_head", "koseki.text.no_members"} <= codes


def test_member_without_birth_date() -> None:
    register, issues = parse_certificate_text(_broken(9, "　【配偶者区分】夫"))
    assert register is None
    assert _codes_at(issues, "koseki.text.member_incomplete") == ["line:8"]


def test_unreadable_line_inside_member() -> None:
    _, issues = parse_certificate_text(_broken(10, "なにかの文字列"))
    assert _codes_at(issues, "koseki.text.unrecognised_line") == ["line:10"]


def test_unknown_field_is_kept_with_a_warning() -> None:
    register, issues = parse_certificate_text(_broken(13, "　　　　　　【出生の場所】東京都千代田区"))
    assert register is not None  # a warning only
    assert _codes_at(issues, "koseki.text.unknown_field") == ["line:13"]
    assert register.members[0].entries[0].extra == {"出生の場所": "東京都千代田区"}


def test_lunisolar_date_is_kept_as_text_with_a_warning() -> None:
    register, issues = parse_certificate_text(_broken(12, "　出　　生　【出生日】明治３年１月１日"))
    assert [i.severity.value for i in issues] == ["warning"]
    assert register is not None
    birth = register.members[0].entries[0]
    assert birth.date is None and birth.date_text == "明治3年1月1日"


def test_empty_and_huge_input() -> None:
    assert parse_certificate_text("  \n")[1][0].code == "koseki.text.empty"
    register, issues = parse_certificate_text("x\n" * 20_001)
    assert register is None and issues[0].code == "koseki.text.too_many_lines"


@settings(max_examples=150)
@given(
    st.lists(
        st.sampled_from([*GOOD.splitlines(), "【", "】", "身分事項", "除\u3000籍", "【名】", "x"]),
        max_size=30,
    )
)
def test_any_shuffle_of_lines_gives_issues_not_exceptions(lines: list[str]) -> None:
    register, issues = parse_certificate_text("\n".join(lines))
    assert register is not None or any(i.severity.value == "error" for i in issues)
    for issue in issues:
        assert issue.path.startswith("line:")


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_certificate_text(text)


@pytest.mark.parametrize("name", ["03-yamada-taro", "04-yamada-jiro", "05-yamada-ichiro"])
def test_demo_certificates_match_their_golden_json(examples_dir: Path, name: str) -> None:
    register, issues = parse_certificate_text((examples_dir / f"{name}.txt").read_text(encoding="utf-8"))
    assert issues == [] and register is not None
    path = DATA / f"{name}.expected.json"
    if os.environ.get("ENDINGNOTE_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(register_to_json(register), ensure_ascii=False, indent=2) + "\n", "utf-8")
    golden = json.loads(path.read_text(encoding="utf-8"))
    assert register_to_json(register) == golden


TRANSFERRED = """除籍全部事項証明
本籍　大阪府堺市堺区一丁目１番地
氏名　鈴木　一
戸籍事項
　戸籍編製　【編製日】昭和４５年１月１日
　転　　籍　【転籍日】平成２年６月１日
　　　　　　【新本籍】京都府京都市中京区二丁目２番地
戸籍に記録されている者　【名】一
　【生年月日】昭和３６年５月５日　【父】鈴木太　【母】鈴木花　【続柄】長男
身分事項
　出　　生　【出生日】昭和３６年５月５日
　入　　籍　【入籍日】昭和４５年１月１日
　　　　　　【入籍事由】父の氏を称する入籍
　　　　　　【従前戸籍】大阪府堺市堺区三丁目３番地　鈴木太
これは、除籍に記録されている事項の全部を証明した書面である。
令和８年１０月１日
堺市堺区長　堺　一郎　印
"""


def test_transfer_and_entry_blocks() -> None:
    register, issues = parse_certificate_text(TRANSFERRED)
    assert issues == [] and register is not None
    assert register.kind is CertificateKind.CLOSED
    transfer = register.events[1]
    assert transfer.type is RegisterEventType.TRANSFERRED
    assert (transfer.date, transfer.new_honseki) == (dt.date(1990, 6, 1), "京都府京都市中京区二丁目2番地")
    entry = register.members[0].entries[1]
    assert entry.type is EntryType.ENTRY and entry.reason == "父の氏を称する入籍"
    assert entry.previous_register is not None and entry.previous_register.head is not None
    assert entry.previous_register.head.text == "鈴木太"


def test_field_before_any_block_and_unsplittable_register_link() -> None:
    text = (GOOD + FOOTER).replace("戸籍事項\n", "戸籍事項\n　　【改製日】平成１６年１０月２日\n", 1)
    _, issues = parse_certificate_text(text)
    assert ("koseki.text.field_outside_block", "line:5") in {(i.code, i.path) for i in issues}
    linked = (
        GOOD + "　婚　　姻　【婚姻日】昭和５０年５月１０日\n　　　　　　【従前戸籍】どこか不明\n" + FOOTER
    )
    register, issues = parse_certificate_text(linked)
    assert [(i.code, i.path, i.severity.value) for i in issues] == [
        ("koseki.text.register_link", "line:17", "warning")
    ]
    assert register is not None
    ref = register.members[0].entries[-1].previous_register
    assert ref is not None and ref.head is None and ref.honseki == "どこか不明"


def test_multi_page_printout_markers_are_skipped() -> None:
    lines = GOOD.splitlines()
    paged = ["（１の２）　全部事項証明", *lines[1:11], "（２の２）　全部事項証明", *lines[11:], FOOTER]
    register, issues = parse_certificate_text("\n".join(paged))
    assert issues == [] and register is not None
    assert register == parse_certificate_text(GOOD + FOOTER)[0]


def test_overlong_values_are_refused_at_their_line() -> None:
    register, issues = parse_certificate_text(_broken(13, "　　　　　　【出生地】" + "東" * 1001))
    assert register is None and [(i.code, i.path) for i in issues] == [("koseki.text.too_long", "line:13")]


@pytest.mark.parametrize(
    ("line_no", "text"),
    [
        (9, "　【生年月日】昭和2年" + "9" * 500 + "月1日　【配偶者区分】夫"),
        (12, "　出　　生　【出生日】昭和２年" + "９" * 500 + "月１日"),
        (14, "　死　　亡　【死亡日】令和" + "九" * 8 + "年三月十五日"),
    ],
    ids=["ascii-digits", "full-width-digits", "kanji-numeral"],
)
def test_an_absurd_number_in_a_date_is_a_finding_at_its_line(line_no: int, text: str) -> None:
    """``昭和2年999…9月1日`` once raised OverflowError out of the whole register parse (issue 18)."""
    register, issues = parse_certificate_text(_broken(line_no, text))
    assert register is None
    assert ("koseki.text.date", f"line:{line_no}") in [(i.code, i.path) for i in issues]


# --- a certificate is whole only with its closing block (issue 18: text cut off mid-member) ------


def test_demo_certificate_cut_at_any_line_before_its_certification_is_refused(examples_dir: Path) -> None:
    lines = (examples_dir / "03-yamada-taro.txt").read_text(encoding="utf-8").splitlines()
    closing = next(i for i, line in enumerate(lines) if "証明した書面" in line)
    for cut in range(1, closing):
        register, issues = parse_certificate_text("\n".join(lines[:cut]))
        assert register is None, cut
        assert "koseki.text.truncated" in {i.code for i in issues}, cut


@settings(max_examples=80, deadline=None)
@given(cut=st.integers(min_value=1, max_value=10_000))
def test_certificate_text_cut_at_any_character_is_never_read_as_complete(
    examples_dir: Path, cut: int
) -> None:
    for name in ("03-yamada-taro.txt", "04-yamada-jiro.txt"):
        text = (examples_dir / name).read_text(encoding="utf-8")
        statement = text.index("これは")
        prefix = text[: cut % statement]
        register, issues = parse_certificate_text(prefix)
        assert register is None
        assert any(i.severity.value == "error" for i in issues)


def test_a_truncated_register_leaves_the_chain_incomplete(examples_dir: Path, tmp_path: Path) -> None:
    from endingnote.koseki import check_chains, load_registers

    for f in examples_dir.iterdir():
        data = f.read_bytes()
        if f.name.startswith("03-"):  # 太郎's current register, cut off inside 一郎's entries
            data = data[: data.index("【配偶者氏名】高橋由美".encode())]
        (tmp_path / f.name).write_bytes(data)
    loaded = load_registers(tmp_path)
    assert [(i.file, i.code) for i in loaded.report.errors] == [
        ("03-yamada-taro.txt", "koseki.text.truncated")
    ]
    report = check_chains(loaded.registers, "山田太郎")
    assert not report.complete and report.chains[0].gaps  # his death is nowhere else: never "complete"


def test_missing_pages_and_bad_page_markers() -> None:
    lines = GOOD.splitlines()
    paged = ["（１の３）　全部事項証明", *lines[1:11], "（３の３）　全部事項証明", *lines[11:], FOOTER]
    register, issues = parse_certificate_text("\n".join(paged))
    assert register is None
    assert [(i.code, i.message_en) for i in issues if i.code == "koseki.text.pages_missing"] == [
        ("koseki.text.pages_missing", "page(s) 2 of 3 are missing")
    ]
    _, issues = parse_certificate_text("\n".join(["（５の３）", *lines, FOOTER]))
    assert "koseki.text.page_marker" in {i.code for i in issues}


def test_a_transcript_certification_is_kept_apart_from_the_last_field() -> None:
    """A 謄本's 認証文 once ended up appended to the last 【field】 of the last member."""
    certified = GOOD + (
        "この謄本は、戸籍の原本と相違ないことを認証する。\n令和８年１０月１日\n"
        "東京都千代田区長　千代田　一郎　職印\n"
    )
    register, issues = parse_certificate_text(certified)
    assert issues == [] and register is not None
    death = register.members[0].death
    assert death is not None and death.time == "23:30" and death.extra == {}
    assert register.certification is not None
    assert (register.certification.statement, register.certification.scope, register.certification.seal) == (
        "この謄本は、戸籍の原本と相違ないことを認証する。",
        "全部",
        "職印",
    )
    assert (register.issued_on, register.issuer) == (dt.date(2026, 10, 1), "東京都千代田区長 千代田 一郎")


def test_statement_wrapped_over_two_lines_date_and_issuer_on_one_line_and_extracts() -> None:
    wrapped = GOOD + (
        "これは、戸籍に記録されている事項の全部を\n証明した書面である。\n"
        "令和８年１０月１日　東京都千代田区長　千代田　一郎　［印］\n"
    )
    register, issues = parse_certificate_text(wrapped)
    assert issues == [] and register is not None and register.certification is not None
    assert register.certification.statement == "これは、戸籍に記録されている事項の全部を証明した書面である。"
    assert register.issued_on == dt.date(2026, 10, 1) and register.certification.seal == "印"
    extract = (
        GOOD
        + "これは、戸籍中の一部の者について記録されている事項を証明した書面である。\n"
        + "令和８年１０月１日\n区長　印\n"
    )
    register, _ = parse_certificate_text(extract)
    assert (
        register is not None and register.certification is not None and register.certification.scope == "一部"
    )
    after = wrapped + "戸籍に記録されている者　【名】次郎\n"
    register, issues = parse_certificate_text(after)
    assert [i.code for i in issues] == ["koseki.text.after_certification"]


def test_an_entry_cut_after_its_title_is_refused() -> None:
    text = GOOD + "　死　　亡\n" + FOOTER
    register, issues = parse_certificate_text(text)
    assert register is None and "koseki.text.entry_incomplete" in {i.code for i in issues}


def test_computerised_fields_for_adoption_are_known() -> None:
    adoption = (
        GOOD
        + (
            "　養子縁組　【縁組日】平成２年３月３日\n"
            "　　　　　　【共同縁組者】妻\n"
            "　　　　　　【養子氏名】山田次郎\n"
            "　　　　　　【代諾者】親権者父母\n"
            "　　　　　　【送付を受けた日】平成２年３月５日\n"
            "　　　　　　【受理者】東京都千代田区長\n"
        )
        + FOOTER
    )
    register, issues = parse_certificate_text(adoption)
    assert issues == [] and register is not None
    entry = register.members[0].entries[-1]
    assert (entry.type, entry.co_adopter, entry.proxy, entry.role) == (
        EntryType.ADOPTION,
        "妻",
        "親権者父母",
        "parent",
    )
