"""A faithful emulation of the JPKI AP (公的個人認証AP) of a My Number Card, for tests and demos.

It answers the APDUs of ``shared/domain/jpki.md`` §1 with the real status words: SELECT by AID and
by EF id, READ BINARY with offsets, VERIFY with the 署名用パスワード and its retry counter (5 tries;
``63 Cx``; ``63 C0`` on the failure that locks, ``69 83`` afterwards), VERIFY without data answering
the tries left (also when already verified), the token label in EF ``0006`` and
``COMPUTE DIGITAL SIGNATURE`` (``80 2A 00 80``): PKCS#1 v1.5 type-1 padding of whatever DigestInfo
it receives (≤ k−11 bytes), then raw RSA — the card checks nothing about the DigestInfo.

The signing certificate (EF ``0001``) and the signing key need a prior VERIFY of the signing
password (``69 82`` otherwise). The user-authentication side works the same way with its 4-digit
PIN (EF ``0018``, 3 tries) and key (EF ``0017``); its certificate (EF ``000A``) is free on a card and
needs the PIN on an Android token (``JPKIAPGPSETOKEN``). The security state is lost on reset,
power-off and on any DF selection. The failure counters survive power cycles; with ``state_file``
they also survive the process (like the chip's EEPROM).
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from endingnote.sign.card import _apdu as a
from endingnote.sign.card._rsa import raw_rsa_sign

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    from endingnote.sign.testpki import TestPki

SIGN_PIN_TRIES = 5
AUTH_PIN_TRIES = 3


class CardRemovedError(ConnectionError):
    """Raised by the emulator's ``transmit`` once the card has been (virtually) pulled out."""


class _Pin:
    def __init__(self, secret: str, max_tries: int) -> None:
        self.secret = secret.encode("ascii")
        self.max_tries = max_tries
        self.tries = max_tries


class JpkiCardEmulator:
    """An in-process JPKI card: ``transmit(command_apdu) -> response_apdu`` (data + SW1 SW2)."""

    def __init__(
        self,
        *,
        certificate_der: bytes,
        key: RSAPrivateKey,
        ca_certificate_der: bytes,
        password: str,
        token_label: str = "JPKIAPICCTOKEN2",  # noqa: S107 (a token label, not a secret)
        state_file: str | Path | None = None,
        auth_certificate_der: bytes | None = None,
        auth_key: RSAPrivateKey | None = None,
        auth_ca_certificate_der: bytes | None = None,
        auth_pin: str = "1234",
    ) -> None:
        self._files: dict[int, bytes] = {
            a.EF_SIGN_CERT: certificate_der,
            a.EF_SIGN_CA: ca_certificate_der,
            a.EF_TOKEN_INFO: token_label.encode("ascii").ljust(32, b" ")[:32],
            a.EF_CERT_AVAILABILITY: bytes.fromhex("8F8F00"),
        }
        self._pins = {
            a.EF_SIGN_PIN: _Pin(password, SIGN_PIN_TRIES),
            a.EF_AUTH_PIN: _Pin(auth_pin, AUTH_PIN_TRIES),
        }
        self._keys: dict[int, tuple[RSAPrivateKey, int]] = {a.EF_SIGN_KEY: (key, a.EF_SIGN_PIN)}
        # files readable only after a VERIFY of the given PIN
        self._protected = {a.EF_SIGN_CERT: a.EF_SIGN_PIN}
        if auth_certificate_der is not None and auth_key is not None:
            self._files[a.EF_AUTH_CERT] = auth_certificate_der
            self._keys[a.EF_AUTH_KEY] = (auth_key, a.EF_AUTH_PIN)
            if token_label == "JPKIAPGPSETOKEN":  # noqa: S105 (the Android token label)
                self._protected[a.EF_AUTH_CERT] = a.EF_AUTH_PIN
        if auth_ca_certificate_der is not None:
            self._files[a.EF_AUTH_CA] = auth_ca_certificate_der
        self._state_file = Path(state_file) if state_file else None
        self._load_state()
        self._lock = threading.Lock()
        self._powered = False
        self._removed = False
        self._remove_on: Callable[[bytes], bool] | None = None
        self.atr = a.ATR
        self._df: bytes | None = None
        self._ef: int | None = None
        self._verified: set[int] = set()
        self.power_on()

    @classmethod
    def from_test_pki(
        cls, pki: TestPki | str | Path, holder_id: str, *, password: str | None = None, persist: bool = False
    ) -> JpkiCardEmulator:
        """The card of ``holder_id`` in a test PKI (its password unless ``password`` is given).

        With ``persist`` the retry counters are kept in ``holders/ID/card-state.json``.
        """
        from cryptography.hazmat.primitives.serialization import Encoding

        from endingnote.sign.testpki import TestPki, load_test_pki

        loaded = pki if isinstance(pki, TestPki) else load_test_pki(pki)
        holder = loaded.holder(holder_id)
        auth = holder.auth
        return cls(
            certificate_der=holder.cert_der,
            key=holder.key,
            ca_certificate_der=holder.chain[0].public_bytes(Encoding.DER),
            password=password if password is not None else (holder.password or ""),
            token_label=holder.token_label,
            state_file=holder.cert_path.parent / "card-state.json" if persist else None,
            auth_certificate_der=auth.cert_der if auth else None,
            auth_key=auth.key if auth else None,
            auth_ca_certificate_der=auth.chain[0].public_bytes(Encoding.DER) if auth else None,
            auth_pin=(auth.password or "1234") if auth else "1234",
        )

    # --- state ------------------------------------------------------------------------------------
    @property
    def tries_left(self) -> int:
        """Tries left for the signing password (0 = locked)."""
        return self._pins[a.EF_SIGN_PIN].tries

    @property
    def auth_tries_left(self) -> int:
        return self._pins[a.EF_AUTH_PIN].tries

    @property
    def locked(self) -> bool:
        return self.tries_left == 0

    _STATE_KEYS = ((a.EF_SIGN_PIN, "sign_tries_left"), (a.EF_AUTH_PIN, "auth_tries_left"))

    def _load_state(self) -> None:
        if not (self._state_file and self._state_file.exists()):
            return
        try:
            state = json.loads(self._state_file.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(state, dict):
            return
        for fid, name in self._STATE_KEYS:
            tries = state.get(name)
            pin = self._pins[fid]
            if isinstance(tries, int) and not isinstance(tries, bool) and 0 <= tries <= pin.max_tries:
                pin.tries = tries

    def _save_state(self) -> None:
        if self._state_file:
            from endingnote._atomic import write_text

            state = {name: self._pins[fid].tries for fid, name in self._STATE_KEYS}
            write_text(self._state_file, json.dumps(state) + "\n")

    def _reset_state(self) -> None:
        self._df = None
        self._ef = None
        self._verified = set()

    def power_on(self) -> None:
        self._powered = True
        self._reset_state()

    def power_off(self) -> None:
        self._powered = False
        self._reset_state()

    def reset(self) -> None:
        self._reset_state()

    def remove_when(self, predicate: Callable[[bytes], bool] | None) -> None:
        """Test hook: pull the card out when a command APDU matching ``predicate`` arrives."""
        self._remove_on = predicate

    @property
    def removed(self) -> bool:
        return self._removed

    # --- APDUs --------------------------------------------------------------------------------------
    def transmit(self, apdu: bytes) -> bytes:
        with self._lock:
            if self._removed:
                raise CardRemovedError("card removed")
            if self._remove_on is not None and self._remove_on(bytes(apdu)):
                self._removed = True
                self._reset_state()
                raise CardRemovedError("card removed")
            if not self._powered:
                self.power_on()
            data, sw = self._dispatch(bytes(apdu))
            return data + sw.to_bytes(2, "big")

    def _dispatch(self, apdu: bytes) -> tuple[bytes, int]:
        cmd = a.parse_command(apdu)
        if cmd is None:
            return b"", a.SW_WRONG_LENGTH
        if cmd.cla == 0x00:
            handler = {0xA4: self._select, 0xB0: self._read_binary, 0x20: self._verify}.get(cmd.ins)
        elif cmd.cla == 0x80:
            handler = {0x2A: self._sign}.get(cmd.ins)
        else:
            return b"", a.SW_CLA_NOT_SUPPORTED
        if handler is None:
            return b"", a.SW_INS_NOT_SUPPORTED
        return handler(cmd)

    def _select(self, cmd: a.Command) -> tuple[bytes, int]:
        if cmd.p2 not in (0x0C, 0x00):
            return b"", a.SW_WRONG_P1P2
        if cmd.p1 == 0x04:  # by DF name (AID)
            if cmd.data not in (a.JPKI_AID, a.KENMEN_HOJO_AID, a.KENMEN_AID):
                return b"", a.SW_FILE_NOT_FOUND
            self._reset_state()
            self._df = cmd.data
            return b"", a.SW_OK
        if cmd.p1 == 0x02:  # EF under the current DF
            if len(cmd.data) != 2:
                return b"", a.SW_WRONG_LENGTH
            fid = int.from_bytes(cmd.data, "big")
            if self._df != a.JPKI_AID or fid not in (*self._files, *self._keys, *self._pins):
                return b"", a.SW_FILE_NOT_FOUND
            self._ef = fid
            return b"", a.SW_OK
        return b"", a.SW_WRONG_P1P2

    def _read_binary(self, cmd: a.Command) -> tuple[bytes, int]:
        if cmd.p1 & 0x80:  # short-EF addressing is not used by the JPKI AP
            return b"", a.SW_WRONG_P1P2
        if cmd.le is None or cmd.data:
            return b"", a.SW_WRONG_LENGTH
        if self._ef is None:
            return b"", a.SW_NO_CURRENT_EF
        if self._ef not in self._files:
            return b"", a.SW_INCOMPATIBLE_FILE  # a key or PIN object is not readable
        needs = self._protected.get(self._ef)
        if needs is not None and needs not in self._verified:
            return b"", a.SW_SECURITY_NOT_SATISFIED
        content = self._files[self._ef]
        offset = (cmd.p1 << 8) | cmd.p2
        if offset >= len(content):
            return b"", a.SW_WRONG_OFFSET
        return content[offset : offset + cmd.le], a.SW_OK

    def _verify(self, cmd: a.Command) -> tuple[bytes, int]:
        if cmd.p1 != 0x00 or cmd.p2 != 0x80:
            return b"", a.SW_WRONG_P1P2
        pin = self._pins.get(self._ef) if self._ef is not None else None
        if pin is None or self._ef is None:
            return b"", a.SW_NO_CURRENT_EF
        if pin.tries == 0:
            return b"", a.SW_AUTH_METHOD_BLOCKED
        if not cmd.data:  # query: the real card answers 63 Cx even when already verified
            return b"", a.sw_tries(pin.tries)
        if hmac.compare_digest(cmd.data, pin.secret):
            self._verified.add(self._ef)
            if pin.tries != pin.max_tries:
                pin.tries = pin.max_tries
                self._save_state()
            return b"", a.SW_OK
        self._verified.discard(self._ef)
        pin.tries -= 1
        self._save_state()
        return b"", a.sw_tries(pin.tries)

    def _sign(self, cmd: a.Command) -> tuple[bytes, int]:
        if cmd.p1 != 0x00 or cmd.p2 != 0x80:
            return b"", a.SW_WRONG_P1P2
        entry = self._keys.get(self._ef) if self._ef is not None else None
        if entry is None:
            return b"", a.SW_CONDITIONS_NOT_SATISFIED
        key, pin_ef = entry
        if pin_ef not in self._verified:
            return b"", a.SW_SECURITY_NOT_SATISFIED
        k = (key.key_size + 7) // 8
        if not cmd.data or len(cmd.data) > k - 11:
            return b"", a.SW_WRONG_LENGTH
        return raw_rsa_sign(key, cmd.data), a.SW_OK
