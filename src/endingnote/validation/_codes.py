"""Issue codes of the validator. Stable: never renamed, never reused."""

from endingnote._codes import define
from endingnote._issues import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# --- input: the bytes before they are a document -------------------------------------------------
define("input.too_large", E, "ファイルが大きすぎます({size} バイト。{limit_ja})。",
       "The file is too large ({size} bytes; {limit_en}).")  # fmt: skip
define("input.empty", E, "ファイルが空です。", "The file is empty.")
define("input.not_found", E, "ファイルがありません。", "There is no such file.")
define("input.not_a_file", E, "通常のファイルではありません(フォルダなど)。",
       "This is not a regular file (a folder, a device …).")  # fmt: skip
define("input.unreadable", E, "ファイルを読めません(権限など)。",
       "The file cannot be read (permissions, or the name is too long).")  # fmt: skip
define("input.bom", W, "先頭に BOM があります。JSON は BOM なしの UTF-8 で出力してください。",
       "The file starts with a byte-order mark; write JSON as UTF-8 without a BOM.")  # fmt: skip
define("input.encoding", E, "UTF-8 として読めません({offset} バイト目){hint_ja}。",
       "Not valid UTF-8 (at byte {offset}){hint_en}.")  # fmt: skip
define("input.json_syntax", E, "JSON の構文エラー({line} 行 {column} 列): {detail}",
       "JSON syntax error at line {line}, column {column}: {detail}")  # fmt: skip
define("input.duplicate_key", E, "同じオブジェクトにキー「{key}」が重複しています。",
       "The key \"{key}\" appears more than once in the same object.")  # fmt: skip
define("input.too_deep", E, "入れ子が深すぎます({limit_ja})。",
       "Nesting is too deep ({limit_en}).")  # fmt: skip
define("input.too_many_findings", E,
       "指摘が多すぎるため、ここから先は省きました({limit_ja})。まず示した指摘を直してください。",
       "Too many findings: the rest were left out ({limit_en}). Fix the ones shown first.")  # fmt: skip
define("input.not_object", E, "文書の最上位は JSON オブジェクトでなければなりません。",
       "The document's top level must be a JSON object.")  # fmt: skip
define("input.ndjson_blank", INFO, "空行を読み飛ばしました。", "Skipped a blank line.")

# --- header ---------------------------------------------------------------------------------------
define("header.missing", E, "header(標準のバージョン等)がありません。",
       "The document has no header (with the standard version).")  # fmt: skip
define("header.unknown_version", E, "標準のバージョン「{version}」は未知です(既知: {known})。",
       "Unknown standard version \"{version}\" (known: {known}).")  # fmt: skip
define("header.malformed_version", E,
       "header.standard「{version}」はバージョン番号(例: 1.0)ではありません(既知: {known})。",
       "header.standard \"{version}\" is not a version number such as 1.0 (known: {known}).")  # fmt: skip

# --- structure: the JSON Schema layer -------------------------------------------------------------
define(
    "structure.required", E, "必須項目「{label_ja}」がありません。", 'Required item "{label_en}" is missing.'
)
define("structure.unknown_property", E,
       "「{name}」は標準にない項目です。独自項目は extensions に名前空間付きで入れてください。",
       "\"{name}\" is not an item of the standard; put vendor items under extensions with a namespace.")  # fmt: skip
define("structure.type", E, "「{label_ja}」の型が違います({expected} が必要)。",
       "\"{label_en}\" has the wrong type ({expected} expected).")  # fmt: skip
define("structure.too_long", E, "「{label_ja}」が長すぎます(最大 {limit} 文字)。",
       "\"{label_en}\" is too long (at most {limit} characters).")  # fmt: skip
define(
    "structure.too_short", E, "「{label_ja}」が空、または短すぎます。", '"{label_en}" is empty or too short.'
)
define("structure.too_few", E, "「{label_ja}」は1件以上必要です。", '"{label_en}" needs at least one entry.')
define("structure.too_many", E, "「{label_ja}」の件数が多すぎます。", '"{label_en}" has too many entries.')
define("structure.out_of_range", E, "「{label_ja}」の値 {value} は範囲外です。",
       "\"{label_en}\" value {value} is out of range.")  # fmt: skip
define("structure.version_mismatch", E, "header.standard が検証に使った版と一致しません。",
       "header.standard does not match the version validated against.")  # fmt: skip
define("structure.invalid", E, "「{label_ja}」が標準の形式に合いません: {detail}",
       "\"{label_en}\" does not conform to the standard: {detail}")  # fmt: skip

# --- value: formats of single values --------------------------------------------------------------
define("value.code", E, "「{label_ja}」の値「{value}」はコードリスト「{codelist}」にありません。",
       "\"{label_en}\" value \"{value}\" is not in code list \"{codelist}\".")  # fmt: skip
define("value.kana", E, "「{label_ja}」は全角カタカナで書いてください(値: {value})。",
       "\"{label_en}\" must be full-width katakana (value: {value}).")  # fmt: skip
define("value.latin", E, "「{label_ja}」は半角英大文字(ヘボン式)で書いてください(値: {value})。",
       "\"{label_en}\" must be half-width upper-case Hepburn romaji (value: {value}).")  # fmt: skip
define("value.date", E, "「{label_ja}」は実在する西暦の日付 YYYY-MM-DD で書いてください(値: {value})。",
       "\"{label_en}\" must be a real Gregorian date YYYY-MM-DD (value: {value}).")  # fmt: skip
define("value.datetime", E, "「{label_ja}」は時差付きの日時 YYYY-MM-DDTHH:MM:SS+09:00 で書いてください(値: {value})。",
       "\"{label_en}\" must be a date-time with offset, e.g. 2024-01-31T09:00:00+09:00 (value: {value}).")  # fmt: skip
define("value.year_month", E, "「{label_ja}」は YYYY-MM で書いてください(値: {value})。",
       "\"{label_en}\" must be YYYY-MM (value: {value}).")  # fmt: skip
define("value.phone", E, "「{label_ja}」は数字と + ( ) - の電話番号で書いてください(値: {value})。",
       "\"{label_en}\" must be a phone number of digits and + ( ) - (value: {value}).")  # fmt: skip
define("value.postal_code", E, "「{label_ja}」はハイフンなし7桁の郵便番号で書いてください(値: {value})。",
       "\"{label_en}\" must be a 7-digit postal code without hyphen (value: {value}).")  # fmt: skip
define("value.email", E, "「{label_ja}」はメールアドレスの形式ではありません(値: {value})。",
       "\"{label_en}\" is not an e-mail address (value: {value}).")  # fmt: skip
define("value.url", E, "「{label_ja}」は http(s) の URL で書いてください(値: {value})。",
       "\"{label_en}\" must be an http(s) URL (value: {value}).")  # fmt: skip
define("value.corporate_number", E, "「{label_ja}」は13桁の法人番号で書いてください(値: {value})。",
       "\"{label_en}\" must be a 13-digit corporate number (value: {value}).")  # fmt: skip
define("value.corporate_number_check_digit", E, "「{label_ja}」の法人番号 {value} はチェックデジットが合いません。",
       "\"{label_en}\": corporate number {value} has a wrong check digit.")  # fmt: skip
define("value.local_government_code_check_digit", E,
       "「{label_ja}」の全国地方公共団体コード {value} はチェックデジットが合いません。",
       "\"{label_en}\": local government code {value} has a wrong check digit.")  # fmt: skip
define("value.bank_code", E, "「{label_ja}」は4桁の金融機関コードで書いてください(値: {value})。",
       "\"{label_en}\" must be a 4-digit bank code (value: {value}).")  # fmt: skip
define("value.branch_code", E, "「{label_ja}」は3桁の店番号で書いてください(値: {value})。",
       "\"{label_en}\" must be a 3-digit branch code (value: {value}).")  # fmt: skip
define("value.account_number", E,
       "「{label_ja}」は6〜8桁の口座番号、または下4桁までを残して * で伏せた形で書いてください(値: {value})。",
       "\"{label_en}\" must be a 6-8 digit account number or masked with * keeping at most the last 4 digits (value: {value}).")  # fmt: skip
define("value.last4", E, "「{label_ja}」は下4桁の数字だけを書いてください。",
       "\"{label_en}\" must be exactly the last four digits.")  # fmt: skip
define("value.local_government_code", E, "「{label_ja}」は6桁の全国地方公共団体コードで書いてください(値: {value})。",
       "\"{label_en}\" must be a 6-digit local government code (value: {value}).")  # fmt: skip
define("value.country", E, "「{label_ja}」は ISO 3166-1 の3文字コード(例: JPN)で書いてください(値: {value})。",
       "\"{label_en}\" must be an ISO 3166-1 alpha-3 code such as JPN (value: {value}).")  # fmt: skip
define("value.id", E, "id「{value}」は英数字と . _ - の64文字以内で書いてください。",
       "id \"{value}\" must be up to 64 letters, digits, '.', '_' or '-'.")  # fmt: skip
define("value.control_character", E, "「{label_ja}」に改行や制御文字は使えません。",
       "\"{label_en}\" must be one line without control characters.")  # fmt: skip
define("value.pattern", E, "「{label_ja}」の形式が違います(値: {value})。",
       "\"{label_en}\" has the wrong format (value: {value}).")  # fmt: skip
define("value.alias", E, "名前空間の別名「{value}」は英小文字で始まる32文字以内で書いてください。",
       "Namespace alias \"{value}\" must be lower-case, start with a letter, at most 32 characters.")  # fmt: skip

# --- semantic: meaning across values --------------------------------------------------------------
define("semantic.date_order", E, "「{later_ja}」({later}) が「{earlier_ja}」({earlier}) より前になっています。",
       "\"{later_en}\" ({later}) is before \"{earlier_en}\" ({earlier}).")  # fmt: skip
define("semantic.future_date", W, "「{label_ja}」({value}) が未来の日付です。",
       "\"{label_en}\" ({value}) is in the future.")  # fmt: skip
define("semantic.pre_meiji6_date", W,
       "「{label_ja}」({value}) は明治6年(1873年)の改暦より前で、日単位の西暦換算は確かではありません。",
       "\"{label_en}\" ({value}) is before the 1873 calendar reform; day-precise conversion is uncertain.")  # fmt: skip
define("semantic.ref_unresolved", E, "参照先「{value}」が {target} にありません。",
       "Reference \"{value}\" does not match any {target} id.")  # fmt: skip
define("semantic.ref_needs_id", W, "{target} の参照先になるレコードには id を付けてください。",
       "Give {target} records an id so references can point at them.")  # fmt: skip
define("semantic.duplicate_id", E, "id「{value}」が重複しています。", 'id "{value}" is used more than once.')
define("semantic.extension_alias_undeclared", E,
       "独自項目の別名「{alias}」が header.extensions に宣言されていません。",
       "Extension alias \"{alias}\" is not declared in header.extensions.")  # fmt: skip
define("semantic.deprecated_item", W, "「{label_ja}」は {version} 版で非推奨です{replacement_ja}。",
       "\"{label_en}\" is deprecated since {version}{replacement_en}.")  # fmt: skip

# --- policy: what must never be in a note ---------------------------------------------------------
define("policy.my_number", E,
       "マイナンバー(個人番号)と思われる12桁の番号があります。番号そのものは記載できません。保管場所だけを書いてください。",
       "A 12-digit number with a valid My Number check digit is present. Never store the number; record only where the card is kept.")  # fmt: skip
define("policy.card_number", E,
       "クレジットカード番号と思われる16桁の番号があります。カード番号は下4桁だけを書いてください。",
       "A 16-digit number that passes the card-number check is present. Store only the last four digits.")  # fmt: skip
define("policy.secret", E,
       "パスワード・暗証番号などの秘密情報と思われる記載があります。秘密そのものではなく保管場所を書いてください。",
       "Something that looks like a stored secret (password, PIN …) is present. Record where it is kept, never the secret.")  # fmt: skip
