"""The validator calls check_document_extensions: registered values are checked, others kept."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from endingnote.compat import migrate
from endingnote.validation import validate_document

NOTE = Path(__file__).parents[1] / "compat" / "data" / "note-1.1.json"


def _note() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(NOTE.read_text(encoding="utf-8"))
    return doc


def test_registered_extension_values_are_validated() -> None:
    doc = _note()
    doc["person"]["extensions"]["vendor-a"]["memo_colour"] = "pink"
    report = validate_document(doc)
    assert not report.valid
    assert [(i.code, i.path) for i in report.errors] == [
        ("extension.invalid_value", "/person/extensions/vendor-a/memo_colour")
    ]


def test_unregistered_extension_is_a_warning_and_survives_validation_and_migration() -> None:
    doc = _note()
    doc["header"]["extensions"]["acme"] = "https://acme.example/ns/endingnote"
    doc["digital_account"][0]["extensions"] = {"acme": {"sync": {"every": [1, 2, 3]}, "x": None}}
    before = copy.deepcopy(doc)
    report = validate_document(doc)
    assert report.valid
    assert "extension.unregistered" in {i.code for i in report.warnings}
    assert doc == before
    down = migrate(doc, "1.0").document
    assert down is not None
    assert (
        down["digital_account"][0]["extensions"]["acme"] == before["digital_account"][0]["extensions"]["acme"]
    )
    assert down["header"]["extensions"]["acme"] == "https://acme.example/ns/endingnote"
    assert migrate(down, "1.1").document == before


def test_documents_of_either_version_validate() -> None:
    doc = _note()
    assert validate_document(doc).valid
    down = migrate(doc, "1.0").document
    assert down is not None and down["header"]["standard"] == "1.0"
    report = validate_document(down)
    assert report.valid and report.standard_version == "1.0"
    # a 1.1-only item in a document that says 1.0 is refused by the closed 1.0 schema
    wrong = copy.deepcopy(doc)
    wrong["header"]["standard"] = "1.0"
    assert not validate_document(wrong).valid
