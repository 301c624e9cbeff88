"""``endingnote heirs``: compute (file or register directory), claim, attest, verify-attestation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from endingnote.cli import cli
from endingnote.sign.testpki import TestPki

from ._builder import G

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
YAMADA = ROOT / "standard" / "koseki" / "examples" / "yamada"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), standalone_mode=False, catch_exceptions=False)
    return (result.return_value if isinstance(result.return_value, int) else result.exit_code), result.output


def test_compute_json() -> None:
    rc, out = _run("heirs", "compute", str(DATA / "basic.json"), "--decedent", "taro", "--json")
    assert rc == 0
    doc = json.loads(out)
    assert [(h["id"], h["capacity"], h["share"], h["via"]) for h in doc["heirs"]] == [
        ("hanako", "spouse", "1/2", None),
        ("ichiro", "child", "1/4", None),
        ("sakura", "representative", "1/4", ["jiro"]),
    ]
    assert {n["id"]: n["reason"] for n in doc["non_heirs"]} == {"taro": "decedent", "jiro": "predeceased"}


def test_compute_by_name_text_svg_and_map(tmp_path: Path) -> None:
    svg, chart = tmp_path / "out" / "map.svg", tmp_path / "map.json"
    rc, out = _run(
        "heirs",
        "compute",
        str(DATA / "basic.json"),
        "--decedent",
        "山田太郎@1940-04-01",
        "--svg",
        str(svg),
        "--map-json",
        str(chart),
        "--text",
        "--applicant",
        "hanako",
    )
    assert rc == 0
    assert "（孫・代襲者）　山田　さくら" in out and "以下余白" in out
    assert svg.read_text(encoding="utf-8").startswith("<?xml")
    assert json.loads(chart.read_text(encoding="utf-8"))["heirs"][0]["is_applicant"] is True


def test_compute_from_a_register_directory() -> None:
    """INPUT may be a directory of registers: converted by endingnote.koseki (issue 6, engineer 6b)."""
    rc, out = _run("heirs", "compute", str(YAMADA), "--decedent", "山田太郎", "--json")
    assert rc == 0
    doc = json.loads(out)
    shares = {h["id"]: h["share"] for h in doc["heirs"]}
    assert sorted(shares.values()) == ["1/2", "1/4", "1/4"]
    assert any(h["capacity"] == "representative" for h in doc["heirs"])


def test_compute_successive(tmp_path: Path) -> None:
    g = G().p("d", "1940-01-01", "2020-01-01").p("w", "1942-01-01", "2022-01-01").p("a", "1970-01-01")
    g.marry("d", "w").couple_child("d", "w", "a")
    path = tmp_path / "g.json"
    path.write_text(json.dumps(g.doc()))
    rc, out = _run("heirs", "compute", str(path), "--decedent", "d", "--json", "--successive")
    assert rc == 0
    assert json.loads(out)["successive"]["effective_shares"] == {"a": "1/1"}


def test_both_views(tmp_path: Path) -> None:
    g = (
        G()
        .p("ap", "1910-01-01", "1980-01-01")
        .p("d", "1940-01-01", "2024-03-10", sex="male")
        .p("w", "1942-01-01", sex="female")
        .p("s", "1944-01-01")
        .child("ap", "w")
        .child("ap", "s")
        .adopt("ap", "d", "1965-01-01")
        .marry("d", "w", "1965-01-01")
    )
    path = tmp_path / "g.json"
    path.write_text(json.dumps(g.doc()))
    rc, out = _run("heirs", "compute", str(path), "--decedent", "d", "--json", "--both-views")
    doc = json.loads(out)
    assert rc == 0
    assert {h["id"]: h["share"] for h in doc["heirs"]} == {"w": "3/4", "s": "1/4"}
    other = doc["other_views"]["spouse_sibling=both"]
    assert {h["id"]: h["share"] for h in other["heirs"]} == {"w": "7/8", "s": "1/8"}


def test_invalid_graph_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "endingnote-family-graph", "version": "1.0", "persons": [{"id": "x"}]}')
    rc, out = _run("heirs", "compute", str(bad), "--decedent", "x", "--json")
    assert rc == 1
    doc = json.loads(out)
    assert doc["valid"] is False and doc["findings"][0]["path"] == "/persons/0"


def test_unknown_decedent_and_two_spouses(tmp_path: Path) -> None:
    rc, out = _run("heirs", "compute", str(DATA / "basic.json"), "--decedent", "nobody", "--json")
    assert rc == 1 and json.loads(out)["findings"][0]["code"] == "heirs.decedent.unknown"
    path = tmp_path / "two.json"
    g = G().p("d", "1940-01-01", "2024-03-10").p("w1").p("w2").marry("d", "w1").marry("d", "w2", "1980-01-01")
    path.write_text(json.dumps(g.doc()))
    rc, _ = _run("heirs", "compute", str(path), "--decedent", "d", "--json")
    assert rc == 3


def test_missing_input_is_usage_error_without_traceback(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "endingnote",
            "heirs",
            "compute",
            str(tmp_path / "nope.json"),
            "--decedent",
            "x",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_claim_cli() -> None:
    rc, out = _run(
        "heirs",
        "claim",
        str(DATA / "basic.json"),
        "--decedent",
        "taro",
        "--name",
        "山田　一郎",
        "--birth",
        "1970-01-01",
        "--json",
    )
    assert rc == 0 and json.loads(out)["share"] == "1/4"
    rc, out = _run(
        "heirs",
        "claim",
        str(DATA / "basic.json"),
        "--decedent",
        "taro",
        "--name",
        "山田二郎",
        "--birth",
        "1972-02-02",
        "--json",
    )
    assert rc == 1 and json.loads(out)["reason"] == "predeceased"


def test_claim_with_jpki_certificate(pki: TestPki, tmp_path: Path) -> None:
    g = (
        G()
        .p("taro", "1950-04-01", "2024-03-10", sex="male", name=("山田", "太郎"))
        .p("hanako", "1952-08-15", sex="female", name=("山田", "花子"))
        .marry("taro", "hanako", "1975-01-01")
    )
    path = tmp_path / "g.json"
    path.write_text(json.dumps(g.doc(), ensure_ascii=False), encoding="utf-8")
    rc, out = _run(
        "heirs", "claim", str(path), "--decedent", "taro", "--cert", str(pki.holder("hanako").cert_path)
    )
    assert rc == 0 and out.startswith("heir 1/1 hanako")


def test_attest_and_verify_round_trip(pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "att.p7s"
    assert pki.attestation.password is not None
    monkeypatch.setenv("TEST_ATTEST_PASSWORD", pki.attestation.password)
    rc, text = _run(
        "heirs",
        "attest",
        str(DATA / "basic.json"),
        "--decedent",
        "taro",
        "-o",
        str(out),
        "--pkcs12",
        str(pki.attestation.p12_path),
        "--password-env",
        "TEST_ATTEST_PASSWORD",
        "--now",
        "2026-01-20T09:30:00+00:00",
    )
    assert rc == 0, text
    anchor = str(pki.services_root_pem)
    rc, text = _run(
        "heirs",
        "verify-attestation",
        str(out),
        "--trust",
        anchor,
        "--graph",
        str(DATA / "basic.json"),
        "--json",
    )
    assert rc == 0 and json.loads(text)["valid"] is True
    rc, _ = _run("heirs", "verify-attestation", str(out))
    assert rc == 3  # intact, but no pinned anchor given
    rc, _ = _run("heirs", "verify-attestation", str(out), "--trust", str(pki.sign_cas_pem))
    assert rc == 1
    pem = tmp_path / "att.pem"
    rc, _ = _run(
        "heirs",
        "attest",
        str(DATA / "basic.json"),
        "--decedent",
        "taro",
        "--out",
        str(pem),
        "--pem",
        "--key",
        str(pki.attestation.key_path),
        "--cert",
        str(pki.attestation.cert_path),
        "--now",
        "2026-01-20T09:30:00+00:00",
    )
    assert rc == 0
    rc, _ = _run("heirs", "verify-attestation", str(pem), "--trust", anchor)
    assert rc == 0
    run = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "PEM",
            "-in",
            str(pem),
            "-CAfile",
            anchor,
            "-purpose",
            "any",
            "-attime",
            "1768901400",
        ],
        capture_output=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_hostile_cli_inputs(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "endingnote",
            "heirs",
            "claim",
            str(DATA / "basic.json"),
            "--decedent",
            "taro",
            "--cert",
            str(junk),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    att = tmp_path / "att.p7s"
    att.write_bytes(b"\x30\x82\xff\xff" + b"\x00" * 100)
    rc, out = _run("heirs", "verify-attestation", str(att), "--json")
    assert rc == 1 and json.loads(out)["issues"][0]["code"] == "heirs.attest.unreadable"
    with pytest.raises(click.UsageError):
        _run("heirs", "claim", str(DATA / "basic.json"), "--decedent", "taro", "--name", "x")


def test_compute_json_names_and_relationships_and_text_in_one_language() -> None:
    yamada = str(Path(__file__).resolve().parents[2] / "standard/koseki/examples/yamada")
    runner = CliRunner()
    got = runner.invoke(cli, ["heirs", "compute", yamada, "--decedent", "山田太郎", "--json"])
    data = json.loads(got.stdout)
    heirs = {h["name"]: (h["relationship_ja"], h["relationship_en"]) for h in data["heirs"]}
    assert heirs == {
        "山田　花子": ("妻", "wife"),
        "山田　一郎": ("長男", "eldest son"),
        "山田　健太": ("孫(代襲)", "grandchild (by representation)"),
    }
    assert {"name", "relationship_ja", "relationship_en"} <= set(data["non_heirs"][0])
    for lang, other in (("ja", "Heirs"), ("en", "相続人")):
        out = runner.invoke(cli, ["heirs", "compute", yamada, "--decedent", "山田太郎", "--lang", lang])
        lines = out.stdout.splitlines()
        assert not any(other in line for line in lines)
        assert " / " not in out.stdout  # one language per line
        heirs_at = next(i for i, line in enumerate(lines) if line.startswith(("相続人 (", "Heirs (")))
        others_at = next(i for i, line in enumerate(lines) if line in ("相続人でない人", "Not heirs"))
        assert heirs_at < others_at and lines[others_at - 1] == ""
        assert "m19500401" not in "\n".join(lines[:others_at])


def test_attest_follows_sign_and_keeps_the_published_spellings(
    pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pki.attestation.password is not None
    base = [
        "heirs",
        "attest",
        str(DATA / "basic.json"),
        "--decedent",
        "taro",
        "--now",
        "2026-01-20T09:30:00Z",
    ]
    help_text = CliRunner().invoke(cli, ["heirs", "attest", "--help"]).output
    assert "-o, --output" in help_text and "--pkcs12" in help_text and "--password-env" in help_text
    assert "--p12" not in help_text and "--out " not in help_text and "--password " not in help_text
    # the published spellings still work: --out, --p12 and the ENDINGNOTE_P12_PASSWORD variable
    monkeypatch.setenv("ENDINGNOTE_P12_PASSWORD", pki.attestation.password)
    old = tmp_path / "old.p7s"
    rc, text = _run(*base, "--out", str(old), "--p12", str(pki.attestation.p12_path))
    assert rc == 0 and old.stat().st_size > 1000, text
    # a password on the command line is refused (exit 2), and nothing is written
    refused = CliRunner().invoke(
        cli,
        [*base, "-o", str(tmp_path / "x.p7s"), "--pkcs12", str(pki.attestation.p12_path), "--password", "x"],
    )
    assert refused.exit_code == 2 and "--password-env" in refused.output
    assert not (tmp_path / "x.p7s").exists()
