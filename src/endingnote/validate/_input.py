"""Reading a document safely: every way raw bytes can be bad becomes a finding, never a crash.

Fast path: orjson parses; a cheap count of ``"key":`` tokens against the parsed result detects
duplicate keys (orjson silently keeps the last one), and only then does the slow exact pass run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from endingnote._codes import issue
from endingnote._issues import Issue

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64

_KEY_TOKEN = re.compile(rb'"\s*:')
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Parsed:
    doc: Any = None
    ok: bool = False
    raw: bytes = b""
    issues: list[Issue] = field(default_factory=list)


def _encoding_issue(raw: bytes, err: UnicodeDecodeError) -> Issue:
    hint_ja = hint_en = ""
    for enc, name in (("cp932", "Shift_JIS (cp932)"), ("euc_jp", "EUC-JP")):
        try:
            raw.decode(enc)
        except UnicodeDecodeError:
            continue
        hint_ja, hint_en = (
            f"。{name} のようです。UTF-8 に変換してください",
            f"; it looks like {name}: convert it to UTF-8",
        )
        break
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        hint_ja, hint_en = "。UTF-16 のようです", "; it looks like UTF-16"
    return issue("input.encoding", "", offset=err.start, hint_ja=hint_ja, hint_en=hint_en)


def _line_col(text: bytes, pos: int) -> tuple[int, int]:
    line = text.count(b"\n", 0, pos) + 1
    start = text.rfind(b"\n", 0, pos) + 1
    return line, len(text[start:pos].decode("utf-8", "replace")) + 1


def _find_duplicates(raw: bytes) -> list[Issue]:
    """Exact duplicate-key search with JSON pointers (slow path, only when the fast count says so)."""
    found: list[Issue] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                found.append(issue("input.duplicate_key", "", key=key))
            seen.add(key)
        return dict(pairs)

    json.loads(raw, object_pairs_hook=hook)
    if not found:
        return []
    # Locate each duplicate with its pointer: walk again, tracking paths.
    located: list[Issue] = []

    def walk_hook(pairs: list[tuple[str, Any]]) -> _Obj:
        return _Obj(pairs)

    tree = json.loads(raw, object_pairs_hook=walk_hook)
    _locate(tree, "", located)
    return located or found


class _Obj(list[tuple[str, Any]]):
    pass


def _locate(node: Any, path: str, out: list[Issue]) -> None:
    if isinstance(node, _Obj):
        seen: set[str] = set()
        for key, value in node:
            child = f"{path}/{key.replace('~', '~0').replace('/', '~1')}"
            if key in seen:
                out.append(issue("input.duplicate_key", child, key=key))
            seen.add(key)
            _locate(value, child, out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _locate(value, f"{path}/{i}", out)


def depth(node: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth, stopping early once past ``limit``."""
    best = 0
    stack: list[tuple[Any, int]] = [(node, 1)]
    while stack:
        cur, d = stack.pop()
        if d > best:
            best = d
            if best > limit:
                return best
        if isinstance(cur, dict):
            stack.extend((v, d + 1) for v in cur.values() if isinstance(v, dict | list))
        elif isinstance(cur, list):
            stack.extend((v, d + 1) for v in cur if isinstance(v, dict | list))
    return best


def _maybe_duplicates(raw: bytes, doc: Any) -> bool:
    """False only when counting proves there is no duplicate key (the common case, all in C).

    Re-serialising keeps every string byte for byte and writes one ':' per key, so the colon
    counts of input and output differ exactly when orjson dropped a duplicate key. A \\u escape
    could hide a colon, so any escape sends the document to the exact check.
    """
    if b"\\" in raw and b"\\u" in raw:
        return True
    return raw.count(b":") != orjson.dumps(doc).count(b":")


def parse_bytes(raw: bytes, *, max_bytes: int = MAX_BYTES, check_duplicates: bool = True) -> Parsed:
    out = Parsed(raw=raw)
    if len(raw) > max_bytes:
        out.issues.append(issue("input.too_large", "", size=len(raw), limit=max_bytes))
        return out
    if not raw.strip():
        out.issues.append(issue("input.empty", ""))
        return out
    if raw.startswith(_BOM):
        out.issues.append(issue("input.bom", ""))
        raw = raw[len(_BOM) :]
        out.raw = raw
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as uexc:
            out.issues.append(_encoding_issue(raw, uexc))
            return out
        if "depth" in exc.msg or "recursion" in exc.msg:
            out.issues.append(issue("input.too_deep", "", limit=MAX_DEPTH))
            return out
        line, column = _line_col(raw, exc.pos)
        out.issues.append(issue("input.json_syntax", "", line=line, column=column, detail=exc.msg))
        return out
    if not isinstance(doc, dict):
        out.issues.append(issue("input.not_object", ""))
        return out
    if check_duplicates and _maybe_duplicates(raw, doc):
        dups = _find_duplicates(raw)
        if dups:
            out.issues.extend(dups)
            return out
    out.doc = doc
    out.ok = True
    return out


def too_deep(doc: Any) -> Issue | None:
    return issue("input.too_deep", "", limit=MAX_DEPTH) if depth(doc) > MAX_DEPTH else None
