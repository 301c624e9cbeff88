"""``endingnote card``: readers, the card's public facts, and the JPKI card emulator."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from endingnote.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def _card_failure(exc: Any, as_json: bool) -> int:
    """Print a JpkiCardError as a finding; exit 1 (2 when there is no service or reader)."""
    if as_json:
        click.echo(json.dumps({"ok": False, "issues": [exc.issue.to_dict()]}, ensure_ascii=False))
    click.echo(f"エラー / error: {exc}", err=True)
    return EXIT_USAGE if exc.code in ("sign.card.no_service", "sign.card.no_reader") else EXIT_INVALID


def _message(code: str, **params: Any) -> str:
    import endingnote.sign._codes  # noqa: F401  (registers the codes)
    from endingnote._codes import issue

    found = issue(code, "", **params)
    return f"{found.message_ja} / {found.message_en}"


@click.group("card")
def card() -> None:
    """マイナンバーカード(公的個人認証AP) / the My Number Card's JPKI application."""


@card.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
def list_cmd(as_json: bool) -> int:
    """リーダーとカードの一覧 / readers, and whether a JPKI card is present."""
    from endingnote.sign.card import JpkiCardError, list_cards

    try:
        readers = list_cards()
    except JpkiCardError as exc:
        return _card_failure(exc, as_json)
    if as_json:
        click.echo(json.dumps({"ok": True, "readers": [r.to_dict() for r in readers]}, ensure_ascii=False))
        return EXIT_OK
    if not readers:
        click.echo("リーダーがありません / no readers")
    for r in readers:
        if r.jpki:
            state = f"公的個人認証AP / JPKI card ({r.token_label})"
        elif r.card_present:
            state = f"JPKI以外のカード / other card ({r.error})"
        else:
            state = "カードなし / empty"
        click.echo(f"{r.reader}: {state}")
    return EXIT_OK


@card.command("info")
@click.option("--reader", metavar="NAME", help="Reader name (or a unique part of it).")
@click.option(
    "--with-certificate",
    is_flag=True,
    help="Also read the signing certificate (needs the signing password; uses a try if wrong).",
)
@click.option(
    "--password-env", metavar="VAR", help="Read the signing password from this environment variable."
)
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
def info_cmd(reader: str | None, with_certificate: bool, password_env: str | None, as_json: bool) -> int:
    """カードの情報 / token label, tries left, CA certificate (and the signing certificate)."""
    from endingnote.sign.card import JpkiCardError, card_info

    password: str | None = None
    if with_certificate:
        if password_env:
            password = os.environ.get(password_env)
            if password is None:
                raise click.UsageError(f"環境変数 {password_env} がありません / {password_env} is not set")
        else:
            password = click.prompt("署名用パスワード / signing password", hide_input=True, err=True)
    try:
        info = card_info(reader, password=password)
    except JpkiCardError as exc:
        return _card_failure(exc, as_json)
    finally:
        password = None
    if as_json:
        click.echo(json.dumps({"ok": True, **info.to_dict()}, ensure_ascii=False, indent=2))
        return EXIT_OK
    known = "" if info.token_known else " (未知の種別 / unknown token)"
    click.echo(f"リーダー / reader: {info.reader}")
    click.echo(f"トークン / token: {info.token_label}{known}")
    locked = " — ロック中 / LOCKED" if info.sign_tries_left == 0 else ""
    click.echo(f"署名用パスワード残り回数 / signing-password tries left: {info.sign_tries_left}{locked}")
    if info.ca_certificate:
        ca = info.ca_certificate
        click.echo(
            f"署名用CA(カード内、未検証) / signing CA on card (unverified): {ca.subject} serial {ca.serial}"
        )
    if info.auth_certificate:
        auth = info.auth_certificate
        click.echo(
            f"利用者証明用電子証明書 / authentication certificate: {auth.subject} serial {auth.serial}"
        )
    cert = info.certificate
    if cert is None:
        click.echo(
            "署名用電子証明書はパスワード入力後に読めます(--with-certificate) / "
            "the signing certificate needs the password (--with-certificate)"
        )
        return EXIT_OK
    click.echo(f"署名用電子証明書 / signing certificate: {cert.subject} serial {cert.serial}")
    click.echo(f"有効期間 / valid: {cert.not_before} – {cert.not_after}")
    if cert.basic4:
        b = cert.basic4
        flag = " (代替文字あり / substituted characters)" if b.name_substituted else ""
        click.echo(f"氏名 / name: {b.name}{flag}")
        born = b.birth_date_gregorian
        click.echo(f"生年月日 / born: {b.birth_date} ({born.isoformat() if born else '?'})")
        click.echo(f"性別 / sex (JPKI code): {b.sex}")
        click.echo(f"住所 / address: {b.address}")
    return EXIT_OK


@card.command("emulate")
@click.option("--pki", "pki_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--holder", required=True, help="Holder id in the test PKI (e.g. taro).")
@click.option(
    "--password-env",
    metavar="NAME",
    help="Environment variable holding the emulated card's signing password (default: the holder's,"
    " see manifest.json).",
)
@click.option("--password", "password_legacy", hidden=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Where vpcd listens.")
@click.option(
    "--port", type=int, default=0x8C7B, show_default=True, help="vpcd port (/etc/reader.conf.d/vpcd)."
)
@click.option(
    "--persist/--no-persist", default=True, show_default=True, help="Keep the retry counter on disk."
)
def emulate_cmd(
    pki_dir: Path,
    holder: str,
    password_env: str | None,
    password_legacy: str | None,
    host: str,
    port: int,
    persist: bool,
) -> int:
    """仮想マイナンバーカード(テスト用) / run an emulated JPKI card in vpcd until stopped."""
    from endingnote.sign.card import JpkiCardEmulator, VpcdClient
    from endingnote.sign.testpki import load_test_pki

    if not (pki_dir / "manifest.json").exists():
        click.echo(f"エラー / error: {_message('sign.pki.not_found', dir=str(pki_dir))}", err=True)
        return EXIT_USAGE
    pki = load_test_pki(pki_dir)
    if holder not in pki.holders:
        raise click.BadParameter(
            f"{holder!r}: one of {', '.join(sorted(pki.holders))}", param_hint="--holder"
        )
    password = password_legacy  # --password VALUE: the published spelling, kept hidden
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise click.UsageError(f"${password_env} が設定されていません / ${password_env} is not set")
    if password is not None and not password.isascii():
        raise click.BadParameter("ASCII only", param_hint="--password-env")
    emulator = JpkiCardEmulator.from_test_pki(pki, holder, password=password, persist=persist)

    def announce(connected: bool) -> None:  # from the client's own thread, as it happens
        click.echo("接続 / connected" if connected else "切断 / disconnected", err=True)
        sys.stderr.flush()

    client = VpcdClient(emulator, host=host, port=port, on_change=announce)
    stop = threading.Event()

    def _on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    client.start()
    click.echo(
        f"仮想カード {holder} を vpcd {host}:{port} に挿入します(Ctrl-C で取り出し) / "
        f"emulating {holder}'s card on vpcd {host}:{port} (Ctrl-C removes it)",
        err=True,
    )
    waited = 0
    while not stop.wait(0.2):
        waited += 1
        if waited == 25 and not client.connected.is_set():
            click.echo(
                f"vpcd ({host}:{port}) を待っています。pcscd と vsmartcard-vpcd は動いていますか? / "
                "waiting for vpcd: are pcscd and vsmartcard-vpcd running?",
                err=True,
            )
        if client.error is not None and client.stopped:
            break
    client.stop()
    if client.error is not None:
        click.echo(f"エラー / error: {_message('sign.card.emulator_io', detail=str(client.error))}", err=True)
        return EXIT_INVALID
    sys.stderr.flush()
    return EXIT_OK
