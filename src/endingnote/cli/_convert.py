"""``endingnote convert`` and ``endingnote mapping init|check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from endingnote.cli import _distributed
from endingnote.cli._output import echo_json, lang_option, stderr_is_tty

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _load(path: str) -> Any:
    from endingnote.convert import MappingError, load_mapping
    from endingnote.convert._mapping import resolve_mapping

    try:
        return load_mapping(resolve_mapping(path))
    except MappingError as exc:
        for i in exc.report.sorted():
            click.echo(f"{path}: {i.path or '/'}: {i.code}: {i.message_ja} / {i.message_en}", err=True)
        raise SystemExit(EXIT_USAGE) from None


def _print_issues(
    issues: list[Any],
    lang: str,
    limit: int = 30,
    counts: dict[str, int] | None = None,
    error_count: int | None = None,
) -> None:
    """Errors one by one (up to ``limit``); warnings summarised per code with one example. Text from
    the data is escaped for the terminal."""
    from endingnote._display import terminal_text

    errors = [i for i in issues if i.severity.value == "error"]
    for i in errors[:limit]:
        person = f"[{i.file}] " if i.file else ""
        line = f"error: {person}{i.path or '/'}: {i.code}: {i.message(lang)}"
        click.echo(terminal_text(line, newlines=False), err=True)
    total = error_count if error_count is not None else len(errors)
    if total > min(limit, len(errors)):
        click.echo(f"… {total - min(limit, len(errors))} 件省略 / more not shown (use --report)", err=True)
    groups: dict[str, list[Any]] = {}
    for i in issues:
        if i.severity.value == "warning":
            groups.setdefault(i.code, []).append(i)
    for code, found in sorted(groups.items()):
        first = found[0]
        where = f"[{first.file}] " if first.file else ""
        n = (counts or {}).get(code, len(found))
        line = f"warning ×{n}: {code}: e.g. {where}{first.path or '/'}: {first.message(lang)}"
        click.echo(terminal_text(line, newlines=False), err=True)


@click.command("convert")
@click.argument("source", type=click.Path(dir_okay=True))
@click.option(
    "--from",
    "from_",
    required=True,
    help="Input mapping: a mapping.yaml, a vendor name (converters/<name>), or 'standard'",
)
@click.option("--to", "to", default=None, help="Output mapping or vendor name (default: the standard)")
@click.option(
    "-o", "--output", required=True, type=click.Path(), help="Output: folder, .ndjson, or vendor file"
)
@click.option("--report", "report_path", type=click.Path(), help="Write the loss report (JSON) here")
@click.option("--no-validate", is_flag=True, help="Skip validating (the secret scan still runs)")
@click.option("--force", is_flag=True, help="Replace an earlier run's output folder (refused when not empty)")
@click.option("--json", "as_json", is_flag=True, help="Summary as JSON on stdout")
@lang_option()
@click.option("--scheduler", metavar="ADDRESS", default=None, help=_distributed.SCHEDULER_HELP)
@click.option("--workers", type=int, default=None, help=_distributed.WORKERS_HELP)
def convert(
    source: str,
    from_: str,
    to: str | None,
    output: str,
    report_path: str | None,
    no_validate: bool,
    force: bool,
    as_json: bool,
    lang: str,
    scheduler: str | None,
    workers: int | None,
) -> int:
    """Convert a vendor export to the standard (or to another vendor's format).

    ベンダー形式を標準形式(人物ごとの JSON、または .ndjson)へ、--to があればその形式へ変換します。
    exit 0: all valid / 1: any invalid or refused / 2: usage or I/O error.
    """
    if _distributed.wanted(scheduler, workers):  # SOURCE: a file or a folder of them; -o: a folder
        if to or from_ == "standard" or report_path:
            raise click.UsageError(
                "--to / --report は分散実行では使えません / not with --scheduler/--workers"
            )
        return _distributed.convert_sources(
            source, from_, output, scheduler=scheduler, workers=workers, validate=not no_validate,
            as_json=as_json, lang=lang,
        )  # fmt: skip
    from endingnote._atomic import write_bytes
    from endingnote.convert import to_vendor
    from endingnote.convert._output import read_standard_docs, write_report

    target = _load(to) if to else None
    if from_ == "standard":
        if target is None:
            raise click.UsageError(
                "--from standard needs --to MAPPING / --from standard には --to が必要です"
            )
        docs, issues = read_standard_docs(source)
        data, more = to_vendor(docs, target)
        issues += more
        write_bytes(output, data)
        summary = {"persons": len(docs), "output": output, "issues": [i.to_dict() for i in issues]}
        if report_path:
            write_report(summary, report_path)
        if as_json:
            echo_json(summary)
        else:
            _print_issues(issues, lang)
            click.echo(f"{len(docs)} 人を書き出しました / wrote {len(docs)} persons → {output}", err=True)
        return EXIT_INVALID if any(i.severity.value == "error" for i in issues) else EXIT_OK

    mapping = _load(from_)
    progress = None
    callback = None
    if not as_json and stderr_is_tty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(
            TextColumn("変換中 / converting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            transient=True,
        )  # fmt: skip
        task = None

        def callback(done: int) -> None:
            nonlocal task
            if progress is None or done % 100:
                return
            if task is None:
                progress.start()
                task = progress.add_task("convert", total=None)
            progress.update(task, completed=done)

    if target is not None:
        return _to_vendor_run(source, mapping, target, to, output, report_path, no_validate, as_json, lang)
    from endingnote.convert import run

    try:
        result = run(
            source,
            mapping,
            output,
            force=force,
            validate=not no_validate,
            report=report_path,
            progress=callback,
        )
    finally:
        if progress is not None:
            progress.stop()
    if as_json:
        echo_json(result.to_dict())
    else:
        _print_issues(
            result.file_issues + result.errors + [first for _, first in result.warnings.values()],
            lang,
            counts={code: n for code, (n, _) in result.warnings.items()},
            error_count=result.error_count,
        )
        if result.refused:
            click.echo(
                "入力を拒否しました。何も書き出していません / input refused; nothing written", err=True
            )
        else:
            n, invalid = result.written, result.invalid
            click.echo(
                f"{n} 人を書き出しました: 妥当 {n - invalid}、エラー {invalid} / wrote {n} persons: "
                f"{n - invalid} valid, {invalid} invalid → {result.output}",
                err=True,
            )
    return EXIT_OK if result.ok else EXIT_INVALID


def _to_vendor_run(
    source: str,
    mapping: Any,
    target: Any,
    to: str | None,
    output: str,
    report_path: str | None,
    no_validate: bool,
    as_json: bool,
    lang: str,
) -> int:
    """Vendor A → standard → vendor B (in memory: the target format is one file)."""
    from endingnote._atomic import write_bytes
    from endingnote.convert import convert_file, to_vendor
    from endingnote.convert._output import write_report

    conversion = convert_file(source, mapping, validate=not no_validate)
    loss = conversion.loss_report()
    cannot_hold: list[Any] = []
    if not conversion.refused:
        data, cannot_hold = to_vendor(((p.key, p.document) for p in conversion.persons), target)
        write_bytes(output, data)
        loss["target"] = {"mapping": to, "cannot_hold": [i.to_dict() for i in cannot_hold]}
    if report_path:
        write_report(loss, report_path)
    invalid = sum(not p.valid for p in conversion.persons)
    summary = {
        "source": source,
        "output": None if conversion.refused else output,
        "refused": conversion.refused,
        "persons": len(conversion.persons),
        "valid": len(conversion.persons) - invalid,
        "invalid": invalid,
        "issues": [i.to_dict() for i in conversion.issues],
        "cannot_hold": len(cannot_hold),
    }
    if as_json:
        echo_json(summary)
    else:
        _print_issues(conversion.report().issues + cannot_hold, lang)
        if conversion.refused:
            click.echo(
                "入力を拒否しました。何も書き出していません / input refused; nothing written", err=True
            )
        else:
            n = len(conversion.persons)
            click.echo(
                f"{n} 人を変換: 妥当 {n - invalid}、エラー {invalid} / converted {n}: {n - invalid} valid, "
                f"{invalid} invalid → {output}",
                err=True,
            )
    return EXIT_INVALID if (conversion.refused or not conversion.valid) else EXIT_OK


@click.group("mapping")
def mapping() -> None:
    """Converter mappings: draft and check / 変換マッピングの下書きと検査."""


@mapping.command("init")
@click.argument("sample", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o", "--output", required=True, type=click.Path(), help="Where to write the draft mapping.yaml"
)
@click.option("--vendor", default="my_vendor", help="Vendor id (lower case, digits, _)")
@click.option("--standard", "version", default=None, help="Standard version (default: the newest)")
def init(sample: str, output: str, vendor: str, version: str | None) -> int:
    """Draft a mapping from a sample file's headers or tags / サンプルから下書きを作成."""
    import re

    from endingnote._atomic import write_text
    from endingnote.convert._draft import draft

    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", vendor):
        raise click.UsageError("--vendor: lower-case letters, digits and _ / 英小文字・数字・_")
    text = draft(Path(sample), vendor=vendor, version=version)
    write_text(output, text)
    click.echo(f"下書きを書きました / wrote draft → {output}", err=True)
    return EXIT_OK


@mapping.command("check")
@click.argument("path", type=click.Path())
@click.option("--json", "as_json", is_flag=True)
@lang_option()
def check(path: str, as_json: bool, lang: str) -> int:
    """Check a mapping file against the meta-schema and the standard / マッピングを検査."""
    from endingnote.convert import check_mapping

    report = check_mapping(path)
    if as_json:
        echo_json({"path": path, "valid": report.valid, "issues": [i.to_dict() for i in report.sorted()]})
    else:
        for i in report.sorted():
            click.echo(f"{i.severity.value}: {i.path or '/'}: {i.code}: {i.message(lang)}", err=True)
        click.echo("OK" if report.valid else "NG", err=True)
    return EXIT_OK if report.valid else EXIT_USAGE
