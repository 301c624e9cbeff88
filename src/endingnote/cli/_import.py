"""``endingnote import``: an heir opens a decedent's signed export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from endingnote.cli._output import lang_option, parse_time, read_password, trust_options

EXIT_USAGE = 2


_STATUS = {
    "imported": ("取り込みました", "imported"),
    "refused": ("取り込めません", "refused"),
    "indeterminate": ("判定できないため取り込みません", "indeterminate: not imported"),
    "error": ("出力を書き込めません", "cannot write the outputs"),
}


def _print(data: dict[str, Any], lang: str = "ja") -> None:
    """The result for a person, in one language."""
    from endingnote._display import terminal_text
    from endingnote.importer._plain import Lang, date_text, share_text

    ja = lang == "ja"

    def say(text_ja: str, text_en: str) -> None:
        click.echo(terminal_text(text_ja if ja else text_en))

    status = data["status"]
    say(*_STATUS.get(status, (status, status)))
    if accepted := data.get("accepted_signed_after_death"):
        say(
            f"  【注意】死亡後の署名を受け入れました(すべての出力に記録): {accepted}",
            f"  NOTE: signed after death, accepted (recorded in every output): {accepted}",
        )
    if data.get("unverified"):
        say(
            "  【未検証】すべての出力に「未検証」と表示されています",
            "  UNVERIFIED: every output is marked so",
        )
    if data.get("decedent"):
        d = data["decedent"]
        born, died = (dt.date.fromisoformat(d[k]) if d.get(k) else None for k in ("birth_date", "death_date"))
        lg: Lang = "ja" if ja else "en"
        say(
            f"  被相続人: {d['name']}（{date_text(born, lg)} – {date_text(died, lg)}）",
            f"  decedent: {d['name']} ({date_text(born, lg)} – {date_text(died, lg)})",
        )
    claimant = data.get("claimant") or {}
    if claimant.get("verdict") == "heir":
        share = share_text(claimant.get("share"), "ja" if ja else "en")
        say(f"  あなたの法定相続分: {share}", f"  your statutory share: {share}")
    elif claimant.get("kind") == "attestation" and claimant.get("valid"):
        say(f"  相続人の証明: {claimant.get('signer')}", f"  heirs attestation by: {claimant.get('signer')}")
    for w in data.get("withheld", []):
        say(f"  非開示: {w['label_ja']}", f"  withheld: {w['label_en']}")
    for item in data.get("issues", []):
        if item["code"].startswith("importer.") and item["code"] != "importer.withheld":
            say(f"  {item['message_ja']}", f"  {item['message_en']}")
    for name, path in (data.get("outputs") or {}).items():
        click.echo(terminal_text(f"  {name}: {path}"))


def _date_option(value: str | None, hint: str) -> dt.date | None:
    """A date option: ISO (2024-04-02) or 和暦 (令和6年4月2日)."""
    if value is None:
        return None
    from endingnote.calendar import WarekiError, parse_date

    try:
        return parse_date(value)
    except WarekiError as exc:
        raise click.BadParameter(f"{exc.message_ja} / {exc.message_en}: {value}", param_hint=hint) from None


@click.command("import")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--registers",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="戸籍のフォルダ / folder of family registers",
)
@click.option(
    "--claimant-card",
    is_flag=True,
    help="請求者のマイナンバーカードで本人確認 / prove identity with the card",
)
@click.option("--reader", metavar="NAME", help="カードリーダー名 / PC/SC reader name")
@click.option(
    "--attestation",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="相続人の証明 (heirs attest) / a signed heirs attestation",
)
@click.option(
    "--claimant-cert",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="請求者の署名用証明書 (オフライン) / the claimant's signing certificate (offline form)",
)
@click.option(
    "--challenge",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="--make-challenge で作ったチャレンジ / the challenge made by --make-challenge",
)
@click.option(
    "--challenge-signature",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="チャレンジへの署名 (PKCS#1 v1.5, SHA-256) / the challenge's signature",
)
@click.option(
    "--make-challenge",
    type=click.Path(dir_okay=False, path_type=Path),
    help="オフライン用のチャレンジを書き出して終了 / write a fresh challenge for the offline form and exit",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="出力フォルダ / output folder",
)
@trust_options(
    trust_help="信頼点 (JPKI 署名用 CA と TSA のルート) / trust anchors (JPKI signing CAs, TSA root)"
)
@click.option("--at", "at", metavar="TIME", help="検証時刻 (ISO 8601、既定は現在) / validation time")
@click.option(
    "--password-env", metavar="NAME", help="パスワードを読む環境変数 / env variable holding the password"
)
@click.option(
    "--force-unverified",
    is_flag=True,
    help="判定不能でも出力 (すべて「未検証」と表示) / write outputs when indeterminate, marked unverified",
)
@click.option(
    "--learned-on",
    metavar="DATE",
    help="死亡を知った日 (既定は死亡日。例 2024-04-02、令和6年4月2日) / the day you learned of the death"
    " (default: the date of death); deadlines that run from it use it",
)
@click.option(
    "--csv-encoding",
    type=click.Choice(["utf-8", "cp932"]),
    default="utf-8",
    show_default=True,
    help="CSV の文字コード (古い Excel には cp932) / CSV encoding (cp932 for older Excel)",
)
@click.option(
    "--accept-signed-after-death",
    "accept_after_death",
    metavar="REASON",
    help="死亡後に署名されたノートを理由を記録して取り込む / import a note signed after the owner's death,"
    " recording REASON in every output",
)
@click.option("--json", "as_json", is_flag=True, help="結果を JSON で出力 / print the result as JSON")
@lang_option()
def import_(
    package: Path,
    registers: Path | None,
    claimant_card: bool,
    reader: str | None,
    attestation: Path | None,
    claimant_cert: Path | None,
    challenge: Path | None,
    challenge_signature: Path | None,
    make_challenge: Path | None,
    out: Path | None,
    trust: Path | None,
    crls: tuple[Path, ...],
    ocsp: str | None,
    at: str | None,
    password_env: str | None,
    force_unverified: bool,
    learned_on: str | None,
    csv_encoding: str,
    accept_after_death: str | None,
    as_json: bool,
    lang: str,
) -> int:
    """故人の署名付きエクスポートを相続人として取り込む / import a decedent's signed export as an heir.

    \b
    手順 / steps: 署名の検証 (タイムスタンプ時点で有効か) → 戸籍で本人の死亡と署名者=本人を確認
    → 請求者が相続人か (カードで新しいチャレンジに署名、または相続人の証明) → 開示ルールで絞り込み → 出力。
    verify the package (valid as of its timestamp) → the registers show the owner died and signed it
    → the claimant is an heir (card signs a fresh challenge, or an attestation) → disclosure rules → outputs.

    \b
    本人確認 / proving the claimant (exactly one):
      --claimant-card            カードで新しいチャレンジに署名 / the card signs a fresh challenge now
      --claimant-cert C --challenge F --challenge-signature S
                                 オフライン: まず --make-challenge F で作り、別の場所で署名 (24 時間有効)
                                 offline: make F with --make-challenge, sign it elsewhere (valid 24 h)
      --attestation A            専門職による相続人の証明 (相続人全員として扱う)
                                 a professional's heirs attestation (counts as all heirs)

    \b
    終了コード / exit codes:
      0 取り込み完了 / imported
      1 拒否・失敗: 無効なパッケージ、相続人でない、別の被相続人、署名者が本人でない、
        死亡後の署名 (--accept-signed-after-death 理由 で取り込み可)
        refused: invalid package, not an heir, wrong decedent, signer is not the owner,
        signed after the owner's death (--accept-signed-after-death REASON imports it)
      2 使い方・入出力の誤り / usage or I/O error
      3 判定不能 (失効状態不明など); --force-unverified で「未検証」として出力
        indeterminate (e.g. revocation unknown); --force-unverified writes outputs marked unverified
    """
    from endingnote._atomic import write_bytes
    from endingnote.importer import AttestationClaim, CardClaim, SignedChallenge, run_import
    from endingnote.importer import make_challenge as new_challenge
    from endingnote.importer._journey import package_digest

    when = parse_time(at)
    learned = _date_option(learned_on, "--learned-on")
    if make_challenge is not None:
        write_bytes(make_challenge, new_challenge(package_digest(package), when))
        click.echo(
            f"チャレンジを書き出しました (24 時間有効) / challenge written (valid 24 h): {make_challenge}\n"
            f"  署名の例 / sign it e.g.: openssl dgst -sha256 -sign KEY.pem -out SIG.bin {make_challenge}",
            err=True,
        )
        return 0
    offline = claimant_cert is not None
    if [claimant_card, attestation is not None, offline].count(True) != 1:
        raise click.UsageError(
            "--claimant-card、--claimant-cert、--attestation のいずれか一つを指定してください / "
            "give exactly one of --claimant-card, --claimant-cert or --attestation"
        )
    if offline and (challenge is None or challenge_signature is None):
        raise click.UsageError(
            "--claimant-cert には --challenge と --challenge-signature が必要です / "
            "--claimant-cert needs --challenge and --challenge-signature"
        )
    if accept_after_death is not None and not accept_after_death.strip():
        raise click.BadParameter(
            "理由を書いてください / give a reason", param_hint="--accept-signed-after-death"
        )
    if registers is None or out is None:
        raise click.UsageError("--registers と -o が必要です / --registers and -o are required")
    claim: CardClaim | SignedChallenge | AttestationClaim
    try:
        if attestation is not None:
            claim = AttestationClaim(attestation.read_bytes())
        elif claimant_cert is not None and challenge is not None and challenge_signature is not None:
            claim = SignedChallenge(
                claimant_cert.read_bytes(), challenge.read_bytes(), challenge_signature.read_bytes()
            )
        else:
            from endingnote.sign.card import JpkiCardSigner

            password = read_password(
                password_env, "請求者のカードの署名用パスワード / claimant card's signing password"
            )
            claim = CardClaim(lambda: JpkiCardSigner.open(password, reader=reader))
    except OSError as exc:
        raise click.FileError(str(exc.filename or "?"), str(exc)) from exc
    result = run_import(
        package, registers, claim, out,
        trust=trust, crls=list(crls), ocsp=ocsp, at=when, force_unverified=force_unverified,
        learned_on=learned, lang=lang, csv_encoding=csv_encoding,
        accept_signed_after_death=accept_after_death,
    )  # fmt: skip
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        _print(data, lang)
    return result.exit_code
