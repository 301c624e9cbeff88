"""Verification throughput of a signed package with large attachments, against ``openssl dgst``.

Builds a test PKI and a signed ASiC-E package with ``--size`` bytes of attachments (default 1 GiB,
in ``--files`` stored entries; ``--size 1.5G --files 1`` is one 1.5 GiB entry) in a temporary
folder, then, in the same run and on the same (page-cached) bytes:

- ``sha256sum PACKAGE`` — the floor: one SHA-256 pass over the file (and, for reference,
  ``openssl dgst -sha256``, which uses the CPU's SHA extensions where coreutils may not);
- ``endingnote.sign.verify_package`` in a fresh subprocess: the strict ZIP structure check, every
  manifest digest with each entry's CRC-32 computed as it streams, the CAdES signature, timestamp,
  chain, owner binding. The child reports its own time and its peak RSS (``resource.getrusage``);
  a second child verifies a 1 MiB package for the memory floor.

Prints one JSON line: ``ratio_vs_openssl`` = verify throughput / ``openssl dgst -sha256`` throughput
(target ≥ 0.8; ``ratio`` is the same against ``sha256sum``), medians of ``--repeat`` runs each, and
the peak-RSS growth between the small and the large package (flat = streaming).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from endingnote.sign import verify_package
start = time.perf_counter()
report = verify_package(sys.argv[1], trust=sys.argv[2])
elapsed = time.perf_counter() - start
codes = [i.code for i in report.issues]
print(json.dumps({"seconds": elapsed, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "indication": report.indication.value, "codes": codes}))
"""


def parse_size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def build(folder: Path, size: int, files: int = 4) -> tuple[Path, Path]:
    from endingnote.sign import Pkcs12Signer, create_package
    from endingnote.sign.testpki import build_test_pki
    from endingnote.sign.tsa import TimestampAuthority

    pki = build_test_pki(folder / "pki")
    trust = folder / "trust"
    trust.mkdir()
    shutil.copy(pki.sign_cas_pem, trust / "jpki.pem")
    shutil.copy(pki.services_root_pem, trust / "services.pem")
    note = folder / "note.json"
    note.write_text(
        json.dumps(
            {
                "header": {"standard": "1.0"},
                "person": {
                    "name": {"family": "山田", "given": "太郎"},
                    "birth_date": "1950-04-01",
                    "sex": "1",
                    "residence_address": {
                        "prefecture": "東京都",
                        "city": "千代田区",
                        "town": "霞が関二丁目",
                        "block": "1-2",
                    },
                },
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    block = os.urandom(1 << 20)
    attachments = []
    per_file = max(size // files, 1)
    for i in range(files):
        path = folder / f"video{i}.bin"
        with path.open("wb") as fh:
            left = per_file
            while left:
                n = min(left, len(block))
                fh.write(block[:n])
                left -= n
        attachments.append(path)
    holder = pki.holder("taro")
    assert holder.p12_path is not None and holder.password is not None
    signer = Pkcs12Signer.from_file(holder.p12_path, holder.password)
    package = folder / "big.asice"
    create_package(
        note, attachments, package, signer, tsa=TimestampAuthority.from_test_pki(pki.dir), validate=False
    )
    for path in attachments:
        path.unlink()  # the same bytes now live (stored) in the package
    return package, trust


def child(package: Path, trust: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(package), str(trust)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def sha256sum(path: Path, tool: tuple[str, ...] = ("sha256sum",)) -> float:
    start = time.perf_counter()
    subprocess.run([*tool, str(path)], capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1G", help="attachment bytes, e.g. 1G, 256M (default 1G)")
    parser.add_argument("--files", type=int, default=4, help="number of attachments (default 4)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = parse_size(args.size)
    with tempfile.TemporaryDirectory(prefix="endingnote-bench-") as tmp:
        folder = Path(tmp)
        big_dir, small_dir = folder / "big", folder / "small"
        big_dir.mkdir()
        small_dir.mkdir()
        package, trust = build(big_dir, size, files=args.files)
        small, small_trust = build(small_dir, 1 << 20, files=1)
        sha256sum(package)  # warm the page cache
        # interleaved, so that a burst of load on a shared machine hits all three alike
        bases, ossls, runs = [], [], []
        for _ in range(args.repeat):
            bases.append(sha256sum(package))
            # coreutils may lack SHA-NI while OpenSSL (and so Python's hashlib) uses it: both floors
            ossls.append(sha256sum(package, ("openssl", "dgst", "-sha256")))
            runs.append(child(package, trust))
        base, ossl = statistics.median(bases), statistics.median(ossls)
        ordered = sorted(runs, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
        best = ordered[len(ordered) // 2]  # the median run
        small_run = child(small, small_trust)
        total = package.stat().st_size
        seconds = float(best["seconds"])  # type: ignore[arg-type]
        peak_mb = int(best["maxrss_kb"]) / 1024  # type: ignore[call-overload]
        small_mb = int(small_run["maxrss_kb"]) / 1024  # type: ignore[call-overload]
        print(
            json.dumps(
                {
                    "bench": "verify",
                    "package_bytes": total,
                    "attachment_bytes": size,
                    "files": args.files,
                    "sha256sum_mb_s": round(total / base / 1e6, 1),
                    "verify_mb_s": round(total / seconds / 1e6, 1),
                    "ratio": round(base / seconds, 3),
                    "openssl_dgst_mb_s": round(total / ossl / 1e6, 1),
                    "ratio_vs_openssl": round(ossl / seconds, 3),
                    "target": 0.8,
                    "peak_rss_mb": round(peak_mb, 1),
                    "peak_rss_small_mb": round(small_mb, 1),
                    "rss_growth_mb": round(peak_mb - small_mb, 1) + 0.0,
                    "indication": best["indication"],
                    "codes": best["codes"],
                }
            )
        )


if __name__ == "__main__":
    main()
