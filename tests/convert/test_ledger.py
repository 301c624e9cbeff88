"""The fourth sample vendor (ledger_csv): one row per fact, a 区分 column, 項目1..6, mixed date
spellings, addresses in one cell, a PIN column. Every person converts valid with every value right
(asserted against the generator's truth), secrets are dropped, and the round trip holds."""

from __future__ import annotations

import importlib.util
from collections import Counter
from types import ModuleType
from typing import Any

import pytest

from endingnote.convert import Conversion, convert_bytes, load_mapping, to_vendor
from tests.convert.conftest import CONVERTERS

SAMPLE = CONVERTERS / "ledger_csv" / "sample.csv"
MAPPING = CONVERTERS / "ledger_csv" / "mapping.yaml"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_generate", CONVERTERS / "_generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
KANJI = "〇一二三四五六七八九"


@pytest.fixture(scope="module")
def conversion() -> Conversion:
    return convert_bytes(SAMPLE.read_bytes(), load_mapping(MAPPING), source="sample.csv")


def test_the_sample_is_what_the_generator_makes() -> None:
    raw = SAMPLE.read_bytes()
    assert GEN.ledger_csv(GEN.ledger_people()) == raw
    text = raw.decode("cp932")
    assert "\r\n" in text and text.startswith("会員ID,区分,項目1")
    rows = text.splitlines()[1:]
    assert len({r.split(",")[0] for r in rows}) == 40


def test_every_person_is_valid(conversion: Conversion) -> None:
    assert not conversion.refused and len(conversion.persons) == 40
    errors = {
        p.key: [i.to_dict() for i in p.issues if i.severity.value == "error"] for p in conversion.persons
    }
    assert {k: v for k, v in errors.items() if v} == {}


def _expected_person(p: dict[str, Any]) -> dict[str, Any]:
    postal, pref, city, town, chome, block = p["place"]
    address = {
        "postal_code": postal,
        "prefecture": pref,
        "city": city,
        "town": town + (f"{KANJI[chome]}丁目" if chome else ""),
        "block": block,
    }
    return {
        "name": {
            "family": p["family"][0],
            "given": p["given"][0],
            "family_kana": p["family"][1],
            "given_kana": p["given"][1],
        },
        "birth_date": p["birth"].isoformat(),
        "sex": p["sex"],
        "address": address,
        "phones": [p["phone"], p["mobile"]] if p["n"] % 2 == 0 else [p["mobile"]],
        "emails": [p["email"]] if p["n"] % 3 else [],
    }


def test_every_field_is_right(conversion: Conversion) -> None:
    people = {f"K{p['id']}": {**p, "n": n} for n, p in enumerate(GEN.ledger_people())}
    for result in conversion.persons:
        doc = result.document
        truth = people[result.key]
        want = _expected_person(truth)
        person = doc["person"]
        assert person["name"] == want["name"], result.key
        assert person["birth_date"] == want["birth_date"], result.key
        assert person["sex"] == want["sex"]
        got_address = {k: v for k, v in person["residence_address"].items() if k in want["address"]}
        assert got_address == want["address"], result.key
        assert len(person["residence_address"]["local_government_code"]) == 6
        assert person["phones"] == want["phones"] and person.get("emails", []) == want["emails"]
        family = {m["id"]: m for m in doc.get("family_member", [])}
        assert sorted(family) == sorted(f"fm-{code}" for _, _, code, _, _ in truth["family_members"])
        for _role, name, code, rel, born in truth["family_members"]:
            member = family[f"fm-{code}"]
            assert member["relationship"] == rel and member["birth_date"] == born.isoformat()
            assert member["name"]["given"] == name.split("　")[1]
        deposits = doc.get("deposit_account", [])
        assert [d["bank"]["name"] for d in deposits] == [d["bank"] for d in truth["deposits"]]
        assert [d["account_number"] for d in deposits] == [
            "***" + d["number"][-4:] for d in truth["deposits"]
        ]
        policies = doc.get("life_insurance", [])
        assert [pol["contract"]["contract_number"] for pol in policies] == [
            x["policy"] for x in truth["policies"]
        ]
        for pol, x in zip(policies, truth["policies"], strict=True):
            assert pol["insurance_kind"] == x["kind"][1]
            if x["beneficiary"]:
                code = {"配偶者": "spouse", "長男": "son1", "長女": "daughter1"}[x["beneficiary"]]
                assert pol["beneficiaries"] == [f"fm-{code}"]
                assert pol["contract"]["note"] == f"受取人：{x['beneficiary']}"
        if truth["funeral"]:
            f = doc["funeral_wishes"]
            assert f["funeral_type"] == truth["funeral"]["type"][1]
            assert f["religion"] == truth["funeral"]["religion"][1]
            assert f["budget"] == {"amount": truth["funeral"]["budget"], "currency": "JPY"}
        else:
            assert "funeral_wishes" not in doc


def test_dates_take_several_branches(conversion: Conversion) -> None:
    fields = conversion.loss_report()["fields"]
    birth = next(e for e in fields if e["scope"] == "person" and e["source"] == "項目3")
    assert set(birth["branches"]) >= {"first_of[0]", "first_of[1]", "first_of[2]"}


def test_pins_and_secret_memos_never_reach_the_documents(conversion: Conversion) -> None:
    everything = b"".join(p.document_json for p in conversion.persons).decode()
    assert "暗証番号" not in everything
    codes = Counter(i.code for p in conversion.persons for i in p.issues)
    people = GEN.ledger_people()
    # the PIN column is declared at the person level: one drop per person whose rows carry one
    assert codes["convert.secret.dropped"] == sum(1 for p in people if p["pin"] and p["deposits"]) > 0
    secret_memos = sum(1 for p in people for m in p["memo"] if m.startswith("暗証番号"))
    assert secret_memos > 0 and codes["convert.secret.value_dropped"] == secret_memos
    dropped = [i for p in conversion.persons for i in p.issues if i.code == "convert.secret.value_dropped"]
    assert all(i.path.startswith("row:") and "暗証番号：" not in i.message_ja for i in dropped)


def test_round_trip(conversion: Conversion) -> None:
    mapping = load_mapping(MAPPING)
    docs = [(p.key, p.document) for p in conversion.persons]
    back, issues = to_vendor(docs, mapping)
    assert [i.to_dict() for i in issues if i.code == "convert.target.cannot_hold"] == []
    again = convert_bytes(back, mapping)
    assert again.valid
    assert [p.document for p in again.persons] == [p.document for p in conversion.persons]
