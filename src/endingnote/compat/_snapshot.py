"""Frozen snapshots of released versions (``standard/frozen/<version>.json``).

A released version must not change in a way documents notice. ``check-compat`` diffs each
released version's YAML against the snapshot taken when it was released: editorial edits
(errata in labels, definitions, examples) pass; anything normative fails. Freezing is an explicit,
reviewable act (``endingnote standard check-compat --freeze VERSION``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import orjson

from endingnote._atomic import write_bytes
from endingnote.errors import StandardError
from endingnote.standard import Category, CodeList, Field, Part, RecordType, Standard
from endingnote.standard._model import Code

SNAPSHOT_FORMAT = 1


def snapshot_path(root: Path, version: str) -> Path:
    return root / "frozen" / f"{version}.json"


def dump(std: Standard) -> bytes:
    data = {"snapshot_format": SNAPSHOT_FORMAT, "standard": dataclasses.asdict(std)}
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def _field(d: dict[str, Any]) -> Field:
    return Field(**{**d, "basis": tuple(d["basis"]), "aliases": tuple(d["aliases"])})


def load(data: bytes) -> Standard:
    try:
        raw = orjson.loads(data)
        if raw.get("snapshot_format") != SNAPSHOT_FORMAT:
            raise StandardError(f"unknown snapshot format {raw.get('snapshot_format')!r}")
        s = raw["standard"]
        return Standard(
            version=s["version"],
            status=s["status"],
            released=s["released"],
            title_ja=s["title_ja"],
            title_en=s["title_en"],
            namespace=s["namespace"],
            previous=s["previous"],
            categories=tuple(Category(**c) for c in s["categories"]),
            parts={
                k: Part(**{**p, "fields": tuple(_field(f) for f in p["fields"]), "basis": tuple(p["basis"])})
                for k, p in s["parts"].items()
            },
            codelists={
                k: CodeList(
                    **{**c, "codes": tuple(Code(**x) for x in c["codes"]), "basis": tuple(c["basis"])}
                )
                for k, c in s["codelists"].items()
            },
            records={
                k: RecordType(**{**r, "items": tuple(_field(f) for f in r["items"])})
                for k, r in s["records"].items()
            },
        )
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise StandardError(f"broken snapshot: {exc}") from exc


def read(root: Path, version: str) -> Standard | None:
    path = snapshot_path(root, version)
    if not path.is_file():
        return None
    return load(path.read_bytes())


def freeze(root: Path, std: Standard) -> Path:
    path = snapshot_path(root, std.version)
    write_bytes(path, dump(std))
    path.chmod(0o644)  # a committed file, readable like the YAML it freezes
    return path
