"""Bounds on a family graph read from a file, declared once (:mod:`endingnote._limits`).

The size bound keeps parsing within memory: a graph of 80,000 persons is about 16 MiB, far beyond
any family; 16 MiB of the densest JSON parses to well under 1 GB."""

from __future__ import annotations

from endingnote._limits import declare

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
