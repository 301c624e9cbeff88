"""Diff two versions of the standard into classified :class:`Change` values.

Paths name what changed: ``person`` (a record type), ``person.name`` (an item),
``part:address.town`` (a field of a shared part), ``codelist:sex`` and ``codelist:sex/9`` (a code
list and one of its codes), ``standard:namespace``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from endingnote.compat._rules import RULES, Level, Migration, Upgrade
from endingnote.standard import Field, Standard

# Primitive types whose values are a subset of another's: (narrow, wide).
_WIDENINGS = {
    ("kana", "string"),
    ("latin", "string"),
    ("string", "text"),
    ("kana", "text"),
    ("latin", "text"),
    ("last4", "string"),
    ("postal_code", "string"),
    ("phone", "string"),
    ("email", "string"),
    ("url", "string"),
    ("date", "string"),
    ("year_month", "string"),
    ("datetime", "string"),
    ("corporate_number", "string"),
    ("bank_code", "string"),
    ("branch_code", "string"),
    ("local_government_code", "string"),
    ("country", "string"),
}
_EDITORIAL_ATTRS = (
    ("label_ja", "ITEM_LABEL_CHANGED"),
    ("label_en", "ITEM_LABEL_CHANGED"),
    ("definition_ja", "ITEM_DEFINITION_CHANGED"),
    ("definition_en", "ITEM_DEFINITION_CHANGED"),
    ("example", "ITEM_EXAMPLE_CHANGED"),
    ("basis", "ITEM_PROVENANCE_CHANGED"),
    ("gif", "ITEM_PROVENANCE_CHANGED"),
    ("alpha_item", "ITEM_PROVENANCE_CHANGED"),
)
# constraint: True when a larger value is the wider (more permissive) one
_BOUNDS = {"max_length": True, "min_length": False, "maximum": True, "minimum": False, "max_items": True}


@dataclass(frozen=True, slots=True)
class Change:
    """One classified difference between two versions."""

    rule: str
    path: str
    old: Any = None
    new: Any = None
    affects: tuple[str, ...] = ()  # items using a changed part or code list
    acknowledged: bool = False
    acknowledged_in: str | None = None
    reason: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return RULES[self.rule].kind

    @property
    def level(self) -> Level:
        return RULES[self.rule].level

    @property
    def backward(self) -> bool:
        return RULES[self.rule].backward

    @property
    def forward(self) -> bool:
        return RULES[self.rule].forward

    @property
    def upgrade_first(self) -> Upgrade:
        return RULES[self.rule].upgrade_first

    @property
    def migration(self) -> Migration:
        return RULES[self.rule].migration

    @property
    def breaking(self) -> bool:
        return self.level is Level.BREAKING

    def message(self, lang: str = "ja") -> str:
        r = RULES[self.rule]
        summary = r.summary_ja if lang == "ja" else r.summary_en
        detail = ""
        if self.old is not None and self.new is not None:
            detail = f" ({_short(self.old)} → {_short(self.new)})"
        elif self.old is not None or self.new is not None:
            detail = f" ({_short(self.new if self.old is None else self.old)})"
        return f"{summary}{detail}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "rule": self.rule,
            "kind": self.kind,
            "level": self.level.label,
            "backward": self.backward,
            "forward": self.forward,
            "upgrade_first": self.upgrade_first.value,
            "migration": self.migration.value,
            "old": self.old,
            "new": self.new,
            "message_ja": self.message("ja"),
            "message_en": self.message("en"),
        }
        if self.affects:
            out["affects"] = list(self.affects)
        if self.acknowledged:
            out["acknowledged_in"] = self.acknowledged_in
            out["reason"] = dict(self.reason)
        return out


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def diff(old: Standard, new: Standard) -> list[Change]:
    """Every change from ``old`` to ``new``, in catalogue order (standard, records, parts, code lists)."""
    return list(_diff(old, new))


def _diff(old: Standard, new: Standard) -> Iterator[Change]:
    if old.namespace != new.namespace:
        yield Change("NAMESPACE_CHANGED", "standard:namespace", old.namespace, new.namespace)
    if (old.title_ja, old.title_en) != (new.title_ja, new.title_en):
        yield Change("TITLE_CHANGED", "standard:title", old.title_en, new.title_en)
    yield from _categories(old, new)
    yield from _records(old, new)
    yield from _parts(old, new)
    yield from _codelists(old, new)


def _categories(old: Standard, new: Standard) -> Iterator[Change]:
    ocats = {c.key: c for c in old.categories}
    ncats = {c.key: c for c in new.categories}
    for key, c in ncats.items():
        if key not in ocats:
            yield Change("CATEGORY_ADDED", f"category:{key}")
        elif (ocats[key].label_ja, ocats[key].label_en) != (c.label_ja, c.label_en):
            yield Change("CATEGORY_LABEL_CHANGED", f"category:{key}", ocats[key].label_ja, c.label_ja)
    for key in ocats:
        if key not in ncats:
            yield Change("CATEGORY_REMOVED", f"category:{key}")


def _records(old: Standard, new: Standard) -> Iterator[Change]:
    for key, nrt in new.records.items():
        ort = old.records.get(key)
        if ort is None:
            required = not nrt.cardinality.startswith("0")
            yield Change("RECORD_ADDED_REQUIRED" if required else "RECORD_ADDED_OPTIONAL", key)
            continue
        yield from _cardinality("RECORD", key, ort.cardinality, nrt.cardinality)
        if ort.status != nrt.status:
            rule = "RECORD_DEPRECATED" if nrt.status == "deprecated" else "RECORD_STATUS_CHANGED"
            yield Change(rule, key, ort.status, nrt.status)
        if ort.category != nrt.category:
            yield Change("RECORD_CATEGORY_CHANGED", key, ort.category, nrt.category)
        if (ort.label_ja, ort.label_en) != (nrt.label_ja, nrt.label_en):
            yield Change("RECORD_LABEL_CHANGED", key, ort.label_ja, nrt.label_ja)
        if (ort.definition_ja, ort.definition_en) != (nrt.definition_ja, nrt.definition_en):
            yield Change("RECORD_DEFINITION_CHANGED", key)
        yield from _fields(key, ort.items, nrt.items, old, new)
    for key, ort in old.records.items():
        if key not in new.records:
            required = not ort.cardinality.startswith("0")
            yield Change("RECORD_REMOVED_REQUIRED" if required else "RECORD_REMOVED_OPTIONAL", key)


def _cardinality(prefix: str, path: str, old: str, new: str) -> Iterator[Change]:
    if old == new:
        return
    old_rep, new_rep = old.endswith("*"), new.endswith("*")
    if not old_rep and new_rep:
        yield Change(f"{prefix}_TO_REPEATING", path, old, new)
    elif old_rep and not new_rep:
        yield Change(f"{prefix}_TO_SINGLE", path, old, new)
    old_req, new_req = not old.startswith("0"), not new.startswith("0")
    if old_req and not new_req:
        yield Change(f"{prefix}_CARDINALITY_WIDENED", path, old, new)
    elif new_req and not old_req:
        yield Change(f"{prefix}_CARDINALITY_NARROWED", path, old, new)


def _renamed_from(f: Field, record: str, old_keys: set[str]) -> str | None:
    """The old key ``f`` was renamed from: one of its aliases that only the old version has."""
    for alias in f.aliases:
        alias_record, dot, alias_key = alias.rpartition(".")
        if not dot:
            alias_record, alias_key = record, alias
        if alias_record == record and alias_key in old_keys:
            return alias_key
    return None


def _fields(
    owner: str, old_fields: tuple[Field, ...], new_fields: tuple[Field, ...], old: Standard, new: Standard
) -> Iterator[Change]:
    """Compare the fields of one record type (``owner`` = ``person``) or part (``part:address``)."""
    omap = {f.key: f for f in old_fields}
    nmap = {f.key: f for f in new_fields}
    renamed: dict[str, str] = {}  # old key -> new key
    for f in new_fields:
        if f.key not in omap:
            source = _renamed_from(f, owner, set(omap) - set(nmap))
            if source is not None:
                renamed[source] = f.key
    moved_out = _moved_out(owner, omap, nmap, new)
    for f in new_fields:
        path = f"{owner}.{f.key}"
        if f.key in renamed.values():
            source = next(k for k, v in renamed.items() if v == f.key)
            yield Change("ITEM_RENAMED", path, f"{owner}.{source}", path)
            yield from _field(path, omap[source], f, old, new)
        elif f.key not in omap:
            moved_from = next((a for a in f.aliases if "." in a and a.rpartition(".")[0] != owner), None)
            if moved_from is not None and old.item(moved_from) is not None and new.item(moved_from) is None:
                yield Change("ITEM_MOVED", path, moved_from, path)
            else:
                yield Change("ITEM_ADDED_REQUIRED" if f.required else "ITEM_ADDED_OPTIONAL", path)
        else:
            yield from _field(path, omap[f.key], f, old, new)
    for f in old_fields:
        if f.key not in nmap and f.key not in renamed and f.key not in moved_out:
            rule = "ITEM_REMOVED_REQUIRED" if f.required else "ITEM_REMOVED_OPTIONAL"
            yield Change(rule, f"{owner}.{f.key}")


def _moved_out(owner: str, omap: dict[str, Field], nmap: dict[str, Field], new: Standard) -> set[str]:
    """Old keys of ``owner`` that a new item elsewhere names as its alias (reported as ITEM_MOVED)."""
    gone = {f"{owner}.{k}" for k in omap if k not in nmap}
    out: set[str] = set()
    for rt in new.records.values():
        for f in rt.items:
            out.update(a.rpartition(".")[2] for a in f.aliases if a in gone and rt.key != owner)
    return out


def _field(path: str, o: Field, n: Field, old: Standard, new: Standard) -> Iterator[Change]:
    if o.type != n.type:
        if (o.type, n.type) in _WIDENINGS:
            yield Change("ITEM_TYPE_WIDENED", path, o.type, n.type)
        elif (n.type, o.type) in _WIDENINGS:
            yield Change("ITEM_TYPE_NARROWED", path, o.type, n.type)
        else:
            yield Change("ITEM_TYPE_CHANGED", path, o.type, n.type)
    elif o.type == "ref" and o.ref != n.ref:
        yield Change("ITEM_REF_TARGET_CHANGED", path, o.ref, n.ref)
    elif o.type == "code" and o.codelist != n.codelist:
        ocodes = set(old.codelists[o.codelist].values) if o.codelist in old.codelists else set()
        ncodes = set(new.codelists[n.codelist].values) if n.codelist in new.codelists else set()
        if ocodes == ncodes:
            pass  # same values under another list name: no effect on documents
        elif ocodes < ncodes:
            yield Change("ITEM_CODELIST_WIDENED", path, o.codelist, n.codelist)
        elif ncodes < ocodes:
            yield Change("ITEM_CODELIST_NARROWED", path, o.codelist, n.codelist)
        else:
            yield Change("ITEM_CODELIST_CHANGED", path, o.codelist, n.codelist)
    yield from _cardinality("ITEM", path, o.cardinality, n.cardinality)
    yield from _constraints(path, o.constraints, n.constraints)
    if o.status != n.status:
        if n.status == "deprecated":
            yield Change("ITEM_DEPRECATED", path, None, f"replaced_by: {n.replaced_by or '-'}")
        else:
            yield Change("ITEM_STATUS_CHANGED", path, o.status, n.status)
    if o.tier != n.tier:
        yield Change("ITEM_TIER_CHANGED", path, o.tier, n.tier)
    seen: set[str] = set()
    for attr, rule in _EDITORIAL_ATTRS:
        if rule not in seen and getattr(o, attr) != getattr(n, attr):
            seen.add(rule)
            yield Change(rule, path, getattr(o, attr), getattr(n, attr))


def _constraints(path: str, o: dict[str, Any], n: dict[str, Any]) -> Iterator[Change]:
    for name, larger_is_wider in _BOUNDS.items():
        ov, nv = o.get(name), n.get(name)
        if ov == nv:
            continue
        rule = name.upper()
        if ov is None:  # a new bound only ever narrows
            yield Change(f"{rule}_NARROWED", path, ov, nv)
        elif nv is None:
            yield Change(f"{rule}_WIDENED", path, ov, nv)
        else:
            wider = (nv > ov) == larger_is_wider
            yield Change(f"{rule}_{'WIDENED' if wider else 'NARROWED'}", path, ov, nv)
    op, np_ = o.get("pattern"), n.get("pattern")
    if op != np_:
        rule = "PATTERN_ADDED" if op is None else "PATTERN_REMOVED" if np_ is None else "PATTERN_CHANGED"
        yield Change(rule, path, op, np_)


def _users(std: Standard, type_name: str, *, codelist: bool = False) -> tuple[str, ...]:
    """Items and part fields whose type is part ``type_name`` (or that use code list ``type_name``)."""
    out = [
        f"{rt.key}.{f.key}"
        for rt in std.records.values()
        for f in rt.items
        if (f.codelist if codelist else f.type) == type_name
    ]
    out += [
        f"part:{p.key}.{f.key}"
        for p in std.parts.values()
        for f in p.fields
        if (f.codelist if codelist else f.type) == type_name
    ]
    return tuple(out)


def _parts(old: Standard, new: Standard) -> Iterator[Change]:
    for key, npart in new.parts.items():
        opart = old.parts.get(key)
        if opart is None:
            yield Change("PART_ADDED", f"part:{key}")
            continue
        if (opart.label_ja, opart.label_en, opart.definition_ja, opart.definition_en) != (
            npart.label_ja,
            npart.label_en,
            npart.definition_ja,
            npart.definition_en,
        ):
            yield Change("PART_LABEL_CHANGED", f"part:{key}")
        users = _users(new, key)
        for change in _fields(f"part:{key}", opart.fields, npart.fields, old, new):
            yield replace(change, affects=users)
    for key in old.parts:
        if key not in new.parts:
            yield Change("PART_REMOVED", f"part:{key}")


def _codelists(old: Standard, new: Standard) -> Iterator[Change]:
    for key, ncl in new.codelists.items():
        ocl = old.codelists.get(key)
        path = f"codelist:{key}"
        if ocl is None:
            yield Change("CODELIST_ADDED", path)
            continue
        if (ocl.label_ja, ocl.label_en, ocl.definition_ja, ocl.definition_en) != (
            ncl.label_ja,
            ncl.label_en,
            ncl.definition_ja,
            ncl.definition_en,
        ):
            yield Change("CODELIST_LABEL_CHANGED", path)
        users = _users(new, key, codelist=True)
        ocodes = {c.code: c for c in ocl.codes}
        ncodes = {c.code: c for c in ncl.codes}
        for code, c in ncodes.items():
            if code not in ocodes:
                yield Change("CODE_ADDED", f"{path}/{code}", None, code, affects=users)
            elif (ocodes[code].label_ja, ocodes[code].label_en) != (c.label_ja, c.label_en):
                yield Change("CODE_LABEL_CHANGED", f"{path}/{code}", ocodes[code].label_ja, c.label_ja)
        for code in ocodes:
            if code not in ncodes:
                yield Change("CODE_REMOVED", f"{path}/{code}", code, None, affects=users)
    for key in old.codelists:
        if key not in new.codelists:
            yield Change("CODELIST_REMOVED", f"codelist:{key}")
