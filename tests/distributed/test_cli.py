"""``validate --workers N`` prints what a local run prints; the options refuse what makes no sense."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

ENDINGNOTE = [sys.executable, "-m", "endingnote"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ENDINGNOTE, *args], capture_output=True, text=True, check=False, timeout=600)


def test_validate_on_workers_prints_the_local_ndjson(corpus: Path) -> None:
    inputs = [str(corpus / "exports"), str(corpus / "stream.ndjson")]
    local = run("validate", *inputs, "--json", "-j", "1")
    remote = run("validate", *inputs, "--json", "--workers", "2")
    assert local.returncode == remote.returncode == 1  # the corpus has invalid documents
    assert [orjson.loads(x) for x in remote.stdout.splitlines()] == [
        orjson.loads(x) for x in local.stdout.splitlines()
    ]
    assert "Traceback" not in remote.stderr


def test_usage_errors_exit_2_without_starting_anything(corpus: Path, tmp_path: Path) -> None:
    both = run("validate", str(corpus / "exports"), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1")
    zero = run("validate", str(corpus / "exports"), "--workers", "0")
    vendor = run(
        "convert", str(corpus / "exports"), "--from", "desktop_csv", "--to", "phone_json",
        "-o", str(tmp_path / "o"), "--workers", "2",
    )  # fmt: skip
    for out in (both, zero, vendor):
        assert out.returncode == 2, out.stderr
        assert "Traceback" not in out.stderr
