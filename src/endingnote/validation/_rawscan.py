"""One pass over a document's raw bytes, before its parsed tree is walked.

:func:`scan` answers four questions at once: how many ``:`` bytes (the duplicate-key check compares
this with the parsed tree), whether a ``\\u`` escape occurs (it could hide characters from byte
scans), whether the token ``"extensions"`` occurs (no extension slot: nothing to check), and whether
the policy prefilter matches (only then are strings walked for My Numbers, card numbers, secrets).

The C extension ``_bytescan`` does it in one loop over the bytes; :func:`scan_py` is the reference
(four separate scans, the prefilter run by RE2) and the fallback where the extension is not built.
Tests hold the two equal.
"""

from __future__ import annotations

from typing import NamedTuple


class RawScan(NamedTuple):
    colons: int
    escapes: bool
    extensions: bool
    policy: bool


def scan_py(raw: bytes) -> RawScan:
    from endingnote.validation._policy import PREFILTER

    return RawScan(raw.count(b":"), b"\\u" in raw, b'"extensions"' in raw, PREFILTER.search(raw) is not None)


try:
    from endingnote.validation._bytescan import scan as _scan_c
except ImportError:  # pragma: no cover - the Makefile builds the extension; tests assert NATIVE
    NATIVE = False

    def scan(raw: bytes) -> RawScan:
        return scan_py(raw)

else:
    NATIVE = True

    def scan(raw: bytes) -> RawScan:
        return RawScan(*_scan_c(raw))
