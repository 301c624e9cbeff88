"""The versioned extension that carries data a version cannot hold (FHIR's cross-version extensions).

When a document moves to a version that has no place for some of its data, that data goes into
the ``extensions`` slot of the nearest record object (or the root), under an alias mapped in
``header.extensions`` to ``{namespace}/ext/v{version}`` — the version that *can* hold it. The
carried value is a map from a JSON pointer (relative to the object holding the slot) to the value::

    "extensions": {"en-1-1": {"/furigana": {"family": "ヤマダ", "source": "notified"}}}

Migrating back to that version puts every value back where it was.
"""

from __future__ import annotations

from typing import Any

CARRIER_PREFIX = "en-"


def carrier_uri(namespace: str, version: str) -> str:
    return f"{namespace.rstrip('/')}/ext/v{version}"


def carrier_version(namespace: str, uri: str) -> str | None:
    """The version a carrier URI stands for, or None when ``uri`` is not a carrier of ``namespace``."""
    prefix = f"{namespace.rstrip('/')}/ext/v"
    if not uri.startswith(prefix):
        return None
    version = uri[len(prefix) :]
    parts = version.split(".")
    return version if len(parts) == 2 and all(p.isdigit() for p in parts) else None


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape(t) for t in pointer[1:].split("/")]


def put(container: dict[str, Any], pointer: str, value: Any) -> bool:
    """Set ``value`` at ``pointer`` inside ``container``; False when the way there is blocked."""
    tokens = split_pointer(pointer)
    node: Any = container
    for token in tokens[:-1]:
        if isinstance(node, dict):
            if token not in node:
                node[token] = {}
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    last = tokens[-1]
    if isinstance(node, dict):
        node[last] = value
        return True
    if isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node[int(last)] = value
        return True
    return False


def alias_for(header: dict[str, Any], uri: str) -> str:
    """The alias ``header.extensions`` maps to ``uri``; a new ``en-<version>`` one if none does."""
    aliases = header.setdefault("extensions", {})
    for alias, mapped in aliases.items():
        if mapped == uri:
            return str(alias)
    base = CARRIER_PREFIX + uri.rpartition("/v")[2].replace(".", "-")  # aliases allow no dots
    alias, n = base, 1
    while alias in aliases:
        n += 1
        alias = f"{base}-{n}"
    aliases[alias] = uri
    return alias
