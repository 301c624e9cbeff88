"""The semantic layer: what one value's schema cannot say.

Before the other layers, :func:`prepare` collects the document's record ids (and finds duplicates)
and binds them, with today's date, for the reference checks (``_values``) and the date patterns of
the structure layer. After those, :func:`check_semantics` checks what spans values: dates in order
within a record, deprecated items, declared extension aliases. Every access is type-guarded: a
structurally broken document still gets its findings.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._show import show
from endingnote.standard import Field, Standard
from endingnote.validation._bound import bind
from endingnote.validation._limits import FINDINGS
from endingnote.validation._paths import pointer
from endingnote.validation._scan import collect_ids

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


@dataclass(frozen=True, slots=True)
class _Plan:
    repeating: tuple[str, ...]  # record types that carry ids
    pairs: tuple[tuple[str, bool, Field, Field], ...]  # (record, repeating, earlier, later)
    deprecated: tuple[tuple[str, bool, Field], ...]  # (record, repeating, field)
    records: tuple[tuple[str, bool], ...]  # every record type: (key, repeating), in catalogue order


@functools.cache
def _plan(std: Standard) -> _Plan:
    pairs = []
    deprecated = []
    for rt in std.records.values():
        fields = rt.item_map()
        for earlier, later in DATE_PAIRS:
            if earlier in fields and later in fields:
                pairs.append((rt.key, rt.repeating, fields[earlier], fields[later]))
        deprecated += [(rt.key, rt.repeating, f) for f in rt.items if f.status == "deprecated"]
    return _Plan(
        tuple(k for k, rt in std.records.items() if rt.repeating),
        tuple(pairs),
        tuple(deprecated),
        tuple((k, rt.repeating) for k, rt in std.records.items()),
    )


def _records(doc: dict[str, Any], key: str, repeating: bool) -> list[tuple[list[str | int], dict[str, Any]]]:
    value = doc.get(key)
    if repeating:
        if not isinstance(value, list):
            return []
        return [([key, i], r) for i, r in enumerate(value) if isinstance(r, dict)]
    return [([key], value)] if isinstance(value, dict) else []


def prepare(std: Standard, doc: dict[str, Any], today: datetime.date | None = None) -> list[Issue]:
    """Collect ids (reporting duplicates) and bind them, with today's date, for the layers after."""
    out: list[Issue] = []
    ids, repeated = collect_ids(doc, _plan(std).repeating)  # one C walk
    for key in repeated:  # rare: find which ones repeat
        first: set[str] = set()
        for i, record in enumerate(doc[key]):
            if isinstance(record, dict) and isinstance(rid := record.get("id"), str):
                if rid in first and len(out) <= FINDINGS.value:  # the report keeps no more
                    out.append(issue("semantic.duplicate_id", pointer([key, i, "id"]), value=show(rid)))
                first.add(rid)
    bind(ids, (today or datetime.date.today()).isoformat())
    return out


def _date_order(plan: _Plan, doc: dict[str, Any]) -> Iterator[Issue]:
    for key, repeating, earlier, later in plan.pairs:
        if key not in doc:
            continue
        for path, record in _records(doc, key, repeating):
            a, b = record.get(earlier.key), record.get(later.key)
            if isinstance(a, str) and isinstance(b, str) and len(a) == len(b) == 10 and b < a:
                yield (
                    issue(
                        "semantic.date_order",
                        pointer([*path, later.key]),
                        item=f"{key}.{later.key}",
                        earlier=a,
                        later=b,
                        earlier_ja=earlier.label_ja,
                        earlier_en=earlier.label_en,
                        later_ja=later.label_ja,
                        later_en=later.label_en,
                    )
                )


def _deprecated(plan: _Plan, doc: dict[str, Any]) -> Iterator[Issue]:
    for key, repeating, f in plan.deprecated:
        if key not in doc:
            continue
        for path, record in _records(doc, key, repeating):
            if f.key in record:
                yield (
                    issue(
                        "semantic.deprecated_item",
                        pointer([*path, f.key]),
                        item=f"{key}.{f.key}",
                        label_ja=f.label_ja,
                        label_en=f.label_en,
                        version=f.deprecated_in or "?",
                        replacement_ja=f"(後継: {f.replaced_by})" if f.replaced_by else "",
                        replacement_en=f" (use {f.replaced_by})" if f.replaced_by else "",
                    )
                )


def _extension_aliases(doc: dict[str, Any], std: Standard) -> Iterator[Issue]:
    header = doc.get("header")
    declared = header.get("extensions") if isinstance(header, dict) else None
    declared_aliases = set(declared) if isinstance(declared, dict) else set()

    def check(slot: Any, path: list[str | int]) -> Iterator[Issue]:
        if isinstance(slot, dict):
            for alias in slot:
                if alias not in declared_aliases:
                    yield issue(
                        "semantic.extension_alias_undeclared", pointer([*path, alias]), alias=show(alias)
                    )

    yield from check(doc.get("extensions"), ["extensions"])
    for key, repeating in _plan(std).records:
        if key not in doc:  # most record types are absent from a document
            continue
        for path, record in _records(doc, key, repeating):
            slot = record.get("extensions")
            if isinstance(slot, dict) and not declared_aliases.issuperset(slot):  # else nothing to say
                yield from check(slot, [*path, "extensions"])


def check_semantics(std: Standard, doc: dict[str, Any], has_extensions: bool = True) -> Iterator[Issue]:
    """Cross-value checks (after the structure pass), lazily: the caller takes what it reports."""
    plan = _plan(std)
    yield from _date_order(plan, doc)
    if plan.deprecated:
        yield from _deprecated(plan, doc)
    if has_extensions:
        yield from _extension_aliases(doc, std)
