"""The mapping language's reference, generated from the code: the meta-schema's keys with their
descriptions, every transform with its parameters, invertibility and an example that is *run*
through the transform (so the example output is what the code does today).

``converters/REFERENCE.md`` is this text; a test regenerates it and fails when it is stale.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TRANSFORM_DOCS", "reference_markdown"]

# name → (what it does, example spec, example input). The output is computed, never written here.
TRANSFORM_DOCS: dict[str, tuple[str, Any, Any]] = {
    "trim": ("Removes spaces (also 全角) and line breaks at both ends.", "trim", "\u3000山田 "),
    "width": (
        "半角カナ → 全角 (voiced marks joined), 全角英数 → 半角."
        " `source_kana: half` writes kana back half-width.",
        {"width": {"source_kana": "half"}},
        "ﾔﾏﾀﾞ　ＴＡＲＯ１",
    ),
    "katakana": (
        "ひらがな → カタカナ (`source: hiragana` writes hiragana back).",
        {"katakana": {"source": "hiragana"}},
        "やまだ",
    ),
    "upper": ("Upper case (romanised names).", "upper", "Yamada"),
    "wareki": (
        "和暦 → ISO date: 令和2年1月1日, 令和元年五月一日, R2.1.1, H31.4.30, 昭和40.7.14, 昭40/7/14"
        " (the calendar"
        " module). Writing back: `style` kanji|letter, `gannen`, `numerals` arabic|kanji, `sep`, `pad`;"
        " `lenient: true` converts out-of-era dates by arithmetic, with a finding.",
        {"wareki": {"style": "letter", "pad": True}},
        "S40.7.14",
    ),
    "date": (
        "A Gregorian date in a `format` (strftime codes, default `%Y/%m/%d`) → ISO.",
        {"date": {"format": "%Y/%m/%d"}},
        "1965/7/14",
    ),
    "name_split": (
        "One name cell → family and given (split at the first space; `sep` joins them back; `kana: true`"
        " fills the kana fields). Target: a name structure.",
        {"name_split": {"sep": "\u3000"}},
        "山田\u3000太郎",
    ),
    "phone": (
        "A phone number: width, dashes and `TEL:` normalised;"
        " `style: digits` writes it back without hyphens.",
        {"phone": {"style": "hyphen"}},
        "TEL：０３－１２３４－５６７８",
    ),
    "postal": (
        "A 7-digit postal code (〒, hyphen, width removed); `style` plain|hyphen|mark for the way back.",
        {"postal": {"style": "hyphen"}},
        "〒100-0013",
    ),
    "map": (
        "A value list: vendor value → code (`values`). Invertible when one-to-one.",
        {"map": {"values": {"男": "1", "女": "2"}}},
        "女",
    ),
    "mask": (
        "Keeps the last `keep` digits (default 4) behind `char` (`***1234`). Not invertible.",
        {"mask": {"keep": 4}},
        "1234567",
    ),
    "default": ("Fills `value` when the cell is empty. Not invertible.", {"default": {"value": "0"}}, ""),
    "integer": (
        "An integer from `1,500,000円`, full-width digits; `grouping: true` writes commas back.",
        {"integer": {"grouping": True}},
        "1,500,000円",
    ),
    "boolean": (
        "`true`/`false` lists of vendor spellings (defaults: true/1/はい/有, false/0/いいえ/無).",
        "boolean",
        "はい",
    ),
    "split": ("One cell → a list, split at `sep` (default `;`).", {"split": {"sep": "、"}}, "囲碁、将棋"),
    "first_of": (
        "Language 2. Tries each branch (a list of transforms) in order; the first that succeeds wins and"
        " the loss report counts which branch matched (`branches`). Written back with the first branch.",
        {
            "first_of": [
                ["wareki"],
                [{"date": {"format": "%Y/%m/%d"}}],
                [{"date": {"format": "%Y年%m月%d日"}}],
            ]
        },
        "1965/07/14",
    ),
    "extract": (
        "Language 2. The `group` (default 1) of an RE2 `pattern` (linear time; no back-references); no"
        " match is a finding. Invertible only with a `template` (`{}` = the value) for the way back.",
        {"extract": {"pattern": "受取人[:：](.+)", "template": "受取人：{}"}},
        "受取人：長男",
    ),
    "replace": (
        "Language 2. Replaces every match of an RE2 `pattern` `with` a text (`\\1` groups). Not invertible.",
        {"replace": {"pattern": "[（(].*?[)）]", "with": ""}},
        "東京電力(旧)",
    ),
    "template": (
        "Language 2. Puts the value into `text` at `{}` (`fm-{}`); the way back takes it out again.",
        {"template": {"text": "fm-{}"}},
        "eldest_son",
    ),
    "address": (
        "Language 2. One address cell → prefecture, city, town (with 丁目), block, building and the"
        " 全国地方公共団体コード, from Japan Post's postal data; former municipality names are read as"
        " their successor (a finding says so); a postal code that disagrees with the address is an"
        " error. Target: an address structure. Written back as one line.",
        "address",
        "〒100-0013 東京都千代田区霞が関2丁目1番2号　霞が関ビル3F",
    ),
}


def _params(name: str) -> str:
    from endingnote.convert._transforms import TRANSFORMS

    _, allowed = TRANSFORMS[name]
    if not allowed:
        return "—"
    out = []
    for key, accepted in allowed.items():
        if all(isinstance(a, type) for a in accepted):
            kinds = "|".join(a.__name__ for a in accepted)  # type: ignore[union-attr]
        else:
            kinds = " \\| ".join(f"`{a}`" for a in accepted)
        out.append(f"`{key}` ({kinds})")
    return ", ".join(out)


def _example(spec: Any, value: Any) -> tuple[str, str]:
    import orjson

    from endingnote.convert._transforms import TransformError, apply_forward, build

    t = build(spec)
    try:
        out, fallback, branch = apply_forward((t,), value)
    except TransformError as exc:  # pragma: no cover - the examples are chosen to succeed
        return "", f"refused: {exc.reason}"
    back = t.inverse(out)
    shown = orjson.dumps(out).decode()
    note = f" (branch {branch})" if branch else ""
    if fallback is not None:
        note += f" (finding {fallback.code})"
    return f"{shown}{note}", orjson.dumps(back).decode()


def _yaml(spec: Any) -> str:
    import yaml

    return yaml.safe_dump(spec, allow_unicode=True, default_flow_style=True, width=1000).strip()


def _keys(schema: dict[str, Any], prefix: str, out: list[str]) -> None:
    for key, sub in schema.get("properties", {}).items():
        desc = sub.get("description")
        if desc:
            out.append(f"| `{prefix}{key}` | {desc} |")
        items = sub.get("items")
        if isinstance(items, dict) and "properties" in items:
            _keys(items, f"{prefix}{key}[].", out)


def reference_markdown() -> str:
    import orjson

    from endingnote.convert._limits import CELL_CHARS, FIRST_OF_BRANCHES, TARGET_INDEX
    from endingnote.convert._metaschema import META_SCHEMA_2
    from endingnote.convert._transforms import TRANSFORMS, V2_TRANSFORMS, build

    lines = [
        "<!-- GENERATED by endingnote.convert.reference_markdown() — do not edit; a test checks it. -->",
        "# Mapping language reference / マッピング言語リファレンス",
        "",
        "A mapping (`converters/<vendor>/mapping.yaml`) says how a vendor's export becomes standard",
        'documents, and back. Write `mapping: "2"` for the features marked *language 2*; mappings of',
        'language `"1"` keep working unchanged. `endingnote mapping check FILE` checks a mapping and',
        "names the valid keys, targets and transforms (with a did-you-mean) when one is wrong.",
        "",
        "## Keys",
        "",
        "| key | meaning |",
        "|---|---|",
    ]
    _keys(META_SCHEMA_2, "", lines)
    cond = META_SCHEMA_2["$defs"]["condition"]
    lines += [f"| `groups[].where` | {cond['description']} |", ""]
    lines += [
        "## Limits",
        "",
        f"- {TARGET_INDEX.describe('en')}",
        f"- {FIRST_OF_BRANCHES.describe('en')}",
        f"- {CELL_CHARS.describe('en')} (lower it per mapping with `source.max_cell_chars`)",
        "- YAML: no anchors, aliases, tags or merge keys; regular expressions run by RE2;"
        " XPath without extension functions or EXSLT.",
        "",
        "## Transforms",
        "",
        "| transform | parameters | invertible | what it does |",
        "|---|---|---|---|",
    ]
    for name in TRANSFORMS:
        what, spec, _ = TRANSFORM_DOCS[name]
        invertible = "yes" if build(spec).invertible else "no"
        lang2 = " *(language 2)*" if name in V2_TRANSFORMS else ""
        lines.append(f"| `{name}`{lang2} | {_params(name)} | {invertible} | {what} |")
    lines += ["", "### Examples (run through the code)", ""]
    for name in TRANSFORMS:
        _, spec, value = TRANSFORM_DOCS[name]
        out, back = _example(spec, value)
        shown = orjson.dumps(value).decode() if value != "" else "(empty)"
        lines.append(f"- `{_yaml([spec])}`: `{shown}` → `{out}`; written back: `{back}`")
    lines.append("")
    return "\n".join(lines)
