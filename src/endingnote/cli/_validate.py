"""``endingnote validate PATH...``"""

from __future__ import annotations

import sys
from typing import Any

import click

from endingnote.cli import _distributed
from endingnote.cli._output import all_option, echo_json, lang_option, stderr_is_tty, summarised


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document on stdout")
@lang_option()
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores)")
@click.option("--summary/--no-summary", default=True, help="Print the conformance summary")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Also write every finding to FILE: .json, .ndjson, .csv or .xlsx / 指摘をファイルにも書き出す",
)
@click.option("--scheduler", metavar="ADDRESS", default=None, help=_distributed.SCHEDULER_HELP)
@click.option("--workers", type=int, default=None, help=_distributed.WORKERS_HELP)
@all_option()
def validate(
    paths: tuple[str, ...],
    as_json: bool,
    lang: str,
    jobs: int | None,
    summary: bool,
    report_path: str | None,
    scheduler: str | None,
    workers: int | None,
    show_all: bool,
) -> int:
    """Validate ending-note documents (.json files, .ndjson streams, folders).

    文書を検証します。exit 0: all valid / 1: any invalid / 2: usage or I/O error.
    """
    from endingnote.validation import expand, validate_many
    from endingnote.validation._export import format_of

    fmt = format_of(report_path) if report_path else None
    if report_path and fmt is None:
        raise click.BadParameter(
            ".json、.ndjson、.csv、.xlsx のいずれか / one of .json, .ndjson, .csv, .xlsx",
            param_hint="--report",
        )
    kept: list[Any] = []
    distributed = _distributed.wanted(scheduler, workers)
    files = [] if distributed else expand(paths)  # a distributed run also takes URLs
    total = invalid = 0
    progress = None
    if not as_json and stderr_is_tty() and len(files) > 20:
        from rich.progress import Progress

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("validating / 検証中", total=len(files))
    try:
        reports = (
            _distributed.validate_reports(paths, scheduler, workers, progress=not as_json)
            if distributed
            else validate_many(files, jobs=jobs)
        )
        for report in reports:
            total += 1
            invalid += not report.valid
            if fmt is not None:
                kept.append(report)
            if as_json:
                echo_json(summarised(report.to_dict(), show_all))
            else:
                _print_report(report, lang, summary and len(files) == 1, show_all)
            if progress is not None:
                progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()
    if report_path and fmt is not None:
        from endingnote._atomic import write_bytes
        from endingnote.validation import report_bytes

        write_bytes(report_path, report_bytes(kept, fmt))
    if not as_json:
        ok = total - invalid
        click.echo(
            f"\n{total} 件中 {ok} 件が妥当、{invalid} 件にエラー / {ok} of {total} valid, {invalid} invalid",
            err=True,
        )
    return 1 if invalid else 0


def _print_report(report: Any, lang: str, summary: bool, show_all: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    mark = "[green]✓ 妥当 / valid[/]" if report.valid else "[red]✗ エラーあり / invalid[/]"
    version = f" (standard {report.standard_version})" if report.standard_version else ""
    console.print(f"[bold]{report.path or '<stdin>'}[/]{version}: {mark}")
    if report.issues:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for col in ("severity", "code", "path", "message"):
            table.add_column(col, overflow="fold")
        colors = {"error": "red", "warning": "yellow", "info": "cyan"}
        from endingnote._summary import summarise

        for i in report.sorted() if show_all else summarise(report.sorted()):
            sev = i.severity.value
            table.add_row(f"[{colors[sev]}]{sev}[/]", i.code, i.path or "/", i.message(lang))
        console.print(table)
    if summary and report.conformance is not None:
        parts = []
        for cat, tiers in report.conformance.by_category.items():
            cells = [f"{t}:{c.present}/{c.total}" for t, c in sorted(tiers.items())]
            parts.append(f"{cat} " + " ".join(cells))
        console.print("[dim]conformance / 適合状況: " + "; ".join(parts) + "[/]")
