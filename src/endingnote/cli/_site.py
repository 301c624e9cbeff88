"""``endingnote site build``: generate the standard's website and build it with MkDocs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from endingnote.cli import EXIT_INVALID, EXIT_OK


@click.group("site")
def site() -> None:
    """標準のウェブサイト / the standard's website (MkDocs + mkdocs-material)."""


@site.command("build")
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning and on QA errors.")
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: site/_build).",
)
@click.option("--out", "out_legacy", hidden=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder holding mkdocs.yml and docs/ (default: the source tree's site/).",
)
@click.option(
    "--version",
    "only",
    multiple=True,
    help="Rebuild only this version (repeatable); the other versions' earlier builds are kept.",
)
@click.option("--site-url", help="Where the site is published (default: site_url in mkdocs.yml).")
@click.option("--json", "as_json", is_flag=True, help="Print the build summary and QA findings as JSON.")
def build(
    strict: bool,
    out: Path | None,
    out_legacy: Path | None,
    site_dir: Path | None,
    only: tuple[str, ...],
    site_url: str | None,
    as_json: bool,
) -> int:
    """ページを standard/ から生成して mkdocs build する / generate the pages from standard/ and build.

    Every version of the standard is built into OUT/<version>/ with OUT/versions.json for the
    version selector; OUT/index.html leads to the newest released version.
    """
    from endingnote.site import build_site

    out = out or out_legacy  # --out: the published spelling, kept as a hidden alias
    result = build_site(site_dir, out, strict=strict, only=list(only) or None, site_url=site_url)
    ok = result.ok(strict)
    if as_json:
        click.echo(json.dumps({"ok": ok, **result.to_dict()}, ensure_ascii=False, indent=2))
    for b in result.builds:
        state = "ok" if b.ok else "失敗 / failed"
        click.echo(
            f"{b.version}: {b.pages} ページ / pages, QA {len(b.qa.errors)} エラー / errors, "
            f"{len(b.qa.warnings)} 警告 / warnings, mkdocs {state} ({b.seconds:.1f}s)",
            err=True,
        )
        for message in b.mkdocs_warnings:
            click.echo(f"  mkdocs {message}", err=True)
        if b.mkdocs_error:
            click.echo(f"  mkdocs: {b.mkdocs_error}", err=True)
        if strict:
            for i in b.qa.errors:
                click.echo(f"  QA {i.code} {i.path}: {i.message_ja} / {i.message_en}", err=True)
    if ok:
        click.echo(f"サイトを生成しました / site built: {result.out} ({result.seconds:.1f}s)", err=True)
    else:
        click.echo("サイトの生成に失敗しました / site build failed", err=True)
    return EXIT_OK if ok else EXIT_INVALID
