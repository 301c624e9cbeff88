"""Sessions: one private folder (0700) and one CSRF token per browser, nothing else remembered.

A session is a random id in an ``HttpOnly``, ``SameSite=Strict`` cookie. Its folder holds the
uploads and what was made from them; it is removed when the person ends the session, when the
session has been idle longer than ``serve.session.idle_seconds``, or when the server stops. No
password and no access token is ever written into it.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endingnote.serve._limits import MAX_SESSIONS, SESSION_IDLE

COOKIE = "endingnote_session"


@dataclass(slots=True)
class Session:
    id: str
    folder: Path
    csrf: str
    lang: str = "ja"
    last_used: float = field(default_factory=time.monotonic)
    runs: dict[str, Any] = field(default_factory=dict)  # vendor runs by id
    heir: Any = None  # the heir wizard's state
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def new_folder(self, prefix: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir=self.folder))
        path.chmod(0o700)
        return path


class SessionStore:
    """Every open session, under one root folder made private (0700) for this server."""

    def __init__(self, work_dir: Path | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="endingnote-serve-", dir=work_dir))
        self.root.chmod(0o700)
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, session_id: str | None) -> Session | None:
        self.expire()
        with self._lock:
            found = self._sessions.get(session_id or "")
            if found is not None:
                found.last_used = time.monotonic()
            return found

    def create(self, lang: str = "ja") -> Session:
        self.expire()
        with self._lock:
            if len(self._sessions) >= int(MAX_SESSIONS):
                oldest = min(self._sessions.values(), key=lambda s: s.last_used)
                self._drop(oldest.id)
            sid = secrets.token_urlsafe(32)
            folder = self.root / secrets.token_hex(8)
            folder.mkdir(mode=0o700)
            session = Session(sid, folder, secrets.token_urlsafe(32), lang)
            self._sessions[sid] = session
            return session

    def end(self, session_id: str) -> None:
        with self._lock:
            self._drop(session_id)

    def expire(self) -> None:
        limit = time.monotonic() - int(SESSION_IDLE)
        with self._lock:
            for sid in [s.id for s in self._sessions.values() if s.last_used < limit]:
                self._drop(sid)

    def close(self) -> None:
        """The server stops: every session's folder goes."""
        with self._lock:
            self._sessions.clear()
            shutil.rmtree(self.root, ignore_errors=True)

    def __len__(self) -> int:
        return len(self._sessions)

    def _drop(self, session_id: str) -> None:
        session = self._sessions.pop(session_id, None)
        if session is not None:
            shutil.rmtree(session.folder, ignore_errors=True)
