"""Bounds of the heir concern's outputs (declared once; named in the findings that report them)."""

from __future__ import annotations

from endingnote._limits import declare

__all__ = ["DEPTH", "FINDINGS", "GRAPH_BYTES", "ITEM_VALUES", "MAX_CHART_HEIRS"]

# One sheet of the 一覧図 stays legible with a few dozen heirs; a thousand is far past any real
# family and keeps an SVG under about a megabyte. Beyond it the listing and the JSON are still given.
MAX_CHART_HEIRS = declare(
    "heirs.chart.max_heirs",
    1000,
    "entries",
    "一覧図(図形式)に描く相続人の数",
    "number of heirs drawn in one heir map (tree layout)",
)

# Bounds on a family graph read from a file, declared once (:mod:`endingnote._limits`).
#
# The size bound keeps parsing within memory: a graph of 80,000 persons is about 16 MiB, far beyond
# any family; 16 MiB of the densest JSON parses to well under 1 GB.

GRAPH_BYTES = declare(
    "heirs.graph.max_bytes",
    16 * 1024 * 1024,
    "bytes",
    "家族関係グラフの大きさ",
    "the size of a family graph",
)
ITEM_VALUES = declare(
    "heirs.graph.max_item_values",
    10_000,
    "items",
    "家族関係グラフの1件(人・親子・婚姻 …)に含まれる値の数",
    "the values in one entry (person, link, marriage …) of a family graph",
)
FINDINGS = declare(
    "heirs.graph.max_findings",
    200,
    "entries",
    "家族関係グラフについて報告する形式の指摘の件数",
    "the schema findings reported for one family graph",
)
DEPTH = declare(
    "heirs.graph.max_depth",
    32,
    "levels",
    "家族関係グラフの入れ子の深さ",
    "the nesting depth of a family graph",
)
