"""``endingnote sign``, ``endingnote verify`` and ``endingnote package renew``: signed ASiC-E exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from endingnote.cli._output import all_option, parse_time, read_password, summarised, trust_options

EXIT_USAGE = 2


@click.command("sign")
@click.argument("note", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("attachments", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="出力する .asice / the .asice package to write",
)
@click.option("--card", is_flag=True, help="マイナンバーカードで署名 / sign with the My Number Card")
@click.option("--reader", metavar="NAME", help="カードリーダー名 / PC/SC reader name")
@click.option(
    "--pkcs12",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="PKCS#12 鍵ファイルで署名 / sign with a PKCS#12 key file",
)
@click.option(
    "--password-env",
    metavar="NAME",
    help="パスワードを読む環境変数 / environment variable holding the password",
)
@click.option(
    "--tsa",
    metavar="URL_OR_DIR",
    help="タイムスタンプ局の URL、またはテストPKIのディレクトリ / RFC 3161 TSA URL, or a test-PKI directory",
)
@trust_options(
    trust_help="CRL/OCSP の署名を確かめる発行者の証明書 / the issuing CA, to check CRL/OCSP signatures",
    crl_help="署名前に失効を確認する CRL(複数可) / a CRL to check the signing certificate against"
    " (repeatable)",
    ocsp_help="署名前に失効を確認する OCSP / OCSP responder checked before signing",
)
@click.option("--json", "as_json", is_flag=True, help="結果を JSON で出力 / print the result as JSON")
def sign(
    note: Path,
    attachments: tuple[Path, ...],
    out: Path,
    card: bool,
    reader: str | None,
    pkcs12: Path | None,
    password_env: str | None,
    tsa: str | None,
    crls: tuple[Path, ...],
    ocsp: str | None,
    trust: Path | None,
    as_json: bool,
) -> int:
    """ノートと添付を署名付き ASiC-E にまとめる / sign a note and its attachments into an ASiC-E package.

    証明書が有効期間外か失効していれば署名しません(--crl/--ocsp で確認。確認できないときはその旨を表示)。
    A certificate outside its validity or revoked is refused (checked with --crl/--ocsp; when that is
    not possible, it says so)."""
    from endingnote.sign import Signer, check_signing_certificate, create_package
    from endingnote.sign.tsa import resolve_tsa

    if card == (pkcs12 is not None):
        raise click.UsageError(
            "--card か --pkcs12 のどちらか一方を指定 / give exactly one of --card and --pkcs12"
        )
    if reader and not card:
        raise click.UsageError("--reader は --card と一緒に / --reader goes with --card")
    source = resolve_tsa(tsa) if tsa else None
    if source is None:
        click.echo(
            "注意: --tsa がないため署名時刻が証明されません(CAdES-B-B) / "
            "warning: no --tsa, the signing time will not be proven (CAdES-B-B)",
            err=True,
        )
    password = read_password(password_env)
    checked = None

    def make(signer: Signer) -> None:
        nonlocal checked
        checked = check_signing_certificate(signer, crls=crls, ocsp=ocsp, trust=trust)
        if checked.status != "good":
            click.echo(checked.message, err=True)
        create_package(note, attachments, out, signer, tsa=source, certificate_check=checked)

    if pkcs12 is not None:
        from endingnote.sign import Pkcs12Signer

        file_signer = Pkcs12Signer.from_file(pkcs12, password)
        del password
        make(file_signer)
    else:
        from endingnote.sign.card import JpkiCardSigner

        with JpkiCardSigner.open(password, reader=reader) as card_signer:
            del password
            make(card_signer)
    if as_json:
        status = checked.status if checked is not None else None
        click.echo(json.dumps({"package": str(out), "timestamped": source is not None, "revocation": status}))
    else:
        click.echo(f"署名しました / signed: {out}", err=True)
    return 0


_LABEL = {
    "VALID": "有効 / VALID",
    "INDETERMINATE": "判定不能 / INDETERMINATE",
    "INVALID": "無効 / INVALID",
}


def _print_report(data: dict[str, Any], lang: str) -> None:
    click.echo(f"{data['path']}: {_LABEL[data['indication']]}")
    if data["subindications"]:
        click.echo("  " + ", ".join(data["subindications"]))
    signer = data.get("signer") or {}
    basic4 = signer.get("basic4") or {}
    if basic4:
        click.echo(f"  署名者 / signer: {basic4.get('name')} ({basic4.get('birth_date_gregorian')})")
    click.echo(f"  署名時刻(タイムスタンプ) / timestamp: {data['timestamp_time'] or '-'}")
    click.echo(
        f"  失効 / revocation: {data['revocation']}"
        + (f" ({data['revocation_source']})" if data["revocation_source"] else "")
    )
    click.echo(f"  ファイル / files: {len(data['files'])}")
    key = "message_ja" if lang == "ja" else "message_en"
    for item in data["issues"]:
        where = f" [{item['path']}]" if item["path"] else ""
        click.echo(f"  {item['severity']}: {item['code']}{where}: {item[key]}")


@click.command("verify")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@trust_options(trust_help="信頼点(証明書のディレクトリまたは PEM) / trust anchors: a folder or PEM bundle")
@click.option(
    "--at", "at", metavar="TIME", help="検証時刻(ISO 8601、既定は現在) / validation time (default: now)"
)
@click.option("--json", "as_json", is_flag=True, help="JSON で出力 / print JSON")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@all_option()
def verify(
    package: Path,
    trust: Path | None,
    crls: tuple[Path, ...],
    ocsp: str | None,
    at: str | None,
    as_json: bool,
    lang: str,
    show_all: bool,
) -> int:
    """署名付きパッケージを検証する / verify a signed package (exit 0 VALID, 1 INVALID, 3 INDETERMINATE)."""
    from endingnote.sign import verify_package

    when = parse_time(at)
    report = verify_package(package, trust=trust, crls=list(crls), ocsp=ocsp, at=when)
    data = summarised(report.to_dict(), show_all)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        _print_report(data, lang)
    return report.exit_code


@click.group("package")
def package() -> None:
    """署名付きパッケージの保守 / maintain signed packages."""


@package.command("renew")
@click.argument("pkg", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--tsa",
    metavar="URL_OR_DIR",
    required=True,
    help="タイムスタンプ局の URL、またはテストPKIのディレクトリ / TSA URL or test-PKI directory",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="出力先(既定は上書き) / where to write (default: in place)",
)
def renew(pkg: Path, tsa: str, out: Path | None) -> int:
    """アーカイブタイムスタンプを追加する / add an archive timestamp (long-term validity)."""
    from endingnote.sign import renew_package
    from endingnote.sign.tsa import resolve_tsa

    target = renew_package(pkg, resolve_tsa(tsa), out=out)
    click.echo(f"アーカイブタイムスタンプを追加しました / archive timestamp added: {target}", err=True)
    return 0
