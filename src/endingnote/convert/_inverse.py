"""Standard → vendor: the same mapping read backwards, with a report of what the vendor cannot hold.

Each field rule's transforms run inverted in reverse order. Values the vendor format has no place
for — items the mapping does not map, other vendors' extensions — are reported per JSON pointer
(``convert.target.cannot_hold``), never silently lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.convert._engine import apply_forward, pointer_of
from endingnote.convert._mapping import Mapping, Scope, Step
from endingnote.convert._read import iter_leaves


@dataclass
class VendorPerson:
    """One person in vendor terms: source name → value, per scope."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    items: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)  # tabular rows of no group
    file_fields: dict[str, Any] = field(default_factory=dict)  # export metadata outside the persons


def get_path(obj: Any, steps: tuple[Step, ...], appended: int = 0) -> tuple[Any, str]:
    """The value at ``steps`` and the pointer suffix it was found at (``append``: element ``appended``)."""
    cur = obj
    suffix = ""
    for step in steps:
        if not isinstance(cur, dict) or step.key not in cur:
            return None, suffix
        cur = cur[step.key]
        suffix += f"/{step.key}"
        if step.index is not None or step.append:
            i = step.index if step.index is not None else appended
            if not isinstance(cur, list) or i >= len(cur):
                return None, suffix
            cur = cur[i]
            suffix += f"/{i}"
    return cur, suffix


def _inverse(transforms: tuple[Any, ...], value: Any) -> Any:
    for t in reversed(transforms):
        if value is None:
            return None
        value = t.inverse(value)
    return value


class _Reader:
    def __init__(self, mapping: Mapping) -> None:
        self.m = mapping
        self.used: set[str] = set()

    def scope(
        self, obj: dict[str, Any], scope: Scope, prefix: str, ext: dict[str, Any], out: dict[str, Any]
    ) -> None:
        appended: dict[str, int] = {}
        derived: list[Any] = []
        for rule in scope.fields:
            if rule.is_const or not rule.primary or (rule.source in out and not rule.invertible):
                # constants, further targets, and lossy rules whose source another rule (or the
                # record id) already wrote back: consumed when they agree with it
                derived.append(rule)
                continue
            n = appended.get(rule.target, 0)
            whole_list = rule.steps[-1].append and any(t.name == "split" for t in rule.transforms)
            if whole_list:
                value, suffix = get_path(obj, (*rule.steps[:-1], Step(rule.steps[-1].key)))
            else:
                value, suffix = get_path(obj, rule.steps, n)
            if rule.steps[-1].append:
                appended[rule.target] = n + 1
            if value is None:
                continue
            vendor = _inverse(rule.transforms, value)
            if vendor is None:
                continue
            out[rule.source] = vendor
            produced, _ = apply_forward(rule.transforms, vendor) if isinstance(value, dict) else (None, None)
            if isinstance(produced, dict):
                for k in produced:
                    self.used.add(f"{prefix}{suffix}/{k}")
            else:
                self.used.add(f"{prefix}{suffix}")
        for (
            rule
        ) in derived:  # constants and further targets: consumed when they say what the vendor value says
            n = appended.get(rule.target, 0)
            value, suffix = get_path(obj, rule.steps, n)
            if rule.steps[-1].append:
                appended[rule.target] = n + 1
            if value is None:
                continue
            basis = rule.const if rule.is_const else out.get(rule.source)
            if basis is None:
                continue
            try:
                expected, _ = apply_forward(rule.transforms, basis)
            except Exception:  # noqa: S112 - any transform failure means "not derivable": reported below
                continue
            if expected == value:
                self.used.add(f"{prefix}{suffix}")
        for erule in scope.extensions:
            slot: dict[str, Any] = ext
            where = prefix
            if erule.record is not None:
                slot = obj.get(erule.record, {}).get("extensions", {}).get(self.m.alias, {})
                where = f"/{erule.record}"
            if erule.key in slot:
                out[erule.source] = _inverse(erule.transforms, slot[erule.key])
                self.used.add(f"{where}/extensions/{self.m.alias}/{erule.key}")
        for name, value in ext.get("_unmapped", {}).items():
            out[name] = value
        for name, value in ext.get("_rejected", {}).items():
            out[name] = value
        for kept in ("_unmapped", "_rejected"):
            if kept in ext:
                self.used.add(f"{prefix}/extensions/{self.m.alias}/{kept}")


def person_to_vendor(doc: dict[str, Any], mapping: Mapping, key: str) -> tuple[VendorPerson, list[Issue]]:
    reader = _Reader(mapping)
    alias = mapping.alias
    person = VendorPerson(key)
    root_ext = doc.get("extensions", {}).get(alias, {})
    reader.scope(doc, mapping.person, "", root_ext, person.values)
    if mapping.source.person_key and mapping.source.person_key not in person.values:
        person.values[mapping.source.person_key] = key
    for gi, g in enumerate(mapping.groups):
        out_items = []
        found = doc.get(g.record)
        if g.repeating:
            records = [(f"/{g.record}/{n}", r) for n, r in enumerate(found or []) if isinstance(r, dict)]
        else:
            records = [(f"/{g.record}", found)] if isinstance(found, dict) else []
        for prefix, item in records:
            values: dict[str, Any] = {}
            if g.where is not None:
                values.update(g.where.assignments())
            if g.id_source and isinstance(item.get("id"), str):
                ident = item["id"]
                ident = ident[len(g.id_prefix) :] if ident.startswith(g.id_prefix) else ident
                values[g.id_source] = _inverse(g.id_transforms, ident)
            reader.used.add(f"{prefix}/id")
            item_ext = item.get("extensions", {}).get(alias, {})
            before = len(reader.used)
            reader.scope(item, g.scope, prefix, item_ext, values)
            if g.repeating or len(reader.used) > before:
                out_items.append(values)
        person.items[gi] = out_items
    if "_file" in root_ext:
        person.file_fields = dict(root_ext["_file"])
        reader.used.add(f"/extensions/{alias}/_file")
    if "_rows" in root_ext:
        person.rows = [dict(r) for r in root_ext["_rows"]]
        reader.used.add(f"/extensions/{alias}/_rows")
    issues = []
    for pointer, _ in iter_leaves({k: v for k, v in doc.items() if k != "header"}):
        if pointer.endswith("/id") and pointer.count("/") == 3:
            continue  # record ids are structural; the vendor gets its own
        if any(pointer == u or pointer.startswith(u + "/") for u in reader.used):
            continue
        issues.append(issue("convert.target.cannot_hold", pointer, file=key, pointer=pointer))
    return person, issues


def docs_to_vendor(
    docs: Iterable[tuple[str, dict[str, Any]]], mapping: Mapping
) -> tuple[list[VendorPerson], list[Issue]]:
    persons = []
    issues: list[Issue] = []
    for key, doc in docs:
        vp, found = person_to_vendor(doc, mapping, key)
        persons.append(vp)
        issues.extend(found)
    return persons, issues


__all__ = ["VendorPerson", "docs_to_vendor", "get_path", "person_to_vendor", "pointer_of"]
