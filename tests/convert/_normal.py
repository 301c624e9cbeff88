"""Normal forms of vendor files for round-trip comparisons: what a vendor file says, independent
of row order, element order and whitespace; secrets blanked and masked fields masked, because the
mapping declares those as dropped and lossy (and the loss report says so)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

import orjson

from endingnote.convert import Mapping
from endingnote.convert._engine import apply_forward
from endingnote.convert._read import XmlRecord, iter_leaves, unescape_formula
from endingnote.convert._xmlsafe import parse_xml


def _lossy(mapping: Mapping) -> tuple[set[str], dict[str, Any]]:
    secrets = set(mapping.person.secrets)
    lossy: dict[str, Any] = {f.source: f.transforms for f in mapping.person.fields if not f.invertible}
    for g in mapping.groups:
        secrets |= set(g.scope.secrets)
        lossy |= {f.source: f.transforms for f in g.scope.fields if not f.invertible}
    return secrets, lossy


def _canon(name: str, value: Any, secrets: set[str], lossy: dict[str, Any]) -> Any:
    if name in secrets:
        return None
    if name in lossy and value not in (None, ""):
        return apply_forward(lossy[name], value)[0]
    return value


def normal(data: bytes, mapping: Mapping) -> Counter[str]:
    secrets, lossy = _lossy(mapping)
    fmt = mapping.source.format
    out: Counter[str] = Counter()
    if fmt == "csv":
        text = data.decode("cp932" if mapping.source.encoding == "cp932" else "utf-8-sig")
        for row in csv.DictReader(io.StringIO(text)):
            clean = {
                k: _canon(k, unescape_formula(v), secrets, lossy)
                for k, v in row.items()
                if v not in ("", None) and k not in secrets
            }
            out[orjson.dumps(clean, option=orjson.OPT_SORT_KEYS).decode()] += 1
        return out
    if fmt == "xml":
        tree, issues = parse_xml(data)
        assert tree is not None, issues
        root = XmlRecord(tree.getroot(), "", mapping, {})
        for path, value, _ in root.leftovers():
            steps = [s.split("[")[0] for s in path.split("/")]
            if any("/".join(steps).endswith(s) for s in secrets):
                continue
            last = steps[-1]
            name = next((src for src in lossy if src.endswith(last)), None)
            if name is not None:
                value = apply_forward(lossy[name], value)[0]
            out[f"{'/'.join(steps)}={value}"] += 1
        return out
    doc = orjson.loads(data)
    for pointer, value in iter_leaves(doc):
        generic = "/".join(p for p in pointer.split("/") if not p.isdigit())
        tail = "/" + generic.rsplit("/", 1)[-1]
        if tail in secrets:
            continue
        if tail in lossy:
            value = apply_forward(lossy[tail], value)[0]
        out[f"{generic}={orjson.dumps(value).decode()}"] += 1
    return out
