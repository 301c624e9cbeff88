"""``make demo``: the journeys endingnote exists for, on bundled data, printed as a person reads them.

Each step is a function; steps print what a vendor, an heir or an editor would see. Outputs go to
``demo-out/`` (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.rule import Rule

console = Console(highlight=False)
OUT = Path("demo-out")
STEPS: list[tuple[str, Callable[[], bool]]] = []


def step(title: str) -> Callable[[Callable[[], bool]], Callable[[], bool]]:
    def register(fn: Callable[[], bool]) -> Callable[[], bool]:
        STEPS.append((title, fn))
        return fn

    return register


def _standard_dir() -> Path:
    from endingnote.standard import latest, standard_root

    return standard_root() / latest()


@step("1. 標準を読む / the standard at a glance")
def show_standard() -> bool:
    from collections import Counter

    from endingnote.standard import get

    std = get()
    tiers = Counter(i.field.tier for i in std.items())
    console.print(f"{std.title_ja} — {len(std.items())} items, {len(std.records)} record types, "
                  f"{len(std.codelists)} code lists")  # fmt: skip
    console.print(f"  共通項目 common {tiers['common']} / 協調項目 cooperative {tiers['cooperative']} / "
                  f"独自項目 vendor {tiers['vendor']}")  # fmt: skip
    return True


@step("2. ベンダーが出力を検証する / a vendor validates its export")
def validate_examples() -> bool:
    from endingnote.cli._validate import _print_report
    from endingnote.validation import validate

    gen = _standard_dir() / "generated"
    ok = True
    for path in (gen / "examples" / "full.json", gen / "examples" / "minimal.json"):
        report = validate(path)
        _print_report(report, "ja", summary=True)
        ok &= report.valid
    return ok


@step("3. 壊れた出力はこう報告される / broken exports, as a vendor reads the report")
def validate_broken() -> bool:
    from endingnote.cli._validate import _print_report
    from endingnote.validation import validate

    cases = _standard_dir() / "generated" / "conformance" / "invalid"
    names = ["impossible-birth-date", "kana-not-katakana", "my-number-in-free-text", "duplicate-key"]
    all_invalid = True
    for name in names:
        report = validate(cases / f"{name}.json")
        _print_report(report, "ja", summary=False)
        all_invalid &= not report.valid
    return all_invalid


def main() -> int:
    OUT.mkdir(exist_ok=True)
    failures = 0
    for title, fn in STEPS:
        console.print(Rule(title))
        try:
            ok = fn()
        except Exception as exc:  # a demo step must report, not crash the rest
            console.print(f"[red]step failed: {type(exc).__name__}: {exc}[/]")
            ok = False
        failures += not ok
    console.print(Rule())
    console.print(f"outputs: {OUT.resolve()}" if not failures else f"[red]{failures} step(s) failed[/]")
    if "drop" in _J:
        from endingnote.serve import DEFAULT_PORT

        console.print(
            f"ウェブアプリ / web app: http://127.0.0.1:{DEFAULT_PORT}/  — 起動 / start: "
            "[bold].venv/bin/python -m endingnote.demo --serve[/] (or the command in step 8); "
            f"files to drop: {_J['drop']}/"
        )
    return 1 if failures else 0


# --- issue 7: the heir import journey (a vendor CSV → signed export → the owner dies → an heir) ---

_J: dict[str, Any] = {}

if TYPE_CHECKING:
    from endingnote.importer import ImportResult


def _jdir() -> Path:
    return OUT / "journey"


@step("7.1 ベンダーの CSV を変換・検証 / convert and validate a vendor CSV")
def journey_convert() -> bool:
    import json

    from endingnote.convert import convert_file, load_mapping
    from endingnote.validation import validate

    conv = convert_file(
        Path("converters/desktop_csv/sample.csv"), load_mapping("converters/desktop_csv/mapping.yaml")
    )
    first = conv.persons[0].document
    name = first.get("person", {}).get("name", {})
    born = first.get("person", {}).get("birth_date")
    console.print(f"  {len(conv.persons)} persons; first: {name.get('family')} {name.get('given')} "
                  f"({born}), valid={conv.persons[0].valid}")  # fmt: skip
    full = _standard_dir().parent / "1.0" / "generated" / "examples" / "full.json"
    note = json.loads(full.read_text("utf-8"))
    if first.get("person", {}).get("birth_date") != "1950-04-01":
        console.print(
            "  その人はテストPKIのカード (山田太郎 1950-04-01) と一致しないため、標準 1.0 の full 例を署名"
        )
        console.print(
            "  the CSV's first person is not the test card's holder, so the standard's full example is signed"
        )
    else:
        note = first
    _jdir().mkdir(parents=True, exist_ok=True)
    path = _jdir() / "note.json"
    path.write_text(json.dumps(note, ensure_ascii=False, indent=2), "utf-8")
    report = validate(path)
    console.print(f"  {path}: {'valid' if report.valid else 'INVALID'} ({len(report.issues)} findings)")
    _J["note"] = path
    return bool(conv.persons) and conv.persons[0].valid and report.valid


# The demo's story runs on the sample registers' dates: the note is signed in January 2024, 山田太郎
# dies on 2024-03-15 (his 戸籍), J-LIS revokes his certificate the next day, and 一郎 imports on
# 2024-03-20 — verification is done as of that day.
_PKI_NOW = dt.datetime(2024, 1, 10, tzinfo=dt.UTC)
_SIGNED = dt.datetime(2024, 1, 20, 1, 0, tzinfo=dt.UTC)
_REVOKED = dt.datetime(2024, 3, 16, 0, 0, tzinfo=dt.UTC)
_IMPORTED = dt.datetime(2024, 3, 20, 1, 0, tzinfo=dt.UTC)


@step("7.2 テストPKIとカードで署名 / sign with the emulated My Number Card")
def journey_sign() -> bool:
    import shutil

    from endingnote.sign import create_package
    from endingnote.sign.card import JpkiCardEmulator, JpkiCardSigner
    from endingnote.sign.card.testing import pcsc_available, running_pcscd_with_card
    from endingnote.sign.testpki import build_test_pki
    from endingnote.sign.tsa import TimestampAuthority

    pki_dir = OUT / "pki"
    shutil.rmtree(pki_dir, ignore_errors=True)
    pki = build_test_pki(pki_dir, now=_PKI_NOW)
    trust = _jdir() / "trust"
    trust.mkdir(parents=True, exist_ok=True)
    shutil.copy(pki.sign_cas_pem, trust / "jpki-sign-cas.pem")
    shutil.copy(pki.services_root_pem, trust / "services-root.pem")
    tsa = TimestampAuthority.from_test_pki(pki.dir, clock=lambda: _SIGNED)
    taro = pki.holder("taro")
    out = _jdir() / "taro.asice"
    if pcsc_available() is None:
        console.print(
            "  pcscd + vpcd の上のエミュレートしたカード / the emulated card through the real pcscd"
        )
        with (
            running_pcscd_with_card(pki, "taro") as env,
            JpkiCardSigner.open(taro.password or "", reader=env.reader) as s,
        ):
            create_package(_J["note"], [], out, s, tsa=tsa, validate=False, signing_time=_SIGNED)
    else:
        console.print(
            "  pcscd を使えないため、プロセス内のエミュレータ / pcscd unusable: the in-process emulator"
        )
        with JpkiCardSigner.over(JpkiCardEmulator.from_test_pki(pki, "taro"), taro.password or "") as s:
            create_package(_J["note"], [], out, s, tsa=tsa, validate=False, signing_time=_SIGNED)
    console.print(f"  {out}")
    _J.update(pki=pki, trust=trust, package=out)
    return out.exists()


@step("7.3 検証、改ざんした写しの検証 / verify, then verify a tampered copy")
def journey_verify() -> bool:
    import zipfile

    from endingnote.sign import verify_package

    good = verify_package(_J["package"], trust=_J["trust"], crls=list(_J["pki"].crl_paths))
    console.print(
        f"  original: {good.indication.value} (timestamp {good.timestamp_time}, {good.revocation.value})"
    )
    if good.revocation.value == "revocation_unknown":
        console.print("  まだ署名後の CRL がないため失効状態は不明 (判定不能) — 死亡後の CRL で確定します")
        console.print("  no CRL issued after the signature yet: revocation unknown until the next CRL")
    tampered = _jdir() / "tampered.asice"
    with zipfile.ZipFile(_J["package"]) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(
                info,
                data.replace("山田".encode(), "山口".encode(), 1) if info.filename == "note.json" else data,
            )
    bad = verify_package(tampered, trust=_J["trust"], crls=list(_J["pki"].crl_paths))
    first = next((i for i in bad.issues if i.severity == "error"), None)
    console.print(f"  tampered: {bad.indication.value} — {first.message_ja if first else '?'}")
    _J["signed_at"] = good.timestamp_time
    return good.indication.value != "INVALID" and bad.indication.value == "INVALID"


@step("7.4 本人の死亡: 証明書の失効、戸籍、相続人 / the owner dies: revocation, registers, heirs")
def journey_death() -> bool:
    from endingnote.heirs import compute, graph_from_dict
    from endingnote.koseki import family_graph_from_files
    from endingnote.sign.testpki import revoke

    _J["pki"] = revoke(_J["pki"].dir, "taro", at=_REVOKED, reason="cessationOfOperation")
    _J["at"] = _IMPORTED
    console.print(f"  taro の署名用証明書を失効 / revoked at {_REVOKED.isoformat(timespec='seconds')}")
    registers = Path("standard/koseki/examples/yamada")
    data, report = family_graph_from_files(registers)
    if data is None:
        console.print(f"  registers: {report.best()}")
        return False
    graph = graph_from_dict(data)
    taro = graph.person("m19500401")
    console.print(f"  戸籍 / registers: 山田太郎 died {taro.death.date if taro and taro.death else '?'}")
    result = compute(graph, "m19500401")
    persons = {p.id: p for p in graph.persons}
    for pid, share in result.shares().items():
        p = persons[pid]
        console.print(f"  相続人 / heir: {p.name.family}{p.name.given} {share}")
    _J["registers"] = registers
    return result.status != "indeterminate" and bool(result.heirs)


def _claim(holder: str) -> Any:
    from contextlib import contextmanager

    from endingnote.importer import CardClaim
    from endingnote.sign.card import JpkiCardEmulator, JpkiCardSigner

    pki = _J["pki"]

    @contextmanager
    def opened() -> Any:
        card = JpkiCardEmulator.from_test_pki(pki, holder)
        with JpkiCardSigner.over(card, pki.holder(holder).password or "") as signer:
            yield signer

    return CardClaim(opened)


def _import(holder: str, out: Path) -> ImportResult:
    from endingnote.importer import run_import

    return run_import(_J["package"], _J["registers"], _claim(holder), out, trust=_J["trust"],
                      crls=list(_J["pki"].crl_paths), at=_J["at"])  # fmt: skip


@step("7.5 相続人 (一郎) が取り込む / the heir 一郎 imports")
def journey_heir() -> bool:
    out = _jdir() / "ichiro"
    result = _import("ichiro", out)
    claimant = result.claimant or {}
    console.print(f"  {result.status} (exit {result.exit_code}); share {claimant.get('share')}")
    for i in result.issues:
        if i.code.startswith("importer.") and i.severity != "info":
            console.print(f"  {i.severity}: {i.message_ja}")
    csvs = [n for n in result.outputs if n.startswith("csv/")]
    for name, path in result.outputs.items():
        if not name.startswith("csv/"):
            console.print(f"  {name}: {path}")
    console.print(f"  csv/: {len(csvs)} files in {out / 'csv'}")
    console.print(f"  出力 / outputs: {out.resolve()}")
    return result.exit_code == 0


@step("7.6 相続人でない人は拒否される / a non-heir is refused")
def journey_stranger() -> bool:
    out = _jdir() / "stranger"
    result = _import("stranger", out)
    reason = result.reason
    console.print(f"  {result.status} (exit {result.exit_code}): {reason.message_ja if reason else '?'}")
    return result.exit_code == 1 and not out.exists()


# --- issue 15: the same journeys in the local web app -------------------------------------------
# The demo does not start the server by itself: `make demo` must end (CI runs it), and a server
# left running would hold the port. It prepares the files to drop and prints how to start it;
# `python -m endingnote.demo --serve` starts it after the journey, until Ctrl+C.


def _serve_args() -> list[str]:
    import os

    args = ["--trust", str(_J["trust"]), "--at", _IMPORTED.isoformat().replace("+00:00", "Z")]
    for crl in _J["pki"].crl_paths:
        args += ["--crl", os.path.relpath(crl)]
    return args


@step("8. ウェブアプリで同じことを / the same in the local web app (endingnote serve)")
def journey_serve() -> bool:
    import shlex
    import shutil
    import zipfile

    from endingnote.serve import DEFAULT_PORT

    drop = OUT / "drop"
    shutil.rmtree(drop, ignore_errors=True)
    (drop / "vendor").mkdir(parents=True)
    (drop / "family").mkdir(parents=True)
    gen = _standard_dir() / "generated"
    shutil.copy(gen / "examples" / "full.json", drop / "vendor" / "full.json")
    shutil.copy(
        gen / "conformance" / "invalid" / "impossible-birth-date.json", drop / "vendor" / "broken.json"
    )
    shutil.copy("converters/desktop_csv/sample.csv", drop / "vendor" / "desktop-export-cp932.csv")
    shutil.copy(_J["package"], drop / "family" / "山田太郎のノート.asice")
    registers = Path(_J["registers"])
    with zipfile.ZipFile(drop / "family" / "戸籍.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(registers.iterdir()):
            zf.write(f, f"戸籍/{f.name}")
    ichiro = _J["pki"].holder("ichiro")
    command = shlex.join([".venv/bin/endingnote", "serve", *_serve_args()])
    console.print(f"  起動 / start:  {command}")
    console.print(f"  開く / open:   http://127.0.0.1:{DEFAULT_PORT}/")
    console.print(f"  ドロップするファイル / files to drop: {drop.resolve()}")
    console.print(
        "    vendor/ : full.json (妥当 valid), broken.json (エラー invalid), desktop-export-cp932.csv"
    )
    console.print("              (形式 format: desktop_csv)")
    console.print("    family/ : 山田太郎のノート.asice, 戸籍.zip")
    console.print(
        f"  一郎のカード (テスト用) / 一郎's test card: .venv/bin/endingnote card emulate --pki "
        f"{_J['pki'].dir} --holder ichiro   (パスワード / password {ichiro.password})"
    )
    _J["drop"] = drop
    return (drop / "family" / "戸籍.zip").exists()


def serve_demo() -> None:
    """Start the web app on the demo's trust anchors, CRLs and date (until Ctrl+C)."""
    from endingnote.cli import main as cli_main

    cli_main(["serve", *_serve_args()])


if __name__ == "__main__":
    code = main()
    if "--serve" in sys.argv[1:] and code == 0:
        serve_demo()
    sys.exit(code)
