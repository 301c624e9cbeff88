"""Bounds on register input (registered in :data:`endingnote._limits.LIMIT_MODULES`).

A real register is small: a few dozen members, a few hundred lines of certificate text, a few
kilobytes of JSON. The bounds leave a wide margin above that and stop hostile input early.
"""

from __future__ import annotations

from endingnote._limits import declare

FILE_BYTES = declare(
    "koseki.file.max_bytes", 5_000_000, "bytes", "戸籍ファイルの大きさ", "size of a register file"
)
TEXT_LINES = declare(
    "koseki.text.max_lines", 20_000, "rows", "証明書テキストの行数", "lines of certificate text"
)
VALUE_CHARS = declare(
    "koseki.value.max_chars",
    1000,
    "characters",
    "戸籍の一項目の長さ（テキストの【項目】・JSON の文字列）",
    "length of one register value (a text 【field】 or a JSON string)",
)
MEMBERS = declare(
    "koseki.json.max_members", 10_000, "entries", "一つの戸籍の記録者数", "members of one register"
)
ITEMS = declare(
    "koseki.json.max_items",
    1000,
    "items",
    "戸籍事項・一人の身分事項の数",
    "register events, or entries of one member",
)
JSON_DEPTH = declare(
    "koseki.json.max_depth", 32, "levels", "戸籍 JSON の入れ子の深さ", "nesting of register JSON"
)

# Bounds on a certificate provider's answer over the network, declared once (:mod:`endingnote._limits`).
#
# The header bounds are http.client's own (``_MAXHEADERS``, ``_MAXLINE``; a test holds them equal);
# they are declared here so that the finding that reports them can name them.

TOTAL_SECONDS = declare(
    "koseki.fetch.total_seconds",
    20,
    "seconds",
    "証明書の取得 1 回にかける時間の合計",
    "the total time of one certificate request",
)
HEADERS = declare(
    "koseki.fetch.max_headers",
    100,
    "entries",
    "提供者の応答のヘッダーの数",
    "the headers of a provider's answer",
)
HEADER_LINE = declare(
    "koseki.fetch.max_header_line",
    65_536,
    "bytes",
    "提供者の応答のヘッダー 1 行の長さ",
    "one header line of a provider's answer",
)
