"""JPKI AP operations over any :class:`Transport`: the same code path for pcscd and the emulator."""

from __future__ import annotations

import re

from endingnote.sign.card import _apdu as a
from endingnote.sign.card._errors import JpkiCardError
from endingnote.sign.card._pcsc import Transport

MAX_FILE = 8192  # a certificate larger than this is not a JPKI certificate: refuse it
READ_CHUNK = 0xFF
_PASSWORD = re.compile(rb"[A-Z0-9]{6,16}")
MIN_TRIES_TO_TRY = 3


def normalise_password(password: str | bytes | bytearray) -> bytearray:
    """Upper-case ASCII bytes of the 署名用パスワード, checked *before* anything reaches the card
    (a malformed password would cost a try). The caller wipes the result after use."""
    raw = bytearray(password.encode("ascii", "replace") if isinstance(password, str) else password)
    for i, byte in enumerate(raw):
        if 0x61 <= byte <= 0x7A:
            raw[i] = byte - 0x20
    if not _PASSWORD.fullmatch(raw):
        wipe(raw)
        raise JpkiCardError("sign.card.password_format")
    return raw


def wipe(buffer: bytearray) -> None:
    buffer[:] = b"\x00" * len(buffer)


class JpkiCard:
    """Stateless-on-the-host wrapper: each call sends its own SELECTs."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def _send(self, apdu: bytes | bytearray, step: str) -> tuple[bytes, int]:
        try:
            response = self._t.transmit(bytes(apdu))
        except ConnectionError as exc:
            raise JpkiCardError("sign.card.removed") from exc
        return a.split_response(response)

    def _ok(self, apdu: bytes, step: str) -> bytes:
        data, sw = self._send(apdu, step)
        if sw != a.SW_OK:
            raise JpkiCardError("sign.card.status", sw, step=step)
        return data

    def select_ap(self) -> None:
        _, sw = self._send(a.select_df(a.JPKI_AID), "SELECT JPKI AP")
        if sw != a.SW_OK:
            raise JpkiCardError("sign.card.not_jpki", sw)

    def token_label(self) -> str:
        self._ok(a.select_ef(a.EF_TOKEN_INFO), "SELECT EF 0006")
        data = self._ok(a.read_binary(0, 0x20), "READ BINARY 0006")
        return data.rstrip(b" \x00").decode("ascii", "replace")

    def sign_tries_left(self) -> int:
        """Tries left for the 署名用パスワード (0 = locked), via VERIFY without data."""
        self._ok(a.select_ef(a.EF_SIGN_PIN), "SELECT EF 001B")
        _, sw = self._send(a.verify(), "VERIFY (query)")
        if sw == a.SW_AUTH_METHOD_BLOCKED:
            return 0
        if sw & 0xFFF0 == 0x63C0:
            return sw & 0x0F
        raise JpkiCardError("sign.card.status", sw, step="VERIFY (query)")

    def verify_sign_password(self, password: bytearray, *, min_tries: int = MIN_TRIES_TO_TRY) -> None:
        """Check the tries left, refuse below ``min_tries``, then VERIFY. Wipes ``password``."""
        apdu = bytearray()
        try:
            tries = self.sign_tries_left()
            if tries == 0:
                raise JpkiCardError("sign.card.locked")
            if tries < min_tries:
                raise JpkiCardError("sign.card.tries_low", tries=tries)
            apdu = bytearray(b"\x00\x20\x00\x80") + bytes([len(password)]) + password
            _, sw = self._send(apdu, "VERIFY")
        finally:
            wipe(apdu)
            wipe(password)
        if sw == a.SW_OK:
            return
        if sw == a.SW_AUTH_METHOD_BLOCKED or sw == 0x63C0:
            raise JpkiCardError("sign.card.locked", sw)
        if sw & 0xFFF0 == 0x63C0:
            raise JpkiCardError("sign.card.wrong_password", sw, tries=sw & 0x0F)
        raise JpkiCardError("sign.card.status", sw, step="VERIFY")

    def read_file(self, fid: int) -> bytes:
        """Read a DER object from EF ``fid``, sized by its own DER header (not "until error")."""
        step = f"READ BINARY {fid:04X}"
        self._ok(a.select_ef(fid), f"SELECT EF {fid:04X}")
        head, sw = self._send(a.read_binary(0, 4), step)
        if sw != a.SW_OK:
            raise JpkiCardError("sign.card.status", sw, step=step)
        total = _der_total(head)
        if total is None or total > MAX_FILE:
            raise JpkiCardError("sign.card.bad_certificate", detail=f"EF {fid:04X}: not a DER object")
        out = bytearray(head[:total])
        while len(out) < total:
            chunk, sw = self._send(a.read_binary(len(out), min(READ_CHUNK, total - len(out))), step)
            if sw != a.SW_OK or not chunk:
                raise JpkiCardError("sign.card.status", sw, step=step)
            out += chunk
        return bytes(out[:total])

    def sign(self, digest_info: bytes) -> bytes:
        self._ok(a.select_ef(a.EF_SIGN_KEY), "SELECT EF 001A")
        data, sw = self._send(a.compute_signature(digest_info), "COMPUTE DIGITAL SIGNATURE")
        if sw == a.SW_SECURITY_NOT_SATISFIED:
            raise JpkiCardError("sign.card.status", sw, step="COMPUTE DIGITAL SIGNATURE (not verified)")
        if sw != a.SW_OK:
            raise JpkiCardError("sign.card.status", sw, step="COMPUTE DIGITAL SIGNATURE")
        return data


def _der_total(head: bytes) -> int | None:
    if len(head) < 2 or head[0] != 0x30:
        return None
    first = head[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 2 or len(head) < 2 + count:
        return None
    return 2 + count + int.from_bytes(head[2 : 2 + count], "big")
