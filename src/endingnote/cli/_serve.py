"""``endingnote serve``: the local web app (see :mod:`endingnote.serve`)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from endingnote.cli._output import parse_time, trust_options


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="待ち受けるアドレス / address to listen on"
)
@click.option("--port", "-p", default=8765, show_default=True, type=click.IntRange(0, 65535), help="port")
@click.option("--open", "open_browser", is_flag=True, help="ブラウザで開く / open it in the browser")
@click.option(
    "--token-env",
    metavar="NAME",
    help="アクセストークンを読む環境変数 (ループバック以外では必須) / env variable holding an access token"
    " (required for a non-loopback --host)",
)
@trust_options(
    trust_help="信頼点 (JPKI 署名用 CA と TSA のルート) / trust anchors (JPKI signing CAs, TSA root)"
)
@click.option(
    "--trust-issuer",
    "trust_issuers",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="信頼する戸籍電子証明書の発行者 / pinned e-certificate issuer (repeatable)",
)
@click.option(
    "--provider",
    metavar="DIR_OR_URL",
    help="識別符号で戸籍電子証明書を取り寄せる先 / where e-certificates are fetched by code",
)
@click.option("--at", "at", metavar="TIME", help="検証時刻 (ISO 8601、既定は現在) / validation time")
@click.option(
    "--log-level",
    type=click.Choice(["warning", "info", "debug"]),
    default="warning",
    show_default=True,
    help="ログの詳しさ (info でアクセスログ) / log detail (info adds the access log)",
)
def serve(
    host: str,
    port: int,
    open_browser: bool,
    token_env: str | None,
    trust: Path | None,
    crls: tuple[Path, ...],
    ocsp: str | None,
    trust_issuers: tuple[Path, ...],
    provider: str | None,
    at: str | None,
    log_level: str,
) -> int:
    """このコンピュータの中で動くウェブアプリ / a web app that runs on this computer.

    \b
    ベンダー: エクスポートの検証・変換、指摘の絞り込み、報告書のダウンロード。
    ご家族: 署名付きノートの検証 → 戸籍 → 本人確認 → 相続人と手続き。
    vendors: validate and convert exports, filter findings, download reports;
    families: verify a signed note → registers → prove who you are → heirs and procedures.

    \b
    127.0.0.1 だけで待ち受けます。ほかのアドレスは --host と --token-env の両方が必要です。
    It listens on 127.0.0.1; any other address needs both --host and --token-env.
    """
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise click.UsageError(
            "ウェブアプリの部品がありません / the web app's parts are missing: "
            "pip install 'endingnote[serve]'"
        ) from None
    from endingnote.serve import ServeConfig, run

    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise click.UsageError(
                f"環境変数 {token_env} がありません / environment variable {token_env} is not set"
            )
    if provider and provider.startswith(("http://", "https://")):
        from endingnote.koseki import HttpProvider

        try:
            HttpProvider(provider)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--provider") from None
    elif provider and not Path(provider).is_dir():
        raise click.BadParameter(f"not a folder or http(s) URL: {provider}", param_hint="--provider")
    config = ServeConfig(
        host=host, port=port, token=token, trust=trust, crls=crls, ocsp=ocsp,
        trust_issuers=trust_issuers, provider=provider, at=parse_time(at),
    )  # fmt: skip
    problem = config.problem()
    if problem is not None:
        raise click.UsageError(f"{problem[0]} / {problem[1]}")

    def ready(url: str) -> None:
        shown = f"{url}?token=…" if token else url
        click.echo(f"endingnote serve: {shown}  (Ctrl+C で終了 / to stop)", err=True)
        if open_browser:
            import webbrowser

            webbrowser.open(f"{url}?token={token}" if token else url)

    run(config, log_level=log_level, on_ready=ready)
    return 0
