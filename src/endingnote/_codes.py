"""The registry of issue codes.

Each concern declares its codes once with :func:`define`, next to the code that raises them
(``validate/_codes.py``, ``sign/_codes.py`` …); :func:`issue` builds an :class:`Issue` from a
code and its parameters so the message text lives in exactly one place. The docs' Errors page
and a test that every used code is defined both read :func:`all_codes`.

Codes are stable: a code is never renamed or reused for a different meaning.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from endingnote._issues import Issue, Severity

_REGISTRY: dict[str, Code] = {}

# Modules that define codes; all_codes() imports them so the list is complete.
CODE_MODULES = [
    "endingnote.validation._codes",
    "endingnote.compat._codes",
    "endingnote.convert._codes",
    "endingnote.extensions._codes",
    "endingnote.sign._codes",
    "endingnote.sign.asice._codes",
    "endingnote.heirs._codes",
    "endingnote.koseki._codes",
    "endingnote.site._codes",
    "endingnote.importer._codes",
    "endingnote.serve._codes",
    "endingnote.distributed._codes",
    "endingnote._summary",
]


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    message_ja: str
    message_en: str
    description: str = ""


def define(
    code: str, severity: Severity | str, message_ja: str, message_en: str, description: str = ""
) -> Code:
    """Register ``code``. Messages are ``str.format`` templates over the issue's parameters."""
    if code in _REGISTRY:
        raise ValueError(f"issue code defined twice: {code}")
    entry = Code(code, Severity(severity), message_ja, message_en, description)
    _REGISTRY[code] = entry
    return entry


def issue(
    code: str,
    path: str,
    *,
    item: str | None = None,
    file: str | None = None,
    severity: Severity | None = None,
    **params: Any,
) -> Issue:
    """Build the :class:`Issue` for a registered ``code``."""
    entry = _REGISTRY[code]
    return Issue(
        code=code,
        path=path,
        severity=severity or entry.severity,
        message_ja=entry.message_ja.format(**params),
        message_en=entry.message_en.format(**params),
        item=item,
        file=file,
    )


def all_codes() -> dict[str, Code]:
    """Every registered code, importing each concern's code module first."""
    for module in CODE_MODULES:
        importlib.import_module(module)
    return dict(sorted(_REGISTRY.items()))
