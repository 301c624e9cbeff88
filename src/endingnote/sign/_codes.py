"""Issue codes of the signing concern: ``sign.card.*`` (card and readers), ``sign.pki.*`` (test PKI,
key files) and ``sign.verify.*`` (package verification)."""

from __future__ import annotations

from endingnote._codes import define

E, W = "error", "warning"

# --- sign.card.* : the JPKI card, readers and the card signer ---------------------------------------
define(
    "sign.card.no_reader",
    E,
    "カードリーダーが見つかりません。リーダーを接続し、pcscd が動いているか確認してください。",
    "No card reader found. Connect a reader and check that pcscd is running.",
)
define(
    "sign.card.no_service",
    E,
    "PC/SC サービス(pcscd)に接続できません。",
    "Cannot reach the PC/SC service (pcscd).",
)
define(
    "sign.card.reader_unknown",
    E,
    "リーダー「{reader}」が見つかりません(あるもの: {available})。",
    "Reader {reader!r} not found (available: {available}).",
)
define(
    "sign.card.no_card",
    E,
    "リーダー「{reader}」にカードがありません。マイナンバーカードを置いてください。",
    "No card in reader {reader!r}. Place the My Number Card on the reader.",
)
define(
    "sign.card.not_jpki",
    E,
    "公的個人認証APがないカードです(マイナンバーカードではない可能性があります)。SW={sw}",
    "The card has no JPKI application (it may not be a My Number Card). SW={sw}",
)
define(
    "sign.card.password_format",
    E,
    "署名用パスワードは英大文字と数字の6〜16文字です(カードには送っていません。試行回数は減っていません)。",
    "The signing password is 6–16 upper-case letters and digits (not sent to the card; no try used).",
)
define(
    "sign.card.wrong_password",
    E,
    "署名用パスワードが違います。残り {tries} 回で利用できなくなります。",
    "Wrong signing password. {tries} tries left before the card locks.",
)
define(
    "sign.card.tries_low",
    E,
    "署名用パスワードの残り試行回数が {tries} 回です。ロックを避けるため入力しません。"
    "市区町村窓口またはJPKI暗証番号リセットで確認してください。",
    "Only {tries} signing-password tries left; refusing to try so the card does not lock. "
    "Check the password (municipal office or the JPKI PIN-reset service).",
)
define(
    "sign.card.locked",
    E,
    "署名用パスワードがロックされています。市区町村窓口でロック解除が必要です。",
    "The signing password is locked. It must be reset at the municipal office.",
)
define(
    "sign.card.removed",
    E,
    "署名の途中でカードが取り外されたか、リーダーとの通信が切れました。署名は作成されていません。",
    "The card was removed or the reader connection was lost while signing. No signature was made.",
)
define(
    "sign.card.status",
    E,
    "カードが操作「{step}」を拒否しました(SW={sw})。",
    "The card refused {step} (SW={sw}).",
)
define(
    "sign.card.bad_signature",
    E,
    "カードが返した署名が証明書の公開鍵で検証できません。署名を破棄しました。",
    "The card's signature does not verify with its certificate's key; it was discarded.",
)
define(
    "sign.card.bad_certificate",
    E,
    "カードの署名用電子証明書を読み取れません: {detail}",
    "Cannot read the card's signing certificate: {detail}",
)
define(
    "sign.card.busy",
    E,
    "カードは他のプログラムが使用中です。",
    "The card is in use by another program.",
)
define(
    "sign.card.emulator_io",
    E,
    "仮想カード(vpcd)への接続に失敗しました: {detail}",
    "The virtual card could not talk to vpcd: {detail}",
)

# --- sign.pki.* : test PKI and key files -----------------------------------------------------------
define(
    "sign.pki.exists",
    E,
    "{dir} には既にテストPKIがあります(--force で作り直します)。",
    "{dir} already holds a test PKI (use --force to rebuild it).",
)
define(
    "sign.pki.not_found",
    E,
    "{dir} はテストPKIではありません(manifest.json がありません)。",
    "{dir} is not a test PKI (no manifest.json).",
)
define(
    "sign.pki.unknown_holder",
    E,
    "テストPKIに保有者「{holder}」はいません(いるのは: {known})。",
    "The test PKI has no holder {holder!r} (known: {known}).",
)
define(
    "sign.pki.pkcs12",
    E,
    "PKCS#12 ファイルを開けません(パスワード違いか壊れたファイル): {name}",
    "Cannot open the PKCS#12 file (wrong password or corrupt): {name}",
)

# --- sign.signer.* : the signer's own certificate, checked before signing -------------------------
define(
    "sign.signer.out_of_validity",
    E,
    "署名用証明書は {at} の時点で有効期間外です({not_before} 〜 {not_after})。署名しませんでした",
    "the signing certificate is outside its validity at {at} ({not_before} – {not_after}); nothing was signed",
)
define(
    "sign.signer.revoked",
    E,
    "署名用証明書は {revoked_at} に失効しています({source})。署名しませんでした",
    "the signing certificate was revoked on {revoked_at} ({source}); nothing was signed",
)
define(
    "sign.signer.revocation_unknown",
    W,
    "注意: 署名用証明書の失効状態を確認できませんでした({detail})",
    "note: the signing certificate's revocation status could not be checked ({detail})",
)
