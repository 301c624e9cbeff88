"""Cells for spreadsheets, safe to open: the ONE neutralising function for CSV and the ONE for XLSX.

A value that a spreadsheet would run as a formula (:func:`endingnote._display.looks_like_formula`:
``= + - @``, a tab, a carriage return at the start) is neutralised in headers and cells alike:

- CSV (:func:`csv_cell`): a leading apostrophe, which Excel and LibreOffice show as text; a value that
  already starts with an apostrophe followed by such a character (or another apostrophe) gets one
  too, so :func:`csv_uncell` restores every value exactly;
- XLSX (:func:`xlsx_cell`): the value is kept exactly, as a text cell (never a formula) with the
  quote-prefix style, so editing it in Excel does not turn it into a formula either.

The importer's tables and the converters' vendor files write through these two functions.
"""

from __future__ import annotations

from typing import Any

from endingnote._display import FORMULA_CHARS, looks_like_formula

__all__ = ["csv_cell", "csv_uncell", "xlsx_cell", "xlsx_text", "xlsx_workbook"]


def csv_cell(value: Any) -> str:
    """The text to write in a CSV cell for ``value`` (``None`` → empty, booleans as true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if looks_like_formula(text) or (text[:1] == "'" and text[1:2] in (*FORMULA_CHARS, "'")):
        return "'" + text
    return text


def csv_uncell(text: str) -> str:
    """Undo :func:`csv_cell` (``'=1+1`` → ``=1+1``; ``''x`` → ``'x``; other text unchanged)."""
    if len(text) >= 2 and text[0] == "'" and (text[1] in FORMULA_CHARS or text[1] == "'"):
        return text[1:]
    return text


def xlsx_text(cell: Any, text: str) -> None:
    """Put ``text`` into an openpyxl cell (of any kind) as a text cell, never a formula;
    formula-looking text gets the quote-prefix style."""
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """An openpyxl write-only cell for ``value``: text is always a text cell (:func:`xlsx_text`)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, bool | int | float) or value is None:
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet)
    xlsx_text(cell, str(value))
    return cell


def xlsx_workbook(sheets: list[tuple[str, list[list[Any]]]]) -> bytes:
    """An XLSX file of ``(sheet name, rows)``; the first row of each sheet is its header."""
    import io

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name, rows in sheets:
        ws = wb.create_sheet(title=name[:31] or "Sheet1")
        for row in rows:
            ws.append([xlsx_cell(ws, v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
