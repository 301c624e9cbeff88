"""The records a note holds under one record type's key: a single object, or the objects of a list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def records(value: Any) -> list[dict[str, Any]]:
    """The record objects in ``value`` (a dict, or the dicts of a list); anything else holds none."""
    items = value if isinstance(value, list) else [value]
    return [r for r in items if isinstance(r, dict)]


def located(doc: dict[str, Any], key: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each record under ``doc[key]`` with its JSON pointer (``/key`` or ``/key/i``)."""
    value = doc.get(key)
    if isinstance(value, dict):
        yield f"/{key}", value
    elif isinstance(value, list):
        for i, rec in enumerate(value):
            if isinstance(rec, dict):
                yield f"/{key}/{i}", rec
