"""The converter-reader harnesses: the bundled vendor mappings read each input (persons or findings,
never an exception)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

CONVERTERS = Path(__file__).resolve().parents[1] / "converters"


def mapping(vendor: str, fmt: str | None = None) -> Any:
    """``converters/<vendor>/mapping.yaml``, its source format replaced by ``fmt`` if given (the
    CSV vendor's rows read from a workbook, for XLSX). Input size bound lowered to 1 MB: the
    harness explores shapes, not sizes."""
    from endingnote.convert._mapping import load_mapping

    loaded = load_mapping(CONVERTERS / vendor / "mapping.yaml")
    source = dataclasses.replace(loaded.source, max_bytes=1_000_000, **({"format": fmt} if fmt else {}))
    return dataclasses.replace(loaded, source=source)


def run(vendor: str, fmt: str | None = None) -> None:
    """Fuzz ``read_persons`` with ``vendor``'s mapping (its format replaced by ``fmt``)."""
    from _common import instrumented, main

    with instrumented():
        from endingnote.convert._read import read_persons

    loaded = mapping(vendor, fmt)

    def one_input(data: bytes) -> None:
        read_persons(loaded, data)

    main(one_input)
