"""Value checks no schema can express: 法人番号 and 自治体コード check digits, and references.

One C walk (``_scan.pluck``) gathers the values at every place the catalogue types as a reference,
a corporate number or a local-government code, following a plan made once per version from the
catalogue (records, and the parts inside them). The common case, everything resolving and every
check digit right, costs a few set operations; only a document with a failure is walked again in
Python to name each failing value's JSON pointer and item.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._show import show
from endingnote.standard import Field, Standard
from endingnote.standard._types import corporate_number_ok, local_government_code_ok
from endingnote.validation._bound import bound_ids
from endingnote.validation._paths import pointer
from endingnote.validation._scan import MAX_PLAN_DEPTH, pluck
from endingnote.validation._structure import labels


@functools.lru_cache(maxsize=4096)  # the same banks and utilities recur across notes
def corporate_number_valid(v: str) -> bool:
    # the shape is the pattern's job; only a 13-digit value is checked here
    return not (len(v) == 13 and v.isdigit()) or corporate_number_ok(v)


@functools.lru_cache(maxsize=4096)
def local_government_code_valid(v: str) -> bool:
    return not (len(v) == 6 and v.isdigit()) or local_government_code_ok(v)


_DIGITS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "corporate_number": ("value.corporate_number_check_digit", corporate_number_valid),
    "local_government_code": ("value.local_government_code_check_digit", local_government_code_valid),
}


@dataclass(frozen=True, slots=True)
class _Plan:
    tree: dict[str, Any]  # for pluck: member → slot or nested plan
    slots: tuple[tuple[str, str], ...]  # slot → (field type, reference target or "")


@functools.cache
def _plan(std: Standard) -> _Plan:
    slots: dict[tuple[str, str], int] = {}

    def fields_plan(fields: tuple[Field, ...], depth: int) -> dict[str, Any]:
        if depth > MAX_PLAN_DEPTH:
            raise ValueError("parts nest too deep (a part containing itself?)")
        out: dict[str, Any] = {}
        for f in fields:
            if f.type == "ref" and f.ref:
                out[f.key] = slots.setdefault(("ref", f.ref), len(slots))
            elif f.type in _DIGITS:
                out[f.key] = slots.setdefault((f.type, ""), len(slots))
            elif f.type in std.parts and (sub := fields_plan(std.parts[f.type].fields, depth + 1)):
                out[f.key] = sub
        return out

    tree = {rt.key: sub for rt in std.records.values() if (sub := fields_plan(rt.items, 1))}
    return _Plan(tree, tuple(sorted(slots, key=slots.__getitem__)))


def _ok(kind: str, target: str, values: list[str], ids: dict[str, set[str]]) -> bool:
    if kind == "ref":
        return ids.get(target, set()).issuperset(values)
    valid = _DIGITS[kind][1]
    return all(map(valid, values))


def check_values(std: Standard, doc: dict[str, Any]) -> Iterable[Issue]:
    """References (against the ids ``prepare`` bound) and check digits, wherever the catalogue puts them."""
    plan = _plan(std)
    if not plan.slots:
        return []
    ids = bound_ids()
    found = pluck(doc, plan.tree, len(plan.slots))
    if all(_ok(kind, target, found[i], ids) for i, (kind, target) in enumerate(plan.slots)):
        return []
    return _failures(std, doc, plan, ids)  # lazily: the caller takes as many as it reports


def _failures(std: Standard, doc: dict[str, Any], plan: _Plan, ids: dict[str, set[str]]) -> Iterator[Issue]:
    """The slow path: walk the plan again with paths, and say what fails where."""

    def value(v: Any, slot: int, path: list[str | int]) -> Iterator[Issue]:
        items = [(path, v)] if isinstance(v, str) else []
        if isinstance(v, list):
            items = [([*path, i], x) for i, x in enumerate(v) if isinstance(x, str)]
        kind, target = plan.slots[slot]
        for where, x in items:
            if _ok(kind, target, [x], ids):
                continue
            item, ja, en, _ = labels(std, where)
            extra: dict[str, Any] = {"item": item, "label_ja": ja, "label_en": en, "value": show(x)}
            if kind == "ref":
                yield issue("semantic.ref_unresolved", pointer(where), target=target, **extra)
            else:
                yield issue(_DIGITS[kind][0], pointer(where), **extra)

    def node(v: Any, sub: dict[str, Any], path: list[str | int]) -> Iterator[Issue]:
        if isinstance(v, dict):
            yield from record(v, sub, path)
        elif isinstance(v, list):
            for i, x in enumerate(v):
                if isinstance(x, dict):
                    yield from record(x, sub, [*path, i])

    def record(obj: dict[str, Any], sub: dict[str, Any], path: list[str | int]) -> Iterator[Issue]:
        for name, child in sub.items():
            if name in obj:
                if isinstance(child, int):
                    yield from value(obj[name], child, [*path, name])
                else:
                    yield from node(obj[name], child, [*path, name])

    yield from node(doc, plan.tree, [])
