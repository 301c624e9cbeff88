"""The 一覧図 as the Legal Affairs Bureau expects it: living 被代襲者 with their ground, 養父/養母/養子 as
recorded, the 作成者 block, a drawing sized to its content; names and 続柄 in the JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from endingnote.heirs import Preparer, describe, heir_map, render_svg, render_text

from ._builder import G

SVG_NS = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    from lxml import etree

    root = etree.fromstring(svg.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    return [t.text or "" for t in root.iter(f"{SVG_NS}text")]


@pytest.mark.parametrize(
    ("kind", "ground"), [("disqualification", "相続欠格"), ("disinheritance", "推定相続人の廃除")]
)
def test_living_represented_person_shows_the_ground_not_a_death(kind: str, ground: str) -> None:
    g = (
        G()
        .p("d", "1940-01-01", "2024-03-10", sex="male")
        .p("c", "1965-01-01", sex="male", name=("山田", "二郎"))
        .p("gc", "1990-01-01", sex="female", name=("山田", "さくら"))
        .child("d", "c")
        .child("c", "gc")
        .fact("d", "c", kind)
    )
    chart, _ = heir_map(g.graph(), "d")
    assert chart is not None
    (heir,) = chart.heirs
    assert heir.id == "gc" and heir.zokugara == "孫・代襲者"
    (rep,) = heir.represented
    assert rep.died is None and rep.to_dict()["death_date"] is None and rep.to_dict()["ground_ja"] == ground
    line = f"被代襲者　山田　二郎（{ground}）"
    text = render_text(chart)
    assert line in text and "死亡）" not in text and "不詳" not in text
    texts = _texts(render_svg(chart))
    assert line in texts and not any("不詳" in t for t in texts)


def test_predeceased_represented_person_keeps_the_death_date() -> None:
    g = G().p("d", "1940-01-01", "2024-03-10").p("c", "1965-01-01", "2020-08-08", name=("山田", "二郎"))
    g.p("gc", "1990-01-01").child("d", "c").child("c", "gc")
    chart, _ = heir_map(g.graph(), "d")
    assert chart is not None
    assert "被代襲者　山田　二郎（令和2年8月8日死亡）" in render_text(chart)


def test_adoptive_parents_and_children_as_recorded() -> None:
    parents = (
        G()
        .p("d", "1960-01-01", "2024-03-10", sex="male")
        .p("f", "1930-01-01", sex="male")
        .p("m", "1932-01-01", sex="female")
        .p("af", "1928-01-01", sex="male")
        .p("am", "1929-01-01", sex="female")
        .couple_child("f", "m", "d")
        .adopt("af", "d", "1980-01-01")
        .adopt("am", "d", "1980-01-01")
    )
    chart, _ = heir_map(parents.graph(), "d")
    assert chart is not None
    assert {h.id: h.zokugara for h in chart.heirs} == {"f": "父", "m": "母", "af": "養父", "am": "養母"}
    children = (
        G()
        .p("d", "1940-01-01", "2024-03-10", sex="male")
        .p("s", "1970-01-01", sex="male", register={"zokugara": "長男"})
        .p("a", "1972-01-01", sex="male", register={"zokugara": "二男"})
        .p("b", "1973-01-01", sex="female", register={"zokugara": "長女"})
        .child("d", "s")
        .adopt("d", "a", "1990-01-01")
        .adopt("d", "b", "1990-01-01")
    )
    chart, result = heir_map(children.graph(), "d")
    assert chart is not None
    # 長男/二男/長女 relate to the birth parents; towards the adopter the register says 養子/養女
    assert {h.id: h.zokugara for h in chart.heirs} == {"s": "長男", "a": "養子", "b": "養女"}
    described = describe(children.graph(), result)
    rel = {h["id"]: (h["name"], h["relationship_ja"], h["relationship_en"]) for h in described["heirs"]}
    assert rel["a"] == ("山田　a", "養子", "adopted son") and rel["s"][2] == "eldest son"


def test_preparer_block_and_blank_for_the_certificate() -> None:
    g = G().p("d", "1940-01-01", "2024-03-10", sex="male").p("w", "1942-01-01", sex="female").marry("d", "w")
    person = Preparer("山田　花子", address="東京都千代田区千代田一丁目1番1号")
    pro = Preparer(
        "法務　一郎", address="東京都港区一丁目2番3号", qualification="司法書士", office="法務司法書士事務所"
    )
    chart, _ = heir_map(g.graph(), "d", prepared_on=dt.date(2024, 4, 1), prepared_by=person)
    assert chart is not None
    text = render_text(chart)
    tail = text.split("以下余白", 1)[1]
    assert "作成日：令和6年4月1日" in tail
    assert "作成者：住所　東京都千代田区千代田一丁目1番1号\n　　　　氏名　山田　花子" in tail
    texts = _texts(render_svg(chart))
    assert texts.index("以下余白") < texts.index("作成日：令和6年4月1日")
    assert "　　　　氏名　山田　花子" in texts
    chart, _ = heir_map(g.graph(), "d", prepared_on=dt.date(2024, 4, 1), prepared_by=pro)
    assert chart is not None
    lines = render_text(chart).split("以下余白", 1)[1]
    assert "作成者：司法書士　法務　一郎\n　　　　法務司法書士事務所\n　　　　東京都港区一丁目2番3号" in lines


def test_addresses_from_the_note_fill_what_registers_lack() -> None:
    g = G().p("d", "1940-01-01", "2024-03-10", sex="male", register={"honseki": "東京都千代田区一番"})
    g.p("w", "1942-01-01", sex="female", register={"address": "大阪府大阪市北区一丁目"}).marry("d", "w")
    g.p("c", "1970-01-01").child("d", "c")
    chart, _ = heir_map(
        g.graph(),
        "d",
        last_address="東京都千代田区霞が関二丁目1-2",
        addresses={"w": "ignored", "c": "横浜市"},
    )
    assert chart is not None
    assert (
        chart.last_address == "東京都千代田区霞が関二丁目1-2" and chart.last_honseki == "東京都千代田区一番"
    )
    assert {h.id: h.address for h in chart.heirs} == {"w": "大阪府大阪市北区一丁目", "c": "横浜市"}
    text = render_text(chart)
    assert "最後の住所　東京都千代田区霞が関二丁目1-2" in text and "最後の本籍　東京都千代田区一番" in text


def test_content_fit_has_no_blank_page_area() -> None:
    from lxml import etree

    g = G().p("d", "1940-01-01", "2024-03-10", sex="male").p("w", "1942-01-01", sex="female").marry("d", "w")
    chart, _ = heir_map(g.graph(), "d", prepared_by="山田　花子")
    assert chart is not None
    root: Any = etree.fromstring(render_svg(chart, fit="content").encode())
    height = float(root.get("viewBox").split()[3])
    ys = [float(t.get("y")) for t in root.iter(f"{SVG_NS}text")]
    assert height < 1500 and max(ys) < height <= max(ys) + 100
    assert root.get("height") == f"{height / 10:.1f}mm"
    a4: Any = etree.fromstring(render_svg(chart).encode())
    assert a4.get("height") == "297mm" and a4.get("viewBox") == "0 0 2100 2970"


def test_cut_off_relatives_are_explained_by_the_tie_that_ended() -> None:
    special = (
        G()
        .p("d", "1990-01-01", "2024-03-10")
        .p("bm", "1965-01-01", sex="female")
        .p("half", "1995-01-01")
        .p("af", "1960-01-01", sex="male")
        .child("bm", "d", marital=False, parent_role="mother")
        .child("bm", "half")
        .child("af", "d", "special_adoptive", decreed_on="1992-01-01")
    )
    result = special.compute("d")
    assert set(result.shares()) == {"af"}
    assert result.non_heir("bm").reason == "special_adoption_cut"  # type: ignore[union-attr]
    assert result.non_heir("half").reason == "special_adoption_cut"  # type: ignore[union-attr]
    dissolved = (
        G()
        .p("d", "1980-01-01", "2024-03-10")
        .p("f", "1950-01-01", sex="male")
        .p("ap", "1940-01-01", sex="female")
        .child("f", "d")
        .adopt("ap", "d", "1990-01-01", dissolved_on="2000-01-01")
    )
    result = dissolved.compute("d")
    assert set(result.shares()) == {"f"}
    explained = result.non_heir("ap")
    assert explained is not None and explained.reason == "adoption_dissolved"
    assert "離縁" in explained.explanation_ja and "729" in explained.articles
    stranger = G().p("d", "1980-01-01", "2024-03-10").p("x", "1950-01-01").compute("d")
    assert stranger.non_heir("x").reason == "not_kin"  # type: ignore[union-attr]


def test_describe_names_everyone() -> None:
    g = G().p("d", "1940-01-01", "2024-03-10", sex="male").p("w", "1942-01-01", sex="female")
    g.p("ex", "1941-01-01", sex="female").marry("d", "ex", "1960-01-01", "1965-01-01")
    g.marry("d", "w", "1966-01-01").p("c", "1970-01-01", sex="male", register={"zokugara": "長男"})
    g.couple_child("d", "w", "c")
    out = describe(g.graph(), g.compute("d"))
    assert out["decedent_name"] == "山田　d"
    heirs = {h["id"]: (h["relationship_ja"], h["relationship_en"]) for h in out["heirs"]}
    assert heirs == {"w": ("妻", "wife"), "c": ("長男", "eldest son")}
    others = {n["id"]: (n["name"], n["relationship_ja"], n["relationship_en"]) for n in out["non_heirs"]}
    assert others["ex"] == ("山田　ex", "元配偶者", "former spouse")
    assert others["d"][1] is None
