"""The extension registry's bounds on a vendor's registry file, declared once (:mod:`endingnote._limits`)."""

from __future__ import annotations

from endingnote._limits import declare

REGISTRY_BYTES = declare(
    "extensions.registry.max_bytes",
    1_000_000,
    "bytes",
    "独自項目の登録ファイルの大きさ",
    "the size of an extension registry file",
)
REGISTRY_DEPTH = declare(
    "extensions.registry.max_depth",
    32,
    "levels",
    "独自項目の登録ファイルの入れ子の深さ",
    "the nesting depth of an extension registry file",
)
REGISTRY_NODES = declare(
    "extensions.registry.max_nodes",
    100_000,
    "items",
    "独自項目の登録ファイルの値の数",
    "the values in an extension registry file",
)
