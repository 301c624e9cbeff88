"""Shared CLI output helpers: JSON on stdout, progress on stderr only when it is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
import orjson


def echo_json(value: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS) + b"\n")
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
