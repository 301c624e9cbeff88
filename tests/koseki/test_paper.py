"""Paper registers (縦書き) transcribed in their reading order: sentences, boxes, old-law events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.koseki import (
    CertificateKind,
    EntryType,
    RegisterEventType,
    check_chains,
    parse_certificate_text,
)

D = dt.date
CASES = Path(__file__).parent / "data" / "cases"
CLOSING = "この謄本は、除籍の原本と相違ないことを認証する。\n令和八年九月拾日\n大阪市北区長　北　一郎　職印\n"


def _house(honseki: str, events: str, *, title: str = "除籍謄本", closing: str = CLOSING) -> str:
    return (
        f"{title}\n本籍　{honseki}\n戸主　北川　一\n──────\n{events}"
        "明治参拾年壱月壱日本籍ニ於テ出生同月五日父届出入籍㊞\n"
        "戸主との続柄　戸主\n父　北川　源\n母　サト\n続柄　長男\n名　一\n生年月日　明治参拾年壱月壱日\n"
        + closing
    )


def test_a_transfer_between_old_law_registers_is_a_link_both_ways() -> None:
    out = _house(
        "京都府京都市北区紫野壱番地",
        "大正拾年四月四日分家届出京都府京都市上京区烏丸通壱番地北川源家ヨリ入籍㊞\n"
        "昭和拾年拾月拾日大阪府大阪市北区梅田壱番地ヘ転籍届出同月拾五日受附本戸籍抹消㊞\n",
    )
    into = _house(
        "大阪府大阪市北区梅田壱番地",
        "昭和拾年拾月拾日京都府京都市北区紫野壱番地ヨリ転籍届出同月拾五日受附㊞\n",
        title="改製原戸籍",
        closing=CLOSING.replace("除籍の原本", "改製原戸籍の原本"),
    )
    old, issues = parse_certificate_text(out)
    assert issues == [] and old is not None and old.head_title == "戸主"
    assert [(e.type, e.date, e.previous_honseki, e.new_honseki) for e in old.events] == [
        (RegisterEventType.BRANCH_HOUSE, D(1921, 4, 4), "京都府京都市上京区烏丸通壱番地", None),
        (RegisterEventType.TRANSFERRED, D(1935, 10, 10), None, "大阪府大阪市北区梅田壱番地"),
    ]
    assert old.events[0].previous_head is not None and old.events[0].previous_head.text == "北川源"
    # the 戸主's own 分家 is his 身分事項 too
    assert [e.type for e in old.members[0].entries] == [EntryType.BRANCH_HOUSE, EntryType.BIRTH]
    new, issues = parse_certificate_text(into)
    assert issues == [] and new is not None and new.kind is CertificateKind.PRE_REFORMAT
    assert [(e.type, e.previous_honseki) for e in new.events] == [
        (RegisterEventType.TRANSFERRED, "京都府京都市北区紫野壱番地")
    ]
    report = check_chains([old, new], "北川一", include_dependents=False, from_birth=False)
    stays = report.chains[0].stays
    assert [(s.start, s.end, s.end_reason) for s in stays] == [
        (D(1921, 4, 4), D(1935, 10, 10), "transfer"),
        (D(1935, 10, 10), None, "open"),
    ]
    assert stays[0].inbound is not None and stays[0].inbound.kind == "main_house"
    unresolved = [i.message_en for i in report.chains[0].issues if i.code == "koseki.chain.link_unresolved"]
    # the 本家 is not supplied; both 転籍 links resolve
    assert len(unresolved) == 1 and "main house" in unresolved[0]


def test_house_closings_and_the_simple_reformat() -> None:
    text = _house(
        "京都府京都市北区紫野壱番地",
        "明治四拾年五月五日一家創立届出同日受附㊞\n"
        "昭和参拾弐年法務省令第弐拾七号により昭和参拾四年四月壱日本戸籍改製㊞\n"
        "昭和参拾五年六月六日廃家届出同日受附本戸籍抹消㊞\n",
    )
    register, issues = parse_certificate_text(text)
    assert issues == [] and register is not None
    assert [e.type for e in register.events] == [
        RegisterEventType.HOUSE_FOUNDED,
        RegisterEventType.SIMPLE_REFORMAT,  # deems the register new-law; it makes and closes nothing
        RegisterEventType.HOUSE_ABOLISHED,
    ]
    from endingnote.koseki import stay_of

    stay = stay_of(register, register.members[0])
    assert (stay.start, stay.end, stay.end_reason) == (D(1907, 5, 5), D(1960, 6, 6), "closed")


def test_meiji31_cause_of_headship_box_and_several_sentences_on_one_line() -> None:
    text = (
        "除籍謄本\n本籍　京都府京都市北区紫野壱番地\n戸主　北川　一\n"
        "戸主ト為リタル原因及ヒ年月日　明治参拾五年参月参日前戸主源死亡ニ因リ家督相続\n"
        "──────\n"
        "明治参拾年壱月壱日本籍ニ於テ出生同月五日父届出入籍㊞明治参拾五年参月参日前戸主源死亡ニ因リ家督相続届出同月拾日受附㊞\n"
        "戸主との続柄　戸主\n父　北川　源\n母　サト\n続柄　長男\n名　一\n生年月日　明治参拾年壱月壱日\n"
        + CLOSING
    )
    register, issues = parse_certificate_text(text)
    assert issues == [] and register is not None
    succession = [e for e in register.events if e.type is RegisterEventType.HEADSHIP_SUCCESSION]
    assert (
        succession
        and succession[0].previous_head is not None
        and succession[0].previous_head.text == "北川源"
    )
    entries = register.members[0].entries
    assert [e.type for e in entries] == [EntryType.BIRTH, EntryType.HEADSHIP_SUCCESSION]
    assert entries[0].reported_on == D(1897, 1, 5) and entries[1].counterpart is not None


def test_a_sentence_that_is_not_understood_is_kept_with_a_warning() -> None:
    text = _house("京都府京都市北区紫野壱番地", "何事カ記載アリ㊞\n")
    register, issues = parse_certificate_text(text)
    assert [(i.code, i.severity.value) for i in issues] == [("koseki.text.unrecognised_sentence", "warning")]
    assert register is not None
    other = register.members[0].entries[0]
    assert other.type is EntryType.OTHER and other.extra == {"記載": "何事カ記載アリ"}


def test_paper_text_without_its_certification_or_a_name_box_is_refused() -> None:
    text = (CASES / "sasaki" / "01-sasaki-masakichi-kaiseigen.txt").read_text("utf-8")
    cut = text[: text.index("名　文子")]
    register, issues = parse_certificate_text(cut)
    assert register is None
    assert {"koseki.text.truncated", "koseki.text.member_incomplete"} <= {i.code for i in issues}


SAMPLE = (CASES / "sasaki" / "00-sasaki-masauemon-joseki.txt").read_text("utf-8").splitlines()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from([*SAMPLE, "㊞", "同月", "父", "名　", "──────", "除籍", "戸主　"]), max_size=40)
)
def test_any_arrangement_of_paper_lines_gives_issues_not_exceptions(lines: list[str]) -> None:
    register, issues = parse_certificate_text("\n".join(lines))
    assert register is not None or any(i.severity.value == "error" for i in issues)
    assert all(i.path.startswith("line:") for i in issues)


@given(
    st.text(
        alphabet="昭和明治大正年月日同壱弐参拾一二三番地戸籍からヨリ入籍除籍㊞\n　父母名続柄", max_size=400
    )
)
def test_arbitrary_paper_like_text_never_raises(text: str) -> None:
    parse_certificate_text(text)
