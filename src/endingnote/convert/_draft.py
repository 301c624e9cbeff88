"""``endingnote mapping init``: draft a mapping (language 2) from a sample file's headers *and values*.

For every source field the draft looks at what the values are — 和暦 or 西暦 dates (several
spellings become a ``first_of`` chain), half-width kana, hiragana, full-width digits, sex codes,
postal codes, phone numbers, e-mail addresses, amounts, names with a space, whole addresses (the
``address`` parser), values of a code list — and at what the field is called, matched against the
catalogue's labels and definitions in both languages and the vendor vocabulary
(:mod:`endingnote.convert._vocabulary`). In a CSV/XLSX, a 区分-like column (few values, each on
many rows, each value using other columns) becomes one group per value, with its ``where``.
The draft is a starting point for a person to finish: every line says how sure it is.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from endingnote.convert._secrets import secret_name
from endingnote.convert._vocabulary import FIELD_WORDS, RECORD_WORDS

THRESHOLD = 0.62
SAMPLE_ROWS = 5000
SAMPLE_VALUES = 300


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower()
    text = re.sub(r"^[a-z]+:", "", text.split("/")[-1].lstrip("@"))
    return re.sub(r"[\s_\-()（）・/]+", "", text)


# --- what the values are -----------------------------------------------------------------------------

_DATE_FORMATS = ("%Y/%m/%d", "%Y-%m-%d", "%Y年%m月%d日", "%Y%m%d", "%Y.%m.%d")
_SEX = {"男": "1", "女": "2", "男性": "1", "女性": "2", "m": "1", "f": "2", "male": "1", "female": "2",
        "1": "1", "2": "2", "不明": "0", "unknown": "0", "u": "0", "0": "0", "9": "9"}  # fmt: skip
_HALF_KANA = re.compile(r"[\uff66-\uff9f]")
_HIRAGANA = re.compile(r"^[\u3041-\u309f\s\u3000ー]+$")
_KATAKANA = re.compile(r"^[\u30a0-\u30ff\s\u3000ー\uff66-\uff9f]+$")
_FULL_DIGIT = re.compile(r"[０-９]")
_POSTAL = re.compile(r"^〒?\s*[0-9]{3}-?[0-9]{4}$")
_PHONE = re.compile(r"^(?:tel[:：]?)?\+?0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{3,4}$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_AMOUNT = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+円?$|^[0-9]+円$")
_NAME = re.compile(r"^[^\s\u3000\d]{1,10}[\s\u3000][^\s\u3000\d]{1,10}$")


@dataclass
class Kind:
    """What a field's values look like, and the transforms that read them."""

    kind: str  # date, sex, postal, phone, email, address, name, kana_name, amount, code, text
    transforms: list[Any] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)  # value → code, for kind "code"


def _date_branch(value: str) -> Any | None:
    import datetime as dt

    from endingnote.calendar import WarekiError, parse_wareki

    try:
        parse_wareki(value)
    except WarekiError:
        pass
    else:
        v = unicodedata.normalize("NFKC", value)
        if v[:1].isascii() and v[:1].isalpha():  # H27.12.22: written back the same way
            parts = re.split(r"[./-]", v[1:])
            options: dict[str, Any] = {"style": "letter"}
            if any(len(p) == 2 and p.startswith("0") for p in parts):
                options["pad"] = True
            sep = re.search(r"[./-]", v)
            if sep and sep.group() != ".":
                options["sep"] = sep.group()
            return {"wareki": options}
        return "wareki"
    for fmt in _DATE_FORMATS:
        try:
            dt.datetime.strptime(value, fmt)
            return {"date": {"format": fmt}}
        except ValueError:
            continue
    return None


def analyse(values: list[str], name: str = "") -> Kind:
    """The kind of a field from its (non-empty) values (and, for bare 7-digit numbers, its name)."""
    vals = [unicodedata.normalize("NFKC", v).strip() for v in values if v.strip()][:SAMPLE_VALUES]
    if not vals:
        return Kind("empty")
    n = len(vals)

    def share(test: Any) -> float:
        return sum(1 for v in vals if test(v)) / n

    found_branches = [b for v in vals if (b := _date_branch(v)) is not None]
    if len(found_branches) / n >= 0.8:
        return Kind("date", _date_transforms(found_branches))
    lowered = {v.lower() for v in vals}
    if (lowered <= set(_SEX) and len(lowered) >= 2 and not all(v.isdigit() for v in lowered)) or (
        lowered <= {"1", "2", "0", "9"} and len(lowered) >= 2 and False
    ):
        found = {v: _SEX[v.lower()] for v in sorted({v for v in (x.strip() for x in values) if v})}
        return Kind("sex", ["trim", {"map": {"values": found}}])
    raw = [v.strip() for v in values if v.strip()][:SAMPLE_VALUES]
    postal_name = any(w in _norm(name) for w in ("郵便", "zip", "postal", "postcode", "〒"))
    marked = share(lambda v: "-" in v or "〒" in v) >= 0.5
    if share(lambda v: _POSTAL.match(v.replace("－", "-")) is not None) >= 0.8 and (marked or postal_name):
        style = (
            "mark" if raw[0].startswith("〒") else ("hyphen" if "-" in raw[0] or "－" in raw[0] else "plain")
        )
        return Kind("postal", [{"postal": {"style": style}} if style != "plain" else "postal"])
    if share(lambda v: _PHONE.match(v.replace(" ", "")) is not None) >= 0.8:
        style = "digits" if all("-" not in v for v in vals) else "hyphen"
        return Kind("phone", [{"phone": {"style": style}} if style == "digits" else "phone"])
    if share(lambda v: _EMAIL.match(v) is not None) >= 0.8:
        return Kind("email", [])
    if share(_is_address) >= 0.8:
        return Kind("address", ["trim", "address"])
    if share(lambda v: _AMOUNT.match(v) is not None) >= 0.8:
        return Kind("amount", [{"integer": {"grouping": True}}])
    half = any(_HALF_KANA.search(v) for v in raw)
    if share(lambda v: _KATAKANA.match(v) is not None) >= 0.8 and any(" " in v or "\u3000" in v for v in raw):
        sep = "\u3000" if any("\u3000" in v for v in raw) else " "
        width: Any = {"width": {"source_kana": "half"}} if half else "width"
        return Kind("kana_name", ["trim", width, {"name_split": {"sep": sep, "kana": True}}])
    if share(lambda v: _HIRAGANA.match(v) is not None) >= 0.8 and any(" " in v or "\u3000" in v for v in raw):
        sep = "\u3000" if any("\u3000" in v for v in raw) else " "
        return Kind(
            "kana_name",
            ["trim", {"katakana": {"source": "hiragana"}}, {"name_split": {"sep": sep, "kana": True}}],
        )
    if share(lambda v: _NAME.match(v) is not None) >= 0.8:
        sep = "\u3000" if any("\u3000" in v for v in raw) else " "
        width = ["width"] if any("\u3000" in v for v in raw) else []
        return Kind(
            "name", ["trim", *width, {"name_split": {"sep": sep}} if sep != "\u3000" else "name_split"]
        )
    transforms: list[Any] = []
    if any(_FULL_DIGIT.search(v) for v in raw) or half:
        transforms.append("width")  # digits and kana as the standard writes them
    return Kind("text", transforms)


def _date_transforms(branches: list[Any]) -> list[Any]:
    """One transform, or a first_of chain (most frequent first); 和暦 spellings are one branch."""
    wareki = [b for b in branches if b == "wareki" or (isinstance(b, dict) and "wareki" in b)]
    others = Counter(json.dumps(b, ensure_ascii=False) for b in branches if b not in wareki)
    merged: Any = None
    if wareki:
        letters = [b for b in wareki if b != "wareki"]
        if letters and len(letters) == len(wareki):  # every 和暦 value in the letter form: keep it
            options: dict[str, Any] = {"style": "letter"}
            if any(b["wareki"].get("pad") for b in letters):
                options["pad"] = True
            seps = {b["wareki"].get("sep") for b in letters} - {None}
            if len(seps) == 1:
                options["sep"] = seps.pop()
            merged = {"wareki": options}
        else:
            merged = "wareki"
    ordered = [(len(wareki), merged)] if merged is not None else []
    ordered += [(count, json.loads(b)) for b, count in others.items()]
    ordered.sort(key=lambda x: -x[0])
    chains = [b for _, b in ordered]
    if len(chains) == 1:
        return [chains[0]]
    if merged is not None:  # the 和暦 branch first: it is the one a value can only match one way
        chains.remove(merged)
        chains.insert(0, merged)
    return [{"first_of": [[b] for b in chains]}]


def _is_address(value: str) -> bool:
    from endingnote.convert._address import PREFECTURES, AddressError, parse_address

    if not value.startswith(PREFECTURES) and not value.startswith("〒"):
        return False
    try:
        parse_address(value)
    except AddressError:
        return False
    return True


# --- what the standard offers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    path: str  # person scope: record.item[.field]; group scope: item[.field]
    record: str
    type: str
    codelist: str | None
    words: tuple[str, ...]


def targets(std: Any, record: str | None) -> list[Target]:
    """Leaves (and name/address structures) of the non-repeating records, or of one record."""
    out: list[Target] = []
    records = [std.records[record]] if record else [r for r in std.records.values() if not r.repeating]
    for rt in records:
        for f in rt.items:
            base = f.key if record else f"{rt.key}.{f.key}"
            vocab_key = f"{rt.key}:{f.key}" if record and rt.repeating else f"{rt.key}.{f.key}"
            part = std.parts.get(f.type)
            words = (f.label_ja, f.label_en, f.key, *FIELD_WORDS.get(vocab_key, ()))
            if part is None:
                index = "[0]" if f.repeating else ""
                out.append(Target(f"{base}{index}", rt.key, f.type, f.codelist, words))
                if (
                    f.repeating and f"{vocab_key}[1]".replace(":", ".") in FIELD_WORDS
                ) or f"{vocab_key}[1]" in FIELD_WORDS:
                    more = FIELD_WORDS.get(f"{vocab_key}[1]", ())
                    out.append(Target(f"{base}[1]", rt.key, f.type, f.codelist, more))
                if f.repeating and f"{vocab_key}[0]" in FIELD_WORDS:
                    out[-1 if f"{vocab_key}[1]" not in FIELD_WORDS else -2] = Target(
                        f"{base}[0]", rt.key, f.type, f.codelist, (*words, *FIELD_WORDS[f"{vocab_key}[0]"])
                    )
                continue
            if f.repeating:
                continue
            if f.type in ("address", "person_name"):
                out.append(Target(base, rt.key, f.type, None, words))  # the structure itself
            if f.type == "person_name":
                out.append(
                    Target(
                        f"{base}#kana",
                        rt.key,
                        "person_name_kana",
                        None,
                        FIELD_WORDS.get(f"{vocab_key}#kana", ()),
                    )
                )
            for pf in part.fields:
                if pf.type in std.parts:
                    sub = std.parts[pf.type]
                    for sf in sub.fields:
                        if sf.type in std.parts or sf.repeating:
                            continue
                        key = f"{vocab_key}.{pf.key}.{sf.key}"
                        w = (
                            f"{pf.label_ja}{sf.label_ja}",
                            f"{f.label_ja}{pf.label_ja}{sf.label_ja}",
                            *FIELD_WORDS.get(key, ()),
                        )
                        out.append(Target(f"{base}.{pf.key}.{sf.key}", rt.key, sf.type, sf.codelist, w))
                    continue
                key = f"{vocab_key}.{pf.key}"
                w = (
                    pf.label_ja,
                    pf.label_en,
                    pf.key,
                    f"{f.label_ja}{pf.label_ja}",
                    f"{f.label_en} {pf.label_en}",
                    *FIELD_WORDS.get(key, ()),
                )
                index = "[0]" if pf.repeating else ""
                out.append(Target(f"{base}.{pf.key}{index}", rt.key, pf.type, pf.codelist, w))
    return out


_COMPATIBLE = {
    "date": {"date"},
    "postal": {"postal_code"},
    "phone": {"phone"},
    "email": {"email"},
    "address": {"address"},
    "name": {"person_name"},
    "kana_name": {"person_name_kana"},
    "amount": {"integer"},
    "sex": {"code"},
}


def _name_score(name: str, t: Target) -> float:
    key = _norm(name)
    if not key:
        return 0.0
    best = 0.0
    for word in t.words:
        w = _norm(word)
        if not w:
            continue
        if key == w:
            return 1.0
        score = difflib.SequenceMatcher(None, key, w).ratio()
        if min(len(w), len(key)) >= 2 and (w in key or key in w):
            score = max(score, 0.75)
        best = max(best, score)
    return best


def _code_map(std: Any, t: Target, values: list[str]) -> dict[str, str] | None:
    """vendor value → code when every value names a code of the target's list."""
    if t.codelist is None or t.codelist not in std.codelists:
        return None
    codes = std.codelists[t.codelist].codes
    found: dict[str, str] = {}
    for v in sorted(set(values)):
        nv = _norm(v)
        hit = next(
            (c.code for c in codes if nv in (_norm(c.code), _norm(c.label_ja), _norm(c.label_en))), None
        )
        hit = hit or next((c.code for c in codes if _norm(c.label_ja).startswith(nv) and len(nv) >= 2), None)
        if hit is None:
            return None
        found[v] = hit
    return found


def _value_words(values: list[str]) -> set[str]:
    """Vocabulary keys most values point at (``VALUE_WORDS``)."""
    from endingnote.convert._vocabulary import VALUE_WORDS

    vals = [v.strip() for v in values if v.strip()][:SAMPLE_VALUES]
    if not vals:
        return set()
    return {
        key
        for pattern, key in VALUE_WORDS
        if sum(1 for v in vals if re.search(pattern, v)) / len(vals) >= 0.8
    }


_GENERIC = ("項目", "item", "field", "col", "column", "value", "データ")


def choose(
    std: Any, name: str, kind: Kind, values: list[str], cands: list[Target], used: set[str]
) -> tuple[Target | None, float, list[Any]]:
    """The best target for a field, its score and the transforms."""
    best: tuple[Target | None, float, list[Any]] = (None, 0.0, [])
    values = [v for v in values if v.strip()]
    hinted = _value_words(values)
    generic = re.sub(r"[0-9]+$", "", _norm(name)) in {_norm(g) for g in _GENERIC}
    for t in cands:
        if t.path in used:
            continue
        score = 0.0 if generic else _name_score(name, t)
        keys = {f"{t.record}:{t.path.split('[')[0]}", f"{t.record}.{t.path.split('[')[0]}"}
        if keys & hinted:
            score = max(score, 0.7)
        transforms = list(kind.transforms)
        compatible = _COMPATIBLE.get(kind.kind)
        if compatible is not None:
            if t.type not in compatible:
                continue
            score = score + 0.3 if score >= 0.3 else (0.45 if generic else score)
        elif t.type in (
            "date",
            "address",
            "person_name",
            "person_name_kana",
            "postal_code",
            "email",
            "phone",
        ):
            continue  # text is not a date, an address or a name
        if kind.kind == "sex" and t.codelist != "sex":
            continue
        if t.type == "code" and kind.kind != "sex":
            codes = _code_map(std, t, values)
            if codes is None:
                continue
            transforms = (
                [*transforms, {"map": {"values": codes}}] if codes != {v: v for v in codes} else transforms
            )
            score = max(score + 0.2, 0.65 if generic else 0.0)
        if t.type == "latin" and all(re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", v) for v in values[:50]):
            transforms = [x for x in transforms if x != "width"] + ["upper"]
        elif t.type == "kana" and "width" not in transforms:
            transforms = [*transforms, "width"]
        else:
            transforms = [x for x in transforms if x != "upper"]
        if t.type == "account_number":
            transforms = ["mask"]
        if t.type == "ref" and "受取人" in "".join(values[:5]):
            transforms = [{"extract": {"pattern": "受取人[:：]\\s*(.+)", "template": "受取人：{}"}}]
        if t.type == "integer" and kind.kind != "amount":
            if not all(re.fullmatch(r"[0-9,]+円?", v) for v in values):
                continue
            transforms = [{"integer": {"grouping": True}}] if any("," in v for v in values) else ["integer"]
        if score > best[1]:
            best = (t, score, transforms)
    return best


# --- reading the sample --------------------------------------------------------------------------------


def _tabular(path: Path) -> tuple[str, list[str], list[dict[str, str]], dict[str, Any]]:
    import csv
    import io

    from endingnote.convert._read import decode

    if path.suffix.lower() == ".xlsx":
        from endingnote.convert._xlsx import XlsxError, iter_xlsx_rows

        rows: list[list[str]] = []
        with path.open("rb") as fh:
            try:
                for _, row in iter_xlsx_rows(fh):
                    rows.append(row)
                    if len(rows) > SAMPLE_ROWS:
                        break
            except XlsxError:
                pass
        header = rows[0] if rows else []
        body = [dict(zip(header, r + [""] * (len(header) - len(r)), strict=False)) for r in rows[1:]]
        return "xlsx", header, body, {}
    raw = path.read_bytes()[:4_000_000]
    text, _ = decode(raw, "auto")
    if text is None:
        text = raw.decode("cp932", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    body = []
    for row in reader:
        if len(row) == len(header):
            body.append(dict(zip(header, row, strict=True)))
        if len(body) >= SAMPLE_ROWS:
            break
    try:
        raw.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "cp932"
    return "csv", header, body, {"encoding": encoding}


def _person_key(header: list[str], rows: list[dict[str, str]]) -> str:
    words = ("id", "会員番号", "会員id", "利用者id", "ユーザーid", "uid", "番号", "member", "no")
    for c in header:
        named = (
            _norm(c) in words or _norm(c).endswith("id") or (_norm(c).endswith("番号") and "電話" not in c)
        )
        if named and len({r[c] for r in rows}) > 1:
            return c
    return header[0] if header else "id"


def _kubun(header: list[str], rows: list[dict[str, str]], key: str) -> str | None:
    """A column whose few values each select other columns: the 区分 of a one-row-per-fact export."""
    best: tuple[str | None, float] = (None, 0.0)
    persons = len({r[key] for r in rows}) or 1
    for c in header:
        if c == key:
            continue
        values = Counter(r[c] for r in rows if r[c])
        if not 2 <= len(values) <= 30 or sum(values.values()) < len(rows) * 0.5:
            continue
        if len(values) > persons:
            continue
        patterns = {
            v: frozenset(h for h in header if any(r[h] for r in rows if r[c] == v) and h not in (c, key))
            for v in values
        }
        distinct = len(set(patterns.values())) / len(values)
        record_hits = sum(1 for v in values if _record_for(v) is not None) / len(values)
        name_hint = 0.3 if any(w in c for w in ("区分", "種別", "分類", "kind", "type", "category")) else 0.0
        score = distinct + record_hits + name_hint
        if score > best[1] and distinct >= 0.5:
            best = (c, score)
    return best[0] if best[1] >= 1.0 else None


def _record_for(value: str) -> str | None:
    nv = _norm(value)
    for record, words in RECORD_WORDS.items():
        if any(nv == _norm(w) or (len(_norm(w)) >= 2 and _norm(w) in nv) for w in words):
            return record
    return None


def _q(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _spec(transforms: list[Any]) -> str:
    return ", ".join(_q(t) if isinstance(t, str) else json.dumps(t, ensure_ascii=False) for t in transforms)


class _Writer:
    def __init__(self, std: Any) -> None:
        self.std = std
        self.lines: list[str] = []

    def scope(
        self,
        fields: list[tuple[str, list[str]]],
        cands: list[Target],
        indent: str,
        group_record: str | None = None,
    ) -> None:
        mapped, exts, secrets = [], [], []
        used: set[str] = set()
        ext_keys: set[str] = set()
        for n, (name, values) in enumerate(fields):
            if secret_name(name):
                secrets.append(f"{indent}  - {{source: {_q(name)}}}  # secret-looking: dropped on import")
                continue
            kind = analyse(values, name)
            target, score, transforms = choose(self.std, name, kind, values, cands, used)
            if target is not None and score >= THRESHOLD - (0.2 if kind.kind not in ("text", "empty") else 0):
                used.add(target.path)
                path = target.path.replace("#kana", "")
                ts = f", transforms: [{_spec(transforms)}]" if transforms else ""
                mapped.append(
                    f"{indent}  - {{source: {_q(name)}, target: {_q(path)}{ts}}}"
                    f"  # {kind.kind}, score {score:.2f}"
                )
            else:
                key = (
                    re.sub(r"[^A-Za-z0-9_]", "_", _norm(name)) if _norm(name).isascii() else f"field_{n + 1}"
                )
                key = key if re.match(r"^[A-Za-z_]", key) else f"f_{key}"
                while key in ext_keys:
                    key = f"{key}_{n + 1}"
                ext_keys.add(key)
                exts.append(
                    f"{indent}  - {{source: {_q(name)}, key: {key[:60]}}}"
                    f"  # no standard home found ({kind.kind})"
                )
        self.lines.append(f"{indent}fields:" if mapped else f"{indent}fields: []")
        self.lines.extend(mapped)
        if exts:
            self.lines.append(f"{indent}extensions:")
            self.lines.extend(exts)
        if secrets:
            self.lines.append(f"{indent}secrets:")
            self.lines.extend(secrets)


def _header(vendor: str, std: Any, path: Path) -> list[str]:
    alias = vendor.replace("_", "-")[:32]
    return [
        f"# Draft mapping for {path.name} — generated by `endingnote mapping init`; review every line.",
        "# 自動生成の下書きです。各 target と transforms を確認してください"
        " (reference: converters/REFERENCE.md)。",
        'mapping: "2"',
        f"vendor: {vendor}",
        f"standard: {_q(std.version)}",
        f"extension: {{alias: {alias}, namespace: {_q(f'https://{vendor}.example/ns/endingnote')}}}",
    ]


def draft(sample: str | Path, *, vendor: str = "my_vendor", version: str | None = None) -> str:
    """The text of a draft ``mapping.yaml`` (language 2) for ``sample``."""
    from endingnote.standard import get as get_standard
    from endingnote.standard import released_versions

    if version is None:
        released = released_versions()
        version = released[-1] if released else None
    std = get_standard(version)
    path = Path(sample)
    if path.suffix.lower() in (".xml", ".json"):
        return _draft_tree(std, path, vendor)
    fmt, header, rows, extra = _tabular(path)
    key = _person_key(header, rows)
    kubun = _kubun(header, rows, key)
    w = _Writer(std)
    w.lines = _header(vendor, std, path)
    w.lines += ["source:", f"  format: {fmt}"]
    if fmt == "csv":
        w.lines.append(f"  encoding: {extra.get('encoding', 'auto')}")
    w.lines.append(f"  person_key: {_q(key)}  # the column that identifies a person")
    # person-level columns: one value per person over all its rows
    by_person: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_person.setdefault(r[key], []).append(r)
    group_values = Counter(r[kubun] for r in rows if r[kubun]) if kubun else Counter()
    person_cols: list[str] = []
    for c in header:
        if c in (key, kubun):
            continue
        if kubun is None or all(len({r[c] for r in prs}) == 1 for prs in by_person.values()):
            person_cols.append(c)
    if kubun is None:
        w.scope([(c, [r[c] for r in rows]) for c in person_cols], targets(std, None), "")
        return "\n".join(w.lines) + "\n"
    w.lines.append(f"unmatched_rows: report  # rows of a {kubun} value no group takes are reported")
    w.scope([(c, [r[c] for r in rows]) for c in person_cols], targets(std, None), "")
    w.lines.append("groups:")
    for value, _ in group_values.most_common():
        record = _record_for(value)
        these = [r for r in rows if r[kubun] == value]
        cols = [
            c for c in header if c not in (key, kubun) and c not in person_cols and any(r[c] for r in these)
        ]
        if record is None:
            w.lines.append(f"  # {kubun}={value}: no record found — rows are reported (unmatched_rows)")
            continue
        rt = std.records[record]
        w.lines.append(
            f"  - record: {record}  # {kubun}={value}"
            + ("" if rt.repeating else " (one record, filled by its rows)")
        )
        w.lines.append(f"    where: {{column: {_q(kubun)}, equals: {_q(value)}}}")
        cands = targets(std, record) if rt.repeating or record != "person" else targets(std, "person")
        if not rt.repeating and record != "person":
            cands = targets(std, record)
        w.scope([(c, [r[c] for r in these]) for c in cols], cands, "    ")
    return "\n".join(w.lines) + "\n"


# --- XML and JSON ------------------------------------------------------------------------------------


def _draft_tree(std: Any, path: Path, vendor: str) -> str:
    from endingnote.convert._draft_tree import inspect_tree

    fmt, fields, extra = inspect_tree(path)
    w = _Writer(std)
    w.lines = _header(vendor, std, path)
    w.lines += ["source:", f"  format: {fmt}", f"  persons: {_q(extra.get('persons', ''))}"]
    if extra.get("person_key"):
        w.lines.append(f"  person_key: {_q(extra['person_key'])}")
    if extra.get("namespaces"):
        w.lines.append("  namespaces:")
        w.lines.extend(f"    {k}: {_q(v)}" for k, v in extra["namespaces"].items())
    w.scope([(f, extra["values"].get(f, [])) for f in fields], targets(std, None), "")
    if extra.get("groups"):
        w.lines.append("groups:")
        for each, members in extra["groups"].items():
            record = _group_record(std, each, members, extra["values"])
            w.lines.append(f"  - record: {record}  # review")
            w.lines.append(f"    each: {_q(each)}")
            w.scope(
                [(m, extra["values"].get(f"{each}|{m}", [])) for m in members], targets(std, record), "    "
            )
    return "\n".join(w.lines) + "\n"


def _group_record(std: Any, each: str, members: list[str], values: dict[str, list[str]]) -> str:
    record = _record_for(each.split("/")[-1].split(":")[-1])
    if record is not None and std.records[record].repeating:
        return record
    best: tuple[str, float] = ("other_contract", -1.0)
    for rk, rt in std.records.items():
        if not rt.repeating:
            continue
        cands = targets(std, rk)
        score = sum(max((_name_score(m, t) for t in cands), default=0.0) for m in members) / max(
            len(members), 1
        )
        if score > best[1]:
            best = (rk, score)
    return best[0]


def inspect(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    """(format, person-level fields, extra) of a sample — kept for callers of the old API."""
    if path.suffix.lower() in (".xml", ".json"):
        from endingnote.convert._draft_tree import inspect_tree

        return inspect_tree(path)
    fmt, header, _, extra = _tabular(path)
    return fmt, header, extra
