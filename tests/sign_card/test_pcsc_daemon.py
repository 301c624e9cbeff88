"""pcscd lifecycle without the module fixture: no service, no reader, and the library helper."""

from __future__ import annotations

import json
import os

import pytest

from endingnote.sign.card import JpkiCardError, JpkiCardSigner
from endingnote.sign.card._pcsc import list_readers
from endingnote.sign.card.testing import _machine_lock, running_pcscd, running_pcscd_with_card
from endingnote.sign.testpki import TestPki

from .test_pcsc import cli

pytestmark = pytest.mark.pcsc


def test_no_service_and_no_reader(pki: TestPki) -> None:
    # pcscd of this module is not involved: the machine lock guarantees nobody else runs one
    with running_pcscd(with_vpcd=False):
        assert list_readers() == []
        with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.open("TARO1234"):
            pass
        assert caught.value.code == "sign.card.no_reader"
        listed = cli("card", "list")
        assert listed.returncode == 0 and "no readers" in listed.stdout
    with _machine_lock(120):
        with pytest.raises(JpkiCardError) as gone:
            list_readers()
        assert gone.value.code == "sign.card.no_service"
        result = cli("card", "info", "--json")
        assert result.returncode == 2
        assert json.loads(result.stdout)["issues"][0]["code"] == "sign.card.no_service"


def test_library_helper_for_other_suites(pki: TestPki) -> None:
    with running_pcscd_with_card(pki.dir, "hanako") as env:
        assert env.reader == "Virtual PCD 00 00"
        with JpkiCardSigner.open("HANAKO1234", reader=env.reader) as signer:
            assert signer.certificate_der == pki.holder("hanako").cert_der
        pid = env.pcscd.pid
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # stopped by its PID, and reaped


def test_reuses_a_pcscd_it_did_not_start(pki: TestPki) -> None:
    """A running pcscd (the system one, /etc/reader.conf.d/vpcd) is used, not replaced or stopped."""
    import subprocess

    from endingnote.sign.card import JpkiCardEmulator, sha256_digest_info
    from endingnote.sign.card.testing import SYSTEM_VPCD_CONF, _pcscd_locked, _wait

    assert SYSTEM_VPCD_CONF.exists()
    with _machine_lock(120):
        system = subprocess.Popen(
            ["/usr/sbin/pcscd", "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait(lambda: "Virtual PCD 00 00" in list_readers_or_empty(), 10.0, "the system pcscd")
            with _pcscd_locked(apdu_log=False, with_vpcd=True) as daemon:
                assert daemon.pid is None and daemon.port == 0x8C7B
                with (
                    daemon.insert(JpkiCardEmulator.from_test_pki(pki, "taro")),
                    JpkiCardSigner.open("TARO1234", reader=daemon.reader) as signer,
                ):
                    assert len(signer.sign_digest_info(sha256_digest_info(b"x"))) == 256
            assert system.poll() is None  # not ours to stop
        finally:
            system.terminate()
            system.wait(timeout=10)


def list_readers_or_empty() -> list[str]:
    try:
        return list_readers()
    except JpkiCardError:
        return []
