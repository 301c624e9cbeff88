"""Regular expressions written by people we do not control (mappings, extension registries).

Python's ``re`` backtracks: ``(a|a)*b`` against thirty ``a`` takes longer than anyone will wait.
Every user-supplied pattern is compiled by RE2 (google-re2, already the policy scan's engine),
which runs in time linear in the input and refuses what it cannot run that way (back-references,
look-around). A refused or oversized pattern is :class:`UserPatternError` with a stable ``reason``
(``too_long``, ``syntax``, ``unsupported``); callers turn it into a finding that names the pattern's
place. Code patterns written by endingnote itself keep using ``re``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["MAX_PATTERN_CHARS", "UserPattern", "UserPatternError", "compile_user"]

MAX_PATTERN_CHARS = 1_000
_MAX_MEM = 8 << 20  # RE2's own bound on the compiled program and its DFA cache


class UserPattern(Protocol):
    """The subset of a compiled pattern the library uses (RE2 mirrors ``re``)."""

    pattern: str
    groupindex: dict[str, int]

    def search(self, text: str | bytes) -> Any: ...  # bytes: UTF-8, as RE2 reads a str anyway

    def fullmatch(self, text: str) -> Any: ...

    def match(self, text: str) -> Any: ...

    def sub(self, repl: str, text: str, count: int = 0) -> str: ...


@dataclass(frozen=True, slots=True)
class UserPatternError(Exception):
    reason: str  # too_long | syntax | unsupported
    pattern: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}" if self.detail else self.reason


_UNSUPPORTED_HINTS = ("invalid perl operator", "invalid escape sequence", "invalid named capture group")


def compile_user(pattern: str, *, max_chars: int = MAX_PATTERN_CHARS) -> UserPattern:
    """Compile ``pattern`` with RE2 (Python-compatible syntax, linear-time matching)."""
    import re2

    if not isinstance(pattern, str):
        raise UserPatternError("syntax", repr(pattern)[:80], "not a string")
    if len(pattern) > max_chars:
        raise UserPatternError("too_long", pattern[:80], f"{len(pattern):,} characters > {max_chars:,}")
    options = re2.Options()
    options.log_errors = False
    options.max_mem = _MAX_MEM
    try:
        compiled: UserPattern = re2.compile(pattern, options)
    except re2.error as exc:
        detail = (
            exc.args[0].decode("utf-8", "replace")
            if exc.args and isinstance(exc.args[0], bytes)
            else str(exc)
        )
        reason = "unsupported" if detail.startswith(_UNSUPPORTED_HINTS) else "syntax"
        raise UserPatternError(reason, pattern, detail) from None
    return compiled
