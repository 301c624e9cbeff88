"""Fuzz the converter's XLSX reader (the CSV vendor's rows in a workbook): persons or findings."""

from __future__ import annotations

from _sources import run

if __name__ == "__main__":
    run("desktop_csv", "xlsx")
