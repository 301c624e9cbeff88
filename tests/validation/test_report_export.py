"""``endingnote validate --report FILE``: every finding as JSON, NDJSON, CSV or XLSX, the same bytes
for the same input (the web app's downloads are compared with these), cells safe to open."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from endingnote.validation import item_info, report_bytes, validate_bytes

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "standard" / "1.1" / "generated" / "conformance" / "invalid" / "impossible-birth-date.json"


def _formula_report() -> list[object]:
    doc = json.loads(
        (ROOT / "standard" / "1.1" / "generated" / "examples" / "minimal.json").read_text("utf-8")
    )
    doc["person"]["birth_date"] = '=HYPERLINK("http://x")'
    return [validate_bytes(json.dumps(doc).encode(), path="=cmd|' /C calc'!A0.json")]


def test_cells_that_look_like_formulas_stay_text() -> None:
    reports = _formula_report()
    rows = list(csv.reader(io.StringIO(report_bytes(reports, "csv").decode("utf-8-sig"))))  # type: ignore[arg-type]
    assert rows[0][:3] == ["file", "severity", "code"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(cell.startswith("'=cmd") for row in rows for cell in row)
    sheet = load_workbook(io.BytesIO(report_bytes(reports, "xlsx"))).active  # type: ignore[arg-type]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if str(c.value or "").startswith("=")]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_item_labels_and_categories() -> None:
    assert item_info("1.1", "person.birth_date") == ("生年月日", "Date of birth", "basic")
    assert item_info("1.1", "deposit_account.bank.name").category == "inheritance"
    assert item_info("1.1", "no_such.thing") == ("", "", "")
    assert item_info("9.9", "person.birth_date") == ("", "", "")


def test_the_command_writes_the_same_bytes_every_time(tmp_path: Path) -> None:
    (tmp_path / BROKEN.name).write_bytes(BROKEN.read_bytes())
    outputs = {}
    for run in range(2):
        for suffix in ("json", "ndjson", "csv", "xlsx"):
            name = f"r{run}.{suffix}"
            done = subprocess.run(
                [sys.executable, "-m", "endingnote", "validate", BROKEN.name, "--report", name],
                cwd=tmp_path, capture_output=True, check=False, timeout=120,
            )  # fmt: skip
            assert done.returncode == 1, done.stderr
            outputs[(run, suffix)] = (tmp_path / name).read_bytes()
    for suffix in ("json", "ndjson", "csv", "xlsx"):
        assert outputs[(0, suffix)] == outputs[(1, suffix)], suffix
    assert json.loads(outputs[(0, "json")])[0]["path"] == BROKEN.name
    assert outputs[(0, "ndjson")].count(b"\n") == 1
    done = subprocess.run(
        [sys.executable, "-m", "endingnote", "validate", BROKEN.name, "--report", "r.txt"],
        cwd=tmp_path, capture_output=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and b".xlsx" in done.stderr
