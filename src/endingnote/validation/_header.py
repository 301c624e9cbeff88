"""``header.standard``: a version is a version, looked up among the installed standards.

The value comes from the document, so it is never used as a path: it must match the published
version pattern (``MAJOR.MINOR``, digits without leading zeros, as the folders in ``standard/``
are named) and be one of the installed versions before :func:`endingnote.standard.get` sees it.
An absolute path, ``../``, a 5,000-character string or a control character is a finding, never
an ``OSError`` and never a planted standard.
"""

from __future__ import annotations

import re
from pathlib import Path

from endingnote._codes import issue
from endingnote._issues import Issue

__all__ = ["VERSION_PATTERN", "installed_version", "version_issue"]

VERSION_PATTERN = re.compile(r"(?:0|[1-9][0-9]{0,3})\.(?:0|[1-9][0-9]{0,3})")
_SHOWN = 24  # characters of a wrong value quoted back in the finding


def _installed(root: Path | None) -> list[str]:
    from endingnote.standard import versions

    return versions(root)


def installed_version(value: object, root: Path | None = None) -> str | None:
    """``value`` if it is a well-formed version of an installed standard, else ``None``."""
    if not isinstance(value, str) or VERSION_PATTERN.fullmatch(value) is None:
        return None
    return value if value in _installed(root) else None


def _shape(value: object) -> str:
    """A short, bounded picture of a value that is not a string (never the whole of a big one)."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, float) or (isinstance(value, int) and abs(value) < 10**18):
        return repr(value)
    return {int: "(number)", list: "[…]", dict: "{…}"}.get(type(value), f"({type(value).__name__})")


def version_issue(value: object, root: Path | None = None) -> Issue | None:
    """The finding for a ``header.standard`` that names no installed standard (``None`` if it does)."""
    if installed_version(value, root) is not None:
        return None
    known = ", ".join(_installed(root))
    well_formed = isinstance(value, str) and VERSION_PATTERN.fullmatch(value) is not None
    text = value if isinstance(value, str) else _shape(value)
    shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
    code = "header.unknown_version" if well_formed else "header.malformed_version"
    return issue(code, "/header/standard", version=shown, known=known)
