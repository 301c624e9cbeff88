"""``where`` conditions of tabular groups: which rows a group takes.

Version 1 knows ``{column, equals}``. Version 2 adds ``{column, in: [...]}``, ``{column, matches:
REGEX}`` (RE2, :func:`endingnote._regex.compile_user`), ``{column, empty: true|false}`` and the
combinations ``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}``. A condition also says which
cells a row written back for the group must carry (:meth:`Where.assignments`): ``equals``, the
first of ``in``, and those of every member of ``all``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Where", "WhereError", "compile_where"]

Row = dict[str, str]


class WhereError(ValueError):
    """A condition cannot be used; ``reason`` is bilingual, ``path`` the JSON pointer inside it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Where:
    test: Callable[[Row], bool]
    columns: frozenset[str]
    assigns: tuple[tuple[str, str], ...] = field(default=())
    spec: Any = None

    def __call__(self, row: Row) -> bool:
        return self.test(row)

    def assignments(self) -> dict[str, str]:
        return dict(self.assigns)


def compile_where(spec: Any, path: str = "") -> Where:
    """Compile one condition (already shaped by the meta-schema); raises :class:`WhereError`."""
    if not isinstance(spec, dict):
        raise WhereError(path, "条件はマッピングです / a condition is a mapping")
    if "all" in spec or "any" in spec:
        key = "all" if "all" in spec else "any"
        parts = [compile_where(s, f"{path}/{key}/{i}") for i, s in enumerate(spec[key])]
        if not parts:
            raise WhereError(f"{path}/{key}", "空の条件リスト / an empty list of conditions")
        columns = frozenset().union(*(p.columns for p in parts))
        if key == "all":
            assigns = tuple(a for p in parts for a in p.assigns)
            return Where(lambda row: all(p(row) for p in parts), columns, assigns, spec)
        return Where(lambda row: any(p(row) for p in parts), columns, (), spec)
    if "not" in spec:
        inner = compile_where(spec["not"], f"{path}/not")
        return Where(lambda row: not inner(row), inner.columns, (), spec)
    column = spec.get("column")
    if not isinstance(column, str):
        raise WhereError(path, "column が必要です / 'column' is required")
    cols = frozenset({column})
    if "equals" in spec:
        value = str(spec["equals"])
        return Where(lambda row: row.get(column, "") == value, cols, ((column, value),), spec)
    if "in" in spec:
        values = [str(v) for v in spec["in"]]
        allowed = frozenset(values)
        first = ((column, values[0]),) if values else ()
        return Where(lambda row: row.get(column, "") in allowed, cols, first, spec)
    if "matches" in spec:
        from endingnote._regex import UserPatternError, compile_user

        try:
            pattern = compile_user(str(spec["matches"]))
        except UserPatternError as exc:
            raise WhereError(
                f"{path}/matches", f"正規表現を使えません / unusable pattern ({exc.reason})"
            ) from exc
        return Where(lambda row: pattern.search(row.get(column, "")) is not None, cols, (), spec)
    if "empty" in spec:
        want = bool(spec["empty"])
        return Where(lambda row: (row.get(column, "") == "") == want, cols, (), spec)
    raise WhereError(
        path, "equals / in / matches / empty のいずれかが必要です / one of equals, in, matches, empty"
    )
