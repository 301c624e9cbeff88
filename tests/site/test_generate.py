"""Page generation and the QA report, on a mini standard with known problems."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from endingnote._codes import all_codes
from endingnote._issues import Issue
from endingnote.cli import COMMANDS
from endingnote.site import generate
from endingnote.site._reference_pages import cli_page, errors_page, walk
from endingnote.site._versions import VersionEntry, default_version, versions_json
from tests.site._mini import HOSTILE


def _codes_at(gen_issues: list[Issue], code: str) -> set[str]:
    return {i.path for i in gen_issues if i.code == code}


def test_record_page_lists_every_item_with_its_attributes(mini_root: Path) -> None:
    gen = generate("1.0", root=mini_root)
    page = gen.pages["records/deposit_account.md"]
    for key in ("bank_name", "branch", "old_number", "memo"):
        assert f"](#{key})" in page  # row in the item table
        assert f"{{#{key}}}" in page  # detail section anchor
    assert "https://w3id.org/endingnote/item/deposit\\_account.bank\\_name" in page
    assert "非推奨となった版 / Deprecated in" in page
    assert "codelists.md#cl-sex" in gen.pages["records/person.md"]
    assert ("預貯金口座 / Deposit account", "records/deposit_account.md") in gen.records_nav


def test_catalogue_says_it_is_a_reconstruction(mini_root: Path) -> None:
    gen = generate("1.0", root=mini_root)
    for name in ("catalogue.md", "overview.md"):
        assert "公式項目一覧ではありません" in gen.pages[name]
        assert "not the official" in gen.pages[name]


def test_qa_finds_each_kind_of_problem(mini_root: Path) -> None:
    qa = generate("1.0", root=mini_root).qa
    assert _codes_at(qa.issues, "site.unused_codelist") == {"codelist:colour"}
    assert "deposit_account.branch" in _codes_at(qa.issues, "site.missing_translation")
    assert _codes_at(qa.issues, "site.broken_ref") == {"deposit_account.old_number"}
    # the invalid example is caught by the real validator, the valid one passes
    assert "examples/full.json" in _codes_at(qa.issues, "site.example_invalid")
    assert "examples/minimal.json" not in _codes_at(qa.issues, "site.example_invalid")
    verdicts = {r.name: r.valid for r in qa.examples if not r.name.startswith("examples/records/")}
    assert verdicts == {"examples/full.json": False, "examples/minimal.json": True}
    # the example of each record type is validated too
    assert {r.name for r in qa.examples} >= {
        "examples/records/person.json",
        "examples/records/deposit_account.json",
    }
    assert qa.checks["examples"] == "failed"
    assert qa.checks["codelists"] == "ok"  # a warning, not an error
    assert all(i.message_ja and i.message_en for i in qa.issues)


def test_qa_reports_missing_downloads(mini_root: Path) -> None:
    (mini_root / "1.0" / "generated" / "catalogue.xlsx").unlink()
    gen = generate("1.0", root=mini_root)
    assert _codes_at(gen.qa.issues, "site.download_missing") == {"standard/1.0/generated/catalogue.xlsx"}
    assert "downloads/catalogue.xlsx" not in gen.files
    assert "downloads/catalogue.csv" in gen.files


def test_downloads_are_the_committed_bytes_and_bundled(mini_root: Path) -> None:
    import io
    import zipfile

    gen = generate("1.0", root=mini_root)
    committed = (mini_root / "1.0" / "generated" / "catalogue.csv").read_bytes()
    assert gen.files["downloads/catalogue.csv"] == committed
    bundle = zipfile.ZipFile(io.BytesIO(gen.files["downloads/endingnote-standard-1.0.zip"]))
    assert bundle.read("endingnote-standard-1.0/catalogue/catalogue.csv") == committed
    # deterministic: the same standard gives the same bundle
    again = generate("1.0", root=mini_root)
    assert (
        again.files["downloads/endingnote-standard-1.0.zip"]
        == gen.files["downloads/endingnote-standard-1.0.zip"]
    )


def test_changes_page_has_the_classified_diff(mini_root: Path) -> None:
    gen = generate("1.1", root=mini_root)
    page = gen.pages["changes.md"]
    assert "ITEM\\_ADDED\\_OPTIONAL" in page
    assert "records/deposit_account.md#holder_kana" in page
    assert "site.changelog_missing" in {i.code for i in gen.qa.issues}
    assert "前の版はありません" in generate("1.0", root=mini_root).pages["changes.md"]
    # the item's own page says what changed in this version
    record = gen.pages["records/deposit_account.md"]
    detail = record[record.index("{#holder_kana}") :]
    assert "この版での変更 / Changed in this version" in detail and "ITEM\\_ADDED\\_OPTIONAL" in detail


def test_changelog_yaml_separates_normative_from_editorial(mini_root: Path) -> None:
    (mini_root / "1.1" / "changelog.yaml").write_text(
        "changes:\n"
        "  - {kind: normative, items: [deposit_account.holder_kana],\n"
        "     summary_ja: 名義カナを追加, summary_en: Added holder kana}\n"
        "  - {kind: editorial, summary_ja: 定義の誤字を修正, summary_en: Fixed a typo}\n",
        encoding="utf-8",
    )
    page = generate("1.1", root=mini_root).pages["changes.md"]
    normative, editorial = page.index("{#changelog-normative}"), page.index("{#changelog-editorial}")
    assert normative < page.index("名義カナを追加") < editorial < page.index("定義の誤字を修正")


def test_hostile_text_is_escaped_in_every_page(mini_root: Path) -> None:
    import re

    gen = generate("1.0", root=mini_root)
    text = "".join(gen.pages.values())
    assert HOSTILE in text  # the example, inside a JSON code fence, where it is inert
    outside_fences = re.sub(r"```json\n.*?\n```", "", text, flags=re.S)
    assert "<script>" not in outside_fences
    assert "&lt;script&gt;" in text
    assert "[link](http://evil.example)" not in outside_fences


def test_cli_reference_covers_every_command() -> None:
    from endingnote.cli import cli

    docs = {d.path: d for d in walk(cli)}
    for name in COMMANDS:
        assert f"endingnote {name}" in docs, name
    assert "endingnote site build" in docs
    build = docs["endingnote site build"]
    assert any("--strict" in p[0] for p in build.params)
    assert "endingnote site build" in cli_page()


def test_cli_reference_survives_a_broken_command_module() -> None:
    from endingnote.cli import LazyGroup

    group = LazyGroup("demo", lazy={"gone": ("endingnote.no_such_module:cmd", "missing")})
    docs = walk(group, "demo")
    broken = [d for d in docs if d.path == "demo gone"]
    assert broken and broken[0].error is not None and "ModuleNotFoundError" in broken[0].error
    assert isinstance(group, click.Group)


def test_errors_page_lists_every_issue_code() -> None:
    page, missing = errors_page()
    assert missing == []
    codes = all_codes()
    assert "site.broken_ref" in codes
    for code in codes:
        assert f'<span id="{code}"></span>' in page, code


def test_versions_json_lists_every_version_newest_first_with_latest_alias() -> None:
    entries = [
        VersionEntry("1.0", "a", "a", "released", "2026-01-01", None),
        VersionEntry("1.1", "b", "b", "released", "2026-06-01", "1.0"),
        VersionEntry("1.10", "c", "c", "draft", None, "1.1"),
    ]
    data = json.loads(versions_json(entries))
    assert [d["version"] for d in data] == ["1.10", "1.1", "1.0"]
    assert [d["aliases"] for d in data] == [[], ["latest"], []]
    assert "draft" in data[0]["title"]
    assert default_version(entries) == "1.1"


def test_unknown_version_is_refused(mini_root: Path) -> None:
    from endingnote.errors import StandardError

    with pytest.raises(StandardError):
        generate("9.9", root=mini_root)


def test_editors_markdown_changelog_keeps_tables_but_not_markup(mini_root: Path) -> None:
    import re

    import markdown  # type: ignore[import-untyped]

    (mini_root / "1.1" / "CHANGELOG.md").write_text(
        "# Changelog 1.0 → 1.1\n\n"
        "## 規範的な変更 / Normative changes\n\n"
        "| 対象 / Path | 内容 |\n|---|---|\n| `deposit_account.holder_kana` | **追加** <b>x</b> |\n\n"
        "<script>alert(1)</script> [phish](javascript:alert(1)) ![img](http://evil.example/x.png)\n"
        '{: onclick="alert(1)" }\n',
        encoding="utf-8",
    )
    gen = generate("1.1", root=mini_root)
    assert "site.changelog_missing" not in {i.code for i in gen.qa.issues}
    page = gen.pages["changes.md"]
    page = page[: page.index("{#diff}")]  # the editors' part only (the diff below links to items)
    assert "#### 規範的な変更 / Normative changes" in page  # nested under the page's Changelog heading
    rendered = markdown.markdown(page, extensions=["tables", "attr_list", "md_in_html", "admonition"])
    assert "<table>" in rendered and "<strong>追加</strong>" in rendered
    assert "<code>deposit_account.holder_kana</code>" in rendered
    for bad in ("<script>", "<b>", "<a href", "<img"):
        assert bad not in rendered, bad
    assert not re.search(r"<[^>]*onclick", rendered)  # the attribute list stayed text


def test_conformance_suite_is_published_and_run(mini_root: Path) -> None:
    gen = generate("1.0", root=mini_root)
    assert "downloads/conformance/invalid/missing-name.expected.json" in gen.files
    assert "{#conformance}" in gen.pages["downloads.md"]
    results = {r.case: r.passed for r in gen.qa.conformance}
    assert results == {
        "invalid/missing-name.json": True,
        "invalid/wrong-expectation.json": False,
        "valid/minimal.json": True,
    }
    assert _codes_at(gen.qa.issues, "site.conformance_failed") == {
        "conformance/invalid/wrong-expectation.json"
    }
    assert "2/3" in gen.pages["qa.md"]
