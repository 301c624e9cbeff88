"""Load ``standard/<version>/`` (YAML written by editors) into a checked :class:`Standard`.

Every inconsistency is collected and reported together, with the file it is in, so an editor
fixes them in one pass: unknown types, tiers, categories, code lists or record types, duplicate
keys, missing labels, bad cardinalities.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from endingnote.errors import StandardError
from endingnote.standard._model import (
    CARDINALITIES,
    PRIMITIVES,
    STATUSES,
    TIERS,
    Category,
    Code,
    CodeList,
    Field,
    Part,
    RecordType,
    Standard,
)

_LABELS = ("label_ja", "label_en")
_FIELD_KEYS = {
    "key", "label_ja", "label_en", "definition_ja", "definition_en", "type", "cardinality",
    "codelist", "ref", "constraints", "example", "tier", "basis", "gif", "alpha_item", "status",
    "since", "deprecated_in", "replaced_by", "aliases",
}  # fmt: skip
_CONSTRAINTS = {"max_length", "min_length", "minimum", "maximum", "pattern", "max_items"}
_KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")


def _read_yaml(path: Path) -> Any:
    with path.open("rb") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loader


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _text(d: dict[str, Any], key: str, where: str, problems: _Problems, required: bool = True) -> str:
    value = d.get(key)
    if value is None or value == "":
        if required:
            problems.add(where, f"missing '{key}'")
        return ""
    if not isinstance(value, str):
        problems.add(where, f"'{key}' must be text")
        return str(value)
    return value


def _check_key(key: Any, where: str, problems: _Problems) -> str:
    if not isinstance(key, str) or not key or not set(key) <= _KEY_CHARS or not key[0].isalpha():
        problems.add(where, f"bad key {key!r}: use lower_snake_case")
        return str(key)
    return key


def _field(d: Any, where: str, problems: _Problems, catalogue: bool) -> Field | None:
    if not isinstance(d, dict):
        problems.add(where, "each field must be a mapping")
        return None
    key = _check_key(d.get("key"), where, problems)
    where = f"{where} {key}"
    unknown = set(d) - _FIELD_KEYS
    if unknown:
        problems.add(where, f"unknown attribute(s): {', '.join(sorted(unknown))}")
    cardinality = str(d.get("cardinality", "0..1"))
    if cardinality not in CARDINALITIES:
        problems.add(where, f"cardinality {cardinality!r} is not one of {CARDINALITIES}")
    constraints = d.get("constraints") or {}
    if not isinstance(constraints, dict) or set(constraints) - _CONSTRAINTS:
        problems.add(where, f"constraints may only use {sorted(_CONSTRAINTS)}")
        constraints = {}
    tier = d.get("tier")
    status = d.get("status", "normative")
    if catalogue:
        if tier not in TIERS:
            problems.add(where, f"tier {tier!r} is not one of {TIERS}")
        if status not in STATUSES:
            problems.add(where, f"status {status!r} is not one of {STATUSES}")
        if not d.get("basis"):
            problems.add(where, "missing 'basis' (provenance)")
        if "example" not in d:
            problems.add(where, "missing 'example'")
        if status == "deprecated" and not d.get("deprecated_in"):
            problems.add(where, "a deprecated item needs 'deprecated_in'")
    elif tier is not None:
        problems.add(where, "part fields have no tier")
    basis = d.get("basis") or ()
    if isinstance(basis, str):
        basis = (basis,)
    return Field(
        key=key,
        label_ja=_text(d, "label_ja", where, problems),
        label_en=_text(d, "label_en", where, problems),
        definition_ja=_text(d, "definition_ja", where, problems, required=catalogue),
        definition_en=_text(d, "definition_en", where, problems, required=catalogue),
        type=str(d.get("type", "")),
        cardinality=cardinality,
        codelist=d.get("codelist"),
        ref=d.get("ref"),
        constraints=dict(constraints),
        example=d.get("example"),
        tier=tier,
        basis=tuple(str(b) for b in basis),
        gif=d.get("gif"),
        alpha_item=d.get("alpha_item"),
        status=str(status),
        since=str(d.get("since", "1.0")),
        deprecated_in=None if d.get("deprecated_in") is None else str(d.get("deprecated_in")),
        replaced_by=d.get("replaced_by"),
        aliases=tuple(d.get("aliases") or ()),
    )


def _fields(raw: Any, where: str, problems: _Problems, catalogue: bool) -> tuple[Field, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add(where, "needs a non-empty list of fields")
        return ()
    out: list[Field] = []
    seen: set[str] = set()
    for i, d in enumerate(raw):
        f = _field(d, f"{where} field #{i + 1}", problems, catalogue)
        if f is None:
            continue
        if f.key in seen:
            problems.add(where, f"duplicate field key '{f.key}'")
        seen.add(f.key)
        out.append(f)
    return tuple(out)


def load_standard(directory: Path) -> Standard:
    """Load and check one version directory; raise :class:`StandardError` listing every problem."""
    problems = _Problems()
    head_path = directory / "standard.yaml"
    if not head_path.is_file():
        raise StandardError(f"{head_path}: missing")
    head = _read_yaml(head_path) or {}
    categories = tuple(
        Category(str(c["key"]), str(c["label_ja"]), str(c["label_en"]), str(c.get("origin", "project")))
        for c in head.get("categories", [])
    )
    category_keys = {c.key for c in categories}

    parts: dict[str, Part] = {}
    parts_path = directory / "parts.yaml"
    for d in (_read_yaml(parts_path) or {}).get("parts", []) if parts_path.is_file() else []:
        where = f"{parts_path.name} part {d.get('key')}"
        key = _check_key(d.get("key"), where, problems)
        if key in parts:
            problems.add(where, "duplicate part key")
        parts[key] = Part(
            key=key,
            label_ja=_text(d, "label_ja", where, problems),
            label_en=_text(d, "label_en", where, problems),
            definition_ja=_text(d, "definition_ja", where, problems),
            definition_en=_text(d, "definition_en", where, problems),
            fields=_fields(d.get("fields"), where, problems, catalogue=False),
            basis=tuple(d.get("basis") or ()),
        )

    codelists: dict[str, CodeList] = {}
    for path in sorted((directory / "codelists").glob("*.yaml")):
        d = _read_yaml(path) or {}
        where = f"codelists/{path.name}"
        key = _check_key(d.get("key"), where, problems)
        if key != path.stem:
            problems.add(where, f"key '{key}' must match the file name")
        raw_codes = d.get("codes") or []
        codes = []
        for c in raw_codes:
            if not isinstance(c, dict) or "code" not in c:
                problems.add(where, f"bad code entry {c!r}")
                continue
            codes.append(Code(str(c["code"]), str(c.get("label_ja", "")), str(c.get("label_en", ""))))
            if not c.get("label_ja") or not c.get("label_en"):
                problems.add(where, f"code {c['code']!r} needs label_ja and label_en")
        if len({c.code for c in codes}) != len(codes):
            problems.add(where, "duplicate code")
        if not codes:
            problems.add(where, "no codes")
        codelists[key] = CodeList(
            key=key,
            label_ja=_text(d, "label_ja", where, problems),
            label_en=_text(d, "label_en", where, problems),
            definition_ja=_text(d, "definition_ja", where, problems),
            definition_en=_text(d, "definition_en", where, problems),
            codes=tuple(codes),
            basis=tuple(d.get("basis") or ()),
            source=str(d.get("source", "")),
        )

    records: dict[str, RecordType] = {}
    for path in sorted((directory / "records").glob("*.yaml")):
        d = _read_yaml(path) or {}
        where = f"records/{path.name}"
        category = d.get("category")
        if category not in category_keys:
            problems.add(where, f"unknown category {category!r}")
        for r in d.get("records", []):
            rwhere = f"{where} record {r.get('key')}"
            key = _check_key(r.get("key"), rwhere, problems)
            if key in records or key in ("header", "extensions"):
                problems.add(rwhere, "duplicate or reserved record key")
            cardinality = str(r.get("cardinality", "0..1"))
            if cardinality not in CARDINALITIES:
                problems.add(rwhere, f"cardinality {cardinality!r} is not one of {CARDINALITIES}")
            records[key] = RecordType(
                key=key,
                category=str(category),
                label_ja=_text(r, "label_ja", rwhere, problems),
                label_en=_text(r, "label_en", rwhere, problems),
                definition_ja=_text(r, "definition_ja", rwhere, problems),
                definition_en=_text(r, "definition_en", rwhere, problems),
                cardinality=cardinality,
                items=_fields(r.get("items"), rwhere, problems, catalogue=True),
                since=str(r.get("since", "1.0")),
                status=str(r.get("status", "normative")),
            )

    _check_types(parts, codelists, records, problems)
    if problems.items:
        raise StandardError(
            f"standard {directory} has {len(problems.items)} problem(s):\n  " + "\n  ".join(problems.items)
        )
    return Standard(
        version=str(head.get("version")),
        status=str(head.get("status", "draft")),
        released=None if head.get("released") is None else str(head.get("released")),
        title_ja=str(head.get("title_ja", "")),
        title_en=str(head.get("title_en", "")),
        namespace=str(head.get("namespace", "")).rstrip("/"),
        categories=categories,
        parts=parts,
        codelists=codelists,
        records=records,
        previous=head.get("previous"),
    )


def _check_types(
    parts: dict[str, Part],
    codelists: dict[str, CodeList],
    records: dict[str, RecordType],
    problems: _Problems,
) -> None:
    owners: list[tuple[str, Field]] = [(f"part {p.key}", f) for p in parts.values() for f in p.fields]
    owners += [(f"record {r.key}", f) for r in records.values() for f in r.items]
    for where, f in owners:
        where = f"{where}.{f.key}"
        if f.type not in PRIMITIVES and f.type not in parts:
            problems.add(where, f"unknown type {f.type!r}")
        if f.type == "code" and f.codelist not in codelists:
            problems.add(where, f"unknown code list {f.codelist!r}")
        if f.type != "code" and f.codelist:
            problems.add(where, "only type 'code' takes a codelist")
        if f.type == "ref":
            target = records.get(f.ref or "")
            if target is None:
                problems.add(where, f"unknown record type {f.ref!r} for ref")
            elif not target.repeating:
                problems.add(where, f"ref target {f.ref!r} must be a repeating record type (with ids)")
        if f.replaced_by and f.replaced_by.partition(".")[0] not in records:
            problems.add(where, f"replaced_by {f.replaced_by!r} names an unknown record type")
