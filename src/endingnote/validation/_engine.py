"""Validation of one document: input → header → structure → semantics → policy, all findings kept."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
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
from endingnote.validation._input import MAX_BYTES, parse_bytes, serialise, too_deep, too_large
from endingnote.validation._limits import FINDINGS
from endingnote.validation._policy import check_policy
from endingnote.validation._rawscan import RawScan, scan
from endingnote.validation._semantic import check_semantics, prepare
from endingnote.validation._structure import check_structure
from endingnote.validation._values import check_values

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | dict[str, Any]


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
def _extension_checker() -> Callable[[dict[str, Any], str], Iterable[Issue]] | None:
    try:
        from endingnote.extensions import iter_document_extensions
    except ImportError:
        return None
    return iter_document_extensions


def _extension_checks(doc: dict[str, Any], version: str) -> Iterable[Issue]:
    """Vendor extensions are checked against the extension registry (lazily: the report takes
    as many findings as it keeps)."""
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
    if depth == 0 and (deep := too_deep(doc)):  # not measured yet (a caller's dict): before any walk
        report.add(deep)
        return report
    std = _pick_standard(doc, report, root)
    if std is None:
        return report
    room = _Room(report)
    room.take(prepare(std, doc))  # ids for the reference checks, duplicate ids
    room.take(check_structure(std, doc, room.left))
    room.take(check_values(std, doc))  # references, check digits
    if raw is None:
        raw = serialise(doc)
        scanned = scan(raw)
    else:
        scanned = scanned or scan(raw)
    room.take(check_semantics(std, doc, has_extensions=scanned.extensions))
    room.take(check_policy(doc, raw, std, scanned))
    if scanned.extensions:  # no slot and no header map: nothing to check
        room.take(_extension_checks(doc, std.version))
    report.conformance = conformance(std, doc)
    if keep_document:
        report.document = doc
    return report


class _Room:
    """How many more findings a report takes (``FINDINGS``); past it, one ``too_many_findings``."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        self.left = FINDINGS.value - len(report.issues)

    def take(self, found: Iterable[Issue]) -> None:
        if self.left < 0:  # already full: the layer's findings are not even produced
            return
        for one in found:
            if one.code == "input.too_many_findings" or self.left == 0:
                self.report.add(issue("input.too_many_findings", "", **FINDINGS.params()))
                self.left = -1
                return
            self.report.add(one)
            self.left -= 1


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


def validate_text(
    text: str, *, path: str | None = None, root: Path | None = None, max_bytes: int = MAX_BYTES
) -> ValidationReport:
    """Validate a document given as JSON text (a ``str``), never read as a file name."""
    # surrogatepass: a lone surrogate becomes bytes orjson refuses, i.e. an input.encoding finding
    return validate_bytes(text.encode("utf-8", "surrogatepass"), path=path, root=root, max_bytes=max_bytes)


def validate_file(
    source: str | os.PathLike[str], *, root: Path | None = None, max_bytes: int = MAX_BYTES
) -> ValidationReport:
    """Validate the file at ``source``. A missing, unreadable or non-regular file is a finding
    (``input.not_found``, ``input.unreadable``, ``input.not_a_file``), never an exception; a file
    larger than ``max_bytes`` is reported (``input.too_large``) without being read whole."""
    name = os.fspath(source)
    report = ValidationReport(path=name)
    path = Path(source)
    try:
        if not path.is_file():
            code = "input.not_a_file" if path.exists() else "input.not_found"
            report.add(issue(code, ""))
            return report
        raw = read_source(path, max_bytes=max_bytes)
    except InputError as exc:  # vanished, or no permission
        code = "input.not_found" if isinstance(exc.__cause__, FileNotFoundError) else "input.unreadable"
        report.add(issue(code, ""))
        return report
    except OSError:  # a name too long for the file system, a broken device …
        report.add(issue("input.unreadable", ""))
        return report
    if len(raw) > max_bytes:
        report.add(too_large(path.stat().st_size, max_bytes))
        return report
    return validate_bytes(raw, path=name, root=root, max_bytes=max_bytes)


def looks_like_json(text: str) -> bool:
    """A ``str`` whose first non-space character opens a JSON object or array is JSON text, not a
    file name (a file whose name starts with ``{`` is validated through a ``Path``)."""
    return text.lstrip(" \t\r\n\ufeff")[:1] in ("{", "[")


def validate(source: Source, *, root: Path | None = None, max_bytes: int = MAX_BYTES) -> ValidationReport:
    """Validate a document: a parsed ``dict``, raw ``bytes``, JSON text (a ``str`` starting with
    ``{`` or ``[``), or a file (any other ``str``, or a ``Path``). Never raises for bad data or a
    bad path: a missing file is an ``input.not_found`` finding. The explicit forms are
    :func:`validate_document`, :func:`validate_bytes`, :func:`validate_text`, :func:`validate_file`.
    """
    if isinstance(source, dict):
        return validate_document(source, root=root)
    if isinstance(source, bytes | bytearray | memoryview):
        return validate_bytes(bytes(source), root=root, max_bytes=max_bytes)
    if isinstance(source, str) and looks_like_json(source):
        return validate_text(source, root=root, max_bytes=max_bytes)
    return validate_file(source, root=root, max_bytes=max_bytes)
