"""The structure layer's errors, found piece by piece so that no document can multiply them.

jsonschema-rs computes every error before the first is read, and each error carries a copy of the
instance it concerns: 2,000 bad extension aliases in one object (a 30 KB document) cost 4 s and
700 MB, 8,000 exhaust the machine, and 300,000 wrong array items take 25 s. An invalid document is
therefore checked in pieces no bigger than ``SMALL`` nodes, each against the validator of its own
place in the schema (jsonschema-rs's validator map), and the walk stops when the caller has
enough findings:

- a subtree of at most ``SMALL`` nodes, or one whose schema is not an object or array schema, is
  validated whole (a type error on a big value is one error, whatever its size);
- a big object: its missing required members are read from the errors of ``{}``; its small members
  are validated ``CHUNK`` at a time; a big member's key is checked with a stand-in value
  (additionalProperties, propertyNames) and its value is walked at its own schema place;
- a big array: ``maxItems``/``minItems`` are read from the errors of a stand-in of the same length
  class; small items are validated one by one with the items' validator, big ones walked.

Every subtree is first asked ``is_valid`` (fast, stops at the first failure), so a valid part
costs one call and a document with a few errors is walked only along them. The walk knows the
keywords the generated schema uses (``KEYWORDS``); a test holds every version's schema to them, so
a new keyword is handled here before it can change what the pieces mean.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from endingnote.standard import Standard
from endingnote.standard._schema import build_schema
from endingnote.validation._bound import bound_today

SMALL = 48  # nodes: a subtree this small is validated in one call
CHUNK = 16  # small members of a big object validated together

# The keywords the walk understands: applicators and assertions it splits along or leaves whole.
KEYWORDS = frozenset(
    {
        *("$schema", "$id", "$comment", "$defs", "$ref", "title", "description", "examples", "default"),
        *("type", "properties", "required", "additionalProperties", "propertyNames", "items"),
        *("maxItems", "minItems", "enum", "const", "pattern", "format", "minLength", "maxLength"),
        *("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
    }
)


@dataclass(frozen=True, slots=True)
class Found:
    """A jsonschema-rs error placed in the whole document (``instance_path`` from its root)."""

    instance_path: list[str | int]
    kind: Any
    instance: Any
    message: str


@dataclass(frozen=True, slots=True)
class _Schema:
    root: dict[str, Any]
    validators: Any  # jsonschema_rs.ValidatorMap: schema pointer → validator


@functools.lru_cache(maxsize=8)
def _schema(std: Standard, today: str) -> _Schema:
    root = build_schema(std, today=today)
    return _Schema(root, jsonschema_rs.validator_map_for(root, validate_formats=True))


def _weight(value: Any, cap: int = SMALL) -> int:
    """Nodes in ``value``, counted up to ``cap + 1`` (never more: a member of a million items costs
    ``cap`` steps)."""
    if not isinstance(value, dict | list):
        return 1
    count = 1
    stack = [iter(value.values() if isinstance(value, dict) else value)]
    while stack:
        for child in stack[-1]:
            count += 1
            if count > cap:
                return count
            if isinstance(child, dict | list):
                stack.append(iter(child.values() if isinstance(child, dict) else child))
                break
        else:
            stack.pop()
    return count


def _token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _resolve(schema: _Schema, ptr: str) -> tuple[str, dict[str, Any]]:
    """The schema object at ``ptr`` (a local ``#/…`` pointer), following ``$ref`` to its target."""
    for _ in range(64):  # a $ref chain longer than this is a broken schema
        node: Any = schema.root
        for token in ptr.removeprefix("#").split("/")[1:]:
            node = node[token.replace("~1", "/").replace("~0", "~")]
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return ptr, node if isinstance(node, dict) else {}
        ptr = node["$ref"]
    raise ValueError(f"$ref chain too long at {ptr}")


def _kind(err: Any) -> str:
    return type(err.kind).__name__


def _placed(err: Any, path: list[str | int]) -> Found:
    return Found([*path, *err.instance_path], err.kind, err.instance, err.message)


def _whole(
    validator: Any, value: Any, path: list[str | int], only: frozenset[str] | None = None
) -> Iterator[Found]:
    for err in validator.iter_errors(value):
        if only is None or _kind(err) in only:
            yield _placed(err, path)


_KEY_KINDS = frozenset({"AdditionalProperties", "PropertyNames"})


def _walk(schema: _Schema, ptr: str, value: Any, path: list[str | int]) -> Iterator[Found]:
    validator = schema.validators.get(ptr)
    if validator.is_valid(value):
        return
    if not isinstance(value, dict | list) or _weight(value) <= SMALL:
        yield from _whole(validator, value, path)
        return
    at, node = _resolve(schema, ptr)
    if isinstance(value, dict) and (node.get("type") == "object" or "properties" in node):
        yield from _object(schema, validator, at, node, value, path)
    elif isinstance(value, list) and (node.get("type") == "array" or "items" in node):
        yield from _array(schema, validator, at, node, value, path)
    else:  # the wrong type for its place: one error, however big the value
        yield from _whole(validator, value, path)


def _object(
    schema: _Schema,
    validator: Any,
    at: str,
    node: dict[str, Any],
    value: dict[str, Any],
    path: list[str | int],
) -> Iterator[Found]:
    missing = {r for r in node.get("required", ()) if r not in value}
    if missing:
        for err in validator.iter_errors({}):
            if _kind(err) == "Required" and err.kind.property in missing:
                yield _placed(err, path)
    properties = node.get("properties", {})
    additional = node.get("additionalProperties", True)
    small: list[tuple[str, Any]] = []
    for key, member in value.items():
        if _weight(member) <= SMALL:
            small.append((key, member))
            continue
        for err in validator.iter_errors({key: None}):  # the key itself, with a stand-in value
            if _kind(err) in _KEY_KINDS and not len(err.instance_path):
                yield _placed(err, path)
        if key in properties:
            yield from _walk(schema, f"{at}/properties/{_token(key)}", member, [*path, key])
        elif isinstance(additional, dict):
            yield from _walk(schema, f"{at}/additionalProperties", member, [*path, key])
    for start in range(0, len(small), CHUNK):
        part = dict(small[start : start + CHUNK])
        if not validator.is_valid(part):
            for err in validator.iter_errors(part):
                if _kind(err) != "Required" or len(err.instance_path):  # this object's own: done above
                    yield _placed(err, path)


def _array(
    schema: _Schema, validator: Any, at: str, node: dict[str, Any], value: list[Any], path: list[str | int]
) -> Iterator[Found]:
    if isinstance(node.get("maxItems"), int) and len(value) > node["maxItems"]:
        yield from _whole(validator, [None] * (node["maxItems"] + 1), path, frozenset({"MaxItems"}))
    if isinstance(node.get("minItems"), int) and len(value) < node["minItems"]:
        yield from _whole(validator, [], path, frozenset({"MinItems"}))
    if not isinstance(node.get("items"), dict):
        return
    items_at = f"{at}/items"
    items = schema.validators.get(items_at)
    for i, item in enumerate(value):
        if _weight(item) > SMALL:
            yield from _walk(schema, items_at, item, [*path, i])
        elif not items.is_valid(item):
            yield from _whole(items, item, [*path, i])


def structure_errors(std: Standard, doc: Any) -> Iterator[Found]:
    """Every structure error of ``doc`` against ``std``'s schema for the bound date, lazily."""
    yield from _walk(_schema(std, bound_today()), "#", doc, [])
