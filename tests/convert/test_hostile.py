"""Hostile and broken input is refused cleanly: a finding, no traceback, nothing written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from endingnote.convert import (
    Mapping,
    convert_bytes,
    escape_formula,
    load_mapping,
    to_vendor,
    unescape_formula,
)
from tests.convert.conftest import write_mapping

XML_FIELDS = """
fields:
  - {source: "x:name", target: person.name, transforms: [name_split]}
"""


@pytest.fixture
def xml_mapping(tmp_path: Path) -> Mapping:
    source = '{format: xml, persons: "/x:root/x:p", namespaces: {x: "urn:x"}, max_bytes: 100000}'
    return load_mapping(write_mapping(tmp_path, source, XML_FIELDS))


def _codes(conv: object) -> list[str]:
    return [i.code for i in conv.issues]  # type: ignore[attr-defined]


def test_xxe_is_refused(xml_mapping: Mapping, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    raw = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<x:root xmlns:x="urn:x"><x:p><x:name>&xxe;</x:name></x:p></x:root>'
    ).encode()
    conv = convert_bytes(raw, xml_mapping)
    assert conv.refused and conv.persons == []
    assert _codes(conv) == ["convert.input.doctype"]
    assert b"TOP SECRET" not in str(conv.loss_report()).encode()


def test_billion_laughs_is_refused(xml_mapping: Mapping) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{"&lol" + (str(i - 1) if i > 1 else "") + ";" * 1}' * 1 + '">'
        for i in range(1, 10)
    )
    raw = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><x:root xmlns:x="urn:x">&lol9;</x:root>'.encode()
    conv = convert_bytes(raw, xml_mapping)
    assert conv.refused
    assert _codes(conv) == ["convert.input.doctype"]


def test_external_dtd_is_refused(xml_mapping: Mapping) -> None:
    raw = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://evil.example/x.dtd"><x:root xmlns:x="urn:x"/>'
    conv = convert_bytes(raw, xml_mapping)
    assert conv.refused and _codes(conv) == ["convert.input.doctype"]


def test_entity_declaration_without_doctype_keyword_case_is_refused(xml_mapping: Mapping) -> None:
    raw = b'<?xml version="1.0"?><!doctype r [<!entity a "b">]><x:root xmlns:x="urn:x"/>'
    conv = convert_bytes(raw, xml_mapping)
    assert conv.refused and _codes(conv) == ["convert.input.doctype"]


def test_oversized_xml_is_refused(xml_mapping: Mapping) -> None:
    body = "".join(f"<x:p><x:name>山田 太郎{i}</x:name></x:p>" for i in range(5000))
    raw = f'<x:root xmlns:x="urn:x">{body}</x:root>'.encode()
    assert len(raw) > xml_mapping.source.max_bytes
    conv = convert_bytes(raw, xml_mapping)
    assert conv.refused and _codes(conv) == ["convert.input.too_large"]


def test_deeply_nested_xml_is_refused_by_the_parser(xml_mapping: Mapping) -> None:
    raw = ('<x:root xmlns:x="urn:x">' + "<a>" * 300 + "</a>" * 300 + "</x:root>").encode()
    conv = convert_bytes(raw, xml_mapping)
    assert conv.refused and _codes(conv) == ["convert.input.xml"]


def test_malformed_xml_reports_the_line(xml_mapping: Mapping) -> None:
    conv = convert_bytes(b'<x:root xmlns:x="urn:x">\n<x:p>\n</x:root>', xml_mapping)
    assert conv.refused
    assert conv.issues[0].code == "convert.input.xml" and conv.issues[0].path.startswith("line:")


def _csv(text: str, encoding: str = "cp932") -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


HEADER = "ID,NAME,BIRTH,SEX,PREF,CITY\n"


def test_ragged_csv_rows_are_refused(csv_mapping: Mapping) -> None:
    raw = _csv(
        HEADER + "1,山田 太郎,S25.4.1,M,東京都,千代田区\n2,鈴木 花子,S30.1.1,F,東京都\n3,a,b,c,d,e,f\n"
    )
    conv = convert_bytes(raw, csv_mapping)
    assert conv.refused and conv.persons == []
    assert [(i.code, i.path) for i in conv.issues] == [
        ("convert.input.ragged_row", "line:3"),
        ("convert.input.ragged_row", "line:4"),
    ]


@pytest.mark.parametrize("raw", [b"", b"\r\n", b"\n\n\n"], ids=["empty", "crlf", "blank-lines"])
def test_a_file_without_a_header_is_refused_naming_the_key_column(csv_mapping: Mapping, raw: bytes) -> None:
    # found by fuzz/csv_source (fuzz/crashes/csv_source/empty-file): a ValueError from the reader
    conv = convert_bytes(raw, csv_mapping)
    assert conv.refused and conv.persons == []
    assert [(i.code, i.path) for i in conv.issues] == [("convert.input.missing_column", "line:1 col:ID")]


def test_utf8_file_declared_cp932_is_a_clear_finding(csv_mapping: Mapping) -> None:
    raw = _csv(HEADER + "1,山田 太郎,S25.4.1,M,東京都,千代田区\n", "utf-8")
    conv = convert_bytes(raw, csv_mapping)
    assert conv.refused
    assert conv.issues[0].code == "convert.input.wrong_encoding"
    assert "UTF-8" in conv.issues[0].message_en


def test_cp932_file_declared_utf8_is_a_clear_finding(tmp_path: Path) -> None:
    mapping = load_mapping(write_mapping(tmp_path, "{format: csv, encoding: utf-8, person_key: ID}"))
    conv = convert_bytes(_csv(HEADER + "1,山田 太郎,S25.4.1,M,東京都,千代田区\n"), mapping)
    assert conv.refused
    assert conv.issues[0].code == "convert.input.wrong_encoding"
    assert "cp932" in conv.issues[0].message_en


def test_undecodable_bytes_are_refused(csv_mapping: Mapping) -> None:
    conv = convert_bytes(HEADER.encode() + b"1,\x82\xff\xfe,S25.4.1,M,x,y\r\n", csv_mapping)
    assert conv.refused and conv.issues[0].code == "convert.input.undecodable"


def test_auto_encoding_reads_both(tmp_path: Path) -> None:
    mapping = load_mapping(write_mapping(tmp_path, "{format: csv, encoding: auto, person_key: ID}"))
    for enc in ("utf-8", "cp932", "utf-8-sig"):
        conv = convert_bytes(
            _csv(HEADER + "1,山田 太郎,S25.4.1,M,東京都,千代田区\n", enc), mapping, validate=False
        )
        assert not conv.refused, enc
        assert conv.persons[0].document["person"]["name"] == {"family": "山田", "given": "太郎"}


def test_invalid_json_is_refused(tmp_path: Path) -> None:
    mapping = load_mapping(
        write_mapping(
            tmp_path, '{format: json, persons: "/p"}', "fields:\n  - {source: /n, target: person.sex}\n"
        )
    )
    conv = convert_bytes(b'{"p": [1, 2,', mapping)
    assert conv.refused and conv.issues[0].code == "convert.input.json"


@pytest.mark.parametrize("value", ["=1+1", "+81-3", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=already"])
def test_formula_escape_round_trips(value: str) -> None:
    escaped = escape_formula(value)
    assert escaped.startswith("'")
    assert unescape_formula(escaped) == value


@pytest.mark.parametrize("value", ["山田", "090-1234", "a=b", "", "'plain"])
def test_harmless_values_are_not_escaped(value: str) -> None:
    assert escape_formula(value) == value
    assert unescape_formula(value) == value


def _doc(name_family: str) -> dict[str, object]:
    return {
        "header": {"standard": "1.0"},
        "person": {
            "name": {"family": name_family, "given": "太郎"},
            "birth_date": "1950-04-01",
            "sex": "1",
            "residence_address": {"prefecture": "=cmd|' /C calc'!A0", "city": "@SUM(1)"},
        },
    }


def test_written_csv_neutralises_formulas(csv_mapping: Mapping) -> None:
    data, _ = to_vendor([("1", _doc("+HYPERLINK"))], csv_mapping)
    text = data.decode("cp932")
    assert "'=cmd" in text and "'@SUM(1)" in text
    for line in text.splitlines()[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in line.split(","))
    # reading our own output back restores the values exactly
    conv = convert_bytes(data, csv_mapping, validate=False)
    person = conv.persons[0].document["person"]
    assert person["residence_address"]["prefecture"] == "=cmd|' /C calc'!A0"
    assert person["name"]["family"] == "+HYPERLINK"


def test_written_xlsx_has_no_formula_cells(tmp_path: Path) -> None:
    import openpyxl

    mapping = load_mapping(write_mapping(tmp_path, "{format: xlsx, person_key: ID}"))
    data, _ = to_vendor([("1", _doc("-2+3"))], mapping)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type == "s" for c in cells)
    # formula-looking text is kept exactly, as a text cell with the quote-prefix style
    risky = [c for c in cells if str(c.value).startswith(("=", "+", "-", "@"))]
    assert {c.value for c in risky} == {"-2+3\u3000太郎", "=cmd|' /C calc'!A0", "@SUM(1)"}
    assert all(c.quotePrefix for c in risky)
    import zipfile

    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    conv = convert_bytes(data, mapping, validate=False)
    assert conv.persons[0].document["person"]["residence_address"]["city"] == "@SUM(1)"


def test_output_characters_the_encoding_lacks_are_reported(csv_mapping: Mapping) -> None:
    doc = _doc("髙橋")
    doc["person"]["residence_address"] = {"prefecture": "東京都", "city": "𠮷野町"}  # type: ignore[index]
    data, issues = to_vendor([("1", doc)], csv_mapping)
    assert [i.code for i in issues] == ["convert.output.unencodable"]
    assert "𠮷" in issues[0].message_ja
    assert "髙橋" in data.decode("cp932")  # cp932 has 髙 (an IBM extension); only 𠮷 is replaced
