"""The web app's bounds on what a browser may send, declared once (:mod:`endingnote._limits`)."""

from __future__ import annotations

from endingnote._limits import declare

MAX_FILE_BYTES = declare(
    "serve.upload.max_file_bytes", 64 * 1024 * 1024, "bytes", "送信する1ファイルの大きさ", "one uploaded file"
)
MAX_REQUEST_BYTES = declare(
    "serve.upload.max_request_bytes",
    128 * 1024 * 1024,
    "bytes",
    "一度に送信するファイルの合計の大きさ",
    "all files of one upload together",
)
MAX_FILES = declare(
    "serve.upload.max_files", 200, "items", "一度に送信するファイルの数", "files in one upload"
)
MAX_FIELD_BYTES = declare(
    "serve.upload.max_field_bytes", 64 * 1024, "bytes", "フォームの入力欄1つの大きさ", "one form field"
)
ZIP_MAX_ENTRIES = declare(
    "serve.zip.max_entries", 2_000, "entries", "ZIP ファイルの中のファイルの数", "entries in one ZIP file"
)
ZIP_MAX_BYTES = declare(
    "serve.zip.max_total_bytes",
    256 * 1024 * 1024,
    "bytes",
    "ZIP ファイルを展開した合計の大きさ",
    "the unpacked size of one ZIP file",
)
ZIP_MAX_RATIO = declare(
    "serve.zip.max_ratio", 200, "ratio", "ZIP の中のファイルの圧縮率", "compression ratio of a ZIP entry"
)
MAX_SESSIONS = declare(
    "serve.session.max_count", 64, "items", "同時に開いているセッションの数", "open sessions at once"
)
SESSION_IDLE = declare(
    "serve.session.idle_seconds",
    2 * 60 * 60,
    "seconds",
    "操作のないセッションを保つ時間",
    "how long an idle session is kept",
)
