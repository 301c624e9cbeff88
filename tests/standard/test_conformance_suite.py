"""The published conformance suite passes: each case yields exactly its expected findings."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from endingnote.standard import versions
from endingnote.validation import validate

ROOT = Path(__file__).resolve().parents[2] / "standard"
CASES = sorted(
    p for v in versions() for p in (ROOT / v / "generated" / "conformance" / "invalid").glob("*.json")
    if not p.name.endswith(".expected.json")
)  # fmt: skip
VALID = sorted(
    p for v in versions() for p in (ROOT / v / "generated" / "conformance" / "valid").glob("*.json")
)


def test_the_suite_is_not_empty() -> None:
    assert len(CASES) >= 10 and len(VALID) >= 2


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parents[3].name}/{p.stem}")
def test_valid_cases(path: Path) -> None:
    report = validate(path)
    assert report.valid and report.issues == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parents[3].name}/{p.stem}")
def test_invalid_cases(path: Path) -> None:
    expected = orjson.loads(path.with_name(path.stem + ".expected.json").read_bytes())["expect"]
    report = validate(path)
    assert not report.valid
    assert sorted((i.code, i.path) for i in report.issues) == sorted((e["code"], e["path"]) for e in expected)
