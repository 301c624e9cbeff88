"""Every output of an heir import, written atomically as one folder.

Everything is built in a temporary folder beside ``out_dir`` (``.<name>.tmp-…``), fsynced, then
renamed into place. An existing ``out_dir`` is replaced only when it is empty or holds
:data:`MARKER_NAME` (written by an earlier import); otherwise :class:`InputError`. On any failure
the temporary folder is removed and ``out_dir`` is untouched.

Files (``P`` = ``"UNVERIFIED-"`` when ``unverified`` else ``""``):

- ``P note.json`` — the filtered note, pretty; when unverified the first key is ``"unverified": true``.
- ``P workbook.xlsx`` — sheets: ``UNVERIFIED`` (only when unverified, first), ``概要`` (summary),
  ``手続き`` (checklist), then one sheet per record type (Japanese headers). Text cells starting
  with ``= + - @ TAB CR`` get a leading ``'`` (formula injection).
- ``csv/P<record>.csv`` — UTF-8 with BOM, Japanese headers, same neutralisation; when unverified
  the first column is ``検証状態 / verification`` with ``UNVERIFIED`` on every row.
- ``P report.html`` — see :mod:`._html`; red banner when unverified.
- ``P checklist.ics`` — dated tasks; when unverified every SUMMARY starts ``[未検証 UNVERIFIED]``.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote.errors import InputError

if TYPE_CHECKING:
    from endingnote.importer._checklist import Task
    from endingnote.importer._tables import RecordTable

__all__ = ["MARKER_NAME", "UNVERIFIED_PREFIX", "write_outputs"]

MARKER_NAME = ".endingnote-import"
UNVERIFIED_PREFIX = "UNVERIFIED-"
_BAD_SHEET = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _check_target(out_dir: Path) -> None:
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise InputError(f"{out_dir}: exists and is not a folder / 出力先がフォルダではありません")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER_NAME).is_file():
        raise InputError(
            f"{out_dir}: not empty and not an earlier import; refusing to overwrite"
            " / 空でなく以前の取り込み結果でもないため上書きしません"
        )


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def _note_json(doc: dict[str, Any], unverified: bool, notice: str | None = None) -> bytes:
    body = {"unverified": True, **{k: v for k, v in doc.items() if k != "unverified"}} if unverified else doc
    if notice:
        body = {"import_notice": notice, **{k: v for k, v in body.items() if k != "import_notice"}}
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _summary_rows(summary: dict[str, Any], unverified: bool) -> list[list[Any]]:
    dec = summary.get("decedent") if isinstance(summary.get("decedent"), dict) else {}
    cl = summary.get("claimant") if isinstance(summary.get("claimant"), dict) else {}
    assert isinstance(dec, dict) and isinstance(cl, dict)  # noqa: S101 — narrowed above
    rows: list[list[Any]] = [
        ["検証状態 / Verification", "UNVERIFIED 未検証" if unverified else "verified 検証済み"],
        ["判定 / Verdict", summary.get("verdict")],
        ["失効状態 / Revocation", summary.get("revocation")],
        ["署名者 / Signer", summary.get("signer")],
        ["タイムスタンプ / Timestamp", summary.get("timestamp")],
        ["故人 / Decedent", dec.get("name")],
        ["死亡日 / Date of death", dec.get("death_date")],
        ["請求者 / Claimant", " / ".join(str(cl[k]) for k in ("name", "capacity", "share") if cl.get(k))],
    ]
    for h in summary.get("heirs") or []:
        if isinstance(h, dict):
            rows.append(
                ["相続人 / Heir", " / ".join(str(h[k]) for k in ("name", "capacity", "share") if h.get(k))]
            )
    for w in summary.get("withheld") or []:
        rows.append(
            ["非開示 / Withheld", w.get("label_ja") or w.get("section") if isinstance(w, dict) else w]
        )
    for r in summary.get("reasons") or []:
        rows.append(["注意 / Note", r])
    return rows


_TASK_HEADERS = [
    "期限",
    "手続き",
    "Task",
    "根拠",
    "Basis",
    "窓口",
    "区分",
    "相手先",
    "契約番号等",
    "希望",
    "連絡先",
    "ノート内の位置",
]


def _task_rows(tasks: list[Task]) -> list[list[Any]]:
    return [
        [
            t.due.isoformat() if t.due else "",
            t.title_ja,
            t.title_en,
            t.basis_ja,
            t.basis_en,
            t.where_ja,
            t.category,
            t.counterparty,
            t.contract_id,
            t.desired_action,
            t.contact,
            t.source_path,
        ]
        for t in tasks
    ]


def _cell(value: Any) -> Any:
    from endingnote.importer._tables import neutralise

    if value is None or isinstance(value, (int, float, bool)):
        return value
    return neutralise(str(value))


def _workbook(
    tables: list[RecordTable], tasks: list[Task], summary: dict[str, Any], unverified: bool
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    first = wb.active
    assert first is not None  # noqa: S101 — a new workbook always has one sheet
    used: set[str] = set()

    def sheet(title: str) -> Any:
        name = title.translate(_BAD_SHEET)[:31] or "sheet"
        n = 2
        while name in used:
            suffix = f"~{n}"
            name, n = name[: 31 - len(suffix)] + suffix, n + 1
        used.add(name)
        if len(used) == 1:
            first.title = name
            return first
        return wb.create_sheet(name)

    bold = Font(bold=True)
    if unverified:
        ws = sheet("UNVERIFIED")
        ws.append(["UNVERIFIED 未検証"])
        ws.append(["この資料は署名の検証を経ていません。内容が本人のものである保証はありません。"])
        ws.append(["This import was not verified; nothing here is known to come from the decedent."])
        ws["A1"].font = Font(bold=True, color="FFFFFF", size=16)
        ws["A1"].fill = PatternFill("solid", fgColor="B00020")
    ws = sheet("概要")
    for row in _summary_rows(summary, unverified):
        ws.append([_cell(v) for v in row])
    ws = sheet("手続き")
    ws.append(_TASK_HEADERS)
    for row in _task_rows(tasks):
        ws.append([_cell(v) for v in row])
    for table in tables:
        ws = sheet(table.label_ja)
        ws.append([_cell(h) for h in table.headers])
        for cell in ws[1]:
            cell.font = bold
        for row in table.rows:
            ws.append([_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(table: RecordTable, unverified: bool, notice: str | None = None) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    lead = (["検証状態 / verification"] if unverified else []) + (["注記 / notice"] if notice else [])
    writer.writerow(lead + [_cell(h) for h in table.headers])
    for row in table.rows:
        marks = (["UNVERIFIED"] if unverified else []) + ([_cell(notice)] if notice else [])
        writer.writerow(marks + ["" if v is None else _cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _mark_tasks(tasks: list[Task]) -> list[Task]:
    return [dataclasses.replace(t, title_ja=f"[未検証 UNVERIFIED] {t.title_ja}") for t in tasks]


def _build(
    tmp: Path,
    doc: dict[str, Any],
    *,
    tasks: list[Task],
    standard_version: str,
    heir_map_svg: str | None,
    summary: dict[str, Any],
    unverified: bool,
    generated: dt.datetime,
    notice: str | None = None,
) -> list[Path]:
    from endingnote import standard
    from endingnote.importer._html import render_report
    from endingnote.importer._ics import to_ics
    from endingnote.importer._tables import record_tables

    std = standard.get(standard_version)
    tables = record_tables(doc, std)
    p = UNVERIFIED_PREFIX if unverified else ""
    written = [_write(tmp / f"{p}note.json", _note_json(doc, unverified, notice))]
    written.append(_write(tmp / f"{p}workbook.xlsx", _workbook(tables, tasks, summary, unverified)))
    for table in tables:
        written.append(_write(tmp / "csv" / f"{p}{table.key}.csv", _csv(table, unverified, notice)))
    html = render_report(
        tables=tables,
        tasks=tasks,
        heir_map_svg=heir_map_svg,
        summary=summary,
        unverified=unverified,
        generated=generated,
    )
    written.append(_write(tmp / f"{p}report.html", html.encode("utf-8")))
    dec = summary.get("decedent")
    name = str(dec.get("name") or "") if isinstance(dec, dict) else ""
    ics_tasks = _mark_tasks(tasks) if unverified else tasks
    if notice:
        ics_tasks = [
            dataclasses.replace(t, title_ja=f"[注記 NOTE: {notice}] {t.title_ja}") for t in ics_tasks
        ]
    written.append(
        _write(tmp / f"{p}checklist.ics", to_ics(ics_tasks, decedent_name=name, generated=generated))
    )
    marker = {"generator": "endingnote import", "generated": generated.isoformat(), "unverified": unverified}
    if notice:
        marker["notice"] = notice
    _write(tmp / MARKER_NAME, json.dumps(marker).encode())
    return written


def write_outputs(
    out_dir: Path,
    doc: dict[str, Any],
    *,
    tasks: list[Task],
    standard_version: str,
    heir_map_svg: str | None,
    summary: dict[str, Any],
    unverified: bool = False,
    notice: str | None = None,
) -> list[Path]:
    """Write every output into ``out_dir`` atomically; the paths written (inside ``out_dir``).
    ``notice`` (e.g. why a note signed after death was accepted) is recorded in every output."""
    out_dir = Path(out_dir)
    _check_target(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    old: Path | None = None
    try:
        written = _build(
            tmp,
            doc,
            tasks=tasks,
            standard_version=standard_version,
            heir_map_svg=heir_map_svg,
            summary=summary,
            unverified=unverified,
            generated=dt.datetime.now(dt.UTC),
            notice=notice,
        )
        # the folder keeps mkdtemp's 0700: it holds a decedent's private data
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.replace(out_dir, old / "previous")
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not out_dir.exists() and (old / "previous").exists():
            os.replace(old / "previous", out_dir)  # put the earlier import back
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    with contextlib.suppress(OSError):  # make the rename durable
        fd = os.open(out_dir.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return [out_dir / w.relative_to(tmp) for w in written]
