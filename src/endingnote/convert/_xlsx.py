"""XLSX rows read in streaming mode, every extent checked before anything is built.

pandas and openpyxl build the grid a sheet *claims* (a 6 KB file whose one cell sits at XFD1048576
becomes 17 billion cells; 3M empty rows take gigabytes): this reader walks the sheet's XML with
lxml ``iterparse``, checks each cell's reference against :data:`XLSX_ROWS` / :data:`XLSX_COLUMNS`
before keeping it, keeps only non-empty cells, frees each row once read, and bounds the zip
(total uncompressed size, compression ratio, bytes actually inflated) and the shared strings.
Phonetic runs (``rPh``, the furigana Excel keeps) are not part of a cell's text. Date cells
(by their number format) are read as ``YYYY-MM-DD``; formulas as their cached value.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from endingnote._limits import Limit
from endingnote.convert._limits import (
    XLSX_COLUMNS,
    XLSX_RATIO,
    XLSX_ROWS,
    XLSX_SHARED_STRINGS,
    XLSX_UNCOMPRESSED,
)

__all__ = ["XlsxError", "iter_xlsx_rows"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, *range(27, 37), *range(50, 59)})
_EPOCH = dt.date(1899, 12, 30)


class XlsxError(ValueError):
    """The file is refused; ``reason`` says why, ``limit`` names the bound when one was hit."""

    def __init__(self, reason: str, limit: Limit | None = None, where: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.limit = limit
        self.where = where


class _Bounded(io.RawIOBase):
    """A zip member's stream that refuses to inflate past ``limit`` bytes."""

    def __init__(self, fh: IO[bytes], limit: int) -> None:
        self.fh = fh
        self.left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.fh.read(min(len(buffer), max(self.left + 1, 1)))
        self.left -= len(data)
        if self.left < 0:
            raise XlsxError("展開後の大きさが上限を超えました / inflates past its limit", XLSX_UNCOMPRESSED)
        buffer[: len(data)] = data
        return len(data)


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _parser_kwargs() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def _open(zf: zipfile.ZipFile, name: str) -> IO[bytes]:
    info = zf.getinfo(name)
    if (
        info.compress_size
        and info.file_size / info.compress_size > XLSX_RATIO.value
        and info.file_size > 1 << 20
    ):
        raise XlsxError(
            "圧縮率が高すぎます (zip bomb) / compression ratio too high (zip bomb)", XLSX_RATIO, name
        )
    return io.BufferedReader(_Bounded(zf.open(info), min(info.file_size, XLSX_UNCOMPRESSED.value)))


def _xml(zf: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    with _open(zf, name) as fh:
        data = fh.read()
    parser = etree.XMLParser(**_parser_kwargs())
    return etree.fromstring(data, parser)


def _sheet_path(zf: zipfile.ZipFile, sheet: str | None) -> str:
    wb = _xml(zf, "xl/workbook.xml")
    sheets = wb.findall(f"{_MAIN}sheets/{_MAIN}sheet")
    if not sheets:
        raise XlsxError("シートがありません / no sheet")
    chosen = sheets[0] if sheet is None else next((s for s in sheets if s.get("name") == sheet), None)
    if chosen is None:
        names = ", ".join(str(s.get("name")) for s in sheets)
        raise XlsxError(f"シート「{sheet}」がありません / no sheet '{sheet}' (sheets: {names})")
    rid = chosen.get(f"{_REL}id")
    rels = _xml(zf, "xl/_rels/workbook.xml.rels")
    target = next(
        (r.get("Target") for r in rels.findall(f"{_PKG_REL}Relationship") if r.get("Id") == rid), None
    )
    if not target:
        raise XlsxError("シートの実体がありません / the sheet's part is missing")
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    if ".." in path.split("/") or path not in zf.namelist():
        raise XlsxError("シートの場所が不正です / bad sheet part name")
    return path


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    from lxml import etree

    if "xl/sharedStrings.xml" not in zf.namelist():
        return []
    out: list[str] = []
    total = 0
    with _open(zf, "xl/sharedStrings.xml") as fh:
        for _, el in etree.iterparse(fh, events=("end",), tag=f"{_MAIN}si", **_parser_kwargs()):
            text = "".join(t.text or "" for t in el.iter(f"{_MAIN}t") if t.getparent().tag != f"{_MAIN}rPh")
            total += len(text)
            if total > XLSX_SHARED_STRINGS.value:
                raise XlsxError("共有文字列が多すぎます / too much shared text", XLSX_SHARED_STRINGS)
            out.append(text)
            el.clear()
    return out


def _date_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles whose number format is a date."""
    if "xl/styles.xml" not in zf.namelist():
        return set()
    styles = _xml(zf, "xl/styles.xml")
    custom = {
        int(n.get("numFmtId", "0"))
        for n in styles.iter(f"{_MAIN}numFmt")
        if re.search(r"[yd]|m{1,2}(?![^\[]*\])", re.sub(r'"[^"]*"|\[[^\]]*\]', "", n.get("formatCode", "")))
    }
    xfs = styles.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return set()
    out = set()
    for i, xf in enumerate(xfs.findall(f"{_MAIN}xf")):
        fmt = int(xf.get("numFmtId", "0"))
        if fmt in _DATE_FORMAT_IDS or fmt in custom:
            out.add(i)
    return out


def _number(text: str, date: bool) -> str:
    if date:
        try:
            serial = float(text)
            if 0 < serial < 2_958_466:  # up to 9999-12-31
                return (_EPOCH + dt.timedelta(days=int(serial))).isoformat()
        except ValueError:
            pass
    if re.fullmatch(r"-?[0-9]+\.0+", text):
        return text.split(".")[0]
    return text


def iter_xlsx_rows(fh: IO[bytes], sheet: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cell texts from column A) of every non-empty row; raises :class:`XlsxError`."""
    from lxml import etree

    try:
        zf = zipfile.ZipFile(fh)
    # NotImplementedError: a zip version zipfile cannot read (found by the xlsx_source fuzzer)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise XlsxError(f"XLSX (zip) として読めません / not an XLSX (zip) file: {exc}") from exc
    with zf:
        total = sum(i.file_size for i in zf.infolist())
        if XLSX_UNCOMPRESSED.exceeded(total):
            raise XlsxError("展開後の大きさが上限を超えます / too large once inflated", XLSX_UNCOMPRESSED)
        try:
            path = _sheet_path(zf, sheet)
            strings = _shared_strings(zf)
            dates = _date_styles(zf)
            with _open(zf, path) as sheet_fh:
                yield from _rows(
                    etree.iterparse(sheet_fh, events=("end",), tag=f"{_MAIN}row", **_parser_kwargs()),
                    strings,
                    dates,
                )
        # zlib.error: a damaged deflate stream; NotImplementedError: a compression method zipfile
        # lacks; RuntimeError: an encrypted member
        except (
            KeyError,
            zipfile.BadZipFile,
            etree.XMLSyntaxError,
            EOFError,
            ValueError,
            zlib.error,
            NotImplementedError,
            RuntimeError,
        ) as exc:
            if isinstance(exc, XlsxError):
                raise
            raise XlsxError(f"XLSX として読めません / cannot read the XLSX: {str(exc)[:200]}") from exc


def _rows(events: Any, strings: list[str], dates: set[int]) -> Iterator[tuple[int, list[str]]]:
    last = 0
    for _, row in events:
        try:
            num = int(row.get("r") or last + 1)
        except ValueError as exc:
            raise XlsxError("行番号が不正です / bad row number") from exc
        if XLSX_ROWS.exceeded(num) or num <= last:
            raise XlsxError(f"行番号 {num} / row number {num}", XLSX_ROWS, f"row:{num}")
        last = num
        cells: dict[int, str] = {}
        col = 0
        for c in row.iter(f"{_MAIN}c"):
            ref = c.get("r")
            if ref:
                m = _REF.match(ref)
                if m is None:
                    raise XlsxError(
                        f"セル参照 {ref[:20]} が不正です / bad cell reference", where=f"row:{num}"
                    )
                col = _column(m.group(1))
            else:
                col += 1
            if XLSX_COLUMNS.exceeded(col):
                raise XlsxError(f"列 {col} / column {col}", XLSX_COLUMNS, f"row:{num}")
            value = _cell(c, strings, dates)
            if value != "":
                cells[col] = value
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]
        if cells:
            width = max(cells)
            yield num, [cells.get(i, "") for i in range(1, width + 1)]


def _cell(c: Any, strings: list[str], dates: set[int]) -> str:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in c.iter(f"{_MAIN}t") if t.getparent().tag != f"{_MAIN}rPh")
    v = c.find(f"{_MAIN}v")
    text = v.text if v is not None and v.text is not None else ""
    if kind == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError) as exc:
            raise XlsxError("共有文字列の番号が不正です / bad shared-string index") from exc
    if kind == "b":
        return "TRUE" if text == "1" else "FALSE"
    if kind in ("str", "e", "d"):
        return text
    style = int(c.get("s", "0") or 0)
    return _number(text, style in dates) if text else ""
