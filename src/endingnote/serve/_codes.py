"""Issue codes of the web app: ``serve.upload.*`` (what the browser sent) and ``serve.zip.*``
(ZIP files of documents or registers, read as hostile input)."""

from __future__ import annotations

from endingnote._codes import define

define(
    "serve.upload.too_large",
    "error",
    "「{name}」は大きすぎるため受け付けませんでした({limit})。",
    "“{name}” is too large and was not accepted ({limit_en}).",
)
define(
    "serve.upload.too_many",
    "error",
    "ファイルが多すぎるため受け付けませんでした({limit})。",
    "Too many files; the upload was not accepted ({limit_en}).",
)
define(
    "serve.upload.empty",
    "error",
    "ファイルが選ばれていません。",
    "No file was chosen.",
)
define(
    "serve.upload.unknown_kind",
    "error",
    "「{name}」は読めない種類のファイルです(JSON、NDJSON、ZIP、または変換する形式を選んだ CSV・XLSX・XML)。",
    "“{name}” is not a kind of file this page reads (JSON, NDJSON, ZIP, or CSV/XLSX/XML with a mapping).",
)
define(
    "serve.upload.malformed",
    "error",
    "送信された内容を読み取れませんでした({reason})。",
    "The upload could not be read ({reason}).",
)
define(
    "serve.zip.bad",
    "error",
    "「{name}」は ZIP ファイルとして読めません({reason})。",
    "“{name}” cannot be read as a ZIP file ({reason}).",
)
define(
    "serve.zip.unsafe_name",
    "error",
    "ZIP の中のファイル名「{entry}」は安全でないため、この ZIP は受け付けませんでした。",
    "The ZIP entry name “{entry}” is unsafe (it could escape its folder); the ZIP was refused.",
)
define(
    "serve.zip.link",
    "error",
    "ZIP の中の「{entry}」はリンクのため、この ZIP は受け付けませんでした。",
    "The ZIP entry “{entry}” is a link; the ZIP was refused.",
)
define(
    "serve.zip.encrypted",
    "error",
    "ZIP の中の「{entry}」は暗号化されているため読めません。",
    "The ZIP entry “{entry}” is encrypted and cannot be read.",
)
define(
    "serve.zip.duplicate",
    "error",
    "ZIP の中に同じ名前「{entry}」のファイルが二つあるため、この ZIP は受け付けませんでした。",
    "The ZIP holds two entries named “{entry}”; the ZIP was refused.",
)
define(
    "serve.zip.too_many",
    "error",
    "ZIP の中のファイルが多すぎます({limit})。",
    "The ZIP holds too many entries ({limit_en}).",
)
define(
    "serve.zip.too_large",
    "error",
    "ZIP を展開すると大きすぎます({limit})。",
    "The ZIP unpacks to too much data ({limit_en}).",
)
define(
    "serve.zip.ratio",
    "error",
    "ZIP の中の「{entry}」は圧縮率が異常に高いため(ZIP 爆弾の疑い)受け付けませんでした({limit})。",
    "The ZIP entry “{entry}” is compressed implausibly well (a zip bomb?) and was refused ({limit_en}).",
)
define(
    "serve.zip.empty",
    "warning",
    "ZIP「{name}」の中に読めるファイルがありません。",
    "The ZIP “{name}” holds no file this page reads.",
)
define(
    "serve.heir.no_provider",
    "error",
    "識別符号から戸籍電子証明書を取り寄せる先が設定されていません(endingnote serve --provider)。戸籍のファイルを追加してください。",
    "No provider is configured to fetch e-certificates by code (endingnote serve --provider); add the register files instead.",
)
define(
    "serve.heir.step",
    "error",
    "前の手順がまだ済んでいません。",
    "An earlier step is not done yet.",
)
define(
    "serve.heir.card_remote",
    "error",
    "カードのパスワードは、カードリーダーのあるこのコンピュータで開いたページからだけ受け付けます。ほかの場所での署名か、専門家の証明をお使いください。",
    "The card's password is taken only from a page opened on this computer, where the reader is; sign elsewhere or use an attestation instead.",
)
