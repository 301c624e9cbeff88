"""The downloads of one version: the committed artifacts in ``standard/<v>/generated/``, copied into
the site, bundled in one zip, and listed on a page with sizes and SHA-256 digests."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.errors import StandardError
from endingnote.site._catalogue_pages import draft_banner
from endingnote.site._context import VersionContext
from endingnote.site._md import GENERATED_HEADER, code, esc, table
from endingnote.standard import build_package
from endingnote.standard._build import dump_json
from endingnote.standard._examples import record_example

# (path under generated/, label_ja, label_en)
ARTIFACTS: tuple[tuple[str, str, str], ...] = (
    ("schema.json", "JSON Schema 2020-12 バンドル(ノート全体)", "JSON Schema 2020-12 bundle of a note"),
    (
        "catalogue.csv",
        "項目カタログ CSV(UTF-8 BOM 付き、Excel 用)",
        "Item catalogue, CSV (UTF-8 with BOM for Excel)",
    ),
    (
        "catalogue.xlsx",
        "項目カタログ XLSX(レコード型・コードリスト・部品のシート付き)",
        "Item catalogue, XLSX (with record types, code lists and parts)",
    ),
    ("examples/minimal.json", "最小の有効なノートの例", "A minimal valid note"),
    ("examples/full.json", "全項目を使ったノートの例", "A note using every item"),
    (
        "context.jsonld",
        "JSON-LD の @context(各キーを正規 URI に対応づけ)",
        "JSON-LD @context (every key to its canonical URI)",
    ),
)
MAX_ARTIFACT_BYTES = 50 * 1024 * 1024


@dataclass
class Downloads:
    page: str
    files: dict[str, bytes]  # path under generated/downloads/ -> bytes
    issues: list[Issue] = field(default_factory=list)
    examples: dict[str, bytes] = field(default_factory=dict)  # examples/x.json -> bytes (for QA)
    conformance: dict[str, bytes] = field(default_factory=dict)  # conformance/... -> bytes (for QA)


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KiB" if n >= 1024 else f"{n} B"


def collect(ctx: VersionContext, root: Path) -> Downloads:
    version = ctx.version
    generated = ctx.directory / "generated"
    files: dict[str, bytes] = {}
    issues: list[Issue] = []
    rows = []
    for rel, ja, en in ARTIFACTS:
        path = generated / rel
        data: bytes | None = None
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            if size > MAX_ARTIFACT_BYTES:
                issues.append(
                    issue("site.download_too_large", f"standard/{version}/generated/{rel}", size=size)
                )
            else:
                data = path.read_bytes()
        else:
            issues.append(
                issue("site.download_missing", f"standard/{version}/generated/{rel}", version=version)
            )
        if data is None:
            rows.append((esc(ja) + "<br>" + esc(en), code(rel), "—", "未生成 / not generated"))
            continue
        files[rel] = data
        rows.append(
            (
                esc(ja) + "<br>" + esc(en),
                f"[{code(rel)}](downloads/{rel})",
                _size(len(data)),
                code(hashlib.sha256(data).hexdigest()),
            )
        )
    conformance = _conformance(generated, issues)
    files.update(conformance)
    for key in ctx.std.records:
        files[f"examples/records/{key}.json"] = dump_json(record_example(ctx.std, key))
    bundle_name = f"endingnote-standard-{version}.zip"
    if not issues:  # the package needs every committed artifact
        try:
            files[bundle_name] = build_package(version, root).to_zip()
        except StandardError as exc:
            issues.append(issue("site.download_missing", f"standard/{version}/generated", version=version))
            del exc
    page = [
        GENERATED_HEADER,
        "# ダウンロード / Downloads\n\n",
        draft_banner(ctx.std),
        f"{esc(ctx.std.title_ja)}の公開成果物です。すべて `standard/{esc(version)}/` の YAML から "
        "`endingnote standard build` で生成され、手で編集されることはありません。\n\n"
        f"The published artifacts of {esc(ctx.std.title_en)}. All are generated from the YAML in "
        f"`standard/{esc(version)}/` by `endingnote standard build` and never edited by hand.\n\n",
        table(["内容 / Content", "ファイル / File", "サイズ / Size", "SHA-256"], rows),
    ]
    if bundle_name in files:
        digest = hashlib.sha256(files[bundle_name]).hexdigest()
        page.append(
            "\n## パッケージ / Package {#package}\n\n"
            f"機械向けにすべてをまとめた zip: [{code(bundle_name)}](downloads/{bundle_name}) "
            f"({_size(len(files[bundle_name]))}, SHA-256 {code(digest)})。"
            "YAML の原本、JSON Schema、カタログ(CSV・XLSX・JSON)、全コードリスト(JSON・CSV)、"
            "レコード型ごとの完全な例、適合性テスト、拡張レジストリとメタスキーマ、家族関係グラフと戸籍のスキーマ、"
            "JSON-LD コンテキスト、全ファイルの SHA-256 を記した `manifest.json` を含みます。"
            f"`endingnote standard package {esc(version)} -o FILE` で同じバイト列を作れます。\n\n"
            f"Everything for machines in one zip: [{code(bundle_name)}](downloads/{bundle_name}): the YAML "
            "sources, the JSON Schema, the catalogue (CSV, XLSX, JSON), every code list (JSON, CSV), a full "
            "example per record type, the conformance suite, the extension registry and its meta-schema, "
            "the family-graph and register schemas, the JSON-LD context and `manifest.json` with the "
            f"SHA-256 of every file. `endingnote standard package {esc(version)} -o FILE` "
            "makes the same bytes.\n"
        )
    page.append(
        "\n## レコード型ごとの例 / An example per record type {#record-examples}\n\n"
        + ", ".join(f"[{code(key)}](downloads/examples/records/{key}.json)" for key in ctx.std.records)
        + "\n"
    )
    page.append(
        "\n## 検証 / Validate\n\n"
        "```sh\nendingnote validate examples/full.json\n```\n\n"
        "例のファイルはこのサイトの生成時に検証されています。"
        "結果は[品質レポート](qa.md#examples)にあります。 / "
        "The examples are validated when this site is built; see the [QA report](qa.md#examples).\n"
    )
    if conformance:
        page.append(_conformance_section(conformance))
    examples = {rel: data for rel, data in files.items() if rel.startswith("examples/")}
    return Downloads(
        page="".join(page), files=files, issues=issues, examples=examples, conformance=conformance
    )


def _conformance(generated: Path, issues: list[Issue]) -> dict[str, bytes]:
    """The conformance suite (``conformance/valid/*.json``, ``conformance/invalid/<case>.json`` and
    ``<case>.expected.json``), when the version publishes one."""
    base = generated / "conformance"
    out: dict[str, bytes] = {}
    if not base.is_dir() or base.is_symlink():
        return out
    for path in sorted(base.rglob("*.json")):
        rel = path.relative_to(generated).as_posix()
        if path.is_symlink() or not path.is_file():
            continue
        if path.stat().st_size > MAX_ARTIFACT_BYTES:
            issues.append(issue("site.download_too_large", f"generated/{rel}", size=path.stat().st_size))
            continue
        out[rel] = path.read_bytes()
    return out


def _conformance_section(files: dict[str, bytes]) -> str:
    rows = []
    for rel in sorted(files):
        if rel.endswith(".expected.json"):
            continue
        expected_rel = rel.removesuffix(".json") + ".expected.json"
        description, codes = "", ""
        if expected_rel in files:
            try:
                meta = json.loads(files[expected_rel])
            except ValueError:
                meta = {}
            if isinstance(meta, dict):
                description = (
                    esc(meta.get("description_ja", "")) + "<br>" + esc(meta.get("description_en", ""))
                )
                raw = meta.get("expect")
                expect: list[Any] = raw if isinstance(raw, list) else []
                codes = "<br>".join(
                    f"{code(e.get('code', ''))} {code(e.get('path', ''))}"
                    for e in expect
                    if isinstance(e, dict)
                )
        kind = "有効 / valid" if "/valid/" in rel else "無効 / invalid"
        rows.append(
            (f"[{code(rel.removeprefix('conformance/'))}](downloads/{rel})", kind, description, codes)
        )
    return (
        "\n## 適合性テスト / Conformance suite {#conformance}\n\n"
        "他の実装が検証器を試すための言語に依存しないテストです。無効なケースには期待される検査コードと場所が付いています。"
        "このサイトの生成時に全ケースを検証しています([品質レポート](qa.md#examples))。\n\n"
        "Language-neutral cases for testing other validators; each invalid case lists the expected codes and "
        "paths. Every case is run when this site is built (see the [QA report](qa.md#examples)).\n\n"
        + table(["ケース / Case", "種類 / Kind", "内容 / Description", "期待 / Expected"], rows)
    )
