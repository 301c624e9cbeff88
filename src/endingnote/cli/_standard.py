"""``endingnote standard list|show|build|package``"""

from __future__ import annotations

import json
from pathlib import Path

import click

from endingnote.cli._output import echo_json


@click.group("standard")
def standard() -> None:
    """The standard: its items, and building its published artifacts. / 標準の参照と生成"""


@standard.command("list")
@click.option("--version", "version", default=None, help="Standard version (default: newest)")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of items")
@click.option("--tier", type=click.Choice(["common", "cooperative", "vendor"]), default=None)
@click.option("--category", default=None)
def list_items(version: str | None, as_json: bool, tier: str | None, category: str | None) -> None:
    """List the catalogue's items. / 項目一覧"""
    from endingnote.standard import get

    std = get(version)
    items = [
        i
        for i in std.items()
        if (tier is None or i.field.tier == tier) and (category is None or i.record.category == category)
    ]
    if as_json:
        from endingnote.standard._catalogue import item_record

        echo_json([item_record(std, i.key) for i in items])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{std.title_ja} / {std.title_en}", show_lines=False)
    for col in ("key", "tier", "label_ja", "label_en", "type", "card."):
        table.add_column(col, overflow="fold")
    for i in items:
        table.add_row(
            i.key, i.field.tier or "", i.field.label_ja, i.field.label_en, i.field.type, i.field.cardinality
        )
    Console().print(table)
    click.echo(
        f"{len(items)} items / {len(std.records)} record types / {len(std.codelists)} code lists", err=True
    )


@standard.command("show")
@click.argument("key")
@click.option("--version", "version", default=None)
@click.option("--json", "as_json", is_flag=True)
def show(key: str, version: str | None, as_json: bool) -> int:
    """Show one item (record.item), record type, or code list. / 項目の詳細"""
    from endingnote.standard import get

    std = get(version)
    item = std.item(key)
    if item is not None:
        from endingnote.standard._catalogue import item_record

        row = item_record(std, item.key)
        if as_json:
            echo_json(row)
        else:
            for k, v in row.items():
                if v not in (None, "", [], {}):
                    click.echo(f"{k:>14}: {v}")
        return 0
    if key in std.records:
        rt = std.records[key]
        data = {
            "record": rt.key,
            "label_ja": rt.label_ja,
            "label_en": rt.label_en,
            "category": rt.category,
            "cardinality": rt.cardinality,
            "items": [f"{rt.key}.{f.key}" for f in rt.items],
        }
        echo_json(data) if as_json else click.echo("\n".join(f"{k:>12}: {v}" for k, v in data.items()))
        return 0
    if key in std.codelists:
        cl = std.codelists[key]
        data2 = {
            "codelist": cl.key,
            "label_ja": cl.label_ja,
            "label_en": cl.label_en,
            "codes": [{"code": c.code, "label_ja": c.label_ja, "label_en": c.label_en} for c in cl.codes],
        }
        if as_json:
            echo_json(data2)
        else:
            click.echo(f"{cl.key}: {cl.label_ja} / {cl.label_en}")
            for c in cl.codes:
                click.echo(f"  {c.code:>12}  {c.label_ja} / {c.label_en}")
        return 0
    click.echo(f"不明なキー / unknown key: {key}", err=True)
    return 2


@standard.command("build")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any artifact is stale")
def build(check: bool) -> int:
    """Regenerate schemas, catalogues, examples and models from standard/. / 成果物の生成"""
    from endingnote.standard._build import build as run_build

    result = run_build(check=check)
    for problem in result.problems:
        click.echo(f"example problem / 例のエラー: {problem}", err=True)
    if check:
        for path in result.stale:
            click.echo(f"stale / 古い: {path}", err=True)
        if result.stale:
            click.echo("run `endingnote standard build` and commit the result", err=True)
        ok = not result.stale and not result.problems
        click.echo(
            f"{len(result.unchanged)} artifacts up to date" if ok else "artifacts are stale or invalid",
            err=True,
        )
        return 0 if ok else 1
    for path in result.written:
        click.echo(f"wrote {path}", err=True)
    click.echo(f"{len(result.written)} written, {len(result.unchanged)} unchanged", err=True)
    return 1 if result.problems else 0


@standard.command("package")
@click.argument("version")
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The archive to write (.zip).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def package(version: str, out: Path, as_json: bool) -> int:
    """版の機械可読パッケージ(zip)を書く / write a version's machine-readable package (zip).

    YAML sources, JSON Schema, catalogue (CSV, XLSX, JSON), code lists, examples, conformance
    suite, extension registry, family-graph and register schemas, JSON-LD context, and a manifest
    with the SHA-256 of every file. The same standard always gives the same bytes.
    """
    from endingnote.errors import StandardError
    from endingnote.standard import versions, write_package

    known = versions()
    if version not in known:
        click.echo(f"不明な版 / unknown version: {version} (known: {', '.join(known)})", err=True)
        return 2
    try:
        pkg = write_package(version, out)
    except StandardError as exc:
        click.echo(f"パッケージを作れません / cannot package: {exc}", err=True)
        return 1
    if as_json:
        echo_json(json.loads(pkg.files["manifest.json"]))
    click.echo(f"{out}: {len(pkg.files)} ファイル / files", err=True)
    return 0


# diff / check-compat live in their own module (issue 3: versions and compatibility)
from endingnote.cli._compat import check_compat_command, diff_command  # noqa: E402

standard.add_command(diff_command)
standard.add_command(check_compat_command)
