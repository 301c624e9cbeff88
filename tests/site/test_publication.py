"""The site as a publication: canonical URIs resolve through the shipped w3id rules, the link
check catches broken links and anchors, the site URL is a build setting, generated guides have a
place, and the QA page lists incomplete items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from endingnote.errors import InputError
from endingnote.site import _guides, _linkcheck, _w3id, build_site, generate
from endingnote.standard import get, versions
from tests.site.conftest import copy_site


def _rules(out: Path) -> str:
    return (out / "w3id" / "endingnote" / ".htaccess").read_text(encoding="utf-8")


def test_every_canonical_uri_reaches_a_built_page(real_build: dict[str, Any]) -> None:
    out = Path(real_build["out"])
    site = real_build["site_url"]
    assert site == "https://endingnote.github.io/endingnote/"
    rules = _w3id.parse(_rules(out))
    for version in versions():
        std = get(version)
        uris = _w3id.canonical_uris(std)
        assert {i.uri for i in std.items()} <= set(uris)  # every catalogue URI is among them
        for uri in uris:
            target = _w3id.resolve(uri, std.namespace, rules)
            assert target is not None and target.startswith(site), uri
            rel, _, anchor = target[len(site) :].partition("#")
            page = out / rel / "index.html" if rel == "" or rel.endswith("/") else out / rel
            assert page.is_file(), (uri, target)  # latest/ is a real copy: no mapping needed here
            if anchor:
                assert anchor in _linkcheck.ids_of(page.read_bytes()), (uri, target)
    summary = {v["version"]: v["qa"]["checks"] for v in real_build["versions"]}
    assert all(c["uris"] == "ok" and c["links"] == "ok" for c in summary.values()), summary
    qa = (out / real_build["default_version"] / "qa" / "index.html").read_text(encoding="utf-8")
    assert _linkcheck.PLACEHOLDER not in qa and "internal links on" in qa


def test_items_only_in_another_version_are_sent_there(mini_root: Path) -> None:
    stds = [get(v, mini_root) for v in versions(mini_root)]
    text = _w3id.htaccess(stds, "1.0", "https://endingnote.github.io/mini/")
    rules = _w3id.parse(text)
    ns = stds[0].namespace
    # holder_kana exists only in the 1.1 draft; 1.0 is the newest released version (latest/)
    assert _w3id.resolve(f"{ns}/item/deposit_account.holder_kana", ns, rules) == (
        "https://endingnote.github.io/mini/1.1/item/deposit_account.holder_kana/"
    )
    assert _w3id.resolve(f"{ns}/item/person.sex", ns, rules) == (
        "https://endingnote.github.io/mini/latest/item/person.sex/"
    )
    assert _w3id.resolve(f"{ns}/1.1/context.jsonld", ns, rules) == (
        "https://endingnote.github.io/mini/1.1/downloads/context.jsonld"
    )
    assert _w3id.resolve("https://elsewhere.jp/x", ns, rules) is None
    assert "R=303" in text and "RewriteEngine on" in text


def _page(root: Path, rel: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_link_check_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _page(out, "1.0/index.html", '<h1 id="top">x</h1><a href="a/">ok</a><a href="a/#here">ok</a>')
    _page(out, "1.0/a/index.html", '<p id="here"></p><a href="../gone/">bad</a><a href="../#nowhere">bad</a>')
    _page(
        out,
        "1.0/b/index.html",
        '<a href="https://other.jp/">off-site</a><a href="mailto:x@y.jp">m</a>'
        '<a href="https://endingnote.github.io/mini/1.0/missing/">canonical</a>'
        '<a href="../../1.1/">other</a>',
    )
    found = _linkcheck.check_version(out, "1.0", "https://endingnote.github.io/mini/")
    got = {(i.code, i.path, i.message_en) for i in found.links}
    assert ("site.broken_link", "1.0/a/index.html", "The link ../gone/ leads nowhere.") in got
    assert any(c == "site.broken_anchor" and "nowhere" in m for c, _, m in got)
    assert any(p == "1.0/b/index.html" and "missing" in m for _, p, m in got)  # absolute site URL
    assert any(p == "1.0/b/index.html" and "1.1" in m for _, p, m in got)  # another version, absent
    assert not any("other.jp" in m or "mailto" in m for _, _, m in got)
    assert found.pages == 3


@pytest.mark.parametrize(
    "url", ["https://endingnote.example/", "https://docs.example.com/x/", "http://localhost/", "ftp://a.jp/"]
)
def test_strict_build_refuses_a_placeholder_site_url(mini_root: Path, tmp_path: Path, url: str) -> None:
    site = copy_site(tmp_path / "site")
    with pytest.raises(InputError, match="site_url"):
        build_site(site, tmp_path / "out", strict=True, root=mini_root, only=["1.0"], site_url=url)
    assert not (tmp_path / "out").exists()


def test_site_url_comes_from_standard_yaml(mini_root: Path, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    result = build_site(site, tmp_path / "out", root=mini_root, only=["1.0"])
    assert result.site_url == "https://endingnote.github.io/mini/"
    sitemap = (tmp_path / "out" / "1.0" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://endingnote.github.io/mini/1.0/records/person/" in sitemap
    assert (tmp_path / "out" / "w3id" / "endingnote" / ".htaccess").is_file()


def guide_for_test() -> str:
    return "# 変換言語 / Mapping language\n\nテスト / test\n"


def broken_guide() -> str:
    raise RuntimeError("boom")


def test_generated_guides_get_a_page_and_a_nav_entry(
    mini_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        _guides,
        "GUIDE_PAGES",
        [
            ("mapping.md", "tests.site.test_publication:guide_for_test", "変換言語 / Mapping language"),
            ("broken.md", "tests.site.test_publication:broken_guide", "壊れた / Broken"),
        ],
    )
    gen = generate("1.0", root=mini_root)
    assert gen.pages["guides/mapping.md"].endswith(guide_for_test())
    assert ("変換言語 / Mapping language", "guides/mapping.md") in gen.guides_nav
    assert "guides/broken.md" not in gen.pages
    assert {i.path for i in gen.qa.issues if i.code == "site.guide_failed"} == {"guides/broken.md"}


def test_qa_lists_items_without_an_example_or_definition(mini_root: Path) -> None:
    """The loader insists on examples today; the QA check holds if that rule is ever relaxed."""
    import dataclasses

    from endingnote.site import _qa

    std = get("1.0", mini_root)
    rt = std.records["deposit_account"]
    items = (dataclasses.replace(rt.items[0], example=None, definition_en=""), *rt.items[1:])
    records = {**std.records, rt.key: dataclasses.replace(rt, items=items)}
    broken = dataclasses.replace(std, records=records)
    found = {i.path: i.message_en for i in _qa.incomplete_items(broken)}
    key = f"{rt.key}.{rt.items[0].key}"
    assert found == {key: f"Item {key} has no example, definition_en."}
    assert not list(_qa.incomplete_items(std))
    assert "例・定義のない項目" in generate("1.0", root=mini_root).pages["qa.md"]


def test_item_pages_mirror_the_uris(mini_root: Path) -> None:
    gen = generate("1.0", root=mini_root)
    std = get("1.0", mini_root)
    for item in std.items():
        page = gen.pages[f"item/{item.key}.md"]
        assert item.uri.replace("_", "\\_") in page
        assert "search:\n  exclude: true" in page
    record = gen.pages["records/deposit_account.md"]
    for anchor in ("{#example ", "{#structure ", "{#mappings "):
        assert anchor in record
