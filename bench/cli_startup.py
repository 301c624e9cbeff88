"""`endingnote --help` start-up time against a bare `python -c pass`, measured in the same run."""

from __future__ import annotations

import json
import subprocess
import sys
import time


def best(cmd: list[str], n: int = 7) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    bare = best([sys.executable, "-c", "pass"])
    help_ = best([sys.executable, "-m", "endingnote", "--help"])
    print(
        json.dumps(
            {
                "python_s": round(bare, 4),
                "endingnote_help_s": round(help_, 4),
                "ratio": round(help_ / bare, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
