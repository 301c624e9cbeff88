"""Generated artifacts: fresh, consistent with each other, and the models agree with the schema."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endingnote.standard import get
from endingnote.standard._build import build, version_artifacts
from endingnote.standard._catalogue import read_xlsx_sheets


def test_committed_artifacts_are_fresh() -> None:
    """Golden files: regenerating them changes nothing (what `standard build --check` runs in CI)."""
    result = build(check=True)
    assert result.stale == [], f"stale: {result.stale}; run `endingnote standard build`"
    assert result.problems == []


def test_check_detects_a_hand_edit(tmp_path: Path, repo_root: Path) -> None:
    import shutil

    shutil.copytree(repo_root / "standard" / "1.0", tmp_path / "1.0")
    build(root=tmp_path)
    schema = tmp_path / "1.0" / "generated" / "schema.json"
    schema.write_bytes(schema.read_bytes().replace(b'"maxLength": 50', b'"maxLength": 51', 1))
    assert schema in build(check=True, root=tmp_path).stale


def test_csv_and_xlsx_carry_the_same_catalogue(repo_root: Path) -> None:
    std = get("1.0")
    gen = repo_root / "standard" / "1.0" / "generated"
    raw = (gen / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["key"] for r in rows] == [i.key for i in std.items()]
    sheets = read_xlsx_sheets((gen / "catalogue.xlsx").read_bytes())
    xlsx_keys = [row[0] for row in sheets["items"][2:]]
    assert xlsx_keys == [r["key"] for r in rows]


def test_schema_is_closed_except_the_extension_slot() -> None:
    schema = orjson.loads(version_artifacts(get("1.0"))["generated/schema.json"])
    open_objects = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and node.get("additionalProperties") is not False:
                open_objects.append(path)
            for k, v in node.items():
                walk(v, f"{path}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}/{i}")

    walk(schema, "")
    assert sorted(open_objects) == [
        "/$defs/extensions",  # the slot itself: aliases → …
        "/$defs/extensions/additionalProperties",  # … the vendor's own content
        "/$defs/header/properties/extensions",  # alias → namespace URI map
    ]


def test_load_returns_a_typed_note(repo_root: Path) -> None:
    import datetime

    import endingnote

    note = endingnote.load(repo_root / "standard" / "1.0" / "generated" / "examples" / "full.json")
    assert type(note).__name__ == "Note"
    person = note.person  # type: ignore[attr-defined]
    assert person.birth_date == datetime.date(1950, 4, 1)
    assert person.name.family == "山田"


def test_load_raises_with_the_whole_report(full_doc: dict[str, Any]) -> None:
    import endingnote

    full_doc["person"]["birth_date"] = "1950-13-01"
    full_doc["person"]["sex"] = "x"
    with pytest.raises(endingnote.InvalidDocumentError) as exc:
        endingnote.load(full_doc)
    assert {i.code for i in exc.value.report.errors} == {"value.date", "value.code"}


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=10**6),
    st.sampled_from(
        ["", "x", "ヤマダ", "やまだ", "1950-02-30", "1950-04-01", "2026-01-01T10:00:00", "JPY", "1", "A"]
    ),
    st.text(max_size=5),
    # a fresh container each draw: st.just([]) hands out one shared object, which a later mutation
    # could set inside itself (a cycle that once reached jsonschema-rs as "Recursion limit reached")
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: ["x"]),
)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _leaves(v, (*path, i))
    return out


def _schema_and_model_accept(doc: dict[str, Any]) -> tuple[bool, bool]:
    """Whether the 1.0 schema (the structure layer) and the 1.0 model accept ``doc``."""
    from pydantic import ValidationError

    from endingnote.standard.models import note_model
    from endingnote.validation._structure import check_structure

    schema_ok = not check_structure(get("1.0"), doc)
    try:
        note_model("1.0").model_validate_json(orjson.dumps(doc))
    except ValidationError:
        return schema_ok, False
    return schema_ok, True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_models_and_schema_accept_the_same_documents(full_doc: dict[str, Any], data: st.DataObject) -> None:
    """Both are generated from the catalogue; on mutated documents they must agree."""
    doc = copy.deepcopy(full_doc)
    paths = _leaves(doc)
    for _ in range(data.draw(st.integers(min_value=0, max_value=3))):
        path = data.draw(st.sampled_from(paths))
        parent: Any = doc
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = data.draw(st.sampled_from(["set", "delete", "add"]))
            if action == "set":
                parent[path[-1]] = data.draw(_VALUES)
            elif action == "delete" and isinstance(parent, dict):
                del parent[path[-1]]
            elif action == "add" and isinstance(parent, dict):
                parent["zz_unknown"] = 1
        except (KeyError, IndexError, TypeError):
            continue
    schema_ok, model_ok = _schema_and_model_accept(doc)
    assert schema_ok == model_ok, doc


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("language", ""),
        ("language", "日本語"),
        ("language", "ja-JP"),
        ("extensions", {"acme": "not a namespace"}),
        ("extensions", {"acme": "https://acme.example/ns"}),
    ],
)
def test_models_and_schema_agree_on_the_header(full_doc: dict[str, Any], member: str, value: Any) -> None:
    """The header's model is written by the code generator, not from the catalogue: its patterns
    come from the same constants as the schema's (an empty ``language`` once passed the model)."""
    full_doc["header"][member] = value
    schema_ok, model_ok = _schema_and_model_accept(full_doc)
    assert schema_ok == model_ok == (value in ("ja-JP", {"acme": "https://acme.example/ns"}))
