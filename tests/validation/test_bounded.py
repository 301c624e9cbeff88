"""No document multiplies the validator's work: findings are capped, memory and time stay bounded.

Each hostile input of issue 18 is rebuilt here at full size and validated in a child process whose
address space is capped (``RLIMIT_AS``): before the fix each one took gigabytes (or killed the
machine); now each must finish inside the cap with at most ``validation.report.max_findings``
findings and one ``input.too_many_findings``.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endingnote.standard import get
from endingnote.validation._limits import FINDINGS
from endingnote.validation._schema_walk import KEYWORDS, SMALL

CAP_BYTES = 1_500_000_000  # address space: the interpreter and its libraries, plus well under 1 GB

CHILD = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
from endingnote.validation import validate_bytes
kind = sys.argv[1]
head = b'{"header":{"standard":"1.0"'
person = b'"person":{"name":{"family":"a","given":"b"},"birth_date":"1950-01-01"}'
def many(item, n):
    return b",".join(item % i if b"%d" in item else item for i in range(n))
if kind == "duplicate_keys":  # 15 MB of one key, again and again
    raw = head + b'}' + b',"a":1' * (15 * 1024 * 1024 // 6) + b'}'
elif kind == "bad_aliases":  # 200,000 extension aliases that break the alias pattern
    raw = head + b',"extensions":{' + many(b'"B%d":"u"', 200_000) + b'}},' + person + b'}'
elif kind == "wrong_items":  # 5 million array items of the wrong type
    raw = head + b'},' + person + b',"deposit_account":[' + many(b"1", 5_000_000) + b']}'
elif kind == "secrets":  # 500,000 stored PINs in an extension
    slot = b',"extensions":{"x":{"m":[' + many(b'"PIN: 1234"', 500_000) + b']}}}'
    raw = head + b',"extensions":{"x":"urn:x"}},' + person + slot
elif kind == "unknown_members":  # 500,000 members the standard does not know, in one record
    raw = head + b'},"person":{"name":{"family":"a","given":"b"},' + many(b'"u%d":1', 500_000) + b'}}'
report = validate_bytes(raw)
codes = [i.code for i in report.issues]
print(len(raw), len(codes), codes[-1], len(set(codes)))
"""


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("duplicate_keys", "input.duplicate_key"),
        ("bad_aliases", "value.alias"),
        ("wrong_items", "structure.type"),
        ("secrets", "policy.secret"),
        ("unknown_members", "structure.unknown_property"),
    ],
)
def test_a_hostile_document_is_capped_in_findings_and_memory(kind: str, code: str) -> None:
    script = CHILD.replace("CAP", str(CAP_BYTES))
    out = subprocess.run([sys.executable, "-c", script, kind], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    size, count, last, _distinct = out.stdout.split()
    assert int(size) > 1_000_000
    assert count == str(FINDINGS.value + 1)
    assert last == "input.too_many_findings"


def test_the_schema_uses_only_keywords_the_walk_knows() -> None:
    from endingnote.standard import versions
    from endingnote.standard._schema import build_schema

    def keys(node: Any) -> set[str]:
        if isinstance(node, list):
            return set().union(*map(keys, node)) if node else set()
        if not isinstance(node, dict):
            return set()
        found: set[str] = set()
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for sub in value.values():
                    found |= keys(sub)
            else:
                found.add(key)
                if key not in ("enum", "const", "examples", "default"):
                    found |= keys(value)
        return found

    for version in versions():
        assert keys(build_schema(get(version))) <= KEYWORDS, version


# --- the walk finds what validating the whole document finds --------------------------------------


def _whole(doc: dict[str, Any]) -> set[tuple[str, str]]:
    from endingnote.validation._bound import validator
    from endingnote.validation._structure import translate_all

    std = get("1.0")
    return {(i.code, i.path) for err in validator(std).iter_errors(doc) for i in translate_all(std, err)}


def _walked(doc: dict[str, Any]) -> set[tuple[str, str]]:
    from endingnote.validation._structure import check_structure

    return {(i.code, i.path) for i in check_structure(get("1.0"), doc, budget=10**6)}


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _places(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _places(v, (*path, i))
    return out


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.text(max_size=5),
    st.sampled_from(["2024-02-30", "ヤマダ", "やまだ", "1", "x" * 300, "BAD", "https://x"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["id", "x", "BAD", "name"]), st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_the_walk_and_the_whole_agree(full_doc: dict[str, Any], data: st.DataObject) -> None:
    import copy

    from endingnote.validation._bound import bind

    bind({}, "2026-01-01")
    doc = copy.deepcopy(full_doc)
    places = [p for p in _places(doc) if p]
    for _ in range(data.draw(st.integers(1, 6))):
        place = data.draw(st.sampled_from(places))
        parent: Any = doc
        try:
            for step in place[:-1]:
                parent = parent[step]
            action = data.draw(st.sampled_from(["set", "delete", "add", "grow"]))
            if action == "set":
                parent[place[-1]] = data.draw(junk)
            elif action == "delete" and isinstance(parent, dict):
                del parent[place[-1]]
            elif action == "add" and isinstance(parent, dict):
                parent[data.draw(st.sampled_from(["unknown", "BAD", "extensions", "id"]))] = data.draw(junk)
            elif action == "grow":  # big enough that the walk splits it
                parent[place[-1]] = [copy.deepcopy(parent[place[-1]]) for _ in range(SMALL)]
        except (KeyError, IndexError, TypeError):
            continue
    assert _walked(doc) == _whole(doc)


def test_a_big_valid_document_is_one_call(full_doc: dict[str, Any]) -> None:
    from endingnote.validation._structure import check_structure

    full_doc["deposit_account"] = full_doc["deposit_account"] * 2000
    for i, account in enumerate(full_doc["deposit_account"]):
        full_doc["deposit_account"][i] = {**account, "id": f"d{i}"}
    assert len(orjson.dumps(full_doc)) > 1_000_000
    assert check_structure(get("1.0"), full_doc) == []
