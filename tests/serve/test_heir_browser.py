"""The bereaved in Chromium: the whole heir wizard against the real server, with 一郎's emulated
My Number Card in the real pcscd (the machine-wide lock of ``endingnote.sign.card.testing``).

1. the signed note → one sentence; 2. the registers as a ZIP of a folder → the register still to
request is named → added by its 識別符号 from the configured provider → complete; 3. a card with 2
tries left is refused before any password is sent, then the password typed into the page →
4. the heirs, the share, the import's report and its files. The family never reads an internal
code or id (the import's no-token check, extended to these pages); the password is in no log and
no session file; ending the session erases its folder. Then a tampered package and a non-heir
(the offline challenge, signed with openssl) are refused in plain words.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from endingnote.sign.card import JpkiCardEmulator
from endingnote.sign.card.testing import running_pcscd
from tests.importer.conftest import REGISTERS, World
from tests.importer.test_report_browser import _forbidden

from .conftest import Server, check_keyboard, check_labels, running_server, shot

pytestmark = [pytest.mark.browser, pytest.mark.pcsc, pytest.mark.slow]

CODE = "1234567890123456"


@pytest.fixture(scope="module")
def server(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from endingnote.koseki import load_registers, sign_ecert
    from endingnote.sign import Pkcs12Signer

    base = tmp_path_factory.mktemp("heir-server")
    provider = base / "provider"
    provider.mkdir()
    issuer = world.pki.koseki_issuer
    assert issuer.p12_path is not None and issuer.password is not None
    ichiro = next(r for r in load_registers(REGISTERS).registers if (r.source or "").startswith("05-"))
    signer = Pkcs12Signer.from_file(issuer.p12_path, issuer.password)
    (provider / f"{CODE}.p7m").write_bytes(sign_ecert(ichiro, signer, code=CODE, issued_at=world.signed_at))
    args = ["--trust", str(world.trust), "--at", world.at.isoformat(), "--provider", str(provider)]
    args += ["--trust-issuer", str(issuer.cert_path)]
    for crl in world.crls:
        args += ["--crl", str(crl)]
    with running_server(base, *args) as s:
        yield s


def registers_zip(path: Path, *, without: str | None = None) -> Path:
    """The registers folder zipped as Finder does it: a top folder, and its __MACOSX droppings."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(REGISTERS.iterdir()):
            if without and f.name.startswith(without):
                continue
            zf.write(f, f"yamada/{f.name}")
            zf.writestr(f"__MACOSX/yamada/._{f.name}", b"\x00\x05\x16\x07")
    return path


def visible_text(page: Any) -> str:
    text: str = page.evaluate("document.body.innerText")
    return text


def no_token(text: str, tokens: set[str]) -> dict[str, str]:
    found = {}
    for token in tokens:
        hit = re.search(rf"(?<![A-Za-z0-9_.@/-]){re.escape(token)}(?![A-Za-z0-9_@-])", text)
        if hit:
            found[token] = text[max(0, hit.start() - 30) : hit.end() + 30]
    return found


def test_the_heir_journey(browser: Any, server: Server, world: World, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server.url + "/heir")
    check_labels(page)
    check_keyboard(page)
    shot(page, "heir-1-start")

    # 1. the package
    page.set_input_files("#package", str(world.taro_card))
    page.click("form[action='/heir/package'] button[type=submit]")
    page.wait_for_selector("#verdict")
    verdict = page.inner_text("#verdict")
    assert "山田" in verdict and "マイナンバーカードで署名したもので、その後変更されていません" in verdict
    assert "(日本時間)" in verdict
    assert page.evaluate("document.querySelector('details.technical').open") is False
    shot(page, "heir-2-verified")

    # 2. registers: a ZIP of the folder without 一郎's current register, which is then named …
    page.set_input_files("#registers", str(registers_zip(tmp_path / "戸籍.zip", without="05-")))
    page.click("form[action='/heir/registers'] button[type=submit]")
    page.wait_for_selector("#chain")
    assert "まだ足りない戸籍があります" in page.inner_text("#chain")
    assert "東京都世田谷区桜一丁目7番地" in page.inner_text("ul.requests")
    shot(page, "heir-3-registers-missing")
    # … and fetched by its 識別符号 from the configured provider
    page.fill("#code", CODE)
    page.click("form[action='/heir/registers'] button[type=submit]")
    page.wait_for_selector("#chain")
    assert "途切れなくそろっています" in page.inner_text("#chain")
    shot(page, "heir-4-registers-complete")

    # 3. the card: below 3 tries left it is refused before any password is sent
    ichiro = world.pki.holder("ichiro")
    password = ichiro.password
    assert password
    state = world.pki.dir / "holders" / "ichiro" / "card-state.json"
    with running_pcscd() as daemon:
        state.write_text(json.dumps({"sign_tries_left": 2}))
        try:
            low = JpkiCardEmulator.from_test_pki(world.pki, "ichiro", persist=True)
        finally:
            state.unlink()
        with daemon.insert(low):
            page.goto(server.url + "/heir")
            assert "残り回数が2回のため使いません" in page.inner_text("#tries-low")
            assert page.is_disabled("form[action='/heir/identity/card'] button[type=submit]")
            shot(page, "heir-5-card-tries-low")
        with daemon.insert(JpkiCardEmulator.from_test_pki(world.pki, "ichiro")):
            page.goto(server.url + "/heir")
            check_labels(page)
            check_keyboard(page)
            assert "残り5回" in page.inner_text("#reader")
            page.fill("#password", password)
            shot(page, "heir-6-card")
            page.click("form[action='/heir/identity/card'] button[type=submit]")
            page.wait_for_selector("#outcome", timeout=120_000)

    # 4. the heirs, the share, the report and its files
    outcome = page.inner_text("#outcome")
    assert "ノートを開きました" in outcome and "あなたの法定相続分は4分の1です" in outcome
    frame = page.frame_locator("iframe.report")
    assert "法定相続人" in frame.locator("body").inner_text()
    check_labels(page)
    shot(page, "heir-7-result")
    files = {}
    for name in ("report.html", "workbook.xlsx", "checklist.ics", "note.json", "csv.zip"):
        with page.expect_download() as info:
            page.click(f"a[href='/heir/files/{name}']")
        files[name] = Path(info.value.path()).read_bytes()
    assert files["checklist.ics"].startswith(b"BEGIN:VCALENDAR")
    assert files["workbook.xlsx"][:2] == b"PK" and zipfile.ZipFile(io.BytesIO(files["csv.zip"])).namelist()
    out = tmp_path / "downloaded"
    out.mkdir()
    (out / "note.json").write_bytes(files["note.json"])
    tokens = _forbidden(out)
    # what the family reads: the wizard (details collapsed) and the report on its own
    assert not no_token(visible_text(page), tokens)
    report = context.new_page()
    report.goto(server.url + "/heir/report")
    report_text = visible_text(report)
    assert "あなた(山田　一郎さん、長男)の法定相続分は4分の1です" in report_text
    assert not no_token(report_text, tokens)
    csp = _csp(server, context)  # the report's own style, allowed by its hash; still no script
    assert "style-src 'sha256-" in csp and "'unsafe-inline'" not in csp and "script-src" not in csp
    shot(report, "heir-8-report")
    report.close()

    # the password reached the card and nothing else: not the log, not the session's files
    secret = password.encode()
    assert secret not in server.log.read_bytes()
    roots = server.session_roots()
    assert roots
    for f in (p for root in roots for p in root.rglob("*") if p.is_file()):
        assert secret not in f.read_bytes(), f
    assert "POST /heir/identity/card" in server.log_text()  # the log is on, and saw the request

    # ending the session erases its folder
    before = [p for p in roots[0].iterdir()]
    assert len(before) == 1 and any(before[0].rglob("report.html"))
    page.click("header form[action='/session/end'] button")
    page.wait_for_url(server.url + "/?ended=1")
    assert not before[0].exists()  # (the start page opened a new, empty session)
    context.close()


def _csp(server: Server, context: Any) -> str:
    response = context.request.get(server.url + "/heir/report")
    return str(response.headers.get("content-security-policy", ""))


def test_a_tampered_package_and_a_non_heir_are_refused(
    browser: Any, server: Server, world: World, tmp_path: Path
) -> None:
    tampered = tmp_path / "tampered.asice"
    with zipfile.ZipFile(world.taro_card) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "note.json":
                data = data.replace("山田".encode(), "山口".encode(), 1)
            dst.writestr(info, data)
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server.url + "/heir")
    page.set_input_files("#package", str(tampered))
    page.click("form[action='/heir/package'] button[type=submit]")
    page.wait_for_selector("#verdict")
    assert "署名の後に書き換えられたか、署名が正しくありません" in page.inner_text("#verdict")
    assert page.locator("#s2").count() == 0  # nothing further is offered
    shot(page, "heir-9-tampered")

    # a stranger with a card of their own: the offline challenge, signed with openssl elsewhere
    page.set_input_files("#package", str(world.taro_card))
    page.click("form[action='/heir/package'] button[type=submit]")
    page.wait_for_selector("#s2")
    page.set_input_files("#registers", str(registers_zip(tmp_path / "registers.zip")))
    page.click("form[action='/heir/registers'] button[type=submit]")
    page.wait_for_selector("#s3")
    with page.expect_download() as info:
        page.click("a[href='/heir/challenge']")
    challenge = tmp_path / "challenge.bin"
    challenge.write_bytes(Path(info.value.path()).read_bytes())
    stranger = world.pki.holder("stranger")
    signature = tmp_path / "signature.bin"
    done = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", str(stranger.key_path), "-out", str(signature), challenge],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page.set_input_files("#certificate", str(stranger.cert_path))
    page.set_input_files("#signature", str(signature))
    page.click("form[action='/heir/identity/offline'] button[type=submit]")
    page.wait_for_selector("#refusal")
    refusal = page.inner_text("#refusal")
    assert "相続人ではありません" in refusal and "ノートは開いていません" in refusal
    assert page.locator("#outcome").count() == 0
    shot(page, "heir-10-not-an-heir")
    context.close()
