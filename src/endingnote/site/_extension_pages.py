"""The extension registry pages (a page per namespace), from ``standard/extensions/*.yaml`` as
loaded and checked by :mod:`endingnote.extensions`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote._codes import issue
from endingnote._issues import Issue, Severity
from endingnote.site._md import GENERATED_HEADER, both, code, esc, front_matter, json_block, para, table

if TYPE_CHECKING:
    from endingnote.extensions import ExtField, Namespace

_STATUS = {
    "active": ("有効", "active"),
    "deprecated": ("非推奨", "deprecated"),
    "withdrawn": ("取り下げ", "withdrawn"),
}


@dataclass
class ExtensionPages:
    pages: dict[str, str]  # path under generated/ -> markdown
    nav: list[tuple[str, str]]  # (title, path) of the namespace pages
    issues: list[Issue] = field(default_factory=list)
    state: str = "ok"


def _slug(prefix: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in prefix.lower()) or "namespace"


def _status(s: str) -> str:
    return both(*_STATUS.get(s, (s, s)))


def _applies(f: ExtField, standard_versions: list[str]) -> str:
    out = []
    for a in f.applies_to:
        if a == "*":
            out.append("すべてのレコード / any record")
        elif a == "document":
            out.append("文書全体 / the document")
        else:
            out.append(f"[{code(a)}](../records/{a}.md)" if a in standard_versions else code(a))
    return ", ".join(out)


def _fields_table(fields: tuple[ExtField, ...], records: set[str]) -> str:
    rows = []
    for f in fields:
        codes = ", ".join(f"{code(c.code)} {both(c.label_ja, c.label_en)}" for c in f.codes)
        rows.append(
            (
                f'<span id="item-{_slug(f.key)}"></span>{code(f.key)}',
                esc(f.label_ja),
                esc(f.label_en),
                code(f.type) + (f"<br>{codes}" if codes else ""),
                code(f.cardinality),
                _applies(f, sorted(records)) if f.applies_to else "",
                esc(f.definition_ja) + "<br>" + esc(f.definition_en),
            )
        )
    return table(
        ["キー / Key", "項目名", "Item", "型 / Type", "多重度", "対象 / Applies to", "定義 / Definition"],
        rows,
    )


def _namespace_page(ns: Namespace, records: set[str], version: str) -> str:
    contact = ", ".join(f"{esc(k)}: {code(v)}" for k, v in sorted(ns.contact.items()))
    meta = [
        ("URI", code(ns.uri)),
        ("推奨の短縮名 / Suggested alias", code(ns.prefix)),
        ("所有者 / Owner", esc(ns.owner)),
        ("連絡先 / Contact", contact),
        ("状態 / Status", _status(ns.status)),
        (
            "対応する標準の版 / Standard versions",
            ", ".join(code(v) for v in ns.standard_versions)
            + (
                ""
                if version in ns.standard_versions
                else f" (この版 {code(version)} は対象外 / not this version)"
            ),
        ),
        ("文書 / Documentation", code(ns.documentation) if ns.documentation else ""),
        ("登録ファイル / Registry file", code(f"standard/extensions/{ns.file}")),
    ]
    out = [
        GENERATED_HEADER,
        f"# {both(ns.name_ja, ns.name_en)}\n\n",
        f"{para(ns.description_ja)}\n\n{para(ns.description_en)}\n\n",
        table(["属性 / Attribute", "値 / Value"], meta),
        "\n## 項目 / Items {#items}\n\n",
        _fields_table(ns.items, records),
    ]
    for f in ns.items:
        if f.fields:
            out.append(f"\n### {code(f.key)} の内訳 / fields of {code(f.key)}\n\n")
            out.append(_fields_table(f.fields, records))
    examples = {f.key: f.example for f in ns.items if f.example is not None}
    if examples:
        out.append("\n## 文書での書き方 / In a document {#usage}\n\n")
        doc: dict[str, Any] = {
            "header": {"standard": version, "extensions": {ns.prefix: ns.uri}},
            "extensions": {ns.prefix: examples},
        }
        out.append(
            "ヘッダーで短縮名を名前空間 URI に対応づけ、`extensions` の枠にだけ書きます。"
            " / Map the alias to the namespace URI in the header "
            "and write only into the `extensions` slot.\n\n"
        )
        out.append(json_block(doc))
    return "".join(out)


def build(root: Path, version: str, records: set[str]) -> ExtensionPages:
    """Pages for every registered namespace; problems become QA issues, never a crash."""
    intro = (
        front_matter("拡張レジストリ / Extension registry")
        + GENERATED_HEADER
        + "# 拡張レジストリ / Extension registry\n\n"
        "独自項目は、事業者が所有する名前空間 URI の下に定義し、登録簿 `standard/extensions/` に "
        "1 名前空間 1 ファイルの YAML として登録します(メタスキーマで検証)。未登録の拡張は警告になり、"
        "検証・移行・変換を通して元のまま保たれます。\n\n"
        "Vendor-specific items live under a namespace URI the vendor owns, registered in "
        "`standard/extensions/` as one YAML file per namespace (checked against a meta-schema). "
        "An unregistered extension is a warning and is preserved verbatim "
        "through validation, migration and conversion.\n\n"
    )
    try:
        from endingnote.extensions import check_file, load_registry, registry_dir
    except ImportError as exc:
        found = [issue("site.extensions_unavailable", "standard/extensions", detail=str(exc))]
        return ExtensionPages(
            {
                "extensions/index.md": intro
                + "レジストリを読み込めません。 / The registry could not be loaded.\n"
            },
            [],
            found,
            "not run: endingnote.extensions unavailable",
        )
    from endingnote.errors import EndingNoteError

    issues: list[Issue] = []
    try:
        namespaces = list(load_registry(root))
    except EndingNoteError:
        # Show the valid namespaces; report each broken file.
        namespaces = []
        directory = registry_dir(root)
        for path in sorted(directory.glob("*.yaml")):
            problems = [i for i in check_file(path, root) if i.severity is Severity.ERROR]
            for p in problems:
                issues.append(
                    issue(
                        "site.extension_invalid",
                        f"standard/extensions/{path.name}{p.path}",
                        detail=p.message_en,
                    )
                )
        if not issues:
            issues.append(
                issue("site.extension_invalid", "standard/extensions", detail="the registry did not load")
            )
    pages: dict[str, str] = {}
    nav: list[tuple[str, str]] = []
    rows = []
    for ns in sorted(namespaces, key=lambda n: n.prefix):
        rel = f"extensions/{_slug(ns.prefix)}.md"
        pages[rel] = _namespace_page(ns, records, version)
        nav.append((f"{ns.name_ja} / {ns.name_en}", rel))
        rows.append(
            (
                f"[{both(ns.name_ja, ns.name_en)}]({_slug(ns.prefix)}.md)",
                code(ns.uri),
                esc(ns.owner),
                _status(ns.status),
                ", ".join(code(v) for v in ns.standard_versions),
                str(len(ns.items)),
            )
        )
    body = intro + (
        table(
            [
                "名前空間 / Namespace",
                "URI",
                "所有者 / Owner",
                "状態 / Status",
                "標準の版 / Versions",
                "項目 / Items",
            ],
            rows,
        )
        if rows
        else "登録された名前空間はありません。 / No namespaces are registered.\n"
    )
    pages["extensions/index.md"] = body
    return ExtensionPages(pages, nav, issues, "failed" if issues else "ok")
