"""The procedures checklist: statutory deadlines (month ends), which tasks apply, one task per contract."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from endingnote.importer._checklist import CONTRACT_RECORDS, Task, build_checklist

ROOT = Path(__file__).resolve().parents[2]


def _full(version: str = "1.1") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (ROOT / f"standard/{version}/generated/examples/full.json").read_text("utf-8")
    )
    return data


def _by_key(tasks: list[Task]) -> dict[str, Task]:
    return {t.key: t for t in tasks}


def test_statutory_deadlines_from_a_month_end_death() -> None:
    tasks = _by_key(build_checklist(_full(), dt.date(2024, 11, 30)))
    assert tasks["death_registration"].due == dt.date(2024, 12, 6)  # 7 days counting the first (戸籍法43条)
    # 14 days end on Saturday 2024-12-14: 地方自治法4条の2第4項 moves it to Monday
    assert tasks["health_insurance_loss"].due == dt.date(2024, 12, 16)
    assert tasks["householder_change"].due == dt.date(2024, 12, 16)
    assert "地方自治法4条の2第4項" in tasks["householder_change"].rule_ja
    assert tasks["renounce_or_limited"].due == dt.date(2025, 2, 28)
    # the period starts on 12-01, so 4 months are the whole of December … March (民法143条)
    assert tasks["final_income_tax"].due == dt.date(2025, 3, 31)
    assert tasks["inheritance_tax"].due == dt.date(2025, 9, 30)
    assert tasks["inheritance_registration"].due == dt.date(2027, 11, 30)
    assert "民法915条1項" in tasks["renounce_or_limited"].basis_ja
    assert "相続税法27条1項" in tasks["inheritance_tax"].basis_ja
    assert all(t.category == "statutory" for t in tasks.values() if t.due is not None)


def test_inheritance_registration_transitional_rule() -> None:
    tasks = _by_key(build_checklist(_full(), dt.date(2023, 6, 1)))
    assert tasks["inheritance_registration"].due == dt.date(2027, 3, 31)  # 附則: 3 years from 2024-04-01


def test_pension_tasks_by_kind() -> None:
    doc = _full()
    assert {t.key for t in build_checklist(doc, dt.date(2026, 1, 20))} >= {"pension_stop_kosei"}
    assert "pension_stop_kokumin" not in _by_key(build_checklist(doc, dt.date(2026, 1, 20)))
    kosei = _by_key(build_checklist(doc, dt.date(2026, 1, 20)))["pension_stop_kosei"]
    assert kosei.due == dt.date(2026, 1, 30)
    assert "厚生年金保険法98条4項" in kosei.basis_ja

    doc["pension"] = [{"id": "p", "pension_kind": "national_basic"}]
    keys = _by_key(build_checklist(doc, dt.date(2026, 1, 20)))
    assert "pension_stop_kosei" not in keys
    assert keys["pension_stop_kokumin"].due == dt.date(2026, 2, 3)

    doc["pension"] = [{"id": "p", "pension_kind": "survivor"}]  # the note does not say which: both
    assert {"pension_stop_kosei", "pension_stop_kokumin"} <= set(
        _by_key(build_checklist(doc, dt.date(2026, 1, 20)))
    )

    doc["pension"] = [{"id": "p", "pension_kind": "ideco"}]  # not a public pension
    assert not {"pension_stop_kosei", "pension_stop_kokumin"} & set(
        _by_key(build_checklist(doc, dt.date(2026, 1, 20)))
    )


def test_no_pension_and_no_real_estate_means_no_such_tasks() -> None:
    doc = _full()
    del doc["pension"], doc["real_estate"]
    keys = set(_by_key(build_checklist(doc, dt.date(2026, 1, 20))))
    assert not keys & {"pension_stop_kosei", "pension_stop_kokumin", "inheritance_registration"}
    assert {"death_registration", "renounce_or_limited", "final_income_tax", "inheritance_tax"} <= keys


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_one_task_per_contract_in_the_full_example(version: str) -> None:
    doc = _full(version)
    tasks = [t for t in build_checklist(doc, dt.date(2026, 1, 20)) if t.category == "contract"]
    expected = set()
    for key, value in doc.items():
        if key in CONTRACT_RECORDS or (isinstance(value, list) and any("contract" in r for r in value)):
            for r in value if isinstance(value, list) else [value]:
                expected.add(f"{key}:{r['id']}")
    assert {t.key for t in tasks} == expected
    assert len(tasks) == len(expected)
    assert all(t.due is None for t in tasks)


def test_contract_task_fields_come_from_the_note() -> None:
    doc = _full()
    tasks = _by_key(build_checklist(doc, dt.date(2026, 1, 20)))
    phone = tasks["mobile_phone:mobile_phone-1"]
    contract = doc["mobile_phone"][0]["contract"]
    assert phone.counterparty == contract["counterparty"]["name"]
    assert phone.contract_id == contract["contract_number"]
    assert phone.desired_action == "解約する" and phone.desired_action_en
    assert phone.target == tasks["renounce_or_limited"].due and phone.due is None
    assert phone.source_path == "/mobile_phone/0"
    bank = tasks["deposit_account:deposit_account-1"]
    assert bank.counterparty == doc["deposit_account"][0]["bank"]["name"]
    assert bank.contract_id == doc["deposit_account"][0]["account_number"]


def test_contact_is_carried() -> None:
    doc = copy.deepcopy(_full())
    doc["utility"][0]["contract"]["counterparty"]["contact"] = {
        "phones": ["0120-000-000"],
        "url": "https://e.example",
    }
    task = _by_key(build_checklist(doc, dt.date(2026, 1, 20)))["utility:utility-1"]
    assert task.contact == "0120-000-000; https://e.example"


def test_hostile_shapes_are_ignored_not_crashed() -> None:
    doc: dict[str, Any] = {"pension": "x", "utility": [1, None, {"contract": "no"}], "real_estate": {}}
    tasks = build_checklist(doc, dt.date(2026, 1, 20))
    assert [t.key for t in tasks if t.category == "contract"] == ["utility:/utility/2"]
    assert "inheritance_registration" in {t.key for t in tasks}  # a single real_estate object still counts


def test_overdue() -> None:
    task = _by_key(build_checklist(_full(), dt.date(2026, 1, 20)))["death_registration"]
    assert task.is_overdue(dt.date(2026, 1, 27)) and not task.is_overdue(dt.date(2026, 1, 26))


def test_periods_from_learning_of_the_death() -> None:
    death, learned = dt.date(2024, 3, 15), dt.date(2024, 4, 2)
    tasks = _by_key(build_checklist(_full(), death, learned_on=learned))
    assert tasks["death_registration"].due == dt.date(2024, 4, 8)  # 04-02 … 04-08, first day counted
    assert tasks["renounce_or_limited"].due == dt.date(2024, 7, 2)
    assert tasks["final_income_tax"].due == dt.date(2024, 8, 2)
    assert tasks["inheritance_tax"].due == dt.date(2025, 2, 3)  # 2025-02-02 is a Sunday
    assert tasks["health_insurance_loss"].due == dt.date(2024, 3, 29)  # from the death itself
    assert tasks["renounce_or_limited"].from_learning and not tasks["health_insurance_loss"].from_learning
    assert "令和6年4月2日" in tasks["renounce_or_limited"].rule_ja
    with pytest.raises(ValueError):
        build_checklist(_full(), death, learned_on=dt.date(2024, 3, 14))


def test_rules_say_which_day_and_which_law() -> None:
    tasks = _by_key(build_checklist(_full(), dt.date(2024, 3, 15)))
    renounce = tasks["renounce_or_limited"]  # ends Saturday 2024-06-15
    assert renounce.due == dt.date(2024, 6, 17)
    assert "民法142条" in renounce.rule_ja and "民法140条" in renounce.rule_ja
    assert "知った日から数え直します" in renounce.rule_ja  # the heir may set the day
    final = tasks["final_income_tax"]  # ends on 海の日 2024-07-15
    assert final.due == dt.date(2024, 7, 16) and "国税通則法10条2項" in final.rule_ja
    assert "Act on General Rules for National Taxes art. 10(2)" in final.rule_en
    assert "戸籍法43条1項" in tasks["death_registration"].rule_ja
