"""``endingnote registers``: family registers (戸籍) — chain check, text → JSON, family graph."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from endingnote._issues import Issue
    from endingnote.koseki import LoadResult

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


_SEVERITY_JA = {"error": "誤り", "warning": "注意", "info": "情報"}


def _issue_line(issue: Issue, lang: str) -> str:
    """One finding for people: in Japanese the message and where (file, line) without internal
    codes or person ids; in English the code too, for the professional who looks it up."""
    if lang == "ja":
        path = "" if issue.path.startswith("person:") else issue.path
        where = " ".join(x for x in (issue.file, path) if x)
        return f"  {_SEVERITY_JA.get(issue.severity.value, issue.severity.value)}: {issue.message_ja}" + (
            f"（{where}）" if where else ""
        )
    where = " ".join(x for x in (issue.file, issue.path) if x)
    return f"  [{issue.severity.value}] {issue.code}{f' ({where})' if where else ''}: {issue.message_en}"


def _load(directory: str, trust: tuple[str, ...], now: dt.datetime | None) -> LoadResult:
    from endingnote.errors import InputError
    from endingnote.koseki import load_registers

    anchors: list[bytes] = []
    for path in trust:
        try:
            anchors.append(Path(path).read_bytes())
        except OSError as exc:
            raise InputError(f"cannot read the trusted issuer certificate {path}: {exc.strerror}") from exc
    return load_registers(directory, trusted_issuers=anchors, now=now)


_TRUST = click.option(
    "--trust-issuer",
    "trust",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="pinned e-certificate issuer (PEM/DER; the issuer or its CA) / 信頼する戸籍電子証明書の発行者",
)
_NOW = click.option(
    "--now", "now_text", default=None, help="check e-certificate expiry at this ISO time / 有効期限の判定時刻"
)
_LANG = click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)


def _now(now_text: str | None) -> dt.datetime | None:
    if now_text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(now_text)
    except ValueError:
        raise click.BadParameter(f"not an ISO date-time: {now_text}", param_hint="--now") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@click.group()
def registers() -> None:
    """戸籍: 連続性の確認・テキストの読み取り・家族関係グラフ / family registers: chains, text, graph."""


@registers.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--person", required=True, help="person id (m19500401), name (山田太郎) or name@YYYY-MM-DD")
@click.option("--no-dependents", is_flag=True, help="check only this person / この人物のみ確認")
@click.option(
    "--from-birth/--from-age-13",
    "from_birth",
    default=True,
    show_default=True,
    help="every register from birth (法定相続情報 practice) / or let holes before age 13 pass as warnings "
    "(the shortcut says what it let through) / 出生から（既定）・13歳前の欠落を注意にとどめる",
)
@click.option("--json", "as_json", is_flag=True, help="machine output on stdout")
@_TRUST
@_NOW
@_LANG
def check(
    directory: str,
    person: str,
    no_dependents: bool,
    from_birth: bool,
    as_json: bool,
    trust: tuple[str, ...],
    now_text: str | None,
    lang: str,
) -> int:
    """出生から死亡まで戸籍が途切れないか確認する / check a register chain for holes.

    DIRECTORY holds register JSON (*.json), certificate text (*.txt: a computerised 全部事項証明, or
    a paper 謄本 transcribed in its reading order) and e-certificates (*.p7m). Besides the person,
    it checks everyone the heirs depend on (predeceased children and siblings, parents when
    siblings may inherit) and that each possible heir has a current register. Exit 0 complete,
    1 gaps or errors, 2 usage.
    """
    from endingnote.errors import InputError
    from endingnote.koseki import check_chains

    now = _now(now_text)
    if not Path(directory).is_dir():
        raise InputError(f"not a directory: {directory}")
    loaded = _load(directory, trust, now)
    as_of = (now or dt.datetime.now(dt.UTC)).date()
    report = check_chains(
        loaded.registers, person, include_dependents=not no_dependents, as_of=as_of, from_birth=from_birth
    )
    unknown_person = any(
        i.code in ("koseki.chain.person_not_found", "koseki.chain.person_ambiguous") for i in report.issues
    )
    errors = [i for i in [*loaded.report, *report.all_issues()] if i.severity.value == "error"]
    if as_json:
        out = report.to_dict()
        out["files"] = [
            {"file": r.source, "register": r.label(), "sha256": r.source_sha256} for r in loaded.registers
        ]
        out["load_issues"] = [i.to_dict() for i in loaded.report]
        out["complete"] = report.complete and not errors
        _echo_json(out)
    else:
        for issue in loaded.report:
            click.echo(_issue_line(issue, lang))
        from endingnote.calendar import wareki_label

        for chain in report.chains:
            if lang == "ja":
                click.echo(f"戸籍の連続: {chain.person.display()}（{chain.why_label('ja')}）")
            else:
                click.echo(
                    f"chain of: {chain.person.display()} [{chain.person.id}] ({chain.why_label('en')})"
                )
            for stay in chain.stays:
                if lang == "ja":
                    start = wareki_label(stay.start, seireki=True)
                    end = wareki_label(stay.end, seireki=True) if stay.end else "現在"
                else:
                    start = stay.start.isoformat() if stay.start else "?"
                    end = stay.end.isoformat() if stay.end else "…"
                click.echo(f"  {start} – {end}  {stay.register.label()}  ({stay.register.source})")
            for issue in chain.issues:
                click.echo(_issue_line(issue, lang))
        for issue in report.issues:
            click.echo(_issue_line(issue, lang))
        if report.complete and not errors:
            click.echo("完全です（必要な戸籍はそろっています）" if lang == "ja" else "complete")
        else:
            requests = report.requests
            if requests:
                click.echo("請求する戸籍:" if lang == "ja" else "registers to request:")
                for request in requests:
                    click.echo(f"  - {request.describe(lang)}")
    if unknown_person:
        return EXIT_USAGE
    return EXIT_OK if not errors else EXIT_INVALID


@registers.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write the register JSON here")
@click.option("--json", "as_json", is_flag=True, help="print the register JSON and issues on stdout")
@_LANG
def parse(file: str, output: str | None, as_json: bool, lang: str) -> int:
    """全部事項証明のテキストを戸籍 JSON にする / read certificate text (or JSON) into register JSON."""
    from endingnote import _atomic
    from endingnote.errors import InputError
    from endingnote.koseki import load_register_bytes, register_to_json

    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}") from exc
    register, issues, _ = load_register_bytes(data, Path(file).name)
    doc = register_to_json(register) if register else None
    if output and doc is not None:
        _atomic.write_text(output, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    if as_json:
        _echo_json({"valid": doc is not None, "register": doc, "issues": [i.to_dict() for i in issues]})
    else:
        for issue in issues:
            click.echo(_issue_line(issue, lang), err=doc is None)
        if doc is not None and not output:
            _echo_json(doc)
    return EXIT_OK if doc is not None else EXIT_INVALID


@registers.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write the family graph here")
@_TRUST
@_NOW
@_LANG
def graph(directory: str, output: str | None, trust: tuple[str, ...], now_text: str | None, lang: str) -> int:
    """戸籍から家族関係グラフを作る / build the family graph (standard/family-graph/1.0) from registers."""
    from endingnote import _atomic
    from endingnote.koseki import build_family_graph

    loaded = _load(directory, trust, _now(now_text))
    doc, issues = build_family_graph(loaded.registers)
    for issue in [*loaded.report, *issues]:
        click.echo(_issue_line(issue, lang), err=True)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if output:
        _atomic.write_text(output, text)
    else:
        sys.stdout.write(text)
    return EXIT_INVALID if any(i.severity.value == "error" for i in loaded.report) else EXIT_OK


@registers.command()
@click.argument("code")
@click.option(
    "--from", "provider_spec", required=True, help="folder of <code>.p7m files, or http(s):// provider URL"
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write the verified register JSON here")
@click.option("--json", "as_json", is_flag=True, help="machine output on stdout")
@_TRUST
@_NOW
@_LANG
def fetch(
    code: str,
    provider_spec: str,
    output: str | None,
    as_json: bool,
    trust: tuple[str, ...],
    now_text: str | None,
    lang: str,
) -> int:
    """識別符号で戸籍電子証明書を取得・検証する / fetch and verify an e-certificate by its 16-digit code.

    Exit 0 valid, 1 invalid (signature, issuer, expiry, not found), 2 usage (bad code or provider).
    """
    from endingnote import _atomic
    from endingnote.errors import InputError
    from endingnote.koseki import DirectoryProvider, HttpProvider, register_to_json, resolve, valid_code

    if not valid_code(code):
        raise click.BadParameter("識別符号は16桁の数字です / the code must be 16 digits", param_hint="CODE")
    anchors: list[bytes] = []
    for path in trust:
        try:
            anchors.append(Path(path).read_bytes())
        except OSError as exc:
            raise InputError(f"cannot read the trusted issuer certificate {path}: {exc.strerror}") from exc
    provider: HttpProvider | DirectoryProvider
    if provider_spec.startswith(("http://", "https://")):
        try:
            provider = HttpProvider(provider_spec)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--from") from None
    elif Path(provider_spec).is_dir():
        provider = DirectoryProvider(provider_spec)
    else:
        raise click.BadParameter(f"not a folder or http(s) URL: {provider_spec}", param_hint="--from")
    result = resolve(provider, code, anchors, now=_now(now_text) or dt.datetime.now(dt.UTC))
    if output and result.valid and result.register is not None:
        doc = register_to_json(result.register)
        _atomic.write_text(output, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    if as_json:
        _echo_json(result.to_dict())
    else:
        for issue in result.issues:
            click.echo(_issue_line(issue, lang))
        if result.valid:
            click.echo(
                f"有効 / valid: {result.register.label() if result.register else ''} (〜{result.expires_on})"
            )
    return EXIT_OK if result.valid else EXIT_INVALID


@registers.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--pkcs12", "p12", type=click.Path(dir_okay=False), help="the issuer's PKCS#12 key file")
@click.option("--p12", "p12_legacy", hidden=True, type=click.Path(dir_okay=False))
@click.option(
    "--password-env", default="ENDINGNOTE_P12_PASSWORD", show_default=True, help="env var with its password"
)
@click.option("--code", required=True, help="16-digit identifier code / 16桁の識別符号")
@click.option("--issued-at", "issued_text", default=None, help="issue time (ISO; default now)")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="write the e-certificate (DER)"
)
def issue(
    file: str,
    p12: str | None,
    p12_legacy: str | None,
    password_env: str,
    code: str,
    issued_text: str | None,
    output: str,
) -> int:
    """戸籍電子証明書を発行する（テスト・連携試験用）/ issue an e-certificate for a register (for tests).

    FILE is register JSON or certificate text. The password is read from the environment, never
    from the command line.
    """
    import os

    from endingnote import _atomic
    from endingnote.errors import InputError
    from endingnote.koseki import load_register_bytes, sign_ecert, valid_code
    from endingnote.sign import Pkcs12Signer

    if not valid_code(code):
        raise click.BadParameter("識別符号は16桁の数字です / the code must be 16 digits", param_hint="--code")
    p12 = p12 or p12_legacy  # --p12: the published spelling, kept as a hidden alias
    if p12 is None:
        raise click.UsageError("--pkcs12 FILE を指定してください / give --pkcs12 FILE")
    password = os.environ.get(password_env)
    if password is None:
        raise click.UsageError(f"set the issuer key's password in ${password_env}")
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}") from exc
    register, issues, _ = load_register_bytes(data, Path(file).name)
    for found in issues:
        click.echo(_issue_line(found, "ja"), err=True)
    if register is None:
        return EXIT_INVALID
    signer = Pkcs12Signer.from_file(p12, password)
    issued_at = _now(issued_text) or dt.datetime.now(dt.UTC)
    _atomic.write_bytes(output, sign_ecert(register, signer, code=code, issued_at=issued_at))
    click.echo(f"発行しました / issued: {output} ({register.label()})", err=True)
    return EXIT_OK
