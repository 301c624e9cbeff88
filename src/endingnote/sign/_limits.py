"""Limits of the signing concern: signed packages (ZIP), the signed objects inside them, and time.

Each is declared once here (:func:`endingnote._limits.declare`) and named in the finding that
reports it. :class:`endingnote.sign.asice.Limits` takes its defaults from these.
"""

from __future__ import annotations

from endingnote._limits import declare

PACKAGE_ENTRIES = declare(
    "sign.package.max_entries", 10_000, "entries", "パッケージ内のエントリ数", "entries in a package"
)
PACKAGE_ENTRY_SIZE = declare(
    "sign.package.max_entry_size",
    8 << 30,
    "bytes",
    "パッケージ内の1ファイルの展開後の大きさ",
    "uncompressed size of one file in a package",
)
PACKAGE_TOTAL_SIZE = declare(
    "sign.package.max_total_size",
    16 << 30,
    "bytes",
    "パッケージの展開後の合計の大きさ",
    "total uncompressed size of a package",
)
PACKAGE_RATIO = declare(
    "sign.package.max_ratio", 200, "ratio", "パッケージ内のファイルの圧縮率", "compression ratio of a file"
)
PACKAGE_RATIO_FLOOR = declare(
    "sign.package.ratio_floor",
    1 << 20,
    "bytes",
    "圧縮率を調べるファイルの最小の大きさ",
    "size from which the compression ratio is checked",
)
PACKAGE_SMALL = declare(
    "sign.package.max_small",
    64 << 20,
    "bytes",
    "メモリに読み込むファイル(ノート・マニフェスト・署名)の大きさ",
    "size of a file read into memory (note, manifest, signature)",
)
PACKAGE_CENTRAL_DIRECTORY = declare(
    "sign.package.max_central_directory",
    16 << 20,
    "bytes",
    "パッケージの中央ディレクトリの大きさ",
    "size of a package's central directory",
)
MANIFEST_BYTES = declare(
    "sign.manifest.max_bytes", 16 << 20, "bytes", "署名マニフェストの大きさ", "size of a signature manifest"
)
SIGNING_TIME_TOLERANCE = declare(
    "sign.time.signing_time_tolerance",
    300,
    "seconds",
    "署名時刻(申告)がタイムスタンプ時刻より後であってよい幅",
    "how far the claimed signing time may follow the timestamp's time",
)
OCSP_RESPONSE_BYTES = declare(
    "sign.revocation.max_ocsp_response",
    1 << 20,
    "bytes",
    "OCSP 応答の大きさ",
    "size of an OCSP response",
)
SIGNED_CONTENT_DEPTH = declare(
    "sign.content.max_depth",
    64,
    "levels",
    "署名された JSON の入れ子の深さ",
    "nesting depth of signed JSON content",
)
