"""The note as pandas DataFrames: one per record type present, typed from the standard's catalogue.

Dates -> ``datetime64``, integers -> ``Int64``, booleans -> ``boolean``, code items -> a
``Categorical`` of the code list's values plus ``<col>_label`` (Japanese label); nested parts are
flattened with dotted names (``bank.name``); repeating primitives are joined with ``"; "``;
repeating parts are kept as JSON text. pandas is imported inside the function.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from endingnote.importer._records import records

if TYPE_CHECKING:
    import pandas as pd

    from endingnote.standard._model import Field, Standard

__all__ = ["flatten_record", "frames", "leaf_fields"]


def leaf_fields(std: Standard, fields: tuple[Field, ...], prefix: str = "") -> list[tuple[str, Field]]:
    """(dotted column, leaf field) for every primitive leaf, parts expanded once per level."""
    out: list[tuple[str, Field]] = []
    for f in fields:
        name = prefix + f.key
        part = std.parts.get(f.type)
        if part is not None and not f.cardinality.endswith("*") and len(prefix.split(".")) < 4:
            out += leaf_fields(std, part.fields, name + ".")
        else:
            out.append((name, f))
    return out


def _get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for key in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def flatten_record(std: Standard, fields: tuple[Field, ...], record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    if "id" in record:
        row["id"] = record["id"]
    for col, _f in leaf_fields(std, fields):
        value = _get(record, col)
        if isinstance(value, list):
            if all(isinstance(v, (str, int, float)) for v in value):
                value = "; ".join(str(v) for v in value)
            else:
                value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        row[col] = value
    return row


def frames(note: Any, *, standard_version: str | None = None) -> dict[str, pd.DataFrame]:
    """One DataFrame per record type present in ``note`` (a dict or a pydantic model)."""
    import pandas as pd

    from endingnote import standard

    doc: dict[str, Any] = (
        note.model_dump(mode="json", exclude_none=True) if hasattr(note, "model_dump") else dict(note)
    )
    version = standard_version or (doc.get("header") or {}).get("standard")
    std = standard.get(version) if version else standard.get()
    out: dict[str, pd.DataFrame] = {}
    for key, rt in std.records.items():
        held = records(doc.get(key))
        if not held:
            continue
        leaves = leaf_fields(std, rt.items)
        rows = [flatten_record(std, rt.items, r) for r in held]
        columns = (["id"] if any("id" in r for r in rows) else []) + [c for c, _ in leaves]
        df = pd.DataFrame(rows, columns=columns)
        for col, f in leaves:
            repeated = f.cardinality.endswith("*")
            if repeated:
                df[col] = df[col].astype("string")
            elif f.type == "date":
                df[col] = pd.to_datetime(df[col], errors="coerce", format="%Y-%m-%d")
            elif f.type == "datetime":
                df[col] = pd.to_datetime(df[col], errors="coerce", utc=True, format="ISO8601")
            elif f.type == "integer":
                df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
            elif f.type == "boolean":
                df[col] = df[col].map(lambda v: v if isinstance(v, bool) else pd.NA).astype("boolean")
            elif f.type == "code" and f.codelist in std.codelists:
                codes = std.codelists[f.codelist].codes
                labels = {c.code: c.label_ja for c in codes}
                values = [c.code for c in codes]
                extra = sorted({v for v in df[col].dropna() if v not in labels}, key=str)
                df[col + "_label"] = (
                    df[col]
                    .map(lambda v, lab=labels: lab.get(v, pd.NA) if isinstance(v, str) else pd.NA)
                    .astype("string")
                )
                df[col] = pd.Categorical(df[col], categories=values + extra)
            else:
                df[col] = df[col].astype("string")
        if "id" in df.columns:
            df["id"] = df["id"].astype("string")
        order: list[str] = []
        for col in df.columns:
            if not str(col).endswith("_label") or str(col)[: -len("_label")] not in df.columns:
                order.append(str(col))
                if f"{col}_label" in df.columns:
                    order.append(f"{col}_label")
        out[key] = df[order]
    return out
