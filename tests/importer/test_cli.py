"""``endingnote import`` as a user runs it (a subprocess; the card through the real pcscd)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from endingnote.heirs import graph_from_dict
from endingnote.heirs._attest import build_statement, sign_statement
from endingnote.koseki import to_family_graph
from endingnote.sign import Pkcs12Signer
from endingnote.sign.card.testing import running_pcscd_with_card

from .conftest import REGISTERS, World


def run(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "endingnote", "import", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def common(world: World, out: Path) -> list[object]:
    crls: list[object] = []
    for crl in world.crls:
        crls += ["--crl", crl]
    return ["--registers", REGISTERS, "-o", out, "--trust", world.trust, "--at", world.at.isoformat(), *crls]


def attestation(world: World, tmp_path: Path) -> Path:
    graph = graph_from_dict(to_family_graph(str(REGISTERS)))
    statement, _ = build_statement(graph, "m19500401", attested_at=world.at)
    assert statement is not None
    cred = world.pki.attestation
    assert cred.p12_path is not None and cred.password is not None
    data = sign_statement(
        statement, Pkcs12Signer.from_file(cred.p12_path, cred.password), signing_time=world.at
    )
    path = tmp_path / "attestation.p7m"
    path.write_bytes(data)
    return path


@pytest.mark.pcsc
def test_a_non_heir_card_is_refused_through_pcscd(world: World, tmp_path: Path) -> None:
    stranger = world.pki.holder("stranger")
    out = tmp_path / "out"
    with running_pcscd_with_card(world.pki, "stranger") as env:
        done = run(
            world.taro_card, "--claimant-card", "--reader", env.reader, "--password-env", "EN_PW",
            *common(world, out), "--json", env={"EN_PW": stranger.password or ""},
        )  # fmt: skip
    assert done.returncode == 1, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    assert data["status"] == "refused"
    assert "importer.not_heir" in [i["code"] for i in data["issues"]]
    assert stranger.password and stranger.password not in done.stdout + done.stderr
    assert not out.exists()


@pytest.mark.pcsc
def test_the_spouse_imports_with_her_card_through_pcscd(world: World, tmp_path: Path) -> None:
    hanako = world.pki.holder("hanako")
    out = tmp_path / "out"
    with running_pcscd_with_card(world.pki, "hanako") as env:
        done = run(
            world.taro_card, "--claimant-card", "--reader", env.reader, "--password-env", "EN_PW",
            *common(world, out), env={"EN_PW": hanako.password or ""},
        )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "あなたの法定相続分: 2分の1" in done.stdout
    assert f"report.html: {out / 'report.html'}" in done.stdout
    assert hanako.password and hanako.password not in done.stdout + done.stderr


def test_an_attestation_imports(world: World, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run(world.taro_card, "--attestation", attestation(world, tmp_path), *common(world, out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("取り込みました\n")
    assert "山田　太郎（昭和25年4月1日 (1950-04-01) – 令和6年3月15日 (2024-03-15)）" in done.stdout
    assert json.loads((out / "note.json").read_text("utf-8"))["person"]["birth_date"] == "1950-04-01"


def test_revocation_unknown_exits_3_and_says_so(world: World, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--registers", REGISTERS, "-o", out, "--trust", world.trust, "--at", world.at.isoformat()]
    done = run(world.taro_card, "--attestation", attestation(world, tmp_path), *args)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "失効状態を確認できません" in done.stdout  # importer.revocation_unknown, in words
    assert "失効状態を確認できません" in done.stdout
    assert not out.exists()


@pytest.mark.parametrize("claim", [[], ["--claimant-card", "--attestation", "__file__"]])
def test_exactly_one_kind_of_claim(world: World, tmp_path: Path, claim: list[str]) -> None:
    claim = [str(Path(__file__)) if c == "__file__" else c for c in claim]
    done = run(world.taro_card, *claim, *common(world, tmp_path / "out"))
    assert done.returncode == 2
    assert "--claimant-card" in done.stderr and "Traceback" not in done.stderr


def test_a_missing_package_is_a_usage_error(world: World, tmp_path: Path) -> None:
    done = run(tmp_path / "nope.asice", "--claimant-card", *common(world, tmp_path / "out"))
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_hostile_package_is_refused_without_traceback(world: World, tmp_path: Path) -> None:
    junk = tmp_path / "junk.asice"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    out = tmp_path / "out"
    done = run(junk, "--attestation", attestation(world, tmp_path), *common(world, out), "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert json.loads(done.stdout)["status"] == "refused"
    assert "Traceback" not in done.stderr and not out.exists()


def test_the_command_is_listed() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "endingnote", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "import" in done.stdout and "相続人への取り込み" in done.stdout


def test_the_offline_form_with_a_challenge_signed_by_openssl(world: World, tmp_path: Path) -> None:
    ichiro = world.pki.holder("ichiro")
    challenge = tmp_path / "challenge.bin"
    made = run(world.taro_card, "--make-challenge", challenge, "--at", world.at.isoformat())
    assert made.returncode == 0, made.stderr
    assert challenge.read_bytes()[32:49] == b"endingnote-import"
    sig = tmp_path / "sig.bin"
    signed = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", str(ichiro.key_path), "-out", str(sig), str(challenge)],
        capture_output=True, check=False, timeout=60,
    )  # fmt: skip
    assert signed.returncode == 0, signed.stderr
    offline = ["--claimant-cert", ichiro.cert_path, "--challenge", challenge, "--challenge-signature", sig]
    out = tmp_path / "out"
    done = run(world.taro_card, *offline, *common(world, out), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert (data["claimant"]["kind"], data["claimant"]["share"]) == ("signed_challenge", "1/4")
    assert (out / "note.json").exists()
    # the same signature is worthless for another package, and after 24 hours
    other = run(world.taro_11, *offline, *common(world, tmp_path / "o2"), "--json")
    assert other.returncode == 1 and "別のパッケージ" in other.stdout
    late = (world.at + dt.timedelta(hours=25)).isoformat()
    stale = run(world.taro_card, *offline, *common(world, tmp_path / "o3"), "--at", late, "--json")
    assert stale.returncode == 1 and "not fresh" in stale.stdout
    # a signature by someone else's key does not verify against ichiro's certificate
    forged = tmp_path / "forged.bin"
    hanako = world.pki.holder("hanako")
    subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(hanako.key_path), "-out", str(forged),
                    str(challenge)], check=True, timeout=60)  # fmt: skip
    offline[-1] = forged
    bad = run(world.taro_card, *offline, *common(world, tmp_path / "o4"), "--json")
    assert bad.returncode == 1
    assert "importer.claimant_signature" in [i["code"] for i in json.loads(bad.stdout)["issues"]]


def test_signed_after_death_needs_a_stated_reason(world: World, tmp_path: Path) -> None:
    from .test_journey import _signed_after_death

    package, crls = _signed_after_death(world, tmp_path)
    args = ["--registers", REGISTERS, "--trust", world.trust, "--at", world.at.isoformat()]
    args += [a for c in crls for a in ("--crl", c)]
    claim = ["--attestation", attestation(world, tmp_path)]
    refused = run(package, *claim, *args, "-o", tmp_path / "refused")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "--accept-signed-after-death" in refused.stdout and not (tmp_path / "refused").exists()
    as_json = run(package, *claim, *args, "-o", tmp_path / "refused", "--json")
    assert "importer.signed_after_death_refused" in [i["code"] for i in json.loads(as_json.stdout)["issues"]]
    empty = run(package, *claim, *args, "-o", tmp_path / "empty", "--accept-signed-after-death", " ")
    assert empty.returncode == 2 and "Traceback" not in empty.stderr
    reason = "executor confirmed the re-signing"
    out = tmp_path / "out"
    done = run(package, *claim, *args, "-o", out, "--accept-signed-after-death", reason, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["accepted_signed_after_death"] == reason
    assert reason in (out / "note.json").read_text("utf-8")
