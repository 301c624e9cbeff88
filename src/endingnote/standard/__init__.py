"""The standard: the catalogue in ``standard/<version>/`` and everything generated from it."""

from endingnote.standard._model import (
    PRIMITIVES,
    TIER_LABELS,
    TIERS,
    Category,
    CodeList,
    Field,
    Item,
    Part,
    RecordType,
    Standard,
)
from endingnote.standard._package import Package, build_package, write_package
from endingnote.standard._registry import get, latest, released_versions, standard_root, versions

__all__ = [
    "PRIMITIVES",
    "TIERS",
    "TIER_LABELS",
    "Category",
    "CodeList",
    "Field",
    "Item",
    "Package",
    "Part",
    "RecordType",
    "Standard",
    "build_package",
    "get",
    "latest",
    "released_versions",
    "standard_root",
    "versions",
    "write_package",
]
