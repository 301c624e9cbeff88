"""The structure of an XML or JSON sample for ``mapping init``: the person element (the first
element path that repeats) or array, its fields, its repeating groups, and sample values of each."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def _norm(text: str) -> str:
    from endingnote.convert._draft import _norm as norm

    return norm(text)


def _xml_fields(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    from endingnote.convert._xmlsafe import parse_xml

    tree, _ = parse_xml(path.read_bytes())
    if tree is None:
        return "xml", [], {}
    root = tree.getroot()
    ns = {(k or "ns"): v for k, v in (root.nsmap or {}).items()}
    prefixes = {v: k for k, v in ns.items()}

    def name(tag: str) -> str:
        if tag.startswith("{"):
            uri, local = tag[1:].split("}", 1)
            return f"{prefixes.get(uri, 'ns')}:{local}"
        return tag

    # the person element: the first element path that repeats
    person_path: list[str] = [name(root.tag)]
    person = root
    for el in root.iter():
        parent = el.getparent()
        if parent is not None and sum(1 for s in parent if s.tag == el.tag) > 1:
            person = el
            chain = []
            cur: Any = el
            while cur is not None:
                chain.append(name(cur.tag))
                cur = cur.getparent()
            person_path = list(reversed(chain))
            break
    fields: list[str] = []
    repeating: set[str] = set()

    def walk(el: Any, rel: str) -> None:
        for attr in el.attrib:
            fields.append(f"{rel}/@{name(attr)}" if rel else f"@{name(attr)}")
        counts: dict[str, int] = {}
        for child in el:
            if isinstance(child.tag, str):
                counts[child.tag] = counts.get(child.tag, 0) + 1
        for child in el:
            if not isinstance(child.tag, str):
                continue
            sub = f"{rel}/{name(child.tag)}" if rel else name(child.tag)
            if counts[child.tag] > 1 and len(child):
                repeating.add(sub)
            if len(child) == 0 and (child.text or "").strip() and sub not in fields:
                fields.append(sub)
            walk(child, sub)

    parent = person.getparent()
    for sibling in (list(parent) if parent is not None else [person])[:500]:
        if sibling.tag == person.tag:
            walk(sibling, "")
    seen: set[str] = set()
    unique = [f for f in fields if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    groups: dict[str, list[str]] = {}
    plain = []
    for f in unique:
        each = next(
            (r for r in sorted(repeating, key=len, reverse=True) if f.startswith(r + "/") or f == r), None
        )
        if each is None:
            plain.append(f)
        else:
            groups.setdefault(each, []).append(f[len(each) + 1 :] or ".")
    extra = {"persons": "/" + "/".join(person_path), "namespaces": ns, "groups": groups}
    return "xml", plain, extra


def _json_fields(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    import orjson

    from endingnote.convert._read import iter_leaves

    doc = orjson.loads(path.read_bytes())
    persons = ""
    samples = [doc]
    if isinstance(doc, dict):
        for k, v in doc.items():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                persons, samples = f"/{k}", v[:500]
                break
    fields: list[str] = []
    groups: dict[str, list[str]] = {}
    for pointer, _ in (leaf for sample in samples for leaf in iter_leaves(sample)):
        m = re.match(r"^(/[^/]+(?:/[^/0-9][^/]*)*)/[0-9]+(/.*)$", pointer)
        if m:  # inside an array of objects: a repeating group
            rel = re.sub(r"/[0-9]+(?=/|$)", "/0", m.group(2))
            if rel not in groups.setdefault(m.group(1), []):
                groups[m.group(1)].append(rel)
        elif pointer not in fields and not any(pointer == g for g in groups):
            fields.append(pointer)
    fields = [f for f in fields if f not in groups]
    return "json", fields, {"persons": persons, "groups": groups}


def inspect_tree(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    """(format, person-level fields, extra: persons, namespaces, groups, values, person_key)."""
    fmt, fields, extra = _xml_fields(path) if path.suffix.lower() == ".xml" else _json_fields(path)
    extra["values"] = _values(path, fmt, fields, extra)
    key = next((f for f in fields if _norm(f) in ("id", "uid", "memberid", "userid")), None)
    if key is not None:
        extra["person_key"] = key
    return fmt, fields, extra


def _values(path: Path, fmt: str, fields: list[str], extra: dict[str, Any]) -> dict[str, list[str]]:
    """Sample values of every field (``field`` or ``each|member`` for group members)."""
    out: dict[str, list[str]] = {}
    if fmt == "json":
        import orjson

        from endingnote.convert._read import resolve_pointer

        doc = orjson.loads(path.read_bytes())
        ok, persons = resolve_pointer(doc, extra.get("persons", ""))
        persons = persons if ok and isinstance(persons, list) else [doc]
        for p in persons[:500]:
            for f in fields:
                found, v = resolve_pointer(p, f)
                if found and isinstance(v, str | int) and not isinstance(v, bool):
                    out.setdefault(f, []).append(str(v))
            for each, members in extra.get("groups", {}).items():
                found, arr = resolve_pointer(p, each)
                for item in arr if found and isinstance(arr, list) else []:
                    for m in members:
                        ok2, v = resolve_pointer(item, m.replace("/0/", "/"))
                        if ok2 and isinstance(v, str | int) and not isinstance(v, bool):
                            out.setdefault(f"{each}|{m}", []).append(str(v))
        return out
    from lxml import etree

    from endingnote.convert._xmlsafe import parse_xml

    tree, _ = parse_xml(path.read_bytes())
    if tree is None:
        return out
    ns = extra.get("namespaces", {})

    def find(expr: str, node: Any) -> list[Any]:
        got: Any = etree.XPath(expr, namespaces=ns, regexp=False)(node)
        return got if isinstance(got, list) else []

    def text(v: Any) -> str:
        return str(v if isinstance(v, str) else (getattr(v, "text", None) or "")).strip()

    for p in find(extra["persons"], tree)[:500]:
        for f in fields:
            for v in find(f, p):
                if text(v):
                    out.setdefault(f, []).append(text(v))
        for each, members in extra.get("groups", {}).items():
            for item in find(each, p):
                for m in members:
                    for v in find(m, item):
                        if text(v):
                            out.setdefault(f"{each}|{m}", []).append(text(v))
    return out
