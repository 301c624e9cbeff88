"""The JSON-LD ``@context`` of a version: a note read with it is linked data, unchanged.

Every record-type key maps to its record URI, every item key (inside its record type, through a
property-scoped context, since ``name`` is a different item in ``person`` and in ``contact``) to
the item's canonical URI (``{namespace}/item/{record}.{item}``), and every field of a shared part
to ``{namespace}/part/{part}.{field}``. ``header`` and every ``extensions`` slot are JSON literals
(``@json``): they are carried whole, not interpreted. Dates are typed ``xsd:date``/``xsd:dateTime``.

The note names no context itself (not a byte of it changes): a consumer applies the context as
``expandContext`` or serves it in an HTTP ``Link`` header with ``rel="http://www.w3.org/ns/json-ld#context"``.
Requires JSON-LD 1.1 (scoped contexts, ``@json``).
"""

from __future__ import annotations

from typing import Any

from endingnote.standard._model import Field, Standard

_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPES = {
    "date": _XSD + "date",
    "datetime": _XSD + "dateTime",
    "year_month": _XSD + "gYearMonth",
    "url": _XSD + "anyURI",
}


def _term(std: Standard, uri: str, f: Field, seen: tuple[str, ...]) -> dict[str, Any]:
    term: dict[str, Any] = {"@id": uri}
    if f.type in _TYPES:
        term["@type"] = _TYPES[f.type]
    if f.type in std.parts and f.type not in seen:
        term["@context"] = _part_context(std, f.type, (*seen, f.type))
    return term


def _part_context(std: Standard, key: str, seen: tuple[str, ...]) -> dict[str, Any]:
    return {f.key: _term(std, std.part_uri(key, f.key), f, seen) for f in std.parts[key].fields}


def context(std: Standard) -> dict[str, Any]:
    """The ``@context`` document of ``std`` (a JSON object with one ``@context`` member)."""
    ns = std.namespace
    ctx: dict[str, Any] = {
        "@version": 1.1,
        "header": {"@id": f"{ns}/header", "@type": "@json"},
        "extensions": {"@id": f"{ns}/extensions", "@type": "@json"},
        "id": {"@id": f"{ns}/record-id"},
    }
    for rt in std.records.values():
        items = {f.key: _term(std, std.item_uri(rt.key, f.key), f, ()) for f in rt.items}
        ctx[rt.key] = {"@id": std.record_uri(rt.key), "@context": items}
    return {"@context": ctx}
