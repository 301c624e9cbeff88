"""``endingnote heirs``: statutory heirs (法定相続人), the 一覧図, heir claims and attestations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from endingnote.cli._output import echo_json, lang_option

if TYPE_CHECKING:
    from fractions import Fraction

    from endingnote._issues import Issue
    from endingnote.heirs import FamilyGraph, HeirResult, Options

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INDETERMINATE = 0, 1, 2, 3


_SEVERITY = {"error": ("誤り", "error"), "warning": ("注意", "warning"), "info": ("参考", "note")}


def _issue_line(issue: Issue, lang: str) -> str:
    from endingnote._display import terminal_text

    where = " ".join(x for x in (issue.file, issue.path) if x)
    sev = _SEVERITY.get(issue.severity.value, (issue.severity.value,) * 2)[0 if lang == "ja" else 1]
    text = terminal_text(f"  {sev}: {issue.message(lang)} [{issue.code}{f' {where}' if where else ''}]")
    return text


def _read_input(path: Path, trust: tuple[str, ...]) -> tuple[FamilyGraph | None, list[Issue]]:
    """A family-graph file, or a directory of registers converted by ``endingnote.koseki``."""
    from endingnote.errors import InputError
    from endingnote.heirs import read_graph

    if path.is_dir():
        from endingnote.koseki import build_family_graph, load_registers

        anchors: list[bytes] = []
        for item in trust:
            try:
                anchors.append(Path(item).read_bytes())
            except OSError as exc:
                raise InputError(f"cannot read {item}: {exc.strerror}") from exc
        loaded = load_registers(path, trusted_issuers=anchors)
        doc, build_issues = build_family_graph(loaded.registers)
        graph, report = read_graph(doc)
        return graph, [*loaded.report.issues, *build_issues, *report.issues]
    if not path.exists():
        raise InputError(f"no such file or directory: {path}")
    graph, report = read_graph(path)
    return graph, list(report.issues)


def _resolve_person(graph: FamilyGraph, key: str) -> str | None:
    """An id, or a name (``山田太郎``), or ``name@YYYY-MM-DD``, when exactly one person matches."""
    if graph.person(key) is not None:
        return key
    from endingnote.koseki.names import name_key

    name, _, born = key.partition("@")
    hits = [
        p.id
        for p in graph.persons
        if name_key(p.name.family + p.name.given) == name_key(name)
        and (not born or (p.birth_date is not None and p.birth_date.isoformat() == born))
    ]
    return hits[0] if len(hits) == 1 else None


def _options(settled: bool, spouse_sibling: str) -> Options:
    from endingnote.heirs import Options

    return Options(
        settled_before_2013=settled, spouse_sibling="both" if spouse_sibling == "both" else "spouse_only"
    )


def _other_views(result: HeirResult, options: Options) -> list[tuple[str, Options]]:
    """The options of the views the result depended on but did not apply (domain notes §6.6)."""
    import dataclasses

    codes = {f.code for f in result.findings}
    out: list[tuple[str, Options]] = []
    if "heirs.assume.spouse_sibling" in codes or options.spouse_sibling == "both":
        if options.spouse_sibling == "both":
            out.append(
                ("spouse_sibling=spouse_only", dataclasses.replace(options, spouse_sibling="spouse_only"))
            )
        else:
            out.append(("spouse_sibling=both", dataclasses.replace(options, spouse_sibling="both")))
    if "heirs.assume.settled_2001_2013" in codes or (
        options.settled_before_2013
        and result.rule_set == "civil-code-1981"
        and result.death_date is not None
        and result.death_date.year >= 2001
    ):
        flag = not options.settled_before_2013
        out.append((f"settled_before_2013={flag}", dataclasses.replace(options, settled_before_2013=flag)))
    return out


def _exit_for(result: HeirResult) -> int:
    if result.status != "indeterminate":
        return EXIT_OK
    if any(f.code == "heirs.spouse.multiple" for f in result.findings):
        return EXIT_INDETERMINATE
    return EXIT_INVALID


_INPUT = click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
_DECEDENT = click.option("--decedent", required=True, help="decedent id, name or name@YYYY-MM-DD / 被相続人")
_TRUST = click.option(
    "--trust-issuer",
    "trust",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="pinned e-certificate issuer for a register directory / 戸籍電子証明書の信頼する発行者",
)
_SETTLED = click.option(
    "--settled-before-2013",
    is_flag=True,
    help="deaths 2001-07 … 2013-09-04: division already settled (non-marital half share) / 分割確定済み",
)
_SPOUSE_SIBLING = click.option(
    "--spouse-sibling",
    type=click.Choice(["spouse_only", "both"]),
    default="spouse_only",
    show_default=True,
    help="spouse who is also a sibling: registration practice or both capacities / 配偶者兼兄弟姉妹",
)


@click.group()
def heirs() -> None:
    """法定相続人・一覧図・相続人の確認・証明 / statutory heirs, 一覧図, claims, attestations."""


@heirs.command("compute")
@_INPUT
@_DECEDENT
@click.option("--json", "as_json", is_flag=True, help="machine output on stdout")
@click.option(
    "--svg", "svg_out", type=click.Path(dir_okay=False, path_type=Path), help="write the 一覧図 (図形式) SVG"
)
@click.option("--text", "as_text", is_flag=True, help="print the 一覧図 listing (列挙形式)")
@click.option(
    "--map-json", "map_out", type=click.Path(dir_okay=False, path_type=Path), help="write the 一覧図 JSON"
)
@click.option("--applicant", help="person id of the applicant (申出人)")
@click.option("--prepared-by", help="作成者の氏名 / the preparer's name (作成者)")
@click.option("--preparer-address", help="作成者の住所 (専門職は事務所の所在地) / the preparer's address")
@click.option("--preparer-qualification", help="専門職の資格 (司法書士 …) / a professional's qualification")
@click.option("--preparer-office", help="事務所の名称 / the professional's office")
@click.option("--prepared-on", help="作成日 YYYY-MM-DD")
@click.option("--successive", is_flag=True, help="follow heirs who died later into their estates / 数次相続")
@click.option(
    "--both-views", is_flag=True, help="where views differ, also show the other view's result / 両説"
)
@_TRUST
@_SETTLED
@_SPOUSE_SIBLING
@lang_option()
def compute_cmd(
    input_path: Path,
    decedent: str,
    as_json: bool,
    svg_out: Path | None,
    as_text: bool,
    map_out: Path | None,
    applicant: str | None,
    prepared_by: str | None,
    preparer_address: str | None,
    preparer_qualification: str | None,
    preparer_office: str | None,
    prepared_on: str | None,
    successive: bool,
    both_views: bool,
    trust: tuple[str, ...],
    settled_before_2013: bool,
    spouse_sibling: str,
    lang: str,
) -> int:
    """相続人と法定相続分を判定する / determine the statutory heirs and their shares."""
    from endingnote import _atomic
    from endingnote.heirs import (
        Preparer,
        chart_too_large,
        compute,
        compute_successive,
        describe,
        heir_map,
        render_svg,
        render_text,
    )

    made_on = None
    if prepared_on:
        try:
            made_on = dt.date.fromisoformat(prepared_on)
        except ValueError:
            raise click.BadParameter(f"not a date: {prepared_on}", param_hint="--prepared-on") from None
    graph, input_issues = _read_input(input_path, trust)
    if graph is None:
        if as_json:
            echo_json(
                {
                    "valid": False,
                    "findings": [i.to_dict() for i in input_issues],
                    "heirs": [],
                    "non_heirs": [],
                }
            )
        else:
            click.echo("家族関係グラフに誤りがあります / the family graph has errors:", err=True)
            for i in input_issues:
                click.echo(_issue_line(i, lang), err=True)
        return EXIT_INVALID
    decedent_id = _resolve_person(graph, decedent) or decedent
    options = _options(settled_before_2013, spouse_sibling)
    result = compute(graph, decedent_id, options)
    chart = None
    if svg_out or as_text or map_out:
        chart, _ = heir_map(
            graph,
            decedent_id,
            applicant=applicant,
            prepared_on=made_on,
            prepared_by=Preparer(prepared_by, preparer_address, preparer_qualification, preparer_office)
            if prepared_by
            else None,
            options=options,
        )
        if chart is not None:
            too_large = chart_too_large(chart) if svg_out else None
            if too_large is not None:
                click.echo(_issue_line(too_large, lang), err=True)
                return EXIT_INVALID
            if svg_out:
                _atomic.write_text(svg_out, render_svg(chart))
            if map_out:
                import orjson

                _atomic.write_bytes(
                    map_out, orjson.dumps(chart.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"
                )
    if as_json:
        out: dict[str, Any] = {
            "valid": True,
            **describe(graph, result),
            "input_findings": [i.to_dict() for i in input_issues],
        }
        if chart is not None and (as_text or map_out or svg_out):
            out["heir_map"] = chart.to_dict()
        if successive:
            out["successive"] = compute_successive(graph, decedent_id, options).to_dict()
        if both_views:
            out["other_views"] = {
                name: compute(graph, decedent_id, other).to_dict()
                for name, other in _other_views(result, options)
            }
        echo_json(out)
        return _exit_for(result)
    if as_text and chart is not None:
        click.echo(render_text(chart), nl=False)
    else:
        _print_result(graph, result, lang)
    if both_views:
        for name, other in _other_views(result, options):
            alt = compute(graph, decedent_id, other)
            shares = ", ".join(f"{_name(graph, h.id)} {_share(h.share, lang)}" for h in alt.heirs)
            click.echo(f"別の見解 [{name}]: {shares}" if lang == "ja" else f"other view [{name}]: {shares}")
    if successive:
        chain = compute_successive(graph, decedent_id, options)
        click.echo(
            "数次相続を含む最終的な取得割合:"
            if lang == "ja"
            else "effective shares through successive inheritance:"
        )
        for pid, part in sorted(chain.effective.items()):
            click.echo(f"  {_name(graph, pid)}  {_share(part, lang)}")
    for i in [*input_issues, *result.findings]:
        click.echo(_issue_line(i, lang), err=True)
    return _exit_for(result)


def _name(graph: FamilyGraph, pid: str) -> str:
    from endingnote._display import terminal_text

    p = graph.person(pid)
    return terminal_text(p.name.full if p else pid, newlines=False)


def _share(share: Fraction, lang: str) -> str:
    from endingnote.importer._plain import share_text

    return share_text(share, "ja" if lang == "ja" else "en")


_STATUS_WORDS = {
    "determined": ("確定", "determined"),
    "provisional": (
        "暫定(胎児が生きて生まれることが条件)",
        "provisional (a child in utero must be born alive)",
    ),
    "no_heir": ("相続人なし", "no heir"),
    "indeterminate": ("判定できません", "indeterminate"),
}


def _print_result(graph: FamilyGraph, result: HeirResult, lang: str) -> None:
    """Heirs, then the others, in one language: Japanese (``--lang ja``) or English."""
    from endingnote._display import terminal_text
    from endingnote.calendar import wareki_label
    from endingnote.heirs import describe

    ja = lang == "ja"
    described = describe(graph, result)
    died = result.death_date
    status = _STATUS_WORDS.get(result.status, (result.status, result.status))[0 if ja else 1]
    name = _name(graph, result.decedent_id)
    if ja:
        click.echo(f"被相続人: {name}（{wareki_label(died, seireki=True)} 死亡）  判定: {status}")
    else:
        click.echo(f"Decedent: {name} (died {died.isoformat() if died else 'unknown'})  Result: {status}")
    click.echo("")
    click.echo(f"相続人 ({len(result.heirs)}人)" if ja else f"Heirs ({len(result.heirs)})")
    for h, entry in zip(result.heirs, described["heirs"], strict=True):
        rel = entry["relationship_ja"] if ja else entry["relationship_en"]
        text = terminal_text(h.explanation_ja if ja else h.explanation_en, newlines=False)
        click.echo(f"  {_name(graph, h.id)}（{rel}）  {_share(h.share, lang)}  {text}")
    click.echo("")
    click.echo("相続人でない人" if ja else "Not heirs")
    for n, entry in zip(result.non_heirs, described["non_heirs"], strict=True):
        if n.reason == "decedent":
            continue
        rel = entry["relationship_ja"] if ja else entry["relationship_en"]
        text = terminal_text(n.explanation_ja if ja else n.explanation_en, newlines=False)
        click.echo(f"  {_name(graph, n.id)}{f'（{rel}）' if rel else ''}  {text}")


@heirs.command("claim")
@_INPUT
@_DECEDENT
@click.option("--name", help="claimant's name / 請求者の氏名")
@click.option("--birth", help="claimant's date of birth YYYY-MM-DD / 生年月日")
@click.option(
    "--cert", type=click.Path(dir_okay=False, path_type=Path), help="JPKI signing certificate (PEM/DER)"
)
@click.option("--json", "as_json", is_flag=True, help="machine output on stdout")
@_TRUST
@lang_option()
def claim_cmd(
    input_path: Path,
    decedent: str,
    name: str | None,
    birth: str | None,
    cert: Path | None,
    as_json: bool,
    trust: tuple[str, ...],
    lang: str,
) -> int:
    """請求者が相続人か確認する / check whether a claimant is an heir (0 heir, 1 not an heir, 3 ambiguous)."""
    from endingnote.heirs import Claimant, check_claim

    claimant: Any
    if cert is not None:
        claimant = _basic4_from_cert(cert)
    elif name and birth:
        try:
            claimant = Claimant(name=name, birth_date=dt.date.fromisoformat(birth))
        except ValueError:
            raise click.BadParameter(f"not a date: {birth}", param_hint="--birth") from None
    else:
        raise click.UsageError("give --cert, or --name and --birth")
    graph, input_issues = _read_input(input_path, trust)
    if graph is None:
        for i in input_issues:
            click.echo(_issue_line(i, lang), err=True)
        return EXIT_INVALID
    decedent_id = _resolve_person(graph, decedent) or decedent
    verdict = check_claim(graph, decedent_id, claimant)
    if as_json:
        echo_json(verdict.to_dict())
    else:
        share = f" {verdict.share.numerator}/{verdict.share.denominator}" if verdict.share is not None else ""
        text = verdict.explanation_ja if lang == "ja" else verdict.explanation_en
        click.echo(f"{verdict.verdict}{share} {verdict.person_id or ''}: {text}")
    return {"heir": EXIT_OK, "not_heir": EXIT_INVALID}.get(verdict.verdict, EXIT_INDETERMINATE)


def _basic4_from_cert(path: Path) -> Any:
    from cryptography import x509

    from endingnote.errors import InputError
    from endingnote.sign.card import basic_four_data

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        cert = (
            x509.load_pem_x509_certificate(data)
            if b"-----BEGIN" in data
            else x509.load_der_x509_certificate(data)
        )
    except ValueError:
        raise click.BadParameter("not an X.509 certificate", param_hint="--cert") from None
    four = basic_four_data(cert)
    if four is None:
        raise click.BadParameter(
            "the certificate carries no basic four data (基本4情報)", param_hint="--cert"
        )
    return four


_LEGACY_PASSWORD_ENV = "ENDINGNOTE_P12_PASSWORD"  # noqa: S105 — the name of a variable, not a secret


@heirs.command("attest")
@_INPUT
@_DECEDENT
@click.option(
    "-o", "--output", "out_path", type=click.Path(dir_okay=False, path_type=Path), help="CMS output / 出力"
)
@click.option("--out", "out_legacy", hidden=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--pkcs12",
    type=click.Path(dir_okay=False, path_type=Path),
    help="署名者の PKCS#12 鍵ファイル / the signer's PKCS#12 key file",
)
@click.option("--p12", "p12_legacy", hidden=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--password-env",
    metavar="NAME",
    help="パスワードを読む環境変数 / environment variable holding the password",
)
@click.option("--password", "password_legacy", hidden=True)
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), help="signer's RSA key (PEM)")
@click.option("--cert", type=click.Path(dir_okay=False, path_type=Path), help="signer's certificate (PEM)")
@click.option(
    "--chain", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help="intermediate (PEM)"
)
@click.option("--now", "now_text", help="signing time (ISO 8601; default: now)")
@click.option("--note", help="free text added to the statement / 付記")
@click.option("--pem", "as_pem", is_flag=True, help="write PEM instead of DER")
@click.option("--json", "as_json", is_flag=True, help="machine output on stdout")
@_TRUST
@_SETTLED
@_SPOUSE_SIBLING
@lang_option()
def attest_cmd(
    input_path: Path,
    decedent: str,
    out_path: Path | None,
    out_legacy: Path | None,
    pkcs12: Path | None,
    p12_legacy: Path | None,
    password_env: str | None,
    password_legacy: str | None,
    key: Path | None,
    cert: Path | None,
    chain: tuple[Path, ...],
    now_text: str | None,
    note: str | None,
    as_pem: bool,
    as_json: bool,
    trust: tuple[str, ...],
    settled_before_2013: bool,
    spouse_sibling: str,
    lang: str,
) -> int:
    """相続人の証明書面 (CMS署名) を作成する / sign an heir attestation (CMS SignedData).

    Options as for ``sign``: ``-o/--output``, ``--pkcs12 FILE --password-env NAME`` (or ``--key`` and
    ``--cert``); the password is never given on the command line."""
    import base64
    import os

    from endingnote import _atomic
    from endingnote.errors import InputError
    from endingnote.heirs._attest import KeyFileSigner, build_statement, sign_statement

    signing_time = dt.datetime.now(dt.UTC)
    if now_text:
        try:
            signing_time = dt.datetime.fromisoformat(now_text)
        except ValueError:
            raise click.BadParameter(f"not an ISO date-time: {now_text}", param_hint="--now") from None
        if signing_time.tzinfo is None:
            signing_time = signing_time.replace(tzinfo=dt.UTC)
    out_path = out_path or out_legacy  # --out: the published spelling, kept hidden
    if out_path is None:
        raise click.UsageError("-o/--output が必要です / -o/--output is required")
    if password_legacy is not None:
        raise click.UsageError(
            "パスワードはコマンドラインに書けません (他の利用者に見えます)。"
            "--password-env NAME を使ってください / a password on the command line is visible to other"
            " users: use --password-env NAME"
        )
    pkcs12 = pkcs12 or p12_legacy  # --p12: the published spelling, kept hidden
    signer: Any
    try:
        if pkcs12 is not None:
            from endingnote.cli._output import read_password
            from endingnote.sign import Pkcs12Signer

            if password_env is None and _LEGACY_PASSWORD_ENV in os.environ:
                password_env = _LEGACY_PASSWORD_ENV  # the variable the command read before
            signer = Pkcs12Signer.from_file(pkcs12, read_password(password_env))
        elif key is not None and cert is not None:
            signer = KeyFileSigner(key.read_bytes(), cert.read_bytes(), [c.read_bytes() for c in chain])
        else:
            raise click.UsageError(
                "--pkcs12、または --key と --cert を指定 / give --pkcs12, or --key and --cert"
            )
    except OSError as exc:
        raise InputError(f"cannot read the signing key: {exc.strerror}") from exc
    graph, input_issues = _read_input(input_path, trust)
    if graph is None:
        for i in input_issues:
            click.echo(_issue_line(i, lang), err=True)
        return EXIT_INVALID
    decedent_id = _resolve_person(graph, decedent) or decedent
    statement, findings = build_statement(
        graph,
        decedent_id,
        attested_at=signing_time,
        options=_options(settled_before_2013, spouse_sibling),
        note=note,
    )
    if statement is None:
        for i in findings:
            click.echo(_issue_line(i, lang), err=True)
        return EXIT_INVALID
    der = sign_statement(statement, signer, signing_time=signing_time)
    if as_pem:
        b64 = base64.encodebytes(der).replace(b"\n", b"")
        lines = [b64[k : k + 64] for k in range(0, len(b64), 64)]
        data = b"-----BEGIN CMS-----\n" + b"\n".join(lines) + b"\n-----END CMS-----\n"
    else:
        data = der
    _atomic.write_bytes(out_path, data)
    if as_json:
        echo_json({"written": str(out_path), "statement": statement})
    else:
        click.echo(f"証明書面を書き出しました / attestation written: {out_path}")
    return EXIT_OK


@heirs.command("verify-attestation")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--trust", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help="pinned trust anchor"
)
@click.option(
    "--graph", "graph_input", type=click.Path(path_type=Path), help="recompute from this graph/registers"
)
@click.option(
    "--documents", type=click.Path(file_okay=False, path_type=Path), help="directory of the sources"
)
@click.option("--json", "as_json", is_flag=True, help="machine output on stdout")
@_SETTLED
@_SPOUSE_SIBLING
@lang_option()
def verify_attestation_cmd(
    file: Path,
    trust: tuple[Path, ...],
    graph_input: Path | None,
    documents: Path | None,
    as_json: bool,
    settled_before_2013: bool,
    spouse_sibling: str,
    lang: str,
) -> int:
    """証明書面を検証する / verify an attestation: signature, chain to a pinned anchor, content
    (0 valid, 1 invalid, 3 no trust anchor given)."""
    from endingnote.errors import InputError
    from endingnote.heirs._attest import MAX_ATTESTATION_BYTES, verify_attestation

    try:
        if file.stat().st_size > MAX_ATTESTATION_BYTES:
            raise InputError(f"{file}: too large")
        data = file.read_bytes()
        anchors = [t.read_bytes() for t in trust]
        docs = None
        if documents is not None:
            docs = {
                p.name: p.read_bytes()
                for p in sorted(documents.iterdir())
                if p.is_file() and not p.is_symlink() and p.stat().st_size <= 64 * 1024 * 1024
            }
    except OSError as exc:
        raise InputError(f"cannot read: {exc}") from exc
    graph = None
    if graph_input is not None:
        graph, input_issues = _read_input(graph_input, ())
        if graph is None:
            for i in input_issues:
                click.echo(_issue_line(i, lang), err=True)
            return EXIT_INVALID
    verdict = verify_attestation(
        data, anchors, graph=graph, options=_options(settled_before_2013, spouse_sibling), documents=docs
    )
    if as_json:
        echo_json(verdict.to_dict())
    else:
        mark = "有効 / valid" if verdict.valid else "無効 / invalid"
        click.echo(
            f"{mark}: signer={verdict.signer} intact={verdict.intact} trusted={verdict.trusted} "
            f"content={verdict.content_ok} matches={verdict.matches}"
        )
        if verdict.statement:
            for h in verdict.statement.get("heirs", []):
                click.echo(f"  {h.get('name')} ({h.get('id')}) {h.get('capacity')} {h.get('share')}")
        for i in verdict.issues:
            click.echo(_issue_line(i, lang), err=True)
    if verdict.valid:
        return EXIT_OK
    if verdict.intact and not trust:
        return EXIT_INDETERMINATE
    return EXIT_INVALID
