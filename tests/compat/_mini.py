"""A tiny standard written to a temporary folder, so compatibility rules are tested on exact edits."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml


def item(key: str, type_: str = "string", **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": key,
        "label_ja": f"{key}の項目",
        "label_en": f"{key} item",
        "definition_ja": f"{key}の定義。",
        "definition_en": f"Definition of {key}.",
        "tier": "cooperative",
        "type": type_,
        "basis": ["proposed"],
        "example": None,
    }
    out.update(kw)
    return out


def record(key: str, cardinality: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "key": key,
        "label_ja": f"{key}の記録",
        "label_en": f"{key} record",
        "definition_ja": f"{key}の定義。",
        "definition_en": f"Definition of {key}.",
        "cardinality": cardinality,
        "items": items,
    }


def base_spec() -> dict[str, Any]:
    """The old version every table row edits."""
    return {
        "head": {
            "version": "1.0",
            "status": "released",
            "released": "2026-01-01",
            "previous": None,
            "title_ja": "ミニ標準",
            "title_en": "Mini standard",
            "namespace": "https://w3id.org/endingnote",
            "categories": [{"key": "basic", "label_ja": "基本", "label_en": "Basic", "origin": "project"}],
        },
        "parts": [
            {
                "key": "name_part",
                "label_ja": "氏名",
                "label_en": "Name",
                "definition_ja": "氏名。",
                "definition_en": "A name.",
                "fields": [
                    {
                        "key": "family",
                        "label_ja": "氏",
                        "label_en": "Family",
                        "type": "string",
                        "cardinality": "1",
                    },
                    {"key": "given", "label_ja": "名", "label_en": "Given", "type": "string"},
                ],
            }
        ],
        "codelists": {
            "will_kind": {
                "key": "will_kind",
                "label_ja": "遺言の種類",
                "label_en": "Kind of will",
                "definition_ja": "遺言の方式。",
                "definition_en": "Form of a will.",
                "codes": [
                    {"code": "holographic", "label_ja": "自筆証書", "label_en": "Holographic"},
                    {"code": "notarial", "label_ja": "公正証書", "label_en": "Notarial"},
                ],
            }
        },
        "records": [
            record(
                "person",
                "1",
                [
                    item("name", "name_part", cardinality="1"),
                    item("birth_date", "date", cardinality="1"),
                    item("nickname", constraints={"max_length": 50}),
                ],
            ),
            record(
                "will",
                "0..1",
                [
                    item("kind", "code", codelist="will_kind"),
                    item("location", constraints={"max_length": 100}),
                ],
            ),
            record(
                "account",
                "0..*",
                [item("provider", cardinality="1"), item("note", "text"), item("handle", "string")],
            ),
            # record types the shipped vendor registry names in applies_to
            record("deposit_account", "0..*", [item("bank", cardinality="1")]),
            record("life_insurance", "0..*", [item("insurer", cardinality="1")]),
        ],
    }


def write(root: Path, spec: dict[str, Any]) -> Path:
    """Write ``spec`` as standard/<version>/ under ``root``; return the version folder."""
    spec = copy.deepcopy(spec)
    version = str(spec["head"]["version"])
    folder: Path = root / version
    (folder / "records").mkdir(parents=True)
    (folder / "codelists").mkdir()

    def dump(path: Path, data: Any) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    dump(folder / "standard.yaml", spec["head"])
    dump(folder / "parts.yaml", {"parts": spec["parts"]})
    for key, cl in spec["codelists"].items():
        dump(folder / "codelists" / f"{key}.yaml", cl)
    dump(folder / "records" / "basic.yaml", {"category": "basic", "records": spec["records"]})
    return folder


def find(spec: dict[str, Any], record_key: str) -> dict[str, Any]:
    return next(r for r in spec["records"] if r["key"] == record_key)


def find_item(spec: dict[str, Any], record_key: str, item_key: str) -> dict[str, Any]:
    return next(i for i in find(spec, record_key)["items"] if i["key"] == item_key)


def next_spec() -> dict[str, Any]:
    """A 1.1 of the mini standard with one change of every kind a migration must handle."""
    s = base_spec()
    s["head"].update(
        version="1.1",
        previous="1.0",
        acknowledged_breaking=[
            {
                "rule": "RECORD_TO_REPEATING",
                "path": "will",
                "reason_ja": "複数の遺言書",
                "reason_en": "several wills",
            },
            {
                "rule": "ITEM_TO_REPEATING",
                "path": "account.note",
                "reason_ja": "複数の備考",
                "reason_en": "notes",
            },
            {
                "rule": "ITEM_TO_REPEATING",
                "path": "part:name_part.given",
                "reason_ja": "複数の名",
                "reason_en": "names",
            },
            {
                "rule": "ITEM_RENAMED",
                "path": "account.account_id_hint",
                "reason_ja": "名称の明確化",
                "reason_en": "clearer name",
            },
        ],
    )
    s["parts"][0]["fields"].append(
        {"key": "middle", "label_ja": "ミドル", "label_en": "Middle", "type": "string"}
    )
    find(s, "person")["items"].append(item("furigana", "kana"))
    find(s, "will")["cardinality"] = "0..*"
    find(s, "will")["items"].append(item("witnesses", "name_part", cardinality="0..*"))
    find_item(s, "account", "note")["cardinality"] = "0..*"
    s["parts"][0]["fields"][1]["cardinality"] = "0..*"  # name_part.given becomes repeating
    handle = find_item(s, "account", "handle")
    handle.update(key="account_id_hint", aliases=["handle"])
    s["codelists"]["will_kind"]["codes"].append(
        {"code": "secret", "label_ja": "秘密証書", "label_en": "Secret"}
    )
    s["records"].append(
        record("disclosure_rule", "0..*", [item("section", cardinality="1"), item("audience")])
    )
    return s
