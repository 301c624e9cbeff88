"""``endingnote testpki`` and ``endingnote card emulate`` argument handling (no pcscd needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography import x509

from endingnote.cli import main
from endingnote.sign.testpki import TestPki, load_test_pki


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_testpki_init_and_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pki"
    code, out, _ = run(capsys, "testpki", "init", str(target), "--now", "2026-01-15T00:00:00Z", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["holders"]["taro"]["name"] == "山田\u3000太郎"
    assert load_test_pki(target).created.isoformat() == "2026-01-15T00:00:00+00:00"
    # a second init refuses, with a coded finding, and leaves the PKI alone
    before = (target / "manifest.json").read_bytes()
    code, out, err = run(capsys, "testpki", "init", str(target), "--json")
    assert code == 2 and json.loads(out)["issues"][0]["code"] == "sign.pki.exists"
    assert "already holds a test PKI" in err
    assert (target / "manifest.json").read_bytes() == before
    code, out, _ = run(
        capsys,
        "testpki",
        "revoke",
        str(target),
        "taro",
        "--at",
        "2026-03-04T10:00:00+09:00",
        "--reason",
        "cessationOfOperation",
    )
    assert code == 0
    crl = x509.load_der_x509_crl((target / "jpki/sign-ca-3/crl.der").read_bytes())
    serial = load_test_pki(target).holder("taro").cert.serial_number
    assert crl.get_revoked_certificate_by_serial_number(serial) is not None


def test_testpki_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], pki: TestPki) -> None:
    code, _, err = run(capsys, "testpki", "init", str(tmp_path / "x"), "--now", "yesterday")
    assert code == 2 and "ISO 8601" in err
    code, _, err = run(capsys, "testpki", "revoke", str(tmp_path), "taro", "--at", "2026-01-01")
    assert code == 2 and "not a test PKI" in err
    code, _, err = run(capsys, "testpki", "revoke", str(pki.dir), "nobody", "--at", "2026-01-01")
    assert code == 2 and "sign.pki" not in err and "no holder 'nobody'" in err
    code, _, err = run(
        capsys, "testpki", "revoke", str(pki.dir), "taro", "--at", "2026-01-01", "--reason", "x"
    )
    assert code == 2 and "keyCompromise" in err
    assert load_test_pki(pki.dir).holder("taro").revoked is None  # nothing changed
    file_target = tmp_path / "afile"
    file_target.write_text("x")
    code, _, _ = run(capsys, "testpki", "init", str(file_target))
    assert code == 2


def test_card_emulate_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "card", "emulate", "--pki", str(tmp_path), "--holder", "taro")
    assert code == 2 and "not a test PKI" in err
    code, _, err = run(capsys, "card", "emulate", "--pki", str(pki.dir), "--holder", "nobody")
    assert code == 2 and "taro" in err
    monkeypatch.setenv("EMULATED_CARD_PASSWORD", "パス")
    code, _, err = run(
        capsys, "card", "emulate", "--pki", str(pki.dir), "--holder", "taro", "--password-env",
        "EMULATED_CARD_PASSWORD",
    )  # fmt: skip
    assert code == 2 and "ASCII" in err
    code, _, err = run(
        capsys, "card", "emulate", "--pki", str(pki.dir), "--holder", "taro", "--password-env", "UNSET_X"
    )
    assert code == 2 and "UNSET_X" in err
    code, _, err = run(  # the published --password VALUE still parses (hidden)
        capsys, "card", "emulate", "--pki", str(pki.dir), "--holder", "taro", "--password", "パス"
    )
    assert code == 2 and "ASCII" in err


def test_help_stays_light(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "testpki" in out and "card" in out


def test_public_api_is_explicit() -> None:
    import endingnote.sign.card as card
    import endingnote.sign.card.testing as testing
    import endingnote.sign.testpki as testpki

    for module in (card, testpki):
        assert sorted(module.__all__) == sorted(set(module.__all__))
        for name in module.__all__:
            assert getattr(module, name) is not None
    assert callable(testing.running_pcscd_with_card) and callable(testing.running_pcscd)
