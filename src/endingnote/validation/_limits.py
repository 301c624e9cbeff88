"""The validator's bounds on a document, declared once (see :mod:`endingnote._limits`)."""

from __future__ import annotations

from endingnote._limits import declare

JSON_BYTES = declare(
    "validation.json.max_bytes",
    16 * 1024 * 1024,
    "bytes",
    "JSON 文書の大きさ",
    "the size of a JSON document",
)
JSON_DEPTH = declare(
    "validation.json.max_depth",
    64,
    "levels",
    "JSON 文書の入れ子の深さ",
    "the nesting depth of a JSON document",
)
FINDINGS = declare(
    "validation.report.max_findings",
    1_000,
    "entries",
    "1 文書について報告する指摘の件数",
    "the findings reported for one document",
)
