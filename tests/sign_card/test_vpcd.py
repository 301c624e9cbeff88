"""The vpcd wire protocol, against a socket standing in for vpcd (framing, control bytes, reconnects)."""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterator

import pytest

from endingnote.sign.card import JpkiCardEmulator, VpcdClient
from endingnote.sign.card import _apdu as a


def _frame(payload: bytes) -> bytes:
    return struct.pack(">H", len(payload)) + payload


def _read(conn: socket.socket) -> bytes:
    head = conn.recv(2, socket.MSG_WAITALL)
    (length,) = struct.unpack(">H", head)
    return conn.recv(length, socket.MSG_WAITALL) if length else b""


@pytest.fixture
def fake_vpcd() -> Iterator[socket.socket]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(10)
    yield server
    server.close()


def test_protocol(fake_vpcd: socket.socket, emulator: JpkiCardEmulator) -> None:
    client = VpcdClient(emulator, port=fake_vpcd.getsockname()[1]).start()
    try:
        conn, _ = fake_vpcd.accept()
        conn.settimeout(10)
        with conn:
            conn.sendall(_frame(b"\x04"))  # get ATR: the only answered control byte
            assert _read(conn) == a.ATR
            conn.sendall(_frame(b"\x01") + _frame(b"\x02"))  # power on, reset: no answer
            conn.sendall(_frame(a.select_df(a.JPKI_AID)))
            assert _read(conn) == b"\x90\x00"
            conn.sendall(_frame(a.select_ef(a.EF_SIGN_PIN)) + _frame(a.verify(b"TARO1234")))
            assert _read(conn) == b"\x90\x00"
            assert _read(conn) == b"\x90\x00"
            conn.sendall(_frame(b"\x00"))  # power off drops the security state
            conn.sendall(_frame(a.select_df(a.JPKI_AID)) + _frame(a.select_ef(a.EF_SIGN_CERT)))
            conn.sendall(_frame(a.read_binary(0, 4)))
            assert [_read(conn) for _ in range(3)] == [b"\x90\x00", b"\x90\x00", b"\x69\x82"]
            assert client.apdus == 6
        # vpcd went away (pcscd restarted): the card comes back to the next vpcd
        again, _ = fake_vpcd.accept()
        with again:
            again.settimeout(10)
            again.sendall(_frame(b"\x04"))
            assert _read(again) == a.ATR
    finally:
        client.stop()
    assert client.stopped and not client.connected.is_set()


def test_removed_card_closes_the_connection(fake_vpcd: socket.socket, emulator: JpkiCardEmulator) -> None:
    emulator.remove_when(lambda apdu: apdu[:2] == b"\x80\x2a")
    client = VpcdClient(emulator, port=fake_vpcd.getsockname()[1]).start()
    try:
        conn, _ = fake_vpcd.accept()
        with conn:
            conn.settimeout(10)
            conn.sendall(_frame(a.compute_signature(b"\x01" * 51)))
            assert conn.recv(2) == b""  # EOF: the card left the reader
        client.stop()
        assert client.stopped
    finally:
        client.stop()


def test_stop_before_vpcd_exists(emulator: JpkiCardEmulator) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = VpcdClient(emulator, port=port).start()  # nobody listens: it keeps retrying
    assert not client.connected.wait(0.3)
    client.stop()
    assert client.stopped
