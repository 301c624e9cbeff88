"""``endingnote serve``: a local web app for vendors and for the bereaved, on the public API.

- :class:`ServeConfig`: where it listens (127.0.0.1 by default; another address only with an
  access token), what it trusts, which 戸籍電子証明書 provider it may ask.
- :func:`create_app`: the ASGI app (Starlette; Jinja2 pages with autoescape, bundled assets, a
  strict Content-Security-Policy, a CSRF token per session, uploads in a private folder).
- :func:`run`: serve it with uvicorn until stopped; every session's folder is removed on the way out.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from endingnote.serve._config import DEFAULT_HOST, DEFAULT_PORT, ServeConfig, is_loopback

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ServeConfig", "create_app", "is_loopback", "run"]


def create_app(config: ServeConfig | None = None) -> Starlette:
    """The app for ``config`` (default settings: 127.0.0.1:8765, no trust anchors)."""
    from endingnote.serve._app import create_app as _create

    return _create(config or ServeConfig())


def run(config: ServeConfig, *, log_level: str = "warning", on_ready: object = None) -> None:
    """Serve until interrupted. ``on_ready``: called with the URL once the server listens."""
    import asyncio

    import uvicorn

    app = create_app(config)
    logging.getLogger("uvicorn.access").addFilter(_redact_token)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=config.host,
            port=config.port,
            log_level=log_level,
            access_log=log_level in ("info", "debug", "trace"),
            server_header=False,
            date_header=False,
            proxy_headers=False,
            lifespan="on",
        )
    )

    async def main() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started and not task.done():
            await asyncio.sleep(0.05)
        if server.started and callable(on_ready):
            on_ready(url(config))
        await task

    try:
        asyncio.run(main())
    finally:
        app.state.endingnote.close()


_TOKEN = re.compile(r"([?&]token=)[^&\s]*")


def _redact_token(record: logging.LogRecord) -> bool:
    """The access log shows ``?token=…``, never the token itself."""
    if isinstance(record.args, tuple):
        record.args = tuple(_TOKEN.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args)
    return True


def url(config: ServeConfig) -> str:
    host = config.host if ":" not in config.host else f"[{config.host}]"
    return f"http://{host}:{config.port}/"
