"""The 一覧図 SVG rendered by headless Chromium (Debian's): every text inside A4 above the space
left for the 認証文, no two texts overlapping, Noto CJK available."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from endingnote.heirs import heir_map, load_graph, render_svg

from ._builder import G

DATA = Path(__file__).parent / "data"
LONG = "北海道札幌市中央区北一条西二丁目一番地一　札幌中央マンション一二三四号室（旧住居表示）"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_MEASURE = """() => {
  const svg = document.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const k = 2100 / box.width;
  return {
    font: document.fonts.check('30px "Noto Serif CJK JP"') || document.fonts.check('30px "Noto Sans CJK JP"'),
    texts: [...svg.querySelectorAll('text')].map(t => {
      const r = t.getBoundingClientRect();
      return {s: t.textContent, x0: (r.left - box.left) * k, x1: (r.right - box.left) * k,
              y0: (r.top - box.top) * k, y1: (r.bottom - box.top) * k};
    }),
  };
}"""


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page(viewport={"width": 1050, "height": 1485})
    try:
        yield pg
    finally:
        pg.close()


def _charts() -> dict[str, str]:
    basic = load_graph(DATA / "basic.json")
    out = {"basic": render_svg(heir_map(basic, "taro", applicant="hanako", prepared_by="山田花子")[0])}  # type: ignore[arg-type]
    many = G().p(
        "d", "1940-01-01", "2024-03-10", sex="male", register={"last_address": LONG, "honseki": LONG}
    )
    many.p("w", "1941-01-01", sex="female", register={"address": LONG}).marry("d", "w")
    for k in range(25):
        many.p(f"c{k:02d}", f"{1960 + k}-01-01", register={"address": LONG}).couple_child(
            "d", "w", f"c{k:02d}"
        )
    many.persons_set("c03", death={"date": "2000-01-01"}).p("g", "1990-01-01").child("c03", "g")
    chart, _ = heir_map(many.graph(), "d")
    out["many"] = render_svg(chart)  # type: ignore[arg-type]
    sib = G().p("f", "1910-01-01", "1980-01-01", sex="male").p("d", "1940-01-01", "2024-03-10")
    sib.child("f", "d").p("s", "1942-01-01", "2010-01-01", sex="male").child("f", "s")
    sib.p("n", "1970-01-01", sex="female", register={"address": LONG}).child("s", "n")
    out["siblings"] = render_svg(heir_map(sib.graph(), "d")[0])  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("name", ["basic", "many", "siblings"])
def test_layout_fits_a4_without_overlaps(page: Any, name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.svg"
    path.write_text(_charts()[name], encoding="utf-8")
    page.goto(path.as_uri())
    page.evaluate("document.fonts.ready")
    found = page.evaluate(_MEASURE)
    assert found["font"], "Noto CJK is not available to Chromium"
    texts = found["texts"]
    assert len(texts) > 5
    for t in texts:
        assert t["x0"] >= -1 and t["x1"] <= 2100 + 1, t
        assert t["y1"] <= 2970 - 480, t  # about 5 cm left blank at the bottom for the 認証文
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            overlap_y = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            assert overlap_x <= 2 or overlap_y <= 2, (a["s"], b["s"])
