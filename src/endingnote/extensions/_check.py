"""Check the extensions a document uses: declared aliases, registered namespaces, item values.

Registered namespaces are checked against their definitions; an unregistered namespace is a
warning and its values are never touched (kept verbatim through validation, migration and
conversion). The versioned carriers that migrations write (``{namespace}/ext/v{version}``) are
recognised as such.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._show import show
from endingnote.extensions import _codes  # noqa: F401  (defines the codes used here)
from endingnote.extensions._model import ExtField, Namespace, Registry
from endingnote.extensions._values import check_value

_URI_OK = ("https://", "http://")
# What endingnote's converters keep under a vendor's own namespace, whatever its registration says:
# export metadata outside every person (``_file``), fields the mapping does not map (``_unmapped``)
# and values a transform refused (``_rejected``), each an object of the vendor's raw field names.
# The policy layer still scans them like every other string of the document.
PROVENANCE_SLOTS = frozenset({"_file", "_unmapped", "_rejected"})  # source columns kept, by name
ROW_SLOT = "_rows"  # the source rows no group took, kept verbatim when the mapping says so


def _esc(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


# (version, root, $ENDINGNOTE_STANDARD_DIR) → (namespace, record keys as a set and in order),
# for installed versions: documents are checked one after another against the same few standards
_STANDARDS: dict[tuple[str, Path | None, str | None], tuple[str, frozenset[str], tuple[str, ...]]] = {}


def _holders(doc: Mapping[str, Any], records: frozenset[str]) -> Iterator[tuple[str, str, Any]]:
    """(json pointer of the object, record key or "document", object) for every extension slot holder."""
    yield "", "document", doc
    for key, value in doc.items():
        if key not in records:
            continue
        if isinstance(value, dict):
            yield f"/{_esc(key)}", key, value
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, dict):
                    yield f"/{_esc(key)}/{i}", key, v


def check_document_extensions(
    doc: Mapping[str, Any],
    version: str,
    *,
    registry: Registry | None = None,
    root: Path | None = None,
    report_undeclared: bool = False,
) -> list[Issue]:
    """Every extension finding in ``doc`` (a parsed document of standard ``version``)."""
    return list(
        iter_document_extensions(
            doc, version, registry=registry, root=root, report_undeclared=report_undeclared
        )
    )


def iter_document_extensions(
    doc: Mapping[str, Any],
    version: str,
    *,
    registry: Registry | None = None,
    root: Path | None = None,
    report_undeclared: bool = False,
) -> Iterator[Issue]:
    """Every extension finding in ``doc``, lazily (the validator takes as many as it reports).

    Structure outside the extension slots is the validator's job; this looks only at
    ``header.extensions`` and the ``extensions`` slots of the root and of each record object.
    An alias used but not declared is left to the validator (``semantic.extension_alias_undeclared``)
    unless ``report_undeclared`` is set.
    """
    from endingnote.compat import carrier_version
    from endingnote.errors import StandardError
    from endingnote.extensions._registry import load_registry
    from endingnote.standard import get
    from endingnote.validation._header import installed_version
    from endingnote.validation._scan import collect_ids  # the validator's own id walk, in C

    if not isinstance(doc, Mapping):
        return
    reg = registry if registry is not None else load_registry(root)
    env = (version, root, os.environ.get("ENDINGNOTE_STANDARD_DIR"))
    known = _STANDARDS.get(env)
    if known is None:
        try:
            # a version from a document is looked up among the installed ones, never used as a path
            std = get(version, root) if installed_version(version, root) else None
        except StandardError:
            std = None
        known = (std.namespace, frozenset(std.records), tuple(std.records)) if std else None
        if known is not None:  # only installed versions are kept: a document names any string
            _STANDARDS[env] = known
    namespace, records, record_keys = known or ("https://w3id.org/endingnote", frozenset(), ())

    header = doc.get("header")
    declared: dict[str, str] = {}
    if isinstance(header, Mapping) and isinstance(header.get("extensions"), Mapping):
        by_uri: dict[str, list[str]] = {}
        for alias, uri in header["extensions"].items():
            where = f"/header/extensions/{_esc(str(alias))}"
            if not isinstance(uri, str) or not uri.startswith(_URI_OK) or " " in uri:
                yield issue("extension.bad_uri", where, alias=show(alias), uri=show(uri))
                continue
            declared[str(alias)] = uri
            by_uri.setdefault(uri, []).append(str(alias))
        for uri, aliases in by_uri.items():
            if len(aliases) > 1:
                yield (
                    issue(
                        "extension.duplicate_uri",
                        "/header/extensions",
                        uri=show(uri),
                        aliases=show(", ".join(aliases), 200),
                    )
                )
    used: set[str] = set()
    reported_ns: set[str] = set()
    ids = collect_ids(doc if isinstance(doc, dict) else dict(doc), record_keys)[0]

    for pointer, where, holder in _holders(doc, records):
        slot = holder.get("extensions")
        if slot is None:
            continue
        slot_at = f"{pointer}/extensions"
        if not isinstance(slot, Mapping):
            yield issue("extension.not_an_object", slot_at)
            continue
        for alias, content in slot.items():
            at = f"{slot_at}/{_esc(str(alias))}"
            used.add(str(alias))
            uri = declared.get(str(alias))
            if uri is None:
                # reported by the validator's semantic checks (semantic.extension_alias_undeclared)
                if report_undeclared:
                    yield issue("extension.alias_undeclared", at, alias=show(alias))
                continue
            carried = carrier_version(namespace, uri)
            if carried is not None:
                yield from _check_carrier(content, at, carried)
                continue
            if not isinstance(content, Mapping):
                yield issue("extension.not_an_object", at)
                continue
            ns = reg.get(uri)
            if ns is None:
                if uri not in reported_ns:
                    yield issue("extension.unregistered", at, alias=show(alias), uri=show(uri))
                    reported_ns.add(uri)
                continue
            if uri not in reported_ns:
                reported_ns.add(uri)
                yield from _namespace_notes(ns, version, at)
            yield from _check_items(content, ns, where, at, ids)

    for alias in declared:
        if alias not in used:
            yield issue("extension.unused_alias", f"/header/extensions/{_esc(alias)}", alias=show(alias))


def _namespace_notes(ns: Namespace, version: str, at: str) -> list[Issue]:
    out: list[Issue] = []
    if version not in ns.standard_versions:
        out.append(
            issue(
                "extension.version_unsupported",
                at,
                uri=ns.uri,
                version=version,
                versions=", ".join(ns.standard_versions),
            )
        )
    if ns.status in ("deprecated", "withdrawn"):
        out.append(issue("extension.namespace_status", at, uri=ns.uri, status=ns.status))
    return out


def _check_carrier(content: Any, at: str, version: str) -> Iterator[Issue]:
    if not isinstance(content, Mapping):
        yield issue("extension.not_an_object", at)
        return
    yield issue("extension.carrier", at, version=version)
    for key in content:
        if not isinstance(key, str) or not key.startswith("/"):
            yield issue("extension.carrier_invalid", f"{at}/{_esc(str(key))}", key=show(key))


@dataclass(frozen=True, slots=True)
class _Ctx:
    uri: str
    ids: dict[str, set[str]]  # record key -> ids present in the document


_ITEM_MAPS: dict[int, tuple[Namespace, dict[str, ExtField]]] = {}  # id → (namespace, its item map)


def _item_map(ns: Namespace) -> dict[str, ExtField]:
    """``ns.item_map()``, built once per namespace object (a loaded registry is cached)."""
    hit = _ITEM_MAPS.get(id(ns))
    if hit is None or hit[0] is not ns:
        if len(_ITEM_MAPS) > 256:
            _ITEM_MAPS.clear()
        hit = _ITEM_MAPS[id(ns)] = (ns, ns.item_map())
    return hit[1]


_FITS: dict[tuple[int, str], ExtField] = {}  # (id(field), text) → field, for texts that fit it


def _fits(value: Any, f: ExtField) -> bool:
    """``check_value`` finds nothing; for a text, the verdict is remembered (a vendor's folders,
    codes and notes repeat from person to person). The field is kept with it, so an id reused
    by another field never answers for it."""
    if type(value) is not str or len(value) > 200:  # short texts only: the memory stays small
        return not check_value(value, f)
    key = (id(f), value)
    if _FITS.get(key) is f:
        return True
    if check_value(value, f):
        return False
    if len(_FITS) >= 8192:
        _FITS.clear()
    _FITS[key] = f
    return True


def _check_items(
    content: Mapping[str, Any], ns: Namespace, where: str, at: str, ids: dict[str, set[str]]
) -> Iterator[Issue]:
    items = _item_map(ns)
    ctx: _Ctx | None = None
    for key, value in content.items():
        f = items.get(str(key))
        if (
            f is not None
            and f.type not in ("ref", "object")
            and not f.repeating
            and f.applies(where)
            and f.status != "deprecated"
            and _fits(value, f)
        ):
            continue  # the common case: one plain value that fits, where it belongs (no pointer made)
        item_at = f"{at}/{_esc(str(key))}"
        if f is None:
            provenance = (key in PROVENANCE_SLOTS and isinstance(value, dict)) or (
                key == ROW_SLOT and isinstance(value, list) and all(isinstance(r, dict) for r in value)
            )
            if not provenance:
                yield issue("extension.unknown_item", item_at, key=show(key), uri=ns.uri)
            continue
        if not f.applies(where):
            yield (
                issue(
                    "extension.not_applicable",
                    item_at,
                    key=key,
                    where=where,
                    applies_to=", ".join(f.applies_to),
                )
            )
        if f.status == "deprecated":
            yield issue("extension.item_deprecated", item_at, key=key, uri=ns.uri)
        if f.type not in ("ref", "object") and not f.repeating:  # the common case: one plain value
            for r in check_value(value, f):
                yield _invalid(item_at, str(key), r)
            continue
        ctx = ctx or _Ctx(ns.uri, ids)
        yield from _check_field(value, f, item_at, str(key), ctx)


def _check_field(value: Any, f: ExtField, at: str, name: str, ctx: _Ctx) -> Iterator[Issue]:
    if not f.repeating:
        yield from _check_one(value, f, at, name, ctx)
        return
    if not isinstance(value, list):
        yield _invalid(at, name, ("配列ではありません", "not an array"))
        return
    if f.required and not value:
        yield _invalid(at, name, ("1件以上必要です", "needs at least one value"))
        return
    max_items = f.constraints.get("max_items")
    if max_items is not None and len(value) > max_items:
        yield _invalid(at, name, (f"{max_items} 件を超えています", f"more than {max_items} values"))
        return
    for n, v in enumerate(value):
        yield from _check_one(v, f, f"{at}/{n}", name, ctx)


def _check_one(value: Any, f: ExtField, at: str, name: str, ctx: _Ctx) -> Iterator[Issue]:
    reasons = check_value(value, f)
    if reasons:
        for r in reasons:
            yield _invalid(at, name, r)
        return
    if f.type == "ref" and f.ref is not None and value not in ctx.ids.get(f.ref, set()):
        shown = show(value)
        yield _invalid(
            at, name, (f"{f.ref} に id「{shown}」の記録がありません", f"no {f.ref} record has id {shown!r}")
        )
        return
    if f.type != "object":
        return
    fields = {sub.key: sub for sub in f.fields}
    for sub in f.fields:
        if sub.required and sub.key not in value:
            yield issue("extension.missing_field", at, key=name, field=sub.key)
    for key, sub_value in value.items():
        sub_field = fields.get(key)
        sub_at = f"{at}/{_esc(str(key))}"
        if sub_field is None:
            yield issue("extension.unknown_item", sub_at, key=show(f"{name}.{key}"), uri=ctx.uri)
        else:
            yield from _check_field(sub_value, sub_field, sub_at, f"{name}.{key}", ctx)


def _invalid(at: str, name: str, reason: tuple[str, str]) -> Issue:
    return issue("extension.invalid_value", at, key=name, reason_ja=reason[0], reason_en=reason[1])
