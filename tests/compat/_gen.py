"""Hypothesis strategies that generate documents from a catalogue (any version, any standard)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from endingnote.standard import Field, Standard

_KANJI = "山田太郎花子東京都千代田区霞が関銀行口座遺言書"
_KANA = "アイウエオカキクケコサシスセソタチツテトヤマダロウー"
_FIXED = {
    "email": st.sampled_from(["taro@example.jp", "hanako.yamada@example.co.jp"]),
    "phone": st.sampled_from(["03-1234-5678", "090-1234-5678"]),
    "postal_code": st.from_regex(r"\A[0-9]{7}\Z"),
    "url": st.sampled_from(["https://example.jp/", "https://example.com/a?b=c"]),
    "corporate_number": st.from_regex(r"\A[1-9][0-9]{11}\Z").map(lambda b: _corporate_check(b) + b),
    "bank_code": st.from_regex(r"\A[0-9]{4}\Z"),
    "branch_code": st.from_regex(r"\A[0-9]{3}\Z"),
    "account_number": st.sampled_from(["1234567", "***4567"]),
    "last4": st.from_regex(r"\A[0-9]{4}\Z"),
    "local_government_code": st.sampled_from(["131016", "011002"]),
    "country": st.sampled_from(["JPN", "USA"]),
    "boolean": st.booleans(),
    # one date per document keeps start <= end pairs in order; dates do not matter to migrations
    "date": st.just("2020-02-29"),
    "year_month": st.dates().map(lambda d: d.isoformat()[:7]),
    "datetime": st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat() + "+09:00"),
    "latin": st.text("ABCDEFGHIJKLMNOPRSTUWYZ", min_size=1, max_size=12),
}


def _corporate_check(base: str) -> str:
    """法人番号 check digit: 9 - (sum of digits weighted 1,2,1,2… from the right, mod 9)."""
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base)))
    return str(9 - total % 9)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


def _primitive(std: Standard, f: Field) -> st.SearchStrategy[Any]:
    c = f.constraints
    if f.type == "code":
        return st.sampled_from(std.codelists[str(f.codelist)].values)
    if "pattern" in c:
        return st.from_regex(c["pattern"], fullmatch=True)
    if f.type == "integer":
        return st.integers(c.get("minimum", -(10**6)), c.get("maximum", 10**9))
    if f.type in _FIXED:
        return _FIXED[f.type]
    if f.type == "ref":
        return st.just(f"{f.ref}-1")
    size = min(int(c.get("max_length", 20)), 20)
    low = int(c.get("min_length", 1))
    if f.type == "kana":
        return st.text(_KANA, min_size=low, max_size=size)
    if f.type == "text":
        return st.text(_KANJI + "\n", min_size=low, max_size=size)
    return st.text(_KANJI + "ABC123", min_size=low, max_size=size)


def _value(std: Standard, f: Field, depth: int) -> st.SearchStrategy[Any]:
    part = std.parts.get(f.type)
    one = _object(std, part.fields, depth + 1) if part is not None else _primitive(std, f)
    if f.repeating:
        many: st.SearchStrategy[Any] = st.lists(one, min_size=1 if f.required else 0, max_size=2)
        if isinstance(f.example, list) and part is None and f.type not in ("date", "ref", "corporate_number"):
            many = st.one_of(st.just(f.example), many)
        return many
    if f.example is not None and part is None and f.type not in ("date", "ref", "corporate_number"):
        return st.one_of(st.just(f.example), one)
    return one


def _object(std: Standard, fields: tuple[Field, ...], depth: int) -> st.SearchStrategy[dict[str, Any]]:
    if depth > 4:  # parts do not nest deeper in practice; keep recursion bounded anyway
        return st.just({})
    required = {f.key: _value(std, f, depth) for f in fields if f.required}
    optional = {f.key: _value(std, f, depth) for f in fields if not f.required}
    return st.fixed_dictionaries(required, optional=optional)


def _vendor_slot() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "extensions": st.fixed_dictionaries(
                {"zz": st.dictionaries(st.text(max_size=4), _JSON, max_size=2)}
            )
        },
    )


@st.composite
def documents(draw: st.DrawFn, std: Standard, vendor: bool = True) -> dict[str, Any]:
    """One document of ``std``: required records and items always, optional ones sometimes,
    repeating records with ids, and (with ``vendor``) unregistered vendor extension data anywhere."""
    doc: dict[str, Any] = {"header": {"standard": std.version}}
    # every ref points at "<record>-1": make sure each ref target has that record
    targets = {f.ref for p in std.parts.values() for f in p.fields if f.type == "ref"}
    targets |= {f.ref for rt in std.records.values() for f in rt.items if f.type == "ref"}
    use_vendor = vendor and draw(st.booleans())
    if use_vendor:
        doc["header"]["extensions"] = {"zz": "https://unknown-vendor.example/ns"}
    for rt in std.records.values():
        if not rt.cardinality.startswith("1") and rt.key not in targets and not draw(st.booleans()):
            continue
        obj = _object(std, rt.items, 0)
        if use_vendor:
            obj = st.tuples(obj, _vendor_slot()).map(lambda p: {**p[0], **p[1]})
        if rt.repeating:
            low = 1 if rt.cardinality == "1..*" or rt.key in targets else 0
            values = draw(st.lists(obj, min_size=low, max_size=2))
            for i, v in enumerate(values):
                if i == 0 or draw(st.booleans()):
                    v["id"] = f"{rt.key}-{i + 1}"
            doc[rt.key] = values
        else:
            doc[rt.key] = draw(obj)
    if use_vendor and draw(st.booleans()):
        doc["extensions"] = {"zz": draw(st.dictionaries(st.text(max_size=4), _JSON, max_size=2))}
    return doc
