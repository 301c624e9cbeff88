"""How usable is a ``mapping init`` draft? The bundled samples, their real mappings hidden from it.

For each sample in ``converters/`` the draft is made from the sample alone (headers and values);
then every field rule of the committed mapping (source → target with transforms) is looked up in
the draft, in the same scope (the person level, or the group of the same record and ``where`` /
``each``). A field counts as right when the draft gives it the same target AND the same transforms
(``trim`` ignored; a drafted ``map`` may list only the values the sample shows; ``first_of`` branches
compared as a set). Prints one JSON line: per sample and overall share right (target: ≥ 80 %).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {
    "desktop_csv": "sample.csv",
    "cloud_xml": "sample.xml",
    "phone_json": "sample.json",
    "ledger_csv": "sample.csv",
}


def _spec(t: Any) -> tuple[str, Any]:
    if isinstance(t, str):
        return t, {}
    ((name, params),) = t.items()
    return name, params if params is not None else {}


def _norm_transforms(ts: list[Any]) -> list[tuple[str, Any]]:
    out = []
    for t in ts:
        name, params = _spec(t)
        if name == "trim":
            continue
        if name == "first_of":
            params = sorted(
                json.dumps([_norm_transforms(b) for b in [br]], ensure_ascii=False) for br in params
            )
        if name == "name_split":
            params = {"sep": params.get("sep", "\u3000"), "kana": params.get("kana", False)}
        if name == "postal":
            params = {"style": params.get("style", "plain")}
        if name == "phone":
            params = {"style": params.get("style", "hyphen")}
        out.append((name, params))
    return out


def _same(real: list[Any], drafted: list[Any]) -> bool:
    a, b = _norm_transforms(real), _norm_transforms(drafted)
    if len(a) != len(b):
        return False
    for (n1, p1), (n2, p2) in zip(a, b, strict=True):
        if n1 != n2:
            return False
        if n1 == "map":
            real_values, got = p1.get("values", {}), p2.get("values", {})
            if any(str(real_values.get(k)) != str(v) for k, v in got.items()):
                return False
        elif p1 != p2:
            return False
    return True


def _rules(mapping: dict[str, Any]) -> dict[tuple[str, str], list[tuple[str, list[Any]]]]:
    """(scope, source) → [(target, transforms)] of a mapping (language 1 or 2)."""
    out: dict[tuple[str, str], list[tuple[str, list[Any]]]] = {}

    def scope(raw: dict[str, Any], name: str) -> None:
        for f in raw.get("fields", []) or []:
            if "source" not in f:
                continue
            shared = f.get("transforms", []) or []
            targets = f.get("targets") or [{"target": f["target"]}]
            for t in targets:
                out.setdefault((name, f["source"]), []).append(
                    (t["target"], shared + (t.get("transforms") or []))
                )

    scope(mapping, "person")
    for g in mapping.get("groups", []) or []:
        key = g.get("each") or "/".join(sorted(_where_values(g.get("where") or {})))
        scope(g, f"{g['record']}|{key}")
    return out


def _where_values(where: dict[str, Any]) -> set[str]:
    """Every value a condition's ``equals``/``in`` names (to pair a drafted group with the real one)."""
    out = set()
    if "equals" in where:
        out.add(f"{where['column']}={where['equals']}")
    for v in where.get("in", []):
        out.add(f"{where['column']}={v}")
    for sub in where.get("all", []):
        out |= _where_values(sub)
    return out


def _find(got: dict[tuple[str, str], list[Any]], key: tuple[str, str]) -> list[Any]:
    """The drafted rules of the same source in the same record and an overlapping group."""
    if key in got:
        return got[key]
    record, _, values = key[0].partition("|")
    want = set(values.split("/"))
    for (scope, source), rules in got.items():
        r, _, v = scope.partition("|")
        if source == key[1] and r == record and want & set(v.split("/")) and want >= set(v.split("/")):
            return rules
    return []


def score(vendor: str) -> dict[str, Any]:
    from endingnote.convert._draft import draft

    sample = ROOT / "converters" / vendor / SAMPLES[vendor]
    real = yaml.safe_load((ROOT / "converters" / vendor / "mapping.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:  # the draft sees the sample alone, in another folder
        copy = Path(tmp) / sample.name
        copy.write_bytes(sample.read_bytes())
        text = draft(copy, vendor=vendor)
    drafted = yaml.safe_load(text)
    want, got = _rules(real), _rules(drafted)
    right, wrong = 0, []
    for key, rules in want.items():
        for target, transforms in rules:
            scope_got = _find(got, key)
            if any(t == target and _same(transforms, ts) for t, ts in scope_got):
                right += 1
            else:
                wrong.append(
                    {"scope": key[0], "source": key[1], "want": target, "got": [t for t, _ in scope_got]}
                )
    total = sum(len(r) for r in want.values())
    return {
        "fields": total,
        "right": right,
        "share": round(right / total, 3) if total else 0.0,
        "wrong": wrong,
    }


def main() -> int:
    results = {v: score(v) for v in SAMPLES}
    total = sum(r["fields"] for r in results.values())
    right = sum(r["right"] for r in results.values())
    out = {
        "bench": "mapping_init",
        "share_right": round(right / total, 3),
        "fields": total,
        "right": right,
        "per_sample": {v: {k: r[k] for k in ("fields", "right", "share")} for v, r in results.items()},
    }
    if "-v" in sys.argv:
        out["wrong"] = {v: r["wrong"] for v, r in results.items()}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
