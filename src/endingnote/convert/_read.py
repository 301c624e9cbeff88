"""Reading vendor files into source records.

Every format becomes a list of :class:`SourcePerson`; each person and each repeating-group item
is a :class:`SourceRecord` that hands out values by the mapping's source names (column, XPath or
JSON pointer) with their location, remembers what was asked for, and lists the leftovers — the
fields the mapping never mentioned — so nothing is silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.convert._mapping import Mapping

FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")


def unescape_formula(value: str) -> str:
    """Undo :func:`endingnote.convert._write.escape_formula` (``'=1+1`` → ``=1+1``)."""
    if len(value) >= 2 and value[0] == "'" and (value[1] in FORMULA_CHARS or value[1] == "'"):
        return value[1:]
    return value


class SourceRecord(Protocol):
    """One person or one group item: values by source name, with locations and leftovers."""

    loc: str

    def get(self, source: str) -> tuple[Any, str] | None:
        """The value under ``source`` and where it was read, or ``None``."""
        ...

    def leftovers(self) -> list[tuple[str, Any, str]]:
        """(name, value, location) of every non-empty source field no mapping rule read."""
        ...


@dataclass
class SourcePerson:
    key: str
    record: SourceRecord
    items: dict[int, list[SourceRecord]] = field(default_factory=dict)  # group index → items
    unmatched_rows: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (loc, row)
    issues: list[Issue] = field(default_factory=list)
    file_fields: list[tuple[str, Any, str]] = field(default_factory=list)  # outside every person


# --- tabular -------------------------------------------------------------------------------------

Row = tuple[int, dict[str, str]]


class RowRecord(SourceRecord):
    """A group item: one row. ``skip``: columns that belong to the person level."""

    def __init__(self, row: Row, skip: frozenset[str]) -> None:
        self.num, self.row = row
        self.skip = skip
        self.used: set[str] = set()
        self.loc = f"row:{self.num}"

    def get(self, source: str) -> tuple[Any, str] | None:
        self.used.add(source)
        value = self.row.get(source, "")
        return (value, f"row:{self.num} col:{source}") if value != "" else None

    def leftovers(self) -> list[tuple[str, Any, str]]:
        return [
            (c, v, f"row:{self.num} col:{c}")
            for c, v in self.row.items()
            if v != "" and c not in self.used and c not in self.skip
        ]


class RowsPerson(SourceRecord):
    """The person level of a tabular export: the first non-empty value over the person's rows."""

    def __init__(self, rows: list[Row], own_rows: list[Row], skip: frozenset[str]) -> None:
        self.rows = rows
        self.own_rows = own_rows  # rows that belong to no group: their leftovers are the person's
        self.skip = skip
        self.used: set[str] = set()
        self.conflicts: list[tuple[str, str]] = []  # (column, location of the disagreeing value)
        self.loc = f"row:{rows[0][0]}"

    def get(self, source: str) -> tuple[Any, str] | None:
        self.used.add(source)
        found: tuple[Any, str] | None = None
        for num, row in self.rows:
            value = row.get(source, "")
            if value == "":
                continue
            if found is None:
                found = (value, f"row:{num} col:{source}")
            elif value != found[0] and all(c != source for c, _ in self.conflicts):
                self.conflicts.append((source, f"row:{num} col:{source}"))
        return found

    def leftovers(self) -> list[tuple[str, Any, str]]:
        out: dict[str, tuple[str, Any, str]] = {}
        for num, row in self.own_rows:
            for c, v in row.items():
                if v != "" and c not in self.used and c not in self.skip and c not in out:
                    out[c] = (c, v, f"row:{num} col:{c}")
        return list(out.values())


def decode(raw: bytes, declared: str) -> tuple[str | None, list[Issue]]:
    """Decode CSV bytes; a file in the wrong encoding gets a clear finding, never mojibake."""
    raw_utf8 = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    utf8: str | None
    utf8_pos = 0
    try:
        utf8 = raw_utf8.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8 = None
        utf8_pos = exc.start
    if declared in ("utf-8", "auto") and utf8 is not None:
        return utf8, []
    if declared == "cp932" and utf8 is not None:
        if not raw.isascii():
            return None, [issue("convert.input.wrong_encoding", "line:1", declared="cp932", detected="UTF-8")]
        return utf8, []
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError as exc:
        if declared == "utf-8":
            return None, [issue("convert.input.undecodable", "line:1", encoding="UTF-8", position=utf8_pos)]
        return None, [issue("convert.input.undecodable", "line:1", encoding="cp932", position=exc.start)]
    if declared == "utf-8":
        return None, [
            issue("convert.input.wrong_encoding", "line:1", declared="UTF-8", detected="cp932 (Shift_JIS)")
        ]
    return text, []


def read_csv_rows(text: str) -> tuple[list[str], list[Row], list[Issue]]:
    """Check the CSV's shape (ragged rows, duplicate headers), then read it with pandas."""
    import pandas as pd

    issues: list[Issue] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return [], [], []
        expected = len(header)
        seen: set[str] = set()
        for name in header:
            if name in seen:
                issues.append(issue("convert.input.duplicate_header", f"line:1 col:{name}", column=name))
            seen.add(name)
        for row in reader:
            if row and len(row) != expected:
                issues.append(
                    issue(
                        "convert.input.ragged_row",
                        f"line:{reader.line_num}",
                        expected=expected,
                        actual=len(row),
                    )
                )
                if len(issues) >= 100:
                    break
    except csv.Error as exc:
        return [], [], [issue("convert.input.csv", f"line:{reader.line_num}", reason=str(exc))]
    if issues:
        return header, [], issues
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=True
        )
    except (ValueError, pd.errors.ParserError) as exc:
        return header, [], [issue("convert.input.csv", "line:1", reason=str(exc)[:200])]
    return _frame_rows(frame)


def _frame_rows(frame: Any) -> tuple[list[str], list[Row], list[Issue]]:
    columns = [str(c) for c in frame.columns]
    records = frame.to_dict("records")
    del frame
    # keep only the non-empty cells: wide vendor sheets are mostly empty, and rows are many
    return columns, [(i + 2, {k: v for k, v in r.items() if v != ""}) for i, r in enumerate(records)], []


def read_xlsx_rows(raw: bytes, sheet: str | None) -> tuple[list[str], list[Row], list[Issue]]:
    import pandas as pd

    try:
        frame = pd.read_excel(
            io.BytesIO(raw),
            sheet_name=sheet or 0,
            dtype=str,
            engine="openpyxl",
            keep_default_na=False,
            na_filter=False,
        )
    except Exception as exc:
        return [], [], [issue("convert.input.xlsx", "", reason=f"{type(exc).__name__}: {str(exc)[:200]}")]
    return _frame_rows(frame)


def tabular_persons(
    mapping: Mapping, columns: list[str], rows: list[Row]
) -> tuple[list[SourcePerson], list[Issue]]:
    key = mapping.source.person_key or ""
    if key not in columns:
        return [], [issue("convert.input.missing_column", f"line:1 col:{key}", column=key)]
    escape = mapping.source.formula_escape
    by_key: dict[str, list[Row]] = {}
    issues: list[Issue] = []
    for num, row in rows:
        if escape:
            row = {c: unescape_formula(v) if v[:1] == "'" else v for c, v in row.items()}
        k = row.get(key, "").strip()
        if not k:
            if any(v != "" for v in row.values()):
                issues.append(issue("convert.input.missing_key", f"row:{num} col:{key}"))
            continue
        by_key.setdefault(k, []).append((num, row))
    person_cols = frozenset(mapping.person.declared() | {key})
    group_where = [(i, g.where) for i, g in enumerate(mapping.groups) if g.where is not None]
    persons = []
    for k, prow in by_key.items():
        items: dict[int, list[SourceRecord]] = {i: [] for i in range(len(mapping.groups))}
        own: list[Row] = []
        unmatched: list[tuple[str, dict[str, str]]] = []
        group_cols = {c for g in mapping.groups for c in g.scope.declared()} | {w[0] for _, w in group_where}
        for num, row in prow:
            for i, (col, value) in group_where:
                if row.get(col, "") == value:
                    items[i].append(RowRecord((num, row), person_cols))
                    break
            else:
                if any(row.get(c, "") != "" for c in group_cols if c not in person_cols):
                    unmatched.append((f"row:{num}", {c: v for c, v in row.items() if c not in person_cols}))
                else:
                    own.append((num, row))
        skip = frozenset(group_cols - person_cols)
        persons.append(SourcePerson(k, RowsPerson(prow, own, skip), items, unmatched))
    return persons, issues


# --- XML -----------------------------------------------------------------------------------------


def _step_name(qname: str, prefixes: dict[str, str]) -> str:
    if qname.startswith("{"):
        uri, local = qname[1:].split("}", 1)
        prefix = prefixes.get(uri)
        return f"{prefix}:{local}" if prefix else f"{{{uri}}}{local}"
    return str(qname)


class XmlRecord(SourceRecord):
    def __init__(self, el: Any, loc: str, mapping: Mapping, cache: dict[str, Any]) -> None:
        self.el = el
        self.loc = loc
        self.ns = mapping.source.namespaces
        self.prefixes = {v: k for k, v in self.ns.items()}
        self.cache = cache
        self.used: set[Any] = set()  # consumed elements and (element, attribute) pairs

    def _xpath(self, source: str) -> Any:
        from lxml import etree

        compiled = self.cache.get(source)
        if compiled is None:
            compiled = self.cache[source] = etree.XPath(source, namespaces=self.ns)
        return compiled

    def nodes(self, source: str) -> list[Any]:
        result = self._xpath(source)(self.el)
        return result if isinstance(result, list) else [result]

    def get(self, source: str) -> tuple[Any, str] | None:
        found: tuple[Any, str] | None = None
        for node in self.nodes(source):
            if isinstance(node, str):
                parent = node.getparent() if hasattr(node, "getparent") else None
                attr = getattr(node, "attrname", None)
                if parent is not None:
                    self.used.add((parent, attr) if attr else parent)
                value: Any = str(node)
            else:
                self.used.add(node)
                for sub in node.iter():
                    self.used.add(sub)
                value = (node.text or "").strip() if len(node) == 0 else None
            if found is None and value not in (None, ""):
                found = (value, f"{self.loc}/{source}")
        return found

    def consume_subtrees(self, source: str) -> list[Any]:
        """Elements a group takes over (its ``each``): consumed here, read as items."""
        out = []
        for node in self.nodes(source):
            if not isinstance(node, str):
                for sub in node.iter():
                    self.used.add(sub)
                out.append(node)
        return out

    def consume_subtrees_of(self, el: Any) -> None:
        for sub in el.iter():
            self.used.add(sub)

    def leftovers(self) -> list[tuple[str, Any, str]]:
        out: list[tuple[str, Any, str]] = []
        self._walk(self.el, "", out)
        return out

    def _walk(self, el: Any, path: str, out: list[tuple[str, Any, str]]) -> None:
        for name, value in el.attrib.items():
            if (el, name) not in self.used and el not in self.used:
                attr = _step_name(name, self.prefixes)
                rel = f"{path}/@{attr}" if path else f"@{attr}"
                out.append((rel, value, f"{self.loc}/{rel}"))
        counts: dict[str, int] = {}
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = _step_name(child.tag, self.prefixes)
            counts[name] = counts.get(name, 0) + 1
            step = f"{name}[{counts[name]}]" if counts[name] > 1 else name
            rel = f"{path}/{step}" if path else step
            if len(child) == 0 and not child.attrib:
                if child not in self.used and (child.text or "").strip():
                    out.append((rel, child.text.strip(), f"{self.loc}/{rel}"))
            else:
                if child not in self.used and len(child) == 0 and (child.text or "").strip():
                    out.append((rel, child.text.strip(), f"{self.loc}/{rel}"))
                self._walk(child, rel, out)


def xml_persons(mapping: Mapping, tree: Any) -> tuple[list[SourcePerson], list[Issue]]:
    from lxml import etree

    ns = mapping.source.namespaces
    try:
        elements = tree.xpath(mapping.source.persons, namespaces=ns)
    except etree.XPathError as exc:
        return [], [issue("convert.input.xml", "", reason=f"persons XPath: {exc}")]
    cache: dict[str, Any] = {}
    persons = []
    issues: list[Issue] = []
    for i, el in enumerate(elements, start=1):
        loc = f"{mapping.source.persons}[{i}]"
        rec = XmlRecord(el, loc, mapping, cache)
        items: dict[int, list[SourceRecord]] = {}
        for gi, g in enumerate(mapping.groups):
            subs = rec.consume_subtrees(g.each or ".")
            items[gi] = [XmlRecord(s, f"{loc}/{g.each}[{j}]", mapping, cache) for j, s in enumerate(subs, 1)]
        key = ""
        if mapping.source.person_key:
            got = rec.get(mapping.source.person_key)
            key = str(got[0]) if got else ""
        if not key:
            key = f"person-{i}"
        persons.append(SourcePerson(key, rec, items))
    root = XmlRecord(tree.getroot(), "", mapping, cache)
    for el in elements:
        root.consume_subtrees_of(el)
    file_fields = root.leftovers()
    for p in persons:
        p.file_fields = file_fields
    return persons, issues


# --- JSON ----------------------------------------------------------------------------------------


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def resolve_pointer(doc: Any, pointer: str) -> tuple[bool, Any]:
    if pointer == "":
        return True, doc
    cur = doc
    for token in pointer.split("/")[1:]:
        t = _unescape(token)
        if isinstance(cur, dict) and t in cur:
            cur = cur[t]
        elif isinstance(cur, list) and t.isdigit() and int(t) < len(cur):
            cur = cur[int(t)]
        else:
            return False, None
    return True, cur


def iter_leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from iter_leaves(v, f"{pointer}/{_escape(str(k))}")
    elif isinstance(value, list):
        if not value:
            yield pointer, value
        for i, v in enumerate(value):
            yield from iter_leaves(v, f"{pointer}/{i}")
    elif value is not None and value != "":
        yield pointer, value


class JsonRecord(SourceRecord):
    def __init__(self, obj: Any, loc: str) -> None:
        self.obj = obj
        self.loc = loc
        self.used: list[str] = []

    def get(self, source: str) -> tuple[Any, str] | None:
        self.used.append(source)
        ok, value = resolve_pointer(self.obj, source)
        if not ok or value is None or value == "" or value == {} or value == []:
            return None
        return value, f"{self.loc}{source}"

    def leftovers(self) -> list[tuple[str, Any, str]]:
        used = self.used
        out = []
        for pointer, value in iter_leaves(self.obj):
            if any(pointer == u or pointer.startswith(u + "/") for u in used):
                continue
            out.append((pointer, value, f"{self.loc}{pointer}"))
        return out


def json_persons(mapping: Mapping, doc: Any) -> tuple[list[SourcePerson], list[Issue]]:
    ok, container = resolve_pointer(doc, mapping.source.persons)
    if not ok:
        return [], [
            issue("convert.input.json", mapping.source.persons or "/", reason="persons pointer not found")
        ]
    if mapping.source.persons == "" and isinstance(container, dict):
        objs: list[tuple[str, Any]] = [("", container)]
    elif isinstance(container, list):
        objs = [(f"{mapping.source.persons}/{i}", o) for i, o in enumerate(container)]
    else:
        return [], [
            issue("convert.input.json", mapping.source.persons or "/", reason="persons is not an array")
        ]
    persons = []
    issues: list[Issue] = []
    for i, (loc, obj) in enumerate(objs, start=1):
        if not isinstance(obj, dict):
            issues.append(issue("convert.input.json", loc or "/", reason="a person is not an object"))
            continue
        rec = JsonRecord(obj, loc)
        items: dict[int, list[SourceRecord]] = {}
        for gi, g in enumerate(mapping.groups):
            each = g.each or ""
            rec.used.append(each)
            found, arr = resolve_pointer(obj, each)
            arr = arr if found and isinstance(arr, list) else []
            items[gi] = [JsonRecord(o, f"{loc}{each}/{j}") for j, o in enumerate(arr) if isinstance(o, dict)]
        key = ""
        if mapping.source.person_key:
            got = resolve_pointer(obj, mapping.source.person_key)
            key = str(got[1]) if got[0] and got[1] not in (None, "") else ""
        persons.append(SourcePerson(key or f"person-{i}", rec, items))
    outside = JsonRecord(doc, "")
    outside.used.append(mapping.source.persons)
    file_fields = outside.leftovers() if mapping.source.persons else []
    for p in persons:
        p.file_fields = file_fields
    return persons, issues


_LINE_RE = re.compile(r"line (\d+)")


def read_persons(mapping: Mapping, raw: bytes) -> tuple[list[SourcePerson], list[Issue]]:
    """Parse a vendor file completely into source persons (or the findings that refused it)."""
    size, limit = len(raw), mapping.source.max_bytes
    if size > limit:
        return [], [issue("convert.input.too_large", "", size=size, limit=limit)]
    fmt = mapping.source.format
    if fmt == "csv":
        text, problems = decode(raw, mapping.source.encoding)
        if text is None:
            return [], problems
        columns, rows, problems = read_csv_rows(text)
        if problems:
            return [], problems
        return tabular_persons(mapping, columns, rows)
    if fmt == "xlsx":
        columns, rows, problems = read_xlsx_rows(raw, mapping.source.sheet)
        if problems:
            return [], problems
        return tabular_persons(mapping, columns, rows)
    if fmt == "xml":
        from endingnote.convert._xmlsafe import parse_xml

        tree, problems = parse_xml(raw)
        if tree is None:
            return [], problems
        return xml_persons(mapping, tree)
    import orjson

    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        m = _LINE_RE.search(str(exc))
        return [], [issue("convert.input.json", f"line:{m.group(1) if m else 1}", reason=str(exc)[:200])]
    return json_persons(mapping, doc)
