"""The changes page of one version: the editors' changelog (normative and editorial changes kept
apart) and the machine-classified diff against the previous version from :mod:`endingnote.compat`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import yaml

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.site._catalogue_pages import draft_banner, item_link
from endingnote.site._context import VersionContext
from endingnote.site._md import GENERATED_HEADER, both, code, esc, para, table

LEVEL_LABELS = {
    "editorial": ("編集上の変更", "editorial"),
    "additive": ("追加(後方互換)", "additive"),
    "breaking": ("互換性のない変更", "breaking"),
}
UPGRADE_LABELS = {
    "any": ("どちらからでも", "either side"),
    "consumers": ("受け手が先", "consumers first"),
    "producers": ("送り手が先", "producers first"),
    "both": ("同時に移行", "both together"),
}
_KINDS = {
    "normative": ("規範的な変更", "Normative changes"),
    "editorial": ("編集上の変更", "Editorial changes"),
}
_MAX_CHANGELOG = 1_000_000


@dataclass
class Changes:
    page: str
    issues: list[Issue] = field(default_factory=list)
    comparison: dict[str, Any] | None = None
    compat_state: str = "ok"

    def by_item(self) -> dict[str, list[dict[str, Any]]]:
        """Diff entries keyed by the ``record.item`` they concern (record- and part-level ones left out)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for c in (self.comparison or {}).get("changes", []):
            path = str(c.get("path", ""))
            if ":" not in path and "." in path:
                out.setdefault(path, []).append(c)
        return out


def _previous(ctx: VersionContext) -> str | None:
    if ctx.std.previous:
        return ctx.std.previous
    earlier = [v for v in ctx.all_versions if v != ctx.version]
    older = [v for v in earlier if tuple(map(int, v.split("."))) < tuple(map(int, ctx.version.split(".")))]
    return older[-1] if older else None


def compare(ctx: VersionContext, previous: str) -> tuple[dict[str, Any] | None, str, list[Issue]]:
    """The compat comparison ``previous → version`` as a dict, when :mod:`endingnote.compat` is there."""
    try:
        from endingnote import compat
    except ImportError as exc:
        return (
            None,
            "not run: endingnote.compat unavailable",
            [issue("site.compat_unavailable", f"{previous}..{ctx.version}", detail=str(exc))],
        )
    compare_fn = getattr(compat, "compare", None)
    if compare_fn is None:
        return (
            None,
            "not run: endingnote.compat.compare missing",
            [issue("site.compat_unavailable", f"{previous}..{ctx.version}", detail="no compare()")],
        )
    from endingnote.errors import EndingNoteError

    try:
        result = compare_fn(previous, ctx.version, ctx.directory.parent)
    except EndingNoteError as exc:
        return None, "failed", [issue("site.compat_failed", f"{previous}..{ctx.version}", detail=str(exc))]
    data: dict[str, Any] = result.to_dict()
    issues: list[Issue] = []
    if data.get("unacknowledged_breaking"):
        issues.append(
            issue(
                "site.compat_unacknowledged",
                f"{previous}..{ctx.version}",
                old=previous,
                new=ctx.version,
                count=data["unacknowledged_breaking"],
            )
        )
    for problem in data.get("problems") or []:
        issues.append(issue("site.compat_failed", f"{previous}..{ctx.version}", detail=str(problem)))
    return data, "ok" if data.get("ok", True) else "failed", issues


def _changelog(ctx: VersionContext) -> tuple[str | None, list[Issue]]:
    """The editors' changelog of this version rendered, from ``changelog.yaml`` (preferred)."""
    path = ctx.directory / "changelog.yaml"
    if path.is_file() and path.stat().st_size <= _MAX_CHANGELOG:
        try:
            data = yaml.safe_load(path.read_bytes())
        except yaml.YAMLError as exc:
            return None, [
                issue(
                    "site.changelog_missing",
                    f"standard/{ctx.version}/changelog.yaml",
                    version=f"{ctx.version} ({exc})",
                )
            ]
        entries = data.get("changes", data) if isinstance(data, dict) else data
        if isinstance(entries, list):
            return _render_entries(ctx, [e for e in entries if isinstance(e, dict)]), []
    md = next(
        (ctx.directory / n for n in ("CHANGELOG.md", "changelog.md") if (ctx.directory / n).is_file()), None
    )
    if md is not None and md.stat().st_size <= _MAX_CHANGELOG:
        return editors_markdown(md.read_text(encoding="utf-8", errors="replace")) + "\n", []
    return None, []


def editors_markdown(text: str) -> str:
    """An editor's Markdown changelog, made safe to include: headings are nested under this page's
    "Changelog" heading; tables, lists, emphasis and code survive; raw HTML, links, images and
    attribute lists are escaped so the file cannot inject markup or send readers elsewhere."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        stripped = line.lstrip()
        if fence is not None:
            out.append(line)
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            out.append(line)
            continue
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            if 1 <= level <= 6 and stripped[level : level + 1] == " ":
                out.append("#" * min(level + 2, 6) + " " + _inline(stripped[level + 1 :]))
                continue
        out.append(_inline(line))
    return "\n".join(out)


_NEUTRAL = str.maketrans({"[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}", "!": "\\!"})


def _inline(text: str) -> str:
    """Escape HTML, links, images and attribute lists outside `code spans`; keep the rest."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # unbalanced backticks: no code spans at all
        parts = [text.replace("`", "\\`")]
    return "".join(
        html.escape(p, quote=False).translate(_NEUTRAL) if i % 2 == 0 else f"`{p}`"
        for i, p in enumerate(parts)
    )


def _render_entries(ctx: VersionContext, entries: list[dict[str, Any]]) -> str:
    out = []
    for kind, (ja, en) in _KINDS.items():
        selected = [e for e in entries if str(e.get("kind", "normative")) == kind]
        out.append(f"### {both(ja, en)} {{#changelog-{kind}}}\n\n")
        if not selected:
            out.append("なし / none\n\n")
            continue
        for e in selected:
            items = e.get("items") or ([e["item"]] if e.get("item") else [])
            links = ", ".join(item_link(ctx.std, str(i), "") for i in items)
            text_ja = para(str(e.get("summary_ja") or e.get("text_ja") or ""))
            text_en = para(str(e.get("summary_en") or e.get("text_en") or ""))
            out.append(f"- {text_ja}<br>{text_en}" + (f"<br>{links}" if links else "") + "\n")
        out.append("\n")
    return "".join(out)


def _path_link(ctx: VersionContext, path: str) -> str:
    if ":" in path:
        kind, _, rest = path.partition(":")
        if kind == "codelist":
            key = rest.partition("/")[0]
            if key in ctx.std.codelists:
                return f"[{code(path)}](codelists.md#cl-{key})"
        if kind == "part":
            key = rest.partition(".")[0]
            if key in ctx.std.parts:
                return f"[{code(path)}](parts.md#part-{key})"
        return code(path)
    return item_link(ctx.std, path, "")


def _diff_section(ctx: VersionContext, previous: str, data: dict[str, Any]) -> str:
    changes = data.get("changes", [])
    level = str(data.get("level", ""))
    ja, en = LEVEL_LABELS.get(level, (level, level))
    out = [
        f"{code(previous)} → {code(ctx.version)}: 全体の水準 / overall level **{esc(ja)} / {esc(en)}**, "
        f"{len(changes)} 件の変更 / change(s), "
        f"互換性のない変更 / breaking: {data.get('breaking', 0)} "
        f"(未宣言 / unacknowledged: {data.get('unacknowledged_breaking', 0)})\n\n"
    ]
    if not changes:
        return out[0] + "差分はありません。 / No differences.\n"
    counts = {lv: sum(1 for c in changes if c.get("level") == lv) for lv in LEVEL_LABELS}
    out.append(
        table(
            ["水準 / Level", "件数 / Count"], [(both(*LEVEL_LABELS[lv]), str(n)) for lv, n in counts.items()]
        )
    )
    out.append("\n")
    rows = []
    for c in changes:
        lv = str(c.get("level", ""))
        up = str(c.get("upgrade_first", ""))
        ack = ""
        if c.get("acknowledged_in"):
            reason = c.get("reason") or {}
            why = reason.get("ja") or reason.get("reason_ja") or ""
            ack = f"宣言済み / acknowledged ({esc(c['acknowledged_in'])}): {esc(why)}"
        rows.append(
            (
                code(lv),
                _path_link(ctx, str(c.get("path", ""))),
                code(c.get("rule", "")),
                esc(c.get("message_ja", "")) + "<br>" + esc(c.get("message_en", "")),
                both(*UPGRADE_LABELS.get(up, (up, up))),
                esc(c.get("migration", "")),
                ack,
            )
        )
    out.append(
        table(
            [
                "水準 / Level",
                "対象 / Path",
                "規則 / Rule",
                "内容 / Change",
                "先に更新 / Upgrade first",
                "移行 / Migration",
                "宣言 / Ack.",
            ],
            rows,
        )
    )
    return "".join(out)


def build(ctx: VersionContext) -> Changes:
    previous = _previous(ctx)
    issues: list[Issue] = []
    out = [GENERATED_HEADER, "# 変更履歴と差分 / Changes\n\n", draft_banner(ctx.std)]
    out.append("## 変更履歴 / Changelog {#changelog}\n\n")
    changelog, found = _changelog(ctx)
    issues += found
    if changelog:
        out.append(changelog + "\n")
    elif previous is None:
        out.append("最初の版です。 / This is the first version.\n\n")
    else:
        out.append("この版には人が書いた変更履歴がありません。 / This version has no human changelog.\n\n")
        issues.append(issue("site.changelog_missing", f"standard/{ctx.version}", version=ctx.version))
    out.append("## 前の版との差分 / Diff against the previous version {#diff}\n\n")
    comparison: dict[str, Any] | None = None
    state = "ok"
    if previous is None:
        out.append("前の版はありません。 / There is no previous version.\n")
        state = "not run: first version"
    else:
        out.append(
            "差分は `endingnote standard diff` と同じ互換性チェッカーが機械的に分類したものです。"
            "`editorial` は規範に影響しない変更、`additive` は既存の文書がそのまま有効な追加、"
            "`breaking` は既存の文書が無効になりうる変更です。\n\n"
            "The diff is classified by the same compatibility checker as `endingnote standard diff`: "
            "`editorial` changes have no normative effect, "
            "`additive` ones keep every existing document valid, "
            "`breaking` ones may invalidate existing documents.\n\n"
        )
        comparison, state, found = compare(ctx, previous)
        issues += found
        if comparison is None:
            out.append(
                '!!! note "差分は未生成 / Diff not generated"\n\n'
                "    互換性チェッカー(`endingnote.compat`)がこのビルドでは使えません。"
                "\n\n    The compatibility checker (`endingnote.compat`) is not available in this build.\n"
            )
        else:
            out.append(_diff_section(ctx, previous, comparison))
    return Changes(page="".join(out), issues=issues, comparison=comparison, compat_state=state)
