"""The structure layer: the generated JSON Schema, run by jsonschema-rs, with its errors turned
into issues that name the catalogue item and use the value type's own code and message."""

from __future__ import annotations

import re
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._show import show
from endingnote.standard import Standard
from endingnote.standard._schema import PAST_DATE_ITEMS, REFORM_YEAR
from endingnote.standard._types import PRIMITIVE_SCHEMAS
from endingnote.validation._bound import bound_today, validator
from endingnote.validation._limits import FINDINGS, JSON_DEPTH
from endingnote.validation._paths import pointer, resolve
from endingnote.validation._schema_walk import structure_errors

_TYPE_WORDS = {
    "string": "文字列",
    "integer": "整数",
    "number": "数値",
    "boolean": "真偽値",
    "object": "オブジェクト",
    "array": "配列",
    "null": "null",
}
_VALUE_CODES = {
    "kana": "value.kana",
    "latin": "value.latin",
    "date": "value.date",
    "datetime": "value.datetime",
    "year_month": "value.year_month",
    "phone": "value.phone",
    "postal_code": "value.postal_code",
    "email": "value.email",
    "url": "value.url",
    "corporate_number": "value.corporate_number",
    "bank_code": "value.bank_code",
    "branch_code": "value.branch_code",
    "account_number": "value.account_number",
    "last4": "value.last4",
    "local_government_code": "value.local_government_code",
    "country": "value.country",
    "string": "value.control_character",
}


_ISO_DATE = re.compile(PRIMITIVE_SCHEMAS["date"]["pattern"])  # the published shape of a date


def _implausible_date(f: Any, value: Any) -> str | None:
    """The warning for a well-formed date the internal date pattern refused, if that is why."""
    if f is None or f.type != "date" or not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    if value[:4] < REFORM_YEAR:
        return "semantic.pre_meiji6_date"
    if f.key in PAST_DATE_ITEMS and value > bound_today():
        return "semantic.future_date"
    return None


def labels(std: Standard, parts: list[str | int]) -> tuple[str | None, str, str, Any]:
    where = resolve(std, parts)
    if where.field is not None:
        return where.item, where.field.label_ja, where.field.label_en, where.field
    if parts and isinstance(parts[0], str) and parts[0] in std.records:
        rt = std.records[parts[0]]
        return None, rt.label_ja, rt.label_en, None
    name = str(parts[-1]) if parts else "document"
    return None, name, name, None


def translate_all(std: Standard, err: Any) -> list[Issue]:
    """The findings of one schema error: one per unexpected member, else one."""
    if type(err.kind).__name__ == "AdditionalProperties" and len(err.kind.unexpected) > 1:
        parts: list[str | int] = list(err.instance_path)
        item = labels(std, parts)[0]
        return [
            issue("structure.unknown_property", pointer([*parts, name]), item=item, name=show(name))
            for name in err.kind.unexpected
        ]
    return [translate(std, err)]


def translate(std: Standard, err: Any) -> Issue:
    parts: list[str | int] = list(err.instance_path)
    kind = err.kind
    kind_name = type(kind).__name__
    path = pointer(parts)
    if kind_name == "Required":
        parts = [*parts, kind.property]
        item, ja, en, _ = labels(std, parts)
        return issue("structure.required", pointer(parts), item=item, label_ja=ja, label_en=en)
    if kind_name == "AdditionalProperties":
        name = kind.unexpected[0] if kind.unexpected else "?"
        parts = [*parts, name]
        item, _, _, _ = labels(std, parts[:-1])
        return issue("structure.unknown_property", pointer(parts), item=item, name=show(name))
    item, ja, en, f = labels(std, parts)
    value = err.instance
    if parts and parts[0] == "header" and kind_name == "Constant":
        return issue("structure.version_mismatch", path)
    if kind_name == "Type":
        expected = kind.types if hasattr(kind, "types") else []
        words = "/".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected) or str(expected)
        return issue("structure.type", path, item=item, label_ja=ja, label_en=en, expected=words)
    if kind_name == "Enum":
        codelist = f.codelist if f is not None and f.codelist else "?"
        return issue(
            "value.code", path, item=item, label_ja=ja, label_en=en, value=show(value), codelist=codelist
        )
    if kind_name == "Pattern" and (code := _implausible_date(f, value)) is not None:
        return issue(code, path, item=item, label_ja=ja, label_en=en, value=show(value))
    if kind_name in ("Pattern", "Format"):
        if len(parts) >= 2 and parts[-2] == "extensions":
            return issue("value.alias", path, value=show(parts[-1]))
        if parts and parts[-1] == "id" and f is None:
            return issue("value.id", path, value=show(value))
        if f is not None and f.type == "ref":
            return issue("value.id", path, item=item, value=show(value))
        code = "value.pattern"
        if f is not None and "pattern" not in f.constraints:
            code = _VALUE_CODES.get(f.type, "value.pattern")
        return issue(code, path, item=item, label_ja=ja, label_en=en, value=show(value))
    if kind_name == "PropertyNames":
        return issue("value.alias", path, value=show(value))
    if kind_name == "MaxLength":
        return issue("structure.too_long", path, item=item, label_ja=ja, label_en=en, limit=kind.limit)
    if kind_name == "MinLength":
        return issue("structure.too_short", path, item=item, label_ja=ja, label_en=en)
    if kind_name == "MinItems":
        return issue("structure.too_few", path, item=item, label_ja=ja, label_en=en)
    if kind_name == "MaxItems":
        return issue("structure.too_many", path, item=item, label_ja=ja, label_en=en)
    if kind_name in ("Minimum", "Maximum", "ExclusiveMinimum", "ExclusiveMaximum"):
        return issue("structure.out_of_range", path, item=item, label_ja=ja, label_en=en, value=show(value))
    return issue("structure.invalid", path, item=item, label_ja=ja, label_en=en, detail=err.message)


def check_structure(std: Standard, doc: Any, budget: int | None = None) -> list[Issue]:
    """The schema's findings, at most ``budget`` of them (then a ``input.too_many_findings``).

    :func:`validate_document` measures the depth first; a caller's document that was not measured
    and is deeper than jsonschema-rs reads (it raises ``ValueError("Recursion limit reached")``
    when it converts the value, about 255 levels, or a cycle) is the same ``input.too_deep``."""
    try:
        return _structure_findings(std, doc, budget)
    except ValueError as exc:
        if "Recursion limit" not in str(exc):
            raise
        return [issue("input.too_deep", "", **JSON_DEPTH.params())]


def _structure_findings(std: Standard, doc: Any, budget: int | None) -> list[Issue]:
    checker = validator(std)
    if checker.is_valid(doc):
        return []
    limit = FINDINGS.value if budget is None else budget
    out: dict[tuple[str, str], Issue] = {}
    for err in structure_errors(std, doc):
        for found in translate_all(std, err):
            # pattern and format can both fail on one value: one finding per code and place
            out.setdefault((found.code, found.path), found)
        if len(out) >= limit:
            return [*list(out.values())[:limit], issue("input.too_many_findings", "", **FINDINGS.params())]
    return list(out.values())
