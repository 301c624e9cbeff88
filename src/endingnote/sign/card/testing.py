"""The real PC/SC stack for tests: ``pcscd`` in the foreground + vpcd + the JPKI card emulator.

::

    from endingnote.sign.card.testing import running_pcscd_with_card

    with running_pcscd_with_card(pki_dir, "taro") as env:
        with JpkiCardSigner.open("TARO1234", reader=env.reader) as signer:
            ...

``running_pcscd()`` starts ``/usr/sbin/pcscd -f -c DIR`` with its own reader configuration (vpcd on
a free port, so the host's ``/etc/reader.conf.d/vpcd`` port 35963 is not needed), waits for its
socket and reader, and stops it by its PID (SIGTERM, then SIGKILL) in the same process that
started it. pcsc-lite 1.9.9 has one fixed socket (``/run/pcscd/pcscd.comm``), so only one pcscd can
run: a file lock (``$TMPDIR/endingnote-pcscd.lock``) serialises every user on the machine (pytest
workers, other test suites). If a pcscd not started by us is already running, it is used as is,
with the vpcd port from ``/etc/reader.conf.d/vpcd``.

Needs root (pcscd creates ``/run/pcscd``), the ``pcscd`` and ``vsmartcard-vpcd`` packages and
pyscard. :func:`pcsc_available` says whether all of that is present.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from endingnote.sign.card._emulator import JpkiCardEmulator
from endingnote.sign.card._vpcd import DEFAULT_PORT, VirtualCard, VpcdClient

PCSCD = "/usr/sbin/pcscd"
SOCKET = Path("/run/pcscd/pcscd.comm")
PIDFILE = Path("/run/pcscd/pcscd.pid")
SYSTEM_VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
VPCD_LIB = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
LOCK_FILE = Path(tempfile.gettempdir()) / "endingnote-pcscd.lock"


def pcsc_available() -> str | None:
    """``None`` when the real stack can run here, else the reason it cannot."""
    if not Path(PCSCD).exists():
        return "pcscd is not installed (apt-get install pcscd)"
    if not _vpcd_lib().exists():
        return "vsmartcard-vpcd is not installed (apt-get install vsmartcard-vpcd)"
    try:
        import smartcard  # noqa: F401
    except ImportError:
        return "pyscard is not installed (pip install 'endingnote[card]')"
    if os.geteuid() != 0 and not _external_pcscd():
        return "starting pcscd needs root"
    return None


def _vpcd_lib() -> Path:
    if SYSTEM_VPCD_CONF.exists():
        match = re.search(r"^LIBPATH\s+(\S+)", SYSTEM_VPCD_CONF.read_text(), re.M)
        if match:
            return Path(match.group(1))
    return VPCD_LIB


def _system_vpcd_port() -> int:
    if SYSTEM_VPCD_CONF.exists():
        match = re.search(r"^DEVICENAME\s+\S*:(0x[0-9A-Fa-f]+|\d+)", SYSTEM_VPCD_CONF.read_text(), re.M)
        if match:
            return int(match.group(1), 0)
    return DEFAULT_PORT


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _external_pcscd() -> int | None:
    """The PID of a running pcscd that we did not start (from its pid file), if any.

    A live socket without a pid file also counts (PID unknown: -1), so its socket is never removed.
    """
    try:
        pid = int(PIDFILE.read_bytes().rstrip(b"\x00\n ").decode() or "0")
    except (OSError, ValueError):
        pid = 0
    if pid > 0 and _alive(pid):
        return pid
    if SOCKET.exists():
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(SOCKET))
            except OSError:
                return None
            return -1
    return None


def _external_vpcd_port(pid: int) -> int:
    """The vpcd port of a pcscd started with ``--config DIR`` (e.g. left by a killed test run)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\x00")
    except OSError:
        return _system_vpcd_port()
    for flag in (b"--config", b"-c"):
        if flag in args[:-1]:
            conf = Path(args[args.index(flag) + 1].decode(errors="replace"))
            conf = conf / "vpcd" if conf.is_dir() else conf
            try:
                match = re.search(r"^DEVICENAME\s+\S*:(0x[0-9A-Fa-f]+|\d+)", conf.read_text(), re.M)
            except OSError:
                break
            if match:
                return int(match.group(1), 0)
    return _system_vpcd_port()


def _free_port_pair() -> int:
    """A port p with p and p+1 free (vpcd opens one port per slot)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port: int = s.getsockname()[1]
        if port >= 65535:
            continue
        with socket.socket() as s2:
            try:
                s2.bind(("0.0.0.0", port + 1))  # noqa: S104  (vpcd itself binds all interfaces)
            except OSError:
                continue
        return port
    raise RuntimeError("no free TCP port pair for vpcd")


_held_here = threading.Lock()


@contextlib.contextmanager
def _machine_lock(timeout: float) -> Iterator[None]:
    if not _held_here.acquire(blocking=False):
        raise RuntimeError(
            "pcscd is already running for this process: use its Pcscd.insert() instead of nesting"
        )
    try:
        with _flock(timeout):
            yield
    finally:
        _held_here.release()


@contextlib.contextmanager
def _flock(timeout: float) -> Iterator[None]:
    fd = os.open(LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another pcscd user holds {LOCK_FILE}") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _wait(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return
        time.sleep(0.02)
    raise TimeoutError(f"timed out waiting for {what}")


@dataclass
class Pcscd:
    """A running pcscd with a vpcd reader. ``pid`` is None when we use a pcscd we did not start."""

    pid: int | None
    port: int
    log: Path | None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def reader(self) -> str:
        return "Virtual PCD 00 00"

    @contextlib.contextmanager
    def insert(
        self, card: VirtualCard, timeout: float = 10.0, *, low_latency: bool = True
    ) -> Iterator[VpcdClient]:
        """Put ``card`` into the virtual reader until the block ends (then remove it).

        On removal it waits until pcscd has *seen* the card go (its reader event counter moves):
        vpcd accepts the next card at once, and pcscd, which polls, would otherwise never notice
        the swap and keep the reader in its old state.
        """
        from endingnote.sign.card._pcsc import card_present, reader_events

        # a card that left without pcscd noticing yet (e.g. another emulator process) must be seen
        # gone first, or pcscd would take the new card for the old, unpowered one
        _wait(lambda: not card_present(self.reader), timeout, "the virtual reader to be empty")
        client = VpcdClient(card, port=self.port, low_latency=low_latency).start()
        try:
            _wait(
                lambda: client.connected.is_set() and card_present(self.reader), timeout, "the card in vpcd"
            )
            yield client
        finally:
            events = reader_events(self.reader)
            client.stop()
            with contextlib.suppress(TimeoutError):
                _wait(lambda: reader_events(self.reader) != events, 5.0, "pcscd to notice the removal")


def _readers() -> list[str]:
    from endingnote.errors import CardError
    from endingnote.sign.card._pcsc import list_readers

    try:
        return list_readers()
    except CardError:
        return []


@contextlib.contextmanager
def running_pcscd(
    *, timeout: float = 120.0, apdu_log: bool = False, with_vpcd: bool = True
) -> Iterator[Pcscd]:
    """Start pcscd (foreground, own config, vpcd on a free port) and stop it by PID afterwards.

    ``with_vpcd=False`` starts it with no reader at all (to test "no reader"); it then refuses to
    reuse a pcscd it did not start.

    ``apdu_log`` adds ``-a``: pcscd then logs every APDU **including passwords** — emulated cards only.
    """
    reason = pcsc_available()
    if reason:
        raise RuntimeError(reason)
    with _machine_lock(timeout), _pcscd_locked(apdu_log=apdu_log, with_vpcd=with_vpcd) as daemon:
        yield daemon


@contextlib.contextmanager
def _pcscd_locked(*, apdu_log: bool, with_vpcd: bool) -> Iterator[Pcscd]:
    """:func:`running_pcscd` for a caller that already holds the machine lock."""
    external = _external_pcscd()
    if external is not None:
        if not with_vpcd:
            raise RuntimeError(f"a pcscd we did not start is running (pid {external})")
        yield Pcscd(pid=None, port=_external_vpcd_port(external), log=None)
        return
    for stale in (SOCKET, PIDFILE):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    with tempfile.TemporaryDirectory(prefix="endingnote-pcscd-") as tmp:
        port = _free_port_pair()
        conf = Path(tmp) / "reader.conf.d"
        conf.mkdir()
        if with_vpcd:
            (conf / "vpcd").write_text(
                f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{port:04X}\n'
                f"LIBPATH {_vpcd_lib()}\nCHANNELID 0x{port:04X}\n"
            )
        log = Path(tmp) / "pcscd.log"
        args = [PCSCD, "--foreground", "--config", str(conf), *(["--apdu"] if apdu_log else [])]
        args += os.environ.get("ENDINGNOTE_PCSCD_ARGS", "").split()
        if "--disable-polkit" in _pcscd_help():
            args.append("--disable-polkit")
        with log.open("wb") as log_fh:
            process = subprocess.Popen(
                args, stdout=log_fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        try:
            _wait(lambda: SOCKET.exists() or process.poll() is not None, 10.0, "the pcscd socket")
            if process.poll() is not None:
                raise RuntimeError(f"pcscd exited ({process.returncode}): {log.read_text(errors='replace')}")
            if with_vpcd:
                _wait(lambda: "Virtual PCD 00 00" in _readers(), 10.0, "the vpcd reader")
            kept = Path(tempfile.gettempdir()) / "endingnote-pcscd-last.log"
            yield Pcscd(pid=process.pid, port=port, log=kept, process=process)
        finally:
            _stop(process)
            with contextlib.suppress(OSError):
                shutil.copyfile(log, Path(tempfile.gettempdir()) / "endingnote-pcscd-last.log")


def _pcscd_help() -> str:
    try:
        result = subprocess.run([PCSCD, "--help"], capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (result.stdout + result.stderr).decode(errors="replace")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@dataclass
class CardEnvironment:
    """What :func:`running_pcscd_with_card` yields."""

    pcscd: Pcscd
    emulator: JpkiCardEmulator
    client: VpcdClient

    @property
    def reader(self) -> str:
        return self.pcscd.reader


@contextlib.contextmanager
def running_pcscd_with_card(
    pki: object, holder: str, *, password: str | None = None, timeout: float = 120.0
) -> Iterator[CardEnvironment]:
    """pcscd + vpcd + the emulated card of ``holder`` from the test PKI ``pki`` (dir or TestPki)."""
    from endingnote.sign.testpki import TestPki

    source = pki if isinstance(pki, TestPki) else Path(str(pki))
    emulator = JpkiCardEmulator.from_test_pki(source, holder, password=password)
    with running_pcscd(timeout=timeout) as daemon, daemon.insert(emulator) as client:
        yield CardEnvironment(daemon, emulator, client)
