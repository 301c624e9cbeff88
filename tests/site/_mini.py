"""A small standard with two versions, written to a temporary folder, with known QA problems:
an unused code list, an untranslated label, a replacement that does not exist, an invalid example,
and hostile text in a label."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HOSTILE = "<script>alert('x')</script> | **bold** [link](http://evil.example) {#id}"


def _item(key: str, type_: str = "string", **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": key,
        "label_ja": f"{key}の項目",
        "label_en": f"{key} item",
        "definition_ja": f"{key}の定義。",
        "definition_en": f"Definition of {key}.",
        "tier": "cooperative",
        "type": type_,
        "basis": ["proposed"],
        "example": "x",
    }
    out.update(kw)
    return out


def _records(extra_item: bool) -> dict[str, Any]:
    deposit_items = [
        _item(
            "bank_name", label_ja="金融機関名", label_en="Bank name", example="みずほ銀行", tier="cooperative"
        ),
        _item("branch", label_ja="支店名", label_en="支店名", example="本店"),  # untranslated
        _item(
            "old_number",
            label_ja="旧番号",
            label_en="Old number",
            status="deprecated",
            deprecated_in="1.0",
            replaced_by="deposit_account.no_such_item",  # broken
            example="123",
        ),
        _item(
            "memo", label_ja="メモ", label_en=HOSTILE, definition_en=HOSTILE, example=HOSTILE, tier="vendor"
        ),
    ]
    if extra_item:
        deposit_items.append(
            _item(
                "holder_kana",
                "kana",
                label_ja="名義カナ",
                label_en="Holder (kana)",
                example="ヤマダ タロウ",
                since="1.1",
            )
        )
    return {
        "category": "basic",
        "records": [
            {
                "key": "person",
                "label_ja": "本人",
                "label_en": "The person",
                "definition_ja": "本人。",
                "definition_en": "The person.",
                "cardinality": "1",
                "items": [
                    _item(
                        "family_name",
                        label_ja="氏",
                        label_en="Family name",
                        cardinality="1",
                        tier="common",
                        example="山田",
                    ),
                    _item(
                        "sex",
                        "code",
                        codelist="sex",
                        label_ja="性別",
                        label_en="Sex",
                        tier="common",
                        example="1",
                    ),
                ],
            },
            {
                "key": "deposit_account",
                "label_ja": "預貯金口座",
                "label_en": "Deposit account",
                "definition_ja": "預貯金の口座。法人番号で金融機関を示す。",
                "definition_en": "A deposit account.",
                "cardinality": "0..*",
                "items": deposit_items,
            },
        ],
    }


def _codelist(key: str, codes: list[tuple[str, str, str]]) -> dict[str, Any]:
    return {
        "key": key,
        "label_ja": f"{key}の一覧",
        "label_en": f"{key} list",
        "definition_ja": "コード。",
        "definition_en": "Codes.",
        "codes": [{"code": c, "label_ja": ja, "label_en": en} for c, ja, en in codes],
    }


def write_version(
    root: Path, version: str, *, status: str, previous: str | None, examples: bool = True
) -> None:
    d = root / version
    (d / "records").mkdir(parents=True)
    (d / "codelists").mkdir()
    head = {
        "version": version,
        "status": status,
        "released": "2026-01-01" if status == "released" else None,
        "previous": previous,
        "title_ja": f"ミニ標準 {version}",
        "title_en": f"Mini standard {version}",
        "namespace": "https://w3id.org/endingnote",
        "site_url": "https://endingnote.github.io/mini/",
        "categories": [
            {"key": "basic", "label_ja": "基本情報", "label_en": "Basic information", "origin": "project"}
        ],
    }
    (d / "standard.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), encoding="utf-8")
    (d / "records" / "basic.yaml").write_text(
        yaml.safe_dump(_records(extra_item=version != "1.0"), allow_unicode=True), encoding="utf-8"
    )
    for key, codes in {
        "sex": [("1", "男性", "Male"), ("2", "女性", "Female")],
        "colour": [("red", "赤", "Red")],  # unused
    }.items():
        (d / "codelists" / f"{key}.yaml").write_text(
            yaml.safe_dump(_codelist(key, codes), allow_unicode=True), encoding="utf-8"
        )
    if not examples:
        return
    gen = d / "generated"
    (gen / "examples").mkdir(parents=True)
    good = {"header": {"standard": version}, "person": {"family_name": "山田", "sex": "1"}}
    bad = {"header": {"standard": version}, "person": {"sex": "7"}, "deposit_account": [{"bank_name": 5}]}
    (gen / "examples" / "minimal.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    (gen / "examples" / "full.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    conf = gen / "conformance"
    (conf / "valid").mkdir(parents=True)
    (conf / "invalid").mkdir()
    (conf / "valid" / "minimal.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    missing = {"header": {"standard": version}, "person": {"sex": "1"}}
    for case, expect in (
        ("missing-name", {"code": "structure.required", "path": "/person/family_name"}),  # right
        ("wrong-expectation", {"code": "structure.no_such_code", "path": "/person"}),  # wrong on purpose
    ):
        (conf / "invalid" / f"{case}.json").write_text(json.dumps(missing), encoding="utf-8")
        meta = {"description_ja": "氏がない", "description_en": "No family name", "expect": [expect]}
        (conf / "invalid" / f"{case}.expected.json").write_text(
            json.dumps(meta, ensure_ascii=False), encoding="utf-8"
        )
    (gen / "schema.json").write_text(
        '{"$schema": "https://json-schema.org/draft/2020-12/schema"}\n', encoding="utf-8"
    )
    (gen / "catalogue.csv").write_bytes("\ufeffkey,label_ja\nperson.family_name,氏\n".encode())
    (gen / "catalogue.xlsx").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    from endingnote.standard._jsonld import context
    from endingnote.standard._load import load_standard  # not cached: tests edit the YAML after

    (gen / "context.jsonld").write_text(json.dumps(context(load_standard(d))), encoding="utf-8")


def write_mini(root: Path) -> Path:
    """``root`` becomes a standard folder with 1.0 (released) and 1.1 (draft)."""
    write_version(root, "1.0", status="released", previous=None)
    write_version(root, "1.1", status="draft", previous="1.0")
    return root
