"""endingnote — the ending-note (エンディングノート) data standard, as a library.

The public API is what ``__all__`` lists; everything else is private. Heavy dependencies
(jsonschema-rs, pydantic models, pandas, lxml) load only when a function that needs them runs.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from endingnote._issues import Issue, Report, Severity
from endingnote._version import __version__
from endingnote.errors import (
    CardError,
    EndingNoteError,
    InputError,
    InvalidDocumentError,
    SigningError,
    StandardError,
    VerificationError,
)

if TYPE_CHECKING:
    from endingnote.standard.models import AnyNote

__all__ = [
    "CardError",
    "EndingNoteError",
    "InputError",
    "InvalidDocumentError",
    "Issue",
    "Report",
    "Severity",
    "SigningError",
    "StandardError",
    "VerificationError",
    "__version__",
    "load",
    "validate",
]


def validate(doc_or_path: str | os.PathLike[str] | bytes | dict[str, Any]) -> Report:
    """Validate one document (a path, raw JSON bytes, or a parsed dict) and return every issue."""
    from endingnote.validation import validate as _validate

    return _validate(doc_or_path)


def load(path: str | os.PathLike[str] | bytes | dict[str, Any]) -> AnyNote:
    """Validate a document and return it as the typed pydantic model of its standard version.

    Raises :class:`InvalidDocumentError` (carrying the full report) when it has errors.
    """
    from endingnote.validation import load as _load

    return _load(path)
