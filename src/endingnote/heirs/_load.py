"""Reading a family graph safely: size limit, strict JSON, the JSON Schema, then semantic checks.

Findings are :class:`~endingnote.Issue` values with JSON pointers (``/parent_child/3/child``).

A graph comes from a file nobody here vouched for, so every step is bounded (``_limits``):
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
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, count, repeat
from operator import eq, itemgetter, lt, methodcaller, not_
from operator import sub as minus
from pathlib import Path
from typing import Any, cast

from endingnote._codes import issue
from endingnote._issues import Issue, Report
from endingnote._resources import data_dirs
from endingnote.errors import InputError, InvalidDocumentError
from endingnote.heirs import _codes as _codes
from endingnote.heirs._graph import FamilyGraph, graph_from_dict, paused_gc
from endingnote.heirs._limits import DEPTH, FINDINGS, GRAPH_BYTES, ITEM_VALUES

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
    with paused_gc():  # see paused_gc: parsing and building make some 100,000 objects, no cycles
        return _read(src)


def _read(src: Source) -> tuple[FamilyGraph | None, Report]:
    report = Report()
    doc = _parse(src, report)
    if doc is None:
        return None, report
    from endingnote.validation._scan import tree_stats  # C; importing here keeps `heirs` light

    if tree_stats(doc, DEPTH.value)[1] > DEPTH.value:  # before the schema: jsonschema-rs recurses
        report.add(issue("heirs.input.too_deep", "", **DEPTH.params()))
        return None, report
    for n, found in enumerate(_schema_findings(doc)):  # the common case: one is_valid
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
    """Well-formed dates no calendar has (year 0000): the schema's format allows them.

    Every such value starts ``0000-``; the document written back by orjson (in C, escapes undone)
    shows whether any string does, so the usual graph is not walked in Python."""
    import orjson

    if b'"0000-' not in orjson.dumps(doc):
        return
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


def _parent_ages(links: Sequence[dict[str, Any]], births: dict[str, str]) -> Iterator[Issue]:
    """Parents older than their children (see the module's docstring).

    Column by column first: a parent whose year of birth is 13 or more before the child's was at
    least 12 at the birth, and nothing is to report (a link with an unknown birth date neither). Only
    the rest, rare in a real family, is compared date by date (ISO dates compare as strings)."""
    years = {pid: int(born[:4]) for pid, born in births.items()}
    old = map(years.get, map(_PARENT, links), repeat(-100_000))  # unknown: never too young
    young = map(years.get, map(_CHILD, links), repeat(100_000))
    for i in compress(count(), map((MIN_PARENT_AGE + 1).__gt__, map(minus, young, old))):
        e = links[i]
        parent, child = births[e["parent"]], births[e["child"]]
        if e["parent"] == e["child"]:
            continue
        names = {"parent": e["parent"], "child": e["child"], "parent_born": parent, "child_born": child}
        path = f"/parent_child/{i}"
        biological = e["kind"] == "biological"
        if (biological and parent >= child) or (not biological and parent > child):
            yield issue("heirs.graph.parent_younger", path, **names)
        elif biological and (age := _age(parent, child)) < MIN_PARENT_AGE:
            yield issue("heirs.graph.parent_too_young", path, parent=e["parent"], child=e["child"], age=age)


def _age(born: str, on: str) -> int:
    """Completed years from ``born`` to ``on`` (ISO dates in range)."""
    b, o = dt.date.fromisoformat(born), dt.date.fromisoformat(on)
    return o.year - b.year - ((o.month, o.day) < (b.month, b.day))


def check_semantics(doc: dict[str, Any]) -> Report:
    """Checks the schema cannot express: references, duplicates, cycles, date order, dates in the
    calendar, parents older than their children.

    One pass per array over a schema-valid document. The common case (a known reference, a first
    link, no dates to compare) costs a few dict look-ups; a JSON pointer is built only for a finding.
    """
    report = Report()
    report.extend(_out_of_range(doc))
    if report.issues:  # the comparisons below read the dates
        return report
    add = report.issues.append
    person_list = doc.get("persons", ())
    ids, born = list(map(_ID, person_list)), list(map(_BIRTH, person_list))
    persons = dict(zip(ids, range(len(ids)), strict=True))
    if len(persons) == len(ids):  # no duplicate id: column by column
        births = dict(compress(zip(ids, born, strict=True), born))
        dead = list(map(_DEATH, person_list))
        at = list(compress(range(len(ids)), dead))  # the persons who died, by position
        died = list(map(_DATE, map(dead.__getitem__, at)))
        deaths = dict(zip(map(ids.__getitem__, at), died, strict=True))
        born_then = list(map(born.__getitem__, at))
        early = (
            compress(at, map(lt, died, born_then))
            if None not in born_then
            else _died_early(at, died, born_then)
        )
        for i in early:
            add(issue("heirs.graph.death_before_birth", f"/persons/{i}/death/date"))
    else:
        persons, births, deaths = _check_persons(person_list, add)
    source_ids = {s["id"] for s in doc.get("sources", ())}

    def ref(pid: str, path: str) -> bool:
        if pid not in persons:
            add(issue("heirs.graph.unknown_person", path, id=pid))
            return False
        return True

    def src_refs(ids: list[str], path: str) -> None:
        for k, sid in enumerate(ids):
            if sid not in source_ids:
                add(issue("heirs.graph.unknown_source", f"{path}/{k}", id=sid))

    registers = list(map(_REGISTER, person_list))
    for i in compress(range(len(registers)), registers):
        if "sources" in registers[i]:
            src_refs(registers[i]["sources"], f"/persons/{i}/register/sources")

    links = doc.get("parent_child", ())
    columns = _plain_links(links, persons, births, add)
    if columns is None:
        cycle = _find_cycle(_check_links(links, persons, births, ref, src_refs, add))
    else:
        cycle = None if _born_in_order(*columns, births) else _find_cycle(_adjacency(*columns))
    report.extend(_parent_ages(links, births))
    if cycle:
        add(issue("heirs.graph.cycle", "/parent_child", ids=" → ".join(cycle)))

    marriages = doc.get("marriages", ())
    if not _plain_marriages(marriages, persons, add):
        _check_marriages(marriages, ref, src_refs, add)

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


def _died_early(at: list[int], died: list[str], born: list[str | None]) -> list[int]:
    """The positions of persons who died before they were born (an unknown birth is never later)."""
    return [i for i, d, b in zip(at, died, born, strict=True) if b is not None and d < b]


def _check_persons(
    person_list: Sequence[dict[str, Any]], add: Callable[[Issue], None]
) -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
    """Person by person, for a graph with a duplicated id: the first of each id counts."""
    persons: dict[str, int] = {}
    births: dict[str, str] = {}
    deaths: dict[str, str] = {}
    for i, p in enumerate(person_list):
        pid = p["id"]
        if pid in persons:
            add(issue("heirs.graph.duplicate_id", f"/persons/{i}/id", id=pid))
            continue
        persons[pid] = i
        born = p.get("birth_date")
        if born is not None:
            births[pid] = born
        death = p.get("death")
        if death is not None:
            died = deaths[pid] = death["date"]
            if born is not None and died < born:
                add(issue("heirs.graph.death_before_birth", f"/persons/{i}/death/date"))
    return persons, births, deaths


def _plain_marriages(
    marriages: Sequence[dict[str, Any]], persons: dict[str, int], add: Callable[[Issue], None]
) -> bool:
    """The marriage checks in bulk when both spouses are known persons, never one and the same, and
    no sources are named; then only an end before the start can be wrong, reported in input order
    as :func:`_check_marriages` reports it. ``False``: take the exact pass instead."""
    spouses = list(map(_SPOUSES, marriages))
    firsts, seconds = list(map(_FIRST, spouses)), list(map(_SECOND, spouses))
    known = persons.keys()
    if not (known >= set(firsts) and known >= set(seconds)) or any(map(eq, firsts, seconds)):
        return False
    if any(map(_HAS_SOURCES, marriages)):
        return False
    ends = list(map(_END, marriages))
    for i in compress(range(len(ends)), ends):
        if ends[i] < marriages[i]["start"]:
            add(_marriage_ends_early(i))
    return True


def _marriage_ends_early(i: int) -> Issue:
    return issue(
        "heirs.graph.date_order",
        f"/marriages/{i}/end",
        later="婚姻の終了日",
        earlier="婚姻日",
        later_en="the end of the marriage",
        earlier_en="its start",
    )


def _check_marriages(
    marriages: Sequence[dict[str, Any]],
    ref: Callable[[str, str], bool],
    src_refs: Callable[[list[str], str], None],
    add: Callable[[Issue], None],
) -> None:
    """Marriage by marriage, in input order."""
    for i, m in enumerate(marriages):
        a, b = m["spouses"]
        ref(a, f"/marriages/{i}/spouses/0")
        ref(b, f"/marriages/{i}/spouses/1")
        if "sources" in m:
            src_refs(m["sources"], f"/marriages/{i}/sources")
        if a == b:
            add(issue("heirs.graph.self_link", f"/marriages/{i}/spouses"))
        end = m.get("end")
        if end is not None and end < m["start"]:
            add(_marriage_ends_early(i))


def _check_links(
    links: Sequence[dict[str, Any]],
    persons: dict[str, int],
    births: dict[str, str],
    ref: Callable[[str, str], bool],
    src_refs: Callable[[list[str], str], None],
    add: Callable[[Issue], None],
) -> dict[str, list[str]]:
    """The parent-child checks, link by link in input order; returns each parent's children."""
    seen_links: set[tuple[str, str, str]] = set()
    bio_parents: dict[str, list[tuple[str, str | None]]] = {}
    children: dict[str, list[str]] = {}
    special_from = SPECIAL_ADOPTION_FROM.isoformat()
    for i, e in enumerate(links):
        parent, child, kind = e["parent"], e["child"], e["kind"]
        if parent not in persons or child not in persons:
            ref(parent, f"/parent_child/{i}/parent")
            ref(child, f"/parent_child/{i}/child")
            if "sources" in e:
                src_refs(e["sources"], f"/parent_child/{i}/sources")
            continue
        if "sources" in e:
            src_refs(e["sources"], f"/parent_child/{i}/sources")
        if parent == child:
            add(issue("heirs.graph.self_link", f"/parent_child/{i}"))
            continue
        key = (parent, child, kind)
        if key in seen_links:
            add(issue("heirs.graph.duplicate_link", f"/parent_child/{i}"))
        seen_links.add(key)
        kids = children.get(parent)
        if kids is None:
            children[parent] = [child]
        else:
            kids.append(child)
        if kind == "biological":
            role = e.get("parent_role")
            bio = bio_parents.get(child)
            if bio is None:
                bio_parents[child] = [(parent, role)]
            elif len(bio) == 1:  # the second parent, the usual case: two parents, roles may clash
                if bio[0] != (parent, role):
                    bio.append((parent, role))
                    if role is not None and role == bio[0][1]:
                        add(
                            issue(
                                "heirs.graph.parent_role_conflict",
                                f"/parent_child/{i}/parent_role",
                                role=role,
                            )
                        )
            elif (parent, role) not in bio:
                bio.append((parent, role))
                if len({pid for pid, _ in bio}) > 2:
                    add(issue("heirs.graph.too_many_parents", f"/parent_child/{i}", id=child))
                roles = [r for _, r in bio if r is not None]
                if len(roles) != len(set(roles)):
                    add(
                        issue(
                            "heirs.graph.parent_role_conflict",
                            f"/parent_child/{i}/parent_role",
                            role=roles[-1],
                        )
                    )
        if kind != "biological":  # the schema allows adoption dates on adoptive kinds only
            _adoption_dates(e, f"/parent_child/{i}", births.get(child), special_from, add)

    return children


_PARENT, _CHILD, _KIND = itemgetter("parent"), itemgetter("child"), itemgetter("kind")
_ROLE = methodcaller("get", "parent_role")
_ID, _SPOUSES, _FIRST, _SECOND = itemgetter("id"), itemgetter("spouses"), itemgetter(0), itemgetter(1)
_DATE = itemgetter("date")
_BIRTH, _DEATH, _REGISTER, _END = (
    methodcaller("get", key) for key in ("birth_date", "death", "register", "end")
)
_HAS_SOURCES = methodcaller("__contains__", "sources")


def _plain_links(
    links: Sequence[dict[str, Any]],
    persons: dict[str, int],
    births: dict[str, str],
    add: Callable[[Issue], None],
) -> tuple[list[str], list[str]] | None:
    """The parent-child checks in bulk, for the usual graph; ``None`` sends it to :func:`_check_links`.

    Column by column in C (``map`` over item getters, set and ``Counter`` arithmetic): every
    reference known, no link to oneself, no link twice, no sources to resolve, at most two
    biological links per child with different roles. Such links can only fail the date checks of
    adoptions, which run here in input order, as :func:`_check_links` would report them. Any other
    graph takes the exact path, which names each finding where it is. Returns the links' parents
    and children.
    """
    parents, kids, kinds = list(map(_PARENT, links)), list(map(_CHILD, links)), list(map(_KIND, links))
    known = persons.keys()
    if not (known >= set(parents) and known >= set(kids)) or any(map(eq, parents, kids)):
        return None
    if len(set(zip(parents, kids, kinds, strict=True))) != len(links) or any(map(_HAS_SOURCES, links)):
        return None
    biological = list(map("biological".__eq__, kinds))
    bio_kids = list(compress(kids, biological))
    if bio_kids and max(Counter(bio_kids).values()) > 2:
        return None
    bio_roles = list(map(_ROLE, compress(links, biological)))
    roles = list(compress(zip(bio_kids, bio_roles, strict=True), bio_roles))  # roles are non-empty
    if len(set(roles)) != len(roles):
        return None
    special_from = SPECIAL_ADOPTION_FROM.isoformat()
    for i in compress(range(len(links)), map(not_, biological)):
        e = links[i]
        _adoption_dates(e, f"/parent_child/{i}", births.get(e["child"]), special_from, add)
    return parents, kids


def _adjacency(parents: list[str], kids: list[str]) -> dict[str, list[str]]:
    """Each parent's children, in input order."""
    children: dict[str, list[str]] = {}
    for parent, child in zip(parents, kids, strict=True):
        found = children.get(parent)
        if found is None:
            children[parent] = [child]
        else:
            found.append(child)
    return children


def _born_in_order(parents: list[str], kids: list[str], births: dict[str, str]) -> bool:
    """Whether every parent was born before each of its children: then no line of descent can
    come back to where it started, and there is no cycle to look for. Usual for real families
    (an adopter must be the elder, art. 793); a graph with a missing or an out-of-order birth date
    is searched link by link instead. ISO dates compare as strings."""
    older, younger = list(map(births.get, parents)), list(map(births.get, kids))
    if None in older or None in younger:
        return False
    return all(map(lt, cast(list[str], older), cast(list[str], younger)))


def _adoption_dates(
    e: dict[str, Any], path: str, born: str | None, special_from: str, add: Callable[[Issue], None]
) -> None:
    """The date checks of an adoptive or special-adoptive link (ISO dates compare as strings)."""
    if "adopted_on" in e and "dissolved_on" in e and e["dissolved_on"] < e["adopted_on"]:
        add(
            issue(
                "heirs.graph.date_order",
                f"{path}/dissolved_on",
                later="離縁日",
                earlier="縁組日",
                later_en="the dissolution date",
                earlier_en="the adoption date",
            )
        )
    if "decreed_on" in e and e["decreed_on"] < special_from:
        add(issue("heirs.graph.special_adoption_before_1988", f"{path}/decreed_on", date=e["decreed_on"]))
    if born is None:
        return
    for field in ("adopted_on", "decreed_on"):
        if field in e and e[field] < born:
            add(
                issue(
                    "heirs.graph.date_order",
                    f"{path}/{field}",
                    later="縁組日",
                    earlier="出生日",
                    later_en="the adoption date",
                    earlier_en="the birth date",
                )
            )


def _acyclic(children: dict[str, list[str]]) -> bool:
    """Whether the parent→child relation has no cycle (Kahn: peel off persons with no parent left).

    One visit per link and no path bookkeeping: the common, acyclic case stays cheap; only a graph
    with a cycle pays for the search that names one (:func:`_find_cycle`).
    """
    indegree: dict[str, int] = {}
    for kids in children.values():
        for kid in kids:
            indegree[kid] = indegree.get(kid, 0) + 1
    ready = [pid for pid in children if pid not in indegree]
    removed = 0
    while ready:
        pid = ready.pop()
        removed += 1
        for kid in children.get(pid, ()):
            left = indegree[kid] - 1
            indegree[kid] = left
            if not left:
                ready.append(kid)
    nodes = len(indegree) + sum(1 for pid in children if pid not in indegree)
    return removed == nodes


def _find_cycle(children: dict[str, list[str]]) -> list[str] | None:
    """One cycle in the parent→child relation, or ``None``."""
    return None if _acyclic(children) else _search_cycle(children)


def _search_cycle(children: dict[str, list[str]]) -> list[str] | None:
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
