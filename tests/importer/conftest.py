"""The import journey's world: one test PKI, a TSA, signed packages, the owner's death.

Built once per session (~5 s): ``taro``'s note is signed with the emulated card THROUGH the real
pcscd + vpcd; the other packages (a 1.1 note with disclosure rules, a note signed by ``stranger``)
with the PKCS#12 software signer to keep the suite fast. Then ``taro`` is revoked at his death,
and imports are verified a few days later.

The dates are those of the sample registers (taro died on 2024-03-15), as a family would meet them:
the PKI exists from January 2024, the notes are signed and timestamped on 2024-01-20 (a signature
timestamped after the registered death is refused), the certificate is revoked on 2024-03-16.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from endingnote.importer import CardClaim
from endingnote.sign import Pkcs12Signer, Signer, create_package
from endingnote.sign.card import JpkiCardEmulator, JpkiCardSigner
from endingnote.sign.card.testing import pcsc_available, running_pcscd_with_card
from endingnote.sign.testpki import TestPki, build_test_pki, revoke
from endingnote.sign.tsa import TimestampAuthority

ROOT = Path(__file__).resolve().parents[2]
REGISTERS = ROOT / "standard" / "koseki" / "examples" / "yamada"
FULL_10 = ROOT / "standard" / "1.0" / "generated" / "examples" / "full.json"
FULL_11 = ROOT / "standard" / "1.1" / "generated" / "examples" / "full.json"


@dataclass(frozen=True)
class World:
    pki: TestPki
    trust: Path
    tsa: TimestampAuthority
    taro_card: Path  # full.json (1.0) signed by taro on the emulated card through pcscd
    taro_11: Path  # a 1.1 note with disclosure rules, signed by taro (PKCS#12)
    stranger: Path  # full.json signed by stranger (PKCS#12, owner binding not checked)
    stranger_own: Path  # stranger's own note (person = 佐藤次郎), signed by stranger
    crls: list[Path]
    at: dt.datetime  # validation time: after the owner's death (revocation)
    signed_at: dt.datetime


def note_11() -> dict[str, Any]:
    """1.1's example with rules: digital accounts only for 一郎 (family_member-1, birth date as in
    the registers), medical records for nobody, the will for the executor."""
    doc: dict[str, Any] = json.loads(FULL_11.read_text("utf-8"))
    doc["family_member"][0]["birth_date"] = "1978-11-03"
    doc["disclosure_rule"] = [
        {"id": "disclosure_rule-1", "section": "digital_account", "audience": "named_persons",
         "persons": ["family_member-1"]},
        {"id": "disclosure_rule-2", "section": "category:medical_care", "audience": "nobody"},
        {"id": "disclosure_rule-3", "section": "will", "audience": "executor"},
    ]  # fmt: skip
    return doc


def p12(pki: TestPki, holder: str) -> Pkcs12Signer:
    h = pki.holder(holder)
    assert h.p12_path is not None and h.password is not None
    return Pkcs12Signer.from_file(h.p12_path, h.password)


PKI_NOW = dt.datetime(2024, 1, 10, tzinfo=dt.UTC)
SIGNED = dt.datetime(2024, 1, 20, 1, 0, tzinfo=dt.UTC)
DEATH = dt.datetime(2024, 3, 16, 0, 0, tzinfo=dt.UTC)  # the registers record 2024-03-15 (JST)
IMPORTED = dt.datetime(2024, 3, 20, 1, 0, tzinfo=dt.UTC)


def sign(
    doc: dict[str, Any],
    signer: Signer,
    tsa: TimestampAuthority,
    out: Path,
    *,
    check_owner: bool = True,
    signing_time: dt.datetime = SIGNED,
) -> Path:
    note = out.with_suffix(".json")
    note.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return create_package(
        note, [], out, signer, tsa=tsa, validate=False, check_owner=check_owner, signing_time=signing_time
    )


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    reason = pcsc_available()
    if reason:
        pytest.fail(f"the PC/SC integration stack is not available: {reason}")
    base = tmp_path_factory.mktemp("world")
    pki = build_test_pki(base / "pki", now=PKI_NOW)
    trust = base / "trust"
    trust.mkdir()
    shutil.copy(pki.sign_cas_pem, trust / "jpki-sign-cas.pem")
    shutil.copy(pki.services_root_pem, trust / "services-root.pem")
    tsa = TimestampAuthority.from_test_pki(pki.dir, clock=lambda: SIGNED)
    full = json.loads(FULL_10.read_text("utf-8"))
    taro = pki.holder("taro")
    with (
        running_pcscd_with_card(pki, "taro") as env,
        JpkiCardSigner.open(taro.password or "", reader=env.reader) as card,
    ):
        taro_card = sign(full, card, tsa, base / "taro-card.asice")
    taro_11 = sign(note_11(), p12(pki, "taro"), tsa, base / "taro-11.asice")
    stranger = sign(full, p12(pki, "stranger"), tsa, base / "stranger.asice", check_owner=False)
    own = {**full, "person": {
        "name": {"family": "佐藤", "given": "次郎"}, "birth_date": "1965-06-30", "sex": "1",
        "residence_address": {
            "prefecture": "大阪府", "city": "大阪市北区", "town": "中之島一丁目", "block": "3-20",
        },
    }}  # fmt: skip
    stranger_own = sign(own, p12(pki, "stranger"), tsa, base / "stranger-own.asice", check_owner=False)
    pki = revoke(pki.dir, "taro", at=DEATH, reason="cessationOfOperation")
    return World(
        pki, trust, tsa, taro_card, taro_11, stranger, stranger_own, list(pki.crl_paths), IMPORTED, SIGNED,
    )  # fmt: skip


def emulated(pki: TestPki, holder: str, password: str | None = None) -> CardClaim:
    """The claimant's card in-process (same JPKI APDU code path as pcscd, without the daemon)."""
    h = pki.holder(holder)

    @contextmanager
    def opened() -> Iterator[Signer]:
        card = JpkiCardEmulator.from_test_pki(pki, holder)
        with JpkiCardSigner.over(card, password or h.password or "") as signer:
            yield signer

    return CardClaim(opened)


ClaimFactory = Callable[[str], CardClaim]


@pytest.fixture
def card_claim(world: World) -> ClaimFactory:
    return lambda holder: emulated(world.pki, holder)


def through_pcscd(reader: str, password: str) -> Callable[[], AbstractContextManager[Signer]]:
    return lambda: JpkiCardSigner.open(password, reader=reader)
