"""The note's media references (``media_reference``: ``file``, ``media_type``, ``sha256``) against
the files actually carried in the package.

A reference to a file that is not in the package is worth telling (info); a reference whose
``sha256`` differs from the packaged file is an inconsistency inside signed content (warning at
verification; refused at signing).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.sign.asice import _codes as _codes  # registers the sign.package/… codes


def media_references(node: Any, pointer: str = "") -> Iterator[tuple[str, str, str | None]]:
    """``(json_pointer, file, sha256 or None)`` for every object shaped like a media reference."""
    if isinstance(node, dict):
        file = node.get("file")
        if isinstance(file, str) and ("media_type" in node or "sha256" in node):
            sha = node.get("sha256")
            yield pointer, file, sha if isinstance(sha, str) else None
        for key, value in node.items():
            yield from media_references(value, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from media_references(value, f"{pointer}/{i}")


def media_issues(note: dict[str, Any], digests: dict[str, bytes]) -> list[Issue]:
    """Findings for ``note``'s references given the packaged files' SHA-256 ``digests``."""
    found = []
    for pointer, file, sha in media_references(note):
        if file not in digests:
            found.append(issue("sign.package.media_missing", pointer, name=file))
        elif sha is not None and sha.lower() != digests[file].hex():
            found.append(issue("sign.package.media_digest", pointer, name=file))
    return found
