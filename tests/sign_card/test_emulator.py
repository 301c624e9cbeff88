"""The emulated JPKI AP answers like the card (jpki.md §1.3–1.4)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endingnote.sign.card import CardRemovedError, JpkiCardEmulator, sha256_digest_info
from endingnote.sign.card import _apdu as a
from endingnote.sign.testpki import TestPki

SELECT_AP = bytes.fromhex("00A4040C0AD392F000260100000001")


def sw(response: bytes) -> int:
    return int.from_bytes(response[-2:], "big")


def run(card: JpkiCardEmulator, *hex_apdus: str) -> list[bytes]:
    return [card.transmit(bytes.fromhex(h.replace(" ", ""))) for h in hex_apdus]


def test_select_ap_and_files(emulator: JpkiCardEmulator) -> None:
    assert emulator.transmit(SELECT_AP) == b"\x90\x00"
    assert sw(run(emulator, "00 A4 02 0C 02 00 06")[0]) == 0x9000
    label = emulator.transmit(bytes.fromhex("00B0000020"))
    assert label[:-2] == b"JPKIAPICCTOKEN2".ljust(32, b" ") and sw(label) == 0x9000
    assert emulator.atr == bytes.fromhex("3BE000FF8131FE4514")


def test_status_words_for_bad_commands(emulator: JpkiCardEmulator) -> None:
    assert sw(run(emulator, "00 A4 04 0C 03 A0 00 01")[0]) == 0x6A82  # unknown AID
    assert sw(run(emulator, "00 A4 02 0C 02 00 01")[0]) == 0x6A82  # EF before the AP
    emulator.transmit(SELECT_AP)
    assert sw(run(emulator, "00 A4 02 0C 02 12 34")[0]) == 0x6A82  # no such EF
    assert sw(run(emulator, "00 A4 02 0C 02 00 03")[0]) == 0x6A82
    assert sw(run(emulator, "00 A4 07 0C 02 00 06")[0]) == 0x6A86  # wrong P1
    assert sw(run(emulator, "00 A4 02 0C 03 00 06")[0]) == 0x6700  # Lc ≠ data
    assert sw(run(emulator, "00 A4 02 0C 01 00")[0]) == 0x6700  # EF id of 1 byte
    assert sw(run(emulator, "00 B0 00 00 10")[0]) == 0x6986  # READ with no current EF
    assert sw(run(emulator, "10 B0 00 00 10")[0]) == 0x6E00  # class
    assert sw(run(emulator, "00 84 00 00 08")[0]) == 0x6D00  # GET CHALLENGE is not there
    assert sw(run(emulator, "00 2A 9E 9A 03 01 02 03 00")[0]) == 0x6D00  # ISO PSO:CDS is not the JPKI command
    assert sw(run(emulator, "00 A4")[0]) == 0x6700  # truncated
    assert sw(run(emulator, "00 B0 00 00 00 01 02")[0]) == 0x6700  # extended length
    run(emulator, "00 A4 02 0C 02 00 1A")
    assert sw(run(emulator, "00 B0 00 00 10")[0]) == 0x6981  # a key is not readable


def test_read_binary_offsets_and_the_certificate_lock(emulator: JpkiCardEmulator, pki: TestPki) -> None:
    ca_der = pki.sign_cas["sign-ca-3"].cert_der
    run(emulator, "00A4040C0AD392F000260100000001", "00 A4 02 0C 02 00 02")
    head = emulator.transmit(a.read_binary(0, 4))
    assert head[:-2] == ca_der[:4]
    middle = emulator.transmit(a.read_binary(300, 0))  # Le 00 = 256
    assert middle[:-2] == ca_der[300:556]
    tail = emulator.transmit(a.read_binary(len(ca_der) - 10, 0xFF))
    assert tail[:-2] == ca_der[-10:] and sw(tail) == 0x9000
    assert sw(emulator.transmit(a.read_binary(len(ca_der), 1))) == 0x6B00
    assert sw(run(emulator, "00 B0 80 00 10")[0]) == 0x6A86  # short-EF addressing
    assert sw(run(emulator, "00 B0 00 00")[0]) == 0x6700  # no Le
    # the signing certificate needs the password
    run(emulator, "00 A4 02 0C 02 00 01")
    assert emulator.transmit(a.read_binary(0, 4)) == b"\x69\x82"


def _verify(card: JpkiCardEmulator, password: bytes | None) -> int:
    card.transmit(SELECT_AP)
    card.transmit(a.select_ef(a.EF_SIGN_PIN))
    return sw(card.transmit(a.verify(password)))


def test_verify_counter_and_lock(emulator: JpkiCardEmulator) -> None:
    assert _verify(emulator, None) == 0x63C5
    assert _verify(emulator, b"WRONG1") == 0x63C4
    assert _verify(emulator, b"WRONG2") == 0x63C3
    assert _verify(emulator, b"TARO1234") == 0x9000
    assert emulator.tries_left == 5  # a correct entry resets the counter
    emulator.transmit(a.verify(None))  # the query does not reveal "verified"
    assert sw(emulator.transmit(a.verify(None))) == 0x63C5
    assert _verify(emulator, b"taro1234") == 0x63C4  # bytes are compared: lower case is wrong
    for expected in (0x63C3, 0x63C2, 0x63C1, 0x63C0):
        assert _verify(emulator, b"BADBAD") == expected
    assert emulator.locked
    assert _verify(emulator, b"TARO1234") == 0x6983  # even the right password
    assert _verify(emulator, None) == 0x6983
    # locked survives a power cycle
    emulator.power_off()
    emulator.power_on()
    assert _verify(emulator, None) == 0x6983


def test_verify_needs_the_pin_ef(emulator: JpkiCardEmulator) -> None:
    emulator.transmit(SELECT_AP)
    assert sw(emulator.transmit(a.verify(b"TARO1234"))) == 0x6986
    emulator.transmit(a.select_ef(a.EF_SIGN_PIN))
    assert sw(run(emulator, "00 20 00 81")[0]) == 0x6A86
    assert emulator.tries_left == 5


def _signature(card: JpkiCardEmulator, data: bytes) -> bytes:
    card.transmit(a.select_ef(a.EF_SIGN_KEY))
    return card.transmit(a.compute_signature(data))


def test_compute_digital_signature(emulator: JpkiCardEmulator, pki: TestPki) -> None:
    di = sha256_digest_info(b"note")
    emulator.transmit(SELECT_AP)
    assert _signature(emulator, di) == b"\x69\x82"  # not verified
    assert _verify(emulator, b"TARO1234") == 0x9000
    emulator.transmit(a.select_ef(a.EF_SIGN_PIN))
    assert emulator.transmit(a.compute_signature(di)) == b"\x69\x85"  # key not selected
    response = _signature(emulator, di)
    assert sw(response) == 0x9000 and len(response) == 258
    public = pki.holder("taro").cert.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    assert public.recover_data_from_signature(response[:-2], padding.PKCS1v15(), None) == di
    # P1/P2 are fixed
    assert sw(emulator.transmit(bytes.fromhex("802A00813301") + di[1:] + b"\x00")) == 0x6A86
    # the card signs whatever fits (k-11 = 245 bytes) and refuses more
    assert sw(_signature(emulator, b"\x01" * 245)) == 0x9000
    assert _signature(emulator, b"\x01" * 246) == b"\x67\x00"
    # a SHA-1 DigestInfo "works" on the card — the host must not send one
    sha1_di = bytes.fromhex("3021300906052b0e03021a05000414") + hashlib.sha1(b"x").digest()  # noqa: S324
    assert sw(_signature(emulator, sha1_di)) == 0x9000


def test_security_state_is_lost_on_reset_and_df_selection(emulator: JpkiCardEmulator) -> None:
    for lose in (emulator.reset, emulator.power_off, lambda: emulator.transmit(SELECT_AP)):
        assert _verify(emulator, b"TARO1234") == 0x9000
        lose()
        emulator.transmit(SELECT_AP)
        emulator.transmit(a.select_ef(a.EF_SIGN_CERT))
        assert emulator.transmit(a.read_binary(0, 4)) == b"\x69\x82"
    # selecting another AP drops it too
    assert _verify(emulator, b"TARO1234") == 0x9000
    assert sw(emulator.transmit(a.select_df(a.KENMEN_HOJO_AID))) == 0x9000
    assert sw(emulator.transmit(a.select_ef(a.EF_SIGN_CERT))) == 0x6A82


def test_counter_persists_in_state_file(pki: TestPki, tmp_path: Path) -> None:
    holder = pki.holder("hanako")
    state = tmp_path / "card-state.json"

    def card() -> JpkiCardEmulator:
        return JpkiCardEmulator(
            certificate_der=holder.cert_der,
            key=holder.key,
            ca_certificate_der=pki.sign_cas["sign-ca-3"].cert_der,
            password="HANAKO1234",
            state_file=state,
        )

    first = card()
    assert _verify(first, b"NOPE12") == 0x63C4
    assert _verify(card(), None) == 0x63C4  # a new "session" sees the failure
    state.write_text('{"sign_tries_left": 99, "auth_tries_left": true}')
    assert _verify(card(), None) == 0x63C5  # out-of-range values are ignored
    state.write_text("{not json")
    assert _verify(card(), None) == 0x63C5  # a corrupt state file is ignored, not trusted


def test_removed_card_stops_answering(emulator: JpkiCardEmulator) -> None:
    emulator.remove_when(lambda apdu: apdu[:2] == b"\x80\x2a")
    assert _verify(emulator, b"TARO1234") == 0x9000
    emulator.transmit(a.select_ef(a.EF_SIGN_KEY))
    with pytest.raises(CardRemovedError):
        emulator.transmit(a.compute_signature(sha256_digest_info(b"x")))
    with pytest.raises(CardRemovedError):
        emulator.transmit(SELECT_AP)
    assert emulator.removed


def test_phone_token_label(pki: TestPki) -> None:
    card = JpkiCardEmulator.from_test_pki(pki, "taro_phone")
    card.transmit(SELECT_AP)
    card.transmit(a.select_ef(a.EF_TOKEN_INFO))
    assert card.transmit(a.read_binary(0, 32))[:15] == b"JPKIAPGPSETOKEN"


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.binary(min_size=0, max_size=40), max_size=6))
def test_random_apdus_never_crash_or_leak(emulator: JpkiCardEmulator, apdus: list[bytes]) -> None:
    """Whatever arrives: a response with a status word, never the certificate or a signature
    without VERIFY, and the counter only moves down."""
    emulator.reset()
    before = emulator.tries_left
    emulator.transmit(SELECT_AP)
    for apdu in apdus:
        response = emulator.transmit(apdu)
        assert len(response) >= 2
        if response[-2:] == b"\x90\x00" and len(response) > 2:
            assert len(response) - 2 <= 256
            # data only comes from the public files (token info, CA cert, availability)
            assert not (len(apdu) >= 2 and apdu[:2] == b"\x80\x2a")
        assert emulator.tries_left <= before


def test_user_authentication_side(emulator: JpkiCardEmulator, pki: TestPki) -> None:
    auth = pki.holder("taro").auth
    assert auth is not None
    emulator.transmit(SELECT_AP)
    emulator.transmit(a.select_ef(a.EF_AUTH_CERT))  # free on a card
    assert emulator.transmit(a.read_binary(0, 4))[:-2] == auth.cert_der[:4]
    emulator.transmit(a.select_ef(a.EF_AUTH_CA))
    assert sw(emulator.transmit(a.read_binary(0, 4))) == 0x9000
    emulator.transmit(a.select_ef(a.EF_AUTH_PIN))
    assert sw(emulator.transmit(a.verify(None))) == 0x63C3  # 3 tries
    assert sw(emulator.transmit(a.verify(b"0000"))) == 0x63C2
    assert emulator.tries_left == 5  # separate counters
    # the auth PIN does not unlock the signing key, and vice versa
    assert sw(emulator.transmit(a.verify(b"1234"))) == 0x9000
    assert _signature(emulator, sha256_digest_info(b"x")) == b"\x69\x82"
    emulator.transmit(a.select_ef(a.EF_AUTH_KEY))
    response = emulator.transmit(a.compute_signature(sha256_digest_info(b"x")))
    public = auth.cert.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    assert public.recover_data_from_signature(response[:-2], padding.PKCS1v15(), None) == sha256_digest_info(
        b"x"
    )
    for expected in (0x63C2, 0x63C1, 0x63C0):
        emulator.transmit(a.select_ef(a.EF_AUTH_PIN))
        assert sw(emulator.transmit(a.verify(b"9999"))) == expected
    assert sw(emulator.transmit(a.verify(b"1234"))) == 0x6983
    assert emulator.auth_tries_left == 0 and not emulator.locked


def test_android_token_protects_the_auth_certificate(pki: TestPki) -> None:
    card = JpkiCardEmulator.from_test_pki(pki, "taro_phone")
    card.transmit(SELECT_AP)
    card.transmit(a.select_ef(a.EF_AUTH_CERT))
    assert card.transmit(a.read_binary(0, 4)) == b"\x69\x82"
    card.transmit(a.select_ef(a.EF_AUTH_PIN))
    assert sw(card.transmit(a.verify(b"1234"))) == 0x9000
    card.transmit(a.select_ef(a.EF_AUTH_CERT))
    assert sw(card.transmit(a.read_binary(0, 4))) == 0x9000
