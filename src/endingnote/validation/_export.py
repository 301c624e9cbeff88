"""Validation reports as files a vendor's staff open: JSON, CSV and XLSX.

``endingnote validate … --report FILE`` and the web app's downloads both call :func:`report_bytes`,
so the two give the same bytes for the same input. One row per finding: the document, severity,
code, where (JSON pointer, ``row:N col:X`` …), the catalogue item with its label and category, and
the message in Japanese and English. The bytes depend on nothing but the reports: the XLSX carries
a fixed timestamp in its properties and in its ZIP entries (openpyxl writes the current time).

Cells come from input nobody vouched for: they are written through :mod:`endingnote._spreadsheet`
(a formula-looking value gets a leading apostrophe in CSV, and is a text cell with the quote-prefix
style in XLSX).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import orjson

from endingnote._spreadsheet import csv_cell, xlsx_text

if TYPE_CHECKING:
    from endingnote._issues import Issue
    from endingnote.validation._engine import ValidationReport

__all__ = ["REPORT_FORMATS", "ItemInfo", "format_of", "item_info", "report_bytes", "report_rows"]

REPORT_FORMATS = ("json", "ndjson", "csv", "xlsx")
COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "文書"),
    ("severity", "重大度"),
    ("code", "コード"),
    ("path", "場所"),
    ("item", "項目"),
    ("item_label_ja", "項目名"),
    ("item_label_en", "item label"),
    ("category", "カテゴリ"),
    ("message_ja", "メッセージ"),
    ("message_en", "message"),
)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


class ItemInfo(NamedTuple):
    """The label and category of a catalogue item; empty strings when unknown."""

    label_ja: str
    label_en: str
    category: str


_UNKNOWN = ItemInfo("", "", "")


def item_info(version: str | None, item: str | None) -> ItemInfo:
    """The label and category of ``item`` (``record.field``, possibly deeper: the nearest catalogue
    item wins; a bare record key gives the record's label) in standard ``version``."""
    if not item or not version:
        return _UNKNOWN
    from endingnote.errors import StandardError
    from endingnote.standard import get

    try:
        std = get(version)
    except (StandardError, OSError, ValueError):
        return _UNKNOWN
    parts = item.split(".")
    for end in range(len(parts), 1, -1):
        found = std.item(".".join(parts[:end]))
        if found is not None:
            return ItemInfo(found.field.label_ja, found.field.label_en, found.record.category)
    record = std.records.get(parts[0])
    if record is not None:
        return ItemInfo(record.label_ja, record.label_en, record.category)
    return _UNKNOWN


def report_rows(reports: Iterable[ValidationReport]) -> list[dict[str, str]]:
    """One row per finding, in report order and each report's sorted order."""
    rows: list[dict[str, str]] = []
    for report in reports:
        for i in report.sorted():
            rows.append(_row(report.path, report.standard_version, i))
    return rows


def _row(path: str | None, version: str | None, i: Issue) -> dict[str, str]:
    info = item_info(version, i.item)
    return {
        "file": i.file or path or "",
        "severity": i.severity.value,
        "code": i.code,
        "path": i.path,
        "item": i.item or "",
        "item_label_ja": info.label_ja,
        "item_label_en": info.label_en,
        "category": info.category,
        "message_ja": i.message_ja,
        "message_en": i.message_en,
    }


def report_bytes(reports: Sequence[ValidationReport], fmt: str) -> bytes:
    """The reports as ``json`` (an array), ``ndjson`` (what ``validate --json`` prints), ``csv``
    (UTF-8 with a BOM, for Excel in Japan) or ``xlsx``."""
    if fmt == "json":
        return orjson.dumps([r.to_dict() for r in reports], option=orjson.OPT_NON_STR_KEYS) + b"\n"
    if fmt == "ndjson":
        return b"".join(orjson.dumps(r.to_dict(), option=orjson.OPT_NON_STR_KEYS) + b"\n" for r in reports)
    if fmt == "csv":
        return _csv(report_rows(reports))
    if fmt == "xlsx":
        return _xlsx(report_rows(reports))
    raise ValueError(f"unknown report format: {fmt}")


def format_of(path: str | Path) -> str | None:
    """The report format a file name asks for (by its suffix), ``None`` when none fits."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"jsonl": "ndjson"}.get(suffix, suffix) if suffix in (*REPORT_FORMATS, "jsonl") else None


def _csv(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([key for key, _ in COLUMNS])
    for row in rows:
        writer.writerow([csv_cell(row[key]) for key, _ in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _xlsx(rows: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "findings"
    ws.append([ja for _, ja in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, (key, _) in enumerate(COLUMNS, start=1):
            xlsx_text(ws.cell(row=r, column=c), row[key])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for letter, width in zip("ABCDEFGHIJ", (28, 9, 28, 28, 28, 20, 20, 14, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed(buf.getvalue())


def _fixed(data: bytes) -> bytes:
    """The workbook with one fixed time in its properties and ZIP entries (reproducible bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIME.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, body)
    return out.getvalue()
