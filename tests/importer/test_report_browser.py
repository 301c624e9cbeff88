"""The family's report as Chromium (Debian's) shows and prints it.

The import of the demo's note by 一郎 is rendered by headless Chromium: the text a family member
sees (``innerText``: what is rendered, so not the collapsed technical detail) holds no internal
token — no code of any code list, capacity, status, record id or person id, each list derived from
the standard, the engine and the data rather than written by hand; the 一覧図 is as tall as its
content; the page prints on A4. Screenshots of the report and of the 一覧図 are kept in
``test-artifacts/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from endingnote.importer import ImportResult, run_import

from .conftest import REGISTERS, World

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def imported(world: World, tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportResult, Path]:
    from .conftest import emulated

    out = tmp_path_factory.mktemp("report") / "out"
    result = run_import(
        world.taro_card, REGISTERS, emulated(world.pki, "ichiro"), out,
        trust=world.trust, crls=world.crls, at=world.at,
    )  # fmt: skip
    assert result.exit_code == 0, result.to_dict()
    return result, out


def _forbidden(out: Path) -> set[str]:
    """Tokens a family member must never read, derived from the code lists, the engine's
    capacities and statuses, the verifier's statuses and the ids in the note and the registers."""
    from endingnote import standard
    from endingnote.heirs import graph_from_dict
    from endingnote.heirs._result import CAPACITY_JA
    from endingnote.koseki import family_graph_from_files
    from endingnote.sign import Indication, Revocation

    note = json.loads((out / "note.json").read_text("utf-8"))
    std = standard.get(note["header"]["standard"])
    labels = " ".join(c.label_ja for cl in std.codelists.values() for c in cl.codes)
    codes = {c.code for cl in std.codelists.values() for c in cl.codes}
    tokens = {c for c in codes if re.fullmatch(r"[A-Za-z][A-Za-z0-9_:-]{2,}", c) and c not in labels}
    tokens |= set(CAPACITY_JA) | {i.value for i in Indication} | {r.value for r in Revocation}
    tokens |= {"determined", "provisional", "no_heir", "indeterminate", "imported", "refused"}
    tokens |= {"True", "False", "None", "null", "UTC", "+00:00"}

    def ids(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                yield value["id"]
            for v in value.values():
                yield from ids(v)
        elif isinstance(value, list):
            for v in value:
                yield from ids(v)

    tokens |= set(ids(note))
    data, _ = family_graph_from_files(REGISTERS)
    assert data is not None
    tokens |= {p.id for p in graph_from_dict(data).persons}
    assert {"transfer", "ordinary", "spouse", "child", "VALID", "family_member-1", "m19500401"} <= tokens
    return tokens


def _visible_text(page: Any) -> str:
    text: str = page.evaluate("document.body.innerText")
    return text


def test_the_family_reads_no_internal_token(browser: Any, imported: tuple[ImportResult, Path]) -> None:
    _, out = imported
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    page.goto((out / "report.html").as_uri())
    page.evaluate("document.fonts.ready")
    text = _visible_text(page)
    assert "山田　太郎さんのエンディングノート" in text
    assert "マイナンバーカードで署名し、その後変更されていません" in text
    assert "あなた(山田　一郎さん、長男)の法定相続分は4分の1です" in text
    assert "株式会社サンプル銀行 本店営業部 普通預金(通常貯金) ***4567" in text  # a reference, resolved
    assert "〒100-0013" in text and "円" in text and "(日本時間)" in text
    assert "山田太郎" not in text  # one spelling: the register's 山田　太郎
    found = {}
    for token in _forbidden(out):
        hit = re.search(rf"(?<![A-Za-z0-9_.@/-]){re.escape(token)}(?![A-Za-z0-9_@-])", text)
        if hit:
            found[token] = text[max(0, hit.start() - 30) : hit.end() + 30]
    assert not found, found
    # the technical detail is there for professionals, collapsed
    assert page.evaluate("document.querySelector('details#technical').open") is False
    assert "revoked_after_signing" in page.evaluate("document.querySelector('details#technical').textContent")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "import-report.png"), full_page=True)
    assert (ARTIFACTS / "import-report.png").stat().st_size > 50_000
    page.close()


def test_heir_map_is_sized_to_its_content_and_prints_on_a4(
    browser: Any, imported: tuple[ImportResult, Path], tmp_path: Path
) -> None:
    _, out = imported
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    page.goto((out / "report.html").as_uri())
    page.evaluate("document.fonts.ready")
    box = page.evaluate(
        """() => {
      const svg = document.querySelector('.heirmap svg');
      const b = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().bottom);
      return {width: b.width, height: b.height, bottom: b.bottom, last: Math.max(...texts)};
    }"""
    )
    assert box["height"] < box["width"] * 0.8  # not an A4 sheet (which would be 1.41 × the width)
    assert box["bottom"] - box["last"] < 60  # no blank area under the 作成者 block
    heirmap = page.locator(".heirmap")
    texts = page.evaluate("[...document.querySelectorAll('.heirmap text')].map(t => t.textContent)")
    assert "以下余白" in texts and "作成日：" in "".join(texts) and "作成者：住所　" in "".join(texts)
    assert any(t.startswith("最後の住所") for t in texts) and any(t.startswith("最後の本籍") for t in texts)
    assert any("被代襲者　山田　次郎（令和2年8月8日死亡）" in t for t in texts)
    ARTIFACTS.mkdir(exist_ok=True)
    heirmap.screenshot(path=str(ARTIFACTS / "import-heir-map.png"))
    assert (ARTIFACTS / "import-heir-map.png").stat().st_size > 20_000
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('details#technical')).display") == "none"
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    data = pdf.read_bytes()
    boxes = {tuple(round(float(x)) for x in m.split()) for m in re.findall(rb"/MediaBox ?\[([^\]]*)\]", data)}
    assert data.startswith(b"%PDF") and boxes == {(0, 0, 595, 842)}  # every page A4: 595 × 842 pt
    page.close()
