"""The virtual-ICC side of vsmartcard's vpcd protocol: puts an emulated card into a real pcscd.

vpcd (a pcscd reader driver) listens on a TCP port (35963 by default, from the reader config's
``DEVICENAME /dev/null:0x8C7B``); the virtual card connects as a client. Every message both ways
is ``uint16 big-endian length ‖ payload``. One-byte payloads from vpcd are control bytes:
``00`` power off, ``01`` power on, ``02`` reset, ``04`` get ATR (the only one answered, with the
ATR). Longer payloads are command APDUs, each answered with one response APDU.

Closing the socket is how a card is removed from the virtual reader.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Protocol

DEFAULT_PORT = 0x8C7B  # 35963
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0x00, 0x01, 0x02, 0x04


class VirtualCard(Protocol):
    atr: bytes

    def transmit(self, apdu: bytes) -> bytes: ...

    def power_on(self) -> None: ...

    def power_off(self) -> None: ...

    def reset(self) -> None: ...


class _Closed(Exception):
    pass


def _quickack(sock: socket.socket) -> None:
    # Linux re-enables delayed ACKs after each receive; re-arming QUICKACK keeps an APDU round
    # trip well under a millisecond instead of ~40 ms.
    if hasattr(socket, "TCP_QUICKACK"):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


def _recv_exact(sock: socket.socket, n: int, stop: threading.Event, quick: bool) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        if stop.is_set():
            raise _Closed
        try:
            chunk = sock.recv(n - len(buf))
        except TimeoutError:
            continue
        if not chunk:
            raise _Closed
        buf += chunk
        if quick:
            _quickack(sock)
    return bytes(buf)


def _send(sock: socket.socket, payload: bytes, quick: bool) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)
    if quick:
        _quickack(sock)


class VpcdClient:
    """Runs a virtual card against vpcd until :meth:`stop` (in a thread or in the foreground).

    ``connected`` is set while vpcd holds the card. If vpcd goes away (pcscd restarted) the client
    reconnects, as a card left in a reader would be seen again. ``on_change(connected)`` is called
    from the client's own thread at each connection and disconnection, before anything else
    happens on it (so whoever announces "connected" does so before the first APDU).
    """

    def __init__(
        self,
        card: VirtualCard,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        *,
        low_latency: bool = True,
        on_change: Callable[[bool], None] | None = None,
    ) -> None:
        self.card = card
        self.on_change = on_change
        self.low_latency = low_latency
        self.host = host
        self.port = port
        self.connected = threading.Event()
        self.apdus = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.error: BaseException | None = None

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def start(self) -> VpcdClient:
        self._thread = threading.Thread(target=self.run, name="vpcd-card", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Remove the card: close the connection and end :meth:`run`."""
        self._stop.set()
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def run(self) -> None:
        """Connect (retrying while vpcd is not listening yet) and serve until stopped."""
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
            except OSError:
                self._stop.wait(0.05)
                continue
            sock.settimeout(0.2)
            if self.low_latency:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sock = sock
            self.connected.set()
            if self.on_change is not None:
                self.on_change(True)
            try:
                self._serve(sock)
            except _Closed:
                pass
            except OSError as exc:  # the peer vanished mid-message
                self.error = exc
            except Exception as exc:  # a bug in the card: report it, remove the card
                self.error = exc
                self._stop.set()
            finally:
                self.connected.clear()
                self._sock = None
                with contextlib.suppress(OSError):
                    sock.close()
                if self.on_change is not None:
                    self.on_change(False)
            if not self._stop.is_set():
                time.sleep(0.05)

    def _serve(self, sock: socket.socket) -> None:
        from endingnote.sign.card._emulator import CardRemovedError

        while True:
            (length,) = struct.unpack(">H", _recv_exact(sock, 2, self._stop, self.low_latency))
            payload = _recv_exact(sock, length, self._stop, self.low_latency) if length else b""
            if len(payload) == 1:
                ctrl = payload[0]
                if ctrl == CTRL_ATR:
                    _send(sock, self.card.atr, self.low_latency)
                elif ctrl == CTRL_ON:
                    self.card.power_on()
                elif ctrl == CTRL_OFF:
                    self.card.power_off()
                elif ctrl == CTRL_RESET:
                    self.card.reset()
                continue
            try:
                response = self.card.transmit(payload)
            except CardRemovedError:
                self._stop.set()  # the card left the reader: drop the connection for good
                raise _Closed from None
            self.apdus += 1
            _send(sock, response, self.low_latency)
