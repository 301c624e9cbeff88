"""Fuzz the converter's CSV reader (UTF-8 or cp932, as Excel writes it): persons or findings."""

from __future__ import annotations

from _sources import run

if __name__ == "__main__":
    run("desktop_csv")
