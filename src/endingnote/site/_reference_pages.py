"""Reference pages generated from the code itself: the CLI (walking the click group), the issue
codes (the Errors page, from :func:`endingnote._codes.all_codes`) and the Python API (mkdocstrings)."""

from __future__ import annotations

import html
import importlib
from dataclasses import dataclass

import click

from endingnote.site._md import GENERATED_HEADER, code, esc, table

API_MODULES = (
    ("endingnote", "ライブラリの入口 / The library's front door"),
    ("endingnote.standard", "標準のカタログ / The standard's catalogue"),
    ("endingnote.site", "このサイトの生成 / Building this site"),
)


@dataclass(frozen=True)
class CommandDoc:
    path: str  # "endingnote standard build"
    usage: str
    help: str
    params: tuple[tuple[str, str, str, str], ...]  # (name/flags, kind, default, help)
    subcommands: tuple[str, ...]
    error: str | None = None


def _param_row(param: click.Parameter) -> tuple[str, str, str, str]:
    if isinstance(param, click.Option):
        flags = ", ".join([*param.opts, *param.secondary_opts])
        kind = "flag" if param.is_flag else param.type.name
        default = (
            "" if param.default is None or callable(param.default) or param.is_flag else repr(param.default)
        )
        help_text = (param.help or "") + (" (必須 / required)" if param.required else "")
        return flags, kind, default, help_text
    name = (param.name or "").upper()
    nargs = "..." if param.nargs == -1 else ""
    return f"{name}{nargs}", f"argument ({param.type.name})", "", "必須 / required" if param.required else ""


def walk(group: click.Command, name: str = "endingnote") -> list[CommandDoc]:
    """Every command under ``group``, depth first, importing lazy subcommands one by one."""
    docs: list[CommandDoc] = []

    def visit(cmd: click.Command, ctx: click.Context) -> None:
        subs: list[str] = []
        if isinstance(cmd, click.Group):
            subs = cmd.list_commands(ctx)
        docs.append(
            CommandDoc(
                path=ctx.command_path,
                usage=cmd.get_usage(ctx).removeprefix("Usage: ").strip(),
                help=(cmd.help or "").strip(),
                params=tuple(_param_row(p) for p in cmd.get_params(ctx) if p.name != "help"),
                subcommands=tuple(subs),
            )
        )
        if isinstance(cmd, click.Group):
            for sub_name in subs:
                try:
                    sub = cmd.get_command(ctx, sub_name)
                except Exception as exc:
                    docs.append(
                        CommandDoc(
                            f"{ctx.command_path} {sub_name}", "", "", (), (), f"{type(exc).__name__}: {exc}"
                        )
                    )
                    continue
                if sub is None:
                    continue
                visit(sub, click.Context(sub, info_name=sub_name, parent=ctx))

    visit(group, click.Context(group, info_name=name))
    return docs


def _anchor(path: str) -> str:
    return path.replace(" ", "-")


def cli_page() -> str:
    from endingnote.cli import cli

    docs = walk(cli)
    out = [
        GENERATED_HEADER,
        "# CLI リファレンス / CLI reference\n\n",
        "このページは `endingnote` コマンド自身(click のコマンド定義)から生成されています。"
        "終了コードは共通です: 0 成功・有効、1 無効・失敗、2 使い方・入出力の誤り、3 判定不能。\n\n"
        "Generated from the `endingnote` command itself (its click definitions). Exit codes everywhere: "
        "0 success/valid, 1 invalid/failed, 2 usage or I/O error, 3 indeterminate.\n\n",
        table(
            ["コマンド / Command", "説明 / Summary"],
            [
                (
                    f"[{code(d.path)}](#{_anchor(d.path)})",
                    esc(d.help.splitlines()[0] if d.help else (d.error or "")),
                )
                for d in docs
            ],
        ),
    ]
    for d in docs:
        level = "#" * min(2 + d.path.count(" ") - 1, 4) if d.path.count(" ") else "##"
        out.append(f"\n{level} {code(d.path)} {{#{_anchor(d.path)}}}\n\n")
        if d.error:
            out.append(
                f"このビルドでは読み込めませんでした。 / Not available in this build: {code(d.error)}\n"
            )
            continue
        out.append(f"```text\n{d.usage.replace('```', '')}\n```\n\n")
        if d.help:
            out.append("\n\n".join(esc(p) for p in d.help.split("\n\n")) + "\n\n")
        if d.params:
            out.append(
                table(
                    ["オプション / Option", "種類 / Kind", "既定値 / Default", "説明 / Help"],
                    [(code(n), esc(k), code(df), esc(h)) for n, k, df, h in d.params],
                )
            )
        if d.subcommands:
            out.append(
                "\nサブコマンド / Subcommands: "
                + ", ".join(f"[{code(s)}](#{_anchor(d.path + ' ' + s)})" for s in d.subcommands)
                + "\n"
            )
    return "".join(out)


def errors_page() -> tuple[str, list[str]]:
    """The Errors page: every registered issue code, grouped by namespace. Returns the page and the
    code modules that could not be imported (shown on the page)."""
    from endingnote import _codes

    missing: list[str] = []
    for module in _codes.CODE_MODULES:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            missing.append(f"{module}: {exc}")
    codes = _codes.all_codes() if not missing else dict(sorted(_codes._REGISTRY.items()))
    groups: dict[str, list[_codes.Code]] = {}
    for entry in codes.values():
        groups.setdefault(entry.code.partition(".")[0], []).append(entry)
    out = [
        GENERATED_HEADER,
        "# エラーコード / Errors\n\n",
        "endingnote の検査が報告するすべてのコードです。コードは名前空間付きで安定しており、"
        "別の意味に再利用されることはありません。メッセージの `{…}` は報告ごとに埋められます。\n\n"
        "Every code endingnote's checks report. Codes are namespaced and stable, never reused for another "
        "meaning. The `{…}` placeholders are filled in per finding.\n\n",
        f"全 {len(codes)} コード / {len(codes)} codes.\n\n",
    ]
    if missing:
        out.append(
            '!!! warning "一部のモジュールを読み込めません / Some code modules could not be imported"\n\n'
            + "".join(f"    - {code(m)}\n" for m in missing)
            + "\n"
        )
    out.append(
        table(
            ["名前空間 / Namespace", "コード数 / Codes"],
            [(f"[{code(g)}](#ns-{g})", str(len(v))) for g, v in sorted(groups.items())],
        )
    )
    for group, entries in sorted(groups.items()):
        out.append(f"\n## {code(group)} {{#ns-{group}}}\n\n")
        out.append(
            table(
                ["コード / Code", "重大度 / Severity", "メッセージ", "Message"],
                [
                    (
                        f'<span id="{html.escape(e.code, quote=True)}"></span>{code(e.code)}',
                        e.severity.value,
                        esc(e.message_ja),
                        esc(e.message_en),
                    )
                    for e in entries
                ],
            )
        )
    return "".join(out), missing


def api_page() -> str:
    out = [
        GENERATED_HEADER,
        "# Python API\n\n",
        "公開 API は各パッケージの `__all__` に列挙されたものです。このページはソースの docstring から "
        "mkdocstrings が生成します。\n\n"
        "The public API is what each package's `__all__` lists; this page is rendered from the docstrings "
        "by mkdocstrings.\n\n",
    ]
    for module, title in API_MODULES:
        out.append(
            f"## {code(module)} — {title}\n\n::: {module}\n"
            "    options:\n      show_root_heading: false\n      heading_level: 3\n\n"
        )
    return "".join(out)
