"""Register chains as the Legal Affairs Bureau reads them (issue 19), on registers shaped as issued.

Each case is a folder under ``data/cases``: paper 謄本 transcribed in their vertical reading order
(old-law 戸主 registers among them), computerised 全部事項証明 text, register JSON, and — where
the case needs one — a 戸籍電子証明書 signed by the test PKI's issuer at test time.

- ``sasaki``: the 昭和32年 改製 split (the member's predecessor is the 戸主's register) and a
  家督相続 between two 戸主 registers;
- ``suzuki``: two 鈴木花子 and two 鈴木一郎 in one folder: persons are matched by what the
  registers state, never by the name alone;
- ``older``: the same register certified in 2019 and 2026;
- ``tanaka``: siblings inherit: both parents, a predeceased sister (nephews represent), the
  grandparents' deaths, and every living heir's current register.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endingnote.koseki import (
    ChainReport,
    Register,
    check_chains,
    load_registers,
    register_from_json,
    sign_ecert,
)
from endingnote.sign import Pkcs12Signer
from endingnote.sign.testpki import TestPki

from .conftest import CHECK_AT, ISSUED_AT

CASES = Path(__file__).parent / "data" / "cases"
ECERTS = Path(__file__).parent / "data" / "ecert"
AS_OF = CHECK_AT.date()
D = dt.date


@pytest.fixture(scope="module")
def issuer(pki: TestPki) -> Pkcs12Signer:
    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    return Pkcs12Signer.from_file(cred.p12_path, cred.password)


@pytest.fixture(scope="module")
def kenichi_ecert(issuer: Pkcs12Signer) -> bytes:
    """健一's current register as a 戸籍電子証明書 (issued 2026-10-01, after his father's death)."""
    register, issues = register_from_json(json.loads((ECERTS / "sasaki-kenichi.json").read_text("utf-8")))
    assert register is not None, issues
    return sign_ecert(register, issuer, code="4455667788990011", issued_at=ISSUED_AT)


def _folder(
    tmp: Path, case: str, *, skip: tuple[str, ...] = (), extra: dict[str, bytes] | None = None
) -> Path:
    target = tmp / case
    target.mkdir()
    for f in sorted((CASES / case).iterdir()):
        if not f.name.startswith(skip):
            shutil.copy(f, target / f.name)
    for name, data in (extra or {}).items():
        (target / name).write_bytes(data)
    return target


def _check(folder: Path, person: str, pki: TestPki | None = None, **kw: Any) -> ChainReport:
    trust = [pki.koseki_issuer.cert_path.read_bytes()] if pki is not None else []
    loaded = load_registers(folder, trusted_issuers=trust, now=CHECK_AT)
    assert not loaded.report.errors, [i.to_dict() for i in loaded.report]
    return check_chains(loaded.registers, person, as_of=AS_OF, **kw)


def _stays(report: ChainReport, index: int = 0) -> list[tuple[D | None, D | None, str]]:
    return [(s.start, s.end, s.register.source or "") for s in report.chains[index].stays]


def _requests(report: ChainReport) -> list[tuple[str | None, str | None, str | None, str, D, D | None]]:
    return [(r.kind, r.honseki, r.head_title, r.head or "", r.start, r.end) for r in report.requests]  # type: ignore[misc]


# --- 1. the 昭和32年 改製 split and the 家督相続 between 戸主 registers ---------------------------


def test_sasaki_chain_runs_through_old_law_registers_and_the_reformat_split(
    tmp_path: Path, pki: TestPki, kenichi_ecert: bytes
) -> None:
    folder = _folder(tmp_path, "sasaki", extra={"04-sasaki-kenichi.p7m": kenichi_ecert})
    report = _check(folder, "佐々木一郎", pki)
    assert report.complete, [i.to_dict() for i in report.all_issues()]
    assert _stays(report) == [
        (
            D(1921, 5, 5),
            D(1930, 3, 10),
            "00-sasaki-masauemon-joseki.txt",
        ),  # born into the grandfather's house
        (D(1930, 3, 3), D(1960, 3, 1), "01-sasaki-masakichi-kaiseigen.txt"),  # 家督相続: the father's house
        (D(1960, 3, 1), D(2005, 3, 5), "02-sasaki-ichiro-kaiseigen.json"),  # 昭和32年 改製: his own register
        (D(2005, 3, 5), D(2023, 2, 2), "03-sasaki-ichiro.txt"),  # computerised, to his death
    ]
    links = [(s.inbound.kind if s.inbound else None, s.end_reason) for s in report.chains[0].stays]
    assert links == [
        (None, "succession"),
        ("previous_head", "reformat"),
        ("pre_reformat", "reformat"),
        ("pre_reformat", "death"),
    ]
    assert report.requests == [] and [c.why for c in report.chains] == ["requested"]
    assert report.issues == []  # 健一's e-certificate, dated after the death, shows him alive


def test_sasaki_the_member_reformat_entry_names_the_head_of_house(tmp_path: Path) -> None:
    """02 says only 改製 in its 戸籍事項; each member's ``reformat`` entry names 佐々木政吉's register."""
    report = _check(_folder(tmp_path, "sasaki"), "佐々木一郎")
    chain = report.chains[0]
    assert chain.complete, [i.to_dict() for i in chain.issues]
    inbound = chain.stays[2].inbound
    assert inbound is not None and inbound.ref.head is not None and inbound.ref.head.text == "佐々木政吉"
    assert inbound.head_title == "戸主"
    # without 健一's current register, that register is asked for: his 新本籍 from 02
    assert [(i.code, i.path) for i in report.issues] == [("koseki.chain.heir_register", "person:m19500808")]
    assert _requests(report) == [
        ("戸籍（現在のもの）", "大阪府大阪市北区梅田二丁目2番地", "筆頭者", "", D(1975, 4, 4), None)
    ]


def test_sasaki_the_reformat_event_alone_also_names_the_head_of_house(tmp_path: Path) -> None:
    """The other way registers state it: the 改製 event records the previous 本籍 and head."""
    folder = _folder(tmp_path, "sasaki", skip=("02-",))
    doc = json.loads((CASES / "sasaki" / "02-sasaki-ichiro-kaiseigen.json").read_text("utf-8"))
    doc["events"][0] |= {
        "previous_honseki": "京都府京都市上京区烏丸通壱番地",
        "previous_head": {"family": "佐々木", "given": "政吉"},
    }
    for member in doc["members"]:
        member["entries"] = [e for e in member["entries"] if e["type"] != "reformat"]
    (folder / "02-sasaki-ichiro-kaiseigen.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    chain = _check(folder, "佐々木一郎").chains[0]
    assert chain.complete, [i.to_dict() for i in chain.issues]
    assert chain.stays[2].inbound is not None and chain.stays[2].inbound.head_title == "戸主"


@pytest.mark.parametrize(
    ("missing", "gap", "wanted"),
    [
        (
            "00-",
            (D(1921, 5, 5), D(1930, 3, 3)),
            ("除籍", "京都府京都市上京区烏丸通壱番地", "戸主", "佐々木政右衛門"),
        ),
        (
            "01-",
            (D(1930, 3, 10), D(1960, 3, 1)),
            ("改製原戸籍", "京都府京都市上京区烏丸通壱番地", "戸主", "佐々木政吉"),
        ),
        (
            "02-",
            (D(1960, 3, 1), D(2005, 3, 5)),
            ("改製原戸籍", "京都府京都市上京区烏丸通1番地", "筆頭者", "佐々木一郎"),
        ),
    ],
)
def test_sasaki_each_missing_register_is_named_exactly(
    tmp_path: Path, missing: str, gap: tuple[D, D], wanted: tuple[str, str, str, str]
) -> None:
    report = _check(_folder(tmp_path, "sasaki", skip=(missing,)), "佐々木一郎")
    chain = report.chains[0]
    assert [(g.start, g.end) for g in chain.gaps] == [gap]
    r = chain.gaps[0].request
    assert (r.kind, r.honseki, r.head_title, r.head) == wanted
    assert "koseki.chain.gap" in {i.code for i in chain.issues}
    text = r.describe("ja")
    assert f"{wanted[0]} 本籍 {wanted[1]} {wanted[2]} {wanted[3]}" in text
    assert "(" + gap[0].isoformat() + ")" in text  # 和暦 with 西暦


def test_sasaki_from_birth_by_default_and_the_age13_shortcut_says_what_it_skips(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "sasaki", skip=("00-",))  # the years 1921–1930 (age 0–8) are missing
    strict = _check(folder, "佐々木一郎")
    assert not strict.complete
    assert [(i.code, i.severity.value) for i in strict.chains[0].issues if "gap" in i.code] == [
        ("koseki.chain.gap", "error")
    ]
    loose = _check(folder, "佐々木一郎", from_birth=False)
    codes = {(i.code, i.severity.value) for i in loose.chains[0].issues}
    assert ("koseki.chain.gap_before_13", "warning") in codes and (
        "koseki.chain.age13_shortcut",
        "warning",
    ) in codes
    notice = next(i for i in loose.chains[0].issues if i.code == "koseki.chain.age13_shortcut")
    assert "大正10年5月5日 (1921-05-05)〜昭和5年3月3日 (1930-03-03)" in notice.message_ja
    # the register is still named: the shortcut lowers the severity, it does not hide the hole
    assert [g.request.head for g in loose.chains[0].gaps] == ["佐々木政右衛門"]


def test_sasaki_old_law_registers_are_read_as_such(tmp_path: Path) -> None:
    loaded = load_registers(CASES / "sasaki")
    by_file = {r.source: r for r in loaded.registers}
    old = by_file["00-sasaki-masauemon-joseki.txt"]
    assert (old.kind.value, old.head_title, old.head.text) == ("除籍", "戸主", "佐々木政右衛門")
    assert [(e.type.value, e.date) for e in old.events] == [
        ("家督相続", D(1902, 3, 3)),
        ("家督相続", D(1930, 3, 10)),
    ]
    made, closed = old.events
    assert made.previous_head is not None and made.previous_head.text == "佐々木政蔵"
    assert closed.new_head is not None and closed.new_head.text == "佐々木政吉"
    head = old.members[0]
    assert head.head_relationship == "戸主" and head.death is not None and head.death.time == "10:00"
    assert [m.head_relationship for m in old.members] == ["戸主", "妻", "長男", "婦", "孫"]
    haru = old.members[1]
    assert haru.father is not None and haru.father.text == "田中源蔵" and haru.mother is not None
    assert haru.mother.text == "田中ヨネ"  # given name only: the father's surname
    marriage = haru.entries[0]
    assert (
        marriage.previous_register is not None
        and marriage.previous_register.honseki == "滋賀県大津市浜町壱番地"
    )
    assert marriage.extra["記載"].startswith("明治弐拾七年四月四日佐々木政右衛門ト婚姻届出")
    assert old.certification is not None and old.certification.seal == "職印"
    assert old.certification.statement == "この謄本は、除籍の原本と相違ないことを認証する。"
    assert (old.issued_on, old.issuer) == (D(2026, 9, 10), "京都市上京区長 上京 一郎")
    split = by_file["01-sasaki-masakichi-kaiseigen.txt"]
    ichiro = split.members[2]
    assert [e.type.value for e in ichiro.entries] == ["birth", "marriage", "reformat"]
    assert ichiro.removed and ichiro.entries[1].counterpart is not None


# --- 2. identity by more than a name --------------------------------------------------------------


def test_suzuki_namesakes_are_told_apart_by_what_the_registers_state(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "suzuki")
    ambiguous = _check(folder, "鈴木花子")
    assert [i.code for i in ambiguous.issues] == ["koseki.chain.person_ambiguous"]
    assert "1950-02-02" in ambiguous.issues[0].message_ja and "1960-06-06" in ambiguous.issues[0].message_ja

    report = _check(folder, "鈴木花子@1950-02-02")
    assert report.complete, [i.to_dict() for i in report.all_issues()]
    assert [c.why for c in report.chains] == ["requested"]  # her son survives: no parents, no siblings
    hanako = report.chains[0].person
    assert hanako.father is not None and hanako.father.startswith("m19250303")  # the 水戸 一郎, not 日立's
    assert not any(i.code.startswith("koseki.identity") for i in report.issues)


def test_suzuki_a_namesake_without_a_link_is_never_taken_for_the_father(tmp_path: Path) -> None:
    """Her birth register is missing; the only 鈴木一郎 left is the 日立 one, whom nothing links to her."""
    report = _check(_folder(tmp_path, "suzuki", skip=("02-",)), "鈴木花子@1950-02-02")
    hanako = report.chains[0].person
    assert hanako.father is not None and hanako.father.startswith("r-")  # known only by name
    findings = [i for i in report.issues if i.code == "koseki.identity.parent_unconfirmed"]
    assert (
        len(findings) == 1
        and "日立市" in findings[0].message_ja
        and "昭和5年7月7日" in findings[0].message_ja
    )
    assert [c.why for c in report.chains] == ["requested"]  # the stranger's chain is not demanded
    # the register to request is the one her own 従前戸籍 names: 水戸, not 日立
    assert _requests(report) == [
        ("戸籍（除籍）", "茨城県水戸市三の丸一丁目1番地", "筆頭者", "鈴木一郎", D(1950, 2, 2), D(1974, 5, 5))
    ]


def test_suzuki_the_son_is_hers_and_his_current_register_is_asked_for(tmp_path: Path) -> None:
    report = _check(_folder(tmp_path, "suzuki", skip=("04-",)), "鈴木花子@1950-02-02")
    heirs = [i for i in report.issues if i.code == "koseki.chain.heir_register"]
    assert [i.path for i in heirs] == ["person:m19750606"]
    assert _requests(report) == [
        ("戸籍（現在のもの）", "茨城県つくば市吾妻一丁目5番地", "筆頭者", "", D(2001, 10, 10), None)
    ]


# --- 3. the same register certified twice -----------------------------------------------------------


def test_older_certificate_of_the_same_register_is_superseded(tmp_path: Path) -> None:
    older = (CASES / "older" / "03-sasaki-ichiro-2019.txt").read_bytes()
    # named so that it sorts first, and again so that it sorts last: the result is the same
    for name in ("00-aaa-first.txt", "zz-last.txt"):
        folder = _folder(Path(tempfile.mkdtemp(dir=tmp_path)), "sasaki", extra={name: older})
        report = _check(folder, "佐々木一郎")
        chain = report.chains[0]
        assert chain.complete and chain.stays[-1].register.source == "03-sasaki-ichiro.txt"
        superseded = [i for i in report.issues if i.code == "koseki.input.superseded"]
        assert [(i.file, i.severity.value) for i in superseded] == [(name, "info")]
        assert "令和元年7月1日" in superseded[0].message_ja and "令和8年9月10日" in superseded[0].message_ja
        # 文子 (the spouse) is shown alive after the death by the 2026 certificate, not the 2019 one
        assert not [
            i for i in report.issues if i.code == "koseki.chain.heir_register" and "m19230909" in i.path
        ]


def test_a_certificate_with_something_the_later_one_lacks_is_kept(tmp_path: Path) -> None:
    text = (CASES / "older" / "03-sasaki-ichiro-2019.txt").read_text("utf-8")
    extra_member = text.replace(
        "　　　　　　　　　　　　　　　　　　　　　　　　　　以下余白",
        "戸籍に記録されている者　【名】次男\n　【生年月日】昭和３０年１月１日\n"
        "除　籍　【父】佐々木一郎　【母】佐々木文子　【続柄】二男\n身分事項\n"
        "　出　　生　【出生日】昭和３０年１月１日\n以下余白",
    )
    folder = _folder(tmp_path, "sasaki", extra={"03b.txt": extra_member.encode("utf-8")})
    report = _check(folder, "佐々木一郎")
    assert [i.code for i in report.issues if i.code.startswith("koseki.input")] == [
        "koseki.input.certificates_differ"
    ]


# --- 4. every line of representation ----------------------------------------------------------------


def test_tanaka_siblings_parents_predeceased_sister_and_heirs(tmp_path: Path) -> None:
    report = _check(_folder(tmp_path, "tanaka"), "田中和夫")
    assert report.complete, [i.to_dict() for i in report.all_issues()]
    assert [(c.person.name.text, c.why) for c in report.chains] == [
        ("田中和夫", "requested"),
        ("田中清", "parent (siblings may inherit)"),
        ("田中ハル", "parent (siblings may inherit)"),
        ("山本春子", "predeceased sibling"),
    ]
    assert _stays(report, 3) == [
        (D(1940, 4, 4), D(1959, 2, 1), "01-tanaka-genkichi-kaiseigen.txt"),
        (D(1959, 2, 1), D(1962, 5, 5), "02-tanaka-kiyoshi-kaiseigen.json"),
        (D(1962, 5, 5), D(2010, 3, 3), "05-yamamoto-osamu.json"),
    ]
    assert [c.person.name.text for c in report.chains].count("山本二") == 0  # 889条2項: no 再代襲


def test_tanaka_the_old_house_register_everyone_needs_is_one_request(tmp_path: Path) -> None:
    """Without the 戸主 田中源吉's register, the decedent, both parents and the predeceased sister all
    miss their years in it; it is requested once, for the whole period they need together."""
    report = _check(_folder(tmp_path, "tanaka", skip=("01-",)), "田中和夫")
    haruko = next(c for c in report.chains if c.why == "predeceased sibling")
    assert [(g.start, g.end) for g in haruko.gaps] == [(D(1940, 4, 4), D(1959, 2, 1))]
    house = [r for r in report.requests if r.head == "田中源吉"]
    assert [(r.kind, r.honseki, r.head_title, r.start, r.end) for r in house] == [
        ("改製原戸籍", "奈良県奈良市登大路町壱番地", "戸主", D(1915, 2, 2), D(1959, 2, 1))
    ]
    # the grandparents' deaths were in that register too
    assert len([i for i in report.issues if i.code == "koseki.chain.ascendant_death_unknown"]) == 2


def test_tanaka_every_living_heir_shows_they_are_alive(tmp_path: Path) -> None:
    report = _check(_folder(tmp_path, "tanaka", skip=("06-", "07-")), "田中和夫")
    heirs = sorted(
        (i.path, i.message_en.split(")")[0]) for i in report.issues if i.code == "koseki.chain.heir_register"
    )
    assert heirs == [
        ("person:m19470808", "a current register showing the possible heir (sibling"),
        ("person:m19630707", "a current register showing the possible heir (nephew or niece (representative"),
    ]
    assert sorted((r.honseki or "") for r in report.current) == [
        "大阪府豊中市本町1丁目1番地",
        "東京都杉並区阿佐谷北一丁目1番地",
    ]
    # without 二's own register he looks alive: his current register is asked for too
    second = tmp_path / "without-ji"
    second.mkdir()
    report = _check(_folder(second, "tanaka", skip=("08-",)), "田中和夫")
    assert "person:m19650909" in {i.path for i in report.issues if i.code == "koseki.chain.heir_register"}


def test_tanaka_grandparents_must_be_shown_dead(tmp_path: Path) -> None:
    report = _check(_folder(tmp_path, "tanaka", skip=("04-",)), "田中和夫")
    unknown = [i for i in report.issues if i.code == "koseki.chain.ascendant_death_unknown"]
    assert sorted(i.message_ja.split(" の死亡")[0].split(" ")[-1] for i in unknown) == [
        "佐藤ウメ",
        "佐藤正",
    ]
    assert all("889条1項" in i.message_ja for i in unknown) and not report.complete
    assert (
        "田中　ハルの父 佐藤正 の死亡の記載のある戸籍（令和6年6月6日 (2024-06-06)以前の死亡）"
        in unknown[0].message_ja
    )


# --- 5. the result never depends on file names or order ---------------------------------------------

_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_あ戸籍", min_size=1, max_size=10)


def _canonical(report: ChainReport, renamed: dict[str, str]) -> str:
    """The report as JSON, with every renamed file given its original name back."""
    text = json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True)
    for new, old in renamed.items():
        text = text.replace(new, old)
    return text


@pytest.mark.parametrize(
    ("case", "person"), [("sasaki", "佐々木一郎"), ("suzuki", "鈴木花子@1950-02-02"), ("tanaka", "田中和夫")]
)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_renaming_and_reordering_files_changes_nothing(
    case: str, person: str, data: st.DataObject, pki: TestPki, kenichi_ecert: bytes
) -> None:
    files = {f.name: f.read_bytes() for f in (CASES / case).iterdir()}
    if case == "sasaki":
        files["04-sasaki-kenichi.p7m"] = kenichi_ecert
        files["03-sasaki-ichiro-2019.txt"] = (CASES / "older" / "03-sasaki-ichiro-2019.txt").read_bytes()
    original = sorted(files)
    stems = data.draw(st.lists(_NAME, min_size=len(original), max_size=len(original), unique=True))
    order = data.draw(st.permutations(original))
    # "§" starts every new name and occurs nowhere else: no new name is part of another or of an old one
    renamed = {f"§{stem}{Path(old).suffix}": old for stem, old in zip(stems, original, strict=True)}
    with tempfile.TemporaryDirectory() as plain, tempfile.TemporaryDirectory() as shuffled:
        for name in original:
            (Path(plain) / name).write_bytes(files[name])
        back = {old: new for new, old in renamed.items()}
        for old in order:
            (Path(shuffled) / back[old]).write_bytes(files[old])
        expected = _check(Path(plain), person, pki)
        got = _check(Path(shuffled), person, pki)
    assert _canonical(got, renamed) == _canonical(expected, {})
    # and a list of registers in any order gives the same report
    loaded = load_registers(CASES / case).registers
    shuffled_list: list[Register] = data.draw(st.permutations(loaded))
    a = check_chains(loaded, person, as_of=AS_OF).to_dict()
    b = check_chains(shuffled_list, person, as_of=AS_OF).to_dict()
    assert json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(
        b, sort_keys=True, ensure_ascii=False
    )
