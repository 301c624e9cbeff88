"""Issue codes of migrations (``migrate.*``)."""

from __future__ import annotations

from typing import Any

from endingnote._codes import define
from endingnote._codes import issue as _issue
from endingnote._issues import Issue

define(
    "migrate.unknown_source",
    "error",
    "文書の標準バージョン {version} が不明なため移行できません(header.standard を確認してください)。",
    "The document's standard version {version} is unknown, so it cannot be migrated (check header.standard).",
)
define(
    "migrate.unknown_target",
    "error",
    "移行先のバージョン {version} は存在しません(既知: {known})。",
    "There is no target version {version} (known: {known}).",
)
define(
    "migrate.not_an_object",
    "error",
    "文書が JSON オブジェクトではありません。",
    "The document is not a JSON object.",
)
define(
    "migrate.too_deep",
    "error",
    "文書の入れ子が深すぎます(上限 {limit} 段)。",
    "The document is nested too deeply (limit {limit} levels).",
)
define(
    "migrate.carried",
    "warning",
    "移行先のバージョンでは保持できないため、バージョン {version} の拡張に退避しました({count} 件)。"
    "{version} へ戻すと元に戻ります。",
    "The target version cannot hold this, so it was kept in the version-{version} extension ({count} value(s)); "
    "migrating back to {version} restores it.",
)
define(
    "migrate.code_fallback",
    "warning",
    "バージョン {version} のコード表にない値のため、代わりに other を入れました(元の値は拡張に退避)。",
    "The code is not in version {version}'s code list, so 'other' stands in (the original is kept in the extension).",
)
define(
    "migrate.modernized",
    "info",
    "非推奨の {old} の値を後継の {new} に移しました。",
    "Moved the value of deprecated {old} into its replacement {new}.",
)
define(
    "migrate.modernize_skipped",
    "warning",
    "後継の {new} に既に値があるため、非推奨項目の値はそのまま残しました。",
    "The replacement {new} already has a value, so the deprecated item was left as it is.",
)
define(
    "migrate.restored",
    "info",
    "バージョン {version} の拡張に退避されていた値を元の場所に戻しました。",
    "A value kept in the version-{version} extension was put back in place.",
)
define(
    "migrate.restore_blocked",
    "warning",
    "バージョン {version} の拡張の値を元の場所に戻せなかったため、拡張に残しました。",
    "A value kept in the version-{version} extension could not be put back; it stays in the extension.",
)
define(
    "migrate.renamed",
    "info",
    "項目名を {old} から {new} に変えました。",
    "Renamed item {old} to {new}.",
)
define(
    "migrate.reshaped",
    "info",
    "値の形を変えました({shape})。",
    "Changed the value's shape ({shape}).",
)
define(
    "migrate.required_missing",
    "warning",
    "必須項目の値を退避したため、移行先では値がありません。手作業で補ってください。",
    "A required item's value had to be moved to the extension; the target needs a value entered by hand.",
)


def issue(code: str, path: str, **params: Any) -> Issue:
    return _issue(code, path, **params)
