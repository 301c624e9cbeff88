"""``endingnote sign --card`` end to end: real pcscd + vsmartcard-vpcd + the JPKI card emulator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from endingnote.sign import Indication, verify_package
from endingnote.sign.card.testing import pcsc_available, running_pcscd_with_card
from endingnote.sign.testpki import TestPki

from .conftest import codes, fresh_crl
from .test_cli import run

pytestmark = pytest.mark.pcsc


def test_sign_with_the_card_through_pcscd(
    full_doc: dict[str, Any], pki_copy: TestPki, trust: Path, tmp_path: Path
) -> None:
    reason = pcsc_available()
    if reason:
        pytest.fail(f"the PC/SC integration stack is not available: {reason}")
    note = tmp_path / "note.json"
    note.write_text(json.dumps(full_doc, ensure_ascii=False), "utf-8")
    out = tmp_path / "card.asice"
    holder = pki_copy.holder("taro")
    with running_pcscd_with_card(pki_copy, "taro") as env:
        done = run(
            "sign", note, "-o", out, "--card", "--reader", env.reader, "--password-env", "EN_PW",
            "--tsa", pki_copy.dir, env={"EN_PW": (holder.password or "").lower()},
        )  # fmt: skip
        tries = env.emulator.tries_left
    assert done.returncode == 0, done.stderr
    assert holder.password and holder.password not in done.stdout + done.stderr
    assert tries == 5  # the lower-case password was upper-cased before it reached the card
    report = verify_package(out, trust=trust, crls=fresh_crl(pki_copy))
    assert report.indication is Indication.VALID, codes(report)
    assert report.signer is not None and report.signer.cert_sha256


def test_wrong_card_password_is_a_clear_error(pki: TestPki, tmp_path: Path) -> None:
    note = tmp_path / "note.json"
    note.write_text("{}", "utf-8")
    with running_pcscd_with_card(pki, "hanako") as env:
        done = run(
            "sign", note, "-o", tmp_path / "x.asice", "--card", "--reader", env.reader,
            "--password-env", "EN_PW", env={"EN_PW": "WRONG1234"},
        )  # fmt: skip
        tries = env.emulator.tries_left
    assert done.returncode == 1
    assert tries == 4 and "4" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.asice").exists()
