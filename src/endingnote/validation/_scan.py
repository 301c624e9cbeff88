"""Tree walks over a parsed document, each done once in C (``_native``) and once here in Python.

- :func:`tree_stats` ``(obj, limit=-1)`` → ``(colons, depth)``: ``colons`` is the number of dict keys in
  the whole tree plus the ``:`` characters of every str key and str value (the duplicate-key check
  compares it with the raw bytes' colons); ``depth`` the nesting depth (the root counts 1, each
  nested dict or list one more). With ``limit >= 0`` the walk stops once the depth passes it and
  returns ``(-1, limit + 1)``.
- :func:`collect_ids` ``(doc, keys)`` → ``(ids, repeated)``: for each key whose value is a list, the
  set of the str ``id`` values of its dict elements; and the keys whose list repeats a str id.
- :func:`mark_items` ``(doc, index, nslots)`` → ``bytearray(nslots)`` with ``flags[slot] = 1`` for each
  member ``index[record]`` maps to a slot that is present in the record (a dict, or any dict element
  of a list).
- :func:`pluck` ``(doc, plan, nslots)`` → ``[list of str] * nslots``: the str values (or str elements
  of list values) at the places ``plan`` names; a plan maps member names to a slot (``int``) or to
  a nested plan (``dict``, applied to a dict value or to each dict element of a list value). The
  walk follows the plan, never the document, and stops past ``MAX_PLAN_DEPTH``.

The ``*_py`` functions are the reference (the tests' oracle) and the fallback where the extension
is not built; ``NATIVE`` says which is in use (``make install`` builds it and the tests require it).
Other types than dict/list/str are ignored; a walk deeper than ``MAX_FRAMES`` (a cycle, say) raises
``RecursionError`` instead of exhausting memory.
"""

from __future__ import annotations

from typing import Any

MAX_FRAMES = 1_000_000
MAX_PLAN_DEPTH = 32


def tree_stats_py(obj: object, limit: int = -1, /) -> tuple[int, int]:
    colons = obj.count(":") if isinstance(obj, str) else 0
    best = 1
    if 0 <= limit < best:
        return -1, limit + 1
    stack: list[tuple[Any, int]] = [(obj, 1)] if isinstance(obj, dict | list) else []
    while stack:
        node, d = stack.pop()
        if isinstance(node, dict):
            colons += len(node)
            colons += sum(k.count(":") for k in node if isinstance(k, str))
            children: Any = node.values()
        else:
            children = node
        for child in children:
            if isinstance(child, str):
                colons += child.count(":")
            elif isinstance(child, dict | list):
                if d + 1 > best:
                    best = d + 1
                    if 0 <= limit < best:
                        return -1, limit + 1
                if d + 1 > MAX_FRAMES:
                    raise RecursionError("tree_stats: nesting too deep (or a cycle)")
                stack.append((child, d + 1))
    return colons, best


def collect_ids_py(doc: dict[str, Any], keys: tuple[str, ...], /) -> tuple[dict[str, set[str]], list[str]]:
    ids: dict[str, set[str]] = {}
    repeated: list[str] = []
    for key in keys:
        records = doc.get(key)
        if not isinstance(records, list):
            continue
        found: set[str] = set()
        again = False
        for record in records:
            if isinstance(record, dict) and isinstance(rid := record.get("id"), str):
                again = again or rid in found
                found.add(rid)
        ids[key] = found
        if again:
            repeated.append(key)
    return ids, repeated


def mark_items_py(doc: dict[str, Any], index: dict[str, dict[str, int]], nslots: int, /) -> bytearray:
    flags = bytearray(nslots)
    for record_key, members in index.items():
        value = doc.get(record_key)
        if isinstance(value, dict):
            records = [value]
        elif isinstance(value, list):
            records = [r for r in value if isinstance(r, dict)]
        else:
            continue
        for record in records:
            for name, slot in members.items():
                if not 0 <= slot < nslots:
                    raise IndexError("mark_items: slot out of range")
                if name in record:
                    flags[slot] = 1
    return flags


def pluck_py(doc: Any, plan: dict[str, Any], nslots: int, /) -> list[list[str]]:
    out: list[list[str]] = [[] for _ in range(nslots)]

    def take(value: Any, slot: int) -> None:
        if not 0 <= slot < nslots:
            raise IndexError("pluck: slot out of range")
        if isinstance(value, str):
            out[slot].append(value)
        elif isinstance(value, list):
            out[slot].extend(v for v in value if isinstance(v, str))

    def node(value: Any, sub: dict[str, Any], depth: int) -> None:
        if isinstance(value, dict):
            record(value, sub, depth)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    record(item, sub, depth)

    def record(obj: dict[str, Any], sub: dict[str, Any], depth: int) -> None:
        if depth > MAX_PLAN_DEPTH:
            raise RecursionError("pluck: plan nested too deep")
        for name, child in sub.items():
            if name not in obj:
                continue
            if isinstance(child, int):
                take(obj[name], child)
            elif isinstance(child, dict):
                node(obj[name], child, depth + 1)
            else:
                raise TypeError("pluck: a plan maps names to slots (int) or plans (dict)")

    node(doc, plan, 0)
    return out


try:
    from endingnote.validation import _native
except ImportError:  # pragma: no cover - the Makefile builds the extension; tests assert NATIVE
    NATIVE = False
    tree_stats = tree_stats_py
    collect_ids = collect_ids_py
    mark_items = mark_items_py
    pluck = pluck_py
else:
    NATIVE = True
    tree_stats = _native.tree_stats
    collect_ids = _native.collect_ids
    mark_items = _native.mark_items
    pluck = _native.pluck
