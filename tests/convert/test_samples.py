"""The three sample vendors: every sample converts to valid documents, every source field is
accounted for, secrets are dropped and reported, and vendor → standard → vendor is lossless."""

from __future__ import annotations

import csv
import importlib.util
import io
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.convert import Conversion, Mapping, convert_bytes, to_vendor
from endingnote.convert._secrets import secret_name
from tests.convert._normal import normal
from tests.convert.conftest import CONVERTERS, SAMPLES, VENDORS


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_generate", CONVERTERS / "_generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def sample(vendor: str) -> bytes:
    return (CONVERTERS / vendor / SAMPLES[vendor]).read_bytes()


@pytest.fixture(scope="module")
def conversions(vendor_mappings: dict[str, Mapping]) -> dict[str, Conversion]:
    return {v: convert_bytes(sample(v), vendor_mappings[v], source=SAMPLES[v]) for v in VENDORS}


def _docs(conv: Conversion) -> list[tuple[str, dict[str, Any]]]:
    return [(p.key, p.document) for p in conv.persons]


def test_committed_samples_are_what_the_generator_makes() -> None:
    folks = GEN.people(60)
    assert GEN.desktop_csv(folks) == sample("desktop_csv")
    assert GEN.cloud_xml(folks) == sample("cloud_xml")
    assert GEN.phone_json(folks) == sample("phone_json")


@pytest.mark.parametrize("vendor", VENDORS)
def test_sample_converts_to_valid_documents(vendor: str, conversions: dict[str, Conversion]) -> None:
    conv = conversions[vendor]
    assert not conv.refused
    assert len(conv.persons) >= 50
    invalid = {
        p.key: [i.to_dict() for i in p.issues if i.severity.value == "error"]
        for p in conv.persons
        if not p.valid
    }
    assert invalid == {}
    assert conv.valid
    # nothing fell through the mapping in the committed samples
    codes = Counter(i.code for p in conv.persons for i in p.issues)
    assert codes["convert.field.unmapped"] == 0 and codes["convert.value.rejected"] == 0
    # repeating groups became arrays
    assert any(len(p.document.get("deposit_account", [])) > 1 for p in conv.persons)


@pytest.mark.parametrize("vendor", VENDORS)
def test_documents_pass_the_validator_on_their_own(vendor: str, conversions: dict[str, Conversion]) -> None:
    from endingnote.validation import validate_bytes

    for person in conversions[vendor].persons[:20]:
        report = validate_bytes(person.document_json)
        assert report.valid, [i.to_dict() for i in report.errors]
        # the converter's own provenance slots (_file, _unmapped, _rejected) are not vendor items
        assert not [i.to_dict() for i in report.issues if i.code == "extension.unknown_item"]


def test_provenance_slots_must_be_objects(conversions: dict[str, Conversion]) -> None:
    from endingnote.validation import validate

    doc = next(p.document for p in conversions["phone_json"].persons if "extensions" in p.document)
    [alias] = doc["extensions"]
    doc["extensions"][alias]["_file"] = "not an object"
    found = {(i.code, i.path) for i in validate(doc).issues}
    assert ("extension.unknown_item", f"/extensions/{alias}/_file") in found


def test_every_csv_column_is_accounted_for(conversions: dict[str, Conversion]) -> None:
    header = next(csv.reader(io.StringIO(sample("desktop_csv").decode("cp932"))))
    accounted = {e["source"]: e["status"] for e in conversions["desktop_csv"].loss_report()["fields"]}
    assert set(header) <= set(accounted)
    assert accounted["暗証番号"] == "dropped_secret"
    assert accounted["口座番号"] == "mapped_lossy"
    assert accounted["ﾌｫﾙﾀﾞ"] == "extension"
    assert accounted["記録区分"] == "discriminator"


@pytest.mark.parametrize("vendor", VENDORS)
def test_secrets_are_dropped_and_each_drop_reported(vendor: str, conversions: dict[str, Conversion]) -> None:
    folks = GEN.people(60)
    with_pin = [p for p in folks if p["pin"]]
    conv = conversions[vendor]
    drops = [i for p in conv.persons for i in p.issues if i.code == "convert.secret.dropped"]
    assert len(drops) == len(with_pin) > 0
    everything = b"".join(p.document_json for p in conv.persons)
    assert b"pin" not in everything.lower() and "暗証".encode() not in everything


@pytest.mark.parametrize("vendor", VENDORS)
def test_round_trip_is_lossless(
    vendor: str, vendor_mappings: dict[str, Mapping], conversions: dict[str, Conversion]
) -> None:
    mapping = vendor_mappings[vendor]
    back, issues = to_vendor(_docs(conversions[vendor]), mapping)
    assert [i for i in issues if i.code == "convert.target.cannot_hold"] == []
    assert normal(back, mapping) == normal(sample(vendor), mapping)
    # and converting the written file again gives the same documents
    again = convert_bytes(back, mapping)
    assert [p.document for p in again.persons] == [p.document for p in conversions[vendor].persons]


def _mapping(vendor: str) -> Mapping:
    from endingnote.convert import load_mapping

    return load_mapping(CONVERTERS / vendor / "mapping.yaml")


MAPPINGS = {v: _mapping(v) for v in VENDORS}


@settings(max_examples=6, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    count=st.integers(min_value=1, max_value=8),
    vendor=st.sampled_from(VENDORS),
)
def test_round_trip_property(seed: int, count: int, vendor: str) -> None:
    mapping = MAPPINGS[vendor]
    write, _ = GEN.WRITERS[vendor]
    original = write(GEN.people(count, seed))
    conv = convert_bytes(original, mapping, validate=False)
    back, _ = to_vendor(_docs(conv), mapping)
    assert normal(back, mapping) == normal(original, mapping)


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s
)


@settings(max_examples=25, deadline=None)
@given(
    extra=st.dictionaries(st.from_regex(r"[a-z]{3,8}", fullmatch=True), TEXT, min_size=1, max_size=4),
    note=TEXT,
)
def test_unknown_json_fields_survive_the_round_trip(extra: dict[str, str], note: str) -> None:
    mapping = MAPPINGS["phone_json"]
    doc = orjson.loads(GEN.phone_json(GEN.people(1, 1)))
    doc["profiles"][0]["note"] = note
    extra = {f"x{k}": v for k, v in extra.items() if not secret_name(f"x{k}")}
    doc["profiles"][0].update(extra)
    raw = orjson.dumps(doc)
    conv = convert_bytes(raw, mapping, validate=False)
    kept = conv.persons[0].document["extensions"]["vendor-c"].get("_unmapped", {})
    assert kept == {f"/{k}": v for k, v in extra.items()}
    back, issues = to_vendor(_docs(conv), mapping)
    assert issues == []
    assert normal(back, mapping) == normal(raw, mapping)


def test_unknown_and_secret_csv_columns(vendor_mappings: dict[str, Mapping]) -> None:
    mapping = vendor_mappings["desktop_csv"]
    text = sample("desktop_csv").decode("cp932").splitlines()
    my_number = "123456789018"  # a valid check digit
    rows = [text[0] + ",趣味,ﾊﾟｽﾜｰﾄﾞ,備考番号"] + [line + ",囲碁,secret1," + my_number for line in text[1:4]]
    raw = "\r\n".join(rows).encode("cp932") + b"\r\n"
    conv = convert_bytes(raw, mapping)
    fields = conv.loss_report()["fields"]
    accounts = {e["source"]: e for e in fields}
    assert accounts["趣味"]["status"] == "kept_unmapped"
    assert sum(e["values"] for e in fields if e["source"] == "趣味") == 3  # one per row (item)
    assert accounts["ﾊﾟｽﾜｰﾄﾞ"]["status"] == "dropped_secret"
    assert accounts["備考番号"]["status"] == "dropped_secret"
    codes = Counter(i.code for p in conv.persons for i in p.issues)
    assert codes["convert.secret.my_number"] == 3 and codes["convert.secret.dropped"] >= 3
    everything = b"".join(p.document_json for p in conv.persons)
    assert b"secret1" not in everything and my_number.encode() not in everything
    assert "囲碁".encode() in everything
    back, _ = to_vendor(_docs(conv), mapping)
    assert "囲碁" in back.decode("cp932")


def test_validation_errors_point_at_the_source(vendor_mappings: dict[str, Mapping]) -> None:
    csv_map, xml_map = vendor_mappings["desktop_csv"], vendor_mappings["cloud_xml"]
    text = sample("desktop_csv").decode("cp932").replace("user1@example.jp", "not-an-email", 1)
    conv = convert_bytes(text.encode("cp932"), csv_map)
    bad = [
        i for i in conv.persons[0].issues if i.code == "convert.validation" and i.severity.value == "error"
    ]
    assert [i.path for i in bad] == ["row:2 col:ﾒｰﾙｱﾄﾞﾚｽ"]
    assert "/person/emails/0" in bad[0].message_en and not conv.valid
    xml = sample("cloud_xml").replace(b"<cn:bankCode>0001</cn:bankCode>", b"<cn:bankCode>01</cn:bankCode>", 1)
    conv = convert_bytes(xml, xml_map)
    bad = [
        i
        for p in conv.persons
        for i in p.issues
        if i.code == "convert.validation" and i.severity.value == "error"
    ]
    assert len(bad) == 1
    assert bad[0].path.startswith("/cn:export/cn:members/cn:member[") and bad[0].path.endswith("/cn:bankCode")


def test_bad_values_are_kept_and_reported(vendor_mappings: dict[str, Mapping]) -> None:
    mapping = vendor_mappings["desktop_csv"]
    text = sample("desktop_csv").decode("cp932").replace("昭和40年7月14日", "昭和64年1月8日")
    conv = convert_bytes(text.encode("cp932"), mapping)
    person = conv.persons[0]
    rejected = [i for i in person.issues if i.code == "convert.value.rejected"]
    assert [i.path for i in rejected] == ["row:2 col:生年月日"]
    assert person.document["extensions"]["vendor-a"]["_rejected"] == {"生年月日": "昭和64年1月8日"}
    assert not person.valid  # birth_date is required
    back, _ = to_vendor([(person.key, person.document)], mapping)
    assert "昭和64年1月8日" in back.decode("cp932")


def test_vendor_a_to_vendor_b_reports_what_b_cannot_hold(
    vendor_mappings: dict[str, Mapping], conversions: dict[str, Conversion]
) -> None:
    docs = _docs(conversions["desktop_csv"])
    data, issues = to_vendor(docs, vendor_mappings["phone_json"])
    lost = Counter(i.path.split("/")[1] for i in issues if i.code == "convert.target.cannot_hold")
    assert lost["life_insurance"] > 0 and lost["utility"] > 0 and lost["note_info"] > 0
    assert lost["extensions"] > 0  # vendor A's own extensions have no place in vendor C's format
    assert all(i.file for i in issues)
    again = convert_bytes(data, vendor_mappings["phone_json"])
    assert len(again.persons) == len(docs) and again.valid
    first_a, first_c = docs[0][1], again.persons[0].document
    assert first_c["person"]["name"] == {k: v for k, v in first_a["person"]["name"].items()}
    assert first_c["person"]["birth_date"] == first_a["person"]["birth_date"]
    assert [d["account_number"] for d in first_c["deposit_account"]] == [
        d["account_number"] for d in first_a.get("deposit_account", [])
    ]


def test_vendor_b_to_vendor_a(
    vendor_mappings: dict[str, Mapping], conversions: dict[str, Conversion]
) -> None:
    data, issues = to_vendor(_docs(conversions["cloud_xml"]), vendor_mappings["desktop_csv"])
    lost = {i.path.split("/")[1] for i in issues}
    assert "digital_account" in lost and "personal_message" in lost
    again = convert_bytes(data, vendor_mappings["desktop_csv"])
    assert again.valid and len(again.persons) == len(conversions["cloud_xml"].persons)


def test_xlsx_source_reads_like_csv(tmp_path: Path, vendor_mappings: dict[str, Mapping]) -> None:
    import pandas as pd

    frame = pd.read_csv(io.BytesIO(sample("desktop_csv")), encoding="cp932", dtype=str, keep_default_na=False)
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    text = (CONVERTERS / "desktop_csv" / "mapping.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mapping.yaml"
    path.write_text(text.replace("format: csv\n  encoding: cp932", "format: xlsx"), encoding="utf-8")
    from endingnote.convert import load_mapping

    mapping = load_mapping(path)
    conv = convert_bytes(buf.getvalue(), mapping)
    assert conv.valid
    assert [p.document for p in conv.persons] == [
        p.document for p in convert_bytes(sample("desktop_csv"), vendor_mappings["desktop_csv"]).persons
    ]


def test_rows_that_disagree_or_match_no_group(vendor_mappings: dict[str, Mapping]) -> None:
    mapping = vendor_mappings["desktop_csv"]
    lines = sample("desktop_csv").decode("cp932").splitlines()
    header, first = lines[0], lines[1]  # person 000001: a deposit row
    other = first.replace("加藤　一郎", "加藤　一朗").replace(",預金,", ",不動産,")
    raw = "\r\n".join([header, first, other]).encode("cp932") + b"\r\n"
    conv = convert_bytes(raw, mapping)
    person = conv.persons[0]
    found = {(i.code, i.path) for i in person.issues}
    assert ("convert.value.conflict", "row:3 col:氏名") in found
    assert ("convert.row.unmatched", "row:3") in found
    assert person.document["person"]["name"]["given"] == "一郎"  # the first row wins
    kept = person.document["extensions"]["vendor-a"]["_rows"]
    assert len(kept) == 1 and kept[0]["記録区分"] == "不動産" and kept[0]["金融機関名"] == "みずほ銀行"
    assert len(person.document["deposit_account"]) == 1
    back, _ = to_vendor([(person.key, person.document)], mapping)
    assert ",不動産," in back.decode("cp932")
