"""What every harness shares: instrumented imports and the libFuzzer entry point.

A harness is ``fuzz/<name>.py`` defining ``one_input(data: bytes) -> None`` that must never raise
for any input, except the exceptions it lists as ``expected`` (a documented error of the API under
test, e.g. ``WarekiError``). Anything else is a crash: libFuzzer saves the input and stops.

``pending`` lists crashes already found in code another area owns and has not fixed yet, each as
(exception type, text in its message), with its reproducer in ``fuzz/crashes-pending/<name>/``.
They do not stop a run (so the rest of the input space is still explored, and ``make test`` stays
green until the owner fixes them); a run says so the first time it meets each. When the fix
lands, delete the entry: the reproducer then moves to ``fuzz/crashes/<name>/``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import atheris

Harness = Callable[[bytes], None]
Pending = tuple[type[BaseException], str]


def instrumented() -> Any:
    """``with instrumented(): import …``: coverage feedback from endingnote's own code."""
    return atheris.instrument_imports(include=["endingnote"])


def main(
    one_input: Harness, expected: tuple[type[BaseException], ...] = (), pending: Sequence[Pending] = ()
) -> None:
    met: set[str] = set()

    def run(data: bytes) -> None:
        try:
            with contextlib.suppress(*expected):
                one_input(data)
        except Exception as exc:
            for kind, text in pending:
                if isinstance(exc, kind) and text in str(exc):
                    what = f"{kind.__name__}: {text or '*'}"
                    if what not in met:  # libFuzzer ends the process without Python's atexit
                        met.add(what)
                        print(
                            f"PENDING crash met (not this area's to fix): {what}", file=sys.stderr, flush=True
                        )
                    return
            raise

    atheris.Setup(sys.argv, run)
    atheris.Fuzz()


def text(data: bytes) -> str:
    """Bytes as text the way a reader that already decoded them would pass them on."""
    return data.decode("utf-8", "replace")


def scratch_file(name: str) -> Path:
    """A file a harness rewrites for every input (for readers that take a path). Under ``run.py`` it
    lives in the run's own temporary folder (``FUZZ_SCRATCH``), removed when the harness ends —
    libFuzzer leaves the process without Python's clean-up, so a harness cannot remove it itself.
    Run directly, it is a fresh folder in memory (``/dev/shm``) where the system has one."""
    folder = os.environ.get("FUZZ_SCRATCH")
    if folder is None:
        folder = tempfile.mkdtemp(
            prefix="endingnote-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
        )
    return Path(folder) / name
