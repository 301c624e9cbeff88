"""Opt-in: move values of deprecated items into the items that replace them.

Deprecated items stay valid, so migrations leave them alone (and round trips stay exact). A user
who wants the document to use the current items asks for it (``endingnote migrate --modernize``);
each move is reported. Only moves inside the same record object with the same value type are
made automatically: a single value goes into a repeating replacement as a one-element list, and is
skipped (reported) when the replacement already holds a value.
"""

from __future__ import annotations

from typing import Any

from endingnote._issues import Issue
from endingnote.compat._carrier import escape
from endingnote.compat._codes import issue
from endingnote.standard import Field, Standard


def _moves(std: Standard) -> dict[str, list[tuple[Field, Field]]]:
    """record key -> [(deprecated field, replacement field)] that can move automatically."""
    out: dict[str, list[tuple[Field, Field]]] = {}
    for rt in std.records.values():
        fields = rt.item_map()
        for f in rt.items:
            if f.status != "deprecated" or not f.replaced_by:
                continue
            record, _, key = f.replaced_by.partition(".")
            target = fields.get(key) if record == rt.key else None
            if target is None or (target.type, target.ref, target.codelist) != (f.type, f.ref, f.codelist):
                continue
            if f.repeating and not target.repeating:
                continue
            out.setdefault(rt.key, []).append((f, target))
    return out


def modernize(doc: dict[str, Any], std: Standard) -> list[Issue]:
    """Move deprecated values into their replacements, in place; return what was done."""
    issues: list[Issue] = []
    for record, pairs in _moves(std).items():
        value = doc.get(record)
        objects = (
            [(f"/{escape(record)}/{i}", o) for i, o in enumerate(value) if isinstance(o, dict)]
            if isinstance(value, list)
            else [(f"/{escape(record)}", value)]
            if isinstance(value, dict)
            else []
        )
        for where, obj in objects:
            for old, new in pairs:
                if old.key not in obj:
                    continue
                if new.key in obj:
                    issues.append(
                        issue("migrate.modernize_skipped", f"{where}/{old.key}", new=f"{record}.{new.key}")
                    )
                    continue
                moved = obj.pop(old.key)
                obj[new.key] = [moved] if new.repeating and not old.repeating else moved
                issues.append(
                    issue(
                        "migrate.modernized",
                        f"{where}/{new.key}",
                        old=f"{record}.{old.key}",
                        new=f"{record}.{new.key}",
                    )
                )
    return issues
