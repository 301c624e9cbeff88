"""``endingnote sign`` / ``verify`` / ``package renew`` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from endingnote.sign.testpki import TestPki

from .conftest import PackageFactory, fresh_crl


def run(
    *args: object, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "endingnote", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


def test_sign_then_verify(full_doc: dict[str, Any], pki_copy: TestPki, trust: Path, tmp_path: Path) -> None:
    """The standard's full example note (owner 山田太郎) is validated, signed with taro's key file
    (password from an environment variable), timestamped by the test PKI's TSA, then verified."""
    note = tmp_path / "note.json"
    note.write_text(json.dumps(full_doc, ensure_ascii=False), "utf-8")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8cli")
    holder = pki_copy.holder("taro")
    out = tmp_path / "signed.asice"
    done = run(
        "sign", note, photo, "-o", out, "--pkcs12", holder.p12_path, "--password-env", "EN_PW",
        "--tsa", pki_copy.dir, "--json", env={"EN_PW": holder.password or ""},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"package": str(out), "timestamped": True, "revocation": "unknown"}
    assert "could not be checked" in done.stderr  # no --crl or --ocsp: said, not passed silently
    assert holder.password and holder.password not in done.stdout + done.stderr

    crls = fresh_crl(pki_copy)
    done = run("verify", out, "--trust", trust, *[a for c in crls for a in ("--crl", c)], "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["indication"] == "VALID" and data["owner_bound"] is True

    done = run("verify", out, "--trust", trust, "--lang", "en")
    assert done.returncode == 3
    assert "INDETERMINATE" in done.stdout and "revocation unknown" in done.stdout

    done = run("package", "renew", out, "--tsa", pki_copy.dir)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as zf:
        assert "META-INF/timestamp001.tst" in zf.namelist()


def test_verify_tampered_exits_1(make_package: PackageFactory, trust: Path, tmp_path: Path) -> None:
    pkg = make_package(attachments={"a.txt": b"original"})
    bad = tmp_path / "bad.asice"
    with zipfile.ZipFile(pkg) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, b"changed!" if info.filename == "attachments/a.txt" else zin.read(info))
    done = run("verify", bad, "--trust", trust)
    assert done.returncode == 1
    assert "sign.package.digest_mismatch" in done.stdout and "改変" in done.stdout
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2(make_package: PackageFactory, pki: TestPki, tmp_path: Path) -> None:
    note = tmp_path / "n.json"
    note.write_text("{}")
    done = run("sign", note, "-o", tmp_path / "x.asice")
    assert done.returncode == 2 and "--card" in done.stderr
    done = run(
        "sign",
        note,
        "-o",
        tmp_path / "x.asice",
        "--pkcs12",
        pki.holder("taro").p12_path,
        "--password-env",
        "NOPE_UNSET",
    )
    assert done.returncode == 2 and "NOPE_UNSET" in done.stderr
    done = run("verify", make_package(), "--at", "not-a-time")
    assert done.returncode == 2
    done = run("verify", tmp_path / "absent.asice")
    assert done.returncode == 2


def test_wrong_pkcs12_password_is_a_clear_error(pki: TestPki, tmp_path: Path) -> None:
    note = tmp_path / "n.json"
    note.write_text("{}")
    done = run(
        "sign", note, "-o", tmp_path / "x.asice", "--pkcs12", pki.holder("taro").p12_path,
        "--password-env", "EN_PW", env={"EN_PW": "WRONG123"},
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and not (tmp_path / "x.asice").exists()


@pytest.mark.parametrize(
    ("at", "expected"),
    [("2030-01-01T00:00:00+09:00", "2029-12-31T15:00:00+00:00"), ("2030-01-01", "2030-01-01T00:00:00+00:00")],
)
def test_verify_at_time(make_package: PackageFactory, trust: Path, at: str, expected: str) -> None:
    done = run("verify", make_package(), "--trust", trust, "--at", at, "--json")
    assert json.loads(done.stdout)["validation_time"] == expected
