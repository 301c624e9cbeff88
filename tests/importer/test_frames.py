"""frames(): one typed DataFrame per record type present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from endingnote.importer._frames import frames

ROOT = Path(__file__).resolve().parents[2]


def _full(version: str = "1.1") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (ROOT / f"standard/{version}/generated/examples/full.json").read_text("utf-8")
    )
    return data


def test_one_frame_per_record_type_present() -> None:
    doc = _full()
    out = frames(doc)
    present = {k for k, v in doc.items() if k != "header" and v}
    assert set(out) == present
    assert len(out["deposit_account"]) == len(doc["deposit_account"])


def test_dtypes() -> None:
    out = frames(_full())
    liab = out["liability"]
    assert str(liab["start_date"].dtype).startswith("datetime64")
    assert liab["balance.amount"].dtype == pd.Int64Dtype()
    assert liab["balance.amount"].iloc[0] == 8000000
    assert liab["is_guarantee"].dtype == pd.BooleanDtype()
    kind = liab["liability_kind"]
    assert isinstance(kind.dtype, pd.CategoricalDtype)
    assert "mortgage" in list(kind.cat.categories)
    label = liab["liability_kind_label"].iloc[0]
    assert isinstance(label, str) and label and label != kind.iloc[0]
    assert list(liab.columns).index("liability_kind_label") == list(liab.columns).index("liability_kind") + 1
    assert out["deposit_account"]["bank.name"].iloc[0] == "株式会社サンプル銀行"  # dotted flattening
    assert out["profile"]["hobbies"].iloc[0] == "囲碁; 山歩き"  # repeating primitives joined
    assert str(out["note_info"]["updated_at"].dtype).startswith("datetime64")


def test_label_is_the_catalogue_label() -> None:
    from endingnote import standard

    std = standard.get("1.1")
    labels = {c.code: c.label_ja for c in std.codelists["desired_action"].codes}
    df = frames(_full())["mobile_phone"]
    assert df["contract.desired_action_label"].iloc[0] == labels[df["contract.desired_action"].iloc[0]]


def test_bad_values_become_missing_not_errors() -> None:
    doc = {
        "header": {"standard": "1.1"},
        "liability": [
            {
                "id": "a",
                "liability_kind": "not-a-code",
                "creditor": {"name": "x"},
                "balance": {"amount": "many"},
                "is_guarantee": "yes",
                "start_date": "2025-13-40",
            },
        ],
    }
    df = frames(doc)["liability"]
    assert (
        df["balance.amount"].isna().all()
        and df["is_guarantee"].isna().all()
        and df["start_date"].isna().all()
    )
    assert df["liability_kind"].iloc[0] == "not-a-code"  # kept as an extra category
    assert df["liability_kind_label"].isna().all()


def test_pydantic_model_accepted() -> None:
    from pydantic import BaseModel, ConfigDict

    class Note(BaseModel):
        model_config = ConfigDict(extra="allow")

    model = Note(**_full())
    assert set(frames(model)) == set(frames(_full()))


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_both_versions(version: str) -> None:
    assert frames(_full(version), standard_version=version)


def test_importing_the_module_does_not_import_pandas() -> None:
    code = (
        "import sys, endingnote.importer._frames, endingnote.importer._outputs;"
        " print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
