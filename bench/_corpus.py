"""A reproducible corpus of realistic ending notes of 10-30 KB, built from the catalogue's examples."""

from __future__ import annotations

import copy
import random
from typing import Any

import orjson

from endingnote.standard import get
from endingnote.standard._examples import build_example

_FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
_GIVEN = ["太郎", "花子", "一郎", "直子", "健", "美穂", "浩", "由美", "誠", "裕子"]


def _vary(node: Any, rng: random.Random) -> Any:
    """Perturb free-text values a little so documents differ (types and formats are kept)."""
    if isinstance(node, dict):
        return {k: _vary(v, rng) if k not in ("id", "standard") else v for k, v in node.items()}
    if isinstance(node, list):
        return [_vary(v, rng) for v in node]
    if isinstance(node, str) and len(node) > 30 and any("\u4e00" <= ch <= "\u9fff" for ch in node):
        return node + rng.choice(["", "。", "(追記あり)", "。家族に伝えてあります"])
    return node


def make_document(rng: random.Random, target_bytes: int) -> dict[str, Any]:
    std = get("1.0")
    base = build_example(std, full=True)
    doc = _vary(base, rng)
    doc["person"]["name"]["family"] = rng.choice(_FAMILY)
    doc["person"]["name"]["given"] = rng.choice(_GIVEN)
    repeating = [rt.key for rt in std.records.values() if rt.repeating and rt.key in doc]
    n = 2
    while len(orjson.dumps(doc)) < target_bytes and repeating:
        key = rng.choice(repeating)
        record = copy.deepcopy(doc[key][0])
        record["id"] = f"{key}-{n}"
        doc[key].append(_vary(record, rng))
        n += 1
    return doc


def corpus(count: int = 1000, seed: int = 20261126) -> list[bytes]:
    rng = random.Random(seed)
    return [orjson.dumps(make_document(rng, rng.randint(10_000, 30_000))) for _ in range(count)]
