"""Value checks that run inside jsonschema-rs as custom formats.

Check digits, references and plausible dates are per-value checks; registering them as formats
lets the Rust validator apply them in its single pass over the document, instead of a second walk
in Python. References need the document's ids: :func:`bind` sets them (per thread) before a
validation and the ``endingnote-ref-<record>`` formats look values up there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from endingnote.standard import Standard
from endingnote.standard._schema import (
    FORMAT_CORPORATE_NUMBER,
    FORMAT_DATE_PAST,
    FORMAT_LG_CODE,
    FORMAT_REF_PREFIX,
)
from endingnote.standard._types import corporate_number_ok, local_government_code_ok

_state = threading.local()


def bind(ids: dict[str, set[str]], today: str) -> None:
    """Set the ids of this document's records and today's date for the next validation."""
    _state.ids = ids
    _state.today = today


def _is_iso_date(v: str) -> bool:
    return len(v) == 10 and v[4] == "-" and v[:4].isdigit()


def _corporate_number(v: str) -> bool:
    # the shape is the pattern's job; only a 13-digit value is checked here
    return not (len(v) == 13 and v.isdigit()) or corporate_number_ok(v)


def _lg_code(v: str) -> bool:
    return not (len(v) == 6 and v.isdigit()) or local_government_code_ok(v)


def _not_in_future(v: str) -> bool:
    return not _is_iso_date(v) or v <= _state.today


def _ref(target: str) -> Callable[[str], bool]:
    def check(v: str) -> bool:
        ids: dict[str, set[str]] = _state.ids
        return v in ids.get(target, ())

    return check


def formats_for(std: Standard) -> dict[str, Callable[[str], bool]]:
    out: dict[str, Callable[[str], bool]] = {
        FORMAT_CORPORATE_NUMBER: _corporate_number,
        FORMAT_LG_CODE: _lg_code,
        FORMAT_DATE_PAST: _not_in_future,
    }
    for key, rt in std.records.items():
        if rt.repeating:
            out[FORMAT_REF_PREFIX + key] = _ref(key)
    return out


# format name → (issue code, extra parameters from the failing value's format)
def code_for_format(name: str) -> tuple[str, dict[str, Any]] | None:
    if name == FORMAT_CORPORATE_NUMBER:
        return "value.corporate_number_check_digit", {}
    if name == FORMAT_LG_CODE:
        return "value.local_government_code_check_digit", {}
    if name == FORMAT_DATE_PAST:
        return "semantic.future_date", {}
    if name.startswith(FORMAT_REF_PREFIX):
        return "semantic.ref_unresolved", {"target": name[len(FORMAT_REF_PREFIX) :]}
    return None
