"""``endingnote migrate IN --to VERSION -o OUT``"""

from __future__ import annotations

from typing import Any

import click

from endingnote.cli._output import echo_json


@click.command("migrate")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--to", "to", required=True, metavar="VERSION", help="Target version, e.g. 1.0, or 'latest'")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Where to write the result"
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report on stdout")
@click.option("--modernize", is_flag=True, help="Also move deprecated items' values into their replacements")
@click.option(
    "--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True, help="Message language"
)
def migrate(source: str, to: str, output: str, as_json: bool, modernize: bool, lang: str) -> int:
    """Migrate a document to another version of the standard, up or down.

    文書を別のバージョンへ移行します。移行先で保持できないデータはバージョン付き拡張に退避し、
    報告します(元のバージョンへ戻すと復元されます)。
    exit 0: migrated and valid / 1: not migratable, or the result is invalid / 2: usage or I/O error.
    """
    import orjson

    from endingnote._atomic import write_bytes
    from endingnote.compat import migrate as run
    from endingnote.validation import validate_document
    from endingnote.validation._engine import read_source
    from endingnote.validation._input import parse_bytes

    parsed = parse_bytes(read_source(source))
    if not parsed.ok:
        return _finish(as_json, lang, {"from": None, "to": to, "ok": False}, list(parsed.issues), [])
    if to == "latest":
        from endingnote.standard import latest

        to = latest()
    result = run(parsed.doc, to, modernize=modernize)
    summary: dict[str, Any] = result.to_dict()
    if result.document is None:
        return _finish(as_json, lang, summary, result.issues, [])
    out_report = validate_document(result.document)
    write_bytes(output, orjson.dumps(result.document, option=orjson.OPT_INDENT_2) + b"\n")
    summary["output"] = output
    summary["output_valid"] = out_report.valid
    return _finish(as_json, lang, summary, result.issues, list(out_report.sorted()))


def _finish(
    as_json: bool, lang: str, summary: dict[str, Any], issues: list[Any], output_issues: list[Any]
) -> int:
    ok = bool(summary.get("ok")) and summary.get("output_valid", False) is True
    if as_json:
        echo_json(
            {
                **summary,
                "issues": [i.to_dict() for i in issues],
                "output_issues": [i.to_dict() for i in output_issues],
            }
        )
        return 0 if ok else 1
    for i in issues:
        if i.severity.value != "info":
            click.echo(f"{i.severity.value:<8}{i.code:<26}{i.path or '/':<40}{i.message(lang)}", err=True)
    for i in output_issues:
        if i.severity.value == "info":
            continue
        click.echo(
            f"{i.severity.value:<8}{i.code:<26}{i.path or '/':<40}{i.message(lang)} (output)", err=True
        )
    carried = sum(1 for i in issues if i.code == "migrate.carried")
    restored = sum(1 for i in issues if i.code == "migrate.restored")
    if summary.get("output"):
        click.echo(
            f"{summary.get('from')} → {summary.get('to')}: {summary['output']} を書き出しました"
            f"(退避 {carried} 件、復元 {restored} 件) / wrote {summary['output']} "
            f"({carried} carried, {restored} restored)"
            + ("" if ok else " — 結果にエラーあり / the result has errors"),
            err=True,
        )
    return 0 if ok else 1
