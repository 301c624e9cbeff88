"""Bounds of the heir concern's outputs (declared once; named in the findings that report them)."""

from __future__ import annotations

from endingnote._limits import declare

__all__ = ["MAX_CHART_HEIRS"]

# One sheet of the 一覧図 stays legible with a few dozen heirs; a thousand is far past any real
# family and keeps an SVG under about a megabyte. Beyond it the listing and the JSON are still given.
MAX_CHART_HEIRS = declare(
    "heirs.chart.max_heirs",
    1000,
    "entries",
    "一覧図(図形式)に描く相続人の数",
    "number of heirs drawn in one heir map (tree layout)",
)
