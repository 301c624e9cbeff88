"""Reading a document safely: every way raw bytes can be bad becomes a finding, never a crash.

Fast path: orjson parses; the raw bytes' ``:`` count against the parsed tree's (one C walk,
``_scan.tree_stats``) detects duplicate keys (orjson silently keeps the last one), and only then
does the slow exact pass run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from endingnote._codes import issue
from endingnote._issues import Issue
from endingnote.validation._limits import FINDINGS, JSON_BYTES, JSON_DEPTH
from endingnote.validation._rawscan import RawScan, scan
from endingnote.validation._scan import tree_stats

MAX_BYTES = JSON_BYTES.value
MAX_DEPTH = JSON_DEPTH.value

_KEY_TOKEN = re.compile(rb'"\s*:')
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Parsed:
    doc: Any = None
    ok: bool = False
    raw: bytes = b""
    issues: list[Issue] = field(default_factory=list)
    depth: int = 0  # the parsed tree's nesting depth, when the duplicate-key check measured it (else 0)
    scan: RawScan | None = None  # the one-pass scan of ``raw``, once made


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


class _Dups:
    """An object that holds a duplicate key, or holds (at any depth) one that does.

    The exact pass keeps nothing of the document but these: every clean object parses to ``None``,
    so 16 MiB of keys cost their parse, not a second tree, and at most ``FINDINGS`` findings are
    built however many duplicates there are.
    """

    __slots__ = ("children", "keys")

    def __init__(self, keys: list[str], children: list[tuple[str, Any]]) -> None:
        self.keys = keys  # the keys seen again, in order
        self.children = children  # (key, value) of members whose value holds a _Dups


def _holds_dups(value: Any) -> bool:
    if isinstance(value, _Dups):
        return True
    return isinstance(value, list) and any(_holds_dups(v) for v in value)


def _pairs_hook(pairs: list[tuple[str, Any]]) -> _Dups | None:
    seen: set[str] = set()
    again: list[str] = []
    for key, _ in pairs:
        if key in seen:
            again.append(key)
        seen.add(key)
    children = [(k, v) for k, v in pairs if v is not None and _holds_dups(v)]
    return _Dups(again, children) if again or children else None


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _find_duplicates(raw: bytes) -> list[Issue]:
    """Exact duplicate-key search with JSON pointers (slow path, only when the fast count says so).

    The document's depth is already bounded (``JSON_DEPTH``), so this recursion is too."""
    found: list[Issue] = []
    more = 0

    def walk(node: Any, path: str) -> None:
        nonlocal more
        if more:
            return
        if isinstance(node, list):
            for i, value in enumerate(node):
                if value is not None:
                    walk(value, f"{path}/{i}")
            return
        if not isinstance(node, _Dups):
            return
        for key in node.keys:
            if len(found) < FINDINGS.value:
                found.append(issue("input.duplicate_key", f"{path}/{_escape(key)}", key=key[:80]))
            else:
                more += 1
        for key, value in node.children:
            walk(value, f"{path}/{_escape(key)}")

    walk(json.loads(raw, object_pairs_hook=_pairs_hook), "")
    if more:
        found.append(issue("input.too_many_findings", "", **FINDINGS.params()))
    return found


def depth(node: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth (the root counts 1, each nested object or array one more), stopping early
    once past ``limit`` (then ``limit + 1``)."""
    return tree_stats(node, max(limit, 0))[1]


def _maybe_duplicates(raw: bytes, doc: Any, out: Parsed) -> bool:
    """False only when counting proves there is no duplicate key (the common case, all in C).

    Without \\u escapes every ':' byte of the input is a key's separator or a character inside a
    string, and every string reaches the parsed tree character for character (``\\"``, ``\\\\``,
    ``\\/``, ``\\n``... stand for other characters than ':'; UTF-8 never uses the byte 0x3A inside a
    multi-byte character; numbers and literals have no ':'). So the tree's keys plus the ':' in its
    strings equal the input's ':' bytes unless orjson dropped a key, and a dropped key takes at least
    its own separator with it. A \\u escape can write a ':' (\\u003a) without the byte: any such
    document goes to the exact check. The raw scan (``_rawscan``) gives both the escape test and the
    ':' count in its one pass; it is kept in ``out`` for the later layers.
    """
    scanned = out.scan = out.scan or scan(raw)
    if scanned.escapes:  # the exact pass decides; first bound the depth it will walk
        out.depth = tree_stats(doc, MAX_DEPTH)[1]
        return True
    colons, out.depth = tree_stats(doc)
    return scanned.colons != colons


def parse_bytes(raw: bytes, *, max_bytes: int = MAX_BYTES, check_duplicates: bool = True) -> Parsed:
    out = Parsed(raw=raw)
    if len(raw) > max_bytes:
        out.issues.append(too_large(len(raw), max_bytes))
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
            out.issues.append(issue("input.too_deep", "", **JSON_DEPTH.params()))
            return out
        line, column = _line_col(raw, exc.pos)
        out.issues.append(issue("input.json_syntax", "", line=line, column=column, detail=exc.msg))
        return out
    if not isinstance(doc, dict):
        out.issues.append(issue("input.not_object", ""))
        return out
    if check_duplicates:
        maybe = _maybe_duplicates(raw, doc, out)
        if out.depth > MAX_DEPTH:  # before any walk in Python: its recursion is bounded by this
            out.issues.append(issue("input.too_deep", "", **JSON_DEPTH.params()))
            return out
        if maybe and (dups := _find_duplicates(raw)):
            out.issues.extend(dups)
            return out
    out.doc = doc
    out.ok = True
    return out


def serialise(doc: Any) -> bytes:
    """A parsed document's bytes again, for the raw scan (a caller's dict, not bytes we read)."""
    try:
        return orjson.dumps(doc)
    except TypeError:  # integers beyond 64 bits, non-str keys: the slow, general path
        return json.dumps(doc, ensure_ascii=False, default=str).encode()


def too_deep(doc: Any, measured: int = 0) -> Issue | None:
    """The finding for a document nested deeper than allowed (``measured``: its depth, if known)."""
    if (measured or depth(doc)) > MAX_DEPTH:
        return issue("input.too_deep", "", **JSON_DEPTH.params())
    return None


def too_large(size: int, max_bytes: int = MAX_BYTES) -> Issue:
    """The finding for input over ``max_bytes`` (the declared limit, unless a caller chose another)."""
    limit = JSON_BYTES.params()
    if max_bytes != JSON_BYTES.value:
        limit = {"limit_ja": f"上限 {max_bytes:,} バイト", "limit_en": f"limit: {max_bytes:,} bytes"}
    return issue("input.too_large", "", size=f"{size:,}", **limit)
