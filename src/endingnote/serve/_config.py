"""How the app was started: where it listens, what it trusts, which provider it may ask.

Nothing leaves the machine but a request to the 戸籍電子証明書 provider the user configured
(``provider``); verification uses the trust anchors and revocation lists given here.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    """``127.0.0.0/8``, ``::1`` or ``localhost``."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """The app's settings. ``token``: required on every request when set (and required to bind a
    non-loopback ``host``). ``trust``/``crls``/``ocsp``: how packages and claimants' cards are
    verified; ``trust_issuers``: pinned 戸籍電子証明書 issuers; ``provider``: a folder of
    ``<code>.p7m`` files or an ``http(s)://`` provider for 識別符号; ``at``: the validation time
    (default: now); ``work_dir``: where sessions' private folders are made (default: the system's
    temporary folder)."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    trust: Path | None = None
    crls: tuple[Path, ...] = ()
    ocsp: str | None = None
    trust_issuers: tuple[Path, ...] = ()
    provider: str | None = None
    at: dt.datetime | None = None
    work_dir: Path | None = None
    extra_hosts: tuple[str, ...] = field(default=())

    def problem(self) -> tuple[str, str] | None:
        """Why these settings must not start (Japanese, English), or ``None``."""
        if not is_loopback(self.host) and not self.token:
            return (
                f"{self.host} はこのコンピュータの外から届くアドレスです。--host とアクセストークン"
                "(--token-env)の両方を指定したときだけ使えます。",
                f"{self.host} is reachable from other machines: it needs both --host and an access token "
                "(--token-env).",
            )
        if self.token is not None and len(self.token) < 16:
            return (
                "アクセストークンは16文字以上にしてください。",
                "The access token must be at least 16 characters.",
            )
        return None

    def allowed_hosts(self) -> frozenset[str]:
        """The ``Host`` header values this app answers (a DNS-rebinding page sends its own name)."""
        names = {"127.0.0.1", "localhost", "[::1]", *self.extra_hosts}
        if not is_loopback(self.host):
            names.add(self.host if ":" not in self.host else f"[{self.host}]")
        return frozenset({*names, *(f"{n}:{self.port}" for n in names)})

    def now(self) -> dt.datetime:
        return self.at or dt.datetime.now(dt.UTC)
