"""Register chains: complete, holes in time, unresolved links, 転籍, dependents."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.koseki import (
    CertificateKind,
    Entry,
    EntryType,
    Member,
    Name,
    Register,
    RegisterEvent,
    RegisterEventType,
    RegisterRef,
    check_chains,
    stay_of,
)

D = dt.date
AS_OF = D(2026, 11, 1)


def _without(registers: list[Register], prefix: str) -> list[Register]:
    return [r for r in registers if not (r.source or "").startswith(prefix)]


def test_demo_decedent_chain_is_complete(registers: list[Register]) -> None:
    report = check_chains(registers, "山田太郎", as_of=AS_OF)
    assert report.complete, [i.to_dict() for i in report.all_issues()]
    taro, jiro = report.chains
    assert taro.person.id == "m19500401" and taro.why == "requested"
    assert [(s.start, s.end, s.end_reason) for s in taro.stays] == [
        (D(1950, 4, 1), D(1975, 5, 10), "left"),
        (D(1975, 5, 10), D(2004, 10, 2), "reformat"),
        (D(2004, 10, 2), D(2024, 3, 15), "death"),
    ]
    assert jiro.person.id == "m19791111" and jiro.why == "predeceased child"  # representation by 健太
    assert [i.code for i in report.issues] == ["koseki.chain.dependent"]


def test_missing_pre_reformat_register_is_a_hole_with_the_register_to_request(
    registers: list[Register],
) -> None:
    report = check_chains(_without(registers, "02-"), "m19500401", as_of=AS_OF)
    assert not report.complete
    taro = report.chains[0]
    assert [(g.start, g.end) for g in taro.gaps] == [(D(1975, 5, 10), D(2004, 10, 2))]
    request = taro.gaps[0].request
    assert request.kind == "改製原戸籍"
    assert request.honseki == "東京都千代田区神田一丁目3番地" and request.head == "山田太郎"
    codes = {i.code for i in taro.issues}
    assert codes == {"koseki.chain.gap", "koseki.chain.link_unresolved"}
    # the predeceased son's birth years were in the same missing register
    jiro = report.chains[1]
    assert [(g.start, g.end) for g in jiro.gaps] == [(D(1979, 11, 11), D(2003, 4, 1))]
    assert jiro.gaps[0].request.kind == "改製原戸籍"
    assert (
        report.requests[0]
        .describe("en")
        .startswith("改製原戸籍 at 東京都千代田区神田一丁目3番地, head 山田太郎")
    )


def test_unresolved_previous_register_despite_variant_notation(registers: list[Register]) -> None:
    report = check_chains(_without(registers, "01-"), "m19500401", as_of=AS_OF)
    taro = report.chains[0]
    unresolved = [i for i in taro.issues if i.code == "koseki.chain.link_unresolved"]
    assert len(unresolved) == 1 and "山田　髙雄" in unresolved[0].message_ja
    assert [(g.start, g.end) for g in taro.gaps] == [(D(1950, 4, 1), D(1975, 5, 10))]
    assert taro.gaps[0].request.honseki == "東京都千代田区千代田壱丁目壱番地"


def test_living_person_must_end_in_a_current_register(registers: list[Register]) -> None:
    report = check_chains(_without(registers, "05-"), "山田一郎@1978-11-03", as_of=AS_OF)
    ichiro = report.chains[0]
    assert {i.code for i in ichiro.issues} == {"koseki.chain.not_current", "koseki.chain.link_unresolved"}
    assert ichiro.gaps[0].request.honseki == "東京都世田谷区桜一丁目7番地"
    assert check_chains(registers, "m19781103", as_of=AS_OF).complete


def test_unknown_and_ambiguous_persons(registers: list[Register]) -> None:
    assert check_chains(registers, "佐藤次郎").issues[0].code == "koseki.chain.person_not_found"
    twin = replace(
        registers[4],
        members=(*registers[4].members, replace(registers[4].members[0], birth_date=D(1980, 1, 1))),
    )
    report = check_chains([*registers[:4], twin], "山田一郎")
    assert report.issues[0].code == "koseki.chain.person_ambiguous"
    assert "m19781103" in report.issues[0].message_ja and "m19800101" in report.issues[0].message_ja


# --- synthetic registers -------------------------------------------------------------------------


def _person(given: str, born: D, *entries: Entry, rel: str = "長男", **kw: object) -> Member:
    return Member(
        Name.of("鈴木", given),
        born,
        Name.of("鈴木", "父"),
        Name.of("鈴木", "母"),
        rel,
        entries=entries,
        **kw,  # type: ignore[arg-type]
    )


def test_transfer_chain_and_hole_before_age_13() -> None:
    old = Register(
        "大阪府堺市一丁目1番地",
        Name.of("鈴木", "一"),
        CertificateKind.CLOSED,
        events=(
            RegisterEvent(RegisterEventType.CREATED, D(1960, 1, 1)),
            RegisterEvent(
                RegisterEventType.TRANSFERRED, D(1990, 6, 1), new_honseki="京都府京都市二丁目2番地"
            ),
        ),
        members=(_person("一", D(1961, 5, 5), Entry(EntryType.BIRTH, D(1961, 5, 5))),),
        source="old",
    )
    new = Register(
        "京都府京都市二丁目2番地",
        Name.of("鈴木", "一"),
        events=(
            RegisterEvent(
                RegisterEventType.TRANSFERRED, D(1990, 6, 1), previous_honseki="大阪府堺市一丁目1番地"
            ),
        ),
        members=(_person("一", D(1961, 5, 5), Entry(EntryType.DEATH, D(2020, 1, 1), time="08:00")),),
        source="new",
    )
    report = check_chains([old, new], "鈴木一", include_dependents=False)
    assert report.complete, [i.to_dict() for i in report.all_issues()]
    stays = report.chains[0].stays
    assert [(s.end_reason, s.outbound.kind if s.outbound else None) for s in stays] == [
        ("transfer", "transfer_to"),
        ("death", None),
    ]
    assert stays[1].inbound is not None and stays[1].inbound.kind == "transfer_from"

    # drop the old register: the hole starts at birth; the part before age 13 is only a warning
    late = replace(old, events=(RegisterEvent(RegisterEventType.CREATED, D(1970, 1, 1)), *old.events[1:]))
    late_member = replace(
        old.members[0],
        entries=(
            Entry(
                EntryType.ENTRY,
                D(1970, 1, 1),
                previous_register=RegisterRef("どこか"),
            ),
        ),
    )
    late = replace(late, members=(late_member,))
    # from birth (the default, 不動産登記規則247条3項2号): the hole before age 13 is an error
    report = check_chains([late, new], "鈴木一", include_dependents=False)
    chain = report.chains[0]
    assert [(g.start, g.end, g.before_age_13) for g in chain.gaps] == [(D(1961, 5, 5), D(1970, 1, 1), True)]
    assert {(i.code, i.severity.value) for i in chain.issues} == {
        ("koseki.chain.gap", "error"),
        ("koseki.chain.link_unresolved", "error"),
    }
    # the age-13 shortcut lets it pass as a warning and says what it let through
    report = check_chains([late, new], "鈴木一", include_dependents=False, from_birth=False)
    chain = report.chains[0]
    assert {(i.code, i.severity.value) for i in chain.issues} == {
        ("koseki.chain.gap_before_13", "warning"),
        ("koseki.chain.link_unresolved", "error"),
        ("koseki.chain.age13_shortcut", "warning"),
    }
    notice = next(i for i in chain.issues if i.code == "koseki.chain.age13_shortcut")
    assert "昭和36年5月5日 (1961-05-05)〜昭和45年1月1日 (1970-01-01)" in notice.message_ja
    assert "247条3項2号" in notice.message_ja and "1961-05-05 to 1970-01-01" in notice.message_en
    assert report.to_dict()["from_birth"] is False


def test_missing_parents_are_reported_when_siblings_may_inherit() -> None:
    member = _person("一", D(1961, 5, 5), Entry(EntryType.DEATH, D(2020, 1, 1)))
    register = Register("大阪府堺市一丁目1番地", Name.of("鈴木", "一"), members=(member,))
    report = check_chains([register], "鈴木一")
    assert [(i.code, i.severity.value) for i in report.issues] == [
        ("koseki.chain.parent_missing", "error")
    ] * 2
    assert not report.complete


def test_parents_are_needed_when_siblings_may_inherit() -> None:
    father = _person("父", D(1930, 1, 1), Entry(EntryType.DEATH, D(2000, 1, 1)), rel="長男")
    father = replace(father, name=Name.of("鈴木", "父"), father=None, mother=None, spouse_role="夫")
    mother = replace(
        father, name=Name.of("鈴木", "母"), birth_date=D(1932, 2, 2), relationship="長女", spouse_role="妻"
    )
    decedent = _person("一", D(1961, 5, 5), Entry(EntryType.DEATH, D(2024, 1, 1)))
    sister = _person("花", D(1963, 3, 3), rel="長女")
    register = Register(
        "大阪府堺市一丁目1番地",
        Name.of("鈴木", "父"),
        events=(RegisterEvent(RegisterEventType.CREATED, D(1955, 1, 1)),),
        members=(father, mother, decedent, sister),
    )
    report = check_chains([register], "鈴木一@1961-05-05")
    whys = [(c.person.name.given, c.why) for c in report.chains]
    assert whys == [
        ("一", "requested"),
        ("父", "parent (siblings may inherit)"),
        ("母", "parent (siblings may inherit)"),
    ]
    # a living mother inherits before siblings: then the parents' chains are not needed
    alive = replace(register, members=(father, replace(mother, entries=()), decedent, sister))
    assert [c.why for c in check_chains([alive], "鈴木一@1961-05-05").chains] == ["requested"]


def test_stay_of_a_reformatted_register_starts_at_the_reformat(registers: list[Register]) -> None:
    computerised = registers[2]
    stay = stay_of(computerised, computerised.members[0])
    assert stay.start == D(2004, 10, 2)
    assert stay.inbound is not None and stay.inbound.kind == "pre_reformat"


def test_old_holes_hint_at_destroyed_registers_and_unknown_dates() -> None:
    old = _person("古", D(1900, 1, 1), Entry(EntryType.DEATH, D(1950, 1, 1)))
    later = Register(
        "東京府東京市一番地",
        Name.of("鈴木", "古"),
        events=(RegisterEvent(RegisterEventType.CREATED, D(1925, 1, 1)),),
        members=(old,),
    )
    report = check_chains([later], "鈴木古", include_dependents=False)
    codes = [i.code for i in report.chains[0].issues]
    assert "koseki.chain.gap" in codes and "koseki.chain.possibly_destroyed" in codes

    no_birth = replace(old, birth_date=None, person_id="p-old", entries=())
    report = check_chains([replace(later, members=(no_birth,))], "p-old", include_dependents=False)
    assert [i.code for i in report.chains[0].issues] == ["koseki.chain.no_birth"]


def test_entry_date_unknown_is_a_warning() -> None:
    member = replace(_person("無", D(1950, 1, 1)), birth_date=None, person_id="p-x")
    register = Register("x", Name.of("鈴木", "無"), members=(member,))
    assert stay_of(register, member).start is None
    report = check_chains([register], "p-x", include_dependents=False)
    assert [i.code for i in report.chains[0].issues] == ["koseki.chain.no_birth"]
    dated = replace(member, birth_date=D(1950, 1, 1))
    assert stay_of(replace(register, members=(dated,)), dated).start == D(1950, 1, 1)  # born into it


def test_register_that_does_not_say_where_the_person_came_from() -> None:
    member = _person("移", D(1950, 1, 1))
    register = Register(
        "x",
        Name.of("鈴木", "移"),
        events=(RegisterEvent(RegisterEventType.CREATED, D(1980, 1, 1)),),
        members=(member,),
    )
    report = check_chains([register], "鈴木移", include_dependents=False)
    codes = [(i.code, i.severity.value) for i in report.chains[0].issues]
    assert ("koseki.chain.entry_unknown", "warning") in codes and ("koseki.chain.gap", "error") in codes
    assert report.chains[0].gaps[0].request.honseki is None  # nothing to name: the hint says whose register
    assert "鈴木父・鈴木母" in report.chains[0].gaps[0].request.hint


def test_given_name_change_keeps_one_person_across_registers() -> None:
    before = _person("太朗", D(1950, 1, 1), Entry(EntryType.BIRTH, D(1950, 1, 1)))
    after = _person(
        "太郎",
        D(1950, 1, 1),
        Entry(EntryType.GIVEN_NAME_CHANGE, D(1980, 1, 1), previous_name="太朗"),
        Entry(EntryType.DEATH, D(2020, 1, 1)),
    )
    old = Register(
        "a",
        Name.of("鈴木", "父"),
        CertificateKind.CLOSED,
        events=(
            RegisterEvent(RegisterEventType.CREATED, D(1940, 1, 1)),
            RegisterEvent(RegisterEventType.TRANSFERRED, D(1990, 1, 1), new_honseki="b"),
        ),
        members=(before,),
    )
    new = Register(
        "b",
        Name.of("鈴木", "父"),
        events=(RegisterEvent(RegisterEventType.TRANSFERRED, D(1990, 1, 1), previous_honseki="a"),),
        members=(after,),
    )
    for registers in ([old, new], [new, old]):
        report = check_chains(registers, "鈴木太郎", include_dependents=False)
        assert report.complete and len(report.chains[0].stays) == 2
        assert (
            check_chains(registers, "鈴木太朗", include_dependents=False).chains[0].person.id == "m19500101"
        )


@settings(max_examples=60, deadline=None)
@given(
    born=st.dates(min_value=D(1900, 1, 1), max_value=D(1990, 1, 1)),
    cuts=st.lists(st.integers(min_value=1, max_value=30_000), min_size=1, max_size=6, unique=True),
    drop=st.integers(min_value=0, max_value=6),
)
def test_dropping_any_register_of_a_transfer_chain_leaves_exactly_its_hole(
    born: D, cuts: list[int], drop: int
) -> None:
    """A life cut into consecutive registers (each closed by 転籍 into the next) is complete; without
    register i exactly [start_i, end_i] is missing, and the request names register i."""
    bounds = [born, *sorted(born + dt.timedelta(days=c) for c in cuts)]
    death = bounds[-1] + dt.timedelta(days=100)
    bounds.append(death)
    n = len(bounds) - 1
    registers = []
    for i in range(n):
        events = [RegisterEvent(RegisterEventType.CREATED, bounds[0])] if i == 0 else []
        if i:
            events.append(
                RegisterEvent(RegisterEventType.TRANSFERRED, bounds[i], previous_honseki=f"地{i - 1}")
            )
        if i < n - 1:
            events.append(
                RegisterEvent(RegisterEventType.TRANSFERRED, bounds[i + 1], new_honseki=f"地{i + 1}")
            )
        entries = (Entry(EntryType.BIRTH, born),) + ((Entry(EntryType.DEATH, death),) if i == n - 1 else ())
        member = _person("連", born, *entries)
        registers.append(Register(f"地{i}", Name.of("鈴木", "連"), members=(member,), events=tuple(events)))
    full = check_chains(registers, "鈴木連", include_dependents=False, from_birth=True)
    assert full.complete, [i.to_dict() for i in full.all_issues()]
    i = drop % n
    report = check_chains(
        registers[:i] + registers[i + 1 :], "鈴木連", include_dependents=False, from_birth=True
    )
    if n == 1:
        assert report.issues[0].code == "koseki.chain.person_not_found"
        return
    gaps = report.chains[0].gaps
    if i == n - 1:  # the death is in the missing register: the person looks alive, ending in a closed one
        assert [(g.start, g.end) for g in gaps] == [(bounds[i], None)]
        assert "koseki.chain.not_current" in {x.code for x in report.chains[0].issues}
    else:
        assert [(g.start, g.end) for g in gaps] == [(bounds[i], bounds[i + 1])]
    assert gaps[0].request.honseki == f"地{i}"


def test_heirs_need_a_current_register_after_the_death(registers: list[Register]) -> None:
    report = check_chains(_without(registers, "05-"), "山田太郎", as_of=AS_OF)
    heir_issues = [i for i in report.issues if i.code == "koseki.chain.heir_register"]
    assert [i.path for i in heir_issues] == ["person:m19781103"]  # 一郎 left for a register not supplied
    assert [(r.honseki, r.kind, r.start) for r in report.current] == [
        ("東京都世田谷区桜一丁目7番地", "戸籍（現在のもの）", D(2005, 6, 1))
    ]
    assert report.current[0] in report.requests and not report.complete

    stale = [
        replace(r, issued_on=D(2019, 1, 1)) if (r.source or "").startswith("04-") else r for r in registers
    ]
    report = check_chains(stale, "山田太郎", as_of=AS_OF)
    assert [(i.path, r.kind) for i, r in zip(report.issues[1:], report.current, strict=True)] == [
        ("person:m20050115", "戸籍（死亡後に発行されたもの）")
    ]  # 健太's certificate predates 太郎's death


def _family(*children: Member) -> Register:
    father = replace(
        _person("父", D(1930, 1, 1), Entry(EntryType.DEATH, D(2024, 1, 1))),
        name=Name.of("鈴木", "父"),
        father=None,
        mother=None,
        spouse_role="夫",
    )
    return Register(
        "大阪府堺市一丁目1番地",
        Name.of("鈴木", "父"),
        events=(RegisterEvent(RegisterEventType.CREATED, D(1955, 1, 1)),),
        members=(father, *children),
    )


def test_a_child_dying_the_same_day_is_represented_like_one_who_died_first() -> None:
    """民法887条2項 "相続の開始以前に死亡": a simultaneous death (32条の2) is a predeceased child."""
    child = replace(
        _person("子", D(1960, 1, 1), Entry(EntryType.DEATH, D(2024, 1, 1))), father=Name.of("鈴木", "父")
    )
    report = check_chains([_family(child)], "鈴木父")
    assert [(c.person.name.given, c.why) for c in report.chains] == [
        ("父", "requested"),
        ("子", "predeceased child"),
    ]


def test_a_disinherited_child_is_represented_and_not_an_heir() -> None:
    """民法887条2項: a child who lost the right to inherit by 廃除 (892条, 戸籍法97条) is represented."""
    disinherited = replace(
        _person(
            "廃",
            D(1960, 1, 1),
            Entry(EntryType.DISINHERITANCE, decree_date=D(2010, 1, 1), counterpart=Name.of("鈴木", "父")),
        ),
        father=Name.of("鈴木", "父"),
    )
    grandchild = replace(_person("孫", D(1990, 1, 1)), father=Name.of("鈴木", "廃"), mother=None)
    report = check_chains([_family(disinherited, grandchild)], "鈴木父")
    assert [(c.person.name.given, c.why) for c in report.chains] == [
        ("父", "requested"),
        ("廃", "disinherited child"),
    ]
    from endingnote.koseki import index_persons
    from endingnote.koseki._lines import heir_candidates

    persons = index_persons([_family(disinherited, grandchild)])
    decedent = persons.find("鈴木父")[0]
    assert [(p.name.given, why) for p, why in heir_candidates(persons, decedent)] == [("孫", "descendant")]
