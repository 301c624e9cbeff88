"""The real stack: pcscd (started here, stopped by PID) + vpcd + the emulated card, through pyscard."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from endingnote.sign.card import (
    JpkiCardEmulator,
    JpkiCardError,
    JpkiCardSigner,
    card_info,
    list_cards,
    sha256_digest_info,
)
from endingnote.sign.card import _apdu as a
from endingnote.sign.card._pcsc import connect
from endingnote.sign.card.testing import Pcscd
from endingnote.sign.testpki import TestPki

from .test_signers import CONTENT, check_with_cryptography, check_with_openssl

pytestmark = pytest.mark.pcsc


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "endingnote", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_sign_end_to_end_through_pcscd(pcscd: Pcscd, pki: TestPki, tmp_path: Path) -> None:
    card = JpkiCardEmulator.from_test_pki(pki, "taro")
    with pcscd.insert(card) as client:
        assert pcscd.pid is not None and pcscd.process is not None and pcscd.process.poll() is None
        with JpkiCardSigner.open("TARO1234") as signer:  # finds the JPKI reader by itself
            assert signer.certificate_der == pki.holder("taro").cert_der
            signature = signer.sign_digest_info(sha256_digest_info(CONTENT))
        assert client.apdus > 8
    check_with_cryptography(signer, CONTENT, signature)
    check_with_openssl(tmp_path, pki.holder("taro").cert_path, CONTENT, signature)


def test_session_is_exclusive_and_reset_afterwards(pcscd: Pcscd, pki: TestPki) -> None:
    card = JpkiCardEmulator.from_test_pki(pki, "hanako")
    with pcscd.insert(card):
        with JpkiCardSigner.open("HANAKO1234", reader=pcscd.reader) as signer:
            with pytest.raises(JpkiCardError) as caught:
                card_info(pcscd.reader)
            assert caught.value.code == "sign.card.busy"
            signer.sign_digest_info(sha256_digest_info(b"x"))
        # after the session the card was reset: the VERIFY state is gone for the next program
        with connect(pcscd.reader, exclusive=False, reset_after=False) as transport:
            transport.transmit(a.select_df(a.JPKI_AID))
            transport.transmit(a.select_ef(a.EF_SIGN_CERT))
            assert transport.transmit(a.read_binary(0, 4)) == b"\x69\x82"


def test_wrong_password_and_lock_through_pcscd(pcscd: Pcscd, pki: TestPki) -> None:
    card = JpkiCardEmulator.from_test_pki(pki, "stranger")
    with pcscd.insert(card):
        with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.open("WRONG123", reader=pcscd.reader):
            pass
        assert caught.value.code == "sign.card.wrong_password" and caught.value.sw == 0x63C4
        info = card_info(pcscd.reader)
        assert info.sign_tries_left == 4
        for _ in range(4):
            with (
                pytest.raises(JpkiCardError),
                JpkiCardSigner.open("WRONG123", reader=pcscd.reader, min_tries=1),
            ):
                pass
        with pytest.raises(JpkiCardError) as locked, JpkiCardSigner.open("SATO1234", reader=pcscd.reader):
            pass
        assert locked.value.code == "sign.card.locked"


def test_card_removed_mid_signing(pcscd: Pcscd, pki: TestPki) -> None:
    card = JpkiCardEmulator.from_test_pki(pki, "taro")
    card.remove_when(lambda apdu: apdu[:2] == b"\x80\x2a")
    with pcscd.insert(card), JpkiCardSigner.open("TARO1234", reader=pcscd.reader) as signer:
        with pytest.raises(JpkiCardError) as caught:
            signer.sign_digest_info(sha256_digest_info(b"x"))
        assert caught.value.code == "sign.card.removed", str(caught.value)


def test_card_list_and_info_cli(pcscd: Pcscd, pki: TestPki) -> None:
    empty = list_cards()
    assert {r.reader for r in empty} >= {"Virtual PCD 00 00", "Virtual PCD 00 01"}
    assert not any(r.card_present for r in empty)
    with pcscd.insert(JpkiCardEmulator.from_test_pki(pki, "taro_phone")):
        listed = cli("card", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        readers = {r["reader"]: r for r in json.loads(listed.stdout)["readers"]}
        assert readers["Virtual PCD 00 00"]["jpki"] is True
        assert readers["Virtual PCD 00 00"]["token_label"] == "JPKIAPGPSETOKEN"
        assert readers["Virtual PCD 00 01"]["card_present"] is False
        info = cli("card", "info", "--json", "--reader", "00 00")
        assert info.returncode == 0, info.stderr
        facts = json.loads(info.stdout)
        assert facts["sign_tries_left"] == 5 and facts["certificate"] is None
        full = cli(
            "card",
            "info",
            "--json",
            "--with-certificate",
            "--password-env",
            "EN_PW",
            env={"EN_PW": "TARO5678"},
        )
        assert full.returncode == 0, full.stderr
        basic4 = json.loads(full.stdout)["certificate"]["basic4"]
        assert basic4["name"] == "山田\u3000太郎" and basic4["birth_date"] == "319500401"
        assert "TARO5678" not in full.stdout + full.stderr  # the password is never echoed
        text = cli("card", "info")
        assert text.returncode == 0 and "JPKIAPGPSETOKEN" in text.stdout and "tries left: 5" in text.stdout
        bad = cli("card", "info", "--reader", "no such reader")
        assert bad.returncode == 1 and "no such reader" in bad.stderr


def test_emulate_cli_runs_until_sigterm(pcscd: Pcscd, pki: TestPki, tmp_path: Path) -> None:
    """The CLI announces the connection from the vpcd client's own event; the test waits for that
    line before it looks for the card and signs (it used to race the CLI's 0.2 s polling loop)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "endingnote",
            "card",
            "emulate",
            "--pki",
            str(pki.dir),
            "--holder",
            "ichiro",
            "--port",
            str(pcscd.port),
            "--no-persist",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    connected = threading.Event()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            if "connected" in line and "disconnected" not in line:
                connected.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert connected.wait(20), "the CLI never announced the connection: " + "".join(lines)
        deadline = time.monotonic() + 20
        found = None
        while time.monotonic() < deadline and found is None:
            found = next((r for r in list_cards() if r.jpki), None)
            time.sleep(0.1)
        assert found is not None, "the emulated card never appeared"
        with JpkiCardSigner.open("ICHIRO1234", reader=found.reader) as signer:
            assert signer.certificate_der == pki.holder("ichiro").cert_der
            signer.sign_digest_info(sha256_digest_info(b"cli"))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)
        reader.join(timeout=15)
        if process.stderr is not None:
            process.stderr.close()
    assert process.returncode == 0, "".join(lines)


def test_apdu_latency_stays_low(pcscd: Pcscd, pki: TestPki) -> None:
    """TCP_NODELAY + QUICKACK on the vicc socket: ~0.1 ms per APDU instead of ~44 ms (bench/card.py)."""
    card = JpkiCardEmulator.from_test_pki(pki, "taro")
    with pcscd.insert(card), connect(pcscd.reader, exclusive=True, reset_after=False) as transport:
        transport.transmit(a.select_df(a.JPKI_AID))
        transport.transmit(a.select_ef(a.EF_SIGN_CA))
        times = []
        for _ in range(20):
            start = time.perf_counter()
            transport.transmit(a.read_binary(0, 0xFF))
            times.append(time.perf_counter() - start)
    assert sorted(times)[10] < 0.015
