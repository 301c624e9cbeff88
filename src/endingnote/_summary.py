"""Findings of one kind beyond a limit, summarised: "and 54,900 more".

A package whose manifest lists 55,000 missing files, or a document with thousands of the same
mistake, would otherwise print one finding each (17 MB of JSON for the manifest). Output layers
show the first :data:`PER_KIND` findings of each code and, after them, one ``report.more_of_kind``
finding per code with the count left out and the same severity (a summarised report is exactly as
valid as the full one). ``--all`` prints everything. The :class:`~endingnote.Report` itself keeps
every finding: summarising is for showing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from endingnote._codes import define, issue
from endingnote._issues import Issue, Severity
from endingnote._limits import declare

__all__ = ["PER_KIND", "summarise", "summarise_dicts"]

PER_KIND = declare(
    "report.max_per_kind",
    100,
    "entries",
    "出力で 1 種類 (コード) ごとに個別に表示する指摘の件数",
    "the findings shown one by one for each kind (code) in an output",
)

define(
    "report.more_of_kind",
    "info",
    "{kind} の指摘はほかに {more:,} 件あります (--all ですべて表示。{limit_ja})",
    "and {more:,} more findings of {kind} (--all shows them all; {limit_en})",
    "Stands for the findings of one kind beyond the limit in an output; its severity is theirs.",
)

T = TypeVar("T")


def _summarise(
    items: Sequence[T],
    code_of: Callable[[T], str],
    more: Callable[[T, int], T],
    limit: int,
) -> list[T]:
    shown: list[T] = []
    counts: dict[str, int] = {}
    first: dict[str, T] = {}
    for item in items:
        code = code_of(item)
        n = counts[code] = counts.get(code, 0) + 1
        if n == 1:
            first[code] = item
        if n <= limit:
            shown.append(item)
    shown += [more(first[code], n - limit) for code, n in counts.items() if n > limit]
    return shown


def _more(example: Issue, count: int) -> Issue:
    return issue(
        "report.more_of_kind",
        "",
        severity=example.severity,
        kind=example.code,
        more=count,
        limit_ja=PER_KIND.describe("ja"),
        limit_en=PER_KIND.describe("en"),
    )


def summarise(issues: Sequence[Issue], limit: int = PER_KIND.value) -> list[Issue]:
    """The first ``limit`` findings of each code, in order, then one summary per code cut short."""
    return _summarise(issues, lambda i: i.code, _more, limit)


def summarise_dicts(items: Sequence[dict[str, Any]], limit: int = PER_KIND.value) -> list[dict[str, Any]]:
    """:func:`summarise` for findings already in their JSON form (``Issue.to_dict()``)."""

    def more(example: dict[str, Any], count: int) -> dict[str, Any]:
        severity = Severity(example.get("severity", "error"))
        stand_in = Issue(str(example["code"]), "", severity, "", "")
        return _more(stand_in, count).to_dict()

    return _summarise(items, lambda d: str(d.get("code")), more, limit)
