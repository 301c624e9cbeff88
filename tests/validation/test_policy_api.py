"""``policy_findings``: the policy layer alone, for writers that must not put a secret on disk."""

from __future__ import annotations

from typing import Any

from endingnote.validation import policy_findings

SECRET = "暗証番号: 4321"
MY_NUMBER = "123456789018"


def test_findings_name_the_place_and_never_the_value(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["name"]["given"] = SECRET
    full_doc["deposit_account"][0]["note"] = f"番号 {MY_NUMBER}"
    found = policy_findings(full_doc)
    assert {(i.code, i.path) for i in found} == {
        ("policy.secret", "/person/name/given"),
        ("policy.my_number", "/deposit_account/0/note"),
    }
    for i in found:
        for text in (i.message_ja, i.message_en, i.path):
            assert "4321" not in text and MY_NUMBER not in text


def test_a_clean_document_has_none(full_doc: dict[str, Any]) -> None:
    assert policy_findings(full_doc) == []


def test_any_dict_is_accepted(full_doc: dict[str, Any]) -> None:
    """A converter's draft may not be a valid document yet: no header, odd values, huge numbers."""
    assert [i.code for i in policy_findings({"x": [SECRET, 10**40, None, 1.5]})] == ["policy.secret"]
    assert [i.path for i in policy_findings({"header": {"standard": "/etc"}, "m": MY_NUMBER})] == ["/m"]


def test_a_declared_identifier_is_exempt_as_in_validation() -> None:
    from endingnote.standard import get
    from endingnote.standard._examples import build_example

    doc = build_example(get("1.1"), full=True)
    doc["family_register_link"][0]["provision_code"] = "4111111111111111"
    assert policy_findings(doc) == []
