"""Issue codes of signed packages: container, signature, timestamps, chain, revocation, owner binding.

Severity carries the ETSI EN 319 102-1 indication an issue leads to:

* ``error``   → ``INVALID`` (the package or signature is proven bad),
* ``warning`` → ``INDETERMINATE`` (something needed for a verdict is missing or cannot be checked),
* ``info``    → no effect on the verdict (a fact worth showing, e.g. "revoked after the timestamp").

Each code also names the closest EN 319 102-1 sub-indication (:data:`SUBINDICATION`).
"""

from __future__ import annotations

from endingnote._codes import define

SUBINDICATION: dict[str, str] = {}


def _code(code: str, sub: str, severity: str, ja: str, en: str) -> None:
    define(code, severity, ja, en, description=sub)
    SUBINDICATION[code] = sub


E, W, I = "error", "warning", "info"  # noqa: E741 — three severities, read as a table
FMT = "FORMAT_FAILURE"

# --- the container (ASiC-E) ------------------------------------------------------------------
_code(
    "sign.package.not_zip", FMT, E, "ZIP として読めません: {detail}", "not a readable ZIP archive: {detail}"
)
_code(
    "sign.package.mimetype_missing",
    FMT,
    E,
    "先頭のエントリが mimetype ではありません",
    "the first entry is not 'mimetype'",
)
_code(
    "sign.package.mimetype_compressed",
    FMT,
    E,
    "mimetype が圧縮されています(無圧縮で格納する規定)",
    "'mimetype' is compressed (it must be stored)",
)
_code(
    "sign.package.mimetype_extra",
    FMT,
    E,
    "mimetype に拡張フィールドがあります",
    "'mimetype' carries a ZIP extra field",
)
_code(
    "sign.package.mimetype_wrong",
    FMT,
    E,
    "mimetype の内容が {expected} ではありません: {found}",
    "'mimetype' is not {expected}: {found}",
)
_code(
    "sign.package.unsafe_name",
    FMT,
    E,
    "危険なエントリ名です(パス外への展開): {name}",
    "unsafe entry name (path traversal): {name}",
)
_code(
    "sign.package.symlink",
    FMT,
    E,
    "シンボリックリンクのエントリは受け付けません: {name}",
    "symbolic-link entries are refused: {name}",
)
_code(
    "sign.package.duplicate_entry",
    FMT,
    E,
    "同じ名前のエントリが重複しています: {name}",
    "duplicate entry name: {name}",
)
_code(
    "sign.package.too_many_entries",
    FMT,
    E,
    "エントリが多すぎます({count} 件。{limit_ja})",
    "too many entries ({count}; {limit_en})",
)
_code(
    "sign.package.too_large",
    FMT,
    E,
    "展開後のサイズが上限を超えます({size} バイト。{limit_ja})",
    "uncompressed size exceeds the limit ({size} bytes; {limit_en})",
)
_code(
    "sign.package.ratio",
    FMT,
    E,
    "圧縮率が異常です(ZIP爆弾の疑い): {name} 比 {ratio}({limit_ja})",
    "suspicious compression ratio (zip bomb): {name} ratio {ratio} ({limit_en})",
)
_code(
    "sign.package.compression_method",
    FMT,
    E,
    "未対応の圧縮方式 {method}: {name}",
    "unsupported compression method {method}: {name}",
)
_code(
    "sign.package.encrypted",
    FMT,
    E,
    "暗号化されたエントリは受け付けません: {name}",
    "encrypted entries are refused: {name}",
)
_code(
    "sign.package.entry_corrupt",
    FMT,
    E,
    "エントリが壊れています: {name}: {detail}",
    "corrupt entry: {name}: {detail}",
)
_code(
    "sign.package.trailing_data",
    FMT,
    E,
    "ZIP の終端レコードの後に {count} バイトの余分なデータがあります",
    "{count} bytes follow the ZIP end-of-central-directory record",
)
_code(
    "sign.package.end_record",
    FMT,
    E,
    "ZIP の終端レコードが不正です: {detail}",
    "bad ZIP end-of-central-directory record: {detail}",
)
_code(
    "sign.package.zip64",
    FMT,
    E,
    "ZIP64 の情報が矛盾しています: {detail}",
    "inconsistent ZIP64 information: {detail}",
)
_code(
    "sign.package.central_directory",
    FMT,
    E,
    "ZIP の中央ディレクトリが不正です: {detail}",
    "bad ZIP central directory: {detail}",
)
_code(
    "sign.package.extra_field",
    FMT,
    E,
    "ZIP の拡張フィールドが不正です: {detail}",
    "bad ZIP extra field: {detail}",
)
_code(
    "sign.package.prepended_data",
    FMT,
    E,
    "最初のエントリの前に {end} バイトのデータがあります",
    "{end} bytes precede the first entry",
)
_code(
    "sign.package.unaccounted_bytes",
    FMT,
    E,
    "{start}〜{end} バイト目がどのエントリにも属していません",
    "bytes {start}–{end} belong to no entry",
)
_code(
    "sign.package.hidden_entry",
    FMT,
    E,
    "{offset} バイト目に中央ディレクトリにないファイルのレコードがあります"
    "(読むソフトによって見える内容が変わります)",
    "a file record at byte {offset} is missing from the central directory (other software could show"
    " different contents)",
)
_code(
    "sign.package.overlap",
    FMT,
    E,
    "エントリ {name} が {other} と重なっています",
    "entry {name} overlaps {other}",
)
_code(
    "sign.package.header_mismatch",
    FMT,
    E,
    "エントリ {name} のローカルヘッダと中央ディレクトリで {field} が違います({local} / {central})",
    "entry {name}: the local header and the central directory disagree on {field} ({local} / {central})",
)
_code(
    "sign.package.descriptor_mismatch",
    FMT,
    E,
    "エントリ {name} のデータ記述子が中央ディレクトリと一致しません: {detail}",
    "entry {name}: the data descriptor disagrees with the central directory: {detail}",
)
_code(
    "sign.package.crc_mismatch",
    FMT,
    E,
    "エントリ {name} の CRC-32 が一致しません(データが壊れているか改変されています)",
    "entry {name}: CRC-32 mismatch (the data is corrupt or altered)",
)
_code(
    "sign.package.name_encoding",
    FMT,
    E,
    "エントリ名の文字コードが確定できません: {name}({detail})",
    "an entry name's encoding is ambiguous: {name} ({detail})",
)
_code(
    "sign.package.name_characters",
    FMT,
    E,
    "エントリ名に使えない文字があります: {name}({detail})",
    "an entry name contains a refused character: {name} ({detail})",
)
_code(
    "sign.package.name_collision",
    FMT,
    E,
    "エントリ名 {name} と {other} は同じ名前とみなされます(Unicode 正規化・大文字小文字・フォルダ)",
    "entry names {name} and {other} collide (Unicode normalisation, case, or file/folder)",
)
_code(
    "sign.package.unsupported_flags",
    FMT,
    E,
    "未対応の ZIP 機能が使われています: {name}({detail})",
    "unsupported ZIP feature: {name} ({detail})",
)
_code(
    "sign.package.manifest_missing",
    FMT,
    E,
    "署名マニフェスト META-INF/ASiCManifest*.xml がありません",
    "no signature manifest META-INF/ASiCManifest*.xml",
)
_code(
    "sign.package.manifest_malformed",
    FMT,
    E,
    "署名マニフェストが不正です: {detail}",
    "malformed signature manifest: {detail}",
)
_code(
    "sign.package.multiple_signatures",
    "SIGNED_DATA_NOT_FOUND",
    W,
    "署名マニフェストが複数あります(未対応): {names}",
    "more than one signature manifest (unsupported): {names}",
)
_code(
    "sign.package.signature_missing",
    "SIGNED_DATA_NOT_FOUND",
    E,
    "マニフェストが参照する署名ファイルがありません: {name}",
    "the signature file the manifest names is missing: {name}",
)
_code(
    "sign.package.file_not_in_manifest",
    "HASH_FAILURE",
    E,
    "マニフェストにないファイルが入っています: {name}",
    "a file is not covered by the manifest: {name}",
)
_code(
    "sign.package.file_missing",
    "SIGNED_DATA_NOT_FOUND",
    E,
    "マニフェストにあるファイルがありません: {name}",
    "a file listed in the manifest is missing: {name}",
)
_code(
    "sign.package.digest_mismatch",
    "HASH_FAILURE",
    E,
    "ファイルが改変されています(ハッシュ不一致): {name}",
    "a file was altered (digest mismatch): {name}",
)
_code(
    "sign.package.digest_unsupported",
    "CRYPTO_CONSTRAINTS_FAILURE",
    E,
    "未対応または弱いダイジェスト方式です: {algorithm}",
    "unsupported or weak digest method: {algorithm}",
)
_code(
    "sign.package.duplicate_reference",
    FMT,
    E,
    "マニフェストに同じファイルが二度あります: {name}",
    "the manifest lists a file twice: {name}",
)
_code(
    "sign.package.note_missing",
    "SIGNED_DATA_NOT_FOUND",
    E,
    "ノート本体 note.json がありません",
    "the note itself (note.json) is missing",
)
_code(
    "sign.package.note_malformed",
    FMT,
    E,
    "note.json が JSON オブジェクトとして読めません: {detail}",
    "note.json is not a JSON object: {detail}",
)
_code(
    "sign.package.media_missing",
    "NONE",
    I,
    "ノートが参照するファイル {name} はパッケージに入っていません",
    "the note refers to {name}, which is not in the package",
)
_code(
    "sign.package.media_digest",
    "HASH_FAILURE",
    W,
    "ノートに書かれた {name} の SHA-256 が、同梱ファイルと一致しません",
    "the SHA-256 the note gives for {name} does not match the packaged file",
)
_code(
    "sign.package.unknown_meta",
    "NONE",
    I,
    "署名対象外の META-INF ファイルは無視しました: {name}",
    "ignored META-INF file outside the signature: {name}",
)

# --- the CMS/CAdES signature -------------------------------------------------------------------
_code(
    "sign.signature.malformed",
    FMT,
    E,
    "署名ファイルが不正な DER です: {detail}",
    "the signature file is malformed DER: {detail}",
)
_code(
    "sign.signature.unsupported",
    FMT,
    E,
    "未対応の署名形式です: {detail}",
    "unsupported signature form: {detail}",
)
_code(
    "sign.signature.signer_cert_missing",
    "NO_SIGNING_CERTIFICATE_FOUND",
    W,
    "署名者の証明書が署名に含まれていません",
    "the signer's certificate is not in the signature",
)
_code(
    "sign.signature.content_type",
    FMT,
    E,
    "署名属性 contentType が不正です: {detail}",
    "bad contentType signed attribute: {detail}",
)
_code(
    "sign.signature.digest_mismatch",
    "HASH_FAILURE",
    E,
    "署名対象(マニフェスト)が署名後に変更されています",
    "the signed content (the manifest) changed after signing",
)
_code(
    "sign.signature.crypto_failure",
    "SIG_CRYPTO_FAILURE",
    E,
    "署名値の検証に失敗しました",
    "the signature value does not verify",
)
_code(
    "sign.signature.signing_certificate",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "署名証明書属性(ESSCertIDv2)が署名者の証明書と一致しません",
    "the signing-certificate attribute (ESSCertIDv2) does not match the signer's certificate",
)
_code(
    "sign.signature.not_cades",
    "SIG_CONSTRAINTS_FAILURE",
    W,
    "signingCertificateV2 属性がありません(CAdES ではない)",
    "no signingCertificateV2 attribute (not CAdES)",
)
_code(
    "sign.signature.algorithm",
    "CRYPTO_CONSTRAINTS_FAILURE",
    E,
    "未対応の署名/ダイジェスト方式です: {algorithm}",
    "unsupported signature or digest algorithm: {algorithm}",
)
_code(
    "sign.signature.multiple_signers",
    FMT,
    W,
    "署名者が複数あります(最初の1つのみ検証)",
    "several signers (only the first is verified)",
)

# --- timestamps --------------------------------------------------------------------------------
_code(
    "sign.timestamp.missing",
    "NO_POE",
    W,
    "署名タイムスタンプがありません: 署名時刻が証明されません",
    "no signature timestamp: the time of signing is not proven",
)
_code(
    "sign.timestamp.malformed",
    "NO_POE",
    W,
    "タイムスタンプが不正です({which}): {detail}",
    "malformed timestamp ({which}): {detail}",
)
_code(
    "sign.timestamp.imprint_mismatch",
    "NO_POE",
    W,
    "タイムスタンプの対象ハッシュが一致しません({which})",
    "the timestamp's message imprint does not match ({which})",
)
_code(
    "sign.timestamp.crypto_failure",
    "NO_POE",
    W,
    "タイムスタンプの署名が検証できません({which}): {detail}",
    "the timestamp's signature does not verify ({which}): {detail}",
)
_code(
    "sign.timestamp.eku",
    "NO_POE",
    W,
    "TSA 証明書に重要な拡張鍵用途 timeStamping がありません({which})",
    "the TSA certificate lacks a critical timeStamping extended key usage ({which})",
)
_code(
    "sign.timestamp.untrusted",
    "NO_POE",
    W,
    "TSA 証明書を信頼できません({which}, {at} 時点): {detail}",
    "the TSA certificate is not trusted ({which}, at {at}): {detail}",
)
_code(
    "sign.timestamp.order",
    "TIMESTAMP_ORDER_FAILURE",
    W,
    "タイムスタンプの時刻順序が不正です: {detail}",
    "timestamps are out of order: {detail}",
)
_code(
    "sign.timestamp.signing_time_later",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "署名者が申告した署名時刻 {claimed} が、タイムスタンプが証明する時刻 {proven} より後です"
    "(許容幅 {tolerance} 秒)。署名はその時刻より前に存在していたので、申告は事実に反します",
    "the signing time the signer claims ({claimed}) is later than the time the timestamp proves"
    " ({proven}; tolerance {tolerance} s): the signature already existed, so the claim is false",
)
_code(
    "sign.timestamp.after_validation_time",
    "NO_POE",
    W,
    "タイムスタンプの時刻 {gen_time} は検証時刻 {at} より後です。{at} の時点で署名が存在したことは証明されません({which})",
    "the timestamp's time {gen_time} is after the validation time {at}: nothing proves the signature"
    " existed at {at} ({which})",
)
_code(
    "sign.timestamp.archive_mismatch",
    "HASH_FAILURE",
    E,
    "アーカイブタイムスタンプ後にファイルが変更されています: {name}",
    "a file changed after the archive timestamp: {name}",
)
_code(
    "sign.timestamp.archive_malformed",
    FMT,
    W,
    "アーカイブマニフェストが不正です({name}): {detail}",
    "malformed archive manifest ({name}): {detail}",
)

_code(
    "sign.timestamp.archive_poe",
    "NONE",
    I,
    "署名タイムスタンプの代わりに、アーカイブタイムスタンプ({at})を署名の存在証明として使いました",
    "no signature timestamp: the archive timestamp ({at}) is used as the proof that the signature existed",
)

# --- the certificate chain ---------------------------------------------------------------------
_code(
    "sign.chain.no_trust",
    "NO_CERTIFICATE_CHAIN_FOUND",
    W,
    "信頼点が指定されていません(--trust)",
    "no trust anchors were given (--trust)",
)
_code(
    "sign.chain.untrusted",
    "NO_CERTIFICATE_CHAIN_FOUND",
    W,
    "署名者証明書から信頼点への経路が {at} 時点で見つかりません: {detail}",
    "no path from the signer's certificate to a trust anchor at {at}: {detail}",
)
_code(
    "sign.chain.constraints",
    "CHAIN_CONSTRAINTS_FAILURE",
    W,
    "署名者証明書から信頼点への経路が {at} 時点の検証(RFC 5280)を通りません: {detail}",
    "the path from the signer's certificate to a trust anchor fails RFC 5280 validation at {at}: {detail}",
)
_code(
    "sign.chain.out_of_validity",
    "OUT_OF_BOUNDS_NO_POE",
    E,
    "署名時刻 {at} に署名者証明書が有効期間外です({not_before} 〜 {not_after})",
    "at the signing time {at} the signer's certificate was outside its validity ({not_before} – {not_after})",
)
_code(
    "sign.chain.key_usage",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "署名者証明書の鍵用途に nonRepudiation がありません",
    "the signer's key usage lacks nonRepudiation",
)
_code(
    "sign.chain.policy",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "署名用電子証明書のポリシー OID がありません: {found}",
    "no JPKI signing-certificate policy OID: {found}",
)
_code(
    "sign.chain.test_policy",
    "NONE",
    I,
    "試験用カードのポリシー OID です: {oid}",
    "J-LIS test-card policy OID: {oid}",
)
_code(
    "sign.chain.phone",
    "NONE",
    I,
    "スマートフォン用電子証明書による署名です",
    "signed with a smartphone certificate",
)

# --- revocation ---------------------------------------------------------------------------------
_code(
    "sign.revocation.unknown",
    "REVOCATION_UNKNOWN",
    W,
    "失効情報がありません({detail})。署名は {at} に存在していました。"
    "その後の失効(死亡など、戸籍・死亡届で確認)は署名を無効にしません",
    "revocation unknown ({detail}). The signature existed at {at}; a later revocation (e.g. death, documented"
    " by the family register) does not invalidate it",
)
_code(
    "sign.revocation.unknown_unproven",
    "REVOCATION_UNKNOWN",
    W,
    "失効情報がありません({detail})。署名時刻も証明されていないため、署名時点で証明書が有効だったかは確認できません",
    "revocation unknown ({detail}); the signing time is not proven either, so whether the certificate was"
    " valid when it signed is not established",
)
_code(
    "sign.revocation.revoked",
    "REVOKED",
    E,
    "署名者証明書は署名時刻 {at} より前の {revoked_at} に失効しています(理由: {reason})",
    "the signer's certificate was revoked on {revoked_at}, before the signing time {at} (reason: {reason})",
)
_code(
    "sign.revocation.revoked_after",
    "NONE",
    I,
    "証明書は署名後の {revoked_at} に失効しました(理由: {reason})。署名時刻 {at} の署名は有効です",
    "the certificate was revoked on {revoked_at}, after the signing time {at} (reason: {reason}); the signature"
    " stays valid",
)
_code(
    "sign.revocation.compromise_after",
    "REVOKED_CA_NO_POE",
    W,
    "証明書は署名後に「{reason}」で失効しました。届出前の不正利用は否定できません",
    "the certificate was revoked after signing for '{reason}'; misuse before the report cannot be excluded",
)
_code(
    "sign.revocation.revoked_no_poe",
    "REVOKED_NO_POE",
    W,
    "証明書は {revoked_at} に失効していますが、署名時刻が証明されていないため前後を判断できません",
    "the certificate was revoked on {revoked_at}, but without a timestamp it is unknown whether the signature"
    " came first",
)
_code(
    "sign.revocation.source_invalid",
    "REVOCATION_UNKNOWN",
    W,
    "失効情報を使えません({source}): {detail}",
    "revocation data unusable ({source}): {detail}",
)

# --- the owner binding --------------------------------------------------------------------------
_code(
    "sign.owner.name_mismatch",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "ノートの本人氏名 {note} が証明書の氏名 {cert} と一致しません",
    "the note owner's name {note} does not match the certificate's {cert}",
)
_code(
    "sign.owner.birth_date_mismatch",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "生年月日 {note} が証明書の {cert} と一致しません",
    "date of birth {note} does not match the certificate's {cert}",
)
_code(
    "sign.owner.sex_mismatch",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "性別 {note}(ISO 5218)が証明書の {cert}(JPKI)と一致しません",
    "sex {note} (ISO 5218) does not match the certificate's {cert} (JPKI code)",
)
_code(
    "sign.owner.address_mismatch",
    "SIG_CONSTRAINTS_FAILURE",
    E,
    "住所 {note} が証明書の {cert} と一致しません",
    "address {note} does not match the certificate's {cert}",
)
_code(
    "sign.owner.note_missing",
    "SIG_CONSTRAINTS_FAILURE",
    W,
    "ノートに本人の {field} がないため証明書と照合できません",
    "the note lacks the owner's {field}, so it cannot be matched with the certificate",
)
_code(
    "sign.owner.cert_missing",
    "SIG_CONSTRAINTS_FAILURE",
    W,
    "証明書に基本4情報({field})がありません",
    "the certificate lacks the basic four data ({field})",
)
_code(
    "sign.owner.substituted",
    "NONE",
    I,
    "証明書の{field}は {positions} 文字目が代替文字のため、その位置は照合していません",
    "the certificate's {field} uses substitution characters at {positions};"
    " those positions were not compared",
)
