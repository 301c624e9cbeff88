"""``endingnote extensions list|check``"""

from __future__ import annotations

import click

from endingnote.cli._output import echo_json


@click.group("extensions")
def extensions() -> None:
    """The vendor extension registry (独自項目の名前空間登録簿)."""


@extensions.command("list")
@click.option("--json", "as_json", is_flag=True, help="The registry as JSON on stdout")
def list_command(as_json: bool) -> int:
    """List the registered namespaces. / 登録済みの名前空間の一覧"""
    from endingnote.extensions import load_registry

    registry = load_registry()
    if as_json:
        echo_json([ns.to_dict() for ns in registry])
        return 0
    from endingnote._display import terminal_text as shown  # registry text is vendors' text

    for ns in registry:
        versions = ", ".join(ns.standard_versions)
        click.echo(shown(f"{ns.prefix}  {ns.uri}  [{ns.status}]  standard {versions}", newlines=False))
        click.echo(shown(f"  {ns.name_ja} / {ns.name_en}", newlines=False))
        click.echo(shown(f"  owner: {ns.owner}  contact: {', '.join(ns.contact.values())}", newlines=False))
        click.echo(shown(f"  items: {', '.join(i.key for i in ns.items)}", newlines=False))
    return 0


@extensions.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Issues as JSON on stdout")
@click.option(
    "--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True, help="Message language"
)
def check_command(file: str, as_json: bool, lang: str) -> int:
    """Check one registry file against the meta-schema and the standard.

    登録ファイルを検査します。exit 0: valid / 1: errors / 2: unreadable.
    """
    from pathlib import Path

    from endingnote._display import terminal_text as shown  # the file's own text is in the findings
    from endingnote.extensions import check_file, registered_uris

    path = Path(file)
    # other files' URIs, so registering a namespace twice is caught
    issues = check_file(path, others=registered_uris(exclude=path))
    errors = [i for i in issues if i.severity.value == "error"]
    if as_json:
        echo_json({"file": file, "valid": not errors, "issues": [i.to_dict() for i in issues]})
    else:
        for i in issues:
            line = f"{i.severity.value:<8}{i.code:<38}{i.path or '/':<28}{i.message(lang)}"
            click.echo(shown(line, newlines=False))
        verdict = "妥当 / valid" if not errors else f"エラー {len(errors)} 件 / {len(errors)} error(s)"
        click.echo(f"{shown(file, newlines=False)}: {verdict}", err=True)
    return 1 if errors else 0
