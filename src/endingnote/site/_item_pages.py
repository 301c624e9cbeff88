"""One page per item, at a path that mirrors its canonical URI: ``{namespace}/item/person.name``
is ``<version>/item/person.name/`` (and ``latest/item/person.name/``), where the w3id redirect
rules send it. Kept out of the navigation and of search (the record-type pages list every item)."""

from __future__ import annotations

from typing import Any

from endingnote.site._catalogue_pages import deprecated_badge, draft_banner, item_page_path, item_rows
from endingnote.site._context import VersionContext
from endingnote.site._md import GENERATED_HEADER, both, esc, front_matter, json_block, para, table


def pages(ctx: VersionContext, changes: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    std = ctx.std
    out: dict[str, str] = {}
    for rt in std.records.values():
        for f in rt.items:
            label = both(rt.label_ja, rt.label_en)
            back = f"レコード型 / Record type: [{label}](../records/{rt.key}.md#{f.key})"
            out[item_page_path(rt, f)] = (
                front_matter(f"{f.label_ja} / {f.label_en} ({rt.key}.{f.key})", search=False)
                + GENERATED_HEADER
                + f"# {both(f.label_ja, f.label_en)}\n\n"
                + draft_banner(std)
                + deprecated_badge(f)
                + f"{back}\n\n{para(f.definition_ja)}\n\n{para(f.definition_en)}\n\n"
                + table(
                    ["属性 / Attribute", "値 / Value"],
                    item_rows(f, rt, std, changes.get(f"{rt.key}.{f.key}", [])),
                )
                + "\n例 / Example:\n\n"
                + (json_block(f.example) if f.example is not None else "例なし / no example\n")
                + f"\n版 / Version {esc(std.version)}\n"
            )
    return out
