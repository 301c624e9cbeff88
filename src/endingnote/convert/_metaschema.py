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


# --- mapping language 2 ----------------------------------------------------------------------------
# Each property carries a description: the generated reference (``reference_markdown``) reads them.

_D = "description"
_TRANSFORM_2 = {
    _D: "A transform: its name (`trim`), or one key with its parameters (`{wareki: {style: letter}}`,"
    " `{first_of: [[wareki], [{date: {format: '%Y/%m/%d'}}]]}`).",
    "oneOf": [
        {"type": "string", "pattern": "^[a-z_]+$"},
        {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "propertyNames": {"pattern": "^[a-z_]+$"},
            "additionalProperties": {"type": ["object", "null", "array"]},
        },
    ],
}
_TRANSFORMS_2 = {"type": "array", "items": _TRANSFORM_2, "maxItems": 32, _D: "Transforms, applied in order."}
_TARGET = {
    "type": "string",
    "maxLength": 200,
    "pattern": r"^[a-z][a-z0-9_]*(\[[0-9]{0,6}\])?(\.[a-z][a-z0-9_]*(\[[0-9]{0,6}\])?)*$",
    _D: "The standard item to fill: `record.item.field` at the person level, `item.field` in a group;"
    " `[n]` picks an element of a repeating item, `[]` appends.",
}
_CONDITION: dict[str, Any] = {
    _D: "Which rows a group takes: `{column, equals}`, `{column, in: [...]}`, `{column, matches: REGEX}`,"
    " `{column, empty: true}`, or `{all: [...]}`, `{any: [...]}`, `{not: {...}}`.",
    "type": "object",
    "properties": {
        "column": _SOURCE_REF,
        "equals": {"type": "string"},
        "in": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 1000},
        "matches": {"type": "string", "maxLength": 1000},
        "empty": {"type": "boolean"},
        "all": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1, "maxItems": 64},
        "any": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1, "maxItems": 64},
        "not": {"$ref": "#/$defs/condition"},
    },
    "additionalProperties": False,
    "minProperties": 1,
}
_FIELD_2 = {
    _D: "One source field (or a constant) into one or more standard items.",
    "type": "object",
    "properties": {
        "source": {**_SOURCE_REF, _D: "The column, XPath or JSON pointer to read."},
        "value": {
            "type": ["string", "integer", "boolean"],
            _D: "A constant instead of a source: every document gets this value.",
        },
        "target": _TARGET,
        "targets": {
            _D: "One source into several items: the shared `transforms` first, then each target's own.",
            "type": "array",
            "minItems": 1,
            "maxItems": 16,
            "items": {
                "type": "object",
                "properties": {"target": _TARGET, "transforms": _TRANSFORMS_2, "label": {"type": "string"}},
                "required": ["target"],
                "additionalProperties": False,
            },
        },
        "transforms": _TRANSFORMS_2,
        "label": {"type": "string", _D: "A note for people; not used by the converter."},
    },
    "oneOf": [{"required": ["source"]}, {"required": ["value"]}],
    "allOf": [{"oneOf": [{"required": ["target"]}, {"required": ["targets"]}]}],
    "additionalProperties": False,
}
_EXTENSION_PROPS: dict[str, Any] = _EXTENSION["properties"]  # type: ignore[assignment]
_SCOPE_PROPS_2: dict[str, Any] = {
    "fields": {
        "type": "array",
        "items": _FIELD_2,
        "maxItems": 2000,
        _D: "Source fields into standard items.",
    },
    "extensions": {
        "type": "array",
        "items": {**_EXTENSION, "properties": {**_EXTENSION_PROPS, "transforms": _TRANSFORMS_2}},
        "maxItems": 2000,
        _D: "Source fields kept in the vendor's extension namespace under `key`.",
    },
    "ignore": {
        "type": "array",
        "items": _IGNORE,
        _D: "Source fields deliberately not converted, each with a `reason` (in the loss report).",
    },
    "secrets": {
        "type": "array",
        "items": _SECRET,
        _D: "Source fields that hold a secret: dropped, each drop reported (undeclared ones are too).",
    },
}
_GROUP_2 = {
    _D: "Rows (CSV/XLSX) or elements (XML/JSON) that fill a record: a repeating record gets one"
    " element per row, a non-repeating one (`funeral_wishes`, `person`) is filled by all its rows.",
    "type": "object",
    "properties": {
        "record": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", _D: "The record type to fill."},
        "where": {"$ref": "#/$defs/condition"},
        "each": {**_SOURCE_REF, _D: "XML/JSON: the XPath / pointer of the repeating elements."},
        "id": {
            "type": "object",
            _D: "Where a repeating record's `id` comes from (`source`), with an optional `prefix`.",
            "properties": {
                "source": _SOURCE_REF,
                "prefix": {"type": "string", "pattern": "^[A-Za-z0-9._-]*$"},
                "transforms": _TRANSFORMS_2,
            },
            "required": ["source"],
            "additionalProperties": False,
        },
        **_SCOPE_PROPS_2,
    },
    "required": ["record", "fields"],
    "additionalProperties": False,
}
_SOURCE_1: dict[str, Any] = META_SCHEMA["properties"]["source"]
_SOURCE_2 = {
    **_SOURCE_1,
    "properties": {
        **_SOURCE_1["properties"],
        "max_cell_chars": {
            "type": "integer",
            "minimum": 1,
            _D: "The longest value accepted in one cell (at most convert.input.max_cell_chars).",
        },
    },
}
META_SCHEMA_2: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://w3id.org/endingnote/convert/mapping-2.schema.json",
    "title": "endingnote converter mapping, language 2",
    "type": "object",
    "$defs": {"condition": _CONDITION},
    "properties": {
        "mapping": {"const": "2", _D: 'The mapping language: `"2"` (version `"1"` mappings keep working).'},
        "vendor": {**META_SCHEMA["properties"]["vendor"], _D: "The vendor's id (lower case, digits, `_`)."},
        "title_ja": {"type": "string", _D: "The export's name in Japanese."},
        "title_en": {"type": "string", _D: "The export's name in English."},
        "standard": {**META_SCHEMA["properties"]["standard"], _D: "The standard version the documents use."},
        "extension": {
            **META_SCHEMA["properties"]["extension"],
            _D: "The vendor's extension namespace: a short `alias` and the `namespace` URI the vendor owns.",
        },
        "source": {
            **_SOURCE_2,
            _D: "The input: `format` (csv, xlsx, xml, json), `encoding`, `person_key`, `persons`, `sheet`,"
            " `namespaces`, `max_bytes`, `max_cell_chars`, `formula_escape`.",
        },
        "unmatched_rows": {
            "enum": ["report", "keep", "error"],
            _D: "CSV/XLSX rows no group takes: `report` (default: left out, each reported and counted),"
            " `keep` (kept in the extension slot `_rows`, after the secret scan) or `error`.",
        },
        **_SCOPE_PROPS_2,
        "groups": {"type": "array", "items": _GROUP_2, "maxItems": 200, _D: "Groups of rows or elements."},
    },
    "required": ["mapping", "vendor", "standard", "extension", "source", "fields"],
    "additionalProperties": False,
}
