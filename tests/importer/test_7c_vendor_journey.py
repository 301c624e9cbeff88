"""From a vendor's CSV export to what an heir receives, with no hand-made note in between.

The desktop vendor's cp932 CSV (``converters/desktop_csv``: one row per record, person columns
repeated) is written for 山田太郎 — the test card's holder and the sample registers' decedent — with
three contracts. It is converted by the real converter, validated, signed with ``taro``'s
PKCS#12 key under a fresh test PKI and TSA on 2024-01-20, the owner dies on 2024-03-15 as the
sample registers record (``taro`` revoked), and 一郎 imports with his emulated card. The contracts
from the CSV must come out as checklist tasks in the report, the workbook and the CSV outputs, and
the CSV's PIN column never reaches the heir.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from endingnote.importer import CardClaim, run_import
from endingnote.sign import Pkcs12Signer, Signer, create_package
from endingnote.sign.card import JpkiCardEmulator, JpkiCardSigner
from endingnote.sign.testpki import TestPki, build_test_pki, revoke
from endingnote.sign.tsa import TimestampAuthority

from .conftest import DEATH, IMPORTED, PKI_NOW, SIGNED

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "converters" / "desktop_csv"
REGISTERS = ROOT / "standard" / "koseki" / "examples" / "yamada"
PIN = "8086"  # a PIN the vendor's CSV carries (暗証番号); it must never reach the heir

PERSON = {
    "会員番号": "000777",
    "氏名": "山田\u3000太郎",
    "ｼﾒｲ": "ﾔﾏﾀﾞ ﾀﾛｳ",
    "生年月日": "昭和25年4月1日",
    "性別": "男",
    "郵便番号": "100-0013",
    "都道府県": "東京都",
    "市区町村": "千代田区",
    "町名": "霞が関二丁目",
    "番地": "1-2",
    "電話番号": "03-1111-2222",
    "携帯番号": "090-1111-2222",
    "ﾒｰﾙｱﾄﾞﾚｽ": "taro@example.jp",
    "更新日": "R07.10.01",
    "ﾌｫﾙﾀﾞ": "暮らしの契約",
    "公開範囲": "全員",
}
ROWS = [
    {"記録区分": "預金", "金融機関名": "ゆうちょ銀行", "金融機関ｺｰﾄﾞ": "9900",
     "支店名": '=HYPERLINK("http://example.invalid")',  # formula injection
     "口座種別": "普通", "口座番号": "1234567", "残高": "1,500,000"},
    {"記録区分": "保険", "保険会社": "日本生命保険", "証券番号": "P11112222", "受取人": "妻",
     "保険金額": "5,000,000"},
    {"記録区分": "公共料金", "契約先": "東京ガス", "契約種別": "ガス", "お客様番号": "4348981651",
     "暗証番号": PIN},
]  # fmt: skip


def vendor_csv(path: Path) -> Path:
    with (VENDOR / "sample.csv").open(encoding="cp932", newline="") as f:
        header = next(csv.reader(f))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in ROWS:
        writer.writerow({**PERSON, **row})
    path.write_bytes(buf.getvalue().encode("cp932"))
    return path


@dataclass(frozen=True)
class Signed:
    pki: TestPki
    trust: Path
    package: Path
    note: dict[str, object]
    at: dt.datetime


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    from endingnote.convert import convert_file, load_mapping
    from endingnote.validation import validate

    base = tmp_path_factory.mktemp("vendor")
    conv = convert_file(vendor_csv(base / "export.csv"), load_mapping(VENDOR / "mapping.yaml"))
    assert len(conv.persons) == 1
    person = conv.persons[0]
    assert person.valid, person
    note = person.document
    assert PIN not in json.dumps(note, ensure_ascii=False), "the converter carried the PIN into the note"
    path = base / "note.json"
    path.write_text(json.dumps(note, ensure_ascii=False), "utf-8")
    assert validate(path).valid

    pki = build_test_pki(base / "pki", now=PKI_NOW)
    trust = base / "trust"
    trust.mkdir()
    shutil.copy(pki.sign_cas_pem, trust / "jpki-sign-cas.pem")
    shutil.copy(pki.services_root_pem, trust / "services-root.pem")
    tsa = TimestampAuthority.from_test_pki(pki.dir, clock=lambda: SIGNED)
    taro = pki.holder("taro")
    assert taro.p12_path is not None and taro.password is not None
    signer = Pkcs12Signer.from_file(taro.p12_path, taro.password)
    package = create_package(path, [], base / "note.asice", signer, tsa=tsa, signing_time=SIGNED)
    pki = revoke(pki.dir, "taro", at=DEATH, reason="cessationOfOperation")
    return Signed(pki, trust, package, note, IMPORTED)


def card_of(pki: TestPki, holder: str) -> CardClaim:
    password = pki.holder(holder).password or ""

    @contextmanager
    def opened() -> Iterator[Signer]:
        with JpkiCardSigner.over(JpkiCardEmulator.from_test_pki(pki, holder), password) as s:
            yield s

    return CardClaim(opened)


def test_the_vendor_csv_reaches_the_heir(signed: Signed, tmp_path: Path) -> None:
    from html.parser import HTMLParser

    import openpyxl

    out = tmp_path / "ichiro"
    result = run_import(
        signed.package,
        REGISTERS,
        card_of(signed.pki, "ichiro"),
        out,
        trust=signed.trust,
        crls=list(signed.pki.crl_paths),
        at=signed.at,
    )
    assert result.exit_code == 0, [i.to_dict() for i in result.issues]
    assert result.decedent is not None and result.decedent["name"].replace("\u3000", "") == "山田太郎"
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    everything = b"".join((out / f).read_bytes() for f in files)
    assert PIN.encode() not in everything

    # the three contracts of the CSV are tasks in the report (text read back through a parser)
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.chunks: list[str] = []

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    html = next(f for f in files if f.endswith("report.html"))
    parser = Text()
    parser.feed((out / html).read_text("utf-8"))
    text = "".join(parser.chunks)
    for counterparty in ("ゆうちょ銀行", "日本生命保険", "東京ガス"):
        assert counterparty in text, counterparty
    assert "4348981651" in text  # the customer number is the contract id of the gas task
    assert "戸籍法86条" in text and "民法915条" in text

    # the workbook: the branch name starting with "=" is text, never a formula
    book = openpyxl.load_workbook(out / next(f for f in files if f.endswith(".xlsx")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    memo = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert memo and all(c.data_type == "s" for c in memo)
    # kept as typed, with no visible apostrophe: text by cell type and the quote-prefix style
    assert all(c.quotePrefix for c in memo if c.value.startswith("="))
    assert any(c.value.startswith("=") for c in memo)

    # the CSVs are UTF-8 with a BOM and carry the accounts from the vendor file
    csvs = [f for f in files if f.endswith(".csv")]
    assert csvs and all((out / f).read_bytes().startswith(b"\xef\xbb\xbf") for f in csvs)
    assert any("ゆうちょ銀行" in (out / f).read_text("utf-8-sig") for f in csvs)


def test_the_vendor_note_is_refused_to_a_stranger(signed: Signed, tmp_path: Path) -> None:
    out = tmp_path / "stranger"
    result = run_import(
        signed.package,
        REGISTERS,
        card_of(signed.pki, "stranger"),
        out,
        trust=signed.trust,
        crls=list(signed.pki.crl_paths),
        at=signed.at,
    )
    assert result.exit_code == 1 and result.status == "refused"
    assert result.reason is not None and result.reason.code == "importer.not_heir"
    assert not out.exists()
