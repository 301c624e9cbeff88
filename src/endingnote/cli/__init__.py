"""The ``endingnote`` command line: a thin layer over the library.

Subcommands live in their own modules and are imported only when invoked, so ``endingnote
--help`` imports neither pydantic, jsonschema-rs, pandas nor lxml. To add a command, add one line
to ``COMMANDS``: the command's name and ``"module:attribute"`` of its click command.

Exit codes everywhere: 0 success/valid, 1 invalid or failed, 2 usage or I/O error,
3 indeterminate.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from endingnote import __version__

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INDETERMINATE = 3

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module:attribute, one-line help shown by --help without importing the module)
    "standard": ("endingnote.cli._standard:standard", "The standard: list, show, build / 標準の参照と生成"),
    "validate": ("endingnote.cli._validate:validate", "Validate ending-note documents / 文書の検証"),
    "convert": ("endingnote.cli._convert:convert", "Convert vendor formats ⇄ the standard / 形式変換"),
    "mapping": ("endingnote.cli._convert:mapping", "Draft and check converter mappings / 変換マッピング"),
    "heirs": ("endingnote.cli._heirs:heirs", "Statutory heirs, 一覧図, attestations / 法定相続人"),
    "migrate": ("endingnote.cli._migrate:migrate", "Migrate a note between versions / バージョン間の移行"),
    "extensions": ("endingnote.cli._extensions:extensions", "Vendor extension registry / 独自項目の登録簿"),
    "testpki": ("endingnote.cli._testpki:testpki", "J-LIS-shaped test PKI (TEST ONLY) / テスト用PKI"),
    "card": ("endingnote.cli._card:card", "My Number Card: list, info, emulate / マイナンバーカード"),
    "sign": ("endingnote.cli._sign:sign", "Sign a note into an ASiC-E package / 署名付きパッケージの作成"),
    "verify": ("endingnote.cli._sign:verify", "Verify a signed package / 署名付きパッケージの検証"),
    "package": (
        "endingnote.cli._sign:package",
        "Renew a package's archive timestamp / アーカイブタイムスタンプ",
    ),
    "registers": (
        "endingnote.cli._registers:registers",
        "Family registers: check chains, parse, graph / 戸籍",
    ),
    "site": ("endingnote.cli._site:site", "Build the standard's website / 標準のウェブサイトの生成"),
    "serve": ("endingnote.cli._serve:serve", "Local web app for vendors and families / ウェブアプリ"),
    "import": (
        "endingnote.cli._import:import_",
        "Import a decedent's signed export for an heir / 相続人への取り込み",
    ),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._lazy:
            target, _ = self._lazy[cmd_name]
            module_name, attr = target.split(":")
            command = getattr(importlib.import_module(module_name), attr)
            if not isinstance(command, click.Command):
                raise TypeError(f"{target} is not a click command")
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self._lazy[name][1]) for name in sorted(self._lazy)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="endingnote")
def cli() -> None:
    """endingnote — エンディングノートのデータ標準ツール / the ending-note data standard toolkit."""


def main(argv: list[str] | None = None) -> None:
    """Console entry point: user errors become a message and an exit code, never a traceback."""
    from endingnote.errors import EndingNoteError, InputError

    try:
        rv = cli.main(args=argv, prog_name="endingnote", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code)
    except click.exceptions.Abort:
        click.echo("中断しました / aborted", err=True)
        sys.exit(EXIT_USAGE)
    except (InputError, OSError) as exc:
        click.echo(f"エラー / error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except EndingNoteError as exc:
        click.echo(f"エラー / error: {exc}", err=True)
        sys.exit(EXIT_INVALID)
    # standalone_mode=False returns ctx.exit()'s code, or the command's own return value.
    sys.exit(rv if isinstance(rv, int) else EXIT_OK)
