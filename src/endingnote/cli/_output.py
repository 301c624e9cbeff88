"""Shared CLI output helpers: JSON on stdout, progress on stderr only when it is a terminal."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import orjson


def echo_json(value: Any) -> None:
    """One JSON line; what a terminal would act on (C1 and bidi controls) written as \\u escapes."""
    from endingnote._display import json_text

    line = json_text(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode())
    sys.stdout.buffer.write(line.encode() + b"\n")
    sys.stdout.flush()


FC = TypeVar("FC", bound=Callable[..., Any])


def lang_option() -> Callable[[FC], FC]:
    return click.option(
        "--lang",
        type=click.Choice(["ja", "en"]),
        default="ja",
        show_default=True,
        help="Language of messages / メッセージの言語",
    )


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def read_password(password_env: str | None, prompt: str = "署名用パスワード / signing password") -> str:
    """The card or key password: from the environment variable named by ``--password-env`` (for
    automation), else prompted without echo. Never logged or printed."""
    if password_env:
        value = os.environ.get(password_env)
        if value is None:
            raise click.UsageError(
                f"環境変数 {password_env} がありません / environment variable {password_env} is not set"
            )
        return value
    return str(click.prompt(prompt, hide_input=True, err=True))


def parse_time(value: str | None, param_hint: str = "--at") -> dt.datetime | None:
    """An ISO 8601 time option; a time without an offset is taken as UTC."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(  # noqa: B904 - the message says everything
            f"ISO 8601 の日時ではありません / not an ISO 8601 time: {value}", param_hint=param_hint
        )
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


_CRL_HELP = "失効リスト(複数可) / a CRL file (repeatable)"
_OCSP_HELP = "OCSP レスポンダ / OCSP responder URL"


def trust_options(
    trust_help: str, crl_help: str = _CRL_HELP, ocsp_help: str = _OCSP_HELP
) -> Callable[[FC], FC]:
    """``--trust PATH``, ``--crl FILE`` (repeatable, as ``crls``) and ``--ocsp URL``: the same three
    options, one shape, wherever a command checks certificates."""
    trust = click.option("--trust", type=click.Path(exists=True, path_type=Path), help=trust_help)
    crl = click.option(
        "--crl",
        "crls",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=crl_help,
    )
    ocsp = click.option("--ocsp", metavar="URL", help=ocsp_help)

    def apply(f: FC) -> FC:
        return trust(crl(ocsp(f)))

    return apply


def all_option() -> Callable[[FC], FC]:
    """``--all``: print every finding; by default each kind beyond a limit is summarised."""
    return click.option(
        "--all",
        "show_all",
        is_flag=True,
        help="Print every finding (default: each kind beyond 100 summarised) / すべての指摘を表示",
    )


def summarised(data: dict[str, Any], show_all: bool) -> dict[str, Any]:
    """``data`` with its ``issues`` summarised per kind (``endingnote._summary``) unless ``show_all``."""
    if show_all or not isinstance(data.get("issues"), list):
        return data
    from endingnote._summary import summarise_dicts

    return {**data, "issues": summarise_dicts(data["issues"])}
