"""Issue codes of the heir import journey (``importer.*``)."""

from __future__ import annotations

from endingnote._codes import define

define(
    "importer.package_invalid",
    "error",
    "署名付きパッケージが無効です: {reason}",
    "the signed package is invalid: {reason}",
)
define(
    "importer.package_indeterminate",
    "warning",
    "署名付きパッケージの検証結果が確定しません: {reason}",
    "the signed package's verification is indeterminate: {reason}",
)
define(
    "importer.revocation_unknown",
    "warning",
    "【注意】署名者の証明書の失効状態を確認できません (CRL/OCSP がありません)。署名時点で有効だったかは未確認です",
    "WARNING: the signer certificate's revocation status is unknown (no CRL/OCSP); "
    "whether it was valid when signed is not established",
)
define(
    "importer.forced_unverified",
    "warning",
    "--force-unverified により、検証が完了していないまま出力します。すべての出力に「未検証」と表示されます",
    "--force-unverified: writing outputs although verification did not pass; every output is marked unverified",
)
define(
    "importer.note_unreadable",
    "error",
    "パッケージ内のノート (note.json) を読めません: {reason}",
    "cannot read the note (note.json) in the package: {reason}",
)
define(
    "importer.registers_invalid",
    "error",
    "戸籍を読み込めません: {reason}",
    "cannot load the family registers: {reason}",
)
define(
    "importer.wrong_decedent",
    "error",
    "ノートの本人 ({name} {birth}) が戸籍にいません。別の方の戸籍か、別の方のノートです",
    "the note's owner ({name} {birth}) is not in these registers: registers or note of someone else",
)
define(
    "importer.decedent_ambiguous",
    "error",
    "ノートの本人に一致する人物が戸籍に複数います ({candidates})",
    "several persons in the registers match the note's owner ({candidates})",
)
define(
    "importer.owner_not_dead",
    "error",
    "戸籍にノートの本人 ({name}) の死亡の記載がありません。取り込みは死亡後にのみできます",
    "the registers record no death of the note's owner ({name}); import is only possible after death",
)
define(
    "importer.signer_not_owner",
    "error",
    "署名者 ({signer}) はノートの本人 ({owner}) ではありません",
    "the signer ({signer}) is not the note's owner ({owner})",
)
define(
    "importer.signed_after_death",
    "warning",
    "【注意】署名のタイムスタンプ ({signed}) が戸籍の死亡日 ({death}) より後です。本人以外がカードを使った可能性があります",
    "WARNING: the signature's timestamp ({signed}) is later than the death recorded in the registers ({death}); "
    "someone other than the owner may have used the card",
)
define(
    "importer.signed_after_death_refused",
    "error",
    "死亡後に署名されたノートは取り込みません。事情を確認したうえで取り込む場合は、"
    "--accept-signed-after-death に理由を書いてください(理由はすべての出力に記録されます)",
    "a note signed after its owner's death is not imported; to import it after checking why, give the"
    " reason with --accept-signed-after-death (it is recorded in every output)",
)
define(
    "importer.signed_after_death_accepted",
    "warning",
    "死亡後の署名を次の理由で受け入れました: {reason}",
    "the signature made after death was accepted for this reason: {reason}",
)
define(
    "importer.claimant_signature",
    "error",
    "請求者のチャレンジ署名を検証できません: {reason}",
    "the claimant's challenge signature does not verify: {reason}",
)
define(
    "importer.claimant_untrusted",
    "error",
    "請求者の証明書を信頼できません: {reason}",
    "the claimant's certificate is not trusted: {reason}",
)
define(
    "importer.claimant_revoked",
    "error",
    "請求者の証明書は失効しています ({at})",
    "the claimant's certificate is revoked ({at})",
)
define(
    "importer.claimant_revocation_unknown",
    "warning",
    "請求者の証明書の失効状態を確認できません (発行者の CRL がありません)",
    "the claimant certificate's revocation status is unknown (no CRL from its issuer)",
)
define(
    "importer.card",
    "error",
    "請求者のカードで署名できません: {reason}",
    "cannot sign with the claimant's card: {reason}",
)
define(
    "importer.attestation_invalid",
    "error",
    "相続人の証明 (attestation) が無効です: {reason}",
    "the heirs attestation is invalid: {reason}",
)
define(
    "importer.attestation_other_decedent",
    "error",
    "相続人の証明は別の被相続人 ({name}) についてのものです",
    "the heirs attestation concerns another decedent ({name})",
)
define(
    "importer.not_heir",
    "error",
    "請求者 ({claimant}) は {decedent} の相続人ではありません: {reason}",
    "the claimant ({claimant}) is not an heir of {decedent}: {reason}",
)
define(
    "importer.claim_ambiguous",
    "error",
    "請求者が相続人かどうか確定できません: {reason}",
    "cannot establish whether the claimant is an heir: {reason}",
)
define(
    "importer.withheld",
    "info",
    "「{label_ja}」は開示されません (開示先: {audience})",
    "'{label_en}' is withheld (audience: {audience})",
)
define(
    "importer.no_rules",
    "info",
    "このノート (標準 {version}) には開示ルールがないため、すべて相続人全員に開示します",
    "this note (standard {version}) has no disclosure rules, so everything is disclosed to all heirs",
)
define(
    "importer.outputs",
    "error",
    "出力を書き込めません: {reason}",
    "cannot write the outputs: {reason}",
)
define(
    "importer.learned_before_death",
    "error",
    "死亡を知った日 ({learned}) が戸籍の死亡日 ({death}) より前です",
    "the day you learned of the death ({learned}) is before the death in the registers ({death})",
)
