"""Declarative converters: vendor formats ⇄ the standard, from one mapping file per vendor.

``load_mapping`` reads ``converters/<vendor>/mapping.yaml``; ``convert_file`` turns a vendor
export into standard documents with a loss report (every source field accounted for) and
validation findings that point back at the source row/column, XPath or JSON pointer;
``to_vendor`` writes standard documents back in the vendor's format from the same mapping.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from endingnote._issues import Issue
from endingnote.convert._accounts import Accounts, FieldAccount
from endingnote.convert._engine import Conversion, PersonResult, convert_bytes, convert_file
from endingnote.convert._mapping import (
    Mapping,
    MappingError,
    check_mapping,
    known_mappings,
    load_mapping,
    resolve_mapping,
)
from endingnote.convert._output import write_documents, write_report
from endingnote.convert._read import unescape_formula
from endingnote.convert._write import escape_formula

__all__ = [
    "Accounts",
    "Conversion",
    "FieldAccount",
    "Mapping",
    "MappingError",
    "PersonResult",
    "check_mapping",
    "convert_bytes",
    "convert_file",
    "escape_formula",
    "known_mappings",
    "load_mapping",
    "resolve_mapping",
    "to_vendor",
    "unescape_formula",
    "write_documents",
    "write_report",
]


def to_vendor(docs: Iterable[tuple[str, dict[str, Any]]], mapping: Mapping) -> tuple[bytes, list[Issue]]:
    """Write standard documents (``(key, document)`` pairs) in ``mapping``'s vendor format.

    Returns the file's bytes and the findings: ``convert.target.cannot_hold`` for every value the
    vendor format has no place for.
    """
    from endingnote.convert._inverse import docs_to_vendor
    from endingnote.convert._write import write_vendor

    persons, issues = docs_to_vendor(docs, mapping)
    data, more = write_vendor(persons, mapping)
    return data, issues + more
