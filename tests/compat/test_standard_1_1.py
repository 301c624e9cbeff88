"""The real standard: 1.1's content, its compatibility with 1.0, and migrations of real documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from endingnote.compat import Level, check_compat, compare, migrate
from endingnote.standard import get, released_versions, standard_root
from endingnote.validation import validate_document
from tests.compat._gen import documents

DATA = Path(__file__).parent / "data"
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _errors(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((i.code, i.path) for i in validate_document(doc).issues if i.severity == "error")


def test_1_1_is_a_released_successor_of_1_0() -> None:
    std = get("1.1")
    assert (std.previous, std.status) == ("1.0", "released")
    assert {"1.0", "1.1"} <= set(released_versions())
    assert {"disclosure_rule", "family_register_link"} <= set(std.records)
    reading = std.parts["register_reading"].field_map()
    assert std.codelists[str(reading["source"].codelist)].values == (
        "notified",
        "filed",
        "ex_officio",
        "birth_report",
    )
    code = std.item("family_register_link.provision_code")
    assert code is not None and code.field.constraints["pattern"] == "^[0-9]{16}$"
    assert std.codelists["disclosure_audience"].values == ("all_heirs", "named_persons", "executor", "nobody")
    sections = set(std.codelists["disclosure_section"].values)
    assert {"all", "category:digital"} <= sections and set(std.records) <= sections


def test_every_deprecation_names_an_existing_replacement() -> None:
    std = get("1.1")
    deprecated = [i for i in std.items() if i.field.status == "deprecated"]
    assert deprecated, "1.1 deprecates at least one item"
    for i in deprecated:
        assert i.field.deprecated_in == "1.1" and i.field.replaced_by
        assert std.item(i.field.replaced_by) is not None, i.key


def test_1_0_to_1_1_is_backward_compatible() -> None:
    comparison = compare("1.0", "1.1")
    assert comparison.level is Level.ADDITIVE and comparison.ok
    rules = {(c.rule, c.path) for c in comparison.changes}
    assert ("ITEM_ADDED_OPTIONAL", "person.name_furigana") in rules
    assert ("RECORD_ADDED_OPTIONAL", "disclosure_rule") in rules
    assert ("RECORD_ADDED_OPTIONAL", "family_register_link") in rules
    assert ("ITEM_DEPRECATED", "legacy_setting.contact") in rules
    assert any(c.level is Level.EDITORIAL for c in comparison.changes)


def test_the_repository_passes_check_compat() -> None:
    results = check_compat()
    assert all(r.ok for r in results), [r.to_dict() for r in results if not r.ok]
    assert {r.old for r in results if r.kind == "frozen"} == set(released_versions())


def test_golden_down_migration_and_back() -> None:
    note = json.loads((DATA / "note-1.1.json").read_text(encoding="utf-8"))
    golden = json.loads((DATA / "note-1.1-as-1.0.json").read_text(encoding="utf-8"))
    assert _errors(note) == []
    down = migrate(note, "1.0")
    assert down.document == golden
    assert _errors(golden) == []
    carried = {i.path for i in down.carried}
    assert {"/person/name_furigana", "/family_register_link", "/disclosure_rule"} <= carried
    assert "/important_document/0/document_kind" in {
        i.path for i in down.issues if i.code == "migrate.code_fallback"
    }
    assert migrate(golden, "1.1").document == note


def test_real_1_0_documents_round_trip_and_stay_valid() -> None:
    @_SETTINGS
    @given(documents(get("1.0")))
    def prop(doc: dict[str, Any]) -> None:
        up = migrate(doc, "1.1")
        assert up.document is not None and not up.carried  # 1.1 holds everything 1.0 can
        assert _errors(up.document) == _errors(doc)
        assert migrate(up.document, "1.0").document == doc

    prop()


def test_real_1_1_documents_round_trip_and_valid_ones_stay_valid() -> None:
    @_SETTINGS
    @given(documents(get("1.1")))
    def prop(doc: dict[str, Any]) -> None:
        down = migrate(doc, "1.0")
        assert down.document is not None
        if not _errors(doc):
            assert _errors(down.document) == []
        assert migrate(down.document, "1.1").document == doc

    prop()


def test_the_changelog_names_every_normative_change() -> None:
    text = (standard_root() / "1.1" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 規範的な変更 / Normative changes" in text and "## 編集上の変更 / Editorial changes" in text
    for change in compare("1.0", "1.1").changes:
        if change.rule in ("PART_ADDED", "CODELIST_ADDED"):  # named with the items that use them
            name = change.path.partition(":")[2]
            assert name in text, change.path
            continue
        for token in change.path.replace(":", ".").replace("/", ".").split("."):
            if token not in ("codelist", "standard"):
                assert token in text, (change.rule, change.path)


def test_modernize_moves_deprecated_values_into_their_replacements() -> None:
    doc = {
        "header": {"standard": "1.0"},
        "person": json.loads((DATA / "note-1.1.json").read_text(encoding="utf-8"))["person"],
        "family_member": [{"id": "family_member-1", "name": {"family": "山田"}, "relationship": "child"}],
        "legacy_setting": [
            {"platform": "apple_legacy_contact", "contact": "family_member-1"},
            {"platform": "google_inactive_account_manager", "contact": "family_member-1"},
        ],
    }
    del doc["person"]["name_furigana"], doc["person"]["extensions"]
    plain = migrate(doc, "1.1")
    assert plain.document is not None and plain.document["legacy_setting"][0]["contact"] == "family_member-1"
    modern = migrate(doc, "1.1", modernize=True)
    assert modern.document is not None
    assert modern.document["legacy_setting"][0] == {
        "platform": "apple_legacy_contact",
        "trusted_contacts": ["family_member-1"],
    }
    assert [i.code for i in modern.issues if i.code.startswith("migrate.modern")] == [
        "migrate.modernized"
    ] * 2
    assert "semantic.deprecated_item" not in {i.code for i in validate_document(modern.document).issues}
    assert _errors(modern.document) == []
    # a replacement that already has a value is left alone, and said so
    doc["legacy_setting"][1]["contact"] = "family_member-1"
    taken = migrate(doc, "1.1")
    assert taken.document is not None
    taken.document["legacy_setting"][0]["trusted_contacts"] = ["family_member-1"]
    from endingnote.compat._modernize import modernize

    issues = modernize(taken.document, get("1.1"))
    assert [i.code for i in issues] == ["migrate.modernize_skipped", "migrate.modernized"]
