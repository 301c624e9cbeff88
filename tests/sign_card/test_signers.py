"""Pkcs12Signer and JpkiCardSigner (in-process over the emulator): signatures checked by
``cryptography`` and by ``openssl``; card faults become clear CardErrors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from endingnote.errors import CardError, InputError, SigningError
from endingnote.sign import Pkcs12Signer, Signer
from endingnote.sign.card import (
    JpkiCardEmulator,
    JpkiCardError,
    JpkiCardSigner,
    digest_info,
    sha256_digest_info,
)
from endingnote.sign.card._info import card_info_over
from endingnote.sign.testpki import TestPki

from .conftest import openssl, rsa_public

CONTENT = "エンディングノート — signed export".encode()


def check_with_openssl(tmp_path: Path, cert_path: Path, content: bytes, signature: bytes) -> None:
    """Two independent openssl checks: over the content (dgst) and over its hash (pkeyutl)."""
    data, sig, pub = tmp_path / "data.bin", tmp_path / "sig.bin", tmp_path / "pub.pem"
    data.write_bytes(content)
    sig.write_bytes(signature)
    extracted = openssl("x509", "-in", str(cert_path), "-pubkey", "-noout")
    pub.write_bytes(extracted.stdout)
    dgst = openssl("dgst", "-sha256", "-verify", str(pub), "-signature", str(sig), str(data))
    assert dgst.returncode == 0 and b"Verified OK" in dgst.stdout, dgst.stderr
    digest = tmp_path / "digest.bin"
    digest.write_bytes(hashlib.sha256(content).digest())
    pkeyutl = openssl(
        "pkeyutl",
        "-verify",
        "-certin",
        "-inkey",
        str(cert_path),
        "-in",
        str(digest),
        "-sigfile",
        str(sig),
        "-pkeyopt",
        "digest:sha256",
    )
    assert pkeyutl.returncode == 0 and b"Signature Verified Successfully" in pkeyutl.stdout, pkeyutl.stderr
    # and a tampered content fails
    data.write_bytes(content + b"!")
    assert openssl("dgst", "-sha256", "-verify", str(pub), "-signature", str(sig), str(data)).returncode != 0


def check_with_cryptography(signer: Signer, content: bytes, signature: bytes) -> None:
    from cryptography import x509

    public = x509.load_der_x509_certificate(signer.certificate_der).public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(signature, content, padding.PKCS1v15(), hashes.SHA256())


# --- Pkcs12Signer -------------------------------------------------------------------------------


def test_pkcs12_signer(pki: TestPki, tmp_path: Path) -> None:
    holder = pki.holder("taro")
    assert holder.p12_path is not None
    signer = Pkcs12Signer.from_file(holder.p12_path, "TARO1234")
    assert isinstance(signer, Signer)
    assert signer.certificate_der == holder.cert_der
    assert signer.chain_der == [pki.sign_cas["sign-ca-3"].cert_der]
    signature = signer.sign_digest_info(sha256_digest_info(CONTENT))
    check_with_cryptography(signer, CONTENT, signature)
    check_with_openssl(tmp_path, holder.cert_path, CONTENT, signature)
    # SHA-384/512 DigestInfos are fine for a software key
    for name, algo in (("sha384", hashes.SHA384()), ("sha512", hashes.SHA512())):
        di = digest_info(hashlib.new(name, CONTENT).digest(), name)
        sig = signer.sign_digest_info(di)
        rsa_public(signer.certificate).verify(sig, CONTENT, padding.PKCS1v15(), algo)


def test_pkcs12_signer_refusals(pki: TestPki, tmp_path: Path) -> None:
    holder = pki.holder("taro")
    assert holder.p12_path is not None
    with pytest.raises(SigningError, match="PKCS#12"):
        Pkcs12Signer.from_file(holder.p12_path, "WRONG")
    with pytest.raises(InputError):
        Pkcs12Signer.from_file(tmp_path / "missing.p12", "x")
    garbage = tmp_path / "garbage.p12"
    garbage.write_bytes(b"\x30\x03\x02\x01\x03")
    with pytest.raises(SigningError):
        Pkcs12Signer.from_file(garbage, "x")
    signer = Pkcs12Signer.from_file(holder.p12_path, b"TARO1234")
    with pytest.raises(SigningError, match="DigestInfo"):
        signer.sign_digest_info(b"\x30\x03" + b"x" * 20)
    with pytest.raises(SigningError, match="match"):
        Pkcs12Signer(pki.holder("hanako").key, holder.cert, [])
    with pytest.raises(ValueError, match="32 bytes"):
        digest_info(b"short", "sha256")


# --- JpkiCardSigner over the in-process emulator ------------------------------------------------


def test_card_signer_in_process(pki: TestPki, emulator: JpkiCardEmulator, tmp_path: Path) -> None:
    holder = pki.holder("taro")
    with JpkiCardSigner.over(emulator, "taro1234") as signer:  # lower case is upper-cased, like myna
        assert isinstance(signer, Signer)
        assert signer.certificate_der == holder.cert_der
        assert signer.chain_der == []  # EF 0002 is not trusted, so not embedded
        assert signer.token_label == "JPKIAPICCTOKEN2"
        signature = signer.sign_digest_info(sha256_digest_info(CONTENT))
        second = signer.sign_digest_info(sha256_digest_info(b"second"))
    check_with_cryptography(signer, CONTENT, signature)
    check_with_openssl(tmp_path, holder.cert_path, CONTENT, signature)
    check_with_cryptography(signer, b"second", second)
    # PKCS#1 v1.5 is deterministic: the card and the software key agree byte for byte
    assert holder.p12_path is not None
    assert signature == Pkcs12Signer.from_file(holder.p12_path, "TARO1234").sign_digest_info(
        sha256_digest_info(CONTENT)
    )
    assert emulator.tries_left == 5


def test_card_signer_refuses_non_sha256(emulator: JpkiCardEmulator) -> None:
    with JpkiCardSigner.over(emulator, "TARO1234") as signer:
        with pytest.raises(SigningError, match="SHA-256"):
            signer.sign_digest_info(digest_info(hashlib.sha512(b"x").digest(), "sha512"))
        with pytest.raises(SigningError):
            signer.sign_digest_info(b"\x01" * 51)


def test_wrong_password_says_tries_left(emulator: JpkiCardEmulator) -> None:
    with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.over(emulator, "WRONG123"):
        pass
    assert caught.value.code == "sign.card.wrong_password"
    assert caught.value.sw == 0x63C4
    assert "残り 4 回" in str(caught.value) and "4 tries left" in str(caught.value)
    assert isinstance(caught.value, CardError)
    assert emulator.tries_left == 4


def test_refuses_to_try_below_three(emulator: JpkiCardEmulator) -> None:
    for expected in (4, 3, 2):
        with pytest.raises(JpkiCardError, match=r"wrong|違います"), JpkiCardSigner.over(emulator, "WRONG123"):
            pass
        assert emulator.tries_left == expected
    # two tries left: refuse, even with the right password, and use no try
    with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.over(emulator, "TARO1234"):
        pass
    assert caught.value.code == "sign.card.tries_low"
    assert emulator.tries_left == 2
    # a caller who accepts the risk explicitly can still go on (e.g. after checking with the office)
    with JpkiCardSigner.over(emulator, "TARO1234", min_tries=1) as signer:
        signer.sign_digest_info(sha256_digest_info(b"x"))
    assert emulator.tries_left == 5


def test_locked_card(emulator: JpkiCardEmulator) -> None:
    for _ in range(5):
        with pytest.raises(JpkiCardError), JpkiCardSigner.over(emulator, "WRONG123", min_tries=1):
            pass
    assert emulator.locked
    with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.over(emulator, "TARO1234"):
        pass
    assert caught.value.code == "sign.card.locked"
    assert "ロック" in str(caught.value) and "locked" in str(caught.value)


@pytest.mark.parametrize("bad", ["abc", "TARO-1234", "", "A" * 17, "ＴＡＲＯ１２３４", "TARO 1234"])
def test_malformed_password_costs_no_try(emulator: JpkiCardEmulator, bad: str) -> None:
    with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.over(emulator, bad):
        pass
    assert caught.value.code == "sign.card.password_format"
    assert emulator.tries_left == 5


def test_card_removed_mid_signing(emulator: JpkiCardEmulator) -> None:
    emulator.remove_when(lambda apdu: apdu[:2] == b"\x80\x2a")
    with JpkiCardSigner.over(emulator, "TARO1234") as signer, pytest.raises(JpkiCardError) as caught:
        signer.sign_digest_info(sha256_digest_info(b"x"))
    assert caught.value.code == "sign.card.removed"
    assert "取り外" in str(caught.value) and "removed" in str(caught.value)


class _FaultyCard:
    """A card whose signature comes back damaged (a glitch, or a card that is not what it claims)."""

    def __init__(self, card: JpkiCardEmulator) -> None:
        self.card = card

    def transmit(self, apdu: bytes) -> bytes:
        response = self.card.transmit(apdu)
        if apdu[:2] == b"\x80\x2a" and len(response) > 2:
            return bytes([response[0] ^ 1]) + response[1:]
        return response


def test_bad_card_signature_is_discarded(emulator: JpkiCardEmulator) -> None:
    with JpkiCardSigner.over(_FaultyCard(emulator), "TARO1234") as signer, pytest.raises(JpkiCardError) as c:
        signer.sign_digest_info(sha256_digest_info(b"x"))
    assert c.value.code == "sign.card.bad_signature"


class _NotJpki:
    def transmit(self, apdu: bytes) -> bytes:
        return b"\x6a\x82"


def test_not_a_jpki_card() -> None:
    with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.over(_NotJpki(), "TARO1234"):
        pass
    assert caught.value.code == "sign.card.not_jpki"


class _HostileCertificate:
    """Answers the certificate read with a DER header claiming 16 MB."""

    def __init__(self, card: JpkiCardEmulator) -> None:
        self.card = card

    def transmit(self, apdu: bytes) -> bytes:
        response = self.card.transmit(apdu)
        if apdu[:2] == b"\x00\xb0" and apdu[2:4] == b"\x00\x00" and len(response) == 6:
            return b"\x30\x83\xff\xff" + response[-2:]
        return response


def test_hostile_certificate_length_is_refused(emulator: JpkiCardEmulator) -> None:
    with (
        pytest.raises(JpkiCardError) as caught,
        JpkiCardSigner.over(_HostileCertificate(emulator), "TARO1234"),
    ):
        pass
    assert caught.value.code == "sign.card.bad_certificate"


def test_card_info_over_emulator(emulator: JpkiCardEmulator, pki: TestPki) -> None:
    info = card_info_over(emulator)
    assert info.token_label == "JPKIAPICCTOKEN2" and info.token_known
    assert info.sign_tries_left == 5
    assert info.certificate is None  # the signing certificate needs the password
    assert info.ca_certificate is not None
    assert info.ca_certificate.serial == "67C6A21"
    assert info.auth_certificate is not None
    assert info.auth_certificate.policies == ("1.2.392.200149.8.5.1.3.30",)
    phone = card_info_over(JpkiCardEmulator.from_test_pki(pki, "taro_phone"))
    assert phone.auth_certificate is None and phone.token_label == "JPKIAPGPSETOKEN"
    full = card_info_over(emulator, password="TARO1234")
    assert full.certificate is not None and full.certificate.basic4 == pki.holder("taro").basic4
    assert full.to_dict()["certificate"]["basic4"]["birth_date_gregorian"] == "1950-04-01"


class _NotACertificate:
    """Answers EF 0001 with a well-formed DER SEQUENCE that is not a certificate."""

    def __init__(self, card: JpkiCardEmulator) -> None:
        self.card = card
        self.reading_cert = False

    def transmit(self, apdu: bytes) -> bytes:
        if apdu[:4] == b"\x00\xa4\x02\x0c":
            self.reading_cert = apdu[5:7] == b"\x00\x01"
        response = self.card.transmit(apdu)
        if self.reading_cert and apdu[:2] == b"\x00\xb0" and response[-2:] == b"\x90\x00":
            fake = b"\x30\x06\x02\x01\x01\x02\x01\x02"
            offset = (apdu[2] << 8) | apdu[3]
            return fake[offset : offset + apdu[4]] + b"\x90\x00"
        return response


def test_card_certificate_that_is_not_x509(emulator: JpkiCardEmulator) -> None:
    with pytest.raises(JpkiCardError) as caught, JpkiCardSigner.over(_NotACertificate(emulator), "TARO1234"):
        pass
    assert caught.value.code == "sign.card.bad_certificate"
