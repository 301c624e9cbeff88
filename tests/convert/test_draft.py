"""``mapping init`` drafts from headers and values: every bundled sample's draft is a valid mapping,
and most of its fields have the target and transforms of the real mapping (hidden from it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import yaml

from endingnote.convert import check_mapping
from endingnote.convert._draft import analyse, draft
from tests.convert.conftest import CONVERTERS

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_mapping_init", ROOT / "bench" / "mapping_init.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_value_kinds() -> None:
    assert analyse(["昭和40年7月14日", "S40.7.14", "1965/07/14"]).transforms == [
        {"first_of": [["wareki"], [{"date": {"format": "%Y/%m/%d"}}]]}
    ]
    assert analyse(["H27.12.22", "R04.07.22"]).transforms == [{"wareki": {"style": "letter", "pad": True}}]
    assert analyse(["男性", "女性"]).kind == "sex"
    assert analyse(["ﾔﾏﾀﾞ ﾀﾛｳ", "ｽｽﾞｷ ﾊﾅｺ"]).kind == "kana_name"
    assert analyse(["〒100-0013", "〒150-0001"]).transforms == [{"postal": {"style": "mark"}}]
    assert analyse(["1000013", "1500001"], "zip").kind == "postal"
    assert analyse(["1234567", "7654321"], "項目4").kind == "text"  # 7 digits alone are not a postal code
    assert analyse(["東京都千代田区霞が関2-1-2", "大阪府大阪市北区梅田3-1-3"]).kind == "address"
    assert analyse(["1,500,000円", "300,000円"]).kind == "amount"


def test_one_row_per_fact_export_gets_groups_from_its_kubun_column(tmp_path: Path) -> None:
    sample = tmp_path / "export.csv"
    sample.write_bytes((CONVERTERS / "ledger_csv" / "sample.csv").read_bytes())
    text = draft(sample, vendor="ledger")
    mapping = yaml.safe_load(text)
    assert mapping["mapping"] == "2" and mapping["source"]["encoding"] == "cp932"
    groups = {g["record"]: g for g in mapping["groups"]}
    assert groups["deposit_account"]["where"] == {"column": "区分", "equals": "預金"}
    person = {f["source"]: f for f in groups["person"]["fields"]}
    assert person["項目6"]["transforms"] == ["trim", "address"]
    assert "first_of" in person["項目3"]["transforms"][0]
    assert {s["source"] for s in groups["deposit_account"].get("secrets", [])} == {"暗証番号"}
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_mapping(path).valid


def test_drafts_of_the_bundled_samples_are_mostly_right(tmp_path: Path) -> None:
    bench = _bench()
    right = total = 0
    for vendor, name in bench.SAMPLES.items():
        copy = tmp_path / f"{vendor}-{name}"
        copy.write_bytes((CONVERTERS / vendor / name).read_bytes())
        path = tmp_path / f"{vendor}.yaml"
        path.write_text(draft(copy, vendor=vendor), encoding="utf-8")
        assert check_mapping(path).valid, vendor
        result = bench.score(vendor)
        right += result["right"]
        total += result["fields"]
    assert right / total >= 0.8
