"""Validation of one document: input → header → structure → semantics → policy, all findings kept."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue, Report
from endingnote.errors import InputError
from endingnote.standard import Standard
from endingnote.standard import get as get_standard
from endingnote.validation import _codes as _codes  # registers the codes
from endingnote.validation._conformance import Conformance, conformance
from endingnote.validation._header import installed_version, version_issue
from endingnote.validation._input import MAX_BYTES, parse_bytes, serialise, too_deep
from endingnote.validation._policy import check_policy
from endingnote.validation._rawscan import RawScan, scan
from endingnote.validation._semantic import check_semantics, prepare
from endingnote.validation._structure import check_structure
from endingnote.validation._values import check_values

Source = str | os.PathLike[str] | bytes | dict[str, Any]


@dataclass(slots=True)
class ValidationReport(Report):
    """A :class:`Report` plus what was learnt about the document."""

    standard_version: str | None = None
    conformance: Conformance | None = None
    document: dict[str, Any] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "valid": self.valid,
            "standard": self.standard_version,
            "issues": [i.to_dict() for i in self.sorted()],
            "conformance": self.conformance.to_dict() if self.conformance else None,
        }


def read_source(source: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    path = Path(source)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{path}: not a regular file / 通常のファイルではありません")
        if size > max_bytes:
            with path.open("rb") as fh:
                return fh.read(max_bytes + 1)  # enough to report it as too large
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file / ファイルがありません") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied / 読み取り権限がありません") from exc


def _pick_standard(doc: dict[str, Any], report: ValidationReport, root: Path | None) -> Standard | None:
    header = doc.get("header")
    if not isinstance(header, dict) or "standard" not in header:
        report.add(issue("header.missing", "/header"))
        return None
    version = installed_version(header["standard"], root)
    if version is None:
        report.add(version_issue(header["standard"], root) or issue("header.missing", "/header"))
        return None
    std = get_standard(version, root)  # installed: it loads, or the installation is broken (raises)
    report.standard_version = version
    return std


@functools.cache
def _extension_checker() -> Callable[[dict[str, Any], str], list[Issue]] | None:
    try:
        from endingnote.extensions import check_document_extensions
    except ImportError:
        return None
    return check_document_extensions


def _extension_checks(doc: dict[str, Any], version: str) -> list[Issue]:
    """Vendor extensions are checked against the extension registry."""
    checker = _extension_checker()
    return checker(doc, version) if checker is not None else []


def validate_document(
    doc: dict[str, Any],
    *,
    raw: bytes | None = None,
    scanned: RawScan | None = None,
    depth: int = 0,
    path: str | None = None,
    root: Path | None = None,
    keep_document: bool = False,
) -> ValidationReport:
    """Validate a parsed document (``raw``: its bytes, if known, for the policy scan; ``scanned``:
    their raw scan and ``depth``: the document's depth, if already measured)."""
    report = ValidationReport(path=path)
    std = _pick_standard(doc, report, root)
    if std is None:
        return report
    report.extend(prepare(std, doc))  # ids for the reference checks, duplicate ids
    structure = check_structure(std, doc)
    report.extend(structure)
    report.extend(check_values(std, doc))  # references, check digits
    if raw is None:  # a document from a caller, not from bytes: bound its depth before serialising
        if deep := too_deep(doc):
            report.add(deep)
            return report
        raw = serialise(doc)
        scanned = scan(raw)
    else:
        scanned = scanned or scan(raw)
        # without a structure error or an extension slot, the schema has bounded the depth
        if (structure or scanned.extensions) and (deep := too_deep(doc, depth)):
            report.add(deep)
            return report
    report.extend(check_semantics(std, doc, has_extensions=scanned.extensions))
    report.extend(check_policy(doc, raw, std, scanned))
    if scanned.extensions:  # no slot and no header map: nothing to check
        report.extend(_extension_checks(doc, std.version))
    report.conformance = conformance(std, doc)
    if keep_document:
        report.document = doc
    return report


def validate_bytes(
    raw: bytes, *, path: str | None = None, root: Path | None = None, max_bytes: int = MAX_BYTES
) -> ValidationReport:
    parsed = parse_bytes(raw, max_bytes=max_bytes)
    if not parsed.ok:
        report = ValidationReport(path=path)
        report.extend(parsed.issues)
        return report
    report = validate_document(
        parsed.doc, raw=parsed.raw, scanned=parsed.scan, depth=parsed.depth, path=path, root=root
    )
    if parsed.issues:  # warnings such as a BOM
        report.issues[:0] = parsed.issues
    return report


def validate(source: Source, *, root: Path | None = None, max_bytes: int = MAX_BYTES) -> ValidationReport:
    """Validate a path, raw bytes, or a parsed document. Raises only :class:`InputError` (I/O).

    A file larger than ``max_bytes`` is reported (``input.too_large``) without being read whole.
    """
    if isinstance(source, dict):
        return validate_document(source, root=root)
    if isinstance(source, bytes):
        return validate_bytes(source, root=root, max_bytes=max_bytes)
    raw = read_source(source, max_bytes=max_bytes)
    if len(raw) > max_bytes:
        report = ValidationReport(path=os.fspath(source))
        report.add(issue("input.too_large", "", size=Path(source).stat().st_size, limit=max_bytes))
        return report
    return validate_bytes(raw, path=os.fspath(source), root=root, max_bytes=max_bytes)
