"""Generate the sample vendor exports in ``converters/<vendor>/`` (deterministic, seeded).

    python converters/_generate.py            # writes the three committed samples (60 persons each)
    python converters/_generate.py --persons 100000 --vendor desktop_csv -o /tmp/big.csv

All people are fictitious: names, addresses and numbers are drawn from small tables with a seeded
random generator. The three shapes mimic what vendors export (domain file ``standard.md`` §3):

- ``desktop_csv``: a desktop app's CSV as Excel writes it in Japan (cp932, CRLF), 和暦 dates,
  half-width kana, one row per asset/contract with the person's columns repeated, folder and
  disclosure level per row, a PIN column the app should never have exported;
- ``cloud_xml``: a cloud service's namespaced, nested XML with per-item audiences, a service
  plan and how death is confirmed (火葬許可証), messages held for the family;
- ``phone_json``: a smartphone app's JSON with its own names (camelCase, hiragana yomi,
  ``yyyymmdd`` birthdays), reminders, a photo album id and the device platform.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

FAMILY = [
    ("山田", "ヤマダ", "YAMADA"), ("佐藤", "サトウ", "SATO"), ("鈴木", "スズキ", "SUZUKI"),
    ("高橋", "タカハシ", "TAKAHASHI"), ("田中", "タナカ", "TANAKA"), ("伊藤", "イトウ", "ITO"),
    ("渡辺", "ワタナベ", "WATANABE"), ("中村", "ナカムラ", "NAKAMURA"), ("小林", "コバヤシ", "KOBAYASHI"),
    ("加藤", "カトウ", "KATO"), ("吉田", "ヨシダ", "YOSHIDA"), ("松本", "マツモト", "MATSUMOTO"),
    ("井上", "イノウエ", "INOUE"), ("木村", "キムラ", "KIMURA"), ("清水", "シミズ", "SHIMIZU"),
    ("長谷川", "ハセガワ", "HASEGAWA"), ("後藤", "ゴトウ", "GOTO"), ("近藤", "コンドウ", "KONDO"),
]  # fmt: skip
GIVEN_M = [
    ("太郎", "タロウ", "TARO"), ("一郎", "イチロウ", "ICHIRO"), ("健二", "ケンジ", "KENJI"),
    ("誠", "マコト", "MAKOTO"), ("博", "ヒロシ", "HIROSHI"), ("茂", "シゲル", "SHIGERU"),
    ("勇", "イサム", "ISAMU"), ("修", "オサム", "OSAMU"), ("悠真", "ユウマ", "YUMA"),
]  # fmt: skip
GIVEN_F = [
    ("花子", "ハナコ", "HANAKO"), ("幸子", "サチコ", "SACHIKO"), ("恵子", "ケイコ", "KEIKO"),
    ("洋子", "ヨウコ", "YOKO"), ("和子", "カズコ", "KAZUKO"), ("由美", "ユミ", "YUMI"),
    ("久美子", "クミコ", "KUMIKO"), ("智子", "トモコ", "TOMOKO"), ("陽菜", "ヒナ", "HINA"),
]  # fmt: skip
PLACES = [
    ("1000013", "東京都", "千代田区", "霞が関二丁目"), ("1500001", "東京都", "渋谷区", "神宮前一丁目"),
    ("5300001", "大阪府", "大阪市北区", "梅田三丁目"), ("4600008", "愛知県", "名古屋市中区", "栄四丁目"),
    ("8100001", "福岡県", "福岡市中央区", "天神二丁目"), ("0600001", "北海道", "札幌市中央区", "北一条西"),
    ("9800811", "宮城県", "仙台市青葉区", "一番町一丁目"), ("7300011", "広島県", "広島市中区", "基町"),
    ("2310023", "神奈川県", "横浜市中区", "山下町"), ("6008216", "京都府", "京都市下京区", "東塩小路町"),
]  # fmt: skip
BANKS = [
    ("みずほ銀行", "0001"), ("三菱UFJ銀行", "0005"), ("三井住友銀行", "0009"), ("りそな銀行", "0010"),
    ("ゆうちょ銀行", "9900"), ("横浜銀行", "0138"), ("福岡銀行", "0177"),
]  # fmt: skip
BRANCHES = ["本店", "新宿支店", "梅田支店", "栄支店", "天神支店", "駅前支店"]
INSURERS = ["日本生命保険", "第一生命保険", "明治安田生命保険", "住友生命保険"]
UTILITIES = [
    ("東京電力エナジーパートナー", "電気"), ("関西電力", "電気"), ("東京ガス", "ガス"), ("大阪ガス", "ガス"),
    ("東京都水道局", "水道"), ("横浜市水道局", "水道"),
]  # fmt: skip
SERVICES = ["LINE", "Facebook", "X", "Instagram", "Google", "Apple", "Amazon"]
FOLDERS = ["お金のこと", "保険", "暮らしの契約", "デジタル"]


def _person(rng: random.Random, n: int) -> dict[str, Any]:
    sex = rng.choice(["1", "2"])
    family = rng.choice(FAMILY)
    given = rng.choice(GIVEN_M if sex == "1" else GIVEN_F)
    birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 62))
    if n % 17 == 0:
        birth = rng.choice(
            [dt.date(1989, 1, 7), dt.date(1989, 1, 8), dt.date(2019, 4, 30), dt.date(1926, 12, 25)]
        )
    place = rng.choice(PLACES)
    deposits = [
        {
            "bank": (b := rng.choice(BANKS))[0],
            "bank_code": b[1],
            "branch": rng.choice(BRANCHES),
            "type": rng.choice(["普通", "定期", "貯蓄"]),
            "number": f"{rng.randrange(1_000_000, 9_999_999)}",
            "balance": rng.randrange(1, 500) * 10_000,
        }
        for _ in range(rng.randrange(0, 4))
    ]
    insurance = [
        {
            "insurer": rng.choice(INSURERS),
            "policy": f"P{rng.randrange(10_000_000, 99_999_999)}",
            "beneficiary": rng.choice(["配偶者", "長男", "長女"]),
            "amount": rng.randrange(1, 30) * 1_000_000,
        }
        for _ in range(rng.randrange(0, 3))
    ]
    contracts = [
        {
            "provider": (u := rng.choice(UTILITIES))[0],
            "kind": u[1],
            "customer": f"{rng.randrange(10**9, 10**10)}",
        }
        for _ in range(rng.randrange(0, 3))
    ]
    accounts = [
        {
            "service": rng.choice(SERVICES),
            "handle": f"user{rng.randrange(1000, 9999)}",
            "action": rng.choice(["memorialize", "delete", "download", "transfer"]),
        }
        for _ in range(rng.randrange(0, 3))
    ]
    return {
        "id": f"{n:06d}",
        "family": family,
        "given": given,
        "sex": sex,
        "birth": birth,
        "postal": place[0],
        "prefecture": place[1],
        "city": place[2],
        "town": place[3],
        "block": f"{rng.randrange(1, 30)}-{rng.randrange(1, 20)}",
        "phone": f"0{rng.randrange(3, 9)}-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
        "mobile": f"090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
        "email": f"user{n}@example.jp",
        "pin": f"{rng.randrange(0, 9999):04d}" if n % 5 == 0 else "",
        "folder": rng.choice(FOLDERS),
        "disclosure": rng.choice(["anyone", "family", "named", "hidden"]),
        "memo": '=HYPERLINK("http://evil.example")' if n % 23 == 0 else rng.choice(["", "長男に相談済み"]),
        "deposits": deposits,
        "insurance": insurance,
        "contracts": contracts,
        "accounts": accounts,
        "updated": dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 3600)),
    }


def people(count: int, seed: int = 4) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - fictitious sample data, not secrets
    return [_person(rng, n) for n in range(1, count + 1)]


# --- (a) desktop_csv -----------------------------------------------------------------------------

ERAS = [
    (dt.date(2019, 5, 1), "令和", 2018),
    (dt.date(1989, 1, 8), "平成", 1988),
    (dt.date(1926, 12, 25), "昭和", 1925),
]


def _wareki(d: dt.date) -> str:
    for start, name, base in ERAS:
        if d >= start:
            year = d.year - base
            return f"{name}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    return f"大正{d.year - 1911}年{d.month}月{d.day}日"


def _wareki_letter(d: dt.date) -> str:
    for start, name, base in ERAS:
        if d >= start:
            return f"{'RHS'['令平昭'.index(name[0])]}{d.year - base:02d}.{d.month:02d}.{d.day:02d}"
    return f"T{d.year - 1911:02d}.{d.month:02d}.{d.day:02d}"


def _half(text: str) -> str:
    import jaconv

    return str(jaconv.z2h(text, kana=True, ascii=False, digit=False))


DESKTOP_COLUMNS = [
    "会員番号", "氏名", "ｼﾒｲ", "生年月日", "性別", "郵便番号", "都道府県", "市区町村", "町名", "番地",
    "電話番号", "携帯番号", "ﾒｰﾙｱﾄﾞﾚｽ", "更新日", "記録区分", "ﾌｫﾙﾀﾞ", "公開範囲", "金融機関名",
    "金融機関ｺｰﾄﾞ", "支店名", "口座種別", "口座番号", "残高", "保険会社", "証券番号", "受取人", "保険金額",
    "契約先", "契約種別", "お客様番号", "暗証番号", "ﾒﾓ",
]  # fmt: skip
DISCLOSURE_JA = {"anyone": "全員", "family": "家族", "named": "指定した人", "hidden": "非公開"}
SEX_JA = {"1": "男", "2": "女"}


def desktop_csv(persons: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DESKTOP_COLUMNS)
    for p in persons:
        base = {
            "会員番号": p["id"],
            "氏名": f"{p['family'][0]}　{p['given'][0]}",
            "ｼﾒｲ": _half(f"{p['family'][1]} {p['given'][1]}"),
            "生年月日": _wareki(p["birth"]),
            "性別": SEX_JA[p["sex"]],
            "郵便番号": f"{p['postal'][:3]}-{p['postal'][3:]}",
            "都道府県": p["prefecture"],
            "市区町村": p["city"],
            "町名": p["town"],
            "番地": p["block"],
            "電話番号": p["phone"],
            "携帯番号": p["mobile"],
            "ﾒｰﾙｱﾄﾞﾚｽ": p["email"],
            "更新日": _wareki_letter(p["updated"]),
            "暗証番号": p["pin"],
            "ﾒﾓ": p["memo"],
        }
        rows: list[dict[str, str]] = []
        for d in p["deposits"]:
            rows.append(
                {
                    "記録区分": "預金",
                    "金融機関名": d["bank"],
                    "金融機関ｺｰﾄﾞ": d["bank_code"],
                    "支店名": d["branch"],
                    "口座種別": d["type"],
                    "口座番号": d["number"],
                    "残高": f"{d['balance']:,}",
                }
            )
        for i in p["insurance"]:
            rows.append(
                {
                    "記録区分": "保険",
                    "保険会社": i["insurer"],
                    "証券番号": i["policy"],
                    "受取人": i["beneficiary"],
                    "保険金額": f"{i['amount']:,}",
                }
            )
        for c in p["contracts"]:
            rows.append(
                {
                    "記録区分": "公共料金",
                    "契約先": c["provider"],
                    "契約種別": c["kind"],
                    "お客様番号": c["customer"],
                }
            )
        if not rows:
            rows.append({})
        for r in rows:
            if r.get("記録区分"):
                r.update({"ﾌｫﾙﾀﾞ": p["folder"], "公開範囲": DISCLOSURE_JA[p["disclosure"]]})
            row = {**base, **r}
            writer.writerow([_cell(row.get(c, "")) for c in DESKTOP_COLUMNS])
    return out.getvalue().encode("cp932")


def _cell(value: str) -> str:
    # what a careful desktop app does for formula-looking cells (the apostrophe prefix)
    if value[:1] in ("=", "+", "@") or (value[:1] == "-" and not value[1:2].isdigit()):
        return "'" + value
    return value


# --- (b) cloud_xml -------------------------------------------------------------------------------

CLOUD_NS = "https://vendor-b.example/ns/export"
AUDIENCE = {"anyone": "all_heirs", "family": "all_heirs", "named": "named_persons", "hidden": "nobody"}


def cloud_xml(persons: list[dict[str, Any]]) -> bytes:
    from lxml import etree

    def sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        el = etree.SubElement(parent, f"{{{CLOUD_NS}}}{tag}", {k: v for k, v in attrs.items()})
        if text is not None:
            el.text = text
        return el

    root = etree.Element(f"{{{CLOUD_NS}}}export", nsmap={"cn": CLOUD_NS})
    root.set("version", "3")
    sub(root, "exportedAt", "2026-11-01T09:00:00+09:00")
    members = sub(root, "members")
    for n, p in enumerate(persons):
        m = sub(members, "member", id=f"M{p['id']}")
        prof = sub(m, "profile")
        name = sub(prof, "name")
        sub(name, "family", p["family"][0])
        sub(name, "given", p["given"][0])
        sub(name, "familyKana", p["family"][1])
        sub(name, "givenKana", p["given"][1])
        sub(name, "familyLatin", p["family"][2])
        sub(name, "givenLatin", p["given"][2])
        sub(prof, "birthDate", p["birth"].isoformat())
        sub(prof, "gender", {"1": "M", "2": "F"}[p["sex"]])
        addr = sub(prof, "address", postal=p["postal"])
        sub(addr, "prefecture", p["prefecture"])
        sub(addr, "city", p["city"])
        sub(addr, "town", p["town"])
        sub(addr, "block", p["block"])
        contact = sub(prof, "contact")
        sub(contact, "phone", p["phone"], type="home")
        sub(contact, "phone", p["mobile"], type="mobile")
        sub(contact, "email", p["email"])
        account = sub(m, "account")
        sub(account, "plan", ["free", "standard", "premium"][n % 3])
        sub(account, "deathConfirmation", ["cremation_permit", "death_certificate", "inactivity"][n % 3])
        if p["pin"]:
            sub(sub(m, "security"), "pin", p["pin"])
        assets = sub(m, "assets")
        for d in p["deposits"]:
            dep = sub(assets, "deposit", audience=AUDIENCE[p["disclosure"]])
            sub(dep, "bankName", d["bank"])
            sub(dep, "bankCode", d["bank_code"])
            sub(dep, "branchName", d["branch"])
            sub(dep, "accountType", d["type"])
            sub(dep, "accountNumber", d["number"])
            sub(dep, "balance", str(d["balance"]), currency="JPY")
        for i in p["insurance"]:
            pol = sub(assets, "insurance", audience=AUDIENCE[p["disclosure"]])
            sub(pol, "company", i["insurer"])
            sub(pol, "policyNumber", i["policy"])
            sub(pol, "beneficiary", i["beneficiary"])
        digital = sub(m, "digital")
        for a in p["accounts"]:
            acc = sub(digital, "service", name=a["service"])
            sub(acc, "handle", a["handle"])
            sub(acc, "afterDeath", a["action"])
        if p["memo"]:
            sub(sub(m, "messages"), "message", p["memo"], to="family")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


# --- (c) phone_json ------------------------------------------------------------------------------


def phone_json(persons: list[dict[str, Any]]) -> bytes:
    import jaconv

    profiles = []
    for n, p in enumerate(persons):
        prof: dict[str, Any] = {
            "uid": f"u{p['id']}",
            "displayName": f"{p['family'][0]} {p['given'][0]}",
            "yomi": jaconv.kata2hira(f"{p['family'][1]} {p['given'][1]}"),
            "birthday": p["birth"].strftime("%Y%m%d"),
            "gender": {"1": "male", "2": "female"}[p["sex"]],
            "zip": p["postal"],
            "pref": p["prefecture"],
            "city": p["city"],
            "street": f"{p['town']}{p['block']}",
            "tel": p["mobile"].replace("-", ""),
            "mail": p["email"],
            "platform": ["ios", "android"][n % 2],
            "albumId": f"album-{n:08x}",
            "reminder": {
                "enabled": n % 2 == 0,
                "frequency": ["monthly", "quarterly", "yearly"][n % 3],
                "time": "09:00",
            },
            "banks": [
                {"name": d["bank"], "branch": d["branch"], "no": d["number"], "yen": d["balance"]}
                for d in p["deposits"]
            ],
            "sns": [{"service": a["service"], "id": a["handle"], "wish": a["action"]} for a in p["accounts"]],
        }
        if p["pin"]:
            prof["passcode"] = p["pin"]
        if p["memo"]:
            prof["note"] = p["memo"]
        profiles.append(prof)
    doc = {"app": "OwariNote", "schema": 2, "exportedAt": "2026-11-01T09:00:00+09:00", "profiles": profiles}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# --- (d) ledger_csv --------------------------------------------------------------------------------
# A desktop ending-note app's "one row per fact" export, shaped like the real one in issue 12: cp932,
# CRLF, a 区分 column deciding what 項目1..項目6 mean, dates mixing 和暦 spellings and 西暦, the whole
# address in one cell (and the postal code in three spellings), a PIN column, memo rows of no group.

LEDGER_COLUMNS = [
    "会員ID",
    "区分",
    "項目1",
    "項目2",
    "項目3",
    "項目4",
    "項目5",
    "項目6",
    "暗証番号",
    "登録日",
]
# (postal code, prefecture, city, town, 丁目 or 0, block) — real places, checked against Japan Post's data
LEDGER_PLACES = [
    ("1000013", "東京都", "千代田区", "霞が関", 2, "1-2"), ("1500001", "東京都", "渋谷区", "神宮前", 1, "17-11"),
    ("5300001", "大阪府", "大阪市北区", "梅田", 3, "1-3"), ("4600008", "愛知県", "名古屋市中区", "栄", 4, "1-1"),
    ("8100001", "福岡県", "福岡市中央区", "天神", 2, "8-1"), ("2310023", "神奈川県", "横浜市中区", "山下町", 0, "1"),
    ("6008216", "京都府", "京都市下京区", "東塩小路町", 0, "721-1"), ("9800811", "宮城県", "仙台市青葉区", "一番町", 1, "3-1"),
]  # fmt: skip
FAMILY_ROLES = [("配偶者", "spouse", "spouse"), ("長男", "son1", "child"), ("長女", "daughter1", "child")]
FUNERALS = [("家族葬", "family"), ("一般葬", "general"), ("直葬", "direct_cremation")]
RELIGIONS = [
    ("仏教", "buddhism", "浄土真宗本願寺派"),
    ("神道", "shinto", ""),
    ("無宗教", "non_religious", ""),
]
INSURANCE_KINDS = [("終身保険", "whole_life"), ("医療保険", "medical"), ("がん保険", "cancer")]
_KANJI = "〇一二三四五六七八九"


def _ledger_date(d: dt.date, n: int) -> str:
    """The spellings the real export mixes: 和暦 in four forms and 西暦 in two."""
    era, year = ("昭和", d.year - 1925) if d < dt.date(1989, 1, 8) else ("平成", d.year - 1988)
    forms = [
        f"{era}{year}年{d.month}月{d.day}日",
        f"{'S' if era == '昭和' else 'H'}{year}.{d.month}.{d.day}",
        f"{era[0]}{year}/{d.month}/{d.day}",
        f"{era}{year}.{d.month:02d}.{d.day:02d}",
        f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.year}年{d.month}月{d.day}日",
    ]
    return forms[n % len(forms)]


def _ledger_address(place: tuple[str, str, str, str, int, str], n: int) -> tuple[str, str]:
    """(the postal-code cell, the address cell) in the spellings people type."""
    postal, pref, city, town, chome, block = place
    if chome:
        b1, _, b2 = block.partition("-")
        forms = [
            f"{pref}{city}{town}{_KANJI[chome]}丁目{block}",
            f"{pref}{city}{town}{chome}丁目{b1}番{b2}号" if b2 else f"{pref}{city}{town}{chome}丁目{b1}番",
            f"{pref}{city}{town}{chome}-{block}",
            f"{pref}{city}{town}{_KANJI[chome]}丁目{block}　{town}ハイツ{n % 9 + 1}02号室",
        ]
    else:
        forms = [f"{pref}{city}{town}{block}", f"{pref}{city}{town}{block}　{town}ビル{n % 5 + 1}F"]
    postal_forms = [f"{postal[:3]}-{postal[3:]}", f"〒{postal}", _full_width(f"{postal[:3]}-{postal[3:]}")]
    return postal_forms[n % 3], forms[n % len(forms)]


def _full_width(text: str) -> str:
    import jaconv

    return str(jaconv.h2z(text, ascii=True, digit=True)).replace("-", "－")


def ledger_people(count: int = 40, seed: int = 12) -> list[dict[str, Any]]:
    """The persons of the ledger sample, with every value the conversion must produce."""
    rng = random.Random(seed)  # noqa: S311 - fictitious sample data
    out = []
    for n in range(1, count + 1):
        p = _person(rng, n)
        p["place"] = LEDGER_PLACES[n % len(LEDGER_PLACES)]
        p["family_members"] = [
            (role, f"{p['family'][0]}　{rng.choice(GIVEN_F if role != '長男' else GIVEN_M)[0]}", code, rel,
             dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 50)))
            for role, code, rel in FAMILY_ROLES[: rng.randrange(0, 3)]
        ]  # fmt: skip
        p["deposits"] = p["deposits"][:2]
        p["policies"] = [
            {
                "insurer": rng.choice(INSURERS),
                "kind": rng.choice(INSURANCE_KINDS),
                "policy": f"P{rng.randrange(10_000_000, 99_999_999)}",
                "beneficiary": rng.choice(p["family_members"])[0] if p["family_members"] else None,
            }
            for _ in range(rng.randrange(0, 2))
        ]
        p["funeral"] = (
            {
                "type": rng.choice(FUNERALS),
                "religion": rng.choice(RELIGIONS),
                "budget": rng.randrange(5, 30) * 100_000,
                "requests": rng.choice(["", "密葬で", "花は白で統一"]),
            }
            if n % 3
            else None
        )
        p["memo"] = (
            ["暗証番号：" + f"{rng.randrange(0, 9999):04d}"]
            if n % 13 == 0
            else (["長男に相談済み"] if n % 4 == 0 else [])
        )
        out.append(p)
    return out


def ledger_csv(persons: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LEDGER_COLUMNS)
    for n, p in enumerate(persons):
        rows: list[list[str]] = []
        postal, address = _ledger_address(p["place"], n)
        kana = _half(f"{p['family'][1]} {p['given'][1]}")
        rows.append(["本人", f"{p['family'][0]}　{p['given'][0]}", kana, _ledger_date(p["birth"], n),
                     {"1": "男性", "2": "女性"}[p["sex"]], postal, address, ""])  # fmt: skip
        if n % 2 == 0:
            rows.append(["連絡先", "自宅電話", p["phone"], "", "", "", "", ""])
        rows.append(
            [
                "連絡先",
                "携帯電話",
                _full_width(p["mobile"]) if n % 4 == 1 else p["mobile"],
                "",
                "",
                "",
                "",
                "",
            ]
        )
        if n % 3:
            rows.append(["連絡先", "メール", p["email"], "", "", "", "", ""])
        for role, name, _code, _rel, born in p["family_members"]:
            rows.append(["家族", role, name, _ledger_date(born, n + 1), "", "", "", ""])
        for d in p["deposits"][:2]:
            rows.append(["預金", d["bank"], d["branch"], d["type"], d["number"], "", "", p["pin"]])
        for pol in p["policies"]:
            who = f"受取人：{pol['beneficiary']}" if pol["beneficiary"] else ""
            rows.append(["保険", pol["insurer"], pol["kind"][0], pol["policy"], who, "", "", ""])
        if p["funeral"]:
            f = p["funeral"]
            rows.append(["葬儀", f["type"][0], f["religion"][0], f["religion"][2], f"{f['budget']:,}円",
                         f["requests"], "", ""])  # fmt: skip
        for memo in p["memo"]:
            rows.append(["その他", "メモ", memo, "", "", "", "", ""])
        for r in rows:
            writer.writerow([f"K{p['id']}", *r, p["updated"].strftime("%Y/%m/%d")])
    return out.getvalue().encode("cp932")


WRITERS = {
    "desktop_csv": (desktop_csv, "sample.csv"),
    "cloud_xml": (cloud_xml, "sample.xml"),
    "phone_json": (phone_json, "sample.json"),
}
LEDGER = ("ledger_csv", "sample.csv")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persons", type=int, default=60)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--vendor", choices=sorted(WRITERS))
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    folks = people(args.persons, args.seed)
    vendors = [args.vendor] if args.vendor else sorted(WRITERS)
    for vendor in vendors:
        write, name = WRITERS[vendor]
        target = args.output if args.output and args.vendor else HERE / vendor / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(write(folks))
        print(f"wrote {target}", file=sys.stderr)
    if not args.vendor:
        ledger = HERE / LEDGER[0] / LEDGER[1]
        ledger.parent.mkdir(parents=True, exist_ok=True)
        ledger.write_bytes(ledger_csv(ledger_people()))
        print(f"wrote {ledger}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
