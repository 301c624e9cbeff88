"""The registry of resource limits.

Every bound endingnote puts on untrusted input — a size, a count, a depth, a number of digits, a
time — is declared once with :func:`declare`, in the concern's own ``_limits.py`` next to the
code that enforces it, and named in the finding that reports it (``limit=…`` in the message,
through :meth:`Limit.describe`). The docs' Limits page and a test that every limit is declared
once read :func:`all_limits`, as the Errors page reads :func:`endingnote._codes.all_codes`.

A limit has a stable dotted ``name`` (``validation.json.max_bytes``); its value may be raised in a
later release, never its meaning changed.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

__all__ = ["LIMIT_MODULES", "Limit", "all_limits", "declare", "get"]

_REGISTRY: dict[str, Limit] = {}

# Modules that declare limits; all_limits() imports them so the list is complete.
LIMIT_MODULES: list[str] = [
    "endingnote._summary",
    "endingnote.convert._limits",
    "endingnote.heirs._limits",
    "endingnote.koseki._limits",
    "endingnote.serve._limits",
    "endingnote.sign._limits",
    "endingnote.validation._limits",
    "endingnote.extensions._limits",
]

_UNITS_JA = {
    "bytes": "バイト",
    "characters": "文字",
    "levels": "階層",
    "entries": "件",
    "items": "件",
    "rows": "行",
    "columns": "列",
    "cells": "セル",
    "digits": "桁",
    "seconds": "秒",
    "ratio": "倍",
}


@dataclass(frozen=True, slots=True)
class Limit:
    """One declared bound: ``value`` in ``unit`` (``bytes``, ``levels``, ``entries`` …)."""

    name: str
    value: int
    unit: str
    label_ja: str
    label_en: str

    def describe(self, lang: str = "ja") -> str:
        """``JSON ファイルの大きさの上限 16,777,216 バイト (validation.json.max_bytes)``."""
        if lang == "ja":
            return f"{self.label_ja}の上限 {self.value:,} {_UNITS_JA.get(self.unit, self.unit)} ({self.name})"
        return f"limit on {self.label_en}: {self.value:,} {self.unit} ({self.name})"

    def params(self) -> dict[str, Any]:
        """``limit_ja`` / ``limit_en`` for a finding's message templates (``{limit_ja}``)."""
        return {"limit_ja": self.describe("ja"), "limit_en": self.describe("en")}

    def __int__(self) -> int:
        return self.value

    def exceeded(self, amount: int) -> bool:
        return amount > self.value


def declare(name: str, value: int, unit: str, label_ja: str, label_en: str) -> Limit:
    """Register a limit. Declaring one name twice is a programming error."""
    if name in _REGISTRY:
        raise ValueError(f"limit declared twice: {name}")
    if unit not in _UNITS_JA:
        raise ValueError(f"unknown unit for {name}: {unit}")
    entry = Limit(name, value, unit, label_ja, label_en)
    _REGISTRY[name] = entry
    return entry


def get(name: str) -> Limit:
    """A declared limit by name (its module must have been imported)."""
    return _REGISTRY[name]


def all_limits() -> dict[str, Limit]:
    """Every declared limit, importing each concern's limits module first."""
    for module in LIMIT_MODULES:
        importlib.import_module(module)
    return dict(sorted(_REGISTRY.items()))
