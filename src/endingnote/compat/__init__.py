"""Versions of the standard: diff, compatibility levels, transitive checks and migrations.

>>> from endingnote import compat
>>> changes = compat.diff(endingnote.standard.get("1.0"), endingnote.standard.get("1.1"))
>>> compat.migrate(doc, "1.0").document      # down, with 1.1-only data in a versioned extension
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from endingnote.compat._carrier import carrier_uri, carrier_version
from endingnote.compat._check import (
    Acknowledgement,
    Comparison,
    Mode,
    acknowledgements,
    check_compat,
    compare,
    freeze,
)
from endingnote.compat._diff import Change, diff
from endingnote.compat._migrate import MigrationResult
from endingnote.compat._rules import RULES, Level, Migration, Rule, Upgrade

__all__ = [
    "RULES",
    "Acknowledgement",
    "Change",
    "Comparison",
    "Level",
    "Migration",
    "MigrationResult",
    "Mode",
    "Rule",
    "Upgrade",
    "acknowledgements",
    "carrier_uri",
    "carrier_version",
    "check_compat",
    "compare",
    "diff",
    "freeze",
    "migrate",
]


def migrate(
    doc: dict[str, Any], to: str, root: Path | None = None, *, modernize: bool = False
) -> MigrationResult:
    """Migrate a parsed document to standard version ``to`` (up or down); ``doc`` is not changed.

    Data the target cannot hold is kept in a versioned extension and reported
    (``migrate.carried``); migrating back restores it, so ``1.0 → 1.1 → 1.0`` is the identity.
    ``modernize`` also moves values of deprecated items into their replacements (reported; this
    one is not undone by migrating back).
    """
    from endingnote.compat._codes import issue
    from endingnote.compat._migrate import migrate_document
    from endingnote.standard import get, versions

    if not isinstance(doc, dict) or not isinstance(doc.get("header"), dict):
        return MigrationResult(None, None, to, [], [issue("migrate.not_an_object", "")])
    result = migrate_document(doc, to, lambda v: get(v, root), versions(root))
    if modernize and result.document is not None:
        from endingnote.compat._modernize import modernize as run_modernize

        result.issues += run_modernize(result.document, get(to, root))
    return result
