"""The import journey on the real stack: test PKI, TSA, card emulator (through pcscd for the
decedent's signature and one heir), the sample family registers, the heir engine."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from endingnote.heirs import graph_from_dict
from endingnote.heirs._attest import build_statement, sign_statement
from endingnote.importer import (
    AttestationClaim,
    CardClaim,
    ImportResult,
    Viewer,
    apply_disclosure,
    run_import,
)
from endingnote.koseki import to_family_graph
from endingnote.sign.card.testing import running_pcscd_with_card

from .conftest import REGISTERS, ClaimFactory, World, note_11, through_pcscd


def codes(result: ImportResult, *, everything: bool = False) -> list[str]:
    """The importer's codes."""
    del everything  # kept for callers; every test package is now timestamped before the death
    return [i.code for i in result.issues if i.code.startswith("importer.")]


def run(world: World, pkg: Path, claim: Any, out: Path, **kw: Any) -> ImportResult:
    kw.setdefault("crls", world.crls)
    kw.setdefault("registers", REGISTERS)
    return run_import(pkg, claim=claim, out_dir=out, trust=world.trust, at=world.at, **kw)


def read_note(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "note.json").read_text("utf-8"))
    return data


@pytest.mark.pcsc
def test_an_heir_imports_with_the_card_through_pcscd(world: World, tmp_path: Path) -> None:
    ichiro = world.pki.holder("ichiro")
    out = tmp_path / "out"
    with running_pcscd_with_card(world.pki, "ichiro") as env:
        result = run(world, world.taro_card, CardClaim(through_pcscd(env.reader, ichiro.password or "")), out)
        tries = env.emulator.tries_left
    assert result.exit_code == 0, result.to_dict()
    assert tries == 5
    assert result.status == "imported" and not result.unverified
    assert result.verification is not None and result.verification["revocation"] == "revoked_after_signing"
    assert result.decedent == {
        "id": "m19500401", "name": "山田\u3000太郎", "birth_date": "1950-04-01", "death_date": "2024-03-15",
    }  # fmt: skip
    assert result.claimant is not None
    assert (result.claimant["person"], result.claimant["share"]) == ("m19781103", "1/4")
    assert "importer.no_rules" in codes(result)  # 1.0: no rules, everything to all heirs
    # the sample registers record the death on 2024-03-15; the note was timestamped on 2024-01-20
    assert "importer.signed_after_death" not in codes(result, everything=True)
    note = read_note(out)
    original = json.loads(
        (Path(__file__).parents[2] / "standard/1.0/generated/examples/full.json").read_text()
    )
    assert note == original
    assert result.outputs and all(Path(p).exists() for p in result.outputs.values())
    # read the family's outputs back: workbook, report, calendar
    import openpyxl

    book = openpyxl.load_workbook(out / "workbook.xlsx", read_only=True)
    assert {"概要", "手続き", "本人"} <= set(book.sheetnames)
    text = _html_text((out / "report.html").read_text("utf-8"))
    assert "山田　太郎さん本人が" in text and "マイナンバーカードで署名し、その後変更されていません" in text
    assert "令和6年3月15日 (2024-03-15)" in text
    assert "署名の後に失効しています" in text  # revoked after signing, in words
    assert "<svg" in (out / "report.html").read_text("utf-8")  # the 一覧図
    ics = (out / "checklist.ics").read_text("utf-8")
    assert "DTSTART;VALUE=DATE:20240321" in ics and "死亡届" in ics  # 7 days from the death (2024-03-15)


def _html_text(html: str) -> str:
    from html.parser import HTMLParser

    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    Text().feed(html)
    return " ".join(parts)


def test_a_non_heir_is_refused_and_nothing_is_written(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(world, world.taro_card, card_claim("stranger"), out)
    assert (result.status, result.exit_code) == ("refused", 1)
    assert "importer.not_heir" in codes(result)
    assert result.reason is not None and "佐藤" in result.reason.message_ja
    assert not out.exists()


def test_the_spouse_is_an_heir_with_half(world: World, card_claim: ClaimFactory, tmp_path: Path) -> None:
    result = run(world, world.taro_card, card_claim("hanako"), tmp_path / "out")
    assert result.exit_code == 0, result.to_dict()
    assert result.claimant is not None and result.claimant["share"] == "1/2"


def test_a_tampered_package_is_invalid(world: World, card_claim: ClaimFactory, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.asice"
    with zipfile.ZipFile(world.taro_card) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "note.json":
                data = data.replace("山田".encode(), "山口".encode(), 1)
            dst.writestr(info, data)
    out = tmp_path / "out"
    result = run(world, tampered, card_claim("ichiro"), out)
    assert (result.status, result.exit_code) == ("refused", 1)
    assert codes(result) == ["importer.package_invalid"]
    assert not out.exists()


def test_a_signer_who_is_not_the_owner_is_refused(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(world, world.stranger, card_claim("ichiro"), out)
    assert result.exit_code == 1
    # the verifier's owner binding already fails; the importer says why in one line
    assert "importer.package_invalid" in codes(result)
    assert any(i.code.startswith("sign.owner.") for i in result.issues)
    assert not out.exists()


def test_registers_of_another_family_are_the_wrong_decedent(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    other = tmp_path / "regs"
    other.mkdir()
    shutil.copy(REGISTERS / "04-yamada-jiro.txt", other)
    result = run(world, world.taro_card, card_claim("ichiro"), tmp_path / "out", registers=other)
    assert result.exit_code == 1
    assert codes(result) == ["importer.wrong_decedent"]
    assert "山田太郎" in result.issues[-1].message_ja


def test_a_note_of_someone_else_is_the_wrong_decedent(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    result = run(world, world.stranger_own, card_claim("ichiro"), tmp_path / "out")
    assert result.verification is not None and result.verification["indication"] == "VALID"
    assert result.exit_code == 1
    assert codes(result) == ["importer.wrong_decedent"]
    assert "佐藤次郎 1965-06-30" in result.issues[-1].message_ja


def test_an_owner_still_alive_in_the_registers_is_refused(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    older = tmp_path / "regs"
    older.mkdir()
    for name in ("01-yamada-takao-kaiseigen.json", "02-yamada-taro-kaiseigen.json"):
        shutil.copy(REGISTERS / name, older)
    result = run(world, world.taro_card, card_claim("ichiro"), tmp_path / "out", registers=older)
    assert result.exit_code == 1
    assert codes(result) == ["importer.owner_not_dead"]


def test_revocation_unknown_is_indeterminate_unless_forced(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(world, world.taro_card, card_claim("ichiro"), out, crls=())
    assert (result.status, result.exit_code) == ("indeterminate", 3)
    assert "importer.revocation_unknown" in codes(result)
    assert not out.exists()
    forced = run(world, world.taro_card, card_claim("ichiro"), out, crls=(), force_unverified=True)
    assert forced.exit_code == 0, forced.to_dict()
    assert forced.unverified
    assert {"importer.revocation_unknown", "importer.forced_unverified"} <= set(codes(forced))
    marked = json.loads((out / "UNVERIFIED-note.json").read_text("utf-8"))
    assert marked["unverified"] is True and marked["person"]["name"]["given"] == "太郎"
    assert not (out / "note.json").exists()
    assert all(name.split("/")[-1].startswith("UNVERIFIED-") for name in forced.outputs if "." in name)
    html = (out / "UNVERIFIED-report.html").read_text("utf-8")
    assert "失効状態を確認できません" in html  # revocation unknown is in the family's report too


def test_a_wrong_card_password_is_a_clear_refusal(world: World, tmp_path: Path) -> None:
    from .conftest import emulated

    result = run(world, world.taro_card, emulated(world.pki, "ichiro", "WRONG1234"), tmp_path / "out")
    assert result.exit_code == 1
    assert codes(result) == ["importer.card"]


def test_disclosure_rules_of_a_11_note(world: World, card_claim: ClaimFactory, tmp_path: Path) -> None:
    ichiro = run(world, world.taro_11, card_claim("ichiro"), tmp_path / "ichiro")
    assert ichiro.exit_code == 0, ichiro.to_dict()
    seen = read_note(tmp_path / "ichiro")
    assert "digital_account" in seen  # named person
    assert "will" not in seen  # executor only (the will names 司法書士 高橋 誠)
    withheld = {w.section for w in ichiro.withheld}
    assert "will" in withheld and "medical_profile" in withheld
    hanako = run(world, world.taro_11, card_claim("hanako"), tmp_path / "hanako")
    assert hanako.exit_code == 0
    assert "digital_account" not in read_note(tmp_path / "hanako")
    # only names are reported, never contents
    text = json.dumps(hanako.to_dict(), ensure_ascii=False)
    assert all(str(v) not in text for v in ("パスワード管理",))


def test_disclosure_unit_cases() -> None:
    doc = note_11()
    executor = apply_disclosure(doc, Viewer(True, "高橋誠", None))
    assert "will" in executor.document and "digital_account" not in executor.document
    assert executor.viewer_is_executor
    professional = apply_disclosure(doc, Viewer(True))
    assert {"will", "digital_account", "medical_profile"} <= {w.section for w in professional.withheld}
    assert "deposit_account" in professional.document and "person" in professional.document
    rules = [*doc["disclosure_rule"], {"section": "all", "audience": "nobody"}]
    everything = apply_disclosure(
        {**doc, "disclosure_rule": rules}, Viewer(True, "山田一郎", dt.date(1978, 11, 3))
    )
    # the narrower rule still wins over "all"
    assert set(everything.document) == {"header", "person", "digital_account"}


def test_an_attestation_stands_for_all_heirs(world: World, tmp_path: Path) -> None:
    graph = graph_from_dict(to_family_graph(str(REGISTERS)))
    statement, _ = build_statement(graph, "m19500401", attested_at=world.at)
    assert statement is not None
    pki = world.pki
    assert pki.attestation.p12_path is not None and pki.attestation.password is not None
    from endingnote.sign import Pkcs12Signer

    signer = Pkcs12Signer.from_file(pki.attestation.p12_path, pki.attestation.password)
    data = sign_statement(statement, signer, signing_time=world.at)
    result = run(world, world.taro_11, AttestationClaim(data), tmp_path / "out")
    assert result.exit_code == 0, result.to_dict()
    assert "digital_account" not in read_note(tmp_path / "out")
    forged = data.replace(b"1/4", b"1/2", 1)
    refused = run(world, world.taro_11, AttestationClaim(forged), tmp_path / "out2")
    assert refused.exit_code == 1 and "importer.attestation_invalid" in codes(refused)


def test_a_claimant_certificate_outside_the_anchors_is_refused(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    # trust only the current generation (taro's CA) and the TSA root: ichiro's sign-ca-2 is out
    trust = tmp_path / "trust"
    trust.mkdir()
    shutil.copy(world.pki.services_root_pem, trust / "root.pem")
    current = world.pki.sign_cas["sign-ca-3"].cert.public_bytes(Encoding.PEM)
    (trust / "sign-ca-3.pem").write_bytes(current)
    out = tmp_path / "out"
    result = run_import(world.taro_card, REGISTERS, card_claim("ichiro"), out,
                        trust=trust, crls=world.crls, at=world.at)  # fmt: skip
    assert result.exit_code == 1
    assert codes(result) == ["importer.claimant_untrusted"]
    assert not out.exists()


def test_a_revoked_claimant_certificate_is_refused(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    # taro's own card was revoked at his death: "taro" cannot claim as someone else either
    result = run(world, world.taro_card, card_claim("taro"), tmp_path / "out")
    assert result.exit_code == 1
    assert codes(result) == ["importer.claimant_revoked"]


_SECTIONS = ["all", "category:digital", "category:medical_care", "category:inheritance", "digital_account",
             "will", "deposit_account", "medical_profile", "family_member", "no_such_type"]  # fmt: skip


@given(
    rules=st.lists(
        st.fixed_dictionaries(
            {
                "section": st.sampled_from(_SECTIONS),
                "audience": st.sampled_from(["all_heirs", "named_persons", "executor", "nobody", "bogus"]),
                "persons": st.lists(st.sampled_from(["family_member-1", "family_member-9"]), max_size=2),
            }
        ),
        max_size=6,
    ),
    viewer=st.sampled_from(
        [Viewer(True, "山田一郎", dt.date(1978, 11, 3)), Viewer(True, "高橋誠"), Viewer(True), Viewer(False)]
    ),
)
@settings(max_examples=150, deadline=None)
def test_disclosure_properties(rules: list[dict[str, Any]], viewer: Viewer) -> None:
    doc = {**note_11(), "disclosure_rule": rules}
    out = apply_disclosure(doc, viewer)
    kept, withheld = set(out.document), {w.section for w in out.withheld}
    assert kept | withheld == set(doc) and not kept & withheld  # every section accounted for, once
    assert {"header", "person"} <= kept
    assert all(out.document[k] is doc[k] for k in kept)  # kept sections are untouched
    nobody = {"section": "all", "audience": "nobody"}
    stricter = apply_disclosure({**doc, "disclosure_rule": [*rules, nobody]}, viewer)
    assert set(stricter.document) <= kept  # adding a rule never discloses more
    if not rules and viewer.is_heir:
        assert not withheld


def test_broken_registers_are_refused_with_the_reason(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    regs = tmp_path / "regs"
    shutil.copytree(REGISTERS, regs)
    (regs / "99-broken.json").write_text('{"not": "a register"', "utf-8")
    out = tmp_path / "out"
    result = run(world, world.taro_card, card_claim("ichiro"), out, registers=regs)
    assert result.exit_code == 1
    assert codes(result) == ["importer.registers_invalid"]
    assert "99-broken.json line:1" in result.issues[-1].message_en
    assert not out.exists()


@pytest.mark.parametrize("data", [b"", b"\x30\x80garbage", b"A" * 100_000])
def test_a_garbage_attestation_is_refused(world: World, tmp_path: Path, data: bytes) -> None:
    result = run(world, world.taro_card, AttestationClaim(data), tmp_path / "out")
    assert result.exit_code == 1
    assert codes(result) == ["importer.attestation_invalid"]


def test_the_public_api() -> None:
    import endingnote.importer as api

    for name in api.__all__:
        assert not name.startswith("_") and hasattr(api, name), name
    assert {
        "run_import",
        "ImportResult",
        "frames",
        "build_checklist",
        "to_ics",
        "write_outputs",
        "Task",
    } <= set(api.__all__)


def test_an_output_folder_with_other_files_is_not_touched(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", "utf-8")
    result = run(world, world.taro_card, card_claim("ichiro"), out)
    assert (result.status, result.exit_code) == ("error", 2)
    assert codes(result)[-1] == "importer.outputs"
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_signature_after_the_recorded_death_is_flagged() -> None:
    from endingnote.importer._journey import signed_after_death

    death = dt.date(2024, 3, 15)
    jst_same_day = dt.datetime(2024, 3, 15, 14, 59, tzinfo=dt.UTC)  # 23:59 JST
    assert signed_after_death(jst_same_day, death) is None
    assert signed_after_death(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), death) is None
    late = signed_after_death(jst_same_day + dt.timedelta(minutes=1), death)  # 00:00 JST the next day
    assert late is not None and late.code == "importer.signed_after_death"


def _signed_after_death(world: World, tmp_path: Path) -> tuple[Path, list[Path]]:
    """taro's note timestamped on 2024-03-17, two days after his registered death, while his
    certificate was still unrevoked (the death notice had not reached J-LIS: revoked 2024-03-19)."""
    from endingnote.sign.testpki import load_test_pki, revoke
    from endingnote.sign.tsa import TimestampAuthority

    from .conftest import p12, sign

    copy = tmp_path / "pki"
    shutil.copytree(world.pki.dir, copy)
    late = dt.datetime(2024, 3, 17, 3, 0, tzinfo=dt.UTC)
    tsa = TimestampAuthority.from_test_pki(copy, clock=lambda: late)
    full = json.loads((Path(__file__).parents[2] / "standard/1.0/generated/examples/full.json").read_text())
    package = sign(full, p12(load_test_pki(copy), "taro"), tsa, tmp_path / "late.asice", signing_time=late)
    pki = revoke(copy, "taro", at=dt.datetime(2024, 3, 19, tzinfo=dt.UTC), reason="cessationOfOperation")
    return package, list(pki.crl_paths)


def test_a_note_signed_after_the_death_is_refused(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    package, crls = _signed_after_death(world, tmp_path)
    out = tmp_path / "out"
    result = run(world, package, card_claim("ichiro"), out, crls=crls)
    assert (result.status, result.exit_code) == ("refused", 1), result.to_dict()
    assert result.verification is not None and result.verification["indication"] == "VALID"
    assert codes(result)[-2:] == ["importer.signed_after_death", "importer.signed_after_death_refused"]
    assert result.reason is not None and "--accept-signed-after-death" in result.reason.message_en
    assert not out.exists()


def test_a_note_signed_after_the_death_is_imported_with_a_reason_in_every_output(
    world: World, card_claim: ClaimFactory, tmp_path: Path
) -> None:
    package, crls = _signed_after_death(world, tmp_path)
    out = tmp_path / "out"
    reason = "遺言執行者が本人の依頼で死亡翌々日に再署名したことを確認済み"
    result = run(world, package, card_claim("ichiro"), out, crls=crls, accept_signed_after_death=reason)
    assert result.exit_code == 0, result.to_dict()
    assert "importer.signed_after_death_accepted" in codes(result)
    assert result.to_dict()["accepted_signed_after_death"] == reason
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".json", ".xlsx", ".csv", ".html", ".ics"}
    for path in files:
        if path.suffix == ".xlsx":
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True)
            text = " ".join(
                str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
            )
        else:
            text = path.read_text("utf-8-sig")
            if path.suffix == ".json" or path.name.startswith("."):
                text = json.dumps(json.loads(text), ensure_ascii=False)
            if path.suffix == ".ics":
                text = text.replace("\r\n ", "").replace("\n ", "")  # unfold RFC 5545 lines
            if path.suffix == ".html":
                import html

                text = html.unescape(text)
        assert reason in text, path.name
