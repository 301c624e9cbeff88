"""The JSON-LD page of a version: how to read a note as linked data with the version's context,
and the context's terms that are not catalogue items (``header``, ``extensions``, ``record-id``),
which the w3id rules send here."""

from __future__ import annotations

from endingnote.site._context import VersionContext
from endingnote.site._md import GENERATED_HEADER, code, front_matter, table


def page(ctx: VersionContext) -> str:
    std = ctx.std
    ns = std.namespace
    rows = [
        (
            '<span id="header"></span>' + code("header"),
            code(f"{ns}/header"),
            "ヘッダー(版・拡張の宣言)。JSON リテラル(`@json`)として丸ごと保持 / the header, kept whole "
            "as a JSON literal (`@json`)",
        ),
        (
            '<span id="extensions"></span>' + code("extensions"),
            code(f"{ns}/extensions"),
            "事業者の拡張の枠。JSON リテラル(`@json`)/ the vendor extension slot, a JSON literal (`@json`)",
        ),
        (
            '<span id="record-id"></span>' + code("id"),
            code(f"{ns}/record-id"),
            "繰り返すレコードの id(参照の行き先)/ the id of a repeating record (what references name)",
        ),
    ]
    return (
        front_matter("JSON-LD") + GENERATED_HEADER + "# JSON-LD\n\n"
        f"ノートは 1 バイトも変えずに linked data として読めます。この版の `@context` "
        f"({code(std.context_uri)}、[ダウンロード](downloads/context.jsonld))は、レコード型のキーを "
        f"{code(ns + '/record/…')} に、項目のキーを {code(ns + '/item/<レコード型>.<項目>')} に、"
        f"共通部品のフィールドを {code(ns + '/part/<部品>.<フィールド>')} に対応づけます。"
        "同じキー(`name` など)でもレコード型ごとに別の項目なので、"
        "スコープ付きコンテキスト(JSON-LD 1.1)を使います。\n\n"
        f"A note is linked data without changing a byte of it. This version's `@context` "
        f"({code(std.context_uri)}, [download](downloads/context.jsonld)) maps each record-type key to "
        f"{code(ns + '/record/…')}, each item key to {code(ns + '/item/<record>.<item>')} and each field "
        f"of a shared part to {code(ns + '/part/<part>.<field>')}; one key (`name`) is a different item "
        "in each record type, so the context is scoped (JSON-LD 1.1).\n\n"
        "```python\nfrom pyld import jsonld\n"
        'expanded = jsonld.expand(note, {"expandContext": context})  # context.jsonld, loaded\n```\n\n'
        "HTTP で配るときは `Link: <…/context.jsonld>; "
        'rel="http://www.w3.org/ns/json-ld#context"` を付けます。'
        " / Served over HTTP, add a `Link` header with "
        '`rel="http://www.w3.org/ns/json-ld#context"`.\n\n'
        "## 項目以外の語 / Terms that are not items {#terms}\n\n"
        + table(["キー / Key", "URI", "意味 / Meaning"], rows)
    )
