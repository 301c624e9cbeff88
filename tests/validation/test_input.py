"""Bad bytes are findings with stable codes, never crashes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from endingnote.validation import validate
from endingnote.validation._input import MAX_DEPTH, parse_bytes


def codes(raw: bytes) -> list[str]:
    return [i.code for i in validate(raw).issues]


def test_malformed_json_reports_line_and_column() -> None:
    report = validate(b'{\n  "header": {"standard": "1.0"},\n  "person": [1, 2,]\n}')
    assert not report.valid
    [finding] = report.issues
    assert finding.code == "input.json_syntax"
    assert "line 3" in finding.message_en and "3 行" in finding.message_ja


def test_shift_jis_is_recognised() -> None:
    raw = '{"header": {"standard": "1.0"}, "x": "山田太郎"}'.encode("cp932")
    [finding] = validate(raw).issues
    assert finding.code == "input.encoding"
    assert "Shift_JIS" in finding.message_en and "UTF-8" in finding.message_ja


def test_bom_is_a_warning_and_the_document_is_still_validated(full_doc: dict[str, Any]) -> None:
    report = validate(b"\xef\xbb\xbf" + orjson.dumps(full_doc))
    assert [i.code for i in report.issues] == ["input.bom"]
    assert report.valid
    assert report.standard_version == "1.0"


def test_duplicate_keys_are_found_with_their_pointer() -> None:
    raw = b'{"header": {"standard": "1.0", "standard": "1.0"}, "person": {}}'
    report = validate(raw)
    assert [(i.code, i.path) for i in report.issues] == [("input.duplicate_key", "/header/standard")]


def test_duplicate_key_hidden_behind_unicode_escape_is_found() -> None:
    raw = b'{"header": {"standard": "1.0", "st\\u0061ndard": "1.0"}}'
    assert "input.duplicate_key" in codes(raw)


def test_keys_inside_strings_do_not_trip_the_duplicate_check(full_doc: dict[str, Any]) -> None:
    full_doc["person"]["name"]["family"] = 'a\\": "b'
    raw = orjson.dumps(full_doc, option=orjson.OPT_INDENT_2)
    assert "input.duplicate_key" not in codes(raw)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 2000])
def test_nesting_deeper_than_the_limit(depth: int) -> None:
    deep = "[" * depth + "]" * depth
    raw = ('{"header": {"standard": "1.0"}, "extensions": {"x": {"a": ' + deep + "}}}").encode()
    assert "input.too_deep" in codes(raw)


def _nested(levels: int, kind: type[dict[str, Any]] | type[list[Any]]) -> Any:
    root: Any = kind()
    node = root
    for _ in range(levels):
        child: Any = kind()
        if isinstance(node, dict):
            node["a"] = child
        else:
            node.append(child)
        node = child
    return root


def _cycle(kind: type[dict[str, Any]] | type[list[Any]]) -> Any:
    node: Any = kind()
    if isinstance(node, dict):
        node["again"] = node
    else:
        node.append(node)
    return node


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("header",), _nested(400, list)),
        (("header", "standard"), _nested(400, dict)),
        (("header", "standard"), _nested(400, list)),
        (("header", "language"), _cycle(dict)),
        (("person", "name"), _cycle(list)),
    ],
    ids=["header-list-400", "standard-dict-400", "standard-list-400", "header-cycle", "person-cycle"],
)
def test_a_deep_caller_document_is_a_finding_at_every_entry(
    full_doc: dict[str, Any], where: tuple[str, ...], value: Any
) -> None:
    """A dict handed in (not parsed by us, so not measured) nested beyond jsonschema-rs's recursion
    limit — a header 400 deep, or a cycle — is ``input.too_deep`` both through the front door and
    through the structure layer alone, which once raised ``ValueError: Recursion limit reached``."""
    from endingnote.standard import get
    from endingnote.validation._structure import check_structure

    parent: Any = full_doc
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = value
    assert [i.code for i in validate(full_doc).issues] == ["input.too_deep"]
    assert [i.code for i in check_structure(get("1.0"), full_doc)] == ["input.too_deep"]


def test_oversized_input_is_refused_without_parsing() -> None:
    parsed = parse_bytes(b'{"a": "' + b"x" * 100 + b'"}', max_bytes=50)
    assert [i.code for i in parsed.issues] == ["input.too_large"]
    assert parsed.doc is None


def test_oversized_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b'{"header": {"standard": "1.0"}, "pad": "' + b"x" * 5000 + b'"}')
    report = validate(path, max_bytes=1000)
    assert [i.code for i in report.issues] == ["input.too_large"]
    assert report.path == str(path)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "input.empty"),
        (b"   \n", "input.empty"),
        (b"[1, 2]", "input.not_object"),
        (b'"x"', "input.not_object"),
    ],
)
def test_not_a_document(raw: bytes, code: str) -> None:
    assert codes(raw) == [code]


def test_missing_header_and_unknown_version() -> None:
    assert codes(b'{"person": {}}') == ["header.missing"]
    report = validate(b'{"header": {"standard": "9.9"}}')
    assert [i.code for i in report.issues] == ["header.unknown_version"]
    assert "1.0" in report.issues[0].message_en
