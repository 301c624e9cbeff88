"""The vendor's page: what was dropped is validated (JSON, NDJSON, a ZIP of documents) or converted
with a chosen or uploaded mapping (CSV, XLSX, XML, vendor JSON), and kept as a :class:`Run` whose
findings the page filters and whose downloads are the bytes the command line writes:

- validation: ``report.json`` / ``.csv`` / ``.xlsx`` = ``endingnote validate FILES --report …``
  (each document labelled with the name it was dropped with, as the command labels its arguments);
- conversion: ``report.json`` = ``endingnote convert SRC --from M -o OUT --report …`` and
  ``documents.zip`` holds the files of ``OUT/``, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from endingnote import Issue
from endingnote._codes import issue
from endingnote.serve import _codes as _codes  # registers serve.* codes
from endingnote.serve._archive import unpack

if TYPE_CHECKING:
    from endingnote.serve._multipart import Upload
    from endingnote.validation import ValidationReport

DOCUMENT_SUFFIXES = (".json",)
NDJSON_SUFFIXES = (".ndjson", ".jsonl")
VENDOR_SUFFIXES = (".csv", ".xlsx", ".xml", ".json", ".tsv", ".txt")
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One row of the findings table."""

    document: str
    issue: Issue
    label_ja: str
    label_en: str
    category: str

    def where(self) -> str:
        return self.issue.path or "/"


@dataclass(slots=True)
class Run:
    """One submission: its mode (``validate`` / ``convert``), reports and downloads."""

    id: str
    folder: Path
    mode: str
    inputs: list[str]
    created: dt.datetime
    reports: list[ValidationReport] = field(default_factory=list)
    mapping: str | None = None
    loss_report: dict[str, Any] | None = None
    documents: Path | None = None
    persons: int = 0
    valid_persons: int = 0
    refused: bool = False

    @property
    def documents_count(self) -> int:
        return len(self.reports)

    @property
    def valid_count(self) -> int:
        return sum(r.valid for r in self.reports)

    def findings(self) -> list[Finding]:
        from endingnote.validation import item_info

        out = []
        for r in self.reports:
            for i in r.sorted():
                info = item_info(r.standard_version, i.item)
                out.append(Finding(i.file or r.path or "", i, info.label_ja, info.label_en, info.category))
        return out

    def conformance(self) -> dict[str, dict[str, list[int]]]:
        """category → tier → [present, total], summed over the documents."""
        out: dict[str, dict[str, list[int]]] = {}
        for r in self.reports:
            if r.conformance is None:
                continue
            for cat, tiers in r.conformance.by_category.items():
                for tier, count in tiers.items():
                    cell = out.setdefault(cat, {}).setdefault(tier, [0, 0])
                    cell[0] += count.present
                    cell[1] += count.total
        return out

    def download(self, name: str) -> tuple[bytes, str] | None:
        """``(bytes, media type)`` of a download, ``None`` when this run has no such file."""
        from endingnote.validation import report_bytes

        kinds = {
            "report.csv": ("csv", "text/csv; charset=utf-8"),
            "report.xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        }
        if name == "report.json":
            if self.mode == "convert":
                return (self.folder / "report.json").read_bytes(), "application/json"
            return report_bytes(self.reports, "json"), "application/json"
        if name in kinds:
            fmt, media = kinds[name]
            return report_bytes(self.reports, fmt), media
        if name == "documents.zip" and self.documents is not None:
            return _zip_folder(self.documents), "application/zip"
        return None


def _zip_folder(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def _report(label: str, issues: list[Issue], version: str | None = None) -> ValidationReport:
    from endingnote.validation import ValidationReport

    report = ValidationReport(path=label)
    report.standard_version = version
    report.extend(issues)
    return report


def validate_uploads(uploads: list[Upload], run: Run) -> None:
    """JSON documents, NDJSON streams and ZIPs of them, in the order they were dropped."""
    from endingnote.validation import validate_bytes, validate_ndjson_bytes

    for up in uploads:
        name = up.filename
        lower = name.lower()
        run.inputs.append(name)
        if lower.endswith(".zip"):
            unpacked = unpack(up.path, run.folder / f"zip-{secrets.token_hex(4)}", label=name)
            if not unpacked.ok:
                run.reports.append(_report(name, unpacked.issues))
                continue
            members = [
                (entry, path)
                for entry, path in sorted(unpacked.files.items())
                if entry.lower().endswith(DOCUMENT_SUFFIXES + NDJSON_SUFFIXES)
                and not any(part.startswith(".") or part == "__MACOSX" for part in entry.split("/"))
            ]
            if not members:
                run.reports.append(_report(name, [issue("serve.zip.empty", "", file=name, name=name)]))
            for entry, path in members:
                label = f"{name}:{entry}"
                data = path.read_bytes()
                if entry.lower().endswith(NDJSON_SUFFIXES):
                    run.reports.extend(validate_ndjson_bytes(data, label))
                else:
                    run.reports.append(validate_bytes(data, path=label))
        elif lower.endswith(NDJSON_SUFFIXES):
            run.reports.extend(validate_ndjson_bytes(up.path.read_bytes(), name))
        elif lower.endswith(DOCUMENT_SUFFIXES):
            run.reports.append(validate_bytes(up.path.read_bytes(), path=name))
        else:
            run.reports.append(_report(name, [issue("serve.upload.unknown_kind", "", file=name, name=name)]))


def convert_upload(upload: Upload, mapping_path: Path, mapping_label: str, run: Run) -> list[Issue]:
    """Convert one vendor file as ``endingnote convert SRC --from MAPPING -o OUT --report R`` does
    (:func:`endingnote.convert.run`, the source named as it was dropped); returns the mapping's own
    findings when it cannot be used."""
    from endingnote.convert import MappingError, load_mapping
    from endingnote.convert import run as convert_run
    from endingnote.errors import InputError

    try:
        mapping = load_mapping(mapping_path)
    except MappingError as exc:
        return list(exc.report.issues)
    run.mapping = mapping_label
    run.inputs.append(upload.filename)
    report = run.folder / "report.json"
    try:
        summary = convert_run(
            upload.path, mapping, run.folder / "documents", report=report, label=upload.filename
        )
    except InputError as exc:
        return [issue("serve.upload.malformed", "", reason=str(exc))]
    run.refused = summary.refused
    run.persons = summary.written
    run.documents = run.folder / "documents" if summary.output else None
    loss = orjson.loads(report.read_bytes())
    run.loss_report = loss
    by_person: dict[str, list[Issue]] = {}
    for found in loss.get("issues") or []:
        by_person.setdefault(str(found.get("person") or ""), []).append(_issue(found))
    version = mapping.standard
    if summary.refused or by_person.get(""):
        run.reports.append(_report(upload.filename, by_person.pop("", []), version))
    for person, issues in by_person.items():
        run.reports.append(_report(person, issues, version))
    run.valid_persons = summary.valid
    return []


def _issue(found: dict[str, Any]) -> Issue:
    """An issue of the loss report, back as a value."""
    from endingnote import Severity

    return Issue(
        code=str(found.get("code", "")),
        path=str(found.get("path", "")),
        severity=Severity(found.get("severity", "error")),
        message_ja=str(found.get("message_ja", "")),
        message_en=str(found.get("message_en", "")),
        item=found.get("item"),
        file=found.get("file"),
    )


def facets(findings: list[Finding]) -> dict[str, list[tuple[str, int]]]:
    """The values each filter can take, with how many findings have each."""
    sev = Counter(f.issue.severity.value for f in findings)
    cat = Counter(f.category for f in findings if f.category)
    code = Counter(f.issue.code for f in findings)
    return {
        "severity": sorted(sev.items(), key=lambda kv: _SEVERITY_RANK.get(kv[0], 9)),
        "category": sorted(cat.items()),
        "code": sorted(code.items()),
    }


def select(findings: list[Finding], severity: str, category: str, code: str) -> list[Finding]:
    return [
        f
        for f in findings
        if (not severity or f.issue.severity.value == severity)
        and (not category or f.category == category)
        and (not code or f.issue.code == code)
    ]


def new_run(folder: Path, mode: str, now: dt.datetime) -> Run:
    return Run(secrets.token_urlsafe(12), folder, mode, [], now)


@dataclass(frozen=True, slots=True)
class Bar:
    tier: str
    present: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.total) if self.total else 0


@dataclass(frozen=True, slots=True)
class ChartRow:
    category: str
    label_ja: str
    label_en: str
    bars: tuple[Bar, ...]


def chart(
    conformance: dict[str, dict[str, list[int]]], categories: dict[str, tuple[str, str]]
) -> list[ChartRow]:
    """The conformance summary as rows of bars: categories in the standard's order, tiers in
    theirs; drawn as SVG by the page's template (no script)."""
    from endingnote.standard import TIERS

    rows = []
    for key, (ja, en) in categories.items():
        tiers = conformance.get(key)
        if not tiers:
            continue
        bars = tuple(Bar(t, tiers[t][0], tiers[t][1]) for t in TIERS if t in tiers)
        rows.append(ChartRow(key, ja, en, bars))
    return rows
