"""A vendor's staff in Chromium: drop a valid and a broken export, read and filter the findings,
download the report; convert a cp932 CSV with a bundled mapping. Every download is compared
byte for byte with what ``endingnote validate --report`` / ``endingnote convert -o --report``
write for the same files."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, Server, check_keyboard, check_labels, running_server, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLES = ROOT / "standard" / "1.1" / "generated"
VALID = EXAMPLES / "examples" / "full.json"
BROKEN = EXAMPLES / "conformance" / "invalid" / "impossible-birth-date.json"
CSV = ROOT / "converters" / "desktop_csv" / "sample.csv"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("vendor-server")) as s:
        yield s


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "endingnote", *args], cwd=cwd, capture_output=True, check=False, timeout=300
    )


def download(page: Any, name: str) -> bytes:
    with page.expect_download() as info:
        page.click(f"a[href$='/download/{name}']")
    path = info.value.path()
    return Path(path).read_bytes()


def test_validate_a_valid_and_a_broken_export(browser: Any, server: Server, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page.goto(server.url + "/vendor")
    assert page.get_attribute("html", "lang") == "ja"
    check_labels(page)
    check_keyboard(page)
    shot(page, "vendor-1-upload")
    page.set_input_files("#files", [str(VALID), str(BROKEN)])
    page.click("form.upload button[type=submit]")
    page.wait_for_url("**/vendor/runs/*")
    summary = page.inner_text("#summary")
    assert "2 件の文書を検証しました: 妥当 1 件、エラーあり 1 件" in summary
    table = page.inner_text("table.findings")
    assert "impossible-birth-date.json" in table and "value.date" in table
    assert "/person/birth_date" in table and "生年月日" in table and "実在する西暦の日付" in table
    assert page.locator("svg.chart rect.fill").count() > 0  # the conformance chart, drawn by the server
    assert "基本情報" in page.text_content("svg.chart")
    check_labels(page)
    check_keyboard(page)
    shot(page, "vendor-2-findings")

    # filters: severity, category, code (server-side, a plain GET form)
    page.select_option("#f-severity", "error")
    page.select_option("#f-category", "basic")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**severity=error**")
    rows = page.locator("table.findings tbody tr")
    assert rows.count() >= 1
    assert all("エラー" in rows.nth(i).inner_text() for i in range(rows.count()))
    page.select_option("#f-severity", "")
    page.select_option("#f-category", "")
    page.select_option("#f-code", "value.date")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**code=value.date**")
    assert page.locator("table.findings tbody tr").count() == 1

    # downloads: the bytes the command line writes for the same files under the same names
    work = tmp_path / "cli"
    work.mkdir()
    shutil.copy(VALID, work / VALID.name)
    shutil.copy(BROKEN, work / BROKEN.name)
    for name in ("report.json", "report.csv", "report.xlsx"):
        got = download(page, name)
        done = cli(work, "validate", VALID.name, BROKEN.name, "--report", name)
        assert done.returncode == 1, done.stderr  # one document is invalid
        assert got == (work / name).read_bytes(), name
    # English switch, then back
    page.click("a[hreflang=en]")
    assert page.get_attribute("html", "lang") == "en"
    assert "Validated 2 documents: 1 valid, 1 with errors." in page.inner_text("#summary")
    page.click("a[hreflang=ja]")
    page.close()


def test_convert_a_cp932_csv(browser: Any, server: Server, tmp_path: Path) -> None:
    assert CSV.read_bytes().decode("cp932")  # the sample is what Excel in Japan writes
    page = browser.new_page(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page.goto(server.url + "/vendor")
    page.set_input_files("#files", str(CSV))
    page.select_option("#mapping", "desktop_csv")
    page.click("form.upload button[type=submit]")
    page.wait_for_url("**/vendor/runs/*")
    summary = page.inner_text("#summary")
    assert "「sample.csv」を desktop_csv で変換しました" in summary
    shot(page, "vendor-3-convert")
    work = tmp_path / "cli"
    work.mkdir()
    shutil.copy(CSV, work / "sample.csv")
    done = cli(work, "convert", "sample.csv", "--from", "desktop_csv", "-o", "out", "--report", "report.json")
    assert done.returncode in (0, 1), done.stderr
    assert download(page, "report.json") == (work / "report.json").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(download(page, "documents.zip")))
    got = {n: archive.read(n) for n in archive.namelist()}
    written = {p.name: p.read_bytes() for p in (work / "out").iterdir()}
    manifest = "endingnote-run.manifest"  # the run's manifest differs only by when it finished
    assert json.loads(got.pop(manifest)) | {"finished_at": ""} == json.loads(written.pop(manifest)) | {
        "finished_at": ""
    }
    assert written and got == written
    assert any("山田" in data.decode("utf-8") for data in written.values())  # cp932 read as such
    page.close()
