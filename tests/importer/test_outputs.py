"""write_outputs(): every output read back; formula injection; atomicity; unverified marking; SVG."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from endingnote.errors import InputError
from endingnote.importer import _outputs
from endingnote.importer._checklist import Task, build_checklist
from endingnote.importer._outputs import MARKER_NAME, write_outputs

from .test_ics import parse as parse_ics

ROOT = Path(__file__).resolve().parents[2]
EVIL = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">'
    "<script>alert(2)</script><foreignObject><div>x</div></foreignObject>"
    '<text x="1" y="10" onclick="alert(3)">山田 一郎</text>'
    '<a xlink:href="javascript:alert(4)"><rect width="1" height="1"/></a></svg>'
)


def _doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((ROOT / "standard/1.1/generated/examples/full.json").read_text("utf-8"))
    doc["profile"]["hobbies"] = EVIL[:2]
    doc["memoir"]["summary"] = EVIL[0]
    doc["life_plan"][0]["title"] = "<script>alert('x')</script>"
    return doc


def _summary(**extra: Any) -> dict[str, Any]:
    return {
        "verdict": "VALID",
        "revocation": "unknown",
        "signer": "山田 太郎",
        "timestamp": "2026-01-15T01:00:00Z",
        "decedent": {"name": "山田 太郎", "death_date": "2026-01-20"},
        "claimant": {"name": "山田 一郎", "capacity": "子", "share": "1/2"},
        "heirs": [
            {"name": "山田 一郎", "capacity": "子", "share": "1/2"},
            {"name": "<b>花子</b>", "capacity": "配偶者", "share": "1/2"},
        ],
        "withheld": [{"section": "digital_account", "label_ja": "デジタルアカウント", "label_en": "Digital"}],
        "reasons": [{"ja": "=cmd|' /C calc'!A0", "en": "=cmd|' /C calc'!A0"}],
        **extra,
    }


def _write(out: Path, *, unverified: bool = False, svg: str | None = SVG, **kw: Any) -> list[Path]:
    doc = _doc()
    tasks = build_checklist(doc, dt.date(2026, 1, 20))
    return write_outputs(
        out,
        doc,
        tasks=tasks,
        standard_version="1.1",
        heir_map_svg=svg,
        summary=_summary(**kw),
        unverified=unverified,
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html(path: Path) -> _Text:
    p = _Text()
    p.feed(path.read_text("utf-8"))
    return p


def test_all_outputs_read_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = _write(out)
    names = {p.relative_to(out).as_posix() for p in written}
    assert {"note.json", "workbook.xlsx", "report.html", "checklist.ics", "csv/deposit_account.csv"} <= names
    assert all(p.is_file() for p in written)
    assert (out / MARKER_NAME).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temp debris

    note = json.loads((out / "note.json").read_text("utf-8"))
    assert note == _doc()

    wb = openpyxl.load_workbook(out / "workbook.xlsx")
    assert wb.sheetnames[:2] == ["概要", "手続き"]
    from endingnote import standard

    std = standard.get("1.1")
    assert wb.sheetnames[2:] == [std.records[k].label_ja[:31] for k in std.records if _doc().get(k)]
    bank_ws = wb[std.records["deposit_account"].label_ja[:31]]
    header = [c.value for c in bank_ws[1]]
    assert header[0] == "項目" and "金融機関・名称" in header and "ID" not in header
    assert bank_ws.freeze_panes == "A2" and bank_ws.auto_filter.ref.startswith("A1:")
    first = [c.value for c in bank_ws[2]]
    assert first[0] == "株式会社サンプル銀行 本店営業部 普通預金(通常貯金) ***4567"
    assert first[header.index("死後の希望")] == "名義変更・承継する"
    assert bank_ws.column_dimensions["A"].width >= 40  # wide enough for the Japanese title
    grave_ws = wb[std.records["grave"].label_ja[:31]]
    grave_head = [c.value for c in grave_ws[1]]
    fee = grave_ws.cell(row=2, column=grave_head.index("年間管理料") + 1)
    assert fee.value == 12000 and fee.number_format == '#,##0"円"'
    assert grave_ws.cell(row=2, column=grave_head.index("承継者") + 1).value == "山田　一郎(子)"
    person_ws = wb[std.records["person"].label_ja[:31]]
    person_head = [c.value for c in person_ws[1]]
    born = person_ws.cell(row=2, column=person_head.index("生年月日") + 1)
    assert born.is_date and born.value.date() == dt.date(1950, 4, 1)
    assert person_ws.cell(row=2, column=person_head.index("現住所") + 1).value.startswith("〒100-0013 ")
    tasks_ws = wb["手続き"]
    rows = list(tasks_ws.iter_rows(values_only=True))
    assert rows[0][0] == "期限・目安"
    assert any(r[2] == "死亡届の提出" and r[0] == dt.datetime(2026, 1, 26) for r in rows)

    with open(out / "csv/deposit_account.csv", "rb") as fh:
        raw = fh.read()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][0] == "項目" and "金融機関・名称" in table[0]
    assert table[1][table[0].index("金融機関・名称")] == "株式会社サンプル銀行"
    assert table[1][table[0].index("ネットバンキング")] == "株式会社サンプル銀行"  # a reference, resolved

    cal = parse_ics((out / "checklist.ics").read_bytes())
    assert len(cal["events"]) == sum(1 for t in build_checklist(_doc(), dt.date(2026, 1, 20)) if t.date)


def test_formula_injection_neutralised(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(out)
    wb = openpyxl.load_workbook(out / "workbook.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert risky and all(c.data_type == "s" and c.quotePrefix for c in risky)  # text, no apostrophe
    assert all(c.data_type != "f" for c in cells)
    values = {c.value for c in cells}
    assert EVIL[0] in values and EVIL[0] + "、" + EVIL[1] in values
    assert "=cmd|' /C calc'!A0" in values  # summary reasons too
    assert not [c.value for c in cells if c.value.startswith("'=")]
    for path in (out / "csv").iterdir():
        for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))):
            assert not [v for v in row if v.startswith(("=", "+", "-", "@", "\t", "\r"))], (path, row)
    memoir_csv = (out / "csv/memoir.csv").read_text("utf-8-sig")
    assert "'" + EVIL[0].replace('"', '""') in memoir_csv


def test_report_html(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(out)
    text = (out / "report.html").read_text("utf-8")
    parsed = _html(out / "report.html")
    assert text.startswith("<!DOCTYPE html>") and parsed.tags[0] == ("html", {"lang": "ja"})
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags  # neither the SVG's nor the note's
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert "javascript:" not in text
    assert "foreignObject" not in text and "svg" in tags and "text" in tags and "rect" in tags
    body = "".join(parsed.text)
    assert "<script>alert('x')</script>" in body  # the note's text shown, escaped
    assert "<b>花子</b>" in body and "b" not in tags
    assert "revocation-unknown" in {a.get("id") for _, a in parsed.tags}
    assert "デジタルアカウント" in body and "民法915条1項" in body and "山田 一郎" in body
    assert "令和8年1月20日 (2026-01-20)" in body  # dates in 和暦 with 西暦
    assert "日本時間" in body and "+00:00" not in body.split("技術的な詳細")[0]
    assert "@media print" in text
    assert "unverified" not in {a.get("id") for _, a in parsed.tags}


def test_revocation_alert_only_when_unknown(tmp_path: Path) -> None:
    _write(tmp_path / "out", revocation="not_revoked")
    assert "revocation-unknown" not in {a.get("id") for _, a in _html(tmp_path / "out/report.html").tags}


@pytest.mark.parametrize(
    "svg",
    [
        "<html xmlns='http://www.w3.org/1999/xhtml'><script/></html>",
        "not xml",
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    ],
)
def test_non_svg_heir_map_refused(tmp_path: Path, svg: str) -> None:
    _write(tmp_path / "out", svg=svg)
    text = (tmp_path / "out/report.html").read_text("utf-8")
    assert "root:" not in text and "<script" not in text
    assert 'class="heirmap"' not in text and "&x;" not in text
    assert "一覧図を表示できません" in text


def test_unverified_marks_every_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = _write(out, unverified=True)
    assert all(p.name.startswith("UNVERIFIED-") for p in written)
    note_text = (out / "UNVERIFIED-note.json").read_text("utf-8")
    assert next(iter(json.loads(note_text))) == "unverified" and json.loads(note_text)["unverified"] is True
    wb = openpyxl.load_workbook(out / "UNVERIFIED-workbook.xlsx")
    assert wb.sheetnames[0] == "UNVERIFIED"
    assert "unverified" in {a.get("id") for _, a in _html(out / "UNVERIFIED-report.html").tags}
    rows = list(csv.reader(io.StringIO((out / "csv/UNVERIFIED-deposit_account.csv").read_text("utf-8-sig"))))
    assert rows[0][0] == "検証状態" and all(r[0] == "未検証" for r in rows[1:])
    cal = parse_ics((out / "UNVERIFIED-checklist.ics").read_bytes())
    assert all("UNVERIFIED" in e["SUMMARY"] for e in cal["events"])


def test_refuses_a_foreign_non_empty_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(InputError):
        _write(out)
    assert [p.name for p in out.iterdir()] == ["precious.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError):
        _write(tmp_path / "file")


def test_replaces_an_earlier_import_and_an_empty_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _write(out, unverified=True)
    _write(out)
    assert not list(out.glob("UNVERIFIED-*")) and (out / "note.json").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_failure_mid_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: Any, **_k: Any) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(_outputs, "_csv", boom)  # after note.json and the workbook are written
    with pytest.raises(RuntimeError):
        _write(tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_earlier_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _write(out)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    monkeypatch.setattr(_outputs, "_workbook", lambda *a, **k: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(OSError, match="boom"):
        _write(out, unverified=True)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_empty_tasks_and_minimal_note(tmp_path: Path) -> None:
    task = Task("k", "=x", "t", None, "b", "b", "w", "contract")
    written = write_outputs(
        tmp_path / "o",
        {"header": {"standard": "1.1"}},
        tasks=[task],
        standard_version="1.1",
        heir_map_svg=None,
        summary={},
    )
    assert {p.name for p in written} == {"note.json", "workbook.xlsx", "report.html", "checklist.ics"}
    wb = openpyxl.load_workbook(tmp_path / "o/workbook.xlsx")
    cell = wb["手続き"]["C2"]
    assert cell.value == "=x" and cell.data_type == "s" and cell.quotePrefix


@given(st.text(max_size=50))
def test_csv_cells_never_run_as_formulas(text: str) -> None:
    from endingnote._spreadsheet import csv_cell as csv_text

    cell = csv_text(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell in (text, "'" + text)


def test_cp932_csv_for_older_excel(tmp_path: Path) -> None:
    doc = _doc()
    doc["deposit_account"][0]["branch_name"] = "𠮷野家前支店"  # 𠮷 is not in cp932
    out = tmp_path / "out"
    summary = _summary()
    write_outputs(
        out, doc, tasks=[], standard_version="1.1", heir_map_svg=None, summary=summary, csv_encoding="cp932"
    )
    raw = (out / "csv/deposit_account.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("cp932"))))
    assert table[0][0] == "項目" and "金融機関・名称" in table[0]
    assert table[1][table[0].index("支店名")] == "〓野家前支店"
    report = (out / "report.html").read_text("utf-8")
    assert "〓" in report and "支店名" in report.split("cp932")[1][:400]
    wb = openpyxl.load_workbook(out / "workbook.xlsx")
    assert "𠮷野家前支店" in {c.value for row in wb["預貯金口座"].iter_rows() for c in row}
    with pytest.raises(ValueError):
        write_outputs(tmp_path / "x", doc, tasks=[], standard_version="1.1", heir_map_svg=None, summary={},
                      csv_encoding="latin-1")  # fmt: skip


def test_english_report_and_workbook(tmp_path: Path) -> None:
    doc = _doc()
    tasks = build_checklist(doc, dt.date(2026, 1, 20))
    out = tmp_path / "out"
    summary = _summary(heirs=[{"name": "山田　一郎", "relationship_en": "eldest son", "share": "1/2"}])
    kw: dict[str, Any] = {"standard_version": "1.1", "heir_map_svg": None, "summary": summary, "lang": "en"}
    write_outputs(out, doc, tasks=tasks, **kw)
    parsed = _html(out / "report.html")
    body = "".join(parsed.text)
    assert parsed.tags[0] == ("html", {"lang": "en"})
    assert "Deposit accounts" in body and "eldest son" in body and "Civil Code art. 915(1)" in body
    assert "2026-01-20" in body and "令和" not in body.split("The note")[0]
    wb = openpyxl.load_workbook(out / "workbook.xlsx")
    assert wb.sheetnames[:2] == ["Summary", "Procedures"]
