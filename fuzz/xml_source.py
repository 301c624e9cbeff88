"""Fuzz the converter's namespaced XML reader: persons or findings, never an exception."""

from __future__ import annotations

from _sources import run

if __name__ == "__main__":
    run("cloud_xml")
