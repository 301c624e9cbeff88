"""The JSON-LD @context of each version, read by a real JSON-LD processor (pyld): expanding the full
example with it turns every key of the note into its canonical URI, and nothing is dropped."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pyld import jsonld

from endingnote.standard import Field, Standard, get, standard_root, versions
from endingnote.standard._build import build


def _context(version: str) -> dict[str, Any]:
    path = standard_root() / version / "generated" / "context.jsonld"
    loaded: dict[str, Any] = json.loads(path.read_bytes())
    return loaded


def _check(
    std: Standard, node: dict[str, Any], obj: dict[str, Any], fields: dict[str, tuple[str, Field]]
) -> int:
    """Every key of ``obj`` is its URI in the expanded ``node``; returns how many keys were checked."""
    ns = std.namespace
    checked = 0
    for key, value in obj.items():
        checked += 1
        if key == "id":
            assert node[f"{ns}/record-id"] == [{"@value": value}]
            continue
        if key == "extensions":
            assert node[f"{ns}/extensions"][0]["@value"] == value
            continue
        uri, f = fields[key]
        assert uri in node, (key, uri, sorted(node))
        if f.type in std.parts:
            values = value if isinstance(value, list) else [value]
            assert len(node[uri]) == len(values), key
            part = {pf.key: (std.part_uri(f.type, pf.key), pf) for pf in std.parts[f.type].fields}
            for expanded, original in zip(node[uri], values, strict=True):
                checked += _check(std, expanded, original, part)
    return checked


@pytest.mark.parametrize("version", versions())
def test_expanding_the_full_example_turns_every_key_into_its_uri(version: str) -> None:
    std = get(version)
    note_bytes = (standard_root() / version / "generated" / "examples" / "full.json").read_bytes()
    note = json.loads(note_bytes)
    expanded = jsonld.expand(note, {"expandContext": _context(version)})
    assert len(expanded) == 1
    top = expanded[0]
    assert top[f"{std.namespace}/header"][0]["@value"] == note["header"]
    checked = 0
    for record_key, value in note.items():
        if record_key == "header":
            continue
        rt = std.records[record_key]
        nodes = top[std.record_uri(record_key)]
        records = value if isinstance(value, list) else [value]
        assert len(nodes) == len(records)
        items = {f.key: (std.item_uri(rt.key, f.key), f) for f in rt.items}
        for node, record in zip(nodes, records, strict=True):
            checked += _check(std, node, record, items)
    # every item of the catalogue that the full example fills was reached
    assert checked > len([i for i in std.items() if i.field.status != "deprecated"])
    assert json.loads(note_bytes) == note  # the note itself needs no change


def test_an_item_key_means_a_different_item_in_each_record_type() -> None:
    std = get(versions()[-1])
    note = {"person": {"name": {"family": "山田"}}, "family_member": [{"name": {"family": "田中"}}]}
    if "name" not in std.records["family_member"].item_map():
        pytest.fail("the catalogue has no family_member.name; pick another shared key")
    top = jsonld.expand(note, {"expandContext": _context(std.version)})[0]
    person = top[std.record_uri("person")][0]
    member = top[std.record_uri("family_member")][0]
    assert std.item_uri("person", "name") in person
    assert std.item_uri("family_member", "name") in member
    assert std.item_uri("person", "name") != std.item_uri("family_member", "name")


def test_dates_are_typed_and_unknown_keys_are_not_made_up() -> None:
    std = get(versions()[-1])
    top = jsonld.expand(
        {"person": {"birth_date": "1950-04-01", "no_such_item": 1}}, {"expandContext": _context(std.version)}
    )[0]
    person = top[std.record_uri("person")][0]
    assert person[std.item_uri("person", "birth_date")] == [
        {"@type": "http://www.w3.org/2001/XMLSchema#date", "@value": "1950-04-01"}
    ]
    assert len(person) == 1  # a key the context does not define is dropped, never given a URI


def test_the_context_is_checked_for_staleness() -> None:
    result = build(check=True, validate_examples=False)
    contexts = [p for p in result.unchanged if p.name == "context.jsonld"]
    assert len(contexts) == len(versions()), result.stale
