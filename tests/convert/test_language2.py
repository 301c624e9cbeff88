"""Mapping language 2 and the hardening of issue 18, each from the kind of input that broke it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import orjson
import pytest

from endingnote.convert import check_mapping, convert_bytes, load_mapping, reference_markdown, run
from endingnote.errors import InputError
from tests.convert.conftest import CONVERTERS

HEAD = (
    'mapping: "2"\nvendor: t\nstandard: "1.1"\n'
    "extension: {alias: vendor-t, namespace: https://vendor-t.example/ns/endingnote}\n"
)
PERSON = """
fields:
  - {source: 氏名, target: person.name, transforms: [trim, name_split]}
  - source: 生年月日
    target: person.birth_date
    transforms: [{first_of: [[wareki], [{date: {format: "%Y/%m/%d"}}]]}]
  - {source: 〒, target: person.residence_address.postal_code, transforms: [postal]}
  - {source: 住所, target: person.residence_address, transforms: [address]}
"""


def _mapping(
    tmp_path: Path, body: str, source: str = "{format: csv, encoding: utf-8, person_key: ID}"
) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + f"source: {source}\n" + body, encoding="utf-8")
    return path


def _csv(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _codes(conv: object) -> list[str]:
    return [i.code for p in conv.persons for i in p.issues] + [i.code for i in conv.issues]  # type: ignore[attr-defined]


def test_address_and_postal_code_that_disagree_are_an_error(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path, PERSON))
    good = convert_bytes(
        _csv("ID,氏名,生年月日,〒,住所", "1,山田 太郎,S25.4.1,100-0013,東京都千代田区霞が関2-1-2"), m
    )
    assert good.valid, [i.to_dict() for p in good.persons for i in p.issues]
    addr = good.persons[0].document["person"]["residence_address"]
    assert (
        addr["local_government_code"] == "131016"
        and addr["town"] == "霞が関二丁目"
        and addr["block"] == "1-2"
    )
    bad = convert_bytes(
        _csv("ID,氏名,生年月日,〒,住所", "1,山田 太郎,1950/04/01,530-0001,東京都千代田区霞が関2-1-2"), m
    )
    found = [(i.code, i.path) for p in bad.persons for i in p.issues if i.severity.value == "error"]
    assert found == [("convert.address.postal_mismatch", "row:2 col:〒")]


def test_former_municipality_names_are_read_as_their_successor(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path, PERSON))
    conv = convert_bytes(
        _csv("ID,氏名,生年月日,〒,住所", "1,山田 太郎,S25.4.1,,静岡県浜松市中区元城町103-2"), m
    )
    addr = conv.persons[0].document["person"]["residence_address"]
    assert addr["city"] == "浜松市中央区" and addr["local_government_code"] == "221384"
    assert "convert.address.former_name" in _codes(conv)


def test_first_of_reports_the_branch(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path, PERSON))
    conv = convert_bytes(
        _csv(
            "ID,氏名,生年月日,〒,住所",
            "1,山田 太郎,S25.4.1,,東京都千代田区霞が関1-1",
            "2,鈴木 花子,1950/04/01,,東京都千代田区霞が関1-1",
        ),
        m,
    )
    entry = next(e for e in conv.loss_report()["fields"] if e["source"] == "生年月日")
    assert entry["branches"] == {"first_of[0]": 1, "first_of[1]": 1}
    assert [p.document["person"]["birth_date"] for p in conv.persons] == ["1950-04-01", "1950-04-01"]


UNDECLARED = [
    "PW",
    "ﾛｸﾞｲﾝPW",
    "loginPw",
    "PINコード",
    "ログインパス",
    "合い言葉",
    "秘密鍵",
    "pinCode",
    "セキュリティコード",
]


@pytest.mark.parametrize("column", UNDECLARED)
def test_undeclared_secret_columns_are_dropped_and_reported(tmp_path: Path, column: str) -> None:
    m = load_mapping(_mapping(tmp_path, PERSON))
    raw = _csv(
        f"ID,氏名,生年月日,〒,住所,{column}", "1,山田 太郎,S25.4.1,,東京都千代田区霞が関1-1,s3cr3t-Value"
    )
    conv = convert_bytes(raw, m, validate=False)
    assert b"s3cr3t" not in conv.persons[0].document_json
    assert [i.path for i in conv.persons[0].issues if i.code == "convert.secret.dropped"] == [
        f"row:2 col:{column}"
    ]


GROUPS = (
    PERSON
    + """groups:
  - record: deposit_account
    where: {column: 区分, in: [預金, 貯金]}
    fields:
      - {source: 項目1, target: bank.name}
      - {source: 項目2, target: branch_name}
"""
)


@pytest.mark.parametrize("policy", ["keep", "report", "error"])
def test_a_secret_in_an_unmatched_row_never_reaches_the_document(tmp_path: Path, policy: str) -> None:
    m = load_mapping(_mapping(tmp_path, f"unmatched_rows: {policy}\n" + GROUPS))
    raw = _csv(
        "ID,氏名,生年月日,〒,住所,区分,項目1,項目2",
        "1,山田 太郎,S25.4.1,,東京都千代田区霞が関1-1,預金,みずほ銀行,本店",
        "1,,,,,メモ,暗証番号：4821,カード 4111 1111 1111 1111",
    )
    for validate in (True, False):
        conv = convert_bytes(raw, m, validate=validate)
        person = conv.persons[0]
        assert b"4821" not in person.document_json and b"4111" not in person.document_json
        codes = [i.code for i in person.issues]
        if policy == "keep":
            assert codes.count("convert.secret.value_dropped") == 2
            assert person.document["extensions"]["vendor-t"]["_rows"] == [{"区分": "メモ"}]
        elif policy == "report":
            assert "convert.row.unmatched_reported" in codes and person.valid
        else:
            assert "convert.row.unmatched_refused" in codes and not person.valid
    entry = next(e for e in conv.loss_report()["fields"] if e["source"] == "(row)")
    assert entry["by_value"] == {"区分=メモ": 1}


def test_a_card_number_in_a_mapped_field_is_dropped_with_no_validate(tmp_path: Path) -> None:
    body = PERSON + "  - {source: メモ, target: note_info.paper_copy_location.note}\n"
    path = _mapping(tmp_path, body)
    report = check_mapping(path)
    if not report.valid:  # the location part may not have a note: use a text item instead
        body = PERSON + "  - {source: メモ, target: memoir.summary}\n"
        path = _mapping(tmp_path, body)
    m = load_mapping(path)
    raw = _csv(
        "ID,氏名,生年月日,〒,住所,メモ",
        "1,山田 太郎,S25.4.1,,東京都千代田区霞が関1-1,カード番号 4111-1111-1111-1111",
    )
    conv = convert_bytes(raw, m, validate=False)
    assert b"4111" not in conv.persons[0].document_json
    dropped = [i for i in conv.persons[0].issues if i.code == "convert.secret.value_dropped"]
    assert [i.path for i in dropped] == ["row:2 col:メモ"] and "4111" not in dropped[0].message_ja


def test_billion_laughs_in_a_mapping_is_refused(tmp_path: Path) -> None:
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + lol, encoding="utf-8")
    assert [(i.code, "anchor" in i.message_en) for i in check_mapping(path).issues] == [
        ("convert.mapping.unreadable", True)
    ]


def test_a_huge_target_index_is_refused_by_mapping_check(tmp_path: Path) -> None:
    path = _mapping(tmp_path, "fields:\n  - {source: A, target: 'person.phones[999999]'}\n")
    found = [i for i in check_mapping(path).issues if i.severity.value == "error"]
    assert [i.code for i in found] == ["convert.mapping.unknown_target"]
    assert "convert.mapping.max_index" in found[0].message_en
    v1 = tmp_path / "v1.yaml"
    v1.write_text(
        path.read_text(encoding="utf-8").replace('mapping: "2"', 'mapping: "1"').replace('"1.1"', '"1.0"')
    )
    v1.write_text(v1.read_text(encoding="utf-8").replace("999999]", "99999999999]"))
    assert not check_mapping(v1).valid


def test_typos_get_a_did_you_mean(tmp_path: Path) -> None:
    path = _mapping(tmp_path, "fields:\n  - {source: A, target: person.brith_date, transforms: [warki]}\n")
    messages = " ".join(i.message_en for i in check_mapping(path).issues)
    assert "did you mean birth_date" in messages and "did you mean wareki" in messages


def test_v2_features_in_a_v1_mapping_are_named(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        HEAD.replace('"2"', '"1"').replace('"1.1"', '"1.0"')
        + "source: {format: csv, person_key: ID}\nfields:\n"
        + "  - {source: A, target: person.residence_address, transforms: [address]}\n",
        encoding="utf-8",
    )
    assert "convert.mapping.needs_v2" in [i.code for i in check_mapping(path).issues]


def test_exslt_and_extension_functions_in_xpath_are_refused(tmp_path: Path) -> None:
    src = '{format: xml, persons: "/r/p", namespaces: {re: "http://exslt.org/regular-expressions"}}'
    path = _mapping(
        tmp_path, "fields:\n  - {source: \"n[re:test(., '(a|a)*b')]\", target: person.birth_date}\n", src
    )
    codes = {i.code for i in check_mapping(path).issues}
    assert codes == {"convert.mapping.bad_xpath"}
    src = '{format: xml, persons: "/r/p[x:foo()]", namespaces: {x: "urn:x"}}'
    path = _mapping(tmp_path, "fields: []\n", src)
    assert {i.code for i in check_mapping(path).issues} == {"convert.mapping.bad_xpath"}


def _json_mapping(tmp_path: Path) -> object:
    return load_mapping(
        _mapping(
            tmp_path,
            "fields:\n  - {source: /n, target: person.birth_date}\n",
            '{format: json, persons: "/p"}',
        )
    )


def test_json_duplicate_keys_are_a_finding(tmp_path: Path) -> None:
    conv = convert_bytes(b'{"p": [{"n": "1950-01-01", "n": "1960-01-01"}]}', _json_mapping(tmp_path))  # type: ignore[arg-type]
    assert conv.refused and [i.code for i in conv.issues] == ["convert.input.duplicate_key"]


def test_deep_json_is_a_finding_not_a_recursion_error(tmp_path: Path) -> None:
    raw = b'{"p": [' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"]}"
    conv = convert_bytes(raw, _json_mapping(tmp_path))  # type: ignore[arg-type]
    assert conv.refused and [i.code for i in conv.issues] == ["convert.input.too_big"]
    assert "convert.input.max_json_depth" in conv.issues[0].message_en


@pytest.mark.parametrize(
    "declared", ["ISO-8859-1", "windows-1252", "KOI8-R", "macintosh", "Shift_JIS", "EUC-JP", "x-mac-japanese"]
)
def test_utf8_declared_another_encoding_is_refused(tmp_path: Path, declared: str) -> None:
    """UTF-8 bytes under a declaration a broken exporter wrote: KOI8-R and macintosh were once read
    as mojibake (only ISO-8859-1 and its kin were checked), Shift_JIS and EUC-JP were a parse error."""
    m = load_mapping(
        _mapping(
            tmp_path,
            "fields:\n  - {source: n, target: person.name.family}\n",
            '{format: xml, persons: "/r/p"}',
        )
    )
    raw = f'<?xml version="1.0" encoding="{declared}"?><r><p><n>山田</n></p></r>'.encode()
    conv = convert_bytes(raw, m)
    assert conv.refused and [i.code for i in conv.issues] == ["convert.input.wrong_encoding"]
    assert declared in conv.issues[0].message_en


@pytest.mark.parametrize(
    ("declared", "codec"), [("Shift_JIS", "cp932"), ("EUC-JP", "euc_jp"), ("UTF-8", "utf-8")]
)
def test_xml_in_its_declared_encoding_is_read(tmp_path: Path, declared: str, codec: str) -> None:
    m = load_mapping(
        _mapping(
            tmp_path,
            "fields:\n  - {source: n, target: person.name.family}\n",
            '{format: xml, persons: "/r/p"}',
        )
    )
    raw = f'<?xml version="1.0" encoding="{declared}"?><r><p><n>山田</n></p></r>'.encode(codec)
    conv = convert_bytes(raw, m, validate=False)
    assert not conv.refused and b"\xe5\xb1\xb1\xe7\x94\xb0" in conv.persons[0].document_json  # 山田


def test_an_absurd_era_year_is_a_finding(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path, PERSON))
    conv = convert_bytes(
        _csv(
            "ID,氏名,生年月日,〒,住所", "1,山田 太郎,昭和2年" + "9" * 500 + "月1日,,東京都千代田区霞が関1-1"
        ),
        m,
    )
    assert [i.code for i in conv.persons[0].issues if i.code == "convert.value.rejected"] == [
        "convert.value.rejected"
    ]


def _xlsx(sheet_xml: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + sheet_xml
            + "</sheetData></worksheet>",
        )
    return buf.getvalue()


def test_xlsx_whose_one_cell_sits_at_xfd1048576_is_refused(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path, "fields: []\n", "{format: xlsx, person_key: ID}"))
    raw = _xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>'
                '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')  # fmt: skip
    assert len(raw) < 6000
    conv = convert_bytes(raw, m)
    assert conv.refused and [i.code for i in conv.issues] == ["convert.input.too_big"]
    assert "convert.xlsx.max_columns" in conv.issues[0].message_en


def test_xlsx_rows_past_excel_are_refused_and_the_reader_streams(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path, "fields: []\n", "{format: xlsx, person_key: ID}"))
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 20_000))
    raw = _xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>' + rows)
    conv = convert_bytes(raw, m, validate=False)
    assert not conv.refused and len(conv.persons) == 19_998
    raw = _xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>'
        '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'
    )
    conv = convert_bytes(raw, m)
    assert conv.refused and "convert.xlsx.max_rows" in conv.issues[0].message_en


def test_cells_longer_than_the_mapping_allows_are_findings(tmp_path: Path) -> None:
    m = load_mapping(
        _mapping(tmp_path, PERSON, "{format: csv, encoding: utf-8, person_key: ID, max_cell_chars: 50}")
    )
    conv = convert_bytes(_csv("ID,氏名,生年月日,〒,住所", "1,山田 太郎,S25.4.1,," + "東" * 60), m)
    found = [i for i in conv.persons[0].issues if i.code == "convert.input.cell_too_long"]
    assert [i.path for i in found] == ["row:2 col:住所"] and "max_cell_chars" in found[0].message_en


def test_output_folder_runs_are_all_or_nothing(tmp_path: Path) -> None:
    sample = CONVERTERS / "ledger_csv" / "sample.csv"
    mapping = CONVERTERS / "ledger_csv" / "mapping.yaml"
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.json").write_text("{}")
    with pytest.raises(InputError):
        run(sample, mapping, out)
    assert (out / "stale.json").exists()
    summary = run(sample, mapping, out, force=True, report=tmp_path / "loss.json")
    assert summary.written == summary.valid == 40
    assert not (out / "stale.json").exists() and len(list(out.glob("*.json"))) == 40
    manifest = orjson.loads((out / "endingnote-run.manifest").read_bytes())
    assert manifest["complete"] and manifest["persons_written"] == 40 and len(manifest["files"]) == 40
    loss = orjson.loads((tmp_path / "loss.json").read_bytes())
    assert loss["persons"] == 40 and any(i["code"] == "convert.secret.dropped" for i in loss["issues"])
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_the_committed_reference_is_fresh() -> None:
    from endingnote.convert._reference import FILE_HEADER

    assert (CONVERTERS / "REFERENCE.md").read_text(encoding="utf-8") == FILE_HEADER + reference_markdown()


def test_a_nested_passcode_never_reaches_the_document() -> None:
    import orjson as oj

    mapping = load_mapping(CONVERTERS / "phone_json" / "mapping.yaml")
    doc = oj.loads((CONVERTERS / "phone_json" / "sample.json").read_bytes())
    doc["profiles"][0]["reminder"]["passcode"] = "73915"  # inside a field the mapping keeps as an extension
    doc["profiles"][1]["extra"] = {"reminder": {"passcode": "55321"}}  # and inside one it does not know
    conv = convert_bytes(oj.dumps(doc), mapping, validate=False)
    everything = b"".join(p.document_json for p in conv.persons)
    assert b"73915" not in everything and b"55321" not in everything
    first = {i.code for i in conv.persons[0].issues}
    second = [(i.code, i.path) for i in conv.persons[1].issues if i.code.startswith("convert.secret")]
    assert "convert.secret.value_dropped" in first
    assert second == [("convert.secret.dropped", "/profiles/1/extra/reminder/passcode")]


def test_xlsx_whose_sheet_stream_is_damaged_is_refused(tmp_path: Path) -> None:
    # found by fuzz/xlsx_source (fuzz/crashes/xlsx_source/): zlib.error escaped the reader
    m = load_mapping(_mapping(tmp_path, "fields: []\n", "{format: xlsx, person_key: ID}"))
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 400))
    raw = bytearray(_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row>' + rows))
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    # the member's data starts after its local header (30 bytes + name + extra); damage its middle
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    raw[middle : middle + 8] = b"\xff" * 8
    conv = convert_bytes(bytes(raw), m)
    assert conv.refused and [i.code for i in conv.issues] == ["convert.input.xlsx"]
