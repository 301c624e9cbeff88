"""The converter's output pinned byte for byte: the committed samples of every vendor, and a messy
export (bad dates, unknown codes, stray and secret columns, a card number, an unknown 記録区分,
values the validator rejects), each as documents (exact bytes), findings, provenance and the loss
report; and a streamed ``run`` into NDJSON with its report. A speed change that alters any output
fails here.

Regenerate (only when an output change is intended, and review the diff):
``ENDINGNOTE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/convert/test_golden.py``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from endingnote.convert import Conversion, convert_bytes, load_mapping, run
from tests.convert.conftest import CONVERTERS

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = {
    "desktop_csv": "sample.csv",
    "cloud_xml": "sample.xml",
    "phone_json": "sample.json",
    "ledger_csv": "sample.csv",
}


def _messy_desktop() -> bytes:
    """The desktop sample as a careless export leaves it: every kind of trouble at least once."""
    text = (CONVERTERS / "desktop_csv" / "sample.csv").read_bytes().decode("cp932")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    header += ["趣味", "ﾛｸﾞｲﾝPW"]
    for n, row in enumerate(rows[1:], start=1):
        row += ["囲碁" if n % 3 == 0 else "", "abc123" if n % 7 == 0 else ""]
        pid = int(row[col["会員番号"]])  # person-level trouble on every row of the person
        if pid % 5 == 0:
            row[col["生年月日"]] = "昭和99年13月40日"  # no such date
        if pid % 6 == 0:
            row[col["性別"]] = "X"  # not in the map
        if pid % 7 == 0:
            row[col["郵便番号"]] = "100-8914"  # disagrees with the address
        if pid % 4 == 0:
            row[col["ﾒｰﾙｱﾄﾞﾚｽ"]] = "not an email"
        if pid == 10 and n % 2 == 0:
            row[col["氏名"]] = "別人　花子"  # the person's columns disagree between rows
        if n % 8 == 0:
            row[col["金融機関ｺｰﾄﾞ"]] = "12"  # the validator wants four digits
        if n % 9 == 0:
            row[col["ﾒﾓ"]] = "カード 4111 1111 1111 1111 です"  # a card number in free text
        if n % 11 == 0:
            row[col["記録区分"]] = "不動産"  # no group takes it
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("cp932")


CASES: dict[str, tuple[str, Any]] = {
    **{v: (v, lambda v=v: (CONVERTERS / v / SAMPLES[v]).read_bytes()) for v in SAMPLES},
    "desktop_csv_messy": ("desktop_csv", _messy_desktop),
}


def _snapshot(conv: Conversion) -> dict[str, Any]:
    loss = conv.loss_report()
    loss["mapping"] = Path(loss["mapping"]).relative_to(CONVERTERS).as_posix()
    return {
        "persons": [
            {
                "key": p.key,
                "document_json": p.document_json.decode("utf-8"),
                "issues": [i.to_dict() for i in p.issues],
                "provenance": p.provenance,
            }
            for p in conv.persons
        ],
        "loss_report": loss,
    }


def _check(name: str, got: dict[str, Any]) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(got, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("ENDINGNOTE_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)
    assert path.read_text(encoding="utf-8") == text  # and in the same order


@pytest.mark.parametrize("case", sorted(CASES))
def test_conversion_matches_its_golden(case: str) -> None:
    vendor, make = CASES[case]
    mapping = load_mapping(CONVERTERS / vendor / "mapping.yaml")
    conv = convert_bytes(make(), mapping, source=case, keep_provenance=True)
    _check(case, _snapshot(conv))


@pytest.mark.parametrize("case", ["desktop_csv_messy", "ledger_csv"])
def test_streamed_run_matches_its_golden(case: str, tmp_path: Path) -> None:
    vendor, make = CASES[case]
    src = tmp_path / "in.dat"
    src.write_bytes(make())
    out, report = tmp_path / "out.ndjson", tmp_path / "report.json"
    summary = run(src, CONVERTERS / vendor / "mapping.yaml", out, report=report, label=case)
    loss = json.loads(report.read_bytes())
    loss["mapping"] = Path(loss["mapping"]).relative_to(CONVERTERS).as_posix()
    got = {
        "summary": {**summary.to_dict(), "output": Path(summary.output or "").name},
        "ndjson": out.read_bytes().decode("utf-8").splitlines(),
        "report": loss,
    }
    _check(f"run_{case}", got)
