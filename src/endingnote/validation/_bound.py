"""What one validation binds before the layers run: the document's record ids and today's date.

:func:`bind` is called by ``prepare`` (which collects the ids) and read by the layers after it: the
value checks resolve references against the ids, and the structure layer's schema carries today's
date (the date patterns of items that cannot lie in the future). Bindings are per thread, so
threads may validate concurrently; the compiled validators are shared (one per version and day).
"""

from __future__ import annotations

import datetime
import functools
import threading
from typing import Any

import jsonschema_rs

from endingnote.standard import Standard
from endingnote.standard._schema import build_schema

_state = threading.local()


def bind(ids: dict[str, set[str]], today: str) -> None:
    """Set this document's record ids and today's date (YYYY-MM-DD) for the layers that follow."""
    _state.ids = ids
    _state.today = today


def bound_ids() -> dict[str, set[str]]:
    ids: dict[str, set[str]] = getattr(_state, "ids", {})
    return ids


def bound_today() -> str:
    """The bound date; today's, if nothing was bound on this thread."""
    today: str | None = getattr(_state, "today", None)
    return today or datetime.date.today().isoformat()


@functools.lru_cache(maxsize=8)
def _validator(std: Standard, today: str) -> Any:
    return jsonschema_rs.validator_for(build_schema(std, today=today), validate_formats=True)


def validator(std: Standard) -> Any:
    """The compiled validator of ``std``'s own schema for the bound date."""
    return _validator(std, bound_today())
