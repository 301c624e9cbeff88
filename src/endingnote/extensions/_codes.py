"""Issue codes of vendor extensions (``extension.*``) and of registry files (``extension.registry.*``)."""

from __future__ import annotations

from endingnote._codes import define

define(
    "extension.alias_undeclared",
    "error",
    "拡張の別名 {alias} が header.extensions で宣言されていません。",
    "Extension alias {alias} is not declared in header.extensions.",
)
define(
    "extension.bad_uri",
    "error",
    "拡張の別名 {alias} の名前空間 {uri} は http(s) の絶対 URI ではありません。",
    "Namespace {uri} of extension alias {alias} is not an absolute http(s) URI.",
)
define(
    "extension.duplicate_uri",
    "error",
    "名前空間 {uri} に複数の別名({aliases})が割り当てられています。1つの URI には1つの別名だけを使ってください。",
    "Namespace {uri} has several aliases ({aliases}); use one alias per URI.",
)
define(
    "extension.unregistered",
    "warning",
    "名前空間 {uri}(別名 {alias})は登録簿にありません。値は検査せず、そのまま保持します。",
    "Namespace {uri} (alias {alias}) is not in the registry; its values are kept verbatim, unchecked.",
)
define(
    "extension.unused_alias",
    "info",
    "header.extensions の別名 {alias} はどこでも使われていません。",
    "Alias {alias} in header.extensions is not used anywhere.",
)
define(
    "extension.not_an_object",
    "error",
    "拡張の値はオブジェクト({{項目: 値}})でなければなりません。",
    "An extension value must be an object ({{item: value}}).",
)
define(
    "extension.unknown_item",
    "warning",
    "項目 {key} は名前空間 {uri} の登録に定義されていません。値はそのまま保持します。",
    "Item {key} is not defined in the registration of {uri}; it is kept verbatim.",
)
define(
    "extension.item_deprecated",
    "warning",
    "拡張項目 {key} は名前空間 {uri} の登録で非推奨になっています。",
    "Extension item {key} is deprecated in the registration of {uri}.",
)
define(
    "extension.not_applicable",
    "error",
    "拡張項目 {key} はここ({where})には記録できません(対象: {applies_to})。",
    "Extension item {key} cannot appear here ({where}); it applies to: {applies_to}.",
)
define(
    "extension.invalid_value",
    "error",
    "拡張項目 {key} の値が定義に合いません: {reason_ja}",
    "Extension item {key} does not match its definition: {reason_en}",
)
define(
    "extension.missing_field",
    "error",
    "拡張項目 {key} に必須の {field} がありません。",
    "Extension item {key} lacks its required field {field}.",
)
define(
    "extension.version_unsupported",
    "warning",
    "名前空間 {uri} は標準 {version} との互換性を表明していません(対応: {versions})。",
    "Namespace {uri} does not declare compatibility with standard {version} (declared: {versions}).",
)
define(
    "extension.namespace_status",
    "warning",
    "名前空間 {uri} の登録状態は {status} です。",
    "Namespace {uri} is registered with status {status}.",
)
define(
    "extension.carrier",
    "info",
    "標準 {version} のデータが移行のため退避されています。{version} へ移行すると元に戻ります。",
    "Data of standard {version} is kept here by a migration; migrating to {version} restores it.",
)
define(
    "extension.carrier_invalid",
    "error",
    "バージョン退避用の拡張は JSON ポインタから値への対応でなければなりません({key!r} は不正)。",
    "A version carrier must map JSON pointers to values ({key!r} is not a pointer).",
)
# registry files
define(
    "extension.registry.unreadable",
    "error",
    "登録ファイルを YAML として読めません: {detail}",
    "The registry file is not readable YAML: {detail}",
)
define(
    "extension.registry.schema",
    "error",
    "登録ファイルがメタスキーマに合いません: {detail}",
    "The registry file does not match the meta-schema: {detail}",
)
define(
    "extension.registry.duplicate",
    "error",
    "{what} {key} が重複しています。",
    "Duplicate {what} {key}.",
)
define(
    "extension.registry.bad_pattern",
    "error",
    "pattern「{pattern}」は使えない正規表現です(RE2 で線形時間に実行できるもの: 後方参照・先読みは不可)。",
    "Pattern {pattern!r} is not a regular expression RE2 runs in linear time (no back-references or look-around).",
)
define(
    "extension.registry.unsafe_pattern",
    "error",
    "pattern {pattern!r} は量指定子を入れ子にしており、検証が極端に遅くなるおそれがあります(ReDoS)。",
    "Pattern {pattern!r} nests quantifiers, which can make validation catastrophically slow (ReDoS).",
)
define(
    "extension.registry.unknown_version",
    "warning",
    "standard_versions の {version} は既知の標準バージョンではありません。",
    "standard_versions lists {version}, which is not a known version of the standard.",
)
define(
    "extension.registry.unknown_record",
    "error",
    "applies_to の {record} は標準 {versions} のレコード種別にありません。",
    "applies_to names {record}, which is not a record type of standard {versions}.",
)
define(
    "extension.registry.reserved_namespace",
    "error",
    "名前空間 {uri} は標準自体の名前空間の下にあり、ベンダーは登録できません。",
    "Namespace {uri} lies under the standard's own namespace; vendors cannot register it.",
)
define(
    "extension.registry.uri_taken",
    "error",
    "名前空間 {uri} は別の登録ファイル {other} で登録済みです。",
    "Namespace {uri} is already registered by {other}.",
)
