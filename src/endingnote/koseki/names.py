"""Comparable forms of Japanese personal names and places, tolerant of notation (public API).

The implementation is :mod:`endingnote._names`, one level below every concern so that the owner
binding of signed packages can use it without importing the family-register package.
"""

from endingnote._names import (
    VARIANTS,
    Variant,
    expand_iteration_marks,
    kana_key,
    name_key,
    names_match,
    place_key,
    split_full_name,
)

__all__ = [
    "VARIANTS",
    "Variant",
    "expand_iteration_marks",
    "kana_key",
    "name_key",
    "names_match",
    "place_key",
    "split_full_name",
]
