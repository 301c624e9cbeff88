"""Issue codes of the site build and its QA report (``site.*``)."""

from endingnote._codes import define

define(
    "site.download_missing",
    "error",
    "版 {version} の成果物がありません。`endingnote standard build` を実行してください。",
    "The artifact of version {version} is missing; run `endingnote standard build`.",
)
define(
    "site.download_too_large",
    "error",
    "成果物が大きすぎます({size} バイト)。",
    "The artifact is too large ({size} bytes).",
)
define(
    "site.missing_translation",
    "warning",
    "{what} に {attribute} がありません。",
    "{what} has no {attribute}.",
)
define(
    "site.broken_ref",
    "error",
    "{what} の参照先 {target} が存在しません。",
    "{what} refers to {target}, which does not exist.",
)
define(
    "site.unused_codelist",
    "warning",
    "コードリスト {codelist} はどの項目からも使われていません。",
    "Code list {codelist} is not used by any item.",
)
define(
    "site.example_invalid",
    "error",
    "例 {example} は検証に通りません({errors} 件のエラー。最初: {first})。",
    "Example {example} does not validate ({errors} error(s); first: {first}).",
)
define(
    "site.example_unreadable",
    "error",
    "例 {example} を検証できませんでした: {detail}",
    "Example {example} could not be validated: {detail}",
)
define(
    "site.conformance_failed",
    "error",
    "適合性テストのケース {case} が期待どおりになりません: {detail}",
    "Conformance case {case} does not behave as expected: {detail}",
)
define(
    "site.validator_unavailable",
    "warning",
    "検証器(endingnote.validation)を読み込めないため、例は検証していません: {detail}",
    "The validator (endingnote.validation) could not be imported, so the examples were not validated: {detail}",
)
define(
    "site.compat_unavailable",
    "warning",
    "互換性チェッカー(endingnote.compat)を使えないため、版間の差分を生成していません: {detail}",
    "The compatibility checker (endingnote.compat) is not available, so no diff was generated: {detail}",
)
define(
    "site.compat_unacknowledged",
    "error",
    "{old} → {new} に、宣言されていない互換性のない変更が {count} 件あります。",
    "{old} → {new} has {count} breaking change(s) that are not acknowledged.",
)
define(
    "site.compat_failed",
    "error",
    "互換性チェッカーが版を比較できませんでした: {detail}",
    "The compatibility checker could not compare the versions: {detail}",
)
define(
    "site.changelog_missing",
    "warning",
    "版 {version} に人が書いた変更履歴(changelog.yaml または CHANGELOG.md)がありません。",
    "Version {version} has no human changelog (changelog.yaml or CHANGELOG.md).",
)
define(
    "site.extension_invalid",
    "error",
    "拡張レジストリのファイルに問題があります: {detail}",
    "An extension registry file has a problem: {detail}",
)
define(
    "site.extensions_unavailable",
    "warning",
    "拡張レジストリ(endingnote.extensions)を読み込めません: {detail}",
    "The extension registry (endingnote.extensions) could not be loaded: {detail}",
)
define(
    "site.deprecated_without_replacement",
    "info",
    "非推奨の項目 {item} に後継(replaced_by)がありません。",
    "Deprecated item {item} names no replacement (replaced_by).",
)
define(
    "site.guide_failed",
    "error",
    "生成ガイド {target} のページを作れませんでした: {detail}",
    "The generated guide {target} could not be written: {detail}",
)
define(
    "site.page_collision",
    "error",
    "生成したページ {page} が手書きのページと同じ場所にあります。",
    "The generated page {page} has the same path as a hand-written page.",
)
define(
    "site.broken_link",
    "error",
    "リンク {target} の行き先がありません。",
    "The link {target} leads nowhere.",
)
define(
    "site.broken_anchor",
    "error",
    "リンク {target} のページに見出し・アンカー #{anchor} がありません。",
    "The page of link {target} has no heading or anchor #{anchor}.",
)
define(
    "site.uri_unresolved",
    "error",
    "正規 URI {uri} は w3id の転送規則でサイトのページに届きません({detail})。",
    "The canonical URI {uri} does not reach a page of the site through the w3id rules ({detail}).",
)
define(
    "site.item_incomplete",
    "warning",
    "項目 {key} に {missing} がありません。",
    "Item {key} has no {missing}.",
)
