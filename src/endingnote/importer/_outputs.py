"""Every output of an heir import, written atomically as one folder.

Everything is built in a temporary folder beside ``out_dir`` (``.<name>.tmp-…``), fsynced, then
renamed into place. An existing ``out_dir`` is replaced only when it is empty or holds
:data:`MARKER_NAME` (written by an earlier import); otherwise :class:`InputError`. On any failure
the temporary folder is removed and ``out_dir`` is untouched.

Files (``P`` = ``"UNVERIFIED-"`` when ``unverified`` else ``""``), every value as a person reads it
(:mod:`._plain`: labels, names, 円, 〒, 和暦 …):

- ``P note.json`` — the filtered note, pretty; when unverified the first key is ``"unverified": true``.
- ``P workbook.xlsx`` — sheets: ``UNVERIFIED`` (only when unverified, first), ``概要`` (summary),
  ``手続き`` (checklist), then one sheet per record type. Dates are Excel dates, amounts numbers
  with a ``#,##0"円"`` format; the header row is frozen and filtered; columns are as wide as their
  Japanese text. Text that a spreadsheet would run as a formula
  (:func:`endingnote._display.looks_like_formula`) stays text by cell type and the quote-prefix
  style, with no visible apostrophe.
- ``csv/P<record>.csv`` — UTF-8 with BOM (or cp932 for older Excel, ``csv_encoding="cp932"``:
  characters cp932 cannot hold become 〓 and the report says where), the same headers and values;
  a formula-looking cell gets a leading ``'`` (CSV has no cell types). When unverified the first
  column is ``検証状態`` with ``未検証`` on every row.
- ``P report.html`` — see :mod:`._html`; red banner when unverified.
- ``P checklist.ics`` — see :mod:`._ics`; when unverified every SUMMARY starts ``[未検証 UNVERIFIED]``.

Cells are neutralised by the library's one pair of functions, :mod:`endingnote._spreadsheet`
(``csv_cell`` for CSV, ``xlsx_text`` for XLSX), shared with the converters.
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
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote._spreadsheet import csv_cell, xlsx_text
from endingnote.errors import InputError
from endingnote.importer._plain import Cell, Lang, Plain, PlainTable, date_text, plain_tables, share_text

if TYPE_CHECKING:
    from endingnote.importer._checklist import Task

__all__ = ["MARKER_NAME", "UNVERIFIED_PREFIX", "write_outputs"]

MARKER_NAME = ".endingnote-import"
UNVERIFIED_PREFIX = "UNVERIFIED-"
_BAD_SHEET = str.maketrans({c: "_" for c in "[]:*?/\\"})
CSV_ENCODINGS = ("utf-8", "cp932")


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


def _note_json(doc: dict[str, Any], unverified: bool) -> bytes:
    body = {"unverified": True, **{k: v for k, v in doc.items() if k != "unverified"}} if unverified else doc
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _summary_rows(summary: dict[str, Any], unverified: bool, lang: Lang) -> list[list[Cell]]:
    ja = lang == "ja"
    dec = summary.get("decedent") if isinstance(summary.get("decedent"), dict) else {}
    cl = summary.get("claimant") if isinstance(summary.get("claimant"), dict) else {}
    assert isinstance(dec, dict) and isinstance(cl, dict)  # noqa: S101 — narrowed above

    def day(value: Any) -> Cell:
        try:
            d = dt.date.fromisoformat(str(value))
        except ValueError:
            return Cell("")
        return Cell(date_text(d, lang), d, "yyyy-mm-dd")

    verified = summary.get("verdict") == "VALID" and not unverified
    rows: list[list[Cell]] = [
        [
            Cell("検証" if ja else "Verification"),
            Cell(
                ("署名を確認済み(署名後の変更なし)" if ja else "signature verified (unchanged since signing)")
                if verified
                else ("未検証" if ja else "UNVERIFIED")
            ),
        ],
        [Cell("故人" if ja else "Decedent"), Cell(str(dec.get("name") or ""))],
        [Cell("生年月日" if ja else "Born"), day(dec.get("birth_date"))],
        [Cell("死亡日" if ja else "Died"), day(dec.get("death_date"))],
    ]
    if cl.get("name"):
        rel = cl.get(f"relationship_{lang}") or ""
        share = share_text(cl.get("share"), lang)
        text = " ".join(x for x in (str(cl["name"]), f"({rel})" if rel else "", share) if x)
        rows.append([Cell("取り込んだ人" if ja else "Imported by"), Cell(text)])
    for h in summary.get("heirs") or []:
        if isinstance(h, dict):
            rel = h.get(f"relationship_{lang}") or ""
            text = f"{h.get('name')} ({rel}) {share_text(h.get('share'), lang)}"
            rows.append([Cell("相続人" if ja else "Heir"), Cell(text)])
    for w in summary.get("withheld") or []:
        label = (w.get(f"label_{lang}") or w.get("label_ja")) if isinstance(w, dict) else str(w)
        rows.append([Cell("非開示" if ja else "Withheld"), Cell(str(label))])
    for r in summary.get("reasons") or []:
        note = r.get(lang) if isinstance(r, dict) else r
        rows.append([Cell("注意" if ja else "Note"), Cell(str(note))])
    return rows


_TASK_HEADERS = {
    "ja": [
        "期限・目安",
        "区分",
        "手続き",
        "窓口・相手先",
        "期限の数え方",
        "根拠",
        "契約番号等",
        "故人の希望",
        "連絡先",
    ],
    "en": ["Date", "Kind", "Procedure", "Where / with", "How counted", "Basis", "Number", "Wish", "Contact"],
}


def _task_rows(tasks: list[Task], lang: Lang) -> list[list[Cell]]:
    ja = lang == "ja"
    rows = []
    for t in tasks:
        day = t.date
        kind = (
            ("法定の期限" if ja else "statutory deadline")
            if t.due is not None
            else ("目安" if ja else "target")
            if day
            else ""
        )
        rows.append(
            [
                Cell(date_text(day, lang), day, "yyyy-mm-dd") if day else Cell(""),
                Cell(kind),
                Cell(t.title_ja if ja else t.title_en),
                Cell(t.where_ja if ja else (t.where_en or t.where_ja)),
                Cell(t.rule_ja if ja else t.rule_en),
                Cell(t.basis_ja if ja else t.basis_en),
                Cell(t.contract_id),
                Cell(t.desired_action if ja else t.desired_action_en),
                Cell(t.contact),
            ]
        )
    return rows


def _width(text: str) -> float:
    """Display width in Excel columns: East Asian wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _put(ws: Any, row: int, col: int, cell: Cell) -> None:
    """A cell typed as its value; text that looks like a formula stays text (cell type and the
    quote-prefix style, no visible apostrophe)."""
    target = ws.cell(row=row, column=col)
    value = cell.typed
    if isinstance(value, str):
        xlsx_text(target, value)
    else:
        target.value = value
        if cell.number_format:
            target.number_format = cell.number_format


def _sheet_rows(ws: Any, headers: list[str], rows: list[list[Cell]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    widths = [_width(h) for h in headers]
    for c, h in enumerate(headers, 1):
        _put(ws, 1, c, Cell(h))
        ws.cell(row=1, column=c).font = bold
    for r, row in enumerate(rows, 2):
        for c, cell in enumerate(row, 1):
            _put(ws, r, c, cell)
            longest = max((_width(line) for line in cell.text.split("\n")), default=0)
            widths[c - 1] = max(widths[c - 1], longest)
            if len(cell.text) > 60:
                ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(w + 2, 6), 60)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def _workbook(
    tables: list[PlainTable], tasks: list[Task], summary: dict[str, Any], unverified: bool, lang: Lang
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    ja = lang == "ja"
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

    if unverified:
        ws = sheet("UNVERIFIED")
        ws.append(["UNVERIFIED 未検証"])
        ws.append(["この資料は署名の検証を経ていません。内容が本人のものである保証はありません。"])
        ws.append(["This import was not verified; nothing here is known to come from the decedent."])
        ws["A1"].font = Font(bold=True, color="FFFFFF", size=16)
        ws["A1"].fill = PatternFill("solid", fgColor="B00020")
        ws.column_dimensions["A"].width = 90
    ws = sheet("概要" if ja else "Summary")
    _sheet_rows(ws, ["項目", "内容"] if ja else ["Item", "Value"], _summary_rows(summary, unverified, lang))
    ws = sheet("手続き" if ja else "Procedures")
    _sheet_rows(ws, _TASK_HEADERS[lang], _task_rows(tasks, lang))
    for table in tables:
        ws = sheet(table.label_ja if ja else table.label_en)
        head = "項目" if ja else "Item"
        rows = [[Cell(title), *row] for title, row in zip(table.titles, table.rows, strict=True)]
        _sheet_rows(ws, [head, *table.headers], rows)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(table: PlainTable, unverified: bool, lang: Lang, encoding: str) -> tuple[bytes, list[str]]:
    """The table as CSV bytes and the cells whose characters ``encoding`` could not hold."""
    ja = lang == "ja"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    lead = ["検証状態" if ja else "verification"] if unverified else []
    mark = ["未検証" if ja else "UNVERIFIED"] if unverified else []
    headers = ["項目" if ja else "Item", *table.headers]
    writer.writerow(lead + [csv_cell(h) for h in headers])
    lossy: list[str] = []
    rows = [[title, *(c.text for c in row)] for title, row in zip(table.titles, table.rows, strict=True)]
    for r, row in enumerate(rows, 1):
        out = []
        for h, value in zip(headers, row, strict=True):
            if encoding != "utf-8":
                fixed = "".join(ch if _encodable(ch, encoding) else "〓" for ch in value)
                if fixed != value:
                    lossy.append(
                        f"{table.label_ja if ja else table.label_en} {r}行目 {h}"
                        if ja
                        else f"{table.key} row {r} {h}"
                    )
                value = fixed
            out.append(csv_cell(value))
        writer.writerow(mark + out)
    text = buf.getvalue()
    data = ("\ufeff" + text).encode("utf-8") if encoding == "utf-8" else text.encode(encoding)
    return data, lossy


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


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
    lang: Lang,
    csv_encoding: str,
    names: dict[str, str],
    relations: dict[str, str],
    spellings: dict[str, str],
) -> list[Path]:
    from endingnote import standard
    from endingnote.importer._html import render_report
    from endingnote.importer._ics import to_ics

    std = standard.get(standard_version)
    reader = Plain(doc, std, lang, names=names, relations=relations, spellings=spellings)
    tables = plain_tables(reader)
    p = UNVERIFIED_PREFIX if unverified else ""
    written = [_write(tmp / f"{p}note.json", _note_json(doc, unverified))]
    written.append(_write(tmp / f"{p}workbook.xlsx", _workbook(tables, tasks, summary, unverified, lang)))
    lossy: list[str] = []
    for table in tables:
        data, lost = _csv(table, unverified, lang, csv_encoding)
        lossy += lost
        written.append(_write(tmp / "csv" / f"{p}{table.key}.csv", data))
    notes = []
    if lossy:
        from endingnote.importer._html import _w

        shown = ("、" if lang == "ja" else "; ").join(lossy[:20]) + (" …" if len(lossy) > 20 else "")
        notes.append(_w("csv_lossy", lang, where=shown))
    html = render_report(
        tables=tables,
        tasks=tasks,
        heir_map_svg=heir_map_svg,
        summary=summary,
        unverified=unverified,
        generated=generated,
        lang=lang,
        notes=notes,
    )
    written.append(_write(tmp / f"{p}report.html", html.encode("utf-8")))
    dec = summary.get("decedent")
    name = str(dec.get("name") or "") if isinstance(dec, dict) else ""
    ics_tasks = _mark_tasks(tasks) if unverified else tasks
    written.append(
        _write(tmp / f"{p}checklist.ics", to_ics(ics_tasks, decedent_name=name, generated=generated))
    )
    marker = {"generator": "endingnote import", "generated": generated.isoformat(), "unverified": unverified}
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
    lang: Lang = "ja",
    csv_encoding: str = "utf-8",
    names: dict[str, str] | None = None,
    relations: dict[str, str] | None = None,
    spellings: dict[str, str] | None = None,
) -> list[Path]:
    """Write every output into ``out_dir`` atomically; the paths written (inside ``out_dir``).

    ``names``/``relations``/``spellings``: how the registers spell and relate the note's people
    (see :class:`._plain.Plain`)."""
    if csv_encoding not in CSV_ENCODINGS:
        raise ValueError(f"csv_encoding must be one of {CSV_ENCODINGS}: {csv_encoding}")
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
            lang=lang,
            csv_encoding=csv_encoding,
            names=names or {},
            relations=relations or {},
            spellings=spellings or {},
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
