"""PC/SC access through pyscard's low-level ``smartcard.scard`` API.

Low-level so every failure has its precise PC/SC code: no service, no reader, no card, card
removed, sharing violation. APDUs are never logged (VERIFY carries the password).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from endingnote.sign.card._errors import JpkiCardError

# PC/SC return codes (winscard / pcsclite.h).
SCARD_S_SUCCESS = 0
SCARD_E_SHARING_VIOLATION = 0x8010000B
SCARD_E_NO_SMARTCARD = 0x8010000C
SCARD_E_READER_UNAVAILABLE = 0x80100017
SCARD_E_NO_SERVICE = 0x8010001D
SCARD_E_SERVICE_STOPPED = 0x8010001E
SCARD_E_NO_READERS_AVAILABLE = 0x8010002E
SCARD_W_UNRESPONSIVE_CARD = 0x80100066
SCARD_W_UNPOWERED_CARD = 0x80100067
SCARD_W_RESET_CARD = 0x80100068
SCARD_W_REMOVED_CARD = 0x80100069
_GONE = {
    SCARD_W_REMOVED_CARD,
    SCARD_W_RESET_CARD,
    SCARD_E_NO_SMARTCARD,
    SCARD_E_READER_UNAVAILABLE,
    SCARD_W_UNRESPONSIVE_CARD,
    SCARD_W_UNPOWERED_CARD,
    SCARD_E_NO_SERVICE,
    SCARD_E_SERVICE_STOPPED,
}


class Transport(Protocol):
    """Anything that exchanges APDUs with a card: ``transmit(command) -> response (data + SW)``.

    It raises :class:`ConnectionError` when the card went away. Implemented by
    :class:`PcscTransport` and by :class:`~endingnote.sign.card.JpkiCardEmulator` itself.
    """

    def transmit(self, apdu: bytes) -> bytes: ...


def _scard() -> Any:
    try:
        from smartcard import scard
    except ImportError as exc:  # the optional 'card' extra
        raise JpkiCardError("sign.card.no_service") from exc
    return scard


def _rc(value: int) -> int:
    return value & 0xFFFFFFFF


@dataclass
class PcscTransport:
    """One connected card handle. ``transmit`` maps a lost card to :class:`ConnectionError`."""

    hcard: Any
    protocol: int
    reader: str

    def transmit(self, apdu: bytes) -> bytes:
        scard = _scard()
        hresult, response = scard.SCardTransmit(self.hcard, self.protocol, list(apdu))
        if _rc(hresult) != SCARD_S_SUCCESS:
            if _rc(hresult) in _GONE:
                raise ConnectionError(f"card gone (0x{_rc(hresult):08X})")
            raise ConnectionError(f"SCardTransmit failed (0x{_rc(hresult):08X})")
        if len(response) < 2:  # no status word: vpcd/the reader lost the card mid-command
            raise ConnectionError("no response from the card")
        return bytes(response)


@contextlib.contextmanager
def _context() -> Iterator[Any]:
    scard = _scard()
    hresult, hcontext = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if _rc(hresult) != SCARD_S_SUCCESS:
        raise JpkiCardError("sign.card.no_service")
    try:
        yield hcontext
    finally:
        scard.SCardReleaseContext(hcontext)


def list_readers() -> list[str]:
    """Reader names; :class:`JpkiCardError` ``sign.card.no_service`` when pcscd is unreachable."""
    scard = _scard()
    with _context() as hcontext:
        hresult, readers = scard.SCardListReaders(hcontext, [])
        if _rc(hresult) == SCARD_E_NO_READERS_AVAILABLE:
            return []
        if _rc(hresult) != SCARD_S_SUCCESS:
            raise JpkiCardError("sign.card.no_service")
        return list(readers)


def pick_reader(readers: list[str], wanted: str | None) -> str:
    if not readers:
        raise JpkiCardError("sign.card.no_reader")
    if wanted is None:
        return readers[0]
    exact = [r for r in readers if r == wanted]
    partial = [r for r in readers if wanted.lower() in r.lower()]
    if exact or len(partial) == 1:
        return (exact or partial)[0]
    raise JpkiCardError("sign.card.reader_unknown", reader=wanted, available=", ".join(readers))


@contextlib.contextmanager
def connect(reader: str, *, exclusive: bool, reset_after: bool) -> Iterator[PcscTransport]:
    """Connect to the card in ``reader``; with ``exclusive`` also hold a PC/SC transaction.

    ``reset_after`` resets the card on disconnect so no other program inherits a VERIFY state.
    """
    scard = _scard()
    share = scard.SCARD_SHARE_EXCLUSIVE if exclusive else scard.SCARD_SHARE_SHARED
    with _context() as hcontext:
        hresult, hcard, protocol = scard.SCardConnect(
            hcontext, reader, share, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        code = _rc(hresult)
        if code == SCARD_E_SHARING_VIOLATION:
            raise JpkiCardError("sign.card.busy")
        if code in (
            SCARD_E_NO_SMARTCARD,
            SCARD_W_REMOVED_CARD,
            SCARD_W_UNPOWERED_CARD,
            SCARD_W_UNRESPONSIVE_CARD,
        ):
            raise JpkiCardError("sign.card.no_card", reader=reader)
        if code == SCARD_E_READER_UNAVAILABLE:
            raise JpkiCardError("sign.card.reader_unknown", reader=reader, available="?")
        if code != SCARD_S_SUCCESS:
            raise JpkiCardError("sign.card.no_card", reader=reader)
        in_transaction = False
        try:
            if exclusive:
                hresult = scard.SCardBeginTransaction(hcard)
                if _rc(hresult) != SCARD_S_SUCCESS:
                    raise JpkiCardError("sign.card.busy")
                in_transaction = True
            yield PcscTransport(hcard, protocol, reader)
        finally:
            disposition = scard.SCARD_RESET_CARD if reset_after else scard.SCARD_LEAVE_CARD
            if in_transaction:
                scard.SCardEndTransaction(hcard, disposition)
            scard.SCardDisconnect(hcard, disposition)


def _reader_state(reader: str) -> int:
    scard = _scard()
    with _context() as hcontext:
        hresult, states = scard.SCardGetStatusChange(hcontext, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        if _rc(hresult) != SCARD_S_SUCCESS or not states:
            return 0
        return int(states[0][1])


def card_present(reader: str) -> bool:
    """Whether a card sits in ``reader`` (by its status, without talking to it)."""
    return bool(_reader_state(reader) & _scard().SCARD_STATE_PRESENT)


def reader_events(reader: str) -> int:
    """pcsc-lite's per-reader event counter (upper 16 bits of the state): moves on insert/remove."""
    return _reader_state(reader) >> 16
