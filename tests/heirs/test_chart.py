"""The 法定相続情報一覧図: structured form, listing text and SVG (golden files)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from endingnote.heirs import HeirMap, heir_map, load_graph, render_svg, render_text, wareki

from ._builder import G

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
SVG_NS = "{http://www.w3.org/2000/svg}"


def _basic_map() -> HeirMap:
    graph = load_graph(DATA / "basic.json")
    chart, _ = heir_map(
        graph,
        "taro",
        applicant="hanako",
        prepared_on=dt.date(2024, 4, 1),
        prepared_by="東京都千代田区千代田一丁目1番1号　山田花子",
    )
    assert chart is not None
    return chart


def _parse(svg: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(svg.encode("utf-8"), parser)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ENDINGNOTE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_wareki() -> None:
    assert wareki(dt.date(1940, 4, 1)) == "昭和15年4月1日"
    assert wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(dt.date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki(dt.date(1926, 12, 24)) == "大正15年12月24日"
    assert wareki(None) == "不詳"


def test_map_json_shows_no_shares_and_marks_representation() -> None:
    doc = _basic_map().to_dict()
    assert doc["decedent"]["last_honseki"] == "東京都千代田区千代田一丁目1番"
    heirs = {h["id"]: h for h in doc["heirs"]}
    assert heirs["hanako"]["zokugara"] == "妻" and heirs["hanako"]["is_applicant"]
    assert heirs["ichiro"]["zokugara"] == "長男"
    assert heirs["sakura"]["zokugara"] == "孫・代襲者"
    assert heirs["sakura"]["representative_of"] == [
        {
            "id": "jiro",
            "name": "山田　二郎",
            "death_date": "2020-01-01",
            "ground": "death",
            "ground_ja": "死亡",
            "ground_en": "died before the decedent",
        }
    ]
    assert heirs["sakura"]["relationship_en"] == "grandchild (by representation)"
    assert doc["prepared_by"] == {
        "name": "東京都千代田区千代田一丁目1番1号　山田花子",
        "address": None,
        "qualification": None,
        "office": None,
    }
    assert "share" not in str(doc)


def test_renouncers_are_listed_but_disqualified_are_not() -> None:
    g = (
        G()
        .p("d", "1940-01-01", "2024-03-10", sex="male")
        .p("a", "1970-01-01", sex="male")
        .p("b", "1972-01-01", sex="female")
        .p("c", "1974-01-01", sex="female")
        .child("d", "a")
        .child("d", "b")
        .child("d", "c")
        .fact("d", "a", "renunciation")
        .fact("d", "c", "disqualification")
    )
    chart, result = heir_map(g.graph(), "d")
    assert chart is not None
    assert [h.id for h in chart.heirs] == ["a", "b"]
    assert [h.zokugara for h in chart.heirs] == ["子", "子"]
    assert result.shares()  # computed without the renunciation
    real = g.compute("d")
    assert set(real.shares()) == {"b"}


def test_listing_text_golden() -> None:
    _golden("basic.txt", render_text(_basic_map()))


def test_svg_golden_and_well_formed() -> None:
    svg = render_svg(_basic_map())
    _golden("basic.svg", svg)
    root = _parse(svg)
    assert root.get("width") == "210mm" and root.get("height") == "297mm"
    texts = [t.text or "" for t in root.iter(f"{SVG_NS}text")]
    assert "（被相続人）　山田　太郎" in texts
    assert "被代襲者　山田　二郎（令和2年1月1日死亡）" in texts
    assert "Noto" in svg


def test_hostile_names_are_escaped() -> None:
    g = G().p("d", "1940-01-01", "2024-03-10").p("x", "1970-01-01", name=("<script>", "&alert(1)</text>"))
    g.child("d", "x")
    chart, _ = heir_map(g.graph(), "d")
    assert chart is not None
    svg = render_svg(chart)
    root = _parse(svg)  # still well-formed
    assert "<script>" not in svg
    assert any("<script>" in (t.text or "") for t in root.iter(f"{SVG_NS}text"))


def test_many_heirs_fit_above_the_certification_space() -> None:
    g = G().p("d", "1940-01-01", "2024-03-10")
    for k in range(40):
        g.p(f"c{k:02d}", f"{1960 + k % 30}-01-01").child("d", f"c{k:02d}")
    chart, _ = heir_map(g.graph(), "d")
    assert chart is not None
    svg = render_svg(chart)
    root = _parse(svg)
    group = next(e for e in root.iter(f"{SVG_NS}g") if (e.get("transform") or "").startswith("translate"))
    scale = float(group.get("transform", "").split("scale(")[1].split(")")[0])
    assert 0 < scale < 1
    ys = [float(t.get("y", "0")) for t in group.iter(f"{SVG_NS}text")]
    top = min(ys)
    assert top + (max(ys) - top) * scale <= 2970 - 500  # ~5 cm blank at the bottom for the 認証文


def test_too_many_heirs_are_not_drawn() -> None:
    from endingnote.heirs import ChartTooLarge, chart_too_large
    from endingnote.heirs._limits import MAX_CHART_HEIRS

    chart = _basic_map()
    assert chart_too_large(chart) is None
    many = dataclasses.replace(chart, heirs=chart.heirs[:1] * (MAX_CHART_HEIRS.value + 1))
    finding = chart_too_large(many)
    assert finding is not None and finding.code == "heirs.chart.too_many"
    assert "heirs.chart.max_heirs" in finding.message_ja and "1,000" in finding.message_ja
    with pytest.raises(ChartTooLarge):
        render_svg(many)
    assert render_text(many).count("（妻）") == MAX_CHART_HEIRS.value + 1  # the listing is still given


def test_indeterminate_gives_no_map() -> None:
    g = G().p("d", "1940-01-01", "2024-03-10").p("w1").p("w2").marry("d", "w1").marry("d", "w2", "1980-01-01")
    chart, result = heir_map(g.graph(), "d")
    assert chart is None and result.status == "indeterminate"
