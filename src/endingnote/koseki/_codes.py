"""Issue codes of the family-register concern (``koseki.*``)."""

from __future__ import annotations

from endingnote._codes import define

E, W, I = "error", "warning", "info"  # noqa: E741 - short severity aliases read well in the table

# --- reading files ---------------------------------------------------------------------------
define("koseki.input.unreadable", E, "ファイルを読めません: {reason}", "cannot read the file: {reason}")
define("koseki.input.too_large", E, "ファイルが大きすぎます（{limit}）", "file too large ({limit_en})")
define("koseki.input.encoding", E, "UTF-8 として読めません", "not valid UTF-8 text")
define(
    "koseki.input.unknown_kind",
    W,
    "戸籍として扱えないファイルを無視しました",
    "ignored a file that is not a register",
)
define(
    "koseki.input.duplicate_register",
    W,
    "同じ戸籍が二度与えられました: {label}",
    "the same register was supplied twice: {label}",
)
define(
    "koseki.input.superseded",
    I,
    "{register} の証明書が複数あります。より長い期間を示す {new} を使い、{old} は使いません（後の証明書がその記載をすべて含みます）",
    "{register} was certified more than once: {new} covers the longest period and is used; {old} is superseded (the later one records all it does)",
)
define(
    "koseki.input.certificates_differ",
    W,
    "{register} の証明書 {old} には {new} にない記載があります（戸籍訂正・再製の可能性）。両方を使います",
    "the certificate {old} of {register} records something {new} does not (a correction or a remaking?); both are used",
)

# --- register JSON ---------------------------------------------------------------------------
define("koseki.json.syntax", E, "JSON として読めません: {reason}", "not valid JSON: {reason}")
define("koseki.json.type", E, "{expected} でなければなりません", "must be {expected_en}")
define("koseki.json.missing", E, "必須の項目 {field} がありません", "required field {field} is missing")
define("koseki.json.unknown_field", E, "未知の項目 {field}", "unknown field {field}")
define("koseki.json.date", E, "日付 {value} が不正です（YYYY-MM-DD）", "invalid date {value} (YYYY-MM-DD)")
define("koseki.json.enum", E, "{value} は使えません（{allowed}）", "{value} is not allowed ({allowed})")
define("koseki.json.format", E, "形式 {value} に対応していません", "unsupported format {value}")
define(
    "koseki.json.too_many", E, "{count} 件は多すぎます（{limit}）", "{count} items are too many ({limit_en})"
)
define("koseki.json.too_long", E, "文字列が長すぎます（{limit}）", "text too long ({limit_en})")
define("koseki.json.too_deep", E, "入れ子が深すぎます（{limit}）", "nested too deeply ({limit_en})")
define("koseki.json.duplicate_key", E, "キー「{key}」が重複しています", "duplicate key '{key}'")
define("koseki.json.pattern", E, "{value} は形式に合いません", "{value} does not match the expected form")

# --- typed / OCR text of a 全部事項証明 -------------------------------------------------------
define("koseki.text.empty", E, "証明書の本文がありません", "the certificate text is empty")
define("koseki.text.no_honseki", E, "【本籍】がありません", "no 本籍 (registered domicile) line")
define("koseki.text.no_head", E, "【氏名】（筆頭者）がありません", "no 氏名 (head of register) line")
define(
    "koseki.text.no_members",
    E,
    "「戸籍に記録されている者」がありません",
    "no member (戸籍に記録されている者) section",
)
define(
    "koseki.text.date",
    E,
    "日付「{value}」を読めません（{reason}）",
    "cannot read the date '{value}' ({reason})",
)
define("koseki.text.time", E, "時刻「{value}」を読めません", "cannot read the time '{value}'")
define("koseki.text.unknown_block", E, "未知の事項「{title}」", "unknown entry title '{title}'")
define(
    "koseki.text.unknown_field",
    W,
    "未知の項目【{field}】を原文のまま保持しました",
    "kept the unknown field 【{field}】 verbatim",
)
define(
    "koseki.text.field_outside_block",
    E,
    "項目【{field}】がどの事項にも属していません",
    "field 【{field}】 is outside any entry",
)
define("koseki.text.unrecognised_line", E, "この行を読めません: {text}", "cannot read this line: {text}")
define(
    "koseki.text.member_incomplete",
    E,
    "記録されている者に【{field}】がありません",
    "a member has no 【{field}】",
)
define(
    "koseki.text.register_link",
    W,
    "戸籍の表示「{value}」から筆頭者を分けられません",
    "cannot split the head's name from '{value}'",
)
define("koseki.text.bracket", E, "括弧【】が閉じていません", "unbalanced 【】 brackets")
define(
    "koseki.text.too_long",
    E,
    "【{field}】の値が長すぎます（{limit}）",
    "the value of 【{field}】 is too long ({limit_en})",
)
define("koseki.text.too_many_lines", E, "行が多すぎます（{limit}）", "too many lines ({limit_en})")
define(
    "koseki.text.truncated",
    E,
    "証明文（「これは、…証明した書面である。」「この謄本は、…認証する。」）で終わっていません。写しが途中で切れているか、最後のページが欠けている可能性があるため、この戸籍は使いません",
    "the text does not end with the certification ('これは、…証明した書面である。' or 'この謄本は、…認証する。'): it may be cut off or miss its last page, so this register is not used",
)
define(
    "koseki.text.pages_missing",
    E,
    "全{total}ページのうち {pages} ページ目がありません",
    "page(s) {pages} of {total} are missing",
)
define("koseki.text.page_marker", E, "ページ番号「{value}」が不正です", "invalid page marker '{value}'")
define(
    "koseki.text.certification_incomplete",
    W,
    "証明文の後に{field}がありません",
    "the certification has no {field}",
)
define(
    "koseki.text.after_certification",
    W,
    "証明文の後の行を読み飛ばしました: {text}",
    "skipped a line after the certification: {text}",
)
define(
    "koseki.text.unrecognised_sentence",
    W,
    "記載「{text}」の種類が分かりません。原文のまま「その他の記載」として保持しました",
    "could not classify the entry '{text}'; kept verbatim as 'other'",
)
define(
    "koseki.text.entry_incomplete",
    E,
    "事項「{title}」に記載がありません（途中で切れている可能性があります）",
    "the entry '{title}' has no fields (the text may be cut off)",
)

# --- chains ----------------------------------------------------------------------------------
define(
    "koseki.chain.person_not_found",
    E,
    "人物 {person} が戸籍にありません",
    "person {person} is in no supplied register",
)
define(
    "koseki.chain.person_ambiguous",
    E,
    "「{person}」に該当する人物が複数います: {candidates}",
    "'{person}' matches several persons: {candidates}",
)
define(
    "koseki.chain.gap", E,
    "{name} の戸籍が {start} から {end} まで途切れています（出生から死亡までの連続した戸籍が必要です）。次に請求する戸籍: {request}",
    "{name}'s registers have a hole from {start_en} to {end_en} (every register from birth to death is needed). Request next: {request_en}",
)  # fmt: skip
define(
    "koseki.chain.gap_before_13", W,
    "{name} の {start} から {end}（13歳前）の戸籍がありません。次に請求する戸籍: {request}",
    "{name} has no register from {start_en} to {end_en} (before age 13). Request next: {request_en}",
)  # fmt: skip
define(
    "koseki.chain.age13_shortcut", W,
    "13歳前の省略により、{name} の {spans} の戸籍の欠落を誤りとしていません。法定相続情報一覧図の申出や相続登記には出生からの戸籍が必要です（不動産登記規則247条3項2号）",
    "the age-13 shortcut let {name}'s missing registers for {spans_en} pass; the 法定相続情報 application and registration need every register from birth (不動産登記規則247条3項2号)",
)  # fmt: skip
define(
    "koseki.chain.link_unresolved", E,
    "{name} の{link}「{target}」（{date}）の戸籍が与えられていません",
    "{name}'s {link_en} '{target}' ({date_en}) is not among the supplied registers",
)  # fmt: skip
define(
    "koseki.chain.partial_certificate", E,
    "{register} は抄本（個人事項証明）で一部の者しか示しません。{name} の子をすべて確かめるには謄本（全部事項証明）が必要です",
    "{register} is an extract (抄本 / 個人事項証明) showing some members only; a full copy (謄本 / 全部事項証明) is needed to see all of {name}'s children",
)  # fmt: skip
define("koseki.chain.no_birth", E, "{name} の生年月日が分かりません", "{name}'s date of birth is unknown")
define(
    "koseki.chain.entry_unknown",
    W,
    "{register} には {name} がどの戸籍から入ったか（従前戸籍）が記載されていません",
    "{register} does not say which register {name} came from (従前戸籍)",
)
define(
    "koseki.chain.not_current", E,
    "{name} の最後の戸籍 {register} は {date} に除かれています。次に請求する戸籍: {request}",
    "{name}'s last register {register} ended on {date_en}. Request next: {request_en}",
)  # fmt: skip
define(
    "koseki.chain.possibly_destroyed", I,
    "{end} 以前の除籍は保存期間（80年）を過ぎて廃棄された可能性があります。廃棄証明書（告知書）で代えられます",
    "closed registers before {end_en} may have been destroyed after the 80-year retention; a disposal certificate can stand in",
)  # fmt: skip
define(
    "koseki.chain.dependent", I,
    "{name} の戸籍も必要です（{why}）",
    "{name}'s registers are needed too ({why_en})",
)  # fmt: skip
define(
    "koseki.chain.heir_register",
    E,
    "相続人となりうる{why} {name} が被相続人の死亡後も生存していることを示す現在の戸籍が必要です。次に請求する戸籍: {request}",
    "a current register showing the possible heir ({why_en}) {name} alive after the death is needed. Request next: {request_en}",
)
define(
    "koseki.chain.heir_register_undated",
    W,
    "{name} の戸籍 {register} に証明日がないため、被相続人の死亡後に生存していることを確かめられません",
    "{name}'s register {register} has no certificate date: it cannot show them alive after the death",
)
define(
    "koseki.chain.parent_missing",
    E,
    "{name} の{parent}「{parent_name}」が戸籍にありません。次に請求する戸籍: {request}",
    "{name}'s {parent_en} '{parent_name}' is in no supplied register. Request next: {request_en}",
)
define(
    "koseki.chain.ascendant_death_unknown",
    E,
    "兄弟姉妹が相続人となるには直系尊属が全員死亡していることが必要です（民法889条1項）。{decedent} の{role} {name} の死亡が戸籍で確かめられません。次に請求する戸籍: {request}",
    "siblings inherit only when no ascendant survives (Civil Code 889(1)); the death of {decedent}'s {role_en} {name} is not shown. Request next: {request_en}",
)

# --- identity across registers ---------------------------------------------------------------
define(
    "koseki.identity.parent_unconfirmed",
    W,
    "{name} の{role}「{parent}」と同じ氏名の {candidates} がいますが、同じ戸籍・従前戸籍・入籍戸籍などの記載で結び付かないため、同一人物とはみなしていません",
    "{name}'s {role_en} '{parent}' has the same name as {candidates_en}, but no register connects them (a register in common, a 従前戸籍 or 入籍戸籍 link): not taken as the same person",
)
define(
    "koseki.identity.parent_ambiguous",
    E,
    "{name} の{role}「{parent}」に当たりうる人物が複数います: {candidates}。戸籍の記載だけでは決められません",
    "{name}'s {role_en} '{parent}' may be any of: {candidates_en}; the registers do not decide which",
)

# --- family graph ------------------------------------------------------------------------------
define(
    "koseki.graph.adoption_date_missing",
    W,
    "{name} の養子縁組の日付がないため養親子関係を出力できません",
    "{name}'s adoption has no date; the adoptive link is left out",
)
define(
    "koseki.graph.spouse_unresolved",
    W,
    "{name} の配偶者「{spouse}」（{date} 婚姻）が戸籍にありません",
    "{name}'s spouse '{spouse}' (married {date}) is in no supplied register",
)
define(
    "koseki.graph.decedent_unresolved",
    W,
    "{name} の廃除の被相続人「{decedent}」が戸籍にありません",
    "the decedent '{decedent}' of {name}'s disinheritance is in no supplied register",
)

# --- electronic certificates -------------------------------------------------------------------
define(
    "koseki.ecert.code_format",
    E,
    "識別符号は16桁の数字です: {value}",
    "the identifier code must be 16 digits: {value}",
)
define(
    "koseki.ecert.malformed",
    E,
    "電子証明書の形式が不正です: {reason}",
    "malformed electronic certificate: {reason}",
)
define(
    "koseki.ecert.signature_invalid",
    E,
    "電子証明書の署名が検証できません",
    "the certificate's signature does not verify",
)
define(
    "koseki.ecert.digest_mismatch",
    E,
    "電子証明書の内容が署名後に変更されています",
    "the certificate's content changed after signing",
)
define(
    "koseki.ecert.untrusted_issuer",
    E,
    "発行者 {issuer} は信頼する発行者ではありません",
    "issuer {issuer} is not the pinned issuing authority",
)
define(
    "koseki.ecert.trust_anchor",
    "warning",
    "信頼する発行者として指定された {index} 番目のファイルが証明書として読めないため使いませんでした: {reason}",
    "trusted issuer file {index} is not a certificate and was not used: {reason}",
)
define(
    "koseki.ecert.issuer_cert_expired",
    E,
    "発行者証明書が発行時点で有効ではありません",
    "the issuer's certificate was not valid at issue time",
)
define("koseki.ecert.expired", E, "有効期限 {expires_on} を過ぎています", "expired on {expires_on}")
define("koseki.ecert.not_yet_valid", E, "発行日 {issued_on} より前です", "not valid before {issued_on}")
define(
    "koseki.ecert.validity_period",
    E,
    "有効期間が発行から3か月ではありません（{issued_on}〜{expires_on}）",
    "the validity is not 3 months from issue ({issued_on} to {expires_on})",
)
define(
    "koseki.ecert.code_mismatch",
    E,
    "識別符号 {requested} に対して {found} の証明書が返されました",
    "asked for code {requested} but got the certificate of {found}",
)
define(
    "koseki.ecert.content_invalid",
    E,
    "電子証明書の戸籍データが不正です",
    "the certificate's register data is invalid",
)

# --- providers ---------------------------------------------------------------------------------
define(
    "koseki.provider.not_found",
    E,
    "識別符号 {number} の証明書は見つかりません",
    "no certificate for code {number}",
)
define(
    "koseki.provider.http", E, "提供者が HTTP {status} を返しました", "the provider answered HTTP {status}"
)
define(
    "koseki.provider.unreachable",
    E,
    "提供者に接続できません: {reason}",
    "cannot reach the provider: {reason}",
)
define(
    "koseki.provider.too_large",
    E,
    "応答が大きすぎます（上限 {limit} バイト）",
    "the response is too large (limit {limit} bytes)",
)
define(
    "koseki.provider.bad_response",
    E,
    "提供者の応答を読めません: {reason_ja}",
    "the provider's answer cannot be read: {reason_en}",
)
define(
    "koseki.provider.timeout",
    E,
    "提供者の応答が時間内に終わりません（{limit_ja}）",
    "the provider did not answer in time ({limit_en})",
)
