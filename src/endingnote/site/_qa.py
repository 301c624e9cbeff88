"""The QA report of one version, produced on every build (after the FHIR IG Publisher's qa.html):
missing translations, broken references, unused code lists, and every example validated."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from endingnote._codes import issue
from endingnote._issues import Issue, Severity
from endingnote.site import _codes  # noqa: F401  (defines the site.* codes)
from endingnote.site._catalogue_pages import codelist_users
from endingnote.site._linkcheck import PLACEHOLDER, STATE_PLACEHOLDER
from endingnote.site._md import GENERATED_HEADER, code, esc, table
from endingnote.standard import PRIMITIVES, Standard

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class ExampleResult:
    name: str
    valid: bool | None  # None: not validated
    errors: int = 0
    warnings: int = 0
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class ConformanceResult:
    case: str  # path under conformance/
    expect_valid: bool
    passed: bool | None  # None: not run
    detail: str = ""


@dataclass
class QAReport:
    version: str
    issues: list[Issue] = field(default_factory=list)
    examples: list[ExampleResult] = field(default_factory=list)
    conformance: list[ConformanceResult] = field(default_factory=list)
    checks: dict[str, str] = field(default_factory=dict)  # check name -> "ok" / "failed" / "not run: why"

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    def by_code(self, prefix: str) -> list[Issue]:
        return [i for i in self.issues if i.code == prefix]


def _untranslated(ja: str, en: str) -> str | None:
    """Why ``en`` is not an English rendering of ``ja`` (or None when it looks fine)."""
    if not en.strip():
        return "missing"
    if ja and en.strip() == ja.strip() and _JAPANESE.search(ja):
        return "copied"
    if not _LATIN.search(en) and _JAPANESE.search(en):
        return "japanese"
    return None


def translations(std: Standard) -> Iterator[Issue]:
    """Items, record types, parts, code lists and codes lacking a Japanese or English text."""

    def check(what: str, path: str, pairs: list[tuple[str, str, str]]) -> Iterator[Issue]:
        # pairs: (attribute_base, ja, en)
        for base, ja, en in pairs:
            if not ja.strip():
                yield issue("site.missing_translation", path, what=what, attribute=f"{base}_ja")
            problem = _untranslated(ja, en)
            if problem:
                yield issue("site.missing_translation", path, what=what, attribute=f"{base}_en ({problem})")

    for cat in std.categories:
        yield from check(
            f"category {cat.key}", f"standard:{cat.key}", [("label", cat.label_ja, cat.label_en)]
        )
    for rt in std.records.values():
        yield from check(
            f"record {rt.key}",
            rt.key,
            [("label", rt.label_ja, rt.label_en), ("definition", rt.definition_ja, rt.definition_en)],
        )
        for f in rt.items:
            yield from check(
                f"item {rt.key}.{f.key}",
                f"{rt.key}.{f.key}",
                [("label", f.label_ja, f.label_en), ("definition", f.definition_ja, f.definition_en)],
            )
    for part in std.parts.values():
        yield from check(
            f"part {part.key}",
            f"part:{part.key}",
            [("label", part.label_ja, part.label_en), ("definition", part.definition_ja, part.definition_en)],
        )
        for f in part.fields:
            pairs = [("label", f.label_ja, f.label_en)]
            if f.definition_ja or f.definition_en:
                pairs.append(("definition", f.definition_ja, f.definition_en))
            yield from check(f"part field {part.key}.{f.key}", f"part:{part.key}.{f.key}", pairs)
    for cl in std.codelists.values():
        yield from check(
            f"code list {cl.key}",
            f"codelist:{cl.key}",
            [("label", cl.label_ja, cl.label_en), ("definition", cl.definition_ja, cl.definition_en)],
        )
        for c in cl.codes:
            yield from check(
                f"code {cl.key}/{c.code}", f"codelist:{cl.key}/{c.code}", [("label", c.label_ja, c.label_en)]
            )


def references(std: Standard, known_versions: list[str]) -> Iterator[Issue]:
    """Every reference the pages link: types, code lists, ref targets, replacements, versions."""
    owners = [(f"{rt.key}.{f.key}", f) for rt in std.records.values() for f in rt.items]
    owners += [(f"part:{p.key}.{f.key}", f) for p in std.parts.values() for f in p.fields]
    categories = {c.key for c in std.categories}
    for rt in std.records.values():
        if rt.category not in categories:
            yield issue("site.broken_ref", rt.key, what=f"record {rt.key}", target=f"category {rt.category}")
    for where, f in owners:
        if f.type not in PRIMITIVES and f.type not in std.parts:
            yield issue("site.broken_ref", where, what=where, target=f"type {f.type}")
        if f.codelist and f.codelist not in std.codelists:
            yield issue("site.broken_ref", where, what=where, target=f"code list {f.codelist}")
        if f.ref and f.ref not in std.records:
            yield issue("site.broken_ref", where, what=where, target=f"record type {f.ref}")
        if f.replaced_by and std.item(f.replaced_by) is None and f.replaced_by not in std.records:
            yield issue("site.broken_ref", where, what=where, target=f"replaced_by {f.replaced_by}")
        for attr, value in (("since", f.since), ("deprecated_in", f.deprecated_in)):
            if value and value not in known_versions:
                yield issue("site.broken_ref", where, what=where, target=f"{attr} version {value}")
        if f.status == "deprecated" and not f.replaced_by and not where.startswith("part:"):
            yield issue("site.deprecated_without_replacement", where, item=where)


def unused_codelists(std: Standard) -> Iterator[Issue]:
    used = codelist_users(std)
    for key in std.codelists:
        if key not in used:
            yield issue("site.unused_codelist", f"codelist:{key}", codelist=key)


def incomplete_items(std: Standard) -> Iterator[Issue]:
    """Items without an example of their own, or without a definition in Japanese or English."""
    for item in std.items():
        f = item.field
        missing = [
            what
            for what, absent in (
                ("example", f.example is None),
                ("definition_ja", not f.definition_ja.strip()),
                ("definition_en", not f.definition_en.strip()),
            )
            if absent
        ]
        if missing:
            yield issue("site.item_incomplete", item.key, key=item.key, missing=", ".join(missing))


def validate_examples(examples: dict[str, bytes], root: Path) -> tuple[list[ExampleResult], list[Issue]]:
    """Validate every example with ``endingnote.validate`` (the same validator users run)."""
    try:
        from endingnote.validation import validate
    except ImportError as exc:  # the validator is another concern's package
        return [ExampleResult(n, None) for n in examples], [
            issue("site.validator_unavailable", "", detail=str(exc))
        ]
    results: list[ExampleResult] = []
    found: list[Issue] = []
    for name, data in sorted(examples.items()):
        try:
            report = validate(data, root=root)
        except Exception as exc:
            found.append(
                issue("site.example_unreadable", name, example=name, detail=f"{type(exc).__name__}: {exc}")
            )
            results.append(ExampleResult(name, None))
            continue
        errors = report.errors
        results.append(
            ExampleResult(name, report.valid, len(errors), len(report.warnings), tuple(report.sorted()))
        )
        if not report.valid:
            first = errors[0]
            found.append(
                issue(
                    "site.example_invalid",
                    name,
                    example=name,
                    errors=len(errors),
                    first=f"{first.code} at {first.path or '/'}",
                )
            )
    return results, found


def validate_conformance(files: dict[str, bytes], root: Path) -> tuple[list[ConformanceResult], list[Issue]]:
    """Run the conformance suite: every ``valid/`` case must be valid; every ``invalid/`` case must
    report each ``{code, path}`` its ``.expected.json`` lists."""
    try:
        from endingnote.validation import validate
    except ImportError:
        return [], []  # reported once by validate_examples
    results: list[ConformanceResult] = []
    found: list[Issue] = []
    for rel in sorted(files):
        if rel.endswith(".expected.json") or not rel.startswith("conformance/"):
            continue
        case = rel.removeprefix("conformance/")
        expect_valid = case.startswith("valid/")
        try:
            report = validate(files[rel], root=root)
        except Exception as exc:  # one broken case must not hide the others
            detail = f"{type(exc).__name__}: {exc}"
            results.append(ConformanceResult(case, expect_valid, False, detail))
            found.append(issue("site.conformance_failed", rel, case=case, detail=detail))
            continue
        got = {(i.code, i.path) for i in report.issues}
        if expect_valid:
            problem = "" if report.valid else f"invalid: {sorted(got)[:3]}"
        else:
            problem = _expected_problem(
                files.get(rel.removesuffix(".json") + ".expected.json"), got, report.valid
            )
        results.append(ConformanceResult(case, expect_valid, not problem, problem))
        if problem:
            found.append(issue("site.conformance_failed", rel, case=case, detail=problem))
    return results, found


def _expected_problem(expected: bytes | None, got: set[tuple[str, str]], valid: bool) -> str:
    import json

    if expected is None:
        return "no .expected.json"
    try:
        meta = json.loads(expected)
        wanted = {(str(e["code"]), str(e["path"])) for e in meta["expect"]}
    except (ValueError, KeyError, TypeError):
        return "unreadable .expected.json"
    if valid:
        return "valid, but should be invalid"
    missing = sorted(wanted - got)
    return f"missing {missing}" if missing else ""


def _issue_rows(issues: list[Issue]) -> str:
    return table(
        ["重大度 / Severity", "コード / Code", "場所 / Where", "内容", "Message"],
        [
            (i.severity.value, code(i.code), code(i.path or "/"), esc(i.message_ja), esc(i.message_en))
            for i in sorted(issues, key=lambda i: (i.severity.value, i.path, i.code))
        ],
    )


_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("translations", "翻訳の欠け / Missing translations", ("site.missing_translation",)),
    (
        "references",
        "参照切れ / Broken references",
        ("site.broken_ref", "site.deprecated_without_replacement"),
    ),
    ("codelists", "未使用のコードリスト / Unused code lists", ("site.unused_codelist",)),
    (
        "items",
        "例・定義のない項目 / Items without an example or a definition",
        ("site.item_incomplete",),
    ),
    (
        "examples",
        "例の検証 / Examples validated",
        (
            "site.example_invalid",
            "site.example_unreadable",
            "site.conformance_failed",
            "site.validator_unavailable",
        ),
    ),
    ("downloads", "成果物 / Downloads", ("site.download_missing", "site.download_too_large")),
    (
        "compat",
        "互換性と変更履歴 / Compatibility and changelog",
        (
            "site.compat_unavailable",
            "site.compat_failed",
            "site.compat_unacknowledged",
            "site.changelog_missing",
        ),
    ),
    (
        "extensions",
        "拡張レジストリ / Extension registry",
        ("site.extension_invalid", "site.extensions_unavailable"),
    ),
    ("guides", "生成ガイド / Generated guides", ("site.guide_failed", "site.page_collision")),
)
# Checked on the built HTML, after MkDocs: written into the built page by _linkcheck.publish.
_AFTER_BUILD: tuple[tuple[str, str], ...] = (
    ("links", "リンクとアンカー / Links and anchors"),
    ("uris", "正規 URI の解決 / Canonical URIs resolve"),
)


def render(report: QAReport) -> str:
    out = [GENERATED_HEADER, "# 品質レポート / QA report\n\n"]
    out.append(
        f"版 {code(report.version)} のサイト生成時に実行したチェックの結果です。"
        "エラーがあると `endingnote site build --strict` は失敗します。\n\n"
        f"The checks run when the site of version {code(report.version)} was built. "
        "With errors, `endingnote site build --strict` fails.\n\n"
    )
    out.append(
        table(
            ["チェック / Check", "エラー / Errors", "警告 / Warnings", "情報 / Info", "状態 / State"],
            [
                (
                    f"[{title}](#{key})",
                    str(sum(1 for i in report.issues if i.code in codes and i.severity is Severity.ERROR)),
                    str(sum(1 for i in report.issues if i.code in codes and i.severity is Severity.WARNING)),
                    str(sum(1 for i in report.issues if i.code in codes and i.severity is Severity.INFO)),
                    esc(report.checks.get(key, "ok")),
                )
                for key, title, codes in _SECTIONS
            ]
            + [
                (f"[{title}](#links)", "—", "—", "—", STATE_PLACEHOLDER.format(key=key))
                for key, title in _AFTER_BUILD
            ],
        )
    )
    out.append(
        "\n## リンクと正規 URI / Links and canonical URIs {#links}\n\n"
        "生成したサイトの全ページの内部リンクとアンカー、および各項目・レコード型・部品の正規 URI "
        "(w3id の転送規則をたどって、ページとアンカーがあること)を検査します。\n\n"
        "Every internal link and anchor of every built page, and every canonical URI of the items, "
        "record types and parts (followed through the w3id redirect rules to a page and anchor).\n\n"
        + PLACEHOLDER
        + "\n"
    )
    for key, title, codes in _SECTIONS:
        out.append(f"\n## {title} {{#{key}}}\n\n")
        if key == "examples":
            out.append(_examples(report.examples))
            out.append(_conformance(report.conformance))
        found = [i for i in report.issues if i.code in codes]
        out.append(_issue_rows(found) if found else "問題なし / No findings.\n")
    return "".join(out)


def _conformance(results: list[ConformanceResult]) -> str:
    if not results:
        return ""
    passed = sum(1 for r in results if r.passed)
    rows = [
        (
            f"[{code(r.case)}](downloads/conformance/{r.case})",
            "有効 / valid" if r.expect_valid else "無効 / invalid",
            "合格 / pass" if r.passed else ("未実行 / not run" if r.passed is None else "不合格 / FAIL"),
            esc(r.detail),
        )
        for r in results
    ]
    return (
        f"適合性テスト / Conformance suite: {passed}/{len(results)} 合格 / passed\n\n"
        + table(["ケース / Case", "期待 / Expected", "結果 / Result", "詳細 / Detail"], rows)
        + "\n"
    )


def _examples(results: list[ExampleResult]) -> str:
    if not results:
        return "検証する例がありません。 / No examples to validate.\n\n"
    intro = (
        "`full.json` は全項目にカタログの例の値を入れた文書なので、その検証は各項目の例の検証も兼ねます。"
        " / `full.json` fills every item with its catalogue example, so validating it validates every "
        "item's example too.\n\n"
    )
    rows = []
    for r in results:
        verdict = (
            "未検証 / not validated" if r.valid is None else ("有効 / valid" if r.valid else "無効 / invalid")
        )
        rows.append((f"[{code(r.name)}](downloads/{r.name})", verdict, str(r.errors), str(r.warnings)))
    out = intro + table(["例 / Example", "結果 / Result", "エラー / Errors", "警告 / Warnings"], rows) + "\n"
    for r in results:
        if r.issues:
            out += f"**{code(r.name)}**\n\n" + _issue_rows(list(r.issues)) + "\n"
    return out
