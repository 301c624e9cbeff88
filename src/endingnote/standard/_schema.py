"""Generate the JSON Schema 2020-12 bundle of a standard version from its catalogue.

Every object is closed (``additionalProperties: false``) except the one explicit extension slot,
``extensions``, that every record object and the document root carry. With a closed core, adding
an optional item is an additive change, not a breaking one (the open-content trap).
"""

from __future__ import annotations

from typing import Any

from endingnote.standard._model import Field, Standard
from endingnote.standard._types import (
    ALIAS_PATTERN,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    NAMESPACE_PATTERN,
    PRIMITIVE_SCHEMAS,
)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(std: Standard) -> str:
    return f"{std.namespace}/{std.version}/schema.json"


def _extensions_slot() -> dict[str, Any]:
    return {
        "description": "独自項目: vendor extensions by namespace alias (declared in header.extensions)",
        "type": "object",
        "propertyNames": {"pattern": ALIAS_PATTERN},
        "additionalProperties": {"type": "object"},
    }


# The validator's own schema (``build_schema(std, today=...)``, never published) adds plausible dates
# as regular expressions, so jsonschema-rs checks them in its single pass with no Python call: every
# date from 1873 (the calendar reform, 明治6年) on, and items that cannot lie in the future up to
# ``today`` only. A date that fails them but has the ISO shape is reported as the warning it is, not
# as a malformed date. (Check digits and references are ``endingnote.validation._values``'s.)
REFORM_YEAR = "1873"
PAST_DATE_ITEMS = frozenset({"birth_date", "diagnosed_on", "issue_date", "issued_on", "performed_on"})
_DAY = "[0-9]{2}"


def digit_range(lo: str, hi: str) -> str:
    """A regular expression matching exactly the zero-padded numbers from ``lo`` to ``hi`` (same width)."""
    if len(lo) != len(hi) or not (lo.isdigit() and hi.isdigit()) or lo > hi:
        raise ValueError(f"bad range {lo!r}..{hi!r}")
    if lo == hi:
        return lo
    rest = len(lo) - 1
    if lo[1:] == "0" * rest and hi[1:] == "9" * rest:
        return f"[{lo[0]}-{hi[0]}]" + "[0-9]" * rest
    if lo[0] == hi[0]:
        return f"{lo[0]}(?:{digit_range(lo[1:], hi[1:])})"
    parts = [f"{lo[0]}(?:{digit_range(lo[1:], '9' * rest)})"]
    if int(hi[0]) - int(lo[0]) > 1:
        parts.append(f"[{int(lo[0]) + 1}-{int(hi[0]) - 1}]" + "[0-9]" * rest)
    parts.append(f"{hi[0]}(?:{digit_range('0' * rest, hi[1:])})")
    return "|".join(parts)


def date_pattern(today: str | None = None) -> str:
    """ISO dates from 1873-01-01 on; with ``today`` (YYYY-MM-DD), only up to that day."""
    if today is None:
        return f"^(?:{digit_range(REFORM_YEAR, '9999')})-{_DAY}-{_DAY}$"
    if today < f"{REFORM_YEAR}-01-01":
        raise ValueError(f"today ({today}) is before the calendar reform")
    year, month, day = today.split("-")
    ranges = []
    if year > REFORM_YEAR:  # whole years before this one
        ranges.append(f"(?:{digit_range(REFORM_YEAR, f'{int(year) - 1:04d}')})-{_DAY}-{_DAY}")
    if month != "01":  # whole months before this one
        ranges.append(f"{year}-(?:{digit_range('00', f'{int(month) - 1:02d}')})-{_DAY}")
    ranges.append(f"{year}-{month}-(?:{digit_range('00', day)})")
    return "^(?:" + "|".join(ranges) + ")$"


def _internal_checks(f: Field, today: str) -> dict[str, Any]:
    if f.type == "date" and "pattern" not in f.constraints:
        return {"pattern": date_pattern(today if f.key in PAST_DATE_ITEMS else None)}
    return {}


def field_value_schema(f: Field, today: str | None = None) -> dict[str, Any]:
    """The schema of one value of field ``f`` (before cardinality); ``today``: the validator's own."""
    if f.type == "code":
        out: dict[str, Any] = {"$ref": f"#/$defs/codelist.{f.codelist}"}
    elif f.type in PRIMITIVE_SCHEMAS:
        out = dict(PRIMITIVE_SCHEMAS[f.type])
    else:
        out = {"$ref": f"#/$defs/part.{f.type}"}
    c = f.constraints
    if "max_length" in c:
        out["maxLength"] = c["max_length"]
    if "min_length" in c:
        out["minLength"] = c["min_length"]
    if "pattern" in c:
        out["pattern"] = c["pattern"]
    if "minimum" in c:
        out["minimum"] = c["minimum"]
    if "maximum" in c:
        out["maximum"] = c["maximum"]
    if today is not None:
        out.update(_internal_checks(f, today))
    return out


def _field_schema(f: Field, today: str | None) -> dict[str, Any]:
    value = field_value_schema(f, today)
    if not f.repeating:
        return {"title": f.label_ja, **value}
    arr: dict[str, Any] = {"title": f.label_ja, "type": "array", "items": value}
    if f.cardinality == "1..*":
        arr["minItems"] = 1
    if "max_items" in f.constraints:
        arr["maxItems"] = f.constraints["max_items"]
    return arr


def _object(fields: tuple[Field, ...], *, record: bool, repeating: bool, today: str | None) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if record and repeating:
        props["id"] = {"type": "string", "pattern": ID_PATTERN}
    for f in fields:
        props[f.key] = _field_schema(f, today)
    if record:
        props["extensions"] = {"$ref": "#/$defs/extensions"}
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    required = [f.key for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def build_schema(std: Standard, *, today: str | None = None) -> dict[str, Any]:
    """The published JSON Schema bundle; with ``today`` (YYYY-MM-DD), the validator's own schema,
    which adds plausible dates (never published)."""
    defs: dict[str, Any] = {"extensions": _extensions_slot()}
    defs["header"] = {
        "type": "object",
        "properties": {
            "standard": {"const": std.version, "description": "標準のバージョン / standard version"},
            "extensions": {
                "description": "alias → namespace URI of each vendor extension used",
                "type": "object",
                "propertyNames": {"pattern": ALIAS_PATTERN},
                "additionalProperties": {"type": "string", "pattern": NAMESPACE_PATTERN},
            },
            "created_at": dict(PRIMITIVE_SCHEMAS["datetime"]),
            "generator": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 100},
                    "version": {"type": "string", "maxLength": 50},
                },
                "required": ["name"],
                "additionalProperties": False,
            },
            "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
        },
        "required": ["standard"],
        "additionalProperties": False,
    }
    for cl in std.codelists.values():
        defs[f"codelist.{cl.key}"] = {
            "title": cl.label_ja,
            "description": cl.label_en,
            "type": "string",
            "enum": list(cl.values),
        }
    for part in std.parts.values():
        defs[f"part.{part.key}"] = {
            "title": part.label_ja,
            "description": part.label_en,
            **_object(part.fields, record=False, repeating=False, today=today),
        }
    root_props: dict[str, Any] = {"header": {"$ref": "#/$defs/header"}}
    required = ["header"]
    for rt in std.records.values():
        defs[f"record.{rt.key}"] = {
            "title": rt.label_ja,
            "description": rt.label_en,
            **_object(rt.items, record=True, repeating=rt.repeating, today=today),
        }
        ref = {"$ref": f"#/$defs/record.{rt.key}"}
        if rt.repeating:
            root_props[rt.key] = {"type": "array", "items": ref}
            if rt.cardinality == "1..*":
                root_props[rt.key]["minItems"] = 1
        else:
            root_props[rt.key] = ref
        if rt.cardinality in ("1", "1..*"):
            required.append(rt.key)
    root_props["extensions"] = {"$ref": "#/$defs/extensions"}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(std),
        "title": std.title_ja,
        "description": std.title_en,
        "type": "object",
        "properties": root_props,
        "required": required,
        "additionalProperties": False,
        "$defs": defs,
    }
