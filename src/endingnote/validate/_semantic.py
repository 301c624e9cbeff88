"""The semantic layer: what a schema cannot say. Check digits, dates in order, references that
resolve, unique ids, declared extension aliases, deprecated items.

Each standard version is compiled once into a *plan*: for every record type, only the fields that
carry a semantic check and the parts that contain one. Validation then walks those paths alone,
not the whole document, and every access is type-guarded so a structurally broken document still
gets its semantic findings instead of a crash.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.standard import Field, Standard
from endingnote.standard._types import corporate_number_ok, local_government_code_ok
from endingnote.validate._paths import pointer

# Pairs of sibling date items that must be in order (earlier, later), wherever they occur.
DATE_PAIRS: tuple[tuple[str, str], ...] = (
    ("birth_date", "death_date"),
    ("start_date", "end_date"),
    ("started_on", "ended_on"),
    ("issue_date", "expiry_date"),
    ("issued_on", "expires_on"),
    ("contract_date", "maturity_date"),
    ("acquired_on", "disposed_on"),
    ("diagnosed_on", "resolved_on"),
    ("since", "until"),
)
_GREGORIAN_REFORM = "1873-01-01"
_FUTURE_CHECKED = ("birth_date", "diagnosed_on", "issue_date", "issued_on", "performed_on")


@dataclass(slots=True)
class _Plan:
    leaves: list[tuple[str, str, Field]] = field(default_factory=list)  # (key, check, field)
    children: list[tuple[str, bool, _Plan]] = field(default_factory=list)  # (key, repeating, plan)
    pairs: list[tuple[Field, Field]] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.leaves or self.children or self.pairs)


@dataclass(slots=True)
class _Compiled:
    records: dict[str, _Plan]
    ref_targets: frozenset[str]


def _check_of(f: Field) -> str | None:
    if f.type == "corporate_number":
        return "corp"
    if f.type == "local_government_code":
        return "lgc"
    if f.type == "ref":
        return "ref"
    if f.type == "date":
        return "date"
    return None


def _plan(std: Standard, fields: tuple[Field, ...], cache: dict[str, _Plan], record: bool) -> _Plan:
    plan = _Plan()
    by_key = {f.key: f for f in fields}
    for f in fields:
        check = _check_of(f)
        if check:
            plan.leaves.append((f.key, check, f))
        if record and f.status == "deprecated":
            plan.leaves.append((f.key, "deprecated", f))
        part = std.parts.get(f.type)
        if part is not None:
            if part.key not in cache:
                cache[part.key] = _Plan()  # placeholder breaks cycles
                cache[part.key] = _plan(std, part.fields, cache, record=False)
            child = cache[part.key]
            if not child.empty():
                plan.children.append((f.key, f.repeating, child))
    for earlier, later in DATE_PAIRS:
        if earlier in by_key and later in by_key:
            plan.pairs.append((by_key[earlier], by_key[later]))
    return plan


@functools.cache
def compile_plan(std: Standard) -> _Compiled:
    cache: dict[str, _Plan] = {}
    records = {key: _plan(std, rt.items, cache, record=True) for key, rt in std.records.items()}
    targets = frozenset(
        f.ref for owner in [*std.records.values()] for f in owner.items if f.type == "ref" and f.ref
    ) | frozenset(f.ref for p in std.parts.values() for f in p.fields if f.type == "ref" and f.ref)
    return _Compiled(records, targets)


class _Run:
    def __init__(self, std: Standard, doc: dict[str, Any], today: str) -> None:
        self.std = std
        self.doc = doc
        self.today = today
        self.issues: list[Issue] = []
        self.refs: list[tuple[str, str, Field, str | None]] = []  # (value, path, field, item)

    def obj(self, plan: _Plan, node: dict[str, Any], path: list[str | int], item_prefix: str | None) -> None:
        for key, check, f in plan.leaves:
            value = node.get(key)
            if value is None:
                continue
            item = item_prefix or None
            if item_prefix and "." not in item_prefix:
                item = f"{item_prefix}.{key}"
            if f.repeating and isinstance(value, list):
                for i, v in enumerate(value):
                    self.leaf(check, f, v, path, key, i, item)
            else:
                self.leaf(check, f, value, path, key, None, item)
        for earlier, later in plan.pairs:
            a, b = node.get(earlier.key), node.get(later.key)
            if isinstance(a, str) and isinstance(b, str) and len(a) == len(b) == 10 and b < a:
                self.issues.append(
                    issue(
                        "semantic.date_order",
                        pointer([*path, later.key]),
                        item=f"{item_prefix}.{later.key}"
                        if item_prefix and "." not in item_prefix
                        else item_prefix,
                        earlier=a,
                        later=b,
                        earlier_ja=earlier.label_ja,
                        earlier_en=earlier.label_en,
                        later_ja=later.label_ja,
                        later_en=later.label_en,
                    )
                )
        for key, repeating, child in plan.children:
            value = node.get(key)
            item = item_prefix if item_prefix and "." in item_prefix else f"{item_prefix}.{key}"
            if repeating and isinstance(value, list):
                for i, v in enumerate(value):
                    if isinstance(v, dict):
                        self.obj(child, v, [*path, key, i], item)
            elif isinstance(value, dict):
                self.obj(child, value, [*path, key], item)

    def leaf(
        self,
        check: str,
        f: Field,
        v: Any,
        path: list[str | int],
        key: str,
        index: int | None,
        item: str | None,
    ) -> None:
        if not isinstance(v, str):
            return
        code: str | None = None
        extra: dict[str, Any] = {}
        if check == "corp":
            if len(v) == 13 and v.isdigit() and not corporate_number_ok(v):
                code = "value.corporate_number_check_digit"
        elif check == "lgc":
            if len(v) == 6 and v.isdigit() and not local_government_code_ok(v):
                code = "value.local_government_code_check_digit"
        elif check == "ref":
            self.refs.append((v, _ptr(path, key, index), f, item))
        elif check == "date":
            if len(v) == 10 and v < _GREGORIAN_REFORM:
                code = "semantic.pre_meiji6_date"
            elif f.key in _FUTURE_CHECKED and v > self.today:
                code = "semantic.future_date"
        elif check == "deprecated":
            code = "semantic.deprecated_item"
            replacement = f.replaced_by
            extra = {
                "version": f.deprecated_in or "?",
                "replacement_ja": f"(後継: {replacement})" if replacement else "",
                "replacement_en": f" (use {replacement})" if replacement else "",
            }
        if code is not None:
            self.issues.append(
                issue(
                    code,
                    _ptr(path, key, index),
                    item=item,
                    value=v,
                    label_ja=f.label_ja,
                    label_en=f.label_en,
                    **extra,
                )
            )


def _ptr(path: list[str | int], key: str, index: int | None) -> str:
    return pointer([*path, key] if index is None else [*path, key, index])


def _ids(std: Standard, doc: dict[str, Any], out: list[Issue]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for key, rt in std.records.items():
        if not rt.repeating:
            continue
        records = doc.get(key)
        if not isinstance(records, list):
            continue
        seen: set[str] = set()
        for i, r in enumerate(records):
            if isinstance(r, dict):
                rid = r.get("id")
                if isinstance(rid, str):
                    if rid in seen:
                        out.append(issue("semantic.duplicate_id", pointer([key, i, "id"]), value=rid))
                    seen.add(rid)
        ids[key] = seen
    return ids


def _extension_aliases(doc: dict[str, Any], std: Standard, out: list[Issue]) -> None:
    header = doc.get("header")
    declared = header.get("extensions") if isinstance(header, dict) else None
    declared_aliases = set(declared) if isinstance(declared, dict) else set()

    def check(slot: Any, path: list[str | int]) -> None:
        if isinstance(slot, dict):
            for alias in slot:
                if alias not in declared_aliases:
                    out.append(
                        issue("semantic.extension_alias_undeclared", pointer([*path, alias]), alias=alias)
                    )

    check(doc.get("extensions"), ["extensions"])
    for key, rt in std.records.items():
        value = doc.get(key)
        if rt.repeating and isinstance(value, list):
            for i, r in enumerate(value):
                if isinstance(r, dict) and "extensions" in r:
                    check(r["extensions"], [key, i, "extensions"])
        elif isinstance(value, dict) and "extensions" in value:
            check(value["extensions"], [key, "extensions"])


def check_semantics(std: Standard, doc: dict[str, Any], today: datetime.date | None = None) -> list[Issue]:
    compiled = compile_plan(std)
    run = _Run(std, doc, (today or datetime.date.today()).isoformat())
    for key, plan in compiled.records.items():
        if plan.empty():
            continue
        value = doc.get(key)
        if std.records[key].repeating:
            if isinstance(value, list):
                for i, r in enumerate(value):
                    if isinstance(r, dict):
                        run.obj(plan, r, [key, i], key)
        elif isinstance(value, dict):
            run.obj(plan, value, [key], key)
    ids = _ids(std, doc, run.issues)
    for value, path, f, item in run.refs:
        target = f.ref or ""
        if value not in ids.get(target, ()):
            run.issues.append(issue("semantic.ref_unresolved", path, item=item, value=value, target=target))
    _extension_aliases(doc, std, run.issues)
    return run.issues
