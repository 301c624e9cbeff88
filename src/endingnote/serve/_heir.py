"""The heir's path, one step at a time, on the library's public API:

1. the signed package → :func:`endingnote.sign.verify_package`, said in one sentence;
2. the family registers (files, a ZIP of a folder, or 識別符号 fetched from the configured
   provider) → :func:`endingnote.koseki.check_chains` for the note's owner, naming what to request;
3. who is asking (the card in a reader here, the offline challenge, or an attestation) →
   :func:`endingnote.importer.run_import`, which checks everything again and writes the outputs;
4. the import's own report (``report.html``) and its files.

Each step forgets what came after it when it is done again. A card password passes through
:func:`prove_with_card` as a local value and is never kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endingnote import Issue, Severity
from endingnote.serve._archive import unpack

if TYPE_CHECKING:
    from endingnote.importer import ImportResult
    from endingnote.serve._config import ServeConfig
    from endingnote.serve._multipart import Upload
    from endingnote.sign import VerificationReport

REGISTER_SUFFIXES = (".json", ".txt", ".p7m", ".der", ".pem")


@dataclass(slots=True)
class Chain:
    """What the registers say, for the page: complete or the registers still to request."""

    complete: bool
    found: bool
    requests_ja: list[str] = field(default_factory=list)
    requests_en: list[str] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass(slots=True)
class HeirState:
    folder: Path
    package: Path | None = None
    package_name: str = ""
    verification: VerificationReport | None = None
    registers: Path | None = None
    register_names: list[str] = field(default_factory=list)
    register_issues: list[Issue] = field(default_factory=list)
    chain: Chain | None = None
    challenge: bytes | None = None
    result: ImportResult | None = None
    out: Path | None = None
    imports: int = 0

    @property
    def step(self) -> int:
        """The step the person is on (1 … 4)."""
        if self.result is not None and self.result.status == "imported":
            return 4
        if self.verification is None or self.verification.indication.value != "VALID":
            return 1
        if self.chain is None or not self.chain.complete:
            return 2  # the heirs are judged only on registers that cover the whole life
        return 3

    def owner(self) -> tuple[str, dt.date | None]:
        """The signer's name and date of birth as the certificate carries them."""
        signer = self.verification.signer if self.verification else None
        basic4 = (signer.basic4 if signer else None) or {}
        born = basic4.get("birth_date_gregorian")
        try:
            day = dt.date.fromisoformat(born) if isinstance(born, str) else None
        except ValueError:
            day = None
        return str(basic4.get("name") or ""), day

    def forget_after(self, step: int) -> None:
        """Redoing ``step`` forgets what the steps after it made."""
        if step <= 1:
            if self.registers is not None:
                shutil.rmtree(self.registers, ignore_errors=True)
            self.registers, self.register_names, self.register_issues = None, [], []
            self.chain, self.challenge = None, None
        if self.out is not None:
            shutil.rmtree(self.out, ignore_errors=True)
        self.result, self.out = None, None


def _anchors(paths: tuple[Path, ...]) -> list[bytes]:
    return [p.read_bytes() for p in paths]


def verify(state: HeirState, upload: Upload, config: ServeConfig) -> None:
    """Step 1: keep the package and verify it."""
    from endingnote.sign import verify_package

    state.forget_after(1)
    target = state.folder / "package.asice"
    target.unlink(missing_ok=True)
    shutil.move(upload.path, target)
    state.package, state.package_name = target, upload.filename
    state.verification = verify_package(
        target, trust=config.trust, crls=list(config.crls), ocsp=config.ocsp, at=config.now()
    )


def add_registers(state: HeirState, uploads: list[Upload], code: str, config: ServeConfig) -> list[Issue]:
    """Step 2: files, ZIPs of a folder and 識別符号; then the chain check. Returns what was refused."""
    refused: list[Issue] = []
    if state.registers is None:
        state.registers = state.folder / "registers"
        state.registers.mkdir(mode=0o700, exist_ok=True)
    for up in uploads:
        if up.filename.lower().endswith(".zip"):
            unpacked = unpack(up.path, state.folder / f"zip-{secrets.token_hex(4)}", label=up.filename)
            refused += unpacked.issues
            for entry, path in sorted(unpacked.files.items()):
                parts = entry.split("/")
                if any(p.startswith(".") or p == "__MACOSX" for p in parts):
                    continue
                if path.suffix.lower() in REGISTER_SUFFIXES:
                    _keep(state, path, parts[-1])
            up.path.unlink(missing_ok=True)
        elif Path(up.filename).suffix.lower() in REGISTER_SUFFIXES:
            _keep(state, up.path, up.filename)
        else:
            from endingnote._codes import issue

            refused.append(issue("serve.upload.unknown_kind", "", file=up.filename, name=up.filename))
    if code.strip():
        refused += _fetch(state, code.strip(), config)
    check(state, config)
    return refused


def _keep(state: HeirState, source: Path, name: str) -> None:
    assert state.registers is not None  # noqa: S101 - made by add_registers
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:60] or "register"
    target = state.registers / f"{safe}{suffix}"
    n = 1
    while target.exists():
        n += 1
        target = state.registers / f"{safe}-{n}{suffix}"
    shutil.move(source, target)
    state.register_names.append(name)


def _fetch(state: HeirState, code: str, config: ServeConfig) -> list[Issue]:
    """A 戸籍電子証明書 by its code from the configured provider, verified before it is kept."""
    from endingnote._codes import issue
    from endingnote.koseki import DirectoryProvider, HttpProvider, register_to_json, resolve

    code = "".join(c for c in unicodedata.normalize("NFKC", code) if c not in " -")  # as people type it
    if not config.provider:
        return [issue("serve.heir.no_provider", "")]
    provider: HttpProvider | DirectoryProvider
    try:
        if config.provider.startswith(("http://", "https://")):
            provider = HttpProvider(config.provider)
        else:
            provider = DirectoryProvider(config.provider)
    except ValueError as exc:
        return [issue("serve.upload.malformed", "", reason=str(exc))]
    fetched = provider.fetch(code)
    if fetched.data is None:
        return list(fetched.issues)
    result = resolve(_Fetched(fetched.data), code, _anchors(config.trust_issuers), now=config.now())
    if not result.valid:
        return list(result.issues)
    assert state.registers is not None and result.register is not None  # noqa: S101
    # kept as the verified register's JSON, as ``registers fetch -o`` writes it: the import reads
    # the register without needing the issuer pinned again
    doc = register_to_json(result.register)
    target = state.registers / f"{code}.json"
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    state.register_names.append(f"{code} (戸籍電子証明書 / e-certificate)")
    return []


class _Fetched:
    """The bytes already fetched, as a provider: the provider is asked once, not twice."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def fetch(self, code: str) -> Any:
        from endingnote.koseki import FetchResult

        return FetchResult(self.data)


def check(state: HeirState, config: ServeConfig) -> None:
    """The chain check for the note's owner (and those the heirs depend on)."""
    from endingnote.koseki import check_chains, load_registers

    assert state.registers is not None  # noqa: S101
    loaded = load_registers(state.registers, trusted_issuers=_anchors(config.trust_issuers), now=config.now())
    name, born = state.owner()
    person = f"{name}@{born.isoformat()}" if born else name
    report = check_chains(loaded.registers, person, include_dependents=True, as_of=config.now().date())
    found = not any(
        i.code in ("koseki.chain.person_not_found", "koseki.chain.person_ambiguous") for i in report.issues
    )
    problems = [i for i in [*loaded.report.issues, *report.all_issues()] if i.severity is Severity.ERROR]
    requests = report.requests
    state.register_issues = list(loaded.report.issues)
    state.chain = Chain(
        complete=report.complete and found and not problems,
        found=found,
        requests_ja=[r.describe("ja") for r in requests],
        requests_en=[r.describe("en") for r in requests],
        problems=problems,
        files=[str(r.source) for r in loaded.registers],
    )


def prove(
    state: HeirState,
    claim: Any,
    config: ServeConfig,
    lang: str,
) -> ImportResult:
    """Step 3: the whole import with this claim (run_import verifies everything again)."""
    from endingnote.importer import run_import

    assert state.package is not None and state.registers is not None  # noqa: S101 - gated by step
    state.forget_after(3)
    state.imports += 1
    state.out = state.folder / f"import-{state.imports}"
    state.result = run_import(
        state.package,
        state.registers,
        claim,
        state.out,
        trust=config.trust,
        crls=list(config.crls),
        ocsp=config.ocsp,
        at=config.now(),
        lang=lang,
    )
    return state.result


def card_claim(password: str, reader: str | None) -> Any:
    """A :class:`~endingnote.importer.CardClaim` on the card in ``reader`` through pcscd."""
    from endingnote.importer import CardClaim
    from endingnote.sign.card import JpkiCardSigner

    opener: Callable[[], Any] = lambda: JpkiCardSigner.open(password, reader=reader)  # noqa: E731
    return CardClaim(opener)


def new_challenge(state: HeirState, config: ServeConfig) -> bytes:
    from endingnote.importer import make_challenge

    assert state.package is not None  # noqa: S101
    state.challenge = make_challenge(hashlib.sha256(state.package.read_bytes()).digest(), config.now())
    return state.challenge


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    jpki: bool
    tries_left: int | None
    problem_ja: str = ""
    problem_en: str = ""

    @property
    def usable(self) -> bool:
        return self.jpki and self.tries_left is not None and self.tries_left >= MIN_TRIES


MIN_TRIES = 3


_NO_PYSCARD = ("カードを読む部品 (pyscard) がありません。", "The card reader support (pyscard) is missing.")
_NO_CARD = ("カードが入っていません", "no card")
_NOT_JPKI = ("マイナンバーカードではありません", "not a My Number Card")


def _tries_low(tries: int) -> tuple[str, str]:
    return (
        f"パスワードの残り回数が{tries}回のため使いません(3回未満ではロックを防ぐため使えません)。"
        "市区町村の窓口で初期化してください。",
        f"{tries} tries left: below 3 the card is not used, so that it cannot lock; "
        "the municipal office can reset it.",
    )


def readers() -> tuple[list[Reader], str, str]:
    """The readers on this machine with a My Number Card's tries left (no password asked), or why
    none can be listed (Japanese, English)."""
    from endingnote.errors import CardError
    from endingnote.sign.card import card_info, list_cards

    try:
        found = list_cards()
    except CardError as exc:
        ja, _, en = str(exc).partition(" / ")
        return [], ja, en or ja
    except ImportError:
        return [], *_NO_PYSCARD
    out = []
    for r in found:
        if not r.jpki:
            out.append(Reader(r.reader, False, None, *(_NOT_JPKI if r.card_present else _NO_CARD)))
            continue
        try:
            tries = card_info(r.reader).sign_tries_left
        except CardError as exc:
            ja, _, en = str(exc).partition(" / ")
            out.append(Reader(r.reader, True, None, ja, en or ja))
            continue
        out.append(Reader(r.reader, True, tries, *(_tries_low(tries) if tries < MIN_TRIES else ("", ""))))
    return out, "", ""
