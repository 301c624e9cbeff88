"""The note's records as plain tables with Japanese headers (for the workbook, CSV and report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from endingnote.importer._frames import flatten_record, leaf_fields

if TYPE_CHECKING:
    from endingnote.standard._model import Field, Standard

__all__ = ["RecordTable", "column_labels", "neutralise", "record_tables"]

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A spreadsheet cell that cannot run as a formula: text starting ``= + - @ TAB CR`` gets ``'``."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


@dataclass(frozen=True)
class RecordTable:
    key: str
    label_ja: str
    label_en: str
    headers: list[str]  # Japanese, from the item labels ("金融機関・名称")
    rows: list[list[Any]]


def column_labels(
    std: Standard, fields: tuple[Field, ...], prefix: str = "", label: str = ""
) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in fields:
        name, text = prefix + f.key, (label + "・" if label else "") + f.label_ja
        part = std.parts.get(f.type)
        if part is not None and not f.cardinality.endswith("*") and len(prefix.split(".")) < 4:
            out.update(column_labels(std, part.fields, name + ".", text))
        else:
            out[name] = text
    return out


def record_tables(doc: dict[str, Any], std: Standard) -> list[RecordTable]:
    """One table per record type present; code values shown as their Japanese label; empty columns dropped."""
    tables: list[RecordTable] = []
    for key, rt in std.records.items():
        value = doc.get(key)
        records = [r for r in (value if isinstance(value, list) else [value]) if isinstance(r, dict)]
        if not records:
            continue
        leaves = leaf_fields(std, rt.items)
        labels = column_labels(std, rt.items)
        flat = [flatten_record(std, rt.items, r) for r in records]
        cols = [c for c, _ in leaves if any(row.get(c) not in (None, "") for row in flat)]
        codes = {
            c: {x.code: x.label_ja for x in std.codelists[f.codelist].codes}
            for c, f in leaves
            if f.type == "code" and f.codelist in std.codelists
        }
        rows = []
        for row in flat:
            cells: list[Any] = [row.get("id")] if any("id" in r for r in flat) else []
            for c in cols:
                v = row.get(c)
                cells.append(codes[c].get(v, v) if c in codes and isinstance(v, str) else v)
            rows.append(cells)
        headers = (["ID"] if any("id" in r for r in flat) else []) + [labels.get(c, c) for c in cols]
        tables.append(RecordTable(key, rt.label_ja, rt.label_en, headers, rows))
    return tables
