"""``endingnote testpki``: create and change the J-LIS-shaped test PKI (TEST ONLY)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from endingnote.cli import EXIT_OK, EXIT_USAGE


def _when(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"日時の形式が不正です / not an ISO 8601 time: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _fail(code: str, as_json: bool, **params: Any) -> int:
    import endingnote.sign._codes  # noqa: F401
    from endingnote._codes import issue

    found = issue(code, "", **params)
    if as_json:
        click.echo(json.dumps({"ok": False, "issues": [found.to_dict()]}, ensure_ascii=False))
    click.echo(f"エラー / error: {found.message_ja} / {found.message_en}", err=True)
    return EXIT_USAGE


@click.group("testpki")
def testpki() -> None:
    """テスト用の公的個人認証PKI / a J-LIS-shaped PKI for tests (TEST ONLY)."""


@testpki.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--now", "now", metavar="ISO8601", help="Anchor time for every date (default: now, UTC).")
@click.option("--force", is_flag=True, help="Rebuild an existing test PKI in DIRECTORY.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
def init(directory: Path, now: str | None, force: bool, as_json: bool) -> int:
    """テストPKIを作る / create the test PKI in DIRECTORY."""
    from endingnote.sign.testpki import build_test_pki

    if (directory / "manifest.json").exists() and not force:
        return _fail("sign.pki.exists", as_json, dir=str(directory))
    pki = build_test_pki(directory, now=_when(now), overwrite=force)
    summary = {
        "ok": True,
        "dir": str(pki.dir),
        "created": pki.created.isoformat(),
        "sign_cas": sorted(pki.sign_cas),
        "holders": {
            h.id: {"name": h.basic4.name, "password": h.password, "p12": str(h.p12_path), "role": h.role}
            for h in pki.holders.values()
        },
        "trust": {"jpki_sign_cas": str(pki.sign_cas_pem), "services_root": str(pki.services_root_pem)},
    }
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(f"テストPKIを作成しました / test PKI created: {pki.dir}")
        for h in pki.holders.values():
            click.echo(f"  {h.id:<11} {h.basic4.name}  password={h.password}  ({h.role})")
    return EXIT_OK


@testpki.command("revoke")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.argument("holder")
@click.option("--at", "at", required=True, metavar="ISO8601", help="Revocation date.")
@click.option("--reason", default="unspecified", show_default=True, help="CRL reason (e.g. keyCompromise).")
@click.option("--invalidity-date", metavar="ISO8601")
def revoke_cmd(directory: Path, holder: str, at: str, reason: str, invalidity_date: str | None) -> int:
    """証明書を失効させCRLを再発行する / revoke HOLDER's certificate and re-issue the CRL."""
    from endingnote.sign.testpki import REASONS, load_test_pki, revoke

    if not (directory / "manifest.json").exists():
        return _fail("sign.pki.not_found", False, dir=str(directory))
    pki = load_test_pki(directory)
    if holder not in pki.holders:
        return _fail("sign.pki.unknown_holder", False, holder=holder, known=", ".join(sorted(pki.holders)))
    when = _when(at) or dt.datetime.now(dt.UTC)  # --at is required, so never the fallback
    try:
        revoke(directory, holder, at=when, reason=reason, invalidity_date=_when(invalidity_date))
    except ValueError:
        raise click.BadParameter(f"{reason!r}: one of {', '.join(REASONS)}", param_hint="--reason") from None
    click.echo(f"失効しました / revoked: {holder} at {when.isoformat()} ({reason})")
    return EXIT_OK
