"""``endingnote mapping init``: draft a mapping from a sample file's headers or tags.

Each source field is matched against the Japanese and English labels (and keys) of the standard's
items and their parts' fields; the best candidate above a threshold becomes the field's target,
with its score in a comment. Fields without a likely home become extensions, secret-looking
fields become secrets. The draft is a starting point for a person to finish, not a finished map.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jaconv

from endingnote.convert._secrets import secret_name

THRESHOLD = 0.62
# everyday vendor words → a label the catalogue uses (matching then runs on the label)
SYNONYMS = {
    "gender": "sex", "性別": "性別", "birthday": "birth date", "dob": "birth date", "zip": "postal code",
    "zipcode": "postal code", "postcode": "postal code", "tel": "phones", "telephone": "phones",
    "mobile": "phones", "mail": "emails", "email": "emails", "pref": "prefecture", "street": "town",
    "電話番号": "電話番号", "携帯番号": "電話番号", "メールアドレス": "メールアドレス",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    target: str  # person scope: record.item[.field]; group scope: item[.field]
    record: str
    repeating: bool
    labels: tuple[str, ...]


def _norm(text: str) -> str:
    text = str(
        jaconv.z2h(jaconv.h2z(text, kana=True, ascii=False, digit=False), kana=False, ascii=True, digit=True)
    )
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower()
    text = re.sub(r"^[a-z]+:", "", text.split("/")[-1].lstrip("@"))
    return re.sub(r"[\s_\-()（）・/]+", "", text)


def candidates(std: Any) -> list[Candidate]:
    out: list[Candidate] = []
    for rt in std.records.values():
        for f in rt.items:
            base = f.key if rt.repeating else f"{rt.key}.{f.key}"
            part = std.parts.get(f.type)
            if part is None:
                target = f"{base}[]" if f.repeating else base
                out.append(
                    Candidate(target, rt.key, rt.repeating, (f.label_ja, f.label_en, f.key, *f.aliases))
                )
                continue
            if f.repeating:
                continue  # a repeating structure needs a group, not a draft line
            for pf in part.fields:
                if pf.type in std.parts:
                    continue
                labels = (
                    pf.label_ja,
                    pf.label_en,
                    pf.key,
                    f"{f.label_ja}{pf.label_ja}",
                    f"{f.label_en} {pf.label_en}",
                )
                index = "[0]" if pf.repeating else ""
                out.append(Candidate(f"{base}.{pf.key}{index}", rt.key, rt.repeating, labels))
    return out


def best_match(name: str, cands: list[Candidate]) -> tuple[Candidate | None, float]:
    key = _norm(name)
    key = _norm(SYNONYMS.get(key, key))
    if not key:
        return None, 0.0
    best: tuple[Candidate | None, float] = (None, 0.0)
    for c in cands:
        for label in c.labels:
            lab = _norm(label)
            if not lab:
                continue
            score = difflib.SequenceMatcher(None, key, lab).ratio()
            if key == lab:
                score = 1.0
            elif min(len(lab), len(key)) >= 3 and (lab in key or key in lab):
                score = max(score, 0.75)
            if score > best[1]:
                best = (c, score)
    return best


# --- sample inspection ---------------------------------------------------------------------------


def _tabular_fields(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    from endingnote.convert._read import decode
    from endingnote.convert._xlsx import XlsxError, iter_xlsx_rows

    if path.suffix.lower() == ".xlsx":
        with path.open("rb") as fh:
            try:
                columns = next((row for _, row in iter_xlsx_rows(fh)), [])
            except XlsxError:
                columns = []
        return "xlsx", columns, {}
    raw = path.read_bytes()[:1_000_000]
    text, _ = decode(raw, "auto")
    if text is None:
        return "csv", [], {}
    import csv
    import io

    header = next(csv.reader(io.StringIO(text)), [])
    encoding = "utf-8"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        encoding = "cp932"
    return "csv", header, {"encoding": encoding}


def _xml_fields(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    from endingnote.convert._xmlsafe import parse_xml

    tree, _ = parse_xml(path.read_bytes())
    if tree is None:
        return "xml", [], {}
    root = tree.getroot()
    ns = {(k or "ns"): v for k, v in (root.nsmap or {}).items()}
    prefixes = {v: k for k, v in ns.items()}

    def name(tag: str) -> str:
        if tag.startswith("{"):
            uri, local = tag[1:].split("}", 1)
            return f"{prefixes.get(uri, 'ns')}:{local}"
        return tag

    # the person element: the first element path that repeats
    person_path: list[str] = [name(root.tag)]
    person = root
    for el in root.iter():
        parent = el.getparent()
        if parent is not None and sum(1 for s in parent if s.tag == el.tag) > 1:
            person = el
            chain = []
            cur: Any = el
            while cur is not None:
                chain.append(name(cur.tag))
                cur = cur.getparent()
            person_path = list(reversed(chain))
            break
    fields: list[str] = []
    repeating: set[str] = set()

    def walk(el: Any, rel: str) -> None:
        for attr in el.attrib:
            fields.append(f"{rel}/@{name(attr)}" if rel else f"@{name(attr)}")
        counts: dict[str, int] = {}
        for child in el:
            if isinstance(child.tag, str):
                counts[child.tag] = counts.get(child.tag, 0) + 1
        for child in el:
            if not isinstance(child.tag, str):
                continue
            sub = f"{rel}/{name(child.tag)}" if rel else name(child.tag)
            if counts[child.tag] > 1 and len(child):
                repeating.add(sub)
            if len(child) == 0 and (child.text or "").strip() and sub not in fields:
                fields.append(sub)
            walk(child, sub)

    parent = person.getparent()
    for sibling in (list(parent) if parent is not None else [person])[:500]:
        if sibling.tag == person.tag:
            walk(sibling, "")
    seen: set[str] = set()
    unique = [f for f in fields if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    groups: dict[str, list[str]] = {}
    plain = []
    for f in unique:
        each = next(
            (r for r in sorted(repeating, key=len, reverse=True) if f.startswith(r + "/") or f == r), None
        )
        if each is None:
            plain.append(f)
        else:
            groups.setdefault(each, []).append(f[len(each) + 1 :] or ".")
    extra = {"persons": "/" + "/".join(person_path), "namespaces": ns, "groups": groups}
    return "xml", plain, extra


def _json_fields(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    import orjson

    from endingnote.convert._read import iter_leaves

    doc = orjson.loads(path.read_bytes())
    persons = ""
    samples = [doc]
    if isinstance(doc, dict):
        for k, v in doc.items():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                persons, samples = f"/{k}", v[:500]
                break
    fields: list[str] = []
    groups: dict[str, list[str]] = {}
    for pointer, _ in (leaf for sample in samples for leaf in iter_leaves(sample)):
        m = re.match(r"^(/[^/]+(?:/[^/0-9][^/]*)*)/[0-9]+(/.*)$", pointer)
        if m:  # inside an array of objects: a repeating group
            rel = re.sub(r"/[0-9]+(?=/|$)", "/0", m.group(2))
            if rel not in groups.setdefault(m.group(1), []):
                groups[m.group(1)].append(rel)
        elif pointer not in fields and not any(pointer == g for g in groups):
            fields.append(pointer)
    fields = [f for f in fields if f not in groups]
    return "json", fields, {"persons": persons, "groups": groups}


def inspect(path: Path) -> tuple[str, list[str], dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return _xml_fields(path)
    if suffix == ".json":
        return _json_fields(path)
    return _tabular_fields(path)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def draft(sample: str | Path, *, vendor: str = "my_vendor", version: str | None = None) -> str:
    """The text of a draft ``mapping.yaml`` for ``sample``."""
    from endingnote.standard import get as get_standard
    from endingnote.standard import released_versions

    if version is None:
        released = released_versions()
        version = released[-1] if released else None
    std = get_standard(version)
    path = Path(sample)
    fmt, fields, extra = inspect(path)
    cands = [c for c in candidates(std) if not c.repeating]
    lines = [
        f"# Draft mapping for {path.name} — generated by `endingnote mapping init`; review every target.",
        "# 自動生成の下書きです。各 target を確認し、変換(transforms)を追記してください。",
        'mapping: "1"',
        f"vendor: {vendor}",
        f"standard: {_q(std.version)}",
        f"extension: {{alias: {vendor.replace('_', '-')[:32]}, namespace: {_q(f'https://{vendor}.example/ns/endingnote')}}}",
        "source:",
        f"  format: {fmt}",
    ]
    if fmt == "csv":
        lines.append(f"  encoding: {extra.get('encoding', 'auto')}")
    if fmt in ("csv", "xlsx"):
        lines.append(
            f"  person_key: {_q(fields[0] if fields else 'id')}  # the column that identifies a person"
        )
    if fmt in ("xml", "json"):
        lines.append(f"  persons: {_q(extra.get('persons', ''))}")
    if extra.get("namespaces"):
        lines.append("  namespaces:")
        lines.extend(f"    {k}: {_q(v)}" for k, v in extra["namespaces"].items())
    mapped, exts, secrets = [], [], []
    used_targets: set[str] = set()
    ext_keys: set[str] = set()
    for n, name in enumerate(fields):
        source = name
        if secret_name(name):
            secrets.append(f"  - {{source: {_q(source)}}}  # secret-looking: dropped on import")
            continue
        cand, score = best_match(name, cands)
        if cand is not None and score >= THRESHOLD and cand.target not in used_targets:
            used_targets.add(cand.target)
            mapped.append(
                f"  - {{source: {_q(source)}, target: {_q(cand.target)}}}  # 候補 score {score:.2f}"
            )
        else:
            key = re.sub(r"[^A-Za-z0-9_]", "_", _norm(name)) if _norm(name).isascii() else f"field_{n + 1}"
            key = key if re.match(r"^[A-Za-z_]", key) else f"f_{key}"
            while key in ext_keys:
                key = f"{key}_{n + 1}"
            ext_keys.add(key)
            exts.append(f"  - {{source: {_q(source)}, key: {key[:60]}}}  # no standard home found")
    if mapped:
        lines.append("fields:")
        lines.extend(mapped)
    else:
        lines.append("fields: []")
    if exts:
        lines.append("extensions:")
        lines.extend(exts)
    if secrets:
        lines.append("secrets:")
        lines.extend(secrets)
    if extra.get("groups"):
        lines.append("groups:")
        for each, members in extra["groups"].items():
            lines.extend(_draft_group(std, each, members))
    return "\n".join(lines) + "\n"


def _draft_group(std: Any, each: str, members: list[str]) -> list[str]:
    """A repeating group: the record whose items match the group's fields best."""
    by_record: dict[str, list[Candidate]] = {}
    for c in candidates(std):
        if c.repeating:
            by_record.setdefault(c.record, []).append(c)
    best: tuple[str | None, float, dict[str, tuple[Candidate | None, float]]] = (None, -1.0, {})
    for record, cands in by_record.items():
        matches = {m: best_match(m, cands) for m in members}
        title = best_match(each, [Candidate("", record, True, (record, std.records[record].label_en))])[1]
        score = sum(sc for _, sc in matches.values()) / max(len(members), 1) + 0.3 * title
        if score > best[1]:
            best = (record, score, matches)
    chosen, score, matches = best
    lines = [f"  - record: {chosen}  # 候補 score {score:.2f}: review", f"    each: {_q(each)}"]
    fields, exts, secrets = [], [], []
    used: set[str] = set()
    for n, member in enumerate(members):
        cand, sc = matches.get(member, (None, 0.0))
        if secret_name(member):
            secrets.append(f"      - {{source: {_q(member)}}}")
        elif cand is not None and sc >= THRESHOLD and cand.target not in used:
            used.add(cand.target)
            fields.append(
                f"      - {{source: {_q(member)}, target: {_q(cand.target)}}}  # 候補 score {sc:.2f}"
            )
        else:
            key = re.sub(r"[^A-Za-z0-9_]", "_", _norm(member)) if _norm(member).isascii() else ""
            key = key if re.match(r"^[A-Za-z_]", key) else f"field_{n + 1}"
            exts.append(f"      - {{source: {_q(member)}, key: {key[:60]}}}")
    lines.append("    fields:" if fields else "    fields: []")
    lines.extend(fields)
    if exts:
        lines.append("    extensions:")
        lines.extend(exts)
    if secrets:
        lines.append("    secrets:")
        lines.extend(secrets)
    return lines
