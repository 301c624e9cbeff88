"""Structure, semantics and policy: each finding has its code, pointer, item and both languages."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from endingnote.validation import validate


def found(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {(i.code, i.path) for i in validate(orjson.dumps(doc)).issues}


def test_examples_are_valid(full_doc: dict[str, Any], minimal_doc: dict[str, Any]) -> None:
    for doc in (full_doc, minimal_doc):
        report = validate(doc)
        assert report.valid, [i.to_dict() for i in report.issues]
        assert report.issues == []


def test_every_issue_is_bilingual_and_has_a_registered_code(full_doc: dict[str, Any]) -> None:
    from endingnote._codes import all_codes

    full_doc["person"]["name"]["family_kana"] = "やまだ"
    full_doc["person"]["birth_date"] = "1950-02-30"
    full_doc["person"]["sex"] = "7"
    full_doc["person"]["unknown"] = 1
    registered = all_codes()
    report = validate(full_doc)
    assert len(report.issues) >= 4
    for i in report.issues:
        assert i.code in registered
        assert i.message_ja and i.message_en and i.message_ja != i.message_en
        assert i.path.startswith("/person")


def test_never_stops_at_the_first_error(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["name"]["family_kana"] = "やまだ"
    full_doc["person"]["birth_date"] = "1950-02-30"
    full_doc["person"]["sex"] = "7"
    del full_doc["person"]["residence_address"]
    assert found(full_doc) >= {
        ("value.kana", "/person/name/family_kana"),
        ("value.date", "/person/birth_date"),
        ("value.code", "/person/sex"),
        ("structure.required", "/person/residence_address"),
    }


def test_items_are_named_in_issues(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["residence_address"]["postal_code"] = "100-0013"
    [finding] = validate(full_doc).issues
    assert (finding.code, finding.item) == ("value.postal_code", "person.residence_address")
    assert "郵便番号" in finding.message_ja


def test_unknown_property_points_at_it(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["hobby"] = "囲碁"
    assert found(full_doc) == {("structure.unknown_property", "/person/hobby")}


def test_corporate_number_check_digit(full_doc: dict[str, Any]) -> None:
    from endingnote.standard._types import corporate_number_ok

    assert corporate_number_ok("5010005000007")
    doc = full_doc
    bank = doc["deposit_account"][0]["bank"]
    bank["corporate_number"] = "5010005000008"
    assert ("value.corporate_number_check_digit", "/deposit_account/0/bank/corporate_number") in found(doc)


def test_unresolved_reference_and_duplicate_id(full_doc: dict[str, Any]) -> None:
    refs = _find_refs(full_doc)
    assert refs, "the full example has references"
    path, holder, key = refs[0]
    holder[key] = "no-such-id"
    first = full_doc["deposit_account"][0]
    full_doc["deposit_account"].append(dict(first))
    result = found(full_doc)
    assert ("semantic.ref_unresolved", path) in result
    assert ("semantic.duplicate_id", "/deposit_account/1/id") in result


def _find_refs(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """Every single-valued reference in the document: (pointer, holder object, key)."""
    from endingnote.standard import Field, get

    std = get("1.0")
    out: list[tuple[str, dict[str, Any], str]] = []

    def walk(obj: Any, fields: tuple[Field, ...], prefix: str) -> None:
        if not isinstance(obj, dict):
            return
        for f in fields:
            if f.key not in obj:
                continue
            if f.type == "ref" and not f.repeating:
                out.append((f"{prefix}/{f.key}", obj, f.key))
            elif f.type in std.parts and not f.repeating:
                walk(obj[f.key], std.parts[f.type].fields, f"{prefix}/{f.key}")

    for rt in std.records.values():
        records = doc.get(rt.key)
        if rt.repeating and isinstance(records, list):
            for i, r in enumerate(records):
                walk(r, rt.items, f"/{rt.key}/{i}")
        else:
            walk(records, rt.items, f"/{rt.key}")
    return out


def test_dates_in_the_wrong_order(full_doc: dict[str, Any]) -> None:
    from endingnote.standard import get
    from endingnote.validation._semantic import DATE_PAIRS

    std = get("1.0")
    for rt in std.records.values():
        keys = rt.item_map()
        for earlier, later in DATE_PAIRS:
            if earlier in keys and later in keys and rt.repeating and full_doc.get(rt.key):
                record = full_doc[rt.key][0]
                record[earlier], record[later] = "2020-01-02", "2020-01-01"
                assert ("semantic.date_order", f"/{rt.key}/0/{later}") in found(full_doc)
                return
    pytest.fail("the catalogue has no record with an ordered date pair")


@pytest.mark.parametrize(
    "text",
    [
        "123456789018",
        "1234 5678 9018",
        "1234-5678-9018",
        "１２３４５６７８９０１８",
        "番号は１２３４　５６７８　９０１８です",
    ],
)
def test_my_number_anywhere_is_an_error(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"]["name"]["given"] = text
    assert ("policy.my_number", "/person/name/given") in found(full_doc)


def test_twelve_digits_with_a_wrong_check_digit_are_not_a_my_number(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["name"]["given"] = "123456789012"
    assert not any(code == "policy.my_number" for code, _ in found(full_doc))


def test_my_number_in_an_extension_is_found(full_doc: dict[str, Any]) -> None:
    full_doc["header"]["extensions"] = {"acme": "https://acme.example/ns"}
    full_doc["extensions"] = {"acme": {"memo": {"deep": ["x", "123456789018"]}}}
    assert ("policy.my_number", "/extensions/acme/memo/deep/1") in found(full_doc)


@pytest.mark.parametrize(
    "text", ["パスワード: hunter2", "暗証番号：１２３４", "PIN=0000", "password = s3cret"]
)
def test_stored_secrets_are_errors(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"]["name"]["given"] = text
    assert ("policy.secret", "/person/name/given") in found(full_doc)


@pytest.mark.parametrize("text", ["パスワードは1Passwordに保存", "暗証番号は妻が知っている", "spinach: yes"])
def test_mentioning_where_a_secret_is_kept_is_fine(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"]["name"]["given"] = text
    assert not any(code == "policy.secret" for code, _ in found(full_doc))


def test_secret_named_key_in_an_extension(full_doc: dict[str, Any]) -> None:
    full_doc["header"]["extensions"] = {"acme": "https://acme.example/ns"}
    full_doc["extensions"] = {"acme": {"password": "x"}}
    assert ("policy.secret", "/extensions/acme/password") in found(full_doc)


def test_card_number_is_an_error(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["name"]["given"] = "4111 1111 1111 1111"
    assert ("policy.card_number", "/person/name/given") in found(full_doc)


def test_undeclared_extension_alias(full_doc: dict[str, Any]) -> None:
    full_doc["extensions"] = {"acme": {"x": 1}}
    assert ("semantic.extension_alias_undeclared", "/extensions/acme") in found(full_doc)


def test_conformance_summary_counts_common_items(minimal_doc: dict[str, Any]) -> None:
    from endingnote.standard import get

    report = validate(minimal_doc)
    assert report.conformance is not None
    std = get("1.0")
    common_total = sum(1 for i in std.items() if i.field.tier == "common" and i.field.status != "deprecated")
    counts = report.conformance.by_category
    assert sum(t["common"].total for t in counts.values() if "common" in t) == common_total
    present = sum(t["common"].present for t in counts.values() if "common" in t)
    assert present + len(report.conformance.missing_common) == common_total
    assert "person.birth_date" not in report.conformance.missing_common


def test_a_declared_16_digit_identifier_is_not_a_card_number() -> None:
    """The 戸籍電子証明書提供用識別符号 (1.1) is 16 digits; a Luhn-valid one is not a card number there…"""
    from endingnote.standard import get
    from endingnote.standard._examples import build_example

    doc = build_example(get("1.1"), full=True)
    link = doc["family_register_link"][0]
    link["provision_code"] = "4111111111111111"
    assert not any(i.code == "policy.card_number" for i in validate(doc).issues)
    # … but the same digits in free text are.
    doc["person"]["name"]["given"] = "4111111111111111"
    assert ("policy.card_number", "/person/name/given") in {(i.code, i.path) for i in validate(doc).issues}


def test_a_date_before_the_1873_reform_is_a_warning(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["birth_date"] = "1872-12-31"
    report = validate(full_doc)
    assert report.valid
    assert [(i.code, i.path, i.severity.value) for i in report.issues] == [
        ("semantic.pre_meiji6_date", "/person/birth_date", "warning")
    ]
    full_doc["person"]["birth_date"] = "1873-01-01"
    assert validate(full_doc).issues == []


def test_a_birth_date_in_the_future_is_a_warning(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["birth_date"] = "2999-01-01"
    assert [(i.code, i.severity.value) for i in validate(full_doc).issues] == [
        ("semantic.future_date", "warning")
    ]


def test_a_birth_date_of_today_is_not_in_the_future(full_doc: dict[str, Any]) -> None:
    import datetime

    today = datetime.date.today()
    full_doc["person"]["birth_date"] = today.isoformat()
    assert validate(full_doc).issues == []
    full_doc["person"]["birth_date"] = (today + datetime.timedelta(days=1)).isoformat()
    assert [i.code for i in validate(full_doc).issues] == ["semantic.future_date"]
    full_doc["person"]["birth_date"] = "2999-02-30"  # malformed and in the future: both said
    assert {i.code for i in validate(full_doc).issues} == {"value.date", "semantic.future_date"}


def test_references_resolve_per_document_across_threads(full_doc: dict[str, Any]) -> None:
    """Each thread's validator owns the id sets its reference formats read: no leaks between documents."""
    import copy
    from concurrent.futures import ThreadPoolExecutor

    broken = copy.deepcopy(full_doc)
    path, holder, key = _find_refs(broken)[0]
    holder[key] = "no-such-id"
    jobs = [full_doc, broken] * 40
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(found, jobs))
    for doc, result in zip(jobs, results, strict=True):
        assert (("semantic.ref_unresolved", path) in result) is (doc is broken)


@pytest.mark.parametrize(
    "text",
    ["1234−5678−9018", "１２３４－５６７８－９０１８", "1234‐5678‐9018", "番号:123456789018です"],
)
def test_my_number_with_other_separators(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"]["name"]["given"] = text
    assert ("policy.my_number", "/person/name/given") in found(full_doc)


@pytest.mark.parametrize("text", ["パスワード　：　abc123", "暗証番号\u00a0=\u00a01234", "PIN\u2003: 0000"])
def test_a_secret_with_unicode_spaces_is_found(full_doc: dict[str, Any], text: str) -> None:
    full_doc["person"]["name"]["given"] = text
    assert ("policy.secret", "/person/name/given") in found(full_doc)


def test_a_secret_behind_a_unicode_escape_is_found() -> None:
    memo = b'"\\u30d1\\u30b9\\u30ef\\u30fc\\u30c9: x"'  # "パスワード: x", escaped
    raw = b'{"header": {"standard": "1.0"}, "extensions": {"x": {"memo": ' + memo + b"}}}"
    assert ("policy.secret", "/extensions/x/memo") in {(i.code, i.path) for i in validate(raw).issues}


def test_a_migrated_identifier_in_a_carrier_extension_is_not_a_card_number() -> None:
    """1.1's 16-digit provision code, carried down to 1.0 by a migration, stays exempt."""
    from endingnote.compat import migrate
    from endingnote.standard import get
    from endingnote.standard._examples import build_example

    doc = build_example(get("1.1"), full=True)
    doc["family_register_link"][0]["provision_code"] = "4111111111111111"
    down = migrate(doc, "1.0").document
    assert down is not None
    assert not any(i.code == "policy.card_number" for i in validate(down).issues)
