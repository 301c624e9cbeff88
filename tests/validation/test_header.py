"""``header.standard`` is a version looked up among the installed standards, never a path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from endingnote.validation import validate, validate_many


def _codes(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(i.code, i.path) for i in validate(doc).issues]


def test_an_absolute_path_is_a_finding_and_never_loads_a_planted_standard(
    tmp_path: Path, full_doc: dict[str, Any]
) -> None:
    from endingnote.standard import standard_root

    planted = tmp_path / "evil"
    planted.parent.mkdir(exist_ok=True)
    import shutil

    shutil.copytree(standard_root() / "1.0", planted)  # a complete standard, somewhere else
    full_doc["header"]["standard"] = str(planted)
    assert _codes(full_doc) == [("header.malformed_version", "/header/standard")]


@pytest.mark.parametrize(
    "value",
    ["x" * 5000, "../1.0", "1.0/../1.0", "1.0\n", " 1.0", "01.0", "1.0.0", "", "1", "\x1b[31m1.0"],
)
def test_anything_but_a_version_is_malformed(full_doc: dict[str, Any], value: str) -> None:
    full_doc["header"]["standard"] = value
    [finding] = validate(full_doc).issues
    assert finding.code == "header.malformed_version"
    assert len(finding.message_en) < 200  # the value is quoted back, shortened
    assert "1.0, 1.1" in finding.message_en


@pytest.mark.parametrize(
    "value",
    [1.0, 1, None, True, [1] * 1000, {"a": 1}, 10**5000],
    ids=["float", "int", "null", "bool", "list", "dict", "huge-int"],
)
def test_a_version_that_is_not_a_string_is_malformed(full_doc: dict[str, Any], value: object) -> None:
    full_doc["header"]["standard"] = value
    [finding] = validate(full_doc).issues
    assert finding.code == "header.malformed_version"
    assert len(finding.message_en) < 200


def test_a_well_formed_version_that_is_not_installed_is_unknown(full_doc: dict[str, Any]) -> None:
    full_doc["header"]["standard"] = "9.9"
    assert _codes(full_doc) == [("header.unknown_version", "/header/standard")]


def test_a_batch_goes_on_past_a_5000_character_version(tmp_path: Path, full_doc: dict[str, Any]) -> None:
    (tmp_path / "a.json").write_bytes(orjson.dumps({**full_doc, "header": {"standard": "/" * 5000}}))
    (tmp_path / "b.json").write_bytes(orjson.dumps(full_doc))
    reports = list(validate_many([tmp_path], jobs=1))
    assert [r.valid for r in reports] == [False, True]
    assert reports[0].issues[0].code == "header.malformed_version"
