"""Serialising vendor persons back into the vendor's file format (bytes; the caller writes atomically).

CSV and XLSX output neutralises spreadsheet formula injection in headers and cells alike, through
the library's one pair of functions (:mod:`endingnote._spreadsheet`): in CSV a leading apostrophe,
which the reader removes again; in XLSX a text cell with the quote-prefix style, value unchanged.
"""

from __future__ import annotations

import io
import re
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._spreadsheet import csv_cell, xlsx_workbook
from endingnote.convert._inverse import VendorPerson
from endingnote.convert._mapping import Mapping


def escape_formula(value: str) -> str:
    """A CSV cell that cannot run as a formula (see :func:`endingnote._spreadsheet.csv_cell`)."""
    return csv_cell(value)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def tabular_rows(persons: list[VendorPerson], mapping: Mapping) -> tuple[list[str], list[dict[str, str]]]:
    columns: list[str] = []

    def add(name: str) -> None:
        if name not in seen:
            seen.add(name)
            columns.append(name)

    seen: set[str] = set()
    if mapping.source.person_key:
        add(mapping.source.person_key)
    for name in _declared_order(mapping.person):
        add(name)
    for g in mapping.groups:
        if g.where is not None:
            for column in g.where.assignments():
                add(column)
        if g.id_source:
            add(g.id_source)
        for name in _declared_order(g.scope):
            add(name)
    rows: list[dict[str, str]] = []
    for p in persons:
        base = {k: _cell(v) for k, v in p.values.items()}
        emitted = False
        for gi in range(len(mapping.groups)):
            for item in p.items.get(gi, []):
                rows.append({**base, **{k: _cell(v) for k, v in item.items()}})
                emitted = True
        for extra in p.rows:
            rows.append({**base, **{k: _cell(v) for k, v in extra.items()}})
            emitted = True
        if not emitted:
            rows.append(base)
    for row in rows:
        for name in row:
            add(name)
    return columns, rows


def _declared_order(scope: Any) -> list[str]:
    return (
        [f.source for f in scope.fields if not f.is_const]
        + [e.source for e in scope.extensions]
        + list(scope.ignore)
        + list(scope.secrets)
    )


def write_tabular(persons: list[VendorPerson], mapping: Mapping, fmt: str) -> tuple[bytes, list[Issue]]:
    import csv

    columns, rows = tabular_rows(persons, mapping)
    table = [columns, *([row.get(c, "") for c in columns] for row in rows)]
    if fmt == "xlsx":
        return xlsx_workbook([(mapping.source.sheet or "Sheet1", table)]), []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for line in table:
        writer.writerow([csv_cell(v) for v in line])
    text = buf.getvalue()
    encoding = "utf-8" if mapping.source.encoding in ("utf-8", "auto") else "cp932"
    try:
        return text.encode(encoding), []
    except UnicodeEncodeError:
        # replace only the characters the encoding lacks, and say which
        bad = sorted({c for c in text if not _encodable(c, encoding)})
        finding = issue("convert.output.unencodable", "", encoding=encoding, chars="".join(bad)[:50])
        return text.encode(encoding, errors="replace"), [finding]


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


# --- XML -----------------------------------------------------------------------------------------

_STEP = re.compile(
    r"^(?:(\{[^}]*\})?([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*))(?:\[(\d+)\]|\[@([\w:.-]+)='([^']*)'\])?$"
)


def _split_path(path: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    cur = ""
    for ch in path:
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        if ch == "/" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p for p in parts if p not in ("", ".")]


def _qname(prefixed: str, ns: dict[str, str]) -> str | None:
    if prefixed.startswith("{"):
        return prefixed
    if ":" in prefixed:
        prefix, local = prefixed.split(":", 1)
        uri = ns.get(prefix)
        return f"{{{uri}}}{local}" if uri else None
    return prefixed


def xml_set(el: Any, path: str, value: str, ns: dict[str, str], *, new_last: bool = False) -> Any:
    """Set ``value`` at a simple relative XPath under ``el``, creating elements. Returns the element
    written, or None when the path is not simple enough to write."""
    from lxml import etree

    steps = _split_path(path)
    cur = el
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if step == "text()" and last:
            cur.text = value
            return cur
        if step.startswith("@") and last:
            name = _qname(step[1:], ns)
            if name is None:
                return None
            cur.set(name, value)
            return cur
        m = _STEP.match(step)
        if not m:
            return None
        name = _qname((m.group(1) or "") + (m.group(2) or "") + m.group(3), ns)
        if name is None:
            return None
        position = int(m.group(4)) if m.group(4) else 1
        attr = (m.group(5), m.group(6)) if m.group(5) else None
        attr_name = _qname(attr[0], ns) if attr else None
        candidates = [c for c in cur if c.tag == name and (attr is None or c.get(attr_name) == attr[1])]
        if last and new_last:
            child = etree.SubElement(cur, name)
        else:
            while len(candidates) < position:
                candidates.append(etree.SubElement(cur, name))
            child = candidates[position - 1]
        if attr is not None and attr_name is not None:
            child.set(attr_name, attr[1])
        cur = child
    if value != "" or not new_last:
        cur.text = value
    return cur


def write_xml(persons: list[VendorPerson], mapping: Mapping) -> tuple[bytes, list[Issue]]:
    from lxml import etree

    ns = mapping.source.namespaces
    steps = _split_path(mapping.source.persons)
    root_name = _qname(re.sub(r"\[.*\]$", "", steps[0]), ns)
    if root_name is None:
        return b"", [issue("convert.mapping.schema", "/source/persons", message="unknown namespace prefix")]
    root = etree.Element(root_name, nsmap={k: v for k, v in ns.items()})
    container_path = "/".join(steps[1:-1])
    person_step = steps[-1]
    issues: list[Issue] = []
    for source, value in (persons[0].file_fields if persons else {}).items():
        xml_set(root, source, _cell(value), ns)
    for p in persons:
        parent = xml_set(root, container_path, "", ns) if container_path else root
        el = xml_set(parent, person_step, "", ns, new_last=True)
        for source, value in p.values.items():
            if xml_set(el, source, _cell(value), ns) is None:
                issues.append(issue("convert.target.cannot_hold", source, file=p.key, pointer=source))
        for gi, g in enumerate(mapping.groups):
            for item in p.items.get(gi, []):
                item_el = xml_set(el, g.each or "", "", ns, new_last=True)
                for source, value in item.items():
                    if xml_set(item_el, source, _cell(value), ns) is None:
                        issues.append(issue("convert.target.cannot_hold", source, file=p.key, pointer=source))
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, issues


# --- JSON ----------------------------------------------------------------------------------------


def json_set(obj: Any, pointer: str, value: Any) -> None:
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    cur = obj
    for i, t in enumerate(tokens):
        last = i == len(tokens) - 1
        nxt_is_index = not last and tokens[i + 1].isdigit()
        if isinstance(cur, list):
            idx = int(t)
            while len(cur) <= idx:
                cur.append(None)
            if last:
                cur[idx] = value
                return
            if cur[idx] is None:
                cur[idx] = [] if nxt_is_index else {}
            cur = cur[idx]
        else:
            if last:
                cur[t] = value
                return
            if t not in cur or cur[t] is None:
                cur[t] = [] if nxt_is_index else {}
            cur = cur[t]


def write_json(persons: list[VendorPerson], mapping: Mapping) -> tuple[bytes, list[Issue]]:
    import orjson

    out = []
    for p in persons:
        obj: dict[str, Any] = {}
        for source, value in p.values.items():
            json_set(obj, source, value)
        for gi, g in enumerate(mapping.groups):
            items = []
            for item in p.items.get(gi, []):
                o: dict[str, Any] = {}
                for source, value in item.items():
                    json_set(o, source, value)
                items.append(o)
            if g.each:  # a JSON exporter writes its arrays even when empty
                json_set(obj, g.each, items)
        out.append(obj)
    if mapping.source.persons == "":
        doc: Any = out[0] if len(out) == 1 else out
    else:
        doc = {}
        for source, value in (persons[0].file_fields if persons else {}).items():
            json_set(doc, source, value)
        json_set(doc, mapping.source.persons, out)
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2), []


def write_vendor(persons: list[VendorPerson], mapping: Mapping) -> tuple[bytes, list[Issue]]:
    fmt = mapping.source.format
    if fmt in ("csv", "xlsx"):
        return write_tabular(persons, mapping, fmt)
    if fmt == "xml":
        return write_xml(persons, mapping)
    return write_json(persons, mapping)
