"""The validator: structure (JSON Schema via jsonschema-rs), semantics and policy, all findings kept.

``policy_findings(doc)`` is the policy layer alone, for writers that must never put a My Number,
a card number or a stored secret on disk (converters call it on every output document).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote.errors import InvalidDocumentError
from endingnote.validation._batch import expand, validate_many, validate_ndjson_bytes
from endingnote.validation._conformance import Conformance, TierCount
from endingnote.validation._engine import (
    ValidationReport,
    validate,
    validate_bytes,
    validate_document,
    validate_file,
    validate_text,
)
from endingnote.validation._export import REPORT_FORMATS, ItemInfo, item_info, report_bytes, report_rows
from endingnote.validation._policy import policy_findings

if TYPE_CHECKING:
    from endingnote.standard.models import AnyNote

__all__ = [
    "REPORT_FORMATS",
    "Conformance",
    "ItemInfo",
    "TierCount",
    "ValidationReport",
    "expand",
    "item_info",
    "load",
    "policy_findings",
    "report_bytes",
    "report_rows",
    "validate",
    "validate_bytes",
    "validate_document",
    "validate_file",
    "validate_many",
    "validate_ndjson_bytes",
    "validate_text",
]


def load(source: str | os.PathLike[str] | bytes | dict[str, Any], *, root: Path | None = None) -> AnyNote:
    """Validate, then return the typed ``Note`` of the document's standard version.

    ``source`` as for :func:`validate` (a ``str`` starting with ``{`` is JSON text). Raises
    :class:`InvalidDocumentError` with the report when the document has errors, and
    :class:`InputError` when a file cannot be read."""
    import orjson
    from pydantic import ValidationError

    from endingnote.standard.models import note_model
    from endingnote.validation._engine import looks_like_json, read_source
    from endingnote.validation._input import parse_bytes

    if isinstance(source, dict):
        report = validate_document(source, root=root, keep_document=True)
    else:
        text = isinstance(source, str) and looks_like_json(source)
        if isinstance(source, bytes) or text:
            raw = source if isinstance(source, bytes) else str(source).encode("utf-8", "surrogatepass")
            name = None
        else:
            raw, name = read_source(source), os.fspath(source)
        parsed = parse_bytes(raw)
        if not parsed.ok:
            report = ValidationReport(path=name)
            report.extend(parsed.issues)
            raise InvalidDocumentError(report)
        report = validate_document(
            parsed.doc, raw=parsed.raw, depth=parsed.depth, path=name, root=root, keep_document=True
        )
    if not report.valid or report.document is None or report.standard_version is None:
        raise InvalidDocumentError(report)
    try:
        # JSON mode: strict types, with ISO date strings parsed as dates (as the schema says)
        note: AnyNote = note_model(report.standard_version).model_validate_json(  # type: ignore[assignment]
            orjson.dumps(report.document)
        )
        return note
    except ValidationError as exc:  # the schema and the models are generated to agree; a test checks
        raise AssertionError(f"model and schema disagree: {exc}") from exc
