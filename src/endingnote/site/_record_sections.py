"""The implementer's sections of a record-type page (after the FHIR IG Publisher's artefact pages):
a full JSON example, the structure as a tree, and the mappings of each item to the GIF / IMI core
vocabulary and to the α standard's tiers, read from the catalogue's ``basis``."""

from __future__ import annotations

import json

from endingnote.site._md import code, esc, inert, table
from endingnote.standard import TIER_LABELS, Field, RecordType, Standard

# What the catalogue's basis says about the α tier of an item (domain notes, §2.1 and §3).
_ALPHA_BASIS = {
    "brief·T": ("事業の説明がこの区分の例に挙げている", "the programme names it as an example of this tier"),
    "brief·C": (
        "事業はカテゴリの例にのみ挙げる。区分は本プロジェクトの提案",
        "named only as a category example; the tier is proposed",
    ),
}
_PROPOSED = ("区分は本プロジェクトの提案", "the tier is the project's proposal")


def _fence(text: str, lang: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}{lang}\n{text}\n{fence}\n"


def example_section(std: Standard, rt: RecordType, value: object) -> str:
    """The record as it appears in a note, and the complete valid note to download."""
    shown = json.dumps({rt.key: value}, ensure_ascii=False, indent=2)
    return (
        "\n## 例 / Example {#example data-search-exclude}\n\n"
        "全項目を埋めたこのレコード型の例です。ヘッダーと必須のレコード、参照先を加えた検証済みの完全なノートは"
        f"[ダウンロード](../downloads/examples/records/{rt.key}.json)できます。\n\n"
        "This record type with every item filled in. A complete note around it (header, required records "
        "and the records it refers to), validated when the site is built, is "
        f"[a download](../downloads/examples/records/{rt.key}.json).\n\n" + _fence(shown, "json")
    )


def _line(f: Field, std: Standard) -> str:
    kind = f.type if f.type != "code" or not f.codelist else f"code({f.codelist})"
    if f.ref:
        kind = f"ref({f.ref})"
    return f"{f.key}: {kind} [{f.cardinality}]  {f.label_ja} / {f.label_en}"


def _branch(std: Standard, fields: tuple[Field, ...], prefix: str, seen: tuple[str, ...]) -> list[str]:
    lines = []
    for i, f in enumerate(fields):
        last = i == len(fields) - 1
        lines.append(prefix + ("└── " if last else "├── ") + _line(f, std))
        if f.type in std.parts and f.type not in seen:
            below = prefix + ("    " if last else "│   ")
            lines += _branch(std, std.parts[f.type].fields, below, (*seen, f.type))
    return lines


def tree(std: Standard, rt: RecordType) -> str:
    """The record type's structure: items, and the fields of the parts they use, as a text tree."""
    head = f"{rt.key} [{rt.cardinality}]  {rt.label_ja} / {rt.label_en}"
    return "\n".join([head, *_branch(std, rt.items, "", ())])


def tree_section(std: Standard, rt: RecordType) -> str:
    return (
        "\n## 構造 / Structure {#structure data-search-exclude}\n\n"
        "各項目の型・多重度と、共通部品の内訳です(`[1]` 必須、`[0..1]` 任意、`*` 複数可)。\n\n"
        "Each item with its type and cardinality, and the fields of the parts it uses "
        "(`[1]` required, `[0..1]` optional, `*` repeating).\n\n"
        # raw HTML, escaped: labels from the YAML can neither inject markup nor Markdown
        + f'<pre class="en-tree"><code>{inert(tree(std, rt))}</code></pre>\n'
    )


def alpha_tier(f: Field) -> str:
    if not f.tier:
        return ""
    ja, en = TIER_LABELS.get(f.tier, (f.tier, f.tier))
    why = next((_ALPHA_BASIS[b] for b in f.basis if b in _ALPHA_BASIS), _PROPOSED)
    return f"{esc(ja)} / {esc(en)}<br><small>{esc(why[0])} / {esc(why[1])}</small>"


def mappings_section(std: Standard, rt: RecordType) -> str:
    rows = [
        (
            f"[{code(f.key)}](#{f.key})",
            code(f.gif) if f.gif else "—",
            alpha_tier(f),
            esc(f.alpha_item) if f.alpha_item else "—",
            ", ".join(code(b) for b in f.basis),
        )
        for f in rt.items
    ]
    return (
        "\n## 対応づけ / Mappings {#mappings data-search-exclude}\n\n"
        "GIF(政府相互運用性フレームワーク)/ IMI 共通語彙基盤のコアモデルの対応項目と、α 版の区分"
        "(共通・協調・独自)です。α 版の項目一覧は公開されていないため、区分の根拠はカタログの `basis` に"
        "よります([根拠の凡例](../catalogue.md#basis))。\n\n"
        "The matching field of the GIF / IMI core vocabulary and the α standard's tier (common, "
        "cooperative, vendor). The α item list is unpublished, so the tier rests on the catalogue's "
        "`basis` ([basis legend](../catalogue.md#basis)).\n\n"
        + table(
            ["キー / Key", "GIF / IMI", "α 版の区分 / α tier", "α 版項目 / α item", "根拠 / Basis"],
            rows,
        )
    )
