"""``endingnote standard diff OLD NEW`` and ``endingnote standard check-compat``.

Attached to the ``standard`` group in :mod:`endingnote.cli._standard`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from endingnote.cli._output import echo_json


def _resolve(arg: str) -> tuple[str, Path | None]:
    """A version string, or a folder holding a ``standard.yaml`` (-> its name and parent)."""
    from endingnote.standard import versions

    p = Path(arg)
    if (p / "standard.yaml").is_file():
        return p.resolve().name, p.resolve().parent
    known = versions()
    if arg not in known:
        raise click.UsageError(
            f"不明なバージョン / unknown version {arg!r}"
            f" (known: {', '.join(known)}; or a folder with standard.yaml)"
        )
    return arg, None


def _print_changes(changes: list[Any], lang: str, title: str) -> None:
    """One line per change, aligned, so it reads in a terminal and greps in CI logs."""
    click.echo(title)
    width = max((len(c.path) for c in changes), default=10)
    rule_width = max((len(c.rule) for c in changes), default=10)
    for c in changes:
        level = c.level.label + ("*" if c.acknowledged else "")
        click.echo(
            f"  {level:<11}{c.rule:<{rule_width + 2}}{c.path:<{width + 2}}"
            f"{c.upgrade_first.value:<11}{c.message(lang)}"
        )
    if any(c.acknowledged for c in changes):
        click.echo("  * 新しい版の acknowledged_breaking で宣言済み / acknowledged in the newer version")


def _markdown(comparison: Any, lang: str) -> str:
    from endingnote.compat import Level

    lines = [f"# {comparison.old} → {comparison.new}", ""]
    heads = {
        Level.BREAKING: ("互換性のない変更", "Breaking changes"),
        Level.ADDITIVE: ("規範的な変更(後方互換)", "Normative changes (backward compatible)"),
        Level.EDITORIAL: ("編集上の変更", "Editorial changes"),
    }
    for level in (Level.BREAKING, Level.ADDITIVE, Level.EDITORIAL):
        rows = [c for c in comparison.changes if c.level is level]
        if not rows:
            continue
        lines += [f"## {heads[level][0 if lang == 'ja' else 1]}", ""]
        lines += ["| path | rule | upgrade first | migration | |", "|---|---|---|---|---|"]
        for c in rows:
            cells = (f"`{c.path}`", c.rule, c.upgrade_first.value, c.migration.value, c.message(lang))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report on stdout")
@click.option("--markdown", is_flag=True, help="A Markdown changelog grouped by level")
@click.option(
    "--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True, help="Message language"
)
def diff_command(old: str, new: str, as_json: bool, markdown: bool, lang: str) -> int:
    """List every change from OLD to NEW (versions, or standard folders) with its compatibility level.

    変更点を互換性レベル付きで一覧します。exit 0: no breaking change / 1: breaking changes / 2: usage.
    """
    from endingnote.compat import compare
    from endingnote.standard import get

    old_v, old_root = _resolve(old)
    new_v, new_root = _resolve(new)
    if old_root == new_root:
        comparison = compare(old_v, new_v, old_root)
    else:
        comparison = compare(get(old_v, old_root), get(new_v, new_root))
    breaking = [c for c in comparison.changes if c.breaking]
    if as_json:
        echo_json(comparison.to_dict())
    elif markdown:
        click.echo(_markdown(comparison, lang))
    else:
        _print_changes(comparison.changes, lang, f"{comparison.old} → {comparison.new}")
        n, level = len(comparison.changes), comparison.level.label
        click.echo(
            f"{n} 件の変更、うち互換性のない変更 {len(breaking)} 件 / {n} change(s), {len(breaking)} breaking"
            f" (level: {level})",
            err=True,
        )
    return 1 if breaking else 0


@click.command("check-compat")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report on stdout")
@click.option(
    "--freeze", "freeze_version", default=None, metavar="VERSION", help="Snapshot a released version"
)
@click.option(
    "--mode",
    type=click.Choice(["backward", "forward", "full"]),
    default="backward",
    show_default=True,
    help="Direction that must stay compatible (Confluent's names; always transitive)",
)
def check_compat_command(as_json: bool, freeze_version: str | None, mode: str) -> int:
    """Check the newest version against ALL released versions (transitive) and every release
    against its frozen snapshot. Breaking changes must be acknowledged in the newer version's
    standard.yaml (acknowledged_breaking).

    最新版をすべての公開版と比較します(推移的)。exit 0: compatible / 1: unacknowledged breaking change.
    """
    from endingnote.compat import Mode, check_compat, freeze

    if freeze_version is not None:
        path = freeze(freeze_version)
        click.echo(f"凍結しました / frozen: {path}", err=True)
        return 0
    results = check_compat(mode=Mode(mode))
    if as_json:
        echo_json({"ok": all(r.ok for r in results), "comparisons": [r.to_dict() for r in results]})
    else:
        for r in results:
            label = {
                "versions": f"{r.old} → {r.new}",
                "frozen": f"{r.old} (frozen snapshot → current)",
                "chain": "previous-version chain",
            }[r.kind]
            status = "ok" if r.ok else "FAILED"
            click.echo(f"{label}: {status} (level: {r.level.label}, {len(r.changes)} change(s))")
            for c in r.changes:
                if c.acknowledged:
                    click.echo(f"  {c.rule:<28} {c.path:<40} acknowledged in {c.acknowledged_in}")
            for c in r.unacknowledged:
                click.echo(f"  {c.rule:<28} {c.path:<40} NOT ACKNOWLEDGED ({r.mode.value})")
            for p in r.problems:
                click.echo(f"  ! {p}")
    return 0 if all(r.ok for r in results) else 1
