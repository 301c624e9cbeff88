"""Runs that stop half-way leave nothing that looks complete: ``kill -9`` in the middle of a run,
or a write that fails (a file-size limit set with setrlimit, as a full disk fails a write)."""

from __future__ import annotations

import importlib.util
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.convert.conftest import CONVERTERS

MAPPING = str(CONVERTERS / "desktop_csv" / "mapping.yaml")


def _big(tmp_path: Path, persons: int) -> Path:
    spec = importlib.util.spec_from_file_location("_generate", CONVERTERS / "_generate.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    src = tmp_path / "big.csv"
    src.write_bytes(gen.desktop_csv(gen.people(persons, seed=3)))
    return src


def _cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "endingnote",
        "convert",
        str(src),
        "--from",
        MAPPING,
        "-o",
        str(out),
        *extra,
    ]


def test_kill_9_mid_run_leaves_no_set_that_looks_complete(tmp_path: Path) -> None:
    src, out = _big(tmp_path, 3000), tmp_path / "out"
    proc = subprocess.Popen(
        _cmd(src, out, "--no-validate"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 240
    staged: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        staged = [p for p in tmp_path.glob(".out.partial-*") if len(list(p.glob("*.json"))) > 20]
        if staged:
            break
        time.sleep(0.05)
    assert staged, "the run never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert not out.exists()  # nothing under the target's name; the staging folder is not the set
    assert not list(staged[0].glob("endingnote-run.manifest"))


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_failing_write_leaves_nothing_and_keeps_the_earlier_output(tmp_path: Path) -> None:
    src, out = _big(tmp_path, 300), tmp_path / "out.ndjson"
    out.write_bytes(b"earlier run\n")
    done = subprocess.run(
        _cmd(src, out, "--force"),
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        check=False,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "nothing was written" in done.stderr and "Traceback" not in done.stderr
    assert out.read_bytes() == b"earlier run\n"
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]
