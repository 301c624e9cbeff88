"""The meta-schema of ``converters/<vendor>/mapping.yaml`` (JSON Schema 2020-12).

The schema checks the shape; :mod:`endingnote.convert._mapping` then checks the meaning (targets
exist in the standard, transforms and their parameters are known, secrets are not kept).
"""

from __future__ import annotations

from typing import Any

_SOURCE_REF = {"type": "string", "minLength": 1, "maxLength": 500}
_TRANSFORM = {
    "oneOf": [
        {"type": "string", "pattern": "^[a-z_]+$"},
        {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "propertyNames": {"pattern": "^[a-z_]+$"},
            "additionalProperties": {"type": ["object", "null"]},
        },
    ]
}
_TRANSFORMS = {"type": "array", "items": _TRANSFORM}

_FIELD = {
    "type": "object",
    "properties": {
        "source": _SOURCE_REF,
        "target": {
            "type": "string",
            "pattern": r"^[a-z][a-z0-9_]*(\[[0-9]*\])?(\.[a-z][a-z0-9_]*(\[[0-9]*\])?)*$",
        },
        "transforms": _TRANSFORMS,
        "label": {"type": "string"},
    },
    "required": ["source", "target"],
    "additionalProperties": False,
}
_EXTENSION = {
    "type": "object",
    "properties": {
        "source": _SOURCE_REF,
        "key": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$"},
        "record": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "transforms": _TRANSFORMS,
        "label": {"type": "string"},
    },
    "required": ["source", "key"],
    "additionalProperties": False,
}
_IGNORE = {
    "type": "object",
    "properties": {"source": _SOURCE_REF, "reason": {"type": "string", "minLength": 3}},
    "required": ["source", "reason"],
    "additionalProperties": False,
}
_SECRET = {
    "type": "object",
    "properties": {"source": _SOURCE_REF, "reason": {"type": "string"}},
    "required": ["source"],
    "additionalProperties": False,
}
_SCOPE_PROPS: dict[str, Any] = {
    "fields": {"type": "array", "items": _FIELD},
    "extensions": {"type": "array", "items": _EXTENSION},
    "ignore": {"type": "array", "items": _IGNORE},
    "secrets": {"type": "array", "items": _SECRET},
}
_GROUP = {
    "type": "object",
    "properties": {
        "record": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "where": {
            "type": "object",
            "properties": {"column": _SOURCE_REF, "equals": {"type": "string"}},
            "required": ["column", "equals"],
            "additionalProperties": False,
        },
        "each": _SOURCE_REF,
        "id": {
            "type": "object",
            "properties": {
                "source": _SOURCE_REF,
                "prefix": {"type": "string", "pattern": "^[A-Za-z0-9._-]*$"},
            },
            "required": ["source"],
            "additionalProperties": False,
        },
        **_SCOPE_PROPS,
    },
    "required": ["record", "fields"],
    "additionalProperties": False,
}

META_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://w3id.org/endingnote/convert/mapping-1.schema.json",
    "title": "endingnote converter mapping",
    "type": "object",
    "properties": {
        "mapping": {"const": "1"},
        "vendor": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"},
        "title_ja": {"type": "string"},
        "title_en": {"type": "string"},
        "standard": {"type": "string", "pattern": r"^[0-9]+\.[0-9]+$"},
        "extension": {
            "type": "object",
            "properties": {
                "alias": {"type": "string", "pattern": "^[a-z][a-z0-9_-]{0,31}$"},
                "namespace": {"type": "string", "pattern": r"^(https?|urn):[^\s]+$"},
            },
            "required": ["alias", "namespace"],
            "additionalProperties": False,
        },
        "source": {
            "type": "object",
            "properties": {
                "format": {"enum": ["csv", "xlsx", "xml", "json"]},
                "encoding": {"enum": ["utf-8", "cp932", "shift_jis", "auto"]},
                "sheet": {"type": "string"},
                "person_key": _SOURCE_REF,
                "persons": {"type": "string", "maxLength": 500},
                "namespaces": {
                    "type": "object",
                    "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_.-]*$"},
                    "additionalProperties": {"type": "string"},
                },
                "max_bytes": {"type": "integer", "minimum": 1},
                "formula_escape": {"type": "boolean"},
            },
            "required": ["format"],
            "additionalProperties": False,
            "allOf": [
                {
                    "if": {"properties": {"format": {"enum": ["csv", "xlsx"]}}},
                    "then": {"required": ["person_key"]},
                },
                {"if": {"properties": {"format": {"const": "xml"}}}, "then": {"required": ["persons"]}},
            ],
        },
        **_SCOPE_PROPS,
        "groups": {"type": "array", "items": _GROUP},
    },
    "required": ["mapping", "vendor", "standard", "extension", "source", "fields"],
    "additionalProperties": False,
}
