"""Fixtures for the converter tests: the sample vendors' mappings and small inline mappings."""

from __future__ import annotations

from pathlib import Path

import pytest

from endingnote.convert import Mapping, load_mapping

ROOT = Path(__file__).resolve().parents[2]
CONVERTERS = ROOT / "converters"
VENDORS = ("desktop_csv", "cloud_xml", "phone_json")
SAMPLES = {"desktop_csv": "sample.csv", "cloud_xml": "sample.xml", "phone_json": "sample.json"}

PERSON_FIELDS = """
fields:
  - {source: NAME, target: person.name, transforms: [trim, width, name_split]}
  - {source: BIRTH, target: person.birth_date, transforms: [{wareki: {style: letter}}]}
  - {source: SEX, target: person.sex, transforms: [{map: {values: {M: "1", F: "2"}}}]}
  - {source: PREF, target: person.residence_address.prefecture}
  - {source: CITY, target: person.residence_address.city}
"""


def write_mapping(tmp_path: Path, source: str, fields: str = PERSON_FIELDS, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        'mapping: "1"\nvendor: t\nstandard: "1.0"\n'
        "extension: {alias: vendor-a, namespace: https://vendor-a.example/ns/endingnote}\n"
        f"source: {source}\n{fields}",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def csv_mapping(tmp_path: Path) -> Mapping:
    return load_mapping(write_mapping(tmp_path, "{format: csv, encoding: cp932, person_key: ID}"))


@pytest.fixture(scope="session")
def vendor_mappings() -> dict[str, Mapping]:
    return {v: load_mapping(CONVERTERS / v / "mapping.yaml") for v in VENDORS}
