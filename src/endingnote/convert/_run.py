"""A conversion run: vendor file → standard documents on disk, streamed, all-or-nothing.

- Persons are read, converted, scanned for secrets, validated and written one at a time: memory
  stays flat whatever the number of persons (the findings go to a spool file, not a list).
- Output goes to a staging folder (``.<name>.partial-<pid>`` beside the target) with a run
  manifest (:data:`MANIFEST`) written last; only then is the staging folder renamed into place
  (replacing an earlier run's folder with ``force``, which is otherwise refused when not empty).
  A run killed half-way, or one that hits a full disk, leaves no folder under the target's name
  and no manifest: nothing that looks complete. A ``.ndjson`` target is one file, staged and
  renamed the same way.
- The summary says how many persons were written, how many are valid, and every finding.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from endingnote._issues import Issue, Severity
from endingnote.convert._engine import Converter, PersonResult, Validator, as_mapping, open_stream
from endingnote.convert._mapping import Mapping
from endingnote.errors import InputError

__all__ = ["MANIFEST", "RunSummary", "file_name", "run"]

MANIFEST = "endingnote-run.manifest"  # JSON; not *.json, so `validate out/` does not take it for a note
ERRORS_SHOWN = 30


def file_name(key: str) -> str:
    """A safe file name for a person key (never a path, never hidden)."""
    import re

    if re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$", key) and ".." not in key:
        return f"{key}.json"
    return f"person-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"


@dataclass(slots=True)
class RunSummary:
    """What a run did: persons written and valid, findings counted (the first errors kept)."""

    source: str
    output: str | None
    mapping: Mapping
    refused: bool = False
    written: int = 0
    valid: int = 0
    file_issues: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)  # the first ERRORS_SHOWN person-level errors
    error_count: int = 0
    warnings: dict[str, tuple[int, Issue]] = field(default_factory=dict)  # code → (count, first)
    loss: dict[str, Any] = field(default_factory=dict)

    @property
    def invalid(self) -> int:
        return self.written - self.valid

    @property
    def ok(self) -> bool:
        return (
            not self.refused
            and self.invalid == 0
            and not any(i.severity is Severity.ERROR for i in self.file_issues)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": self.output,
            "refused": self.refused,
            "persons": self.written,
            "valid": self.valid,
            "invalid": self.invalid,
            "issues": [i.to_dict() for i in self.file_issues],
            "errors": self.error_count,
            "warnings": {code: n for code, (n, _) in sorted(self.warnings.items())},
        }


class _Sink:
    """Where documents go: a staging folder of ``<key>.json`` files, or one staged NDJSON file."""

    def __init__(self, target: Path, force: bool) -> None:
        self.target = target
        self.ndjson = target.suffix == ".ndjson"
        if target.exists():
            if self.ndjson and target.is_dir():
                raise InputError(f"{target}: is a folder / フォルダです")
            if not self.ndjson:
                if not target.is_dir():
                    raise InputError(f"{target}: exists and is not a folder / フォルダではありません")
                if any(target.iterdir()) and not force:
                    raise InputError(
                        f"{target}: 出力先のフォルダは空ではありません。--force で前回の出力を置き換えます"
                        " / the output folder is not empty; --force replaces an earlier run's output"
                    )
        parent = target.parent if str(target.parent) else Path(".")
        parent.mkdir(parents=True, exist_ok=True)
        self.stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=parent))
        self.names: dict[str, str] = {}  # file name → sha256
        self.fh: IO[bytes] | None = (self.stage / target.name).open("wb") if self.ndjson else None

    def write(self, result: PersonResult) -> None:
        if self.fh is not None:
            self.fh.write(result.document_json + b"\n")
            return
        name = file_name(result.key)
        n = 2
        while name in self.names:  # two keys with one safe name
            name = f"{Path(file_name(result.key)).stem}-{n}.json"
            n += 1
        data = orjson.dumps(orjson.loads(result.document_json), option=orjson.OPT_INDENT_2) + b"\n"
        (self.stage / name).write_bytes(data)
        self.names[name] = hashlib.sha256(data).hexdigest()

    def commit(self, manifest: dict[str, Any]) -> None:
        if self.fh is not None:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            os.replace(self.stage / self.target.name, self.target)
            shutil.rmtree(self.stage, ignore_errors=True)
            return
        manifest["files"] = [{"name": n, "sha256": h} for n, h in sorted(self.names.items())]
        with (self.stage / MANIFEST).open("wb") as fh:
            fh.write(orjson.dumps(manifest, option=orjson.OPT_INDENT_2) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
            os.replace(self.target, old)
        os.replace(self.stage, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        if self.fh is not None:
            with contextlib.suppress(OSError):
                self.fh.close()
        shutil.rmtree(self.stage, ignore_errors=True)


def run(
    source: str | os.PathLike[str],
    mapping: Mapping | str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    validate: bool | Validator = True,
    report: str | os.PathLike[str] | None = None,
    progress: Callable[[int], None] | None = None,
    label: str | None = None,
) -> RunSummary:
    """Convert ``source`` into standard documents under ``output`` (a folder, or a ``.ndjson`` file).

    Raises :class:`~endingnote.errors.InputError` for a missing source, a non-empty output folder
    without ``force``, or a failed write (then nothing is left under ``output``'s name, and an
    earlier output is untouched). ``report``: where to write the loss report (JSON). ``label``:
    how the summary, the report and the manifest name the source (default: its path as given).
    """
    m = as_mapping(mapping)
    stream, _ = open_stream(source, m)
    summary = RunSummary(label if label is not None else os.fspath(source), None, m)
    target = Path(output)
    persons = _peek(stream.persons)
    if persons is None:  # refused, or nothing in it: write nothing
        summary.refused = stream.refused
        summary.file_issues = list(stream.issues)
        if not summary.refused:
            from endingnote._codes import issue

            summary.file_issues.append(issue("convert.input.no_persons", ""))
        summary.loss = _loss(summary, [], [i.to_dict() for i in summary.file_issues])
        if report is not None:
            _write_report(summary.loss, report)
        return summary
    sink = _Sink(target, force)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed below; findings of every person, as JSON lines
    conv = Converter(m, validate=validate)
    try:
        try:
            for result in conv.convert_all(persons, progress):
                sink.write(result)
                _count(summary, result, spool)
            summary.file_issues = list(stream.issues)
            summary.loss = _loss(summary, conv.accounts.to_list(), [i.to_dict() for i in summary.file_issues])
            sink.commit(_manifest(summary, m))
        except OSError as exc:
            sink.abort()
            raise InputError(
                f"{target}: 書き出しに失敗しました ({exc.strerror or exc})。何も書き出していません"
                f" / writing failed ({exc.strerror or exc}); nothing was written"
            ) from exc
        except BaseException:
            sink.abort()
            raise
        summary.output = os.fspath(target)
        if report is not None:
            spool.seek(0)
            _write_report(summary.loss, report, spool)
    finally:
        spool.close()
    return summary


def _peek(persons: Iterator[Any]) -> Iterator[Any] | None:
    """``persons`` again, or None when there is none."""
    first = next(persons, None)
    if first is None:
        return None

    def again() -> Iterator[Any]:
        yield first
        yield from persons

    return again()


def _count(summary: RunSummary, result: PersonResult, spool: IO[bytes]) -> None:
    summary.written += 1
    summary.valid += result.valid
    for i in result.issues:
        spool.write(orjson.dumps({**i.to_dict(), "person": result.key}) + b"\n")
        if i.severity is Severity.ERROR:
            summary.error_count += 1
            if len(summary.errors) < ERRORS_SHOWN:
                summary.errors.append(i if i.file else _with_file(i, result.key))
        elif i.severity is Severity.WARNING:
            n, first = summary.warnings.get(i.code, (0, i if i.file else _with_file(i, result.key)))
            summary.warnings[i.code] = (n + 1, first)


def _with_file(i: Issue, key: str) -> Issue:
    from dataclasses import replace

    return replace(i, file=key)


def _manifest(summary: RunSummary, m: Mapping) -> dict[str, Any]:
    import datetime as dt

    from endingnote import __version__

    return {
        "complete": True,
        "generator": {"name": "endingnote convert", "version": __version__},
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": summary.source,
        "mapping": m.path,
        "persons_written": summary.written,
        "valid_persons": summary.valid,
    }


def _loss(summary: RunSummary, fields: list[dict[str, Any]], issues: list[Any] | None) -> dict[str, Any]:
    m = summary.mapping
    out: dict[str, Any] = {
        "source": summary.source,
        "mapping": m.path,
        "vendor": m.vendor,
        "standard": m.standard,
        "refused": summary.refused,
        "persons": summary.written,
        "valid_persons": summary.valid,
        "fields": fields,
        "issue_counts": dict(sorted(Counter({code: n for code, (n, _) in summary.warnings.items()}).items())),
    }
    if issues is not None:
        out["issues"] = issues
    return out


def _write_report(loss: dict[str, Any], path: str | os.PathLike[str], spool: IO[bytes] | None = None) -> None:
    """The loss report, its issue list streamed from the spool (never all in memory)."""
    from endingnote._atomic import atomic_writer

    head = {k: v for k, v in loss.items() if k != "issues"}
    with atomic_writer(path) as fh:
        body = orjson.dumps(head, option=orjson.OPT_INDENT_2)
        fh.write(body[:-1].rstrip() + b',\n  "issues": [')
        first = True
        for i in loss.get("issues") or []:
            fh.write((b"" if first else b",") + b"\n    " + orjson.dumps(i))
            first = False
        if spool is not None:
            for line in spool:
                fh.write((b"" if first else b",") + b"\n    " + line.rstrip(b"\n"))
                first = False
        fh.write(b"\n  ]\n}\n")
