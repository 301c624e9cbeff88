"""``endingnote registers``: check (exit 0/1/2, --json), parse, graph; e-certificates in the folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from endingnote.cli import cli
from endingnote.koseki import Register, sign_ecert
from endingnote.sign import Pkcs12Signer
from endingnote.sign.testpki import TestPki

from .conftest import ISSUED_AT

NOW = "2026-11-01T12:00:00+09:00"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), standalone_mode=False, catch_exceptions=False)
    return (result.return_value if isinstance(result.return_value, int) else result.exit_code), result.output


def test_check_complete(examples_dir: Path) -> None:
    rc, out = _run("registers", "check", str(examples_dir), "--person", "山田太郎", "--now", NOW)
    assert rc == 0, out
    assert "完全です" in out and "山田　次郎" in out


def test_check_json_with_a_gap(examples_dir: Path, tmp_path: Path) -> None:
    for f in examples_dir.iterdir():
        if not f.name.startswith("02-"):
            shutil.copy(f, tmp_path / f.name)
    rc, out = _run("registers", "check", str(tmp_path), "--person", "m19500401", "--json", "--now", NOW)
    assert rc == 1
    data = json.loads(out)
    assert data["complete"] is False
    assert data["requests"][0]["kind"] == "改製原戸籍"
    assert data["requests"][0]["head"] == "山田太郎"
    assert data["chains"][0]["gaps"][0]["start"] == "1975-05-10"


def test_check_usage_errors(examples_dir: Path, tmp_path: Path) -> None:
    rc, out = _run("registers", "check", str(examples_dir), "--person", "佐藤次郎")
    assert rc == 2 and "人物 佐藤次郎 が戸籍にありません" in out and "koseki." not in out
    rc, out = _run("registers", "check", str(examples_dir), "--person", "佐藤次郎", "--lang", "en")
    assert rc == 2 and "koseki.chain.person_not_found" in out
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "endingnote",
            "registers",
            "check",
            str(tmp_path / "missing"),
            "--person",
            "x",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "endingnote", "registers", "check", str(examples_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "--person" in proc.stderr


def test_broken_file_in_the_folder_is_reported_and_the_rest_still_loads(
    examples_dir: Path, tmp_path: Path
) -> None:
    for f in examples_dir.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "99-broken.txt").write_text(
        "全部事項証明\n本籍 x\n氏名 y\n戸籍に記録されている者 【名】z\n【生年月日】昭和99年1月1日\n",
        encoding="utf-8",
    )
    (tmp_path / "98-broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    rc, out = _run("registers", "check", str(tmp_path), "--person", "山田太郎", "--json", "--now", NOW)
    assert rc == 1
    data = json.loads(out)
    found = {(i["file"], i["code"], i["path"]) for i in data["load_issues"]}
    assert ("99-broken.txt", "koseki.text.date", "line:5") in found
    assert ("98-broken.json", "koseki.json.syntax", "line:1") in found
    assert ("notes.docx", "koseki.input.unknown_kind", "") in found
    assert all(c["complete"] for c in data["chains"])  # the good registers still make a complete chain


def test_ecertificate_in_the_folder(
    examples_dir: Path, tmp_path: Path, registers: list[Register], pki: TestPki
) -> None:
    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    signer = Pkcs12Signer.from_file(cred.p12_path, cred.password)
    for f in examples_dir.iterdir():
        if not f.name.startswith("05-"):
            shutil.copy(f, tmp_path / f.name)
    ichiro = next(r for r in registers if (r.source or "").startswith("05-"))
    (tmp_path / "1234567890123456.p7m").write_bytes(
        sign_ecert(ichiro, signer, code="1234567890123456", issued_at=ISSUED_AT)
    )
    args = ["registers", "check", str(tmp_path), "--person", "山田一郎", "--json", "--now", NOW]
    rc, out = _run(*args)
    assert rc == 1  # no pinned issuer: the e-certificate is not used
    assert "koseki.ecert.untrusted_issuer" in out
    rc, out = _run(*args, "--trust-issuer", str(cred.cert_path))
    assert rc == 0, out
    rc, out = _run(*args[:-1], "2027-01-02T00:00:00+09:00", "--trust-issuer", str(cred.cert_path))
    assert rc == 1 and "koseki.ecert.expired" in out


def test_parse_and_graph(examples_dir: Path, tmp_path: Path) -> None:
    out_json = tmp_path / "taro.json"
    rc, _ = _run("registers", "parse", str(examples_dir / "03-yamada-taro.txt"), "-o", str(out_json))
    assert rc == 0
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert doc["format"] == "endingnote-koseki/1.0" and doc["members"][0]["name"]["given"] == "太郎"
    bad = tmp_path / "bad.txt"
    bad.write_text("本籍 x\n", encoding="utf-8")
    rc, out = _run("registers", "parse", str(bad), "--json")
    assert rc == 1 and json.loads(out)["valid"] is False
    graph_out = tmp_path / "graph.json"
    rc, _ = _run("registers", "graph", str(examples_dir), "-o", str(graph_out))
    assert rc == 0
    assert json.loads(graph_out.read_text(encoding="utf-8"))["format"] == "endingnote-family-graph"


@pytest.mark.parametrize("flag", ["--json", "--lang=en"])
def test_help_and_output_modes(examples_dir: Path, flag: str) -> None:
    rc, out = _run("registers", "check", str(examples_dir), "--person", "山田花子", flag, "--now", NOW)
    assert rc == 1  # 花子's birth register (her father's) is not in the demo set
    assert ("佐藤" in out) and ("hole" in out or flag == "--json")


def test_fetch_by_code_over_http(tmp_path: Path, registers: list[Register], pki: TestPki) -> None:
    from endingnote.koseki import DirectoryProvider, LocalCertificateServer

    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    signer = Pkcs12Signer.from_file(cred.p12_path, cred.password)
    store = tmp_path / "store"
    store.mkdir()
    code = "2222333344445555"
    (store / f"{code}.p7m").write_bytes(sign_ecert(registers[4], signer, code=code, issued_at=ISSUED_AT))
    out = tmp_path / "fetched.json"
    with LocalCertificateServer(DirectoryProvider(store)) as server:
        base = ["registers", "fetch", code, "--from", server.url, "--now", NOW]
        rc, text = _run(*base, "--trust-issuer", str(cred.cert_path), "-o", str(out), "--json")
        assert rc == 0, text
        assert json.loads(text)["valid"] is True
        assert json.loads(out.read_text(encoding="utf-8"))["head"] == {"family": "山田", "given": "一郎"}
        rc, text = _run(*base)  # nothing pinned
        assert rc == 1 and "信頼する発行者ではありません" in text
        rc, text = _run(
            "registers",
            "fetch",
            "0000000000000000",
            "--from",
            str(store),
            "--trust-issuer",
            str(cred.cert_path),
        )
        assert rc == 1 and "見つかりません" in text
    proc = subprocess.run(
        [sys.executable, "-m", "endingnote", "registers", "fetch", "12ab", "--from", str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "16" in proc.stderr


def test_issue_then_fetch_from_a_folder(
    examples_dir: Path, tmp_path: Path, pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    cred = pki.koseki_issuer
    assert cred.p12_path is not None and cred.password is not None
    code = "3333444455556666"
    store = tmp_path / "store"
    base = ["registers", "issue", str(examples_dir / "05-yamada-ichiro.txt"), "--pkcs12", str(cred.p12_path)]
    base += ["--code", code, "--issued-at", "2026-10-01T10:00:00+09:00", "-o", str(store / f"{code}.p7m")]
    monkeypatch.delenv("ENDINGNOTE_P12_PASSWORD", raising=False)
    with pytest.raises(click.UsageError, match="PASSWORD"):
        _run(*base)
    monkeypatch.setenv("ENDINGNOTE_P12_PASSWORD", cred.password)
    rc, _ = _run(*base)
    assert rc == 0 and (store / f"{code}.p7m").is_file()
    rc, out = _run("registers", "fetch", code, "--from", str(store), "--trust-issuer", str(cred.cert_path))
    assert rc == 0 and "有効 / valid" in out
    # the published spelling --p12 still works, hidden from the help
    legacy = [a if a != "--pkcs12" else "--p12" for a in base[:-1]] + [str(tmp_path / "legacy.p7m")]
    rc, _ = _run(*legacy)
    assert rc == 0 and (tmp_path / "legacy.p7m").is_file()


def test_from_birth_is_the_default_and_the_age13_shortcut_is_an_option(tmp_path: Path) -> None:
    cases = Path(__file__).parent / "data" / "cases" / "sasaki"
    for f in cases.iterdir():
        if not f.name.startswith("00-"):  # 佐々木一郎's first nine years are missing
            shutil.copy(f, tmp_path / f.name)
    rc, out = _run("registers", "check", str(tmp_path), "--person", "佐々木一郎", "--now", NOW)
    assert rc == 1 and "誤り: 佐々木　一郎 の戸籍が 大正10年5月5日 (1921-05-05) から" in out
    assert "除籍 本籍 京都府京都市上京区烏丸通壱番地 戸主 佐々木政右衛門" in out
    assert "koseki." not in out and "m19210505" not in out and "requested" not in out
    rc, out = _run(
        "registers", "check", str(tmp_path), "--person", "佐々木一郎", "--from-age-13", "--now", NOW
    )
    assert "13歳前の省略により" in out and "注意:" in out
    rc, out = _run(
        "registers", "check", str(tmp_path), "--person", "佐々木一郎", "--from-age-13", "--json", "--now", NOW
    )
    data = json.loads(out)
    assert data["from_birth"] is False
    assert "koseki.chain.age13_shortcut" in {i["code"] for c in data["chains"] for i in c["issues"]}
