"""Problems as values.

Every check in endingnote reports what it finds as :class:`Issue` values collected in a
:class:`Report`; nothing stops at the first problem. Codes are namespaced (``input.*``,
``structure.*``, ``value.*``, ``semantic.*``, ``policy.*``, ``sign.*`` …), registered in
:mod:`endingnote._codes` and never reused for another meaning.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    """How bad an issue is. Only ``error`` makes a document invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding: a stable ``code``, where it is (``path``: a JSON pointer, or ``row:N`` /
    ``line:N`` for non-JSON input), how bad it is, the catalogue ``item`` it concerns (if any)
    and a message in Japanese and English."""

    code: str
    path: str
    severity: Severity
    message_ja: str
    message_en: str
    item: str | None = None
    file: str | None = None

    def message(self, lang: str = "ja") -> str:
        return self.message_ja if lang == "ja" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "path": self.path,
            "severity": self.severity.value,
            "item": self.item,
            "message_ja": self.message_ja,
            "message_en": self.message_en,
        }
        if self.file is not None:
            out["file"] = self.file
        return out


@dataclass(slots=True)
class Report:
    """All issues found in one input, with helpers for people (``best``) and machines."""

    path: str | None = None
    issues: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def valid(self) -> bool:
        return not any(i.severity is Severity.ERROR for i in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    def best(self) -> Issue | None:
        """The one issue to show a person first: the most severe, then the shallowest path."""
        if not self.issues:
            return None
        return min(self.issues, key=lambda i: (_RANK[i.severity], i.path.count("/"), i.path))

    def by_path(self) -> dict[str, list[Issue]]:
        tree: dict[str, list[Issue]] = {}
        for issue in self.issues:
            tree.setdefault(issue.path, []).append(issue)
        return tree

    def sorted(self) -> list[Issue]:
        return sorted(self.issues, key=lambda i: (i.path, _RANK[i.severity], i.code))

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        """The number of issues (warnings and notes included)."""
        return len(self.issues)

    def __bool__(self) -> bool:
        """A report is neither true nor false: ``if report:`` would read as "valid" to some and as
        "has issues" to others (``__len__`` alone would make it the second). Ask what you mean:
        ``report.valid`` (no errors) or ``report.issues`` (anything found)."""
        raise TypeError(
            "the truth value of a Report is ambiguous: use report.valid (no errors) or report.issues"
        )
