"""``--scheduler ADDRESS`` / ``--workers N`` for ``validate`` and ``convert``: the run on Dask.

The library does the work (:mod:`endingnote.distributed`); this module checks the options, shows
progress on a terminal (stderr, fed by completed units) and prints what the commands print.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from endingnote.cli._output import echo_json, stderr_is_tty

SCHEDULER_HELP = "Run on this dask.distributed scheduler (tcp://HOST:PORT) / 分散実行のスケジューラ"
WORKERS_HELP = "Run on a local Dask cluster of N worker processes / N 個のワーカーで分散実行"


def wanted(scheduler: str | None, workers: int | None) -> bool:
    """Whether the options ask for a distributed run (and they make sense together)."""
    if scheduler is not None and workers is not None:
        raise click.UsageError(
            "--scheduler と --workers は同時に指定できません / give --scheduler or --workers"
        )
    if workers is not None and workers < 1:
        raise click.UsageError("--workers は 1 以上 / --workers must be at least 1")
    if scheduler is None and workers is None:
        return False
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise click.UsageError(
            "分散実行には Dask が必要です / distributed runs need Dask: pip install 'endingnote[dask]'"
        ) from None
    return True


@contextlib.contextmanager
def _progress(show: bool, label: str) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """``(set_total, completed)`` callbacks drawing a rich bar on stderr when ``show``."""
    if not show:
        yield (lambda _n: None), (lambda _n: None)
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield (lambda n: bar.update(task, total=n)), (lambda n: bar.update(task, completed=n))


def validate_reports(
    paths: tuple[str, ...], scheduler: str | None, workers: int | None, progress: bool
) -> Iterator[Any]:
    """The reports of a distributed validation, in input order."""
    from endingnote.distributed import client_for, validate_distributed

    with (
        client_for(scheduler, workers) as client,
        _progress(progress and stderr_is_tty(), "validating / 検証中") as (total, done),
    ):
        yield from validate_distributed(paths, client=client, progress=done, on_units=total)


def convert_sources(
    source: str,
    mapping: str,
    output: str,
    *,
    scheduler: str | None,
    workers: int | None,
    validate: bool,
    as_json: bool,
    lang: str,
) -> int:
    """Convert a vendor file, or every file of a folder, one source per unit, into ``output/<name>/``."""
    from endingnote.distributed import client_for, convert_distributed

    src = Path(source)
    sources = (
        [os.fspath(f) for f in sorted(src.iterdir()) if f.is_file() and not f.name.startswith(".")]
        if src.is_dir()
        else [source]
    )
    persons = invalid = refused = 0
    with (
        client_for(scheduler, workers) as client,
        _progress(not as_json and stderr_is_tty(), "変換中 / converting") as (total, done),
    ):
        total(len(sources))
        for outcome in convert_distributed(
            sources, mapping, output, client=client, validate=validate, progress=done
        ):
            summary = {**outcome.summary, "output": outcome.output}
            persons += summary.get("persons", 0)
            invalid += summary.get("invalid", 0)
            refused += bool(summary.get("refused"))
            if as_json:
                echo_json(summary)
            else:
                _print_outcome(summary, lang)
    if not as_json:
        click.echo(
            f"{len(sources)} ファイル、{persons} 人を変換: エラー {invalid}、拒否 {refused} / "
            f"{len(sources)} files, {persons} persons: {invalid} invalid, {refused} refused → {output}",
            err=True,
        )
    return 1 if (invalid or refused) else 0


def _print_outcome(summary: dict[str, Any], lang: str) -> None:
    from endingnote._display import terminal_text

    key = "message_ja" if lang == "ja" else "message_en"
    where = summary["output"] or ("拒否 / refused" if summary.get("refused") else "-")
    click.echo(terminal_text(f"{summary['source']}: {summary.get('persons', 0)} → {where}"), err=True)
    for item in summary.get("issues", [])[:30]:
        if item["severity"] == "error":
            click.echo(
                terminal_text(f"  error: {item['path'] or '/'}: {item['code']}: {item[key]}"), err=True
            )
