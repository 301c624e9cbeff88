"""``endingnote validate PATH... | -``"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from endingnote.cli import _distributed
from endingnote.cli._output import all_option, echo_json, lang_option, stderr_is_tty, summarised

STDIN = "-"


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document on stdout")
@click.option("--quiet", "-q", is_flag=True, help="Print only invalid documents / エラーのある文書だけを表示")
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
    quiet: bool,
    lang: str,
    jobs: int | None,
    summary: bool,
    report_path: str | None,
    scheduler: str | None,
    workers: int | None,
    show_all: bool,
) -> int:
    """Validate ending-note documents (.json files, .ndjson streams, folders; - reads one document
    from standard input).

    文書を検証します(- は標準入力の1文書)。exit 0: all valid / 1: any invalid / 2: usage or I/O error.
    """
    from endingnote.validation import expand
    from endingnote.validation._export import format_of

    fmt = format_of(report_path) if report_path else None
    if report_path and fmt is None:
        raise click.BadParameter(
            ".json、.ndjson、.csv、.xlsx のいずれか / one of .json, .ndjson, .csv, .xlsx",
            param_hint="--report",
        )
    if paths.count(STDIN) > 1:
        raise click.UsageError("- (標準入力) は1回だけ指定できます / - (standard input) may be given once")
    distributed = _distributed.wanted(scheduler, workers)
    if distributed and STDIN in paths:
        raise click.UsageError(
            "- (標準入力) は分散実行では使えません / "
            "- (standard input) cannot be used with --scheduler/--workers"
        )
    kept: list[Any] = []
    # a distributed run also takes URLs: its inputs are expanded by the workers' side
    segments = [] if distributed else [None if p == STDIN else expand([p]) for p in paths]
    files = [f for segment in segments if segment is not None for f in segment]
    single = len(files) + (STDIN in paths) == 1
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
            else _reports(segments, jobs)
        )
        for report in reports:
            total += 1
            invalid += not report.valid
            if fmt is not None:
                kept.append(report)
            if not (quiet and report.valid):
                if as_json:
                    echo_json(summarised(report.to_dict(), show_all))
                else:
                    _print_report(report, lang, summary and single, show_all)
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


def _reports(segments: list[list[Path] | None], jobs: int | None) -> Iterator[Any]:
    """Reports in the order given: standard input where ``-`` stands, the files around it."""
    from endingnote.validation import validate_many

    run: list[Path] = []
    for segment in segments:
        if segment is not None:
            run += segment
            continue
        yield from validate_many(run, jobs=jobs)
        run = []
        yield _stdin_report()
    if run:
        yield from validate_many(run, jobs=jobs)


def _stdin_report() -> Any:
    """One document from standard input, read no further than the size limit."""
    from endingnote.validation import ValidationReport, validate_bytes
    from endingnote.validation._input import MAX_BYTES, too_large

    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        report = ValidationReport(path=STDIN)
        report.add(too_large(len(raw), MAX_BYTES))
        return report
    return validate_bytes(raw, path=STDIN)


def _print_report(report: Any, lang: str, summary: bool, show_all: bool = False) -> None:
    """The human report. Paths, pointers and messages carry text from the document: each is
    escaped for rich markup and the terminal (``[/]``, BEL, ANSI, bidi controls shown, not run)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from endingnote._display import rich_text, terminal_text

    console = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 200)
    mark = ("✓ 妥当 / valid", "green") if report.valid else ("✗ エラーあり / invalid", "red")
    version = f" (standard {report.standard_version})" if report.standard_version else ""
    name = "<stdin>" if report.path in (None, STDIN) else report.path
    # data as Text, never as markup: a file name is shown as it is, whatever brackets it has
    console.print(Text.assemble((terminal_text(name, newlines=False), "bold"), version, ": ", mark))
    if report.issues:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for col in ("severity", "code", "path", "message"):
            table.add_column(col, overflow="fold")
        colors = {"error": "red", "warning": "yellow", "info": "cyan"}
        from endingnote._summary import summarise

        for i in report.sorted() if show_all else summarise(report.sorted()):
            sev = i.severity.value
            table.add_row(
                f"[{colors[sev]}]{sev}[/]",
                rich_text(i.code),
                rich_text(i.path or "/", newlines=False),
                rich_text(i.message(lang), newlines=False),
            )
        console.print(table)
    if summary and report.conformance is not None:
        parts = []
        for cat, tiers in report.conformance.by_category.items():
            cells = [f"{t}:{c.present}/{c.total}" for t, c in sorted(tiers.items())]
            parts.append(f"{cat} " + " ".join(cells))
        console.print(Text("conformance / 適合状況: " + "; ".join(parts), style="dim"))
