"""The built site in headless Chromium (Debian's chromium, driven by Playwright): a record-type page
shows its item table, the version selector lists every version, Japanese search finds results.
Screenshots of the home page and a record page are kept in ``test-artifacts/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from endingnote.standard import get, versions
from tests.site.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def _record_key(version: str) -> str:
    records = get(version).records
    return "deposit_account" if "deposit_account" in records else next(iter(records))


def test_home_page_renders_japanese_first(real_build: dict[str, Any], server: str, page: Any) -> None:
    page.goto(f"{server}/")  # the root redirects to the newest released version
    page.wait_for_url(f"{server}/{real_build['default_version']}/")
    page.wait_for_selector(".md-version__current")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert "公式の項目一覧ではありません" in page.inner_text("article")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-home.png"))
    assert (ARTIFACTS / "site-home.png").stat().st_size > 10_000


def test_record_page_shows_its_item_table(real_build: dict[str, Any], server: str, page: Any) -> None:
    version = real_build["default_version"]
    key = _record_key(version)
    rt = get(version).records[key]
    page.goto(f"{server}/{version}/records/{key}/")
    table = page.locator(".en-items table")
    table.wait_for()
    rows = table.locator("tbody tr")
    assert rows.count() == len(rt.items)
    first = rows.nth(0).inner_text()
    assert rt.items[0].key in first and rt.items[0].label_ja in first
    assert rt.label_ja in page.inner_text("h1")
    # every item has its detail section to jump to
    for item in rt.items:
        assert page.locator(f"[id='{item.key}']").count() == 1, item.key
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-record.png"))
    assert (ARTIFACTS / "site-record.png").stat().st_size > 10_000


def test_version_selector_lists_every_version(real_build: dict[str, Any], server: str, page: Any) -> None:
    for version in versions():
        page.goto(f"{server}/{version}/")
        page.wait_for_selector(".md-version__link")
        listed = [
            page.locator(".md-version__link").nth(i).get_attribute("href")
            for i in range(page.locator(".md-version__link").count())
        ]
        assert sorted(Path(h or "").name for h in listed) == sorted(versions()), listed
        assert version in page.inner_text(".md-version__current")


def test_version_selector_switches_version(real_build: dict[str, Any], server: str, page: Any) -> None:
    all_versions = versions()
    assert len(all_versions) >= 2, all_versions
    old, new = all_versions[0], all_versions[-1]
    page.goto(f"{server}/{old}/versions/")
    page.wait_for_selector(".md-version__link")
    page.hover(".md-version")
    page.locator(".md-version__link", has_text=new).first.click()
    # the selector keeps the reader on the same page of the other version (via its sitemap)
    page.wait_for_url(f"{server}/{new}/versions/")
    assert new in page.inner_text(".md-version__current")


@pytest.mark.parametrize("term", ["預貯金", "法人番号"])
def test_japanese_search_finds_results(real_build: dict[str, Any], server: str, page: Any, term: str) -> None:
    page.goto(f"{server}/{real_build['default_version']}/")
    page.fill(".md-search__input", term)
    # the search worker builds the index (and segments Japanese) in the page first: on a loaded
    # machine that alone can take longer than the context's 10-second default
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    results = page.locator(".md-search-result__item")
    assert results.count() >= 1
    texts = [results.nth(i).inner_text() for i in range(min(results.count(), 3))]
    assert any(term in t for t in texts), texts  # a page about the term ranks near the top


def test_search_for_an_absent_term_finds_nothing(real_build: dict[str, Any], server: str, page: Any) -> None:
    page.goto(f"{server}/{real_build['default_version']}/")
    page.fill(".md-search__input", "ぬばたまの夜")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').innerText.length > 0", timeout=60_000
    )
    assert page.locator(".md-search-result__item").count() == 0


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    assert (ARTIFACTS / name).stat().st_size > 10_000


def test_no_page_is_titled_index(real_build: dict[str, Any], server: str, page: Any) -> None:
    """Section index pages carry their own titles (the registry once showed as "次 Index")."""
    version = real_build["default_version"]
    for path in ("overview/", "records/", "extensions/", "catalogue/"):
        page.goto(f"{server}/{version}/{path}")
        assert not page.title().startswith("Index"), (path, page.title())
    page.goto(f"{server}/{version}/catalogue/")  # the page before the registry in the nav
    footer = page.inner_text(".md-footer")
    assert "Index" not in footer, footer
    page.goto(f"{server}/{version}/versions/")
    assert "Index" not in page.inner_text(".md-footer")
    _shot(page, "site-no-index-titles.png")


def test_the_disclaimer_is_said_once(real_build: dict[str, Any], server: str, page: Any) -> None:
    page.goto(f"{server}/{real_build['default_version']}/overview/")
    box = page.locator(".admonition.warning")
    assert box.count() == 1
    paragraphs = box.locator("p:not(.admonition-title)")
    assert paragraphs.count() == 2, box.inner_text()  # one statement in Japanese, one in English
    assert "official" in paragraphs.nth(1).inner_text() and "official" not in paragraphs.nth(0).inner_text()
    _shot(page, "site-disclaimer.png")


def test_item_table_fits_a_1280_px_window(real_build: dict[str, Any], server: str, page: Any) -> None:
    version = real_build["default_version"]
    for key in ("deposit_account", "person", "insurance_policy"):
        if key not in get(version).records:
            continue
        page.goto(f"{server}/{version}/records/{key}/")
        wrap = page.locator(".en-items .md-typeset__scrollwrap, .en-items .md-typeset__table").first
        wrap.wait_for()
        overflow = page.evaluate(
            "[...document.querySelectorAll('.en-items *')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
            ".map(e => e.className)"
        )
        assert overflow == [], (key, overflow)
        last = page.locator(".en-items thead th").last
        box = last.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1280 - 240, box  # left of the TOC
    _shot(page, "site-item-table-1280.png")


def test_switching_version_keeps_the_page_from_latest_and_item_pages(
    real_build: dict[str, Any], server: str, page: Any
) -> None:
    all_versions = versions()
    old = all_versions[0]
    page.goto(f"{server}/latest/records/person/#name")
    page.wait_for_selector(".md-version__link")
    # at the #name anchor the header shows the page title over the version selector, as it does for
    # a reader who scrolled down: like them, go back to the top before using the selector
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("window.scrollY === 0")
    page.hover(".md-version")
    page.locator(".md-version__link", has_text=old).first.click()
    page.wait_for_url(f"{server}/{old}/records/person/#name", timeout=30_000)  # fetches a sitemap
    page.goto(f"{server}/{old}/item/person.name/")
    page.wait_for_selector(".md-version__link")
    page.hover(".md-version")
    new = all_versions[-1]
    page.locator(".md-version__link", has_text=new).first.click()
    page.wait_for_url(f"{server}/{new}/item/person.name/", timeout=30_000)
    assert new in page.inner_text(".md-version__current")
    _shot(page, "site-version-switched.png")


def test_record_page_has_example_structure_and_mappings(
    real_build: dict[str, Any], server: str, page: Any
) -> None:
    version = real_build["default_version"]
    page.goto(f"{server}/{version}/records/deposit_account/")
    for anchor in ("example", "structure", "mappings"):
        assert page.locator(f"[id='{anchor}']").count() == 1, anchor
    assert "deposit_account [0..*]" in page.inner_text("article")
    page.locator("[id='mappings']").scroll_into_view_if_needed()
    _shot(page, "site-record-mappings.png")
