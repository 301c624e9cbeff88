"""The standard's content meets the bar the spine issue sets, and its source is checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from endingnote.errors import StandardError
from endingnote.standard import TIERS, get, versions
from endingnote.standard._load import load_standard


def test_version_1_0_size_and_coverage() -> None:
    std = get("1.0")
    items = std.items()
    assert len(items) >= 150
    assert len(std.records) >= 35
    assert len(std.codelists) >= 15
    assert {i.field.tier for i in items} == set(TIERS)
    assert {rt.category for rt in std.records.values()} == {c.key for c in std.categories}


def test_basic_four_data_are_common_items() -> None:
    std = get("1.0")
    for key in ("person.name", "person.birth_date", "person.sex", "person.residence_address"):
        item = std.item(key)
        assert item is not None and item.field.tier == "common", key


_SECRET_KEY = re.compile(r"(password|passwd|passcode|pin_?code|^pin$|secret|my_number$|kojin_bango)")


@pytest.mark.parametrize("version", versions())
def test_no_item_can_hold_a_secret_or_a_my_number(version: str) -> None:
    std = get(version)
    fields = [f for rt in std.records.values() for f in rt.items] + [
        f for p in std.parts.values() for f in p.fields
    ]
    offenders = [f.key for f in fields if _SECRET_KEY.search(f.key)]
    assert offenders == []
    my_number = [f for f in fields if "my_number" in f.key]
    assert my_number, "where the My Number card is kept is an item"
    assert all(f.key.endswith("_location") for f in my_number)


def test_item_uris_are_unique_and_stable() -> None:
    std = get("1.0")
    uris = [i.uri for i in std.items()]
    assert len(uris) == len(set(uris))
    assert all(u.startswith(std.namespace + "/item/") for u in uris)


def test_loader_reports_every_problem_with_its_file(tmp_path: Path, repo_root: Path) -> None:
    shutil.copytree(repo_root / "standard" / "1.0", tmp_path / "1.0")
    basic = tmp_path / "1.0" / "records" / "basic.yaml"
    text = basic.read_text(encoding="utf-8")
    text = text.replace("type: date", "type: dat", 1).replace("tier: common", "tier: commons", 1)
    basic.write_text(text, encoding="utf-8")
    with pytest.raises(StandardError) as exc:
        load_standard(tmp_path / "1.0")
    message = str(exc.value)
    assert "records/basic.yaml" in message
    assert "unknown type 'dat'" in message
    assert "tier 'commons'" in message
