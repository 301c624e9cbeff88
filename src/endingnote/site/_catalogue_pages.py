"""Pages of one version's catalogue: the version home, the catalogue by category and tier, one page
per record type with every item, shared parts and types, and the code lists."""

from __future__ import annotations

from typing import Any

from endingnote.site import _record_sections as sections
from endingnote.site._context import (
    BASIS_LEGEND,
    DISCLAIMER_EN,
    DISCLAIMER_JA,
    STATUS_LABELS,
    VersionContext,
    status_label,
)
from endingnote.site._md import GENERATED_HEADER, both, code, esc, front_matter, json_block, para, table
from endingnote.standard import PRIMITIVES, TIER_LABELS, TIERS, Field, RecordType, Standard

CARDINALITY_HELP = {
    "1": ("必須・1つ", "required, one"),
    "0..1": ("任意・1つ", "optional, one"),
    "0..*": ("任意・複数可", "optional, repeating"),
    "1..*": ("必須・1つ以上", "required, one or more"),
}


def disclaimer_block(ctx: VersionContext) -> str:
    """The statement that the catalogue is the project's reconstruction, once per language: the
    version's own note (``note_ja``/``note_en`` in ``standard.yaml``) when it has one, else the
    project's wording (both say the same, so showing both repeated it)."""
    ja = ctx.note_ja or DISCLAIMER_JA
    en = ctx.note_en or DISCLAIMER_EN
    return (
        '!!! warning "プロジェクトによる再構成 / The project\'s reconstruction"\n\n'
        f"{_indent(para(ja))}\n\n"
        f"{_indent(para(en))}\n\n"
    )


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.split("\n"))


def draft_banner(std: Standard) -> str:
    if std.status == "released":
        return ""
    return (
        f'!!! danger "草案 / Draft — {esc(std.version)}"\n\n'
        "    この版は未公開の草案です。内容は公開前に変わることがあります。\n\n"
        "    This version is an unreleased draft; it may change before release.\n\n"
    )


def type_link(f: Field, prefix: str, *, long: bool = False) -> str:
    """The field's type as a link to its definition (``prefix`` leads to the version's folder)."""
    if f.type in PRIMITIVES:
        ja, en, _ = PRIMITIVES[f.type]
        label = f" ({both(ja, en)})" if long else ""
        return f"[{esc(f.type)}]({prefix}parts.md#type-{f.type}){label}"
    return f"[{esc(f.type)}]({prefix}parts.md#part-{f.type})"


def codelist_link(f: Field, std: Standard, prefix: str) -> str:
    if not f.codelist:
        return ""
    cl = std.codelists.get(f.codelist)
    label = both(cl.label_ja, cl.label_en) if cl else esc(f.codelist)
    return f"[{label}]({prefix}codelists.md#cl-{f.codelist})"


def ref_link(f: Field, std: Standard, prefix: str) -> str:
    if not f.ref:
        return ""
    target = std.records.get(f.ref)
    label = both(target.label_ja, target.label_en) if target else esc(f.ref)
    return f"[{label}]({prefix}records/{f.ref}.md)" if target else label


def item_link(std: Standard, key: str, prefix: str) -> str:
    """A link to ``record.item`` (or to a record type) when it exists in ``std``; plain text otherwise."""
    record_key, _, item_key = key.partition(".")
    rt = std.records.get(record_key)
    if rt is None:
        return code(key)
    if not item_key:
        return f"[{code(key)}]({prefix}records/{record_key}.md)"
    if item_key not in rt.item_map():
        return code(key)
    return f"[{code(key)}]({prefix}records/{record_key}.md#{item_key})"


def _tier(tier: str | None) -> str:
    if tier is None:
        return ""
    ja, en = TIER_LABELS.get(tier, (tier, tier))
    return both(ja, en)


def _cardinality(card: str) -> str:
    ja, en = CARDINALITY_HELP.get(card, ("", ""))
    return f"{code(card)} {both(ja, en)}" if ja else code(card)


def version_home(ctx: VersionContext) -> str:
    std = ctx.std
    items = std.items()
    counts = {t: sum(1 for i in items if i.field.tier == t) for t in TIERS}
    released = esc(std.released) if std.released else "未公開 / unreleased"
    previous = esc(std.previous) if std.previous else "なし / none"
    rows = [
        ("版 / Version", code(std.version)),
        ("状態 / Status", status_label(std.status)),
        ("公開日 / Released", released),
        ("前の版 / Previous", previous),
        ("名前空間 / Namespace", code(std.namespace)),
        ("レコード型 / Record types", str(len(std.records))),
        ("項目 / Items", str(len(items))),
        *[(both(*TIER_LABELS[t]), str(counts[t])) for t in TIERS],
        ("共通部品 / Parts", str(len(std.parts))),
        ("コードリスト / Code lists", str(len(std.codelists))),
    ]
    return (
        front_matter(f"{std.title_ja} / {std.title_en}")
        + GENERATED_HEADER
        + f"# {both(std.title_ja, std.title_en)}\n\n"
        + draft_banner(std)
        + disclaimer_block(ctx)
        + table(["属性 / Attribute", "値 / Value"], rows)
        + "\n## この版の内容 / In this version\n\n"
        "- [項目カタログ / Item catalogue](catalogue.md) — カテゴリ・区分ごとの全項目 / "
        "every item by category and tier\n"
        "- [レコード型 / Record types](records/index.md) — 1型1ページ / one page per record type\n"
        "- [共通部品・型 / Parts and types](parts.md)\n"
        "- [コードリスト / Code lists](codelists.md)\n"
        "- [ダウンロード / Downloads](downloads.md) — JSON Schema, CSV/XLSX, examples\n"
        "- [変更履歴と差分 / Changes](changes.md)\n"
        "- [品質レポート / QA report](qa.md)\n"
    )


def catalogue(ctx: VersionContext) -> str:
    std = ctx.std
    items = std.items()
    out = [GENERATED_HEADER, "# 項目カタログ / Item catalogue\n\n", draft_banner(std), disclaimer_block(ctx)]
    out.append(
        f"{esc(std.title_ja)}の全 {len(items)} 項目を、カテゴリと区分(共通・協調・独自)ごとに示します。"
        "項目名をクリックすると定義・型・例・根拠を表示します。\n\n"
        f"All {len(items)} items of {esc(std.title_en)}, by category and tier "
        "(common, cooperative, vendor-specific). "
        "Follow an item for its definition, type, example and basis.\n\n"
    )
    summary = []
    for cat in std.categories:
        in_cat = [i for i in items if i.record.category == cat.key]
        summary.append(
            (
                f"[{both(cat.label_ja, cat.label_en)}](#{cat.key})",
                *[str(sum(1 for i in in_cat if i.field.tier == t)) for t in TIERS],
                str(len(in_cat)),
            )
        )
    out.append(table(["カテゴリ / Category", *[both(*TIER_LABELS[t]) for t in TIERS], "計 / Total"], summary))
    for cat in std.categories:
        origin = (
            "事業が定めるカテゴリ / a category named by the programme"
            if cat.origin == "programme"
            else "本プロジェクトの作業区分 / a working section added by the project"
        )
        out.append(f"\n## {both(cat.label_ja, cat.label_en)} {{#{cat.key}}}\n\n{origin}\n\n")
        in_cat = [i for i in items if i.record.category == cat.key]
        if not in_cat:
            out.append("このカテゴリにはまだ項目がありません。 / No items in this category yet.\n")
            continue
        for tier in TIERS:
            rows = [
                (
                    f"[{code(i.key)}](records/{i.record.key}.md#{i.field.key})",
                    esc(i.field.label_ja),
                    esc(i.field.label_en),
                    code(i.field.type) + (f" → {code(i.field.codelist)}" if i.field.codelist else ""),
                    code(i.field.cardinality),
                    status_label(i.field.status),
                )
                for i in in_cat
                if i.field.tier == tier
            ]
            if rows:
                out.append(f"\n### {both(*TIER_LABELS[tier])} {{#{cat.key}-{tier}}}\n\n")
                out.append(
                    table(
                        ["キー / Key", "項目名", "Item", "型 / Type", "多重度 / Card.", "状態 / Status"],
                        rows,
                    )
                )
    out.append("\n## 根拠の凡例 / Basis legend {#basis}\n\n")
    out.append(
        table(
            ["根拠 / Basis", "意味", "Meaning"],
            [(code(k), esc(ja), esc(en)) for k, (ja, en) in BASIS_LEGEND.items()],
        )
    )
    return "".join(out)


def records_index(ctx: VersionContext) -> str:
    std = ctx.std
    out = [
        front_matter("レコード型 / Record types"),
        GENERATED_HEADER,
        "# レコード型 / Record types\n\n",
        draft_banner(std),
    ]
    out.append(
        "ノートの最上位の各プロパティがレコード型です。多重度が `0..*` / `1..*` の型は配列になります。\n\n"
        "Each top-level property of a note is a record type; "
        "those with cardinality `0..*` / `1..*` are arrays.\n\n"
    )
    for cat in std.categories:
        rts = [rt for rt in std.records.values() if rt.category == cat.key]
        if not rts:
            continue
        out.append(f"## {both(cat.label_ja, cat.label_en)} {{#{cat.key}}}\n\n")
        out.append(
            table(
                [
                    "レコード型 / Record type",
                    "キー / Key",
                    "多重度 / Card.",
                    "項目数 / Items",
                    "状態 / Status",
                ],
                [
                    (
                        f"[{both(rt.label_ja, rt.label_en)}]({rt.key}.md)",
                        code(rt.key),
                        code(rt.cardinality),
                        str(len(rt.items)),
                        status_label(rt.status),
                    )
                    for rt in rts
                ],
            )
        )
        out.append("\n")
    return "".join(out)


def _example(value: Any) -> str:
    return json_block(value) if value is not None else "例なし / no example\n"


def item_rows(
    f: Field, rt: RecordType, std: Standard, changes: list[dict[str, Any]]
) -> list[tuple[str, str]]:
    """The attribute table of one item, for a page one folder below the version's root."""
    rows: list[tuple[str, str]] = [
        ("URI", code(std.item_uri(rt.key, f.key))),
        ("キー / Key", code(f"{rt.key}.{f.key}")),
        ("項目名 / Label", both(f.label_ja, f.label_en)),
        ("定義", esc(f.definition_ja)),
        ("Definition", esc(f.definition_en)),
        ("型 / Type", type_link(f, "../", long=True)),
        ("多重度 / Cardinality", _cardinality(f.cardinality)),
    ]
    if f.codelist:
        rows.append(("コードリスト / Code list", codelist_link(f, std, "../")))
    if f.ref:
        rows.append(("参照先 / Refers to", ref_link(f, std, "../")))
    if f.constraints:
        rows.append(
            ("制約 / Constraints", ", ".join(code(f"{k}={v}") for k, v in sorted(f.constraints.items())))
        )
    rows.append(("区分 / Tier", _tier(f.tier)))
    basis = ", ".join(
        f"[{code(b)}](../catalogue.md#basis)" if b in BASIS_LEGEND else code(b) for b in f.basis
    )
    rows.append(("根拠 / Basis", basis))
    if f.gif:
        rows.append(("GIF / IMI", code(f.gif)))
    if f.alpha_item:
        rows.append(("α 版項目 / α item", esc(f.alpha_item)))
    rows.append(("状態 / Status", status_label(f.status)))
    rows.append(("初出 / Since", code(f.since)))
    if changes:
        listed = "<br>".join(
            f"{code(c.get('level', ''))} {code(c.get('rule', ''))} {esc(c.get('message_ja', ''))}"
            f" / {esc(c.get('message_en', ''))}"
            for c in changes
        )
        rows.append(
            ("この版での変更 / Changed in this version", f"{listed} ([差分 / diff](../changes.md#diff))")
        )
    if f.deprecated_in:
        rows.append(("非推奨となった版 / Deprecated in", code(f.deprecated_in)))
    if f.replaced_by:
        rows.append(("後継 / Replaced by", item_link(std, f.replaced_by, "../")))
    if f.aliases:
        rows.append(("旧名 / Aliases", ", ".join(code(a) for a in f.aliases)))
    return rows


def deprecated_badge(f: Field) -> str:
    if f.status != "deprecated":
        return ""
    return '!!! warning "非推奨 / Deprecated"\n\n    この項目は非推奨です。 / This item is deprecated.\n\n'


def item_page_path(rt: RecordType, f: Field) -> str:
    """The item's own page, at a path that mirrors its URI: ``item/<record>.<item>.md``."""
    return f"item/{rt.key}.{f.key}.md"


def _item_details(f: Field, rt: RecordType, std: Standard, changes: list[dict[str, Any]]) -> str:
    rows = item_rows(f, rt, std, changes)
    own = item_page_path(rt, f)
    rows.insert(2, ("固定ページ / Permanent page", f"[{code(own.removesuffix('.md'))}](../{own})"))
    return (
        f"### {both(f.label_ja, f.label_en)} {{#{f.key}}}\n\n"
        + deprecated_badge(f)
        + '<div class="en-item-detail" markdown>\n\n'
        + table(["属性 / Attribute", "値 / Value"], rows)
        + "\n</div>\n\n"
        + "例 / Example:\n\n"
        + _example(f.example)
        + "\n"
    )


def record_page(
    ctx: VersionContext,
    rt: RecordType,
    changes: dict[str, list[dict[str, Any]]] | None = None,
    example: Any = None,
) -> str:
    """One record type: its items, a full example, its structure, its mappings and every item in
    detail; ``changes`` maps ``record.item`` to its diff entries against the previous version (from
    :mod:`endingnote.compat`), ``example`` is the record's value in the full example."""
    changes = changes or {}
    std = ctx.std
    cat = std.category(rt.category)
    meta = " · ".join(
        [
            f"キー / Key {code(rt.key)}",
            f"URI {code(std.record_uri(rt.key))}",
            f"カテゴリ / Category [{both(cat.label_ja, cat.label_en)}](../catalogue.md#{cat.key})",
            f"多重度 / Cardinality {_cardinality(rt.cardinality)}",
            f"状態 / Status {status_label(rt.status)}",
            f"初出 / Since {code(rt.since)}",
            f"版 / Version {code(std.version)}",
        ]
    )
    rows = [
        (
            f"[{code(f.key)}](#{f.key})",
            f"{esc(f.label_ja)}<br>{esc(f.label_en)}",
            esc(TIER_LABELS.get(f.tier or "", ("", ""))[0]),
            type_link(f, "../")
            + (f" → [{code(f.codelist)}](../codelists.md#cl-{f.codelist})" if f.codelist else ""),
            code(f.cardinality),
            esc(STATUS_LABELS.get(f.status, (f.status, ""))[0])
            + (f" ({esc(f.deprecated_in)})" if f.deprecated_in else "")
            + f"<br>{code(f.since)}",
        )
        for f in rt.items
    ]
    out = [
        GENERATED_HEADER,
        f"# {both(rt.label_ja, rt.label_en)}\n\n",
        draft_banner(std),
        f"{para(rt.definition_ja)}\n\n{para(rt.definition_en)}\n\n",
        f'<p class="en-meta" markdown>{meta}</p>\n',
        "\n## 項目一覧 / Items {#items}\n\n",
        '<div class="en-items" markdown>\n\n',
        table(
            [
                "キー / Key",
                "項目名 / Item",
                "区分 / Tier",
                "型 / Type",
                "多重度 / Card.",
                "状態・初出 / Status, since",
            ],
            rows,
        ),
        "\n</div>\n",
    ]
    if example is not None:
        out.append(sections.example_section(std, rt, example))
    out += [
        sections.tree_section(std, rt),
        sections.mappings_section(std, rt),
        "\n## 項目の詳細 / Item details {#details}\n\n",
    ]
    out += [_item_details(f, rt, std, changes.get(f"{rt.key}.{f.key}", [])) for f in rt.items]
    return "".join(out)


def parts_page(ctx: VersionContext) -> str:
    std = ctx.std
    out = [GENERATED_HEADER, "# 共通部品・型 / Parts and types\n\n", draft_banner(std)]
    out.append("## 基本型 / Primitive types {#primitives}\n\n")
    out.append(
        table(
            ["型 / Type", "名称 / Name"],
            [(f"[{code(name)}](#type-{name})", both(ja, en)) for name, (ja, en, _d) in PRIMITIVES.items()],
        )
    )
    used_by = _type_users(std)
    for name, (ja, en, desc) in PRIMITIVES.items():
        out.append(f"\n### {both(ja, en)} {{#type-{name}}}\n\n{code(name)} — {esc(desc)}\n")
        users = used_by.get(name, [])
        if users:
            shown = ", ".join(
                item_link(std, k, "") if not k.startswith("part:") else _part_ref(k) for k in users[:30]
            )
            more = f" … (+{len(users) - 30})" if len(users) > 30 else ""
            out.append(f"\n使用箇所 / Used by: {shown}{more}\n")
    out.append("\n## 共通部品 / Parts {#parts}\n\n")
    out.append(
        "複数の項目が型として使う共通の構造です。区分は部品ではなく、それを使う項目が持ちます。\n\n"
        "Shared structures that items use as their type; the tier belongs to the item that uses the part.\n\n"
    )
    part_users = _part_users(std)
    for part in std.parts.values():
        out.append(f"### {both(part.label_ja, part.label_en)} {{#part-{part.key}}}\n\n")
        out.append(f"{code(part.key)} — {para(part.definition_ja)}\n\n{para(part.definition_en)}\n\n")
        out.append(
            table(
                [
                    "キー / Key",
                    "項目名",
                    "Label",
                    "型 / Type",
                    "多重度",
                    "制約 / Constraints",
                    "例 / Example",
                ],
                [
                    (
                        code(f.key),
                        esc(f.label_ja),
                        esc(f.label_en),
                        type_link(f, "") + (f" → {codelist_link(f, std, '')}" if f.codelist else ""),
                        code(f.cardinality),
                        ", ".join(code(f"{k}={v}") for k, v in sorted(f.constraints.items())),
                        code(_compact(f.example)),
                    )
                    for f in part.fields
                ],
            )
        )
        used = part_users.get(part.key, [])
        if used:
            links = (item_link(std, k, "") if not k.startswith("part:") else _part_ref(k) for k in used)
            out.append("\n使用箇所 / Used by: " + ", ".join(links) + "\n")
        out.append("\n")
    return "".join(out)


def _compact(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    import json

    return json.dumps(value, ensure_ascii=False)


def _type_users(std: Standard) -> dict[str, list[str]]:
    """Primitive type -> the items and part fields of that type."""
    users: dict[str, list[str]] = {}
    for item in std.items():
        users.setdefault(item.field.type, []).append(item.key)
    for part in std.parts.values():
        for f in part.fields:
            users.setdefault(f.type, []).append(f"part:{part.key}.{f.key}")
    return users


def _part_users(std: Standard) -> dict[str, list[str]]:
    users: dict[str, list[str]] = {}
    for item in std.items():
        if item.field.type in std.parts:
            users.setdefault(item.field.type, []).append(item.key)
    for part in std.parts.values():
        for f in part.fields:
            if f.type in std.parts:
                users.setdefault(f.type, []).append(f"part:{part.key}.{f.key}")
    return users


def codelist_users(std: Standard) -> dict[str, list[str]]:
    """Code list key → the items and part fields that use it."""
    users: dict[str, list[str]] = {}
    for item in std.items():
        if item.field.codelist:
            users.setdefault(item.field.codelist, []).append(item.key)
    for part in std.parts.values():
        for f in part.fields:
            if f.codelist:
                users.setdefault(f.codelist, []).append(f"part:{part.key}.{f.key}")
    return users


def codelists_page(ctx: VersionContext) -> str:
    std = ctx.std
    users = codelist_users(std)
    out = [GENERATED_HEADER, "# コードリスト / Code lists\n\n", draft_banner(std)]
    out.append(
        table(
            ["コードリスト / Code list", "キー / Key", "コード数 / Codes"],
            [
                (f"[{both(cl.label_ja, cl.label_en)}](#cl-{cl.key})", code(cl.key), str(len(cl.codes)))
                for cl in std.codelists.values()
            ],
        )
    )
    for cl in std.codelists.values():
        out.append(f"\n## {both(cl.label_ja, cl.label_en)} {{#cl-{cl.key}}}\n\n")
        out.append(f"{code(cl.key)} — {para(cl.definition_ja)}\n\n{para(cl.definition_en)}\n\n")
        if cl.source:
            out.append(f"出典 / Source: {esc(cl.source)}\n\n")
        if cl.basis:
            out.append("根拠 / Basis: " + ", ".join(code(b) for b in cl.basis) + "\n\n")
        out.append(
            table(
                ["コード / Code", "名称", "Label"],
                [(code(c.code), esc(c.label_ja), esc(c.label_en)) for c in cl.codes],
            )
        )
        used = [
            item_link(std, k, "") if not k.startswith("part:") else _part_ref(k)
            for k in users.get(cl.key, [])
        ]
        out.append(
            "\n使用箇所 / Used by: " + (", ".join(used) if used else "なし / none (see the QA report)") + "\n"
        )
    return "".join(out)


def _part_ref(key: str) -> str:
    part = key.removeprefix("part:").partition(".")[0]
    return f"[{code(key)}](parts.md#part-{part})"
