"""Build the seed corpora in ``fuzz/seeds/<harness>/`` from the repository's samples, plus hostile
seeds written the way attackers and broken tools write them.

    python fuzz/make_seeds.py

Run it again when the samples change; the seeds are committed (the e-certificate seeds are signed
with a fresh test PKI each time, so they differ byte for byte between runs — nothing reads them as
golden). Crash reproducers live elsewhere (``fuzz/crashes*/``) and are never rebuilt.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parent / "seeds"
DATA = Path(__file__).parent / "data"
JST = dt.timezone(dt.timedelta(hours=9))


def _put(harness: str, items: dict[str, bytes]) -> None:
    folder = SEEDS / harness
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in items.items():
        (folder / name).write_bytes(data)


def _files(pattern: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(ROOT.glob(pattern))}


def validate() -> None:
    items = _files("standard/1.*/generated/examples/*.json")
    items = {f"example-{k}": v for k, v in items.items()}
    for p in sorted(ROOT.glob("standard/1.0/generated/conformance/*/*.json")):
        if not p.name.endswith(".expected.json"):
            items[f"{p.parent.name}-{p.name}"] = p.read_bytes()
    head = b'{"header": {"standard": "1.0"}, '
    items |= {
        "hostile-duplicates.json": head + b'"a": 1, "a": 2, "a": {"b": 1, "b": 2}}',
        "hostile-deep.json": head + b'"extensions": {"x": ' + b"[" * 70 + b"]" * 70 + b"}}",
        "hostile-bom.json": b"\xef\xbb\xbf" + head + b'"person": {}}',
        "hostile-cp932.json": '{"header": {"standard": "1.0"}, "x": "山田"}'.encode("cp932"),
        "hostile-markup.json": head + b'"person": {"[/]\\u001b[31m\\u0007\\u202e": "[bold]"}}',
        "hostile-version.json": b'{"header": {"standard": "/etc/passwd"}}',
        "hostile-escapes.json": head + b'"extensions": {"x": {"m": "\\u30d1\\u30b9: \\u0031\\u0032"}}}',
        "hostile-policy.json": head
        + '"extensions": {"x": {"a": "PIN 1234", "b": "ﾊﾟｽﾜｰﾄﾞ：x",'.encode()
        + '"c": "1234\u200b5678\u200b9018"}}}'.encode(),
        "hostile-numbers.json": head + b'"x": [1e400, -0, 123456789012345678901234567890]}',
    }
    _put("validate", items)


def wareki() -> None:
    texts = [
        *("昭和25年4月1日", "令和元年5月1日", "平成３１年４月３０日", "大正十五年十二月二十五日"),
        *("明治6年1月1日", "H31.4.30", "S64/1/8", "R1-5-1", "ｓ５０．１．１", "昭和 二五 年 四 月 一 日"),
        *("平成元年1月8日", "令和0年1月1日", "明治5年12月2日", "昭和64年1月8日"),
    ]
    _put("wareki", {f"{i:02d}.txt": t.encode() for i, t in enumerate(texts)})


def registers() -> None:
    text = _files("standard/koseki/examples/yamada/*.txt")
    first = next(iter(text.values()))
    text["hostile-truncated.txt"] = first[: len(first) // 2]
    text["hostile-cp932.txt"] = first.decode().encode("cp932", "replace")
    _put("register_text", text)
    data = _files("standard/koseki/examples/yamada/*.json")
    data["hostile-deep.json"] = b"[" * 2000 + b"]" * 2000
    data["hostile-big-number.json"] = b'{"members": [' + b"9" * 5000 + b"]}"
    _put("register_json", data)


def ecerts() -> None:
    """Each demo register signed by a fresh test PKI's register issuer; its certificate is the
    harness's trust anchor (``fuzz/data/ecert-issuer.pem``)."""
    from endingnote.koseki import load_registers, sign_ecert
    from endingnote.sign import Pkcs12Signer
    from endingnote.sign.testpki import build_test_pki

    loaded = load_registers(ROOT / "standard/koseki/examples/yamada")
    with tempfile.TemporaryDirectory() as tmp:
        pki = build_test_pki(Path(tmp) / "pki", now=dt.datetime(2026, 9, 1, tzinfo=JST))
        cred = pki.koseki_issuer
        assert cred.p12_path is not None and cred.password is not None
        signer = Pkcs12Signer.from_file(cred.p12_path, cred.password)
        DATA.mkdir(exist_ok=True)
        (DATA / "ecert-issuer.pem").write_bytes(cred.cert_path.read_bytes())
        items = {}
        for i, register in enumerate(loaded.registers):
            code = "1111222233334444" if i == 0 else f"{i:016d}"
            signed = sign_ecert(
                register, signer, code=code, issued_at=dt.datetime(2026, 10, 1, 10, tzinfo=JST)
            )
            items[f"{i:02d}.p7m"] = signed
    items["hostile-empty-sequence.der"] = b"\x30\x00"
    items["hostile-indefinite.der"] = b"\x30\x80" * 500 + b"\x00\x00" * 500
    items["hostile-pem.p7m"] = b"-----BEGIN PKCS7-----\nMAA=\n-----END PKCS7-----\n"
    _put("ecert", items)


def family_graphs() -> None:
    items = {}
    for p in sorted(ROOT.glob("standard/family-graph/1.0/conformance/*.json")):
        items[p.name] = json.dumps(
            json.loads(p.read_text(encoding="utf-8"))["graph"], ensure_ascii=False
        ).encode()
    items |= {f"heirs-{k}": v for k, v in _files("tests/heirs/data/*.json").items()}
    first = json.loads(next(iter(items.values())))
    first["persons"][0]["birth_date"] = "0000-01-01"
    items["hostile-year-0.json"] = json.dumps(first).encode()
    items["hostile-deep.json"] = (
        b'{"format": "endingnote-family-graph", "description": ' + b"[" * 900 + b"]" * 900 + b"}"
    )
    _put("family_graph", items)


def sources() -> None:
    sample_csv = (ROOT / "converters/desktop_csv/sample.csv").read_bytes()
    text = sample_csv.decode("cp932")  # as Excel writes it
    rows = list(csv.reader(io.StringIO(text)))
    _put(
        "csv_source",
        {
            "sample.csv": sample_csv,
            "sample-utf8.csv": text.encode("utf-8-sig"),
            "hostile-formulas.csv": "\n".join(
                [",".join(rows[0]), ",".join('=HYPERLINK("x")' for _ in rows[0])]
            ).encode(),
            "hostile-ragged.csv": "\n".join(
                [",".join(rows[0]), "a", ",".join(["b"] * (len(rows[0]) + 5))]
            ).encode(),
            "hostile-quotes.csv": b'a,b\n"unclosed,1\n',
        },
    )
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows[:40]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    _put("xlsx_source", {"sample.xlsx": out.getvalue(), "hostile-not-a-zip.xlsx": b"PK\x03\x04garbage"})
    xml = (ROOT / "converters/cloud_xml/sample.xml").read_bytes()
    _put(
        "xml_source",
        {
            "sample.xml": xml,
            "hostile-xxe.xml": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<r>&x;</r>",
            "hostile-laughs.xml": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>',
        },
    )
    sample_json = (ROOT / "converters/phone_json/sample.json").read_bytes()
    _put(
        "json_source",
        {
            "sample.json": sample_json,
            "hostile-duplicate-keys.json": b'{"a": 1, "a": 2}',
            "hostile-big-int.json": b"[" + b"9" * 5000 + b"]",
        },
    )


def mappings() -> None:
    items = {f"{p.parent.name}.yaml": p.read_bytes() for p in sorted(ROOT.glob("converters/*/mapping.yaml"))}
    items["hostile-laughs.yaml"] = b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    items["hostile-tag.yaml"] = b"mapping: !!python/object/apply:os.system ['true']\n"
    items["hostile-merge.yaml"] = b"base: {a: 1}\nx:\n  <<: {b: 2}\n"
    _put("mapping", items)


def addresses() -> None:
    """Addresses as vendors' cells hold them: with the postal code (〒, full width, no hyphen), without,
    with 丁目/番地/号 or hyphens, a building, an old municipality name; and as a postal-code column
    and an address cell (first line, then the cell)."""
    cells = [
        *("東京都千代田区霞が関二丁目1-2　霞が関ビル3F", "〒100-0013 東京都千代田区霞が関2-1-2"),
        *("〒１００－００１３　東京都千代田区霞が関２丁目１番２号", "1000013 東京都千代田区霞が関二丁目"),
        *("大阪市北区梅田3丁目1番3号 ノースゲートビル10階", "北海道札幌市中央区北1条西2丁目"),
        *("京都府京都市上京区烏丸通壱番地", "埼玉県浦和市高砂3-15-1", "沖縄県島尻郡与那国町与那国"),
        *("東京都 港区 六本木 6-10-1", "千代田区千代田1-1", "神奈川県横浜市中区日本大通１"),
        *("100-0013\n霞が関二丁目1-2", "0600001\n札幌市中央区北1条西2丁目", "9999999\n東京都千代田区"),
        *("〒100-0013", "東京都", '=HYPERLINK("x")東京都千代田区', "東京都千代田区" + "一" * 400),
    ]
    _put("address", {f"{i:02d}.txt": c.encode() for i, c in enumerate(cells)})


def dates_in_text() -> None:
    """Register sentences as paper registers (and their typed transcriptions) write them."""
    lines = [
        line
        for p in sorted(ROOT.glob("tests/koseki/data/cases/*/*.txt"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if "年" in line and "日" in line
    ]
    lines += [
        "昭和弐拾五年四月壱日東京都千代田区で出生同月六日父届出入籍",
        "平成元年壱月八日婚姻届出同年弐月拾日受附",
        "令和元年五月一日同日同月三十一日同年十二月三十一日",
        "同月拾日父届出",  # a relative date with nothing before it
        *("昭和廿年八月卅日", "明治五年十二月三日", "昭和六拾四年壱月八日"),
        "昭和2年" + "9" * 40 + "月1日",
    ]
    _put("dates_in_text", {f"{i:03d}.txt": line.encode() for i, line in enumerate(dict.fromkeys(lines))})


def _zip(entries: list[tuple[str, bytes, int]], *, symlink: str | None = None) -> bytes:
    """A ZIP as Python's zipfile (like most tools) writes it; ``symlink`` marks one entry a link."""
    import warnings
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one seed
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 10, 1, 10, 0, 0))
            info.compress_type = method
            if name == symlink:
                info.external_attr = 0o120777 << 16
            zf.writestr(info, data)
    return out.getvalue()


def packages() -> None:
    """A signed package from a fresh test PKI (the example note and an attachment), cut, padded and
    flipped; and packages as attackers build them: zip slip, a zip bomb, names that collide, a link,
    the mimetype compressed, missing or wrong."""
    import zipfile

    from endingnote.sign import Pkcs12Signer, create_package
    from endingnote.sign.asice import MIMETYPE
    from endingnote.sign.testpki import build_test_pki

    stored, deflated = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pki = build_test_pki(work / "pki", now=dt.datetime(2026, 9, 1, tzinfo=JST))
        holder = next(iter(pki.manifest["holders"]))
        cred = pki.holder(holder)
        assert cred.p12_path is not None and cred.password is not None
        signer = Pkcs12Signer.from_file(cred.p12_path, cred.password)
        note = work / "note.json"
        note.write_bytes((ROOT / "standard/1.0/generated/examples/minimal.json").read_bytes())
        letter = work / "手紙.txt"
        letter.write_text("お世話になりました。\n", encoding="utf-8")
        signed = create_package(
            note, [letter], work / "note.asice", signer, check_owner=False,
            signing_time=dt.datetime(2026, 10, 1, 10, tzinfo=JST),
        ).read_bytes()  # fmt: skip
    mime = ("mimetype", MIMETYPE.encode(), stored)
    xxe = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    flipped = bytearray(signed)
    flipped[len(signed) // 3] ^= 0x01
    items = {
        "signed.asice": signed,
        "hostile-truncated.asice": signed[: len(signed) // 2],
        "hostile-trailing.asice": signed + b"\0" * 100,
        "hostile-prefixed.asice": b"MZ" + b"\0" * 62 + signed,
        "hostile-flipped.asice": bytes(flipped),
        "hostile-zip-slip.asice": _zip([mime, ("../../.bashrc", b"echo owned\n", deflated)]),
        "hostile-absolute.asice": _zip([mime, ("/etc/cron.d/x", b"* * * * * root true\n", stored)]),
        "hostile-bomb.asice": _zip([mime, ("note.json", b"\0" * (512 << 10), deflated)]),
        "hostile-collide.asice": _zip([mime, ("note.json", b"{}", stored), ("NOTE.json", b"{}", stored)]),
        "hostile-duplicate.asice": _zip([mime, ("note.json", b"{}", stored), ("note.json", b"[]", stored)]),
        "hostile-symlink.asice": _zip([mime, ("note.json", b"/etc/passwd", stored)], symlink="note.json"),
        "hostile-mimetype-deflated.asice": _zip([("mimetype", MIMETYPE.encode(), deflated)]),
        "hostile-mimetype-missing.asice": _zip([("note.json", b"{}", stored)]),
        "hostile-mimetype-wrong.asice": _zip([("mimetype", b"application/zip", stored)]),
        "hostile-manifest-doctype.asice": _zip([mime, ("META-INF/ASiCManifest.xml", xxe, deflated)]),
        "hostile-empty.asice": b"",
        "hostile-eocd-only.asice": b"PK\x05\x06" + b"\0" * 18,
    }
    _put("package", items)


def main() -> None:
    validate()
    wareki()
    registers()
    ecerts()
    family_graphs()
    sources()
    mappings()
    addresses()
    dates_in_text()
    packages()
    for folder in sorted(SEEDS.iterdir()):
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.iterdir()))).hexdigest()[:12]
        print(f"{folder.name}: {len(list(folder.iterdir()))} seeds ({digest})")


if __name__ == "__main__":
    main()
