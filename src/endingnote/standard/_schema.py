"""Generate the JSON Schema 2020-12 bundle of a standard version from its catalogue.

Every object is closed (``additionalProperties: false``) except the one explicit extension slot,
``extensions``, that every record object and the document root carry. With a closed core, adding
an optional item is an additive change, not a breaking one (the open-content trap).
"""

from __future__ import annotations

from typing import Any

from endingnote.standard._model import Field, Standard
from endingnote.standard._types import ALIAS_PATTERN, ID_PATTERN, PRIMITIVE_SCHEMAS

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


# Formats the validator registers with jsonschema-rs (see ``endingnote.validate._formats``): the
# value checks a schema cannot express (check digits, references, plausible dates) run inside the
# Rust validator's single pass. Only the internal schema carries them; the published one is plain.
FORMAT_CORPORATE_NUMBER = "endingnote-corporate-number"
FORMAT_LG_CODE = "endingnote-local-government-code"
# Dates before the 1873 calendar reform (明治6年): a regular expression, so no Python call per date.
PRE_REFORM_DATE = "^(?:0[0-9]{3}|1[0-7][0-9]{2}|18[0-6][0-9]|187[0-2])-"
FORMAT_DATE_PAST = "endingnote-date-not-in-future"
FORMAT_REF_PREFIX = "endingnote-ref-"
PAST_DATE_ITEMS = frozenset({"birth_date", "diagnosed_on", "issue_date", "issued_on", "performed_on"})


def _internal_checks(f: Field) -> list[dict[str, Any]]:
    if f.type == "corporate_number":
        return [{"format": FORMAT_CORPORATE_NUMBER}]
    if f.type == "local_government_code":
        return [{"format": FORMAT_LG_CODE}]
    if f.type == "ref" and f.ref:
        return [{"format": FORMAT_REF_PREFIX + f.ref}]
    if f.type == "date":
        past = [{"format": FORMAT_DATE_PAST}] if f.key in PAST_DATE_ITEMS else []
        return [{"not": {"pattern": PRE_REFORM_DATE}}, *past]
    return []


def field_value_schema(f: Field, internal: bool = False) -> dict[str, Any]:
    """The schema of one value of field ``f`` (before cardinality)."""
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
    if internal and (checks := _internal_checks(f)):
        out["allOf"] = checks
    return out


def _field_schema(f: Field, internal: bool) -> dict[str, Any]:
    value = field_value_schema(f, internal)
    if not f.repeating:
        return {"title": f.label_ja, **value}
    arr: dict[str, Any] = {"title": f.label_ja, "type": "array", "items": value}
    if f.cardinality == "1..*":
        arr["minItems"] = 1
    if "max_items" in f.constraints:
        arr["maxItems"] = f.constraints["max_items"]
    return arr


def _object(fields: tuple[Field, ...], *, record: bool, repeating: bool, internal: bool) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if record and repeating:
        props["id"] = {"type": "string", "pattern": ID_PATTERN}
    for f in fields:
        props[f.key] = _field_schema(f, internal)
    if record:
        props["extensions"] = {"$ref": "#/$defs/extensions"}
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    required = [f.key for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def build_schema(std: Standard, *, internal: bool = False) -> dict[str, Any]:
    """The JSON Schema bundle; ``internal`` adds the validator's own formats (never published)."""
    defs: dict[str, Any] = {"extensions": _extensions_slot()}
    defs["header"] = {
        "type": "object",
        "properties": {
            "standard": {"const": std.version, "description": "標準のバージョン / standard version"},
            "extensions": {
                "description": "alias → namespace URI of each vendor extension used",
                "type": "object",
                "propertyNames": {"pattern": ALIAS_PATTERN},
                "additionalProperties": {"type": "string", "pattern": "^(https?|urn):[^\\s]+$"},
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
            "language": {"type": "string", "pattern": "^[a-z]{2}(-[A-Za-z0-9]+)*$"},
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
            **_object(part.fields, record=False, repeating=False, internal=internal),
        }
    root_props: dict[str, Any] = {"header": {"$ref": "#/$defs/header"}}
    required = ["header"]
    for rt in std.records.values():
        defs[f"record.{rt.key}"] = {
            "title": rt.label_ja,
            "description": rt.label_en,
            **_object(rt.items, record=True, repeating=rt.repeating, internal=internal),
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
