"""Migrate a document between versions of the standard, up or down, losing nothing silently.

Each step between adjacent versions is derived from the catalogue, not written by hand:

* renames come from the newer item's ``aliases`` (``ITEM_RENAMED``);
* a record type or item that became repeating is wrapped in an array going up and unwrapped
  going down (a list that is not exactly one element long is carried whole);
* anything the target version cannot hold — an item or record type it lacks, an ``id`` on a
  record that is no longer repeating, a code its code list lacks — is moved into the versioned
  extension of the version that *can* hold it (:mod:`endingnote.compat._carrier`) and listed in
  the report; migrating back restores it.

Real transformations that cannot be derived can be registered per step in ``TRANSFORMS``.
Vendor extension slots are carried over verbatim.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from endingnote._issues import Issue
from endingnote.compat import _carrier as carrier
from endingnote.compat._codes import issue
from endingnote.compat._diff import diff
from endingnote.standard import Field, Standard

_RESERVED = ("header", "extensions")


@dataclass(slots=True)
class StepOps:
    """What changes between two adjacent versions, as data (older → newer)."""

    older: Standard
    newer: Standard
    renames: dict[str, dict[str, str]] = field(default_factory=dict)  # owner -> {old key: new key}
    record_reshape: dict[str, bool] = field(default_factory=dict)  # record -> True if became repeating
    item_reshape: dict[str, dict[str, bool]] = field(default_factory=dict)  # owner -> {new key: repeating}


Transform = Callable[[dict[str, Any], "Context"], None]
# (older, newer) -> (up transforms, down transforms); run after the derived renames/reshapes going up,
# before them going down.
TRANSFORMS: dict[tuple[str, str], tuple[list[Transform], list[Transform]]] = {}


@dataclass(slots=True)
class Context:
    source: Standard
    target: Standard
    issues: list[Issue]
    header: dict[str, Any]
    root_carry: dict[str, Any] = field(default_factory=dict)  # pointer -> value, root carrier of ``source``


_OPS_CACHE: dict[tuple[int, int], StepOps] = {}


def step_ops(older: Standard, newer: Standard) -> StepOps:
    """The derived operations between two versions (cached: standards are loaded once per process)."""
    key = (id(older), id(newer))
    hit = _OPS_CACHE.get(key)
    if hit is not None and hit.older is older and hit.newer is newer:
        return hit
    ops = _OPS_CACHE[key] = _step_ops(older, newer)
    return ops


def _step_ops(older: Standard, newer: Standard) -> StepOps:
    ops = StepOps(older, newer)
    for change in diff(older, newer):
        if change.rule == "ITEM_RENAMED":
            owner, _, old_key = str(change.old).rpartition(".")
            new_key = change.path.rpartition(".")[2]
            ops.renames.setdefault(owner, {})[old_key] = new_key  # owner: "person" or "part:address"
        elif change.rule in ("RECORD_TO_REPEATING", "RECORD_TO_SINGLE"):
            ops.record_reshape[change.path] = change.rule == "RECORD_TO_REPEATING"
        elif change.rule in ("ITEM_TO_REPEATING", "ITEM_TO_SINGLE"):
            owner, _, key = change.path.rpartition(".")
            ops.item_reshape.setdefault(owner, {})[key] = change.rule == "ITEM_TO_REPEATING"
    return ops


_MAPS: dict[tuple[int, str], tuple[Standard, dict[str, Field]]] = {}


def _field_map(std: Standard, owner: str) -> dict[str, Field]:
    """Fields by key of a record type or ``part:<key>`` (cached per loaded standard)."""
    hit = _MAPS.get((id(std), owner))
    if hit is not None and hit[0] is std:
        return hit[1]
    fields = {f.key: f for f in _fields_of(std, owner)}
    _MAPS[(id(std), owner)] = (std, fields)
    return fields


def _fields_of(std: Standard, owner: str) -> tuple[Field, ...]:
    if owner.startswith("part:"):
        return std.parts[owner[5:]].fields
    return std.records[owner].items


def _children(value: Any, repeating: bool) -> list[tuple[str, Any]]:
    """(relative pointer suffix, object) for one item value: one object, or each in an array."""
    if repeating and isinstance(value, list):
        return [(f"/{i}", v) for i, v in enumerate(value) if isinstance(v, dict)]
    if not repeating and isinstance(value, dict):
        return [("", value)]
    return []


# -- the three phases of one step -------------------------------------------------------------


def _restore(doc: dict[str, Any], target: Standard, ctx: Context) -> None:
    """Put back everything carried for ``target``'s version (pointers are in the source shape)."""
    uri = carrier.carrier_uri(target.namespace, target.version)
    header = ctx.header
    if not isinstance(header.get("extensions"), dict):
        return
    aliases = [a for a, u in header["extensions"].items() if u == uri]
    if not aliases:
        return
    for holder, where in _slot_holders(doc, ctx.source):
        slot = holder.get("extensions")
        if not isinstance(slot, dict):
            continue
        for alias in aliases:
            carried = slot.pop(alias, None)
            if not isinstance(carried, dict):
                if carried is not None:
                    slot[alias] = carried  # not ours to interpret: keep verbatim
                continue
            for pointer, value in carried.items():
                # the root carrier may restore parts of other record objects: apply in order given
                if carrier.put(holder, pointer, value):
                    ctx.issues.append(issue("migrate.restored", where + pointer, version=target.version))
                else:
                    ctx.issues.append(
                        issue("migrate.restore_blocked", where + pointer, version=target.version)
                    )
                    ctx.root_carry[where + pointer] = value
        if not slot:
            del holder["extensions"]
    for alias in aliases:
        del header["extensions"][alias]
    if not header["extensions"]:
        del header["extensions"]


def _slot_holders(doc: dict[str, Any], std: Standard) -> list[tuple[dict[str, Any], str]]:
    """Every object with an extension slot: the root first, then each record object."""
    out: list[tuple[dict[str, Any], str]] = [(doc, "")]
    for key, value in doc.items():
        if key in _RESERVED:
            continue
        if isinstance(value, dict):
            out.append((value, f"/{carrier.escape(key)}"))
        elif isinstance(value, list):
            out += [(v, f"/{carrier.escape(key)}/{i}") for i, v in enumerate(value) if isinstance(v, dict)]
    return out


def _reshape_records(doc: dict[str, Any], ops: StepOps, up: bool, ctx: Context) -> None:
    for key, became_repeating in ops.record_reshape.items():
        if key not in doc:
            continue
        to_repeating = became_repeating == up
        value = doc[key]
        if to_repeating and not isinstance(value, list):
            doc[key] = [value]
            ctx.issues.append(issue("migrate.reshaped", f"/{key}", shape="array"))
        elif not to_repeating and isinstance(value, list):
            _unwrap(doc, key, value, f"/{key}", ctx.root_carry, ctx)


def _unwrap(
    holder: dict[str, Any], key: str, value: list[Any], where: str, carry: dict[str, Any], ctx: Context
) -> None:
    """A list where one value is expected: one element is unwrapped; otherwise the whole list is
    carried and the first element (if any) kept in place so older readers still see it."""
    if len(value) == 1:
        holder[key] = value[0]
        ctx.issues.append(issue("migrate.reshaped", where, shape="single"))
        return
    carry[where] = copy.deepcopy(value)
    if value:
        holder[key] = value[0]
    else:
        del holder[key]
    ctx.issues.append(issue("migrate.carried", where, version=ctx.source.version, count=len(value)))


def _transform_objects(doc: dict[str, Any], ops: StepOps, up: bool, ctx: Context) -> None:
    """Apply renames and item reshapes inside every record object and the parts it contains."""
    target = ctx.target
    for key, value in list(doc.items()):
        if key in _RESERVED or key not in target.records:
            continue
        rt = target.records[key]
        for suffix, obj in _children(value, rt.repeating):
            where = f"/{carrier.escape(key)}{suffix}"
            carry: dict[str, Any] = {}
            _transform_object(obj, key, ops, up, ctx, where, "", carry)
            _flush_carry(obj, carry, ctx)


def _transform_object(
    obj: dict[str, Any],
    owner: str,
    ops: StepOps,
    up: bool,
    ctx: Context,
    where: str,
    rel: str,
    carry: dict[str, Any],
) -> None:
    renames = ops.renames.get(owner, {})
    if not up:
        renames = {new: old for old, new in renames.items()}
    for src, dst in renames.items():
        if src in obj and dst not in obj:
            obj[dst] = obj.pop(src)
            ctx.issues.append(issue("migrate.renamed", f"{where}{rel}/{dst}", old=src, new=dst))
    reshape = ops.item_reshape.get(owner, {})
    if not up:
        # keys in item_reshape are the newer names; going down they have been renamed back already
        back = {v: k for k, v in ops.renames.get(owner, {}).items()}
        reshape = {back.get(k, k): v for k, v in reshape.items()}
    for key, became_repeating in reshape.items():
        if key not in obj:
            continue
        to_repeating = became_repeating == up
        value = obj[key]
        if to_repeating and not isinstance(value, list):
            obj[key] = [value]
            ctx.issues.append(issue("migrate.reshaped", f"{where}{rel}/{key}", shape="array"))
        elif not to_repeating and isinstance(value, list):
            _unwrap(obj, key, value, f"{rel}/{key}", carry, ctx)
    for f in _fields_of(ctx.target, owner):
        if f.key in obj and f.type in ctx.target.parts:
            for suffix, child in _children(obj[f.key], f.repeating):
                _transform_object(
                    child,
                    f"part:{f.type}",
                    ops,
                    up,
                    ctx,
                    where,
                    f"{rel}/{carrier.escape(f.key)}{suffix}",
                    carry,
                )


def _flush_carry(holder: dict[str, Any], carry: dict[str, Any], ctx: Context) -> None:
    if not carry:
        return
    alias = carrier.alias_for(ctx.header, carrier.carrier_uri(ctx.source.namespace, ctx.source.version))
    slot = holder.setdefault("extensions", {})
    slot.setdefault(alias, {}).update(carry)
    carry.clear()


def _prune(doc: dict[str, Any], ctx: Context) -> None:
    """Move whatever ``ctx.target`` cannot hold into ``ctx.source``'s versioned extension."""
    target = ctx.target
    for key in list(doc):
        if key in _RESERVED:
            continue
        if key not in target.records:
            ctx.root_carry[f"/{carrier.escape(key)}"] = doc.pop(key)
            ctx.issues.append(
                issue("migrate.carried", f"/{carrier.escape(key)}", version=ctx.source.version, count=1)
            )
            continue
        rt = target.records[key]
        allowed = _field_map(target, key)
        extra = {"extensions"} | ({"id"} if rt.repeating else set())
        for suffix, obj in _children(doc[key], rt.repeating):
            where = f"/{carrier.escape(key)}{suffix}"
            carry: dict[str, Any] = {}
            _prune_object(obj, allowed, extra, ctx, where, "", carry)
            _flush_carry(obj, carry, ctx)


def _prune_object(
    obj: dict[str, Any],
    allowed: dict[str, Field],
    extra: set[str],
    ctx: Context,
    where: str,
    rel: str,
    carry: dict[str, Any],
) -> None:
    for key in list(obj):
        pointer = f"{rel}/{carrier.escape(key)}"
        if key in extra:
            continue
        f = allowed.get(key)
        if f is None:
            carry[pointer] = obj.pop(key)
            ctx.issues.append(issue("migrate.carried", where + pointer, version=ctx.source.version, count=1))
            continue
        value = obj[key]
        if f.type == "code" and f.codelist in ctx.target.codelists:
            codes = set(ctx.target.codelists[f.codelist].values)
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and v not in codes for v in values):
                carry[pointer] = copy.deepcopy(value)
                ctx.issues.append(
                    issue("migrate.carried", where + pointer, version=ctx.source.version, count=1)
                )
                if "other" in codes:  # keep the document valid; the carried value wins on the way back
                    fallback = ["other" if isinstance(v, str) and v not in codes else v for v in values]
                    obj[key] = fallback if isinstance(value, list) else fallback[0]
                    ctx.issues.append(
                        issue("migrate.code_fallback", where + pointer, version=ctx.target.version)
                    )
                else:
                    del obj[key]
                    if f.required:
                        ctx.issues.append(issue("migrate.required_missing", where + pointer))
            continue
        part = ctx.target.parts.get(f.type)
        if part is not None:
            for suffix, child in _children(value, f.repeating):
                _prune_object(
                    child,
                    _field_map(ctx.target, f"part:{part.key}"),
                    set(),
                    ctx,
                    where,
                    f"{pointer}{suffix}",
                    carry,
                )


# -- public entry ------------------------------------------------------------------------------


@dataclass(slots=True)
class MigrationResult:
    document: dict[str, Any] | None
    source: str | None
    target: str
    path: list[str]
    issues: list[Issue]

    @property
    def carried(self) -> list[Issue]:
        return [i for i in self.issues if i.code == "migrate.carried"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "path": self.path,
            "ok": self.document is not None and not any(i.severity == "error" for i in self.issues),
            "carried": len(self.carried),
            "issues": [i.to_dict() for i in self.issues],
        }


MAX_DEPTH = 255  # orjson's own nesting limit


def _too_deep(doc: Any) -> bool:
    """Iterative nesting check, so hostile input cannot exhaust the stack in ``copy.deepcopy``."""
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


def _copy(doc: dict[str, Any]) -> dict[str, Any] | None:
    """A deep copy (through orjson for plain JSON: much faster); None when nested too deeply."""
    import orjson

    try:
        copied: dict[str, Any] = orjson.loads(orjson.dumps(doc))
        return copied
    except (orjson.JSONEncodeError, TypeError):
        return None if _too_deep(doc) else copy.deepcopy(doc)


def migrate_document(
    doc: dict[str, Any], to: str, get_standard: Callable[[str], Standard], all_versions: list[str]
) -> MigrationResult:
    """Migrate ``doc`` to version ``to``; never mutates ``doc``."""
    issues: list[Issue] = []
    header = doc.get("header")
    source = header.get("standard") if isinstance(header, dict) else None
    if not isinstance(source, str) or source not in all_versions:
        issues.append(issue("migrate.unknown_source", "/header/standard", version=repr(source)))
        return MigrationResult(None, source if isinstance(source, str) else None, to, [], issues)
    if to not in all_versions:
        issues.append(issue("migrate.unknown_target", "", version=to, known=", ".join(all_versions)))
        return MigrationResult(None, source, to, [], issues)
    out = _copy(doc)
    if out is None:
        issues.append(issue("migrate.too_deep", "", limit=MAX_DEPTH))
        return MigrationResult(None, source, to, [], issues)
    i, j = all_versions.index(source), all_versions.index(to)
    path = all_versions[i : j + 1] if i <= j else list(reversed(all_versions[j : i + 1]))
    for a, b in itertools.pairwise(path):
        up = all_versions.index(b) > all_versions.index(a)
        older, newer = (a, b) if up else (b, a)
        ops = step_ops(get_standard(older), get_standard(newer))
        _step(out, ops, up, get_standard(a), get_standard(b), issues)
    return MigrationResult(out, source, to, path, issues)


def _step(
    doc: dict[str, Any], ops: StepOps, up: bool, source: Standard, target: Standard, issues: list[Issue]
) -> None:
    header = doc["header"]  # checked by the caller
    ctx = Context(source, target, issues, header)
    _restore(doc, target, ctx)
    code_up, code_down = TRANSFORMS.get((ops.older.version, ops.newer.version), ([], []))
    if not up:
        for t in code_down:
            t(doc, ctx)
    _reshape_records(doc, ops, up, ctx)
    _transform_objects(doc, ops, up, ctx)
    if up:
        for t in code_up:
            t(doc, ctx)
    _prune(doc, ctx)
    header["standard"] = target.version
    _flush_carry(doc, ctx.root_carry, ctx)
