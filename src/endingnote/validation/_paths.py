"""JSON pointers and resolving a pointer to the catalogue item it lands on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from endingnote.standard import Field, Standard


def unescape(token: str) -> str:
    """One JSON-pointer reference token, unescaped (RFC 6901)."""
    return token.replace("~1", "/").replace("~0", "~")


def pointer(parts: Sequence[str | int]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass(frozen=True, slots=True)
class Where:
    """What a path points at: the catalogue item (``record.item``) and the innermost field."""

    item: str | None
    field: Field | None
    record: str | None


def resolve(std: Standard, parts: Sequence[str | int]) -> Where:
    if not parts or not isinstance(parts[0], str):
        return Where(None, None, None)
    rt = std.records.get(parts[0])
    if rt is None:
        return Where(None, None, None)
    rest = list(parts[1:])
    if rt.repeating and rest and isinstance(rest[0], int):
        rest.pop(0)
    fields = rt.item_map()
    item: str | None = None
    current: Field | None = None
    while rest:
        key = rest.pop(0)
        if isinstance(key, int):
            continue
        f = fields.get(key)
        if f is None:
            break
        current = f
        if item is None:
            item = f"{rt.key}.{f.key}"
        part = std.parts.get(f.type)
        if part is None:
            break
        fields = part.field_map()
    return Where(item, current, rt.key)
