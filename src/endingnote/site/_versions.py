"""The directory of published versions, and ``versions.json`` for the version selector.

Each version of the standard is built into its own folder, ``<out>/<version>/``, the layout mike
gives mkdocs-material; ``<out>/versions.json`` lists them (newest first) with the ``latest``
alias on the newest released version, which is what the theme's selector reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from endingnote.site._context import status_label
from endingnote.site._md import GENERATED_HEADER, esc, table
from endingnote.standard import Standard

LATEST = "latest"


@dataclass(frozen=True)
class VersionEntry:
    version: str
    title_ja: str
    title_en: str
    status: str
    released: str | None
    previous: str | None

    @classmethod
    def of(cls, std: Standard) -> VersionEntry:
        return cls(std.version, std.title_ja, std.title_en, std.status, std.released, std.previous)


def version_key(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split(".") if p.isdigit())


def latest_released(entries: list[VersionEntry]) -> str | None:
    released = [e.version for e in entries if e.status == "released"]
    return max(released, key=version_key) if released else None


def default_version(entries: list[VersionEntry]) -> str:
    """Where the site root leads: the newest released version, else the newest version."""
    return latest_released(entries) or max((e.version for e in entries), key=version_key)


def versions_json(entries: list[VersionEntry]) -> bytes:
    latest = latest_released(entries)
    rows = []
    for e in sorted(entries, key=lambda e: version_key(e.version), reverse=True):
        title = e.version if e.status == "released" else f"{e.version} (草案 / draft)"
        rows.append(
            {"version": e.version, "title": title, "aliases": [LATEST] if e.version == latest else []}
        )
    return json.dumps(rows, ensure_ascii=False, indent=2).encode() + b"\n"


def redirect_html(target: str) -> bytes:
    """A tiny page that sends the browser to ``target`` (a relative URL)."""
    t = esc(target).replace("\\", "")
    return (
        '<!doctype html>\n<html lang="ja"><head><meta charset="utf-8">'
        f"<title>エンディングノート データ標準 / Ending-note data standard</title>"
        f'<meta http-equiv="refresh" content="0; url={t}">'
        f'<link rel="canonical" href="{t}"></head>'
        f'<body><p><a href="{t}">{t}</a></p></body></html>\n'
    ).encode()


def page(entries: list[VersionEntry], current: str, depth: int) -> str:
    """The directory page inside version ``current``; ``depth`` is how many folders the page's URL
    is below the version's root (links to other versions are plain HTML, outside this build)."""
    up = "../" * (depth + 1)
    latest = latest_released(entries)
    rows = []
    for e in sorted(entries, key=lambda e: version_key(e.version), reverse=True):
        mark = " (この版 / this version)" if e.version == current else ""
        alias = " — latest" if e.version == latest else ""
        link = f'<a class="en-version-link" href="{up}{esc(e.version)}/">{esc(e.version)}</a>'
        rows.append(
            (
                link + mark + alias,
                esc(e.title_ja) + "<br>" + esc(e.title_en),
                status_label(e.status),
                esc(e.released or "—"),
                esc(e.previous or "—"),
                f'<a href="{up}{esc(e.version)}/downloads/">ダウンロード / downloads</a> · '
                f'<a href="{up}{esc(e.version)}/changes/">変更 / changes</a>',
            )
        )
    return (
        GENERATED_HEADER + "# 公開版の一覧 / Directory of published versions\n\n"
        "各版は一度だけ生成されて `/<版>/` に固定され、URL は変わりません。"
        "ヘッダーの版セレクターでも切り替えられます。\n\n"
        "Each version is built once and frozen under `/<version>/` with permanent URLs; "
        "the version selector in the header switches between them.\n\n"
        + table(
            ["版 / Version", "名称 / Title", "状態 / Status", "公開日 / Released", "前の版 / Previous", ""],
            rows,
        )
    )
