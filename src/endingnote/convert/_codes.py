"""Issue codes of the converters (``convert.*``)."""

from __future__ import annotations

from endingnote._codes import define

E, W, I = "error", "warning", "info"  # noqa: E741 - the house style of _codes modules

# --- mapping files -------------------------------------------------------------------------------
define(
    "convert.mapping.unreadable", E, "マッピングを読めません: {reason}", "cannot read the mapping: {reason}"
)
define(
    "convert.mapping.schema",
    E,
    "マッピングの形式に合いません: {message}",
    "mapping does not match its schema: {message}",
)
define(
    "convert.mapping.unknown_target",
    E,
    "標準にない項目を指しています: {target} ({reason})",
    "target is not an item of the standard: {target} ({reason})",
)
define(
    "convert.mapping.unknown_transform",
    E,
    "未知の変換です: {name} ({hint_ja})",
    "unknown transform: {name} ({hint_en})",
)
define(
    "convert.mapping.needs_v2",
    E,
    '「{feature}」はマッピング言語 2 の機能です (mapping: "2" と書いてください)',
    "'{feature}' is a feature of mapping language 2 (write mapping: \"2\")",
)
define(
    "convert.mapping.bad_xpath",
    E,
    "XPath「{xpath}」は使えません: {reason}",
    "XPath '{xpath}' is refused: {reason}",
)
define(
    "convert.mapping.bad_params",
    E,
    "変換 {name} の引数が不正です: {reason}",
    "bad parameters for transform {name}: {reason}",
)
define(
    "convert.mapping.duplicate_source",
    E,
    "同じ元フィールドが2回宣言されています: {source}",
    "source field declared twice: {source}",
)
define(
    "convert.mapping.secret_kept",
    E,
    "秘密情報らしいフィールド「{source}」を保持しようとしています。secrets に宣言してください",
    "secret-looking field '{source}' would be kept; declare it under secrets",
)
define(
    "convert.mapping.not_invertible",
    I,
    "「{source}」は逆変換できません ({reason})。標準→ベンダー方向では近似値を書きます",
    "'{source}' is not invertible ({reason}); the standard → vendor direction writes an approximation",
)
define(
    "convert.mapping.unknown_standard",
    E,
    "標準のバージョン {version} がありません",
    "unknown standard version {version}",
)

# --- reading vendor input ------------------------------------------------------------------------
define(
    "convert.input.too_large",
    E,
    "入力が大きすぎます ({size} バイト、上限 {limit})",
    "input too large ({size} bytes, limit {limit})",
)
define(
    "convert.input.wrong_encoding",
    E,
    "文字コードが宣言({declared})と違います。ファイルは {detected} のようです",
    "the file is not in the declared encoding ({declared}); it looks like {detected}",
)
define(
    "convert.input.undecodable",
    E,
    "文字コード {encoding} として読めません ({position} バイト目付近)",
    "cannot decode as {encoding} (near byte {position})",
)
define(
    "convert.input.ragged_row",
    E,
    "列数が見出しと違います (見出し {expected} 列、この行 {actual} 列)",
    "row has {actual} fields, the header has {expected}",
)
define("convert.input.csv", E, "CSVとして読めません: {reason}", "cannot parse the CSV: {reason}")
define("convert.input.xlsx", E, "XLSXとして読めません: {reason}", "cannot read the XLSX: {reason}")
define("convert.input.json", E, "JSONとして解析できません: {reason}", "not valid JSON: {reason}")
define("convert.input.xml", E, "XMLとして解析できません: {reason}", "not well-formed XML: {reason}")
define(
    "convert.input.doctype",
    E,
    "DOCTYPE 宣言を含む XML は受け付けません(外部実体・実体展開攻撃の防止)",
    "XML with a DOCTYPE declaration is refused (external entities, entity expansion)",
)
define(
    "convert.input.missing_column",
    E,
    "必要な列「{column}」がありません",
    "required column '{column}' is missing",
)
define("convert.input.no_persons", W, "人物が1人も見つかりません", "no person found in the input")
define("convert.input.missing_key", E, "人物IDが空です", "the person id is empty")
define(
    "convert.input.duplicate_header",
    E,
    "見出し「{column}」が重複しています",
    "duplicate header '{column}'",
)
define(
    "convert.input.not_standard", E, "標準の文書ではありません: {reason}", "not a standard document: {reason}"
)

# --- per value -----------------------------------------------------------------------------------
define(
    "convert.value.rejected",
    W,
    "値「{value}」を変換できません ({reason})。元の値を拡張領域 _rejected に保持しました",
    "cannot convert value '{value}' ({reason}); the original is kept in the extension slot _rejected",
)
define(
    "convert.value.conflict",
    W,
    "同じ人物の行で値が食い違います (最初の行の値を採用): {source}",
    "rows of the same person disagree (the first row's value is used): {source}",
)
define(
    "convert.value.name_unsplit",
    W,
    "氏名を氏と名に分けられません。全体を氏としました",
    "cannot split the name into family and given; the whole is taken as the family name",
)
define(
    "convert.value.lenient_date",
    W,
    "元号の範囲外の日付を算術的に変換しました: {value}",
    "an out-of-era date was converted by arithmetic: {value}",
)

define(
    "convert.input.cell_too_long",
    E,
    "値が長すぎます ({length} 文字; {limit_ja})",
    "value too long ({length} characters; {limit_en})",
)
define(
    "convert.input.too_big",
    E,
    "入力が上限を超えています: {limit_ja}",
    "the input exceeds a limit: {limit_en}",
)
define(
    "convert.input.duplicate_key",
    E,
    "JSON のキー「{key}」が重複しています(どちらの値か決められません)",
    "duplicate JSON key '{key}' (which value is meant cannot be decided)",
)
define(
    "convert.input.formula_cell",
    W,
    "XLSX のセルが数式です。数式の文字列として読みました",
    "an XLSX cell holds a formula; its text was read as the value",
)
define(
    "convert.address.former_name",
    I,
    "旧市区町村名「{old}」を現在の「{new}」として読みました",
    "the former municipality name '{old}' was read as today's '{new}'",
)
define(
    "convert.address.postal_mismatch",
    E,
    "郵便番号 {postal_code} は住所の市区町村({city})のものではありません",
    "postal code {postal_code} does not belong to the address's municipality ({city})",
)
define(
    "convert.address.unknown_postal_code",
    W,
    "郵便番号 {postal_code} は日本郵便のデータにありません",
    "postal code {postal_code} is not in Japan Post's data",
)
define(
    "convert.value.group_conflict",
    W,
    "同じレコードを埋める行の値が食い違います (最初の値を採用): {target}",
    "rows filling the same record disagree (the first value is kept): {target}",
)

# --- accounting ----------------------------------------------------------------------------------
define(
    "convert.secret.dropped",
    W,
    "秘密情報らしいフィールド「{source}」を破棄しました(保管場所だけを記録してください)",
    "dropped secret-looking field '{source}' (record only where it is kept)",
)
define(
    "convert.secret.my_number",
    W,
    "個人番号(マイナンバー)らしい値を破棄しました: {source}",
    "dropped a value that looks like an individual number (My Number): {source}",
)
define(
    "convert.secret.value_dropped",
    W,
    "{source} の値を秘密情報として破棄しました ({policy})。値は書き出していません",
    "dropped a value of {source} as a secret ({policy}); it was not written",
)
define(
    "convert.field.unmapped",
    W,
    "マッピングにないフィールド「{source}」を拡張領域 _unmapped に保持しました",
    "field '{source}' is not in the mapping; kept in the extension slot _unmapped",
)
define(
    "convert.row.unmatched",
    W,
    "どのグループにも当たらない行です。拡張領域 _rows に保持しました",
    "the row matches no group; kept in the extension slot _rows",
)
define(
    "convert.row.unmatched_reported",
    W,
    "どのグループにも当たらない行です ({discriminator})。文書には入れていません",
    "the row matches no group ({discriminator}); it is not in the document",
)
define(
    "convert.row.unmatched_refused",
    E,
    "どのグループにも当たらない行です ({discriminator})。マッピングがこの行を扱っていません",
    "the row matches no group ({discriminator}); the mapping does not handle it",
)
define(
    "convert.target.cannot_hold",
    W,
    "出力先の形式はこの値を保持できません: {pointer}",
    "the target format cannot hold this value: {pointer}",
)
define(
    "convert.output.not_empty",
    E,
    "出力先のフォルダは空ではありません (--force で前回の出力を置き換えます)",
    "the output folder is not empty (use --force to replace an earlier run's output)",
)
define(
    "convert.output.failed",
    E,
    "書き出しに失敗しました ({reason})。出力は書かれていません(前回の出力はそのままです)",
    "writing failed ({reason}); no output was written (an earlier output is untouched)",
)
define(
    "convert.output.unencodable",
    W,
    "出力の文字コード {encoding} で表せない文字「{chars}」を「?」に置き換えました",
    "characters '{chars}' cannot be written in {encoding}; replaced with '?'",
)
define(
    "convert.validation",
    E,
    "{message_ja} (文書 {pointer}、コード {vcode})",
    "{message_en} (document {pointer}, code {vcode})",
)
