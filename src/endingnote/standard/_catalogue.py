"""The item catalogue as rows, CSV and XLSX — the form editors and vendors read in Excel."""

from __future__ import annotations

import csv
import io
from typing import Any

import orjson

from endingnote.standard._model import TIER_LABELS, Standard

COLUMNS = [
    ("key", "項目キー"),
    ("uri", "URI"),
    ("record", "レコード型"),
    ("record_label_ja", "レコード型名"),
    ("category", "カテゴリ"),
    ("category_label_ja", "カテゴリ名"),
    ("tier", "区分"),
    ("tier_label_ja", "区分名"),
    ("label_ja", "項目名"),
    ("label_en", "項目名(英語)"),
    ("definition_ja", "説明"),
    ("definition_en", "説明(英語)"),
    ("type", "型"),
    ("cardinality", "回数"),
    ("codelist", "コードリスト"),
    ("ref", "参照先"),
    ("constraints", "制約"),
    ("example", "記入例"),
    ("basis", "出典"),
    ("gif", "GIF対応"),
    ("alpha_item", "α版項目"),
    ("status", "状態"),
    ("since", "追加版"),
    ("deprecated_in", "非推奨版"),
    ("replaced_by", "後継項目"),
]


def _json(value: Any) -> str:
    if value is None or value == {}:
        return ""
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


def catalogue_rows(std: Standard) -> list[dict[str, str]]:
    rows = []
    for item in std.items():
        f, rt = item.field, item.record
        category = std.category(rt.category)
        rows.append(
            {
                "key": item.key,
                "uri": item.uri,
                "record": rt.key,
                "record_label_ja": rt.label_ja,
                "category": rt.category,
                "category_label_ja": category.label_ja,
                "tier": f.tier or "",
                "tier_label_ja": TIER_LABELS[f.tier][0] if f.tier else "",
                "label_ja": f.label_ja,
                "label_en": f.label_en,
                "definition_ja": f.definition_ja,
                "definition_en": f.definition_en,
                "type": f.type,
                "cardinality": f.cardinality,
                "codelist": f.codelist or "",
                "ref": f.ref or "",
                "constraints": _json(f.constraints),
                "example": _json(f.example),
                "basis": "; ".join(f.basis),
                "gif": f.gif or "",
                "alpha_item": f.alpha_item or "",
                "status": f.status,
                "since": f.since,
                "deprecated_in": f.deprecated_in or "",
                "replaced_by": f.replaced_by or "",
            }
        )
    return rows


def catalogue_csv(std: Standard) -> bytes:
    """UTF-8 with a BOM, so Excel in Japan opens it without mojibake; English header row."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[c for c, _ in COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(catalogue_rows(std))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def catalogue_sheets(std: Standard) -> dict[str, list[list[str]]]:
    """The workbook's content as plain values: sheet name → rows (first row = headers)."""
    items = [[ja for _, ja in COLUMNS], [c for c, _ in COLUMNS]]
    items += [[row[c] for c, _ in COLUMNS] for row in catalogue_rows(std)]
    records = [["レコード型", "record", "カテゴリ", "名称", "name", "回数", "項目数"]]
    records += [
        [rt.key, rt.key, rt.category, rt.label_ja, rt.label_en, rt.cardinality, str(len(rt.items))]
        for rt in std.records.values()
    ]
    codes = [["コードリスト", "codelist", "コード", "名称", "label"]]
    codes += [
        [cl.label_ja, cl.key, c.code, c.label_ja, c.label_en]
        for cl in std.codelists.values()
        for c in cl.codes
    ]
    parts = [["部品", "part", "フィールド", "名称", "name", "型", "回数"]]
    parts += [
        [p.label_ja, p.key, f.key, f.label_ja, f.label_en, f.type, f.cardinality]
        for p in std.parts.values()
        for f in p.fields
    ]
    return {"items": items, "records": records, "codelists": codes, "parts": parts}


def catalogue_xlsx(std: Standard) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in catalogue_sheets(std).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A3" if name == "items" else "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_xlsx_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """Read back a workbook's values (used by ``build --check``: XLSX bytes carry timestamps)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return out


def item_record(std: Standard, key: str) -> dict[str, Any]:
    """One catalogue item as typed JSON (``endingnote standard show --json``, ``catalogue.json``)."""
    item = std.item(key)
    if item is None:
        raise KeyError(key)
    f, rt = item.field, item.record
    return {
        "key": item.key,
        "uri": item.uri,
        "record": rt.key,
        "category": rt.category,
        "tier": f.tier,
        "label_ja": f.label_ja,
        "label_en": f.label_en,
        "definition_ja": f.definition_ja,
        "definition_en": f.definition_en,
        "type": f.type,
        "cardinality": f.cardinality,
        "codelist": f.codelist,
        "ref": f.ref,
        "constraints": f.constraints,
        "example": f.example,
        "basis": list(f.basis),
        "gif": f.gif,
        "alpha_item": f.alpha_item,
        "status": f.status,
        "since": f.since,
        "deprecated_in": f.deprecated_in,
        "replaced_by": f.replaced_by,
    }


def catalogue_json(std: Standard) -> list[dict[str, Any]]:
    """The item catalogue as typed JSON: one object per item, in catalogue order."""
    return [item_record(std, item.key) for item in std.items()]
