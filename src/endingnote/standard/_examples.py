"""Example documents composed from the catalogue's own examples.

``full`` fills every item with its example (part-typed items are composed from the part's field
examples); ``minimal`` has only what is required. Both are published artifacts and must validate,
so an editor who writes a bad example finds out at build time.
"""

from __future__ import annotations

import copy
from typing import Any

from endingnote.standard._model import Field, Standard


def example_id(record_key: str) -> str:
    return f"{record_key}-1"


def _value(std: Standard, f: Field, full: bool) -> Any:
    if f.example is not None:
        value: Any = copy.deepcopy(f.example)  # never hand out the catalogue's own objects
    elif f.type in std.parts:
        value = _part(std, f.type, full)
    elif f.type == "ref" and f.ref:
        value = example_id(f.ref)
    elif f.type == "code" and f.codelist:
        value = std.codelists[f.codelist].codes[0].code
    else:
        return None
    if f.repeating and not isinstance(value, list):
        value = [value]
    return value


def _part(std: Standard, key: str, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in std.parts[key].fields:
        if not full and not f.required:
            continue
        value = _value(std, f, full)
        if value is not None:
            out[f.key] = value
    return out


def _record(std: Standard, record_key: str, full: bool) -> dict[str, Any]:
    rt = std.records[record_key]
    out: dict[str, Any] = {"id": example_id(rt.key)} if rt.repeating else {}
    for f in rt.items:
        if not full and not f.required:
            continue
        if f.status == "deprecated":
            continue
        value = _value(std, f, full)
        if value is not None:
            out[f.key] = value
    return out


def build_example(std: Standard, full: bool) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "header": {
            "standard": std.version,
            "created_at": "2026-01-15T10:00:00+09:00",
            "generator": {"name": "endingnote standard build"},
            "language": "ja",
        }
    }
    for rt in std.records.values():
        if not full and rt.cardinality not in ("1", "1..*"):
            continue
        record = _record(std, rt.key, full)
        doc[rt.key] = [record] if rt.repeating else record
    return doc


def _refs(std: Standard, fields: tuple[Field, ...], seen: set[str]) -> set[str]:
    """Record types that ``fields`` (and the parts they use, recursively) refer to."""
    out: set[str] = set()
    for f in fields:
        if f.ref and f.ref in std.records:
            out.add(f.ref)
        if f.type in std.parts and f.type not in seen:
            seen.add(f.type)
            out |= _refs(std, std.parts[f.type].fields, seen)
    return out


def record_example(std: Standard, record_key: str) -> dict[str, Any]:
    """A valid note that fills ``record_key`` completely: the minimal note plus that record from
    the full example, and every record type it refers to (so each reference resolves)."""
    doc = build_example(std, full=False)
    full = build_example(std, full=True)
    todo, done = [record_key], set()
    while todo:
        key = todo.pop()
        if key in done:
            continue
        done.add(key)
        doc[key] = full[key]
        todo += sorted(_refs(std, std.records[key].items, set()))
    return {k: doc[k] for k in ("header", *std.records) if k in doc}
