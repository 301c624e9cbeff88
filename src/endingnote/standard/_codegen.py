"""Generate typed pydantic v2 models for a standard version (``endingnote/standard/models/vX_Y.py``).

The JSON Schema and these models are both generated from the catalogue, never one from the other,
and a test checks that they accept and reject the same documents.
"""

from __future__ import annotations

import keyword

from endingnote.standard._model import Field, Standard
from endingnote.standard._types import (
    ALIAS_PATTERN,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    NAMESPACE_PATTERN,
    PRIMITIVE_SCHEMAS,
)

_RESERVED = {"model_config", "model_fields", "copy", "dict", "json", "schema", "validate", "construct"}


def module_name(version: str) -> str:
    return "v" + version.replace(".", "_")


def _class_name(key: str) -> str:
    return "".join(p.capitalize() for p in key.split("_"))


def _py_name(key: str) -> str:
    return f"{key}_" if keyword.iskeyword(key) or key in _RESERVED or key.startswith("model_") else key


def _scalar(std: Standard, f: Field) -> tuple[str, list[str]]:
    """(python type, Field(...) constraint arguments) of one value."""
    args: list[str] = []
    if f.type == "code":
        codes = ", ".join(repr(c) for c in std.codelists[f.codelist or ""].values)
        return f"Literal[{codes}]", args
    if f.type in std.parts:
        return _class_name(f.type), args
    if f.type == "boolean":
        return "bool", args
    if f.type == "integer":
        if "minimum" in f.constraints:
            args.append(f"ge={f.constraints['minimum']!r}")
        if "maximum" in f.constraints:
            args.append(f"le={f.constraints['maximum']!r}")
        return "int", args
    if f.type == "date":
        return "datetime.date", args
    if f.type == "datetime":
        return "AwareDatetime", args
    schema = PRIMITIVE_SCHEMAS[f.type]
    pattern = f.constraints.get("pattern", schema.get("pattern"))
    if pattern:
        args.append(f"pattern={pattern!r}")
    max_length = f.constraints.get("max_length", schema.get("maxLength"))
    if max_length:
        args.append(f"max_length={max_length!r}")
    min_length = f.constraints.get("min_length", schema.get("minLength"))
    if min_length:
        args.append(f"min_length={min_length!r}")
    return "str", args


def _field_line(std: Standard, f: Field) -> str:
    py_type, constraints = _scalar(std, f)
    meta: list[str] = []
    name = _py_name(f.key)
    if name != f.key:
        meta.append(f"alias={f.key!r}")
    meta.append(f"description={f.label_en!r}")
    if f.repeating:
        element = f"Annotated[{py_type}, PydField({', '.join(constraints)})]" if constraints else py_type
        py_type, constraints = f"list[{element}]", ["min_length=1"] if f.cardinality == "1..*" else []
    args = ", ".join(constraints + meta)
    if f.required:
        return f"    {name}: {py_type} = PydField({args})"
    return f"    {name}: {py_type} | None = PydField(None, {args})"


def _class(std: Standard, name: str, doc: str, fields: tuple[Field, ...], extra: list[str]) -> list[str]:
    lines = [f"class {name}(_Model):", f'    """{doc}"""', ""]
    lines += extra
    lines += [_field_line(std, f) for f in fields]
    return [*lines, "", ""]


def generate_models(std: Standard) -> str:
    header = [
        f"# Generated from standard/{std.version}/ by `endingnote standard build`. Do not edit.",
        f'"""Typed models of the ending-note standard {std.version}: {std.title_en}."""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime",
        "from typing import Annotated, Any, Literal",
        "",
        "from pydantic import AwareDatetime, BaseModel, ConfigDict, model_validator",
        "from pydantic import Field as PydField",
        "",
        f"STANDARD_VERSION = {std.version!r}",
        "",
        "",
        "class _Model(BaseModel):",
        '    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)',
        "",
        '    @model_validator(mode="after")',
        "    def _no_nulls(self) -> _Model:",
        '        """The schema has no nulls: an absent item is omitted, never written as null."""',
        "        for key in self.model_fields_set:",
        "            if getattr(self, key) is None:",
        '                raise ValueError(f"{key}: null is not allowed; omit the item")',
        "        return self",
        "",
        "",
    ]
    body: list[str] = []
    alias_key = f"Annotated[str, PydField(pattern={ALIAS_PATTERN!r})]"
    ext = f"    extensions: dict[{alias_key}, dict[str, Any]] | None = None"
    for part in std.parts.values():
        body += _class(std, _class_name(part.key), f"{part.label_ja} / {part.label_en}", part.fields, [])
    for rt in std.records.values():
        extra = [f"    id: str | None = PydField(None, pattern={ID_PATTERN!r})"] if rt.repeating else []
        extra.append(ext)
        body += _class(std, _class_name(rt.key) + "Record", f"{rt.label_ja} / {rt.label_en}", rt.items, extra)
    body += [
        "class Generator(_Model):",
        "    name: str = PydField(min_length=1, max_length=100)",
        "    version: str | None = PydField(None, max_length=50)",
        "",
        "",
        "class Header(_Model):",
        f"    standard: Literal[{std.version!r}]",
        f"    extensions: dict[Annotated[str, PydField(pattern={ALIAS_PATTERN!r})], "
        f"Annotated[str, PydField(pattern={NAMESPACE_PATTERN!r})]] | None = None",
        "    created_at: AwareDatetime | None = None",
        "    generator: Generator | None = None",
        f"    language: str | None = PydField(None, pattern={LANGUAGE_PATTERN!r})",
        "",
        "",
        "class Note(_Model):",
        f'    """An ending note conforming to standard {std.version}."""',
        "",
        "    header: Header",
    ]
    for rt in std.records.values():
        cls = _class_name(rt.key) + "Record"
        name = _py_name(rt.key)
        alias = f", alias={rt.key!r}" if name != rt.key else ""
        if rt.repeating:
            min_len = ", min_length=1" if rt.cardinality == "1..*" else ""
            if rt.cardinality == "1..*":
                body.append(f"    {name}: list[{cls}] = PydField({min_len.lstrip(', ')}{alias})")
            else:
                body.append(f"    {name}: list[{cls}] | None = PydField(None{alias})")
        elif rt.cardinality == "1":
            body.append(f"    {name}: {cls}" + (f" = PydField({alias.lstrip(', ')})" if alias else ""))
        else:
            body.append(f"    {name}: {cls} | None = PydField(None{alias})")
    body.append(ext)
    return "\n".join(header + body) + "\n"
