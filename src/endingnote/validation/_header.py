"""``header.standard``: a version is a version, looked up among the installed standards.

The value comes from the document, so it is never used as a path: it must match the published
version pattern (``MAJOR.MINOR``, digits without leading zeros, as the folders in ``standard/``
are named) and be one of the installed versions before :func:`endingnote.standard.get` sees it.
An absolute path, ``../``, a 5,000-character string or a control character is a finding, never
an ``OSError`` and never a planted standard.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._show import show

__all__ = ["VERSION_PATTERN", "installed_version", "version_issue"]

VERSION_PATTERN = re.compile(r"(?:0|[1-9][0-9]{0,3})\.(?:0|[1-9][0-9]{0,3})")
_SHOWN = 24  # characters of a wrong value quoted back in the finding


def _installed(root: Path | None) -> list[str]:
    from endingnote.standard import versions

    return versions(root)


_FOUND: set[tuple[str, Path | None, str | None]] = set()  # versions seen installed (one stat each)


def installed_version(value: object, root: Path | None = None) -> str | None:
    """``value`` if it is a well-formed version of an installed standard, else ``None``.

    Only a value of the version pattern (digits and one dot: never a path) reaches the file
    system, as the name of a folder under the standard root."""
    if not isinstance(value, str) or VERSION_PATTERN.fullmatch(value) is None:
        return None
    key = (value, root, os.environ.get("ENDINGNOTE_STANDARD_DIR"))
    if key in _FOUND:
        return value
    from endingnote.standard import standard_root

    if not ((root or standard_root()) / value / "standard.yaml").is_file():
        return None
    _FOUND.add(key)
    return value


def version_issue(value: object, root: Path | None = None) -> Issue | None:
    """The finding for a ``header.standard`` that names no installed standard (``None`` if it does)."""
    if installed_version(value, root) is not None:
        return None
    known = ", ".join(_installed(root))
    well_formed = isinstance(value, str) and VERSION_PATTERN.fullmatch(value) is not None
    shown = show(value, _SHOWN)
    code = "header.unknown_version" if well_formed else "header.malformed_version"
    return issue(code, "/header/standard", version=shown, known=known)
