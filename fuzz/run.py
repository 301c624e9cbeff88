"""Run the fuzz harnesses (atheris on libFuzzer), each in its own process.

    python fuzz/run.py --seconds 300            # make fuzz: explore, keep what is new
    python fuzz/run.py --brief                  # make test: a few seconds each, fixed seed
    python fuzz/run.py --seconds 60 validate    # one harness

Each harness starts from its committed seeds (``fuzz/seeds/<name>/``). A long run keeps the inputs
it finds in ``fuzz/corpus/<name>/`` and any crash in ``fuzz/artifacts/<name>/`` (both ignored by
git); the brief run writes nothing into the tree. Every run then replays the regression inputs
in ``fuzz/crashes/<name>/`` (crashes found and fixed; each must now pass). Reproducers of crashes in
code this folder's owner does not fix wait in ``fuzz/crashes-pending/<name>/``, which no run
replays. Limits per input: ``-rss_limit_mb`` 1024 (memory beyond 1 GB is a crash) and ``-timeout``
(seconds; a hang is a crash).

Exit status: 0 when every harness ran clean, 1 when any crashed (its output says which input).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESSES = (
    "validate",
    "wareki",
    "register_text",
    "register_json",
    "ecert",
    "family_graph",
    "csv_source",
    "xlsx_source",
    "xml_source",
    "json_source",
    "mapping",
    "address",
    "dates_in_text",
    "package",
)
RSS_LIMIT_MB = 1024
TIMEOUT_SECONDS = 20
SEED = 1


def _libfuzzer(name: str, seconds: int, work: Path, artifacts: Path) -> list[str]:
    return [
        sys.executable,
        str(HERE / f"{name}.py"),
        f"-seed={SEED}",
        f"-max_total_time={seconds}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-timeout={TIMEOUT_SECONDS}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        str(work),
        str(HERE / "seeds" / name),
    ]


def run_one(name: str, seconds: int, brief: bool) -> tuple[str, bool, str]:
    """Fuzz ``name`` for ``seconds``, then replay its regression inputs: (name, clean, log tail)."""
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{name}-") as scratch:
        work = Path(scratch) / "corpus" if brief else HERE / "corpus" / name
        artifacts = Path(scratch) / "artifacts" if brief else HERE / "artifacts" / name
        work.mkdir(parents=True, exist_ok=True)
        artifacts.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
            "FUZZ_SCRATCH": scratch,  # the harnesses' scratch files, removed with this folder
        }
        fuzzed = subprocess.run(
            _libfuzzer(name, seconds, work, artifacts), capture_output=True, text=True, env=env, check=False
        )
        log = fuzzed.stdout + fuzzed.stderr
        clean = fuzzed.returncode == 0
        crashes = sorted((HERE / "crashes" / name).glob("*")) if (HERE / "crashes" / name).is_dir() else []
        if clean and crashes:
            replay = subprocess.run(
                [sys.executable, str(HERE / f"{name}.py"), f"-rss_limit_mb={RSS_LIMIT_MB}",
                 f"-timeout={TIMEOUT_SECONDS}", *map(str, crashes)],
                capture_output=True, text=True, env=env, check=False,
            )  # fmt: skip
            log += replay.stdout + replay.stderr
            clean = replay.returncode == 0
    lines = log.strip().splitlines()
    pending = [line for line in lines if line.startswith("PENDING")]
    runs = [
        line.split(":")[-1].strip() for line in lines if line.startswith("stat::number_of_executed_units")
    ]
    return name, clean, "\n".join([*lines[-40:], *pending, *(f"EXECUTIONS {n}" for n in runs[:1])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help=f"harnesses (default: all of {', '.join(HARNESSES)})")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "60")))
    parser.add_argument("--brief", action="store_true", help="a few seconds each, nothing kept (make test)")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    args = parser.parse_args(argv)
    names = args.names or list(HARNESSES)
    unknown = sorted(set(names) - set(HARNESSES))
    if unknown:
        parser.error(f"unknown harness: {', '.join(unknown)}")
    seconds = int(os.environ.get("FUZZ_BRIEF_SECONDS", "4")) if args.brief else args.seconds
    failed = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for name, clean, tail in pool.map(lambda n: run_one(n, seconds, args.brief), names):
            runs = [line.split()[-1] for line in tail.splitlines() if line.startswith("EXECUTIONS")]
            print(
                f"{'ok  ' if clean else 'FAIL'} {name}" + (f" ({int(runs[0]):,} executions)" if runs else ""),
                flush=True,
            )
            for line in dict.fromkeys(tail.splitlines()):  # each once, in order
                if clean and line.startswith("PENDING"):
                    print(f"     {line}", flush=True)
            if not clean:
                failed.append(name)
                print(tail, flush=True)
    if failed:
        print(f"crashed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
