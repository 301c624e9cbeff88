"""Issue codes of the heir concern (``heirs.*``)."""

from __future__ import annotations

from endingnote._codes import define

E, W, INFO = "error", "warning", "info"

# --- reading a family graph -------------------------------------------------------------------
define(
    "heirs.input.too_large",
    E,
    "入力が大きすぎます ({size} バイト。{limit_ja})",
    "input too large ({size} bytes; {limit_en})",
)
define("heirs.input.not_json", E, "JSONとして解析できません: {reason}", "not valid JSON: {reason}")
define(
    "heirs.schema",
    E,
    "家族関係グラフの形式に合いません: {message}",
    "does not match the family-graph schema: {message}",
)
define(
    "heirs.input.too_deep",
    E,
    "入れ子が深すぎます（{limit_ja}）",
    "nested too deeply ({limit_en})",
)
define(
    "heirs.input.entry_too_large",
    E,
    "この1件は大きすぎるため形式を確かめていません（{limit_ja}）",
    "this entry is too large to be checked ({limit_en})",
)
define(
    "heirs.input.too_many_findings",
    E,
    "形式の指摘が多すぎるため、ここから先は省きました（{limit_ja}）",
    "too many schema findings: the rest were left out ({limit_en})",
)
define(
    "heirs.graph.date_out_of_range",
    E,
    "日付 {value} は西暦1年から9999年の範囲にありません",
    "the date {value} is not between the years 1 and 9999",
)
define(
    "heirs.graph.parent_younger",
    E,
    "親「{parent}」（{parent_born} 生）が子「{child}」（{child_born} 生）より後に生まれています",
    "the parent '{parent}' (born {parent_born}) is born after the child '{child}' (born {child_born})",
)
define(
    "heirs.graph.parent_too_young",
    W,
    "親「{parent}」は子「{child}」の出生時に {age} 歳です（12歳未満）。戸籍の記載を確かめてください",
    "the parent '{parent}' was {age} when the child '{child}' was born (under 12): check the registers",
)
define("heirs.graph.duplicate_id", E, "ID「{id}」が重複しています", "duplicate id '{id}'")
define(
    "heirs.graph.unknown_person",
    E,
    "存在しない人物ID「{id}」を参照しています",
    "refers to unknown person id '{id}'",
)
define(
    "heirs.graph.unknown_source",
    W,
    "存在しない資料ID「{id}」を参照しています",
    "refers to unknown source id '{id}'",
)
define(
    "heirs.graph.self_link",
    E,
    "本人を自分の親・配偶者にはできません",
    "a person cannot be their own parent or spouse",
)
define(
    "heirs.graph.cycle", E, "親子関係が循環しています ({ids})", "the parent-child links form a cycle ({ids})"
)
define(
    "heirs.graph.too_many_parents",
    E,
    "実親が3人以上登録されています ({id})",
    "more than two biological parents for '{id}'",
)
define(
    "heirs.graph.duplicate_link",
    W,
    "同じ親子関係が重複しています",
    "the same parent-child link appears twice",
)
define("heirs.graph.death_before_birth", E, "死亡日が出生日より前です", "death date is before the birth date")
define("heirs.graph.date_order", E, "{later}が{earlier}より前です", "{later_en} is before {earlier_en}")
define(
    "heirs.graph.special_adoption_before_1988",
    E,
    "特別養子縁組は1988年1月1日施行です (裁判確定日 {date})",
    "special adoption exists only from 1988-01-01 (decree {date})",
)
define(
    "heirs.graph.simultaneous_dates_differ",
    E,
    "同時死亡とされた人物の死亡日が異なるか不明です ({ids})",
    "persons in a simultaneous-death group have different or unknown death dates ({ids})",
)
define(
    "heirs.graph.duplicate_fact",
    W,
    "同じ相続ごとの事実が重複しています",
    "the same estate fact appears twice",
)
define(
    "heirs.graph.parent_role_conflict",
    W,
    "同じ子に同じ役割 ({role}) の実親が2人います",
    "two biological parents with the same role ({role}) for one child",
)

# --- the engine -------------------------------------------------------------------------------
define(
    "heirs.graph.too_deep",
    E,
    "代襲の連鎖が深すぎます ({depth} 世代超)",
    "the chain of representation is too deep (over {depth} generations)",
)
define(
    "heirs.assume.deemed_death",
    INFO,
    "{id} の死亡は失踪宣告による擬制死亡です (民法30条, 31条)",
    "the death of {id} is a deemed death by declaration of disappearance (arts. 30, 31)",
)
define(
    "heirs.decedent.unknown", E, "被相続人「{id}」がグラフにいません", "decedent '{id}' is not in the graph"
)
define(
    "heirs.decedent.alive",
    E,
    "被相続人「{id}」の死亡の記録がありません",
    "decedent '{id}' has no recorded death",
)
define(
    "heirs.law.unsupported_period",
    E,
    "{date} 死亡には未対応です: 本ツールは1962年7月1日以降の死亡 (昭和37年改正後の民法) のみ判定します",
    "death on {date} is not supported: only deaths on or after 1962-07-01 (Civil Code as amended in 1962) are determined",
)
define(
    "heirs.spouse.multiple",
    E,
    "死亡時に配偶者が複数います ({ids}); 重婚は判定できません",
    "more than one spouse at the death ({ids}); a bigamous situation cannot be determined",
)
define(
    "heirs.assume.simultaneous_same_day",
    W,
    "{id} は被相続人と同じ日に死亡し、先後が不明なため同時死亡と推定しました (民法32条の2)",
    "{id} died on the decedent's death date and the order is not known: presumed simultaneous (art. 32-2)",
)
define(
    "heirs.assume.born_on_death_date",
    W,
    "{id} は死亡日と同じ日に出生しています。相続開始時に出生または胎児であったものとしました (民法886条)",
    "{id} was born on the death date: treated as born or conceived at the opening (art. 886)",
)
define(
    "heirs.assume.no_birth_date",
    W,
    "{id} の出生日が不明のため、相続開始時に生存していたものとしました",
    "{id} has no birth date: assumed to have been alive at the opening",
)
define(
    "heirs.assume.fetus",
    W,
    "{id} は相続開始時に胎児で、まだ出生していません。生きて生まれた場合に限り相続人です (民法886条); 結果は暫定です",
    "{id} was in utero at the opening and is not yet born; an heir only if born alive (art. 886): the result is provisional",
)
define(
    "heirs.assume.half_blood_unknown_parent",
    W,
    "{id} と被相続人の一方の親が不明です。父母の一方のみを同じくする兄弟姉妹として扱いました (民法900条4号)",
    "one parent of {id} or of the decedent is unknown: treated as a half-blood sibling (art. 900(4))",
)
define(
    "heirs.assume.disinheritance_sibling",
    W,
    "{id} は兄弟姉妹 (遺留分なし) のため廃除の対象になりません; 廃除の記録を無視しました (民法892条)",
    "{id} is a sibling (no reserved share) and cannot be disinherited: the record was ignored (art. 892)",
)
define(
    "heirs.assume.settled_2001_2013",
    W,
    "2001年7月1日から2013年9月4日までの死亡です。最高裁平成25年9月4日大法廷決定により、遺産分割等で確定していない限り嫡出でない子の相続分は嫡出子と同じとしました",
    "death between 2001-07-01 and 2013-09-04: per the Supreme Court Grand Bench decision of 2013-09-04, a non-marital child's share equals a marital child's unless already settled",
)
define(
    "heirs.assume.register_limits",
    INFO,
    "相続放棄・相続欠格・死産・内縁・未認知の子は戸籍に現れません。グラフに記載がない限り、ないものとして判定しました",
    "renunciations, disqualifications, stillbirths, unacknowledged children are not shown by registers: none assumed unless in the graph",
)
define(
    "heirs.assume.successive",
    INFO,
    "{id} は被相続人の死亡後に死亡しました。相続人のままであり、その相続分は {id} の相続人に承継されます (数次相続)",
    "{id} died after the decedent: still an heir; the share passes through {id}'s own estate (successive inheritance)",
)
define(
    "heirs.assume.spouse_sibling",
    INFO,
    "{id} は配偶者であり兄弟姉妹でもあります。登記実務に従い配偶者としての相続分のみとしました",
    "{id} is both the spouse and a sibling: following registration practice only the spouse share is given",
)
define(
    "heirs.no_heir",
    INFO,
    "相続人がいません。相続財産は法人となり、相続財産清算人が選任されます (民法951条, 952条)",
    "no heir: the estate becomes a juridical person administered by a liquidator (arts. 951, 952)",
)

# --- claims and attestations -----------------------------------------------------------------
define(
    "heirs.attest.unreadable", E, "証明書面を読めません: {reason}", "cannot read the attestation: {reason}"
)
define(
    "heirs.attest.signature", E, "署名を検証できません: {reason}", "the signature does not verify: {reason}"
)
define(
    "heirs.attest.untrusted",
    E,
    "署名者の証明書が信頼点に連鎖しません: {reason}",
    "the signer's certificate does not chain to a trust anchor: {reason}",
)
define(
    "heirs.attest.trust_anchor",
    "warning",
    "信頼点 {index} 番目が証明書として読めないため使いませんでした: {reason}",
    "trust anchor {index} is not a certificate and was not used: {reason}",
)
define("heirs.attest.content", E, "証明内容が不正です: {reason}", "the attested content is invalid: {reason}")
define(
    "heirs.attest.mismatch",
    E,
    "証明内容が再計算の結果と一致しません: {reason}",
    "the attested content differs from the recomputed result: {reason}",
)
define(
    "heirs.attest.digest_mismatch",
    E,
    "資料「{id}」のSHA-256が一致しません",
    "the SHA-256 of source '{id}' does not match",
)

# --- drawing the 一覧図 ---------------------------------------------------------------------------
define(
    "heirs.chart.too_many",
    E,
    "相続人が {count} 人のため一覧図(図形式)を描きません ({limit})。列挙形式 (--text) を使ってください",
    "{count} heirs: the heir map (tree layout) is not drawn ({limit}); use the listing (--text)",
)
