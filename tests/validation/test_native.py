"""The C tree walks (``_native``) against their Python reference (``_scan.*_py``), and the three places
that use them (duplicate keys, ids, conformance) against the implementations they replaced."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.standard import Standard, get
from endingnote.validation import _native, _scan, _semantic, validate
from endingnote.validation._conformance import Conformance, TierCount, conformance
from endingnote.validation._input import MAX_DEPTH, Parsed, _maybe_duplicates, depth, parse_bytes
from endingnote.validation._paths import pointer
from endingnote.validation._scan import collect_ids_py, mark_items_py, tree_stats_py

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from _corpus import corpus  # noqa: E402

# text with the characters that matter: ':' (counted), quotes and backslashes (escaped in JSON),
# 2- and 4-byte characters (other str kinds), and anything else now and then
CHARS = st.sampled_from([":", "a", "id", " ", '"', "\\", "/", "é", "あ", "：", "😀", "\u0100", "\n"])
text = st.lists(CHARS, max_size=8).map("".join) | st.text(max_size=6)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
)
trees = st.recursive(
    scalars, lambda c: st.lists(c, max_size=5) | st.dictionaries(text, c, max_size=5), max_leaves=40
)
odd = st.sampled_from([(1, ":"), {":", "a"}, b"a:b", 1j, object(), range(3)])
odd_trees = st.recursive(
    scalars | odd,
    lambda c: (
        st.lists(c, max_size=4) | st.dictionaries(text | st.integers() | st.just((":",)), c, max_size=4)
    ),
    max_leaves=30,
)


def test_the_extension_is_built() -> None:
    """`make install` builds it; without it every document pays for the Python walks."""
    assert _scan.NATIVE
    assert _scan.tree_stats is _native.tree_stats
    assert _scan.collect_ids is _native.collect_ids
    assert _scan.mark_items is _native.mark_items


def _depth_before(node: Any, limit: int = MAX_DEPTH) -> int:
    """`_input.depth` as it was (pure Python): the semantics tree_stats keeps."""
    best = 0
    stack: list[tuple[Any, int]] = [(node, 1)]
    while stack:
        cur, d = stack.pop()
        if d > best:
            best = d
            if best > limit:
                return best
        if isinstance(cur, dict):
            stack.extend((v, d + 1) for v in cur.values() if isinstance(v, dict | list))
        elif isinstance(cur, list):
            stack.extend((v, d + 1) for v in cur if isinstance(v, dict | list))
    return best


def _colons(node: Any) -> int:
    """The definition, recursively: keys + ':' in str keys and str values."""
    if isinstance(node, str):
        return node.count(":")
    if isinstance(node, dict):
        return sum(1 + (k.count(":") if isinstance(k, str) else 0) + _colons(v) for k, v in node.items())
    if isinstance(node, list):
        return sum(_colons(v) for v in node)
    return 0


@settings(max_examples=600, deadline=None)
@given(trees, st.integers(min_value=0, max_value=8))
def test_tree_stats_equals_the_reference(tree: Any, limit: int) -> None:
    full = _native.tree_stats(tree)
    assert full == tree_stats_py(tree) == (_colons(tree), _depth_before(tree, 10**9))
    bounded = _native.tree_stats(tree, limit)
    assert bounded == tree_stats_py(tree, limit)
    assert bounded[1] == _depth_before(tree, limit) == depth(tree, limit)
    assert bounded == (full if full[1] <= limit else (-1, limit + 1))


@settings(max_examples=300, deadline=None)
@given(odd_trees)
def test_other_types_are_ignored(tree: Any) -> None:
    assert _native.tree_stats(tree) == tree_stats_py(tree)


@pytest.mark.parametrize("kind", ["list", "dict"])
def test_deep_trees_do_not_crash(kind: str) -> None:
    root: Any = [] if kind == "list" else {}
    node = root
    for _ in range(2000):  # built iteratively
        child: Any = [":"] if kind == "list" else {"k:": None}
        if kind == "list":
            node.append(child)
        else:
            node["x"] = child
        node = child
    # a list holds ":" and the next list; a dict "k:" (a key and a colon) and "x" (a key)
    expected = (2000, 2001) if kind == "list" else (3 * 2000, 2001)
    assert _native.tree_stats(root) == tree_stats_py(root) == expected
    assert _native.tree_stats(root, MAX_DEPTH) == (-1, MAX_DEPTH + 1)
    assert depth(root) == MAX_DEPTH + 1
    assert depth(root, 5000) == 2001


def test_a_cycle_is_refused_not_followed_forever() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    assert _native.tree_stats(cycle, MAX_DEPTH) == (-1, MAX_DEPTH + 1)
    assert depth(cycle) == MAX_DEPTH + 1
    with pytest.raises(RecursionError):
        _native.tree_stats(cycle)


def test_str_kinds_and_word_boundaries() -> None:
    for s in ["", ":", ":" * 17, "a:b:c:d:e:f:g:h:i", "あ:い:う:え:お:か", "😀:" * 9, "ā:" * 9, "\u3a3a:"]:
        for pad in range(5):
            value = "x" * pad + s if s.isascii() else "あ" * pad + s
            assert _native.tree_stats(value) == (value.count(":"), 1)
            assert _native.tree_stats({value: [value]}) == (1 + 2 * value.count(":"), 2)


# ---- ids -----------------------------------------------------------------------------------
ids = st.sampled_from(["a", "b", "c", "あ", "a:b"]) | st.none() | st.integers(0, 2) | st.just(["a"])
records = st.dictionaries(st.sampled_from(["id", "name"]), ids, max_size=2) | scalars
docs_with_ids = st.dictionaries(
    st.sampled_from(["k1", "k2", "k3", "k4"]), st.lists(records, max_size=6) | records, max_size=4
)


@settings(max_examples=500, deadline=None)
@given(docs_with_ids, st.permutations(["k1", "k2", "k3", "k5"]))
def test_collect_ids_equals_the_reference(doc: dict[str, Any], keys: list[str]) -> None:
    assert _native.collect_ids(doc, tuple(keys)) == collect_ids_py(doc, tuple(keys))


def _prepare_before(std: Standard, doc: dict[str, Any]) -> tuple[list[Issue], dict[str, set[str]]]:
    """`_semantic.prepare` as it was (issues, and the ids it bound)."""
    out: list[Issue] = []
    found: dict[str, set[str]] = {}
    for key in _semantic._plan(std).repeating:
        records = doc.get(key)
        if not isinstance(records, list):
            continue
        values = [r.get("id") if isinstance(r, dict) else None for r in records]
        seen = set(values)
        if len(seen) != len(values):
            first: set[Any] = set()
            for i, rid in enumerate(values):
                if isinstance(rid, str) and rid in first:
                    out.append(issue("semantic.duplicate_id", pointer([key, i, "id"]), value=rid))
                first.add(rid)
        found[key] = {v for v in seen if isinstance(v, str)}
    return out, found


def _conformance_before(std: Standard, doc: dict[str, Any]) -> Conformance:
    """`_conformance.conformance` as it was."""
    by_record: dict[str, tuple[str, tuple[tuple[str, frozenset[str]], ...]]] = {}
    totals: dict[tuple[str, str], int] = {}
    common: dict[str, tuple[str, ...]] = {}
    for rt in std.records.values():
        tiers: dict[str, set[str]] = {}
        for f in rt.items:
            if f.tier in ("common", "cooperative") and f.status != "deprecated":
                tiers.setdefault(f.tier, set()).add(f.key)
                totals[(rt.category, f.tier)] = totals.get((rt.category, f.tier), 0) + 1
        if tiers:
            by_record[rt.key] = (rt.category, tuple((t, frozenset(k)) for t, k in sorted(tiers.items())))
            common[rt.key] = tuple(sorted(f"{rt.key}.{k}" for k in tiers.get("common", ())))
    hits: dict[tuple[str, str], int] = {}
    missing: list[str] = []
    for record_key, (category, tiers_) in by_record.items():
        value = doc.get(record_key)
        if value is None:
            missing.extend(common[record_key])
            continue
        if isinstance(value, list):
            present: Any = set().union(*(r for r in value if isinstance(r, dict)))
        else:
            present = value if isinstance(value, dict) else {}
        for tier, keys in tiers_:
            n = len(keys.intersection(present))
            if n:
                hits[(category, tier)] = hits.get((category, tier), 0) + n
            if tier == "common" and n < len(keys):
                missing.extend(f"{record_key}.{k}" for k in sorted(keys.difference(present)))
    out = Conformance(missing_common=sorted(missing))
    for (category, tier), total in totals.items():
        out.by_category.setdefault(category, {})[tier] = TierCount(hits.get((category, tier), 0), total)
    return out


def _mutations(doc: dict[str, Any], std: Standard) -> list[dict[str, Any]]:
    """The document, and variants with the shapes the summaries must survive."""
    out = [doc]
    keys = [k for k in std.records if k in doc]
    repeating = [k for k in keys if isinstance(doc[k], list) and doc[k]]
    if repeating:
        dup = orjson.loads(orjson.dumps(doc))
        for key in repeating[:3]:
            dup[key].append(dict(dup[key][0]))  # a repeated id
            dup[key].append("not a record")
        out.append(dup)
    thin = {k: v for i, (k, v) in enumerate(doc.items()) if i % 2}  # half the records absent
    out.append(thin)
    odd = dict(doc)
    for i, key in enumerate(keys):
        odd[key] = [None, "x", 3, {}, True][i % 5]  # None, non-dict, empty record...
    out.append(odd)
    partial = orjson.loads(orjson.dumps(doc))
    for key in keys[::3]:
        value = partial[key]
        for record in value if isinstance(value, list) else [value]:
            if isinstance(record, dict):
                for item in list(record)[::2]:
                    del record[item]
    out.append(partial)
    return out


def _documents() -> list[dict[str, Any]]:
    docs = [orjson.loads(raw) for raw in corpus(25)]
    for path in sorted(ROOT.glob("standard/*/generated/conformance/**/*.json")):
        try:
            doc = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError:
            continue
        if isinstance(doc, dict):
            docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    docs = _documents()
    assert len(docs) > 40
    return docs


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_prepare_is_unchanged(
    version: str, documents: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    std = get(version)
    bound: list[dict[str, set[str]]] = []
    monkeypatch.setattr(_semantic, "bind", lambda found, today: bound.append(found))
    duplicates = 0
    for base in documents:
        for doc in _mutations(base, std):
            issues, expected = _prepare_before(std, doc)
            assert _semantic.prepare(std, doc, datetime.date(2026, 1, 1)) == issues
            assert bound.pop() == expected
            assert list(expected) == list(collect_ids_py(doc, _semantic._plan(std).repeating)[0])
            duplicates += len(issues)
    assert duplicates > 0  # the slow path ran


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_conformance_is_unchanged(version: str, documents: list[dict[str, Any]]) -> None:
    std = get(version)
    missing = 0
    for base in documents:
        for doc in _mutations(base, std):
            got = conformance(std, doc)
            assert got == _conformance_before(std, doc)
            assert list(got.by_category.items()) == list(_conformance_before(std, doc).by_category.items())
            missing += len(got.missing_common)
    assert missing > 0


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["r1", "r2", "r3", "r4"]),
        st.lists(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), scalars, max_size=4) | scalars)
        | st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), scalars, max_size=4)
        | scalars,
        max_size=4,
    ),
    st.data(),
)
def test_mark_items_equals_the_reference(doc: dict[str, Any], data: st.DataObject) -> None:
    records = data.draw(st.lists(st.sampled_from(["r1", "r2", "r3", "r5"]), unique=True))
    index: dict[str, dict[str, int]] = {}
    nslots = 0
    for record in records:
        members = data.draw(st.lists(st.sampled_from(["a", "b", "c", "e"]), unique=True))
        index[record] = {m: nslots + i for i, m in enumerate(members)}
        nslots += len(members)
    assert _native.mark_items(doc, index, nslots) == mark_items_py(doc, index, nslots)


def test_mark_items_refuses_a_bad_index() -> None:
    with pytest.raises(IndexError):
        _native.mark_items({"r": {"a": 1}}, {"r": {"a": 5}}, 3)
    with pytest.raises(TypeError):
        _native.mark_items({"r": {}}, {"r": ["a"]}, 3)  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        _native.collect_ids([], ("a",))  # type: ignore[arg-type]


def test_an_unhashable_id_is_a_finding_not_a_crash(full_doc: dict[str, Any]) -> None:
    key = next(k for k, v in full_doc.items() if isinstance(v, list) and v and isinstance(v[0], dict))
    full_doc[key][0]["id"] = ["not", "a", "string"]
    report = validate(orjson.dumps(full_doc))
    assert not report.valid
    assert any(i.path.startswith(f"/{key}/0") for i in report.issues)


# ---- duplicate keys ------------------------------------------------------------------------
class Obj(list[tuple[str, Any]]):
    """An object as written: its pairs, repeated keys and all."""


keys = st.sampled_from(["a", "a:", 'q"', "\\", "あ:", "😀"]) | text  # few keys: repeats are common
objs = st.recursive(
    scalars,
    lambda c: st.lists(c, max_size=4) | st.lists(st.tuples(keys, c), max_size=4).map(Obj),
    max_leaves=30,
)


def _dump(node: Any, pretty: bool) -> str:
    colon, comma = (" : ", ",\n  ") if pretty else (":", ",")
    if isinstance(node, Obj):
        pairs = (json.dumps(k, ensure_ascii=False) + colon + _dump(v, pretty) for k, v in node)
        return "{" + comma.join(pairs) + "}"
    if isinstance(node, list):
        return "[" + comma.join(_dump(v, pretty) for v in node) + "]"
    return json.dumps(node, ensure_ascii=False)


def _has_duplicate(node: Any) -> bool:
    if isinstance(node, Obj):
        keys = [k for k, _ in node]
        return len(set(keys)) != len(keys) or any(_has_duplicate(v) for _, v in node)
    return isinstance(node, list) and any(_has_duplicate(v) for v in node)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(keys, objs), max_size=4).map(Obj), st.booleans())
def test_the_colon_count_finds_every_duplicate_key(tree: Obj, pretty: bool) -> None:
    raw = _dump(tree, pretty).encode()
    dup = _has_duplicate(tree)
    if b"\\u" not in raw:  # the fast path decides: never a false "no duplicates"
        assert _maybe_duplicates(raw, orjson.loads(raw), Parsed()) == dup
    parsed = parse_bytes(raw)
    assert any(i.code == "input.duplicate_key" for i in parsed.issues) == dup


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        (b'{"a": 1, "b": {"c": "x:y", "c": "x:y"}}', "/b/c"),
        (b'{"a:b": 1, "a:b": 2}', "/a:b"),
        (b'{"l": [{"k": 1}, {"k": 1, "k": 2}]}', "/l/1/k"),
        (b'{"q": "\\"a\\": 1", "q": "\\\\"}', "/q"),
        (b'{"s\\"": 1, "s\\"": 1}', '/s"'),
        (b'{\n  "x" : {\n    "y" : ":" ,\n    "y" : ":"\n  }\n}', "/x/y"),
        (b'{"n": [[[{"deep": {"z": 0, "z": {"w": ":::"}}}]]]}', "/n/0/0/0/deep/z"),
        ('{"名前": "山田:太郎", "名前": "花子"}'.encode(), "/名前"),
    ],
)
def test_duplicate_keys_are_reported_with_their_pointer(raw: bytes, path: str) -> None:
    assert b"\\u" not in raw
    assert _maybe_duplicates(raw, orjson.loads(raw), Parsed())
    parsed = parse_bytes(raw)
    assert [(i.code, i.path) for i in parsed.issues] == [("input.duplicate_key", path)]


def test_parse_records_the_depth_it_measured(full_doc: dict[str, Any]) -> None:
    parsed = parse_bytes(orjson.dumps(full_doc))
    assert parsed.ok and parsed.depth == _depth_before(full_doc, 10**9)


class _Meddler(str):
    """A str whose hashing and comparing run Python code that empties the containers being walked."""

    victims: list[Any] = []  # noqa: RUF012

    def __hash__(self) -> int:
        for victim in _Meddler.victims:
            victim.clear()
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        for victim in _Meddler.victims:
            victim.clear()
        return str.__eq__(self, other)


def test_python_code_run_mid_walk_cannot_crash_it() -> None:
    """Exotic keys and ids run Python code inside the C loops; held references keep it safe."""
    for _ in range(3):
        records = [{"id": _Meddler("a")}, {"id": "a"}, {"id": _Meddler("b")}, {"x": 1}]
        doc: dict[str, Any] = {"k": records, "j": [{"id": "c"}]}
        _Meddler.victims = [records, doc, *records]
        found, _repeated = _native.collect_ids(doc, ("k", "j", "k"))
        assert set(found) <= {"k", "j"}
        record: dict[Any, Any] = {_Meddler("a"): 1, "b": 2}
        rows = [record, {"a": 1}, {_Meddler("b"): 0}]
        doc = {"r": rows, "s": record}
        index = {"r": {"a": 0, "b": 1}, "s": {"a": 2, "b": 3}, "t": {"a": 4}}
        _Meddler.victims = [rows, doc, record, index["r"]]
        flags = _native.mark_items(doc, index, 5)
        assert len(flags) == 5 and set(flags) <= {0, 1}
    _Meddler.victims = []
