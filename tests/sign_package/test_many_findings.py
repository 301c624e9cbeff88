"""A package whose manifest names hundreds of files that are not there: ``verify`` prints the first
findings of that kind and how many more, ``--all`` prints every one (the 55,000-entry manifest that
printed 17 MB of JSON, in small)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import PackageFactory

MISSING = 250


def test_verify_summarises_many_missing_files(
    make_package: PackageFactory, trust: Path, tmp_path: Path
) -> None:
    package = make_package(attachments={f"scan-{n:03}.txt": b"x" for n in range(MISSING)})
    stripped = tmp_path / "stripped.asice"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(stripped, "w") as dst:
        for info in src.infolist():
            if not info.filename.rsplit("/", 1)[-1].startswith("scan-"):
                dst.writestr(info, src.read(info))

    def issues(*flags: str) -> list[dict[str, str]]:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "endingnote",
                "verify",
                str(stripped),
                "--trust",
                str(trust),
                "--json",
                *flags,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode in (1, 3), done.stderr  # the same verdict either way
        found: list[dict[str, str]] = json.loads(done.stdout)["issues"]
        return found

    short, full = issues(), issues("--all")
    assert {i["code"] for i in short} - {"report.more_of_kind"} == {i["code"] for i in full}
    assert sum(i["code"] == "sign.package.file_missing" for i in full) == MISSING
    assert sum(i["code"] == "sign.package.file_missing" for i in short) == 100
    more = [i for i in short if i["code"] == "report.more_of_kind"]
    assert len(more) == 1 and f"{MISSING - 100:,} more" in more[0]["message_en"]
    assert more[0]["severity"] == "error"
