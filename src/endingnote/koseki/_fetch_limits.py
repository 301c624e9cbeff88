"""Bounds on a certificate provider's answer over the network, declared once (:mod:`endingnote._limits`).

The header bounds are http.client's own (``_MAXHEADERS``, ``_MAXLINE``; a test holds them equal);
they are declared here so that the finding that reports them can name them.
"""

from __future__ import annotations

from endingnote._limits import declare

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
