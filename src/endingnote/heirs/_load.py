"""Reading a family graph safely: size limit, strict JSON, the JSON Schema, then semantic checks.

Findings are :class:`~endingnote.Issue` values with JSON pointers (``/parent_child/3/child``).

A graph comes from a file nobody here vouched for, so every step is bounded (``_graph_limits``):
its size before parsing; its depth before anything walks it (jsonschema-rs raises past ~250
levels); the schema's findings, found entry by entry (a list of a million wrong entries costs its
first ``heirs.graph.max_findings``, not a million error objects); an entry too big for any valid
one is reported, not validated. What the schema cannot say is checked before
the graph is built: dates within the years 1-9999 (``0000-01-01`` is a well-formed date no
calendar has), and parents older than their children:

- a biological parent born on or after the child is an error (``heirs.graph.parent_younger``);
  one less than 12 years older at the birth is a warning (``heirs.graph.parent_too_young``):
  possible in principle, far likelier a misread register;
- an adoptive parent born after the child is an error: nobody may adopt an elder (民法793条).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue, Report
from endingnote._resources import data_dirs
from endingnote.errors import InputError, InvalidDocumentError
from endingnote.heirs import _codes as _codes
from endingnote.heirs._graph import FamilyGraph, graph_from_dict
from endingnote.heirs._graph_limits import DEPTH, FINDINGS, GRAPH_BYTES, ITEM_VALUES

MAX_BYTES = GRAPH_BYTES.value
SPECIAL_ADOPTION_FROM = dt.date(1988, 1, 1)
MIN_PARENT_AGE = 12  # years: a biological parent younger than this at the birth is implausible

Source = str | os.PathLike[str] | bytes | dict[str, Any]


def schema_path() -> Path:
    """``standard/family-graph/1.0/schema.json`` (``$ENDINGNOTE_STANDARD_DIR`` overrides the root)."""
    env = os.environ.get("ENDINGNOTE_STANDARD_DIR")
    roots = [Path(env)] if env else []
    roots += data_dirs("standard")
    for root in roots:
        candidate = root / "family-graph" / "1.0" / "schema.json"
        if candidate.is_file():
            return candidate
    raise InputError("cannot find standard/family-graph/1.0/schema.json; set ENDINGNOTE_STANDARD_DIR")


@functools.cache
def _schema() -> tuple[dict[str, Any], Any]:
    """The family-graph schema and its validators by schema pointer (jsonschema-rs)."""
    import jsonschema_rs
    import orjson

    schema = orjson.loads(schema_path().read_bytes())
    return schema, jsonschema_rs.validator_map_for(schema, validate_formats=True)


@functools.cache
def _date_keys() -> frozenset[str]:
    """The members the schema types as dates (``birth_date``, ``adopted_on`` …)."""
    keys: set[str] = set()
    stack: list[Any] = [_schema()[0]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                if isinstance(sub, dict) and sub.get("$ref") == "#/$defs/date":
                    keys.add(key)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(keys)


def _values(value: Any, cap: int) -> int:
    """JSON values in ``value``, counted up to ``cap + 1``."""
    count = 0
    stack = [value]
    while stack and count <= cap:
        node = stack.pop()
        count += 1
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def _schema_findings(doc: Any) -> Iterator[Issue]:
    """The schema's findings, entry by entry: the top level with its lists emptied (their lengths
    checked against ``maxItems`` here), then each entry of each list against its own schema."""
    schema, validators = _schema()
    root = validators.get("#")
    if root.is_valid(doc):
        return
    if not isinstance(doc, dict):
        for err in root.iter_errors(doc):
            yield issue("heirs.schema", _pointer(err.instance_path), message=err.message[:300])
        return
    lists = {
        key: sub
        for key, sub in schema.get("properties", {}).items()
        if isinstance(sub, dict) and sub.get("type") == "array" and isinstance(doc.get(key), list)
    }
    for err in root.iter_errors({k: ([] if k in lists else v) for k, v in doc.items()}):
        yield issue("heirs.schema", _pointer(err.instance_path), message=err.message[:300])
    for key, sub in lists.items():
        entries = doc[key]
        most = sub.get("maxItems")
        if isinstance(most, int) and len(entries) > most:
            message = f"{len(entries):,} entries; at most {most:,}"
            yield issue("heirs.schema", f"/{key}", message=message)
            entries = entries[:most]
        ref = sub.get("items", {}).get("$ref") if isinstance(sub.get("items"), dict) else None
        entry = validators.get(ref) if isinstance(ref, str) else None
        if entry is None:
            continue
        for i, value in enumerate(entries):
            if entry.is_valid(value):
                continue
            if _values(value, ITEM_VALUES.value) > ITEM_VALUES.value:
                yield issue("heirs.input.entry_too_large", f"/{key}/{i}", **ITEM_VALUES.params())
                continue
            for err in entry.iter_errors(value):
                path = _pointer([key, i, *err.instance_path])
                yield issue("heirs.schema", path, message=err.message[:300])


def _pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _parse(src: Source, report: Report) -> Any:
    import orjson

    if isinstance(src, dict):
        return src
    if isinstance(src, bytes):
        data = src
    else:
        path = Path(src)
        report.path = str(path)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise InputError(f"{path}: not a regular file")
        except FileNotFoundError as exc:
            raise InputError(f"{path}: no such file") from exc
        if size > MAX_BYTES:
            report.add(_too_large(size))
            return None
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        report.add(_too_large(len(data)))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        report.add(issue("heirs.input.not_json", "", reason=str(exc)))
        return None


def _too_large(size: int) -> Issue:
    limit = GRAPH_BYTES.params()
    if GRAPH_BYTES.value != MAX_BYTES:  # a caller (a test) chose another bound
        limit = {"limit_ja": f"上限 {MAX_BYTES:,} バイト", "limit_en": f"limit: {MAX_BYTES:,} bytes"}
    return issue("heirs.input.too_large", "", size=f"{size:,}", **limit)


def read_graph(src: Source) -> tuple[FamilyGraph | None, Report]:
    """Read and check a family graph. Returns the graph (``None`` if it has errors) and all findings."""
    report = Report()
    doc = _parse(src, report)
    if doc is None:
        return None, report
    from endingnote.validation._scan import tree_stats  # C; importing here keeps `heirs` light

    if tree_stats(doc, DEPTH.value)[1] > DEPTH.value:  # before the schema: jsonschema-rs recurses
        report.add(issue("heirs.input.too_deep", "", **DEPTH.params()))
        return None, report
    for n, found in enumerate(_schema_findings(doc)):
        if n == FINDINGS.value:
            report.add(issue("heirs.input.too_many_findings", "", **FINDINGS.params()))
            break
        report.add(found)
    if report.issues:
        return None, report
    report.extend(check_semantics(doc))
    if not report.valid:
        return None, report
    return graph_from_dict(doc), report


def load_graph(src: Source) -> FamilyGraph:
    """The :class:`FamilyGraph` in ``src`` (path, bytes or parsed dict).

    Raises :class:`~endingnote.InvalidDocumentError` carrying the full report when it has errors.
    """
    graph, report = read_graph(src)
    if graph is None:
        raise InvalidDocumentError(report)
    return graph


def _out_of_range(doc: dict[str, Any]) -> Iterator[Issue]:
    """Well-formed dates no calendar has (year 0000): the schema's format allows them."""
    keys = _date_keys()
    stack: list[tuple[list[str | int], Any]] = [([], doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in keys and isinstance(value, str):
                    try:
                        dt.date.fromisoformat(value)
                    except ValueError:
                        yield issue("heirs.graph.date_out_of_range", _pointer([*path, key]), value=value[:10])
                else:
                    stack.append(([*path, key], value))
        elif isinstance(node, list):
            stack.extend(([*path, i], value) for i, value in enumerate(node))


def _age(born: str, on: str) -> int:
    """Completed years from ``born`` to ``on`` (ISO dates in range)."""
    b, o = dt.date.fromisoformat(born), dt.date.fromisoformat(on)
    return o.year - b.year - ((o.month, o.day) < (b.month, b.day))


def _parent_ages(doc: dict[str, Any], births: dict[str, str]) -> Iterator[Issue]:
    for i, e in enumerate(doc.get("parent_child", [])):
        parent, child = births.get(e["parent"]), births.get(e["child"])
        if parent is None or child is None or e["parent"] == e["child"]:
            continue
        names = {"parent": e["parent"], "child": e["child"], "parent_born": parent, "child_born": child}
        path = f"/parent_child/{i}"
        if (e["kind"] == "biological" and parent >= child) or (e["kind"] != "biological" and parent > child):
            yield issue("heirs.graph.parent_younger", path, **names)
        elif e["kind"] == "biological" and (age := _age(parent, child)) < MIN_PARENT_AGE:
            yield issue("heirs.graph.parent_too_young", path, parent=e["parent"], child=e["child"], age=age)


def check_semantics(doc: dict[str, Any]) -> Report:
    """Checks the schema cannot express: references, duplicates, cycles, date order, dates in the
    calendar, parents older than their children."""
    report = Report()
    report.extend(_out_of_range(doc))
    if report.issues:  # the comparisons below read the dates
        return report
    persons: dict[str, int] = {}
    births: dict[str, str] = {}
    deaths: dict[str, str] = {}
    for i, p in enumerate(doc.get("persons", [])):
        if p["id"] in persons:
            report.add(issue("heirs.graph.duplicate_id", f"/persons/{i}/id", id=p["id"]))
            continue
        persons[p["id"]] = i
        if "birth_date" in p:
            births[p["id"]] = p["birth_date"]
        if "death" in p:
            deaths[p["id"]] = p["death"]["date"]
            if "birth_date" in p and p["death"]["date"] < p["birth_date"]:
                report.add(issue("heirs.graph.death_before_birth", f"/persons/{i}/death/date"))
    source_ids = {s["id"] for s in doc.get("sources", [])}

    def ref(pid: str, path: str) -> bool:
        if pid not in persons:
            report.add(issue("heirs.graph.unknown_person", path, id=pid))
            return False
        return True

    def src_refs(ids: list[str], path: str) -> None:
        for k, sid in enumerate(ids):
            if sid not in source_ids:
                report.add(issue("heirs.graph.unknown_source", f"{path}/{k}", id=sid))

    for i, p in enumerate(doc.get("persons", [])):
        src_refs(p.get("register", {}).get("sources", []), f"/persons/{i}/register/sources")

    seen_links: set[tuple[str, str, str]] = set()
    bio_parents: dict[str, list[tuple[str, str | None]]] = {}
    children: dict[str, list[str]] = {}
    for i, e in enumerate(doc.get("parent_child", [])):
        path = f"/parent_child/{i}"
        ok = ref(e["parent"], f"{path}/parent") & ref(e["child"], f"{path}/child")
        src_refs(e.get("sources", []), f"{path}/sources")
        if not ok:
            continue
        if e["parent"] == e["child"]:
            report.add(issue("heirs.graph.self_link", path))
            continue
        key = (e["parent"], e["child"], e["kind"])
        if key in seen_links:
            report.add(issue("heirs.graph.duplicate_link", path))
        seen_links.add(key)
        children.setdefault(e["parent"], []).append(e["child"])
        if e["kind"] == "biological" and (e["parent"], e.get("parent_role")) not in bio_parents.get(
            e["child"], []
        ):
            bio = bio_parents.setdefault(e["child"], [])
            bio.append((e["parent"], e.get("parent_role")))
            if len({pid for pid, _ in bio}) > 2:
                report.add(issue("heirs.graph.too_many_parents", path, id=e["child"]))
            roles = [r for _, r in bio if r is not None]
            if len(roles) != len(set(roles)):
                report.add(issue("heirs.graph.parent_role_conflict", f"{path}/parent_role", role=roles[-1]))
        if "adopted_on" in e and "dissolved_on" in e and e["dissolved_on"] < e["adopted_on"]:
            report.add(
                issue(
                    "heirs.graph.date_order",
                    f"{path}/dissolved_on",
                    later="離縁日",
                    earlier="縁組日",
                    later_en="the dissolution date",
                    earlier_en="the adoption date",
                )
            )
        if "decreed_on" in e and e["decreed_on"] < SPECIAL_ADOPTION_FROM.isoformat():
            report.add(
                issue("heirs.graph.special_adoption_before_1988", f"{path}/decreed_on", date=e["decreed_on"])
            )
        for field in ("adopted_on", "decreed_on"):
            born = births.get(e["child"])
            if field in e and born is not None and e[field] < born:
                report.add(
                    issue(
                        "heirs.graph.date_order",
                        f"{path}/{field}",
                        later="縁組日",
                        earlier="出生日",
                        later_en="the adoption date",
                        earlier_en="the birth date",
                    )
                )

    report.extend(_parent_ages(doc, {p: births[p] for p in births if p in persons}))
    cycle = _find_cycle(children)
    if cycle:
        report.add(issue("heirs.graph.cycle", "/parent_child", ids=" → ".join(cycle)))

    for i, m in enumerate(doc.get("marriages", [])):
        path = f"/marriages/{i}"
        a, b = m["spouses"]
        ref(a, f"{path}/spouses/0")
        ref(b, f"{path}/spouses/1")
        src_refs(m.get("sources", []), f"{path}/sources")
        if a == b:
            report.add(issue("heirs.graph.self_link", f"{path}/spouses"))
        if "end" in m and m["end"] < m["start"]:
            report.add(
                issue(
                    "heirs.graph.date_order",
                    f"{path}/end",
                    later="婚姻の終了日",
                    earlier="婚姻日",
                    later_en="the end of the marriage",
                    earlier_en="its start",
                )
            )

    seen_facts: set[tuple[str, str, str]] = set()
    for i, f in enumerate(doc.get("estate_facts", [])):
        path = f"/estate_facts/{i}"
        ref(f["decedent"], f"{path}/decedent")
        ref(f["person"], f"{path}/person")
        if f["decedent"] == f["person"]:
            report.add(issue("heirs.graph.self_link", path))
        key = (f["decedent"], f["person"], f["kind"])
        if key in seen_facts:
            report.add(issue("heirs.graph.duplicate_fact", path))
        seen_facts.add(key)
        ev_src = f.get("evidence", {}).get("source")
        if ev_src is not None:
            src_refs([ev_src], f"{path}/evidence/source")

    for i, g in enumerate(doc.get("simultaneous_deaths", [])):
        path = f"/simultaneous_deaths/{i}"
        known = [pid for k, pid in enumerate(g["persons"]) if ref(pid, f"{path}/persons/{k}")]
        dates = {deaths.get(pid) for pid in known}
        if None in dates or len(dates) > 1:
            report.add(
                issue("heirs.graph.simultaneous_dates_differ", f"{path}/persons", ids=", ".join(known))
            )
    return report


def _find_cycle(children: dict[str, list[str]]) -> list[str] | None:
    """One cycle in the parent→child relation (iterative DFS), or ``None``."""
    white, grey, black = 0, 1, 2
    colour: dict[str, int] = {}
    for root in sorted(children):
        if colour.get(root, white) != white:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        while stack:
            node, idx = stack.pop()
            if idx == 0:
                colour[node] = grey
                path.append(node)
            kids = children.get(node, [])
            if idx < len(kids):
                stack.append((node, idx + 1))
                nxt = kids[idx]
                state = colour.get(nxt, white)
                if state == grey:
                    return [*path[path.index(nxt) :], nxt]
                if state == white:
                    stack.append((nxt, 0))
            else:
                colour[node] = black
                path.pop()
    return None
