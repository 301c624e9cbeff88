"""A value from a document quoted back in a finding: short, bounded, and never the whole of a big one.

The message is data (JSON output carries it as it is); the medium that prints it escapes it
(:mod:`endingnote._display`)."""

from __future__ import annotations

from typing import Any

SHOWN = 40  # characters


def show(value: Any, width: int = SHOWN) -> str:
    """``value`` as a finding quotes it: strings shortened to ``width``, numbers as written (a huge
    integer as ``(number)``), containers as ``[…]`` / ``{…}`` (never ``repr`` of a deep or big one)."""
    if isinstance(value, str):
        text = value
    elif value is None or isinstance(value, bool):
        text = {None: "null", True: "true", False: "false"}[value]
    elif isinstance(value, float) or (isinstance(value, int) and abs(value) < 10**18):
        text = repr(value)
    else:
        text = {int: "(number)", list: "[…]", dict: "{…}"}.get(type(value), f"({type(value).__name__})")
    return text if len(text) <= width else text[: width - 1] + "…"
