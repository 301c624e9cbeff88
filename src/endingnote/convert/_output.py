"""Writing conversion results (atomically, after everything was parsed) and reading standard
documents back for the standard → vendor direction."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from endingnote._atomic import atomic_writer, write_bytes
from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.convert._engine import Conversion
from endingnote.convert._run import MANIFEST, file_name
from endingnote.errors import InputError

MAX_DOC_BYTES = 64 * 1024 * 1024


def write_documents(conversion: Conversion, out: str | os.PathLike[str]) -> list[Path]:
    """NDJSON when ``out`` ends with ``.ndjson``; otherwise one ``<key>.json`` per person in a folder."""
    target = Path(out)
    if target.suffix == ".ndjson":
        with atomic_writer(target) as fh:
            for p in conversion.persons:
                fh.write(p.document_json + b"\n")
        return [target]
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: exists and is not a folder / フォルダではありません")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for p in conversion.persons:
        path = target / file_name(p.key)
        write_bytes(path, orjson.dumps(orjson.loads(p.document_json), option=orjson.OPT_INDENT_2) + b"\n")
        written.append(path)
    return written


def write_report(report: dict[str, Any], out: str | os.PathLike[str]) -> None:
    write_bytes(out, orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n")


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_DOC_BYTES * 16:
            raise InputError(f"{path}: too large / 大きすぎます")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file / ファイルがありません") from exc


def read_standard_docs(path: str | os.PathLike[str]) -> tuple[list[tuple[str, dict[str, Any]]], list[Issue]]:
    """Standard documents from a ``.json`` file, a ``.ndjson`` stream or a folder of ``.json`` files."""
    p = Path(path)
    docs: list[tuple[str, dict[str, Any]]] = []
    issues: list[Issue] = []

    def take(key: str, raw: bytes, where: str) -> None:
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            issues.append(issue("convert.input.json", where, reason=str(exc)[:200]))
            return
        if not isinstance(doc, dict) or not isinstance(doc.get("header"), dict):
            issues.append(issue("convert.input.not_standard", where, reason="no header object"))
            return
        docs.append((key, doc))

    if p.is_dir():
        for f in sorted(x for x in p.glob("*.json") if x.name != MANIFEST and not x.name.startswith(".")):
            take(f.stem, _read(f), f.name)
    elif p.suffix == ".ndjson":
        for n, line in enumerate(_read(p).splitlines(), start=1):
            if line.strip():
                take(f"person-{n}", line, f"line:{n}")
    else:
        take(p.stem, _read(p), p.name)
    return docs, issues
