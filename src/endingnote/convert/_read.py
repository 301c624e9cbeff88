"""Reading vendor files into source records.

Every format becomes a list of :class:`SourcePerson`; each person and each repeating-group item
is a :class:`SourceRecord` that hands out values by the mapping's source names (column, XPath or
JSON pointer) with their location, remembers what was asked for, and lists the leftovers — the
fields the mapping never mentioned — so nothing is silently dropped.

Tabular input streams: :func:`iter_persons` reads a CSV or XLSX twice — once to check its shape
(encoding, header, ragged rows, limits) and where each person's last row is, once to hand out
persons as soon as their last row was read — so memory holds one person's rows (or, for a file
whose persons' rows are interleaved, the rows between a person's first and last), never the file.
XML and JSON inputs are parsed whole (bounded by ``max_bytes``) and walked person by person.

Entry points (stable, also for the fuzz harnesses): :func:`iter_persons` (``Input`` → persons),
:func:`read_persons` (bytes → a list), :func:`decode`.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote._spreadsheet import csv_uncell
from endingnote.convert._limits import COLUMNS, JSON_DEPTH, PERSON_ROWS, ROWS
from endingnote.convert._mapping import Mapping


def unescape_formula(value: str) -> str:
    """Undo :func:`endingnote._spreadsheet.csv_cell` (``'=1+1`` → ``=1+1``)."""
    return csv_uncell(value)


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
        if not (self.row.keys() - self.used - self.skip):  # the common case: every column read
            return []
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
    encoding, problems = _choose_encoding(_Probe.of(raw), declared)
    if encoding is None:
        return None, problems
    return raw.decode(encoding), []


class Input:
    """A source that can be read more than once: a file (by path) or bytes in memory."""

    def __init__(self, path: str | os.PathLike[str] | None = None, data: bytes | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.data = data

    def open(self) -> IO[bytes]:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None  # noqa: S101 - one of the two is always given
        return self.path.open("rb")

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        with self.open() as fh:
            return fh.read()


@dataclass(slots=True)
class _Probe:
    """What one pass over the bytes says about their encoding."""

    utf8_ok: bool = True
    utf8_pos: int = 0
    cp932_ok: bool = True
    cp932_pos: int = 0
    ascii: bool = True

    @classmethod
    def of(cls, raw: bytes) -> _Probe:
        return cls.scan([raw])

    @classmethod
    def scan(cls, chunks: Iterable[bytes]) -> _Probe:
        probe = cls()
        utf8 = codecs.getincrementaldecoder("utf-8")()
        cp932 = codecs.getincrementaldecoder("cp932")()
        pos = 0
        first = True
        for chunk in chunks:
            if first:
                chunk = chunk.removeprefix(codecs.BOM_UTF8)
                first = False
            if probe.ascii and not chunk.isascii():
                probe.ascii = False
            if probe.utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError as exc:
                    probe.utf8_ok, probe.utf8_pos = False, pos + exc.start
            if probe.cp932_ok:
                try:
                    cp932.decode(chunk)
                except UnicodeDecodeError as exc:
                    probe.cp932_ok, probe.cp932_pos = False, pos + exc.start
            pos += len(chunk)
            if not probe.utf8_ok and not probe.cp932_ok:
                break
        for ok, dec, name in ((probe.utf8_ok, utf8, "utf8"), (probe.cp932_ok, cp932, "cp932")):
            if ok:
                try:
                    dec.decode(b"", final=True)
                except UnicodeDecodeError:
                    setattr(probe, f"{name}_ok", False)
                    setattr(probe, f"{name}_pos", pos)
        return probe


def _choose_encoding(probe: _Probe, declared: str) -> tuple[str | None, list[Issue]]:
    if declared in ("utf-8", "auto") and probe.utf8_ok:
        return "utf-8-sig", []
    if declared == "cp932" and probe.utf8_ok:
        if not probe.ascii:
            return None, [issue("convert.input.wrong_encoding", "line:1", declared="cp932", detected="UTF-8")]
        return "cp932", []
    if not probe.cp932_ok:
        if declared == "utf-8":
            return None, [
                issue("convert.input.undecodable", "line:1", encoding="UTF-8", position=probe.utf8_pos)
            ]
        return None, [
            issue("convert.input.undecodable", "line:1", encoding="cp932", position=probe.cp932_pos)
        ]
    if declared == "utf-8":
        return None, [
            issue("convert.input.wrong_encoding", "line:1", declared="UTF-8", detected="cp932 (Shift_JIS)")
        ]
    return "cp932", []


def _chunks(fh: IO[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    while chunk := fh.read(size):
        yield chunk


# --- tabular: two passes ----------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("refused")
        self.issues = issues


def _limit_issue(code: str, where: str, limit: Any, **params: Any) -> Issue:
    return issue(code, where, limit_ja=limit.describe("ja"), limit_en=limit.describe("en"), **params)


def _csv_rows(src: Input, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every CSV record; line numbers as a text editor counts them."""
    with src.open() as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        reader = csv.reader(text)
        line = 1
        try:
            for row in reader:
                yield line, row
                line = reader.line_num + 1
        except csv.Error as exc:
            raise _Refused(
                [issue("convert.input.csv", f"line:{reader.line_num}", reason=str(exc)[:200])]
            ) from exc


def _xlsx_rows(src: Input, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    """Rows of a sheet, padded to the header's width (a sheet stores no trailing empty cells)."""
    from endingnote.convert._xlsx import XlsxError, iter_xlsx_rows

    with src.open() as fh:
        try:
            width = 0
            for num, row in iter_xlsx_rows(fh, sheet):
                width = width or len(row)
                yield num, row + [""] * (width - len(row))
        except XlsxError as exc:
            if exc.limit is not None:
                raise _Refused([_limit_issue("convert.input.too_big", exc.where, exc.limit)]) from exc
            raise _Refused([issue("convert.input.xlsx", exc.where, reason=exc.reason[:300])]) from exc


@dataclass(slots=True)
class _Shape:
    columns: list[str]
    last_row: dict[str, int]  # person key → number of the person's last row
    contiguous: bool


def _check_shape(mapping: Mapping, rows: Iterator[tuple[int, list[str]]]) -> _Shape:
    """Pass 1: header, duplicate headers, ragged rows, sizes; where each person ends."""
    problems: list[Issue] = []
    header: list[str] | None = None
    key_index = -1
    last_row: dict[str, int] = {}
    counts: dict[str, int] = {}
    previous = None
    contiguous = True
    n = 0
    for num, row in rows:
        if header is None:
            header = row
            if COLUMNS.exceeded(len(header)):
                raise _Refused([_limit_issue("convert.input.too_big", "line:1", COLUMNS)])
            seen: set[str] = set()
            for name in header:
                if name in seen:
                    problems.append(
                        issue("convert.input.duplicate_header", f"line:1 col:{name}", column=name)
                    )
                seen.add(name)
            key = mapping.source.person_key or ""
            if key not in header:
                raise _Refused([issue("convert.input.missing_column", f"line:1 col:{key}", column=key)])
            key_index = header.index(key)
            continue
        if not row or (len(row) == 1 and row[0] == "" and len(header) > 1):
            continue  # a blank line
        n += 1
        if ROWS.exceeded(n):
            raise _Refused([_limit_issue("convert.input.too_big", f"line:{num}", ROWS)])
        if len(row) != len(header):
            problems.append(
                issue("convert.input.ragged_row", f"line:{num}", expected=len(header), actual=len(row))
            )
            if len(problems) >= 100:
                break
            continue
        k = row[key_index].strip()
        if not k:
            continue
        if k != previous and k in last_row:
            contiguous = False
        previous = k
        last_row[k] = n
        counts[k] = counts.get(k, 0) + 1
        if PERSON_ROWS.exceeded(counts[k]):
            raise _Refused([_limit_issue("convert.input.too_big", f"line:{num}", PERSON_ROWS)])
    if header is None:  # an empty file, or one blank line: no header names the person key
        key = mapping.source.person_key or ""
        raise _Refused([issue("convert.input.missing_column", f"line:1 col:{key}", column=key)])
    if problems:
        raise _Refused(problems)
    return _Shape(header, last_row, contiguous)


def _group_columns(mapping: Mapping) -> tuple[frozenset[str], set[str]]:
    key = mapping.source.person_key or ""
    person_cols = frozenset(mapping.person.declared() | {key})
    group_cols = {c for g in mapping.groups for c in g.scope.declared()}
    for g in mapping.groups:
        if g.where is not None:
            group_cols |= g.where.columns
        if g.id_source:
            group_cols.add(g.id_source)
    return person_cols, group_cols


def _tabular_person(
    mapping: Mapping, key: str, prow: list[Row], person_cols: frozenset[str], group_cols: set[str]
) -> SourcePerson:
    items: dict[int, list[SourceRecord]] = {i: [] for i in range(len(mapping.groups))}
    own: list[Row] = []
    unmatched: list[tuple[str, dict[str, str]]] = []
    for num, row in prow:
        for i, g in enumerate(mapping.groups):
            if g.where is not None and g.where(row):
                items[i].append(RowRecord((num, row), person_cols))
                break
        else:
            if any(row.get(c, "") != "" for c in group_cols if c not in person_cols):
                unmatched.append((f"row:{num}", {c: v for c, v in row.items() if c not in person_cols}))
            else:
                own.append((num, row))
    skip = frozenset(group_cols - person_cols)
    return SourcePerson(key, RowsPerson(prow, own, skip), items, unmatched)


def _tabular_stream(mapping: Mapping, src: Input) -> PersonStream:
    fmt = mapping.source.format
    if fmt == "csv":
        with src.open() as fh:
            probe = _Probe.scan(_chunks(fh))
        encoding, problems = _choose_encoding(probe, mapping.source.encoding)
        if encoding is None:
            return _refused(problems)

        def rows() -> Iterator[tuple[int, list[str]]]:
            return _csv_rows(src, encoding)
    else:

        def rows() -> Iterator[tuple[int, list[str]]]:
            return _xlsx_rows(src, mapping.source.sheet)

    try:
        shape = _check_shape(mapping, rows())
    except _Refused as exc:
        return _refused(exc.issues)
    file_issues: list[Issue] = []
    return PersonStream(_persons_from_rows(mapping, shape, rows(), file_issues), file_issues)


def _persons_from_rows(
    mapping: Mapping, shape: _Shape, rows: Iterator[tuple[int, list[str]]], file_issues: list[Issue]
) -> Iterator[SourcePerson]:
    """Pass 2: persons, each as soon as its last row was read."""
    columns = shape.columns
    key_name = mapping.source.person_key or ""
    key_index = columns.index(key_name)
    escape = mapping.source.formula_escape
    max_cell = mapping.source.max_cell_chars
    person_cols, group_cols = _group_columns(mapping)
    open_rows: dict[str, list[Row]] = {}
    long_cells: dict[str, list[Issue]] = {}
    n = 0
    next(rows, None)  # the header
    for num, row in rows:
        if not row or len(row) != len(columns):
            continue
        n += 1
        k = row[key_index].strip()
        cells: dict[str, str] = {}
        if max(map(len, row)) <= max_cell:  # the common case: no cell too long, few to unescape
            cells = {c: v for c, v in zip(columns, row, strict=True) if v != ""}
            if escape:
                for c, v in cells.items():
                    if v[:1] == "'":
                        cells[c] = unescape_formula(v)
        else:  # the exact path: a cell too long is reported and left out
            for c, v in zip(columns, row, strict=True):
                if v == "":
                    continue
                if len(v) > max_cell:
                    from endingnote.convert._limits import CELL_CHARS

                    limit = CELL_CHARS if max_cell == CELL_CHARS.value else None
                    ja = (
                        limit.describe("ja")
                        if limit
                        else f"このマッピングの上限 {max_cell:,} 文字 (source.max_cell_chars)"
                    )
                    en = (
                        limit.describe("en")
                        if limit
                        else f"this mapping's limit: {max_cell:,} characters (source.max_cell_chars)"
                    )
                    long_cells.setdefault(k, []).append(
                        issue(
                            "convert.input.cell_too_long",
                            f"row:{num} col:{c}",
                            length=len(v),
                            limit_ja=ja,
                            limit_en=en,
                        )
                    )
                    continue
                if escape and v[:1] == "'":
                    v = unescape_formula(v)
                cells[c] = v
        if not k:
            if cells:
                file_issues.append(issue("convert.input.missing_key", f"row:{num} col:{key_name}"))
            continue
        open_rows.setdefault(k, []).append((num, cells))
        if shape.last_row.get(k) == n:
            person = _tabular_person(mapping, k, open_rows.pop(k), person_cols, group_cols)
            person.issues.extend(long_cells.pop(k, []))
            yield person


@dataclass(slots=True)
class PersonStream:
    """Persons read lazily, and the file-level findings (which grow while the persons are read)."""

    persons: Iterator[SourcePerson]
    issues: list[Issue]
    refused: bool = False  # the file was refused as a whole: no person will come


def _refused(issues: list[Issue]) -> PersonStream:
    return PersonStream(iter(()), issues, refused=True)


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
            compiled = self.cache[source] = etree.XPath(source, namespaces=self.ns, regexp=False)
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
        found: Any = etree.XPath(mapping.source.persons, namespaces=ns, regexp=False)(tree)
        elements: list[Any] = found if isinstance(found, list) else []
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


def _json_depth_ok(doc: Any) -> bool:
    stack = [(doc, 1)]
    while stack:
        node, d = stack.pop()
        if isinstance(node, dict | list):
            if JSON_DEPTH.exceeded(d):
                return False
            stack.extend((v, d + 1) for v in (node.values() if isinstance(node, dict) else node))
    return True


def load_json(raw: bytes) -> tuple[Any, list[Issue]]:
    """A vendor's JSON: syntax, nesting depth and duplicate keys checked (never last-wins)."""
    import json

    import orjson

    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "recursion" in str(exc) or "depth" in str(exc):
            return None, [_limit_issue("convert.input.too_big", "", JSON_DEPTH)]
        m = _LINE_RE.search(str(exc))
        return None, [issue("convert.input.json", f"line:{m.group(1) if m else 1}", reason=str(exc)[:200])]
    if not _json_depth_ok(doc):
        return None, [_limit_issue("convert.input.too_big", "", JSON_DEPTH)]
    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out and not found:
                found.append(k)
            out[k] = v
        return out

    with contextlib.suppress(ValueError, RecursionError):  # orjson accepted it already
        json.loads(raw, object_pairs_hook=pairs)
    if found:
        return None, [issue("convert.input.duplicate_key", "", key=found[0][:100])]
    return doc, []


def iter_persons(mapping: Mapping, src: Input) -> PersonStream:
    """The persons of a vendor file (lazily for CSV/XLSX), or the findings that refused it."""
    fmt = mapping.source.format
    size = len(src.data) if src.data is not None else (src.path.stat().st_size if src.path else 0)
    if size > mapping.source.max_bytes:
        return _refused([issue("convert.input.too_large", "", size=size, limit=mapping.source.max_bytes)])
    if fmt in ("csv", "xlsx"):
        return _tabular_stream(mapping, src)
    raw = src.read()
    if fmt == "xml":
        from endingnote.convert._xmlsafe import parse_xml

        tree, problems = parse_xml(raw)
        if tree is None:
            return _refused(problems)
        persons, problems = xml_persons(mapping, tree)
        return PersonStream(iter(persons), problems, refused=not persons and bool(problems))
    doc, problems = load_json(raw)
    if problems:
        return _refused(problems)
    persons, problems = json_persons(mapping, doc)
    return PersonStream(iter(persons), problems, refused=not persons and bool(problems))


def read_persons(mapping: Mapping, raw: bytes) -> tuple[list[SourcePerson], list[Issue]]:
    """Parse a vendor file completely into source persons (or the findings that refused it)."""
    stream = iter_persons(mapping, Input(data=raw))
    persons = list(stream.persons)
    return persons, stream.issues
